"""The numpy kernel finds exactly the reference kernel's alignment on real benchmark texts.

The reference is the pure-Python search (:mod:`aligner.core.align.dp`); the fast
one (:mod:`aligner.core.align.kernel`) must give the same bead path, the same
links with the same confidences and review marks, and margins equal to within
rounding. Every file of ../shared/bench is compared by bench/bench_align_kernels.py;
here a subset of each set: prose with an omission, verse, a stress set's long
work and German-French sentences.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from aligner.core.align import align_documents
from aligner.core.align.equivalence import MARGIN_TOLERANCE, compare_confined, compare_kernels
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.align.params import AlignParams
from aligner.core.sentences.align import _confined, _sentence_counts
from aligner.core.sentences.split import split_document
from aligner.io.texts import load_document
from tests.conftest import DEFR_BENCH, RUEN_BENCH, SHARED, needs_shared

STRESS_BENCH = SHARED / "bench" / "ruen-stress"

PAIRS = [
    (RUEN_BENCH, "malchik_u_khrista_na_yolke", "ru.txt", "en.txt", ("ru", "en")),
    (RUEN_BENCH, "smert_ivana_ilyicha", "ru.txt", "en.txt", ("ru", "en")),
    (STRESS_BENCH, "taoteching", "ru.txt", "en.txt", ("ru", "en")),
    (STRESS_BENCH, "surale", "ru.txt", "en.txt", ("ru", "en")),
    (DEFR_BENCH, "test3", "de", "fr", ("de", "fr")),
]


def _pair(folder: Path, work: str, src: str, tgt: str, languages: tuple[str, str]) -> tuple:
    return (
        load_document(folder / f"{work}.{src}", languages[0]),
        load_document(folder / f"{work}.{tgt}", languages[1]),
    )


@pytest.mark.parametrize(
    "folder, work, src, tgt, languages",
    [pytest.param(*p, id=p[1], marks=needs_shared(p[0])) for p in PAIRS],
)
def test_fast_kernel_aligns_a_bench_pair_exactly_as_the_reference(
    folder: Path, work: str, src: str, tgt: str, languages: tuple[str, str]
) -> None:
    result = compare_kernels(*_pair(folder, work, src, tgt, languages))
    assert result.beads > 20
    assert result.same_path
    assert result.same_links
    assert result.largest_margin_difference <= MARGIN_TOLERANCE


@needs_shared(RUEN_BENCH)
def test_kernels_agree_under_other_parameters_too() -> None:
    # Cheap gaps, a narrow band, strong anchors and no page-break units change which
    # moves win everywhere; the two kernels must still choose the same ones.
    params = AlignParams.from_kwargs(
        {"delete_cost": 2.5, "delete_run_cost": 2.5, "band": 6, "corridor": 2,
         "anchor_weight": 4.0, "join_page_breaks": False}
    )  # fmt: skip
    source, target = _pair(RUEN_BENCH, "nos", "ru.txt", "en.txt", ("ru", "en"))
    result = compare_kernels(source, target, params)
    assert result.same_path and result.same_links
    assert result.largest_margin_difference <= MARGIN_TOLERANCE


@needs_shared(RUEN_BENCH)
def test_kernels_agree_on_sentences_confined_to_their_paragraph_links() -> None:
    # The sentence level's one search over all sentences, each bead kept inside one
    # paragraph link: the fast kernel must respect the same rectangles.
    source, target = _pair(RUEN_BENCH, "smert_ivana_ilyicha", "ru.txt", "en.txt", ("ru", "en"))
    aligned = align_documents(source, target)
    split = replace(
        aligned, source=split_document(aligned.source), target=split_document(aligned.target)
    )
    links = [lk for lk in split.links if all(_sentence_counts(split, lk))]
    whole = _confined(split, links, (), {}, {})
    assert whole is not None
    scorer = whole.problem.scorer(LengthModel(ratio=1.1, variance=5.0))
    result = compare_confined(whole.problem, scorer, whole.blocks.corridor, whole.blocks)
    assert result.beads > 500
    assert result.same_path and result.same_links
    assert result.largest_margin_difference <= MARGIN_TOLERANCE
