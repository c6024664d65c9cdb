"""Which cells the dynamic programming may visit: a band, then a corridor, around a guide line.

The first pass searches a band around a guide line through *sure anchors*:
pairs of units that share a key found equally often in both documents (a
name, a number), paired in order and kept when they agree with each other
(the longest chain in which both sides ascend). Where there are no sure
anchors the guide is the diagonal. The second pass searches a narrow
corridor around the first pass's path. Both keep time and memory linear.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from itertools import accumulate

from aligner.core.align.anchors import Anchors

Bead = tuple[int, int]
Corridor = tuple[list[int], list[int]]

#: A key found more often than this on a side is too common to be a sure anchor.
MAX_ANCHOR_OCCURRENCES = 12
#: Sure anchors need at least this weight (numbers, names, rare words).
MIN_ANCHOR_WEIGHT = 0.5
#: A sure anchor needs another within this many rows (a band's width) ...
SUPPORT_ROWS = 30
#: ... whose offset (row minus column) differs by at most this many paragraphs (a few
#: merges, splits or omissions between two anchors).
SUPPORT_OFFSET = 3
#: The length diagonal's band joins the anchors' band when the two are at most this many
#: band half-widths apart: the cells between them are searched too, and that must stay bounded.
MAX_BAND_GAP = 4


def _connected(lo: list[int], hi: list[int], m: int) -> Corridor:
    """Make every row reachable from the previous one, and both corners part of the corridor."""
    lo[0] = 0
    hi[-1] = m
    for i in range(1, len(lo)):
        lo[i] = max(lo[i], lo[i - 1])  # cells left of the row above are unreachable anyway
        hi[i] = max(hi[i], hi[i - 1])
        lo[i] = min(lo[i], hi[i - 1])  # a 1-0 bead from the row above's last cell gets in
    return lo, hi


def band_around(guide: Sequence[float], m: int, half_width: int) -> Corridor:
    """Cells within half_width of a guide line given as a column per row."""
    lo = [max(0, int(c) - half_width) for c in guide]
    hi = [min(m, int(c) + 1 + half_width) for c in guide]
    return _connected(lo, hi, m)


def diagonal_corridor(n: int, m: int, half_width: int) -> Corridor:
    """A band around the straight line from (0, 0) to (n, m)."""
    return band_around([i * m / n if n else 0.0 for i in range(n + 1)], m, half_width)


def sure_anchors(anchors: Anchors) -> list[tuple[int, int]]:
    """Unit pairs that share a key found equally often on both sides, in a consistent chain."""
    src_at: dict[int, list[int]] = defaultdict(list)
    tgt_at: dict[int, list[int]] = defaultdict(list)
    for i, keys in enumerate(anchors.source):
        for k in keys:
            src_at[k].append(i)
    for j, keys in enumerate(anchors.target):
        for k in keys:
            tgt_at[k].append(j)
    pairs = set()
    for k, rows in src_at.items():
        cols = tgt_at.get(k, ())
        if (
            len(rows) == len(cols) <= MAX_ANCHOR_OCCURRENCES
            and anchors.weights[k] >= MIN_ANCHOR_WEIGHT
        ):
            pairs.update(zip(rows, cols, strict=True))
    return supported(longest_chain(sorted(pairs)))


def supported(chain: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The anchors of a chain that a neighbour in the chain agrees with.

    One key shared by chance (two unrelated words that fold to the same
    prefix) pairs two arbitrary paragraphs, and a chain through a few such
    pairs leads far from the text. True anchors come in company: nearby
    anchors put the two documents at nearly the same offset (row minus
    column), even after a long omission. An anchor is kept when another one
    within ``SUPPORT_ROWS`` rows has an offset within ``SUPPORT_OFFSET`` of its own.
    """
    kept = []
    for k, (i, j) in enumerate(chain):
        for q in (*range(k - 1, -1, -1), *range(k + 1, len(chain))):
            i2, j2 = chain[q]
            if abs(i2 - i) > SUPPORT_ROWS:
                if q < k:
                    continue
                break
            if abs((j2 - i2) - (j - i)) <= SUPPORT_OFFSET:
                kept.append((i, j))
                break
    return kept


def longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence in which both coordinates strictly ascend (patience sorting)."""
    # Sort by row, and by descending column within a row, so one row gives at most one pair.
    pairs = sorted(pairs, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # smallest column ending a chain of each length
    tail_at: list[int] = []  # index into pairs of that chain's end
    parent = [-1] * len(pairs)
    for idx, (_, col) in enumerate(pairs):
        pos = bisect_left(tails, col)
        if pos == len(tails):
            tails.append(col)
            tail_at.append(idx)
        else:
            tails[pos] = col
            tail_at[pos] = idx
        parent[idx] = tail_at[pos - 1] if pos else -1
    chain = []
    idx = tail_at[-1] if tail_at else -1
    while idx >= 0:
        chain.append(pairs[idx])
        idx = parent[idx]
    return chain[::-1]


def anchor_corridor(
    anchors: Anchors,
    n: int,
    m: int,
    half_width: int,
    source_lengths: Sequence[int] | None = None,
    target_lengths: Sequence[int] | None = None,
) -> Corridor:
    """A band around the line through the sure anchors, joined with one around the length diagonal.

    Anchors alone can mislead where they are sparse: in verse, a word found
    three times on each side pairs the wrong stanzas. The length diagonal (the
    row and column at the same share of each document's characters) is where a
    text without omissions runs. Each row keeps both bands and the cells
    between them, so the search can follow whichever the evidence supports; far
    apart (a long omission that the anchors show) only the anchors' band is
    kept, so the corridor stays linear in size.
    """
    points = [(0, 0), *sure_anchors(anchors), (n, m)]
    guide = [0.0] * (n + 1)
    for (i0, j0), (i1, j1) in zip(points, points[1:], strict=False):
        for i in range(i0, i1 + 1):
            guide[i] = j0 + (j1 - j0) * (i - i0) / (i1 - i0) if i1 > i0 else float(j1)
    lo, hi = band_around(guide, m, half_width)
    if source_lengths is None or target_lengths is None:
        return lo, hi
    diagonal = length_diagonal(source_lengths, target_lengths)
    reach = MAX_BAND_GAP * half_width
    for i, column in enumerate(diagonal):
        if abs(column - guide[i]) <= reach:
            lo[i] = min(lo[i], max(0, int(column) - half_width))
            hi[i] = max(hi[i], min(m, int(column) + 1 + half_width))
    return _connected(lo, hi, m)


def length_diagonal(source_lengths: Sequence[int], target_lengths: Sequence[int]) -> list[float]:
    """Per source row, the target column at the same share of the document's characters."""
    # Each unit counts at least one character, so empty lines still advance the line.
    src = [0, *accumulate(max(1, x) for x in source_lengths)]
    tgt = [0, *accumulate(max(1, x) for x in target_lengths)]
    out = []
    for done in src:
        share = done / src[-1] * tgt[-1]
        j = min(bisect_left(tgt, share), len(tgt) - 1)
        # Interpolate inside target unit j - 1 .. j.
        if j > 0 and tgt[j] > tgt[j - 1]:
            out.append(j - 1 + (share - tgt[j - 1]) / (tgt[j] - tgt[j - 1]))
        else:
            out.append(float(j))
    return out


def path_corridor(path: Sequence[Bead], n: int, m: int, half_width: int) -> Corridor:
    """A corridor around a previous path (the cells it crosses, widened by half_width)."""
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
    return _connected(lo, hi, m)
