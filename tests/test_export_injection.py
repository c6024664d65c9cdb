"""A hostile paragraph is exported safely in every format.

The paragraph holds a script tag, a CDATA terminator, a bare ampersand and a
spreadsheet formula: no format may run, break or mis-parse it.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from markdown_it import MarkdownIt

from aligner.core.model import Alignment, Document, Link, Revision, Segment
from aligner.io.export import FORMATS, ExportOptions, export_alignment, render_text

HOSTILE = '=HYPERLINK("x") <script>alert(1)</script> ]]> & done'


def _doc(text: str, lang: str) -> Document:
    return Document((Segment(text, 0, len(text)),), language=lang, provenance="reconstructed",
                    metadata={"title": HOSTILE})


def hostile_alignment() -> Alignment:
    link = Link((0,), (0,), 0.9, note=HOSTILE, revision=Revision(HOSTILE + " revised"))
    return Alignment(_doc(HOSTILE, "ru"), _doc(HOSTILE, "en"), (link,))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def test_html_report_has_no_script_element_and_shows_the_text() -> None:
    page = render_text(hostile_alignment(), "html")
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags
    assert not lxml.html.document_fromstring(page).xpath("//script")
    assert any(HOSTILE in d for d in parser.data)  # shown as text, unchanged
    assert "onerror" not in page and "<script" not in page


@pytest.mark.parametrize("fmt", ["tmx"])
def test_tmx_is_well_formed_and_keeps_the_text(fmt: str) -> None:
    root = etree.fromstring(render_text(hostile_alignment(), fmt).encode("utf-8"))
    assert [seg.text for seg in root.iter("seg")] == [HOSTILE, HOSTILE]
    assert not list(root.iter("script"))


def test_intertext_files_are_well_formed_and_keep_the_text(tmp_path: Path) -> None:
    result = export_alignment(hostile_alignment(), tmp_path / "x", "intertext")
    for path in result.paths:
        root = etree.parse(str(path)).getroot()
        assert not list(root.iter("script"))
    doc = etree.parse(str(tmp_path / "x.ru.xml")).getroot()
    assert [p.text for p in doc.iter("p")] == [HOSTILE]


@pytest.mark.parametrize("fmt,delimiter", [("csv", ","), ("tsv", "\t")])
def test_tabular_formula_cell_is_neutralised(fmt: str, delimiter: str) -> None:
    text = render_text(hostile_alignment(), fmt)
    row = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))[0]
    for column in ("source", "target", "note"):
        assert row[column] == "'" + HOSTILE
    assert row["revised_target"] == "'" + HOSTILE + " revised"


@pytest.mark.parametrize("style", ["table", "blocks"])
def test_markdown_renders_the_tags_as_text(style: str) -> None:
    """Rendered by a CommonMark renderer, the paragraph is text, never markup."""
    text = render_text(hostile_alignment(), "markdown", options=ExportOptions(md_style=style))
    page = MarkdownIt("commonmark").enable("table").render(text)
    tree = lxml.html.fragment_fromstring(page, create_parent="div")
    assert not tree.xpath("//script")
    shown = [el.text_content() for el in tree.iter("td", "p")]
    assert shown.count(HOSTILE) >= 2  # the source and the target, each exactly as written


def test_jsonl_keeps_the_text_exactly() -> None:
    record = json.loads(render_text(hostile_alignment(), "jsonl"))
    assert record["source"] == record["target"] == record["note"] == HOSTILE


def test_every_format_is_covered_here() -> None:
    assert set(FORMATS) == {"tmx", "tsv", "csv", "html", "markdown", "jsonl", "intertext"}
