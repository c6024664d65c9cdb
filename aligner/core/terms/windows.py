"""Windows of a segment that hold all the words of one term form.

A segment is read once into a :class:`Scan`: token offsets, what each word
form is (a :class:`Word`, computed once per distinct word by the matcher) and
running counts of content words, so a window's gap costs two look-ups. A hit
is a window holding *all* the form's content words, with at most ``max_gap``
other content words between them (``max_gap_inverted`` when two words are
inverted around a verb) and no sentence break.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import reduce
from itertools import accumulate, compress, count
from operator import attrgetter, itemgetter, or_
from typing import NamedTuple

from aligner.core.terms.near import NearWord
from aligner.core.terms.normalize import TOKEN_RE
from aligner.core.terms.types import CompiledForm, MatchParams, TermHit

_BREAK_RE = re.compile(r"[.!?;]\s|\n")


class Word(NamedTuple):
    """What matching needs to know of one word form, whatever segment it is in."""

    stop: bool
    """A function word: free inside a gap."""
    upper: bool
    """Capitalised: may be part of a fixed name."""
    preposition: str
    """The folded word when it is a preposition (a gap behind one ends the phrase), else ''."""
    slots: tuple[tuple[int, float], ...]
    """(term word slot, similarity) for every glossary word this word matches."""
    content: int
    """1 for a content word, 0 for a function word: summed into gaps."""
    near: int = 0
    """Keys of the near search's forms a text with this word may have a word like, as bits
    (see :meth:`aligner.core.terms.near.NearFinder.word_keys`)."""
    info: NearWord | None = None
    """The near search's record of the word form, kept for its read of the text."""


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end
_SLOTS, _CONTENT, _NEAR = itemgetter(3), itemgetter(4), itemgetter(5)


class Scan:
    """A segment's tokens: offsets, word forms, running counts of content words.

    ``positions`` maps each term word slot found in the segment to
    ``{token index: similarity}``.
    """

    __slots__ = ("content", "ends", "near", "positions", "starts", "text", "words")

    def __init__(self, text: str, known: dict[str, Word], word_of: Callable[[str], Word]) -> None:
        self.text = text
        matches = list(TOKEN_RE.finditer(text))
        get = known.get
        # map() and comprehensions keep the per-token work in C: a segment has ~70 tokens
        forms = list(map(_GROUP, matches))
        self.words = words = list(map(get, forms))
        if not all(words):  # a word form not seen before (a Word is a non-empty tuple)
            self.words = words = [w or word_of(f) for w, f in zip(words, forms, strict=True)]
        self.starts = list(map(_START, matches))
        self.ends = list(map(_END, matches))
        self.content = list(accumulate(map(_CONTENT, words), initial=0))
        positions: dict[int, dict[int, float]] = defaultdict(dict)
        for i in compress(count(), map(_SLOTS, words)):
            for slot, sim in words[i].slots:
                positions[slot][i] = sim
        self.positions = positions
        # the near search's first look at the text, collected in the same pass
        self.near = reduce(or_, map(_NEAR, words), 0)

    def gap(self, first: int, last: int, used: int) -> int:
        """Content words in tokens first..last that are not among the ``used`` ones."""
        return self.content[last + 1] - self.content[first] - used


def windows(
    word_positions: list[dict[int, float]], scan: Scan, p: MatchParams, form: CompiledForm,
) -> list[tuple[int, int, float]]:
    """(first token, last token, score) of every acceptable window for one form."""
    n = len(word_positions)
    if n == 1:
        threshold = p.threshold
        return [(i, i, sim) for i, sim in word_positions[0].items() if sim >= threshold]
    if n == 2:
        first_word, second_word = word_positions
        if len(first_word) == 1 and len(second_word) == 1:
            # each word once in the segment, the most common case: one pair to score
            ((a, sim_a),), ((b, sim_b),) = first_word.items(), second_word.items()
            if a == b or abs(a - b) > 1 + max(p.max_gap, p.max_gap_inverted) + 3:
                return []
            scored = _score_pair(a, b, sim_a, sim_b, scan, p, form)
            return [scored] if scored is not None else []
        return _pair_windows(first_word, second_word, scan, p, form)
    return list(_many_windows(word_positions, scan, p, form))


def _many_windows(
    word_positions: list[dict[int, float]], scan: Scan, p: MatchParams, form: CompiledForm,
) -> Iterable[tuple[int, int, float]]:
    """:func:`windows` for forms of three words or more."""
    n = len(word_positions)
    # stopwords inside a window are free, within reason
    reach = n - 1 + max(p.max_gap, p.max_gap_inverted) + 3
    anchor_word = min(range(n), key=lambda w: len(word_positions[w]))
    others = [w for w in range(n) if w != anchor_word]
    for anchor in word_positions[anchor_word]:
        chosen = [-1] * n
        chosen[anchor_word] = anchor
        for w in others:
            best, best_distance = -1, reach + 1
            for i in word_positions[w]:
                distance = abs(i - anchor)
                # nearest first, then the earlier of two as near
                if (distance < best_distance or (distance == best_distance and i < best)) \
                        and i not in chosen:
                    best, best_distance = i, distance
            if best < 0:
                break
            chosen[w] = best
        else:
            scored = _score_window(chosen, word_positions, scan, p, form)
            if scored is not None:
                yield scored


