"""Term hits of many texts at once, over numpy arrays: the same hits as the per-text scan.

:meth:`~aligner.core.terms.matching.TermMatcher.hits` reads one text at a time
and tries each candidate form in Python, window by window; at 10,000 links
that is about 450,000 calls. Here the texts of a document are read together:
tokenised over their characters' codes (the token pattern's rules as array
operations), each distinct word form looked up once, and every term word's
positions gathered over the whole document. A
form is then tried over all its positions at once: for one-word forms a
threshold, for longer forms each anchor's nearest partners by sorted search,
and gaps, sentence breaks and prepositions by running sums. The spans two
entries claim are decided over all the hits at once, and the near search's
view of each text (its content words and sentences) is sliced from columns of
the whole document.

The rules are the per-text scan's, step for step (see
:mod:`aligner.core.terms.windows`): which word of a pair anchors the search
in a segment (the one with fewer occurrences), nearest partner first and the
earlier of two as near, the better of two equally near partners, of the hits
of one term over one span the best scored form (then more words, then the
earlier form), then per term the best of overlapping hits. Scores are the
same floating-point operations in the same order, and rounded by Python's
``round``, so they are the same numbers. tests/test_terms_batch.py compares
the two on the bundled telegram with the bench's 200-entry glossary, on the
test sentences and on texts written to probe the tokenising.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache, partial, reduce
from itertools import compress, repeat
from operator import or_
from typing import TYPE_CHECKING

import numpy as np

from aligner.core.terms.near import ContentWords, NearWord
from aligner.core.terms.types import MatchParams, SharedRendering, TermHit
from aligner.core.terms.windows import Word

if TYPE_CHECKING:
    from aligner.core.terms.matching import TermMatcher

#: Characters that join two words into one token ("counter-revolutionary", "UN's"), as
#: TOKEN_RE (aligner.core.terms.normalize) has them.
_JOINERS = "'’-"
#: What ends a sentence for the per-text scan (aligner.core.terms.windows._BREAK_RE,
#: ``[.!?;]\s|\n``): one of these before a space, or a line break.
_STOPS = ".!?;"
#: Joins the texts into one string: a break, and never part of a token.
_JOIN = "\n"
#: Characters read at a time: the reading's arrays take about 40 bytes a character.
_CHUNK_CHARS = 500_000
#: Builds a hit from a tuple without the named tuple's Python-level ``__new__``.
_new_hit = tuple.__new__
#: Token indices and counts (a document has far fewer than 2**31 tokens; half the memory
#: of 64 bits); character offsets stay 64-bit.
_INT = np.int32
_OFFSET = np.int64


class DocumentTokens:
    """The tokens of texts read together, as the near search reads them: offsets into
    the joined text, each token's word form (an index into ``records``), the first token
    of each text, and the sentence breaks."""

    __slots__ = ("_content", "_near_of_record", "bases", "breaks", "ends", "first_token",
                 "ids", "records", "starts")

    def __init__(self, ids: np.ndarray, starts: np.ndarray, ends: np.ndarray,
                 bases: np.ndarray, first_token: np.ndarray, breaks: np.ndarray,
                 records: list[Word]) -> None:
        self.ids, self.starts, self.ends, self.bases = ids, starts, ends, bases
        self.first_token, self.breaks, self.records = first_token, breaks, records
        self._near_of_record: list[int] | None = None
        self._content: ContentColumns | None = None

    def near_bits(self, n: int) -> int:
        """The near search's key bits of text ``n`` (see :attr:`Word.near`)."""
        lo, hi = int(self.first_token[n]), int(self.first_token[n + 1])
        of_record = self._near_of_record
        if of_record is None:
            of_record = self._near_of_record = [r.near for r in self.records]
        return reduce(or_, map(of_record.__getitem__, self.ids[lo:hi].tolist()), 0)

    def columns(self) -> ContentColumns:
        """Every content word of the texts as columns, computed once when first asked."""
        columns = self._content
        if columns is None:
            columns = self._content = ContentColumns(self)
        return columns

    def content_words(self, n: int) -> ContentWords:
        """Text ``n``'s content words as the near search reads them (what
        :meth:`~aligner.core.terms.near.NearFinder._read` finds in a text's tokens),
        sliced from columns computed for the whole document at once."""
        columns = self.columns()
        lo, hi = columns.bounds[n], columns.bounds[n + 1]
        infos = columns.infos
        # offsets as 32-bit arrays: the near search keeps a text's words once read, and
        # a list would hold an int object per offset
        return ContentWords(
            array("i", columns.starts[lo:hi].tobytes()), array("i", columns.ends[lo:hi].tobytes()),
            list(map(infos.__getitem__, columns.ids[lo:hi].tolist())),
            columns.sentences[lo:hi].tolist(), columns.after[lo:hi].tolist())


