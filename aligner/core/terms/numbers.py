"""Numbers, dates and times of a text, read the same way in Russian and English.

What a historian checks first (the number and date checks of Xbench, Verifika,
memoQ QA): that every figure and date of the original is in the translation.
A text yields :class:`Quantity` values: dates (day and month, with a year when
one is written), times, and numbers. They may be written in digits (``25``,
``30.X.62``, ``10:30``) or in words (``twenty-fifth``, ``nineteen-year-old``,
``двадцать пятого``); months by name in every case (``октября``, ``октябре``),
in Roman numerals (``30.X.62``) or in digits (``30.10.62``). A value in words
on one side satisfies the same value in digits on the other; only values
written in digits (and dates) are reported when the other side lacks them,
because number words are also ordinary words ("one could", "first of all").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from aligner.core.align.tables import ROMAN_MONTHS
from aligner.core.terms.normalize import russian_keys


def _split(words: str) -> list[str]:
    return words.split()


_EN_MONTHS = _split("january february march april may june july august september october "
              "november december")
_EN_MONTH_RE = "|".join([*_EN_MONTHS, *(m[:3] + r"\.?" for m in _EN_MONTHS if len(m) > 3)])
#: Russian month stems; the ending is any case of the noun (октябрь, октября, октябре...).
_RU_MONTH_STEMS = ("январ", "феврал", "март", "апрел", "ма[йяюе]", "июн", "июл", "август",
                   "сентябр", "октябр", "ноябр", "декабр")
_RU_MONTH_RE = "|".join(f"{s}[а-яё]{{0,3}}" for s in _RU_MONTH_STEMS)
_MONTH_RE = re.compile(rf"\b(?:{_EN_MONTH_RE}|{_RU_MONTH_RE})\b", re.IGNORECASE)

_EN_UNITS = _split("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen")
_EN_TENS = _split("twenty thirty forty fifty sixty seventy eighty ninety")
_EN_ORDINAL_UNITS = _split("zeroth first second third fourth fifth sixth seventh eighth ninth "
                           "tenth "
                     "eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
                     "eighteenth nineteenth")
_EN_ORDINAL_TENS = _split("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth "
                   "ninetieth")
_EN_WORDS: dict[str, int] = {
    **{w: n for n, w in enumerate(_EN_UNITS)},
    **{w: 20 + 10 * n for n, w in enumerate(_EN_TENS)},
    **{w: n for n, w in enumerate(_EN_ORDINAL_UNITS)},
    **{w: 20 + 10 * n for n, w in enumerate(_EN_ORDINAL_TENS)},
    "hundred": 100, "hundredth": 100, "thousand": 1000, "thousandth": 1000,
}
#: English ordinal words (a day of the month is one of these).
_EN_ORDINALS = frozenset(_EN_ORDINAL_UNITS + _EN_ORDINAL_TENS)

_RU_UNITS = _split("ноль один два три четыре пять шесть семь восемь девять десять одиннадцать "
             "двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
             "восемнадцать девятнадцать")
_RU_TENS = _split("двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто")
_RU_ORDINAL_UNITS = _split("нулевой первый второй третий четвертый пятый шестой седьмой восьмой "
                     "девятый десятый одиннадцатый двенадцатый тринадцатый четырнадцатый "
                     "пятнадцатый шестнадцатый семнадцатый восемнадцатый "
                     "девятнадцатый")
_RU_ORDINAL_TENS = _split("двадцатый тридцатый сороковой пятидесятый шестидесятый семидесятый "
                    "восьмидесятый девяностый")
_RU_WORDS: dict[str, int] = {
    **{w: n for n, w in enumerate(_RU_UNITS)},
    **{w: 20 + 10 * n for n, w in enumerate(_RU_TENS)},
    **{w: n for n, w in enumerate(_RU_ORDINAL_UNITS)},
    **{w: 20 + 10 * n for n, w in enumerate(_RU_ORDINAL_TENS)},
    "сто": 100, "сотый": 100, "тысяча": 1000, "тысячный": 1000,
}
_RU_ORDINALS = frozenset(_RU_ORDINAL_UNITS + _RU_ORDINAL_TENS)

_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_DIGITS_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:(?:,|\u00a0| )\d{3})+(?![\d])|\d+(?:[.,]\d+)?")
_ROMAN_DATE_RE = re.compile(r"\b(\d{1,2})\.([IVX]{1,4})\.(\d{2,4})\b")
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b")
_TIME_RE = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")


@dataclass(frozen=True)
class Quantity:
    """One number, date or time of a text."""

    kind: str
    """``date``, ``time`` or ``number``."""
    value: tuple[int, ...] | float
    """(day, month) of a date, (hour, minute) of a time, the number itself otherwise."""
    text: str
    """As written."""
    start: int
    end: int
    digits: bool
    """Written in digits (reported when the other side lacks it); False for words."""
    year: int | None = None
    """The year written with a date, two digits (62 for 1962)."""


def _month_number(word: str) -> int | None:
    low = word.lower().rstrip(".")
    for n, name in enumerate(_EN_MONTHS, 1):
        if low == name or (len(low) >= 3 and name.startswith(low) and len(name) > 3):
            return n
    for n, stem in enumerate(_RU_MONTH_STEMS, 1):
        if re.fullmatch(f"{stem}[а-яё]{{0,3}}", low):
            return n
    return None


@lru_cache(maxsize=50_000)
def _word_value(word: str) -> tuple[int | None, bool]:
    """(value, is an ordinal) of one number word or hyphenated compound; (None, False)."""
    low = word.lower().replace("ё", "е")
    parts = low.split("-")
    # "nineteen-year-old", "twenty-five", "twenty-fifth"
    if len(parts) > 1 and parts[-2:] == ["year", "old"]:
        parts = parts[:-2]
    values = []
    ordinal = False
    for part in parts:
        if part in _EN_WORDS:
            values.append(_EN_WORDS[part])
            ordinal = part in _EN_ORDINALS
            continue
        lemma = _russian_number(part)
        if lemma is None:
            return None, False
        values.append(_RU_WORDS[lemma])
        ordinal = lemma in _RU_ORDINALS
    if not values:
        return None, False
    return _combine(values), ordinal


def _russian_number(word: str) -> str | None:
    if not re.fullmatch(r"[а-я]+", word):
        return None
    for key in russian_keys(word):
        if key in _RU_WORDS:
            return key
    return None


def _combine(values: list[int]) -> int:
    total = 0
    for v in values:
        if v in (100, 1000) and total:
            total *= v
        else:
            total += v
    return total


def _number_words(text: str) -> list[tuple[int, int, int, bool, str]]:
    """(start, end, value, ordinal, text) of runs of number words ("twenty five", "двадцать
    пятого")."""
    out: list[tuple[int, int, int, bool, str]] = []
    run: list[tuple[int, int, int, bool]] = []

    def close() -> None:
        if run:
            out.append((run[0][0], run[-1][1], _combine([r[2] for r in run]), run[-1][3],
                        text[run[0][0]:run[-1][1]]))
            run.clear()

    for m in _WORD_RE.finditer(text):
        value, ordinal = _word_value(m.group())
        gap = text[run[-1][1]:m.start()] if run else ""
        if value is None:
            if not (run and m.group().lower() in ("and", "и") and gap.strip() == ""):
                close()
            continue
        if run and (gap.strip() not in ("", "and", "и") or run[-1][3]):
            close()
        run.append((m.start(), m.end(), value, ordinal))
    close()
    return out


def _digit_value(token: str) -> float:
    if re.fullmatch(r"\d{1,3}(?:[,\u00a0 ]\d{3})+", token):
        return float(re.sub(r"[,\u00a0 ]", "", token))
    return float(token.replace(",", "."))


def _two_digit(year: str) -> int:
    return int(year) % 100


def _dates(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Dates: 30.X.62, 30.10.62, 27 октября, October 28, the twenty-fifth day of March."""
    found: list[Quantity] = []

    def add(day: int, month: int, start: int, end: int, digits: bool, year: int | None) -> None:
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(Quantity("date", (day, month), text[start:end], start, end, digits,
                                  year))
            taken.append((start, end))

    for m in _ROMAN_DATE_RE.finditer(text):
        if m.group(2) in ROMAN_MONTHS:
            add(int(m.group(1)), ROMAN_MONTHS[m.group(2)], m.start(), m.end(), True,
                _two_digit(m.group(3)))
    for m in _NUMERIC_DATE_RE.finditer(text):
        if not _inside(m.start(), m.end(), taken):
            add(int(m.group(1)), int(m.group(2)), m.start(), m.end(), True,
                _two_digit(m.group(3)))
    words = {(s, e): (v, o) for s, e, v, o, _ in _number_words(text)}
    for m in _MONTH_RE.finditer(text):
        month = _month_number(m.group())
        if month is None or _inside(m.start(), m.end(), taken):
            continue
        day = _day_before(text, m.start(), words) or _day_after(text, m.end())
        if day is None:
            continue
        value, start, end, digits = day
        start, end = min(start, m.start()), max(end, m.end())
        year_m = re.match(r",?\s*(\d{4})(?:\s*(?:г\.|года|год|году))?", text[end:])
        year = None
        if year_m:
            year, end = _two_digit(year_m.group(1)), end + year_m.end()
        add(value, month, start, end, digits, year)
    return found


def _day_before(text: str, month_start: int, words: dict) -> tuple[int, int, int, bool] | None:
    """The day written before a month: "27 октября", "25th of March", "twenty-fifth day of"."""
    before = text[:month_start]
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th|-?го|-?е)?\s+(?:(?:day\s+)?of\s+)?$", before,
                  re.IGNORECASE)
    if m:
        return int(m.group(1)), m.start(), month_start, True
    m = re.search(r"(\S+(?:\s+\S+)?)\s+(?:(?:day\s+)?of\s+)?$", before)
    if m:
        for (s, e), (value, ordinal) in words.items():
            if e == m.end(1) and (ordinal or value <= 31):
                return value, s, month_start, False
    return None


def _day_after(text: str, month_end: int) -> tuple[int, int, int, bool] | None:
    """The day written after a month: "October 28", "October 28th"."""
    m = re.match(r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*:)", text[month_end:])
    if m:
        return int(m.group(1)), month_end, month_end + m.end(), True
    return None


def _inside(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e or (s < end and start < e) for s, e in spans)


@lru_cache(maxsize=20_000)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every date, time and number of a text, in order."""
    taken: list[tuple[int, int]] = []
    found = _dates(text, taken)
    for m in _TIME_RE.finditer(text):
        if not _inside(m.start(), m.end(), taken):
            found.append(Quantity("time", (int(m.group(1)), int(m.group(2))), m.group(),
                                  m.start(), m.end(), True))
            taken.append((m.start(), m.end()))
    for m in _DIGITS_RE.finditer(text):
        if _inside(m.start(), m.end(), taken):
            continue
        token = m.group()
        found.append(Quantity("number", _digit_value(token), token, m.start(), m.end(), True))
    for start, end, value, _, written in _number_words(text):
        if not _inside(start, end, taken):
            found.append(Quantity("number", float(value), written, start, end, False))
    found.sort(key=lambda q: q.start)
    return tuple(found)


@dataclass(frozen=True)
class Mismatch:
    """A date or number of one side that the other side does not have."""

    kind: str
    """``date`` or ``number`` (times count as numbers)."""
    source: tuple[str, ...]
    """As written in the source (empty when only the target has something unmatched)."""
    target: tuple[str, ...]


def _numbers_of(qs: Iterable[Quantity]) -> set[float]:
    """Every value a side offers to the other: numbers, days, months and years of dates,
    hours and minutes of times, and 1962 as 62."""
    out: set[float] = set()
    for q in qs:
        if q.kind == "number":
            v = float(q.value)  # type: ignore[arg-type]
            out.add(v)
            if v.is_integer() and 1800 <= v < 2100:
                out.add(v % 100)
        else:
            out.update(float(x) for x in q.value)  # type: ignore[union-attr]
            if q.year is not None:
                out.add(float(q.year))
    return out


def compare(source: str, target: str) -> list[Mismatch]:
    """Dates and numbers of the source missing from the target, and the other way round.

    An unmatched date on each side is one mismatch showing both ("27 октября" against
    "28 October"); a date with no counterpart at all is reported alone. A number
    written in digits on one side is satisfied by the same value in digits or words,
    or inside a date, on the other.
    """
    qs, qt = quantities(source), quantities(target)
    src_dates = [q for q in qs if q.kind == "date"]
    tgt_dates = [q for q in qt if q.kind == "date"]
    unmatched_s = [q for q in src_dates if not any(
        t.value == q.value and (t.year is None or q.year is None or t.year == q.year)
        for t in tgt_dates)]
    unmatched_t = [q for q in tgt_dates if not any(
        s.value == q.value and (s.year is None or q.year is None or s.year == q.year)
        for s in src_dates)]
    out: list[Mismatch] = []
    if unmatched_s or unmatched_t:
        out.append(Mismatch("date", tuple(q.text for q in unmatched_s),
                            tuple(q.text for q in unmatched_t)))
    values_s, values_t = _numbers_of(qs), _numbers_of(qt)
    only_s = [q for q in qs if q.kind != "date" and q.digits and not _covered(q, values_t)]
    only_t = [q for q in qt if q.kind != "date" and q.digits and not _covered(q, values_s)]
    if only_s or only_t:
        out.append(Mismatch("number", tuple(q.text for q in only_s),
                            tuple(q.text for q in only_t)))
    return out


def _covered(q: Quantity, values: set[float]) -> bool:
    if q.kind == "time":
        return all(float(x) in values for x in q.value)  # type: ignore[union-attr]
    v = float(q.value)  # type: ignore[arg-type]
    return v in values or (v.is_integer() and 1800 <= v < 2100 and v % 100 in values)
