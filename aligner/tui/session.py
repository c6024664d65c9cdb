"""The state of one review: the alignment, its undo and redo stacks, saving, the journal.

No Textual here: the screen asks the session to apply an edit, undo, redo or
save, and redraws from ``session.alignment``. Undo and redo are stacks of
Alignment values (the model is immutable), so every edit is undoable for free.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment
from aligner.io.journal import (
    JournalScan,
    JournalSchedule,
    discard_journal,
    new_session_id,
    scan_journals,
    write_journal,
)
from aligner.io.store import file_digest, load_alignment_stamped, save_alignment

#: Undo history kept per session; older steps are dropped first.
MAX_UNDO = 500


@dataclass(frozen=True)
class Step:
    """One undoable change: the alignment before it and what it was called."""

    before: Alignment
    label: str
    focus: int | None
    """Link id to select after undoing it."""
    sentence: int | None = None
    """Sentence link (position in its paragraph link) to select after undoing it, for an
    edit made in the sentence view; None for a paragraph edit."""


class ReviewSession:
    """An alignment being reviewed, with its file, glossary and edit history."""

    def __init__(self, alignment: Alignment, path: str | Path, glossary: Any = None, *,
                 opened_from: str | Path | None = None) -> None:
        """``path`` is where saving writes; ``opened_from`` the file read when that is
        another one (the bundled document's tracked alignment, whose edits go to a
        working copy in the user's folder)."""
        self.alignment = alignment
        self.path = Path(path)
        self.glossary = glossary
        self.opened_from = Path(opened_from) if opened_from is not None else self.path
        self.saved: Alignment | None = alignment if self.opened_from.is_file() else None
        self.based_on = file_digest(self.path)
        """Digest of the file as loaded or last saved ("" for a working copy not yet
        written): a save checks it is still there."""
        self.session_id = new_session_id()
        """Names this session's journal, so no other session can overwrite or delete it."""
        self.schedule = JournalSchedule()
        self.edit_count = 0
        # Journal writes run in a worker thread; a save, a reload or quitting drops the
        # journal on the UI thread. The lock orders the two, and the epoch (bumped at
        # every drop) tells a write that started before a drop to write nothing, so a
        # dropped journal never comes back with edits that were saved or discarded.
        self._journal_lock = threading.Lock()
        self.journal_epoch = 0
        self._journal_closed = False
        self._dirty_known: tuple[Alignment, Alignment, bool] | None = None
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    @property
    def dirty(self) -> bool:
        """True when there are edits the alignment file does not hold.

        Compared once per (current, saved) pair of values: the status line asks
        after every key, and comparing 20,000 links each time would be felt.
        """
        if self.saved is None:
            return True
        current, saved = self.alignment, self.saved
        if current is saved:
            return False
        known = self._dirty_known
        if known is None or known[0] is not current or known[1] is not saved:
            known = (current, saved, _shape(current) != _shape(saved))
            self._dirty_known = known
        return known[2]

    @property
    def redirected(self) -> bool:
        """True when saving writes another file than the one opened (a working copy)."""
        return self.opened_from != self.path

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def apply(
        self, edit: Callable[..., Alignment], *args: Any, label: str, focus: int | None = None,
        sentence: int | None = None,
    ) -> Alignment:
        """Apply a pure edit to the current alignment; errors leave everything as it was.

        Paragraph and sentence edits share this one history, so undo and redo go back
        and forth across both levels in the order the edits were made."""
        new = edit(self.alignment, *args)
        self._undo.append(Step(self.alignment, label, focus, sentence))
        del self._undo[:-MAX_UNDO]
        self._redo.clear()
        self.alignment = new
        self.edit_count += 1
        return new

    def replace_checked(self, checked: Alignment, basis: Alignment) -> bool:
        """Adopt the term-checked version of ``basis`` if nothing changed meanwhile."""
        if self.alignment is not basis:
            return False
        if self.saved is basis:
            self.saved = checked
        self.alignment = checked
        return True

    def undo(self) -> Step | None:
        """Go back one edit; returns the step undone (None when there is none)."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(Step(self.alignment, step.label, step.focus, step.sentence))
        self.alignment = step.before
        self.edit_count += 1
        return step

    def redo(self) -> Step | None:
        """Apply again the last undone edit."""
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(Step(self.alignment, step.label, step.focus, step.sentence))
        self.alignment = step.before
        self.edit_count += 1
        return step

    def save(self, path: str | Path | None = None, *, overwrite: bool = False) -> Path:
        """Write the alignment atomically and drop this session's journal; returns where.

        Saving over the session's own file refuses with a SaveConflictError
        (choices: reload, save as, overwrite) when another session or program
        changed the file since it was loaded or last saved, unless ``overwrite``.
        Saving as another file makes that file the session's file.
        """
        target = Path(path) if path is not None else self.path
        if target == self.path:
            expected = None if overwrite else self.based_on
        else:
            expected = file_digest(target) if overwrite else ""
        moved = rebased(self.alignment, self.opened_from.parent, target.parent)
        digest = save_alignment(moved, target, expected=expected)
        self._drop_journal()
        self.path = self.opened_from = target
        self.saved = self.alignment
        self.based_on = digest
        return target

    def reload(self) -> Alignment:
        """Drop this session's edits and read the file as it is now (another session's save)."""
        alignment, digest = load_alignment_stamped(self.path, check_texts=False, warn=None)
        self._drop_journal()
        self.alignment = self.saved = alignment
        self.based_on = digest
        self._undo.clear()
        self._redo.clear()
        self.edit_count = 0
        return alignment

    def write_journal(self) -> Path:
        """Write the current state to this session's journal (see ``schedule`` for when)."""
        with self._journal_lock:
            return write_journal(
                self.alignment, self.path, edits=self.edit_count, based_on=self.based_on,
                session=self.session_id,
            )

    def write_journal_if_current(self, alignment: Alignment, edits: int, based_on: str,
                                 epoch: int) -> Path | None:
        """Write a state taken at ``epoch`` (from a worker thread), unless the journal was
        dropped since (saved, reloaded, discarded) or the session is closed."""
        with self._journal_lock:
            if self._journal_closed or epoch != self.journal_epoch:
                return None
            return write_journal(alignment, self.path, edits=edits, based_on=based_on,
                                 session=self.session_id)

    def _drop_journal(self) -> None:
        with self._journal_lock:
            discard_journal(self.path, self.session_id)
            self.journal_epoch += 1

    def discard_journal(self) -> None:
        """Remove this session's journal for good (quitting without saving)."""
        with self._journal_lock:
            discard_journal(self.path, self.session_id)
            self.journal_epoch += 1
            self._journal_closed = True

    def close_journal(self) -> None:
        """The review is ending: write unsaved edits to the journal now (a write still
        scheduled would never run) unless it was discarded; write nothing after this."""
        with self._journal_lock:
            if not self._journal_closed and self.dirty:
                write_journal(self.alignment, self.path, edits=self.edit_count,
                              based_on=self.based_on, session=self.session_id)
            self._journal_closed = True

    def other_journals(self) -> JournalScan:
        """Journals of earlier sessions on this file; damaged ones are set aside."""
        return scan_journals(self.path, exclude_session=self.session_id)

    def restore(self, alignment: Alignment) -> None:
        """Start from a journal's alignment: an undoable step, and unsaved."""
        self.apply(lambda _a: alignment, label="restore unsaved edits")


def rebased(alignment: Alignment, opened_in: Path, saved_in: Path) -> Alignment:
    """The alignment with its recorded glossary path made relative to the folder it is
    saved in (it is recorded relative to the alignment file's folder)."""
    name = alignment.settings.get("glossary")
    if not isinstance(name, str) or not name or Path(name).is_absolute():
        return alignment
    if opened_in.resolve() == saved_in.resolve():
        return alignment
    where = (opened_in / name).resolve()
    try:
        moved = os.path.relpath(where, saved_in.resolve())
    except ValueError:  # another drive on Windows
        moved = str(where)
    return replace(alignment, settings={**alignment.settings, "glossary": moved})


def _shape(alignment: Alignment) -> tuple:
    # What saving would change: links with their review marks (flags are derived),
    # and the sentence links inside them with theirs.
    return tuple(
        (lk.id, lk.source, lk.target, lk.status, lk.note, lk.bookmark, lk.revision,
         lk.sentences)
        for lk in alignment.links
    )
