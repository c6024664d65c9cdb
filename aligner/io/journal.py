"""The crash journal: unsaved edits kept beside the alignment file, one file per session.

While a reviewer edits, the current alignment is written atomically to
``<alignment>.<session>.journal`` (see :class:`JournalSchedule` for when);
saving removes that session's journal and no other. Two sessions on one file
therefore never overwrite or delete each other's journals: the session id holds
the start time, the process id and a random part. If the terminal is killed,
the journal holds everything up to its last write, and the next opening lists
every journal found (:func:`scan_journals`) and offers to restore one.

A journal records the digest of the alignment file it was based on, so a
journal made stale by a later save is recognised and not offered blindly. A
journal that cannot be read is reported and set aside (renamed
``....journal.damaged``), so it never blocks opening the alignment.
``<alignment>.journal``, the name of earlier versions, is still read.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from aligner.core.model import Alignment
from aligner.errors import StoreError
from aligner.io.output import files_beside
from aligner.io.store import alignment_from_dict, alignment_to_dict, atomic_write_text, sha256_of
from aligner.io.user_files import read_user_bytes

JOURNAL_FORMAT = "aligner-journal"
SUFFIX = ".journal"
DAMAGED_SUFFIX = ".damaged"


def new_session_id() -> str:
    """An id no other session on any alignment file shares: start time, process, random."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}-{os.getpid()}-{secrets.token_hex(3)}"


def journal_path(alignment_path: str | Path, session: str = "") -> Path:
    """Where a session's journal lives: ``NAME.SESSION.journal`` (``NAME.journal`` without one)."""
    path = Path(alignment_path)
    middle = f".{session}" if session else ""
    return path.with_name(f"{path.name}{middle}{SUFFIX}")


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
    path: Path = field(default=Path())
    """The journal file."""
    session: str = ""
    """The session that wrote it ("" for a journal of an earlier version)."""


@dataclass(frozen=True)
class DamagedJournal:
    """A journal that could not be read, and where it was moved."""

    path: Path
    reason: str
    moved_to: Path | None

    @property
    def message(self) -> str:
        where = f"; it was set aside as {self.moved_to.name}" if self.moved_to else ""
        return f"the journal {self.path.name} is damaged ({self.reason}){where}"


@dataclass(frozen=True)
class JournalScan:
    """Every journal beside an alignment file: the readable ones, newest first, and the rest."""

    entries: tuple[JournalEntry, ...] = ()
    damaged: tuple[DamagedJournal, ...] = ()


def _digest(path: Path) -> str:
    try:
        return sha256_of(path) if path.is_file() else ""
    except OSError:
        return ""


def write_journal(
    alignment: Alignment,
    alignment_path: str | Path,
    *,
    edits: int,
    based_on: str | None = None,
    session: str = "",
) -> Path:
    """Write the current alignment to the session's journal atomically; returns its path.

    ``based_on`` is the digest of the alignment file as it was opened (computed
    now when not given).
    """
    path = Path(alignment_path)
    target = journal_path(path, session)
    record = {
        "format": JOURNAL_FORMAT,
        "alignment_file": path.name,
        "session": session,
        "based_on": _digest(path) if based_on is None else based_on,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "edits": edits,
        "alignment": alignment_to_dict(alignment, path.parent),
    }
    try:
        text = json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n"
    except ValueError:
        raise StoreError("the journal cannot hold a number that is not finite") from None
    atomic_write_text(target, text)
    return target


def read_journal_file(jpath: str | Path, alignment_path: str | Path) -> JournalEntry:
    """One journal file; a damaged one raises a StoreError naming it."""
    jpath, path = Path(jpath), Path(alignment_path)
    raw = read_user_bytes(jpath, StoreError, "a journal")
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise StoreError(
            f"the journal {jpath} is unreadable; delete it to open {path.name} as saved"
        ) from None
    if not isinstance(record, dict) or record.get("format") != JOURNAL_FORMAT:
        raise StoreError(f"{jpath} is not an aligner journal; move it away and try again")
    alignment = alignment_from_dict(record.get("alignment"), path.parent, str(jpath))
    based_on, edits = record.get("based_on", ""), record.get("edits", 0)
    if not isinstance(based_on, str) or not isinstance(edits, int) or isinstance(edits, bool):
        raise StoreError(f"the journal {jpath} is unreadable: its header is damaged")
    session = record.get("session", "")
    return JournalEntry(
        alignment=alignment,
        time=str(record.get("time", "")),
        edits=max(0, edits),
        based_on=based_on,
        stale=based_on != _digest(path),
        path=jpath,
        session=session if isinstance(session, str) else "",
    )


