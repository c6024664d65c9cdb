"""Discovery proposes glossary entries from an alignment that has no glossary."""

from __future__ import annotations

import pytest

from aligner.core.terms.discovery import suggest_terms
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary
from tests.test_terms_telegram import telegram_alignment


@pytest.fixture(scope="module")
def suggestions():
    return suggest_terms(telegram_alignment())


def _pairs(suggestions):
    return {(s.source, s.target): s for s in suggestions}


def test_the_telegrams_contested_terms_are_proposed_with_their_renderings(suggestions):
    pairs = _pairs(suggestions)
    weaponry = pairs[("наступательное оружие", "offensive weaponry")]
    presence = pairs[("присутствие ООН", "UN presence")]
    assert "quoted" in weaponry.reasons and "quoted" in presence.reasons
    # evidence: the ids of the links where both sides occur
    assert weaponry.links == (19,) and presence.links == (6,)
    assert presence.score > 0.8 and weaponry.score > 0.5


def test_names_and_frequent_phrases_are_proposed(suggestions):
    pairs = _pairs(suggestions)
    assert ("Совет Безопасности", "Security Council") in pairs
    assert ("гарантии безопасности Кубы", "guarantees of Cuban security") in pairs
    assert ("Фиделя Кастро", "Fidel Castro") in pairs
    council = pairs[("Совет Безопасности", "Security Council")]
    assert council.source_count == 11 and "name" in council.reasons


def test_suggestions_are_ranked_unique_and_ready_for_a_glossary(suggestions):
    ids = [s.id for s in suggestions]
    assert len(ids) == len(set(ids))
    assert suggestions[0].target == "Security Council"
    entry = suggestions[0].to_entry()
    assert (entry.source, entry.target) == ("Совет Безопасности", "Security Council")
    assert "links" in suggestions[0].to_dict()


def test_terms_the_glossary_already_has_are_left_out():
    known = suggest_terms(telegram_alignment(), glossary=load_glossary(bundled_glossary_path()))
    sources = {s.source for s in known}
    assert "присутствие ООН" not in sources and "Совет Безопасности" not in sources
    assert "Объединенная Арабская Республика" in sources
