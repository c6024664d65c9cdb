"""The dynamic programme and its bead costs over numpy arrays: the same search as :mod:`.dp`,
:mod:`.cost` and :mod:`.margins`, at a fraction of the time.

Bead costs do not depend on the search, so they are computed for many cells at
once, one block of rows at a time (bounded memory): per bead shape, the length
term, the anchor bonus and the punctuation-profile term of every cell of the
block. The search itself must go row by row (a row needs the rows above it),
but each row is a handful of array operations over all bead shapes together:
gather the predecessors' costs, add the bead costs, take the first minimum.

The result is the reference implementation's, operation for operation: each
bead's total is ``((previous + length) + prior) - anchors + profile`` in that
order, as :meth:`.cost.BeadScorer.extend` computes it; the first shape (in
prior order) that reaches the minimum wins, as there; gaps win only when
strictly cheaper, as there. An anchor bonus is the sum of the weights of the
keys both runs hold (each key once, found by sorted look-up), added in
an order fixed by the arrays; the reference adds them in the order Python iterates a
set intersection. With one or two keys the two sums are the same number; with
three or more (about one cell in sixty) they may differ in the last bit,
because floating-point addition is not associative, and so may the costs and
margins that follow from them, by about 1e-13. tests/test_align_kernel.py
checks on the benchmarks that paths and confidences are the same and margins
agree to 1e-9.

The target gaps (0-1 beads) chain along a row, so they cannot be vectorised;
a row is walked cell by cell only when a lower bound shows that a gap could
beat some cell's cost, which is rare (opening a gap costs a full paragraph).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numba
import numpy as np

from aligner.core.align.cost import _PROFILE_WEIGHTS, BeadScorer, Spans
from aligner.core.align.dp import INF, Bead
from aligner.core.align.margins import MARGIN_CAP, ReplayScorer, path_cells, reversed_corridor

if TYPE_CHECKING:
    from aligner.core.sentences.blocks import Blocks

Corridor = tuple[list[int], list[int]]
Progress = Callable[[float], None]

#: Cells whose bead costs are computed in one go: about 20 MB of arrays for ten shapes.
_BLOCK_CELLS = 40_000
_FIELD_BITS = 8
_FIELD_MASK = (1 << _FIELD_BITS) - 1


def _csr(keys: Sequence[frozenset[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's keys as one flat array and offsets into it."""
    counts = np.fromiter((len(k) for k in keys), dtype=np.int64, count=len(keys))
    indptr = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    flat = np.fromiter((x for k in keys for x in k), dtype=np.int64, count=int(indptr[-1]))
    return indptr, flat


def _side_keys(spans: Spans) -> tuple[np.ndarray, np.ndarray]:
    """The units' keys as arrays, built once per document side (both passes share them)."""
    cached = getattr(spans, "_key_arrays", None)
    if cached is None or cached[0] is not spans.keys:
        cached = (spans.keys, _csr(spans.keys))
        spans._key_arrays = cached  # type: ignore[attr-defined]
    return cached[1]


def _gather(indptr: np.ndarray, flat: np.ndarray, units: np.ndarray) -> tuple[np.ndarray, ...]:
    """For each unit given, its keys: (position in ``units``, key) pairs."""
    counts = indptr[units + 1] - indptr[units]
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(units)), counts)
    starts = np.repeat(indptr[units] - (np.cumsum(counts) - counts), counts)
    return owner, flat[starts + np.arange(total)]


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.unique's hashing is many times slower on these)."""
    out = np.sort(values)
    keep = np.empty(len(out), dtype=np.bool_)
    keep[:1] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def _packed_prefix(profiles: Sequence[int]) -> np.ndarray:
    """Prefix sums of packed profiles, wrapping modulo 2**64.

    A run's profile is a difference of two prefixes and always below 2**48, so
    the wrapped difference is exact even when the prefixes overflow.
    """
    units = np.array([b - a for a, b in zip(profiles, profiles[1:], strict=False)], np.uint64)
    out = np.zeros(len(profiles), dtype=np.uint64)
    np.cumsum(units, out=out[1:])
    return out


