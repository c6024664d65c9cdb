"""What to export: options, link filters, and the context every writer reads.

Filters pick links; they never change a link's text. The context gathers what
several writers need (the filtered links, term hits, provenance wording) so each
is computed once per export, not once per format or per row.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from aligner.core.model import Alignment, Document, Link
from aligner.errors import ExportError

#: How the paragraphs of one side of a link are joined in one-cell formats
#: (TSV, CSV, JSON Lines, Markdown): a blank line, as between paragraphs of a text.
PARAGRAPH_JOINER = "\n\n"

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

    def describe_filters(self) -> list[str]:
        """The active filters in words, for report headers."""
        parts = []
        if self.confirmed_only:
            parts.append("confirmed links only")
        if self.one_to_one:
            parts.append("1-1 links only")
        if self.min_confidence > 0:
            parts.append(f"confidence at least {self.min_confidence:g}")
        if self.term:
            parts.append(f"links containing the term {self.term!r}")
        return parts


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
        if (not options.confirmed_only or lk.status == "confirmed")
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

    def source_text(self, link: Link, sep: str = PARAGRAPH_JOINER) -> str:
        return self.alignment.source_text(link, sep)

    def target_text(self, link: Link, sep: str = PARAGRAPH_JOINER) -> str:
        return self.alignment.target_text(link, sep)

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
