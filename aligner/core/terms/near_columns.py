"""The near search for many (text, term) questions at once, over a document's columns.

:meth:`~aligner.core.terms.near.NearFinder.find` answers one question at a time:
it reads the text's content words into lists, finds the words like each form
word and scores windows in Python. Checking 10,000 links asks it about 13,000
times, each for a text of a few dozen content words. Here every question about
a document's texts read together (:mod:`aligner.core.terms.batch`) is answered
over the document's content-word columns: each word form's likeness to each form
word is a table looked up once per document, the words like each form word are
found by one sorted search, and every window is scored over arrays, one array
operation per assignment of window words to form words.

The rules are :func:`~aligner.core.terms.near._best_window`'s, step for step:
windows of ``n`` and ``n + 1`` content words in one sentence, holding a word like
the form's rarest word (the first of equally rare ones), the longer ones without
a preposition inside; each scored by its best assignment of distinct words
(mean likeness, less :data:`~aligner.core.terms.near.EXTRA_WORD` for the extra
word, times :data:`~aligner.core.terms.near.INVERTED` out of order), rounded by
Python's ``round``. Of equal scores the window met first wins, as the per-text
search meets them (by the first rare word a window holds, then the shorter,
then the earlier), and of equal forms the earlier. The same floating-point
operations in the same order give the same numbers. Written-out abbreviations
("United Nations") are folded into the abbreviation first, as the per-text search
folds them, over the columns; the rare text where two written-out names overlap,
and a term with a form of more than :data:`_MAX_WORDS` words, are left to the
per-text search. tests/test_terms_near_columns.py compares the two on the bench's
texts and glossary and on the near search's test sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import permutations
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from aligner.core.terms.near import EXTRA_WORD, INVERTED, NEAR_THRESHOLD

if TYPE_CHECKING:
    from aligner.core.terms.batch import ContentColumns
    from aligner.core.terms.near import NearFinder

__all__ = ["ASK_ONE_BY_ONE", "FormTable", "form_table", "search_many"]

#: Forms of more words than this are left to the per-text search: the assignments of
#: window words to form words grow as (n + 1)!, and the glossaries here have at most 4.
_MAX_WORDS = 4
#: The answer for a question the columns do not answer (see the module's docstring).
ASK_ONE_BY_ONE = "ask one by one"

#: A found wording: (score, start, end, form), the per-text search's result.
Found = tuple[float, int, int, str]


class FormTable(NamedTuple):
    """The near search's forms as numbers. Form words are the distinct key sets of the
    forms' content words; a form row is one form, the rows of a term consecutive and in
    the per-text search's order."""

    words: list[frozenset[str]]
    words_of_key: dict[str, list[int]]
    """Form key -> the form words holding it."""
    terms: dict[str, int]
    first_row: np.ndarray
    """Per term number, its first row (and one past the last term's rows)."""
    too_long: np.ndarray
    """Per term number: a form of more than _MAX_WORDS words (its rows are left out)."""
    size: np.ndarray
    """Per row, the form's words."""
    row_words: np.ndarray
    """Per row, its form words' numbers (rows x _MAX_WORDS, -1 past the form's words)."""
    text: list[str]
    """Per row, the form as written."""


def form_table(finder: NearFinder) -> FormTable:
    """The finder's forms as a :class:`FormTable`, built once per finder."""
    table = finder.columns_table
    if isinstance(table, FormTable):
        return table
    index: dict[frozenset[str], int] = {}
    terms: dict[str, int] = {}
    first_row, too_long, size, row_words, text = [0], [], [], [], []
    for term, forms in finder.forms.items():
        terms[term] = len(terms)
        long = any(len(form.words) > _MAX_WORDS for form in forms)
        too_long.append(long)
        for form in () if long else forms:
            words = [index.setdefault(w, len(index)) for w in form.words]
            size.append(len(words))
            row_words.append(words + [-1] * (_MAX_WORDS - len(words)))
            text.append(form.form)
        first_row.append(len(size))
    words_of_key: dict[str, list[int]] = {}
    for words, n in index.items():
        for key in words:
            words_of_key.setdefault(key, []).append(n)
    table = FormTable(list(index), words_of_key, terms, np.array(first_row, dtype=np.int64),
                      np.array(too_long, dtype=bool), np.array(size, dtype=np.int64),
                      np.array(row_words, dtype=np.int64).reshape(len(size), _MAX_WORDS),
                      text)
    finder.columns_table = table
    return table


