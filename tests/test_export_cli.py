"""``aligner export``: what a user sees, what is written, and what never is."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from golden.hard_cases import hard_alignment

from aligner.cli import main
from aligner.io.store import save_alignment


@pytest.fixture
def alignment_file(tmp_path: Path) -> Path:
    path = tmp_path / "hard.json"
    save_alignment(hard_alignment(), path)
    return path


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    # The hard cases hold control characters, which loading reports as warnings.
    lines = capsys.readouterr().err.splitlines(keepends=True)
    err = "".join(line for line in lines if not line.startswith("aligner: warning: "))
    assert err.count("\n") == 1 and err.startswith("aligner: error: "), err
    assert "Traceback" not in err
    return err


def test_export_to_a_file_says_what_it_wrote(alignment_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "pairs.tmx"
    assert main(["export", str(alignment_file), "--format", "tmx", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    # the count printed is the count of units in the file, and what was left out is named
    assert text.count("<tu ") == 6
    assert capsys.readouterr().out == (
        f"exported 6 of 9 links as tmx to {out}; left out: 1 rejected link "
        "(--include-rejected keeps it), 2 one-sided links (a tmx unit needs text on both "
        "sides)\n")
    assert main(["export", str(alignment_file), "-f", "tmx", "-o", str(out), "--force",
                 "--include-rejected"]) == 0
    assert out.read_text(encoding="utf-8").count("<tu ") == 7
    assert capsys.readouterr().out.startswith(f"exported 7 of 9 links as tmx to {out}; ")


def test_format_comes_from_the_output_extension(alignment_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert main(["export", str(alignment_file), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_no_output_writes_text_formats_to_stdout(alignment_file: Path, capsys) -> None:
    assert main(["export", str(alignment_file), "--format", "jsonl", "--one-to-one"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == [0, 1, 2, 3, 8]  # link 4 is rejected


def test_filters_combine(alignment_file: Path, capsys) -> None:
    argv = ["export", str(alignment_file), "-f", "tsv", "-o", "-", "--confirmed",
            "--min-confidence", "0.92"]
    assert main(argv) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline=""), delimiter="\t"))
    assert [r["id"] for r in rows] == ["0"]


def test_neutralising_can_be_turned_off(alignment_file: Path, capsys) -> None:
    assert main(["export", str(alignment_file), "-f", "csv", "--no-neutralise"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert rows[1]["source"] == '=HYPERLINK("x") формула'


def test_intertext_writes_three_files_beside_a_base_name(alignment_file: Path, tmp_path: Path):
    assert main(["export", str(alignment_file), "-f", "intertext", "-o", str(tmp_path / "t")]) == 0
    assert {p.name for p in tmp_path.glob("t.*.xml")} == {"t.ru.xml", "t.en.xml", "t.ru.en.xml"}


def test_intertext_into_a_folder_is_named_after_the_alignment(alignment_file, tmp_path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["export", str(alignment_file), "-f", "intertext", "-o", str(folder)]) == 0
    assert (folder / "hard.ru.en.xml").exists()


# --- errors: one line, exit 2, nothing written --------------------------------


def test_unknown_format_lists_the_known_ones(alignment_file: Path, tmp_path: Path, capsys):
    out = tmp_path / "x.doc"
    assert main(["export", str(alignment_file), "--format", "docx", "-o", str(out)]) == 2
    err = _one_error_line(capsys)
    assert "unknown export format 'docx'" in err and "tmx, tsv, csv, html" in err
    assert not out.exists()


def test_existing_output_is_kept_without_force(alignment_file: Path, tmp_path: Path, capsys):
    out = tmp_path / "pairs.csv"
    out.write_text("precious", encoding="utf-8")
    assert main(["export", str(alignment_file), "-o", str(out)]) == 2
    assert "already exists; use --force" in _one_error_line(capsys)
    assert out.read_text(encoding="utf-8") == "precious"
    assert main(["export", str(alignment_file), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("id,link,source,target")


def test_intertext_refuses_if_any_of_its_files_exists(alignment_file, tmp_path, capsys) -> None:
    (tmp_path / "t.en.xml").write_text("precious", encoding="utf-8")
    assert main(["export", str(alignment_file), "-f", "intertext", "-o", str(tmp_path / "t")]) == 2
    _one_error_line(capsys)
    assert not (tmp_path / "t.ru.xml").exists()
    assert (tmp_path / "t.en.xml").read_text(encoding="utf-8") == "precious"


@pytest.mark.parametrize("where", ["missing-folder/out.tmx", "a-file/out.tmx"])
def test_unwritable_output_path_is_one_line(alignment_file, tmp_path, capsys, where) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / where
    assert main(["export", str(alignment_file), "-f", "tmx", "-o", str(out)]) == 2
    assert "cannot write" in _one_error_line(capsys)
    assert not out.exists()


def test_output_that_is_a_folder_is_refused(alignment_file, tmp_path, capsys) -> None:
    assert main(["export", str(alignment_file), "-f", "tmx", "-o", str(tmp_path)]) == 2
    assert "is a folder" in _one_error_line(capsys)


def test_input_that_is_not_an_alignment_is_the_store_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    out = tmp_path / "out.tmx"
    assert main(["export", str(bad), "-f", "tmx", "-o", str(out)]) == 2
    assert "is not an aligner alignment" in _one_error_line(capsys)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [bad]  # no temporary file left behind either


def test_missing_format_and_no_extension_asks_for_one(alignment_file, capsys) -> None:
    assert main(["export", str(alignment_file)]) == 2
    assert "give --format" in _one_error_line(capsys)


def test_intertext_to_stdout_is_refused(alignment_file, capsys) -> None:
    assert main(["export", str(alignment_file), "-f", "intertext"]) == 2
    assert "writes several files" in _one_error_line(capsys)


def test_term_filter_without_glossary_is_one_line(alignment_file, capsys) -> None:
    assert main(["export", str(alignment_file), "-f", "tsv", "--term", "blockade"]) == 2
    assert "pass one with --glossary" in _one_error_line(capsys)


def test_bad_minimum_confidence_is_one_line(alignment_file, capsys) -> None:
    assert main(["export", str(alignment_file), "-f", "tsv", "--min-confidence", "80"]) == 2
    assert "outside 0..1" in _one_error_line(capsys)


def test_report_without_any_glossary_is_made_and_says_so(alignment_file, tmp_path, capsys) -> None:
    out = tmp_path / "report.html"
    assert main(["export", str(alignment_file), "-o", str(out)]) == 0
    assert "no term highlights" in capsys.readouterr().err
    assert "<mark" not in out.read_text(encoding="utf-8")
