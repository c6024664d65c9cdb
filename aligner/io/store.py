"""The alignment store: versioned JSON, written atomically.

The format is described by ``aligner/schema/alignment.schema.json``. Paths of
the two texts are stored relative to the alignment file's folder, so a stored
alignment moves with its repository; segments are stored too, so an alignment
stays readable when its texts are gone, but a text that is present and changed
is reported, never silently misapplied.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment, Document, Flag, Link, Revision, Segment
from aligner.errors import SourceChangedError, StoreError
from aligner.io.evidence_json import evidence_from_dict, evidence_to_dict
from aligner.io.user_files import read_user_bytes

SCHEMA_VERSION = 2
FORMAT_NAME = "aligner-alignment"


def sha256_of(path: str | Path) -> str:
    """Hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write text so that the file is either the old one or the whole new one.

    The temporary file sits in the same folder (``os.replace`` is atomic only
    within one file system) and is flushed and fsynced before the rename.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror}; choose a writable folder") from exc
    try:
        # mkstemp creates the file 0600; give it the mode a plain open() would
        # (or the mode of the file it replaces) so others can read what we save.
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


# --- to JSON -----------------------------------------------------------------


def _relative_path(text_path: str, base: Path) -> str:
    if not text_path:
        return ""
    p = Path(text_path)
    if not p.is_absolute():
        p = Path.cwd() / p
    try:
        return os.path.relpath(p, base.resolve())
    except ValueError:  # another drive on Windows
        return str(p)


def _document_to_dict(doc: Document, base: Path) -> dict[str, Any]:
    return {
        "path": _relative_path(doc.path, base),
        "sha256": doc.sha256,
        "language": doc.language,
        "encoding": doc.encoding,
        "provenance": doc.provenance,
        "metadata": dict(doc.metadata),
        "segments": [{"text": s.text, "start": s.start, "end": s.end} for s in doc.segments],
    }


def _flag_to_dict(flag: Flag) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": flag.kind, "term": flag.term, "message": flag.message}
    if flag.detail:
        out["detail"] = dict(flag.detail)
    return out


def _link_to_dict(link: Link) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": link.id,
        "source": list(link.source),
        "target": list(link.target),
        "confidence": round(link.confidence, 4),
        "status": link.status,
        "note": link.note,
    }
    if link.bookmark:
        out["bookmark"] = True
    if link.needs_review:
        out["needs_review"] = True
    if link.review_threshold:
        out["review_threshold"] = link.review_threshold
    if not link.evidence.is_empty:
        out["evidence"] = evidence_to_dict(link.evidence)
    if link.flags:
        out["flags"] = [_flag_to_dict(f) for f in link.flags]
    if link.revision is not None:
        r = link.revision
        out["revision"] = {"text": r.text, "author": r.author, "time": r.time, "note": r.note}
    return out


def alignment_to_dict(alignment: Alignment, base: str | Path = ".") -> dict[str, Any]:
    """The JSON-ready form of an alignment; text paths are made relative to ``base``."""
    base = Path(base)
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "settings": dict(alignment.settings),
        "source": _document_to_dict(alignment.source, base),
        "target": _document_to_dict(alignment.target, base),
        "links": [_link_to_dict(lk) for lk in alignment.links],
        "document_flags": [_flag_to_dict(f) for f in alignment.document_flags],
    }


def dumps_alignment(alignment: Alignment, base: str | Path = ".") -> str:
    return json.dumps(alignment_to_dict(alignment, base), ensure_ascii=False, indent=2) + "\n"


def save_alignment(alignment: Alignment, path: str | Path) -> None:
    """Write the alignment as JSON atomically: a crash leaves the old file whole."""
    path = Path(path)
    if alignment.coverage_errors():
        raise StoreError(
            f"refusing to save {path}: " + "; ".join(alignment.coverage_errors())
        )
    atomic_write_text(path, dumps_alignment(alignment, path.parent))


# --- from JSON ---------------------------------------------------------------