class _View(NamedTuple):
    """A document's content words as the near search compares them (written-out
    abbreviations folded): word form (a record, or an abbreviation after the
    records), offsets, sentence numbers, running count of words after a preposition,
    where each text's words begin; the likeness of each word form to each form word;
    and the texts to ask about one by one."""

    ids: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    sentences: np.ndarray
    after_sum: np.ndarray
    bounds: np.ndarray
    like: np.ndarray
    one_by_one: np.ndarray


def _view(columns: ContentColumns, finder: NearFinder, table: FormTable) -> _View:
    """The columns with every written-out abbreviation folded into one word, as
    ``near._fold_expansions`` folds a text's words: one name after another, each
    occurrence within one sentence, its first word keeping its start, sentence and
    preposition, the last word's end."""
    expansions = finder.expansions()
    keys = [i.keys for i in columns.infos] + [short for _, short, _ in expansions]
    like = _likeness([i.like for i in columns.infos] + [lk for _, _, lk in expansions],
                     table)
    texts = len(columns.bounds) - 1
    ids, starts, ends = columns.ids, columns.starts, columns.ends
    sentences, after = columns.sentences, columns.after
    text_of = np.repeat(np.arange(texts), np.diff(columns.bounds))
    one_by_one = np.zeros(texts, dtype=bool)
    for e, (long, _, _) in enumerate(expansions):
        tail = len(long) - 1
        if not long or len(ids) <= tail:
            continue
        starting = len(ids) - tail  # positions where a name could begin
        at = (text_of[:starting] == text_of[tail:]) & (sentences[:starting] == sentences[tail:])
        for j, word in enumerate(long):
            of_record = np.fromiter((bool(k & word) for k in keys), dtype=bool, count=len(keys))
            at &= of_record[ids[j:starting + j]]
        found = np.flatnonzero(at)
        if not len(found):
            continue
        # two occurrences sharing a word: the per-text search folds the first only
        crowded = np.flatnonzero(np.diff(found) <= tail)
        one_by_one[text_of[found[crowded]]] = True
        keep = np.ones(len(ids), dtype=bool)
        for j in range(1, tail + 1):
            keep[found + j] = False
        ids, ends = ids.copy(), ends.copy()
        ids[found] = len(columns.infos) + e
        ends[found] = ends[found + tail]
        ids, starts, ends, sentences, after, text_of = (
            c[keep] for c in (ids, starts, ends, sentences, after, text_of))
    bounds = np.searchsorted(text_of, np.arange(texts + 1))
    after_sum = np.concatenate(([0], np.cumsum(after, dtype=np.int64)))
    return _View(ids, starts, ends, sentences, after_sum, bounds, like, one_by_one)


def _likeness(likes: list[dict[str, float]], table: FormTable) -> np.ndarray:
    """Each word form's likeness to each form word (word forms x form words), -inf where
    it is like none of the word's keys: the best similarity over the keys, as
    ``_Text.like`` takes it."""
    like = np.full((len(likes), max(len(table.words), 1)), -np.inf)
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    words_of_key = table.words_of_key
    for r, found in enumerate(likes):
        for key, sim in found.items():
            for w in words_of_key.get(key, ()):
                rows.append(r)
                cols.append(w)
                values.append(sim)
    if rows:
        np.maximum.at(like, (np.array(rows), np.array(cols)), np.array(values))
    return like


class _Pairs(NamedTuple):
    """(question, form) pairs to search: the question's number, the form's row, the
    text's content words (lo..hi in the view), the form's words (pairs x n)."""

    question: np.ndarray
    row: np.ndarray
    lo: np.ndarray
    hi: np.ndarray
    words: np.ndarray


