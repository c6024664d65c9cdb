"""Decoding the bytes of a text file: byte-order marks, UTF-8, Russian 8-bit code pages.

Archive copies of Russian documents still come as Windows-1251, KOI8-R or DOS
(CP866) files. General-purpose detectors confuse these code pages on short
texts because all three decode any byte; what separates them is which bytes
become *lowercase* letters. A correctly decoded Russian text has the letter
frequencies of Russian (о, е, а, и, н, т ...) and words in lower, Title or
UPPER case; a wrongly decoded one has rare letters, words like ``кУЗНЕЦОВ``
and box-drawing symbols. That score decides between them cheaply.
charset-normalizer is asked only when neither UTF-8 nor a Cyrillic code page
fits (e.g. a Windows-1252 German text).

Refused: bytes of which NULs or other control characters are a real share
(binary files, or UTF-16 saved without a byte-order mark) and bytes no
encoding makes sense of. A few stray ones in a real text (a mis-decoded quote
left as U+009D) are noted with their offsets and left out of the segments. A
character whose UTF-8 bytes were read as Latin-1 and written as UTF-8 again ("—"
as "â" and the controls U+0080 U+0094) is noted too, and the segments read it as
the character it was.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.errors import TextLoadError
from aligner.io.normalize import STRAY_RE, mojibake_spans
from aligner.io.user_files import read_user_bytes

#: Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: 8-bit Cyrillic code pages tried on bytes that are not UTF-8, most common first.
CYRILLIC_CODEPAGES: tuple[str, ...] = ("cp1251", "koi8-r", "cp866")

#: Russian letter frequencies (per cent of letters in prose), to tell code pages apart.
_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04,
}
_LOG_FREQ = {c: math.log(f / 100) for c, f in _FREQ.items()}
#: Log-frequency of any other Cyrillic letter (Ukrainian і, Serbian ђ...): rare in Russian.
_LOG_RARE = math.log(0.0005)
_WORD_RE = re.compile(r"[\u0400-\u04ff]{2,}")
#: Characters a misdecoding produces and prose does not: box drawing, odd symbols.
_JUNK_RE = re.compile(
    r"[\u2500-\u259f\u00a4\u00a6\u00ac\u00ae\u00b1\u00b5\u00b6"
    r"\u2020\u2021\u2022\u2030\u2039\u203a\u20ac\u2122]"
)
#: A decoding scoring below this (mean log letter frequency, penalties included) is not Russian.
_MIN_CYRILLIC_SCORE = -4.0

#: Above this share of stray control characters (or of NUL bytes) a file is binary, not a
#: text with a few damaged characters: one in a hundred is far beyond any real text's strays.
BINARY_SHARE = 0.01
#: C0 control bytes but tab, line ends and form feed (ASCII, so alike in every 8-bit page).
_RAW_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
#: Places named in the warning about stray characters.
_NAMED_PLACES = 3

#: Legacy code pages accepted from charset-normalizer (European prose). Its other guesses
#: on non-UTF-8 bytes (EBCDIC, CJK multi-byte pages) are mostly wrong on such files.
_DETECTED_OK = frozenset(
    {
        "cp1250", "cp1252", "cp1253", "cp1254", "cp1257", "latin_1", "iso8859_2",
        "iso8859_4", "iso8859_7", "iso8859_9", "iso8859_13", "iso8859_15", "mac_roman",
        "mac_latin2",
    }
)

_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16 with BOM",
    "utf-32": "UTF-32 with BOM",
    "cp1251": "Windows-1251",
    "koi8-r": "KOI8-R",
    "cp866": "CP866 (DOS Cyrillic)",
}

_SUPPORTED = "UTF-8, UTF-16 with a byte-order mark, Windows-1251 or KOI8-R"


@dataclass(frozen=True)
class Decoded:
    """A file's text and the encoding that produced it."""

    text: str
    """The decoded text without its byte-order mark; line ends are kept as they were."""
    encoding: str
    """Python codec name (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1251``, ``koi8-r``...)."""
    strays: tuple[int, ...] = ()
    """Offsets in ``text`` of stray control characters, which segment texts leave out."""
    read_twice: tuple[tuple[int, int, str], ...] = ()
    """Runs of ``text`` that are a character read twice (start, end, the character),
    which segment texts read as the character."""


