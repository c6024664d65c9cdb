"""The alignment store: versioned JSON, written atomically.

The format is described by ``aligner/schema/alignment.schema.json``. Paths of
the two texts are stored relative to the alignment file's folder, so a stored
alignment moves with its repository; segments are stored too, so an alignment
stays readable when its texts are gone, but a text that is present and changed
is reported, never silently misapplied.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from aligner.core.collector import collector_paused
from aligner.core.model import (
    PROVENANCES,
    STATUSES,
    Alignment,
    Document,
    Evidence,
    Flag,
    Link,
    Revision,
    Segment,
    Sentence,
    SentenceLink,
)
from aligner.errors import SaveConflictError, SourceChangedError, StoreError
from aligner.io import quick_decode as quick
from aligner.io.evidence_json import evidence_from_dict, evidence_to_dict
from aligner.io.output import write_bytes, write_text
from aligner.io.quick_decode import MAX_FREE_DEPTH, plain
from aligner.io.sanitize import clean, is_language_tag
from aligner.io.user_files import read_user_bytes

#: Version 2 added sentences (per segment) and sentence links (per link); version 1
#: files load with neither and are written as version 2 on save.
SCHEMA_VERSION = 2
FORMAT_NAME = "aligner-alignment"


def sha256_of(path: str | Path) -> str:
    """Hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write text so that the file is either the old one or the whole new one.

    See :mod:`aligner.io.output`: symbolic links are written through, devices
    are written in place, stale temporary files are removed, and every error
    names ``path``.
    """
    write_text(path, text, error=StoreError)


# --- to JSON -----------------------------------------------------------------


def _relative_path(text_path: str, base: Path) -> str:
    if not text_path:
        return ""
    # Resolved as the base is (and as corpus mode resolves its texts), so a text reached
    # through a symlinked folder is written the same by `align` and `corpus align`.
    p = Path(text_path).resolve()
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
        "segments": [_segment_to_dict(s) for s in doc.segments],
    }


def _segment_to_dict(segment: Segment) -> dict[str, Any]:
    out: dict[str, Any] = {"text": segment.text, "start": segment.start, "end": segment.end}
    if segment.sentences:
        # [start, end, file_start, file_end] per sentence: four numbers, not four keys,
        # keep a 10,000-paragraph alignment small.
        out["sentences"] = [
            [x.start, x.end, x.file_start, x.file_end] for x in segment.sentences
        ]
    return out


def _sentence_link_to_dict(link: SentenceLink) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": list(link.source),
        "target": list(link.target),
        "confidence": round(link.confidence, 4),
        "status": link.status,
    }
    if link.note:
        out["note"] = link.note
    if link.needs_review:
        out["needs_review"] = True
    evidence = _evidence_to_dict(link.evidence)
    if evidence is not None:
        out["evidence"] = evidence
    return out


def _evidence_to_dict(evidence: Evidence) -> dict[str, Any] | None:
    """The evidence as written, ``None`` when it is the default one (then not written)."""
    out = evidence_to_dict(evidence)
    # An empty mapping is nearly always the default evidence; comparing every link's
    # evidence with the default first cost more than writing it.
    return out if out or not evidence.is_empty else None


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
    evidence = _evidence_to_dict(link.evidence)
    if evidence is not None:
        out["evidence"] = evidence
    if link.flags:
        out["flags"] = [_flag_to_dict(f) for f in link.flags]
    if link.revision is not None:
        r = link.revision
        out["revision"] = {"text": r.text, "author": r.author, "time": r.time, "note": r.note}
    if link.sentences:
        out["sentences"] = [_sentence_link_to_dict(s) for s in link.sentences]
    return out


def _glossary_setting(settings: Mapping[str, Any], move: Callable[[str], str]
                      ) -> dict[str, Any]:
    """The settings with the recorded glossary's path (``glossary``, or its ``path``) moved."""
    out = dict(settings)
    recorded = out.get("glossary")
    if isinstance(recorded, str) and recorded:
        out["glossary"] = move(recorded)
    elif isinstance(recorded, dict) and isinstance(recorded.get("path"), str) \
            and recorded["path"]:
        out["glossary"] = {**recorded, "path": move(recorded["path"])}
    return out


