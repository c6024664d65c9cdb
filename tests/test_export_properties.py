"""Properties over arbitrary text: no paragraph can break an export format."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from markdown_it import MarkdownIt

from aligner.core.model import Alignment, Link
from aligner.io.export import ExportOptions, render_text
from aligner.io.export.options import xml_safe
from aligner.io.export.tabular import unescape_tsv
from aligner.io.importers.common import document_from_texts

texts = st.text(min_size=1, max_size=60)
PROPS = settings(max_examples=60, deadline=None)


def _pair(source: str, target: str, note: str = "") -> Alignment:
    return Alignment(
        document_from_texts([source], language="ru", provenance="reconstructed"),
        document_from_texts([target], language="en", provenance="archival"),
        (Link((0,), (0,), 0.5, note=note),),
    )


@PROPS
@given(texts, texts, st.text(max_size=20))
def test_tsv_and_csv_give_back_every_text_exactly(source: str, target: str, note: str) -> None:
    for fmt, delimiter in (("tsv", "\t"), ("csv", ",")):
        out = render_text(_pair(source, target, note), fmt, options=ExportOptions(neutralise=False))
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(out, newline=""), delimiter=delimiter))
        else:  # line-safe TSV: exactly one line per row, escapes undone per cell
            lines = out.split("\n")[:-1]
            header, *body = [[unescape_tsv(c) for c in line.split("\t")] for line in lines]
            rows = [dict(zip(header, row, strict=True)) for row in body]
        assert [(r["source"], r["target"], r["note"]) for r in rows] == [(source, target, note)]


@PROPS
@given(texts, texts)
def test_jsonl_is_one_line_per_link_and_exact(source: str, target: str) -> None:
    lines = render_text(_pair(source, target), "jsonl").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert (record["source"], record["target"]) == (source, target)


@PROPS
@given(texts, texts)
def test_tmx_is_well_formed_and_keeps_every_allowed_character(source: str, target: str) -> None:
    root = etree.fromstring(render_text(_pair(source, target), "tmx").encode("utf-8"))
    segs = [seg.text or "" for seg in root.iter("seg")]
    if xml_safe(source) and xml_safe(target):
        assert segs == [xml_safe(source), xml_safe(target)]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)


@PROPS
@given(texts, texts, st.text(max_size=20))
def test_html_holds_only_the_reports_own_elements(source: str, target: str, note: str) -> None:
    parser = _Collect()
    parser.feed(render_text(_pair(source, target, note), "html"))
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "div",
                           "details", "summary", "strong",
                           "dl", "dt", "dd", "p", "table", "colgroup", "col", "thead", "tbody",
                           "tr", "th", "td", "br", "span", "footer"}


@PROPS
@given(texts, texts)
def test_markdown_never_lets_text_become_raw_html(source: str, target: str) -> None:
    for style in ("table", "blocks"):
        text = render_text(_pair(source, target), "markdown", options=ExportOptions(md_style=style))
        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        inline = [child for tok in tokens for child in (tok.children or ())]
        assert not [t for t in tokens if t.type == "html_block"]
        assert {t.content for t in inline if t.type == "html_inline"} <= {"<br>"}