class ContentColumns:
    """Every content word of a document: word form, offsets, sentence number (breaks
    before it: words of one text are in one sentence when the numbers are equal), and
    whether a preposition stands between it and the content word before it in its
    sentence; and where each text's words begin."""

    __slots__ = ("after", "bounds", "ends", "ids", "infos", "sentences", "starts")

    def __init__(self, tokens: DocumentTokens) -> None:
        infos = [r.info for r in tokens.records]
        if not all(infos):
            raise ValueError("a word record without the near search's record")
        self.infos: list[NearWord] = infos  # type: ignore[assignment]  # checked just above
        ids = tokens.ids
        content_of = np.fromiter((not i.stop for i in self.infos), dtype=bool, count=len(infos))
        preposition_of = np.fromiter((i.preposition for i in self.infos), dtype=bool,
                                     count=len(infos))
        content = np.flatnonzero(content_of[ids])
        self.ids = ids[content]
        starts = tokens.starts[content]
        sentence = np.searchsorted(tokens.breaks, starts, side="left")
        segment = np.searchsorted(tokens.first_token, content, side="right") - 1
        self.bounds = np.searchsorted(segment, np.arange(len(tokens.first_token))).tolist()
        # offsets and sentence numbers within each text (small numbers: Python shares
        # the int objects of those below 257 among the texts' lists)
        base = tokens.bases[segment]
        self.sentences = (sentence - np.searchsorted(tokens.breaks, base)).astype(_INT)
        self.starts = (starts - base).astype(_INT)
        self.ends = (tokens.ends[content] - base).astype(_INT)
        # a preposition marks the next content word of its text and sentence
        prepositions = np.flatnonzero(preposition_of[ids])
        following = np.searchsorted(content, prepositions, side="right")
        inside = following < len(content)
        prepositions, following = prepositions[inside], following[inside]
        of_text = np.searchsorted(tokens.first_token, prepositions, side="right") - 1
        same = (of_text == segment[following]) & (
            np.searchsorted(tokens.breaks, tokens.starts[prepositions], side="left")
            == sentence[following])
        after = np.zeros(len(content), dtype=bool)
        after[following[same]] = True
        self.after = after


@dataclass(slots=True)
class _Windows:
    """Windows found so far, as parallel lists of arrays (one entry per form)."""

    segment: list[np.ndarray]
    form: list[np.ndarray]
    order: list[np.ndarray]
    first: list[np.ndarray]
    last: list[np.ndarray]
    score: list[np.ndarray]

    def add(self, form: int, segment: np.ndarray, order: np.ndarray, first: np.ndarray,
            last: np.ndarray, score: np.ndarray) -> None:
        if len(first):
            self.segment.append(segment)
            self.form.append(np.full(len(first), form, dtype=_INT))
            self.order.append(order)
            self.first.append(first)
            self.last.append(last)
            self.score.append(score)


