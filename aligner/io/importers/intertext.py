"""Import an InterText alignment file with the two documents it links.

The alignment file holds one ``linkGrp`` whose ``fromDoc`` is the source and
``toDoc`` the target (named relative to the alignment file, or given with
``--source``/``--target``). Each ``link``'s ``xtargets`` lists the ``toDoc`` ids
first, then after ``;`` the ``fromDoc`` ids. The aligned elements of each
document are those its links name, in document order. Their text is taken as
written where ``xml:space="preserve"`` is in force (aligner's own export) and
with runs of white space folded to one space elsewhere (pretty-printed files).
``status`` ``man`` means confirmed; ``auto`` and ``plain`` mean automatic.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from aligner.core.model import Alignment, Document, Link
from aligner.errors import ExportError
from aligner.io.export.intertext import NS
from aligner.io.export.options import XML_LANG, XML_SPACE
from aligner.io.importers.common import (
    clean_texts,
    document_from_texts,
    keep_ids,
    local_name,
    make_link,
    read_xml,
    report_warnings,
)
from aligner.io.sanitize import check_language, clean, clean_text
from aligner.io.store import sha256_of

_STATUS = {"man": "confirmed", "auto": "auto", "plain": "auto"}


def _al(name: str) -> str:
    return f"{{{NS}}}{name}"


def _link_group(root: etree._Element, path: Path) -> etree._Element:
    if local_name(root) == "linkGrp":
        return root
    groups = [el for el in root.iter() if local_name(el) == "linkGrp"]
    if len(groups) != 1:
        raise ExportError(
            f"{path} holds {len(groups)} linkGrp elements; aligner imports one pair of texts"
        )
    return groups[0]


def _split(xtargets: str, where: str) -> tuple[list[str], list[str]]:
    parts = xtargets.split(";")
    if len(parts) != 2:
        raise ExportError(f"{where}: xtargets {xtargets!r} should be 'target ids;source ids'")
    return parts[1].split(), parts[0].split()


def _preserved(element: etree._Element) -> bool:
    for el in (element, *element.iterancestors()):
        space = el.get(XML_SPACE)
        if space is not None:
            return space == "preserve"
    return False


def _element_text(element: etree._Element) -> str:
    text = "".join(element.itertext())
    return text if _preserved(element) else " ".join(text.split())


def _document(path: Path, wanted: set[str], language: str | None) -> tuple[Document, dict]:
    """The document's aligned elements as paragraphs, and id -> paragraph index."""
    root = read_xml(path, "an InterText document")
    elements = [el for el in root.iter() if isinstance(el.tag, str) and el.get("id") in wanted]
    index = {el.get("id"): i for i, el in enumerate(elements)}
    missing = sorted(wanted - index.keys())
    if missing:
        raise ExportError(f"{path} has no element with id {missing[0]!r}, which a link names")
    lang = language or root.get(XML_LANG) or root.get("lang") or _lang_from_name(path)
    check_language(lang, f"{path}: language", ExportError)
    title = root.get(_al("title"))
    warnings: list[str] = []
    texts = clean_texts([_element_text(el) for el in elements], str(path), warnings)
    if title:
        title = clean(title, f"{path}: title", warnings)
    report_warnings(warnings)
    doc = document_from_texts(
        texts,
        language=lang,
        path=str(path),
        sha256=sha256_of(path),
        provenance=root.get(_al("provenance"), "unknown"),
        metadata={"title": title} if title else {},
    )
    return doc, index


def _lang_from_name(path: Path) -> str:
    """``telegram.ru.xml`` -> ``ru`` (InterText names documents ``text.version.xml``)."""
    parts = path.name.split(".")
    return parts[-2].split("-")[0] if len(parts) >= 3 else "und"


def _fields(el: etree._Element) -> dict[str, Any]:
    return {
        "status": el.get(_al("status")) or _STATUS.get(el.get("status", ""), "auto"),
        "confidence": el.get(_al("confidence"), 1.0),
        "note": clean_text(el.get(_al("note"), "")).text,
        "bookmark": el.get("mark", "0") not in ("", "0"),
    }


def _resolve(given: str | Path | None, named: str | None, folder: Path, attr: str) -> Path:
    if given is not None:
        return Path(given)
    if not named:
        raise ExportError(f"the linkGrp has no {attr} attribute; name the file with an option")
    return folder / named


def _indices(ids: Iterable[str], index: dict) -> list[int]:
    return [index[i] for i in ids]


def import_intertext(
    path: str | Path,
    *,
    source: str | Path | None = None,
    target: str | Path | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> Alignment:
    """The alignment an InterText alignment file describes between its two documents."""
    path = Path(path)
    group = _link_group(read_xml(path, "an InterText alignment file"), path)
    elements = [el for el in group if local_name(el) == "link"]
    pairs = [_split(el.get("xtargets", ""), f"{path}, link {n}")
             for n, el in enumerate(elements, 1)]
    src_path = _resolve(source, group.get("fromDoc"), path.parent, "fromDoc (--source)")
    tgt_path = _resolve(target, group.get("toDoc"), path.parent, "toDoc (--target)")
    src, src_index = _document(src_path, {i for s, _ in pairs for i in s}, source_language)
    tgt, tgt_index = _document(tgt_path, {i for _, t in pairs for i in t}, target_language)
    links: list[Link] = []
    for n, (el, (s, t)) in enumerate(zip(elements, pairs, strict=True), start=1):
        if s or t:
            where = f"{path}, link {n}"
            links.append(make_link(_indices(s, src_index), _indices(t, tgt_index), where,
                                   **_fields(el)))
    ids = [el.get(_al("id")) for el, (s, t) in zip(elements, pairs, strict=True) if s or t]
    settings = {"imported": {"format": "intertext", "file": path.name}}
    alignment = Alignment(src, tgt, tuple(keep_ids(links, ids)), settings=settings)
    problems = alignment.coverage_errors()
    if problems:
        raise ExportError(f"{path}: the links cross or repeat paragraphs; " + "; ".join(problems))
    return alignment
