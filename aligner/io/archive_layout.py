"""The Wilson Center Digital Archive layout: a record header, the body, a source note.

A document saved from the archive's web pages reads::

    October 30, 1962

    **Telegram from Soviet Deputy Foreign Minister
    Kuznetsov and Ambassador to the UN Zorin to USSR
    Foreign Ministry (1)**

    Citation:

    "Telegram from ...", October 30, 1962, Wilson Center Digital Archive, ...
    <https://.../document/112634>

    Summary:
    ...
    Contents:

    Translation - English

    <body paragraphs>

    [Source: Archive of Foreign Policy, Russian Federation (AVP RF), Moscow; ...]

The header and the source note are metadata, not paragraphs to align. The
layout is recognised only when the first block is a date and a ``Citation:``
label follows within the header, so ordinary texts are never cut.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aligner.io.normalize import Line, normalize_lines

LAYOUT_NAME = "wilson-center-digital-archive"

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_DATE_RE = re.compile(rf"^({'|'.join(_MONTHS)}) (\d{{1,2}}), (\d{{4}})$")
_LABEL_RE = re.compile(r"^([A-Z][A-Za-z &/-]{1,40}):\s*(.*)$")
#: Header labels of the archive's record pages, and the metadata key each becomes.
_LABELS = {
    "Citation": "citation",
    "Summary": "summary",
    "Original Language": "original_language",
    "Contents": "contents",
    "Credits": "credits",
    "Record ID": "record_id",
    "Language": "language_of_record",
    "Original Archive": "original_archive",
    "Subjects Discussed": "subjects",
    "Associated People & Organizations": "associated_people",
    "Associated Places": "associated_places",
    "Keywords": "keywords",
    "Description": "description",
}
_URL_RE = re.compile(r"^<?(https?://\S+?)>?$")
_CONTENT_ITEM_RE = re.compile(r"^(Translation|Transcript|Transcription|Original|Scan)\b[^.]{0,60}$")
_SOURCE_NOTE_RE = re.compile(r"^\[Source:\s*(.*)\]$", re.DOTALL)
#: The header is short; a "Citation:" label further down is not a record header.
_MAX_HEADER_BLOCKS = 8


@dataclass(frozen=True)
class ArchiveLayout:
    """Where the body lies among the blocks, and the header's metadata."""

    body_start: int
    """Index of the first body block."""
    body_end: int
    """Index just past the last body block."""
    metadata: dict[str, Any] = field(default_factory=dict)


def _lines(text: str, block: Sequence[Line]) -> list[str]:
    return [text[s:e].strip() for s, e in block]


def _is_label(text: str, block: Sequence[Line]) -> tuple[str, str] | None:
    m = _LABEL_RE.match(_lines(text, block)[0])
    if m and m.group(1) in _LABELS:
        return _LABELS[m.group(1)], m.group(2).strip()
    return None


def _title(text: str, blocks: Sequence[Sequence[Line]], i: int) -> tuple[str, int]:
    """The bold title starting at block ``i`` (``**...**``), and the index after it."""
    parts: list[str] = []
    for j in range(i, min(i + 3, len(blocks))):
        parts.extend(_lines(text, blocks[j]))
        if parts[-1].endswith("**"):
            return normalize_lines(parts).strip("* "), j + 1
    return "", i


def _label_value(
    text: str, blocks: Sequence[Sequence[Line]], i: int, label: tuple[str, str]
) -> tuple[dict[str, str], int]:
    """The value of the label at block ``i`` (inline or in the blocks after it)."""
    key, inline = label
    label_lines = _lines(text, blocks[i])
    value_lines = ([inline] if inline else []) + label_lines[1:]
    j = i + 1
    if not value_lines and j < len(blocks) and not _is_label(text, blocks[j]):
        value_lines, j = _lines(text, blocks[j]), j + 1
    if key == "contents":
        while j < len(blocks) and all(_CONTENT_ITEM_RE.match(x) for x in _lines(text, blocks[j])):
            value_lines, j = value_lines + _lines(text, blocks[j]), j + 1
        return {key: "; ".join(value_lines)}, j
    out: dict[str, str] = {}
    urls = [m.group(1) for x in value_lines if (m := _URL_RE.match(x))]
    if not urls and key == "citation" and j < len(blocks):
        urls = [m.group(1) for x in _lines(text, blocks[j]) if (m := _URL_RE.match(x))]
        j += bool(urls)
    if urls:
        out[f"{key}_url"] = urls[0]
    out[key] = normalize_lines(x for x in value_lines if not _URL_RE.match(x))
    return out, j


def detect_archive_layout(text: str, blocks: Sequence[Sequence[Line]]) -> ArchiveLayout | None:
    """The archive layout of these blocks, or None for an ordinary text."""
    if not blocks or len(blocks[0]) != 1:
        return None
    date = _DATE_RE.match(_lines(text, blocks[0])[0])
    head = blocks[1:_MAX_HEADER_BLOCKS]
    if not date or not any(_lines(text, b)[0] == "Citation:" for b in head):
        return None
    month = _MONTHS.index(date.group(1)) + 1
    meta: dict[str, Any] = {"layout": LAYOUT_NAME, "date": date.group(0)}
    # "February 31" stays as written, without an ISO form.
    with contextlib.suppress(ValueError):
        meta["date_iso"] = dt.date(int(date.group(3)), month, int(date.group(2))).isoformat()
    i = 1
    if i < len(blocks) and _lines(text, blocks[i])[0].startswith("**"):
        title, i = _title(text, blocks, i)
        if title:
            meta["title"] = title
    while i < len(blocks) and (label := _is_label(text, blocks[i])):
        values, i = _label_value(text, blocks, i, label)
        meta.update(values)
    end = len(blocks)
    if end > i:
        note = _SOURCE_NOTE_RE.match(normalize_lines(_lines(text, blocks[-1])))
        if note:
            meta["source_note"] = note.group(1).strip()
            end -= 1
    return ArchiveLayout(body_start=i, body_end=end, metadata=meta)
