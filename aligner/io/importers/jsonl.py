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

from aligner.core.model import STATUSES, Alignment, Flag, Link, Revision
from aligner.errors import ExportError
from aligner.io.importers.common import (
    document_from_texts,
    keep_ids,
    make_link,
    report_warnings,
)
from aligner.io.sanitize import check_language, clean
from aligner.io.store import sha256_of
from aligner.io.user_files import read_user_text


def _reject_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a finite number")


def _read_records(path: Path, warnings: list[str]) -> list[tuple[int, dict[str, Any]]]:
    lines = read_user_text(path, ExportError, "a JSON Lines file").split("\n")
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            rec = json.loads(line, parse_constant=_reject_constant)
        except json.JSONDecodeError as exc:
            raise ExportError(f"{where}: not JSON ({exc.msg})") from None
        except (ValueError, RecursionError) as exc:
            raise ExportError(f"{where}: not a record aligner reads ({exc})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("source"), str) \
                or not isinstance(rec.get("target"), str):
            raise ExportError(f"{where}: a record needs 'source' and 'target' text")
        records.append((number, _Record(rec, where, warnings)))
    if not records:
        raise ExportError(f"{path} holds no records; it is empty")
    return records


class _Record(dict):  # type: ignore[type-arg]
    """A record's fields, each read with its type checked and its text sanitised."""

    def __init__(self, rec: dict[str, Any], where: str, warnings: list[str]) -> None:
        super().__init__(rec)
        self.where = where
        self.warnings = warnings

    def fail(self, key: str, expected: str) -> ExportError:
        return ExportError(f"{self.where}: '{key}' must be {expected}")

    def text(self, key: str, value: Any = None) -> str:
        value = self.get(key) if value is None else value
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(key, "a string")
        return clean(value, f"{self.where}: {key}", self.warnings)


def _paragraphs(rec: _Record, side: str) -> list[str]:
    rev = rec.get("revision")
    if side == "target" and isinstance(rev, dict) and rev.get("used") is True:
        # exported with --use-revisions: the published target is the revision's "original"
        original = rec.text("revision.original", rev.get("original"))
        return [p for p in original.split("\n\n") if p] if original else []
    listed = rec.get(f"{side}_paragraphs")
    if listed is not None:
        if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
            raise rec.fail(f"{side}_paragraphs", "a list of strings")
        return [rec.text(f"{side}_paragraphs", p) for p in listed]
    text = rec.text(side)
    return [text] if text else []


def _revision(rec: _Record) -> Revision | None:
    rev = rec.get("revision")
    if rev is None:
        return None
    if not isinstance(rev, dict):
        raise rec.fail("revision", "an object")
    if not rev.get("text"):
        return None  # aligner writes an object with an empty text for a link without one
    return Revision(**{k: rec.text(f"revision.{k}", rev.get(k)) for k in
                       ("text", "author", "time", "note")})


def _flags(rec: _Record) -> tuple[Flag, ...]:
    flags = rec.get("flags")
    if flags is None:
        return ()
    if not isinstance(flags, list) or not all(isinstance(f, dict) for f in flags):
        raise rec.fail("flags", "a list of objects")
    return tuple(
        Flag(rec.text("flags.kind", f.get("kind")), rec.text("flags.term", f.get("term")),
             rec.text("flags.message", f.get("message")))
        for f in flags if f.get("kind") is not None
    )


def _fields(rec: _Record) -> dict[str, Any]:
    confidence = rec.get("confidence", 1.0)
    if not isinstance(confidence, (int, float)) or isinstance(confidence, bool) \
            or not 0.0 <= confidence <= 1.0:
        raise rec.fail("confidence", "a number from 0 to 1")
    bookmark = rec.get("bookmark", False)
    if not isinstance(bookmark, bool):
        raise rec.fail("bookmark", "true or false")
    status = rec.get("status", "auto")
    if status not in STATUSES:
        raise rec.fail("status", f"one of {', '.join(STATUSES)}")
    return {
        "confidence": float(confidence),
        "status": status,
        "note": rec.text("note"),
        "bookmark": bookmark,
        "flags": _flags(rec),
        "revision": _revision(rec),
    }


def import_jsonl(
    path: str | Path, *, source_language: str | None = None, target_language: str | None = None
) -> Alignment:
    """An alignment of the file's records, one link per record."""
    path = Path(path)
    warnings: list[str] = []
    records = _read_records(path, warnings)
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
    report_warnings(warnings)
    docs = [
        document_from_texts(
            texts[side],
            language=check_language(
                lang or first.text(f"{side}_lang") or "und",
                f"{records[0][1].where}: {side}_lang", ExportError),
            path=str(path),
            sha256=digest,
            provenance=str(provenance.get(side, "unknown")),
        )
        for side, lang in (("source", source_language), ("target", target_language))
    ]
    ids = [rec.get("id") for _, rec in records if rec["source"] or rec["target"]]
    settings = {"imported": {"format": "jsonl", "file": path.name}}
    return Alignment(docs[0], docs[1], tuple(keep_ids(links, ids)), settings=settings)
