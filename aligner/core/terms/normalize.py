"""Tokens with character spans, and their lemma keys in Russian and English.

Russian inflects six cases in two numbers, so a term is compared by lemma:
pymorphy3 gives every plausible normal form of a word (``Кубы`` is ``куба`` or
``куб``) and two words match when their sets meet. English needs far less: a
light suffix stripper folds plurals and -ing/-ed forms. Other languages fall
back to case folding. The analyser is built once, lazily, because loading its
dictionaries costs a noticeable fraction of a second.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

#: A word: letters and digits, joined by apostrophes or hyphens ("counter-revolutionary").
TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_LATIN_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")

_EN_STOP = (
    "a an the of for to in on at by with from and or as into onto upon its their his her "
    "our your this that these those be is are was were"
)
_RU_STOP = (
    "в во на по для о об от до из к ко с со у за над под при и или а но же ли бы не "
    "как что его ее её их"
)
_PREPOSITIONS = (
    "of for to in on at by with from into onto upon about "
    "в во на по для о об от до из к ко с со у за над под при про через"
)
#: Prepositions: a gap behind one starts another phrase ("presence of journalists at the UN").
PREPOSITIONS = frozenset(_PREPOSITIONS.split())
#: Function words skipped when a term is compiled, and allowed inside a gap.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(_EN_STOP.split()),
    "ru": frozenset(_RU_STOP.split()),
}


class Token(NamedTuple):
    """One word of a segment: where it is and what it is compared by (a tuple: cheap to build)."""

    start: int
    end: int
    text: str
    keys: frozenset[str]
    """Lemma keys: a word matches a term word when their key sets meet."""
    stop: bool = False


def base_language(language: str) -> str:
    """``ru`` for ``ru-RU``; empty for unknown."""
    code = (language or "").split("-")[0].split("_")[0].lower()
    return "" if code in ("und", "") else code


def fold(word: str) -> str:
    """Case-folded, ё as е, accents and soft hyphens removed."""
    word = word.casefold().replace("ё", "е").replace("\u00ad", "").replace("’", "'")
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in "\u0300\u0301"))


def script_of(text: str) -> str:
    """``cyrillic``, ``latin`` or ``other``: the script most letters of the text are in."""
    cyr = len(_CYRILLIC_RE.findall(text))
    lat = len(_LATIN_RE.findall(text))
    if not cyr and not lat:
        return "other"
    return "cyrillic" if cyr >= lat else "latin"


@lru_cache(maxsize=1)
def _morph():  # type: ignore[no-untyped-def]
    import pymorphy3  # imported here: loading the dictionaries takes time

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=200_000)
def russian_keys(word: str) -> frozenset[str]:
    """Every normal form pymorphy3 proposes for a (folded) Russian word."""
    if not _CYRILLIC_RE.search(word):
        return frozenset({word})
    forms = {fold(p.normal_form) for p in _morph().parse(word)}
    return frozenset(forms or {word})


_EN_KEEP_WORDS = "news series species us this its was has is as process analysis crisis status"
_EN_KEEP = frozenset(_EN_KEEP_WORDS.split())


def _strip_plural(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "'s")):
        return word[:-2] if word.endswith("'s") else word
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=200_000)
def english_stem(word: str) -> str:
    """A light stem: plural -s/-es/-ies, -ing and -ed removed, final -e dropped."""
    if word in _EN_KEEP or len(word) <= 3:
        return word
    word = _strip_plural(word)
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "planned" -> "plan"
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]  # "dismantle" and "dismantling" meet at "dismantl"
    return word


def word_keys(word: str, language: str) -> frozenset[str]:
    """Lemma keys of one word in a language (folded first)."""
    folded = fold(word)
    lang = base_language(language)
    if lang == "ru" or (not lang and _CYRILLIC_RE.search(folded)):
        return russian_keys(folded)
    if lang == "en" or not lang:
        return frozenset({english_stem(folded)})
    return frozenset({folded})


def is_stopword(word: str, language: str) -> bool:
    return fold(word) in STOPWORDS.get(base_language(language), frozenset())


@lru_cache(maxsize=400_000)
def analyse(word: str, language: str) -> tuple[frozenset[str], bool]:
    """(lemma keys, is a stopword) of a word as it stands in a text; cached, texts repeat words."""
    stops = STOPWORDS.get(base_language(language), frozenset())
    return word_keys(word, language), fold(word) in stops


def tokenize(text: str, language: str) -> list[Token]:
    """Words of a text with their character spans and lemma keys."""
    out = []
    for m in TOKEN_RE.finditer(text):
        word = m.group()
        keys, stop = analyse(word, language)
        out.append(Token(m.start(), m.end(), word, keys, stop))
    return out
