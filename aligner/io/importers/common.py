"""What every importer needs: documents from texts, safe XML reading, link numbering."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from lxml import etree

from aligner.core.model import PROVENANCES, STATUSES, Document, Link, Segment
from aligner.errors import ExportError
from aligner.io.sanitize import clean
from aligner.io.user_files import read_user_bytes

#: Imported paragraphs get offsets as if they were written one after another
#: with a blank line between them; there is no original file text to point into.
_GAP = 2


#: Sanitiser warnings printed per import; the rest are counted in one line.
MAX_WARNINGS = 5


def report_warnings(warnings: Sequence[str]) -> None:
    """Tell the user where imported text was sanitised (on stderr, before the summary)."""
    for message in warnings[:MAX_WARNINGS]:
        sys.stderr.write(f"aligner: warning: {message}\n")
    if len(warnings) > MAX_WARNINGS:
        sys.stderr.write(
            f"aligner: warning: {len(warnings) - MAX_WARNINGS} more texts were sanitised\n"
        )


def clean_texts(texts: Sequence[str], where: str, warnings: list[str]) -> list[str]:
    """Every text through the sanitiser, changes noted in ``warnings``."""
    return [clean(t, f"{where}, paragraph {i + 1}", warnings) for i, t in enumerate(texts)]


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


#: huge_tree stays off: libxml2 then refuses elements nested deeper than 256
#: levels (and text nodes over 10 MB), so no file can drive the readers, which
#: walk inline markup recursively, into Python's recursion limit.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def read_xml(path: str | Path, what: str) -> etree._Element:
    """The root element of an XML file; any failure is one ExportError line."""
    path = Path(path)
    if not path.exists():
        raise ExportError(f"cannot read {path}; check that {what} exists there")
    raw = read_user_bytes(path, ExportError, what)
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        reason = " ".join(str(exc.msg or exc).split(", line")[0].split())
        raise ExportError(f"{path} is not well-formed XML ({reason}); it is not {what}") from None
    except (ValueError, RecursionError) as exc:
        reason = " ".join(str(exc).split())
        raise ExportError(f"{path} cannot be read as XML ({reason}); it is not {what}") from None
    if root is None:
        raise ExportError(f"{path} holds no XML element; it is not {what}")
    return root


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
