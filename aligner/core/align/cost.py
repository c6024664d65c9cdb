"""The cost of one bead: length deviation, bead prior, shared anchors, punctuation profile.

Costs are additive negative log-likelihoods (smaller is better). A bead's
anchor bonus is the weighted count of *distinct* keys both sides share, not a
sum over its segment pairs, so merging two paragraphs never earns a key twice.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import Protocol

from aligner.core.align.anchors import Anchors
from aligner.core.align.features import SegmentFeatures
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.align.params import AlignParams

INF = float("inf")

#: Weight of each punctuation-profile feature: ? ! : ; ( dialogue.
_PROFILE_WEIGHTS = (1.0, 1.0, 0.5, 0.5, 0.7, 1.0)
#: Profiles are packed into one int, a byte per feature, so a run's profile is a
#: difference of prefix sums. Counts are capped so that a bead of up to eight
#: units cannot overflow a byte.
_FIELD_BITS = 8
_COUNT_CAP = 31


#: Longest line read as part of a title block (a long title with its subtitle fits).
TITLE_LINE = 80
#: How many unions of runs of units one side keeps at a time, per run length.
_RUN_CACHE = 4096


def pack_profile(profile: Sequence[int]) -> int:
    """One int holding the (capped) counts of a punctuation profile."""
    packed = 0
    for k, count in enumerate(profile):
        packed |= min(count, _COUNT_CAP) << (k * _FIELD_BITS)
    return packed


def unpack_profile(packed: int) -> tuple[int, ...]:
    mask = (1 << _FIELD_BITS) - 1
    return tuple((packed >> (k * _FIELD_BITS)) & mask for k in range(len(_PROFILE_WEIGHTS)))


def profile_mismatch(ps: tuple[int, ...], pt: tuple[int, ...]) -> float:
    """Weighted relative difference of two punctuation profiles (0 when they agree)."""
    cost = 0.0
    for x, y, weight in zip(ps, pt, _PROFILE_WEIGHTS, strict=True):
        if x != y:
            cost += weight * abs(x - y) / (x + y)
    return cost


@lru_cache(maxsize=1 << 14)
def packed_mismatch(ps: int, pt: int) -> float:
    """:func:`profile_mismatch` of two packed profiles, kept across scorers: the sentence
    level builds one scorer per re-aligned window, and the same few pairs recur in all."""
    return profile_mismatch(unpack_profile(ps), unpack_profile(pt))


def front_matter(units: Sequence[SegmentFeatures]) -> list[bool]:
    """The document's title block: the short lines without closing punctuation before its
    first paragraph of text (title, author, translator, place and year).

    Editions add and drop these freely, so one left without counterpart is cheap;
    the same line inside the text (a chapter heading) is aligned like any other.
    """
    flags = [False] * len(units)
    for i, f in enumerate(units):
        if not (0 < f.length <= TITLE_LINE and f.ends_open):
            break
        flags[i] = True
    return flags


class Spans:
    """One document's units as prefix sums, so any run's length and profile is one subtraction.

    Computed once per alignment and shared by both passes. Keys stay per unit:
    unions of key sets for every run would take more memory than all the rest.
    """

    def __init__(
        self,
        units: Sequence[SegmentFeatures],
        keys: Sequence[frozenset[int]],
        headers: Sequence[bool] | None = None,
    ):
        self.lengths = [0, *accumulate(f.length for f in units)]
        # Packed once per distinct profile: a few dozen of them cover any text.
        packed: dict[tuple[int, ...], int] = {}
        for f in units:
            if f.profile not in packed:
                packed[f.profile] = pack_profile(f.profile)
        self.profiles = [0, *accumulate(packed[f.profile] for f in units)]
        self.keys = list(keys)
        self._runs: dict[int, dict[int, frozenset[int]]] = {}
        self.headers = list(headers) if headers is not None else front_matter(units)

    def union(self, a: int, i: int) -> frozenset[int]:
        """Keys of units i-a..i-1."""
        if a == 1:
            return self.keys[i - 1]
        return frozenset().union(*self.keys[i - a : i])

    def runs(self, a: int) -> dict[int, frozenset[int]]:
        """Recently used unions of runs of ``a`` units, by end index (see :meth:`run_keys`)."""
        return self._runs.setdefault(a, {})

    def run_keys(self, a: int, i: int) -> frozenset[int]:
        """Keys of units i-a..i-1, kept for reuse: the search visits each run from many rows.

        Only a window is kept (the search moves along the documents), so memory
        stays small; an empty union is cached too, as an empty frozenset.
        """
        cache = self._runs.setdefault(a, {})
        if len(cache) > _RUN_CACHE:
            cache.clear()
        keys = cache[i] = self.union(a, i)
        return keys


class Scorer(Protocol):
    """What the dynamic programming needs from a cost model."""

    prior: Mapping[tuple[int, int], float]

    def gap_costs(self, side: str) -> tuple[list[float], list[float]]: ...

    def extend(self, i: int, a: int, b: int, j0: int, previous: Sequence[float]) -> list[float]: ...


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
        self._profile_cache: dict[tuple[int, int], float] = {}

    def extend(self, i: int, a: int, b: int, j0: int, previous: Sequence[float]) -> list[float]:
        """``previous[k]`` plus the cost of bead (a, b) ending at (i, j0 + k), for every k.

        The DP's inner loop: everything that depends on the source side only is
        computed once per row and bead shape, then the loop runs over targets.
        """
        src, tgt = self.source, self.target
        expected = self.model.ratio * (src.lengths[i] - src.lengths[i - a])
        base = expected + 2.0 * self.model.floor
        variance = self._scaled_variance
        prior = self.prior[a, b]
        src_keys = src.union(a, i)
        src_prof = src.profiles[i] - src.profiles[i - a]
        unit_keys, lengths, profiles = tgt.keys, tgt.lengths, tgt.profiles
        runs, run_keys = tgt.runs(b), tgt.run_keys
        weight_of, anchor_w = self.anchors.weights.__getitem__, self.params.anchor_weight
        use_profile, cache = self.use_profile, self._profile_cache
        out = []
        j = j0 - 1
        for prev in previous:
            j += 1
            if prev == INF:
                out.append(INF)
                continue
            lt = lengths[j] - lengths[j - b]
            diff = lt - expected
            cost = prev + diff * diff / (variance * (base + lt)) + prior
            if src_keys:  # a source run without keys shares none: no target keys to look up
                keys = unit_keys[j - 1] if b == 1 else runs.get(j) or run_keys(b, j)
                if not src_keys.isdisjoint(keys):
                    # Distinct keys on both sides, each counted once however many units hold it.
                    cost -= anchor_w * sum(map(weight_of, src_keys & keys))
            if use_profile:
                prof = profiles[j] - profiles[j - b]
                if prof != src_prof:
                    mismatch = cache.get((src_prof, prof))
                    if mismatch is None:
                        mismatch = self._profile_cost(src_prof, prof)
                    cost += mismatch
            out.append(cost)
        return out

    def _profile_cost(self, ps: int, pt: int) -> float:
        """Weighted mismatch of two packed profiles, cached: the same few recur all along."""
        pair = (ps, pt)
        cost = self._profile_cache.get(pair)
        if cost is None:
            cost = self._profile_cache[pair] = self.params.profile_weight * packed_mismatch(ps, pt)
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
