"""Find glossary terms in text: lemma by lemma, with gap and word-order tolerance.

A term form (``наступательное оружие``) is compiled to the lemma keys of its
content words. In a segment, every word's keys are looked up (exactly, or
fuzzily through :class:`~aligner.core.terms.fuzzy.KeyMatcher`); a hit is a
window holding *all* the form's content words, with at most ``max_gap`` other
content words between them (``max_gap_inverted`` when two words are inverted
around a verb) and no sentence break. That is
what keeps multi-word terms from flooding: ``offensive`` alone, or
``presence`` far from ``UN``, is never a hit.

Hits are remembered per segment text: the text of a segment does not change
when links are edited, so re-checking after an edit only re-reads the cache.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from aligner.core.glossary import Glossary
from aligner.core.terms.fuzzy import KeyMatcher
from aligner.core.terms.normalize import PREPOSITIONS, Token, fold, tokenize

_BREAK_RE = re.compile(r"[.!?;]\s|\n")


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


@dataclass(frozen=True)
class _Form:
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


def _compile_form(term: str, form: str, rendering: str, rank: int, language: str) -> _Form | None:
    tokens = tokenize(form, language)
    content = [t for t in tokens if not t.stop] or tokens
    if not content:
        return None
    fixed = len(content) > 1 and all(t.text[:1].isupper() for t in content)
    stops = frozenset(fold(t.text) for t in tokens if t.stop)
    return _Form(term, form, rendering, tuple(t.keys for t in content), rank, fixed, stops)


def _forms_for(glossary: Glossary, side: str, language: str) -> list[_Form]:
    forms: list[_Form] = []
    for entry in glossary:
        pairs = (
            [("source", f) for f in entry.source_forms]
            if side == "source"
            else list(entry.target_forms_by_class())
        )
        seen: set[tuple[tuple[frozenset[str], ...], bool]] = set()
        for rank, (rendering, text) in enumerate(pairs):
            compiled = _compile_form(entry.id, text, rendering, rank, language)
            # a form that compiles like an earlier one of the entry can never win a tie
            if compiled is not None and (compiled.words, compiled.fixed) not in seen:
                seen.add((compiled.words, compiled.fixed))
                forms.append(compiled)
    return forms


class TermMatcher:
    """Glossary forms of one side, compiled, with a per-text cache of hits."""

    def __init__(self, glossary: Glossary, side: str, language: str, params: MatchParams) -> None:
        self.side = side
        self.language = language
        self.params = params
        self.forms = _forms_for(glossary, side, language)
        spread = Counter(k for form in self.forms for words in form.words for k in words)
        # each form is looked up by its least common word only: a form is a candidate
        # in a segment only if that word is there (then its other words are checked)
        self._by_key: dict[str, list[int]] = defaultdict(list)
        for i, form in enumerate(self.forms):
            rarest = min(form.words, key=lambda words: sum(spread[k] for k in words))
            for key in rarest:
                self._by_key[key].append(i)
        self.keys = KeyMatcher(spread, params.fuzzy_cutoff)
        self._cache: dict[str, tuple[TermHit, ...]] = {}

    def hits(self, text: str, segment: int = 0) -> tuple[TermHit, ...]:
        """Every hit in a text, by position; ``segment`` is stamped on each."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = tuple(self._scan(text, segment))
        # most texts occur once: their hits already carry the right segment
        if not cached or cached[0].segment == segment:
            return cached
        return tuple(h._replace(segment=segment) for h in cached)

    def _positions(self, tokens: Sequence[Token]) -> dict[str, dict[int, float]]:
        found: dict[str, dict[int, float]] = defaultdict(dict)
        matches = self.keys.matches
        for i, tok in enumerate(tokens):
            for key in tok.keys:
                for term_key, sim in matches(key):
                    at = found[term_key]
                    if sim > at.get(i, 0.0):
                        at[i] = sim
        return found

    def _scan(self, text: str, segment: int) -> list[TermHit]:
        tokens = tokenize(text, self.language)
        positions = self._positions(tokens)
        present = positions.keys()
        candidates = sorted({i for key in present for i in self._by_key.get(key, ())})
        best: dict[tuple[str, int, int], tuple[float, int, TermHit]] = {}
        merged: dict[frozenset[str], dict[int, float]] = {}
        scan = _Scan(tokens, text)
        for index in candidates:
            form = self.forms[index]
            if not all(not words.isdisjoint(present) for words in form.words):
                continue  # one of its words is not in the text: most candidates end here
            word_positions = []
            for keys in form.words:
                if keys not in merged:
                    merged[keys] = _merge(positions, keys)
                word_positions.append(merged[keys])
            params = self.params
            if form.fixed:
                # names are fixed expressions: "the council discussed security" is not one
                word_positions = [{i: v for i, v in wp.items() if tokens[i].text[:1].isupper()}
                                  for wp in word_positions]
                params = replace(params, max_gap=0, max_gap_inverted=0)
            if not all(word_positions):
                continue
            for first, last, score in _windows(word_positions, scan, params, form):
                hit = TermHit(form.term, self.side, segment, tokens[first].start, tokens[last].end,
                              text[tokens[first].start:tokens[last].end], round(score, 3),
                              form.form, form.rendering)
                _keep_best(best, hit, form.rank, len(form.words))
        return _drop_overlaps([(b[3], b[2]) for b in best.values()])