def read_journal(alignment_path: str | Path, session: str = "") -> JournalEntry | None:
    """A session's journal beside an alignment file, or None when there is none.

    A journal that cannot be read is reported as a StoreError naming the file.
    """
    jpath = journal_path(alignment_path, session)
    if not jpath.exists():
        return None
    return read_journal_file(jpath, alignment_path)


def journal_files(alignment_path: str | Path) -> list[Path]:
    """Every journal file of an alignment (all sessions, and the earlier single name)."""
    path = Path(alignment_path)
    return files_beside(path, f"{path.name}.", SUFFIX)


def set_aside(jpath: Path) -> Path | None:
    """Rename a damaged journal out of the way (``NAME.damaged``, numbered if taken)."""
    for n in range(100):
        candidate = jpath.with_name(jpath.name + DAMAGED_SUFFIX + (f".{n}" if n else ""))
        if candidate.exists():
            continue
        try:
            os.replace(jpath, candidate)
        except OSError:
            return None
        return candidate
    return None


def scan_journals(
    alignment_path: str | Path, *, exclude_session: str = "", set_aside_damaged: bool = True
) -> JournalScan:
    """Every journal of an alignment file: readable entries newest first, damaged ones set aside."""
    entries: list[JournalEntry] = []
    damaged: list[DamagedJournal] = []
    for jpath in journal_files(alignment_path):
        if exclude_session and jpath == journal_path(alignment_path, exclude_session):
            continue
        try:
            entries.append(read_journal_file(jpath, alignment_path))
        except StoreError as exc:
            reason = str(exc).split(": ", 1)[-1] if str(jpath) in str(exc) else str(exc)
            moved = set_aside(jpath) if set_aside_damaged else None
            damaged.append(DamagedJournal(jpath, reason[:200], moved))
    entries.sort(key=lambda e: (e.time, e.edits), reverse=True)
    return JournalScan(tuple(entries), tuple(damaged))


def discard_journal(alignment_path: str | Path, session: str = "") -> None:
    """Remove one session's journal (after its save, or when the user declines it)."""
    journal_path(alignment_path, session).unlink(missing_ok=True)


@dataclass
class JournalSchedule:
    """When the journal is written, so that at most ``max_interval`` seconds of edits are lost.

    The first edit after a quiet spell is written at once; while edits go on,
    a write falls due ``quiet`` seconds after the latest one, but never later
    than ``max_interval`` after the oldest edit not yet written. Times are
    plain seconds (``time.monotonic()``), so this is tested without a clock.
    """

    quiet: float = 0.5
    """Seconds an editing pause must last before the pending edits are written."""
    max_interval: float = 2.0
    """Longest time an edit stays unwritten while edits continue (the issue's bound)."""
    _first_pending: float | None = None
    _last_edit: float | None = None
    _last_write: float | None = None

    def edited(self, now: float) -> float:
        """Record an edit at ``now``; returns the time the next write is due."""
        if self._first_pending is None:
            self._first_pending = now
        self._last_edit = now
        due = self.due_at()
        assert due is not None
        return due

    def due_at(self) -> float | None:
        """When pending edits must be written (None when nothing is pending)."""
        if self._first_pending is None or self._last_edit is None:
            return None
        quiet_spell = self._last_write is None or (
            self._first_pending - self._last_write >= self.max_interval
        )
        if quiet_spell and self._first_pending == self._last_edit:
            return self._first_pending
        return min(self._last_edit + self.quiet, self._first_pending + self.max_interval)

    def is_due(self, now: float) -> bool:
        due = self.due_at()
        return due is not None and now >= due

    def written(self, now: float) -> None:
        """The journal was written at ``now`` with every edit so far."""
        self._first_pending = None
        self._last_edit = None
        self._last_write = now
