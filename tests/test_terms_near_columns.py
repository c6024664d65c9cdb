"""The near search over a document's columns answers exactly what the per-text search does.

``TermMatcher.near`` (one question at a time, :meth:`NearFinder.find`) is the reference;
``TermMatcher.near_many`` answers a document's questions together
(:mod:`aligner.core.terms.near_columns`) and must give the same near wording, span, score
and form for every (text, term), or nothing where the reference finds nothing. The sample
is the bench's texts (two copies of the telegram) against the bench's 200 entries and the
bundled glossary, the sentences written for the near tests, and texts made to probe
windows, sentence breaks, prepositions and written-out abbreviations.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aligner.core.terms import matching, near
from aligner.core.terms import near_columns as columns_module
from aligner.core.terms.matching import TermMatcher
from aligner.core.terms.types import MatchParams
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_terms  # noqa: E402  (the benchmark's glossary and alignment builders)
from test_terms_near_reference import NEAR_SENTENCES  # noqa: E402

PROBES = {
    "en": [
        "",
        "offensive",
        "weapons offensive. Offensive; weapons\noffensive weapons",
        "the presence of journalists at the United Nations, the United Nations presence",
        "United Nations United Nations presence. United\nNations presence of the UN",
        "the United States and the Soviet Union, the Organization of American States",
        "weaponry of offensive offensive weapons arms of an offensive kind",
        "guarantees for the security of Cuba, security guarantees, Cuban security guarantee",
    ],
    "ru": [
        "",
        "оружие",
        "оружие наступательное. Наступательного; оружия\nнаступательное оружие",
        "присутствие журналистов в Организации Объединенных Наций, присутствие ООН",
        "Соединенные Штаты и Советский Союз, Организация американских государств",
        "гарантии безопасности Кубы, безопасность Кубы гарантировать гарантиями",
    ],
}


def _texts(language: str) -> list[str]:
    alignment = bench_terms.alignment_of(2)
    doc = alignment.source if language == "ru" else alignment.target
    texts = [s.text for s in doc.segments] + PROBES[language]
    return texts + [sentence for lang, sentence in NEAR_SENTENCES if lang == language]


def _both(glossary, side: str, language: str, texts: list[str]):  # type: ignore[no-untyped-def]
    alone = TermMatcher(glossary, side, language, MatchParams())
    together = TermMatcher(glossary, side, language, MatchParams())
    alone.document_hits(texts)
    together.document_hits(texts)
    assert together._batched  # read together: the columns can answer
    return alone, together


@pytest.mark.parametrize("which", ["bundled", "generated"])
@pytest.mark.parametrize(("side", "language"), [("source", "ru"), ("target", "en")])
def test_questions_answered_together_get_the_answers_of_questions_asked_one_by_one(
        which, side, language, monkeypatch):
    monkeypatch.setattr(matching, "_BATCH_TEXTS", 1)  # however few, read them together
    glossary = (load_glossary(bundled_glossary_path()) if which == "bundled"
                else bench_terms.glossary_of(200))
    texts = _texts(language)
    alone, together = _both(glossary, side, language, texts)
    questions = [(n, entry.id) for n in range(len(texts)) for entry in glossary]
    one_by_one: list[int] = []
    search_many = columns_module.search_many

    def counted(finder, columns, numbers, terms):  # type: ignore[no-untyped-def]
        answers = search_many(finder, columns, numbers, terms)
        one_by_one.append(sum(a == columns_module.ASK_ONE_BY_ONE for a in answers))
        return answers

    monkeypatch.setattr(columns_module, "search_many", counted)
    expected = [alone.near(texts[n], n, term) for n, term in questions]
    assert together.near_many(texts, questions) == expected
    assert one_by_one == [0]  # all answered over the columns, none left to the reference
    # the sample is not trivial: many near wordings, some through a written-out name
    found = [n for n in expected if n is not None]
    assert len(found) > 40
    if which == "bundled":
        assert any("United Nations" in n.text or "Объедин" in n.text for n in found)
    # asked again, the answers are remembered
    assert together.near_many(texts, questions[::7]) == expected[::7]


def test_overlapping_written_out_names_are_left_to_the_per_text_search(monkeypatch):
    monkeypatch.setattr(matching, "_BATCH_TEXTS", 1)
    # a name whose words repeat: "nations nations nations" holds it twice, overlapping,
    # and the per-text search folds the first occurrence only
    monkeypatch.setitem(near._EXPANSIONS, "en", (("Nations Nations", "UN"),))
    near._expansions.cache_clear()
    try:
        glossary = load_glossary(bundled_glossary_path())
        texts = ["the presence of nations nations nations", "the presence of Nations Nations",
                 "the nations nations presence"]
        alone, together = _both(glossary, "target", "en", texts)
        questions = [(n, entry.id) for n in range(len(texts)) for entry in glossary]
        assert together.near_many(texts, questions) == [
            alone.near(texts[n], n, term) for n, term in questions]
        finder = together.near_finder
        tokens, _ = together._batched[texts[0]]
        answers = columns_module.search_many(finder, tokens.columns(), [0, 1],
                                             ["un-presence", "un-presence"])
        assert answers[0] == columns_module.ASK_ONE_BY_ONE
        assert answers[1] != columns_module.ASK_ONE_BY_ONE
    finally:
        near._expansions.cache_clear()