def _need(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in obj:
        raise StoreError(f"{where}: missing field {key!r}; the file is not a complete alignment")
    value = obj[key]
    if not isinstance(value, kind):
        raise StoreError(f"{where}: field {key!r} has the wrong type")
    return value


def _flag_from_dict(d: Any, where: str) -> Flag:
    if not isinstance(d, dict):
        raise StoreError(f"{where}: a flag must be an object")
    return Flag(
        kind=str(_need(d, "kind", str, where)),
        term=str(_need(d, "term", str, where)),
        message=str(d.get("message", "")),
        detail=dict(d.get("detail") or {}),
    )


def _document_from_dict(d: Any, where: str, base: Path) -> Document:
    if not isinstance(d, dict):
        raise StoreError(f"{where}: must be an object")
    segs = []
    for i, s in enumerate(_need(d, "segments", list, where)):
        if not isinstance(s, dict) or not isinstance(s.get("text"), str):
            raise StoreError(f"{where}: segment {i} has no text")
        segs.append(Segment(text=s["text"], start=int(s.get("start", 0)), end=int(s.get("end", 0))))
    path = str(d.get("path", ""))
    if path and not Path(path).is_absolute():
        path = os.path.normpath(str(base / path))
    try:
        return Document(
            segments=tuple(segs),
            language=str(d.get("language", "und")),
            path=path,
            sha256=str(d.get("sha256", "")),
            encoding=str(d.get("encoding", "utf-8")),
            provenance=str(d.get("provenance", "unknown")),
            metadata=dict(d.get("metadata") or {}),
        )
    except ValueError as exc:
        raise StoreError(f"{where}: {exc}") from exc


def _revision_from_dict(rev: Any) -> Revision | None:
    if not isinstance(rev, dict):
        return None
    return Revision(**{k: str(rev.get(k, "")) for k in ("text", "author", "time", "note")})


def _v1_needs_review(d: dict[str, Any]) -> bool:
    evidence = d.get("evidence")
    return isinstance(evidence, dict) and bool(evidence.get("needs_review"))


def _link_from_dict(d: Any, where: str) -> Link:
    if not isinstance(d, dict):
        raise StoreError(f"{where}: must be an object")
    rev = d.get("revision")
    try:
        return Link(
            source=tuple(int(i) for i in _need(d, "source", list, where)),
            target=tuple(int(i) for i in _need(d, "target", list, where)),
            confidence=float(d.get("confidence", 1.0)),
            status=str(d.get("status", "auto")),
            note=str(d.get("note", "")),
            evidence=evidence_from_dict(d.get("evidence")),
            # Version 1 kept the verdict inside the evidence mapping.
            needs_review=bool(d.get("needs_review", _v1_needs_review(d))),
            review_threshold=float(d.get("review_threshold", 0.0)),
            flags=tuple(_flag_from_dict(f, where) for f in d.get("flags") or ()),
            bookmark=bool(d.get("bookmark", False)),
            revision=_revision_from_dict(rev),
            id=int(d.get("id", -1)),
        )
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{where}: {exc}") from exc


def alignment_from_dict(data: Any, base: str | Path = ".", origin: str = "alignment") -> Alignment:
    """Build and validate an alignment from its JSON form."""
    if not isinstance(data, dict) or "links" not in data or "source" not in data:
        raise StoreError(f"{origin} is not an aligner alignment (no 'source' or 'links')")
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise StoreError(f"{origin} has no schema_version; it was not written by aligner")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{origin} uses schema version {version}, newer than this aligner reads "
            f"({SCHEMA_VERSION}); upgrade aligner to open it"
        )
    base = Path(base)
    source = _document_from_dict(data["source"], f"{origin}: source", base)
    target = _document_from_dict(_need(data, "target", dict, origin), f"{origin}: target", base)
    links = [
        _link_from_dict(lk, f"{origin}: link {i}")
        for i, lk in enumerate(_need(data, "links", list, origin))
    ]
    ids = [lk.id for lk in links if lk.id >= 0]
    if len(ids) != len(set(ids)):
        raise StoreError(f"{origin}: two links share one id; the file was edited by hand wrongly")
    alignment = Alignment(
        source=source,
        target=target,
        links=tuple(links),
        settings=dict(data.get("settings") or {}),
        document_flags=tuple(
            _flag_from_dict(f, f"{origin}: document_flags")
            for f in data.get("document_flags") or ()
        ),
    )
    problems = alignment.coverage_errors()
    if problems:
        raise StoreError(f"{origin}: " + "; ".join(problems))
    return alignment


def changed_texts(alignment: Alignment) -> list[str]:
    """Texts whose file on disk exists and differs from the one aligned."""
    changed = []
    for doc in (alignment.source, alignment.target):
        if not (doc.path and doc.sha256 and Path(doc.path).is_file()):
            continue
        if sha256_of(doc.path) != doc.sha256:
            changed.append(doc.path)
    return changed


def load_alignment(path: str | Path, check_texts: bool = True) -> Alignment:
    """Read an alignment JSON; with ``check_texts`` refuse one whose texts changed on disk."""
    path = Path(path)
    raw = read_user_bytes(path, StoreError, "an alignment file")
    if not raw.strip():
        raise StoreError(
            f"{path} is empty; it is not an alignment (re-create it with 'aligner align')"
        )
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise StoreError(f"{path} is not UTF-8 JSON; it is not an alignment file") from None
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "the file is corrupted or truncated"
        ) from None
    alignment = alignment_from_dict(data, path.parent, str(path))
    if check_texts:
        changed = changed_texts(alignment)
        if changed:
            raise SourceChangedError(
                f"{', '.join(changed)} changed since {path} was made; "
                "re-align it, or open it with --ignore-changes to use the stored segments"
            )
    return alignment