def search_many(finder: NearFinder, columns: ContentColumns, texts: Sequence[int],
                terms: Sequence[str]) -> list[Found | None | str]:
    """For each question (text number ``texts[q]``, term ``terms[q]``): what
    ``finder._search`` finds in that text (None when nothing reaches the threshold),
    or :data:`ASK_ONE_BY_ONE`."""
    table = form_table(finder)
    out: list[Found | None | str] = [None] * len(terms)
    if not len(terms) or not len(table.size):
        return out
    view = _view(columns, finder, table)
    get_term = table.terms.get
    term = np.fromiter((get_term(t, -1) for t in terms), dtype=np.int64, count=len(terms))
    text = np.asarray(texts, dtype=np.int64)
    known = term >= 0
    ask = np.zeros(len(terms), dtype=bool)
    ask[known] = table.too_long[term[known]] | view.one_by_one[text[known]]
    for q in np.flatnonzero(ask).tolist():
        out[q] = ASK_ONE_BY_ONE
    question = np.flatnonzero(known & ~ask)
    # every form of each question's term
    first = table.first_row[term[question]]
    count = table.first_row[term[question] + 1] - first
    question = np.repeat(question, count)
    row = np.repeat(first, count) + _within(count)
    lo, hi = view.bounds[text[question]], view.bounds[text[question] + 1]
    size = table.size[row]
    found: list[tuple[np.ndarray, ...]] = []
    fits = hi - lo >= size
    index = _WordIndex(view, lo[fits], hi[fits])
    for n in np.unique(size[fits]).tolist():
        chosen = fits & (size == n)
        pairs = _Pairs(question[chosen], row[chosen], lo[chosen], hi[chosen],
                       table.row_words[row[chosen], :n])
        found += _windows(pairs, n, view, index)
    if not found:
        return out
    question, row, anchor, length, first_word, score = (
        np.concatenate([f[k] for f in found]) for k in range(6))
    rounded = _rounded(score)
    # per question, the best score, then the form, window and length the per-text search
    # meets first
    order = np.lexsort((first_word, length, anchor, row, -rounded, question))
    ranked = question[order]
    head = np.ones(len(order), dtype=bool)
    head[1:] = ranked[1:] != ranked[:-1]
    chosen = order[head]
    chosen = chosen[rounded[chosen] >= NEAR_THRESHOLD]
    last_word = first_word[chosen] + length[chosen] - 1
    for q, r, start, end, value in zip(
            question[chosen].tolist(), row[chosen].tolist(),
            view.starts[first_word[chosen]].tolist(), view.ends[last_word].tolist(),
            rounded[chosen].tolist(), strict=True):
        out[q] = (value, start, end, table.text[r])
    return out


def _within(count: np.ndarray) -> np.ndarray:
    """0, 1, .. count[0] - 1, 0, 1, .. count[1] - 1, ...: each item's place in its run."""
    return np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)


