"""The review app shows the selected link's revision as a word diff (the real app)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from aligner.core.revisions import set_revision
from aligner.io.store import load_alignment, save_alignment
from aligner.tui.app import AlignerApp, build_app
from aligner.tui.sample import telegram_excerpt
from aligner.tui.screen_text import screen_text

SIZE = (140, 72)  # tall enough for the whole detail pane of the link
LINK = 2  # "According to facts released by the UN secretariat ... [and] Yugoslavia ..."


@pytest.fixture
def revised_path(tmp_path: Path) -> Path:
    alignment = telegram_excerpt()
    link = alignment.links[LINK]
    original = alignment.target_text(link)
    assert "monitoring apparatus" in original
    revised = original.replace("monitoring apparatus", "control body", 1)
    alignment = set_revision(alignment, link.id, revised, author="jh", note="plainer",
                             time="2026-01-02T03:04:05+00:00")
    path = tmp_path / "telegram.json"
    save_alignment(alignment, path)
    return path


def _app(path: Path) -> AlignerApp:
    return build_app(load_alignment(path), alignment_path=path)


async def _select_revised_link(app: AlignerApp, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.press(*["down"] * LINK)
    await pilot.pause()


def _styled_words(app: AlignerApp, style: str) -> list[str]:
    content = app.screen.query_one("#detail-body", Static).content
    parts = content.renderables if isinstance(content, Group) else [content]
    return [t.plain[s.start:s.end] for t in parts if isinstance(t, Text)
            for s in t.spans if style in str(s.style)]


async def test_the_selected_links_revision_is_shown_as_a_word_diff(revised_path):
    app = _app(revised_path)
    async with app.run_test(size=SIZE) as pilot:
        await _select_revised_link(app, pilot)
        text = screen_text(app)
        assert "REVISION" in text and "jh" in text
        assert "monitoring apparatus" in text and "control body" in text
        assert "monitoring apparatus" in _styled_words(app, "strike")
        assert "control body" in _styled_words(app, "underline")


async def test_a_link_without_revision_shows_no_diff(revised_path):
    app = _app(revised_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "REVISION" not in screen_text(app)
        assert _styled_words(app, "strike") == []


def test_snapshot_of_the_app_showing_a_revision(revised_path, snap_compare):
    async def select(pilot) -> None:
        await _select_revised_link(pilot.app, pilot)

    assert snap_compare(_app(revised_path), terminal_size=SIZE, run_before=select)


async def test_v_opens_the_revision_dialog_and_saving_shows_the_diff(tmp_path):
    from textual.widgets import TextArea

    from aligner.tui.revision_view import ReviseScreen

    path = tmp_path / "telegram.json"
    save_alignment(telegram_excerpt(), path)
    app = _app(path)
    async with app.run_test(size=SIZE) as pilot:
        await _select_revised_link(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReviseScreen)
        editor = app.screen.query_one(TextArea)
        original = editor.text
        assert "monitoring apparatus" in original
        editor.text = original.replace("monitoring apparatus", "control body", 1)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        link = app.session.alignment.links[LINK]
        assert link.revision is not None and "control body" in link.revision.text
        assert app.session.alignment.target_text(link, " ") == original  # original untouched
        assert "control body" in _styled_words(app, "underline")
