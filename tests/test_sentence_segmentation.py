"""Paragraphs split into sentences: the hard cases of both languages, and offsets that hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.core.model import Segment
from aligner.core.sentences import sentence_spans, split_segment
from aligner.io.texts import load_document, parse_document_text

TELEGRAM = Path(__file__).resolve().parents[1] / "texts" / "kuznetsov-zorin-1962-10-30"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kennedy wrote to Comrade N.S. Khrushchev on 27 October. He replied.",
            ["Kennedy wrote to Comrade N.S. Khrushchev on 27 October.", "He replied."],
        ),
        ("30.X.62 V. KUZNETSOV V. ZORIN", ["30.X.62 V. KUZNETSOV V. ZORIN"]),
        (
            "It was sent on 30.X.62 from New York. It arrived.",
            ["It was sent on 30.X.62 from New York.", "It arrived."],
        ),
        (
            "[One could] make this conditional. [And] then we wait.",
            ["[One could] make this conditional.", "[And] then we wait."],
        ),
        ('He said "Stop it." Then he left.', ['He said "Stop it."', "Then he left."]),
        ('He asked: "Why?" She did not answer.', ['He asked: "Why?"', "She did not answer."]),
        (
            "Mr. Smith, Dr. Jones and Gen. Lee came at 5 p.m. to the U.N. building.",
            ["Mr. Smith, Dr. Jones and Gen. Lee came at 5 p.m. to the U.N. building."],
        ),
        (
            "The monitoring (i.e. the inspection) takes a week. It ends.",
            ["The monitoring (i.e. the inspection) takes a week.", "It ends."],
        ),
        (
            "Stable is a link to bullseye (i.e. Debian 11). Use a tool, e.g. Aptitude. Done.",
            ["Stable is a link to bullseye (i.e. Debian 11).", "Use a tool, e.g. Aptitude.",
             "Done."],
        ),
        (
            "First. From talks with U Thant we learnt.",
            ["First.", "From talks with U Thant we learnt."],
        ),
    ],
)
def test_english_hard_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Телеграмма В.В. Кузнецова и В.А. Зорина. Передана 30.X.62 в Нью-Йорк.",
            ["Телеграмма В.В. Кузнецова и В.А. Зорина.", "Передана 30.X.62 в Нью-Йорк."],
        ),
        ("Он сказал: «Нет.» Потом ушёл.", ["Он сказал: «Нет.»", "Потом ушёл."]),
        ("См. т. 5, с. 12 и т.д. Далее текст.", ["См. т. 5, с. 12 и т.д.", "Далее текст."]),
        ("Было 27 окт. 1962 года. Утро.", ["Было 27 окт. 1962 года.", "Утро."]),
        ("Приехал тов. Громыко. Встреча прошла.", ["Приехал тов. Громыко.", "Встреча прошла."]),
        (
            "[Можно было бы] обусловить это. Далее мы ждём.",
            ["[Можно было бы] обусловить это.", "Далее мы ждём."],
        ),
        (
            "США (т.е. Белый дом) согласились. Хорошо!",
            ["США (т.е. Белый дом) согласились.", "Хорошо!"],
        ),
        ("Во-первых. Из бесед с У Таном.", ["Во-первых.", "Из бесед с У Таном."]),
    ],
)
def test_russian_hard_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_index_the_paragraph_and_the_file() -> None:
    raw = "First line of a sen-\ntence here.  Second\n   sentence, with N.S. Khrushchev."
    doc = parse_document_text(raw + "\n\nNext paragraph.\n", language="en", sentences="auto")
    segment = doc.segments[0]
    assert [segment.sentence_text(s) for s in segment.sentences] == [
        "First line of a sentence here.",
        "Second sentence, with N.S. Khrushchev.",
    ]
    first, second = segment.sentences
    assert raw[first.file_start : first.file_end] == "First line of a sen-\ntence here."
    assert raw[second.file_start : second.file_end] == "Second\n   sentence, with N.S. Khrushchev."


def test_without_the_file_offsets_are_estimated_inside_the_paragraph() -> None:
    segment = split_segment(Segment("One here. Two there.", 100, 120))
    assert [(s.start, s.end) for s in segment.sentences] == [(0, 9), (10, 20)]
    assert all(100 <= s.file_start < s.file_end <= 120 for s in segment.sentences)


def test_the_telegram_splits_into_its_sentences() -> None:
    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    en_texts = [en.sentence_text(g) for g in range(en.sentence_count)]
    ru_texts = [ru.sentence_text(g) for g in range(ru.sentence_count)]
    assert (ru.sentence_count, en.sentence_count) == (46, 47)
    # Initials, the date and the signature never end a sentence.
    assert not any(t.endswith(("N.S.", "V.", "Н.С.", "В.")) for t in en_texts + ru_texts)
    assert en_texts[-1] == "30.X.62 V. KUZNETSOV V. ZORIN"
    assert ru_texts[-1] == "30.X.62 В. КУЗНЕЦОВ В. ЗОРИН"
    assert any(t.startswith("[One could] make this conditional") for t in en_texts)
    assert "First." in en_texts and "Во-первых." in ru_texts
    raw = (TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt").read_text(encoding="utf-8")
    for seg in en.segments:
        for s in seg.sentences:
            assert " ".join(raw[s.file_start : s.file_end].split()) == seg.sentence_text(s)


def test_a_german_date_with_its_day_as_an_ordinal_is_not_cut() -> None:
    # From the German installation guide's note on its translation of the GPL.
    assert sentences(
        "Sie wurde überarbeitet von Peter Gerwinski, G-N-U GmbH (31. Oktober 1996, "
        "4. Juni 2000). Am 1. Mai kam die Zahl 12. Das Treffen fand statt."
    ) == [
        "Sie wurde überarbeitet von Peter Gerwinski, G-N-U GmbH (31. Oktober 1996, "
        "4. Juni 2000).",
        "Am 1. Mai kam die Zahl 12.",
        "Das Treffen fand statt.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Debian New Maintainers' Guide as its plain-text edition writes a note.
        (
            "You do need to know a little about programming; you don't need to be a "
            "wizard. ^[2]",
            ["You do need to know a little about programming; you don't need to be a "
             "wizard. ^[2]"],
        ),
        (
            "It will be set to debian/package. ^[24] Everything that is contained in the "
            "temporary directory will be installed.",
            ["It will be set to debian/package. ^[24]",
             "Everything that is contained in the temporary directory will be installed."],
        ),
        # A note's own text opens with its mark.
        (
            "^[2] You can learn about the basic handling of a Debian system. See the FAQ.",
            ["^[2] You can learn about the basic handling of a Debian system.", "See the FAQ."],
        ),
        # A reference set against the full stop, as a copied web page has it.
        (
            "The treaty was signed in 1963.[1] It banned tests in the atmosphere.",
            ["The treaty was signed in 1963.[1]", "It banned tests in the atmosphere."],
        ),
        ("Договор подписан в 1963 году.² Он запретил испытания.",
         ["Договор подписан в 1963 году.²", "Он запретил испытания."]),
        # Before the full stop, as Russian puts it, the mark was always inside.
        ("Они сильно упрощают процесс ^[3]. Смотрите ниже.",
         ["Они сильно упрощают процесс ^[3].", "Смотрите ниже."]),
        # An abbreviation stays one even with a mark after it.
        ("Use a tool, e.g.[4] Aptitude, for it.", ["Use a tool, e.g.[4] Aptitude, for it."]),
        # "[1]" after a space may open a list's item, and "[1962]" is a year, not a note.
        ("It was done. [1] Then more.", ["It was done.", "[1] Then more."]),
        ("In [1962] the crisis came. It passed.", ["In [1962] the crisis came.", "It passed."]),
    ],
)
def test_a_note_reference_stays_with_the_sentence_it_follows(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def _loaded_sentences(raw: str, language: str) -> list[str]:
    """The sentences of ``raw`` read as one paragraph of a file (another follows it)."""
    doc = parse_document_text(raw + "\nThe end.\n", language=language, sentences="auto")
    assert len(doc.segments) == 2
    return [doc.sentence_text(g) for g in range(doc.sentence_count - 1)]


# The table of contents of the Debian New Maintainers' Guide's plain-text editions: one
# paragraph of the file, an entry a line.
CONTENTS_EN = """\
4. Required files under the debian directory
    4.1. control
    4.2. copyright
    4.3. changelog
    4.4. rules
        4.4.1. Targets of the rules file
