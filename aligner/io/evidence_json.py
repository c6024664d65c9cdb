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
    """The fields that differ from the defaults, plus the reasons in words for other readers.

    Each field is named once, in the order the file has always held them: a
    10,000-link alignment with its sentence links writes 35,000 of these per save.
    """
    e = evidence
    out: dict[str, Any] = {}
    if e.shared:
        out["shared"] = [[kind, value] for kind, value in e.shared]
    if e.displaced:
        out["displaced"] = [[kind, value] for kind, value in e.displaced]
    if e.source_only_numbers:
        out["source_only_numbers"] = list(e.source_only_numbers)
    if e.target_only_numbers:
        out["target_only_numbers"] = list(e.target_only_numbers)
    if e.source_length:
        out["source_length"] = e.source_length
    if e.target_length:
        out["target_length"] = e.target_length
    if e.length_ratio is not None:
        out["length_ratio"] = e.length_ratio
    if e.expected_ratio is not None:
        out["expected_ratio"] = e.expected_ratio
    if e.length_z is not None:
        out["length_z"] = e.length_z
    if e.margin is not None:
        out["margin"] = e.margin
    if e.neighbour_margin is not None:
        out["neighbour_margin"] = e.neighbour_margin
    if e.displaced_weight:
        out["displaced_weight"] = e.displaced_weight
    if e.neighbour_displaced:
        out["neighbour_displaced"] = e.neighbour_displaced
    if e.unmatched:
        out["unmatched"] = True
    if e.heading:
        out["heading"] = True
    if e.page_break_joined:
        out["page_break_joined"] = True
    if e.edited:
        out["edited"] = e.edited
    if out:
        out["reasons"] = list(e.reasons)
    return out


#: Keys only version 1 wrote (read on top of version 2's fields).
_V1_KEYS = frozenset({"matched", "missing_numbers", "unaligned"})
_PAIRS = ("shared", "displaced")
_NUMBER_LISTS = ("source_only_numbers", "target_only_numbers")


def evidence_from_dict(data: Any) -> Evidence:
    """Typed evidence from either version's mapping; unknown keys are ignored.

    Only the keys present are passed on, and each check is written out in place:
    a 10,000-link file with its sentence links reads 35,000 of these. A pair is
    a two-item list, a length a whole number above 0 (else 0), a score any number
    (else None), a weight a number clamped at 0.
    """
    if not isinstance(data, Mapping):
        return Evidence()
    get = data.get
    kw: dict[str, Any] = {}
    for name in _PAIRS:
        pairs = get(name)
        if pairs:
            kw[name] = tuple((str(p[0]), str(p[1])) for p in _list(pairs)
                             if type(p) in (list, tuple) and len(p) == 2)
    for name in _NUMBER_LISTS:
        value = get(name)
        if value:
            kw[name] = tuple(str(v) for v in _list(value))
    for name in _INTS:
        value = get(name)
        if value is not None:
            kw[name] = value if type(value) is int and value > 0 else 0
    for name in _FLOATS:
        value = get(name)
        if value is not None:
            kind = type(value)
            kw[name] = float(value) if kind is float or kind is int else None
    for name in _WEIGHTS:
        value = get(name)
        if value is not None:
            kind = type(value)
            kw[name] = max(0.0, float(value)) if kind is float or kind is int else 0.0
    for name in _FLAGS:
        value = get(name)
        if value is not None:
            kw[name] = bool(value)
    edited = get("edited")
    if edited:
        kw["edited"] = str(edited)
    if not _V1_KEYS.isdisjoint(data):
        _add_version_1(data, kw)
    return Evidence(**kw)


def _add_version_1(data: Mapping[str, Any], kw: dict[str, Any]) -> None:
    """Version 1's names for the same facts, where version 2's are absent."""
    matched = data.get("matched")  # {kind name: [values]}
    if isinstance(matched, Mapping):
        kw["shared"] = kw.get("shared", ()) + tuple(
            (str(kind), str(v)) for kind, values in matched.items() for v in _list(values))
    missing = data.get("missing_numbers")  # {"source": [...], "target": [...]}
    if isinstance(missing, Mapping):
        for name, side in (("source_only_numbers", "target"), ("target_only_numbers", "source")):
            if name not in data:
                kw[name] = tuple(str(v) for v in _list(missing.get(side)))
    if "unmatched" not in data and "unaligned" in data:
        kw["unmatched"] = bool(data["unaligned"])


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []
