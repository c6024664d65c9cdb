"""Import a TMX translation memory as a pre-aligned pair of texts.

Each ``tu`` with text in both languages becomes a 1-1 link between two new
paragraphs; a ``tu`` lacking one of the languages is skipped and counted. The
source language is ``--source-language``, else the header's ``srclang``; the
target language is ``--target-language``, else the one other language the units
hold. Inline codes (``bpt``, ``ept``, ``ph``, ``it``, ``ut``) are left out of the
text; ``hi`` and ``sub`` keep theirs. Provenance is ``unknown`` unless the file
says otherwise in aligner's props; confidence, status, notes and revisions that
aligner wrote come back too (a unit exported with ``--use-revisions`` gets its
published target back from its ``Original:`` note, the revision as a revision).
The source's header (creation tool and version, segment type, dates, languages)
is kept in the alignment's settings under ``imported.header``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree

from aligner.core.model import Alignment, Revision
from aligner.errors import ExportError
from aligner.io.export.options import XML_LANG
from aligner.io.export.tmx import ORIGINAL_PREFIX, REVISION_PREFIX
from aligner.io.importers.common import (
    clean_texts,
    document_from_texts,
    keep_ids,
    local_name,
    make_link,
    read_xml,
    report_warnings,
)
from aligner.io.sanitize import check_language, clean
from aligner.io.store import sha256_of

_CODES = {"bpt", "ept", "ph", "it", "ut"}


def seg_text(seg: etree._Element) -> str:
    """A ``seg``'s text without the native codes of its inline elements."""
    parts = [seg.text or ""]
    for child in seg:
        if local_name(child) not in _CODES:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _lang(tuv: etree._Element) -> str:
    return (tuv.get(XML_LANG) or tuv.get("lang") or "").strip()


def _props(element: etree._Element) -> dict[str, str]:
    return {p.get("type", ""): p.text or "" for p in element if local_name(p) == "prop"}


def _matches(lang: str, wanted: str) -> bool:
    lang, wanted = lang.lower(), wanted.lower()
    return lang == wanted or lang.split("-")[0] == wanted


def _languages(
    root: etree._Element, source: str | None, target: str | None, path: Path
) -> tuple[str, str]:
    header = root.find("header")
    src = source or (header.get("srclang") if header is not None else None) or ""
    counts = Counter(_lang(tuv) for tuv in root.iter("tuv"))
    if not src or src == "*all*":
        src = next(iter(counts), "")
    if target:
        return src, target
    others = sorted(lang for lang in counts if lang and not _matches(lang, src))
    if len(others) != 1:
        found = ", ".join(others) or "none"
        raise ExportError(
            f"{path} has {len(others)} languages besides {src or 'the source'} ({found}); "
            "choose one with --target-language"
        )
    return src, others[0]


def _tuv(tu: etree._Element, lang: str) -> etree._Element | None:
    for tuv in tu.iter("tuv"):
        if _matches(_lang(tuv), lang):
            return tuv
    return None


def _text(tuv: etree._Element) -> str:
    seg = tuv.find("seg")
    return seg_text(seg) if seg is not None else ""


#: Header attributes kept from an imported memory (TMX 1.4b's names).
HEADER_KEPT = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
               "srclang", "datatype", "creationdate", "creationid", "changedate")


def header_settings(root: etree._Element) -> dict[str, str]:
    """The attributes of the memory's header worth keeping, by their TMX names."""
    header = root.find("header")
    if header is None:
        return {}
    return {k: str(header.get(k)) for k in HEADER_KEPT if header.get(k)}


def _original(tu: etree._Element) -> str | None:
    """The published target of a unit whose target holds a revision (``--use-revisions``)."""
    if _props(tu).get("x-revised") != "yes":
        return None
    for n in tu:
        if local_name(n) == "note" and (n.text or "").startswith(ORIGINAL_PREFIX):
            return (n.text or "")[len(ORIGINAL_PREFIX):]
    return None


def _link_fields(tu: etree._Element, target_text: str) -> dict[str, Any]:
    props = _props(tu)
    notes = [n.text or "" for n in tu if local_name(n) == "note"]
    revisions = [n[len(REVISION_PREFIX):] for n in notes if n.startswith(REVISION_PREFIX)]
    if _original(tu) is not None:
        revisions = [target_text]
    ours = (REVISION_PREFIX, ORIGINAL_PREFIX)
    fields: dict[str, Any] = {
        "confidence": props.get("x-confidence", 1.0),
        "status": props.get("x-status", "auto"),
        "note": "\n".join(n for n in notes if not n.startswith(ours)),
        "bookmark": props.get("x-bookmark") == "yes",
    }
    if revisions:
        fields["revision"] = Revision(
            revisions[0],
            props.get("x-revision-author", ""),
            props.get("x-revision-time", ""),
            props.get("x-revision-note", ""),
        )
    return fields


def _header_meta(
    root: etree._Element, role: str, first_tuv: etree._Element
) -> tuple[str, dict[str, str]]:
    """Provenance and metadata of one side: header props, else the first unit's prop."""
    header = root.find("header")
    props = _props(header) if header is not None else {}
    prefix = f"x-{role}-"
    meta = {k[len(prefix) :]: v for k, v in props.items() if k.startswith(prefix)}
    provenance = meta.pop("provenance", "") or _props(first_tuv).get("x-provenance", "unknown")
    meta.pop("language", None)
    return provenance, meta


def import_tmx(
    path: str | Path, *, source_language: str | None = None, target_language: str | None = None
) -> Alignment:
    """An alignment of the TMX file's units, one 1-1 link per unit."""
    path = Path(path)
    root = read_xml(path, "a TMX file")
    if local_name(root) != "tmx":
        raise ExportError(f"{path} is not a TMX file (its root element is <{local_name(root)}>)")
    src, tgt = _languages(root, source_language, target_language, path)
    check_language(src, f"{path}: source language", ExportError)
    check_language(tgt, f"{path}: target language", ExportError)
    warnings: list[str] = []
    pairs, links, ids, skipped = [], [], [], 0
    originals: list[str | None] = []
    for number, tu in enumerate(root.iter("tu"), start=1):
        pair = _tuv(tu, src), _tuv(tu, tgt)
        if pair[0] is None or pair[1] is None:
            skipped += 1
            continue
        i = len(pairs)
        pairs.append(pair)
        fields = _link_fields(tu, _text(pair[1]))
        fields["note"] = clean(fields["note"], f"{path}, unit {number}: note", warnings)
        links.append(make_link((i,), (i,), f"{path}, unit {number}", **fields))
        originals.append(_original(tu))
        ids.append(tu.get("tuid"))
    if not links:
        raise ExportError(f"{path} has no translation unit with both {src} and {tgt} text")
    digest = sha256_of(path)
    documents = []
    for side, (role, lang) in enumerate((("source", src), ("target", tgt))):
        provenance, meta = _header_meta(root, role, pairs[0][side])
        texts = [_text(pair[side]) for pair in pairs]
        if role == "target":  # the published wording, not a revision exported in its place
            texts = [o if o is not None else t for o, t in zip(originals, texts, strict=True)]
        texts = clean_texts(texts, f"{path}: {role}", warnings)
        documents.append(
            document_from_texts(texts, language=lang, path=str(path), sha256=digest,
                                provenance=provenance, metadata=meta)
        )
    report_warnings(warnings)
    settings = {"imported": {"format": "tmx", "file": path.name, "skipped_units": skipped,
                             "header": header_settings(root)}}
    return Alignment(documents[0], documents[1], tuple(keep_ids(links, ids)), settings=settings)
