"""Parts of speech for Russian phrases, from pymorphy3, for term discovery.

A term is a noun phrase: adjectives, participles and nouns ending in a noun
(``гарантии безопасности Кубы``, ``наступательное оружие``). Other languages
are not tagged and every phrase passes.
"""

from __future__ import annotations

from functools import lru_cache

from aligner.core.terms.normalize import _morph, base_language, fold, tokenize

_MODIFIERS = frozenset({"ADJF", "PRTF", "NOUN"})
_NOUN_LIKE = frozenset({"NOUN"})


@lru_cache(maxsize=100_000)
def _tags(word: str) -> tuple[str, frozenset[str]]:
    """(part of speech, grammemes) of a word's most likely parse."""
    parse = _morph().parse(word)[0]
    return str(parse.tag.POS or ""), frozenset(str(parse.tag).replace(" ", ",").split(","))


def is_noun_phrase(phrase: str) -> bool:
    """True when the content words of a Russian phrase are modifiers ending in a noun."""
    tokens = tokenize(phrase, "ru")
    words = [t.text for t in tokens if not t.stop]
    if len(words) < 2 or any(len(w) < 2 for w in words):
        return False
    pos = [_tags(fold(w))[0] for w in words]
    if any(t.stop and fold(t.text) in ("и", "или", "а", "но") for t in tokens) and pos[0] != "ADJF":
        return False  # "Таном и американцами" is two things, "всеобщее и полное ..." one
    # acronyms (ООН, НАТО) parse as nouns or not at all; count them as nouns
    pos = ["NOUN" if w.isupper() and len(w) > 1 else p for w, p in zip(words, pos, strict=True)]
    return pos[-1] in _NOUN_LIKE and all(p in _MODIFIERS for p in pos)


@lru_cache(maxsize=100_000)
def _can_be_nominative(word: str) -> bool:
    return word.isupper() or any("nomn" in str(p.tag) for p in _morph().parse(word))


def nominative_like(phrase: str, language: str) -> bool:
    """True when every content word may be nominative: the form to show in a glossary."""
    if base_language(language) != "ru":
        return True
    words = [t.text for t in tokenize(phrase, "ru") if not t.stop]
    first_ok = bool(words) and _can_be_nominative(fold(words[0]))
    return first_ok and all(_can_be_nominative(w if w.isupper() else fold(w)) for w in words[:2])


def is_noun(word: str) -> bool:
    """True when a Russian word's most likely parse is a noun (acronyms count as nouns)."""
    if word.isupper() and len(word) > 1:
        return True
    return _tags(fold(word))[0] == "NOUN"
