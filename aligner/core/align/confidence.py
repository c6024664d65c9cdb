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
from typing import Any

from aligner.core.align.anchors import KIND_NAMES, Anchors
from aligner.core.align.features import SegmentFeatures
from aligner.core.align.lengthmodel import LengthModel

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
#: Below this margin a boundary counts as contested, and the reasons say so.
_CONTESTED = 1.0
_MAX_LISTED = 12


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


def _group(labels: Sequence[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for label in sorted(labels):
        kind, _, value = label.partition(":")
        groups.setdefault(KIND_NAMES.get(kind, kind), []).append(value)
    return {k: v[:_MAX_LISTED] for k, v in groups.items()}


def _numbers(parts: Sequence[SegmentFeatures]) -> set[str]:
    return {k[2:] for f in parts for k in f.keys if k.startswith("n:")}


def gap_evidence(header: bool, margin: float) -> tuple[float, dict[str, Any]]:
    """Confidence and evidence of a link with one empty side."""
    if header:
        reasons = ["short unpunctuated line near the start (title or heading) with no counterpart"]
    else:
        reasons = ["no counterpart found: an omission or an addition"]
    if margin < _CONTESTED:
        reasons.append("a path linking it to a neighbour is nearly as good")
    confidence = _sigmoid(_GAP_BIAS + _GAP_PER_LOG_MARGIN * math.log1p(margin))
    return confidence, {"margin": round(margin, 2), "reasons": reasons}


def match_evidence(
    source: Sequence[SegmentFeatures],
    target: Sequence[SegmentFeatures],
    src_keys: frozenset[int],
    tgt_keys: frozenset[int],
    anchors: Anchors,
    model: LengthModel,
    margin: float,
) -> tuple[float, dict[str, Any]]:
    """Confidence and evidence of a link between source and target units."""
    ls, lt = sum(f.length for f in source), sum(f.length for f in target)
    z = model.z(ls, lt)
    common = src_keys & tgt_keys
    shared = sum(anchors.weights[k] for k in common)
    src_numbers, tgt_numbers = _numbers(source), _numbers(target)
    missing_src = sorted(tgt_numbers - src_numbers)
    missing_tgt = sorted(src_numbers - tgt_numbers)
    missing = len(missing_src) + len(missing_tgt)
    shape = f"{len(source)}-{len(target)}"
    score = (
        _BIAS
        + _PER_Z * abs(z)
        + _PER_SHARED * min(shared, _SHARED_CAP)
        + _PER_MISSING_NUMBER * missing
        + _SHAPE.get(shape, _OTHER_SHAPE)
        + _PER_LOG_MARGIN * math.log1p(margin)
    )
    reasons = []
    if margin < _CONTESTED:
        reasons.append("a different split of these paragraphs is nearly as good")
    if abs(z) > 2.0:
        longer = "target" if z > 0 else "source"
        reasons.append(f"the {longer} side is longer than expected (z = {z:+.1f})")
    if missing:
        reasons.append(f"{missing} number(s) appear on one side only")
    matched = _group([anchors.labels[k] for k in common])
    if shared >= 1.0:
        kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(matched.items()))
        reasons.append(f"shared anchors: {kinds}")
    elif abs(z) <= 2.0:
        reasons.append("lengths agree; few shared anchors")
    evidence: dict[str, Any] = {
        "length_z": round(z, 2),
        "length_ratio": round(lt / ls, 3) if ls else None,
        "expected_ratio": round(model.ratio, 3),
        "shared_weight": round(shared, 2),
        "margin": round(margin, 2),
        "matched": matched,
        "reasons": reasons,
    }
    if missing_src or missing_tgt:
        evidence["missing_numbers"] = {"source": missing_src, "target": missing_tgt}
    return _sigmoid(score), evidence
