"""How each translation renders each glossary term, for the comparison's term table.

Term occurrences come from the term matcher (``find_hits``), with a rendering
two entries could claim counted under one of them, as the term checks count
it (:func:`aligner.core.terms.checks.assigned_hits`). Where the
original has a term and a translation has none of the term's known renderings
in that row, the word diff against the baseline translation tells what the
translation wrote instead, e.g. "offensive armaments" where the baseline says
"offensive weaponry".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aligner.core.compare.rows import Row
from aligner.core.model import Alignment
from aligner.core.terms.checks import assigned_hits, renderings
from aligner.core.terms.types import TermHit, TermIndex
from aligner.core.wordiff import DiffOp

__all__ = [
    "ClaimNote",
    "SharedUse",
    "TermCell",
    "TermRow",
    "TermUse",
    "build_claim_notes",
    "build_shared_uses",
    "build_term_rows",
    "map_span",
]

@dataclass(frozen=True)
class TermUse:
    """A wording a translation uses for a term, and how often."""

    text: str
    count: int
    rendering: str
    """``preferred``, ``variant``, ``flagged`` (from the glossary) or ``other`` (from the diff)."""


@dataclass(frozen=True)
class TermCell:
    """One translation's renderings of one term."""

    uses: tuple[TermUse, ...]
    """Glossary renderings found in the translation, most frequent first."""
    instead: tuple[TermUse, ...] = ()
    """Other wordings in the places where the baseline has a glossary rendering."""
    not_found: int = 0
    """Occurrences of the term in the original with no glossary rendering in this translation."""
    missing: int = 0
    """Occurrences of the term in original paragraphs this translation leaves out."""


@dataclass(frozen=True)
class TermRow:
    """A glossary term across the original and every translation."""

    term: str
    source: str
    target: str
    source_count: int
    rows: tuple[int, ...]
    """Rows whose original text has the term."""
    cells: tuple[TermCell, ...]

    @property
    def differs(self) -> bool:
        """True when the translations do not all use the same wordings."""
        keys = {
            (frozenset(u.text.casefold() for u in c.uses + c.instead), c.not_found, c.missing)
            for c in self.cells
        }
        return len(keys) > 1


def map_span(ops: Sequence[DiffOp], start: int, end: int) -> str:
    """The new wording of the old text's characters ``start:end``, read through a word diff."""
    pieces: list[str] = []
    pos = 0
    for op in ops:
        op_end = pos + len(op.old)
        inside = pos < end and op_end > start
        # An insertion has no old characters: it belongs to the span only strictly inside it.
        takes_all = (op.tag == "replace" and inside) or (op.tag == "insert" and start < pos < end)
        if op.tag == "equal" and inside:
            pieces.append(op.new[max(start - pos, 0) : min(end - pos, len(op.new))])
        elif takes_all:
            pieces.append(op.new)
        pos = op_end
    return " ".join("".join(pieces).split())


def _offsets(alignment: Alignment, target: tuple[int, ...]) -> dict[int, int]:
    """Where each target paragraph starts in a row's rendering text (joined by blank lines)."""
    out, pos = {}, 0
    for t in target:
        out[t] = pos
        pos += len(alignment.target.segments[t].text) + 2
    return out


def _counted(texts: list[tuple[str, str]]) -> tuple[TermUse, ...]:
    counts = Counter(text.casefold() for text, _ in texts)
    first: dict[str, tuple[str, str]] = {}
    for text, rendering in texts:
        first.setdefault(text.casefold(), (text, rendering))
    return tuple(
        TermUse(first[key][0], n, first[key][1])
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )


class _Index:
    """Target hits of every translation, by term and row, with row-relative offsets."""

    def __init__(
        self, rows: Sequence[Row], alignments: Sequence[Alignment], hits: Sequence[Sequence[Any]]
    ) -> None:
        self.by_term_row: dict[tuple[int, str, int], list[tuple[int, int, Any]]] = defaultdict(list)
        self.all: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for k, alignment in enumerate(alignments):
            where: dict[int, tuple[int, int]] = {}
            for r, row in enumerate(rows):
                target = row.renderings[k].target
                where.update({t: (r, off) for t, off in _offsets(alignment, target).items()})
            for hit in hits[k]:
                if hit.side != "target":
                    continue
                self.all[k, hit.term].append(hit)
                if hit.segment in where:
                    r, off = where[hit.segment]
                    self.by_term_row[k, hit.term, r].append((off + hit.start, off + hit.end, hit))


def _instead(k: int, row: Row, base_hits: list, own: list) -> list[tuple[str, str]]:
    """Wordings in this translation where the baseline has a rendering and it has none."""
    own_texts = {h.text.casefold() for _, _, h in own}
    out = []
    for start, end, _ in base_hits:
        wording = map_span(row.renderings[k].diff, start, end)
        if wording and wording.casefold() not in own_texts:
            out.append((wording, "other"))
    return out


def _cell(
    k: int, term: str, term_rows: dict[int, int], rows: Sequence[Row], index: _Index
) -> TermCell:
    uses = _counted([(h.text, h.rendering) for h in index.all.get((k, term), [])])
    instead: list[tuple[str, str]] = []
    not_found = missing = 0
    for r, occurrences in term_rows.items():
        row = rows[r]
        if row.renderings[k].missing:
            missing += occurrences
            continue
        own = index.by_term_row.get((k, term, r), [])
        if len(own) >= occurrences:
            continue
        not_found += occurrences - len(own)
        if row.baseline is not None and row.baseline != k:
            base_hits = index.by_term_row.get((row.baseline, term, r), [])
            instead += _instead(k, row, base_hits, own)
    return TermCell(uses, _counted(instead), not_found, missing)


