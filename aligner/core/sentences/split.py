"""Documents split into sentences: each paragraph gets its Sentence records."""

from __future__ import annotations

from dataclasses import replace

from aligner.core.model import Document, Segment, Sentence
from aligner.core.sentences.segment import sentence_spans

__all__ = ["file_positions", "split_document", "split_segment"]


def file_positions(raw: str, text: str) -> list[int]:
    """For each offset of ``text`` (and its end), the offset in ``raw`` it comes from.

    ``text`` is ``raw`` normalised (spaces collapsed, line-end hyphens and invisible
    characters removed), so its characters appear in ``raw`` in the same order;
    they are matched greedily. A character that cannot be found (NFC composed it)
    takes the position after the previous one.
    """
    positions: list[int] = []
    at = 0
    for ch in text:
        found = raw.find(ch, at) if not ch.isspace() else _next_space(raw, at)
        if found < 0 or found - at > 8:  # no runaway search past a composed character
            found = min(at, len(raw))
        positions.append(found)
        at = found + 1
    positions.append(min(at, len(raw)))
    return positions


def _next_space(raw: str, at: int) -> int:
    for k in range(at, len(raw)):
        if raw[k].isspace():
            return k
    return -1


def split_segment(segment: Segment, raw: str | None = None) -> Segment:
    """The segment with its sentences found by :func:`sentence_spans`.

    ``raw`` is the segment's span of the decoded file (``file[start:end]``); without
    it, file offsets are estimated in proportion (the stored text of an old
    alignment has lost the file's exact line breaks).
    """
    if not segment.text.strip():
        return segment  # nothing to split: it counts as one sentence
    spans = sentence_spans(segment.text) or ((0, len(segment.text)),)
    if raw is not None:
        where = file_positions(raw, segment.text)
        sentences = tuple(
            Sentence(s, e, segment.start + where[s], segment.start + where[e - 1] + 1)
            for s, e in spans
        )
    else:
        begin = segment.start
        width, length = segment.end - begin, max(1, len(segment.text))
        if not width:  # a text not read from a file: every offset is its start
            sentences = tuple([Sentence(s, e, begin, begin) for s, e in spans])
        else:
            sentences = tuple(
                [
                    Sentence(s, e, begin + s * width // length,
                             begin + max(s * width // length, e * width // length))
                    for s, e in spans
                ]
            )  # fmt: skip
    # Segment's own fields, as ``replace`` would pass them, without its introspection
    # (a tenth of the split's time at 10,000 paragraphs).
    return Segment(segment.text, segment.start, segment.end, sentences)


def split_document(document: Document) -> Document:
    """The document with every paragraph that has no sentences yet split into sentences."""
    if document.has_sentences:
        return document
    segments = tuple([s if s.sentences else split_segment(s) for s in document.segments])
    return replace(document, segments=segments)
