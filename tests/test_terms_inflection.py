"""Terms are found through Russian inflection, in every case and number, and nowhere else.

The sentences are written for these tests (none is from the telegram); each
pins the exact span the matcher must report.
"""

from __future__ import annotations

import pytest

from aligner.core.terms import MatchParams, match_text
from aligner.io.glossary import load_glossary
from tests.conftest import REPO

GLOSSARY = load_glossary(REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml")

# (term id, sentence, the span that must be reported); six cases, singular then plural
INFLECTED = {
    "offensive-weaponry": [
        ("Наступательное оружие было вывезено с острова.", "Наступательное оружие"),
        ("Вывоз наступательного оружия занял неделю.", "наступательного оружия"),
        ("Особое внимание уделили наступательному оружию.", "наступательному оружию"),
        ("Инспекторы искали наступательное оружие в трюмах.", "наступательное оружие"),
        ("Корабль с наступательным оружием повернул назад.", "наступательным оружием"),
        ("Спор шёл о наступательном оружии.", "наступательном оружии"),
        ("Наступательные оружия разных типов сравнивались.", "Наступательные оружия"),
        ("Перечень наступательных оружий был согласован.", "наступательных оружий"),
        ("Запрет применялся к наступательным оружиям.", "наступательным оружиям"),
        ("Эксперты перечислили наступательные оружия поимённо.", "наступательные оружия"),
        ("Эксперты занимались наступательными оружиями.", "наступательными оружиями"),
        ("Речь шла о наступательных оружиях.", "наступательных оружиях"),
    ],
    "cuban-security-guarantees": [
        ("Гарантия безопасности была главным условием.", "Гарантия безопасности"),
        ("Требование гарантии безопасности прозвучало снова.", "гарантии безопасности"),
        ("Делегации уделили внимание гарантии безопасности.", "гарантии безопасности"),
        ("Мы получили гарантию безопасности в письменной форме.", "гарантию безопасности"),
        ("Правительство удовлетворилось гарантией безопасности.", "гарантией безопасности"),
        ("Спор шёл о гарантии безопасности острова.", "гарантии безопасности"),
        ("Гарантии безопасности закреплены в протоколе.", "Гарантии безопасности"),
        ("Вопрос гарантий безопасности остаётся открытым.", "гарантий безопасности"),
        ("Особое значение придаётся гарантиям безопасности.", "гарантиям безопасности"),
        ("Стороны обсудили гарантии безопасности.", "гарантии безопасности"),
        ("Соглашение дополнено гарантиями безопасности.", "гарантиями безопасности"),
        ("Договорились о гарантиях безопасности.", "гарантиях безопасности"),
    ],
    "subversive-operations": [
        ("Подрывная операция была сорвана.", "Подрывная операция"),
        ("Подготовка подрывной операции велась тайно.", "подрывной операции"),
        ("Конгресс не дал денег подрывной операции.", "подрывной операции"),
        ("Разведка планировала подрывную операцию.", "подрывную операцию"),
        ("Руководил подрывной операцией бывший офицер.", "подрывной операцией"),
        ("Стало известно о подрывной операции.", "подрывной операции"),
        ("Подрывные операции продолжались всю зиму.", "Подрывные операции"),
        ("Число подрывных операций выросло.", "подрывных операций"),
        ("Пора положить конец подрывным операциям.", "подрывным операциям"),
        ("Правительство осудило подрывные операции.", "подрывные операции"),
        ("Руководство подрывными операциями поручили разведке.", "подрывными операциями"),
        ("Доклад молчал о подрывных операциях.", "подрывных операциях"),
    ],
    "neutral-countries": [
        ("Нейтральная страна предложила своё посредничество.", "Нейтральная страна"),
        ("Делегат нейтральной страны попросил слова.", "нейтральной страны"),
        ("Председатель передал документ нейтральной стране.", "нейтральной стране"),
        ("Мы выбрали нейтральную страну для встречи.", "нейтральную страну"),
        ("Переговоры велись с нейтральной страной.", "нейтральной страной"),
        ("Совещание прошло в нейтральной стране.", "нейтральной стране"),
        ("Нейтральные страны воздержались при голосовании.", "Нейтральные страны"),
        ("Посредники из нейтральных стран прибыли утром.", "нейтральных стран"),
        ("Предложение было направлено нейтральным странам.", "нейтральным странам"),
        ("Мы пригласили нейтральные страны к участию.", "нейтральные страны"),
        ("Консультации с нейтральными странами продолжаются.", "нейтральными странами"),
        ("О нейтральных странах в докладе не сказано ни слова.", "нейтральных странах"),
    ],
    "security-council": [
        ("Совет Безопасности собрался ночью.", "Совет Безопасности"),
        ("Заседание Совета Безопасности отложено.", "Совета Безопасности"),
        ("Письмо адресовано Совету Безопасности.", "Совету Безопасности"),
        ("Делегат покинул Совет Безопасности в знак протеста.", "Совет Безопасности"),
        ("Резолюция была принята Советом Безопасности.", "Советом Безопасности"),
        ("В Совете Безопасности разгорелся спор.", "Совете Безопасности"),
        ("Советы Безопасности двух союзов заседали вместе.", "Советы Безопасности"),
        ("Председатели Советов Безопасности встретились.", "Советов Безопасности"),
        ("Доклад разослан Советам Безопасности.", "Советам Безопасности"),
        ("Автор сравнивает Советы Безопасности разных эпох.", "Советы Безопасности"),
        ("Историк занимался Советами Безопасности.", "Советами Безопасности"),
        ("Книга рассказывает о Советах Безопасности.", "Советах Безопасности"),
    ],
    "counterrevolutionary-emigres": [
        ("Контрреволюционный эмигрант дал интервью.", "Контрреволюционный эмигрант"),
        ("Показания контрреволюционного эмигранта опубликованы.",
         "контрреволюционного эмигранта"),
        ("Слово предоставили контрреволюционному эмигранту.", "контрреволюционному эмигранту"),
        ("Полиция задержала контрреволюционного эмигранта.", "контрреволюционного эмигранта"),
        ("Журналист беседовал с контрреволюционным эмигрантом.",
         "контрреволюционным эмигрантом"),
        ("Фильм рассказывает о контрреволюционном эмигранте.", "контрреволюционном эмигранте"),
        ("Контрреволюционные эмигранты готовили высадку.", "Контрреволюционные эмигранты"),
        ("Лагеря контрреволюционных эмигрантов были во Флориде.",
         "контрреволюционных эмигрантов"),
        ("Оружие передавалось контрреволюционным эмигрантам.", "контрреволюционным эмигрантам"),
        ("Власти поддерживали контрреволюционных эмигрантов.", "контрреволюционных эмигрантов"),
        ("Связь с контрреволюционными эмигрантами отрицалась.",
         "контрреволюционными эмигрантами"),
        ("Газеты писали о контрреволюционных эмигрантах.", "контрреволюционных эмигрантах"),
    ],
}

CASES = [(term, sentence, span) for term, rows in INFLECTED.items() for sentence, span in rows]


def test_every_term_is_tested_in_six_cases_and_two_numbers():
    assert len(INFLECTED) >= 5
    assert all(len(rows) == 12 for rows in INFLECTED.values())


@pytest.mark.parametrize(("term", "sentence", "span"), CASES, ids=[c[2] for c in CASES])
def test_inflected_form_is_found_with_its_exact_span(term, sentence, span):
    hits = [h for h in match_text(sentence, GLOSSARY, language="ru") if h.term == term]
    assert len(hits) == 1, hits
    hit = hits[0]
    assert (hit.text, sentence[hit.start:hit.end]) == (span, span)
    assert hit.score >= MatchParams().threshold


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Оружие, считающееся наступательным, вывезли.", "Оружие, считающееся наступательным"),
        ("Оружие, которое считается наступательным, вывезли.",
         "Оружие, которое считается наступательным"),
        ("Вывезено наступательное ракетное оружие.", "наступательное ракетное оружие"),
    ],
)
def test_small_gaps_and_inversions_are_tolerated(sentence, span):
    hits = match_text(sentence, GLOSSARY, language="ru")
    assert [(h.term, h.text) for h in hits] == [("offensive-weaponry", span)]
    assert hits[0].score < 1.0  # a looser match scores lower than an exact one


