"""What each segment offers the aligner: a comparable length, a punctuation profile, evidence keys.

Evidence keys live in one language-neutral space, so that a source and a
target segment that render each other share keys: numbers (``27``), months
(*27 October* / *27 октября* / *30.X.62*), ordinal paragraph markers (*First.* /
*Во-первых* / *Первое.*), abbreviations (*UN* / *ООН*), web and e-mail addresses, and
word keys from :func:`~aligner.core.align.translit.word_key` (cognates and names by
prefix).
Which keys count, and how much, is decided later from both documents together
(:mod:`aligner.core.align.anchors`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain

from aligner.core.align.editorial import clean_segment
from aligner.core.align.tables import (
    ABBREVIATIONS,
    COMMON_ENGLISH,
    MONTHS,
    ORDINALS,
    ROMAN_MONTHS,
    ROMAN_NUMERALS,
)
from aligner.core.align.translit import word_key, word_keys

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+", re.UNICODE)
_DIGIT = re.compile(r"\d")
_ROMAN_DATE = re.compile(r"\b(\d{1,2})\.([IVX]{1,4})\.(\d{2,4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b")
_OPENING_WORD = re.compile(r"^\W*([^\W\d_]+(?:-[^\W\d_]+)?)\s*[.,:;]")
_SECTION_NUMBER = re.compile(r"^\s*([IVX]{1,5})(?:\.\s|\.?\s*$)")
_DIALOGUE_DASH = re.compile(r"(?:^|[.!?,…]\s+)[—–-]\s")
_QUOTES = re.compile(r"[«»„“”\"]")
#: Web and e-mail addresses: a translation copies them as they are.
_ADDRESS = re.compile(
    r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s()<>\[\]«»\"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://(?:www\.)?|^www\.", re.IGNORECASE)
#: What a sentence may put right after an address, and a path's closing slash.
_ADDRESS_END = ".,;:!?/"

#: Word keys shorter than this carry too little to match by prefix.
MIN_WORD_KEY = 5
#: Length of the prefix a word key is kept with (survives inflection); cognates meet by
#: at most this many letters, fewer within one script (:mod:`.word_prefix`).
PREFIX = 5


@dataclass(frozen=True)
class SegmentFeatures:
    """The aligner's view of one segment."""

    length: int
    """Characters of the rendered text (editorial apparatus removed)."""
    keys: tuple[str, ...]
    """Distinct evidence keys, sorted: ``n:27``, ``m:10``, ``o:1``, ``a:un``, ``u:debian.org``,
    ``w:kastr`` (from ``[ustuplena]`` too). A tuple: far smaller than a set, and there is
    one per segment."""
    names: frozenset[str]
    """Full word keys of capitalised words, for fuzzy name matching."""
    profile: tuple[int, ...]
    """Counts of ? ! : ; ( and dialogue marks (quotes, dialogue dashes)."""
    ends_open: bool = False
    """The text stops without closing punctuation."""


def _number_keys(text: str) -> set[str]:
    """Day, month and year of dates written 30.X.62 or 30.10.62."""
    keys: set[str] = set()
    if "." not in text or _DIGIT.search(text) is None:
        return keys
    for day, roman, year in _ROMAN_DATE.findall(text):
        if roman in ROMAN_MONTHS:
            keys.update({f"n:{int(day)}", f"m:{ROMAN_MONTHS[roman]}", f"n:{int(year) % 100}"})
    for day, month, year in _NUMERIC_DATE.findall(text):
        if 1 <= int(month) <= 12:
            keys.update({f"n:{int(day)}", f"m:{int(month)}", f"n:{int(year) % 100}"})
    return keys


TokenInfo = tuple[tuple[str, ...], str | None, int | None]
"""(evidence keys, name key, month) of one token."""

#: Every token's :data:`TokenInfo` read so far (texts repeat their words), emptied when it
#: reaches this many entries, the size ``word_key``'s cache has, so that a long-lived
#: process does not grow without bound.
_KNOWN_LIMIT = 1 << 17
_KNOWN: dict[str, TokenInfo] = {}


