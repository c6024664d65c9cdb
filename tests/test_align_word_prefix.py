"""Cognates meet by a prefix fitted per kind of pair: shorter within one script, longer
across scripts, where a transliteration's spelling noise makes short prefixes meet by chance."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace

from aligner.core.align import AlignParams, align_documents
from aligner.core.align.pipeline import Problem
from aligner.core.align.script import dominant_script, same_script
from aligner.core.align.word_prefix import PREFIX_FILE, fitted_prefixes
from aligner.core.model import Document, Segment
from tests.conftest import DEFR_BENCH, REPO, RUEN_BENCH, needs_shared

FITTED = REPO / "aligner" / "core" / "align" / PREFIX_FILE

GERMAN = [
    "Die Isoliertheit der Hütte machte uns zu schaffen.",
    "Am Morgen stiegen wir zum Gipfel auf.",
]
FRENCH = [
    "L'isolement de la cabane nous pesait.",
    "Le matin, nous sommes montés au sommet.",
]


def _document(texts: list[str], language: str) -> Document:
    segments, start = [], 0
    for text in texts:
        segments.append(Segment(text, start, start + len(text)))
        start += len(text) + 2
    return Document(segments=tuple(segments), language=language)


def _labels(problem: Problem, evidence: bool) -> set[str]:
    anchors = problem.evidence_anchors if evidence else problem.anchors
    return set(anchors.labels)


def test_the_script_of_a_text_is_the_one_most_of_its_letters_are_in() -> None:
    assert dominant_script(["Кузнецов и Зорин, 30.X.62 (UPI)"]) == "Cyrillic"
    assert dominant_script(["Ça s'est passé à Genève."]) == "Latin"
    assert dominant_script(["1962 — 30.10", ""]) is None
    assert same_script(GERMAN, FRENCH)
    assert not same_script(["Карибский кризис"], ["the Caribbean crisis"])
    assert not same_script(["12 34"], ["56"])  # no letters: not known to be one script


def test_german_and_french_cognates_meet_by_four_letters_in_the_search_only() -> None:
    problem = Problem.of_texts(GERMAN, FRENCH, ("de", "fr"), (), AlignParams())
    assert problem.same_script and fitted_prefixes().same_script == 4
    # Isoliertheit / isolement share "isol", not "isoli": a cognate the search weighs ...
    assert "w:isol" in _labels(problem, evidence=False)
    # ... while a link's evidence names only words that meet by all five letters.
    assert not any(label.startswith("w:isol") for label in _labels(problem, evidence=True))


def test_russian_and_english_keep_five_letters_for_search_and_evidence() -> None:
    problem = Problem.of_texts(
        ["Революция на Кубе.", "Карибский кризис."],
        ["The revolution in Cuba.", "The Caribbean crisis."],
        ("ru", "en"), (), AlignParams(),
    )  # fmt: skip
    assert not problem.same_script
    assert problem.evidence_anchors is problem.anchors
    assert "w:revol" in _labels(problem, evidence=False)


def test_an_alignment_records_whether_its_documents_share_a_script() -> None:
    aligned = align_documents(_document(GERMAN, "de"), _document(FRENCH, "fr"))
    assert aligned.settings["same_script"] is True
    assert aligned.settings["parameters"]["same_script_prefix"] == 4
    assert [(lk.source, lk.target) for lk in aligned.links] == [((0,), (0,)), ((1,), (1,))]


def test_the_committed_prefixes_are_what_the_aligner_uses() -> None:
    data = json.loads(FITTED.read_text(encoding="utf-8"))
    params = AlignParams()
    assert params.same_script_prefix == data["prefixes"]["same_script"]
    assert params.cross_script_prefix == data["prefixes"]["cross_script"]
    assert data["candidates"]["same_script"]["fitted_on"] == "bleualign-defr dev"
    assert data["candidates"]["cross_script"]["fitted_on"] == "ruen-paragraph"


@needs_shared(RUEN_BENCH)
@needs_shared(DEFR_BENCH)
def test_re_running_the_fit_reproduces_the_committed_prefixes() -> None:
    path = REPO / "bench" / "fit_word_prefix.py"
    spec = importlib.util.spec_from_file_location("fit_word_prefix", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.render(script.fit()) == FITTED.read_text(encoding="utf-8")


def test_a_few_sentences_decide_by_their_documents_script_not_their_own() -> None:
    # A Russian paragraph quoting a German line: the quote's sentences are Latin, but
    # the documents are Russian and English, so the cross-script prefix holds.
    problem = Problem.of_texts(
        GERMAN[:1], FRENCH[:1], ("ru", "en"), (), AlignParams(), script_shared=False
    )
    assert not problem.same_script
    assert "w:isol" not in _labels(problem, evidence=False)


def test_the_sentence_level_reads_the_script_the_paragraph_level_recorded() -> None:
    from aligner.core.sentences.align import documents_share_script

    aligned = align_documents(_document(GERMAN, "de"), _document(FRENCH, "fr"))
    assert documents_share_script(aligned) is True
    relabelled = replace(aligned, settings={**aligned.settings, "same_script": False})
    assert documents_share_script(relabelled) is False
    older = replace(aligned, settings={k: v for k, v in aligned.settings.items()
                                       if k != "same_script"})  # fmt: skip
    assert documents_share_script(older) is True  # read from the documents' letters
