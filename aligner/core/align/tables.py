"""Small word tables the anchors need: months, ordinal markers, abbreviations.

They cover Russian, English, German and French, the languages of the bundled
document and of the benchmarks; any other pair still gets numbers, names and
cognates, which need no table.
"""

from __future__ import annotations

from aligner.core.align.translit import word_key

_MONTH_WORDS: dict[int, tuple[str, ...]] = {
    1: ("january", "январь", "января", "январе", "januar", "janvier"),
    2: ("february", "февраль", "февраля", "феврале", "februar", "février"),
    3: ("march", "март", "марта", "марте", "märz", "mars"),
    4: ("april", "апрель", "апреля", "апреле", "avril"),
    5: ("may", "май", "мая", "мае", "mai"),
    6: ("june", "июнь", "июня", "июне", "juni", "juin"),
    7: ("july", "июль", "июля", "июле", "juli", "juillet"),
    8: ("august", "август", "августа", "августе", "août"),
    9: ("september", "сентябрь", "сентября", "сентябре", "septembre"),
    10: ("october", "октябрь", "октября", "октябре", "oktober", "octobre"),
    11: ("november", "ноябрь", "ноября", "ноябре", "novembre"),
    12: ("december", "декабрь", "декабря", "декабре", "dezember", "décembre"),
}

#: Month by lower-case word (a word also matches by its first five letters).
MONTHS: dict[str, int] = {}
for _month, _words in _MONTH_WORDS.items():
    for _word in _words:
        MONTHS[_word] = _month
        if len(_word) > 5:
            MONTHS.setdefault(_word[:5], _month)

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV")
#: Roman numerals of section headings (``II``, ``IV.``).
ROMAN_NUMERALS: dict[str, int] = {r: i + 1 for i, r in enumerate(_ROMAN)}
#: Roman-numeral months of Russian dates such as ``30.X.62``.
ROMAN_MONTHS: dict[str, int] = {r: n for r, n in ROMAN_NUMERALS.items() if n <= 12}

_ORDINAL_WORDS: dict[int, tuple[str, ...]] = {
    1: ("first", "firstly", "во-первых", "первое", "erstens", "premièrement", "primo"),
    2: ("second", "secondly", "во-вторых", "второе", "zweitens", "deuxièmement", "secundo"),
    3: ("third", "thirdly", "в-третьих", "третье", "drittens", "troisièmement"),
    4: ("fourth", "fourthly", "в-четвертых", "в-четвёртых", "четвертое", "четвёртое", "viertens"),
    5: ("fifth", "fifthly", "в-пятых", "пятое", "fünftens", "cinquièmement"),
    6: ("sixth", "sixthly", "в-шестых", "шестое", "sechstens", "sixièmement"),
    7: ("seventh", "в-седьмых", "седьмое", "siebtens", "septièmement"),
}
#: Ordinal value of a paragraph-opening marker word (``First.``, ``Во-первых,``).
ORDINALS: dict[str, int] = {w: n for n, words in _ORDINAL_WORDS.items() for w in words}

_ABBREVIATIONS_RU_EN: dict[str, str] = {
    "ООН": "UN", "США": "USA", "СССР": "USSR", "НАТО": "NATO", "ЦРУ": "CIA", "ФРГ": "FRG",
    "ГДР": "GDR", "КПСС": "CPSU", "ОАГ": "OAS", "ОАР": "UAR", "МИД": "MFA", "ЮПИ": "UPI",
    "ФБР": "FBI", "ЕС": "EU", "МАГАТЭ": "IAEA", "ЮНЕСКО": "UNESCO", "ЦК": "CC", "ВМС": "USN",
    "КНР": "PRC", "ОВД": "WTO", "ТАСС": "TASS", "АП": "AP",
}  # fmt: skip
_ENGLISH_SYNONYMS: dict[str, str] = {"US": "USA", "U.S.": "USA", "PRC": "PRC", "ONU": "UN"}

#: Canonical key of an all-capitals abbreviation; others fall back to their word key.
ABBREVIATIONS: dict[str, str] = {
    **{ru: word_key(en) for ru, en in _ABBREVIATIONS_RU_EN.items()},
    **{en: word_key(canon) for en, canon in _ENGLISH_SYNONYMS.items()},
}

#: Common English words: a bracketed one is the translator's insertion, not a transliteration.
_COMMON_ENGLISH_TEXT = """a an and the of to in on at by for with from as or but nor not no yes
    is are was were be been being it its this that these those he she they we you i his her
    their our your them us
    him me my one could would should will shall may might must can do does did have has had
    there here then than so such which who whom what when where why how also only even still
    yet already said says say made make about into upon over under after before between
    against during without within through again"""
COMMON_ENGLISH: frozenset[str] = frozenset(_COMMON_ENGLISH_TEXT.split())
