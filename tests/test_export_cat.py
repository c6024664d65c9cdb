"""Exports a CAT tool or a data pipeline can trust: no rejected pairs, revisions where asked,
project language tags, counts that match the file, line-safe TSV, one JSONL table."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from golden.hard_cases import hard_alignment
from lxml import etree
from translate.storage.tmx import tmxfile

from aligner.cli import main
from aligner.core.model import Alignment, Link
from aligner.errors import ExportError
from aligner.io.export import FORMATS, ExportOptions, export_alignment, render_text
from aligner.io.export.tabular import unescape_tsv
from aligner.io.importers import import_file
from aligner.io.importers.common import document_from_texts
from aligner.io.store import save_alignment
from aligner.tui.sample import generated_alignment

SCHEMA = Path(__file__).resolve().parents[1] / "aligner" / "schema" / "export-jsonl.schema.json"
REJECTED_SOURCE = "Управляющие символы"  # the hard cases' rejected link (link 5)
REJECTED_TARGET = "Control characters"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if not FORMATS[f].several_files])
def test_a_rejected_link_is_absent_from_every_one_file_export_by_default(fmt):
    al = hard_alignment()
    assert [lk.status for lk in al.links].count("rejected") == 1
    text = render_text(al, fmt)
    assert REJECTED_SOURCE not in text and REJECTED_TARGET not in text
    kept = render_text(al, fmt, options=ExportOptions(include_rejected=True))
    assert REJECTED_TARGET in kept


def test_a_rejected_link_is_absent_from_the_intertext_alignment(tmp_path):
    result = export_alignment(hard_alignment(), tmp_path / "t", "intertext")
    links = etree.parse(str(tmp_path / "t.ru.en.xml")).getroot().findall("link")
    assert "rejected" not in {lk.get("{urn:aligner}status") for lk in links}
    assert "1:5;1:5" not in {lk.get("xtargets") for lk in links}
    assert result.kept == len(links) == 8


def test_tsv_is_one_line_per_link_for_line_based_tools():
    al = hard_alignment()  # cells with tabs, newlines, CR-free U+2028, quotes
    text = render_text(al, "tsv", options=ExportOptions(neutralise=False))
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) - 2 == 8  # header + 8 links (the rejected one out)
    assert '"' not in text.replace('""', "").split("\n")[0]  # no CSV quoting in the header
    cells = [line.split("\t") for line in lines[:-1]]
    assert {len(row) for row in cells} == {len(cells[0])}
    header = cells[0]
    rows = [dict(zip(header, [unescape_tsv(c) for c in row], strict=True)) for row in cells[1:]]
    kept = [lk for lk in al.links if lk.status != "rejected"]
    assert [r["target"] for r in rows] == [al.target_text(lk) for lk in kept]
    assert rows[3]["source"] == "Абзац с\tтабуляцией и\nпереводом строки"
    assert "Абзац с\\tтабуляцией и\\nпереводом строки" in text
    assert rows[3]["revision_note"] == 'smoother & "clearer"'  # quotes kept as they are


def test_two_jsonl_exports_of_different_alignments_load_as_one_table(tmp_path):
    pa_json = pytest.importorskip("pyarrow.json")
    import pyarrow as pa

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    files = []
    for name, al in (("hard", hard_alignment()), ("plain", generated_alignment(40))):
        path = tmp_path / f"{name}.jsonl"
        export_alignment(al, path, "jsonl")
        for line in path.read_text(encoding="utf-8").splitlines():
            validator.validate(json.loads(line))
        files.append(path)
    tables = [pa_json.read_json(str(p)) for p in files]
    assert tables[0].column_names == tables[1].column_names
    for name in tables[0].column_names:
        a, b = tables[0].schema.field(name).type, tables[1].schema.field(name).type
        # a file whose links have no flags at all gives a list of nulls: the one difference
        assert a == b or name == "flags", (name, a, b)
    both = pa.concat_tables(tables, promote_options="default")
    assert both.num_rows == 8 + 40
    assert both.column("revision").type == tables[0].column("revision").type


def test_lang_tags_go_into_the_tmx_for_a_ru_ru_en_gb_project():
    options = ExportOptions(lang_tags=("ru-RU", "en-GB"))
    root = etree.fromstring(render_text(hard_alignment(), "tmx", options=options).encode())
    assert root.find("header").get("srclang") == "ru-RU"
    assert {tuv.get(XML_LANG) for tuv in root.iter("tuv")} == {"ru-RU", "en-GB"}
    store = tmxfile.parsestring(render_text(hard_alignment(), "tmx", options=options).encode())
    assert store.getsourcelanguage() == "ru-RU"


def test_lang_tags_that_do_not_fit_are_one_clear_error(tmp_path, capsys):
    with pytest.raises(ExportError, match="does not fit the source text"):
        render_text(hard_alignment(), "tmx", options=ExportOptions(lang_tags=("en-GB", "ru-RU")))
    path = tmp_path / "a.json"
    save_alignment(hard_alignment(), path)
    assert main(["export", str(path), "-f", "tmx", "--lang-tags", "ru_RU"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: --lang-tags") and err.count("\n") == 1


def test_use_revisions_puts_the_revised_rendering_in_the_tmx_target_and_round_trips(tmp_path):
    al = hard_alignment()
    out = tmp_path / "revised.tmx"
    export_alignment(al, out, "tmx", options=ExportOptions(use_revisions=True))
    store = tmxfile.parsestring(out.read_bytes())
    unit = next(u for u in store.getunits() if u.getid() == "3")
    assert unit.target == al.links[3].revision.text
    assert "Original: A paragraph with\ta tab and\na newline" in unit.getnotes()
    back = import_file(out, "tmx")
    link = next(lk for lk in back.links if lk.id == 3)
    assert back.target_text(link) == al.target_text(al.links[3])  # the published text
    assert link.revision is not None and link.revision.text == al.links[3].revision.text


def test_use_revisions_in_intertext_puts_the_revision_in_the_target_document(tmp_path):
    al = hard_alignment()
    export_alignment(al, tmp_path / "t", "intertext", options=ExportOptions(use_revisions=True))
    paragraphs = [p.text for p in etree.parse(str(tmp_path / "t.en.xml")).iter("p")]
    assert al.links[3].revision.text in paragraphs
    assert "A paragraph with\ta tab and\na newline" not in paragraphs
    links = etree.parse(str(tmp_path / "t.ru.en.xml")).getroot().findall("link")
    revised = next(lk for lk in links if lk.get("{urn:aligner}id") == "3")
    assert revised.get("{urn:aligner}original") == "A paragraph with\ta tab and\na newline"
    # without the option the revision travels in an attribute, the document is the published one
    export_alignment(al, tmp_path / "u", "intertext")
    plain = etree.parse(str(tmp_path / "u.ru.en.xml")).getroot().findall("link")
    assert next(lk for lk in plain if lk.get("{urn:aligner}id") == "3").get(
        "{urn:aligner}revision") == al.links[3].revision.text


def test_headers_carry_the_creation_date_and_the_tool_version():
    from aligner import __version__

    options = ExportOptions(created="2026-12-01T20:15:00+00:00")
    tmx = etree.fromstring(render_text(hard_alignment(), "tmx", options=options).encode())
    header = tmx.find("header")
    assert header.get("creationdate") == "20261201T201500Z"
    assert header.get("creationtoolversion") == __version__
    html = render_text(hard_alignment(), "html", options=options)
    assert '<meta name="dcterms.created" content="2026-12-01T20:15:00+00:00">' in html
    assert f"aligner {__version__} on 2026-12-01T20:15:00+00:00" in render_text(
        hard_alignment(), "markdown", options=options)


def _page_break_alignment() -> Alignment:
    first = "The Soviet side insists that the question of the inspection should be settled by"
    second = "agreement of the parties, as was proposed on 28 October."
    source = document_from_texts(["Советская сторона настаивает.", "Второй абзац."], language="ru")
    target = document_from_texts([first, second, "Another paragraph."], language="en")
    links = (Link((0,), (0, 1), 0.9), Link((1,), (2,), 0.9))
    return Alignment(source, target, links)


@pytest.mark.parametrize("fmt", ["tmx", "tsv", "csv", "jsonl", "markdown", "html"])
def test_the_halves_of_a_page_break_are_joined_by_a_space_in_every_format(fmt):
    text = render_text(_page_break_alignment(), fmt)
    assert "settled by agreement of the parties" in text


def test_an_imported_tmx_keeps_its_header(tmp_path):
    tmx = tmp_path / "memory.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="OmegaT"'
        ' creationtoolversion="6.0.0" segtype="sentence" o-tmf="OmegaT TMX" adminlang="EN-US"'
        ' srclang="ru-RU" datatype="plaintext"/><body><tu><tuv xml:lang="ru-RU"><seg>Да.</seg>'
        '</tuv><tuv xml:lang="en-GB"><seg>Yes.</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8")
    al = import_file(tmx, "tmx")
    header = al.settings["imported"]["header"]
    assert header["segtype"] == "sentence" and header["creationtool"] == "OmegaT"
    assert header["creationtoolversion"] == "6.0.0" and header["srclang"] == "ru-RU"
    saved = tmp_path / "memory.json"
    save_alignment(al, saved)
    from aligner.io.store import load_alignment

    assert load_alignment(saved).settings["imported"]["header"]["segtype"] == "sentence"


def test_printed_counts_match_what_each_format_writes(tmp_path, capsys):
    al = hard_alignment()
    links = list(al.links)
    links[2] = replace(links[2], status="rejected")
    path = tmp_path / "a.json"
    save_alignment(al.with_links(links), path)
    out = tmp_path / "pairs.jsonl"
    assert main(["export", str(path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    written = len(out.read_text(encoding="utf-8").splitlines())
    assert printed.startswith(f"exported {written} of 9 links as jsonl")
    assert "left out: 2 rejected links (--include-rejected keeps them)" in printed


def test_the_html_revision_diff_keeps_a_space_between_the_old_and_the_new_word():
    from aligner.io.export.html import diff_markup

    markup = diff_markup("as far as security goes", "as far for security goes")
    assert markup == "as far <del>as</del> <ins>for</ins> security goes"
    import re

    assert re.sub(r"<[^>]+>", "", markup) == "as far as for security goes"  # read unmarked


def test_html_term_colours_do_not_repeat_in_a_long_glossary():
    from aligner.io.export.html import term_colour

    colours = [term_colour(n) for n in range(40)]
    assert len(set(colours)) == 40


def test_the_html_metadata_folds_so_the_pairs_come_first():
    html = render_text(hard_alignment(), "html")
    assert html.count("<details class=\"doc\">") == 2
    summary = html[html.index("<summary>"):html.index("</summary>")]
    assert "ru, reconstructed, 9 paragraphs" in summary
