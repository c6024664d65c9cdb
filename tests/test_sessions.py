"""Two reviews of one file never silently overwrite each other; the journal keeps up.

The store remembers the digest of what it loaded and a save over a file that
changed since refuses with the choices reload / save as / overwrite; each
session writes its own journal, at least every 2 s while edits continue.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path

import pytest

from aligner.core import edits
from aligner.errors import SaveConflictError
from aligner.io.journal import (
    JournalSchedule,
    journal_files,
    journal_path,
    read_journal,
    scan_journals,
    write_journal,
)
from aligner.io.store import load_alignment, load_alignment_stamped, save_alignment
from aligner.tui.app import build_app
from aligner.tui.dialogs import ChoiceDialog
from aligner.tui.sample import telegram_excerpt
from aligner.tui.session import ReviewSession
from tests.tui_helpers import settle

SIZE = (120, 40)


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "telegram.json"
    save_alignment(telegram_excerpt(), path)
    return path


# --- the store: a save checks what it loaded -------------------------------------------


def test_a_save_over_a_file_changed_since_it_was_loaded_is_refused(saved: Path) -> None:
    mine, loaded = load_alignment_stamped(saved)
    theirs = load_alignment(saved)
    save_alignment(edits.confirm(theirs, theirs.links[0].id), saved)  # another session saves
    after_theirs = saved.read_bytes()
    with pytest.raises(SaveConflictError, match="changed by another program or session") as exc:
        save_alignment(edits.set_note(mine, mine.links[1].id, "mine"), saved, expected=loaded)
    assert exc.value.choices == ("reload", "save as", "overwrite")
    assert saved.read_bytes() == after_theirs
    # Overwriting is a choice the user makes: no expected digest.
    save_alignment(edits.set_note(mine, mine.links[1].id, "mine"), saved)
    assert load_alignment(saved).links[1].note == "mine"


def test_a_save_returns_the_digest_the_next_save_expects(saved: Path) -> None:
    al, digest = load_alignment_stamped(saved)
    digest = save_alignment(edits.confirm(al, al.links[0].id), saved, expected=digest)
    digest = save_alignment(edits.confirm(al, al.links[1].id), saved, expected=digest)
    assert load_alignment_stamped(saved)[1] == digest


def test_sessions_save_one_after_another_and_refuse_a_stale_save(saved: Path) -> None:
    a = ReviewSession(load_alignment(saved), saved)
    b = ReviewSession(load_alignment(saved), saved)
    a.apply(edits.confirm, a.alignment.links[0].id, label="confirm")
    a.save()
    b.apply(edits.set_note, b.alignment.links[1].id, "B's note", label="note")
    with pytest.raises(SaveConflictError):
        b.save()
    b.reload()  # choice 1: take A's work, drop B's edits
    assert b.alignment.links[0].status == "confirmed" and not b.dirty
    b.apply(edits.set_note, b.alignment.links[1].id, "B's note", label="note")
    b.save()  # now based on A's save
    final = load_alignment(saved)
    assert final.links[0].status == "confirmed" and final.links[1].note == "B's note"


def test_save_as_keeps_both_versions(saved: Path) -> None:
    a = ReviewSession(load_alignment(saved), saved)
    b = ReviewSession(load_alignment(saved), saved)
    a.apply(edits.confirm, a.alignment.links[0].id, label="confirm")
    a.save()
    b.apply(edits.set_note, b.alignment.links[1].id, "B", label="note")
    mine = saved.with_name("telegram.mine.json")
    assert b.save(mine) == mine and b.path == mine
    assert load_alignment(saved).links[0].status == "confirmed"
    assert load_alignment(mine).links[1].note == "B"
    with pytest.raises(SaveConflictError):  # save as never replaces another file silently
        ReviewSession(load_alignment(saved), saved).save(mine)


# --- journals: one per session --------------------------------------------------------


def test_two_sessions_have_two_journals_and_a_save_removes_only_its_own(saved: Path) -> None:
    a = ReviewSession(load_alignment(saved), saved)
    b = ReviewSession(load_alignment(saved), saved)
    assert a.session_id != b.session_id
    a.apply(edits.confirm, a.alignment.links[0].id, label="confirm")
    b.apply(edits.set_note, b.alignment.links[1].id, "B", label="note")
    b.apply(edits.set_note, b.alignment.links[2].id, "B2", label="note")
    a.write_journal()
    b.write_journal()
    assert len(journal_files(saved)) == 2
    a.save()
    left = journal_files(saved)
    assert left == [journal_path(saved, b.session_id)]
    entry = read_journal(saved, b.session_id)
    assert entry is not None and entry.edits == 2 and entry.stale  # A saved after it
    # A third session is offered B's journal, never its own.
    c = ReviewSession(load_alignment(saved), saved)
    assert [e.session for e in c.other_journals().entries] == [b.session_id]


def test_a_damaged_journal_is_reported_and_set_aside_never_raised(saved: Path) -> None:
    good = write_journal(telegram_excerpt(), saved, edits=3, session="s1")
    bad = journal_path(saved, "s2")
    bad.write_text('{"format": "aligner-journal", "alig', encoding="utf-8")
    wrong = journal_path(saved, "s3")
    wrong.write_text('{"format": "aligner-journal", "alignment": {"links": 5}}', encoding="utf-8")
    scan = scan_journals(saved)
    assert [e.path for e in scan.entries] == [good]
    assert sorted(d.path for d in scan.damaged) == [bad, wrong]
    assert all(d.moved_to is not None and d.moved_to.exists() for d in scan.damaged)
    assert not bad.exists() and not wrong.exists()
    assert "damaged" in scan.damaged[0].message and "set aside" in scan.damaged[0].message
    assert scan_journals(saved).damaged == ()  # reported once, then out of the way


def test_a_journal_of_an_earlier_version_is_still_offered(saved: Path) -> None:
    write_journal(edits.confirm(telegram_excerpt(), 0), saved, edits=1)  # NAME.journal
    [entry] = scan_journals(saved).entries
    assert entry.path == journal_path(saved) and entry.alignment.links[0].status == "confirmed"


# --- when the journal is written -------------------------------------------------------


def test_the_first_edit_after_a_quiet_spell_is_written_at_once() -> None:
    schedule = JournalSchedule()
    assert schedule.edited(100.0) == 100.0


def test_steady_editing_is_never_more_than_two_seconds_behind() -> None:
    for interval in (0.05, 0.3, 1.0, 1.9, 3.0):
        schedule, now, oldest_unwritten, worst = JournalSchedule(), 0.0, None, 0.0
        next_edit = 0.0
        while now < 60.0:
            if now >= next_edit:
                schedule.edited(now)
                oldest_unwritten = now if oldest_unwritten is None else oldest_unwritten
                next_edit += interval
            if schedule.is_due(now):
                worst = max(worst, now - oldest_unwritten)
                schedule.written(now)
                oldest_unwritten = None
            now = round(now + 0.01, 2)
        assert worst <= 2.0 + 0.011, (interval, worst)  # one 10 ms tick of this clock


# --- in the UI ------------------------------------------------------------------------


async def test_the_second_save_of_two_sessions_is_refused_with_its_choices(saved: Path) -> None:
    a = build_app(load_alignment(saved), alignment_path=saved)
    b = build_app(load_alignment(saved), alignment_path=saved)  # opened before A saves
    async with a.run_test(size=SIZE) as pilot:
        await settle(a, pilot)
        await pilot.press("space", "ctrl+s")  # A confirms link 1 and saves
        await settle(a, pilot)
        assert not a.session.dirty
    after_a = saved.read_bytes()
    async with b.run_test(size=SIZE) as pilot:
        await settle(b, pilot)
        b.controller.jump("2")
        b.render_change(b.controller.set_note("B"))
        await pilot.press("ctrl+s")
        await settle(b, pilot)
        assert isinstance(b.screen, ChoiceDialog)
        assert "changed by another program or session" in b.screen.message
        assert [c for c, _ in b.screen.choices] == ["reload", "save-as", "overwrite", "cancel"]
        assert saved.read_bytes() == after_a  # nothing overwritten yet
        await pilot.click("#choice-reload")
        await settle(b, pilot)
        assert b.session.alignment.links[0].status == "confirmed" and not b.session.dirty


async def test_overwrite_is_the_users_choice(saved: Path) -> None:
    b = build_app(load_alignment(saved), alignment_path=saved)
    other = load_alignment(saved)
    save_alignment(replace(other, links=(replace(other.links[0], note="theirs"),
                                          *other.links[1:])), saved)
    async with b.run_test(size=SIZE) as pilot:
        await settle(b, pilot)
        await pilot.press("space", "ctrl+s")
        await settle(b, pilot)
        await pilot.click("#choice-overwrite")
        await settle(b, pilot)
    final = load_alignment(saved)
    assert final.links[0].status == "confirmed" and final.links[0].note == ""


async def test_steady_editing_then_a_kill_loses_at_most_two_seconds(saved: Path) -> None:
    app = build_app(load_alignment(saved), alignment_path=saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        made: list[float] = []
        for i in range(5):  # one edit a second
            app.controller.jump(str(i + 1))
            app.render_change(app.controller.set_note(f"note {i}"))
            made.append(time.monotonic())
            await asyncio.sleep(1.0)
            await app.workers.wait_for_complete()
        killed_at = time.monotonic()
        # A kill leaves exactly what is on disk: read the journal without letting the app end.
        entry = read_journal(saved, app.session.session_id)
        assert entry is not None
        older = sum(1 for t in made if killed_at - t > 2.0)
        assert entry.edits >= older
        assert [lk.note for lk in entry.alignment.links[:entry.edits]] == [
            f"note {i}" for i in range(entry.edits)]
