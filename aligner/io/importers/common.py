"""What every importer needs: documents from texts, safe XML reading, link numbering."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from lxml import etree

from aligner.core.model import PROVENANCES, STATUSES, Document, Link, Segment
from aligner.errors import ExportError

#: Imported paragraphs get offsets as if they were written one after another
#: with a blank line between them; there is no original file text to point into.
_GAP = 2


def document_from_texts(
    texts: Sequence[str],
    *,
    language: str,
    path: str = "",
    sha256: str = "",
    provenance: str = "unknown",
    metadata: Mapping[str, Any] | None = None,
) -> Document:
    """A document whose paragraphs are ``texts``, in order."""
    segments, pos = [], 0
    for text in texts:
        segments.append(Segment(text, pos, pos + len(text)))
        pos += len(text) + _GAP
    return Document(
        tuple(segments),
        language=language or "und",
        path=path,
        sha256=sha256,
        provenance=provenance if provenance in PROVENANCES else "unknown",
        metadata=dict(metadata or {}),
    )


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def read_xml(path: str | Path, what: str) -> etree._Element:
    """The root element of an XML file; any failure is one ExportError line."""
    path = Path(path)
    try:
        return etree.parse(str(path), _PARSER).getroot()
    except OSError:
        if path.is_dir():
            raise ExportError(f"{path} is a folder, not {what}") from None
        raise ExportError(f"cannot read {path}; check that {what} exists there") from None
    except etree.XMLSyntaxError as exc:
        raise ExportError(f"{path} is not well-formed XML ({exc.msg}); it is not {what}") from None


def local_name(element: etree._Element) -> str:
    """An element's tag without its namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def make_link(
    source: Sequence[int], target: Sequence[int], where: str, **fields: Any
) -> Link:
    """A link, with an invalid bead or field reported as one line about ``where``."""
    status = fields.get("status", "auto")
    if status not in STATUSES:
        fields["status"] = "auto"
    try:
        confidence = float(fields.get("confidence", 1.0))
    except (TypeError, ValueError):
        confidence = 1.0
    fields["confidence"] = min(1.0, max(0.0, confidence))
    try:
        return Link(tuple(source), tuple(target), **fields)
    except ValueError as exc:
        raise ExportError(f"{where}: {exc}") from None


def keep_ids(links: list[Link], ids: Sequence[Any]) -> list[Link]:
    """Give links the ids the file gave them, when those are unique whole numbers."""
    try:
        numbers = [int(i) for i in ids]
    except (TypeError, ValueError):
        return links
    unique = len(set(numbers)) == len(numbers) == len(links)
    if not unique or min(numbers, default=0) < 0:
        return links
    return [replace(lk, id=n) for lk, n in zip(links, numbers, strict=True)]
