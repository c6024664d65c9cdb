"""Paragraph links made to agree with the sentence links found inside them.

A paragraph link is the smallest bead that holds its sentence links: when the
sentence links of a 2-2 link fall into two groups along the paragraph
boundaries of both sides, it is two 1-1 links. And where the sentence level
doubts a boundary between two paragraph links (a sentence left without
counterpart right at the boundary is what a misplaced boundary leaves behind),
the sentences of both links are aligned as one problem before the groups are
cut. Confirmed, rejected and edited links are a reviewer's decision and are never
reshaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from aligner.core.model import Document, Evidence, Link, SentenceLink

__all__ = ["doubtful_boundary", "finest_groups", "refine_windows"]

#: At most this many paragraph links are aligned as one sentence problem, so a run
#: of doubtful boundaries cannot make the work grow faster than the text.
MAX_WINDOW_LINKS = 4


def _one_sided(sl: SentenceLink) -> bool:
    return not sl.source or not sl.target


def _machine_made(link: Link) -> bool:
    return link.status == "auto" and not link.evidence.edited


def doubtful_boundary(left: Link, right: Link) -> bool:
    """True when a sentence without counterpart sits at the boundary between two links."""
    if not (_machine_made(left) and _machine_made(right)):
        return False
    if not left.sentences or not right.sentences:
        return False
    return _one_sided(left.sentences[-1]) or _one_sided(right.sentences[0])


def refine_windows(links: Sequence[Link]) -> list[list[Link]]:
    """Consecutive links grouped into windows joined at doubtful boundaries."""
    windows: list[list[Link]] = []
    for lk in links:
        if (
            windows
            and len(windows[-1]) < MAX_WINDOW_LINKS
            and doubtful_boundary(windows[-1][-1], lk)
        ):
            windows[-1].append(lk)
        else:
            windows.append([lk])
    return windows


def finest_groups(
    source: Document,
    target: Document,
    sentence_links: Sequence[SentenceLink],
    starts: tuple[frozenset[int], frozenset[int]] | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], tuple[SentenceLink, ...]]]:
    """Cut a run of sentence links wherever both sides are at a paragraph boundary.

    Each group is (source paragraphs, target paragraphs, its sentence links).
    ``starts`` are both documents' paragraph-start sentence indices, when the
    caller cuts many runs of one pair.
    """
    src_starts, tgt_starts = starts or (
        frozenset(source.sentence_starts),
        frozenset(target.sentence_starts),
    )
    groups = []
    current: list[SentenceLink] = []
    # One past the last sentence of each side in the current group (None: none yet).
    src_end: int | None = None
    tgt_end: int | None = None
    for sl in sentence_links:
        current.append(sl)
        if sl.source:
            src_end = sl.source[-1] + 1
        if sl.target:
            tgt_end = sl.target[-1] + 1
        if (src_end is None or src_end in src_starts) and (
            tgt_end is None or tgt_end in tgt_starts
        ):
            groups.append(current)
            current = []
            src_end = tgt_end = None
    if current:  # cannot happen when the links cover whole paragraphs; keep them anyway
        if groups:
            groups[-1].extend(current)
        else:
            groups.append(current)
    out = []
    for group in groups:
        src = _paragraphs(source, [g for sl in group for g in sl.source])
        tgt = _paragraphs(target, [g for sl in group for g in sl.target])
        out.append((src, tgt, tuple(group)))
    return _joined_empty_groups(out)


def _joined_empty_groups(
    groups: list[tuple[tuple[int, ...], tuple[int, ...], tuple[SentenceLink, ...]]],
) -> list[tuple[tuple[int, ...], tuple[int, ...], tuple[SentenceLink, ...]]]:
    # A group can end mid-paragraph on a side it does not touch at all; cutting there
    # needs that side's paragraph to be whole in one group, which the cut guarantees.
    return groups


def _paragraphs(document: Document, sentences: Sequence[int]) -> tuple[int, ...]:
    if not sentences:
        return ()
    first = document.sentence_paragraph(sentences[0])
    last = document.sentence_paragraph(sentences[-1])
    return tuple(range(first, last + 1))


def _joined_evidence(sentences: Sequence[SentenceLink]) -> Evidence:
    """A paragraph link's evidence from its sentence links: what they share, the numbers
    one side lacks, how contested its weakest boundary is (lengths were judged per sentence)."""
    if len(sentences) == 1:
        return sentences[0].evidence
    shared = tuple(dict.fromkeys(pair for sl in sentences for pair in sl.evidence.shared))
    margins = [sl.evidence.margin for sl in sentences if sl.evidence.margin is not None]
    return Evidence(
        shared=shared,
        source_only_numbers=tuple(n for sl in sentences for n in sl.evidence.source_only_numbers),
        target_only_numbers=tuple(n for sl in sentences for n in sl.evidence.target_only_numbers),
        margin=min(margins) if margins else None,
        unmatched=all(sl.evidence.unmatched for sl in sentences),
        page_break_joined=any(sl.evidence.page_break_joined for sl in sentences),
    )


def reshaped_links(
    window: Sequence[Link],
    groups: Sequence[tuple[tuple[int, ...], tuple[int, ...], tuple[SentenceLink, ...]]],
) -> list[Link]:
    """The window's links after cutting: a link keeps its identity when its shape is unchanged."""
    by_shape = {(lk.source, lk.target): lk for lk in window}
    threshold = max(lk.review_threshold for lk in window)
    out = []
    for src, tgt, sentences in groups:
        old = by_shape.get((src, tgt))
        if old is not None:
            same = len(old.sentences) == len(sentences) and all(
                a is b for a, b in zip(old.sentences, sentences, strict=True)
            )
            out.append(old if same else replace(old, sentences=sentences))
            continue
        weakest = min(sentences, key=lambda sl: sl.confidence)
        out.append(
            Link(
                src, tgt,
                confidence=weakest.confidence,
                evidence=_joined_evidence(sentences),
                needs_review=any(sl.needs_review for sl in sentences),
                review_threshold=threshold,
                sentences=sentences,
            )
        )  # fmt: skip
    return out
