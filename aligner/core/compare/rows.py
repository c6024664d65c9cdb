"""Lining up several translations of one original, paragraph by paragraph.

Each translation is aligned to the same original. A row is the smallest run
of original paragraphs that no translation's links cross: usually one
paragraph, two when some translation rendered two paragraphs as one. Target
paragraphs linked to no original paragraph are additions, listed apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.core.model import Alignment, Link
from aligner.core.wordiff import DiffOp, diff_with_ratio

__all__ = ["Addition", "Rendering", "Row", "build_rows", "find_additions", "row_cuts"]

#: Below this similarity two renderings share too little for a word diff to
#: help; they are shown as one replacement and their similarity as "below".
MIN_DIFF_RATIO = 0.2


@dataclass(frozen=True)
class Rendering:
    """How one translation renders one row of the original."""

    target: tuple[int, ...]
    """The translation's paragraphs (0-based); empty when the row is missing from it."""
    text: str
    needs_review: bool = False
    """The aligner was unsure of a link in this row."""
    diff: tuple[DiffOp, ...] = ()
    """Word diff from the row's baseline rendering to this one (empty for the baseline)."""
    similarity: float | None = None
    """Similarity to the baseline rendering in [0, 1]; None when either is missing."""

    @property
    def missing(self) -> bool:
        return not self.target


@dataclass(frozen=True)
class Row:
    """One or more original paragraphs and each translation's rendering of them."""

    source: tuple[int, ...]
    source_text: str
    renderings: tuple[Rendering, ...]
    baseline: int | None
    """Translation the diffs are against: the first one that renders the row."""

    @property
    def similarity(self) -> float | None:
        """The lowest similarity of any translation to the baseline (None if under two)."""
        values = [r.similarity for r in self.renderings if r.similarity is not None]
        return min(values) if len(values) > 1 else None

    @property
    def missing_from(self) -> tuple[int, ...]:
        return tuple(k for k, r in enumerate(self.renderings) if r.missing)

    @property
    def present_in(self) -> tuple[int, ...]:
        return tuple(k for k, r in enumerate(self.renderings) if not r.missing)


@dataclass(frozen=True)
class Addition:
    """Paragraphs of one translation that render nothing in the original."""

    translation: int
    after_source: int
    """The original paragraph they follow (-1 when they come first)."""
    target: tuple[int, ...]
    text: str


def row_cuts(alignments: Sequence[Alignment]) -> list[int]:
    """Original paragraph indices where a row starts, plus the end (length of the original)."""
    n = len(alignments[0].source.segments)
    cuts = set(range(n))
    for alignment in alignments:
        cuts &= {lk.source[0] for lk in alignment.links if lk.source}
    return sorted(cuts | {0, n}) if n else [0]


def _links_by_row(alignment: Alignment, cuts: list[int]) -> list[list[Link]]:
    rows: list[list[Link]] = [[] for _ in range(len(cuts) - 1)]
    r = 0
    for link in alignment.links:
        if not link.source:
            continue
        while link.source[0] >= cuts[r + 1]:
            r += 1
        rows[r].append(link)
    return rows


def _rendering(alignment: Alignment, links: list[Link]) -> Rendering:
    target = tuple(t for lk in links for t in lk.target)
    text = "\n\n".join(alignment.target.segments[t].text for t in target)
    review = any(lk.needs_review for lk in links)
    return Rendering(target=target, text=text, needs_review=review)


def _with_diffs(renderings: list[Rendering]) -> tuple[list[Rendering], int | None]:
    present = [k for k, r in enumerate(renderings) if not r.missing]
    if not present:
        return renderings, None
    base = present[0]
    base_text = renderings[base].text
    out = []
    for k, rendering in enumerate(renderings):
        if k == base:
            out.append(_replace(rendering, (), 1.0))
        elif rendering.missing:
            out.append(rendering)
        else:
            ops, ratio = diff_with_ratio(base_text, rendering.text, MIN_DIFF_RATIO)
            out.append(_replace(rendering, tuple(ops), ratio))
    return out, base


def _replace(r: Rendering, diff: tuple[DiffOp, ...], similarity: float) -> Rendering:
    return Rendering(r.target, r.text, r.needs_review, diff, similarity)


def build_rows(alignments: Sequence[Alignment]) -> list[Row]:
    """The rows of a comparison; every alignment must have the same original as source."""
    cuts = row_cuts(alignments)
    per_translation = [_links_by_row(al, cuts) for al in alignments]
    original = alignments[0].source
    rows = []
    for r in range(len(cuts) - 1):
        source = tuple(range(cuts[r], cuts[r + 1]))
        renderings = [_rendering(al, per_translation[k][r]) for k, al in enumerate(alignments)]
        renderings, base = _with_diffs(renderings)
        text = "\n\n".join(original.segments[i].text for i in source)
        rows.append(Row(source, text, tuple(renderings), base))
    return rows


def find_additions(alignments: Sequence[Alignment]) -> list[Addition]:
    """Translation paragraphs linked to no original paragraph, per translation."""
    out = []
    for k, alignment in enumerate(alignments):
        last_source = -1
        for link in alignment.links:
            if link.source:
                last_source = link.source[-1]
            elif link.target:
                text = alignment.target_text(link)
                out.append(Addition(k, last_source, link.target, text))
    return out
