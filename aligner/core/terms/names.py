"""Proper names of a text, compared across scripts through transliteration and rapidfuzz.

A name is a capitalised word that does not open a sentence (English
capitalises demonyms, which are not names here), keyed by the aligner's
transliteration key (:func:`aligner.core.align.translit.word_key`: *Хрущеву*
and *Khrushchev* share ``hrushev...``). Two-word names with a one- or
two-letter part are one name: *У Тан* / *U Thant* are ``utan`` / ``utant``,
where *Тан* alone would be too short to compare by prefix. Initials (*Н.С.*,
*V.V.*) are not names themselves and do not make the surname after them open
a sentence. A name is present on the other side when a word there (or a short
word joined with the next one) has the same first letters, the same
consonant skeleton, or a rapidfuzz ratio of at least :data:`NAME_SIMILARITY`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from aligner.core.align.translit import word_key

__all__ = ["NAME_PREFIX", "known", "name_prefix", "names_in", "present", "word_keys"]



def _words(text: str) -> list[str]:
    return text.split()


_WORD_RE = re.compile(r"[^\W\d_]+")
_ROMAN_RE = re.compile(r"[IVXL]+")
_INITIAL_RE = re.compile(r"(?:^|[\s.])[^\W\d_]\.$")
#: Keys are compared by their first four letters: inflection changes the end of a name
#: (Хрущев, Хрущеву, Хрущевым), transliteration rarely its beginning.
NAME_PREFIX = 4
#: The shortest key a one-word name may have: shorter capitalised words are mostly
#: ordinary words opening a line of verse ("Then", "With", "Так"), not names.
MIN_NAME = 4
#: The shortest key of a name joined from a short part and the next word ("У Ну" / "U Nu").
MIN_JOINED = 3
#: rapidfuzz ratio at which two keys are one name spelt two ways (Тан / Thant: 86).
NAME_SIMILARITY = 75
#: One- and two-letter words that begin a sentence or a line of verse as ordinary words,
#: not as part of a name ("У нас", "В Гаване", "A Soviet", "Am I"): Russian prepositions,
#: conjunctions, pronouns and particles, English articles, pronouns and common short words.
_SHORT_WORDS = frozenset(_words(
    "а в и к о с у я во ко со из от до на по за не но же ли он мы вы ты да их ах ох то уж "
    "a i o an as at by in is it of on or to we he am be do go if me my no so up us oh"))
#: English titles before a name; not names themselves.
_TITLES = frozenset(_words("mr mrs ms dr sir st"))
#: English capitalises demonyms ("German", "Cuban"); Russian does not, so they are not names.
_DEMONYM_RE = re.compile(r"(?:an|ans|ian|ians|ese|ish|ic)$")
_OPENERS = " \u00a0\t\n\"'\u00ab\u201c\u201e(\u2014\u2013-"


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    if not before:
        return True
    return before[-1] in ".!?\u2026" and not _INITIAL_RE.search(before)  # "N.S. Khrushchev"


def _short_part(text: str, m: re.Match[str], following: re.Match[str] | None) -> bool:
    """A one- or two-letter capitalised word joined to the capitalised word after it."""
    word = m.group()
    if len(word) > 2 or not word[0].isupper() or following is None:
        return False
    between = text[m.end():following.start()]
    name = following.group()
    if between not in (" ", "\u00a0") or not name[0].isupper() or len(name) < 3:
        return False  # "Н.С. Хрущев": an initial, followed by its dot
    if word.isascii() != name.isascii() or _ROMAN_RE.fullmatch(word):
        return False  # "Сцена I Улица": a numeral
    if word.casefold() not in _SHORT_WORDS:
        return True
    # "У Тан" inside a sentence; "У нас" or "И Улица" opening a sentence or a line of verse
    line_start = text[:m.start()].rstrip(" \t\u00a0").endswith("\n")
    return not (line_start or _sentence_initial(text, m.start()))


@lru_cache(maxsize=20_000)
def names_in(text: str) -> dict[str, str]:
    """Name key -> the name as written, for the names of a text (see the module docstring)."""
    found: dict[str, str] = {}
    matches = list(_WORD_RE.finditer(text))
    skip = -1
    for n, m in enumerate(matches):
        if n == skip:
            continue
        following = matches[n + 1] if n + 1 < len(matches) else None
        if _short_part(text, m, following):
            assert following is not None
            key = word_key(m.group()) + word_key(following.group())
            if len(key) >= MIN_JOINED:
                found.setdefault(key, text[m.start():following.end()])
            skip = n + 1
            continue
        word = m.group()
        if not word[0].isupper() or word.isupper() or _sentence_initial(text, m.start()):
            continue
        if word.isascii() and (_DEMONYM_RE.search(word) or word.casefold() in _TITLES):
            continue
        key = word_key(word)
        if len(key) >= MIN_NAME:
            found.setdefault(key, word)
    return found


def name_prefix(key: str) -> str:
    """What a document's names are known by: the first :data:`NAME_PREFIX` letters."""
    return key[:NAME_PREFIX]


def known(key: str, prefixes: set[str]) -> bool:
    """Whether the other document uses this name somewhere (so its absence can be told)."""
    if key[:NAME_PREFIX] in prefixes:
        return True
    # a short name (Тан) is known when a name there begins with it (Thant)
    return len(key) < NAME_PREFIX and any(p.startswith(key) for p in prefixes)


def word_keys(text: str) -> set[str]:
    """Keys a name may be found under in a text: every word's, and a short word's joined
    with the next word's ("U Thant" as ``utant``, the way :func:`names_in` keys it)."""
    words = _WORD_RE.findall(text)
    keys = {word_key(w) for w in words}
    keys.update(word_key(a) + word_key(b) for a, b in zip(words, words[1:], strict=False)
                if len(a) <= 2)
    return keys


def _skeleton(key: str) -> str:
    return key[:1] + re.sub(r"[aeiouy]", "", key[1:])


def present(name_key: str, keys: set[str]) -> bool:
    """Whether a name's key is among the other side's keys, allowing inflection and spelling.

    Russian writes a foreign H as Г (Гавана / Havana, Гарвард / Harvard), so a key
    beginning with one is also looked for beginning with the other.
    """
    if name_key[:1] in _G_H:
        swapped = _G_H[name_key[:1]] + name_key[1:]
        return _present(name_key, keys) or _present(swapped, keys)
    return _present(name_key, keys)


_G_H = {"g": "h", "h": "g"}


def _present(name_key: str, keys: set[str]) -> bool:
    for key in keys:
        if key[:1] != name_key[:1]:
            continue
        if len(name_key) >= NAME_PREFIX and key[:NAME_PREFIX] == name_key[:NAME_PREFIX]:
            return True
        if key == name_key:
            return True
        # Пётр/Pyotr/Peter: transliteration schemes differ in vowels, not consonants
        if _skeleton(name_key)[:3] == _skeleton(key)[:3] and len(_skeleton(name_key)) >= 3:
            return True
        if fuzz.ratio(name_key, key[: len(name_key) + 1], processor=None,
                      score_cutoff=NAME_SIMILARITY):
            return True
    return False