def encoding_label(encoding: str) -> str:
    """A reader's name for a codec name: ``cp1251`` -> ``Windows-1251``."""
    return _LABELS.get(encoding, encoding.upper())


def _case_is_odd(word: str) -> bool:
    """A word that is neither lower, UPPER nor Title case: the mark of a wrong code page."""
    return not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()))


def cyrillic_score(text: str) -> float:
    """How Russian a decoding looks; higher is better, ``-inf`` when it is not Cyrillic.

    The mean log-frequency of its Cyrillic letters (case-folded), less penalties
    for words in impossible case (``кУЗНЕЦОВ``) and for symbols that only
    misdecodings produce. Needs at least a third of the letters to be Cyrillic,
    so a Latin text with a few accented letters never passes for Russian.
    """
    letters = [c for c in text if c.isalpha()]
    cyrillic = [c.lower() for c in letters if "\u0400" <= c <= "\u04ff"]
    if not cyrillic or len(cyrillic) < len(letters) / 3:
        return -math.inf
    mean = sum(_LOG_FREQ.get(c, _LOG_RARE) for c in cyrillic) / len(cyrillic)
    words = _WORD_RE.findall(text)
    odd = sum(map(_case_is_odd, words)) / len(words) if words else 0.0
    # Capitals are a small share of real prose; wrong code pages swap the cases.
    upper = sum(w.isupper() for w in words) / len(words) if words else 0.0
    visible = sum(not c.isspace() for c in text) or 1
    junk = len(_JUNK_RE.findall(text)) / visible
    return mean - 3.0 * odd - 0.25 * upper - 20.0 * junk


def _check_strays(
    text: str, name: str, encoding: str, read_twice: list[tuple[int, int, str]]
) -> tuple[int, ...]:
    """Offsets of stray control characters (those of a character read twice are not);
    a file made largely of them is refused as binary."""
    inside = {k for start, end, _ in read_twice for k in range(start, end)}
    strays = tuple(m.start() for m in STRAY_RE.finditer(text) if m.start() not in inside)
    if len(strays) > BINARY_SHARE * len(text):
        first = text[strays[0]]
        raise TextLoadError(
            f"{name} contains {len(strays)} control characters such as U+{ord(first):04X} "
            f"(decoded as {encoding_label(encoding)}): it looks like a binary file; "
            f"give a plain-text file in {_SUPPORTED}"
        )
    return strays


def describe_strays(text: str, strays: tuple[int, ...], name: str) -> str:
    """One line saying how many stray characters were kept out of the text, and where."""
    codes = sorted({f"U+{ord(text[k]):04X}" for k in strays})
    noun = "character" if len(strays) == 1 else "characters"
    return (
        f"{name}: {len(strays)} stray control {noun} ({', '.join(codes[:_NAMED_PLACES])}) "
        f"left out of the text at {_places(text, strays)}; segment offsets still point "
        "into the file"
    )


def describe_read_twice(text: str, runs: tuple[tuple[int, int, str], ...], name: str) -> str:
    """One line saying how many characters read twice were read as what they were."""
    first_start, first_end, first = runs[0]
    noun = "character" if len(runs) == 1 else "characters"
    return (
        f"{name}: {len(runs)} {noun} written as UTF-8 twice ({text[first_start:first_end]!r} "
        f"for {first!r}) read as what they were at {_places(text, [r[0] for r in runs])}; "
        "the file is left as it is"
    )