def _one_term_per_rendering(alignment: Alignment, hits: Sequence[TermHit]) -> list[TermHit]:
    """The hits with each target span counted under one term, as the term checks count it:
    "monitoring" renders control where the original says контроль, observation where it
    says наблюдение, never both."""
    by_segment: dict[tuple[str, int], list[TermHit]] = defaultdict(list)
    for h in hits:
        by_segment[(h.side, h.segment)].append(h)
    out = [h for h in hits if h.side == "source"]
    for link in alignment.links:
        src = [h for i in link.source for h in by_segment.get(("source", i), ())]
        tgt = [h for i in link.target for h in by_segment.get(("target", i), ())]
        out += assigned_hits(src, tgt)
    return out


def build_term_rows(
    rows: Sequence[Row], alignments: Sequence[Alignment], glossary: Any,
    hits: Sequence[Sequence[Any]],
) -> list[TermRow]:
    """One row per glossary term found in the original or in any translation.

    ``hits`` holds the term matcher's hits for each alignment, in order.
    """
    hits = [_one_term_per_rendering(al, h) for al, h in zip(alignments, hits, strict=True)]
    row_of = {s: r for r, row in enumerate(rows) for s in row.source}
    source_rows: dict[str, Counter[int]] = defaultdict(Counter)
    source_count: Counter[str] = Counter()
    for hit in hits[0]:
        if hit.side == "source":
            source_count[hit.term] += 1
            if hit.segment in row_of:
                source_rows[hit.term][row_of[hit.segment]] += 1
    index = _Index(rows, alignments, hits)
    out = []
    for entry in glossary:
        found_in_translation = any((k, entry.id) in index.all for k in range(len(alignments)))
        if not source_count[entry.id] and not found_in_translation:
            continue
        term_rows = dict(sorted(source_rows.get(entry.id, Counter()).items()))
        cells = tuple(_cell(k, entry.id, term_rows, rows, index) for k in range(len(alignments)))
        out.append(TermRow(entry.id, entry.source, entry.target, source_count[entry.id],
                           tuple(term_rows), cells))
    return out


@dataclass(frozen=True)
class SharedUse:
    """One rendering used, across the translations, for several terms of the original."""

    rendering: str
    terms: tuple[str, ...]
    """Entry ids, the most used first."""
    sources: tuple[str, ...]
    """The entries' source terms, in the same order."""
    counts: tuple[tuple[int, ...], ...]
    """Per term, per translation: the links where the rendering renders that term."""


@dataclass(frozen=True)
class ClaimNote:
    """Wordings two entries could both claim, counted under the more specific one."""

    owner: str
    """The entry the wordings are counted under (more content words, then the longer span)."""
    others: tuple[str, ...]
    """The entries that also matched them."""
    owner_source: str
    other_sources: tuple[str, ...]
    """The entries' source terms."""
    wordings: tuple[tuple[str, int, tuple[int, ...]], ...]
    """(wording, times in the original, times in each translation)."""


def build_shared_uses(
    alignments: Sequence[Alignment], glossary: Any, indexes: Sequence[TermIndex],
) -> list[SharedUse]:
    """Renderings that render more than one term in the translations taken together.

    Counted as the term checks count them: a rendering renders a term in a link
    whose original has that term (:func:`aligner.core.terms.checks.renderings`),
    so "monitoring" for контроль in one paragraph and for наблюдение in another
    is one rendering of two terms.
    """
    order = {e.id: i for i, e in enumerate(glossary)}
    sources = {e.id: e.source for e in glossary}
    by_form: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(
        lambda: [0] * len(alignments)))
    shown: dict[str, str] = {}
    for k, (alignment, index) in enumerate(zip(alignments, indexes, strict=True)):
        for term, forms in renderings(alignment, index).items():
            for form, ids in forms.items():
                key = form.casefold()
                shown.setdefault(key, form)
                by_form[key][term][k] += len(ids)
    out = []
    for key in sorted(by_form):
        terms = by_form[key]
        if len(terms) < 2:
            continue
        ranked = sorted(terms, key=lambda t: (-sum(terms[t]), order.get(t, 0)))
        out.append(SharedUse(shown[key], tuple(ranked), tuple(sources.get(t, t) for t in ranked),
                             tuple(tuple(terms[t]) for t in ranked)))
    return out


def build_claim_notes(glossary: Any, indexes: Sequence[TermIndex]) -> list[ClaimNote]:
    """Each decision "these wordings belong to the more specific entry", once per pair
    of entries, with every wording it was taken on and where.

    The original is the same in every alignment, so its claims are taken from
    the first; the translations' from each.
    """
    Key = tuple[str, tuple[str, ...]]
    wordings: dict[Key, dict[str, list[int]]] = defaultdict(dict)
    shown: dict[str, str] = {}
    for k, index in enumerate(indexes):
        for claim in index.shared:
            if claim.side == "source" and k:
                continue
            text = claim.text.casefold()
            shown.setdefault(text, claim.text)
            # [times in the original, times in translation 1, 2, ...]
            counts = wordings[claim.owner, claim.others].setdefault(
                text, [0] * (len(indexes) + 1))
            counts[0 if claim.side == "source" else k + 1] += 1
    sources = {e.id: e.source for e in glossary}
    out = []
    for (owner, others), found in sorted(wordings.items()):
        listed = sorted(found.items(), key=lambda kv: (-kv[1][0], -sum(kv[1]), kv[0]))
        out.append(ClaimNote(owner, others, sources.get(owner, owner),
                             tuple(sources.get(o, o) for o in others),
                             tuple((shown[t], c[0], tuple(c[1:])) for t, c in listed)))
    return out
