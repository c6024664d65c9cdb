"""The translator's editorial apparatus and the layout accidents of printed copies.

A translation of an archival document carries text that is not a rendering of
the original: bracketed insertions (``[and]``, ``[One could]``), translator's
notes (``[Translator's note: ...]``) and bracketed transliterations of the
original's words (``[ustuplena]``). They are taken out before lengths are
compared; a transliteration is kept aside as evidence pointing back to the
Russian word it renders. Printed copies also split a paragraph at a page break;
:func:`page_break_joins` finds such splits so both halves move as one unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_BRACKETED = re.compile(r"\[([^\[\]]{0,2000})\]")
_NOTE = re.compile(r"^\s*(translator'?s?|editor'?s?|ed\.|trans\.)\s*(note)?\s*[:.]", re.IGNORECASE)
_SOURCE_NOTE = re.compile(r"^\s*source\s*:", re.IGNORECASE)
_ONE_WORD = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)?$")
_FINAL_PUNCTUATION = frozenset('.!?…:;»"”’)]*—-–')
_SPACES = re.compile(r"\s+")
#: What opens a list item or a turn of dialogue: a bullet, a dash, or an enumerator
#: ("a)", "iv.", "12)"), followed by a space.
_ITEM_MARKER = re.compile(r"\s*([*•◦▪‣⁃●○■□+]|[-–—]|[^\W\d_]{1,4}[.)]|\d{1,3}[.)])\s")
#: Markers no running text opens with: a paragraph that does is a list item of its own.
_BULLETS = frozenset("*•◦▪‣⁃●○■□")


@dataclass(frozen=True)
class Cleaned:
    """A segment's text with the editorial apparatus taken out."""

    text: str
    """What the translator rendered: the text the length model compares."""
    transliterations: tuple[str, ...] = ()
    """Bracketed words that transliterate the original (``ustuplena``)."""
    insertions: tuple[str, ...] = ()
    """Bracketed words the translator added (``and``, ``One could``)."""
    notes: tuple[str, ...] = ()
    """Translator's or editor's notes, kept out of both length and evidence."""


def _looks_transliterated(inner: str, english_words: frozenset[str]) -> bool:
    """One lower-case word that is not a common English word: a rendering of the original."""
    word = inner.strip()
    if not _ONE_WORD.match(word) or not word.islower():
        return False
    return word not in english_words and len(word) >= 4


def clean_segment(text: str, english_words: frozenset[str] = frozenset()) -> Cleaned:
    """Split a segment into rendered text and bracketed apparatus."""
    translits: list[str] = []
    inserts: list[str] = []
    notes: list[str] = []

    def sort_out(match: re.Match[str]) -> str:
        inner = match.group(1)
        if _NOTE.match(inner) or _SOURCE_NOTE.match(inner):
            notes.append(inner.strip())
        elif _looks_transliterated(inner, english_words):
            translits.append(inner.strip())
        else:
            inserts.append(inner.strip())
        return " "

    if "[" not in text:
        return Cleaned(text)
    rendered = _SPACES.sub(" ", _BRACKETED.sub(sort_out, text)).strip()
    return Cleaned(rendered, tuple(translits), tuple(inserts), tuple(notes))


def ends_mid_sentence(text: str) -> bool:
    """True when a paragraph stops without closing punctuation (a page-break candidate)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _FINAL_PUNCTUATION and len(stripped) > 60


#: What may come before the first letter of a sentence's second half: opening quotes and
#: brackets, an ellipsis (or its three dots), a dash and its space. A table drawn in
#: characters ("+----| paquet"), a path ("/dists/frozen") or a shell prompt ("$ ping")
#: opens with something else.
_OPENING = frozenset("\"'«„“‘‚(<[….—–- ")


def starts_lower(text: str) -> bool:
    """True when a paragraph's first letter is lower case (it continues a sentence) and
    comes first, after opening quotes, brackets or a dash at most."""
    for ch in text.lstrip():
        if ch.isalpha():
            return ch.islower()
        if ch not in _OPENING:
            return False  # a digit, a table's border, a path, a prompt
    return False


def _item_marker(text: str) -> str | None:
    """The kind of list or dialogue marker a paragraph opens with: the bullet or dash
    itself, "a)" for a letter or Roman enumerator, "1)" for a number (None: no marker)."""
    match = _ITEM_MARKER.match(text)
    if match is None:
        return None
    marker = match.group(1)
    if marker[0].isdecimal():
        return "1" + marker[-1]
    if marker[0].isalpha():
        if not marker[:-1].islower() and len(marker) > 2:
            return None  # "Dr." or "USA." opens a sentence, not an item
        return "a" + marker[-1]
    return marker


def opens_new_item(before: str, after: str) -> bool:
    """True when ``after`` is the next item of a list or the next turn of a dialogue:
    it opens with a bullet, or with the dash or enumerator ``before`` opens with. Such
    an item may end with a comma or with "and" and the next begin in lower case
    ("* bo (Debian 1.3) was Bo Peep," / "* hamm (Debian 2.0) was ..."), which is not a
    page break."""
    marker = _item_marker(after)
    if marker is None:
        return False
    return marker in _BULLETS or marker == _item_marker(before)


#: The brackets a remark standing on its own is set in, and what closes each.
_CLOSING = {"(": ")", "[": "]"}


def is_one_remark(text: str) -> bool:
    """True when a paragraph is one remark in brackets, its closing bracket its end (a
    full stop after it at most): "(back to top)", "(I've added the line numbers.)". Such
    a paragraph stands on its own; the second half of a sentence a page break split
    goes on past any bracket it opens with ("(and the tables) too.")."""
    body = text.strip().removesuffix(".")
    if len(body) < 2 or body[0] not in _CLOSING or body[-1] != _CLOSING[body[0]]:
        return False
    opening, closing = body[0], body[-1]
    depth = 0
    for k, ch in enumerate(body):
        depth += (ch == opening) - (ch == closing)
        if depth == 0:
            return k == len(body) - 1
    return False


def page_break_between(before: str, after: str) -> bool:
    """True when two paragraphs are the halves of one split by a page break: the first
    stops mid-sentence, the second goes on in lower case, and it is not the next item
    of a list or turn of a dialogue, nor one remark in brackets."""
    return (
        ends_mid_sentence(before)
        and starts_lower(after)
        and not opens_new_item(before, after)
        and not is_one_remark(after)
    )


def page_break_joins(texts: Sequence[str]) -> tuple[bool, ...]:
    """For each segment, whether it and the next one are halves of one split paragraph
    (:func:`page_break_between`): both halves of a page break in a printed copy must
    land in one link."""
    return tuple(
        i + 1 < len(texts) and page_break_between(texts[i], texts[i + 1])
        for i in range(len(texts))
    )
