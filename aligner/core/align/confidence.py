"""A confidence in [0, 1] for each link, with the evidence that explains it.

The evidence is what a reviewer needs to see why a link is weak: how far the
lengths are from the expected ratio (a z-score), which numbers, names, terms
and other anchors both sides share, which numbers one side has and the other
lacks, and a few readable reasons. The confidence is a logistic function of
the same evidence and of the link's margin (how much worse the best path is
that places its boundaries elsewhere, :mod:`.margins`), fitted on the
benchmarks so that links below the review threshold are the ones worth a
second look.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from aligner.core.align.anchors import KIND_NAMES, Anchors
from aligner.core.align.features import SegmentFeatures
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.model import Evidence

#: Logistic coefficients, fitted (logistic regression) on which links of the
#: benchmarks (ruen-paragraph, de-fr test0-6) are right; see bench/bench_align_quality.py.
_BIAS = 0.1
_PER_Z = -0.62
_PER_SHARED = 0.27
_SHARED_CAP = 4.0
_PER_MISSING_NUMBER = -0.63
_PER_LOG_MARGIN = 2.3
_SHAPE = {"1-1": 0.0, "1-2": -0.74, "2-1": -0.74}
_OTHER_SHAPE = -2.07
#: Links with one empty side depend on the margin alone.
_GAP_BIAS = -1.5
_GAP_PER_LOG_MARGIN = 1.8
_MAX_LISTED = 12


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


def _named(labels: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Anchor labels ("n:30") as (kind name, value) pairs, at most a few of each kind."""
    out: list[tuple[str, str]] = []
    per_kind: dict[str, int] = {}
    for label in sorted(labels):
        kind, _, value = label.partition(":")
        name = KIND_NAMES.get(kind, kind)
        per_kind[name] = per_kind.get(name, 0) + 1
        if per_kind[name] <= _MAX_LISTED:
            out.append((name, value))
    return tuple(out)


def _numbers(parts: Sequence[SegmentFeatures]) -> set[str]:
    return {k[2:] for f in parts for k in f.keys if k.startswith("n:")}


def gap_evidence(header: bool, margin: float) -> tuple[float, Evidence]:
    """Confidence and evidence of a link with one empty side."""
    confidence = _sigmoid(_GAP_BIAS + _GAP_PER_LOG_MARGIN * math.log1p(margin))
    return confidence, Evidence(margin=round(margin, 2), unmatched=True, heading=header)


def match_evidence(
    source: Sequence[SegmentFeatures],
    target: Sequence[SegmentFeatures],
    src_keys: frozenset[int],
    tgt_keys: frozenset[int],
    anchors: Anchors,
    model: LengthModel,
    margin: float,
) -> tuple[float, Evidence]:
    """Confidence and evidence of a link between source and target units."""
    ls, lt = sum(f.length for f in source), sum(f.length for f in target)
    z = model.z(ls, lt)
    common = src_keys & tgt_keys
    shared = sum(anchors.weights[k] for k in common)
    src_numbers, tgt_numbers = _numbers(source), _numbers(target)
    source_only = sorted(src_numbers - tgt_numbers)
    target_only = sorted(tgt_numbers - src_numbers)
    missing = len(source_only) + len(target_only)
    shape = f"{len(source)}-{len(target)}"
    score = (
        _BIAS
        + _PER_Z * abs(z)
        + _PER_SHARED * min(shared, _SHARED_CAP)
        + _PER_MISSING_NUMBER * missing
        + _SHAPE.get(shape, _OTHER_SHAPE)
        + _PER_LOG_MARGIN * math.log1p(margin)
    )
    evidence = Evidence(
        shared=_named([anchors.labels[k] for k in common]),
        source_only_numbers=tuple(source_only[:_MAX_LISTED]),
        target_only_numbers=tuple(target_only[:_MAX_LISTED]),
        length_ratio=round(lt / ls, 3) if ls else None,
        expected_ratio=round(model.ratio, 3),
        length_z=round(z, 2),
        margin=round(margin, 2),
    )
    return _sigmoid(score), evidence
