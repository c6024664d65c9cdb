"""A document's script is read from the first letters of its text, and a tie goes to
the script whose letters come first, however the letters are counted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

from aligner.core.align import script
from aligner.core.align.script import dominant_script


def _letter_by_letter(texts: Sequence[str], sample: int) -> str | None:
    """The definition: each of the first ``sample`` letters counted for its script."""
    counts: Counter[str] = Counter()
    letters = [ch for text in texts for ch in text if ch.isalpha()][:sample]
    for ch in letters:
        counts[script._script_of(ord(ch))] += 1
    return counts.most_common(1)[0][0] if counts else None


CASES = [
    (["ab вг"], "Latin"),  # a tie: the script whose letters come first
    (["вг ab"], "Cyrillic"),
    (["", "1962", "ΔΣ", "ab"], "Greek"),
    (["12 — 34", "!"], None),
    (["日本 ab"], "other"),
    (["вгдеж", "abcdefgh"], "Latin"),
]


@pytest.mark.parametrize("texts, expected", CASES)
def test_the_script_of_the_letters(texts: list[str], expected: str | None) -> None:
    assert dominant_script(texts) == expected == _letter_by_letter(texts, script.SAMPLE_LETTERS)


def test_only_the_first_letters_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # Five letters sampled: the Cyrillic ones, though the Latin ones are more.
    monkeypatch.setattr(script, "SAMPLE_LETTERS", 5)
    texts = ["вгд 12", "еж abcdefgh", "ijklmnop"]
    assert dominant_script(texts) == "Cyrillic" == _letter_by_letter(texts, 5)
    texts = ["вгд ab", "cdefgh"]  # three of the five letters sampled are Cyrillic
    assert dominant_script(texts) == "Cyrillic" == _letter_by_letter(texts, 5)
