"""Writing a user's file never destroys it: links written through, devices in place, backups.

Covers every writer on the paths the attack used: a symbolic link (the link
stays, its target gets the content), /dev/null and /dev/full (never replaced by
a regular file), a FIFO, stale temporary files from a killed run, and
``align -o`` over a reviewed alignment.
"""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.errors import StoreError
from aligner.io import output
from aligner.io.store import load_alignment
from tests.bad_input_harness import make_folder

WRITERS = {
    "export": ["export", "a.json", "-f", "tsv", "-o", "{out}"],
    "report": ["report", "a.json", "-o", "{out}"],
    "align": ["align", "s.ru.txt", "t.en.txt", "-q", "-o", "{out}"],
    "compare": ["compare", "s.ru.txt", "t.en.txt", "t.en.txt", "-o", "{out}", "--format",
                "table"],
    "glossary-export": ["glossary", "export", "g.toml", "-o", "{out}", "--to", "csv"],
    "import": ["import", "x.jsonl", "-o", "{out}"],
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_folder(tmp_path)
    (tmp_path / "x.jsonl").write_text('{"source": "а", "target": "b"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(name: str, out: str, *extra: str) -> int:
    argv = [a.replace("{out}", out) for a in WRITERS[name]]
    return main([*argv, *extra])


def _glossary_export_takes_to() -> bool:
    from aligner.cli import build_parser

    try:
        build_parser().parse_args(["glossary", "export", "g.toml", "-o", "x", "--to", "csv"])
    except SystemExit:
        return False
    return True


@pytest.fixture(autouse=True)
def _adapt_glossary_export() -> None:
    if not _glossary_export_takes_to():
        WRITERS["glossary-export"] = ["glossary", "export", "g.toml", "-o", "{out}"]


def _suffix(name: str) -> str:
    return {"align": ".json", "import": ".json", "glossary-export": ".csv"}.get(name, ".txt")


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_symlinked_output_is_written_through_and_stays_a_link(name: str, folder: Path,
                                                                capsys) -> None:
    real = folder / "real" / f"out{_suffix(name)}"
    real.parent.mkdir()
    link = folder / f"link{_suffix(name)}"
    link.symlink_to(real)
    assert _run(name, str(link)) == 0, capsys.readouterr().err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.is_file() and real.stat().st_size > 0
    assert not [p for p in real.parent.iterdir() if p != real]  # no temp file left


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_an_existing_output_is_kept_without_force_and_replaced_with_it(
    name: str, folder: Path, capsys
) -> None:
    out = folder / f"out{_suffix(name)}"
    if name in ("align", "import"):
        assert _run(name, str(out)) == 0
    else:
        out.write_text("precious", encoding="utf-8")
    before = out.read_bytes()
    assert _run(name, str(out)) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert _run(name, str(out), "--force") == 0, capsys.readouterr().err
    assert out.is_file()


@pytest.mark.parametrize("name", ["export", "report", "compare", "glossary-export"])
def test_dev_null_is_written_to_and_stays_a_device(name: str, folder: Path, capsys) -> None:
    assert _run(name, "/dev/null") == 0, capsys.readouterr().err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("name", ["export", "report", "align"])
def test_dev_full_fails_with_its_name_and_stays_a_device(name: str, folder: Path,
                                                          capsys) -> None:
    assert _run(name, "/dev/full", "--force") == 2
    err = capsys.readouterr().err
    assert err.count("aligner: error: ") == 1 and "/dev/full" in err and "space" in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_fifo_with_a_reader_gets_the_export(folder: Path, capsys) -> None:
    fifo = folder / "pipe.tsv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    err = ""
    try:
        # The reader thread must have opened its end first; until it has, the export
        # refuses the FIFO as having no reader (as it should), so try again a moment later.
        for _ in range(200):
            code = _run("export", str(fifo))
            err = capsys.readouterr().err
            if code == 0 or "no reader" not in err:
                break
            time.sleep(0.05)
    finally:
        reader.join(10)
    assert code == 0, err
    assert received and received[0].startswith(b"id\t")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_stale_temp_files_of_a_killed_run_are_removed_by_the_next_write(folder: Path) -> None:
    out = folder / "pairs.tsv"
    dead = folder / f".pairs.tsv{output.TEMP_MARK}999999999-abcd{output.TEMP_SUFFIX}"
    alive = folder / f".pairs.tsv{output.TEMP_MARK}{os.getppid()}-abcd{output.TEMP_SUFFIX}"
    dead.write_text("half", encoding="utf-8")
    alive.write_text("being written", encoding="utf-8")
    other = folder / ".pairs.tsv.something.tmp"  # not of our naming: never touched
    other.write_text("x", encoding="utf-8")
    legacy_old = folder / ".pairs.tsv.ab12cd_9.tmp"  # earlier versions' mkstemp names
    legacy_new = folder / ".pairs.tsv.zz12cd_9.tmp"
    legacy_old.write_text("half", encoding="utf-8")
    legacy_new.write_text("being written", encoding="utf-8")
    hour_ago = legacy_old.stat().st_mtime - 3600
    os.utime(legacy_old, (hour_ago, hour_ago))
    assert main(["export", "a.json", "-f", "tsv", "-o", str(out)]) == 0
    assert not dead.exists() and alive.exists() and other.exists()
    assert not legacy_old.exists() and legacy_new.exists()


def test_a_write_error_names_the_users_file_not_the_temporary_one(folder: Path) -> None:
    ro = folder / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):  # root ignores the mode
            pytest.skip("this user can write to any folder")
        with pytest.raises(StoreError, match=r"cannot write .*ro/x\.txt: Permission denied"):
            output.write_text(ro / "x.txt", "x")
    finally:
        ro.chmod(0o700)


def _review(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data["links"][0]["status"] = "confirmed"
    data["links"][1]["note"] = "checked"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_align_over_a_reviewed_alignment_needs_discard_review_and_keeps_a_backup(
    folder: Path, capsys
) -> None:
    out = folder / "a.json"
    _review(out)
    reviewed = out.read_bytes()
    assert main(["align", "s.ru.txt", "t.en.txt", "-o", "a.json", "--force"]) == 2
    err = capsys.readouterr().err
    assert "review work on 2 links" in err and "--discard-review" in err
    assert out.read_bytes() == reviewed
    assert main(["align", "s.ru.txt", "t.en.txt", "-o", "a.json", "--force",
                 "--discard-review"]) == 0
    assert "kept the previous alignment as" in capsys.readouterr().out
    assert (folder / "a.json.bak").read_bytes() == reviewed
    assert load_alignment(out).links[0].status == "auto"
