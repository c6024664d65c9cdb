"""The types every part of term QA shares: parameters, hits, compiled forms, the hit index.

One module, imported by the matcher, the window search, the checks, the
concordance, compare, the aligner's glossary anchors and the exports, so they
all read the same :class:`TermIndex` and nothing imports in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

#: The sides of an alignment a hit can be on.
SIDES: tuple[str, ...] = ("source", "target")


@dataclass(frozen=True)
class MatchParams:
    """How tolerant matching is; recorded with the results."""

    threshold: float = 0.7
    """Hits scoring below this (in [0, 1]) are dropped."""
    max_gap: int = 1
    """Content words allowed between the words of a multi-word term kept in order."""
    max_gap_inverted: int = 2
    """Content words allowed around an inversion ("weaponry considered offensive")."""
    fuzzy_cutoff: float = 90.0
    """rapidfuzz ratio (0-100) two lemma keys need to count as the same word."""


class TermHit(NamedTuple):
    """One occurrence of a glossary term in a segment.

    An immutable named tuple rather than a frozen dataclass: a long document
    has hundreds of thousands of hits, and tuples are built several times faster.
    """

    term: str
    """Glossary entry id."""
    side: str
    """``source`` or ``target``."""
    segment: int
    """0-based index into that side's segments."""
    start: int
    """Character offset of the first matched character in the segment text."""
    end: int
    """Offset just past the last matched character."""
    text: str
    score: float
    form: str = ""
    """The glossary form that matched (the term itself or one of its variants)."""
    rendering: str = "source"
    """``source`` on the source side; ``preferred``, ``variant`` or ``flagged`` on the target."""
    words: int = 1
    """Content words of the form: of two terms claiming one span, the longer form wins."""


@dataclass(frozen=True)
class CompiledForm:
    """One glossary form as the matcher looks for it."""

    term: str
    form: str
    rendering: str
    words: tuple[frozenset[str], ...]
    """Key sets of the form's content words, in order."""
    rank: int
    """Position in the entry's forms: the preferred form wins ties."""
    fixed: bool = False
    """A capitalised name (``Security Council``): matched capitalised, in order, without gaps."""
    stops: frozenset[str] = frozenset()
    """Function words the form itself contains ("Committee *on* Disarmament")."""


class NearHit(NamedTuple):
    """The closest unlisted wording of a term in one segment (see :mod:`.near`)."""

    term: str
    side: str
    segment: int
    start: int
    end: int
    text: str
    score: float
    """Window score in [0, 1], rounded to 3 places."""
    form: str
    """The glossary form it is closest to."""


#: The near search of one side: (segment text, segment index, entry id) -> the closest
#: unlisted wording of the term there, or None.
NearLookup = Callable[[str, int, str], "NearHit | None"]
#: The same for many questions at once: the side's segment texts, and (segment index,
#: entry id) per question.
NearManyLookup = Callable[[Sequence[str], Sequence[tuple[int, str]]], "list[NearHit | None]"]


@dataclass(frozen=True)
class SharedRendering:
    """A span two glossary entries could both claim, and the entry it was given to."""

    side: str
    segment: int
    start: int
    end: int
    text: str
    owner: str
    """The more specific entry (more content words, then the longer span)."""
    others: tuple[str, ...]
    """The entries that also matched here and were not given the span."""


class TermIndex(Mapping[tuple[str, int], tuple[TermHit, ...]]):
    """Term hits per (side, segment index); segments without hits are absent.

    Built once per pair of documents and glossary (see
    :func:`aligner.core.terms.hits.hits_by_segment`) and never modified
    afterwards. A span claimed by two entries belongs to the more specific one
    (``guarantees of Cuban security`` over ``guarantees of security`` inside
    it); the decision is recorded once in :attr:`shared`. Entries that tie
    (``monitoring`` for both control and observation) keep their hits: which
    term a tied rendering renders is decided per link, by its source.
    """

    __slots__ = ("_hits", "_near", "_near_many", "shared")

    def __init__(self, hits: dict[tuple[str, int], tuple[TermHit, ...]],
                 shared: tuple[SharedRendering, ...] = (),
                 near: Mapping[str, NearLookup] | None = None,
                 near_many: Mapping[str, NearManyLookup] | None = None) -> None:
        self._hits = hits
        self.shared = shared
        self._near = dict(near or {})
        self._near_many = dict(near_many or {})

    def near_lookup(self, side: str) -> NearLookup | None:
        """The near search of one side, sharing the groundwork of the matcher's pass."""
        return self._near.get(side)

    def near_many_lookup(self, side: str) -> NearManyLookup | None:
        """The near search of one side for many questions at once."""
        return self._near_many.get(side)

    def __getitem__(self, key: tuple[str, int]) -> tuple[TermHit, ...]:
        return self._hits[key]

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(self._hits)

    def __len__(self) -> int:
        return len(self._hits)

    def get(self, key: tuple[str, int], default: tuple[TermHit, ...] = ()  # type: ignore[override]
            ) -> tuple[TermHit, ...]:
        return self._hits.get(key, default)

    def segment(self, side: str, index: int) -> tuple[TermHit, ...]:
        """Hits in one segment, by position."""
        return self._hits.get((side, index), ())

    def terms_in(self, side: str, index: int) -> frozenset[str]:
        """Entry ids with a hit in one segment."""
        return frozenset(h.term for h in self._hits.get((side, index), ()))


_START = itemgetter(3)
"""A hit's ``start`` (TermHit field 3), as a C-level sort key."""


def resolve_claims(hits: list[TermHit]) -> tuple[list[TermHit], list[SharedRendering]]:
    """One segment's hits with spans of two entries given to the more specific one.

    A hit is dropped when a hit of another entry overlaps it and has more
    content words, or as many and a span that strictly contains it. Equal
    claims are kept (decided per link).
    """
    if len(hits) < 2:
        return hits, []
    # the matcher gives hits by position already; sorting a sorted list is one pass
    ordered = sorted(hits, key=_START)
    lost: dict[tuple[int, int, str], list[str]] = {}
    dropped: set[int] = set()
    total = len(ordered)
    # a sweep: only hits that begin before one ends can overlap it
    for n in range(total - 1):
        h = ordered[n]
        h_term, h_start, h_end, h_words = h[0], h[3], h[4], h[9]
        j = n + 1
        while j < total and ordered[j][3] < h_end:
            o = ordered[j]
            j += 1
            if o[0] == h_term:
                continue
            o_start, o_end, o_words = o[3], o[4], o[9]
            # h loses to o, else o to h: more content words, or as many and a span that
            # strictly contains the other's
            if o_words > h_words or (o_words == h_words and o_start <= h_start
                                     and h_end <= o_end and o_end - o_start > h_end - h_start):
                loser, winner = h, o
            elif h_words > o_words or (h_words == o_words and h_start <= o_start
                                       and o_end <= h_end and h_end - h_start > o_end - o_start):
                loser, winner = o, h
            else:
                continue
            dropped.add(id(loser))
            lost.setdefault((winner[3], winner[4], winner[0]), []).append(loser[0])
    if not dropped:
        return hits, []
    kept = [h for h in hits if id(h) not in dropped]
    shared = []
    for h in kept:
        others = lost.get((h.start, h.end, h.term))
        if others:
            shared.append(SharedRendering(h.side, h.segment, h.start, h.end, h.text, h.term,
                                          tuple(dict.fromkeys(others))))
    return kept, shared
