"""The cost of one bead: length deviation, bead prior, shared anchors, punctuation profile.

Costs are additive negative log-likelihoods (smaller is better). A bead's
anchor bonus is the weighted count of *distinct* keys both sides share, not a
sum over its segment pairs, so merging two paragraphs never earns a key twice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import accumulate

from aligner.core.align.anchors import Anchors
from aligner.core.align.features import SegmentFeatures
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.align.params import AlignParams

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


def _prefix(values: Sequence[int]) -> list[int]:
    return [0, *accumulate(values)]


class BeadScorer:
    """Scores beads between units (runs of segments kept together) of two documents."""

    def __init__(
        self,
        source: Sequence[SegmentFeatures],
        target: Sequence[SegmentFeatures],
        anchors: Anchors,
        length_model: LengthModel,
        params: AlignParams,
        *,
        use_profile: bool = True,
    ) -> None:
        self.model = length_model
        self.params = params
        self.anchors = anchors
        width = max(max(a, b) for a, b in params.priors)
        self.src_len = _prefix([f.length for f in source])
        self.tgt_len = _prefix([f.length for f in target])
        self.src_keys = _span_unions(anchors.source, width)
        self.tgt_keys = _span_unions(anchors.target, width)
        self.src_profile = _span_profiles([f.profile for f in source], width)
        self.tgt_profile = _span_profiles([f.profile for f in target], width)
        self.prior = {ab: -math.log(p) for ab, p in params.priors.items()}
        self.src_header = _header_flags(source)
        self.tgt_header = _header_flags(target)
        self.match = self._make_match(use_profile)

    def _make_match(self, use_profile: bool) -> Callable[[int, int, int, int], float]:
        """The bead cost as a closure over plain lists: it runs millions of times."""
        src_len, tgt_len = self.src_len, self.tgt_len
        src_keys, tgt_keys, weights = self.src_keys, self.tgt_keys, self.anchors.weights
        src_prof, tgt_prof = self.src_profile, self.tgt_profile
        ratio, variance = self.model.ratio, self.model.variance
        floor2 = 2.0 * self.model.floor
        # A smaller length weight lets anchors and priors overrule a length deviation sooner.
        variance = variance / self.params.length_weight
        prior, anchor_w, profile_w = (
            self.prior,
            self.params.anchor_weight,
            self.params.profile_weight,
        )
        profile_cache: dict[tuple[tuple[int, ...], tuple[int, ...]], float] = {}

        def match(i: int, a: int, j: int, b: int) -> float:
            """Cost of the bead linking source units [i-a, i) with target units [j-b, j)."""
            ls = src_len[i] - src_len[i - a]
            lt = tgt_len[j] - tgt_len[j - b]
            expected = ratio * ls
            diff = lt - expected
            cost = diff * diff / (variance * (expected + lt + floor2)) + prior[a, b]
            common = src_keys[a][i] & tgt_keys[b][j]
            if common:
                cost -= anchor_w * sum([weights[k] for k in common])
            if not use_profile:
                return cost
            ps, pt = src_prof[a][i], tgt_prof[b][j]
            if ps != pt:
                pair = (ps, pt)
                mismatch = profile_cache.get(pair)
                if mismatch is None:
                    mismatch = profile_cache[pair] = profile_w * profile_mismatch(ps, pt)
                cost += mismatch
            return cost

        return match

    def gap_costs(self, side: str) -> tuple[list[float], list[float]]:
        """Per unit, the cost of leaving it without counterpart: opening a run, continuing one.

        Index k is the unit k - 1, so ``costs[i]`` goes with DP row (or column) i.
        """
        headers = self.src_header if side == "source" else self.tgt_header
        p = self.params
        first = [0.0] + [p.header_delete_cost if h else p.delete_cost for h in headers]
        run = [0.0] + [p.header_delete_cost if h else p.delete_run_cost for h in headers]
        return first, run
