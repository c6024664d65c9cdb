"""The compare screen: paragraphs listed with similarities, the selected one shown with diffs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, Static

from aligner.core.compare import compare_alignments
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.terms import TermHit
from aligner.tui.compare_screen import CompareApp, CompareScreen, row_detail

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
OMITTED = 10


def _read(name: str, provenance: str = "unknown") -> Document:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    paragraphs = [p.replace("\n", " ").strip() for p in text.split("\n\n") if p.strip()]
    return Document(tuple(Segment(p) for p in paragraphs), "en", path=name, provenance=provenance)


def _alignments() -> list[Alignment]:
    original = _read("translation-a.en.txt", "reconstructed")
    n = len(original.segments)
    same = tuple(Link((i,), (i,)) for i in range(n))
    omit = tuple(Link((i,), ()) if i == OMITTED else Link((i,), (i - (i > OMITTED),))
                 for i in range(n))
    return [
        Alignment(original, _read("translation-a.en.txt"), same),
        Alignment(original, _read("translation-b.en.txt"), omit),
        Alignment(original, _read("translation-c.en.txt"), same),
    ]


def _literal_hits(alignment: Alignment, phrase: str):
    """A stand-in term matcher for one phrase, exact and case-sensitive."""
    for side in ("source", "target"):
        for i, seg in enumerate(getattr(alignment, side).segments):
            for m in re.finditer(re.escape(phrase), seg.text):
                rendering = "source" if side == "source" else "preferred"
                yield TermHit("un-presence", side, i, m.start(), m.end(), m.group(0), 1.0,
                              phrase, rendering)


@pytest.fixture(scope="module")
def comparison():
    return compare_alignments(_alignments())


def _detail(app: App) -> str:
    content = app.screen.query_one("#compare-text", Static).content
    assert isinstance(content, Text)
    return content.plain


async def test_rows_are_listed_and_the_first_is_shown(comparison):
    app = CompareApp(comparison)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#compare-rows", DataTable)
        assert table.row_count == 24
        assert _detail(app).startswith("¶0 original  (RECONSTRUCTION, not archival)\nWe are")
        banner = app.screen.query_one("#compare-banner", Static).content
        assert "RECONSTRUCTED: not an archival text" in str(banner)


async def test_keys_jump_to_the_missing_and_the_differing_paragraphs(comparison):
    app = CompareApp(comparison)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        detail = _detail(app)
        assert detail.startswith("¶10 original")
        assert "T2 translation-b.en.txt\n(missing from this translation)" in detail
        await pilot.press("n")
        await pilot.pause()
        assert _detail(app).startswith("¶14 original")
        assert "control machinery" in _detail(app)


async def test_the_detail_marks_the_changed_words(comparison):
    detail = row_detail(comparison, comparison.rows[20])
    struck = [detail.plain[s.start:s.end] for s in detail.spans if "strike" in str(s.style)]
    underlined = [detail.plain[s.start:s.end] for s in detail.spans
                  if "underline" in str(s.style)]
    assert struck == ["weaponry", "weaponry"] and underlined == ["armaments", "armaments"]


async def test_escape_asks_before_closing_the_screen_and_the_app(comparison):
    from aligner.tui.dialogs import ChoiceDialog

    app = CompareApp(comparison)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog) and app.is_running
        await pilot.press("escape")  # escape in the question: stay
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape", "enter")  # the first button: close
        await pilot.pause()
    assert app.return_code == 0


async def test_question_mark_shows_the_comparisons_keys(comparison):
    from aligner.tui.dialogs import ChoiceDialog
    from aligner.tui.screen_text import screen_text

    app = CompareApp(comparison)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        text = screen_text(app)
        assert "next paragraph missing from some translation" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)


async def test_the_terms_tab_lists_each_translations_wording(comparison):
    from aligner.core.glossary import Glossary, GlossaryEntry

    glossary = Glossary((GlossaryEntry("un-presence", "UN presence", "UN presence"),), "en", "en")

    def literal_hits(alignment, glossary):
        return list(_literal_hits(alignment, "UN presence"))

    with_terms = compare_alignments(_alignments(), glossary=glossary, find_hits=literal_hits)
    app = CompareApp(with_terms)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#compare-terms", DataTable)
        assert table.row_count == 1
        cells = [str(c) for c in table.get_row_at(0)]
        assert cells[:3] == ["UN presence → UN presence", "×3", "UN presence ×3"]
        assert cells[4] == "instead: United Nations presence ×3; not found ×3"
