"""Turning document text into what the screen shows, always literally.

Textual and Rich read strings as markup: "[and]" or "[/]" in a paragraph would
vanish or crash the app. Every piece of user or document text passes through
this module and becomes a :class:`rich.text.Text` built from the plain string,
never parsed. Glossary terms are coloured here too, one colour per term.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

#: Term colours chosen to stay readable on both dark and light backgrounds.
TERM_COLOURS: tuple[str, ...] = (
    "#2f80ed", "#d35400", "#16a085", "#8e44ad", "#c0392b", "#b7950b", "#1f8a70", "#a93226",
)
PILCROW = " ¶ "


@dataclass(frozen=True)
class Span:
    """A stretch of a text to highlight as a glossary term."""

    start: int
    end: int
    term: str
    flagged: bool = False


def literal(text: str, style: str | Style = "") -> Text:
    """The text exactly as written (brackets and all), never read as markup."""
    return Text(text, style=style, end="")


def joined(paragraphs: Sequence[str], sep: str = PILCROW) -> Text:
    """Paragraphs of one link on one line, separated by a pilcrow, for the links table."""
    text = Text(end="")
    for i, para in enumerate(paragraphs):
        if i:
            text.append(sep, style="dim")
        text.append(para)
    return text


def term_colour(term: str, order: Sequence[str]) -> str:
    """The colour of a glossary entry: by its place in the glossary, stable across runs."""
    try:
        index = list(order).index(term)
    except ValueError:
        index = sum(map(ord, term))
    return TERM_COLOURS[index % len(TERM_COLOURS)]


def highlighted(text: str, spans: Iterable[Span], order: Sequence[str]) -> Text:
    """The text with each term span coloured; flagged renderings are underlined in red."""
    out = literal(text)
    for span in spans:
        if not 0 <= span.start < span.end <= len(text):
            continue  # a hit from another version of the text: never misplace colour
        colour = term_colour(span.term, order)
        style = Style(color=colour, bold=True)
        if span.flagged:
            style = Style(color=colour, bold=True, underline=True, bgcolor="#f5b7b1")
        out.stylize(style, span.start, span.end)
    return out


def label(*parts: tuple[str, str] | str) -> Text:
    """A line assembled from (text, style) pairs or plain strings, none parsed as markup."""
    out = Text(end="")
    for part in parts:
        if isinstance(part, tuple):
            out.append(part[0], style=part[1])
        else:
            out.append(part)
    return out


def one_line(text: str, width: int) -> str:
    """Text shortened to ``width`` cells with an ellipsis, for notifications and titles."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 0)] + "…"
