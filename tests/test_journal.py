"""The crash journal: unsaved edits survive a killed terminal and are offered back."""

from __future__ import annotations

import pytest

from aligner.core import edits
from aligner.errors import StoreError
from aligner.io.journal import discard_journal, journal_path, read_journal, write_journal
from aligner.io.store import save_alignment
from aligner.tui.sample import telegram_excerpt


def test_journal_sits_beside_the_alignment(tmp_path):
    assert journal_path(tmp_path / "t.json") == tmp_path / "t.json.journal"


def test_a_written_journal_restores_the_edited_alignment(tmp_path):
    path = tmp_path / "telegram.json"
    original = telegram_excerpt()
    save_alignment(original, path)
    edited = edits.merge_with_next(edits.confirm(original, 0), 0)
    write_journal(edited, path, edits=2)
    entry = read_journal(path)
    assert entry is not None and not entry.stale and entry.edits == 2
    assert [(lk.source, lk.target, lk.status) for lk in entry.alignment.links] == [
        (lk.source, lk.target, lk.status) for lk in edited.links
    ]
    assert "[One could]" in entry.alignment.target.segments[3].text
    assert entry.alignment.source.provenance == "reconstructed"


def test_no_journal_means_nothing_to_restore_and_discard_removes_it(tmp_path):
    path = tmp_path / "telegram.json"
    assert read_journal(path) is None
    write_journal(telegram_excerpt(), path, edits=1)
    discard_journal(path)
    assert read_journal(path) is None
    discard_journal(path)  # removing twice is harmless


def test_a_journal_older_than_the_saved_file_is_marked_stale(tmp_path):
    path = tmp_path / "telegram.json"
    save_alignment(telegram_excerpt(), path)
    write_journal(telegram_excerpt(), path, edits=1)
    save_alignment(edits.confirm(telegram_excerpt(), 1), path)
    entry = read_journal(path)
    assert entry is not None and entry.stale


def test_a_damaged_journal_is_reported_with_what_to_do(tmp_path):
    path = tmp_path / "telegram.json"
    journal_path(path).write_text('{"format": "aligner-journal", "alig', encoding="utf-8")
    with pytest.raises(StoreError, match="unreadable; delete it"):
        read_journal(path)
    journal_path(path).write_text('{"something": 1}', encoding="utf-8")
    with pytest.raises(StoreError, match="not an aligner journal"):
        read_journal(path)
