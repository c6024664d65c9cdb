"""Loading documents as they really come: a file's bytes -> a Document of paragraphs.

Pipeline: decode (:mod:`aligner.io.encoding`) -> leading ``#`` comment block
and the folder's metadata.toml (:mod:`aligner.io.metadata`) -> archive header
and source note (:mod:`aligner.io.archive_layout`) -> paragraphs
(:mod:`aligner.io.normalize`).

Paragraphs are blocks separated by blank lines; a text without any blank line
between its lines has one paragraph per line. ``Segment.start``/``end`` are
offsets into the decoded text (byte-order mark removed, line ends as in the
file), so ``normalize_paragraph(decoded[start:end], compound_words(decoded))``
is the segment's text.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from aligner.core.model import Document, Segment, Sentence
from aligner.core.sentences.split import split_segment
from aligner.errors import TextLoadError
from aligner.io.archive_layout import detect_archive_layout
from aligner.io.encoding import (
    describe_read_twice,
    describe_strays,
    encoding_label,
    read_and_decode,
)
from aligner.io.metadata import (
    check_provenance,
    document_fields,
    entry_for,
    parse_comment_block,
    read_folder_metadata,
    resolve_provenance,
)
from aligner.io.normalize import (
    Line,
    blocks_of,
    compound_words,
    has_blank_line_between,
    is_blank,
    normalize_lines,
    split_lines,
    trimmed_span,
)

__all__ = [
    "LANGUAGE_CODES",
    "describe_document",
    "language_from_name",
    "load_document",
    "parse_document_text",
]

#: Language codes recognised as a file-name suffix (``telegram.ru.txt``, ``test0.de``).
LANGUAGE_CODES = frozenset(
    {
        "ru", "en", "de", "fr", "es", "it", "pt", "pl", "uk", "be", "bg", "cs", "sk", "sl",
        "sr", "hr", "nl", "sv", "da", "no", "nb", "fi", "et", "lv", "lt", "hu", "ro", "el",
        "tr", "ja", "zh", "ko", "ar", "he", "fa", "hi", "ka", "hy", "kk", "uz", "az", "la",
    }
)
#: metadata.toml entry fields that are not copied into Document.metadata.
_ENTRY_PRIVATE = frozenset({"file", "sha256", "provenance", "language"})

#: How files of a markup format open (after an XML declaration and comments), what they
#: are, and how to get plain text of them: read as plain text, their tags would be
#: aligned as words.
_MARKUP: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE), "an HTML page",
     "save it as plain text first (a browser's Save as Text, or w3m -dump {name} > {stem}.txt)"),
    (re.compile(r"<!doctype\s+tmx|<tmx[\s>]", re.IGNORECASE), "a TMX memory",
     "aligner import reads it"),
    (re.compile(r"<"), "an XML file", "give its text as a plain-text file"),
)
_PROLOGUE = re.compile(r"(?:<\?xml[^>]*>\s*|<!--.*?-->\s*)+", re.DOTALL)
_MARKUP_OPENINGS = ("<!doctype", "<html", "<tmx", "<tei")
#: Characters read from a file's start for its format: a declaration and a comment fit.
_MARKUP_HEAD = 2000


def _refuse_markup(text: str, name: str) -> None:
    """A file in a markup format (HTML, XML, RTF) is refused with what to do instead."""
    head = text[:_MARKUP_HEAD].lstrip("\ufeff \t\r\n")
    if head.startswith("{\\rtf"):
        raise TextLoadError(
            f"{name} is an RTF document, not plain text: save it as plain text (.txt) first"
        )
    prologue = _PROLOGUE.match(head)
    if prologue is None and not head.lower().startswith(_MARKUP_OPENINGS):
        return  # a text may open with a tag of its own ("<b>Note</b> ..."): read as text
    rest = head[prologue.end() :] if prologue else head
    for pattern, what, advice in _MARKUP:
        if pattern.match(rest):
            advice = advice.format(name=name, stem=Path(name).with_suffix(""))
            raise TextLoadError(f"{name} is {what}, not plain text: {advice}")


def language_from_name(path: str | Path) -> str | None:
    """The language code a file name carries as a suffix, if any."""
    for suffix in reversed(Path(path).suffixes[-2:]):
        code = suffix[1:].lower()
        if code in LANGUAGE_CODES:
            return code
    return None


#: How sentences are found: ``auto`` splits paragraphs with the sentence segmenter,
#: ``lines`` takes each line of a paragraph as one sentence (pre-segmented corpora).
SENTENCE_MODES: tuple[str, ...] = ("auto", "lines")


def _paragraphs(
    text: str, blocks: Sequence[Sequence[Line]], sentences: str | None = None
) -> list[Segment]:
    compounds = compound_words(text)
    segments = []
    for block in blocks:
        if sentences == "lines":
            segment = _line_sentences(text, block)
            if segment is not None:
                segments.append(segment)
            continue
        body = normalize_lines((text[s:e] for s, e in block), compounds)
        if body:
            start, end = trimmed_span(text, block)
            segment = Segment(text=body, start=start, end=end)
            if sentences == "auto":
                segment = split_segment(segment, text[start:end])
            segments.append(segment)
    return segments


def _line_sentences(text: str, block: Sequence[Line]) -> Segment | None:
    """A paragraph whose lines are its sentences: joined by one space, each line kept whole
    (no hyphenation is undone across lines, a line end is a sentence end)."""
    parts: list[str] = []
    spans: list[Sentence] = []
    at = 0
    for line in block:
        body = normalize_lines([text[line[0] : line[1]]])
        if not body:
            continue
        if parts:
            at += 1
        start, end = trimmed_span(text, [line])
        spans.append(Sentence(at, at + len(body), start, end))
        parts.append(body)
        at += len(body)
    if not parts:
        return None
    start, end = trimmed_span(text, block)
    return Segment(text=" ".join(parts), start=start, end=end, sentences=tuple(spans))


def _body(
    text: str, name: str, sentences: str | None = None
) -> tuple[list[Segment], dict[str, Any], dict[str, str]]:
    """Segments, layout metadata and comment-block fields of a decoded text."""
    lines = split_lines(text)
    first = next((i for i, (s, e) in enumerate(lines) if not is_blank(text[s:e])), len(lines))
    head = []
    for s, e in lines[first:]:
        line = text[s:e].lstrip() if not head else text[s:e]
        if not line.startswith("#"):
            break
        head.append(line)
    comment = parse_comment_block(head)
    body_lines = lines[first + comment.lines :]
    blocks = blocks_of(text, body_lines)
    layout = detect_archive_layout(text, blocks)
    if layout is not None:
        meta: dict[str, Any] = dict(layout.metadata)
        meta["paragraphs"] = "blank-line blocks"
        segments = _paragraphs(text, blocks[layout.body_start : layout.body_end], sentences)
    elif has_blank_line_between(text, body_lines):
        meta = {"layout": "plain", "paragraphs": "blank-line blocks"}
        segments = _paragraphs(text, blocks, sentences)
    else:
        meta = {"layout": "plain", "paragraphs": "one per line"}
        segments = _paragraphs(text, [[line] for block in blocks for line in block], sentences)
    if sentences is not None:
        meta["sentences"] = "one per line" if sentences == "lines" else "segmenter"
    if not segments:
        raise TextLoadError(
            f"{name} has no paragraphs of text (only blank lines, comments or an archive "
            "header); give a file with the text to align"
        )
    return segments, meta, dict(comment.fields)


def _build(
    text: str,
    *,
    name: str,
    language: str | None,
    provenance: str | None,
    folder: Mapping[str, Any] | None = None,
    raw: bytes | None = None,
    sentences: str | None = None,
    **identity: str,
) -> Document:
    """The Document of a decoded text, with its metadata merged and provenance resolved."""
    if sentences is not None and sentences not in SENTENCE_MODES:
        raise TextLoadError(
            f"unknown sentence mode {sentences!r}; use one of {', '.join(SENTENCE_MODES)}"
        )
    _refuse_markup(text, name)
    segments, layout_meta, comment = _body(text, name, sentences)
    entry = entry_for(folder, Path(name).name) if folder else None
    prov = resolve_provenance(name, provenance, comment.pop("provenance", None), entry, raw)
    metadata: dict[str, Any] = {}
    if entry is not None:
        metadata.update(document_fields(folder or {}))
        metadata.update({k: v for k, v in entry.items() if k not in _ENTRY_PRIVATE})
    own_language = comment.pop("language", None)
    metadata.update(comment)
    metadata.update(layout_meta)
    metadata["provenance_basis"] = prov.basis
    if prov.note:
        metadata["provenance_note"] = prov.note
    lang = (
        language
        or own_language
        or (str(entry["language"]) if entry and entry.get("language") else None)
        or language_from_name(name)
        or "und"
    )
    return Document(
        segments=tuple(segments),
        language=lang.strip().lower() or "und",
        path=identity.get("path", ""),
        sha256=identity.get("sha256", ""),
        encoding=identity.get("encoding", "utf-8"),
        provenance=prov.value,
        metadata=metadata,
    )


def parse_document_text(
    text: str,
    *,
    language: str,
    path: str = "",
    sha256: str = "",
    encoding: str = "utf-8",
    provenance: str | None = None,
    sentences: str | None = None,
) -> Document:
    """A Document from already decoded text (no folder metadata is consulted).

    Provenance: ``provenance`` if given, else the text's own ``# provenance:``
    line, else ``unknown``.
    """
    if provenance is not None:
        check_provenance(provenance, "the provenance argument")
    # A byte-order mark left in the text becomes a space: offsets stay those of ``text``.
    if text.startswith("\ufeff"):
        text = " " + text[1:]
    return _build(
        text,
        name=path or "the text",
        language=language,
        provenance=provenance,
        path=path,
        sha256=sha256,
        encoding=encoding,
        sentences=sentences,
    )


def load_document(
    path: str | Path,
    language: str | None = None,
    *,
    provenance: str | None = None,
    sentences: str | None = None,
) -> Document:
    """Read a text file into a Document of paragraphs.

    ``sentences`` (one of :data:`SENTENCE_MODES`) also splits each paragraph into
    sentences, with their offsets in the paragraph and in the file; ``None`` leaves
    that to the sentence aligner.

    ``language`` defaults to the file's ``# language:`` line, its metadata.toml
    entry, or its name (``*.ru.txt``), else ``und``. Provenance follows the rule
    in :mod:`aligner.io.metadata`. Every failure is a :class:`TextLoadError`.
    """
    path = Path(path)
    raw, decoded = read_and_decode(path)
    if decoded.read_twice:
        warning = describe_read_twice(decoded.text, decoded.read_twice, str(path))
        sys.stderr.write(f"aligner: warning: {warning}\n")
    if decoded.strays:
        warning = describe_strays(decoded.text, decoded.strays, str(path))
        sys.stderr.write(f"aligner: warning: {warning}\n")
    folder = read_folder_metadata(path.parent)
    return _build(
        decoded.text,
        name=str(path),
        language=language,
        provenance=provenance,
        folder=folder,
        raw=raw,
        sentences=sentences,
        path=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=decoded.encoding,
    )


def describe_document(doc: Document) -> str:
    """One line saying what was loaded, for summaries: a reconstruction says so in capitals."""
    name = Path(doc.path).name if doc.path else doc.title
    parts = [
        f"{len(doc.segments)} paragraphs",
        doc.language,
        encoding_label(doc.encoding),
    ]
    layout = doc.metadata.get("layout")
    if layout and layout != "plain":
        parts.append(f"{layout} layout (header kept as metadata)")
    if doc.is_reconstruction:
        parts.append(f"{doc.provenance.upper()}: not the archival original")
    else:
        parts.append(f"provenance {doc.provenance}")
    return f"{name}: " + ", ".join(parts)
