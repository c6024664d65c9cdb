"""The compare report: self-contained HTML with every text escaped, a text table, JSON."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from aligner.core.compare import compare_alignments
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.errors import UsageError
from aligner.io.compare_report import format_for_path, render, write

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
NASTY = '<script>alert(1)</script> & ]]> "quoted" [and] [/b]'


def _read(name: str, provenance: str = "unknown") -> Document:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    paragraphs = [p.replace("\n", " ").strip() for p in text.split("\n\n") if p.strip()]
    return Document(tuple(Segment(p) for p in paragraphs), "en", path=name, provenance=provenance)


def _comparison(original: Document, *translations: Document, omit: int | None = None):
    alignments = []
    for k, doc in enumerate(translations):
        n = len(original.segments)
        if k == 1 and omit is not None:
            links = [Link((i,), ()) if i == omit else Link((i,), (i - (i > omit),))
                     for i in range(n)]
        else:
            links = [Link((i,), (i,)) for i in range(n)]
        alignments.append(Alignment(original, doc, tuple(links)))
    return compare_alignments(alignments)


@pytest.fixture(scope="module")
def fixtures_comparison():
    original = _read("translation-a.en.txt", provenance="reconstructed")
    return _comparison(original, *(_read(f"translation-{x}.en.txt") for x in "abc"), omit=10)


@pytest.fixture
def nasty_comparison():
    evil = NASTY + " <img src=x onerror=alert(2)>"
    original = Document((Segment(evil), Segment("Second & last.")), "ru", path="orig<x>.txt",
                        provenance="reconstructed", metadata={"title": "Title </title><script>"})
    one = Document((Segment("Plain " + NASTY), Segment("Second & last.")), "en", path="a&b.txt")
    two = Document((Segment("Other " + evil), Segment("]]><!-- Second")), "en", path="<t2>.txt")
    return _comparison(original, one, two)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_every_text(nasty_comparison):
    html = render(nasty_comparison, "html")
    parsed = _Collector()
    parsed.feed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    assert "<script>" not in html and "<!--" not in html and "]]>" not in html
    text = "".join(parsed.text)
    assert "<script>alert(1)</script> & ]]>" in text  # shown to the reader, as text
    assert "Title </title><script>" in text and "a&b.txt" in text


def test_html_is_self_contained(fixtures_comparison):
    html = render(fixtures_comparison, "html")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "<script" not in html
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


def test_html_labels_a_reconstructed_original(fixtures_comparison):
    html = render(fixtures_comparison, "html")
    assert 'class="banner"' in html and "RECONSTRUCTED text, not an archival document" in html


def test_html_marks_word_changes_and_the_missing_paragraph(fixtures_comparison):
    html = render(fixtures_comparison, "html")
    assert "<del>weaponry</del> <ins>armaments</ins>" in html
    assert "<del>blockade</del> <ins>quarantine</ins>" in html
    row = html[html.index('<tr id="p10"'):]
    row = row[: row.index("</tr>")]
    assert "(missing from this translation)" in row
    assert re.search(r'href="#p10">¶10</a> missing from translation-b\.en\.txt', html)


def test_table_lists_findings_and_diffs(fixtures_comparison):
    table = render(fixtures_comparison, "table")
    assert "** RECONSTRUCTED: not an archival text **" in table
    assert "¶10 missing from translation-b.en.txt: If the Americans insist" in table
    assert 'formulation "offensive [-weaponry-]{+armaments+}."' in table
    assert "(17 paragraphs read the same in every translation)" in table


def test_json_has_rows_findings_and_diffs(fixtures_comparison, tmp_path):
    out = tmp_path / "report.json"
    assert write(fixtures_comparison, out) == "json"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["original"]["reconstruction"] is True
    assert data["missing"] == [{"source": [10], "missing_from": [1], "dropped": []}]
    assert len(data["rows"]) == 24
    ops = data["rows"][20]["renderings"][2]["diff"]
    assert {"tag": "replace", "old": "weaponry ", "new": "armaments "} in ops


def test_format_follows_the_extension_unless_given():
    assert format_for_path("r.html", None) == "html"
    assert format_for_path("r.JSON", None) == "json"
    assert format_for_path("r.txt", None) == "table"
    assert format_for_path(None, None) == "table"
    assert format_for_path("r.html", "json") == "json"
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        format_for_path("r.pdf", "pdf")
