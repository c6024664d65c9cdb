"""Round trips: what aligner writes, other readers (and aligner's importers) read back intact."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from golden.hard_cases import hard_alignment
from lxml import etree
from translate.storage.tmx import tmxfile

from aligner.core.model import Alignment
from aligner.io.export import ExportOptions, export_alignment, render_text
from aligner.io.export.options import xml_safe
from aligner.io.export.tabular import columns, unescape_tsv
from aligner.io.importers import import_file
from aligner.io.sanitize import clean_text

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Round trips carry every link, the rejected one too (left out by default).
EVERY_LINK = ExportOptions(include_rejected=True)


def _pairs(al: Alignment, sep: str) -> list[tuple[str, str]]:
    return [(al.source_text(lk, sep), al.target_text(lk, sep)) for lk in al.links]


def _props(element: etree._Element) -> dict[str, str]:
    return {p.get("type"): p.text for p in element.findall("prop")}


# --- TMX ---------------------------------------------------------------------


def test_tmx_read_by_translate_toolkit_gives_the_same_pairs_languages_and_props() -> None:
    al = hard_alignment()
    store = tmxfile.parsestring(render_text(al, "tmx", options=EVERY_LINK).encode("utf-8"))
    units = store.getunits()
    kept = [lk for lk in al.links if lk.source and lk.target]
    assert len(units) == len(kept) == 7  # the 1-0 and 0-1 links are no translation units
    for unit, link in zip(units, kept, strict=True):
        src, tgt = al.source_text(link, " "), al.target_text(link, " ")
        assert (unit.source, unit.target) == (xml_safe(src), xml_safe(tgt))
        langs = [tuv.get(XML_LANG) for tuv in unit.getlanguageNodes()]
        assert langs == ["ru", "en"]
        assert unit.getid() == str(link.id)
        props = _props(unit.xmlelement)
        assert props["x-link-id"] == str(link.id)
        assert float(props["x-confidence"]) == pytest.approx(link.confidence)
        assert props["x-status"] == link.status
        assert [_props(tuv)["x-provenance"] for tuv in unit.getlanguageNodes()] == [
            "reconstructed",
            "archival",
        ]


def test_tmx_header_is_tmx_1_4b_and_marks_the_reconstruction() -> None:
    options = ExportOptions(created="2026-12-01T20:15:00Z")
    root = etree.fromstring(render_text(hard_alignment(), "tmx", options=options).encode())
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert dict(header.attrib) == {
        "creationtool": "aligner",
        "creationtoolversion": header.get("creationtoolversion"),
        "creationdate": "20261201T201500Z",
        "segtype": "paragraph",
        "o-tmf": "aligner",
        "adminlang": "en",
        "srclang": "ru",
        "datatype": "plaintext",
    }
    assert _props(header)["x-source-provenance"] == "reconstructed"
    assert "RECONSTRUCTION" in header.findtext("note")


def test_tmx_keeps_the_original_target_and_carries_the_revision_as_a_note() -> None:
    store = tmxfile.parsestring(render_text(hard_alignment(), "tmx").encode("utf-8"))
    unit = next(u for u in store.getunits() if u.getid() == "3")
    assert unit.target == "A paragraph with\ta tab and\na newline"
    assert "Revision: A paragraph with a tab and a new line" in unit.getnotes()
    assert _props(unit.xmlelement)["x-revision-author"] == "Editor <ed@example.org>"


def test_tmx_reimported_by_aligner_gives_the_same_one_to_one_pairs(tmp_path: Path) -> None:
    al = hard_alignment()
    out = tmp_path / "pairs.tmx"
    export_alignment(al, out, "tmx", options=EVERY_LINK)
    back = import_file(out, "tmx")
    kept = [lk for lk in al.links if lk.source and lk.target]
    assert _pairs(back, " ") == [
        (xml_safe(al.source_text(lk, " ")), xml_safe(al.target_text(lk, " "))) for lk in kept
    ]
    assert [(lk.id, lk.status, lk.confidence, lk.note) for lk in back.links] == [
        (lk.id, lk.status, lk.confidence, lk.note) for lk in kept
    ]
    assert back.links[3].revision == al.links[3].revision
    assert (back.source.provenance, back.target.provenance) == ("reconstructed", "archival")
    assert back.target.metadata["translator"] == "John Henriksen"


# --- TSV and CSV -------------------------------------------------------------


def _read(text: str, delimiter: str) -> list[dict[str, str]]:
    """CSV through the csv module; TSV the way line-based tools read it: a line per
    row, cells split at tabs, then the documented escapes undone."""
    if delimiter == ",":
        return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))
    lines = text.split("\n")
    assert lines[-1] == ""
    rows = [[unescape_tsv(cell) for cell in line.split("\t")] for line in lines[:-1]]
    header = rows[0]
    assert all(len(row) == len(header) for row in rows)
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("fmt,delimiter", [("tsv", "\t"), ("csv", ",")])
def test_tabular_cells_come_back_exactly_through_the_csv_module(fmt: str, delimiter: str) -> None:
    al = hard_alignment()
    options = ExportOptions(neutralise=False, include_rejected=True)
    rows = _read(render_text(al, fmt, options=options), delimiter)
    assert [(r["source"], r["target"]) for r in rows] == _pairs(al, "\n\n")
    assert [r["note"] for r in rows] == [lk.note for lk in al.links]
    assert [r["id"] for r in rows] == [str(lk.id) for lk in al.links]
    assert {r["source_provenance"] for r in rows} == {"reconstructed"}
    assert rows[3]["revised_target"] == al.links[3].revision.text
    assert rows[3]["revision_note"] == 'smoother & "clearer"'
    assert rows[1]["flags"] == "missing:blockade"


@pytest.mark.parametrize("fmt,delimiter", [("tsv", "\t"), ("csv", ",")])
def test_formula_cells_are_neutralised_by_default(fmt: str, delimiter: str) -> None:
    al = hard_alignment()
    rows = _read(render_text(al, fmt, options=EVERY_LINK), delimiter)
    assert rows[1]["source"] == "'=HYPERLINK(\"x\") формула"
    assert rows[8]["source"] == "'+7 и -3, @user"
    assert rows[8]["note"] == "'-3 is a check"
    for row, (src, tgt) in zip(rows, _pairs(al, "\n\n"), strict=True):
        for cell, original in ((row["source"], src), (row["target"], tgt)):
            assert cell == ("'" + original if original[:1] in ("=", "+", "-", "@") else original)


def test_a_carriage_return_inside_a_tsv_cell_does_not_split_the_row() -> None:
    al = hard_alignment()
    from dataclasses import replace

    from aligner.core.model import Segment

    segs = list(al.source.segments)
    segs[0] = Segment("line one\rline two", 0, 17)
    al = replace(al, source=replace(al.source, segments=tuple(segs)))
    text = render_text(al, "tsv", options=EVERY_LINK)
    assert "\r" not in text
    rows = _read(text, "\t")
    assert rows[0]["source"] == "line one\rline two"
    assert len(rows) == len(al.links)


def test_bom_option_starts_the_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    export_alignment(hard_alignment(), out, "csv", options=ExportOptions(bom=True))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,link,source,target")
    assert not render_text(hard_alignment(), "csv").startswith("\ufeff")


def test_revision_columns_appear_only_when_a_link_has_a_revision() -> None:
    from aligner.io.export.options import ExportContext

    al = hard_alignment()
    assert "revised_target" in columns(ExportContext(al))
    no_revision = ExportContext(al, ExportOptions(one_to_one=True, min_confidence=0.95))
    assert "revised_target" not in columns(no_revision)


# --- JSON Lines --------------------------------------------------------------


def test_jsonl_is_one_record_per_line_even_for_unicode_line_separators() -> None:
    text = render_text(hard_alignment(), "jsonl", options=EVERY_LINK)
    lines = text.splitlines()  # splits on U+2028 too, which must not occur raw
    assert len(lines) == len(hard_alignment().links)
    records = [json.loads(line) for line in lines]
    assert records[8]["target"] == "+7 and -3, @user\u2028next line"
    assert records[4]["source"] == "Управляющие символы: \x01\x07\x1b конец"
    assert records[0]["provenance"] == {"source": "reconstructed", "target": "archival"}
    assert records[3]["revision"]["text"] == "A paragraph with a tab and a new line"
    assert records[7]["source_paragraphs"] == ["Первая часть.", "Вторая часть."]


def _same_links(back: Alignment, al: Alignment) -> None:
    fields = ("id", "source", "target", "status", "confidence", "note", "bookmark")
    assert [tuple(getattr(lk, f) for f in fields) for lk in back.links] == [
        tuple(getattr(lk, f) for f in fields) for lk in al.links
    ]


def test_jsonl_reimported_by_aligner_gives_the_same_links_and_texts(tmp_path: Path) -> None:
    al = hard_alignment()
    out = tmp_path / "pairs.jsonl"
    export_alignment(al, out, "jsonl", options=EVERY_LINK)
    back = import_file(out, "jsonl")
    assert [(lk.source, lk.target, lk.id, lk.status, lk.note) for lk in back.links] == [
        (lk.source, lk.target, lk.id, lk.status, lk.note) for lk in al.links
    ]
    # Text comes back as written, except the control characters the sanitiser replaces.
    assert back.source.texts() == [clean_text(t).text for t in al.source.texts()]
    assert back.target.texts() == [clean_text(t).text for t in al.target.texts()]
    assert [lk.revision for lk in back.links] == [lk.revision for lk in al.links]
    assert [lk.flags for lk in back.links] == [lk.flags for lk in al.links]
    assert (back.source.language, back.source.provenance) == ("ru", "reconstructed")


# --- InterText ---------------------------------------------------------------


def test_intertext_reimported_by_aligner_gives_the_same_links_and_texts(tmp_path: Path) -> None:
    al = hard_alignment()
    result = export_alignment(al, tmp_path, "intertext", stem="telegram", options=EVERY_LINK)
    link_file = tmp_path / "telegram.ru.en.xml"
    assert link_file in result.paths
    back = import_file(link_file, "intertext")
    _same_links(back, al)
    assert back.source.texts() == [xml_safe(t) for t in al.source.texts()]
    assert back.target.texts() == [xml_safe(t) for t in al.target.texts()]
    assert (back.source.language, back.target.language) == ("ru", "en")
    assert back.source.provenance == "reconstructed"


def test_intertext_alignment_file_lists_the_target_side_first() -> None:
    from aligner.io.export.intertext import render_files
    from aligner.io.export.options import ExportContext

    files = render_files(ExportContext(hard_alignment(), EVERY_LINK), "t")
    group = etree.fromstring(files["t.ru.en.xml"].encode("utf-8"))
    assert (group.get("fromDoc"), group.get("toDoc")) == ("t.ru.xml", "t.en.xml")
    links = group.findall("link")
    assert links[7].get("type") == "1-2"
    assert links[7].get("xtargets") == "1:7;1:7 1:8"
    assert links[7].get("mark") == "1"
    assert [lk.get("status") for lk in links[:5]] == ["man", "auto", "auto", "man", "plain"]
    assert links[5].get("xtargets") == ";1:6"
