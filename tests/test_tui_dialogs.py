"""Every dialog can be used, and left, with the keyboard alone, and says how in its footer."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, TextArea

from aligner.io.store import load_alignment, save_alignment
from aligner.tui.app import AlignerApp, build_app
from aligner.tui.dialogs import (
    ChoiceDialog,
    ExportDialog,
    FilterDialog,
    PromptDialog,
    SearchDialog,
    SplitDialog,
)
from aligner.tui.revision_view import ReviseScreen
from aligner.tui.sample import telegram_excerpt
from aligner.tui.screen_text import screen_text
from tests.tui_helpers import settle

SIZE = (120, 48)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "telegram.json"
    save_alignment(telegram_excerpt(), path)
    return path


def make_app(path: Path, export_folder: Path | None = None) -> AlignerApp:
    return build_app(load_alignment(path), alignment_path=path,
                     export_folder=export_folder or path.parent)


def footer(app) -> str:
    return " ".join(str(label.content) for label in app.screen.query(".dialog-keys")
                    .results(Label))


@pytest.mark.parametrize("key,dialog", [
    ("g", PromptDialog), ("e", PromptDialog), ("slash", SearchDialog), ("f", FilterDialog),
    ("S", SplitDialog), ("x", ExportDialog), ("v", ReviseScreen),
])
async def test_every_dialog_shows_its_keys_and_escape_leaves_it(saved, key, dialog):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if key == "S":
            await pilot.press("g", "3", "enter")  # a 2:1 link, which can be split
        await pilot.press(key)
        await settle(app, pilot)
        assert isinstance(app.screen, dialog)
        keys = footer(app)
        assert "esc" in keys and ("tab" in keys or "←" in keys)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, dialog) and app.is_running
        assert not app.session.dirty


@pytest.mark.parametrize("key", ["f", "x", "slash", "S"])
async def test_tab_reaches_every_button_of_a_form(saved, key):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        if key == "S":
            await pilot.press("g", "3", "enter")
        await pilot.press(key)
        await settle(app, pilot)
        wanted = {b.id for b in app.screen.query(Button)}
        reached = set()
        for _ in range(40):
            await pilot.press("tab")
            focused = app.screen.focused
            if isinstance(focused, Button):
                reached.add(focused.id)
        assert reached == wanted


async def test_in_the_quit_dialog_right_then_enter_quits_without_saving(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "q")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert app.screen.focused.id == "choice-save"
        await pilot.press("right")
        assert app.screen.focused.id == "choice-discard"
        await pilot.press("right")
        assert app.screen.focused.id == "choice-cancel"
        await pilot.press("left", "enter")
        await pilot.pause()
    assert load_alignment(saved).links[0].status == "auto"  # not saved


async def test_escape_on_the_main_screen_asks_before_quitting_with_unsaved_work(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog) and "unsaved edits" in screen_text(app)
        await pilot.press("escape")  # escape in the dialog: cancel, keep working
        await settle(app, pilot)
        assert app.is_running and app.session.dirty
        await pilot.press("escape", "enter")  # the first button saves and quits
        await pilot.pause()
    assert load_alignment(saved).links[0].status == "confirmed"


async def test_escape_first_clears_a_filter(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Yugoslavia", "tab", "tab", "space", "tab", "enter")
        await settle(app, pilot)
        assert app.controller.view_filter.active
        await pilot.press("escape")
        await settle(app, pilot)
        assert not app.controller.view_filter.active and not isinstance(app.screen,
                                                                        ChoiceDialog)


async def test_the_revision_dialog_records_author_and_note(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        app.screen.query_one("#revise-author", Input).value = ""
        app.screen.query_one(TextArea).load_text("")
        await pilot.press(*"We ask you to reconsider.", "tab", *"jh", "tab", *"plainer",
                          "ctrl+s")
        await settle(app, pilot)
        rev = app.session.alignment.links[0].revision
    assert rev is not None and (rev.author, rev.note) == ("jh", "plainer")
    assert rev.text == "We ask you to reconsider."


async def test_the_export_dialog_has_the_filters_remembers_them_and_asks_to_overwrite(
        saved, tmp_path):
    out = tmp_path / "pairs.tsv"
    app = make_app(saved, export_folder=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        path = app.screen.query_one("#export-path", Input)
        assert path.value == str(tmp_path / "telegram.tmx")  # the working folder, not a repo
        path.value = str(out)
        await pilot.press("tab", "space")  # --confirmed
        await pilot.press("shift+tab", "enter")  # enter in the path field exports
        await settle(app, pilot)
        assert app.messages[-1].startswith(f"Exported 1 of 8 links as tsv to {out}")
        await pilot.press("x")
        await settle(app, pilot)
        assert app.screen.query_one("#export-path", Input).value == str(out)
        assert app.screen.query_one("#export-confirmed").value is True  # remembered
        await pilot.press("enter")  # the file exists now: the workspace asks
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog) and "Overwrite it?" in screen_text(app)
        assert "--force" not in screen_text(app)
        await pilot.press("enter")  # Overwrite
        await settle(app, pilot)
        assert app.messages[-1].startswith("Exported 1 of 8 links")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2  # header + the one confirmed link
