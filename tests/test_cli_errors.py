"""Bad input on the command line: one line saying what is wrong, exit code 2, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.cli import main
from tests.conftest import SEED_EN, TELEGRAM_DIR

EN = TELEGRAM_DIR / "kuznetsov-zorin-1962-10-30.en.txt"
RU = TELEGRAM_DIR / "kuznetsov-zorin-1962-10-30.ru.txt"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    err = capsys.readouterr().err
    return code, err


def _assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("aligner: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def bad_texts(tmp_path: Path) -> dict[str, Path]:
    files = {
        "empty": b"",
        "blank": b"  \n\n \r\n",
        "binary": bytes(range(256)) * 4,
        "undecodable": "Во-первых. Из бесед с У Таном".encode("cp1251") + b"\x98\x00\x98",
    }
    out = {}
    for name, data in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        out[name] = path
    out["missing"] = tmp_path / "missing.txt"
    out["folder"] = tmp_path
    return out


@pytest.mark.parametrize(
    ("kind", "fragment"),
    [
        ("missing", "does not exist"),
        ("empty", "empty"),
        ("blank", "empty"),
        ("binary", "binary"),
        ("undecodable", "bytes"),
        ("folder", "folder"),
    ],
)
def test_align_refuses_unusable_texts(
    kind: str, fragment: str, bad_texts: dict[str, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out.json"
    code, err = _run(["align", str(bad_texts[kind]), str(EN), "-o", str(out)], capsys)
    _assert_one_line_error(code, err, fragment)
    assert not out.exists()


@pytest.fixture
def bad_alignments(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.json"
    assert main(["align", str(RU), str(EN), "-o", str(good)]) == 0
    text = good.read_text(encoding="utf-8")
    newer = json.loads(text)
    newer["schema_version"] = 99
    files = {
        "truncated": text[: len(text) // 2],
        "corrupted": text.replace('"links"', '"links" "', 1),
        "newer": json.dumps(newer),
        "not-alignment": json.dumps({"hello": "world"}),
        "empty": "",
    }
    out = {}
    for name, content in files.items():
        path = tmp_path / f"{name}.json"
        path.write_text(content, encoding="utf-8")
        out[name] = path
    out["missing"] = tmp_path / "missing.json"
    return out


@pytest.mark.parametrize(
    ("kind", "fragment"),
    [
        ("truncated", "corrupted or truncated"),
        ("corrupted", "corrupted or truncated"),
        ("newer", "upgrade aligner"),
        ("not-alignment", "not an aligner alignment"),
        ("empty", "empty"),
        ("missing", "does not exist"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [["open"], ["export", "--format", "tsv"], ["terms"], ["report"], ["revise", "--text", "x"]],
)
def test_commands_refuse_broken_alignment_files(
    kind: str, fragment: str, command: list[str], bad_alignments: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = bad_alignments[kind]
    before = path.read_bytes() if path.exists() else None
    args = [command[0], str(path), *command[1:]]
    if command[0] == "revise":
        args = ["revise", str(path), "0", *command[1:]]
    code, err = _run(args, capsys)
    _assert_one_line_error(code, err, fragment)
    assert (path.read_bytes() if path.exists() else None) == before


def test_unknown_command_and_option_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(["frobnicate"], capsys)
    _assert_one_line_error(code, err, "invalid choice")
    code, err = _run(["align", str(RU), str(EN), "--no-such-option"], capsys)
    _assert_one_line_error(code, err, "--no-such-option")


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "source": {', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "aligner", "export", str(bad), "--format", "tmx"],
        capture_output=True, text=True, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("aligner: error: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_seed_copy_in_texts_is_the_shared_seed() -> None:
    if SEED_EN.exists():
        assert EN.read_bytes() == SEED_EN.read_bytes()


def test_eval_refuses_an_empty_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    alignment = tmp_path / "a.json"
    assert main(["align", str(RU), str(EN), "-o", str(alignment)]) == 0
    gold = tmp_path / "gold.ladder"
    gold.write_text("\n", encoding="utf-8")
    capsys.readouterr()
    code, err = _run(["eval", str(alignment), str(gold)], capsys)
    _assert_one_line_error(code, err, "has no beads")
