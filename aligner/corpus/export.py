"""One TMX, JSON Lines, CSV or TSV file for a whole corpus.

Each document is rendered by the ordinary exporter (same filters, same
columns, same provenance fields), then its units are tagged with the
document's id, its manifest metadata (date, archive, translator, ...) and both
texts' provenance, and joined into one file:

* JSON Lines: ``document``, then the document export's record, then
  ``document_metadata`` and ``document_provenance``;
* CSV / TSV: columns ``document``, the metadata columns, then the document
  export's columns (the union, when some documents have revision columns);
* TMX: one header for the corpus; each ``tu`` gets ``tuid`` ``DOC:LINK`` (unique
  in the file) and props ``x-document``, ``x-document-<field>`` and the
  document header's per-text props (``x-source-provenance``, ...).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aligner.core.model import Alignment
from aligner.corpus.manifest import KNOWN_METADATA, Corpus, CorpusDocument

__all__ = ["CORPUS_FORMATS", "CorpusExport", "render_corpus"]

CORPUS_FORMATS: tuple[str, ...] = ("tmx", "jsonl", "csv", "tsv")
_LINE_BREAKERS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


@dataclass(frozen=True)
class CorpusExport:
    text: str
    units: int
    documents: int
    links: int
    """Links in all exported documents before filters."""


def _metadata_fields(docs: Sequence[CorpusDocument]) -> list[str]:
    present = {k for d in docs for k, v in d.metadata.items() if v}
    return [k for k in KNOWN_METADATA if k in present] + sorted(present - set(KNOWN_METADATA))


def render_corpus(
    corpus: Corpus, items: Sequence[tuple[CorpusDocument, Alignment, Any]], fmt: str, *,
    options: Any, corpus_name: str = "",
) -> CorpusExport:
    """The corpus export of ``items`` (document, alignment, glossary or None) as ``fmt``."""
    from aligner.io.export import filter_links

    kept = sum(len(filter_links(al, options, g)) for _, al, g in items)
    if fmt == "jsonl":
        text = _jsonl(items, options)
    elif fmt in ("csv", "tsv"):
        text = _tabular(items, options, fmt)
    elif fmt == "tmx":
        text = _tmx(items, options, corpus_name or corpus.name)
    else:
        from aligner.errors import ExportError

        raise ExportError(f"a corpus exports as one of {', '.join(CORPUS_FORMATS)}, not {fmt}")
    units = kept if fmt != "tmx" else text.count("<tu ")
    return CorpusExport(text, units, len(items), sum(len(al.links) for _, al, _ in items))


def _render(alignment: Alignment, fmt: str, options: Any, glossary: Any) -> str:
    from dataclasses import replace

    from aligner.io.export import render_text

    # The byte order mark belongs at the start of the joined file, not of each document.
    return render_text(alignment, fmt, options=replace(options, bom=False), glossary=glossary)


def _provenance(alignment: Alignment) -> dict[str, str]:
    return {"source": alignment.source.provenance, "target": alignment.target.provenance}


def _jsonl(items: Sequence[tuple[CorpusDocument, Alignment, Any]], options: Any) -> str:
    out = []
    for doc, alignment, glossary in items:
        meta = dict(doc.metadata)
        for line in _render(alignment, "jsonl", options, glossary).splitlines():
            if not line.strip():
                continue
            rec = {"document": doc.id, **json.loads(line), "document_metadata": meta,
                   "document_provenance": _provenance(alignment)}
            text = json.dumps(rec, ensure_ascii=False)
            for char, escape in _LINE_BREAKERS.items():
                text = text.replace(char, escape)
            out.append(text + "\n")
    return "".join(out)


def _tabular(items: Sequence[tuple[CorpusDocument, Alignment, Any]], options: Any,
             fmt: str) -> str:
    from aligner.io.export.tabular import BOM, neutralise_cell

    delimiter = "," if fmt == "csv" else "\t"
    meta_fields = _metadata_fields([d for d, _, _ in items])
    tables: list[tuple[CorpusDocument, list[str], list[list[str]]]] = []
    columns: list[str] = []
    for doc, alignment, glossary in items:
        rows = list(csv.reader(io.StringIO(_render(alignment, fmt, options, glossary), newline=""),
                               delimiter=delimiter))
        header, body = rows[0], rows[1:]
        columns += [c for c in header if c not in columns]
        tables.append((doc, header, body))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    head = ["document", *meta_fields, *columns]
    lines = [BOM] if options.bom else []
    ending = "\r\n" if fmt == "csv" else "\n"

    def emit(row: list[str]) -> None:
        buf.seek(0)
        buf.truncate()
        writer.writerow(row)
        lines.append(buf.getvalue()[:-2] + ending)

    emit(head)
    for doc, header, body in tables:
        meta = [doc.metadata.get(k, "") for k in meta_fields]
        if options.neutralise:
            meta = [neutralise_cell(v) for v in meta]
        for row in body:
            cells = dict(zip(header, row, strict=False))
            emit([doc.id, *meta, *(cells.get(c, "") for c in columns)])
    return "".join(lines)


def _tmx(items: Sequence[tuple[CorpusDocument, Alignment, Any]], options: Any,
         name: str) -> str:
    from lxml import etree

    root: Any = None
    body: Any = None
    languages = set()
    not_archival = []
    for doc, alignment, glossary in items:
        languages.add(alignment.source.language)
        if {alignment.source.provenance, alignment.target.provenance} != {"archival"}:
            not_archival.append(doc.id)
        tree = etree.fromstring(_render(alignment, "tmx", options, glossary).encode("utf-8"))
        header = tree.find("header")
        text_props = [(p.get("type"), p.text or "") for p in header.findall("prop")
                      if p.get("type", "").startswith(("x-source-", "x-target-"))]
        if root is None:
            root = etree.Element("tmx", version=tree.get("version", "1.4"))
            new_header = etree.SubElement(root, "header", dict(header.attrib))
            body = etree.SubElement(root, "body")
        for tu in tree.find("body").findall("tu"):
            tu.set("tuid", f"{doc.id}:{tu.get('tuid', '')}")
            first_tuv = tu.find("tuv")
            at = list(tu).index(first_tuv) if first_tuv is not None else len(tu)
            props = [("x-document", doc.id)]
            props += [(f"x-document-{k}", v) for k, v in doc.metadata.items() if v]
            props += text_props
            for k, (kind, value) in enumerate(props):
                prop = etree.Element("prop", type=kind)
                prop.text = value
                tu.insert(at + k, prop)
            body.append(tu)
    if root is None:
        return ""
    new_header.set("srclang", languages.pop() if len(languages) == 1 else "*all*")
    if not_archival:
        note = etree.SubElement(new_header, "note")
        note.text = (f"{len(not_archival)} of {len(items)} documents have a text that is not "
                     "an archival original (see each unit's x-source-provenance and "
                     "x-target-provenance): " + ", ".join(not_archival))
    for kind, value in (("x-corpus", name), ("x-documents", str(len(items)))):
        prop = etree.SubElement(new_header, "prop", type=kind)
        prop.text = value
    for flt in options.describe_filters():
        prop = etree.SubElement(new_header, "prop", type="x-filter")
        prop.text = flt
    etree.indent(root, space="  ")
    xml = etree.tostring(root, encoding="unicode", doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
