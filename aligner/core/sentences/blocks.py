"""All sentence links of a document pair in one search, confined to the paragraph links.

The sentences of both documents are one :class:`~aligner.core.align.pipeline.Problem`
(features, anchors weighed by rarity over the whole pair, page-break units),
searched once in a corridor made of one rectangle per paragraph link: cells
(i, j) with i sentences of the source and j of the target consumed are
allowed where both counts lie inside the same link's range, and
:class:`BlockScorer` refuses every bead that would cross a link's corner. So
the search is the paragraph aligner's, its cost is linear in the text, and no
sentence link can leave its paragraph link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from aligner.core.align.cost import BeadScorer
from aligner.core.align.dp import INF

__all__ = ["Blocks", "BlockScorer", "blocks_of"]


@dataclass(frozen=True)
class Blocks:
    """Paragraph links as unit ranges: link k holds source units [src[k], src[k+1])."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    owner: tuple[int, ...]
    """For each source unit, the index of the link that holds it."""

    @property
    def corridor(self) -> tuple[list[int], list[int]]:
        """Per row, the first and last column any link's rectangle allows there."""
        n = self.src[-1]
        lo, hi = [-1] * (n + 1), [-1] * (n + 1)
        for k in range(len(self.src) - 1):
            for i in range(self.src[k], self.src[k + 1] + 1):
                if lo[i] < 0:
                    lo[i] = self.tgt[k]
                hi[i] = max(hi[i], self.tgt[k + 1])
        return lo, hi


def blocks_of(src_bounds: Sequence[int], tgt_bounds: Sequence[int]) -> Blocks:
    """Blocks from each link's first unit on both sides (plus the ends)."""
    owner: list[int] = []
    for k in range(len(src_bounds) - 1):
        owner += [k] * (src_bounds[k + 1] - src_bounds[k])
    return Blocks(tuple(src_bounds), tuple(tgt_bounds), tuple(owner))


class BlockScorer:
    """A bead scorer that allows a bead only inside one paragraph link's rectangle."""

    def __init__(self, inner: BeadScorer, blocks: Blocks) -> None:
        self.inner, self.blocks = inner, blocks
        self.prior: Mapping[tuple[int, int], float] = inner.prior

    def gap_costs(self, side: str) -> tuple[list[float], list[float]]:
        return self.inner.gap_costs(side)

    def extend(self, i: int, a: int, b: int, j0: int, previous: Sequence[float]) -> list[float]:
        """The inner costs where bead (a, b) ending at (i, j) stays in one link, else INF."""
        blocks = self.blocks
        k = blocks.owner[i - a]  # the link of the bead's first source unit
        if i > blocks.src[k + 1]:
            return [INF] * len(previous)
        first, last = blocks.tgt[k] + b, blocks.tgt[k + 1]  # allowed end columns
        lo, hi = max(first, j0), min(last, j0 + len(previous) - 1)
        if lo > hi:
            return [INF] * len(previous)
        inside = self.inner.extend(i, a, b, lo, previous[lo - j0 : hi - j0 + 1])
        return [INF] * (lo - j0) + inside + [INF] * (j0 + len(previous) - 1 - hi)
