"""The bundled telegram, aligned, exported to every format with its provenance marked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from lxml import etree

from aligner.core.align import align_documents
from aligner.core.glossary import Glossary
from aligner.core.model import Alignment
from aligner.core.terms import hits_by_segment
from aligner.errors import ExportError
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.export import FORMATS, ExportOptions, export_alignment, render_text
from aligner.io.export.html import Markup, tag
from aligner.io.glossary import load_glossary


@pytest.fixture(scope="module")
def telegram() -> tuple[Alignment, Glossary]:
    source, target = load_bundled()
    glossary = load_glossary(bundled_glossary_path())
    return align_documents(source, target, glossary_pairs=glossary.term_pairs()), glossary


def test_every_format_exports_the_telegram(telegram, tmp_path: Path) -> None:
    al, glossary = telegram
    for name, form in FORMATS.items():
        result = export_alignment(al, tmp_path / name, form, glossary=glossary)
        assert result.kept == len(al.links) > 20
        assert all(p.stat().st_size > 1000 for p in result.paths), name


def test_html_report_has_metadata_banner_and_term_highlights(telegram) -> None:
    al, glossary = telegram
    page = render_text(al, "html", glossary=glossary)
    root = etree.fromstring(page.encode("utf-8"), etree.HTMLParser())
    text = " ".join(root.itertext())
    assert "Telegram from Soviet Deputy Foreign Minister Kuznetsov" in root.findtext(".//h1")
    assert "John Henriksen" in text and "Wilson Center Digital Archive" in text
    banner = root.find(".//div[@class='banner']")
    assert "reconstruction" in banner.text.lower() and "(ru)" in banner.text
    marks = root.findall(".//td//mark")
    assert len(marks) > 50
    legend = {m.text for m in root.findall(".//ul[@class='legend']//mark")}
    assert {"blockade", "un-presence"} <= legend
    assert {m.get("title") for m in marks} == legend  # every highlight has its legend entry
    assert "[and] Yugoslavia" in text  # brackets of the translation are text, not markup
    assert not root.findall(".//script")


def test_html_colours_each_term_alike_everywhere(telegram) -> None:
    al, glossary = telegram
    root = etree.fromstring(render_text(al, "html", glossary=glossary).encode(), etree.HTMLParser())
    classes: dict[str, set[str]] = {}
    for mark in root.iter("mark"):
        classes.setdefault(mark.get("title") or mark.text, set()).add(mark.get("class"))
    assert all(len(found) == 1 for found in classes.values())


def test_reconstruction_is_marked_in_every_text_format(telegram) -> None:
    al, _ = telegram
    tmx = etree.fromstring(render_text(al, "tmx").encode("utf-8"))
    ru_props = [p.text for tuv in tmx.iter("tuv") for p in tuv.findall("prop")
                if tuv.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"]
    assert set(ru_props) == {"reconstructed"}
    rows = list(csv.DictReader(io.StringIO(render_text(al, "csv"), newline="")))
    assert {r["source_provenance"] for r in rows} == {"reconstructed"}
    records = [json.loads(line) for line in render_text(al, "jsonl").splitlines()]
    assert {r["provenance"]["source"] for r in records} == {"reconstructed"}
    assert "RECONSTRUCTION" in render_text(al, "markdown").split("|")[0]


def test_term_filter_keeps_exactly_the_links_where_the_term_occurs(telegram) -> None:
    al, glossary = telegram
    options = ExportOptions(term="blockade")
    exported = render_text(al, "jsonl", options=options, glossary=glossary)
    records = [json.loads(line) for line in exported.splitlines()]
    hits = hits_by_segment(al, glossary)
    expected = [
        lk.id for lk in al.links
        if any(h.term == "blockade" for i in lk.source for h in hits.get(("source", i), ()))
        or any(h.term == "blockade" for i in lk.target for h in hits.get(("target", i), ()))
    ]
    assert [r["id"] for r in records] == expected
    assert 0 < len(expected) < len(al.links)
    assert all("blockade" in r["target"].lower() or "блокад" in r["source"].lower()
               for r in records)


def test_unknown_term_lists_the_glossary_terms(telegram) -> None:
    al, glossary = telegram
    with pytest.raises(ExportError, match="no term 'blokade'.*blockade"):
        render_text(al, "tsv", options=ExportOptions(term="blokade"), glossary=glossary)


def test_markup_helper_never_double_escapes() -> None:
    cell = tag("td", "a < b", Markup("<br>"), "[and]")
    assert cell == "<td>a &lt; b<br>[and]</td>"


def test_cli_report_uses_the_telegrams_own_glossary(telegram, tmp_path: Path, capsys) -> None:
    from aligner.cli import main
    from aligner.io.store import save_alignment

    al, _ = telegram
    save_alignment(al, tmp_path / "telegram.json")
    out = tmp_path / "report.html"
    assert main(["export", str(tmp_path / "telegram.json"), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("<mark") > 50
    assert capsys.readouterr().err == ""
