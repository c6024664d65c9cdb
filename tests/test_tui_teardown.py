"""Leaving the review while work is still in flight: nothing fails, nothing comes back.

A term re-check runs in a worker after every edit and the journal is written
from a worker a moment later; quitting can happen between either starting and
finishing. Textual removes the screens before it stops delivering messages, so
a result arriving then must be dropped, not drawn into a links table that is
gone; and a journal write that started before "Quit without saving" must not
bring the discarded journal back.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from aligner.core import terms
from aligner.io.journal import journal_files, read_journal
from aligner.io.store import load_alignment, save_alignment
from aligner.tui.app import (
    ChecksDone,
    ConcordanceReady,
    Said,
    TermsFound,
)
from aligner.tui.sample import sample_glossary, telegram_excerpt
from aligner.tui.session import ReviewSession
from tests.tui_helpers import make_app, settle

SIZE = (120, 40)
#: Longest a held worker waits for the app to start shutting down (a hang guard only).
WAIT_S = 10.0


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "telegram.json"
    save_alignment(telegram_excerpt(), path)
    return path


async def test_results_arriving_after_the_screen_is_gone_are_dropped(saved: Path) -> None:
    """The NoMatches for '#links' seen at teardown under load: a re-check, the term
    search, a concordance or the journal timer finishing after Textual removed the
    screen. Here they are delivered just then, after the review has closed."""
    app = make_app(saved, sample_glossary())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space")  # an edit: a re-check and a journal write fall due
        await pilot.pause()
        session = app.session
        assert session is not None
        basis = session.alignment
        checked = terms.apply_checks(basis, app.glossary)
        hits = terms.hits_by_segment(basis, app.glossary)
        term = app.term_order[0]
    assert not app.is_running and not app.screen_stack  # the screens are gone
    app.on_checks_done(ChecksDone(checked, basis))
    app.on_terms_found(TermsFound(hits, checked, basis))
    app.on_concordance_ready(ConcordanceReady(term, []))
    app.on_said(Said("The revision fixes 1 term finding"))
    app.write_journal()
    assert session.alignment is basis  # nothing was applied to a review that has ended
    assert app.messages[-1] == "The revision fixes 1 term finding"  # kept, not shown


async def test_a_journal_write_in_flight_when_quitting_without_saving_writes_nothing(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(saved)
    real = ReviewSession.write_journal_if_current
    started = threading.Event()
    release = threading.Event()
    finished = threading.Event()
    wrote: list[object] = []

    def held_write(self, *args):
        started.set()
        release.wait(WAIT_S)  # the user quits meanwhile
        try:
            wrote.append(real(self, *args))
            return wrote[-1]
        finally:
            finished.set()

    monkeypatch.setattr(ReviewSession, "write_journal_if_current", held_write)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space")
        await pilot.pause()
        app.write_journal()  # the journal write falls due, in a worker
        assert started.wait(WAIT_S)
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#choice-discard")
        await pilot.pause()
        release.set()
        await app.workers.wait_for_complete()
    # Once the app has closed, its worker list no longer holds the thread, so
    # wait for the write itself rather than for the workers.
    assert finished.wait(WAIT_S)
    assert wrote and all(w is None for w in wrote)  # each found the journal dropped
    assert journal_files(saved) == []
    assert load_alignment(saved).links[0].status == "auto"


async def test_quitting_with_a_journal_write_still_scheduled_keeps_the_edits(
    saved: Path,
) -> None:
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space")  # the first edit is journalled at once
        await pilot.pause(0.2)
        await settle(app, pilot)
        await pilot.press("down", "space")  # the next one is due after a pause in editing
        await pilot.pause()
        session = app.session
        assert session is not None and session.dirty
        entry = read_journal(saved, session.session_id)
        assert entry is not None and entry.alignment.links[1].status == "auto"
        app.exit()  # leaving by another way than the quit dialog (a fatal error, a signal)
        await pilot.pause()
    entry = read_journal(saved, session.session_id)
    assert entry is not None
    assert [lk.status for lk in entry.alignment.links[:2]] == ["confirmed", "confirmed"], (
        "the write still scheduled would never run: it is done on the way out")
