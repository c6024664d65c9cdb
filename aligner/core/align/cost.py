"""The cost of one bead: length deviation, bead prior, shared anchors, punctuation profile.

Costs are additive negative log-likelihoods (smaller is better). A bead's
anchor bonus is the weighted count of *distinct* keys both sides share, not a
sum over its segment pairs, so merging two paragraphs never earns a key twice.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import accumulate

from aligner.core.align.anchors import Anchors
from aligner.core.align.features import SegmentFeatures
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.align.params import AlignParams

INF = float("inf")

#: Weight of each punctuation-profile feature: ? ! : ; ( dialogue.
_PROFILE_WEIGHTS = (1.0, 1.0, 0.5, 0.5, 0.7, 1.0)


def _span_unions(sets: Sequence[frozenset[int]], width: int) -> list[list[frozenset[int]]]:
    """unions[a][i] = union of sets[i - a : i] (a = 1..width), so a bead's keys are one lookup."""
    unions: list[list[frozenset[int]]] = [[frozenset()] * (len(sets) + 1)]
    for a in range(1, width + 1):
        row = [frozenset()] * (len(sets) + 1)
        for i in range(a, len(sets) + 1):
            row[i] = unions[a - 1][i - 1] | sets[i - 1] if a > 1 else sets[i - 1]
        unions.append(row)
    return unions


def _span_profiles(profiles: Sequence[tuple[int, ...]], width: int) -> list[list[tuple[int, ...]]]:
    """sums[a][i] = element-wise sum of profiles[i - a : i] (a = 1..width)."""
    empty = (0,) * len(_PROFILE_WEIGHTS)
    sums: list[list[tuple[int, ...]]] = [[empty] * (len(profiles) + 1)]
    for a in range(1, width + 1):
        row = [empty] * (len(profiles) + 1)
        for i in range(a, len(profiles) + 1):
            prev = sums[a - 1][i - 1]
            row[i] = tuple(x + y for x, y in zip(prev, profiles[i - 1], strict=True))
        sums.append(row)
    return sums


def profile_mismatch(ps: tuple[int, ...], pt: tuple[int, ...]) -> float:
    """Weighted relative difference of two punctuation profiles (0 when they agree)."""
    cost = 0.0
    for x, y, weight in zip(ps, pt, _PROFILE_WEIGHTS, strict=True):
        if x != y:
            cost += weight * abs(x - y) / (x + y)
    return cost


def _header_flags(units: Sequence[SegmentFeatures], within: int = 6) -> list[bool]:
    """Short lines without closing punctuation near the start: title, author, edition note."""
    return [i < within and 0 < f.length <= 80 and f.ends_open for i, f in enumerate(units)]


def _span_lengths(lengths: Sequence[int], width: int) -> list[list[int]]:
    """sums[a][i] = total length of units i-a..i-1 (a = 1..width)."""
    prefix = [0, *accumulate(lengths)]
    return [
        [prefix[i] - prefix[max(i - a, 0)] for i in range(len(prefix))] for a in range(width + 1)
    ]


class Spans:
    """One document's units, summed over every run of 1..width units ending at each index.

    A bead's length, keys and profile are then single lookups; computed once
    per alignment and shared by both passes.
    """

    def __init__(
        self, units: Sequence[SegmentFeatures], keys: Sequence[frozenset[int]], width: int
    ):
        self.count = len(units)
        self.lengths = _span_lengths([f.length for f in units], width)
        self.keys = _span_unions(keys, width)
        self.profiles = _span_profiles([f.profile for f in units], width)
        self.headers = _header_flags(units)


class BeadScorer:
    """Scores beads between units (runs of segments kept together) of two documents."""

    def __init__(
        self,
        source: Spans,
        target: Spans,
        anchors: Anchors,
        length_model: LengthModel,
        params: AlignParams,
        *,
        use_profile: bool = True,
    ) -> None:
        self.source, self.target = source, target
        self.model = length_model
        self.params = params
        self.anchors = anchors
        self.prior = {ab: -math.log(p) for ab, p in params.priors.items()}
        self.use_profile = use_profile
        # A smaller length weight lets anchors and priors overrule a length deviation sooner.
        self._scaled_variance = self.model.variance / params.length_weight
        self._profile_cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

    def match(self, i: int, a: int, j: int, b: int) -> float:
        """Cost of the bead linking source units [i-a, i) with target units [j-b, j)."""
        return self.extend(i, a, b, j, [0.0])[0]

    def extend(self, i: int, a: int, b: int, j0: int, previous: Sequence[float]) -> list[float]:
        """``previous[k]`` plus the cost of bead (a, b) ending at (i, j0 + k), for every k.

        The DP's inner loop: everything that depends on the source side only is
        computed once per row and bead shape, then the loop runs over targets.
        """
        src, tgt = self.source, self.target
        expected = self.model.ratio * src.lengths[a][i]
        base = expected + 2.0 * self.model.floor
        variance = self._scaled_variance
        prior = self.prior[a, b]
        src_keys, src_prof = src.keys[a][i], src.profiles[a][i]
        weights, anchor_w = self.anchors.weights, self.params.anchor_weight
        use_profile, profile_cost = self.use_profile, self._profile_cost
        j1 = j0 + len(previous)
        out = []
        for prev, lt, keys, prof in zip(
            previous, tgt.lengths[b][j0:j1], tgt.keys[b][j0:j1], tgt.profiles[b][j0:j1], strict=True
        ):
            if prev == INF:
                out.append(INF)
                continue
            diff = lt - expected
            cost = prev + diff * diff / (variance * (base + lt)) + prior
            if not src_keys.isdisjoint(keys):
                cost -= anchor_w * sum([weights[k] for k in src_keys & keys])
            if use_profile and src_prof != prof:
                cost += profile_cost(src_prof, prof)
            out.append(cost)
        return out

    def _profile_cost(self, ps: tuple[int, ...], pt: tuple[int, ...]) -> float:
        """Weighted profile mismatch, cached: the same small tuples recur all along."""
        pair = (ps, pt)
        cost = self._profile_cache.get(pair)
        if cost is None:
            cost = self._profile_cache[pair] = self.params.profile_weight * profile_mismatch(ps, pt)
        return cost

    def gap_costs(self, side: str) -> tuple[list[float], list[float]]:
        """Per unit, the cost of leaving it without counterpart: opening a run, continuing one.

        Index k is the unit k - 1, so ``costs[i]`` goes with DP row (or column) i.
        """
        headers = (self.source if side == "source" else self.target).headers
        p = self.params
        first = [0.0] + [p.header_delete_cost if h else p.delete_cost for h in headers]
        run = [0.0] + [p.header_delete_cost if h else p.delete_run_cost for h in headers]
        return first, run