NEGATIVE_RU = [
    ("offensive-weaponry", "Наступательный порыв войск иссяк к вечеру."),
    ("offensive-weaponry", "Оружие хранилось на складе под охраной."),
    ("offensive-weaponry", "Наступление началось утром. Оружие подвезли позже."),
    ("neutral-countries", "Страна долго сохраняла нейтралитет."),
    ("security-council", "Совет директоров обсудил вопросы безопасности."),
    ("security-council", "Совет по безопасности движения собрался в мэрии."),
    ("un-presence", "Присутствие журналистов на заседании ООН не допускалось."),
    ("un-presence", "Присутствие было недолгим; ООН отозвала миссию."),
    ("cuban-security-guarantees", "Гарантийный срок истёк, безопасность не обеспечена."),
]


@pytest.mark.parametrize(("term", "sentence"), NEGATIVE_RU)
def test_russian_look_alikes_are_not_hits(term, sentence):
    assert [h for h in match_text(sentence, GLOSSARY, language="ru") if h.term == term] == []


@pytest.mark.parametrize(
    ("term", "sentence"),
    [
        ("offensive-weaponry", "The offensive began at dawn and the weaponry arrived later."),
        ("offensive-weaponry", "His remark was offensive to the delegation."),
        ("un-presence", "His presence at the meeting was noted by the press."),
        ("un-presence", "The presence of journalists at the UN session was forbidden."),
        ("un-presence", "The UN sent a mission; its presence was welcomed."),
        ("security-council", "The council discussed the security of the port."),
        ("neutral-countries", "Neutral observers visited the country."),
        ("joint-declaration", "A joint session adopted the declaration."),
    ],
)
def test_english_look_alikes_are_not_hits(term, sentence):
    found = match_text(sentence, GLOSSARY, side="target", language="en")
    assert [h for h in found if h.term == term] == []


