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
    """A link side: a list of paragraph (or sentence) numbers, each a whole number >= 0."""
    if type(value) is not list:
        return None
    for v in value:
        if type(v) is not int or v < 0:
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


def _evidence(value: Any) -> Evidence | None:
    if value is None:
        return _NO_EVIDENCE
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


def _flag_bool(d: dict[str, Any], key: str, default: bool) -> bool | None:
    value = d.get(key, default)
    return value if type(value) is bool else None


_BeadFields = tuple[tuple[int, ...], tuple[int, ...], float, str, str, Evidence]


def _bead_fields(d: dict[str, Any]) -> _BeadFields | None:
    """What a paragraph link and a sentence link store alike: sides, score, verdict, note, why."""
    source, target = _indices(d.get("source")), _indices(d.get("target"))
    confidence = _unit(d.get("confidence", 1.0))
    status, note = _text(d, "status", "auto"), _text(d, "note", "")
    evidence = _evidence(d.get("evidence"))
    if (source is None or target is None or confidence is None or status not in STATUSES
            or note is None or evidence is None):
        return None
    return source, target, confidence, status, note, evidence


def sentence_link(d: Any) -> SentenceLink | None:
    """A sentence link as :func:`aligner.io.store._sentence_link_from_dict` reads it."""
    if type(d) is not dict:
        return None
    fields = _bead_fields(d)
    needs_review = _flag_bool(d, "needs_review", False)
    if fields is None or needs_review is None:
        return None
    source, target, confidence, status, note, evidence = fields
    try:
        return SentenceLink(source, target, confidence, status, note, evidence, needs_review)
    except ValueError:
        return None


def link(d: Any) -> Link | None:
    """A link as :func:`aligner.io.store._link_from_dict` reads it, or ``None``."""
    if type(d) is not dict:
        return None
    fields = _bead_fields(d)
    if "needs_review" in d:
        needs_review = _flag_bool(d, "needs_review", False)
    else:  # version 1 kept the verdict inside the evidence mapping
        old = d.get("evidence")
        needs_review = type(old) is dict and old.get("needs_review") is True
    threshold = _unit(d.get("review_threshold", 0.0))
    flags = _each(d.get("flags"), _flag)
    bookmark = _flag_bool(d, "bookmark", False)
    read, revision = _revision(d)
    link_id = d.get("id", -1)
    sentences = _each(d.get("sentences"), sentence_link)
    if (fields is None or needs_review is None or threshold is None
            or flags is None or bookmark is None or not read or type(link_id) is not int
            or link_id < -1 or sentences is None):
        return None
    source, target, confidence, status, note, evidence = fields
    try:
        return Link(source=source, target=target, confidence=confidence, status=status,
                    note=note, evidence=evidence, needs_review=needs_review,
                    review_threshold=threshold, flags=flags, bookmark=bookmark,
                    revision=revision, id=link_id, sentences=sentences)
    except ValueError:
        return None


def _sentence(item: Any) -> Sentence | None:
    if type(item) is not list or len(item) != 4:
        return None
    for v in item:
        if type(v) is not int:
            return None
    try:
        return Sentence(*item)
    except ValueError:
        return None


def segment(d: Any) -> Segment | None:
    """A paragraph as :func:`aligner.io.store._segment_from_dict` reads it, or ``None``."""
    if type(d) is not dict:
        return None
    start, end, text = d.get("start", 0), d.get("end", 0), d.get("text")
    if (type(start) is not int or type(end) is not int or type(text) is not str
            or start < 0 or end < start):
        return None
    sentences = _each(d.get("sentences"), _sentence)
    if sentences is None:
        return None
    try:
        return Segment(text=text, start=start, end=end, sentences=sentences)
    except ValueError:
        return None
