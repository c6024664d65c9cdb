"""Killing a writing command at random moments never corrupts a file nor leaves a temp file."""

from __future__ import annotations

from pathlib import Path

from tests.kill_harness import run_trials


def test_five_kills_during_writes_leave_whole_files_and_no_temp_files(tmp_path: Path) -> None:
    # A smaller alignment than the benchmark's, so the test stays quick.
    trials = run_trials(tmp_path, 5, links=300)
    assert [t for t in trials if t.corrupted] == []
    assert [t for t in trials if t.temp_left_after_next_run] == []
    assert {t.command for t in trials} == {"align", "export", "revise"}