def _merge(positions: dict[str, dict[int, float]], keys: frozenset[str]) -> dict[int, float]:
    merged: dict[int, float] = {}
    for key in keys:
        for i, sim in positions.get(key, {}).items():
            merged[i] = max(sim, merged.get(i, 0.0))
    return merged


class _Scan:
    """A segment's tokens with running counts, so a window's gap costs two lookups."""

    __slots__ = ("tokens", "text", "content")

    def __init__(self, tokens: Sequence[Token], text: str) -> None:
        self.tokens = tokens
        self.text = text
        counts = [0]
        for tok in tokens:
            counts.append(counts[-1] + (not tok.stop))
        self.content = counts

    def gap(self, first: int, last: int, used: int) -> int:
        """Content words in tokens first..last that are not among the ``used`` ones."""
        return self.content[last + 1] - self.content[first] - used


def _windows(
    word_positions: list[dict[int, float]], scan: _Scan, p: MatchParams, form: _Form,
) -> Iterable[tuple[int, int, float]]:
    """(first token, last token, score) of every acceptable window for one form."""
    n = len(word_positions)
    if n == 1:
        for i, sim in word_positions[0].items():
            if sim >= p.threshold:
                yield i, i, sim
        return
    # stopwords inside a window are free, within reason
    reach = n - 1 + max(p.max_gap, p.max_gap_inverted) + 3
    anchor_word = min(range(n), key=lambda w: len(word_positions[w]))
    for anchor in word_positions[anchor_word]:
        chosen = [-1] * n
        chosen[anchor_word] = anchor
        for w in range(n):
            if w == anchor_word:
                continue
            best, best_key = -1, None
            for i in word_positions[w]:
                distance = abs(i - anchor)
                if distance <= reach and i not in chosen and (
                        best_key is None or (distance, i) < best_key):
                    best, best_key = i, (distance, i)
            if best < 0:
                break
            chosen[w] = best
        else:
            scored = _score_window(chosen, word_positions, scan, p, form)
            if scored is not None:
                yield scored


def _score_window(
    chosen: list[int], word_positions: list[dict[int, float]], scan: _Scan,
    p: MatchParams, form: _Form,
) -> tuple[int, int, float] | None:
    tokens = scan.tokens
    first, last = min(chosen), max(chosen)
    in_order = all(a < b for a, b in zip(chosen, chosen[1:], strict=False))
    if form.fixed and not in_order:
        return None
    gap = scan.gap(first, last, sum(1 for i in chosen if not tokens[i].stop))
    if gap > (p.max_gap if in_order else p.max_gap_inverted):
        return None
    spaced = last - first > 1 or tokens[last].start - tokens[first].end > 1
    if spaced and _BREAK_RE.search(scan.text, tokens[first].end, tokens[last].start):
        return None
    if gap and any(tokens[i].stop and fold(tokens[i].text) in PREPOSITIONS - form.stops
                   for i in range(first, last + 1)):
        # a gap behind a preposition is another phrase: "presence of journalists at the UN"
        return None
    if not in_order and (len(chosen) > 2 or gap == 0):
        # inversions are rephrasings around a verb ("weaponry considered offensive");
        # "Cuba as a guarantee" is not "guarantees for Cuba"
        return None
    sims = [word_positions[w][i] for w, i in enumerate(chosen)]
    score = sum(sims) / len(sims) * (1 - 0.06 * gap) * (1.0 if in_order else 0.95)
    return (first, last, score) if score >= p.threshold else None


def _keep_best(best: dict, hit: TermHit, rank: int, words: int) -> None:
    key = (hit.term, hit.start, hit.end)
    old = best.get(key)
    if old is None or (hit.score, words, -rank) > (old[0], old[3], -old[1]):
        best[key] = (hit.score, rank, hit, words)


def _drop_overlaps(scored: list[tuple[int, TermHit]]) -> list[TermHit]:
    """Per term, keep the best of overlapping hits.

    The higher score wins, then the form with more words ("counterrevolutionary
    Cuban emigres" over "Cuban emigres" inside it), then the longer span.
    """
    scored.sort(key=lambda p: (-p[1].score, -p[0], -(p[1].end - p[1].start), p[1].start))
    kept: list[TermHit] = []
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for _, hit in scored:
        taken = spans[hit.term]
        if not any(start < hit.end and hit.start < end for start, end in taken):
            taken.append((hit.start, hit.end))
            kept.append(hit)
    kept.sort(key=lambda h: (h.start, h.end, h.term))
    return kept
