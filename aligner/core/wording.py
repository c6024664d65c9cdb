"""Counts as people write them: "1 link", "2 links", never "1 links" or "link(s)"."""

from __future__ import annotations

#: Plurals that are not the singular plus "s".
IRREGULAR: dict[str, str] = {"match": "matches", "occurrence": "occurrences",
                             "entry": "entries", "bead": "beads"}


def plural(word: str, n: int) -> str:
    """The word in the form that goes with ``n``."""
    if n == 1:
        return word
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def count(n: int, word: str) -> str:
    """``count(1, "link")`` is "1 link"; ``count(3, "change")`` is "3 changes"."""
    return f"{n:,} {plural(word, n)}"
