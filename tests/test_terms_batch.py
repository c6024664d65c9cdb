"""Reading a document's texts together finds exactly the hits of reading them one by one.

The per-text scan (``TermMatcher.hits``) is the reference: :mod:`aligner.core.terms.batch`
must give the same hits (term, span, wording, score, form, rendering) for every text, the
same tokens to the near search, and so the same near renderings. The sample is the
bundled telegram against its own glossary and against the 200 entries the benchmark builds
(``bench/bench_terms.py``), the sentences written for the inflection and near tests, and
texts made to probe the reading: hyphens and apostrophes, line breaks, characters beyond
the basic plane.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from aligner.core.terms import hits_by_segment, matching
from aligner.core.terms.batch import _read, document_hits
from aligner.core.terms.matching import TermMatcher
from aligner.core.terms.normalize import TOKEN_RE
from aligner.core.terms.types import MatchParams, resolve_claims
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.glossary import load_glossary

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_terms  # noqa: E402  (the benchmark's glossary and alignment builders)
from test_terms_inflection import CASES, NEGATIVE_RU  # noqa: E402
from test_terms_near_reference import NEAR_SENTENCES  # noqa: E402

PROBES = {
    "ru": [
        "",
        "...",
        "Наступательное оружие.\nНаступательное оружие",
        "наступательное\nоружие; оружие\n\nнаступательное",
        "контр-революционные кубинские эмигранты — контрреволюционные-кубинские",
        "Совет  Безопасности ООН's ‘оружие’ -оружие- оружие--наступательное",
        "гарантии безопасности Кубы 🙂 гарантии 𝕏 безопасности Кубы",
        "присутствие ООН на Кубе! Присутствие?ООН; присутствие.\nООН",
        "гарантии гарантии безопасности безопасности Кубы Кубы, Кубы гарантии безопасности",
        "контрреволюционные кубинские кубинские эмигранты эмигранты кубинские",
        "исполняющий обязанности Генерального секретаря, Генерального исполняющий секретаря "
        "обязанности, исполняющий обязанности генерального секретаря",
        "средства доставки ядерного оружия и средства ядерного доставки оружия",
    ],
    "en": [
        "",
        "offensive weapons.\noffensive weapons",
        "offensive\nweapons; weapons\n\noffensive",
        "counter-revolutionary Cuban emigres, counterrevolutionary-Cuban emigres",
        "the UN's presence, the UN’s presence, U.N. presence --presence- UN",
        "Security Council 🙂 Security 𝕏 Council, security council",
        "guarantees of Cuban security!guarantees of security?Cuba",
        "guarantees guarantees of Cuban Cuban security security, security guarantees for Cuba",
        "acting Secretary General, Acting Secretary-General, acting General Secretary, "
        "acting secretary general of the acting Secretary",
        "means for conveying nuclear arms, means of conveying arms nuclear, nuclear means arms",
        "counterrevolutionary Cuban Cuban emigres emigres Cuban counterrevolutionary",
    ],
}


def _texts(language: str) -> list[str]:
    ru, en = load_bundled()
    doc = ru if language == "ru" else en
    texts = [s.text for s in doc.segments] + PROBES[language]
    texts += [sentence for lang, sentence in NEAR_SENTENCES if lang == language]
    if language == "ru":
        texts += [sentence for _, sentence, _ in CASES]
        texts += [sentence for _, sentence in NEGATIVE_RU]
    return texts


@pytest.mark.parametrize("text", [t for texts in PROBES.values() for t in texts]
                         + ["a'b ' a'' 'b a-'b x_y _ 1-2 ½ ²-3", "\ud800x y\udfff"])
def test_the_arrays_read_the_tokens_the_token_pattern_reads(text):
    forms, starts, ends, _ = _read(text)
    expected = [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
    assert list(zip(forms, starts.tolist(), ends.tolist(), strict=True)) == expected


@pytest.mark.parametrize("which", ["bundled", "generated"])
@pytest.mark.parametrize(("side", "language"), [("source", "ru"), ("target", "en")])
def test_texts_read_together_have_the_hits_of_texts_read_one_by_one(which, side, language):
    glossary = (load_glossary(bundled_glossary_path()) if which == "bundled"
                else bench_terms.glossary_of(200))
    texts = _texts(language)
    alone = TermMatcher(glossary, side, language, MatchParams())
    together = TermMatcher(glossary, side, language, MatchParams())
    expected = [alone.hits(text, n) for n, text in enumerate(texts)]
    found, kept, claims, _ = document_hits(together, texts, range(len(texts)))
    assert [tuple(hits) for hits in found] == expected
    for hits, kept_hits, given in zip(expected, kept, claims, strict=True):
        expected_kept, expected_given = resolve_claims(list(hits))
        assert (kept_hits, given) == (expected_kept, expected_given)
    # the sample is not trivial: most texts have hits, many several
    assert sum(1 for hits in expected if hits) > len(texts) / 2
    assert sum(len(hits) for hits in expected) > len(texts)


@pytest.mark.parametrize(("side", "language"), [("source", "ru"), ("target", "en")])
def test_the_near_search_reads_the_same_tokens_from_texts_read_together(side, language,
                                                                       monkeypatch):
    monkeypatch.setattr(matching, "_BATCH_TEXTS", 1)  # however few, read them together
    glossary = bench_terms.glossary_of(200)
    texts = _texts(language)[::2]
    alone = TermMatcher(glossary, side, language, MatchParams())
    together = TermMatcher(glossary, side, language, MatchParams())
    for text in texts:
        alone.hits(text)
    together.document_hits(texts)
    assert together._batched
    found = 0
    for n, text in enumerate(texts):
        for entry in glossary:
            near = together.near(text, n, entry.id)
            assert near == alone.near(text, n, entry.id), (entry.id, text[:60])
            found += near is not None
    assert found > 10


def test_a_document_repeating_its_texts_gives_each_occurrence_its_own_segment(monkeypatch):
    monkeypatch.setattr(matching, "_BATCH_TEXTS", 1)
    glossary = load_glossary(bundled_glossary_path())
    ru, _ = load_bundled()
    texts = [s.text for s in ru.segments] * 20
    matcher = TermMatcher(glossary, "source", "ru", MatchParams())
    found = matcher.document_hits(texts)
    assert matcher._batched  # read together
    for n, (hits, claims) in enumerate(found):
        assert all(h.segment == n for h in hits)
        assert all(c.segment == n for c in claims)
        assert [h._replace(segment=0) for h in hits] == [
            h._replace(segment=0) for h in found[n % len(ru.segments)][0]]


def test_spans_two_entries_claim_go_to_the_same_entry_when_read_together(monkeypatch):
    # the generated entries overlap one another (phrases of neighbouring words)
    glossary = bench_terms.glossary_of(200)
    alignment = bench_terms.alignment_of(4)
    indexes = []
    for batch_from in (10**9, 1):  # one by one, then together
        monkeypatch.setattr(matching, "_BATCH_TEXTS", batch_from)
        bench_terms._cold()
        indexes.append(hits_by_segment(alignment, glossary))
    alone, together = indexes
    assert dict(together) == dict(alone)
    assert together.shared == alone.shared
    assert len(alone.shared) > 10  # entries do contest spans in this sample
