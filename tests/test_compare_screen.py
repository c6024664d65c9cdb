"""The compare screen: paragraphs listed with similarities, the selected one shown with diffs."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App
from textual.widgets import DataTable, Static

from aligner.core.compare import compare_alignments
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.tui.compare_screen import CompareScreen, row_detail

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
OMITTED = 10


def _read(name: str, provenance: str = "unknown") -> Document:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    paragraphs = [p.replace("\n", " ").strip() for p in text.split("\n\n") if p.strip()]
    return Document(tuple(Segment(p) for p in paragraphs), "en", path=name, provenance=provenance)


@pytest.fixture(scope="module")
def comparison():
    original = _read("translation-a.en.txt", "reconstructed")
    n = len(original.segments)
    same = tuple(Link((i,), (i,)) for i in range(n))
    omit = tuple(Link((i,), ()) if i == OMITTED else Link((i,), (i - (i > OMITTED),))
                 for i in range(n))
    return compare_alignments([
        Alignment(original, _read("translation-a.en.txt"), same),
        Alignment(original, _read("translation-b.en.txt"), omit),
        Alignment(original, _read("translation-c.en.txt"), same),
    ])


class _Host(App[None]):
    def __init__(self, comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.comparison))


def _detail(app: App) -> str:
    content = app.screen.query_one("#compare-text", Static).content
    assert isinstance(content, Text)
    return content.plain


async def test_rows_are_listed_and_the_first_is_shown(comparison):
    app = _Host(comparison)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#compare-rows", DataTable)
        assert table.row_count == 24
        assert _detail(app).startswith("¶0 original  (RECONSTRUCTION, not archival)\nWe are")
        banner = app.screen.query_one("#compare-banner", Static).content
        assert "RECONSTRUCTED: not an archival text" in str(banner)


async def test_keys_jump_to_the_missing_and_the_differing_paragraphs(comparison):
    app = _Host(comparison)
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


async def test_escape_closes_the_screen(comparison):
    app = _Host(comparison)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
