"""A confidence in [0, 1] for each link, with the evidence that explains it.

The evidence is what a reviewer needs to see why a link is weak: how far the
lengths are from the expected ratio (a z-score), which numbers, names, terms
and other anchors both sides share, which numbers one side has and the other
lacks, and a few readable reasons. The confidence is a logistic function of
the same evidence and of the link's margin (how much worse the best path is
that places its boundaries elsewhere, :mod:`.margins`), computed from the
evidence alone. Its weights and the review threshold are fitted on the
development sets by bench/fit_confidence.py and read from ``fitted.json``.
"""

from __future__ import annotations

import json
import math
import sys
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice
from operator import mul
from typing import TYPE_CHECKING

from aligner.core.align.anchors import KIND_NAMES, Anchors
from aligner.core.align.features import SegmentFeatures
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.model import Evidence

if TYPE_CHECKING:  # imported where used: a small alignment needs no numpy (start-up)
    import numpy as np

#: The fitted model's file, shipped in the package; written by bench/fit_confidence.py.
FITTED_FILE = "fitted.json"
_MAX_LISTED = 12
#: From this many links a path is judged over arrays even when numpy is not loaded yet
#: (:func:`confidences`): its import (about 60 ms here) pays for itself in this function
#: only from about 85,000 links (2.0 µs a link one by one, 1.3 µs over arrays, measured
#: on romeo_and_juliet's 954 links).
COLUMNS_FROM = 100_000
#: Features are capped so that one extreme value cannot dominate a link's score.
_Z_CAP = 6.0
_SHARED_CAP = 4
_MISSING_CAP = 3
#: Lengths enter as log(1 + characters / this): a line, a sentence, a paragraph.
_LENGTH_UNIT = 100.0
#: Displaced anchor weights are capped at this many strong anchors' worth (a weight near 2
#: is a rare number or name, :data:`~aligner.core.align.anchors.KIND_WEIGHTS`).
_DISPLACED_CAP = 20.0
#: How far, in units of the other side, an anchor may sit from a link and count as displaced:
#: two covers a boundary off by one in either direction, or by two after a merge.
DISPLACED_REACH = 2


@dataclass(frozen=True)
class ConfidenceModel:
    """Logistic weights for links with both sides (``match``) and with one (``gap``).

    Fitted by bench/fit_confidence.py on the development sets only; the
    threshold is chosen there too, as the confidence below which most of the
    development set's wrong links fall.
    """

    match: tuple[float, ...]
    """Bias, then a weight per entry of :data:`MATCH_FEATURES`."""
    gap: tuple[float, ...]
    """Bias, then a weight per entry of :data:`GAP_FEATURES`."""
    review_threshold: float


MATCH_FEATURES = (
    "abs_length_z", "shared_anchors", "no_shared_anchor", "numbers_on_one_side",
    "two_to_one", "other_shape", "log_margin", "log_shorter_side", "log_neighbour_margin",
    "log_displaced", "log_neighbour_displaced",
)  # fmt: skip
GAP_FEATURES = ("log_margin", "heading", "log_length", "log_neighbour_margin")


def match_features(evidence: Evidence, shape: tuple[int, int]) -> list[float]:
    """The features of a two-sided link, from its evidence alone (so a fit can recompute them)."""
    z = abs(evidence.length_z or 0.0)
    shared = len(evidence.shared)
    missing = len(evidence.source_only_numbers) + len(evidence.target_only_numbers)
    return [
        min(z, _Z_CAP),
        float(min(shared, _SHARED_CAP)),
        1.0 if shared == 0 else 0.0,
        float(min(missing, _MISSING_CAP)),
        1.0 if shape in ((1, 2), (2, 1)) else 0.0,
        1.0 if shape not in ((1, 1), (1, 2), (2, 1)) else 0.0,
        math.log1p(evidence.margin or 0.0),
        math.log1p(min(evidence.source_length, evidence.target_length) / _LENGTH_UNIT),
        math.log1p(_neighbour(evidence)),
        math.log1p(min(evidence.displaced_weight, _DISPLACED_CAP)),
        math.log1p(min(evidence.neighbour_displaced, _DISPLACED_CAP)),
    ]


def gap_features(evidence: Evidence) -> list[float]:
    length = evidence.source_length or evidence.target_length
    return [
        math.log1p(evidence.margin or 0.0),
        1.0 if evidence.heading else 0.0,
        math.log1p(length / _LENGTH_UNIT),
        math.log1p(_neighbour(evidence)),
    ]


def _neighbour(evidence: Evidence) -> float:
    if evidence.neighbour_margin is not None:
        return evidence.neighbour_margin
    return evidence.margin or 0.0


def features_of(evidence: Evidence, shape: tuple[int, int]) -> tuple[str, list[float]]:
    """Which of the two models applies to a link, and its features."""
    if shape[0] and shape[1]:
        return "match", match_features(evidence, shape)
    return "gap", gap_features(evidence)