def _pair_windows(
    first_word: dict[int, float], second_word: dict[int, float], scan: Scan,
    p: MatchParams, form: CompiledForm,
) -> list[tuple[int, int, float]]:
    """:func:`windows` for two-word forms, the most common kind, without the general loops."""
    found = []
    swap = len(second_word) < len(first_word)
    anchors, others = (second_word, first_word) if swap else (first_word, second_word)
    reach = 1 + max(p.max_gap, p.max_gap_inverted) + 3
    for anchor in anchors:
        best, best_distance = -1, reach + 1
        runner_up = -1
        for i in others:
            distance = i - anchor if i >= anchor else anchor - i
            if i == anchor or distance > best_distance:
                continue
            if distance < best_distance or i < best:
                runner_up = best if distance == best_distance else -1
                best, best_distance = i, distance
            elif distance == best_distance:
                runner_up = i
        if best < 0:
            continue
        # two words as near on either side ("это оружие наступательным оружием"): the
        # better window wins, the earlier of two equal ones
        scored = None
        for other in (best, runner_up):
            if other < 0:
                continue
            a, b = (other, anchor) if swap else (anchor, other)
            candidate = _score_pair(a, b, first_word[a], second_word[b], scan, p, form)
            if candidate is not None and (scored is None or candidate[2] > scored[2]):
                scored = candidate
        if scored is not None:
            found.append(scored)
    return found


def _score_pair(
    a: int, b: int, sim_a: float, sim_b: float, scan: Scan, p: MatchParams, form: CompiledForm,
) -> tuple[int, int, float] | None:
    """:func:`_score_window` for two words at tokens a and b."""
    in_order = a < b
    if in_order:
        first, last = a, b
    elif form.fixed:
        return None
    else:
        first, last = b, a
    words = scan.words
    content = scan.content
    gap = content[last + 1] - content[first] - (not words[a].stop) - (not words[b].stop)
    if gap > (p.max_gap if in_order else p.max_gap_inverted):
        return None
    starts, ends = scan.starts, scan.ends
    if (last - first > 1 or starts[last] - ends[first] > 1) and \
            _BREAK_RE.search(scan.text, ends[first], starts[last]):
        return None
    if gap:
        for i in range(first, last + 1):
            preposition = words[i].preposition
            if preposition and preposition not in form.stops:
                return None
    elif not in_order:
        return None
    score = (sim_a + sim_b) / 2 * (1 - 0.06 * gap) * (1.0 if in_order else 0.95)
    return (first, last, score) if score >= p.threshold else None


def _score_window(
    chosen: list[int], word_positions: list[dict[int, float]], scan: Scan,
    p: MatchParams, form: CompiledForm,
) -> tuple[int, int, float] | None:
    words = scan.words
    first, last = min(chosen), max(chosen)
    in_order = all(a < b for a, b in zip(chosen, chosen[1:], strict=False))
    if form.fixed and not in_order:
        return None
    gap = scan.gap(first, last, sum(1 for i in chosen if not words[i].stop))
    if gap > (p.max_gap if in_order else p.max_gap_inverted):
        return None
    starts, ends = scan.starts, scan.ends
    spaced = last - first > 1 or starts[last] - ends[first] > 1
    if spaced and _BREAK_RE.search(scan.text, ends[first], starts[last]):
        return None
    if gap and any(words[i].preposition and words[i].preposition not in form.stops
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


def keep_best(best: dict, hit: TermHit, rank: int, words: int) -> None:
    """Of hits of one term over the same span, keep the best scored (then longer, earlier) form."""
    key = (hit.term, hit.start, hit.end)
    old = best.get(key)
    if old is None or (hit.score, words, -rank) > (old[0], old[3], -old[1]):
        best[key] = (hit.score, rank, hit, words)


def drop_overlaps(scored: list[tuple[int, TermHit]]) -> list[TermHit]:
    """Per term, keep the best of overlapping hits.

    The higher score wins, then the form with more words ("counterrevolutionary
    Cuban emigres" over "Cuban emigres" inside it), then the longer span.
    """
    by_term: dict[str, list[tuple[int, TermHit]]] = defaultdict(list)
    for pair in scored:
        by_term[pair[1].term].append(pair)
    kept: list[TermHit] = []
    for pairs in by_term.values():
        if len(pairs) == 1:
            kept.append(pairs[0][1])  # most terms occur once in a segment: nothing to drop
            continue
        pairs.sort(key=_ranking)
        taken: list[tuple[int, int]] = []
        for _, hit in pairs:
            if not any(start < hit.end and hit.start < end for start, end in taken):
                taken.append((hit.start, hit.end))
                kept.append(hit)
    kept.sort(key=_position)
    return kept


def _ranking(p: tuple[int, TermHit]) -> tuple[float, int, int, int]:
    return (-p[1].score, -p[0], -(p[1].end - p[1].start), p[1].start)


#: A hit's position, for sorting: (start, end, term), read in C.
_position = attrgetter("start", "end", "term")
