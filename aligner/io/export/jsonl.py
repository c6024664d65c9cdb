"""JSON Lines: one JSON object per link, one link per line, for NLP pipelines.

Every record has the same keys, in the same order, with the same JSON types,
whatever the link (so that files of different alignments load together into
one table with pandas, pyarrow or ``datasets``); the published schema is
``aligner/schema/export-jsonl.schema.json``:

``id`` (stable link id), ``link`` (its number counted from 1, as the UI shows
it), ``source``, ``target`` (a side of several paragraphs joined with a blank
line, page-break halves with a space; with ``use_revisions`` the target is the
revised rendering), ``source_paragraphs`` / ``target_paragraphs`` (the
paragraphs as a list, empty on a side with none), ``source_lang``,
``target_lang``, ``bead`` (``"2-1"``), ``source_segments`` /
``target_segments`` (0-based paragraph indices), ``confidence`` (a number),
``status``, ``needs_review`` (the one rule of :mod:`aligner.core.review`),
``note`` (a string, empty when none), ``flags`` (a list of objects with
``kind``, ``term``, ``message``; empty when none), ``provenance``
(``{"source": ..., "target": ...}``), and ``revision``: always an object with
``text``, ``author``, ``time``, ``note`` (strings, empty without a revision),
``original`` (the published target) and ``used`` (true when the target field
holds the revision). Non-ASCII text is written as is (UTF-8).

JSON escapes control characters, but not U+0085, U+2028 and U+2029, which some
line splitters (Python's ``str.splitlines`` among them) treat as line ends; they
are written as ``\\u`` escapes so that one record is always exactly one line.
"""

from __future__ import annotations

import json
from typing import Any

from aligner.core.model import Link
from aligner.core.review import needs_review
from aligner.io.export.options import ExportContext

_LINE_BREAKERS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def record(ctx: ExportContext, link: Link) -> dict[str, Any]:
    """The JSON object for one link (the same keys and types for every link)."""
    al = ctx.alignment
    rev = link.revision
    used = ctx.uses_revision(link)
    target_paragraphs = (
        [p for p in rev.text.split("\n\n") if p.strip()] or [rev.text]
        if used and rev is not None
        else [al.target.segments[i].text for i in link.target]
    )
    return {
        "id": link.id,
        "link": ctx.numbers[link.id],
        "source": ctx.source_text(link),
        "target": ctx.target_text(link),
        "source_paragraphs": [al.source.segments[i].text for i in link.source],
        "target_paragraphs": target_paragraphs,
        "source_lang": ctx.source_lang,
        "target_lang": ctx.target_lang,
        "bead": link.bead,
        "source_segments": list(link.source),
        "target_segments": list(link.target),
        "confidence": float(round(link.confidence, 4)),
        "status": link.status,
        "needs_review": needs_review(link),
        "note": link.note,
        "flags": [{"kind": f.kind, "term": f.term, "message": f.message} for f in link.flags],
        "provenance": {"source": al.source.provenance, "target": al.target.provenance},
        "revision": {
            "text": rev.text if rev is not None else "",
            "author": rev.author if rev is not None else "",
            "time": rev.time if rev is not None else "",
            "note": rev.note if rev is not None else "",
            "original": ctx.original_target(link) if rev is not None else "",
            "used": used,
        },
    }


def _line(rec: dict[str, Any]) -> str:
    text = json.dumps(rec, ensure_ascii=False)
    for char, escape in _LINE_BREAKERS.items():
        if char in text:
            text = text.replace(char, escape)
    return text + "\n"


def render(ctx: ExportContext) -> str:
    """All records, one per line."""
    return "".join(_line(record(ctx, lk)) for lk in ctx.links)
