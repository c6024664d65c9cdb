"""Quick reads of a pristine alignment file's segments and links.

The store's validating decoder (:mod:`aligner.io.store`) builds a JSON path
for every value it reads ("$.links[3].confidence") and sends every string
through the sanitiser, so that the first problem is reported where it is; on a
10,000-link file that bookkeeping costs more than parsing the JSON. The
functions here read the same values with the same checks in straight-line
code, for a file whose strings need no sanitising (the store's ``pristine``
test), and return ``None`` at the first doubt: the caller then reads that
value again with the validating decoder, which names the problem. So a value
is accepted here only when the validating decoder would accept it and build
the same object; nothing it refuses gets through.
"""

from __future__ import annotations

import math
from typing import Any

from aligner.core.model import (
    STATUSES,
    Evidence,
    Flag,
    Link,
    Revision,
    Segment,
    Sentence,
    SentenceLink,
)
from aligner.io.evidence_json import evidence_from_dict

#: Deepest nesting accepted in free-form values (settings, metadata, evidence,
#: flag details). aligner writes at most 4 levels there; 32 leaves room for
#: other tools while keeping every walk over the data shallow.
MAX_FREE_DEPTH = 32

_MISSING: Any = object()
_NO_EVIDENCE = Evidence()
_SCALARS = (str, int, bool, type(None))


def plain(value: Any, depth: int = 0) -> bool:
    """True when a free-form value is finite and nested at most MAX_FREE_DEPTH deep.

    No path strings are built and nothing is copied; any doubt sends the value
    through the validating decoder's walk, which names the offending path.
    """
    if depth > MAX_FREE_DEPTH:
        return False
    kind = type(value)
    if kind is dict:
        values: Any = value.values()
    elif kind is list:
        values = value
    elif kind is float:
        return math.isfinite(value)
    else:
        return kind in _SCALARS
    depth += 1
    if depth > MAX_FREE_DEPTH:  # its items would be nested too deep
        return not value
    for v in values:
        kind = type(v)
        if kind is str or kind is int or kind is bool:
            continue
        if kind is float:
            if not math.isfinite(v):
                return False
        elif kind is list and depth < MAX_FREE_DEPTH:
            # A list one level down (evidence's [kind, value] pairs) is checked here,
            # saving a call per pair; anything deeper goes through the recursion.
            for x in v:
                kind = type(x)
                if kind is str or kind is int or kind is bool:
                    continue
                if kind is float:
                    if not math.isfinite(x):
                        return False
                elif not plain(x, depth + 1):
                    return False
        elif not plain(v, depth):
            return False
    return True


def _indices(value: Any) -> tuple[int, ...] | None:
    """A link side: consecutive ascending paragraph (or sentence) numbers, each >= 0.

    The bead check of the model (sides contiguous) is made here as the numbers are
    read, so the object can be built without running it again.
    """
    if type(value) is not list:
        return None
    if not value:
        return ()
    first = value[0]
    if type(first) is not int or first < 0:
        return None
    if len(value) > 1:  # most sides are one unit long
        for offset, v in enumerate(value):
            if type(v) is not int or v != first + offset:
                return None
    return tuple(value)


def _unit(value: Any) -> float | None:
    """A number in [0, 1] (a confidence, a threshold), as a float."""
    kind = type(value)
    if (kind is float or kind is int) and 0.0 <= value <= 1.0:
        return float(value)  # NaN fails the comparison; orjson reads none anyway
    return None


def _mapping(value: Any) -> dict[str, Any] | None:
    """A free-form object, absent or null meaning empty (``None`` when in doubt)."""
    if value is None:
        return {}
    if type(value) is dict and plain(value):
        return value
    return None


