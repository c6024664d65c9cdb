"""What to export: options, link filters, and the context every writer reads.

Filters pick links; they never change a link's text. The context gathers what
several writers need (the filtered links, term hits, provenance wording) so each
is computed once per export, not once per format or per row.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from aligner.core.align.editorial import page_break_between
from aligner.core.model import Alignment, Document, Link
from aligner.errors import ExportError

#: How the paragraphs of one side of a link are joined in one-cell formats
#: (TSV, CSV, JSON Lines, Markdown): a blank line, as between paragraphs of a text.
PARAGRAPH_JOINER = "\n\n"
#: How the two halves of a paragraph split by a page break (the first ends
#: mid-sentence, the next starts in lower case) are joined, in every format:
#: they are one paragraph, so one space, never a paragraph break.
PAGE_BREAK_JOINER = " "

# A BCP-47 tag as CAT tools use them: a language, then region/script subtags ("ru-RU").
_LANG_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

MD_STYLES: tuple[str, ...] = ("table", "blocks")
#: What one exported unit is: a paragraph link, or a sentence link inside one.
LEVELS: tuple[str, ...] = ("paragraph", "sentence")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# XML 1.0 has no way to write these characters, not even as &#...; references:
# C0 controls other than tab, LF and CR, lone surrogates, U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class ExportOptions:
    """Filters and per-format switches of one export."""

    confirmed_only: bool = False
    """Keep only links a reviewer confirmed."""
    one_to_one: bool = False
    """Keep only 1-1 links."""
    min_confidence: float = 0.0
    """Keep only links at least this confident."""
    term: str | None = None
    """Keep only links where this glossary entry (by id) occurs on either side."""
    bom: bool = False
    """TSV/CSV: start with a UTF-8 byte order mark, for spreadsheets that need one."""
    neutralise: bool = True
    """TSV/CSV: prefix cells that a spreadsheet would run as a formula with a quote."""
    md_style: str = "table"
    """Markdown: ``table`` (one row per link) or ``blocks`` (a section per link)."""
    include_rejected: bool = False
    """Also export links a reviewer rejected (left out by default: they are not translations)."""
    use_revisions: bool = False
    """Put a link's revised rendering in the target, the original target in a note."""
    lang_tags: tuple[str, str] | None = None
    """Language tags written for (source, target), e.g. ``("ru-RU", "en-GB")``; None: the
    documents' own codes."""
    created: str = ""
    """Creation time written in headers (ISO 8601, UTC); empty: now, or SOURCE_DATE_EPOCH."""
    level: str = "paragraph"
    """``paragraph`` (a unit per link) or ``sentence`` (a unit per sentence link)."""

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ExportError(f"unknown level {self.level!r}; use one of {', '.join(LEVELS)}")
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ExportError(
                f"minimum confidence {self.min_confidence} is outside 0..1; give a value like 0.8"
            )
        if self.md_style not in MD_STYLES:
            raise ExportError(
                f"unknown Markdown style {self.md_style!r}; use one of {', '.join(MD_STYLES)}"
            )
        for tag in self.lang_tags or ():
            if not _LANG_TAG.match(tag):
                raise ExportError(f"language tag {tag!r} is not a BCP-47 tag; write it like "
                                  "ru-RU or en-GB")

    def describe_filters(self) -> list[str]:
        """The active filters in words, for report headers."""
        parts = [] if self.include_rejected else ["rejected links left out"]
        if self.confirmed_only:
            parts.append("confirmed links only")
        if self.one_to_one:
            parts.append("1-1 links only")
        if self.min_confidence > 0:
            parts.append(f"confidence at least {self.min_confidence:g}")
        if self.term:
            parts.append(f"links containing the term {self.term!r}")
        if self.use_revisions:
            parts.append("revised renderings in place of the original target")
        return parts


