"""The items of a list written as the lines of one paragraph: each opens a sentence.

A table of contents or a list set without blank lines between its items is one
paragraph of the file, and its lines lose their breaks when the paragraph is read.
The sentence splitter then sees "4. Required files under the debian directory 4.1.
control 4.2. copyright" and cuts after the numbers ("... debian 4.1." / "Файл
control 4.2."), or not at all before a lower-case entry: each side differently, so
the entries of one table of contents are linked as 4-1 and 2-1 (the Debian New
Maintainers' Guide in Russian and English, bench/bench_debian_docs.py).

A paragraph is read as a list when its first line opens an item, or a later one
opens a list's first ("1." or a bullet) under a heading ("Table of Contents",
"Installing Debian GNU/Linux 12 for amd64"), and another line opens the next one:

- numbered items whose numbers follow each other as a list's do ("1.", "1.1.",
  "1.2.", "2."): a number opening a wrapped line of prose ("... born in" +
  "1962. He") does not follow the paragraph's "1.";
- or lines opening with the bullet the first line opens with ("* ", "• ").

Dashes are no bullets here: a line opening with a dash is as often a line of
dialogue or a wrapped sentence's dash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["BULLETS", "item_starts"]

#: The bullets a list item may open with (asterisk, bullet, white bullet, triangular
#: bullet, small square): plain-text renderings of lists use these.
BULLETS = "*\u2022\u25e6\u2023\u25aa"

#: A line opening an item: indentation, then a number of the form "4." or "4.1." (an
#: appendix's "A." or "A.1."), or a bullet, then a space and the entry. A number without
#: its full stop is left out: it is how listings number their lines ("1 Source: gentoo"),
#: and a line of code is no sentence.
_ITEM_RE = re.compile(
    r"^[ \t]*(?P<item>(?P<number>(?:\d{1,3}|[A-Z])(?:\.\d{1,3})*)\."
    f"|(?P<bullet>[{BULLETS}]))[ \\t]+\\S",
    re.MULTILINE,
)


#: Where the numbers of lettered items begin: "A." is read as 1001, "B." as 1002, so
#: that they follow each other as numbers do and never a numbered item.
_LETTERED = 1000


def _follows(previous: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Whether ``number`` may come next after ``previous`` in a numbered list: its first
    sub-item ("4." -> "4.1."); the next item of its level or of one above it ("4.1." ->
    "4.2.", "4.4.3." -> "5."), or that item's first sub-item where a list of tables
    leaves the chapters out ("1.27." -> "2.1."); a list begun again, "1." ("4. Reminders
    for new users" -> "1. GNU/Linux tutorials": a preface's sections, then the
    chapters); after the numbered items, the first lettered one ("9.3." -> "A.", the
    appendices)."""
    if number in ((*previous, 1), (1,)):
        return True
    if number == (_LETTERED + 1,) and previous[0] < _LETTERED:
        return True
    for depth, (was, now) in enumerate(zip(previous, number, strict=False)):
        if now != was:
            return now == was + 1 and all(part == 1 for part in number[depth + 1 :])
    return False


#: A line opening a list's first item: "1." or a bullet.
_FIRST_ITEM_RE = re.compile(rf"^[ \t]*(?:1\.|[{BULLETS}])[ \t]+\S", re.MULTILINE)


def item_starts(raw: str) -> list[int]:
    """Where in ``raw`` (a paragraph's lines as the file has them) each item of a list
    begins, but the first when it opens the paragraph; empty when the paragraph is no list."""
    if "\n" not in raw and "\r" not in raw:
        return []  # one line: no line opens anything
    first = _ITEM_RE.match(raw)
    under_heading = first is None
    if first is None:
        later = _FIRST_ITEM_RE.search(raw)
        if later is None:
            return []
        first = _ITEM_RE.match(raw, later.start())
        if first is None:
            return []
    starts = _next_items(first, _ITEM_RE.finditer(raw, first.end()))
    # Under a heading, the first item opens a sentence too, when another one follows it.
    return [first.start("item"), *starts] if under_heading and starts else starts


def _next_items(first: re.Match[str], found: Iterable[re.Match[str]]) -> list[int]:
    """Where each line that opens the next item of ``first``'s list begins."""
    if first.group("bullet"):
        bullet = first.group("bullet")
        return [m.start("item") for m in found if m.group("bullet") == bullet]
    starts: list[int] = []
    previous = _number(first.group("number"))
    for m in found:
        if m.group("number") is None:
            continue
        number = _number(m.group("number"))
        if _follows(previous, number):
            starts.append(m.start("item"))
            previous = number
    return starts


def _number(text: str) -> tuple[int, ...]:
    head, *rest = text.split(".")
    first = int(head) if head.isdigit() else _LETTERED + ord(head) - ord("A") + 1
    return (first, *(int(part) for part in rest))
