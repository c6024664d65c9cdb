"""TBX-Basic glossaries: the termbase exchange format of terminology tools.

Export writes TBX-Basic in its widespread ``martif`` form; import also reads
the TBX v3 ``tbx``/``conceptEntry`` form. Administrative status carries the
entry's rendering classes: ``preferredTerm`` is the preferred rendering (or the
source term), ``admittedTerm`` an accepted variant, ``deprecatedTerm`` a
rendering to flag. The parser never resolves entities or fetches a DTD.
"""

from __future__ import annotations

from lxml import etree

from aligner.core.glossary import Glossary, GlossaryEntry, slugify
from aligner.errors import GlossaryError
from aligner.io.glossary.common import build_glossary

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS = {"preferred": "preferredTerm-admn-sts", "variant": "admittedTerm-admn-sts",
           "flagged": "deprecatedTerm-admn-sts"}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if _local(c) in names]


def _terms(lang_set: etree._Element) -> list[tuple[str, str]]:
    """(term text, status class) of every term in a langSet/langSec."""
    out = []
    for tig in _children(lang_set, "tig", "ntig", "termSec"):
        terms = [t for t in tig.iter() if _local(t) == "term"]
        if not terms:
            continue
        status = "preferred"
        for note in tig.iter():
            if _local(note) == "termNote" and note.get("type") == "administrativeStatus":
                text = (note.text or "").strip()
                status = "flagged" if text.startswith(("deprecated", "superseded")) else (
                    "variant" if text.startswith("admitted") else "preferred")
        out.append(("".join(terms[0].itertext()).strip(), status))
    return out


def _entry(
    el: etree._Element, langs: tuple[str, str], origin: str, used: set[str]
) -> GlossaryEntry:
    where = f"{origin}, line {el.sourceline}"
    by_lang = {ls.get(_XML_LANG, "").split("-")[0].lower(): _terms(ls)
               for ls in _children(el, "langSet", "langSec")}
    src, tgt = by_lang.get(langs[0]), by_lang.get(langs[1])
    if not src or not tgt:
        raise GlossaryError(f"{where}: the entry lacks a {langs[0] if not src else langs[1]} term")
    src_pref = [t for t, s in src if s != "flagged"]
    preferred = [t for t, s in tgt if s == "preferred"]
    variants = [t for t, s in tgt if s == "variant"] + preferred[1:]
    note = " ".join(" ".join(n.itertext()).strip() for n in el.iter() if _local(n) == "note")
    category = next((d.text or "" for d in el.iter()
                     if _local(d) == "descrip" and d.get("type") == "subjectField"), "")
    entry_id = el.get("id") or slugify(preferred[0] if preferred else tgt[0][0])
    if not el.get("id"):
        base, n = entry_id, 2
        while entry_id in used:
            entry_id, n = f"{base}-{n}", n + 1
    used.add(entry_id)
    try:
        return GlossaryEntry(
            id=entry_id, source=src_pref[0] if src_pref else "", source_variants=src_pref[1:],
            target=preferred[0] if preferred else "", target_variants=variants,
            flagged=[t for t, s in tgt if s == "flagged"], note=note, category=category)
    except GlossaryError as exc:
        raise GlossaryError(f"{where}: {exc}") from None


def _languages(entries: list[etree._Element], origin: str) -> tuple[str, str]:
    order: list[str] = []
    for el in entries:
        for ls in _children(el, "langSet", "langSec"):
            lang = ls.get(_XML_LANG, "").split("-")[0].lower()
            if lang and lang not in order:
                order.append(lang)
    if len(order) < 2:
        raise GlossaryError(f"{origin}: TBX entries need terms in two languages (xml:lang)")
    return order[0], order[1]


def glossary_from_tbx(
    text: str, origin: str = "glossary.tbx", languages: tuple[str, str] | None = None
) -> Glossary:
    """Parse TBX-Basic; ``languages`` picks (source, target) when the file has more than two."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise GlossaryError(f"{origin}, line {exc.lineno}: {exc.msg}; fix the XML") from None
    entries = [el for el in root.iter() if _local(el) in ("termEntry", "conceptEntry")]
    if not entries:
        raise GlossaryError(f"{origin}: no termEntry elements; it is not a TBX termbase")
    langs = languages or _languages(entries, origin)
    used: set[str] = set()
    pairs = [(_entry(el, langs, origin, used), f"{origin}, line {el.sourceline}")
             for el in entries]
    title = next((" ".join(p.itertext()).strip() for p in root.iter()
                  if _local(p) == "title"), "")
    return build_glossary(pairs, path=origin, name=title, source_language=langs[0],
                          target_language=langs[1])


def _tig(parent: etree._Element, term: str, status: str) -> None:
    tig = etree.SubElement(parent, "tig")
    etree.SubElement(tig, "term").text = term
    note = etree.SubElement(tig, "termNote", type="administrativeStatus")
    note.text = _STATUS[status]


def glossary_to_tbx(glossary: Glossary) -> str:
    """TBX-Basic (martif) text of a glossary."""
    src_lang = glossary.source_language or "und"
    tgt_lang = glossary.target_language or "und"
    root = etree.Element("martif", type="TBX-Basic")
    root.set(_XML_LANG, src_lang)
    desc = etree.SubElement(etree.SubElement(root, "martifHeader"), "fileDesc")
    title_stmt = etree.SubElement(desc, "titleStmt")
    etree.SubElement(title_stmt, "title").text = glossary.name or "aligner glossary"
    etree.SubElement(etree.SubElement(desc, "sourceDesc"), "p").text = "Exported by aligner"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for e in glossary:
        entry = etree.SubElement(body, "termEntry", id=e.id)
        if e.category:
            etree.SubElement(entry, "descrip", type="subjectField").text = e.category
        if e.note:
            etree.SubElement(entry, "note").text = e.note
        src = etree.SubElement(entry, "langSet")
        src.set(_XML_LANG, src_lang)
        for i, form in enumerate(e.source_forms):
            _tig(src, form, "preferred" if i == 0 else "variant")
        tgt = etree.SubElement(entry, "langSet")
        tgt.set(_XML_LANG, tgt_lang)
        for status, form in e.target_forms_by_class():
            _tig(tgt, form, status)
    return etree.tostring(root, encoding="unicode", pretty_print=True).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', ""))
