"""Many small sentence problems searched as one, each as if it were searched alone.

Refining the paragraph links re-aligns a few hundred small windows (two to
four paragraph links joined, a few dozen cells each). Searched one by one in
the pure-Python search they cost more than the one search over all
sentences, and the fast kernel only pays from tens of thousands of cells. So
the windows are laid end to end as the blocks of one search (:mod:`.blocks`)
for the fast kernel, with what keeps each window on its own:

- each window keeps its own anchors: its keys are numbered apart from every
  other window's, so no bonus is shared across windows;
- a run of sentences without counterpart cannot carry on from one window into
  the next: its first unit there costs what opening a run costs (forwards),
  its last unit likewise when the documents are read backwards;
- a margin is the smallest one among the window's own cells, a window's last
  row and column kept apart from the next window's first.

The beads of each window are then judged by its own problem. Paths are the
ones each window's search alone finds; margins agree to rounding (about 1e-12,
sums taken over all windows instead of one), as the fast kernel agrees with the
reference (tests/test_align_kernel.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from aligner.core.align import kernel
from aligner.core.align.anchors import Anchors
from aligner.core.align.corridor import Corridor
from aligner.core.align.cost import BeadScorer, Spans
from aligner.core.align.dp import INF, Bead
from aligner.core.align.margins import MARGIN_CAP, path_cells
from aligner.core.align.pipeline import Problem
from aligner.core.sentences.blocks import blocks_of

__all__ = ["search_apart"]


def _joined_spans(parts: Sequence[Spans], key_base: Sequence[int]) -> Spans:
    """One side of all windows as one run of units: prefix sums continued, keys renumbered."""
    spans = Spans.__new__(Spans)
    lengths, profiles, keys, headers = [0], [0], [], []
    for part, base in zip(parts, key_base, strict=True):
        at_len, at_prof = lengths[-1], profiles[-1]
        lengths += [at_len + x for x in part.lengths[1:]]
        profiles += [at_prof + x for x in part.profiles[1:]]
        keys += [frozenset(k + base for k in unit) for unit in part.keys] if base else part.keys
        headers += part.headers
    spans.lengths, spans.profiles, spans.keys, spans.headers = lengths, profiles, keys, headers
    spans._runs = {}
    return spans


def _first_units(sizes: Sequence[int]) -> list[int]:
    """The joined index of each window's first unit."""
    return np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(int).tolist()


class _ApartCosts(kernel.Costs):
    """The joined windows' costs, with no run of gaps carried from one window into another."""

    def __init__(
        self, scorer: BeadScorer, sizes: tuple[Sequence[int], Sequence[int]], blocks: object
    ) -> None:
        super().__init__(scorer, blocks)  # type: ignore[arg-type]
        self.sizes = sizes

    def gap_costs(self, side: str, reverse: bool = False) -> tuple[np.ndarray, np.ndarray]:
        opening, running = super().gap_costs(side, reverse)
        sizes = self.sizes[0] if side == "source" else self.sizes[1]
        # Entry k goes with unit k - 1. Forwards a run enters a window at its first unit;
        # read backwards, at its last one, which the reversed order puts first.
        firsts = np.array(_first_units(list(reversed(sizes)) if reverse else sizes)) + 1
        running = running.copy()
        running[firsts] = opening[firsts]
        return opening, running


def _joined_corridor(corridors: Sequence[Corridor], sizes: Sequence[tuple[int, int]]) -> Corridor:
    """Each window's corridor in joined cells; a window's last row is the next one's first."""
    lo: list[int] = []
    hi: list[int] = []
    col = 0
    for (c_lo, c_hi), (_, m) in zip(corridors, sizes, strict=True):
        if lo:  # the shared corner row: from this window's last row to the next's first
            hi[-1] = col + c_hi[0]
            lo += [col + x for x in c_lo[1:]]
            hi += [col + x for x in c_hi[1:]]
        else:
            lo += [col + x for x in c_lo]
            hi += [col + x for x in c_hi]
        col += m
    return lo, hi


