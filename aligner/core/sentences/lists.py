"""The items of a list written as the lines of one paragraph: each opens a sentence.

A table of contents or a list set without blank lines between its items is one
paragraph of the file, and its lines lose their breaks when the paragraph is read.
The sentence splitter then sees "4. Required files under the debian directory 4.1.
control 4.2. copyright" and cuts after the numbers ("... debian 4.1." / "Файл
control 4.2."), or not at all before a lower-case entry: each side differently, so
the entries of one table of contents are linked as 4-1 and 2-1 (the Debian New
Maintainers' Guide in Russian and English, bench/bench_debian_docs.py).

A paragraph is read as a list when its first line opens an item and another line
opens the next one:

- numbered items whose numbers follow each other as a list's do ("1.", "1.1.",
  "1.2.", "2."): a number opening a wrapped line of prose ("... born in" +
  "1962. He") does not follow the paragraph's "1.";
- or lines opening with the bullet the first line opens with ("* ", "• ").

Dashes are no bullets here: a line opening with a dash is as often a line of
dialogue or a wrapped sentence's dash.
"""

from __future__ import annotations

import re

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
    sub-item ("4." -> "4.1.") or the next item of its level or of one above it
    ("4.1." -> "4.2.", "4.4.3." -> "5."); after the numbered items, the first lettered
    one ("9.3." -> "A.", the appendices of a table of contents)."""
    if number == (*previous, 1) or (number == (_LETTERED + 1,) and previous[0] < _LETTERED):
        return True
    depth = len(number)
    return depth <= len(previous) and number == (*previous[: depth - 1], previous[depth - 1] + 1)


def item_starts(raw: str) -> list[int]:
    """Where in ``raw`` (a paragraph's lines as the file has them) each item of a list
    but the first begins; empty when the paragraph is no list."""
    if "\n" not in raw and "\r" not in raw:
        return []  # one line: no line opens anything
    # The first line must open an item: most paragraphs are answered here, unread.
    first = _ITEM_RE.match(raw)
    if first is None:
        return []
    found = [first, *_ITEM_RE.finditer(raw, first.end())]
    if first.group("bullet"):
        bullet = first.group("bullet")
        return [m.start("item") for m in found[1:] if m.group("bullet") == bullet]
    starts: list[int] = []
    previous = _number(first.group("number"))
    for m in found[1:]:
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