@pytest.mark.parametrize(
    ("sentence", "term", "span", "rendering"),
    [
        ("They demanded a guarantee of Cuban security.", "cuban-security-guarantees",
         "guarantee of Cuban security", "preferred"),
        ("Eight neutral countries were named.", "neutral-countries", "neutral countries",
         "preferred"),
        ("A neutral country was named.", "neutral-countries", "neutral country", "preferred"),
        ("The sites were being dismantled.", "dismantling", "dismantled", "preferred"),
        ("Weapons systems considered offensive", "offensive-weaponry",
         None, None),
        ("Weaponry that is considered offensive was removed.", "offensive-weaponry",
         "Weaponry that is considered offensive", "variant"),
        ("The inspectors inspected the holds.", "inspection", "inspected", "variant"),
        ("Such offensive armaments were banned.", "offensive-weaponry", "offensive armaments",
         "variant"),
    ],
)
def test_english_plurals_and_verb_forms(sentence, term, span, rendering):
    hits = [h for h in match_text(sentence, GLOSSARY, side="target", language="en")
            if h.term == term]
    if span is None:
        assert hits == []
    else:
        assert [(h.text, h.rendering) for h in hits] == [(span, rendering)]


def test_threshold_is_configurable():
    sentence = "Оружие, считающееся американцами наступательным, вывезли."
    loose = match_text(sentence, GLOSSARY, language="ru")
    strict = match_text(sentence, GLOSSARY, language="ru", params=MatchParams(threshold=0.9))
    assert [h.term for h in loose] == ["offensive-weaponry"]
    assert strict == []
