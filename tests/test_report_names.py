"""Names in the omissions report: short names, initials, inflection, and planted mix-ups.

Every sentence was written for these tests, in the style of the 1962 cables:
the Secretary-General "У Тан" / "U Thant", the delegates Zorin and Kuznetsov,
"Н.С. Хрущев" with his initials.
"""

from __future__ import annotations

import pytest

from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.report import omissions_report
from aligner.core.terms.names import names_in

#: Correct renderings: a name on each side that is the same person.
CORRECT = [
    ("Генеральный секретарь У Тан прибыл в Гавану во вторник.",
     "Secretary-General U Thant arrived in Havana on Tuesday."),
    ("Мы сообщили У Тану, что ответ будет дан завтра.",
     "We informed U Thant that the answer would be given tomorrow."),
    ("Эту позицию изложил Зорин на заседании.",
     "This position was set out by Zorin at the meeting."),
    ("Вечером мы встретились с Зориным и Кузнецовым.",
     "In the evening we met Zorin and Kuznetsov."),
    ("Послание Н.С. Хрущева было передано послу.",
     "N.S. Khrushchev's message was handed to the ambassador."),
    ("Ответ подписала В.В. Кузнецова.", "The reply was signed by V.V. Kuznetsova."),
]


def _report(pairs: list[tuple[str, str]]):
    src = Document(tuple(Segment(r) for r, _ in pairs), "ru")
    tgt = Document(tuple(Segment(e) for _, e in pairs), "en")
    return omissions_report(Alignment(src, tgt, [Link((i,), (i,)) for i in range(len(pairs))]))


def test_short_names_initials_and_inflected_surnames_are_not_findings():
    assert _report(CORRECT).of_kind("name") == []


def test_a_name_with_a_one_letter_part_is_one_name():
    assert names_in("Генеральный секретарь У Тан прибыл.") == {"utan": "У Тан"}
    assert names_in("The Secretary-General U Thant arrived.")["utant"] == "U Thant"
    # a preposition opening a sentence, or a numeral, is not part of a name
    assert names_in("Это так. У Кастро нет ответа.") == {"kastro": "Кастро"}
    assert "iulika" not in names_in("Сцена I Улица в Мантуе.")


def test_a_planted_short_name_mismatch_is_found():
    # the translation puts Zorin where the original names U Thant
    planted = ("По словам У Тана, переговоры продолжатся в пятницу.",
               "According to Zorin, the talks will continue on Friday.")
    report = _report([*CORRECT, planted])
    (name,) = report.of_kind("name")
    assert name.link == len(CORRECT)
    # Zorin is named in the original too, elsewhere: both sides are shown
    assert name.side == "both"
    assert (name.detail["source"], name.detail["target"]) == (["У Тана"], ["Zorin"])
    assert "У Тана" in name.message and "Zorin" in name.message


def test_a_planted_surname_mismatch_after_initials_is_found():
    planted = ("Письмо подписал Н.С. Хрущев.", "The letter was signed by V.V. Kuznetsov.")
    (name,) = _report([*CORRECT, planted]).of_kind("name")
    assert (name.link, name.side) == (len(CORRECT), "both")
    assert (name.detail["source"], name.detail["target"]) == (["Хрущев"], ["Kuznetsov"])


@pytest.mark.parametrize(("ru", "en"), [
    # a line of verse opening with a capitalised short word is not a name
    ("И ночь, и улица, и снег.\nИ Тихий вечер.", "And night, and street, and snow.\nAnd Quiet "
                                                 "evening."),
    # Russian writes a foreign H as Г
    ("Посол вылетел в Гавану.", "The ambassador flew to Havana."),
])
def test_no_name_finding_where_the_same_words_stand_on_both_sides(ru, en):
    assert _report([*CORRECT, (ru, en)]).of_kind("name") == []
