"""The omissions and additions report: one-sided paragraphs, length, numbers, names, insertions."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from aligner.core.align import align_documents
from aligner.core.model import Alignment, Link, Segment
from aligner.core.report import ReportParams, omissions_report, report_to_dict
from aligner.io.ladder import read_ladder
from aligner.io.report_html import render_report_html
from aligner.io.texts import load_document
from tests.conftest import RUEN_BENCH, needs_shared
from tests.test_terms_telegram import telegram_alignment


def _bench(work: str):
    ru = load_document(RUEN_BENCH / f"{work}.ru.txt", "ru")
    en = load_document(RUEN_BENCH / f"{work}.en.txt", "en")
    return ru, en, read_ladder(RUEN_BENCH / f"{work}.gold")


def _one_sided(report) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = set()
    for f in report.omissions:
        segs = tuple(f.detail["segments"])
        out.add((segs, ()) if f.side == "source" else ((), segs))
    return out


@needs_shared(RUEN_BENCH)
def test_paragraphs_deleted_on_one_side_are_reported_from_the_aligners_output():
    ru, en, gold = _bench("khameleon")
    report = omissions_report(align_documents(ru, en))
    wanted = {(tuple(s), tuple(t)) for s, t in gold if not s or not t}
    assert wanted == {((0,), ()), ((27,), ())}
    assert wanted <= _one_sided(report)
    # the header line the aligner folded into the first link is named with its reason
    (header,) = [f for f in report.omissions if f.detail["segments"] == [0]]
    assert header.kind == "omission" and "Печатается" in header.excerpt


@needs_shared(RUEN_BENCH)
@pytest.mark.parametrize("work", ["malchik_u_khrista_na_yolke", "the_happy_prince"])
def test_every_gold_one_sided_bead_is_an_omission_or_addition(work):
    ru, en, gold = _bench(work)
    alignment = Alignment(ru, en, [Link(s, t) for s, t in gold])
    report = omissions_report(alignment)
    wanted = {(tuple(s), tuple(t)) for s, t in gold if not s or not t}
    assert _one_sided(report) == wanted
    kinds = {f.kind for f in report.omissions}
    assert kinds == ({"omission"} if work.startswith("malchik") else {"addition"})


def test_the_telegram_reports_the_translators_brackets_apart_and_labels_the_reconstruction():
    report = omissions_report(telegram_alignment())
    assert [(f.kind, f.link, f.side, f.message) for f in report.findings] == [
        ("insertion", 13, "target", "[and]"),
        ("insertion", 16, "target", "[One could]"),
    ]
    assert any("RECONSTRUCTED" in label for label in report.labels)
    assert 1.0 < report.ratio < 1.2


def _edited(alignment: Alignment, side: str, index: int, text: str) -> Alignment:
    doc = getattr(alignment, side)
    segments = list(doc.segments)
    segments[index] = Segment(text, segments[index].start, segments[index].end)
    return replace(alignment, **{side: replace(doc, segments=tuple(segments))})


def test_a_dropped_date_a_dropped_name_and_a_cut_paragraph_are_found():
    telegram = telegram_alignment()
    fourth = telegram.target.segments[19].text
    altered = _edited(telegram, "target", 19, fourth.replace("(your #1255)", ""))
    ninth = altered.target.segments[9].text
    altered = _edited(altered, "target", 9, ninth.replace("Fidel Castro's statement", "the one"))
    fifth = altered.target.segments[20].text
    altered = _edited(altered, "target", 20, fifth[: len(fifth) // 3])
    report = omissions_report(altered)
    numbers = [f for f in report.of_kind("number") if f.link == 18]
    assert numbers and numbers[0].detail["values"] == ["1255"]  # 27 is still there, twice
    assert numbers[0].side == "source"
    # Castro is named elsewhere in the translation, so his absence here is a finding
    (names,) = report.of_kind("name")
    assert (names.link, names.side, names.detail["names"]) == (8, "source", ["Кастро", "Фиделя"])
    (length,) = report.of_kind("length")
    assert length.link == 19 and length.detail["factor"] < 0.5


def test_a_paragraph_of_brackets_only_is_not_an_addition():
    telegram = telegram_alignment()
    links = [*telegram.links[:-1], replace(telegram.links[-1], target=(23,)), Link((), (24,))]
    extra = Segment("[Source: a note by the editor of the collection.]", 0, 0)
    target = replace(telegram.target, segments=(*telegram.target.segments, extra))
    report = omissions_report(replace(telegram, target=target, links=tuple(links)))
    assert report.of_kind("addition") == []
    assert [f.link for f in report.of_kind("insertion")][-1] == len(links) - 1


def test_json_and_html_forms():
    telegram = telegram_alignment()
    hostile = Segment("Added <script>alert(1)</script> [/b] & \"co\".", 0, 0)
    target = replace(telegram.target, segments=(*telegram.target.segments, hostile))
    altered = replace(telegram, target=target, links=(*telegram.links, Link((), (24,))))
    report = omissions_report(altered, ReportParams(1.5))
    data = json.loads(json.dumps(report_to_dict(report), ensure_ascii=False))
    assert data["params"]["length_factor"] == 1.5
    assert data["counts"]["insertion"] == 3 and data["counts"]["addition"] == 1
    page = render_report_html(report, altered)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "[/b]" in page and "&amp; &quot;co&quot;" in page
    assert "RECONSTRUCTED" in page.split("<h2>")[0]


def _pairs(*pairs: tuple[str, str]) -> Alignment:
    from aligner.core.model import Document

    return Alignment(Document(tuple(Segment(ru) for ru, _ in pairs), "ru"),
                     Document(tuple(Segment(en) for _, en in pairs), "en"),
                     [Link((i,), (i,)) for i in range(len(pairs))])


def test_a_planted_date_mismatch_is_found_with_both_sides():
    report = omissions_report(_pairs(
        ("Ваша телеграмма от 27 октября получена.", "Your telegram of 28 October was received."),
    ))
    (date,) = report.of_kind("date")
    assert date.side == "both"
    assert (date.detail["source"], date.detail["target"]) == (["27 октября"], ["28 October"])
    assert "27 октября" in date.message and "28 October" in date.message


@pytest.mark.parametrize(("ru", "en"), [
    ("Совещание назначено на 25 марта.", "The meeting is set for the twenty-fifth day of March."),
    ("Ответ ожидается 7 апреля.", "An answer is expected on the seventh of April."),
    ("Телеграмма от 30.X.62.", "Telegram of October 30, 1962."),
    ("Ему было 19 лет.", "He was a nineteen-year-old."),
    ("Встреча в 10:30 утра, присутствовали 3 000 человек.",
     "The meeting at 10:30 a.m. was attended by 3,000 people."),
    ("Двадцать пятого марта 1962 г. пришёл ответ.", "The answer came on March 25, 1962."),
])
def test_the_same_date_or_number_in_words_on_one_side_and_digits_on_the_other_is_not_flagged(
        ru, en):
    report = omissions_report(_pairs((ru, en)))
    assert report.of_kind("date") == [] and report.of_kind("number") == []


def test_a_changed_number_and_a_changed_time_are_found():
    report = omissions_report(_pairs(
        ("На Кубе находятся 100 самолетов.", "There are 200 aircraft in Cuba."),
        ("Встреча в 10:30.", "The meeting is at 11:30."),
    ))
    assert [(f.link, f.detail["source"], f.detail["target"]) for f in report.of_kind("number")] \
        == [(0, ["100"], ["200"]), (1, ["10:30"], ["11:30"])]


def test_a_planted_name_mismatch_is_found():
    # a name is looked for when the other text uses it somewhere (English capitalises words
    # like "Council" that are not names): Castro is in the translation, not in link 2
    report = omissions_report(_pairs(
        ("Хрущев и Кастро обменялись посланиями.", "Khrushchev and Castro exchanged messages."),
        ("Позиция Кастро известна Хрущеву.", "The position of Kennedy is known to Khrushchev."),
    ))
    (name,) = report.of_kind("name")
    assert (name.link, name.side, name.detail["names"]) == (1, "source", ["Кастро"])
    # Хрущеву is Khrushchev through transliteration and inflection: not a finding
    assert "Хрущев" not in name.message
