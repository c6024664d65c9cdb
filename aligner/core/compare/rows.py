"""Lining up several translations of one original, paragraph by paragraph.

Each translation is aligned to the same original. A row is the smallest run
of original paragraphs that no translation's links cross: usually one
paragraph, two when some translation rendered two paragraphs as one. Target
paragraphs linked to no original paragraph are additions, listed apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from aligner.core.model import Alignment, Link
from aligner.core.wordiff import DiffOp, diff_with_ratio, tokenize

__all__ = ["Addition", "Rendering", "Row", "build_rows", "find_additions", "row_cuts"]

#: Below this similarity two renderings share too little for a word diff to
#: help; they are shown as one replacement and their similarity as "below".
MIN_DIFF_RATIO = 0.2
#: A paragraph another translation renders apart counts as dropped from a translation
#: that merged it into a neighbour when at most this share of its words are found in
#: that translation's rendering (a third: chance matches of common words in order stay
#: well below it, a paragraph rendered in other words than a revision's stays above) ...
DROPPED_AT_MOST = 1 / 3
#: ... while at least this share of the rest of the row's words are found there: the
#: two translations share their wording, so a missing stretch means missing text, not
#: another translator's phrasing (independent translations share far less than half).
KEPT_AT_LEAST = 1 / 2


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
    dropped: tuple[int, ...] = ()
    """Original paragraphs of the row this translation leaves out although it renders the
    row: another translation renders them apart, and their words are not here (the
    aligner merged the short paragraph left out into a neighbour's link)."""

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

    @property
    def dropped_from(self) -> tuple[int, ...]:
        """Translations that render the row but leave some of its paragraphs out."""
        return tuple(k for k, r in enumerate(self.renderings) if r.dropped)

    @property
    def incomplete(self) -> bool:
        """Some translation leaves out (part of) the row that another renders."""
        return bool(self.missing_from and self.present_in) or bool(self.dropped_from)


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
    return replace(r, diff=diff, similarity=similarity)


def _words(text: str) -> list[str]:
    return [t.casefold() for t in tokenize(text) if any(c.isalnum() for c in t)]


def _dropped(links: Sequence[Sequence[Link]], alignments: Sequence[Alignment], k: int
             ) -> tuple[int, ...]:
    """Paragraphs of a row that translation ``k`` leaves out though it renders the row.

    A short paragraph left out of a translation is merged by the aligner into a
    neighbour's link (a 2-1 link reads as well as 1-1 plus 1-0), so the row
    looks rendered. Another translation that renders that paragraph in a link
    of its own shows what is missing: its words are not in translation ``k``'s
    rendering, while the rest of the row's words are.
    """
    apart = {lk.source for lk in links[k] if lk.source}  # what k renders in a link alone
    mine = _words("\n\n".join(alignments[k].target.segments[t].text
                               for lk in links[k] for t in lk.target))
    if not mine:
        return ()
    dropped: set[int] = set()
    for m, other in enumerate(links):
        parts = [lk for lk in other if lk.source and lk.target]
        if m == k or len(parts) < 2:
            continue
        words: list[str] = []
        owner: list[int] = []
        for p, lk in enumerate(parts):
            text = "\n\n".join(alignments[m].target.segments[t].text for t in lk.target)
            part_words = _words(text)
            words += part_words
            owner += [p] * len(part_words)
        found = [0] * len(parts)
        for block in SequenceMatcher(None, words, mine, autojunk=False).get_matching_blocks():
            for i in range(block.a, block.a + block.size):
                found[owner[i]] += 1
        sizes = [owner.count(p) for p in range(len(parts))]
        for p, lk in enumerate(parts):
            if lk.source in apart or not sizes[p]:
                continue  # translation k renders these paragraphs apart too (or it is empty)
            rest = sum(sizes) - sizes[p]
            if (found[p] <= DROPPED_AT_MOST * sizes[p] and rest
                    and sum(found) - found[p] >= KEPT_AT_LEAST * rest):
                dropped.update(lk.source)
    return tuple(sorted(dropped))


def build_rows(alignments: Sequence[Alignment]) -> list[Row]:
    """The rows of a comparison; every alignment must have the same original as source."""
    cuts = row_cuts(alignments)
    per_translation = [_links_by_row(al, cuts) for al in alignments]
    original = alignments[0].source
    rows = []
    for r in range(len(cuts) - 1):
        source = tuple(range(cuts[r], cuts[r + 1]))
        renderings = [_rendering(al, per_translation[k][r]) for k, al in enumerate(alignments)]
        if len(source) > 1:
            links = [per_translation[k][r] for k in range(len(alignments))]
            renderings = [rd if rd.missing else replace(rd, dropped=_dropped(links, alignments, k))
                          for k, rd in enumerate(renderings)]
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
