"""Find glossary terms in text: lemma by lemma, with gap and word-order tolerance.

A term form (``наступательное оружие``) is compiled to the lemma keys of its
content words. Each distinct word form of the texts is analysed once: its keys
are looked up (exactly, or fuzzily through
:class:`~aligner.core.terms.fuzzy.KeyMatcher`) and it is remembered which term
words ("slots") it stands for. A segment then only tries the forms whose rarest
word it contains; a hit is a window holding *all* the form's content words
(see :mod:`aligner.core.terms.windows`). That is what keeps multi-word terms
from flooding: ``offensive`` alone, or ``presence`` far from ``UN``, is never a hit.

Hits are remembered per segment text: the text of a segment does not change
when links are edited, so re-checking after an edit only re-reads the cache.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from aligner.core.glossary import Glossary
from aligner.core.terms.fuzzy import KeyMatcher
from aligner.core.terms.near import LazyTokens, NearFinder
from aligner.core.terms.normalize import PREPOSITIONS, analyse, fold, tokenize
from aligner.core.terms.types import (
    CompiledForm,
    MatchParams,
    NearHit,
    SharedRendering,
    TermHit,
    resolve_claims,
)
from aligner.core.terms.windows import Scan, Word, drop_overlaps, windows

if TYPE_CHECKING:
    from aligner.core.terms.batch import DocumentTokens

__all__ = ["MatchParams", "TermHit", "TermMatcher"]

#: A text's hits with every contested span given to one entry, and the spans so given.
Claimed = tuple[tuple[TermHit, ...], tuple[SharedRendering, ...]]

#: Distinct word forms remembered per matcher before the memory is started afresh.
_MAX_WORDS = 300_000
#: Texts whose tokens are kept for the near search (about 1.5 kB each) before the memory
#: is started afresh.
_MAX_TEXTS = 100_000
#: Character offsets below this are shared int objects in hits (a paragraph is rarely longer).
_SHARED_OFFSETS = 8192
_OFFSETS = tuple(range(_SHARED_OFFSETS))
#: New texts of a document below which each is scanned alone: the arrays cost a dozen
#: array operations per glossary form whatever the number of texts. Measured with the
#: bench's 200-entry glossary on its paragraphs: 200 texts 24.5 ms together against 20.6 ms
#: one by one, 400 texts 33 ms against 41 ms.
_BATCH_TEXTS = 250
#: Builds a hit from a tuple without the named tuple's Python-level ``__new__``.
_new_hit = tuple.__new__


def _canonical(scores: dict[float, float], rounded: float) -> float:
    """One float object per rounded score value (hits repeat a few scores)."""
    return scores.setdefault(rounded, rounded)


def _compile_form(
    term: str, form: str, rendering: str, rank: int, language: str,
) -> CompiledForm | None:
    tokens = tokenize(form, language)
    content = [t for t in tokens if not t.stop] or tokens
    if not content:
        return None
    fixed = len(content) > 1 and all(t.text[:1].isupper() for t in content)
    stops = frozenset(fold(t.text) for t in tokens if t.stop)
    return CompiledForm(term, form, rendering, tuple(t.keys for t in content), rank, fixed, stops)


def _forms_for(glossary: Glossary, side: str, language: str) -> list[CompiledForm]:
    forms: list[CompiledForm] = []
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
    """Glossary forms of one side, compiled, with caches per word form and per text."""

    def __init__(self, glossary: Glossary, side: str, language: str, params: MatchParams) -> None:
        self.side = side
        self.language = language
        self.params = params
        self.forms = _forms_for(glossary, side, language)
        # a slot is one distinct term word (its key set); forms are tuples of slots
        slot_ids: dict[frozenset[str], int] = {}
        self._slots = [tuple(slot_ids.setdefault(w, len(slot_ids)) for w in form.words)
                       for form in self.forms]
        self._slot_sets = [frozenset(slots) for slots in self._slots]
        self._fixed_params = replace(params, max_gap=0, max_gap_inverted=0)
        self._slots_of_key: dict[str, list[int]] = defaultdict(list)
        for words, slot in slot_ids.items():
            for key in words:
                self._slots_of_key[key].append(slot)
        spread = Counter(k for form in self.forms for words in form.words for k in words)
        # each form is looked up by its least common word only: a form is a candidate
        # in a segment only if that word is there (then its other words are checked)
        self._by_slot: dict[int, list[int]] = defaultdict(list)
        for i, form in enumerate(self.forms):
            rarest = min(range(len(form.words)),
                         key=lambda w, f=form: sum(spread[k] for k in f.words[w]))
            self._by_slot[self._slots[i][rarest]].append(i)
        self.keys = KeyMatcher(spread, params.fuzzy_cutoff)
        self.near_finder = NearFinder(glossary, side, language)
        # per text scanned: the near search's key bits and the tokens (records, offsets as
        # arrays: a list of offsets would keep an int object per token)
        self._near_texts: dict[str, tuple[int, LazyTokens]] = {}
        # texts read together: their tokens, and the text's number among them
        self._batched: dict[str, tuple[DocumentTokens, int]] = {}
        self._claimed: dict[str, Claimed] = {}
        self._words: dict[str, Word] = {}
        self._texts: dict[str, str] = {}
        self._scores: dict[float, float] = {}
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

    def document_hits(self, texts: Sequence[str]) -> list[Claimed]:
        """Per text (text ``n`` as segment ``n``): its hits with every span two entries
        claim given to one, and those spans (:func:`.types.resolve_claims`). A document's
        texts not read before are read together (:mod:`.batch`) when there are enough of
        them to repay the arrays."""
        first: dict[str, int] = {}
        for n, text in enumerate(texts):
            if text not in self._cache:
                first.setdefault(text, n)
        if len(first) >= _BATCH_TEXTS:
            from aligner.core.terms.batch import document_hits

            new = list(first)
            found, kept, claims, tokens = document_hits(self, new, list(first.values()))
            if len(self._batched) + len(new) > _MAX_TEXTS:
                self._batched.clear()
                self._claimed.clear()
            for n, text in enumerate(new):
                hits = self._cache[text] = tuple(found[n])
                self._batched[text] = (tokens, n)
                # most texts lose no hit to a claim: their hits are kept once
                kept_hits = hits if len(kept[n]) == len(hits) else tuple(kept[n])
                self._claimed[text] = (kept_hits, tuple(claims[n]))
        return [self.claimed(text, n) for n, text in enumerate(texts)]

    def claimed(self, text: str, segment: int = 0) -> Claimed:
        """A text's hits with every span two entries claim given to one, and those spans."""
        known = self._claimed.get(text)
        if known is None:
            found = self.hits(text, segment)
            if len(found) > 1 and len({h.term for h in found}) > 1:
                kept, claims = resolve_claims(list(found))
                if claims:
                    return tuple(kept), tuple(claims)
            return found, ()
        hits, claims = known
        if hits and hits[0].segment != segment:
            hits = tuple(h._replace(segment=segment) for h in hits)
        if claims and claims[0].segment != segment:
            claims = tuple(replace(c, segment=segment) for c in claims)
        return hits, claims

    def near(self, text: str, segment: int, term: str) -> NearHit | None:
        """The near search for ``term`` in a text, from what the pass over it collected."""
        known = self._near_texts.get(text)
        if known is None:
            batch = self._batched.get(text)
            if batch is not None:
                tokens, n = batch
                known = (tokens.near_bits(n), partial(tokens.content_words, n))
                if len(self._near_texts) >= _MAX_TEXTS:
                    self._near_texts.clear()
                self._near_texts[text] = known
            else:
                scan = Scan(text, self._words, self.word)
                known = (scan.near, (scan.words, scan.starts, scan.ends))
        return self.near_finder.find(text, segment, term, *known)

    def near_many(self, texts: Sequence[str], questions: Sequence[tuple[int, str]]
                  ) -> list[NearHit | None]:
        """:meth:`near` for each (segment, term) of ``questions``, ``texts[segment]`` the
        segment's text: the questions about texts read together are answered together,
        over their document's columns (:mod:`.near_columns`), the rest one by one."""
        finder = self.near_finder
        known, hit, batched = finder.known, finder.hit, self._batched.get
        out: list[NearHit | None] = [None] * len(questions)
        # per document read together: its tokens, and (question, text number) per question
        asked: dict[int, tuple[DocumentTokens, list[tuple[int, int]]]] = {}
        for q, (segment, term) in enumerate(questions):
            text = texts[segment]
            found = known(text, term)
            if not isinstance(found, str):  # searched before
                if found is not None:
                    out[q] = hit(text, segment, term, found)
                continue
            batch = batched(text)
            if batch is None:
                out[q] = self.near(text, segment, term)
                continue
            tokens, n = batch
            asked.setdefault(id(tokens), (tokens, []))[1].append((q, n))
        if asked:
            from aligner.core.terms.near_columns import search_many

            for tokens, items in asked.values():
                answers = search_many(finder, tokens.columns(), [n for _, n in items],
                                      [questions[q][1] for q, _ in items])
                for (q, _), answer in zip(items, answers, strict=True):
                    segment, term = questions[q]
                    text = texts[segment]
                    if isinstance(answer, str):  # left to the per-text search
                        out[q] = self.near(text, segment, term)
                        continue
                    finder.remember(text, term, answer)
                    out[q] = hit(text, segment, term, answer)
        return out

    def word(self, word: str) -> Word:
        """What a word form matches, analysed once per form (texts repeat their words)."""
        found = self._words.get(word)
        if found is not None:
            return found
        keys, stop = analyse(word, self.language)
        sims: dict[int, float] = {}
        for key in keys:
            for term_key, sim in self.keys.matches(key):
                for slot in self._slots_of_key[term_key]:
                    if sim > sims.get(slot, 0.0):
                        sims[slot] = sim
        folded = fold(word) if stop else ""
        near = self.near_finder.word(word)
        found = Word(stop, word[:1].isupper(), folded if folded in PREPOSITIONS else "",
                     tuple(sims.items()), int(not stop), near.present, near)
        if len(self._words) >= _MAX_WORDS:
            self._words.clear()  # a vocabulary this large is not worth keeping whole
        self._words[word] = found
        return found

    def _candidates(self, scan: Scan) -> list[int]:
        """Forms, by index, whose rarest word is in the segment."""
        by_slot = self._by_slot
        return sorted({i for slot in scan.positions for i in by_slot.get(slot, ())})

    def _scan(self, text: str, segment: int) -> list[TermHit]:
        scan = Scan(text, self._words, self.word)
        if len(self._near_texts) >= _MAX_TEXTS:
            self._near_texts.clear()
        self._near_texts[text] = (scan.near, (scan.words, array("i", scan.starts),
                                              array("i", scan.ends)))
        positions = scan.positions
        best: dict[tuple[str, int, int], tuple[float, int, TermHit, int]] = {}
        starts, ends, texts, scores = scan.starts, scan.ends, self._texts, self._scores
        present = set(positions)
        side, forms, slots, slot_sets = self.side, self.forms, self._slots, self._slot_sets
        get_best = best.get
        for index in self._candidates(scan):
            if not slot_sets[index] <= present:
                continue  # one of its words is not in the text: most candidates end here
            form = forms[index]
            word_positions = [positions[slot] for slot in slots[index]]
            params = self.params
            if form.fixed:
                # names are fixed expressions: "the council discussed security" is not one
                word_positions = [{i: v for i, v in wp.items() if scan.words[i].upper}
                                  for wp in word_positions]
                params = self._fixed_params
                if not all(word_positions):
                    continue
            term, rank, n_words = form.term, form.rank, len(form.words)
            form_text, rendering = form.form, form.rendering
            for first, last, score in windows(word_positions, scan, params, form):
                start, end = starts[first], ends[last]
                key = (term, start, end)
                old = get_best(key)
                rounded = scores.get(score)
                if rounded is None:
                    rounded = scores[score] = _canonical(scores, round(score, 3))
                # of hits of one term over one span, the best scored (then longer, earlier) form
                if old is not None and (rounded, n_words, -rank) <= (old[0], old[3], -old[1]):
                    continue
                # one object per distinct text, score and offset: a long document has
                # hundreds of thousands of hits, and they repeat their terms
                piece = text[start:end]
                hit = _new_hit(TermHit, (term, side, segment,
                                         _OFFSETS[start] if start < _SHARED_OFFSETS else start,
                                         _OFFSETS[end] if end < _SHARED_OFFSETS else end,
                                         texts.setdefault(piece, piece), rounded, form_text,
                                         rendering, n_words))
                best[key] = (rounded, rank, hit, n_words)
        if len(texts) >= _MAX_WORDS:
            texts.clear()
        return drop_overlaps([(b[3], b[2]) for b in best.values()])
