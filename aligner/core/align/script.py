"""Which writing system a document is in, read from its letters.

Word keys (:mod:`.translit`) compare words across scripts by transliterating
them; between two texts in one script they compare words as written. How many
letters of a key make a reliable cognate differs between the two cases
(:mod:`.word_prefix`), so the aligner asks whether both documents share a script.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

#: Letters read from each document: a page or so decides its script, and reading a
#: whole archive-sized text for this would cost more than aligning it.
SAMPLE_LETTERS = 20_000

#: Unicode blocks of the scripts told apart, as (first, last, name); the rest is "other".
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latin"),  # Basic Latin letters to Latin Extended-B
    (0x0370, 0x03FF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),  # with the Cyrillic Supplement
    (0x0530, 0x058F, "Armenian"),
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x1E00, 0x1EFF, "Latin"),  # Latin Extended Additional (Vietnamese, Welsh)
    (0x1F00, 0x1FFF, "Greek"),  # Greek Extended (polytonic)
)


# Kept by code point: a few alphabets hold a text's letters (a CJK text would evict some).
@lru_cache(maxsize=1 << 12)
def _script_of(code: int) -> str:
    for first, last, name in _BLOCKS:
        if first <= code <= last:
            return name
    return "other"


def dominant_script(texts: Sequence[str]) -> str | None:
    """The script most of the first :data:`SAMPLE_LETTERS` letters of ``texts`` are in,
    or None for a text without letters."""
    counts: Counter[str] = Counter()
    seen = 0
    for text in texts:
        letters = "".join(filter(str.isalpha, text))
        # Each distinct letter classified once, with its count (a text repeats a few dozen
        # letters): the sentence level asks this of every window it re-aligns, and letter
        # by letter it took a twentieth of that level. Scripts enter ``counts`` in the
        # order their first letter comes, as letter by letter, so ties resolve alike.
        for letter, count in Counter(letters[: SAMPLE_LETTERS - seen]).items():
            counts[_script_of(ord(letter))] += count
        seen += len(letters)
        if seen >= SAMPLE_LETTERS:
            break
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def same_script(source: Sequence[str], target: Sequence[str]) -> bool:
    """Whether both documents are mostly written in one script (and it is known)."""
    script = dominant_script(source)
    return script is not None and script != "other" and script == dominant_script(target)
