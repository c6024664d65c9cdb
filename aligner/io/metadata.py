"""What a text says about itself, what its folder says about it, and its provenance.

Two sources of metadata besides the text:

* a **comment block** at the top of the file: consecutive lines starting with
  ``#``, at least one of them ``# key: value`` with a known key. Lines
  indented after the ``#`` continue the previous value; other lines go to
  ``comment``. ``# provenance: reconstructed`` there sets the provenance.
* the document folder's **metadata.toml**: document-wide fields (title, date,
  authors, archive citation...) and one ``[texts.<label>]`` table per file
  (``file``, ``language``, ``role``, ``provenance``, ``sha256``, translator...).

**Provenance rule** (first that applies):

1. the ``provenance`` argument given to the loader;
2. the file's own ``# provenance:`` line;
3. the file's metadata.toml entry, but only while the file is the one the
   entry describes: when the entry records a ``sha256`` and the file's digest
   differs, the file was replaced and its provenance is ``unknown`` (a note
   says why) -- so a user's transcription dropped in place of a
   reconstruction is never called a reconstruction, and a replaced file is
   never called archival;
4. ``unknown``.

A text that declares itself a reconstruction (by rule 2 or 3) cannot be
loaded as ``archival`` (rule 1 refuses with an error).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.core.model import PROVENANCES
from aligner.errors import TextLoadError

METADATA_FILE = "metadata.toml"

#: Keys that make a leading ``#`` block metadata rather than, say, a Markdown heading.
COMMENT_KEYS = frozenset(
    {
        "provenance", "title", "note", "language", "source", "author", "authors",
        "translator", "date", "archive", "citation", "license", "editor", "description",
    }
)
_KEY_RE = re.compile(r"#\s?([A-Za-z][A-Za-z _-]{0,30}):\s*(.*)$")
_NOT_ARCHIVAL = ("reconstructed", "generated")


@dataclass(frozen=True)
class CommentBlock:
    """The leading ``#`` block of a file."""

    fields: Mapping[str, str] = field(default_factory=dict)
    lines: int = 0
    """How many lines of the file it takes (0: no comment block)."""


def _key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def parse_comment_block(lines: Sequence[str]) -> CommentBlock:
    """Read the ``#`` block that opens ``lines`` (given from the first non-blank line)."""
    count = 0
    while count < len(lines) and lines[count].startswith("#"):
        count += 1
    fields: dict[str, str] = {}
    last, has_key = "comment", False
    for line in lines[:count]:
        m = _KEY_RE.match(line)
        if m and _key(m.group(1)) in COMMENT_KEYS:
            last, value, has_key = _key(m.group(1)), m.group(2).strip(), True
        else:
            # "#   more words" continues the previous key; anything else is a comment.
            if not (line[1:2] == " " and line[2:3].isspace()):
                last = "comment"
            value = line[1:].strip()
        if value:
            fields[last] = f"{fields[last]} {value}" if fields.get(last) else value
    if not has_key:
        return CommentBlock()
    return CommentBlock(fields=fields, lines=count)


def check_provenance(value: str, where: str) -> str:
    """Validate a provenance value read from ``where``."""
    value = value.strip().lower()
    if value not in PROVENANCES:
        raise TextLoadError(
            f"unknown provenance {value!r} in {where}; use one of {', '.join(PROVENANCES)}"
        )
    return value


def _plain(value: Any) -> Any:
    """TOML values made JSON-ready: dates become ISO strings."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def read_folder_metadata(folder: Path) -> dict[str, Any] | None:
    """The folder's metadata.toml as a dict, None when there is none."""
    path = folder / METADATA_FILE
    if not path.is_file():
        return None
    try:
        return _plain(tomllib.loads(path.read_text(encoding="utf-8-sig")))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TextLoadError(f"{path} is not valid UTF-8 TOML ({exc}); fix or remove it") from None


def text_entries(meta: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The ``[texts.<label>]`` tables of a metadata.toml, by label."""
    texts = meta.get("texts", {})
    if not isinstance(texts, dict):
        return {}
    return {label: entry for label, entry in texts.items() if isinstance(entry, dict)}


def entry_for(meta: Mapping[str, Any], filename: str) -> dict[str, Any] | None:
    """The metadata.toml entry whose ``file`` is ``filename``."""
    for entry in text_entries(meta).values():
        if entry.get("file") == filename:
            return entry
    return None


def document_fields(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Document-wide fields; nested tables flattened (``archive.url`` -> ``archive_url``)."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        if key in ("texts", "schema"):
            continue
        if isinstance(value, dict):
            out.update({f"{key}_{k}": v for k, v in value.items()})
        else:
            out[key] = value
    return out


def digest_matches(raw: bytes, recorded: str) -> bool:
    """Whether file bytes are the recorded ones (CRLF checkouts of an LF file count as equal)."""
    recorded = recorded.strip().lower()
    if hashlib.sha256(raw).hexdigest() == recorded:
        return True
    return b"\r\n" in raw and hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest() == recorded


@dataclass(frozen=True)
class Provenance:
    """A resolved provenance and why it was chosen."""

    value: str
    basis: str
    """``argument``, ``comment block``, ``metadata.toml`` or ``default``."""
    note: str = ""


def resolve_provenance(
    name: str,
    explicit: str | None,
    own: str | None,
    entry: Mapping[str, Any] | None,
    raw: bytes | None,
) -> Provenance:
    """Apply the provenance rule of this module's docstring."""
    declared = own
    from_entry: Provenance | None = None
    if entry is not None and entry.get("provenance"):
        value = check_provenance(str(entry["provenance"]), f"{METADATA_FILE} for {name}")
        recorded = str(entry.get("sha256", ""))
        if recorded and raw is not None and not digest_matches(raw, recorded):
            from_entry = Provenance(
                "unknown", METADATA_FILE,
                f"{name} is not the file {METADATA_FILE} describes as {value} (its sha256 "
                "differs); state its provenance with a '# provenance: ...' line",
            )
        else:
            from_entry = Provenance(value, METADATA_FILE)
            declared = declared or value
    if explicit:
        value = check_provenance(explicit, "the provenance argument")
        if value == "archival" and declared in _NOT_ARCHIVAL:
            raise TextLoadError(
                f"{name} declares itself {declared}, not archival; it cannot be loaded as "
                "archival (replace it with a transcription of the original)"
            )
        return Provenance(value, "argument")
    if own:
        return Provenance(check_provenance(own, f"the comment block of {name}"), "comment block")
    return from_entry or Provenance("unknown", "default")
