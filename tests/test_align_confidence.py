"""The confidence comes from a model fitted on the development sets, shipped with the package."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace

from aligner.core.align import AlignParams, align_documents
from aligner.core.align.confidence import (
    FITTED_FILE,
    GAP_FEATURES,
    MATCH_FEATURES,
    confidence_of,
    fitted_model,
)
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.align.pipeline import Problem
from aligner.core.model import Evidence
from tests.conftest import DEFR_BENCH, REPO, RUEN_BENCH, needs_shared
from tests.test_align_beads import english, russian

FITTED = REPO / "aligner" / "core" / "align" / FITTED_FILE


def _fit_script():
    path = REPO / "bench" / "fit_confidence.py"
    spec = importlib.util.spec_from_file_location("fit_confidence", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_shared(RUEN_BENCH)
@needs_shared(DEFR_BENCH)
def test_re_running_the_fit_reproduces_the_committed_parameters() -> None:
    script = _fit_script()
    assert script.render(script.fit()) == FITTED.read_text(encoding="utf-8")


def test_the_committed_parameters_are_what_the_aligner_uses() -> None:
    data = json.loads(FITTED.read_text(encoding="utf-8"))
    model = fitted_model()
    assert data["match_features"] == list(MATCH_FEATURES)
    assert data["gap_features"] == list(GAP_FEATURES)
    assert list(model.match) == data["match"] and list(model.gap) == data["gap"]
    assert AlignParams().review_threshold == data["review_threshold"]
    assert data["fitted_on"] == ["ruen-paragraph (8 works)", "bleualign-defr dev"]


def test_every_link_records_the_threshold_that_decided_its_review_mark() -> None:
    alignment = align_documents(russian(), english())
    threshold = fitted_model().review_threshold
    for link in alignment.links:
        assert link.review_threshold == threshold
        assert link.needs_review == (link.confidence < threshold)


def test_a_contested_link_without_anchors_is_less_sure_than_an_anchored_clear_one() -> None:
    model = fitted_model()
    sure = Evidence(shared=(("numbers", "27"), ("names", "кастро = castro")), length_z=0.2,
                    margin=12.0, neighbour_margin=10.0, source_length=300, target_length=320)
    weak = Evidence(length_z=2.5, margin=0.3, neighbour_margin=0.3,
                    source_length=300, target_length=420)  # fmt: skip
    assert confidence_of(weak, (2, 1), model) < model.review_threshold
    assert confidence_of(sure, (1, 1), model) > model.review_threshold


def test_a_name_that_turns_up_in_the_next_paragraph_instead_sends_the_link_to_review() -> None:
    # Lengths fit and the link is uncontested, but the source's "Castro" and "28" are
    # found in the target paragraph after it: the boundary is likely off by one.
    model = fitted_model()
    clean = Evidence(length_z=0.3, margin=4.0, neighbour_margin=4.0,
                     source_length=240, target_length=250)  # fmt: skip
    moved = replace(clean, displaced=(("names", "кастро = castro"), ("numbers", "28")),
                    displaced_weight=3.4, neighbour_displaced=3.4)  # fmt: skip
    assert confidence_of(moved, (1, 1), model) < confidence_of(clean, (1, 1), model)
    assert confidence_of(moved, (1, 1), model) < model.review_threshold
    assert "a neighbouring paragraph of the other text shares кастро = castro, 28 instead" in (
        moved.reasons
    )


def test_a_link_off_by_one_paragraph_names_the_anchors_its_neighbour_holds() -> None:
    # The cable's paragraph 4 (Stevenson, McCloy, 1 November) left without counterpart and
    # every later paragraph linked to the translation of the one before it, as a derailed
    # path would: each shifted link's anchors sit in the paragraph next door.
    problem = Problem(russian(), english(), (), AlignParams())
    n = len(problem.src)
    shifted = [(1, 1)] * 3 + [(1, 0)] + [(1, 1)] * (n - 4) + [(0, 1)]
    scorer = problem.scorer(LengthModel())
    links = problem.links(shifted, scorer, [5.0] * len(shifted))
    right = problem.links([(1, 1)] * n, scorer, [5.0] * n)
    off = next(lk for lk in links if lk.source == (4,))
    assert off.target == (3,)
    assert ("numbers", "1") in off.evidence.displaced
    assert off.evidence.displaced_weight > 0.0
    assert off.confidence < right[4].confidence
    assert all(lk.evidence.displaced == () for lk in right[:3])
