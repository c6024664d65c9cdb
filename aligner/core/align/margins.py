"""How contested each link's boundaries are: the cost margin to the best path that differs there.

A forward pass gives the cheapest cost of reaching each cell; the same pass
over both documents reversed gives the cheapest cost from each cell to the
end. Their sum is the cost of the best path through the cell. A link's
boundaries are cells of the chosen path; if some other cell on the same row
(a different split of the target) or the same column (of the source) lies
on a path nearly as cheap, the boundary is contested and the link is unsure.
This is the aligner's strongest single signal of a wrong link.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.core.align.corridor import Corridor
from aligner.core.align.cost import BeadScorer
from aligner.core.align.dp import INF, Bead, Record, Tables

#: Margins are capped: beyond this the boundary is simply uncontested.
MARGIN_CAP = 20.0


class ReplayScorer:
    """Bead costs of the documents read backwards, taken from the forward pass's record.

    A bead costs the same read either way; replaying the recorded costs makes
    the backward pass a fraction of the forward one. Beads the forward pass
    did not visit are computed.
    """

    def __init__(self, scorer: BeadScorer, record: Record, n: int, m: int) -> None:
        self.scorer, self.record, self.n, self.m = scorer, record, n, m
        self.prior = scorer.prior

    def gap_costs(self, side: str) -> tuple[list[float], list[float]]:
        """Row k of the backward pass leaves out unit size - k, whose costs sit at size - k + 1."""
        opening, running = self.scorer.gap_costs(side)
        size = len(opening) - 1
        return (
            [0.0] + [opening[size - k + 1] for k in range(1, size + 1)],
            [0.0] + [running[size - k + 1] for k in range(1, size + 1)],
        )

    def extend(self, i: int, a: int, b: int, j0: int, previous: Sequence[float]) -> list[float]:
        """Same contract as BeadScorer.extend, for the reversed documents."""
        row = self.n - i + a  # the forward row where this bead ends
        first, costs = self.record.get((row, a, b), (0, []))
        out = []
        column = self.m - j0 + b  # the forward column where the bead ends, for k = 0
        for prev in previous:
            x = column - first
            cost = costs[x] if 0 <= x < len(costs) else INF
            if cost == INF and prev != INF:
                cost = self.scorer.extend(row, a, b, column, [0.0])[0]
            out.append(prev + cost)
            column -= 1
        return out


def reversed_corridor(corridor: Corridor, n: int, m: int) -> Corridor:
    """The same cells seen from the other end: row i becomes row n - i, column j becomes m - j."""
    lo, hi = corridor
    return [m - hi[n - i] for i in range(n + 1)], [m - lo[n - i] for i in range(n + 1)]


def path_cells(path: Sequence[Bead]) -> list[tuple[int, int]]:
    """The cells a path visits: bead corners, in order from (0, 0)."""
    cells = [(0, 0)]
    i = j = 0
    for a, b in path:
        i, j = i + a, j + b
        cells.append((i, j))
    return cells


def _alternatives(
    forward: Tables,
    backward: Tables,
    cells: Corridor,
    on_path: set[tuple[int, int]],
    n: int,
    m: int,
) -> tuple[list[float], list[float]]:
    """Per row and per column, the extra cost of the best path through a cell off the path."""
    total = forward.best[n][m - forward.lo[n]]
    by_row = [MARGIN_CAP] * (n + 1)
    by_col = [MARGIN_CAP] * (m + 1)
    lo, hi = cells
    for i in range(n + 1):
        f_row, f_lo = forward.best[i], forward.lo[i]
        b_row, b_lo = backward.best[n - i], backward.lo[n - i]
        # The forward tables cover a wider corridor, but not always every cell of this one.
        for j in range(max(lo[i], f_lo), min(hi[i], forward.hi[i]) + 1):
            if (i, j) in on_path:
                continue
            through = f_row[j - f_lo] + b_row[m - j - b_lo]
            if through == INF:
                continue
            extra = max(0.0, through - total)
            if extra < by_row[i]:
                by_row[i] = extra
            if extra < by_col[j]:
                by_col[j] = extra
    return by_row, by_col


def link_margins(
    forward: Tables, backward: Tables, cells: Corridor, path: Sequence[Bead], n: int, m: int
) -> list[float]:
    """For each bead of the path, the smallest margin at its two corners (0 = a tie)."""
    corners = path_cells(path)
    by_row, by_col = _alternatives(forward, backward, cells, set(corners), n, m)
    return [
        min(by_row[i0], by_row[i1], by_col[j0], by_col[j1])
        for (i0, j0), (i1, j1) in zip(corners, corners[1:], strict=False)
    ]
