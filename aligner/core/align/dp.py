"""Dynamic programming over beads inside a corridor, so time and memory grow linearly.

Cell (i, j) holds the cheapest way to align the first i source units with the
first j target units. Only cells inside the corridor ``lo[i] <= j <= hi[i]``
exist. Three states per cell let a run of paragraphs without counterpart cost
less per extra paragraph (a translation that leaves out a passage leaves it
out whole): ``best`` (any last bead), ``src_gap`` (last bead 1-0), ``tgt_gap``
(last bead 0-1).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aligner.core.align.cost import BeadScorer

INF = float("inf")
Bead = tuple[int, int]
#: Back-pointer codes for the gap states: the previous state was best or the same gap.
_FROM_BEST, _FROM_GAP = 0, 1


def diagonal_corridor(n: int, m: int, half_width: int) -> tuple[list[int], list[int]]:
    """Bounds of a band around the straight line from (0, 0) to (n, m)."""
    lo, hi = [], []
    for i in range(n + 1):
        centre = (i * m) // n if n else 0
        lo.append(max(0, centre - half_width))
        hi.append(min(m, centre + half_width + (1 if n and m % n else 0)))
    hi[n] = m
    lo[0] = 0
    return lo, hi


def path_corridor(
    path: Sequence[Bead], n: int, m: int, half_width: int
) -> tuple[list[int], list[int]]:
    """Bounds of a corridor around a previous path (its cells, widened by half_width)."""
    first = [m] * (n + 1)
    last = [0] * (n + 1)
    i = j = 0
    first[0] = last[0] = 0
    for a, b in path:
        for step in range(1, a + 1):  # every row the bead crosses keeps its columns reachable
            row = i + step
            first[row] = min(first[row], j)
            last[row] = max(last[row], j + b)
        if a == 0:
            last[i] = max(last[i], j + b)
        i, j = i + a, j + b
    lo = [max(0, first[r] - half_width) for r in range(n + 1)]
    hi = [min(m, last[r] + half_width) for r in range(n + 1)]
    return lo, hi


def align_units(
    scorer: BeadScorer,
    n: int,
    m: int,
    corridor: tuple[list[int], list[int]],
    progress: Callable[[float], None] | None = None,
    beads: Sequence[Bead] | None = None,
    beam: float | None = None,
) -> list[Bead]:
    """The cheapest bead path from (0, 0) to (n, m) inside the corridor.

    ``beads`` limits the shapes tried besides 1-0 and 0-1 (default: every shape
    the scorer has a prior for). ``beam`` drops, after each row, the cells
    costing more than the row's best plus ``beam``: far from the path, nothing
    is worth extending, and skipping them is most of the speed.
    """
    lo, hi = corridor
    tables = _Tables(n, lo, hi)
    beads = list(beads) if beads is not None else [ab for ab in scorer.prior if ab[0] and ab[1]]
    gaps = (*scorer.gap_costs("source"), *scorer.gap_costs("target"))
    step = max(1, n // 50)
    for i in range(n + 1):
        _fill_row(scorer.match, i, tables, beads, gaps)
        if beam is not None and i < n:  # the last row holds the end cell: keep it
            _prune(tables, i, beam)
        if progress is not None and i % step == 0:
            progress(i / max(n, 1))
    if tables.best[n][m - lo[n]] == INF:
        raise RuntimeError("the corridor does not connect the two document ends")
    return _trace(tables, n, m)


class _Tables:
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
    match: Callable[[int, int, int, int], float],
    i: int,
    t: _Tables,
    beads: list[Bead],
    gaps: tuple[list[float], list[float], list[float], list[float]],
) -> None:
    """Fill row i of the three state tables and their back-pointers."""
    lo, hi, best = t.lo, t.hi, t.best
    lo_i = lo[i]
    b_row, s_row, t_row = best[i], t.src_gap[i], t.tgt_gap[i]
    bk_row, sk_row, tk_row = t.best_back[i], t.src_back[i], t.tgt_back[i]
    src_open, src_run, tgt_open, tgt_run = gaps
    if i == 0:
        b_row[0] = 0.0
    above = i > 0
    lo_up, hi_up = (lo[i - 1], hi[i - 1]) if above else (0, -1)
    best_up, gap_up = (best[i - 1], t.src_gap[i - 1]) if above else ([], [])
    for j in range(lo_i, hi[i] + 1):
        x = j - lo_i
        cell, cell_back = b_row[x], bk_row[x]
        if lo_up <= j <= hi_up:
            y = j - lo_up
            via_best = best_up[y] + src_open[i]
            via_gap = gap_up[y] + src_run[i]
            s_row[x], sk_row[x] = (
                (via_gap, _FROM_GAP) if via_gap < via_best else (via_best, _FROM_BEST)
            )
            if s_row[x] < cell:
                cell, cell_back = s_row[x], "s"
        if x > 0:
            via_best = b_row[x - 1] + tgt_open[j]
            via_gap = t_row[x - 1] + tgt_run[j]
            t_row[x], tk_row[x] = (
                (via_gap, _FROM_GAP) if via_gap < via_best else (via_best, _FROM_BEST)
            )
            if t_row[x] < cell:
                cell, cell_back = t_row[x], "t"
        for a, b in beads:
            pi, pj = i - a, j - b
            if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                continue
            prev = best[pi][pj - lo[pi]]
            if prev == INF:
                continue
            cost = prev + match(i, a, j, b)
            if cost < cell:
                cell, cell_back = cost, (a, b)
        b_row[x], bk_row[x] = cell, cell_back


def _prune(t: _Tables, i: int, beam: float) -> None:
    """Forget the cells of row i that cost more than the row's best plus beam."""
    row = t.best[i]
    limit = min(row) + beam
    s_row, t_row = t.src_gap[i], t.tgt_gap[i]
    for x, cost in enumerate(row):
        if cost > limit:
            row[x] = INF
        if s_row[x] > limit:
            s_row[x] = INF
        if t_row[x] > limit:
            t_row[x] = INF


def _trace(t: _Tables, n: int, m: int) -> list[Bead]:
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
