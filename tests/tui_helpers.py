"""What the Pilot tests of the review workspace share: opening a saved file, letting it settle."""

from __future__ import annotations

from pathlib import Path

from aligner.io.store import load_alignment
from aligner.tui.app import AlignerApp, build_app


def make_app(path: Path, glossary: object = None) -> AlignerApp:
    return build_app(load_alignment(path), alignment_path=path, glossary=glossary)


async def settle(app: AlignerApp, pilot) -> None:
    """Until the workers an action started have finished and the screen has caught up."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def press(app: AlignerApp, pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)