def parse_lang_tags(text: str) -> tuple[str, str]:
    """``"ru-RU,en-GB"`` as (source tag, target tag); an error says how to write it."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ExportError(f"--lang-tags {text!r}: give two tags, source first, like ru-RU,en-GB")
    tags = (parts[0], parts[1])
    ExportOptions(lang_tags=tags)  # validates them
    return tags


def creation_time(options: ExportOptions) -> datetime:
    """When this export was made: the option, else SOURCE_DATE_EPOCH (reproducible
    builds' convention), else now; always UTC."""
    if options.created:
        try:
            when = datetime.fromisoformat(options.created)
        except ValueError:
            raise ExportError(f"creation time {options.created!r} is not ISO 8601") from None
        return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def join_paragraphs(texts: Sequence[str], sep: str = PARAGRAPH_JOINER) -> str:
    """Paragraphs of one side joined with ``sep``; page-break halves with one space."""
    if len(texts) < 2:
        return "".join(texts)
    out = [texts[0]]
    for before, after in zip(texts, texts[1:], strict=False):
        out.append(PAGE_BREAK_JOINER if page_break_between(before, after) else sep)
        out.append(after)
    return "".join(out)


def paragraph_runs(doc: Document, indices: Sequence[int]) -> list[list[int]]:
    """The paragraphs of one side grouped as a reader sees them: page-break halves together."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and page_break_between(doc.segments[runs[-1][-1]].text, doc.segments[i].text):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def check_lang_tags(alignment: Alignment, tags: tuple[str, str] | None) -> None:
    """Refuse tags whose language is not the document's (``en-GB`` for a Russian source)."""
    if tags is None:
        return
    for role, doc, tag in (("source", alignment.source, tags[0]),
                           ("target", alignment.target, tags[1])):
        lang = doc.language.split("-")[0].lower()
        if lang not in ("", "und") and tag.split("-")[0].lower() != lang:
            raise ExportError(f"language tag {tag} does not fit the {role} text, which is "
                              f"{doc.language}; give the source's tag first, e.g. "
                              f"{alignment.source.language}-XX,{alignment.target.language}-YY")


DEFAULT_OPTIONS = ExportOptions()


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry; everything else is kept as is."""
    return _XML_FORBIDDEN.sub("", text)


def term_hits(alignment: Alignment, glossary: Any) -> Mapping[tuple[str, int], Sequence[Any]]:
    """Term hits by (side, segment index); segments without a hit are absent."""
    from aligner.core.terms import hits_by_segment

    return hits_by_segment(alignment, glossary)


def _links_with_term(
    links: Sequence[Link], hits: Mapping[tuple[str, int], Sequence[Any]], term: str
) -> list[Link]:
    wanted = {key for key, found in hits.items() if any(h.term == term for h in found)}
    return [
        lk
        for lk in links
        if any(("source", i) in wanted for i in lk.source)
        or any(("target", i) in wanted for i in lk.target)
    ]


def _check_term(glossary: Any, term: str | None) -> None:
    if not term:
        return
    if glossary is None:
        raise ExportError(f"--term {term} needs a glossary; add --glossary FILE")
    ids = glossary.ids()
    if term not in ids:
        known = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
        raise ExportError(f"the glossary has no term {term!r}; its terms are: {known}")


def filter_links(
    alignment: Alignment,
    options: ExportOptions = DEFAULT_OPTIONS,
    glossary: Any = None,
    hits: Mapping[tuple[str, int], Sequence[Any]] | None = None,
) -> list[Link]:
    """The links an export keeps, in document order.

    ``hits`` may be passed when the caller already found the term hits; otherwise
    they are found here when a term filter needs them.
    """
    _check_term(glossary, options.term)
    links = [
        lk
        for lk in alignment.links
        if (options.include_rejected or lk.status != "rejected")
        and (not options.confirmed_only or lk.status == "confirmed")
        and (not options.one_to_one or (len(lk.source) == 1 and len(lk.target) == 1))
        and lk.confidence >= options.min_confidence
    ]
    if options.term:
        if hits is None:
            hits = term_hits(alignment, glossary)
        links = _links_with_term(links, hits, options.term)
    return links


#: Metadata keys shown first, in this order; any others follow alphabetically.
_KNOWN_KEYS = (
    "title",
    "date",
    "authors",
    "author",
    "translator",
    "publisher",
    "citation",
    "archive_name",
    "archive_citation",
    "archive_url",
    "citation_url",
    "url",
    "description",
    "note",
)


def metadata_items(doc: Document) -> list[tuple[str, str]]:
    """A document's metadata as (key, text) pairs, known keys first, empty values left out."""
    meta = dict(doc.metadata)
    keys = [k for k in _KNOWN_KEYS if k in meta] + sorted(k for k in meta if k not in _KNOWN_KEYS)
    items = []
    for key in keys:
        value = meta[key]
        if isinstance(value, (list, tuple)):
            text = "; ".join(str(v) for v in value)
        elif isinstance(value, Mapping):
            text = "; ".join(f"{k}: {v}" for k, v in value.items())
        else:
            text = str(value)
        if text.strip():
            items.append((str(key), text))
    return items


def display_title(doc: Document) -> str:
    """The document's title, else its file name (never a whole machine path)."""
    title = str(doc.metadata.get("title", "")).strip()
    if title:
        return title
    name = doc.path.replace("\\", "/").rsplit("/", 1)[-1]
    return name or "(untitled)"


_PROVENANCE_WORDS = {
    "reconstructed": "a RECONSTRUCTION, not an archival original",
    "generated": "machine-generated (a reconstruction), not an archival original",
    "transcription": "a transcription of an archival original",
    "unknown": "of unknown provenance",
}


def provenance_note(doc: Document, role: str) -> str:
    """One sentence on what kind of text a document is; empty for an archival text.

    ``role`` is ``"source"`` or ``"target"``. A reconstruction is always called one.
    """
    words = _PROVENANCE_WORDS.get(doc.provenance)
    if words is None:
        return ""
    return f"The {role} text ({doc.language}) is {words}."


@dataclass(frozen=True)
class ExportContext:
    """Everything one export writes from: the alignment, its kept links, options, terms."""

    alignment: Alignment
    options: ExportOptions = field(default_factory=ExportOptions)
    glossary: Any = None
    paragraphs: Alignment | None = None
    """At the sentence level, the paragraph alignment ``alignment`` is the sentence view of
    (InterText writes its sentences inside their paragraphs)."""

    @classmethod
    def at_level(
        cls, alignment: Alignment, options: ExportOptions, glossary: Any = None
    ) -> ExportContext:
        """The context of one export at the options' level: at the sentence level every
        writer sees the sentence links as links (:func:`aligner.core.sentences.sentence_view`)."""
        if options.level != "sentence":
            return cls(alignment, options, glossary)
        from aligner.core.sentences import has_sentence_links, sentence_view

        if not has_sentence_links(alignment):
            raise ExportError(
                "this alignment has no sentence links; re-align it with 'aligner align' "
                "(without --sentences off), or export with --level paragraph"
            )
        return cls(sentence_view(alignment), options, glossary, paragraphs=alignment)

    def __post_init__(self) -> None:
        check_lang_tags(self.alignment, self.options.lang_tags)

    @cached_property
    def hits(self) -> Mapping[tuple[str, int], Sequence[Any]]:
        """Term hits by (side, segment); empty without a glossary."""
        if self.glossary is None:
            return {}
        return term_hits(self.alignment, self.glossary)

    @cached_property
    def links(self) -> list[Link]:
        """The links kept by the options' filters."""
        hits = self.hits if self.options.term else None
        return filter_links(self.alignment, self.options, self.glossary, hits)

    @cached_property
    def created(self) -> datetime:
        return creation_time(self.options)

    @property
    def source_lang(self) -> str:
        """The source language tag written (``--lang-tags``, else the document's code)."""
        tags = self.options.lang_tags
        return tags[0] if tags else self.alignment.source.language

    @property
    def target_lang(self) -> str:
        tags = self.options.lang_tags
        return tags[1] if tags else self.alignment.target.language

    @cached_property
    def numbers(self) -> dict[int, int]:
        """Link id -> the link's number as users see it (position counted from 1)."""
        return {lk.id: i + 1 for i, lk in enumerate(self.alignment.links)}

    @cached_property
    def rejected_left_out(self) -> int:
        if self.options.include_rejected:
            return 0
        return sum(1 for lk in self.alignment.links if lk.status == "rejected")

    def source_text(self, link: Link, sep: str = PARAGRAPH_JOINER) -> str:
        return join_paragraphs([self.alignment.source.segments[i].text for i in link.source], sep)

    def original_target(self, link: Link, sep: str = PARAGRAPH_JOINER) -> str:
        """The target as the translator wrote it, whatever the options say."""
        return join_paragraphs([self.alignment.target.segments[i].text for i in link.target], sep)

    def uses_revision(self, link: Link) -> bool:
        """True when this export writes the link's revision in place of its target."""
        return self.options.use_revisions and link.revision is not None

    def target_text(self, link: Link, sep: str = PARAGRAPH_JOINER) -> str:
        """The target written: the revised rendering with ``use_revisions``, else the original."""
        if self.uses_revision(link):
            assert link.revision is not None
            paragraphs = [p for p in link.revision.text.split("\n\n") if p.strip()]
            return join_paragraphs(paragraphs or [link.revision.text], sep)
        return self.original_target(link, sep)

    def provenance_notes(self) -> list[str]:
        """The provenance sentences of both documents (archival texts need none)."""
        notes = [
            provenance_note(self.alignment.source, "source"),
            provenance_note(self.alignment.target, "target"),
        ]
        return [n for n in notes if n]


def flags_text(link: Link) -> str:
    """A link's term flags as ``kind:term`` joined by ``; `` (empty when none)."""
    return "; ".join(f"{f.kind}:{f.term}" for f in link.flags)
