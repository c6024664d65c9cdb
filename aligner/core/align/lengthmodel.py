"""The length model: how long a faithful rendering of a passage is expected to be.

Gale and Church's observation: the length of a translation is about a fixed
multiple of the original's, with a variance that grows with the length. Both
the multiple (``ratio``) and the variance are estimated from the documents at
hand: first from their totals and median paragraph lengths, then, after a
first alignment, from its 1-1 links alone, so a long omission on one side
does not skew the ratio.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Median of a chi-square variable with one degree of freedom: turns a median
#: of squared z-scores into a variance estimate that ignores outliers.
_CHI2_MEDIAN = 0.4549
_MIN_VARIANCE = 0.5
#: Weight, in 1-1 links, of the default variance against the one measured on a document.
VARIANCE_PSEUDO_COUNT = 4


@dataclass(frozen=True)
class LengthModel:
    """Target length ~ ratio x source length, with variance ~ variance x length."""

    ratio: float = 1.0
    variance: float = 6.8
    floor: float = 1.0
    """Characters added to the length that scales the variance (keeps empty sides finite)."""

    def z(self, source_len: int, target_len: int) -> float:
        """Signed deviation of the target length from its expectation, in standard deviations.

        A bead's length cost is z * z / 2 (a normal density, not Gale and Church's
        tail integral, which underflows on paragraph-long beads); the bead scorer
        inlines it for speed.
        """
        expected = self.ratio * source_len
        mean = (expected + target_len) / 2.0 + self.floor
        return (target_len - expected) / math.sqrt(self.variance * mean)


def from_totals(source_lengths: Sequence[int], target_lengths: Sequence[int]) -> LengthModel:
    """A first guess from the documents alone, before any alignment.

    The ratio of total lengths is skewed when one side leaves out a passage;
    the ratio of median paragraph lengths is not (the left-out paragraphs are
    much like the others) but is skewed when one side merges paragraphs. The
    geometric mean of the two is the safer first guess.
    """
    total_s, total_t = sum(source_lengths), sum(target_lengths)
    if total_s <= 0 or total_t <= 0:
        return LengthModel()
    med_s, med_t = _weighted_median(source_lengths), _weighted_median(target_lengths)
    ratio = total_t / total_s
    if med_s > 0 and med_t > 0:
        ratio = math.sqrt(ratio * med_t / med_s)
    return LengthModel(ratio=ratio, variance=LengthModel().variance)


def _weighted_median(values: Sequence[float], weights: Sequence[float] | None = None) -> float:
    """The value at which half the weight lies on either side (each value weighs itself by default).

    Weighing paragraphs by their length keeps one-word lines (stanza numbers,
    speakers' names, headings), which a translation renders at any ratio,
    from outvoting the paragraphs that carry the text.
    """
    weights = values if weights is None else weights
    ordered = sorted(zip(values, weights, strict=True))
    half, seen = sum(w for _, w in ordered) / 2.0, 0.0
    for value, weight in ordered:
        seen += weight
        if seen >= half:
            return value
    return ordered[-1][0] if ordered else 0.0


def from_pairs(
    pairs: Sequence[tuple[int, int]],
    fallback: LengthModel,
    shares: Sequence[float] | None = None,
) -> LengthModel:
    """Re-estimate from (source, target) lengths of 1-1 links; robust to a few wrong links.

    Each pair weighs its length (both sides), times its ``share`` when given (a
    caller's bound on what some pairs together may weigh)."""
    if shares is None:
        shares = [1.0] * len(pairs)
    kept = [(s, t, w) for (s, t), w in zip(pairs, shares, strict=True) if s > 0 and t > 0]
    usable = [(s, t) for s, t, _ in kept]
    if len(usable) < 5:
        return fallback
    weights = [(s + t) * w for s, t, w in kept]
    ratio = _weighted_median([t / s for s, t in usable], weights)
    trial = LengthModel(ratio=ratio, variance=1.0, floor=fallback.floor)
    squared = _weighted_median([trial.z(s, t) ** 2 for s, t in usable], weights)
    variance = max(squared / _CHI2_MEDIAN, _MIN_VARIANCE)
    # A handful of links says little about the spread: lean on the general default then.
    k = len(usable)
    variance = (k * variance + VARIANCE_PSEUDO_COUNT * fallback.variance) / (
        k + VARIANCE_PSEUDO_COUNT
    )
    return LengthModel(ratio=ratio, variance=variance, floor=fallback.floor)
