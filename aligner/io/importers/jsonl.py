"""Import JSON Lines written by aligner (or shaped like it): one link per line.

Each record needs ``source`` and ``target`` strings; ``source_paragraphs`` /
``target_paragraphs`` split a side into its paragraphs, and ``id``,
``confidence``, ``status``, ``note``, ``flags``, ``revision``, ``bookmark``,
the languages and ``provenance`` are read when present. Paragraphs are numbered
in the order of the records, so a filtered export imports as a smaller pair.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment, Flag, Link, Revision
from aligner.errors import ExportError
from aligner.io.importers.common import document_from_texts, keep_ids, make_link
from aligner.io.store import sha256_of
from aligner.io.user_files import read_user_text


def _read_records(path: Path) -> list[tuple[int, dict[str, Any]]]:
    lines = read_user_text(path, ExportError, "a JSON Lines file").split("\n")
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExportError(f"{path}, line {number}: not JSON ({exc.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("source"), str) \
                or not isinstance(rec.get("target"), str):
            raise ExportError(f"{path}, line {number}: a record needs 'source' and 'target' text")
        records.append((number, rec))
    if not records:
        raise ExportError(f"{path} holds no records; it is empty")
    return records


def _paragraphs(rec: dict[str, Any], side: str) -> list[str]:
    rev = rec.get("revision")
    if side == "target" and isinstance(rev, dict) and rev.get("used"):
        # exported with --use-revisions: the published target is the revision's "original"
        original = str(rev.get("original") or "")
        return [p for p in original.split("\n\n") if p] if original else []
    listed = rec.get(f"{side}_paragraphs")
    if isinstance(listed, list) and all(isinstance(p, str) for p in listed):
        return listed
    return [rec[side]] if rec[side] else []


def _revision(rev: Any) -> Revision | None:
    # aligner writes an object with an empty text for a link without a revision
    if not isinstance(rev, dict) or not rev.get("text"):
        return None
    return Revision(**{k: str(rev.get(k) or "") for k in ("text", "author", "time", "note")})


def _fields(rec: dict[str, Any]) -> dict[str, Any]:
    rev = rec.get("revision")
    flags = [f for f in rec.get("flags") or () if isinstance(f, dict) and "kind" in f]
    return {
        "confidence": rec.get("confidence", 1.0),
        "status": rec.get("status", "auto"),
        "note": str(rec.get("note") or ""),
        "bookmark": bool(rec.get("bookmark", False)),
        "flags": tuple(
            Flag(str(f["kind"]), str(f.get("term", "")), str(f.get("message", ""))) for f in flags
        ),
        "revision": _revision(rev),
    }


def import_jsonl(
    path: str | Path, *, source_language: str | None = None, target_language: str | None = None
) -> Alignment:
    """An alignment of the file's records, one link per record."""
    path = Path(path)
    records = _read_records(path)
    texts: dict[str, list[str]] = {"source": [], "target": []}
    links: list[Link] = []
    for number, rec in records:
        sides = {}
        for side in ("source", "target"):
            paras = _paragraphs(rec, side)
            start = len(texts[side])
            texts[side] += paras
            sides[side] = range(start, start + len(paras))
        if sides["source"] or sides["target"]:
            where = f"{path}, line {number}"
            links.append(make_link(sides["source"], sides["target"], where, **_fields(rec)))
    first = records[0][1]
    provenance = first.get("provenance") if isinstance(first.get("provenance"), dict) else {}
    digest = sha256_of(path)
    docs = [
        document_from_texts(
            texts[side],
            language=lang or str(first.get(f"{side}_lang") or "und"),
            path=str(path),
            sha256=digest,
            provenance=str(provenance.get(side, "unknown")),
        )
        for side, lang in (("source", source_language), ("target", target_language))
    ]
    ids = [rec.get("id") for _, rec in records if rec["source"] or rec["target"]]
    settings = {"imported": {"format": "jsonl", "file": path.name}}
    return Alignment(docs[0], docs[1], tuple(keep_ids(links, ids)), settings=settings)
