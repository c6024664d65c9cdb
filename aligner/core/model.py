"""The data model: documents, their segments, links between them, the alignment.

Every class is a frozen dataclass; an edit returns a new object, so undo and
redo are stacks of values and nothing is ever changed behind a reader's back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Status = Literal["auto", "confirmed", "rejected"]
STATUSES: tuple[str, ...] = ("auto", "confirmed", "rejected")
FlagKind = Literal["flagged", "missing", "near", "inconsistent", "variant"]
#: Kinds of term findings, most severe first: a disputed rendering (``flagged``), a term
#: with no rendering (``missing``), a rendering the glossary does not list but that is close
#: to one (``near``), one term rendered several ways (``inconsistent``), an accepted but
#: not preferred rendering (``variant``, informational).
FLAG_KINDS: tuple[str, ...] = ("flagged", "missing", "near", "inconsistent", "variant")
#: The kinds that put an unreviewed link in the review queue; the others only inform.
REVIEW_FLAG_KINDS: tuple[str, ...] = ("flagged", "missing", "near")
_SEVERITY = {kind: rank for rank, kind in enumerate(FLAG_KINDS)}


def severity(kind: str) -> int:
    """Sort key of a flag kind, most severe first; kinds of other checks sort last."""
    return _SEVERITY.get(kind, len(FLAG_KINDS))

#: Provenance values; anything but "archival" is labelled in the UI and exports.
PROVENANCES: tuple[str, ...] = (
    "archival",
    "reconstructed",
    "transcription",
    "generated",
    "unknown",
)


@dataclass(frozen=True)
class Segment:
    """One paragraph (or sentence, for line-per-sentence files) of a document."""

    text: str
    """Normalised text: NFC, single spaces, line-end hyphenation undone."""
    start: int = 0
    """Offset of the paragraph's first character in the decoded file text."""
    end: int = 0
    """Offset just past the paragraph's last character in the decoded file text."""

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad segment offsets {self.start}..{self.end}")


@dataclass(frozen=True)
class Document:
    """A text as loaded: where it came from and its segments in order."""

    segments: tuple[Segment, ...]
    language: str = "und"
    """BCP-47 language code (``ru``, ``en``, ...)."""
    path: str = ""
    """Where the text was read from, as given (relative paths stay relative)."""
    sha256: str = ""
    """Digest of the file's bytes, to notice when the text changed on disk."""
    encoding: str = "utf-8"
    """Encoding the bytes were decoded with."""
    provenance: str = "unknown"
    """One of :data:`PROVENANCES`: whether this is an archival text or not."""
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """Title, date, citation, translator, notes... kept and exported, never aligned."""

    def __post_init__(self) -> None:
        if self.provenance not in PROVENANCES:
            raise ValueError(
                f"unknown provenance {self.provenance!r}; use one of {', '.join(PROVENANCES)}"
            )
        object.__setattr__(self, "segments", tuple(self.segments))

    @property
    def is_reconstruction(self) -> bool:
        """True when the text is not an archival original and must be labelled so."""
        return self.provenance in ("reconstructed", "generated")

    @property
    def title(self) -> str:
        return str(self.metadata.get("title", "")) or self.path or "(untitled)"

    def texts(self) -> list[str]:
        return [s.text for s in self.segments]


@dataclass(frozen=True)
class Flag:
    """A finding of the term checks on one link (or the whole document)."""

    kind: str
    """One of :data:`FLAG_KINDS`."""
    term: str
    """Glossary entry id the flag is about."""
    message: str = ""
    """One sentence a reviewer can read."""
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Revision:
    """A reviewer's proposed rewording of a link's target text."""

    text: str
    author: str = ""
    time: str = ""
    """ISO 8601 timestamp."""
    note: str = ""


@dataclass(frozen=True)
class Link:
    """A bead: source segments rendered by target segments (either side may be empty)."""

    source: tuple[int, ...]
    """0-based indices into the source document's segments, ascending and contiguous."""
    target: tuple[int, ...]
    """0-based indices into the target document's segments, ascending and contiguous."""
    confidence: float = 1.0
    status: str = "auto"
    note: str = ""
    evidence: Mapping[str, Any] = field(default_factory=dict)
    """Why the aligner chose this link: length deviation, anchors matched or missing."""
    flags: tuple[Flag, ...] = ()
    bookmark: bool = False
    revision: Revision | None = None
    id: int = -1
    """Stable identity across edits (row key in the UI); -1 until the alignment numbers it."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", tuple(self.source))
        object.__setattr__(self, "target", tuple(self.target))
        object.__setattr__(self, "flags", tuple(self.flags))
        if not self.source and not self.target:
            raise ValueError("a link needs at least one segment on one side")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}; use one of {', '.join(STATUSES)}")
        for side in (self.source, self.target):
            if side and list(side) != list(range(side[0], side[0] + len(side))):
                raise ValueError(f"link sides must be contiguous ascending indices, got {side}")

    @property
    def bead(self) -> str:
        """The bead type, e.g. ``"2-1"``."""
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """Two documents and the links between them, in document order."""

    source: Document
    target: Document
    links: tuple[Link, ...]
    settings: Mapping[str, Any] = field(default_factory=dict)
    """How the alignment was made (aligner parameters, glossary path, ...)."""
    document_flags: tuple[Flag, ...] = ()
    """Findings about the whole document (e.g. inconsistent renderings)."""

    def __post_init__(self) -> None:
        links = tuple(self.links)
        next_id = max((lk.id for lk in links), default=-1) + 1
        numbered = []
        for lk in links:
            if lk.id < 0:
                lk = replace(lk, id=next_id)
                next_id += 1
            numbered.append(lk)
        object.__setattr__(self, "links", tuple(numbered))
        object.__setattr__(self, "document_flags", tuple(self.document_flags))

    def with_links(self, links: Sequence[Link]) -> Alignment:
        """A copy with other links (new ones get fresh ids)."""
        return replace(self, links=tuple(links))

    def link_index(self, link_id: int) -> int:
        """Position of the link with this id; raises KeyError when there is none."""
        for i, lk in enumerate(self.links):
            if lk.id == link_id:
                return i
        raise KeyError(link_id)

    def source_text(self, link: Link, sep: str = "\n\n") -> str:
        return sep.join(self.source.segments[i].text for i in link.source)

    def target_text(self, link: Link, sep: str = "\n\n") -> str:
        return sep.join(self.target.segments[i].text for i in link.target)

    def coverage_errors(self) -> list[str]:
        """Problems with the links' coverage; empty when each segment is in one link, in order."""
        problems: list[str] = []
        for side, doc in (("source", self.source), ("target", self.target)):
            seen = [i for lk in self.links for i in getattr(lk, side)]
            expected = list(range(len(doc.segments)))
            if seen != expected:
                problems.append(
                    f"{side} segments are not covered exactly once in order "
                    f"({len(seen)} linked, {len(expected)} in the document)"
                )
        return problems
