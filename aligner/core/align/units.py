"""Units: runs of segments that must stay together (both halves of a page-break split).

The dynamic programming aligns units; links are then expanded back to segment
indices, so a split paragraph and its counterpart always end up in one link.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.core.align.editorial import page_break_joins
from aligner.core.align.features import SegmentFeatures

Span = tuple[int, int]


def unit_spans(
    texts: Sequence[str], join: bool, joins: Sequence[bool] | None = None
) -> list[Span]:
    """Half-open segment ranges of the units, in order, covering every segment once.

    ``joins`` (when ``join``): for each segment, whether it and the next are one unit,
    decided by the caller; by default :func:`page_break_joins` of the texts.
    """
    if not join:
        joins = (False,) * len(texts)
    elif joins is None:
        joins = page_break_joins(texts)
    spans: list[Span] = []
    start = 0
    for i in range(len(texts)):
        if not joins[i]:
            spans.append((start, i + 1))
            start = i + 1
    return spans


def merge_features(parts: Sequence[SegmentFeatures]) -> SegmentFeatures:
    """Features of a unit made of several segments."""
    if len(parts) == 1:
        return parts[0]
    return SegmentFeatures(
        length=sum(p.length for p in parts),
        keys=tuple(sorted(set().union(*(p.keys for p in parts)))),
        names=frozenset().union(*(p.names for p in parts)),
        profile=tuple(sum(vals) for vals in zip(*(p.profile for p in parts), strict=True)),
        ends_open=parts[-1].ends_open,
    )


def unit_features(
    features: Sequence[SegmentFeatures], spans: Sequence[Span]
) -> list[SegmentFeatures]:
    """One merged feature record per unit."""
    return [merge_features(features[a:b]) for a, b in spans]


def expand(spans: Sequence[Span], first_unit: int, count: int) -> tuple[int, ...]:
    """Segment indices covered by ``count`` units starting at unit ``first_unit``."""
    if count == 0:
        return ()
    return tuple(range(spans[first_unit][0], spans[first_unit + count - 1][1]))
