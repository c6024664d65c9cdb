"""JSON Lines: one JSON object per link, one link per line, for NLP pipelines.

Each record: ``id``, ``source``, ``target`` (a side of several paragraphs is
joined with a blank line, and its paragraphs are also listed in
``source_paragraphs`` / ``target_paragraphs`` so nothing is lost), the two
languages, ``bead`` (``"2-1"``), ``source_segments`` / ``target_segments``
(0-based paragraph indices), ``confidence``, ``status``, ``note``, ``flags``,
``provenance`` (``{"source": ..., "target": ...}``, so every record says when a
text is a reconstruction) and ``revision`` (``null`` or its text, author, time
and note). Keys keep this order; non-ASCII text is written as is (UTF-8).

JSON escapes control characters, but not U+0085, U+2028 and U+2029, which some
line splitters (Python's ``str.splitlines`` among them) treat as line ends; they
are written as ``\\u`` escapes so that one record is always exactly one line.
"""

from __future__ import annotations

import json
from typing import Any

from aligner.core.model import Link
from aligner.io.export.options import ExportContext

_LINE_BREAKERS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def record(ctx: ExportContext, link: Link) -> dict[str, Any]:
    """The JSON object for one link."""
    al = ctx.alignment
    rec: dict[str, Any] = {
        "id": link.id,
        "source": ctx.source_text(link),
        "target": ctx.target_text(link),
        "source_lang": al.source.language,
        "target_lang": al.target.language,
        "bead": link.bead,
        "source_segments": list(link.source),
        "target_segments": list(link.target),
        "confidence": round(link.confidence, 4),
        "status": link.status,
        "note": link.note,
        "flags": [{"kind": f.kind, "term": f.term, "message": f.message} for f in link.flags],
        "provenance": {"source": al.source.provenance, "target": al.target.provenance},
        "revision": None,
    }
    if link.revision is not None:
        r = link.revision
        rec["revision"] = {"text": r.text, "author": r.author, "time": r.time, "note": r.note}
    if len(link.source) > 1:
        rec["source_paragraphs"] = [al.source.segments[i].text for i in link.source]
    if len(link.target) > 1:
        rec["target_paragraphs"] = [al.target.segments[i].text for i in link.target]
    return rec


def _line(rec: dict[str, Any]) -> str:
    text = json.dumps(rec, ensure_ascii=False)
    for char, escape in _LINE_BREAKERS.items():
        if char in text:
            text = text.replace(char, escape)
    return text + "\n"


def render(ctx: ExportContext) -> str:
    """All records, one per line."""
    return "".join(_line(record(ctx, lk)) for lk in ctx.links)
