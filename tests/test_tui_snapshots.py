"""Snapshots of the review workspace at 80x24 and 160x48 (fixed data, no animation).

Regenerate after a deliberate change of layout with ``pytest --snapshot-update``
and look at the SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.io.store import save_alignment
from aligner.tui.app import build_app
from aligner.tui.sample import sample_glossary, telegram_excerpt

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


def _app(tmp_path: Path, glossary: bool):
    path = tmp_path / "telegram-excerpt.json"
    save_alignment(telegram_excerpt(), path)
    from aligner.io.store import load_alignment

    return build_app(load_alignment(path), alignment_path=path,
                     glossary=sample_glossary() if glossary else None)


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_main_view(snap_compare, tmp_path, size):
    assert snap_compare(_app(tmp_path, False), terminal_size=size, run_before=_settled)


@pytest.mark.parametrize("size", SIZES)
def test_detail_pane_with_highlighted_terms(snap_compare, tmp_path, size):
    async def select_link_3(pilot) -> None:
        await _settled(pilot)
        await pilot.press("down", "down")
        await _settled(pilot)

    assert snap_compare(_app(tmp_path, True), terminal_size=size, run_before=select_link_3)


@pytest.mark.parametrize("size", SIZES)
def test_terms_panel(snap_compare, tmp_path, size):
    async def open_terms(pilot) -> None:
        await _settled(pilot)
        await pilot.press("t", "down", "enter")
        await _settled(pilot)

    assert snap_compare(_app(tmp_path, True), terminal_size=size, run_before=open_terms)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, tmp_path, size):
    async def open_help(pilot) -> None:
        await _settled(pilot)
        await pilot.press("question_mark")
        await _settled(pilot)

    assert snap_compare(_app(tmp_path, False), terminal_size=size, run_before=open_help)