class _Document:
    """What every form's search reads: per-token arrays and running sums."""

    def __init__(self, texts: Sequence[str], matcher: TermMatcher) -> None:
        self.texts = texts
        self.joined = joined = _JOIN.join(texts)
        lengths_of_texts = np.fromiter(map(len, texts), dtype=_OFFSET, count=len(texts))
        self.bases = bases = np.concatenate(([0], np.cumsum(lengths_of_texts + len(_JOIN))))[:-1]
        index: dict[str, int] = {}
        pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for lo, hi in _chunks(lengths_of_texts):
            offset = int(bases[lo])
            end = int(bases[hi - 1]) + len(texts[hi - 1])
            forms, starts, ends, breaks = _read(joined[offset:end])
            for form in dict.fromkeys(forms):
                index.setdefault(form, len(index))
            ids = np.fromiter(map(index.__getitem__, forms), dtype=_INT, count=len(forms))
            pieces.append((ids, starts + offset, ends + offset, breaks + offset))
        self.ids, self.starts, self.ends, self.breaks = (
            np.concatenate([p[n] for p in pieces]) if pieces else _EMPTY for n in range(4))
        breaks = self.breaks
        ids, starts, ends = self.ids, self.starts, self.ends
        known, word_of = matcher._words.get, matcher.word
        self.records = records = [known(f) or word_of(f) for f in index]
        self.segment = (np.searchsorted(bases, starts, side="right") - 1).astype(_INT)
        self.first_token = np.searchsorted(self.segment, np.arange(len(texts) + 1))
        content = np.fromiter((r.content for r in records), dtype=_INT, count=len(records))
        self.upper = np.fromiter((r.upper for r in records), dtype=bool, count=len(records))[ids]
        self.content = content[ids]
        self.content_sum = np.concatenate(([0], np.cumsum(self.content, dtype=_INT)))
        # a break lies wholly between two tokens (it holds no word character): gap k is
        # the one after token k
        gap = np.searchsorted(ends, breaks, side="right") - 1
        gap = gap[(gap >= 0) & (gap < len(ends) - 1)]
        broken = np.zeros(len(ends), dtype=_INT)
        broken[gap] = 1
        self.break_sum = np.concatenate(([0], np.cumsum(broken, dtype=_INT)))
        # each token's preposition as a number: 0 for none, n for the n-th of _prepositions
        self._prepositions = list(dict.fromkeys(r.preposition for r in records
                                                if r.preposition))
        number = {p: n for n, p in enumerate(self._prepositions, 1)}
        self.preposition = np.fromiter((number.get(r.preposition, 0) for r in records),
                                       dtype=np.int16, count=len(records))[ids]
        self._outside: dict[frozenset[str], np.ndarray] = {}
        self._positions = _slot_positions(records, ids)

    def tokens(self) -> DocumentTokens:
        """What the near search will read of the texts."""
        return DocumentTokens(self.ids, self.starts, self.ends, self.bases, self.first_token,
                              self.breaks, self.records)

    def positions(self, slot: int) -> tuple[np.ndarray, np.ndarray]:
        """(token indices, similarities) of a term word slot, by position."""
        return self._positions.get(slot, (_EMPTY, _EMPTY_F))

    def foreign_preposition(self, first: np.ndarray, last: np.ndarray,
                            stops: frozenset[str]) -> np.ndarray:
        """Whether tokens first..last hold a preposition that is not among a form's own
        function words (windows are a few tokens long: one step per token)."""
        outside = self._outside.get(stops)
        if outside is None:
            outside = self._outside[stops] = np.array(
                [False] + [p not in stops for p in self._prepositions], dtype=bool)
        found = np.zeros(len(first), dtype=bool)
        span = last - first
        for step in range(int(span.max()) + 1 if len(span) else 0):
            found |= (step <= span) & outside[self.preposition[np.minimum(first + step, last)]]
        return found



@lru_cache(maxsize=1)
def _plane() -> tuple[np.ndarray, np.ndarray]:
    """(word character, space) for every character of the basic multilingual plane: what
    ``\\w`` and ``\\s`` match in a ``str`` pattern (``isalnum`` or ``_``, ``isspace``)."""
    chars = [chr(c) for c in range(0x10000)]
    word = np.fromiter((c.isalnum() or c == "_" for c in chars), dtype=bool, count=len(chars))
    space = np.fromiter(map(str.isspace, chars), dtype=bool, count=len(chars))
    return word, space


def _classes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(word character, space) per character code."""
    word_of, space_of = _plane()
    inside = codes < len(word_of)
    safe = np.where(inside, codes, 0)
    word, space = word_of[safe], space_of[safe]
    outside = np.flatnonzero(~inside)
    if len(outside):  # beyond the plane (rare): looked up one distinct character at a time
        distinct, inverse = np.unique(codes[outside], return_inverse=True)
        chars = [chr(c) for c in distinct.tolist()]
        word[outside] = np.array([c.isalnum() or c == "_" for c in chars])[inverse]
        space[outside] = np.array([c.isspace() for c in chars])[inverse]
    return word, space


def _any_of(codes: np.ndarray, chars: str) -> np.ndarray:
    """Where the codes are one of a few characters (``isin`` sorts for this)."""
    found = codes == ord(chars[0])
    for c in chars[1:]:
        found |= codes == ord(c)
    return found


def _read(joined: str) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The tokens of a text as TOKEN_RE finds them (word forms, start and end offsets),
    and the offsets of its sentence breaks, over the characters' codes in C instead of a
    match object per token."""
    # one code per character, as str indexes them (lone surrogates included)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    word, space = _classes(codes)
    joiner = _any_of(codes, _JOINERS)
    # a joiner between two word characters is inside a token, any other ends it
    inside = word.copy()
    inside[1:-1] |= joiner[1:-1] & word[:-2] & word[2:]
    edges = np.diff(inside.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    blanked = np.where(inside, codes, np.uint32(ord(" ")))
    forms = blanked.tobytes().decode("utf-32-le", "surrogatepass").split()
    stop = _any_of(codes, _STOPS)
    breaks = np.flatnonzero((stop[:-1] & space[1:]) | (codes[:-1] == ord("\n")))
    if len(codes) and codes[-1] == ord("\n"):
        breaks = np.append(breaks, len(codes) - 1)
    return forms, starts.astype(_OFFSET), ends.astype(_OFFSET), breaks.astype(_OFFSET)


def _chunks(lengths: np.ndarray) -> list[tuple[int, int]]:
    """Runs of texts of about _CHUNK_CHARS characters, as (first, past the last) indices."""
    if not len(lengths):
        return []
    ends = np.cumsum(lengths)
    cuts = np.searchsorted(ends, np.arange(_CHUNK_CHARS, int(ends[-1]), _CHUNK_CHARS),
                           side="left") + 1
    bounds = np.unique(np.concatenate(([0], cuts, [len(lengths)])))
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))


