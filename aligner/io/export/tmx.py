"""TMX 1.4b: the translation memory format every CAT tool reads.

Built with lxml, so every text is escaped by the XML library. Choices made here:

* one ``tu`` per link whose two sides both have text (a 1-0 or 0-1 link is no
  translation unit); ``tuid`` is the link id;
* a side made of several paragraphs is joined with a single space, because a
  memory segment is one run of text; props ``x-source-segments`` and
  ``x-target-segments`` say which paragraphs (1-based) it came from;
* characters that XML 1.0 forbids (C0 controls except tab, LF, CR) are dropped;
* a rejected link is no translation unit at all (``include_rejected`` writes
  it, with ``x-status`` rejected), so a CAT tool never offers it as a match;
* by default a reviewer's revision does not replace the target: the original
  target stays in the ``tuv`` and the revision is a ``note`` starting
  ``Revision:``; with ``use_revisions`` the revised rendering is the target and
  the published one a ``note`` starting ``Original:``; either way the
  revision's author, time and note are props;
* language tags are the documents' codes or the ``lang_tags`` given (a CAT
  project in ru-RU/en-GB wants ``ru-RU`` and ``en-GB``, not ``ru``/``en``);
* the header carries the creation tool, its version and the creation date
  (``creationdate``, UTC; SOURCE_DATE_EPOCH makes it reproducible);
* each text's provenance is a header prop and a prop on every ``tuv``, so a
  reconstructed text stays marked in the memory.
"""

from __future__ import annotations

from lxml import etree

from aligner import __version__
from aligner.core.model import Document, Link
from aligner.io.export.options import (
    XML_LANG,
    ExportContext,
    flags_text,
    metadata_items,
    xml_safe,
)

TMX_JOINER = " "
REVISION_PREFIX = "Revision: "
ORIGINAL_PREFIX = "Original: "
#: TMX 1.4b's date format (ISO 8601 basic, UTC).
TMX_DATE = "%Y%m%dT%H%M%SZ"


def _sub(parent: etree._Element, tag: str, text: str = "", **attrs: str) -> etree._Element:
    el = etree.SubElement(
        parent, tag, {k.replace("_", "-"): xml_safe(v) for k, v in attrs.items()}
    )
    if text:
        el.text = xml_safe(text)
    return el


def _prop(parent: etree._Element, kind: str, value: str) -> None:
    _sub(parent, "prop", value, type=kind)


def _span(indices: tuple[int, ...]) -> str:
    """1-based paragraph numbers: ``3`` or ``3-4``."""
    first, last = indices[0] + 1, indices[-1] + 1
    return str(first) if first == last else f"{first}-{last}"


def _header(root: etree._Element, ctx: ExportContext) -> None:
    src = ctx.alignment.source
    header = _sub(
        root,
        "header",
        creationtool="aligner",
        creationtoolversion=__version__,
        creationdate=ctx.created.strftime(TMX_DATE),
        segtype=ctx.options.level,
        o_tmf="aligner",
        adminlang="en",
        srclang=ctx.source_lang,
        datatype="plaintext",
    )
    for note in ctx.provenance_notes():
        _sub(header, "note", note)
    for role, doc in (("source", src), ("target", ctx.alignment.target)):
        _prop(header, f"x-{role}-language", doc.language)
        _prop(header, f"x-{role}-provenance", doc.provenance)
        for key, value in metadata_items(doc):
            _prop(header, f"x-{role}-{key}", value)
    for flt in ctx.options.describe_filters():
        _prop(header, "x-filter", flt)


def _tu_props(tu: etree._Element, link: Link, number: int, revised: bool) -> None:
    _prop(tu, "x-link-id", str(link.id))
    _prop(tu, "x-link-number", str(number))
    _prop(tu, "x-confidence", f"{link.confidence:.4f}")
    _prop(tu, "x-status", link.status)
    _prop(tu, "x-bead", link.bead)
    _prop(tu, "x-source-segments", _span(link.source))
    _prop(tu, "x-target-segments", _span(link.target))
    if link.flags:
        _prop(tu, "x-flags", flags_text(link))
    if link.bookmark:
        _prop(tu, "x-bookmark", "yes")
    rev = link.revision
    if revised:
        _prop(tu, "x-revised", "yes")
    if rev is not None:
        for kind, value in (("author", rev.author), ("time", rev.time), ("note", rev.note)):
            if value:
                _prop(tu, f"x-revision-{kind}", value)


def _tuv(tu: etree._Element, doc: Document, lang: str, text: str) -> None:
    tuv = etree.SubElement(tu, "tuv", {XML_LANG: xml_safe(lang)})
    _prop(tuv, "x-provenance", doc.provenance)
    _sub(tuv, "seg", text)


def _tu(body: etree._Element, ctx: ExportContext, link: Link) -> None:
    tu = _sub(body, "tu", tuid=str(link.id))
    # The TMX DTD wants notes and props before the tuvs; notes first reads best.
    if link.note:
        _sub(tu, "note", link.note)
    revised = ctx.uses_revision(link)
    if revised:
        _sub(tu, "note", ORIGINAL_PREFIX + ctx.original_target(link, TMX_JOINER))
    elif link.revision is not None:
        _sub(tu, "note", REVISION_PREFIX + link.revision.text)
    _tu_props(tu, link, ctx.numbers[link.id], revised)
    _tuv(tu, ctx.alignment.source, ctx.source_lang, ctx.source_text(link, TMX_JOINER))
    _tuv(tu, ctx.alignment.target, ctx.target_lang, ctx.target_text(link, TMX_JOINER))


def render(ctx: ExportContext) -> str:
    """The whole TMX document as text."""
    root = etree.Element("tmx", version="1.4")
    _header(root, ctx)
    body = _sub(root, "body")
    for link in ctx.links:
        if link.source and link.target:  # a one-sided link is no translation unit
            _tu(body, ctx, link)
    etree.indent(root, space="  ")
    xml = etree.tostring(
        root,
        encoding="unicode",
        doctype='<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"
