"""The aligner's parts: the length model, the bead cost, corridors and sure anchors."""

from __future__ import annotations

import math

import pytest

from aligner.core.align.anchors import Anchors
from aligner.core.align.corridor import (
    anchor_corridor,
    diagonal_corridor,
    longest_chain,
    path_corridor,
    sure_anchors,
)
from aligner.core.align.cost import BeadScorer, Spans
from aligner.core.align.features import segment_features
from aligner.core.align.lengthmodel import LengthModel, from_pairs, from_totals
from aligner.core.align.params import AlignParams


def test_the_ratio_is_re_estimated_from_one_to_one_links_and_ignores_outliers() -> None:
    pairs = [(100, 110), (200, 221), (150, 164), (300, 331), (120, 131), (80, 88), (90, 400)]
    model = from_pairs(pairs * 4, LengthModel())
    assert model.ratio == pytest.approx(1.1, abs=0.01)
    assert model.variance < 2.0  # the wild pairs do not inflate it


def test_one_word_lines_do_not_outvote_the_paragraphs_in_the_ratio() -> None:
    # Verse: a stanza number ("IV" / "IV") before each stanza, stanzas a quarter longer.
    stanzas = [(380 + 7 * k, 475 + 9 * k) for k in range(20)]
    numbers = [(2, 2)] * 20
    model = from_pairs(stanzas + numbers, LengthModel())
    assert model.ratio == pytest.approx(1.25, abs=0.02)
    assert from_totals([s for s, _ in stanzas + numbers], [t for _, t in stanzas + numbers]).ratio \
        == pytest.approx(1.25, abs=0.02)


def test_a_handful_of_links_leans_on_the_default_spread() -> None:
    few = [(100, 101), (200, 199), (150, 151), (300, 302), (120, 119)]
    assert from_pairs(few, LengthModel()).variance > 0.3 * LengthModel().variance
    assert from_pairs(few * 20, LengthModel()).variance < 0.15 * LengthModel().variance


def test_a_long_omission_barely_moves_the_first_guess() -> None:
    source = [200] * 40
    target = [220] * 28  # the translation leaves out 12 paragraphs
    assert from_totals(source, target).ratio > 0.9  # the totals alone would say 0.77


def test_the_bead_cost_is_the_weighted_normal_log_density_plus_the_prior() -> None:
    src = [segment_features("Продолжаем переговоры с американцами в Нью-Йорке.")]
    tgt = [segment_features("We continue negotiations with the Americans.")]
    anchors = Anchors((frozenset(),), (frozenset(),), (), ())
    model = LengthModel(ratio=1.1, variance=3.0)
    params = AlignParams()
    scorer = BeadScorer(Spans(src, anchors.source), Spans(tgt, anchors.target), anchors, model,
                        params)  # fmt: skip
    cost = scorer.extend(1, 1, 1, 1, [0.0])[0]
    z = model.z(src[0].length, tgt[0].length)
    expected = params.length_weight * z * z / 2 - math.log(params.priors[1, 1])
    assert cost == pytest.approx(expected)


def _reachable(corridor: tuple[list[int], list[int]]) -> bool:
    lo, hi = corridor
    return lo[0] == 0 and all(lo[i] <= hi[i - 1] and hi[i] >= hi[i - 1] for i in range(1, len(lo)))


@pytest.mark.parametrize(("n", "m"), [(1, 200), (200, 1), (40, 28), (5, 5), (3, 90)])
def test_corridors_always_connect_the_two_ends(n: int, m: int) -> None:
    band = diagonal_corridor(n, m, 3)
    assert _reachable(band) and band[1][n] == m
    path = [(1, 0)] * n + [(0, 1)] * m
    assert _reachable(path_corridor(path, n, m, 1))


def test_sure_anchors_keep_the_longest_consistent_chain() -> None:
    assert longest_chain([(0, 0), (1, 5), (2, 2), (3, 3), (4, 1), (5, 6)]) == [
        (0, 0), (2, 2), (3, 3), (5, 6),
    ]  # fmt: skip
    # Key 0 is found once on each side; key 1 twice on each side, paired in order.
    empty: frozenset[int] = frozenset()
    anchors = Anchors(
        source=(frozenset({0}), empty, frozenset({1}), frozenset({1})),
        target=(empty, frozenset({0}), empty, frozenset({1}), frozenset({1})),
        weights=(1.0, 1.0),
        labels=("n:27", "w:kastr"),
    )
    assert sure_anchors(anchors) == [(0, 1), (2, 3), (3, 4)]
    lo, hi = anchor_corridor(anchors, 4, 5, 1)
    assert lo[2] <= 3 <= hi[2]