_EMPTY = np.zeros(0, dtype=_INT)
_EMPTY_F = np.zeros(0, dtype=np.float64)


def _slot_positions(records: list[Word], ids: np.ndarray
                    ) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """slot -> (token indices, similarities), each by position."""
    counts = np.fromiter((len(r.slots) for r in records), dtype=_INT, count=len(records))
    flat_slots = np.fromiter((s for r in records for s, _ in r.slots), dtype=_INT)
    flat_sims = np.fromiter((v for r in records for _, v in r.slots), dtype=np.float64)
    offsets = np.concatenate(([0], np.cumsum(counts)))
    per_token = counts[ids]
    tokens = np.flatnonzero(per_token)
    n = per_token[tokens]
    if not len(tokens):
        return {}
    token = np.repeat(tokens, n)
    # each token's slots: its word's run in the flat arrays
    run_start = np.repeat(offsets[ids[tokens]] - (np.cumsum(n) - n), n)
    pick = run_start + np.arange(len(token))
    slot, sim = flat_slots[pick], flat_sims[pick]
    order = np.lexsort((token, slot))
    slot, token, sim = slot[order], token[order], sim[order]
    bounds = np.flatnonzero(np.diff(slot)) + 1
    starts = np.concatenate(([0], bounds))
    stops = np.concatenate((bounds, [len(slot)]))
    return {int(slot[a]): (token[a:b], sim[a:b])
            for a, b in zip(starts.tolist(), stops.tolist(), strict=True)}


def _score_pairs(doc: _Document, a: np.ndarray, b: np.ndarray, sim_a: np.ndarray,
                 sim_b: np.ndarray, p: MatchParams, fixed: bool, stops: frozenset[str],
                 ) -> tuple[np.ndarray, np.ndarray]:
    """:func:`aligner.core.terms.windows._score_pair` over arrays: (score, acceptable)."""
    in_order = a < b
    first, last = np.minimum(a, b), np.maximum(a, b)
    content = doc.content
    gap = doc.content_sum[last + 1] - doc.content_sum[first] - content[a] - content[b]
    ok = gap <= np.where(in_order, p.max_gap, p.max_gap_inverted)
    if fixed:
        ok &= in_order
    spaced = (last - first > 1) | (doc.starts[last] - doc.ends[first] > 1)
    ok &= ~(spaced & (doc.break_sum[last] - doc.break_sum[first] > 0))
    # a gap behind a preposition is another phrase; with no gap, only in order
    gapped = np.flatnonzero(ok & (gap != 0))
    ok &= (gap != 0) | in_order
    ok[gapped] = ~doc.foreign_preposition(first[gapped], last[gapped], stops)
    score = (sim_a + sim_b) / 2 * (1 - 0.06 * gap) * np.where(in_order, 1.0, 0.95)
    ok &= score >= p.threshold
    return score, ok


def _neighbours(anchors: np.ndarray, others: np.ndarray, segment: np.ndarray, reach: int,
                ) -> tuple[np.ndarray, np.ndarray]:
    """For each anchor, the nearest other token of its segment within ``reach`` (the
    earlier of two as near) and the later of two as near, as indices into ``others``;
    -1 where there is none."""
    right = np.searchsorted(others, anchors, side="right")
    left = np.searchsorted(others, anchors, side="left") - 1
    n = len(others)
    has_left = left >= 0
    has_right = right < n
    left_at = others[np.where(has_left, left, 0)]
    right_at = others[np.where(has_right, right, 0)]
    has_left &= (segment[left_at] == segment[anchors]) & (anchors - left_at <= reach)
    has_right &= (segment[right_at] == segment[anchors]) & (right_at - anchors <= reach)
    d_left, d_right = anchors - left_at, right_at - anchors
    take_left = has_left & (~has_right | (d_left <= d_right))
    best = np.where(take_left, left, np.where(has_right, right, -1))
    runner = np.where(has_left & has_right & (d_left == d_right), right, -1)
    return best, runner