# The keys of an evidence mapping as aligner writes them
# (aligner.io.evidence_json.evidence_to_dict), by the type of their value; any other
# key or shape is left to evidence_from_dict, which reads every shape of both versions.
_SCORES = frozenset({"length_ratio", "expected_ratio", "length_z", "margin", "neighbour_margin"})
_WEIGHTS = frozenset({"displaced_weight", "neighbour_displaced"})
_LENGTHS = frozenset({"source_length", "target_length"})
_FLAGS = frozenset({"unmatched", "heading", "page_break_joined"})
_NUMBER_LISTS = frozenset({"source_only_numbers", "target_only_numbers"})
_PAIRS = frozenset({"shared", "displaced"})


def _written_evidence(data: dict[str, Any]) -> Evidence | None:
    """Evidence from a mapping in the shape aligner writes, read as evidence_from_dict
    reads it, in one pass over its keys; ``None`` for any other shape or key.

    Every value accepted here is a number, a flag, a text or a list of texts (or of
    pairs of texts), so it is nested three levels deep at most and finite (orjson
    reads no NaN or infinity): the free-form check has nothing left to find.
    """
    fields: dict[str, Any] = {}
    for key, value in data.items():
        kind = type(value)
        if kind is float:
            if key in _SCORES:
                fields[key] = value
            elif key in _WEIGHTS:
                fields[key] = value if value > 0.0 else 0.0
            else:
                return None
        elif kind is int:
            if key in _LENGTHS and value > 0:
                fields[key] = value
            elif key in _SCORES:
                fields[key] = float(value)
            elif key in _WEIGHTS:
                fields[key] = float(value) if value > 0 else 0.0
            else:
                return None
        elif kind is list:
            if key == "reasons" or key in _NUMBER_LISTS:
                for text in value:
                    if type(text) is not str:
                        return None
                if value and key != "reasons":
                    fields[key] = tuple(value)
            elif key in _PAIRS:
                for pair in value:
                    if (type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str
                            or type(pair[1]) is not str):
                        return None
                if value:
                    fields[key] = tuple([(one, other) for one, other in value])
            else:
                return None
        elif kind is bool and key in _FLAGS:
            fields[key] = value
        elif kind is str and key == "edited":
            if value:
                fields[key] = value
        else:  # a key of version 1, or one aligner does not write
            return None
    return Evidence._decoded(fields) if fields else _NO_EVIDENCE


def _evidence(value: Any) -> Evidence | None:
    if value is None:
        return _NO_EVIDENCE
    if type(value) is dict:
        evidence = _written_evidence(value)
        if evidence is not None:
            return evidence
    mapping = _mapping(value)
    return None if mapping is None else evidence_from_dict(mapping)


def _text(d: dict[str, Any], key: str, default: Any = _MISSING) -> str | None:
    value = d.get(key, default)
    return value if type(value) is str else None


def _flag(d: Any) -> Flag | None:
    if type(d) is not dict:
        return None
    kind, term, message = _text(d, "kind"), _text(d, "term"), _text(d, "message", "")
    detail = _mapping(d.get("detail"))
    if kind is None or term is None or message is None or detail is None:
        return None
    return Flag(kind=kind, term=term, message=message, detail=detail)


def _revision(d: dict[str, Any]) -> tuple[bool, Revision | None]:
    """(read, revision): a link's revision, absent or null meaning none."""
    rev = d.get("revision")
    if rev is None:
        return True, None
    if type(rev) is not dict:
        return False, None
    parts = [_text(rev, k, "") for k in ("text", "author", "time", "note")]
    if None in parts:
        return False, None
    return True, Revision(*parts)  # type: ignore[arg-type]


def _each(items: Any, read: Any) -> tuple[Any, ...] | None:
    """Every item of an optional list read by ``read``; ``None`` when one is in doubt."""
    if items is None:
        return ()
    if type(items) is not list:
        return None
    out = []
    for item in items:
        value = read(item)
        if value is None:
            return None
        out.append(value)
    return tuple(out)


_BeadFields = tuple[tuple[int, ...], tuple[int, ...], float, str, str, Evidence]