def score(weights: Sequence[float], features: Sequence[float]) -> float:
    """The logistic model's probability that the link is right."""
    if len(weights) != len(features) + 1:
        raise ValueError(f"{len(weights)} weights for {len(features)} features")
    # sum(map(mul)): the products added left to right from 0, as a generator would, in C.
    x = weights[0] + sum(map(mul, islice(weights, 1, None), features))
    return _sigmoid(x)


@lru_cache(maxsize=1)
def fitted_model() -> ConfidenceModel:
    """The model in the package's fitted.json."""
    data = json.loads(resources.files(__package__).joinpath(FITTED_FILE).read_text("utf-8"))
    if data["match_features"] != list(MATCH_FEATURES) or data["gap_features"] != list(GAP_FEATURES):
        # A feature added to the code without re-running bench/fit_confidence.py.
        raise RuntimeError(f"{FITTED_FILE} was fitted on other features; re-run the fit")
    return ConfidenceModel(
        match=tuple(float(w) for w in data["match"]),
        gap=tuple(float(w) for w in data["gap"]),
        review_threshold=float(data["review_threshold"]),
    )


def confidence_of(evidence: Evidence, shape: tuple[int, int], model: ConfidenceModel) -> float:
    kind, features = features_of(evidence, shape)
    return score(model.match if kind == "match" else model.gap, features)


def confidences(
    evidences: Sequence[Evidence], shapes: Sequence[tuple[int, int]], model: ConfidenceModel
) -> list[float]:
    """:func:`confidence_of` of each link, a feature at a time over all links (a sentence
    level judges 20,000 and more): the same numbers, as each feature is computed by the
    same operations (logarithms by ``math.log1p``, which numpy's differs from in the last
    bit), the weighted terms added in the same order and the logistic taken by ``math.exp``.

    Unless numpy is loaded already (by the search kernel, or to pair names), a path
    shorter than :data:`COLUMNS_FROM` is judged link by link, by the same function, so
    that a small alignment's start-up does not pay for numpy (bench/bench_startup.py)."""
    if len(evidences) < COLUMNS_FROM and "numpy" not in sys.modules:
        return [confidence_of(e, shape, model) for e, shape in zip(evidences, shapes, strict=True)]
    import numpy as np

    out = [0.0] * len(evidences)
    match = [k for k, (a, b) in enumerate(shapes) if a and b]
    gap = [k for k, (a, b) in enumerate(shapes) if not (a and b)]
    for rows, weights, columns in (
        (match, model.match, _match_columns),
        (gap, model.gap, _gap_columns),
    ):
        if not rows:
            continue
        chosen = [evidences[k] for k in rows]
        total = np.zeros(len(rows))
        # sum(map(mul, ...)) in :func:`score`: from 0, left to right.
        for w, column in zip(weights[1:], columns(chosen, [shapes[k] for k in rows]), strict=True):
            total += w * column
        for k, x in zip(rows, (weights[0] + total).tolist(), strict=True):
            out[k] = _sigmoid(x)
    return out


def _log1p(values: list[float]) -> np.ndarray:
    import numpy as np

    return np.array(list(map(math.log1p, values)))


def _match_columns(
    evidences: Sequence[Evidence], shapes: Sequence[tuple[int, int]]
) -> list[np.ndarray]:
    """The columns of :func:`match_features`, in its order."""
    import numpy as np

    shared = np.array([len(e.shared) for e in evidences], dtype=np.float64)
    missing = np.array(
        [len(e.source_only_numbers) + len(e.target_only_numbers) for e in evidences],
        dtype=np.float64,
    )
    z = np.abs(np.array([e.length_z or 0.0 for e in evidences]))
    shorter = np.minimum(
        np.array([e.source_length for e in evidences], dtype=np.float64),
        np.array([e.target_length for e in evidences], dtype=np.float64),
    )
    return [
        np.minimum(z, _Z_CAP),
        np.minimum(shared, _SHARED_CAP),
        (shared == 0).astype(np.float64),
        np.minimum(missing, _MISSING_CAP),
        np.array([1.0 if s in ((1, 2), (2, 1)) else 0.0 for s in shapes]),
        np.array([1.0 if s not in ((1, 1), (1, 2), (2, 1)) else 0.0 for s in shapes]),
        _log1p([e.margin or 0.0 for e in evidences]),
        _log1p((shorter / _LENGTH_UNIT).tolist()),
        _log1p([_neighbour(e) for e in evidences]),
        _log1p(np.minimum([e.displaced_weight for e in evidences], _DISPLACED_CAP).tolist()),
        _log1p(np.minimum([e.neighbour_displaced for e in evidences], _DISPLACED_CAP).tolist()),
    ]


