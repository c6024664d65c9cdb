"""`aligner corpus align`: each pair aligned as if alone, in parallel, resumable, failing alone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.corpus.manifest import load_corpus
from aligner.corpus.state import read_state, state_path
from aligner.io.store import load_alignment, save_alignment
from tests.conftest import REPO, RUEN_BENCH
from tests.corpus_helpers import TELEGRAM_EN, TELEGRAM_RU, require, telegram_pairs, write_manifest


def _states(corpus_dir: Path) -> dict[str, str]:
    folder = corpus_dir / "alignments" / ".state"
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.json"))}


def test_texts_reached_through_a_symlinked_folder_are_written_alike_alone_and_in_a_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An archive is often a link to a mounted drive: both commands must write the
    # texts' paths the same, so that a corpus file and a file aligned alone agree.
    real = tmp_path / "drive" / "cables"
    real.mkdir(parents=True)
    for text in (TELEGRAM_RU, TELEGRAM_EN):
        (real / text.name).write_bytes(text.read_bytes())
    linked = tmp_path / "cables"
    linked.symlink_to(real, target_is_directory=True)
    work = tmp_path / "work"
    work.mkdir()
    assert main(["corpus", "init", str(linked), "-o", str(work / "corpus.toml")]) == 0
    assert main(["corpus", "align", str(work), "--workers", "1"]) == 0
    (alone := work / "alone").mkdir()
    out = alone / "kuznetsov-zorin-1962-10-30.json"
    assert main(["align", str(linked / TELEGRAM_RU.name), str(linked / TELEGRAM_EN.name),
                 "-o", str(out), "-q"]) == 0
    capsys.readouterr()
    in_corpus = work / "alignments" / out.name
    assert in_corpus.read_bytes() == out.read_bytes()
    assert Path(load_alignment(out).source.path).resolve() == (real / TELEGRAM_RU.name).resolve()


def test_the_bench_pairs_are_each_aligned_exactly_as_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require(RUEN_BENCH)
    work = tmp_path / "work"
    work.mkdir()
    # the shared folder is read-only: the manifest and the alignments live elsewhere
    assert main(["corpus", "init", str(RUEN_BENCH), "-o", str(work / "corpus.toml")]) == 0
    assert main(["corpus", "align", str(work), "--workers", "2"]) == 0
    captured = capsys.readouterr()
    assert "8 documents: 8 aligned, 0 unchanged" in captured.out
    assert "8/8 pairs" in captured.err
    alone = work / "alone"  # beside "alignments", so relative text paths read the same
    alone.mkdir()
    for gold in sorted(RUEN_BENCH.glob("*.gold")):
        name = gold.stem
        assert main(["align", str(RUEN_BENCH / f"{name}.ru.txt"),
                     str(RUEN_BENCH / f"{name}.en.txt"), "-o", str(alone / f"{name}.json"),
                     "-q"]) == 0
        corpus_file = (work / "alignments" / f"{name}.json").read_bytes()
        assert corpus_file == (alone / f"{name}.json").read_bytes(), name
    # a second run has nothing to do
    assert main(["corpus", "align", str(work), "--workers", "2"]) == 0
    assert "0 aligned, 8 unchanged" in capsys.readouterr().out


def test_a_broken_pair_fails_alone_with_its_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "texts" / "broken.en.txt"
    broken.parent.mkdir()
    broken.write_bytes(b"\x00\x01binary\x00")
    pairs = telegram_pairs(3)
    pairs.insert(1, {"id": "broken", "source": TELEGRAM_RU.as_posix(),
                     "target": "texts/broken.en.txt"})
    pairs.append({"id": "gone", "source": "texts/gone.ru.txt", "target": TELEGRAM_EN.as_posix()})
    write_manifest(tmp_path / "corpus.toml", pairs)
    assert main(["corpus", "align", str(tmp_path), "--workers", "2"]) == 1
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("aligner: error:")]
    assert len([e for e in errors if e.startswith("aligner: error: broken: ")]) == 1
    assert "NUL bytes" in next(e for e in errors if "broken:" in e)
    assert any(e.startswith("aligner: error: gone: cannot read") for e in errors)
    assert errors[-1].startswith("aligner: error: 2 of 5 pairs failed")
    assert "Traceback" not in captured.err
    assert "3 aligned, 0 unchanged, 2 failed" in captured.out
    for k in range(3):
        assert load_alignment(tmp_path / "alignments" / f"cable-{k:02d}.json").links
    assert not (tmp_path / "alignments" / "broken.json").exists()
    state = read_state(tmp_path / "alignments" / ".state" / "broken.json")
    assert state is not None and state.status == "failed" and "NUL bytes" in state.error
    # fixed, the failed pair is aligned on the next run, the others are left alone
    broken.write_text(TELEGRAM_EN.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "texts" / "gone.ru.txt").write_bytes(TELEGRAM_RU.read_bytes())
    assert main(["corpus", "align", str(tmp_path), "--workers", "1"]) == 0
    assert "2 aligned, 3 unchanged, 0 failed" in capsys.readouterr().out


def test_a_changed_text_is_aligned_again_but_a_reviewed_alignment_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.ru.txt").write_bytes(TELEGRAM_RU.read_bytes())
        (tmp_path / f"{name}.en.txt").write_bytes(TELEGRAM_EN.read_bytes())
    assert main(["corpus", "align", str(tmp_path), "-w", "1"]) == 0
    capsys.readouterr()
    # a reviewer confirms a link of b and saves
    b_path = tmp_path / "alignments" / "b.json"
    b = load_alignment(b_path)
    from dataclasses import replace

    save_alignment(b.with_links([replace(b.links[0], status="confirmed"), *b.links[1:]]), b_path)
    for name in ("a", "b"):
        with open(tmp_path / f"{name}.en.txt", "a", encoding="utf-8") as fh:
            fh.write("\nA paragraph added later.\n")
    assert main(["corpus", "align", str(tmp_path), "-w", "1"]) == 0
    captured = capsys.readouterr()
    assert "1 aligned, 0 unchanged, 1 kept (reviewed)" in captured.out
    assert "aligner: note: b: the texts or glossary changed" in captured.err
    assert load_alignment(b_path, check_texts=False).links[0].status == "confirmed"
    assert main(["corpus", "align", str(tmp_path), "-w", "1", "--force"]) == 0
    assert "2 aligned" in capsys.readouterr().out
    assert load_alignment(b_path).links[0].status == "auto"


def test_a_second_run_on_the_same_corpus_waits_its_turn(tmp_path: Path) -> None:
    from aligner.corpus.run import corpus_lock
    from aligner.errors import CorpusError

    write_manifest(tmp_path / "corpus.toml", telegram_pairs(1))
    corpus = load_corpus(tmp_path)
    with corpus_lock(corpus), pytest.raises(CorpusError, match="is running on"):  # noqa: SIM117
        with corpus_lock(corpus):
            pass


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_killed_run_resumes_without_aligning_anything_twice(tmp_path: Path,
                                                              workers: str) -> None:
    n = 14
    write_manifest(tmp_path / "corpus.toml", telegram_pairs(n))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "aligner", "corpus", "align", str(tmp_path), "-w", workers]
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(_states(tmp_path)) < 3 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.01)
    run.send_signal(signal.SIGKILL)
    run.wait()
    time.sleep(0.2)  # pool workers end with their coordinator (they get SIGKILL too)
    before = _states(tmp_path)
    assert 3 <= len(before) < n, "the run should have been stopped midway"
    time.sleep(1.0)
    assert _states(tmp_path) == before, "no worker outlives the killed run"
    written = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "alignments").glob("*.json")}

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    after = _states(tmp_path)
    assert sorted(after) == [f"cable-{k:02d}" for k in range(n)]          # nothing lost
    assert {k: after[k] for k in before} == before                      # nothing done twice
    for name, mtime in written.items():
        if Path(name).stem in before:
            assert (tmp_path / "alignments" / name).stat().st_mtime_ns == mtime
    done_now = n - len(before)
    summary = again.stdout
    assert f"{len(before)} unchanged" in summary
    assert (f"{done_now} aligned" in summary
            or f"{done_now - 1} aligned" in summary and "1 recorded" in summary)
    assert not list((tmp_path / "alignments").glob(".*.tmp"))
    corpus = load_corpus(tmp_path)
    for doc in corpus.documents:
        assert load_alignment(corpus.alignment_path(doc)).links
        state = read_state(state_path(corpus, doc))
        assert state is not None and state.ok


def test_progress_is_plain_lines_when_stderr_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_manifest(tmp_path / "corpus.toml", telegram_pairs(2))
    assert main(["corpus", "align", str(tmp_path), "-w", "1"]) == 0
    err = capsys.readouterr().err
    assert "\r" not in err and "\x1b" not in err
    assert "aligning 2 of 2 documents on 1 worker" in err
    assert "2/2 pairs" in err and "paragraphs" in err and "pairs/s" in err


def test_the_progress_bar_shows_pairs_paragraphs_rate_and_eta() -> None:
    import io

    from aligner.corpus.progress import Progress

    now = [0.0]
    out = io.StringIO()
    bar = Progress(out, total_pairs=4, total_size=400, interactive=True, clock=lambda: now[0])
    now[0] = 10.0
    bar.advance(ok=True, paragraphs=120, size=100)
    assert bar.line() == ("[######------------------] 1/4 pairs, 120 paragraphs, 0.10 pairs/s, "
                          "ETA 30s")
    bar.message("aligner: error: x: broken")
    assert "aligner: error: x: broken\n" in out.getvalue()


def test_the_state_records_what_was_aligned(tmp_path: Path) -> None:
    write_manifest(tmp_path / "corpus.toml", telegram_pairs(1))
    assert main(["corpus", "align", str(tmp_path), "-w", "1", "-q"]) == 0
    data = json.loads((tmp_path / "alignments" / ".state" / "cable-00.json").read_text("utf-8"))
    assert data["status"] == "aligned" and data["links"] > 0
    assert len(data["fingerprint"]["source_sha256"]) == 64
    assert data["fingerprint"]["glossary_sha256"] == ""


def test_aligner_parameters_of_the_manifest_apply_and_a_change_realigns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = write_manifest(tmp_path / "corpus.toml", telegram_pairs(1))
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("[[pair]]", "[corpus.params]\nreview_threshold = 0.9\n\n"
                                     "[[pair]]", 1), encoding="utf-8")
    assert main(["corpus", "align", str(tmp_path), "-w", "1", "-q"]) == 0
    alone = tmp_path / "alone"
    alone.mkdir()
    assert main(["align", str(TELEGRAM_RU), str(TELEGRAM_EN), "-o", str(alone / "c.json"),
                 "--param", "review_threshold=0.9", "-q"]) == 0
    corpus_file = tmp_path / "alignments" / "cable-00.json"
    assert corpus_file.read_bytes() == (alone / "c.json").read_bytes()
    capsys.readouterr()
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("0.9", "0.8"),
                        encoding="utf-8")
    assert main(["corpus", "align", str(tmp_path), "-w", "1"]) == 0
    assert "1 aligned, 0 unchanged" in capsys.readouterr().out
