"""The crash journal: unsaved edits kept beside the alignment file.

While a reviewer edits, the current alignment is written atomically to
``<alignment>.journal`` shortly after each edit; saving removes it. If the
terminal is killed, the journal holds everything up to the last write, and the
next opening offers to restore it. The journal records a digest of the
alignment file it was based on, so a journal made stale by a later save (or by
another program rewriting the file) is recognised and not offered blindly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aligner.core.model import Alignment
from aligner.errors import StoreError
from aligner.io.store import alignment_from_dict, alignment_to_dict, atomic_write_text, sha256_of

JOURNAL_FORMAT = "aligner-journal"
SUFFIX = ".journal"


@dataclass(frozen=True)
class JournalEntry:
    """A restorable state found beside an alignment file."""

    alignment: Alignment
    time: str
    """When it was written (ISO 8601, UTC)."""
    edits: int
    """How many edits it holds since the file was opened."""
    based_on: str
    """sha256 of the alignment file it was made from ("" when the file did not exist)."""
    stale: bool
    """True when the alignment file changed since: restoring would overwrite newer work."""


def journal_path(alignment_path: str | Path) -> Path:
    """Where the journal of an alignment file lives: the same name plus ``.journal``."""
    path = Path(alignment_path)
    return path.with_name(path.name + SUFFIX)


def _digest(path: Path) -> str:
    return sha256_of(path) if path.is_file() else ""


def write_journal(
    alignment: Alignment, alignment_path: str | Path, *, edits: int, based_on: str | None = None
) -> Path:
    """Write the current alignment to the journal atomically; returns the journal's path.

    ``based_on`` is the digest of the alignment file as it was opened (computed
    now when not given).
    """
    path = Path(alignment_path)
    target = journal_path(path)
    record = {
        "format": JOURNAL_FORMAT,
        "alignment_file": path.name,
        "based_on": _digest(path) if based_on is None else based_on,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "edits": edits,
        "alignment": alignment_to_dict(alignment, path.parent),
    }
    atomic_write_text(target, json.dumps(record, ensure_ascii=False) + "\n")
    return target


def read_journal(alignment_path: str | Path) -> JournalEntry | None:
    """The journal beside an alignment file, or None when there is none.

    A journal that cannot be read is reported as a StoreError naming the file,
    so the user can delete it; it is never silently ignored.
    """
    path = Path(alignment_path)
    jpath = journal_path(path)
    if not jpath.is_file():
        return None
    try:
        record = json.loads(jpath.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise StoreError(
            f"the journal {jpath} is unreadable; delete it to open {path.name} as saved"
        ) from None
    if not isinstance(record, dict) or record.get("format") != JOURNAL_FORMAT:
        raise StoreError(f"{jpath} is not an aligner journal; move it away and try again")
    alignment = alignment_from_dict(record.get("alignment"), path.parent, str(jpath))
    based_on = str(record.get("based_on", ""))
    return JournalEntry(
        alignment=alignment,
        time=str(record.get("time", "")),
        edits=int(record.get("edits", 0)),
        based_on=based_on,
        stale=based_on != _digest(path),
    )


def discard_journal(alignment_path: str | Path) -> None:
    """Remove the journal (after a save, or when the user declines to restore it)."""
    journal_path(alignment_path).unlink(missing_ok=True)
