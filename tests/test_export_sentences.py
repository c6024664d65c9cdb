"""``aligner export --level sentence``: a unit per sentence link in every format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from aligner.cli import main
from aligner.core.model import Alignment, Link
from aligner.core.sentences import align_sentences
from aligner.io.store import save_alignment
from aligner.io.texts import parse_document_text

RU = (
    "# provenance: reconstructed\n"
    "Во-первых. Из бесед с У Таном у нас сложилось впечатление [и] мнение.\n\n"
    "Просим рассмотреть.\n"
)
EN = (
    "First. From talks with U Thant we have received the impression [and] view.\n\n"
    "We request your examination.\n"
)


@pytest.fixture
def two_level(tmp_path: Path) -> Path:
    source = parse_document_text(RU, language="ru", sentences="auto")
    target = parse_document_text(EN, language="en", sentences="auto")
    links = (Link((0,), (0,)), Link((1,), (1,), status="confirmed"))
    alignment = align_sentences(Alignment(source, target, links), refine=False)
    path = tmp_path / "t.json"
    save_alignment(alignment, path)
    return path


def _export(path: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", str(path), "--level", "sentence", *args]) == 0
    return capsys.readouterr().out


def test_tmx_has_a_sentence_per_unit_and_says_so(two_level: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "s.tmx"
    said = _export(two_level, "-o", str(out), capsys=capsys)
    assert f"exported 3 of 3 sentence links as tmx to {out}" in said
    root = etree.fromstring(out.read_bytes())
    assert root.find("header").get("segtype") == "sentence"
    segs = [[s.text for s in tu.iter("seg")] for tu in root.iter("tu")]
    assert segs == [
        ["Во-первых.", "First."],
        [
            "Из бесед с У Таном у нас сложилось впечатление [и] мнение.",
            "From talks with U Thant we have received the impression [and] view.",
        ],
        ["Просим рассмотреть.", "We request your examination."],
    ]
    assert "RECONSTRUCTION" in out.read_text(encoding="utf-8")


def test_paragraph_level_tmx_is_unchanged(two_level: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.tmx"
    assert main(["export", str(two_level), "-o", str(out)]) == 0
    root = etree.fromstring(out.read_bytes())
    assert root.find("header").get("segtype") == "paragraph"
    assert len(list(root.iter("tu"))) == 2


def test_intertext_puts_sentences_inside_paragraphs(
    two_level: Path, tmp_path: Path, capsys
) -> None:
    _export(two_level, "-f", "intertext", "-o", str(tmp_path / "it"), capsys=capsys)
    ru = etree.parse(str(tmp_path / "it.ru.xml")).getroot()
    assert [p.get("id") for p in ru.iter("p")] == ["1", "2"]
    assert [[s.get("id") for s in p.iter("s")] for p in ru.iter("p")] == [["1:1", "1:2"], ["2:1"]]
    links = etree.parse(str(tmp_path / "it.ru.en.xml")).getroot()
    assert [lk.get("xtargets") for lk in links.iter("link")] == ["1:1;1:1", "1:2;1:2", "2:1;2:1"]
    # The confirmed paragraph link's sentence is confirmed too.
    assert [lk.get("status") for lk in links.iter("link")] == ["auto", "auto", "man"]


@pytest.mark.parametrize("form", ["tsv", "csv", "jsonl", "markdown", "html"])
def test_every_one_file_format_has_a_row_per_sentence_link(
    two_level: Path, form: str, capsys
) -> None:
    text = _export(two_level, "-f", form, capsys=capsys)
    assert "Во-первых." in text and "First." in text
    if form == "tsv":
        rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
        assert len(rows) == 1 + 3
    elif form == "csv":
        assert len(list(csv.reader(io.StringIO(text)))) == 1 + 3
    elif form == "jsonl":
        records = [json.loads(line) for line in text.splitlines()]
        assert [r["source"] for r in records][0] == "Во-первых."
        assert len(records) == 3


def test_sentence_export_of_a_paragraph_only_alignment_is_one_clear_error(
    tmp_path: Path, capsys
) -> None:
    source = parse_document_text(RU, language="ru")
    target = parse_document_text(EN, language="en")
    path = tmp_path / "p.json"
    save_alignment(Alignment(source, target, (Link((0,), (0,)), Link((1,), (1,)))), path)
    assert main(["export", str(path), "-f", "tsv", "--level", "sentence"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: ") and "no sentence links" in err