def alignment_to_dict(alignment: Alignment, base: str | Path = ".") -> dict[str, Any]:
    """The JSON-ready form of an alignment; the texts' and the glossary's paths are
    made relative to ``base`` (the folder of the file written)."""
    base = Path(base)
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        # The glossary's path is held absolute in memory (resolved when the file was read)
        # and written relative, like the texts', so it survives a save to another folder;
        # one still relative was recorded for this file's folder and is kept.
        "settings": _glossary_setting(
            alignment.settings,
            lambda g: _relative_path(g, base) if Path(g).is_absolute() else g),
        "source": _document_to_dict(alignment.source, base),
        "target": _document_to_dict(alignment.target, base),
        "links": [_link_to_dict(lk) for lk in alignment.links],
        "document_flags": [_flag_to_dict(f) for f in alignment.document_flags],
    }


#: How a null value (``"key": null``) or list item (indented) starts in the indented
#: JSON. orjson writes NaN and Infinity as null (the standard library refused them);
#: aligner itself writes null nowhere, so only a file holding this (a null, or the
#: word in a text) is walked to tell the two apart.
_NULL = b" null"


def _non_finite(value: Any) -> bool:
    """True when a NaN or an infinity is anywhere in the JSON-ready value."""
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(_non_finite(v) for v in value)
    return False


#: Alignments with at most this many links and paragraphs (both sides together) are
#: written by the standard library: it takes under a millisecond for them (0.7 ms for
#: 10 links and their 20 paragraphs with sentence links, measured), less than importing
#: orjson, which imports uuid and platform (1.8 ms with cached bytecode), so a short
#: ``aligner align`` starts no slower than before orjson. The tracked telegram (70) is
#: above it, so the tests that compare orjson's bytes with the standard library's run.
SMALL_ALIGNMENT_UNITS = 40


def _standard_library_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
            ).encode("utf-8")


def _encoded(data: dict[str, Any], small: bool = False) -> bytes:
    """The JSON-ready alignment as UTF-8 bytes, indented by two spaces, ending in a newline.

    orjson (compiled) writes what ``json.dumps(..., ensure_ascii=False, indent=2)``
    wrote, byte for byte, for every value aligner stores (checked by a test): keys
    in insertion order, so one alignment always gives the same bytes. The standard
    library writes a ``small`` alignment (see :data:`SMALL_ALIGNMENT_UNITS`) and what
    orjson cannot write (integers beyond 64 bits in a hand-edited setting). orjson is
    imported here, not at start-up.
    """
    if small:
        return _standard_library_bytes(data)
    import orjson

    try:
        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return _standard_library_bytes(data)
    if _NULL in raw and _non_finite(data):
        raise ValueError("not finite")
    return raw


def encode_alignment(alignment: Alignment, base: str | Path = ".") -> bytes:
    """The alignment file's bytes. Strict JSON: NaN and Infinity, which no other JSON
    reader accepts, are refused."""
    try:
        with collector_paused():
            small = (len(alignment.links) + len(alignment.source.segments)
                     + len(alignment.target.segments)) <= SMALL_ALIGNMENT_UNITS
            return _encoded(alignment_to_dict(alignment, base), small)
    except UnicodeEncodeError as exc:  # a lone surrogate that escaped sanitising
        raise StoreError(
            f"the alignment holds an invalid character (U+{ord(exc.object[exc.start]):04X}, "
            "a lone surrogate); it cannot be written as UTF-8"
        ) from None
    except ValueError:
        raise StoreError(
            "the alignment holds a number that is not finite (NaN or Infinity); "
            "it cannot be written as JSON"
        ) from None


def dumps_alignment(alignment: Alignment, base: str | Path = ".") -> str:
    """:func:`encode_alignment` as text."""
    return encode_alignment(alignment, base).decode("utf-8")


def file_digest(path: str | Path) -> str:
    """The sha256 of a file as it is now, "" when there is none (the stamp a save checks)."""
    try:
        return sha256_of(path)
    except OSError:
        return ""


#: What a user can do when a save finds the file changed since it was loaded.
CONFLICT_CHOICES: tuple[str, ...] = ("reload", "save as", "overwrite")


