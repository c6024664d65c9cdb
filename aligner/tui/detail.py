"""The detail pane: the selected link in full, terms highlighted, flags and evidence explained.

Only the selected link is rendered, so moving through 10,000 links costs the
same as moving through ten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from aligner.core.model import Alignment, Document, Link
from aligner.core.review import needs_review, sentence_needs_review, sentence_status
from aligner.core.wording import count
from aligner.tui.render import Span, highlighted, label, literal, term_colour
from aligner.tui.styles import RED, WARN

FLAG_EXPLANATIONS = {
    "flagged": "the target uses a rendering the glossary flags as disputed or wrong",
    "missing": "a term on one side has no rendering, not even a near one, on the other",
    "near": "a wording close to a glossary rendering that the glossary does not list "
    "(accept it as a variant with 'aligner glossary accept')",
    "inconsistent": "the term is rendered in more than one way across the document",
    "variant": "the target uses an accepted but not preferred rendering (informational)",
}

SegmentHits = Mapping[tuple[str, int], Sequence[Any]]


def _doc_heading(role: str, doc: Document) -> Text:
    parts: list[tuple[str, str] | str] = [(role.upper(), "bold"), f"  {doc.language}"]
    if doc.is_reconstruction:
        parts.append(("  RECONSTRUCTION, not the archival text", f"bold reverse {RED}"))
    return label(*parts)


def _paragraphs(
    side: str, doc: Document, indices: Sequence[int], hits: SegmentHits, order: Sequence[str]
) -> list[Text]:
    if not indices:
        return [literal("(nothing: this link is unaligned on this side)", "italic dim")]
    out = []
    for i in indices:
        spans = [
            Span(h.start, h.end, h.term, getattr(h, "rendering", "") == "flagged")
            for h in hits.get((side, i), ())
        ]
        out.append(label((f"¶{i + 1} ", "dim")) + highlighted(doc.segments[i].text, spans, order))
    return out


def _terms_legend(link: Link, hits: SegmentHits, order: Sequence[str]) -> Text | None:
    """One coloured chip per term in the link; terms this link is flagged for get ⚑."""
    keys = [("source", i) for i in link.source] + [("target", i) for i in link.target]
    terms = list(dict.fromkeys(h.term for k in keys for h in hits.get(k, ())))
    if not terms:
        return None
    flagged = {f.term for f in link.flags}
    out = label(("Terms: ", "bold"))
    for term in terms:
        out.append(f" {term} ", style=f"bold reverse {term_colour(term, order)}")
        out.append("⚑ " if term in flagged else " ", style=WARN)
    return out


def _evidence_lines(link: Link) -> list[Text]:
    lines = []
    if link.needs_review:
        below = f": confidence below the aligner's threshold {link.review_threshold:.2f}"
        lines.append(label("  • ", ("needs review", "bold"), below))
    lines += [label(f"  • {reason}") for reason in link.evidence.reasons]
    return lines


def _revision_lines(alignment: Alignment, link: Link) -> list[Any]:
    if link.revision is None:
        return []
    from aligner.tui.revision_view import revision_text

    return [label(("REVISION", "bold")), revision_text(alignment, link)]


def _sentence_text(side: str, doc: Document, g: int, hits: SegmentHits,
                   order: Sequence[str]) -> Text:
    """Sentence ``g`` (global index) with the glossary terms that fall inside it coloured."""
    p = doc.sentence_paragraph(g)
    seg = doc.segments[p]
    if seg.sentences:
        record = seg.sentences[g - doc.sentence_starts[p]]
        start, end = record.start, record.end
    else:
        start, end = 0, len(seg.text)
    spans = [
        Span(h.start - start, h.end - start, h.term, getattr(h, "rendering", "") == "flagged")
        for h in hits.get((side, p), ())
        if start <= h.start and h.end <= end
    ]
    return highlighted(seg.text[start:end], spans, order)


def _sentence_lines(alignment: Alignment, link: Link, current: int, hits: SegmentHits,
                    order: Sequence[str]) -> tuple[list[Text], int]:
    """The sentence links of a link, each with its sentences, confidence and why; the
    current one marked. Returns the lines and the index of the current one's first line."""
    src, tgt = alignment.source, alignment.target
    lines: list[Text] = [label(("SENTENCE LINKS", "bold"),
                               f"  {current + 1} of {len(link.sentences)}  ",
                               ("(j / k: next / previous; l: back to paragraphs)", "dim"))]
    at = 0
    for k, s in enumerate(link.sentences):
        here = k == current
        if here:
            at = len(lines)
        status = sentence_status(link, s)
        marks = [f"{k + 1}", s.bead,
                 "shaped by hand" if s.evidence.edited else f"confidence {s.confidence:.2f}",
                 status]
        if sentence_needs_review(link, s):
            marks.append("needs review")
        lines.append(label(("▶ " if here else "  ", "bold"),
                           (" · ".join(marks), "bold reverse" if here else "bold")))
        for side, doc, ids in (("source", src, s.source), ("target", tgt, s.target)):
            tag = label((f"    {doc.language} ", "dim"))
            if not ids:
                lines.append(tag + literal("(no sentence: unaligned on this side)", "italic dim"))
            for g in ids:
                lines.append(tag + _sentence_text(side, doc, g, hits, order))
        why = s.evidence.describe()
        if why:
            lines.append(label(("    why: ", "dim"), (why, "dim")))
        if s.note:
            lines.append(label(("    note: ", "bold"), s.note))
    return lines, at


