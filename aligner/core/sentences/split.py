"""Documents split into sentences: each paragraph gets its Sentence records."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from aligner.core.model import Document, Segment, Sentence
from aligner.core.sentences.lists import item_starts
from aligner.core.sentences.segment import sentence_spans

__all__ = ["file_positions", "split_document", "split_segment"]


def file_positions(raw: str, text: str) -> list[int]:
    """For each offset of ``text`` (and its end), the offset in ``raw`` it comes from.

    ``text`` is ``raw`` normalised (spaces collapsed, line-end hyphens and invisible
    characters removed), so its characters appear in ``raw`` in the same order;
    they are matched greedily: each character at its first occurrence from just
    after the previous one (a space at the next whitespace of any kind). A
    character that cannot be found near (:func:`_near`: NFC composed it) takes the
    position after the previous one.

    Where the two strings run alike (all of a paragraph but its collapsed spaces
    and joined hyphens), a character's first occurrence is the very next one, so
    those runs are mapped in bulk; only the characters where they part are
    searched one by one. Whitespace is made one kind first, so that a space of
    the text meets a line break of the file as a run does.
    """
    text_s, raw_s = _one_space(text), _one_space(raw)
    positions: list[int] = []
    at = k = 0
    while k < len(text_s):
        run = _common_run(text_s, k, raw_s, at)
        if run:
            positions.extend(range(at, at + run))
            k += run
            at += run
            continue
        found = _near(raw_s, text_s[k], at)
        positions.append(found)
        at = found + 1
        k += 1
    positions.append(min(at, len(raw_s)))
    return positions


#: Every whitespace character (``\s`` in a ``str`` pattern is ``str.isspace``).
_SPACE_RE = re.compile(r"\s")


def _one_space(text: str) -> str:
    """The text with every whitespace character a space. A printable string has no
    whitespace but the space (the others are separators or controls), so most
    normalised paragraphs are returned as they are, without a substitution."""
    return text if text.isprintable() else _SPACE_RE.sub(" ", text)


#: How far ahead a character is searched for, whitespace not counted, before it is taken
#: as composed away: a few invisible characters or a hyphen lie between two letters (and
#: a line break with its indentation), a character NFC composed would be found far off,
#: in another word.
_SEARCH_REACH = 8


def _near(raw: str, ch: str, at: int) -> int:
    """Where ``ch`` occurs in ``raw`` from ``at`` on, with at most :data:`_SEARCH_REACH`
    characters before it that are not spaces (a line break and its indentation, which the
    text dropped where it joined a hyphenated word or an address, may be any length);
    ``at`` when it is not there."""
    found = raw.find(ch, at)
    # the spaces are counted only when the plain distance is too far (rare)
    if found >= 0 and (found - at <= _SEARCH_REACH
                       or found - at - raw.count(" ", at, found) <= _SEARCH_REACH):
        return found
    return min(at, len(raw))


def _common_run(a: str, i: int, b: str, j: int) -> int:
    """The length of the longest run from ``a[i]`` equal to one from ``b[j]``: halved
    while it is not found, each comparison of two slices made in C."""
    most = min(len(a) - i, len(b) - j)
    if most <= 0 or a[i] != b[j]:
        return 0
    if a[i : i + most] == b[j : j + most]:
        return most
    low, high = 1, most  # a run of ``low`` is equal, one of ``high`` is not
    while high - low > 1:
        middle = (low + high) // 2
        if a[i : i + middle] == b[j : j + middle]:
            low = middle
        else:
            high = middle
    return low


def split_segment(segment: Segment, raw: str | None = None) -> Segment:
    """The segment with its sentences found by :func:`sentence_spans`.

    ``raw`` is the segment's span of the decoded file (``file[start:end]``); with it,
    each item of a list the paragraph's lines make opens a sentence (:mod:`.lists`).
    Without it, file offsets are estimated in proportion (the stored text of an old
    alignment has lost the file's exact line breaks, and with them its lists).
    """
    if not segment.text.strip():
        return segment  # nothing to split: it counts as one sentence
    if raw is not None:
        where = file_positions(raw, segment.text)
        items = [bisect_left(where, r) for r in item_starts(raw)]
        spans = _spans_of_items(segment.text, items) or ((0, len(segment.text)),)
        sentences = tuple(
            Sentence(s, e, segment.start + where[s], segment.start + where[e - 1] + 1)
            for s, e in spans
        )
    else:
        spans = sentence_spans(segment.text) or ((0, len(segment.text)),)
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


def _spans_of_items(text: str, items: list[int]) -> tuple[tuple[int, int], ...]:
    """The sentences of ``text``, each of its list's items (its offsets ``items``) opening one."""
    if not items:
        return sentence_spans(text)
    out: list[tuple[int, int]] = []
    for start, end in zip([0, *items], [*items, len(text)], strict=True):
        out += [(start + s, start + e) for s, e in sentence_spans(text[start:end])]
    return tuple(out)


def split_document(document: Document) -> Document:
    """The document with every paragraph that has no sentences yet split into sentences."""
    if document.has_sentences:
        return document
    segments = tuple([s if s.sentences else split_segment(s) for s in document.segments])
    return replace(document, segments=segments)
