"""What each segment offers the aligner: a comparable length, a punctuation profile, evidence keys.

Evidence keys live in one language-neutral space, so that a source and a
target segment that render each other share keys: numbers (``27``), months
(*27 October* / *27 октября* / *30.X.62*), ordinal paragraph markers (*First.* /
*Во-первых* / *Первое.*), abbreviations (*UN* / *ООН*), and word keys from
:func:`~aligner.core.align.translit.word_key` (cognates and names by prefix).
Which keys count, and how much, is decided later from both documents together
(:mod:`aligner.core.align.anchors`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from aligner.core.align.editorial import clean_segment
from aligner.core.align.tables import (
    ABBREVIATIONS,
    COMMON_ENGLISH,
    MONTHS,
    ORDINALS,
    ROMAN_MONTHS,
)
from aligner.core.align.translit import word_key

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_ROMAN_DATE = re.compile(r"\b(\d{1,2})\.([IVX]{1,4})\.(\d{2,4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b")
_OPENING_WORD = re.compile(r"^\W*([^\W\d_]+(?:-[^\W\d_]+)?)\s*[.,:;]")
_DIALOGUE_DASH = re.compile(r"(?:^|[.!?,…]\s+)[—–-]\s")
_QUOTES = re.compile(r"[«»„“”\"]")

#: Word keys shorter than this carry too little to match by prefix.
MIN_WORD_KEY = 5
#: Length of the prefix under which cognates meet (survives inflection).
PREFIX = 5


@dataclass(frozen=True)
class SegmentFeatures:
    """The aligner's view of one segment."""

    length: int
    """Characters of the rendered text (editorial apparatus removed)."""
    keys: frozenset[str]
    """Evidence keys: ``n:27``, ``m:10``, ``o:1``, ``a:un``, ``w:kastr``, ``t:ustup``..."""
    names: frozenset[str]
    """Full word keys of capitalised words, for fuzzy name matching."""
    profile: tuple[int, ...]
    """Counts of ? ! : ; ( and dialogue marks (quotes, dialogue dashes)."""
    ends_open: bool = False
    """The text stops without closing punctuation."""


def _number_keys(text: str) -> set[str]:
    keys: set[str] = set()
    for day, roman, year in _ROMAN_DATE.findall(text):
        if roman in ROMAN_MONTHS:
            keys.update({f"n:{int(day)}", f"m:{ROMAN_MONTHS[roman]}", f"n:{int(year) % 100}"})
    for day, month, year in _NUMERIC_DATE.findall(text):
        if 1 <= int(month) <= 12:
            keys.update({f"n:{int(day)}", f"m:{int(month)}", f"n:{int(year) % 100}"})
    return keys


@lru_cache(maxsize=1 << 17)
def _word_info(tok: str) -> tuple[str | None, str | None, int | None]:
    """(evidence key, name key, month) of one word token, cached: texts repeat their words."""
    low = tok.lower()
    month = MONTHS.get(low) or MONTHS.get(low[:5])
    if tok.isupper() and len(tok) >= 2:
        return f"a:{ABBREVIATIONS.get(tok, word_key(tok))}", None, month
    key = word_key(tok)
    evidence = f"w:{key[:PREFIX]}" if len(key) >= MIN_WORD_KEY else None
    name = key if tok[0].isupper() and len(key) >= 3 else None
    return evidence, name, month


def _number_key(tok: str) -> list[str]:
    digits = tok.replace(",", "").replace(".", "")
    keys = [f"n:{int(digits) if digits.isdigit() and len(digits) < 12 else digits}"]
    if len(digits) == 4 and digits.startswith(("18", "19", "20")):
        keys.append(f"n:{int(digits) % 100}")  # 1962 in one text, '62 in the other
    return keys


def _token_keys(tokens: list[str]) -> tuple[set[str], set[str]]:
    """Evidence keys and capitalised-name keys from a token list."""
    keys: set[str] = set()
    names: set[str] = set()
    for pos, tok in enumerate(tokens):
        if tok[0].isdigit():
            keys.update(_number_key(tok))
            continue
        evidence, name, month = _word_info(tok)
        if evidence:
            keys.add(evidence)
        if name and pos > 0:
            names.add(name)
        if month and _next_to_number(tokens, pos):
            keys.add(f"m:{month}")
    return keys, names


def _next_to_number(tokens: list[str], pos: int) -> bool:
    near = tokens[max(0, pos - 1) : pos + 2]
    return any(t[0].isdigit() for t in near)


def _ordinal_key(text: str) -> str | None:
    """``o:1`` for a paragraph opening with First. / Во-первых, / Первое. / Erstens..."""
    match = _OPENING_WORD.match(text)
    value = ORDINALS.get(match.group(1).lower()) if match else None
    return f"o:{value}" if value else None


def _profile(text: str) -> tuple[int, ...]:
    dialogue = len(_DIALOGUE_DASH.findall(text)) + (len(_QUOTES.findall(text)) + 1) // 2
    return (
        text.count("?"),
        text.count("!"),
        text.count(":"),
        text.count(";"),
        text.count("("),
        dialogue,
    )


def segment_features(text: str) -> SegmentFeatures:
    """Length, evidence keys and punctuation profile of one segment's text."""
    cleaned = clean_segment(text, COMMON_ENGLISH)
    tokens = _TOKEN.findall(cleaned.text)
    keys, names = _token_keys(tokens)
    keys |= _number_keys(cleaned.text)
    ordinal = _ordinal_key(cleaned.text)
    if ordinal:
        keys.add(ordinal)
    for word in cleaned.transliterations:
        # A bracketed transliteration points back to the original's word.
        keys.add(f"w:{word_key(word)[:PREFIX]}")
    stripped = cleaned.text.rstrip()
    return SegmentFeatures(
        length=len(cleaned.text),
        keys=frozenset(keys),
        names=frozenset(names),
        profile=_profile(cleaned.text),
        ends_open=bool(stripped) and stripped[-1].isalnum(),
    )
