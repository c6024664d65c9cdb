"""SIGKILL during a write, then the next run: the file is whole and no temp file stays.

One trial: prepare a folder, start a writing command (``align -o``, ``revise``,
``export --force``) as a separate process, kill it with SIGKILL after a random
delay, check that the output is either its old bytes or a complete new file,
run the same command again to the end and check that no temporary file of
aligner's naming is left. ``tests/test_kill_writes.py`` runs 5 trials,
``bench/bench_kill_writes.py`` 50.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from aligner.io import output
from aligner.io.store import load_alignment, save_alignment
from aligner.tui.sample import generated_alignment

#: Links of the alignment revised and exported: big enough (about 2 MB of JSON)
#: that a write takes long enough for some kills to land inside it.
LINKS = 2000

COMMANDS: dict[str, list[str]] = {
    "align": ["align", "s.txt", "t.txt", "-o", "a.json", "--force", "--discard-review", "-q"],
    "revise": ["revise", "a.json", "3", "--text", "A new wording of the third link."],
    "export": ["export", "a.json", "-o", "pairs.tmx", "--force"],
}
OUTPUTS = {"align": "a.json", "revise": "a.json", "export": "pairs.tmx"}


@dataclass(frozen=True)
class Trial:
    command: str
    delay: float
    outcome: str
    """"old" (killed before the rename), "new" (finished or killed after it)."""
    corrupted: bool
    temp_after_kill: int
    """Temp files the killed process left (the kill landed inside a write)."""
    temp_left_after_next_run: int


def prepare(folder: Path, links: int = LINKS) -> None:
    alignment = generated_alignment(links)
    src = "\n\n".join(s.text for s in alignment.source.segments) + "\n"
    tgt = "\n\n".join(s.text for s in alignment.target.segments) + "\n"
    (folder / "s.txt").write_text(src, encoding="utf-8")
    (folder / "t.txt").write_text(tgt, encoding="utf-8")
    save_alignment(alignment, folder / "a.json")
    (folder / "pairs.tmx").write_text("<old/>", encoding="utf-8")


def _complete(command: str, path: Path) -> bool:
    try:
        if command == "export":
            etree.parse(str(path))
        else:
            load_alignment(path, check_texts=False, warn=None)
    except Exception:  # noqa: BLE001 - any failure to read means a corrupted file
        return False
    return True


def _run(folder: Path, command: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "aligner", *COMMANDS[command]], cwd=folder,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def trial(folder: Path, command: str, delay: float) -> Trial:
    out = folder / OUTPUTS[command]
    before = out.read_bytes()
    process = _run(folder, command)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = out.read_bytes() if out.exists() else b""
    outcome = "old" if after == before else "new"
    corrupted = outcome == "new" and not _complete(command, out)
    temp_after_kill = len(output.temp_files_of(out))
    again = _run(folder, command)
    again.wait(timeout=600)
    left = len(output.temp_files_of(out))
    return Trial(command, delay, outcome, corrupted or again.returncode != 0, temp_after_kill,
                 left)


def duration(folder: Path, command: str) -> float:
    """Seconds one uninterrupted run of the command takes here and now."""
    started = time.perf_counter()
    _run(folder, command).wait(timeout=600)
    return time.perf_counter() - started


def run_trials(folder: Path, count: int, seed: int = 15, links: int = LINKS) -> list[Trial]:
    """``count`` trials cycling through the commands, delays drawn from ``seed``.

    Each command is timed once first; its kills fall uniformly over its last
    half (loading is the first half, and the write is at its very end) and a
    little past it, so a fair share lands inside or just around the write.
    """
    rng = random.Random(seed)
    prepare(folder, links)
    names = sorted(COMMANDS)
    took = {name: duration(folder, name) for name in names}
    return [trial(folder, name, rng.uniform(0.5 * took[name], 1.05 * took[name]))
            for name in (names[i % len(names)] for i in range(count))]


def _main() -> None:  # pragma: no cover - used by the benchmark script
    import tempfile

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    with tempfile.TemporaryDirectory() as tmp:
        trials = run_trials(Path(tmp), count)
    for t in trials:
        print(f"{t.command:7} killed at {t.delay:4.2f} s: {t.outcome:3} "
              f"corrupted={t.corrupted} temp after kill={t.temp_after_kill} "
              f"left after the next run={t.temp_left_after_next_run}")
    print(f"{count} trials: {sum(t.corrupted for t in trials)} corrupted, "
          f"{sum(t.temp_left_after_next_run for t in trials)} temp files left after the next "
          f"run, {sum(bool(t.temp_after_kill) for t in trials)} kills inside a write, "
          f"{sum(t.outcome == 'new' for t in trials)} finished before the kill")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONHASHSEED", "0")
    _main()