def save_alignment(
    alignment: Alignment, path: str | Path, *, expected: str | None = None
) -> str:
    """Write the alignment as JSON atomically: a crash leaves the old file whole.

    ``expected`` is the digest of the file as it was loaded ("" when it did
    not exist): when the file now differs, another session or program saved it
    meanwhile, and the save is refused with a :class:`SaveConflictError`
    instead of silently discarding that work. Returns the digest written.
    """
    path = Path(path)
    if alignment.coverage_errors():
        raise StoreError(
            f"refusing to save {path}: " + "; ".join(alignment.coverage_errors())
        )
    if alignment.sentence_errors():
        # An edit reshaped paragraph links without re-aligning their sentences: do it
        # now, so the file never holds a sentence link that crosses its paragraph link.
        from aligner.core.sentences import realign_sentences

        alignment = realign_sentences(alignment)
    data = encode_alignment(alignment, path.parent)
    if expected is not None and file_digest(path) != expected:
        raise SaveConflictError(
            f"{path} was changed by another program or session since it was loaded; "
            "reload it, save under another name, or overwrite it on purpose",
            path=path,
            choices=CONFLICT_CHOICES,
        )
    write_bytes(path, data, error=StoreError)
    return hashlib.sha256(data).hexdigest()


# --- from JSON ---------------------------------------------------------------
#
# Decoding checks every value against the schema before it reaches the model:
# each problem is reported with the JSON path of the first offending value
# ("$.links[3].confidence"), and text goes through the sanitiser on the way in.

_MISSING: Any = object()