def _bead_fields(d: dict[str, Any]) -> _BeadFields | None:
    """What a paragraph link and a sentence link store alike: sides, score, verdict, note, why,
    checked as the model's bead check does (a unit on one side at least, sides contiguous,
    confidence in [0, 1], a known status)."""
    get = d.get
    source, target = _indices(get("source")), _indices(get("target"))
    confidence = get("confidence", 1.0)
    kind = type(confidence)
    status, note = get("status", "auto"), get("note", "")
    if (source is None or target is None or not (source or target)
            or (kind is not float and kind is not int) or not 0.0 <= confidence <= 1.0
            or type(status) is not str or status not in STATUSES or type(note) is not str):
        return None
    value = get("evidence")
    if value is None:
        evidence: Evidence | None = _NO_EVIDENCE
    else:  # the shape aligner writes, read in one pass, else the general reader
        evidence = _written_evidence(value) if type(value) is dict else None
        if evidence is None:
            evidence = _evidence(value)
            if evidence is None:
                return None
    return source, target, float(confidence), status, note, evidence


def sentence_link(d: Any) -> SentenceLink | None:
    """A sentence link as :func:`aligner.io.store._sentence_link_from_dict` reads it."""
    if type(d) is not dict:
        return None
    fields = _bead_fields(d)
    needs_review = d.get("needs_review", False)
    if fields is None or type(needs_review) is not bool:
        return None
    return SentenceLink._decoded(*fields, needs_review)


def link(d: Any) -> Link | None:
    """A link as :func:`aligner.io.store._link_from_dict` reads it, or ``None``."""
    if type(d) is not dict:
        return None
    fields = _bead_fields(d)
    get = d.get
    if "needs_review" in d:
        needs_review = get("needs_review")
    else:  # version 1 kept the verdict inside the evidence mapping
        old = get("evidence")
        needs_review = type(old) is dict and old.get("needs_review") is True
    threshold = _unit(get("review_threshold", 0.0))
    flags = _each(get("flags"), _flag)
    bookmark = get("bookmark", False)
    read, revision = _revision(d)
    link_id = get("id", -1)
    sentences = _each(get("sentences"), sentence_link)
    if (fields is None or type(needs_review) is not bool or threshold is None
            or flags is None or type(bookmark) is not bool or not read
            or type(link_id) is not int or link_id < -1 or sentences is None):
        return None
    source, target, confidence, status, note, evidence = fields
    return Link._decoded({
        "source": source, "target": target, "confidence": confidence, "status": status,
        "note": note, "evidence": evidence, "needs_review": needs_review,
        "review_threshold": threshold, "flags": flags, "bookmark": bookmark,
        "revision": revision, "id": link_id, "sentences": sentences})


def _sentences(items: Any, length: int) -> tuple[Sentence, ...] | None:
    """A paragraph's sentences, [start, end, file start, file end] each, checked as
    :class:`Sentence` and :class:`Segment` check them: whole numbers, in order, inside
    the paragraph's ``length`` characters, none empty."""
    if items is None:
        return ()
    if type(items) is not list:
        return None
    out = []
    last = 0
    for item in items:
        if type(item) is not list or len(item) != 4:
            return None
        start, end, file_start, file_end = item
        if (type(start) is not int or type(end) is not int or type(file_start) is not int
                or type(file_end) is not int or start < last or end <= start or end > length
                or file_end < file_start):
            return None
        out.append(Sentence._decoded(start, end, file_start, file_end))
        last = end
    return tuple(out)


def segment(d: Any) -> Segment | None:
    """A paragraph as :func:`aligner.io.store._segment_from_dict` reads it, or ``None``."""
    if type(d) is not dict:
        return None
    get = d.get
    start, end, text = get("start", 0), get("end", 0), get("text")
    if (type(start) is not int or type(end) is not int or type(text) is not str
            or start < 0 or end < start):
        return None
    sentences = _sentences(get("sentences"), len(text))
    if sentences is None:
        return None
    return Segment._decoded(text, start, end, sentences)