def _pair_windows(doc: _Document, form: int, first_word: tuple[np.ndarray, np.ndarray],
                  second_word: tuple[np.ndarray, np.ndarray], p: MatchParams, fixed: bool,
                  stops: frozenset[str], out: _Windows) -> None:
    """Windows of a two-word form in every segment (the per-text ``_pair_windows``)."""
    (pos_a, sim_a), (pos_b, sim_b) = first_word, second_word
    segment = doc.segment
    n_texts = len(doc.texts)
    count_a = np.bincount(segment[pos_a], minlength=n_texts)
    count_b = np.bincount(segment[pos_b], minlength=n_texts)
    # the word with fewer occurrences in a segment anchors the search there
    swap = count_b < count_a
    reach = 1 + max(p.max_gap, p.max_gap_inverted) + 3
    for anchors_swapped in (False, True):
        if anchors_swapped:
            anchors, anchor_sims, others, other_sims = pos_b, sim_b, pos_a, sim_a
        else:
            anchors, anchor_sims, others, other_sims = pos_a, sim_a, pos_b, sim_b
        mine = swap[segment[anchors]] == anchors_swapped
        anchors, anchor_sims = anchors[mine], anchor_sims[mine]
        if not len(anchors) or not len(others):
            continue
        best, runner = _neighbours(anchors, others, segment, reach)
        found = best >= 0
        anchors, anchor_sims, best, runner = (anchors[found], anchor_sims[found], best[found],
                                              runner[found])
        scores = []
        for choice in (best, runner):
            valid = choice >= 0
            safe = np.where(valid, choice, 0)
            other, other_sim = others[safe], other_sims[safe]
            if anchors_swapped:
                score, ok = _score_pairs(doc, other, anchors, other_sim, anchor_sims, p, fixed,
                                         stops)
            else:
                score, ok = _score_pairs(doc, anchors, other, anchor_sims, other_sim, p, fixed,
                                         stops)
            scores.append((np.where(valid & ok, score, -1.0), other))
        (score_best, other_best), (score_runner, other_runner) = scores
        # the runner-up only when strictly better (the earlier of two equal windows)
        use_runner = score_runner > score_best
        score = np.where(use_runner, score_runner, score_best)
        other = np.where(use_runner, other_runner, other_best)
        keep = score >= 0
        anchors, other, score = anchors[keep], other[keep], score[keep]
        out.add(form, segment[anchors], anchors, np.minimum(anchors, other),
                np.maximum(anchors, other), score)


def _long_windows(doc: _Document, form: int, words: list[tuple[np.ndarray, np.ndarray]],
                  p: MatchParams, stops: frozenset[str], out: _Windows) -> None:
    """Windows of a form of three words or more in every segment (the per-text
    ``_many_windows``): the word with fewest occurrences in a segment anchors; each other
    word, in the form's order, takes its occurrence nearest the anchor (the earlier of two
    as near) that no word before it took; the words must come in order."""
    segment = doc.segment
    n = len(words)
    counts = np.stack([np.bincount(segment[positions], minlength=len(doc.texts))
                       for positions, _ in words])
    present = (counts > 0).all(axis=0)
    anchor_word = np.argmin(counts, axis=0)  # the first of equally rare words
    # stopwords inside a window are free, within reason
    reach = n - 1 + max(p.max_gap, p.max_gap_inverted) + 3
    for a, (positions, sims) in enumerate(words):
        mine = present[segment[positions]] & (anchor_word[segment[positions]] == a)
        anchors = positions[mine]
        if not len(anchors):
            continue
        chosen = np.full((n, len(anchors)), -1, dtype=_INT)
        chosen_sims = np.zeros((n, len(anchors)), dtype=np.float64)
        chosen[a], chosen_sims[a] = anchors, sims[mine]
        alive = np.ones(len(anchors), dtype=bool)
        for w, (others, other_sims) in enumerate(words):
            if w == a:
                continue
            taken = _nearest_untaken(anchors, others, segment, reach, chosen)
            alive &= taken >= 0
            safe = np.maximum(taken, 0)
            chosen[w], chosen_sims[w] = np.where(taken >= 0, others[safe], -1), other_sims[safe]
        chosen, chosen_sims, anchors = chosen[:, alive], chosen_sims[:, alive], anchors[alive]
        first, last = chosen.min(axis=0), chosen.max(axis=0)
        # inversions are rephrasings of two words around a verb, never of three
        ok = np.all(chosen[:-1] < chosen[1:], axis=0)
        gap = (doc.content_sum[last + 1] - doc.content_sum[first]
               - doc.content[chosen].sum(axis=0))
        ok &= gap <= p.max_gap
        spaced = (last - first > 1) | (doc.starts[last] - doc.ends[first] > 1)
        ok &= ~(spaced & (doc.break_sum[last] - doc.break_sum[first] > 0))
        gapped = np.flatnonzero(ok & (gap != 0))
        ok[gapped] = ~doc.foreign_preposition(first[gapped], last[gapped], stops)
        total = chosen_sims[0]
        for w in range(1, n):  # summed in the form's order, as Python's sum adds them
            total = total + chosen_sims[w]
        score = total / n * (1 - 0.06 * gap) * 1.0
        ok &= score >= p.threshold
        out.add(form, segment[anchors[ok]], anchors[ok], first[ok], last[ok], score[ok])


