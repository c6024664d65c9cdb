"""A link's evidence in the store's JSON: written as schema version 2, read from 1 or 2.

Version 1 stored a free-form mapping (``matched``, ``missing_numbers``,
``needs_review``, ...); it is read into the typed :class:`Evidence` with the
same meaning, so old files keep their explanations.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aligner.core.model import Evidence

_FLOATS = ("length_ratio", "expected_ratio", "length_z", "margin", "neighbour_margin")
#: Floats whose default is 0.0 rather than None: written only when non-zero.
_WEIGHTS = ("displaced_weight", "neighbour_displaced")
_INTS = ("source_length", "target_length")
_FLAGS = ("unmatched", "heading", "page_break_joined")


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    """The fields that differ from the defaults, plus the reasons in words for other readers."""
    out: dict[str, Any] = {}
    if evidence.shared:
        out["shared"] = [[kind, value] for kind, value in evidence.shared]
    if evidence.displaced:
        out["displaced"] = [[kind, value] for kind, value in evidence.displaced]
    if evidence.source_only_numbers:
        out["source_only_numbers"] = list(evidence.source_only_numbers)
    if evidence.target_only_numbers:
        out["target_only_numbers"] = list(evidence.target_only_numbers)
    for name in _INTS:
        if getattr(evidence, name):
            out[name] = getattr(evidence, name)
    for name in _FLOATS:
        value = getattr(evidence, name)
        if value is not None:
            out[name] = value
    for name in _WEIGHTS:
        if getattr(evidence, name):
            out[name] = getattr(evidence, name)
    for name in _FLAGS:
        if getattr(evidence, name):
            out[name] = True
    if evidence.edited:
        out["edited"] = evidence.edited
    if out:
        out["reasons"] = list(evidence.reasons)
    return out


def evidence_from_dict(data: Any) -> Evidence:
    """Typed evidence from either version's mapping; unknown keys are ignored."""
    if not isinstance(data, Mapping):
        return Evidence()
    shared = [(str(k), str(v)) for k, v in _pairs(data.get("shared"))]
    matched = data.get("matched")  # version 1: {kind name: [values]}
    if isinstance(matched, Mapping):
        shared += [(str(kind), str(v)) for kind, values in matched.items() for v in _list(values)]
    missing = data.get("missing_numbers")  # version 1: {"source": [...], "target": [...]}
    missing = missing if isinstance(missing, Mapping) else {}
    return Evidence(
        shared=tuple(shared),
        source_only_numbers=tuple(
            str(v) for v in _list(data.get("source_only_numbers", missing.get("target")))
        ),
        target_only_numbers=tuple(
            str(v) for v in _list(data.get("target_only_numbers", missing.get("source")))
        ),
        **{name: _int(data.get(name)) for name in _INTS},
        **{name: _float(data.get(name)) for name in _FLOATS},
        displaced=tuple((str(k), str(v)) for k, v in _pairs(data.get("displaced"))),
        **{name: max(0.0, _float(data.get(name)) or 0.0) for name in _WEIGHTS},
        unmatched=bool(data.get("unmatched", data.get("unaligned", False))),
        heading=bool(data.get("heading", False)),
        page_break_joined=bool(data.get("page_break_joined", False)),
        edited=str(data.get("edited") or ""),
    )


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _pairs(value: Any) -> list[tuple[Any, Any]]:
    return [tuple(p) for p in _list(value) if isinstance(p, list | tuple) and len(p) == 2]


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
