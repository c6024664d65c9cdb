"""Sentence boundaries inside one paragraph, as character offsets into its text.

razdel (rule-based, made for Russian) proposes the boundaries for every
language: its rules (a full stop, question or exclamation mark, ellipsis,
possibly inside closing quotes or brackets, followed by a capital) hold for
English too, and it is fast enough for 10,000-paragraph texts. Its lists of
abbreviations are Russian, so the English titles and a few Russian forms it
misses are added here: a candidate boundary is dropped when the piece before it

- does not end with sentence-final punctuation (razdel splits ``30.X.62 V. KUZNETSOV``
  after a date, a signature line is no sentence of its own), or
- ends with an abbreviation that never ends a sentence (``Mr.``, ``Dr.``,
  ``Gen.``, ``тов.``, ``окт.``), or with an initial (``N.S.``, ``В.В.``), or
- ends with a day of the month written as an ordinal, and the next piece begins
  with the month (German dates: ``am 31. Oktober 1996``, ``4. Juni 2000``), or
- is a bullet or a capitalised word, and a number, opening the paragraph (``* 2.1.
  Getting started``, as the Debian Developer's Reference writes its contents; a
  caption's or heading's label, ``Table 1.1. List of ...``, ``Глава 8. Обновление
  пакета``): razdel keeps a number opening a paragraph with its item, but not after
  a bullet or a word.

A note reference stays with the sentence it follows. razdel reads ``wizard. ^[2]``
(as w3m and lynx write a superscript link) as two sentences, the second the bare
mark, and ``done.[1] Then`` (a reference set against the full stop, as copied web
pages have it) as one; the marks are read as spaces, so that razdel cuts between the
sentences, and then given to the sentence before them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import razdel

from aligner.core.sentences.lists import BULLETS

__all__ = [
    "LABELLED_NUMBER",
    "MONTH_AFTER_ORDINAL",
    "NOTE_AFTER_END",
    "NOTE_REFERENCE",
    "ORDINAL_DAY",
    "sentence_spans",
]

#: Sentence-final punctuation, possibly followed by closing quotes or brackets.
_FINAL_RE = re.compile(r"[.!?\u2026][\"'\u00bb\u201d\u2019)\]]*\s*$")
#: The last word of a piece with its full stop: ``Mr.``, ``p.m.``, ``N.S.``, ``тов.``.
_LAST_WORD_RE = re.compile(r"(?:^|[\s(\[\"\u00ab\u201c])([\w.]+)\.\s*$")
#: Titles and abbreviations that are followed by a name or a number, never by a new
#: sentence (English: the usual honorifics and reference words; Russian: forms razdel
#: does not know).
NON_FINAL_ABBREVIATIONS = frozenset(
    {
        # English
        "mr",
        "mrs",
        "ms",
        "messrs",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "capt",
        "cmdr",
        "adm",
        "maj",
        "sgt",
        "sen",
        "rep",
        "gov",
        "amb",
        "rev",
        "hon",
        "pres",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "vols",
        "pp",
        "fig",
        "figs",
        "art",
        "sec",
        "ch",
        "cf",
        "vs",
        "i.e",
        "e.g",
        "viz",
        "approx",
        "dept",
        "est",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        # Russian
        "тов",
        "г-н",
        "г-жа",
        "акад",
        "проф",
        "ген",
        "им",
        "ул",
        "пр",
        "пл",
        "стр",
        "рис",
        "янв",
        "фев",
        "февр",
        "мар",
        "апр",
        "авг",
        "сент",
        "окт",
        "нояб",
        "дек",
    }
)


#: A day of the month written as an ordinal: "31.", "4." (a pattern; the exported
#: segmentation rules use it too).
ORDINAL_DAY = r"(?:[1-9]|[012]\d|3[01])\."
#: The months, as the languages that write a day as an ordinal and capitalise the
#: month write them (German; Austrian "Jänner"), whole or abbreviated.
_MONTHS_AFTER_ORDINALS = (
    "Januar", "Jänner", "Februar", "Feber", "März", "April", "Mai", "Juni", "Juli", "August",
    "September", "Oktober", "November", "Dezember", "Jan", "Jän", "Feb", "Mär", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Okt", "Nov", "Dez",
)  # fmt: skip
#: One of those months, as a pattern.
MONTH_AFTER_ORDINAL = rf"(?:{'|'.join(_MONTHS_AFTER_ORDINALS)})\b"
#: A day as an ordinal ends the piece: "(31.", "am 4.".
_ORDINAL_DAY_RE = re.compile(rf"(?<![\w.]){ORDINAL_DAY}\s*$")
_MONTH_RE = re.compile(MONTH_AFTER_ORDINAL)


#: A note reference: "^[2]" anywhere (the form text browsers give a superscript link),
#: and "[2]" or superscript digits set against the word or mark before them ("done.[1]",
#: "done.²"; with a space before, "[1]" may open an item of a list). Up to three digits,
#: so that "[1962]" stays a year.
_SUPERSCRIPT_DIGITS = "[\u00b9\u00b2\u00b3\u2070\u2074-\u2079]+"
NOTE_REFERENCE = rf"\^\[\d{{1,3}}\]|(?<=\S)(?:\[\d{{1,3}}\]|{_SUPERSCRIPT_DIGITS})"
#: The same references as they follow a sentence's end, for the exported segmentation
#: rules: "^[2]" after a space or none, "[2]" and superscript digits set against it.
NOTE_AFTER_END = rf"\s*\^\[\d{{1,3}}\]|\[\d{{1,3}}\]|{_SUPERSCRIPT_DIGITS}"
_NOTE_RE = re.compile(NOTE_REFERENCE)


def _without_notes(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with each note reference blanked out (the same length), and where they were."""
    notes = [m.span() for m in _NOTE_RE.finditer(text)] if "[" in text or not text.isascii() else []
    if not notes:
        return text, notes
    parts, at = [], 0
    for start, end in notes:
        parts += [text[at:start], " " * (end - start)]
        at = end
    parts.append(text[at:])
    return "".join(parts), notes


