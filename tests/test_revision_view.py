"""Revisions in the UI: the word diff as terminal text, and the dialog that edits a revision."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Label, Static, TextArea

from aligner.core.model import Alignment, Document, Flag, Link, Revision, Segment
from aligner.core.revisions import TermEffect
from aligner.core.wordiff import word_diff
from aligner.tui.revision_view import (
    ReviseScreen,
    RevisionAnswer,
    RevisionView,
    diff_text,
    revision_text,
    term_effect_text,
)

ORIGINAL = (
    "According to facts released by the UN secretariat, U Thant wants to create a monitoring "
    "apparatus composed of representatives from a selection of neutral countries belonging to "
    "the UN--Sweden, Ethiopia, the United Arab Republic, Mexico, Brazil, [and] Yugoslavia, "
    "and also Switzerland."
)
REVISED = ORIGINAL.replace("monitoring apparatus", "control body").replace("[and] ", "and ")


def _styled(text: Text, word: str) -> list[str]:
    return [text.plain[s.start:s.end] for s in text.spans if word in str(s.style)]


def test_deletions_are_struck_and_insertions_underlined():
    text = diff_text(word_diff(ORIGINAL, REVISED))
    # The editor's brackets around "[and]" are tokens of their own: only they are deleted.
    assert _styled(text, "strike") == ["monitoring apparatus", "[", "]"]
    assert _styled(text, "underline") == ["control body"]
    assert "a monitoring apparatus control body composed" in text.plain
    assert "Brazil, [and] Yugoslavia" in text.plain


def test_the_revision_text_names_author_time_counts_and_note():
    doc = Document((Segment(ORIGINAL),), "en")
    link = Link((0,), (0,), revision=Revision(REVISED, "jh", "2026-01-02T03:04:05+00:00",
                                              "[sic] plainer"))
    al = Alignment(Document((Segment("Первое."),), "ru"), doc, (link,))
    text = revision_text(al, al.links[0])
    assert text.plain.startswith("Revision by jh  2026-01-02T03:04:05+00:00  −4 +2 words\n")
    assert text.plain.endswith("\nNote: [sic] plainer")
    plain = Alignment(al.source, doc, (Link((0,), (0,)),))
    assert revision_text(plain, plain.links[0]).plain == "No revision proposed for this link."


def test_the_term_effect_says_what_the_revision_fixes_and_breaks():
    fixed = Flag("variant", "monitoring", "'monitoring apparatus' is a variant [sic]")
    broken = Flag("missing", "un-presence", "no rendering of 'присутствие ООН'")
    text = term_effect_text(TermEffect(fixed=(fixed,), introduced=(broken,), kept=()))
    assert text.plain.splitlines() == [
        "Revision fixes variant monitoring: 'monitoring apparatus' is a variant [sic]",
        "Revision introduces missing un-presence: no rendering of 'присутствие ООН'",
    ]
    assert term_effect_text(TermEffect((), (), ())).plain == (
        "No term findings before or after the revision."
    )


class _ReviseHost(App[None]):
    def __init__(self, current: str | None = None) -> None:
        super().__init__()
        self.current = current
        self.results: list[str | None] = []

    def on_mount(self) -> None:
        self.push_screen(ReviseScreen(ORIGINAL, self.current), self.results.append)


async def test_the_dialog_previews_the_diff_and_saves_the_new_wording():
    app = _ReviseHost()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one(TextArea)
        assert editor.text == ORIGINAL and editor.has_focus
        preview = app.screen.query_one("#revise-preview", Static)
        assert "no change" in preview.content.plain
        editor.move_cursor(editor.document.end)
        editor.insert(" [Urgent.]")
        await pilot.pause()
        assert _styled(preview.content, "underline") == ["[Urgent.]"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.results == [RevisionAnswer(ORIGINAL + " [Urgent.]")]


async def test_the_dialog_is_driven_by_keys_only_with_author_and_note():
    app = _ReviseHost()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(".dialog-keys", Label).content
        assert "ctrl+s: save" in str(footer) and "esc: cancel" in str(footer)
        editor = app.screen.query_one(TextArea)
        editor.move_cursor(editor.document.end)
        await pilot.press(*" Now.")
        await pilot.press("tab", *"jh", "tab", *"plainer")  # tab leaves the text area
        await pilot.press("tab")
        assert app.screen.focused.id == "revise-save"
        await pilot.press("right")
        assert app.screen.focused.id == "revise-cancel"
        await pilot.press("left", "enter")
        await pilot.pause()
    assert app.results == [RevisionAnswer(ORIGINAL + " Now.", "jh", "plainer")]


async def test_the_dialog_starts_from_the_current_revision_and_cancels():
    app = _ReviseHost(current=REVISED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == REVISED
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_an_empty_revision_is_not_saved():
    app = _ReviseHost()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(TextArea).clear()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviseScreen) and app.results == []


def _alignment() -> Alignment:
    ru = Document((Segment("Согласно данным секретариата ООН..."), Segment("Просим рассмотреть.")),
                  "ru", provenance="reconstructed")
    en = Document((Segment(ORIGINAL), Segment("We request your examination.")), "en")
    links = (Link((0,), (0,), revision=Revision(REVISED, "jh", "2026-01-02T03:04:05+00:00")),
             Link((1,), (1,)))
    return Alignment(ru, en, links)


class LinksHost(App[None]):
    """A links table and the revision of the highlighted link."""

    def __init__(self) -> None:
        super().__init__()
        self.alignment = _alignment()

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", id="links")
        yield RevisionView(id="revision")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("#", "Target")
        table.add_rows([Text(str(i)), Text(self.alignment.target_text(lk)[:60])]
                       for i, lk in enumerate(self.alignment.links))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        link = self.alignment.links[event.cursor_row]
        self.query_one(RevisionView).show(self.alignment, link)


async def test_the_highlighted_links_revision_is_shown_as_a_diff():
    app = LinksHost()
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        shown = app.query_one(RevisionView).content
        assert _styled(shown, "strike") == ["monitoring apparatus", "[", "]"]
        await pilot.press("down")
        await pilot.pause()
        assert app.query_one(RevisionView).content.plain == "No revision proposed for this link."


def test_snapshot_of_a_revision_diff(snap_compare):
    assert snap_compare(LinksHost(), terminal_size=(100, 16))