def _gap_columns(evidences: Sequence[Evidence], _: Sequence[tuple[int, int]]) -> list[np.ndarray]:
    """The columns of :func:`gap_features`, in its order."""
    import numpy as np

    lengths = np.array([e.source_length or e.target_length for e in evidences], np.float64)
    return [
        _log1p([e.margin or 0.0 for e in evidences]),
        np.array([1.0 if e.heading else 0.0 for e in evidences]),
        _log1p((lengths / _LENGTH_UNIT).tolist()),
        _log1p([_neighbour(e) for e in evidences]),
    ]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


def _named(labels: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Anchor labels ("n:30") as (kind name, value) pairs, at most a few of each kind."""
    if not labels:
        return ()
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
    # A segment's keys are sorted, so its numbers (``n:...``) are one run of them:
    # between "n:" and "n;", the character after the colon.
    out: set[str] = set()
    for f in parts:
        keys = f.keys
        first = bisect_left(keys, "n:")
        last = bisect_left(keys, "n;", first)
        if first < last:  # most segments hold no number
            out.update([k[2:] for k in keys[first:last]])
    return out


def gap_evidence(
    header: bool,
    margin: float,
    source_length: int,
    target_length: int,
    *,
    neighbour_margin: float | None = None,
    page_break_joined: bool = False,
) -> Evidence:
    """Evidence of a link with one empty side."""
    return Evidence(
        source_length=source_length, target_length=target_length,
        margin=round(margin, 2), neighbour_margin=neighbour_margin, unmatched=True,
        heading=header, page_break_joined=page_break_joined,
    )  # fmt: skip


def match_evidence(
    source: Sequence[SegmentFeatures],
    target: Sequence[SegmentFeatures],
    src_keys: frozenset[int],
    tgt_keys: frozenset[int],
    anchors: Anchors,
    model: LengthModel,
    margin: float,
    displaced: frozenset[int] = frozenset(),
    *,
    neighbour_margin: float | None = None,
    neighbour_displaced: float = 0.0,
    page_break_joined: bool = False,
    displaced_weight: float | None = None,
) -> Evidence:
    """Evidence of a link between source and target units.

    ``displaced`` are the keys of one side that the other lacks but one of its
    neighbouring units has (:func:`displaced_keys`); the keyword fields are the
    neighbours' (see :class:`~aligner.core.model.Evidence`); ``displaced_weight``, when
    the caller has it, is :func:`keys_weight` of ``displaced`` (judging a path sums it
    once for the link and its neighbours).
    """
    # Most links are 1-1: their lengths are read, not summed.
    ls = source[0].length if len(source) == 1 else sum(f.length for f in source)
    lt = target[0].length if len(target) == 1 else sum(f.length for f in target)
    z = model.z(ls, lt)
    common = src_keys & tgt_keys
    labels = anchors.labels
    src_numbers, tgt_numbers = _numbers(source), _numbers(target)
    if src_numbers or tgt_numbers:
        source_only = sorted(src_numbers - tgt_numbers)
        target_only = sorted(tgt_numbers - src_numbers)
    else:
        source_only = target_only = []
    # Evidence checks nothing, so it is made without its dataclass ``__init__`` (one
    # ``object.__setattr__`` per field): the same object at a third of the cost, for the
    # 20,000 and more links of a sentence level.
    return Evidence._decoded(
        {
            "shared": _named([labels[k] for k in common]) if common else (),
            "source_only_numbers": tuple(source_only[:_MAX_LISTED]),
            "target_only_numbers": tuple(target_only[:_MAX_LISTED]),
            "source_length": ls,
            "target_length": lt,
            "length_ratio": round(lt / ls, 3) if ls else None,
            "expected_ratio": round(model.ratio, 3),
            "length_z": round(z, 2),
            "margin": round(margin, 2),
            "neighbour_margin": neighbour_margin,
            "displaced": _named([labels[k] for k in displaced]) if displaced else (),
            "displaced_weight": (
                keys_weight(displaced, anchors.weights)
                if displaced_weight is None
                else displaced_weight
            ),
            "neighbour_displaced": neighbour_displaced,
            "page_break_joined": page_break_joined,
        }
    )


def keys_weight(keys: frozenset[int], weights: Sequence[float]) -> float:
    """How much some keys weigh together, rounded as :class:`Evidence` records it."""
    return round(sum(weights[k] for k in keys), 2)


def displaced_keys(
    src_keys: frozenset[int],
    tgt_keys: frozenset[int],
    src_near: frozenset[int],
    tgt_near: frozenset[int],
) -> frozenset[int]:
    """Keys one side of a link has and the other lacks, found in the other side's neighbours.

    A right link's anchors meet inside it; when the source's name turns up in
    the target paragraph just after, the boundary is likely off by one.
    ``src_near`` / ``tgt_near`` are the keys of the units within
    :data:`DISPLACED_REACH` before and after the link on each side.
    """
    return ((src_keys - tgt_keys) & tgt_near) | ((tgt_keys - src_keys) & src_near)
