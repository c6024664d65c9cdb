"""Document text is shown exactly as written: brackets are never read as markup."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from aligner.tui.render import Span, highlighted, joined, literal, one_line, term_colour
from aligner.tui.screen_text import screen_text

TRAPS = ["[sic]", "[/i]", "[/", "[b]x", "[bold]x[/bold]", "[/]", "[and]", "[One could]",
         "a [/ b", "[link=https://x]y[/link]", "[@click=app.quit]q[/]"]


@pytest.mark.parametrize("text", TRAPS)
def test_literal_keeps_every_character(text):
    assert literal(text).plain == text


def test_highlighting_colours_terms_without_changing_the_text():
    text = "U Thant wants [and] a UN apparatus"
    out = highlighted(text, [Span(0, 7, "u-thant"), Span(25, 27, "un", flagged=True)],
                      ["u-thant", "un"])
    assert out.plain == text
    styles = {(s.start, s.end): s.style for s in out.spans}
    assert styles[(0, 7)].color.name == term_colour("u-thant", ["u-thant", "un"])
    assert styles[(25, 27)].underline


def test_a_hit_outside_the_text_is_ignored_rather_than_misplaced():
    assert highlighted("short", [Span(3, 99, "x")], []).spans == []


def test_paragraphs_of_a_link_are_joined_with_a_pilcrow():
    assert joined(["[One could]", "[and]"]).plain == "[One could] ¶ [and]"
    assert one_line("a  b\nc", 80) == "a b c"
    assert one_line("abcdef", 4) == "abc…"


class _Literal(App):
    def compose(self) -> ComposeResult:
        for text in TRAPS:
            yield Static(literal(text))


async def test_markup_like_text_appears_literally_on_screen():
    app = _Literal()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
    for text in TRAPS:
        assert text in shown