class _Decoder:
    """Typed reads from parsed JSON, each failure a StoreError with the value's path."""

    def __init__(self, origin: str, pristine: bool = False) -> None:
        self.origin = origin
        self.warnings: list[str] = []
        self.pristine = pristine
        """No string in the file can need the sanitiser (see :func:`_pristine`): text is
        taken as parsed, and free-form values are only checked, not copied."""

    def fail(self, where: str, problem: str) -> StoreError:
        return StoreError(
            f"{self.origin}: {where}: {problem}; the file is damaged or was edited by hand wrongly"
        )

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"must be an object, not {_kind(value)}")
        return value

    def field(self, d: Mapping[str, Any], key: str, where: str, default: Any = _MISSING) -> Any:
        if key in d:
            return d[key]
        if default is _MISSING:
            raise self.fail(f"{where}.{key}", "is missing")
        return default

    def text(self, d: Mapping[str, Any], key: str, where: str, default: Any = _MISSING) -> str:
        value = self.field(d, key, where, default)
        if not isinstance(value, str):
            raise self.fail(f"{where}.{key}", f"must be a string, not {_kind(value)}")
        if self.pristine:
            return value
        return clean(value, f"{self.origin}: {where}.{key}", self.warnings)

    def whole(self, d: Mapping[str, Any], key: str, where: str, default: Any = _MISSING,
              minimum: int = 0) -> int:
        value = self.field(d, key, where, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(f"{where}.{key}", f"must be a whole number, not {_kind(value)}")
        if value < minimum:
            raise self.fail(f"{where}.{key}", f"must be at least {minimum}, not {value}")
        return value

    def number(self, d: Mapping[str, Any], key: str, where: str, default: Any = _MISSING,
               lo: float = -math.inf, hi: float = math.inf) -> float:
        value = self.field(d, key, where, default)
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise self.fail(f"{where}.{key}", f"must be a number, not {_kind(value)}")
        if not math.isfinite(value):
            raise self.fail(f"{where}.{key}", f"{value} is not a finite number")
        if not lo <= value <= hi:
            raise self.fail(f"{where}.{key}", f"{value} is outside [{lo:g}, {hi:g}]")
        return float(value)

    def flag_bool(self, d: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = self.field(d, key, where, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", f"must be true or false, not {_kind(value)}")
        return value

    def array(self, d: Mapping[str, Any], key: str, where: str, default: Any = _MISSING
              ) -> list[Any]:
        value = self.field(d, key, where, default)
        if value is None and default is not _MISSING:
            return []
        if not isinstance(value, list):
            raise self.fail(f"{where}.{key}", f"must be a list, not {_kind(value)}")
        return value

    def choice(self, d: Mapping[str, Any], key: str, where: str, options: tuple[str, ...],
               default: Any = _MISSING) -> str:
        value = self.text(d, key, where, default)
        if value not in options:
            raise self.fail(f"{where}.{key}", f"{value[:40]!r} is not one of {', '.join(options)}")
        return value

    def free(self, value: Any, where: str, depth: int = 0) -> Any:
        """A free-form JSON value (settings, metadata...): finite, bounded, text cleaned.

        In a pristine file a value that passes :func:`quick_decode.plain` is taken as it is; one
        that does not is walked again here, to name the first problem's path.
        """
        if self.pristine and plain(value, depth):
            return value
        return self._free(value, where, depth)

    def _free(self, value: Any, where: str, depth: int) -> Any:
        if depth > MAX_FREE_DEPTH:
            raise self.fail(where, f"is nested more than {MAX_FREE_DEPTH} levels deep")
        if isinstance(value, str):
            return clean(value, f"{self.origin}: {where}", self.warnings)
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(where, f"{value} is not a finite number")
        if isinstance(value, list):
            return [self._free(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {
                clean(str(k), f"{self.origin}: {where}", self.warnings):
                    self._free(v, f"{where}.{k}", depth + 1)
                for k, v in value.items()
            }
        return value

    def mapping(self, d: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
        value = self.field(d, key, where, None)
        if value is None:
            return {}
        return self.free(self.obj(value, f"{where}.{key}"), f"{where}.{key}")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _flag_from_dict(d: Any, where: str, dec: _Decoder | None = None) -> Flag:
    dec = dec or _Decoder("alignment")
    d = dec.obj(d, where)
    return Flag(
        kind=dec.text(d, "kind", where),
        term=dec.text(d, "term", where),
        message=dec.text(d, "message", where, ""),
        detail=dec.mapping(d, "detail", where),
    )


def _segment_from_dict(s: Any, where: str, dec: _Decoder) -> Segment:
    s = dec.obj(s, where)
    start = dec.whole(s, "start", where, 0)
    end = dec.whole(s, "end", where, 0)
    if end < start:
        raise dec.fail(f"{where}.end", f"{end} is before start {start}")
    sentences = _sentences_from_list(s.get("sentences"), f"{where}.sentences", dec)
    try:
        return Segment(text=dec.text(s, "text", where), start=start, end=end,
                       sentences=sentences)
    except ValueError as exc:  # sentences out of order, or past the paragraph's end
        raise dec.fail(f"{where}.sentences", str(exc)) from None


def _resolved(path: str, base: Path) -> str:
    """A path recorded relative to the alignment file's folder, made absolute."""
    return path if Path(path).is_absolute() else os.path.normpath(str(Path.cwd() / base / path))


def _document_from_dict(d: Any, where: str, base: Path, dec: _Decoder | None = None) -> Document:
    dec = dec or _Decoder("alignment")
    d = dec.obj(d, where)
    segs = []
    for i, s in enumerate(dec.array(d, "segments", where)):
        seg = quick.segment(s) if dec.pristine else None
        segs.append(_segment_from_dict(s, f"{where}.segments[{i}]", dec) if seg is None else seg)
    path = dec.text(d, "path", where, "")
    if path and not Path(path).is_absolute():
        path = os.path.normpath(str(base / path))
    language = dec.text(d, "language", where, "und")
    if not is_language_tag(language):
        raise dec.fail(f"{where}.language", f"{language[:40]!r} is not a BCP 47 language code")
    return Document(
        segments=tuple(segs),
        language=language,
        path=path,
        sha256=dec.text(d, "sha256", where, ""),
        encoding=dec.text(d, "encoding", where, "utf-8"),
        provenance=dec.choice(d, "provenance", where, PROVENANCES, "unknown"),
        metadata=dec.mapping(d, "metadata", where),
    )


def _sentences_from_list(items: Any, where: str, dec: _Decoder) -> tuple[Sentence, ...]:
    if items is None:
        return ()  # schema version 1, or a paragraph not split into sentences
    if not isinstance(items, list):
        raise dec.fail(where, "must be a list of [start, end, file start, file end]")
    out = []
    for k, item in enumerate(items):
        if not (isinstance(item, list) and len(item) == 4) or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in item
        ):
            raise dec.fail(f"{where}[{k}]", "must be [start, end, file start, file end]")
        try:
            out.append(Sentence(*item))
        except ValueError as exc:
            raise dec.fail(f"{where}[{k}]", str(exc)) from None
    return tuple(out)


def _sentence_link_from_dict(d: Any, where: str, dec: _Decoder) -> SentenceLink:
    d = dec.obj(d, where)
    try:
        return SentenceLink(
            source=_indices(d, "source", where, dec),
            target=_indices(d, "target", where, dec),
            confidence=dec.number(d, "confidence", where, 1.0, 0.0, 1.0),
            status=dec.choice(d, "status", where, STATUSES, "auto"),
            note=dec.text(d, "note", where, ""),
            evidence=evidence_from_dict(dec.mapping(d, "evidence", where)),
            needs_review=dec.flag_bool(d, "needs_review", where, False),
        )
    except ValueError as exc:
        raise dec.fail(where, str(exc)) from None


def _revision_from_dict(rev: Any, where: str = "revision", dec: _Decoder | None = None
                        ) -> Revision | None:
    dec = dec or _Decoder("alignment")
    if rev is None:
        return None
    rev = dec.obj(rev, where)
    return Revision(**{k: dec.text(rev, k, where, "") for k in ("text", "author", "time", "note")})


def _indices(d: Mapping[str, Any], key: str, where: str, dec: _Decoder) -> tuple[int, ...]:
    values = dec.array(d, key, where)
    for i, v in enumerate(values):
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise dec.fail(f"{where}.{key}[{i}]", f"must be a paragraph number, not {v!r:.40}")
    return tuple(values)


def _v1_needs_review(d: dict[str, Any]) -> bool:
    evidence = d.get("evidence")
    return isinstance(evidence, dict) and evidence.get("needs_review") is True


def _link_from_dict(d: Any, where: str, dec: _Decoder | None = None) -> Link:
    dec = dec or _Decoder("alignment")
    d = dec.obj(d, where)
    try:
        return Link(
            source=_indices(d, "source", where, dec),
            target=_indices(d, "target", where, dec),
            confidence=dec.number(d, "confidence", where, 1.0, 0.0, 1.0),
            status=dec.choice(d, "status", where, STATUSES, "auto"),
            note=dec.text(d, "note", where, ""),
            evidence=evidence_from_dict(dec.mapping(d, "evidence", where)),
            # Version 1 kept the verdict inside the evidence mapping.
            needs_review=dec.flag_bool(d, "needs_review", where, _v1_needs_review(d)),
            review_threshold=dec.number(d, "review_threshold", where, 0.0, 0.0, 1.0),
            flags=tuple(
                _flag_from_dict(f, f"{where}.flags[{i}]", dec)
                for i, f in enumerate(dec.array(d, "flags", where, None))
            ),
            bookmark=dec.flag_bool(d, "bookmark", where, False),
            revision=_revision_from_dict(d.get("revision"), f"{where}.revision", dec),
            id=dec.whole(d, "id", where, -1, minimum=-1),
            sentences=tuple(
                _sentence_link_from_dict(x, f"{where}.sentences[{k}]", dec)
                for k, x in enumerate(dec.array(d, "sentences", where, None))
            ),
        )
    except ValueError as exc:
        raise dec.fail(where, str(exc)) from None


def alignment_from_dict(
    data: Any, base: str | Path = ".", origin: str = "alignment",
    warnings: list[str] | None = None, *, pristine: bool = False,
) -> Alignment:
    """Build and validate an alignment from its JSON form.

    Problems raise a StoreError naming the JSON path of the first one; text
    that the sanitiser changed is listed in ``warnings`` when it is given.
    ``pristine`` (for data parsed from bytes that :func:`_pristine` passed, and
    so freshly made) skips the sanitiser, which would change nothing, and keeps
    free-form values as parsed instead of copying them.
    """
    if not isinstance(data, dict) or "links" not in data or "source" not in data:
        raise StoreError(f"{origin} is not an aligner alignment (no 'source' or 'links')")
    if data.get("format", FORMAT_NAME) != FORMAT_NAME:
        raise StoreError(f"{origin}: $.format is not {FORMAT_NAME!r}; it is not an alignment")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise StoreError(f"{origin} has no schema_version; it was not written by aligner")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{origin} uses schema version {version}, newer than this aligner reads "
            f"({SCHEMA_VERSION}); upgrade aligner to open it"
        )
    if version < 1:
        raise StoreError(f"{origin}: $.schema_version {version} is not a version aligner wrote")
    dec = _Decoder(origin, pristine)
    base = Path(base)
    source = _document_from_dict(data["source"], "$.source", base, dec)
    target = _document_from_dict(dec.field(data, "target", "$"), "$.target", base, dec)
    links = []
    for i, lk in enumerate(dec.array(data, "links", "$")):
        # A pristine file's links are read without path bookkeeping; one in doubt is
        # read again by the validating decoder, which reports what is wrong with it.
        link = quick.link(lk) if dec.pristine else None
        links.append(_link_from_dict(lk, f"$.links[{i}]", dec) if link is None else link)
    seen: dict[int, int] = {}
    for i, lk in enumerate(links):
        if lk.id >= 0 and seen.setdefault(lk.id, i) != i:
            raise dec.fail(f"$.links[{i}].id", f"{lk.id} is also the id of link {seen[lk.id]}")
    alignment = Alignment(
        source=source,
        target=target,
        links=tuple(links),
        settings=_glossary_setting(dec.mapping(data, "settings", "$"),
                                   lambda g: _resolved(g, base)),
        document_flags=tuple(
            _flag_from_dict(f, f"$.document_flags[{i}]", dec)
            for i, f in enumerate(dec.array(data, "document_flags", "$", None))
        ),
    )
    problems = alignment.coverage_errors() + alignment.sentence_errors()
    if problems:
        raise StoreError(f"{origin}: $.links: " + "; ".join(problems))
    if warnings is not None:
        warnings.extend(dec.warnings)
    return alignment


def changed_texts(alignment: Alignment) -> list[str]:
    """Texts whose file on disk exists and differs from the one aligned."""
    changed = []
    for doc in (alignment.source, alignment.target):
        if not (doc.path and doc.sha256 and Path(doc.path).is_file()):
            continue
        try:
            digest = sha256_of(doc.path)
        except OSError:
            continue
        if digest != doc.sha256:
            changed.append(doc.path)
    return changed


def changed_texts_message(alignment: Alignment, path: str | Path) -> str | None:
    """The one wording every command uses for texts changed since ``path`` was made."""
    changed = changed_texts(alignment)
    if not changed:
        return None
    return (
        f"{', '.join(changed)} changed since {path} was made; the stored paragraphs are used "
        f"(run 'aligner reanchor {path}' to align the edited text)"
    )


def _warn_stderr(message: str) -> None:
    sys.stderr.write(f"aligner: warning: {message}\n")


#: What could make a string of a file that orjson parsed need the sanitiser (orjson,
#: like JSON, refuses raw C0 controls in strings): DEL, a raw C1 control (U+0080-U+009F,
#: UTF-8 C2 80-9F), a raw surrogate (ED A0-BF), or an escaped control or surrogate
#: (``\u001b``, ``\b``, ``\f``, ``\ud800``). A false alarm (an escaped backslash
#: before a "b") only costs time.
_RAW_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_RAW_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")
_ESCAPED_SUSPECT = re.compile(
    rb"\\(?:[bf]|u(?:00[0189][0-9a-fA-F]|007[fF]|[dD][89a-fA-F][0-9a-fA-F]{2}))")
_BOM = b"\xef\xbb\xbf"
#: Occurrences of a pattern's first byte looked at one by one before the rest of the
#: file is left to the regular expression engine. Finding one byte runs at memory speed
#: (4 ms on a 39 MB file), the engine at a sixth of it; a text has a few thousand « »
#: (C2 AB, C2 BB) and quotes written as \", so the search rarely reaches this many.
_LEAD_BYTES_LOOKED_AT = 20_000


def _absent(raw: bytes, pattern: re.Pattern[bytes], lead: int) -> bool:
    """True when ``pattern``, whose matches all begin with the byte ``lead``, is not in ``raw``."""
    at = raw.find(lead)
    for _ in range(_LEAD_BYTES_LOOKED_AT):
        if at < 0:
            return True
        if pattern.match(raw, at) is not None:
            return False
        at = raw.find(lead, at + 1)
    return at < 0 or pattern.search(raw, at) is None


def _pristine(raw: bytes) -> bool:
    """True when no string of ``raw`` (JSON that orjson parsed) can need the sanitiser."""
    return (b"\x7f" not in raw and _absent(raw, _RAW_C1, 0xC2)
            and _absent(raw, _ESCAPED_SUSPECT, 0x5C)
            and _absent(raw, _RAW_SURROGATE, 0xED))


def _parsed(raw: bytes, path: Path) -> tuple[Any, bool]:
    """The JSON value of ``raw``, and whether its strings skip the sanitiser.

    orjson reads the file when it can (ten times faster than the standard
    library). What it refuses and the standard library reads, so that the
    decoder reports it by path (NaN, Infinity, 1e400, lone surrogates), and
    every broken file, go through the standard library, with the messages it
    always gave and every string sanitised. One difference is kept: an integer
    beyond 64 bits (never written by aligner) is read by orjson as a float.
    """
    import orjson

    try:
        return orjson.loads(raw[len(_BOM):] if raw.startswith(_BOM) else raw), _pristine(raw)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(raw.decode("utf-8-sig")), False
    except UnicodeDecodeError:
        raise StoreError(f"{path} is not UTF-8 JSON; it is not an alignment file") from None
    except json.JSONDecodeError as exc:
        raise StoreError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "the file is corrupted or truncated"
        ) from None
    except RecursionError:
        raise StoreError(
            f"{path} is nested too deeply to be an alignment; the file is damaged"
        ) from None


def parse_alignment_bytes(raw: bytes, path: str | Path,
                          warnings: list[str] | None = None) -> Alignment:
    """Decode and validate an alignment file's bytes (``path`` names it and anchors its texts)."""
    path = Path(path)
    if not raw or raw.isspace():  # isspace() stops at the first other byte; strip() copies
        raise StoreError(
            f"{path} is empty; it is not an alignment (re-create it with 'aligner align')"
        )
    with collector_paused():
        data, pristine = _parsed(raw, path)
        return alignment_from_dict(data, path.parent, str(path), warnings, pristine=pristine)


def load_alignment_stamped(
    path: str | Path, check_texts: bool = True,
    warn: Callable[[str], None] | None = _warn_stderr,
) -> tuple[Alignment, str]:
    """:func:`load_alignment`, and the digest of the bytes read (pass it to a later save)."""
    alignment, raw = _loaded(Path(path), check_texts, warn)
    return alignment, hashlib.sha256(raw).hexdigest()


def _loaded(path: Path, check_texts: bool, warn: Callable[[str], None] | None
            ) -> tuple[Alignment, bytes]:
    """The alignment in ``path`` and the bytes it was read from (see :func:`load_alignment`)."""
    raw = read_user_bytes(path, StoreError, "an alignment file")
    warnings: list[str] = []
    alignment = parse_alignment_bytes(raw, path, warnings)
    if warn is not None:
        for message in warnings[:_MAX_WARNINGS]:
            warn(message)
        if len(warnings) > _MAX_WARNINGS:
            warn(f"{path}: {len(warnings) - _MAX_WARNINGS} more texts were sanitised")
    if not check_texts:
        # Every command that reads stored segments says the same thing about changed texts.
        message = changed_texts_message(alignment, path)
        if message is not None and warn is not None:
            warn(message)
    else:
        changed = changed_texts(alignment)
        if changed:
            raise SourceChangedError(
                f"{', '.join(changed)} changed since {path} was made; run "
                f"'aligner reanchor {path}' to align the edited text, or open it with "
                "--ignore-changes to use the stored segments"
            )
    return alignment, raw


#: Sanitiser warnings printed per file; the rest are counted in one line.
_MAX_WARNINGS = 5


def load_alignment(
    path: str | Path, check_texts: bool = True,
    warn: Callable[[str], None] | None = _warn_stderr,
) -> Alignment:
    """Read and validate an alignment JSON; with ``check_texts`` refuse one whose texts changed.

    Without ``check_texts`` a changed text is reported through ``warn``
    (stderr by default), as is text the sanitiser had to change (escape
    sequences, controls, lone surrogates).
    """
    # No digest of the bytes here (35 ms on a 39 MB file): only a later save checks one.
    return _loaded(Path(path), check_texts, warn)[0]