5. Other files under the debian directory
    5.1. README.Debian
A. Advanced packaging
    A.1. Shared libraries
"""
CONTENTS_RU = """\
4. Обязательные файлы в каталоге debian
    4.1. Файл control
    4.2. Файл copyright
    4.3. Файл changelog
    4.4. Файл rules
        4.4.1. Цели из файла rules
5. Другие файлы в каталоге debian
    5.1. Файл README.Debian
A. Дополнительные возможности
    A.1. Общие библиотеки
"""


@pytest.mark.parametrize(("raw", "language"), [(CONTENTS_EN, "en"), (CONTENTS_RU, "ru")])
def test_each_entry_of_a_table_of_contents_is_a_sentence(raw: str, language: str) -> None:
    # Read as running text, "debian 4.1." ended a sentence in Russian and nothing did in
    # English, so the two tables were linked 4-1 and 2-1.
    assert _loaded_sentences(raw, language) == [" ".join(line.split()) for line in raw.splitlines()]


def test_a_bulleted_list_in_one_paragraph_has_a_sentence_an_item() -> None:
    raw = (
        "* contents of info command for all pertinent\n  commands\n"
        "* contents of debian-mentors@lists.debian.org mailing list\n  archive\n"
    )
    assert _loaded_sentences(raw, "en") == [
        "* contents of info command for all pertinent commands",
        "* contents of debian-mentors@lists.debian.org mailing list archive",
    ]


def test_a_number_opening_a_wrapped_line_of_prose_is_no_list_item() -> None:
    # A paragraph numbered "1." whose wrapped line opens with a year: 1962 does not
    # follow 1, so the line runs on; the second point does follow it.
    raw = (
        "1. We have received the text of the letter sent in October\n"
        "1962. and of the answer to it\n"
        "2. A reply will follow\n"
    )
    assert _loaded_sentences(raw, "en") == [
        "1. We have received the text of the letter sent in October 1962. and of the answer to it",
        "2. A reply will follow",
    ]
    # Nor does a listing's line number ("1 Source: gentoo") or an article ("A man").
    listing = "1. The file:\n1 Source: gentoo\n2 Section: x11\nA man wrote it.\n"
    assert _loaded_sentences(listing, "en") == [
        "1. The file: 1 Source: gentoo 2 Section: x11 A man wrote it."
    ]


def test_list_items_keep_their_file_offsets() -> None:
    doc = parse_document_text(CONTENTS_EN + "\nThe end.\n", language="en", sentences="auto")
    segment = doc.segments[0]
    assert len(segment.sentences) == len(CONTENTS_EN.splitlines())
    for s in segment.sentences:
        assert " ".join(CONTENTS_EN[s.file_start : s.file_end].split()) == segment.sentence_text(s)


def test_a_list_under_a_heading_begun_again_or_with_its_chapters_left_out() -> None:
    # The Debian Reference's contents: a heading, the preface's sections, then the
    # chapters numbered from 1 again; its list of tables goes from 1.27. to 2.1.
    contents = (
        "Preface\n    1. Disclaimer\n    2. What is Debian\n    3. About this document\n"
        "        3.1. Guiding rules\n1. GNU/Linux tutorials\n    1.1. Console basics\n"
    )
    assert _loaded_sentences(contents, "en") == [
        "Preface", "1. Disclaimer", "2. What is Debian", "3. About this document",
        "3.1. Guiding rules", "1. GNU/Linux tutorials", "1.1. Console basics",
    ]
    tables = "1.26. The replacement expression\n1.27. List of script snippets\n2.1. List of tools\n"
    assert _loaded_sentences(tables, "en") == [
        "1.26. The replacement expression", "1.27. List of script snippets", "2.1. List of tools"
    ]
    # A heading over one line that only looks like an item is no list.
    assert _loaded_sentences("Notes\n1. This is all\n", "en") == ["Notes 1. This is all"]


def test_a_label_and_its_number_open_a_caption_or_a_heading() -> None:
    assert sentences("Table 1.1. List of interesting text-mode program packages") == [
        "Table 1.1. List of interesting text-mode program packages"
    ]
    assert sentences("Глава 8. Обновление пакета") == ["Глава 8. Обновление пакета"]
    assert sentences("Appendix A. Advanced packaging") == ["Appendix A. Advanced packaging"]
    # Inside running text a number still ends a sentence.
    assert sentences("See table 1.1. It lists them all.") == [
        "See table 1.1.", "It lists them all."
    ]


def test_a_bullet_and_a_section_number_do_not_make_a_sentence() -> None:
    # The Debian Developer's Reference's contents: each entry a paragraph of its own.
    assert sentences("* 2.1. Getting started") == ["* 2.1. Getting started"]
    assert sentences("* 3.1.1. Work towards the next stable release. It is due.") == [
        "* 3.1.1. Work towards the next stable release.", "It is due."
    ]
    assert sentences("• II. Duties") == ["• II. Duties"]
