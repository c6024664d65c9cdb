"""Transliteration and spelling normalisation, so that cognates and names compare across scripts.

Both sides of a pair go through :func:`word_key`: Cyrillic is transliterated,
then spellings that differ only by convention are folded (``kh``/``h``,
``c``/``k``, doubled letters, ``y``/``i``...). The result is not meant to be
read: it is a key under which *Хрущев* and *Khrushchev*, *Кастро* and *Castro*,
*революция* and *revolution* fall together (by prefix).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip

# Folds applied in order to the lower-case Latin form; each removes a difference
# that is a matter of spelling convention, not of the word (why: Russian names
# reach English through several transliteration schemes and Latin or Greek roots
# are spelled differently in each language).
_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sh"), ("sch", "sh"), ("tsch", "ch"), ("tch", "ch"), ("kh", "h"), ("ph", "f"),
    ("th", "t"), ("ck", "k"), ("qu", "kv"), ("q", "k"), ("ts", "c"), ("tz", "c"),
    ("x", "ks"), ("w", "v"), ("yu", "u"), ("ya", "a"), ("ye", "e"), ("j", "i"),
    ("y", "i"), ("ou", "u"), ("ei", "ai"), ("c", "k"), ("z", "s"), ("ß", "ss"),
)  # fmt: skip

_DOUBLE = re.compile(r"(.)\1+")


#: ``str.translate`` table of :data:`_CYRILLIC`: one pass in C over a whole text.
_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)

#: Joins words for :func:`word_keys`. No step of :func:`word_key` crosses it: the folds and
#: the doubled-letter rule match letters only, lower-casing and decomposition treat it as a
#: boundary (it is neither cased nor combining).
_SEPARATOR = "\n"

#: Combining marks met so far, as a ``str.translate`` table that deletes them.
_COMBINING: dict[int, None] = {}
_NOT_COMBINING: set[str] = set()


def transliterate(text: str) -> str:
    """Lower-case Latin rendering of Cyrillic letters; other characters pass through lower-cased."""
    return text.lower().translate(_CYRILLIC_TABLE)


def strip_accents(text: str) -> str:
    """Remove combining marks (é -> e, ü -> u), so French and German spellings meet."""
    if text.isascii():  # nothing to decompose (the common case once Cyrillic is transliterated)
        return text
    decomposed = unicodedata.normalize("NFD", text)
    new = set(decomposed) - _NOT_COMBINING
    for ch in new - _COMBINING.keys():
        if unicodedata.combining(ch):
            _COMBINING[ord(ch)] = None
        else:
            _NOT_COMBINING.add(ch)
    return decomposed.translate(_COMBINING)


def _fold(latin: str) -> str:
    for old, new in _FOLDS:
        if old in latin:
            latin = latin.replace(old, new)
    return _DOUBLE.sub(r"\1", latin)


@lru_cache(maxsize=1 << 17)  # vocabularies repeat: most calls are cache hits
def word_key(word: str) -> str:
    """The normalised spelling of a word, comparable across Russian, English, German, French."""
    return _fold(strip_accents(transliterate(word)))


def word_keys(words: Sequence[str]) -> list[str]:
    """:func:`word_key` of each word, computed over all of them at once.

    A document has tens of thousands of distinct words: each step runs once in C
    over the words joined, instead of once per word in Python.
    """
    joined = _SEPARATOR.join(words)
    if joined.count(_SEPARATOR) != max(len(words) - 1, 0):  # a word holds the separator
        return [word_key(w) for w in words]
    if not words:
        return []
    return _fold(strip_accents(transliterate(joined))).split(_SEPARATOR)
