"""Invariants of the aligner on arbitrary input: coverage, order, confidence range, no crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.core.align import align_documents
from aligner.core.model import Alignment
from aligner.io.evidence_json import evidence_to_dict
from tests.conftest import REPO, RUEN_BENCH, needs_shared
from tests.test_align_beads import EN, RU, document, paragraphs

REALISTIC = paragraphs(RU) + paragraphs(EN) + [
    "[and]", "[Translator's note: illegible]", "30.X.62 V. KUZNETSOV", "II", "a [/ b", "—", "",
    "First.", "Во-первых,", "UN [ustuplena] НАТО 1962 27 октября", "lower case after a break",
]  # fmt: skip

texts = st.one_of(st.text(max_size=200), st.sampled_from(REALISTIC))
documents = st.lists(texts, max_size=12)


def check_invariants(alignment: Alignment) -> None:
    assert alignment.coverage_errors() == []
    last_source = last_target = -1
    for link in alignment.links:
        assert link.source or link.target
        if link.source:
            assert link.source[0] == last_source + 1
            last_source = link.source[-1]
        if link.target:
            assert link.target[0] == last_target + 1
            last_target = link.target[-1]
        assert 0.0 <= link.confidence <= 1.0
        assert link.needs_review == (link.confidence < link.review_threshold)
        json.dumps(evidence_to_dict(link.evidence), ensure_ascii=False)  # the store can write it


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=documents, target=documents)
def test_any_pair_of_documents_aligns_with_full_coverage_in_order(
    source: list[str], target: list[str]
) -> None:
    check_invariants(align_documents(document(source, "ru"), document(target, "en")))


@settings(max_examples=25, deadline=None)
@given(
    source=documents,
    pairs=st.lists(st.tuples(st.lists(texts, max_size=2), st.lists(texts, max_size=2)), max_size=3),
)
def test_arbitrary_glossary_pairs_never_break_the_aligner(
    source: list[str], pairs: list[tuple[list[str], list[str]]]
) -> None:
    check_invariants(align_documents(document(source, "ru"), document(paragraphs(EN), "en"),
                                     glossary_pairs=pairs))  # fmt: skip


def test_empty_documents_and_one_empty_side() -> None:
    empty = document([], "ru")
    assert align_documents(empty, document([], "en")).links == ()
    only_source = align_documents(document(paragraphs(RU), "ru"), document([], "en"))
    check_invariants(only_source)
    assert [lk.bead for lk in only_source.links] == ["1-0"] * len(RU)
    only_target = align_documents(empty, document(paragraphs(EN), "en"))
    assert [lk.bead for lk in only_target.links] == ["0-1"] * len(EN)


def test_progress_is_reported_from_zero_to_one_in_order() -> None:
    seen: list[float] = []
    align_documents(document(paragraphs(RU), "ru"), document(paragraphs(EN), "en"),
                    progress=seen.append)  # fmt: skip
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen)
    assert len(seen) >= 4


def test_settings_record_the_algorithm_and_its_parameters() -> None:
    alignment = align_documents(document(paragraphs(RU), "ru"), document(paragraphs(EN), "en"),
                                band=10, review_threshold=0.7)  # fmt: skip
    settings_ = alignment.settings
    assert settings_["algorithm"] == "aligner-paragraph"
    assert settings_["algorithm_version"]
    assert settings_["parameters"]["band"] == 10
    assert settings_["parameters"]["review_threshold"] == 0.7
    assert settings_["length_model"]["ratio"] > 0
    json.dumps(dict(settings_))


def test_very_unequal_lengths_still_align_end_to_end() -> None:
    one = document([paragraphs(RU)[0]], "ru")
    many = document(paragraphs(EN) * 8, "en")
    check_invariants(align_documents(one, many))
    check_invariants(align_documents(many, one))


_DIGEST = """
import hashlib, sys
from aligner.core.align import align_documents
from aligner.io.texts import load_document
al = align_documents(load_document(sys.argv[1], "ru"), load_document(sys.argv[2], "en"))
links = [(lk.source, lk.target, lk.confidence) for lk in al.links]
print(hashlib.sha256(repr(links).encode()).hexdigest())
"""


@needs_shared(RUEN_BENCH)
def test_the_same_texts_give_the_same_alignment_on_every_run() -> None:
    # String hashing differs between Python processes; the alignment must not.
    args = [str(RUEN_BENCH / "nos.ru.txt"), str(RUEN_BENCH / "nos.en.txt")]
    digests = {
        subprocess.run(
            [sys.executable, "-c", _DIGEST, *args],
            capture_output=True, text=True, check=True, cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }  # fmt: skip
    assert len(digests) == 1
