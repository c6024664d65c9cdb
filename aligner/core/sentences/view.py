"""The sentence level seen as an alignment of its own: sentences as segments, sentence
links as links, so every export, report and check that reads an Alignment works at
either level unchanged."""

from __future__ import annotations

from dataclasses import replace

from aligner.core.model import Alignment, Document, Link, Segment

__all__ = ["has_sentence_links", "sentence_view"]

#: A paragraph link's verdict that holds for the sentences inside it too.
_INHERITED = ("confirmed", "rejected")


def has_sentence_links(alignment: Alignment) -> bool:
    return any(lk.sentences for lk in alignment.links)


def _sentence_document(document: Document) -> Document:
    segments = []
    for seg in document.segments:
        if not seg.sentences:
            segments.append(Segment(seg.text, seg.start, seg.end))
            continue
        for s in seg.sentences:
            segments.append(Segment(seg.sentence_text(s), s.file_start, s.file_end))
    return replace(document, segments=tuple(segments))


def sentence_view(alignment: Alignment) -> Alignment:
    """One link per sentence link, numbered in document order; sentence indices are global.

    A sentence link left "auto" inside a confirmed or rejected paragraph link takes
    that verdict (the reviewer judged the whole passage); bookmarks carry over.
    Links not aligned by sentence become one link of all their sentences.
    """
    links: list[Link] = []
    for lk in alignment.links:
        if not lk.sentences:
            src = tuple(g for p in lk.source for g in alignment.source.sentence_range(p))
            tgt = tuple(g for p in lk.target for g in alignment.target.sentence_range(p))
            links.append(replace(lk, source=src, target=tgt, id=len(links), flags=()))
            continue
        for s in lk.sentences:
            status = lk.status if s.status == "auto" and lk.status in _INHERITED else s.status
            links.append(
                Link(
                    s.source, s.target,
                    confidence=s.confidence, status=status, note=s.note,
                    evidence=s.evidence, needs_review=s.needs_review,
                    review_threshold=lk.review_threshold, bookmark=lk.bookmark,
                    id=len(links),
                )
            )  # fmt: skip
    return Alignment(
        source=_sentence_document(alignment.source),
        target=_sentence_document(alignment.target),
        links=tuple(links),
        settings={**alignment.settings, "level": "sentence"},
        document_flags=alignment.document_flags,
    )
