"""An alignment keeps finding its glossary when it is moved, and says which one it lost.

The rule: the glossary's path is stored relative to the alignment file's
folder (as the texts' paths are), resolved when the file is read and written
relative to wherever it is saved next. So a project folder moved as a whole,
or an alignment saved into another folder of it, still finds its glossary;
an alignment moved away on its own says in one line which glossary is
missing and how to pass it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.commands.open import prepare
from aligner.io.bundled import bundled_document_paths, bundled_glossary_path
from aligner.io.store import load_alignment, save_alignment


def _aligner(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "aligner", *args], capture_output=True,
                          text=True, cwd=cwd)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """texts/, glossaries/ and alignments/telegram.json, aligned with the glossary by the CLI."""
    root = tmp_path_factory.mktemp("moving") / "project"
    (root / "texts").mkdir(parents=True)
    (root / "glossaries").mkdir()
    (root / "alignments").mkdir()
    ru, en = bundled_document_paths()
    shutil.copy(ru, root / "texts" / "telegram.ru.txt")
    shutil.copy(en, root / "texts" / "telegram.en.txt")
    shutil.copy(bundled_glossary_path(), root / "glossaries" / "telegram.toml")
    done = _aligner("align", "texts/telegram.ru.txt", "texts/telegram.en.txt",
                    "--glossary", "glossaries/telegram.toml",
                    "-o", "alignments/telegram.json", "-q",
                    cwd=root)
    assert done.returncode == 0, done.stderr
    recorded = json.loads((root / "alignments" / "telegram.json").read_text(encoding="utf-8"))
    assert recorded["settings"]["glossary"] == "../glossaries/telegram.toml"
    return root


def _moved(project: Path, tmp_path: Path) -> Path:
    """The project folder moved (and renamed) somewhere else."""
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    moved = tmp_path / "elsewhere" / "renamed-project"
    moved.parent.mkdir()
    shutil.move(copy, moved)
    return moved


def test_a_project_folder_moved_as_a_whole_keeps_its_glossary(
    project: Path, tmp_path: Path
) -> None:
    moved = _moved(project, tmp_path)
    done = _aligner("terms", "renamed-project/alignments/telegram.json", cwd=moved.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"glossary: {moved / 'glossaries' / 'telegram.toml'}")
    report = _aligner("report", "alignments/telegram.json", cwd=moved)
    assert report.returncode == 0, report.stderr


def test_an_alignment_saved_into_another_folder_keeps_its_glossary(
    project: Path, tmp_path: Path
) -> None:
    moved = _moved(project, tmp_path)
    alignment = load_alignment(moved / "alignments" / "telegram.json")
    (moved / "review" / "round-2").mkdir(parents=True)
    out = moved / "review" / "round-2" / "telegram.json"
    save_alignment(alignment, out)
    recorded = json.loads(out.read_text(encoding="utf-8"))["settings"]["glossary"]
    assert recorded == "../../glossaries/telegram.toml"
    done = _aligner("terms", str(out), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    app = prepare(argparse.Namespace(paths=[str(out)], glossary=None, ignore_changes=False))
    assert app.glossary is not None and len(app.glossary) > 0


def test_an_alignment_moved_on_its_own_names_the_missing_glossary(
    project: Path, tmp_path: Path
) -> None:
    alone = tmp_path / "sent-by-mail"
    alone.mkdir()
    shutil.copy(project / "alignments" / "telegram.json", alone / "telegram.json")
    done = _aligner("terms", "telegram.json", cwd=alone)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith("aligner: error: the glossary recorded by telegram.json, ")
    assert "glossaries/telegram.toml" in lines[0] and "--glossary FILE" in lines[0]
    given = _aligner("terms", "telegram.json", "--glossary",
                     str(project / "glossaries" / "telegram.toml"), cwd=alone)
    assert given.returncode == 0, given.stderr


def test_opening_an_alignment_whose_glossary_is_gone_warns_and_opens(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(project / "alignments" / "telegram.json", alone / "telegram.json")
    app = prepare(argparse.Namespace(paths=[str(alone / "telegram.json")], glossary=None,
                                     ignore_changes=False))
    assert app.glossary is None
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("aligner: warning: the glossary recorded by ")
    assert err[0].endswith("the review opens without term checks")


def test_the_tracked_alignment_keeps_its_relative_glossary_path() -> None:
    tracked = Path(__file__).resolve().parents[1] / "alignments" / \
        "kuznetsov-zorin-1962-10-30.json"
    alignment = load_alignment(tracked, check_texts=False, warn=None)
    assert Path(alignment.settings["glossary"]) == bundled_glossary_path().resolve()
    data = json.loads(tracked.read_text(encoding="utf-8"))
    assert data["settings"]["glossary"] == "../texts/glossaries/kuznetsov-zorin-1962-10-30.toml"