def _nearest_untaken(anchors: np.ndarray, others: np.ndarray, segment: np.ndarray,
                     reach: int, chosen: np.ndarray) -> np.ndarray:
    """For each anchor, its nearest token in ``others`` (sorted) of the same segment within
    ``reach`` that ``chosen`` (one row per word, -1 for none) does not hold, the earlier of
    two as near; as an index into ``others``, -1 for none. At most as many tokens as
    ``chosen`` has rows can be taken, so the answer is among that many on either side."""
    right = np.searchsorted(others, anchors, side="right")
    left = np.searchsorted(others, anchors, side="left") - 1
    best_key = np.full(len(anchors), np.iinfo(np.int64).max, dtype=np.int64)
    best = np.full(len(anchors), -1, dtype=np.int64)
    for depth in range(len(chosen)):
        for index, later in ((left - depth, 0), (right + depth, 1)):
            ok = (index >= 0) & (index < len(others))
            safe = np.where(ok, index, 0)
            token = others[safe]
            distance = np.abs(token.astype(np.int64) - anchors)
            ok &= (segment[token] == segment[anchors]) & (distance <= reach)
            ok &= ~(chosen == token).any(axis=0)
            key = distance * 2 + later  # nearer first, then the earlier
            better = ok & (key < best_key)
            best_key = np.where(better, key, best_key)
            best = np.where(better, safe, best)
    return best


def _form_windows(doc: _Document, matcher: TermMatcher) -> _Windows:
    """Every acceptable window of every form, in the document."""
    out = _Windows([], [], [], [], [], [])
    for index, (form, slots) in enumerate(zip(matcher.forms, matcher._slots, strict=True)):
        words = [doc.positions(slot) for slot in slots]
        if not all(len(positions) for positions, _ in words):
            continue
        params = matcher.params
        if form.fixed:
            # names are fixed expressions: only capitalised words, in order, without gaps
            words = [(positions[doc.upper[positions]], sims[doc.upper[positions]])
                     for positions, sims in words]
            params = matcher._fixed_params
            if not all(len(positions) for positions, _ in words):
                continue
        if len(words) == 1:
            positions, sims = words[0]
            keep = sims >= params.threshold
            positions = positions[keep]
            out.add(index, doc.segment[positions], positions, positions, positions, sims[keep])
        elif len(words) == 2:
            _pair_windows(doc, index, words[0], words[1], params, form.fixed, form.stops, out)
        else:
            _long_windows(doc, index, words, params, form.stops, out)
    return out


def _rounded(scores: np.ndarray, matcher: TermMatcher) -> tuple[np.ndarray, list[float]]:
    """Scores rounded to 3 places by Python's ``round`` (numpy's rounding differs in the
    last place for some values), as an array and as shared float objects."""
    distinct, inverse = np.unique(scores, return_inverse=True)
    shared = matcher._scores
    objects = []
    for value in distinct.tolist():
        rounded = shared.get(value)
        if rounded is None:
            rounded = round(value, 3)
            rounded = shared[value] = shared.setdefault(rounded, rounded)
        objects.append(rounded)
    return np.array(objects, dtype=np.float64)[inverse], [objects[i] for i in inverse.tolist()]