def _with_notes(
    spans: list[tuple[int, int]], notes: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Each blanked note reference that lies between sentences given to the one before it
    (to the first sentence when it opens the text: a note's own text opens with its mark)."""
    out = list(spans)
    k = 0
    for start, end in notes:
        while k + 1 < len(out) and out[k + 1][0] <= start:
            k += 1
        if start >= out[k][1]:
            out[k] = (out[k][0], end)
        elif end <= out[k][0]:
            out[k] = (start, out[k][1])
    return out


#: A bullet and an item's number, or a label and its number, all the first piece of a
#: paragraph holds: "* 2.1.", "Table 1.1.", "Appendix A.".
_LABELLED_NUMBER_RE = re.compile(
    rf"\s*(?:[{BULLETS}]\s*|(?P<label>[^\W\d_]+)\s+)(?:(?:\d+|[IVXLCM]+|[A-Z])[.)])+\s*"
)
#: The same, as a pattern for the exported segmentation rules (Java's regular expressions).
LABELLED_NUMBER = (
    rf"^\s*(?:[{re.escape(BULLETS)}]\s*|\p{{Lu}}\p{{Ll}}*\s+)(?:(?:\d+|[IVXLCM]+|[A-Z])[.)])+"
)


def _labelled_number(piece: str) -> bool:
    """Whether a paragraph's first piece is a bullet or a capitalised label, and a number."""
    m = _LABELLED_NUMBER_RE.fullmatch(piece)
    return m is not None and (m.group("label") is None or m.group("label").istitle())


def _date_runs_on(piece: str, following: str) -> bool:
    """True when ``piece`` ends with a day written as an ordinal and ``following``
    begins with its month: "Peter Gerwinski (31." + "Oktober 1996)" is one sentence."""
    return _ORDINAL_DAY_RE.search(piece) is not None and _MONTH_RE.match(following) is not None


def _ends_sentence(piece: str) -> bool:
    if not _FINAL_RE.search(piece):
        return False
    m = _LAST_WORD_RE.search(piece)
    if m is None:
        return True
    word = m.group(1)
    if word.lower() in NON_FINAL_ABBREVIATIONS:
        return False
    # An initial or a run of initials: "N.S.", "В.В.", "V." (but not "USA." or "1962.").
    letters = word.split(".")
    return not all(len(part) == 1 and part.isalpha() and part.isupper() for part in letters)


@lru_cache(maxsize=1 << 16)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each sentence of ``text``, stripped, in order, covering all words.

    The spans index ``text`` itself; whitespace between sentences belongs to none.
    Cached by text: the same paragraph read twice is split once.
    """
    if not text.strip():
        return ()
    read, notes = _without_notes(text)
    if not read.strip():  # nothing but note marks
        return (_stripped(text, 0, len(text)),)
    pieces = [(s.start, s.stop) for s in razdel.sentenize(read)]
    spans: list[tuple[int, int]] = []
    for start, stop in pieces:
        if spans and (not _ends_sentence(before := read[spans[-1][0] : spans[-1][1]])
                      or _date_runs_on(before, read[start:stop].lstrip())
                      or (len(spans) == 1 and _labelled_number(before))):
            spans[-1] = (spans[-1][0], stop)
        else:
            spans.append((start, stop))
    stripped = [_stripped(read, s, e) for s, e in spans]
    return tuple(_with_notes(stripped, notes) if notes else stripped)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