class _WordIndex:
    """Where the content words like each form word are, over the texts asked about:
    one sorted array of ``form word * words + position``."""

    def __init__(self, view: _View, lo: np.ndarray, hi: np.ndarray) -> None:
        total = len(view.ids)
        wanted = np.zeros(total + 1, dtype=np.int64)
        spans = np.unique(np.stack([lo, hi]), axis=1) if len(lo) else np.zeros((2, 0), int)
        np.add.at(wanted, spans[0], 1)
        np.add.at(wanted, spans[1], -1)
        positions = np.flatnonzero(np.cumsum(wanted[:-1]) > 0)
        like = view.like
        records, words = np.nonzero(np.isfinite(like))  # by record, then form word
        per_record = np.bincount(records, minlength=len(like))
        record_start = np.concatenate(([0], np.cumsum(per_record)))[:-1]
        of_position = view.ids[positions]
        count = per_record[of_position]
        word = words[np.repeat(record_start[of_position], count) + _within(count)]
        self.total = total
        # by form word, then position: the positions are in order already, and a stable
        # sort of 16-bit numbers is a radix sort (a glossary has far fewer form words)
        keys = word.astype(np.int64) * total + np.repeat(positions, count)
        if len(like[0]) < 2**15:
            self.keys = keys[np.argsort(word.astype(np.int16), kind="stable")]
        else:
            self.keys = np.sort(keys)

    def range_of(self, word: np.ndarray, lo: np.ndarray, hi: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
        """(first index into :attr:`keys`, count) of form word ``word``'s like words in
        positions lo..hi."""
        base = word * self.total
        start = np.searchsorted(self.keys, base + lo)
        return start, np.searchsorted(self.keys, base + hi) - start


def _windows(pairs: _Pairs, n: int, view: _View, index: _WordIndex
             ) -> list[tuple[np.ndarray, ...]]:
    """Every window of ``n`` and ``n + 1`` words the per-text search would score, scored:
    (question, row, first rare word, length, first word, score) per window that has an
    assignment."""
    starts, counts = zip(*(index.range_of(pairs.words[:, w], pairs.lo, pairs.hi)
                           for w in range(n)), strict=True)
    count = np.stack(counts)  # form words x pairs
    viable = (count > 0).all(axis=0)
    rare = np.argmin(count, axis=0)  # the first of equally rare words
    picked = np.arange(len(rare))
    rare_start = np.stack(starts)[rare, picked][viable]
    rare_count = count[rare, picked][viable]
    # the rare word's positions, per pair in order, and the one before each (or none)
    of_anchor = np.repeat(np.flatnonzero(viable), rare_count)
    within = _within(rare_count)
    anchor = index.keys[np.repeat(rare_start, rare_count) + within] % index.total
    lo, hi = pairs.lo[of_anchor], pairs.hi[of_anchor]
    previous = np.where(within > 0, np.roll(anchor, 1), lo - 1)
    out = []
    for length in (n, n + 1):
        # windows holding this rare word and none before it, inside the text
        low = np.maximum(np.maximum(anchor - length + 1, previous + 1), lo)
        many = np.maximum(np.minimum(anchor, hi - length) - low + 1, 0)
        window_of = np.repeat(np.arange(len(anchor)), many)
        first = np.repeat(low, many) + _within(many)
        last = first + length - 1
        ok = view.sentences[first] == view.sentences[last]
        if length > n:
            # "presence of journalists at the UN" is another phrase
            ok &= view.after_sum[last + 1] == view.after_sum[first + 1]
        window_of, first = window_of[ok], first[ok]
        if not len(first):
            continue
        which = of_anchor[window_of]
        score = _best_assignment(view, first, pairs.words[which], n, length)
        has = score > -np.inf
        out.append((pairs.question[which][has], pairs.row[which][has],
                    anchor[window_of][has], np.full(int(has.sum()), length), first[has],
                    score[has]))
    return out


def _best_assignment(view: _View, first: np.ndarray, words: np.ndarray, n: int,
                     length: int) -> np.ndarray:
    """Per window, ``near._score`` before rounding: the best over every assignment of
    distinct window words to the form's words; -inf for none."""
    # likeness of each window word (columns) to each form word (rows)
    values = view.like[view.ids[first[:, None, None] + np.arange(length)], words[:, :, None]]
    factor = 1 - EXTRA_WORD * (length - n)
    best = np.full(len(first), -np.inf)
    for chosen in permutations(range(length), n):
        total = values[:, 0, chosen[0]]
        for w in range(1, n):  # summed in the form's order, as Python's sum adds them
            total = total + values[:, w, chosen[w]]
        score = total / n * factor
        if not all(a < b for a, b in zip(chosen, chosen[1:], strict=False)):
            score = score * INVERTED
        best = np.maximum(best, score)
    return best


def _rounded(scores: np.ndarray) -> np.ndarray:
    """Scores rounded to 3 places by Python's ``round`` (numpy's differs in the last
    place for some values)."""
    distinct, inverse = np.unique(scores, return_inverse=True)
    return np.array([round(v, 3) for v in distinct.tolist()], dtype=np.float64)[inverse]