def document_hits(matcher: TermMatcher, texts: Sequence[str], segments: Sequence[int]
                  ) -> tuple[list[list[TermHit]], list[list[TermHit]],
                             list[list[SharedRendering]], DocumentTokens]:
    """Each text's hits by position, text ``n`` stamped as segment ``segments[n]``; the
    same with spans two entries claim given to one
    (:func:`~aligner.core.terms.types.resolve_claims`), and those spans; and the texts'
    tokens (which the near search reads)."""
    doc = _Document(texts, matcher)
    found = _form_windows(doc, matcher)
    tokens = doc.tokens()
    per_text: list[list[TermHit]] = [[] for _ in texts]
    if not found.first:
        return per_text, [[] for _ in texts], [[] for _ in texts], tokens
    segment = np.concatenate(found.segment)
    form = np.concatenate(found.form)
    order = np.concatenate(found.order)
    first, last = np.concatenate(found.first), np.concatenate(found.last)
    score, score_objects = _rounded(np.concatenate(found.score), matcher)
    start, end = doc.starts[first], doc.ends[last]
    joined = doc.joined
    del found, doc, first, last  # the hits are built from here on: their memory is needed
    forms = matcher.forms
    terms = sorted({f.term for f in forms})
    term_rank = {t: n for n, t in enumerate(terms)}
    form_term = np.array([term_rank[f.term] for f in forms], dtype=_INT)
    form_rank = np.array([f.rank for f in forms], dtype=_INT)
    form_words = np.array([len(f.words) for f in forms], dtype=_INT)
    term = form_term[form]
    words = form_words[form]
    # a window's place, (start, end, term) as one number: the per-text scan's order of
    # hits, and start (an offset into the joined text) orders the segments as well
    span = end - start
    place = (start * (int(span.max()) + 1) + span) * len(terms) + term
    # of the windows of one term over one span: the best score, then more words, then the
    # better-ranked form, then the first found (forms in order, then anchors in order)
    by_preference = np.lexsort((np.arange(len(forms)), form_rank, -form_words))
    preference = np.empty(len(forms), dtype=np.int64)
    preference[by_preference] = np.arange(len(forms))
    ranking = np.lexsort((preference[form] * (int(order.max()) + 1) + order, -score, place))
    ranked_place = place[ranking]
    head = np.ones(len(ranking), dtype=bool)
    head[1:] = ranked_place[1:] != ranked_place[:-1]
    chosen = ranking[head]
    chosen = _drop_overlaps(chosen, segment.astype(np.int64) * len(terms) + term, start, end,
                            score, words)
    chosen = chosen[np.argsort(place[chosen])]  # by position, as the per-text scan gives them
    lost, given = _claims(start[chosen], end[chosen], term[chosen], words[chosen], terms)
    # only the chosen windows from here on: the hits need the memory
    chosen_segment, chosen_form = segment[chosen], form[chosen]
    starts, ends = start[chosen], end[chosen]
    chosen_scores = np.asarray(score_objects, dtype=object)[chosen].tolist()
    del ranking, ranked_place, head, order, term, words, place, segment, form, start, end
    del score, score_objects
    side = matcher.side
    shared = matcher._texts
    base = tokens.bases[chosen_segment]
    # the hits column by column, then row by row in C (map and zip): 250,000 of them at
    # 10,000 links, where a Python loop costs more than all the search before it
    column = partial(_column, index=chosen_form)
    pieces = list(map(joined.__getitem__, map(slice, starts.tolist(), ends.tolist())))
    built = list(map(partial(_new_hit, TermHit), zip(
        column([f.term for f in forms]), repeat(side),
        np.asarray(segments, dtype=_OFFSET)[chosen_segment].tolist(),
        (starts - base).tolist(), (ends - base).tolist(),
        list(map(shared.setdefault, pieces, pieces)), chosen_scores,
        column([f.form for f in forms]), column([f.rendering for f in forms]),
        column([len(f.words) for f in forms]))))
    del pieces, chosen_scores
    kept_per_text = [[] for _ in texts]
    claims_per_text: list[list[SharedRendering]] = [[] for _ in texts]
    bounds = np.searchsorted(chosen_segment, np.arange(len(texts) + 1)).tolist()
    kept = list(compress(built, (~lost).tolist()))
    kept_bounds = np.searchsorted(chosen_segment[~lost], np.arange(len(texts) + 1)).tolist()
    for seg in np.unique(chosen_segment).tolist():
        per_text[seg] = built[bounds[seg]:bounds[seg + 1]]
        kept_per_text[seg] = kept[kept_bounds[seg]:kept_bounds[seg + 1]]
    segment_of = chosen_segment.tolist()
    for n, others in given:
        h = built[n]
        claims_per_text[segment_of[n]].append(
            SharedRendering(side, h.segment, h.start, h.end, h.text, h.term, others))
    return per_text, kept_per_text, claims_per_text, tokens


