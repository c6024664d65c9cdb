"""Confidences taken over all links at once are each link's own confidence, to the bit."""

from __future__ import annotations

from dataclasses import replace

import numpy  # noqa: F401  (loaded, so that confidences() takes the column path)
import pytest

from aligner.core.align import align_documents, confidence
from aligner.core.align.confidence import confidence_of, confidences, fitted_model
from aligner.core.model import Evidence
from aligner.io.texts import load_document
from tests.conftest import DEFR_BENCH, RUEN_BENCH, needs_shared


def _shape(source: tuple[int, ...], target: tuple[int, ...]) -> tuple[int, int]:
    return len(source), len(target)


@needs_shared(RUEN_BENCH)
@needs_shared(DEFR_BENCH)
def test_confidences_of_many_links_are_those_of_each_link() -> None:
    model = fitted_model()
    evidences: list[Evidence] = []
    shapes: list[tuple[int, int]] = []
    for source, target in (
        (RUEN_BENCH / "smert_ivana_ilyicha.ru.txt", RUEN_BENCH / "smert_ivana_ilyicha.en.txt"),
        (DEFR_BENCH / "test3.de", DEFR_BENCH / "test3.fr"),
    ):
        aligned = align_documents(load_document(source), load_document(target))
        evidences += [lk.evidence for lk in aligned.links]
        shapes += [_shape(lk.source, lk.target) for lk in aligned.links]
    # Extremes the capped and logged features must treat alike: nothing known, long
    # sides, many numbers one side lacks, a wide length gap, a heading left alone.
    extreme = Evidence(
        source_only_numbers=("1", "2", "3", "4"), source_length=90_000, target_length=3,
        length_z=-40.0, margin=0.0, displaced_weight=55.0, neighbour_displaced=21.0,
    )  # fmt: skip
    evidences += [Evidence(), extreme, replace(extreme, heading=True, unmatched=True)]
    shapes += [(1, 1), (3, 4), (1, 0)]
    assert len({s for s in shapes if not (s[0] and s[1])}) >= 2  # both one-sided kinds
    expected = [confidence_of(e, s, model) for e, s in zip(evidences, shapes, strict=True)]
    assert confidences(evidences, shapes, model) == expected
    assert confidences([], [], model) == []


def test_a_short_path_without_numpy_loaded_is_judged_link_by_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    model = fitted_model()
    evidences = [Evidence(length_z=0.5, margin=3.0, source_length=80, target_length=75)] * 3
    shapes = [(1, 1), (1, 2), (0, 1)]
    expected = [confidence_of(e, s, model) for e, s in zip(evidences, shapes, strict=True)]
    monkeypatch.delitem(sys.modules, "numpy")
    # With numpy unloaded, the column path would import it: it must not be taken.
    monkeypatch.setattr(confidence, "_match_columns", None)
    assert confidences(evidences, shapes, model) == expected
