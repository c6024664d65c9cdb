"""InterText XML: the two documents and the alignment between them.

Three files, named the way the InterText editor expects
(``name.version.xml`` for documents, ``name.version1.version2.xml`` for the
alignment; versions are the languages, or ``<lang>-source``/``<lang>-target``
when both texts share a language):

* each document: ``<text>`` with one ``<p id="1:N">`` per paragraph (a single
  container, numbered 1, and paragraph N in it) and ``xml:space="preserve"``, so
  the text comes back exactly as written;
* at the sentence level (``--level sentence``), each document has one ``<p id="N">``
  per paragraph holding one ``<s id="N:K">`` per sentence (sentence K of paragraph
  N), and the alignment links sentences;
* the alignment: ``<linkGrp toDoc="TARGET" fromDoc="SOURCE">`` with one
  ``<link type="T-S" xtargets="target ids;source ids" status="man|auto|plain"/>``
  per link. InterText lists the ``toDoc`` side first; ``man`` is a confirmed
  link, ``auto`` an automatic one and ``plain`` a rejected one; ``mark="1"`` is
  a bookmark.

What InterText has no place for (confidence, aligner status, note, revision,
provenance, title) goes in attributes of the ``urn:aligner`` namespace, which
other tools ignore and aligner's importer reads back; a comment at the top of
each file also states the text's provenance, the tool version and the creation
date, so a reconstruction is marked for people reading the XML too. Characters
that XML 1.0 forbids are dropped.

A rejected link is left out of the alignment file unless ``include_rejected``
(its paragraphs stay in the documents, unlinked). With ``use_revisions`` the
target document holds a revised link's revised paragraphs in place of the
published ones (paragraph ids are renumbered to match), and the link keeps the
published text in ``al:original``; without it the revision is in
``al:revision``. An ``edited`` link is ``man``ual, as InterText calls a link a
person made.
"""

from __future__ import annotations

from lxml import etree

from aligner import __version__
from aligner.core.model import Alignment, Document, Link
from aligner.io.export.options import (
    XML_LANG,
    XML_SPACE,
    ExportContext,
    display_title,
    provenance_note,
    xml_safe,
)

NS = "urn:aligner"
STATUS_TO_INTERTEXT = {"confirmed": "man", "auto": "auto", "rejected": "plain", "edited": "man"}


def paragraph_id(index: int) -> str:
    """InterText id of the 0-based paragraph ``index``: ``1:N``."""
    return f"1:{index + 1}"


def versions(alignment: Alignment) -> tuple[str, str]:
    """File-name versions of the source and target documents."""
    src, tgt = alignment.source.language, alignment.target.language
    if src == tgt:
        return f"{src}-source", f"{tgt}-target"
    return src, tgt


def _a(name: str) -> str:
    return f"{{{NS}}}{name}"


def _serialise(root: etree._Element, comment: str) -> str:
    body = etree.tostring(root, encoding="unicode")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if comment:
        head += etree.tostring(etree.Comment(f" {_comment_safe(comment)} "), encoding="unicode")
        head += "\n"
    return head + body + "\n"


def _comment_safe(text: str) -> str:
    # "--" may not appear inside an XML comment (nor may "-" end one).
    text = xml_safe(text)
    while "--" in text:
        text = text.replace("--", "- -")
    return text


def document_xml(doc: Document, role: str, lang: str = "", paragraphs: list[str] | None = None,
                 stamp: str = "") -> str:
    """One document file (``paragraphs`` in place of the document's own, when given)."""
    root = etree.Element("text", nsmap={"al": NS})
    root.set(XML_LANG, xml_safe(lang or doc.language))
    root.set(XML_SPACE, "preserve")
    root.set(_a("role"), role)
    root.set(_a("provenance"), doc.provenance)
    root.set(_a("title"), xml_safe(display_title(doc)))
    root.text = "\n"
    container = etree.SubElement(root, "div", id="1")
    container.text = container.tail = "\n"
    texts = paragraphs if paragraphs is not None else [seg.text for seg in doc.segments]
    for i, text in enumerate(texts):
        p = etree.SubElement(container, "p", id=paragraph_id(i))
        p.text = xml_safe(text)
        # One paragraph per line; the text itself is never re-indented.
        p.tail = "\n"
    return _serialise(root, " ".join(x for x in (provenance_note(doc, role), stamp) if x))


def sentence_document_xml(doc: Document, role: str) -> str:
    """One document file at the sentence level: sentences inside their paragraphs."""
    root = etree.Element("text", nsmap={"al": NS})
    root.set(XML_LANG, xml_safe(doc.language))
    root.set(XML_SPACE, "preserve")
    root.set(_a("role"), role)
    root.set(_a("provenance"), doc.provenance)
    root.set(_a("title"), xml_safe(display_title(doc)))
    root.text = "\n"
    for i, seg in enumerate(doc.segments):
        p = etree.SubElement(root, "p", id=str(i + 1))
        p.tail = "\n"
        texts = [seg.sentence_text(x) for x in seg.sentences] or [seg.text]
        for k, text in enumerate(texts):
            el = etree.SubElement(p, "s", id=f"{i + 1}:{k + 1}")
            el.text = xml_safe(text)
            el.tail = " " if k + 1 < len(texts) else ""
    return _serialise(root, provenance_note(doc, role))