def _column(values: Sequence[object], index: np.ndarray) -> list:  # type: ignore[type-arg]
    """``values[i]`` for each ``i`` in ``index``, as a list (a column of any type)."""
    return np.asarray(values, dtype=object)[index].tolist()


def _claims(start: np.ndarray, end: np.ndarray, term: np.ndarray, words: np.ndarray,
            terms: list[str]) -> tuple[np.ndarray, list[tuple[int, tuple[str, ...]]]]:
    """:func:`aligner.core.terms.types.resolve_claims` over hits sorted by position
    (offsets into the joined text, so hits of two texts never meet): whether each hit
    lost its span to another entry's, and for each hit that kept its span and won one,
    the entries it won it from (in the order the sweep meets them, each once)."""
    n = len(start)
    # the hits after each one that begin before it ends: the sweep's pairs, in its order
    count = np.maximum(np.searchsorted(start, end, side="left") - np.arange(n) - 1, 0)
    h = np.repeat(np.arange(n), count)
    o = h + 1 + np.arange(len(h)) - np.repeat(np.cumsum(count) - count, count)
    other_entry = term[h] != term[o]
    h, o = h[other_entry], o[other_entry]
    h_start, h_end, o_start, o_end = start[h], end[h], start[o], end[o]
    h_words, o_words = words[h], words[o]
    same = h_words == o_words
    # more content words, or as many and a span that strictly contains the other's
    h_loses = (o_words > h_words) | (same & (o_start <= h_start) & (h_end <= o_end)
                                     & (o_end - o_start > h_end - h_start))
    o_loses = ~h_loses & ((h_words > o_words) | (same & (h_start <= o_start) & (o_end <= h_end)
                                                 & (h_end - h_start > o_end - o_start)))
    decided = h_loses | o_loses
    loser = np.where(h_loses, h, o)[decided]
    winner = np.where(h_loses, o, h)[decided]
    lost = np.zeros(n, dtype=bool)
    lost[loser] = True
    standing = ~lost[winner]
    winner, loser = winner[standing], loser[standing]
    by_winner = np.argsort(winner, kind="stable")
    winner, loser_terms = winner[by_winner].tolist(), term[loser[by_winner]].tolist()
    given: list[tuple[int, tuple[str, ...]]] = []
    run: dict[str, None] = {}
    for k, (w, t) in enumerate(zip(winner, loser_terms, strict=True)):
        run.setdefault(terms[t], None)
        if k + 1 == len(winner) or winner[k + 1] != w:
            given.append((w, tuple(run)))
            run = {}
    return lost, given


def _drop_overlaps(chosen: np.ndarray, group: np.ndarray, start: np.ndarray,
                   end: np.ndarray, score: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Per group (segment and term), the best of overlapping hits (the per-text
    ``drop_overlaps``: higher score, then more words, then the longer span, then the
    earlier)."""
    by_place = chosen[np.lexsort((start[chosen], group[chosen]))]
    grp = group[by_place]
    s, e = start[by_place], end[by_place]
    group_start = np.ones(len(by_place), dtype=bool)
    group_start[1:] = grp[1:] != grp[:-1]
    # the furthest end so far in each group: a hit starting before it overlaps an earlier one
    group_id = np.cumsum(group_start) - 1
    reach = e.copy()
    if len(reach) > 1:
        # running maximum within groups: offset each group above the ends before it
        offset = group_id * (int(e.max()) + 1)
        reach = np.maximum.accumulate(e + offset) - offset
    overlapping = np.zeros(len(by_place), dtype=bool)
    overlapping[1:] = ~group_start[1:] & (s[1:] < reach[:-1])
    if not overlapping.any():
        return by_place
    crowded = np.unique(group_id[overlapping])
    in_crowded = np.isin(group_id, crowded)
    kept = [by_place[~in_crowded]]
    members = by_place[in_crowded]
    member_groups = group_id[in_crowded]
    bounds = np.flatnonzero(np.diff(member_groups)) + 1
    for group in np.split(members, bounds):
        ranked = group[np.lexsort((start[group], -(end[group] - start[group]), -words[group],
                                   -score[group]))]
        taken: list[tuple[int, int]] = []
        picked = []
        for n, hs, he in zip(ranked.tolist(), start[ranked].tolist(), end[ranked].tolist(),
                             strict=True):
            if not any(ts < he and hs < te for ts, te in taken):
                taken.append((hs, he))
                picked.append(n)
        kept.append(np.array(picked, dtype=_INT))
    return np.concatenate(kept)