def _places(text: str, offsets: Sequence[int]) -> str:
    """The first few of these offsets as lines and columns, and how many more there are."""
    places = []
    for offset in offsets[:_NAMED_PLACES]:
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        places.append(f"line {line} column {column} (offset {offset})")
    more = len(offsets) - len(places)
    return ", ".join(places) + (f" and {more} more" if more else "")


def _decode_bom(raw: bytes, name: str) -> Decoded | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                mark = codec.removesuffix("-sig").upper()
                raise TextLoadError(
                    f"{name} starts with a {mark} byte-order mark but "
                    f"byte {exc.start} does not decode; the file is damaged or mislabelled"
                ) from None
            # utf-8-sig strips the mark itself; utf-16/32 do too, a stray U+FEFF may remain.
            return Decoded(text.removeprefix("\ufeff"), codec)
    return None


def _decode_cyrillic(raw: bytes) -> Decoded | None:
    """The 8-bit Cyrillic code page whose decoding looks most like Russian, if any does."""
    best: tuple[float, str, str] | None = None
    sample = raw[: 1 << 16]
    for codec in CYRILLIC_CODEPAGES:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = cyrillic_score(text)
        if score >= _MIN_CYRILLIC_SCORE and (best is None or score > best[0]):
            best = (score, codec, text)
    if best is None:
        return None
    try:
        return Decoded(raw.decode(best[1]), best[1])
    except UnicodeDecodeError:  # the sample decoded, a later byte does not
        return None


def _decode_detected(raw: bytes) -> Decoded | None:
    """Ask charset-normalizer; None when it finds no coherent decoding."""
    from charset_normalizer import from_bytes

    # Results come best first; take the best one among the code pages trusted here.
    match = next((m for m in from_bytes(raw) if m.encoding in _DETECTED_OK), None)
    if match is None:
        return None
    codec = codecs.lookup(match.encoding).name
    try:
        return Decoded(raw.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(raw: bytes, name: str = "the text") -> Decoded:
    """Decode a text file's bytes, or raise :class:`TextLoadError` saying why not.

    Order: a byte-order mark decides; NUL bytes mean binary (or UTF-16 without
    a mark); valid UTF-8 is UTF-8; else the best-scoring Cyrillic code page;
    else charset-normalizer's guess. Every result is checked for stray control
    characters: a few are noted (segments leave them out), many mean binary.
    """
    decoded = _decode_bom(raw, name)
    if decoded is None:
        if raw.count(0) > BINARY_SHARE * len(raw):
            raise TextLoadError(
                f"{name} contains NUL bytes: it is a binary file, or UTF-16 saved without "
                f"a byte-order mark; give a plain-text file in {_SUPPORTED}"
            )
        controls = len(_RAW_CONTROLS.findall(raw))
        if controls > BINARY_SHARE * len(raw):  # the same bytes in every 8-bit encoding
            raise TextLoadError(
                f"{name} contains {controls} control characters: it looks like a binary file; "
                f"give a plain-text file in {_SUPPORTED}"
            )
        try:
            decoded = Decoded(raw.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            decoded = _decode_cyrillic(raw) or _decode_detected(raw)
    if decoded is None:
        raise TextLoadError(
            f"{name} cannot be decoded: it is not {_SUPPORTED}, nor any encoding that "
            "gives a readable text; convert it to UTF-8"
        )
    # A DOS end-of-file mark is an artefact of old copies, not text.
    text = decoded.text.rstrip("\x1a")
    read_twice = mojibake_spans(text)
    strays = _check_strays(text, name, decoded.encoding, read_twice)
    return Decoded(text, decoded.encoding, strays, tuple(read_twice))


def read_and_decode(path: Path) -> tuple[bytes, Decoded]:
    """Read a file and decode it; every way this can fail is a :class:`TextLoadError`."""
    raw = read_user_bytes(path, TextLoadError, "a text file")
    if not raw.strip():
        raise TextLoadError(f"{path} is empty; give a file with the text to align")
    return raw, decode_bytes(raw, str(path))