def sentence_ids(doc: Document) -> list[str]:
    """InterText id of every sentence of ``doc`` by global index: ``N:K``."""
    return [
        f"{p + 1}:{g - doc.sentence_starts[p] + 1}"
        for p in range(len(doc.segments))
        for g in doc.sentence_range(p)
    ]


def _ids(indices: tuple[int, ...], names: list[str] | None = None) -> str:
    if names is not None:
        return " ".join(names[i] for i in indices)
    return " ".join(paragraph_id(i) for i in indices)


def _link(
    group: etree._Element,
    ctx: ExportContext,
    link: Link,
    target: tuple[int, ...],
    names: tuple[list[str], list[str]] | None = None,
) -> None:
    src_names, tgt_names = names if names is not None else (None, None)
    el = etree.SubElement(group, "link")
    el.set("type", f"{len(target)}-{len(link.source)}")
    el.set("xtargets", f"{_ids(target, tgt_names)};{_ids(link.source, src_names)}")
    el.set("status", STATUS_TO_INTERTEXT[link.status])
    if link.bookmark:
        el.set("mark", "1")
    el.set(_a("id"), str(link.id))
    el.set(_a("status"), link.status)
    el.set(_a("confidence"), f"{link.confidence:.4f}")
    if link.note:
        el.set(_a("note"), xml_safe(link.note))
    rev = link.revision
    if rev is not None:
        if ctx.uses_revision(link):
            el.set(_a("original"), xml_safe(ctx.original_target(link)))
        else:
            el.set(_a("revision"), xml_safe(rev.text))
        for key, value in (("revision-author", rev.author), ("revision-time", rev.time),
                           ("revision-note", rev.note)):
            if value:
                el.set(_a(key), xml_safe(value))


def target_paragraphs(ctx: ExportContext) -> tuple[list[str], dict[int, tuple[int, ...]]]:
    """The target document's paragraphs as written, and each link's paragraph indices in it.

    Without ``use_revisions`` these are the document's own; with it, an exported
    revised link contributes its revision's paragraphs instead of the published ones.
    """
    exported = {lk.id for lk in ctx.links}
    texts: list[str] = []
    where: dict[int, tuple[int, ...]] = {}
    for link in ctx.alignment.links:
        if link.id in exported and ctx.uses_revision(link) and link.target:
            assert link.revision is not None
            paras = [p for p in link.revision.text.split("\n\n") if p.strip()]
            paras = paras or [link.revision.text]
        else:
            paras = [ctx.alignment.target.segments[i].text for i in link.target]
        where[link.id] = tuple(range(len(texts), len(texts) + len(paras)))
        texts.extend(paras)
    return texts, where


def stamp(ctx: ExportContext) -> str:
    """Which tool made the files, and when."""
    return f"Exported by aligner {__version__} on {ctx.created.isoformat()}."


def alignment_xml(ctx: ExportContext, source_file: str, target_file: str,
                  targets: dict[int, tuple[int, ...]] | None = None) -> str:
    """The alignment file linking the two document files."""
    group = etree.Element("linkGrp", nsmap={"al": NS})
    group.set("toDoc", target_file)
    group.set("fromDoc", source_file)
    names = None
    if ctx.paragraphs is not None:
        names = (sentence_ids(ctx.paragraphs.source), sentence_ids(ctx.paragraphs.target))
    for link in ctx.links:
        _link(group, ctx, link, targets[link.id] if targets is not None else link.target, names)
    etree.indent(group, space="  ")
    notes = " ".join([*ctx.provenance_notes(), stamp(ctx)])
    return _serialise(group, notes)


def render_files(ctx: ExportContext, base: str) -> dict[str, str]:
    """The three files, by name: source document, target document, alignment."""
    src_version, tgt_version = versions(ctx.alignment)
    source_file = f"{base}.{src_version}.xml"
    target_file = f"{base}.{tgt_version}.xml"
    if ctx.paragraphs is not None:
        return {
            source_file: sentence_document_xml(ctx.paragraphs.source, "source"),
            target_file: sentence_document_xml(ctx.paragraphs.target, "target"),
            f"{base}.{src_version}.{tgt_version}.xml": alignment_xml(ctx, source_file, target_file),
        }
    texts, targets = target_paragraphs(ctx)
    return {
        source_file: document_xml(ctx.alignment.source, "source", ctx.source_lang,
                                  stamp=stamp(ctx)),
        target_file: document_xml(ctx.alignment.target, "target", ctx.target_lang, texts,
                                  stamp=stamp(ctx)),
        f"{base}.{src_version}.{tgt_version}.xml": alignment_xml(ctx, source_file, target_file,
                                                                 targets),
    }