def _number_info(tok: str) -> TokenInfo:
    digits = tok.replace(",", "").replace(".", "")
    keys = [f"n:{int(digits) if digits.isdecimal() and len(digits) < 12 else digits}"]
    if len(digits) == 4 and digits.startswith(("18", "19", "20")):
        keys.append(f"n:{int(digits) % 100}")  # 1962 in one text, '62 in the other
    return tuple(keys), None, None


def _learn(tokens: set[str]) -> None:
    """Add the tokens not yet known to :data:`_KNOWN`, their word keys computed together."""
    new = tokens.difference(_KNOWN)
    if not new:
        return
    if len(_KNOWN) + len(new) > _KNOWN_LIMIT:
        _KNOWN.clear()
        new = tokens
    words = [t for t in new if not t[0].isdecimal()]
    for tok in new:
        if tok[0].isdecimal():
            _KNOWN[tok] = _number_info(tok)
    for tok, key in zip(words, word_keys(words), strict=True):
        low = tok.lower()
        month = MONTHS.get(low) or MONTHS.get(low[:5])
        if tok.isupper() and len(tok) >= 2:
            _KNOWN[tok] = (f"a:{ABBREVIATIONS.get(tok, key)}",), None, month
            continue
        evidence = (f"w:{key[:PREFIX]}",) if len(key) >= MIN_WORD_KEY else ()
        name = key if tok[0].isupper() and len(key) >= 3 else None
        _KNOWN[tok] = evidence, name, month


def _token_keys(tokens: list[str]) -> tuple[set[str], set[str]]:
    """Evidence keys and capitalised-name keys from a token list."""
    if not tokens:
        return set(), set()
    distinct = set(tokens)
    _learn(distinct)
    # One pass in C over the distinct tokens' (keys, name, month) triples.
    evidence, found, months = zip(*map(_KNOWN.__getitem__, distinct), strict=True)
    keys = set(chain.from_iterable(evidence))
    names = set(found)
    names.discard(None)
    if tokens.count(tokens[0]) == 1:
        # A capital at the very start is the sentence's, not a name's.
        names.discard(_KNOWN[tokens[0]][1])
    if any(months):
        keys.update(_month_keys(tokens))
    return keys, names


def _month_keys(tokens: list[str]) -> set[str]:
    """Months named next to a number (27 October, 27 октября): a bare 'may' is not a date."""
    found = set()
    for pos, tok in enumerate(tokens):
        month = _KNOWN[tok][2]
        if month and any(t[0].isdecimal() for t in tokens[max(0, pos - 1) : pos + 2]):
            found.add(f"m:{month}")
    return found


def _address_keys(text: str) -> set[str]:
    """``u:debian.org/ports`` for each web or e-mail address, read without its scheme,
    "www.", case and closing punctuation: a translation keeps an address as it is, so
    one both sides hold is as telling as a number."""
    if "://" not in text and "www." not in text and "@" not in text:
        return set()
    keys = set()
    for found in _ADDRESS.findall(text):
        address = _SCHEME.sub("", found).rstrip(_ADDRESS_END).lower()
        if address:
            keys.add(f"u:{address}")
    return keys


def _ordinal_key(text: str) -> str | None:
    """``o:1`` for a paragraph opening with First. / Во-первых, / Первое. / I. / a lone "I"."""
    match = _OPENING_WORD.match(text)
    value = ORDINALS.get(match.group(1).lower()) if match else None
    if value is None:
        roman = _SECTION_NUMBER.match(text)
        value = ROMAN_NUMERALS.get(roman.group(1)) if roman else None
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
    keys |= _address_keys(cleaned.text)
    ordinal = _ordinal_key(cleaned.text)
    if ordinal:
        keys.add(ordinal)
    for word in cleaned.transliterations:
        # A bracketed transliteration points back to the original's word.
        keys.add(f"w:{word_key(word)[:PREFIX]}")
    stripped = cleaned.text.rstrip()
    return SegmentFeatures(
        length=len(cleaned.text),
        keys=tuple(sorted(keys)),  # sorted: the same alignment on every run
        names=frozenset(names),
        profile=_profile(cleaned.text),
        ends_open=bool(stripped) and stripped[-1].isalnum(),
    )