def search_apart(
    problems: Sequence[Problem], scorers: Sequence[BeadScorer], corridors: Sequence[Corridor]
) -> list[tuple[list[Bead], list[float]]]:
    """For each problem, the path and margins its own search in its corridor gives
    (:func:`aligner.core.align.pipeline.search` with margins), from one search over all.

    The scorers must share their length model, parameters and profile setting; every
    problem needs units on both sides.
    """
    sizes = [(len(p.src), len(p.tgt)) for p in problems]
    bases = np.concatenate([[0], np.cumsum([len(s.anchors.weights) for s in scorers])]).tolist()
    first = scorers[0]
    anchors = Anchors(
        (), (), tuple(w for s in scorers for w in s.anchors.weights),
        tuple(label for s in scorers for label in s.anchors.labels),
    )  # fmt: skip
    joined = BeadScorer(
        _joined_spans([s.source for s in scorers], bases[:-1]),
        _joined_spans([s.target for s in scorers], bases[:-1]),
        anchors, first.model, first.params, use_profile=first.use_profile,
    )  # fmt: skip
    src_bounds = np.concatenate([[0], np.cumsum([n for n, _ in sizes])]).tolist()
    tgt_bounds = np.concatenate([[0], np.cumsum([m for _, m in sizes])]).tolist()
    blocks = blocks_of(src_bounds, tgt_bounds)
    n, m = src_bounds[-1], tgt_bounds[-1]
    costs = _ApartCosts(joined, ([a for a, _ in sizes], [b for _, b in sizes]), blocks)
    corridor = _joined_corridor(corridors, sizes)
    ahead = kernel.forward(costs, corridor, keep=True)
    path = kernel.trace(ahead, n, m)
    behind = kernel.backward(costs, ahead, corridor)
    corners = path_cells(path)
    owners = _owners(corners, src_bounds, tgt_bounds)
    margins = _window_margins(ahead, behind, corridor, corners, owners, src_bounds, tgt_bounds)
    out: list[tuple[list[Bead], list[float]]] = [([], []) for _ in problems]
    for bead, margin, w in zip(path, margins, owners, strict=True):
        out[w][0].append(bead)
        out[w][1].append(margin)
    return out


def _owners(
    corners: Sequence[tuple[int, int]], src_bounds: Sequence[int], tgt_bounds: Sequence[int]
) -> list[int]:
    """The window of each bead (given by the path's corners): a bead starting at a
    window's last corner, which the path always visits, is the next window's."""
    out = []
    w = 0
    for i, j in corners[:-1]:
        while i >= src_bounds[w + 1] and j >= tgt_bounds[w + 1]:
            w += 1
        out.append(w)
    return out


def _window_margins(
    ahead: kernel.Pass,
    behind: kernel.Pass,
    corridor: Corridor,
    corners: Sequence[tuple[int, int]],
    owners: Sequence[int],
    src_bounds: Sequence[int],
    tgt_bounds: Sequence[int],
) -> list[float]:
    """Each bead's margin as :func:`aligner.core.align.kernel.link_margins` gives it, with
    every window's rows and columns its own (a corner row belongs to two windows)."""
    n, m = src_bounds[-1], tgt_bounds[-1]
    lo, hi = np.array(corridor[0], np.int64), np.array(corridor[1], np.int64)
    widths = hi - lo + 1
    rows = np.repeat(np.arange(n + 1), widths)
    starts = np.cumsum(widths) - widths
    cols = np.arange(int(widths.sum())) - np.repeat(starts - lo, widths)
    corner_i = np.array([c[0] for c in corners], np.int64)
    corner_j = np.array([c[1] for c in corners], np.int64)
    on_path = np.zeros(len(rows), dtype=bool)
    on_path[starts[corner_i] + corner_j - lo[corner_i]] = True
    f = ahead.best[ahead.off[rows] + cols - ahead.lo[rows]]
    b_rows = n - rows
    b = behind.best[behind.off[b_rows] + (m - cols) - behind.lo[b_rows]]
    through = f + b
    keep = ~on_path & (through < INF)
    # A cell's window: the earlier of its row's and its column's (a corner row's cells
    # left of the corner belong to the window above it, the others to the one below).
    windows = len(src_bounds) - 1
    window = np.minimum(
        np.minimum(np.searchsorted(np.array(src_bounds), rows, "right") - 1, windows - 1),
        np.minimum(np.searchsorted(np.array(tgt_bounds), cols, "right") - 1, windows - 1),
    )[keep]
    # Each window's own total, not the whole search's: read backwards a run of gaps costs
    # what it costs forwards only when its units cost alike (a title line's gap is cheaper),
    # so one window's totals may differ both ways, and that must not move the others'.
    # Through a cell of window w: the cost up to its first corner plus its own forward
    # part, and the cost back from its last corner plus its own backward part.
    ends = [ahead.at(i, j) for i, j in zip(src_bounds[1:], tgt_bounds[1:], strict=True)]
    back = [behind.at(n - i, m - j) for i, j in zip(src_bounds[1:], tgt_bounds[1:], strict=True)]
    baseline = ahead.best[np.array(ends)] + behind.best[np.array(back)]
    extra = np.maximum(0.0, through[keep] - baseline[window])
    # Row i of window w is key i + w: distinct for the corner row of two windows.
    by_row = np.full(n + windows + 1, MARGIN_CAP)
    by_col = np.full(m + windows + 1, MARGIN_CAP)
    np.minimum.at(by_row, rows[keep] + window, extra)
    np.minimum.at(by_col, cols[keep] + window, extra)
    row_m, col_m = by_row.tolist(), by_col.tolist()
    return [
        min(row_m[i0 + w], row_m[i1 + w], col_m[j0 + w], col_m[j1 + w])
        for (i0, j0), (i1, j1), w in zip(corners[:-1], corners[1:], owners, strict=True)
    ]