def describe_link(
    alignment: Alignment, link: Link, hits: SegmentHits | None = None, order: Sequence[str] = (),
    sentence: int | None = None,
) -> Group:
    """Everything the pane shows about one link, as renderables built from plain text.

    With ``sentence`` (the sentence view), its sentence links replace the paragraphs and
    the one at that position is highlighted."""
    return Group(*link_parts(alignment, link, hits, order, sentence)[0])


def link_parts(
    alignment: Alignment, link: Link, hits: SegmentHits | None = None, order: Sequence[str] = (),
    sentence: int | None = None,
) -> tuple[list[Any], int]:
    """The pane's lines for one link, and the index of the current sentence link's line."""
    hits = hits or {}
    position = alignment.link_index(link.id) + 1
    marks = [f"Link {position} of {len(alignment.links)}", f"{link.bead}",
             "shaped by hand" if link.status == "edited" else f"confidence {link.confidence:.2f}",
             link.status]
    if link.bookmark:
        marks.append("★ bookmarked")
    if needs_review(link):
        marks.append("needs review")
    parts: list[Any] = [literal(" · ".join(marks), "bold")]
    legend = _terms_legend(link, hits, order)
    if legend is not None:
        parts.append(legend)
    at = 0
    if sentence is not None and link.sentences:
        heading = _doc_heading("source", alignment.source)
        heading.append("  ·  ")
        heading.append_text(_doc_heading("target", alignment.target))
        parts.append(heading)
        lines, first = _sentence_lines(alignment, link, sentence, hits, order)
        at = len(parts) + first
        parts += lines
    else:
        if sentence is not None:
            parts.append(literal("This link has no sentence links.", "italic dim"))
        elif link.sentences:
            doubtful = sum(1 for s in link.sentences if sentence_needs_review(link, s))
            parts.append(label(
                (count(len(link.sentences), "sentence link"), "bold"),
                f" ({doubtful} to review)" if doubtful else "", ("  l shows them", "dim")))
        parts += [_doc_heading("source", alignment.source)]
        parts += _paragraphs("source", alignment.source, link.source, hits, order)
        parts += [_doc_heading("target", alignment.target)]
        parts += _paragraphs("target", alignment.target, link.target, hits, order)
    parts += _revision_lines(alignment, link)
    if link.note:
        parts += [label(("NOTE", "bold")), literal(link.note)]
    if link.flags:
        parts.append(label(("FLAGS", "bold")))
        for f in link.flags:
            why = FLAG_EXPLANATIONS.get(f.kind, "")
            parts.append(label("  ⚑ ", (f.kind, WARN), f" {f.term}: ",
                               f.message or why, (f" ({why})" if f.message and why else "", "dim")))
    evidence = _evidence_lines(link)
    if evidence:
        parts += [label(("WHY THIS CONFIDENCE", "bold")), *evidence]
    for part in parts:
        if isinstance(part, Text):
            part.end = "\n"  # one block per line; built with end="" to be joinable
    return parts, at


class DetailPane(VerticalScroll):
    """Scrollable view of the selected link."""

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(literal("No link selected."), id="detail-body", markup=False)

    def show(self, alignment: Alignment, link: Link | None, hits: SegmentHits | None,
             order: Sequence[str], sentence: int | None = None) -> None:
        """Show a link; with ``sentence`` (the sentence view), scrolled so that its current
        sentence link is in sight."""
        body = self.query_one("#detail-body", Static)
        if link is None:
            body.update(literal("No link matches the current filter."))
            return
        parts, at = link_parts(alignment, link, hits, order, sentence)
        body.update(Group(*parts))
        if sentence is None or at == 0:
            self.scroll_home(animate=False)
            return
        # The lines above the current sentence link, wrapped at the pane's width.
        width = max(1, self.scrollable_content_region.width)
        console = self.app.console
        above = sum(len(p.wrap(console, width)) for p in parts[:at] if isinstance(p, Text))
        self.scroll_to(y=max(0, above - 1), animate=False)
