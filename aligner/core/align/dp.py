"""Dynamic programming over beads inside a corridor, so time and memory grow linearly.

Cell (i, j) holds the cheapest way to align the first i source units with the
first j target units. Only cells inside the corridor ``lo[i] <= j <= hi[i]``
exist. Three states per cell let a run of paragraphs without counterpart cost
less per extra paragraph (a translation that leaves out a passage leaves it
out whole): ``best`` (any last bead), ``src_gap`` (last bead 1-0), ``tgt_gap``
(last bead 0-1).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

from aligner.core.align.cost import Scorer

INF = float("inf")
Bead = tuple[int, int]
#: Bead costs kept by a pass: (row, source count, target count) -> (first column, costs).
Record = dict[tuple[int, int, int], tuple[int, Sequence[float]]]
#: Back-pointer codes for the gap states: the previous state was best or the same gap.
_FROM_BEST, _FROM_GAP = 0, 1


def align_units(
    scorer: Scorer,
    n: int,
    m: int,
    corridor: tuple[list[int], list[int]],
    progress: Callable[[float], None] | None = None,
    beads: Sequence[Bead] | None = None,
) -> list[Bead]:
    """The cheapest bead path from (0, 0) to (n, m) inside the corridor."""
    return trace(forward(scorer, n, m, corridor, progress, beads), n, m)


def forward(
    scorer: Scorer,
    n: int,
    m: int,
    corridor: tuple[list[int], list[int]],
    progress: Callable[[float], None] | None = None,
    beads: Sequence[Bead] | None = None,
    record: Record | None = None,
) -> Tables:
    """Fill the cost tables: ``best[i][j - lo[i]]`` is the cheapest way to reach cell (i, j).

    ``beads`` limits the shapes tried besides 1-0 and 0-1 (default: every shape
    the scorer has a prior for). With ``record``, every bead cost computed is
    kept as ``record[i, a, b] = (first column, costs)`` for a later pass to reuse.
    """
    lo, hi = corridor
    tables = Tables(n, lo, hi)
    beads = list(beads) if beads is not None else [ab for ab in scorer.prior if ab[0] and ab[1]]
    gaps = (*scorer.gap_costs("source"), *scorer.gap_costs("target"))
    step = max(1, n // 50)
    for i in range(n + 1):
        _fill_row(scorer, i, tables, beads, gaps, record)
        if progress is not None and i % step == 0:
            progress(i / max(n, 1))
    if tables.best[n][m - lo[n]] == INF:
        raise RuntimeError("the corridor does not connect the two document ends")
    return tables


class Tables:
    """Costs and back-pointers of the three states, one row per source unit, corridor-wide."""

    def __init__(self, n: int, lo: list[int], hi: list[int]) -> None:
        self.lo, self.hi = lo, hi
        widths = [hi[i] - lo[i] + 1 for i in range(n + 1)]
        self.best = [[INF] * w for w in widths]
        self.src_gap = [[INF] * w for w in widths]
        self.tgt_gap = [[INF] * w for w in widths]
        self.best_back: list[list[object]] = [[None] * w for w in widths]
        self.src_back = [[_FROM_BEST] * w for w in widths]
        self.tgt_back = [[_FROM_BEST] * w for w in widths]


def _fill_row(
    scorer: Scorer,
    i: int,
    t: Tables,
    beads: list[Bead],
    gaps: tuple[list[float], list[float], list[float], list[float]],
    record: Record | None,
) -> None:
    """Fill row i of the three state tables and their back-pointers."""
    lo, hi = t.lo, t.hi
    lo_i, hi_i = lo[i], hi[i]
    b_row, bk_row = t.best[i], t.best_back[i]
    if i == 0:
        b_row[0] = 0.0
    for a, b in beads:
        p = i - a
        if p < 0:
            continue
        j0, j1 = max(lo_i, lo[p] + b), min(hi_i, hi[p] + b)
        if j0 > j1:
            continue
        start = j0 - b - lo[p]
        previous = t.best[p][start : start + j1 - j0 + 1]
        totals = scorer.extend(i, a, b, j0, previous)
        if record is not None:
            costs = [INF if u == INF else v - u for u, v in zip(previous, totals, strict=True)]
            record[i, a, b] = (j0, array("d", costs))  # a third of a list's memory
        x = j0 - lo_i
        for total in totals:
            if total < b_row[x]:
                b_row[x] = total
                bk_row[x] = (a, b)
            x += 1
    if i > 0:
        _source_gaps(t, i, gaps[0][i], gaps[1][i])
    _target_gaps(t, i, gaps[2], gaps[3])


def _source_gaps(t: Tables, i: int, open_cost: float, run_cost: float) -> None:
    """1-0 beads into row i: source unit i-1 left without counterpart."""
    lo_i, lo_up = t.lo[i], t.lo[i - 1]
    best_up, gap_up = t.best[i - 1], t.src_gap[i - 1]
    b_row, bk_row, s_row, sk_row = t.best[i], t.best_back[i], t.src_gap[i], t.src_back[i]
    for j in range(max(lo_i, lo_up), min(t.hi[i], t.hi[i - 1]) + 1):
        x, y = j - lo_i, j - lo_up
        via_best = best_up[y] + open_cost
        via_gap = gap_up[y] + run_cost
        cost, s_row[x], sk_row[x] = (
            (via_gap, via_gap, _FROM_GAP)
            if via_gap < via_best
            else (via_best, via_best, _FROM_BEST)
        )
        if cost < b_row[x]:
            b_row[x], bk_row[x] = cost, "s"


def _target_gaps(t: Tables, i: int, open_costs: list[float], run_costs: list[float]) -> None:
    """0-1 beads along row i, left to right: each target unit may stay without counterpart."""
    lo_i = t.lo[i]
    b_row, bk_row, t_row, tk_row = t.best[i], t.best_back[i], t.tgt_gap[i], t.tgt_back[i]
    for x in range(1, len(b_row)):
        j = lo_i + x
        via_best = b_row[x - 1] + open_costs[j]
        via_gap = t_row[x - 1] + run_costs[j]
        if via_gap < via_best:
            t_row[x], tk_row[x] = via_gap, _FROM_GAP
        else:
            t_row[x], tk_row[x] = via_best, _FROM_BEST
        if t_row[x] < b_row[x]:
            b_row[x], bk_row[x] = t_row[x], "t"


def trace(t: Tables, n: int, m: int) -> list[Bead]:
    """Follow back-pointers from (n, m) to (0, 0); returns beads in document order."""
    path: list[Bead] = []
    i, j, state = n, m, "best"
    while i > 0 or j > 0:
        x = j - t.lo[i]
        if state == "best":
            back = t.best_back[i][x]
            if isinstance(back, tuple):
                path.append(back)
                i, j = i - back[0], j - back[1]
            else:
                state = str(back)
        elif state == "s":
            path.append((1, 0))
            state = "s" if t.src_back[i][x] == _FROM_GAP else "best"
            i -= 1
        else:
            path.append((0, 1))
            state = "t" if t.tgt_back[i][x] == _FROM_GAP else "best"
            j -= 1
    path.reverse()
    return path