class Costs:
    """A :class:`BeadScorer`'s cost model as arrays, optionally confined to blocks."""

    def __init__(self, scorer: BeadScorer, blocks: Blocks | None = None) -> None:
        src, tgt = scorer.source, scorer.target
        self.n, self.m = len(src.lengths) - 1, len(tgt.lengths) - 1
        self.ls = np.array(src.lengths, dtype=np.int64)
        self.lt = np.array(tgt.lengths, dtype=np.int64)
        self.ps = _packed_prefix(src.profiles)
        self.pt = _packed_prefix(tgt.profiles)
        self.src_keys = _side_keys(src)
        self.tgt_keys = _side_keys(tgt)
        self.weights = np.array(scorer.anchors.weights, dtype=np.float64)
        self.prior = scorer.prior
        self.ratio, self.twice_floor = scorer.model.ratio, 2.0 * scorer.model.floor
        self.variance = scorer._scaled_variance
        self.anchor_weight = scorer.params.anchor_weight
        self.profile_weight = scorer.params.profile_weight
        self.use_profile = scorer.use_profile
        self.scorer = scorer
        self.blocks = None
        if blocks is not None:
            self.blocks = (
                np.array(blocks.src, np.int64),
                np.array(blocks.tgt, np.int64),
                np.array(blocks.owner, np.int64),
            )

    def gap_costs(self, side: str, reverse: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Opening and running costs per row (or column), as :meth:`BeadScorer.gap_costs`."""
        if reverse:
            pair = ReplayScorer(self.scorer, {}, self.n, self.m).gap_costs(side)
        else:
            pair = self.scorer.gap_costs(side)
        return np.array(pair[0], np.float64), np.array(pair[1], np.float64)

    def _target_runs(self, b: int) -> np.ndarray:
        """Sorted codes ``key * (m + 1) + j``: key held by some target unit j-b .. j-1
        (kept with the target's units: both passes and the margins use them)."""
        runs = self.scorer.target.__dict__.setdefault("_run_codes", {})
        codes = runs.get(b)
        if codes is None:
            indptr, flat = self.tgt_keys
            units = np.repeat(np.arange(self.m), indptr[1:] - indptr[:-1])
            parts = []
            for d in range(b):
                j = units + 1 + d
                ok = (j >= b) & (j <= self.m)
                parts.append(flat[ok] * (self.m + 1) + j[ok])
            joined = np.concatenate(parts)
            # A key in two units of one run must count once; alone, a unit's keys are distinct.
            codes = runs[b] = _distinct(joined) if b > 1 else np.sort(joined)
        return codes

    def _anchor_sums(
        self, a: int, b: int, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray, starts: np.ndarray,
        i: np.ndarray, j: np.ndarray,
    ) -> np.ndarray | None:
        """Weighted sum of the distinct keys both runs share, for every cell of the segments
        (row, columns lo..hi; cell k is at row i[k], column j[k]); None when no cell shares
        a key."""
        size = len(i)
        usable = np.flatnonzero(rows >= a)
        if not len(usable):
            return None
        indptr, flat = self.src_keys
        owners, keys = [], []
        for d in range(a):
            owner, key = _gather(indptr, flat, rows[usable] - 1 - d)
            owners.append(usable[owner])
            keys.append(key)
        segments = len(rows)
        codes = np.concatenate(keys) * segments + np.concatenate(owners)
        if a > 1:
            codes = _distinct(codes)  # a key in two units of the run counts once
        if not len(codes):
            return None
        key, seg = np.divmod(codes, segments)
        runs = self._target_runs(b)
        sums, found = _anchor_cells(runs, key, seg, lo, hi, starts, self.weights, self.m + 1, size)
        return sums if found else None

    def terms(
        self, a: int, b: int, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """Bead (a, b) ending at each cell (row, lo..hi) of the segments: its length cost
        (INF where blocks forbid the bead), minus its anchor bonus, and its profile cost
        (None when zero everywhere). Cells with row < a or column < b hold junk."""
        widths = hi - lo + 1
        size = int(widths.sum())
        starts = np.cumsum(widths) - widths
        seg = np.repeat(np.arange(len(rows)), widths)
        j = np.arange(size) - np.repeat(starts - lo, widths)
        i = rows[seg]
        j = np.minimum(j, self.m)  # columns past the end only occur in junk cells
        i_a, j_b = np.maximum(i - a, 0), np.maximum(j - b, 0)
        expected = self.ratio * (self.ls[i] - self.ls[i_a]).astype(np.float64)
        lt = (self.lt[j] - self.lt[j_b]).astype(np.float64)
        diff = lt - expected
        length = diff * diff / (self.variance * ((expected + self.twice_floor) + lt))
        if self.blocks is not None:
            length[~self.confined(a, b, i, j)] = INF
        sums = self._anchor_sums(a, b, rows, lo, hi, starts, i, j)
        bonus = None if sums is None else -(self.anchor_weight * sums)
        profile = self._profile_terms(self.ps[i] - self.ps[i_a], self.pt[j] - self.pt[j_b])
        return length, bonus, profile

    def taken_terms(
        self, a: int, b: int, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray,
        corridor: tuple[np.ndarray, np.ndarray],
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """:meth:`terms` where the search can take bead (a, b): from a cell of ``corridor``
        and inside one block. Elsewhere the length cost is INF and the other terms 0, which
        the search never reads (it skips a bead whose start is outside the corridor, and a
        bead leaving its block costs INF in either case). On the sentence level more than
        half of the cells cannot take a given bead: its block is too small."""
        c_lo, c_hi = corridor
        start = np.maximum(rows - a, 0)
        first = np.maximum(lo, c_lo[start] + b)
        last = np.minimum(hi, c_hi[start] + b)
        if self.blocks is not None:
            src, tgt, owner = self.blocks
            k = owner[np.minimum(start, len(owner) - 1)]
            first = np.maximum(first, tgt[k] + b)
            last = np.where(rows <= src[k + 1], np.minimum(last, tgt[k + 1]), first - 1)
        some = (rows >= a) & (first <= last)
        widths = hi - lo + 1
        size = int(widths.sum())
        length = np.full(size, INF)
        if not some.any():
            return length, None, None
        rows, first, last = rows[some], first[some], last[some]
        taken = last - first + 1
        # Where each taken cell sits among all the cells of the rows.
        offset = (np.cumsum(widths) - widths)[some] + first - lo[some]
        at = np.arange(int(taken.sum())) + np.repeat(offset - (np.cumsum(taken) - taken), taken)
        part_length, part_bonus, part_profile = self.terms(a, b, rows, first, last)
        length[at] = part_length
        return length, _spread(part_bonus, at, size), _spread(part_profile, at, size)

    def confined(self, a: int, b: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether bead (a, b) ending at each cell (i, j) stays inside one block (all True
        without blocks)."""
        if self.blocks is None:
            return np.ones(len(i), dtype=np.bool_)
        src, tgt, owner = self.blocks
        k = owner[np.minimum(np.maximum(i - a, 0), len(owner) - 1)]
        return (i <= src[k + 1]) & (j >= tgt[k] + b) & (j <= tgt[k + 1])

    def _profile_terms(self, ps: np.ndarray, pt: np.ndarray) -> np.ndarray | None:
        """``profile_weight`` times the weighted mismatch where the packed profiles differ."""
        if not self.use_profile:
            return None
        out, differ = _profile_cells(ps, pt, _WEIGHTS, self.profile_weight)
        return out if differ else None


def _spread(values: np.ndarray | None, at: np.ndarray, size: int) -> np.ndarray | None:
    """``values`` placed at ``at`` among ``size`` zeros (None stays None)."""
    if values is None:
        return None
    out = np.zeros(size)
    out[at] = values
    return out


#: The profile weights as an array for :func:`_profile_cells`.
_WEIGHTS = np.array(_PROFILE_WEIGHTS, dtype=np.float64)


@numba.njit(cache=True, nogil=True)
def _anchor_cells(runs, key, seg, lo, hi, starts, weights, stride, size):  # type: ignore[no-untyped-def]
    """Per cell, the weights of the keys both runs hold, and whether any cell has one.

    ``runs`` are the sorted codes ``key * stride + column`` of the target runs; pair
    p (key ``key[p]`` held by the source run of segment ``seg[p]``) finds the columns
    lo..hi of its segment that hold the key by two binary searches. The weights are
    added pair by pair, each pair's columns in order: the order in which
    ``np.bincount`` adds the same pairs laid out flat, so the sums are the same numbers.
    """
    out = np.zeros(size)
    found = False
    for p in range(len(key)):
        s = seg[p]
        base = key[p] * stride
        first = np.searchsorted(runs, base + lo[s])
        last = np.searchsorted(runs, base + hi[s], side="right")
        if first == last:
            continue
        found = True
        w = weights[key[p]]
        shift = starts[s] - lo[s] - base
        for r in range(first, last):
            out[shift + runs[r]] += w
    return out, found


@numba.njit(cache=True, nogil=True)
def _profile_cells(ps, pt, weights, profile_weight):  # type: ignore[no-untyped-def]
    """``profile_weight`` times :func:`.cost.profile_mismatch` of the unpacked profiles, per
    cell, and whether any cell's profiles differ: the reference's operations in its order
    (a field that agrees adds nothing)."""
    out = np.zeros(len(ps))
    differ = False
    for c in range(len(ps)):
        x, y = ps[c], pt[c]
        if x == y:
            continue
        differ = True
        mismatch = 0.0
        for k in range(len(weights)):
            a = np.int64((x >> np.uint64(k * _FIELD_BITS)) & np.uint64(_FIELD_MASK))
            b = np.int64((y >> np.uint64(k * _FIELD_BITS)) & np.uint64(_FIELD_MASK))
            if a != b:
                mismatch = mismatch + weights[k] * np.float64(abs(a - b)) / np.float64(a + b)
        out[c] = profile_weight * mismatch
    return out, differ


@dataclass
class Pass:
    """One pass's tables over its corridor, flat: cell (i, j) is ``off[i] + j - lo[i]``."""

    lo: np.ndarray
    hi: np.ndarray
    off: np.ndarray
    best: np.ndarray
    """Cheapest cost to reach each cell (INF unreachable); one INF slot past the end."""
    back: np.ndarray
    """The winning move per cell: shape index, or ``source_gap`` codes, or ``target_gap``."""
    src_back: np.ndarray
    tgt_back: np.ndarray
    shapes: tuple[Bead, ...]
    record: np.ndarray | None
    """Per shape and cell, the bead cost added there (INF where none was computed)."""

    def at(self, i: int, j: int) -> int:
        return int(self.off[i]) + j - int(self.lo[i])


def _layout(corridor: Corridor) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = np.array(corridor[0], np.int64), np.array(corridor[1], np.int64)
    off = np.zeros(len(lo) + 1, dtype=np.int64)
    np.cumsum(hi - lo + 1, out=off[1:])
    return lo, hi, off


def _predecessors(
    lo: np.ndarray, hi: np.ndarray, off: np.ndarray, i: np.ndarray, j: np.ndarray, a: int, b: int,
    sentinel: int,
) -> np.ndarray:
    """Flat index of cell (i - a, j - b) where it lies in the corridor, else ``sentinel``."""
    p = np.maximum(i - a, 0)
    q = j - b
    ok = (i >= a) & (q >= lo[p]) & (q <= hi[p])
    return np.where(ok, off[p] + q - lo[p], sentinel)


#: Chooses the bead costs of a block of rows: (shape index, a, b, rows, lo, hi) -> terms.
TermSource = Callable[[int, int, int, np.ndarray, np.ndarray, np.ndarray], tuple]


def _search(
    n: int,
    m: int,
    corridor: Corridor,
    shapes: Sequence[Bead],
    priors: Sequence[float],
    terms: TermSource,
    gaps: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    progress: Progress | None,
    keep: bool,
) -> Pass:
    """Fill the three states over the corridor (see :mod:`.dp`), a block of rows at a time:
    bead costs as arrays here, the search over them in :func:`_fill_rows`."""
    lo, hi, off = _layout(corridor)
    cells = int(off[-1])
    count = len(shapes)
    table = np.full(2 * (cells + 1), INF)  # best, then the source-gap state, each + INF slot
    # A shape index or a gap code per cell: a byte holds them for any usual set of priors.
    back = np.zeros(cells, dtype=np.int8 if count + 2 <= 127 else np.int64)
    src_back = np.zeros(cells, dtype=np.bool_)
    tgt_back = np.zeros(cells, dtype=np.bool_)
    record = np.full((count, cells), INF) if keep else None
    s_open, s_run, t_open, t_run = gaps
    prior = np.array(priors, dtype=np.float64)
    sentinel = cells
    offsets = off.tolist()
    row = 0
    while row <= n:
        end = row + 1
        while end <= n and offsets[end + 1] - offsets[row] <= _BLOCK_CELLS:
            end += 1
        rows = np.arange(row, end)
        b_lo, b_hi = lo[row:end], hi[row:end]
        base = offsets[row]
        size = offsets[end] - base
        widths = b_hi - b_lo + 1
        i = np.repeat(rows, widths)
        j = np.arange(size) - np.repeat(off[row:end] - base - b_lo, widths)
        idx = np.empty((count + 1, size), dtype=np.int64)
        length = np.zeros((count, size))
        bonus = np.zeros((count, size))
        profile = np.zeros((count, size))
        for k, (a, b) in enumerate(shapes):
            idx[k] = _predecessors(lo, hi, off, i, j, a, b, sentinel)
            length[k], extra, prof = terms(k, a, b, rows, b_lo, b_hi)
            if extra is not None:
                bonus[k] = extra
            if prof is not None:
                profile[k] = prof
        idx[count] = _predecessors(lo, hi, off, i, j, 1, 0, sentinel)
        _fill_rows(
            table, back, src_back, tgt_back, idx, length, prior, bonus, profile,
            off, lo, row, end, base, s_open, s_run, t_open, t_run,
        )  # fmt: skip
        if record is not None:
            # The bead costs this block added, recomputed from the finished table with
            # the same operations: the reference keeps total minus previous per bead.
            prev = table[idx[:count]]
            tot = prev + length
            tot += prior[:, None]
            tot += bonus
            tot += profile
            np.subtract(tot, prev, out=record[:, base : base + size], where=prev < INF)
        if progress is not None:
            progress(end / max(n, 1))
        row = end
    if not int(lo[n]) <= m <= int(hi[n]) or table[offsets[n] + m - int(lo[n])] == INF:
        raise RuntimeError("the corridor does not connect the two document ends")
    best = table[: cells + 1].copy()  # the source-gap state is no longer needed
    del table
    return Pass(lo, hi, off, best, back, src_back, tgt_back, tuple(shapes), record)


@numba.njit(cache=True, nogil=True)
def _fill_rows(
    table, back, src_back, tgt_back, idx, length, prior, bonus, profile,
    off, lo, row, end, base, s_open, s_run, t_open, t_run,
):  # type: ignore[no-untyped-def]
    """Rows ``row .. end - 1`` of the three states, as :func:`.dp._fill_row` fills them.

    ``table`` holds the best state, then (from ``gap_table``) the source-gap state;
    ``idx[k, x]`` is the flat index of cell x's predecessor under shape k (the last
    entry: the cell above), or the INF slot. Every comparison and every addition is
    the reference's, in its order. Compiled by numba: the loops run at C speed.
    """
    count = length.shape[0]
    cells = len(back)
    sentinel, gap_table = cells, cells + 1
    t_move = count + 2
    for r in range(row, end):
        c0, c1 = off[r], off[r + 1]
        for c in range(c0, c1):
            x = c - base
            best = INF
            move = -1
            if r == 0 and c == c0:
                best = 0.0
            for k in range(count):
                prev = table[idx[k, x]]
                if prev == INF:
                    continue
                total = prev + length[k, x]
                total += prior[k]
                total += bonus[k, x]
                total += profile[k, x]
                if total < best:
                    best = total
                    move = k
            up = idx[count, x]
            if r > 0 and up != sentinel:
                via_best = table[up] + s_open[r]
                via_gap = table[gap_table + up] + s_run[r]
                if via_gap < via_best:
                    gap, src_back[c] = via_gap, True
                else:
                    gap = via_best
                table[gap_table + c] = gap
                if gap < best:
                    best = gap
                    move = count
            table[c] = best
            back[c] = move
        gap = INF
        j = lo[r]
        for c in range(c0 + 1, c1):
            j += 1
            via_best = table[c - 1] + t_open[j]
            via_gap = gap + t_run[j]
            if via_gap < via_best:
                gap = via_gap
                tgt_back[c] = True
            else:
                gap = via_best
            if gap < table[c]:
                table[c] = gap
                back[c] = t_move


def trace(p: Pass, n: int, m: int) -> list[Bead]:
    """Follow the moves from (n, m) back to (0, 0), as :func:`.dp.trace`."""
    count = len(p.shapes)
    path: list[Bead] = []
    i, j, state = n, m, 0  # 0 best, 1 source gap, 2 target gap
    lo, off = p.lo, p.off
    while i > 0 or j > 0:
        c = int(off[i]) + j - int(lo[i])
        if state == 0:
            move = int(p.back[c])
            if move < count:
                a, b = p.shapes[move]
                path.append((a, b))
                i, j = i - a, j - b
            else:
                state = 2 if move == count + 2 else 1
        elif state == 1:
            path.append((1, 0))
            state = 1 if p.src_back[c] else 0
            i -= 1
        else:
            path.append((0, 1))
            state = 2 if p.tgt_back[c] else 0
            j -= 1
    path.reverse()
    return path


def _shapes(costs: Costs, beads: Sequence[Bead] | None) -> list[Bead]:
    if beads is not None:
        return list(beads)
    return [ab for ab in costs.prior if ab[0] and ab[1]]


def forward(
    costs: Costs,
    corridor: Corridor,
    beads: Sequence[Bead] | None = None,
    progress: Progress | None = None,
    keep: bool = False,
) -> Pass:
    """The forward search with the scorer's costs (``keep``: remember every bead cost)."""
    shapes = _shapes(costs, beads)
    priors = [costs.prior[ab] for ab in shapes]
    cells = (np.array(corridor[0], np.int64), np.array(corridor[1], np.int64))

    def terms(k: int, a: int, b: int, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple:
        return costs.taken_terms(a, b, rows, lo, hi, cells)

    gaps = (*costs.gap_costs("source"), *costs.gap_costs("target"))
    return _search(costs.n, costs.m, corridor, shapes, priors, terms, gaps, progress, keep)


def backward(
    costs: Costs, ahead: Pass, corridor: Corridor, progress: Progress | None = None
) -> Pass:
    """The search over both documents reversed inside ``corridor`` (given forwards), with
    the bead costs ``ahead`` recorded where it has them, as :class:`.margins.ReplayScorer`."""
    n, m = costs.n, costs.m
    shapes = ahead.shapes
    assert ahead.record is not None
    record = ahead.record

    reverse = reversed_corridor(corridor, n, m)
    r_lo, r_hi = np.array(reverse[0], np.int64), np.array(reverse[1], np.int64)

    def terms(k: int, a: int, b: int, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple:
        # Bead (a, b) ending at reversed cell (r, c) is the forward bead ending at
        # (n - r + a, m - c + b): its cost is the one the forward pass recorded there.
        widths = hi - lo + 1
        r = np.repeat(rows, widths)
        c = np.arange(int(widths.sum())) - np.repeat(np.cumsum(widths) - widths - lo, widths)
        f_i, f_j = np.minimum(n - r + a, n), m - c + b
        inside = (f_j >= ahead.lo[f_i]) & (f_j <= ahead.hi[f_i])
        kept = np.full(len(r), INF)
        at = ahead.off[f_i[inside]] + f_j[inside] - ahead.lo[f_i[inside]]
        kept[inside] = record[k, at]
        # The reference prices afresh the beads the forward pass did not record. Only
        # those that can be taken need it: from a cell of the reversed corridor (else
        # the search skips the bead) and inside one block (else the cost is INF anyway).
        # On the sentence level that is almost none of them, and pricing every cell
        # again was half of this pass.
        p = np.maximum(r - a, 0)
        need = (kept == INF) & (r >= a) & (c - b >= r_lo[p]) & (c - b <= r_hi[p])
        need &= costs.confined(a, b, f_i, f_j)
        if need.any():
            cells = np.flatnonzero(need)
            # One-cell segments: the same sums, in the same order, as over whole rows.
            length, bonus, profile = costs.terms(a, b, f_i[cells], f_j[cells], f_j[cells])
            fresh = length + costs.prior[a, b]  # the reference adds each term to 0.0
            if bonus is not None:
                fresh += bonus
            if profile is not None:
                fresh += profile
            kept[cells] = fresh
        return kept, None, None

    gaps = (*costs.gap_costs("source", True), *costs.gap_costs("target", True))
    priors = [0.0] * len(shapes)
    return _search(n, m, reverse, shapes, priors, terms, gaps, progress, False)


def link_margins(
    ahead: Pass, behind: Pass, cells: Corridor, path: Sequence[Bead], n: int, m: int
) -> list[float]:
    """For each bead of the path, the smallest margin at its two corners, as
    :func:`.margins.link_margins`."""
    total = float(ahead.best[ahead.at(n, m)])
    lo_c, hi_c = np.array(cells[0], np.int64), np.array(cells[1], np.int64)
    first = np.maximum(lo_c, ahead.lo)
    last = np.minimum(hi_c, ahead.hi)
    widths = np.maximum(last - first + 1, 0)
    rows = np.repeat(np.arange(n + 1), widths)
    starts = np.cumsum(widths) - widths
    cols = np.arange(int(widths.sum())) - np.repeat(starts - first, widths)
    corners = path_cells(path)
    on_path = np.zeros(len(rows), dtype=bool)
    corner_i = np.array([c[0] for c in corners], np.int64)
    corner_j = np.array([c[1] for c in corners], np.int64)
    inside = (corner_j >= first[corner_i]) & (corner_j <= last[corner_i])
    on_path[starts[corner_i[inside]] + corner_j[inside] - first[corner_i[inside]]] = True
    f = ahead.best[ahead.off[rows] + cols - ahead.lo[rows]]
    b_rows = n - rows
    b = behind.best[behind.off[b_rows] + (m - cols) - behind.lo[b_rows]]
    through = f + b
    keep = ~on_path & (through < INF)
    extra = np.maximum(0.0, through[keep] - total)
    by_row = np.full(n + 1, MARGIN_CAP)
    by_col = np.full(m + 1, MARGIN_CAP)
    np.minimum.at(by_row, rows[keep], extra)
    np.minimum.at(by_col, cols[keep], extra)
    row_m, col_m = by_row.tolist(), by_col.tolist()
    return [
        min(row_m[i0], row_m[i1], col_m[j0], col_m[j1])
        for (i0, j0), (i1, j1) in zip(corners, corners[1:], strict=False)
    ]
