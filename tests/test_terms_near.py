"""Near renderings: wordings the glossary does not list, found with their score, both ways.

Every sentence here was written for these tests (none comes from the telegram),
in the inflections, word orders and misspellings a translation really has.
"""

from __future__ import annotations

import pytest

from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.review import needs_review
from aligner.core.terms import apply_checks
from aligner.core.terms.near import NEAR_THRESHOLD
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(bundled_glossary_path())


def _pair(ru: str, en: str) -> Alignment:
    return Alignment(Document((Segment(ru),), "ru"), Document((Segment(en),), "en"),
                     [Link((0,), (0,))])


def _flags(glossary, ru: str, en: str, term: str):
    checked = apply_checks(_pair(ru, en), glossary)
    return [f for f in checked.links[0].flags if f.term == term], checked.links[0]


WEAPONS_RU = ("Делегация отметила, что вопрос о наступательном оружии будет решён "
              "в Совете Безопасности.")

# (English sentence, the wording expected to be reported as near)
FORWARD_NEAR = [
    ("The delegation noted that the question of offensive weapons would be settled in the "
     "Security Council.", "offensive weapons"),
    ("The delegation noted that the question of the offensive weapon would be settled in the "
     "Security Council.", "offensive weapon"),
    ("The delegation noted that the question of offensive arms would be settled in the "
     "Security Council.", "offensive arms"),
    ("The delegation noted that the question of ofensive weaponery would be settled in the "
     "Security Council.", "ofensive weaponery"),
    ("The delegation noted that the question of weapons of an offensive character would be "
     "settled in the Security Council.", "weapons of an offensive"),
]


@pytest.mark.parametrize(("english", "wording"), FORWARD_NEAR)
def test_an_unlisted_rendering_of_offensive_weaponry_is_near_not_missing(
        glossary, english, wording):
    flags, link = _flags(glossary, WEAPONS_RU, english, "offensive-weaponry")
    assert [f.kind for f in flags] == ["near"]
    (flag,) = flags
    assert flag.detail["text"] == wording
    assert flag.detail["direction"] == "source->target"
    assert NEAR_THRESHOLD <= flag.detail["score"] <= 1.0
    assert english[flag.detail["start"]:flag.detail["end"]] == wording
    assert f"\u201c{wording}\u201d" in flag.message
    assert needs_review(link)


UN_RU = "Генеральный секретарь предложил обеспечить присутствие ООН на Кубе."


@pytest.mark.parametrize(("english", "wording"), [
    ("The Secretary General proposed a United Nations presence in Cuba.",
     "United Nations presence"),
    ("The Secretary General proposed to secure the UN's presence in Cuba.", "UN's presence"),
    ("The Secretary General proposed to secure the presence of the United Nations in Cuba.",
     "presence of the United Nations"),
])
def test_unlisted_renderings_of_un_presence_are_near(glossary, english, wording):
    flags, _ = _flags(glossary, UN_RU, english, "un-presence")
    assert [(f.kind, f.detail["text"]) for f in flags] == [("near", wording)]
    assert flags[0].detail["score"] < 1.0 or "United Nations" in wording


@pytest.mark.parametrize("english", [
    # the term is not rendered at all: the sentence leaves it out
    "The delegation noted that the question would be settled in the Security Council.",
    # its opposite shares a word and is not a rendering
    "The delegation noted that the question of defensive weapons would be settled in the "
    "Security Council.",
    # one of its words alone
    "The delegation noted that the offensive question would be settled in the Security Council.",
])
def test_no_near_finding_on_a_sentence_that_does_not_render_the_term(glossary, english):
    flags, link = _flags(glossary, WEAPONS_RU, english, "offensive-weaponry")
    assert [f.kind for f in flags] == ["missing"]
    assert needs_review(link)


def test_presence_of_others_at_the_un_is_not_near(glossary):
    flags, _ = _flags(glossary, UN_RU, "The Secretary General proposed the presence of "
                      "journalists at the UN in Cuba.", "un-presence")
    assert [f.kind for f in flags] == ["missing"]


WEAPONS_EN = "The delegation noted that the question of offensive weaponry would be settled."


@pytest.mark.parametrize(("russian", "wording"), [
    # six cases and both numbers of the term are exact matches; these are not
    ("Делегация отметила, что вопрос об оружии наступательном будет решён.",
     "оружии наступательном"),
    ("Делегация отметила, что вопрос о наступательном оружеи будет решён.",
     "наступательном оружеи"),
    ("Делегация отметила, что вопрос о присутствии Организации Объединённых Наций будет решён.",
     None),
])
def test_a_target_term_whose_source_is_only_near_is_near_the_other_way(
        glossary, russian, wording):
    flags, _ = _flags(glossary, russian, WEAPONS_EN, "offensive-weaponry")
    if wording is None:
        assert [f.kind for f in flags] == ["missing"]
        assert flags[0].detail["direction"] == "target->source"
        return
    assert [(f.kind, f.detail["direction"], f.detail["text"]) for f in flags] == [
        ("near", "target->source", wording)]


@pytest.mark.parametrize("russian", [
    "Делегация отметила, что вопрос о наступательном оружии будет решён.",
    "Делегация отметила, что вопрос о наступательного оружия будет решён.",
    "Делегация отметила, что вопрос наступательным оружием будет решён.",
    "Делегация отметила, что вопрос наступательному оружию будет решён.",
    "Делегация отметила, что вопрос наступательное оружие будет решён.",
    "Делегация отметила, что вопросы наступательных оружий будут решены.",
])
def test_every_case_of_the_source_term_is_an_exact_match(glossary, russian):
    flags, link = _flags(glossary, russian, WEAPONS_EN, "offensive-weaponry")
    assert flags == []
    assert not needs_review(link)


def test_the_un_presence_in_russian_written_out_is_near(glossary):
    flags, _ = _flags(glossary, "Он предложил присутствие Организации Объединённых Наций.",
                      "He proposed a UN presence.", "un-presence")
    assert [(f.kind, f.detail["direction"]) for f in flags] == [("near", "target->source")]


def test_each_link_quotes_its_own_source_wording_for_the_same_misspelt_rendering(glossary):
    # Two links render the term with the same misspelling; their sources inflect it
    # differently, and each finding must quote its own link's words.
    ru = ["Вопрос о наступательном оружии будет решён в Совете Безопасности.",
          "Наступательное оружие будет вывезено с Кубы."]
    en = ["The question of ofensive weaponery would be settled in the Security Council.",
          "The ofensive weaponery will be removed from Cuba."]
    alignment = Alignment(Document(tuple(map(Segment, ru)), "ru"),
                          Document(tuple(map(Segment, en)), "en"),
                          [Link((0,), (0,)), Link((1,), (1,))])
    checked = apply_checks(alignment, glossary)
    quoted = [[(f.kind, f.detail["source"]) for f in lk.flags if f.term == "offensive-weaponry"]
              for lk in checked.links]
    assert quoted == [[("near", ["наступательном оружии"])],
                      [("near", ["Наступательное оружие"])]]
    assert checked.links[1].flags[0].message.startswith("“Наступательное оружие” is rendered")
