"""Concordance: every occurrence of one term in both languages, in context (KWIC).

Each line shows the link the occurrence sits in and what the other side of
that link has for the same term: its rendering, or nothing (a missing one).
"""

from __future__ import annotations

from dataclasses import dataclass

from aligner.core.glossary import Glossary
from aligner.core.model import Alignment, Document
from aligner.core.terms.hits import hits_by_segment
from aligner.core.terms.matching import MatchParams, TermHit


@dataclass(frozen=True)
class ConcordanceLine:
    """One occurrence of a term, with its context and its counterpart."""

    side: str
    segment: int
    link: int
    """0-based index into the alignment's links (-1 when the segment is in none)."""
    link_id: int
    start: int
    end: int
    left: str
    match: str
    right: str
    score: float
    rendering: str
    """Target lines: preferred/variant/flagged. Source lines: the best class found opposite,
    or ``missing``."""
    other: tuple[str, ...]
    """The same term's matched text on the other side of the link."""
    sentence: int = -1
    """Global index of the sentence holding the hit when the context is that sentence
    (``context="sentence"``); -1 when the context is the whole paragraph."""


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    left = " ".join(text[:start].split())
    right = " ".join(text[end:].split())
    if len(left) > width:
        left = "\u2026" + left[len(left) - width + 1:]
    if len(right) > width:
        right = right[: width - 1] + "\u2026"
    # keep the spaces around the match that collapsing removed
    if start and text[start - 1].isspace():
        left += " "
    if end < len(text) and text[end].isspace():
        right = " " + right
    return left, right


def _segment_links(alignment: Alignment) -> dict[tuple[str, int], int]:
    where: dict[tuple[str, int], int] = {}
    for i, lk in enumerate(alignment.links):
        for s in lk.source:
            where[("source", s)] = i
        for t in lk.target:
            where[("target", t)] = i
    return where


def _best_class(hits: list[TermHit]) -> str:
    classes = {h.rendering for h in hits}
    for name in ("preferred", "variant", "flagged"):
        if name in classes:
            return name
    return "missing"


#: What the left and right context of a line is cut from.
CONTEXTS: tuple[str, ...] = ("sentence", "paragraph")


def _sentence_context(doc: Document, index: int, start: int, end: int) -> tuple[int, int, int]:
    """(global sentence index, its start, its end in the paragraph) of the sentence holding
    the hit; (-1, 0, len) when the paragraph is not split into sentences."""
    seg = doc.segments[index]
    for k, sentence in enumerate(seg.sentences):
        if sentence.start <= start and end <= sentence.end:
            return doc.sentence_starts[index] + k, sentence.start, sentence.end
    return -1, 0, len(seg.text)  # no sentences, or a hit across a sentence end


def concordance(
    alignment: Alignment, glossary: Glossary, term_id: str, *, width: int = 40,
    params: MatchParams | None = None, context: str = "sentence",
) -> list[ConcordanceLine]:
    """KWIC lines for one term (by id; an unknown id is a GlossaryError naming close ones).

    ``context="sentence"`` cuts each line's context from the sentence holding the hit
    (when the text is split into sentences); ``"paragraph"`` from its whole paragraph.
    """
    entry = glossary.entry(term_id)
    hits = hits_by_segment(alignment, glossary, params)
    where = _segment_links(alignment)
    lines = []
    for side, doc in (("source", alignment.source), ("target", alignment.target)):
        other_side = "target" if side == "source" else "source"
        for index, seg in enumerate(doc.segments):
            for hit in hits.get((side, index), ()):
                if hit.term != entry.id:
                    continue
                link = where.get((side, index), -1)
                opposite = [] if link < 0 else [
                    h for i in getattr(alignment.links[link], other_side)
                    for h in hits.get((other_side, i), ()) if h.term == entry.id]
                sentence, lo, hi = (
                    _sentence_context(doc, index, hit.start, hit.end)
                    if context == "sentence" else (-1, 0, len(seg.text))
                )
                left, right = _context(seg.text[lo:hi], hit.start - lo, hit.end - lo, width)
                rendering = hit.rendering if side == "target" else _best_class(opposite)
                lines.append(ConcordanceLine(
                    side, index, link, alignment.links[link].id if link >= 0 else -1,
                    hit.start, hit.end, left, hit.text, right, hit.score, rendering,
                    tuple(h.text for h in opposite), sentence))
    return lines
