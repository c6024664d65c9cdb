"""Concordance: one term in context in both languages, with its link and its counterpart."""

from __future__ import annotations

import pytest

from aligner.core.terms.concordance import concordance
from aligner.errors import GlossaryError
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary
from tests.test_terms_telegram import telegram_alignment

GLOSSARY = load_glossary(bundled_glossary_path())


def test_un_presence_in_both_languages_with_links_and_renderings():
    lines = concordance(telegram_alignment(), GLOSSARY, "un-presence", width=20)
    assert [(x.side, x.link, x.match) for x in lines] == [
        ("source", 6, "присутствии ООН"), ("source", 6, "присутствие ООН"),
        ("source", 6, "присутствии ООН"),
        ("target", 6, "UN presence"), ("target", 6, "UN presence"), ("target", 6, "UN presence"),
    ]
    first = lines[0]
    assert first.left.endswith("о так называемом «") and first.right.startswith("» на Кубе")
    assert len(first.left) <= 20 and first.left.startswith("\u2026")
    assert first.rendering == "preferred"
    assert first.other == ("UN presence",) * 3


def test_renderings_on_the_other_side_are_classified():
    lines = concordance(telegram_alignment(), GLOSSARY, "offensive-weaponry")
    source = {x.match: x for x in lines if x.side == "source"}
    assert source["наступательное оружие"].rendering == "preferred"
    assert source["наступательного» оружия"].rendering == "variant"
    assert source["наступательного» оружия"].other == ('offensive" sorts of armaments',)
    target = [x for x in lines if x.side == "target"]
    assert [x.rendering for x in target] == ["variant", "variant", "variant", "preferred"]


def test_a_term_absent_from_the_text_has_no_lines_and_a_missing_one_says_so():
    assert concordance(telegram_alignment(), GLOSSARY, "quarantine") == []
    with pytest.raises(GlossaryError, match="did you mean red-cross"):
        concordance(telegram_alignment(), GLOSSARY, "red-crosses")


def test_a_term_can_be_named_by_one_of_its_forms():
    lines = concordance(telegram_alignment(), GLOSSARY, "Warsaw Pact")
    assert [(x.side, x.match) for x in lines] == [("source", "Варшавского договора"),
                                                  ("target", "Warsaw Pact")]
