"""Near renderings: the closest wording of a glossary term that the glossary does not list.

When a link's source has a term and its target has none of the term's listed
renderings, the target may still render it in words the glossary lacks
("offensive weapons" for наступательное оружие, "the presence of the United
Nations" for присутствие ООН). This module looks for them, and the same the
other way round (a target term whose source term is only nearly there).

Text and glossary forms get the normalisation of exact matching (the lemma
keys of :mod:`aligner.core.terms.normalize`), written-out names of
abbreviations are folded into the abbreviation ("United Nations" is "UN"),
then every window of content words in a sentence is compared with every form
of the term, word by word: the words' keys are compared by ``process.extract``
with ``fuzz.ratio`` (explicit ``processor=None`` and ``score_cutoff``), the
form's words are paired with the window's in the best order, and the window
scores the mean of its word similarities, less a little per extra word and
for a different word order. A window at or above :data:`NEAR_THRESHOLD` is a
``near`` finding; below it, the term is ``missing``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial, reduce
from itertools import compress, count, product
from operator import attrgetter, not_, or_
from typing import NamedTuple, Protocol

from rapidfuzz import fuzz, process

from aligner.core.glossary import Glossary
from aligner.core.terms.normalize import (
    PREPOSITIONS,
    TOKEN_RE,
    analyse,
    base_language,
    fold,
    tokenize,
)
from aligner.core.terms.types import NearHit

__all__ = ["NEAR_THRESHOLD", "NearFinder", "NearHit", "unlisted_spelling"]

#: Lowest window score (0..1) reported as ``near``. Measured on the sentences written for
#: tests/test_terms_near.py: the renderings a reader would accept score 0.90-1.0 ("offensive
#: weapons" 0.95, "offensive arms" 0.95 through "offensive armaments", a misspelling 0.96),
#: unrelated wordings that share one word score below 0.75 ("defensive weapons" 0.78 is kept
#: out by the word floor); 0.85 sits between the two groups.
NEAR_THRESHOLD = 0.85
#: Each word of the form must be matched at least this well (rapidfuzz ``score_cutoff``):
#: "defensive" / "offensive" (67) is another word, "weaponery" / "weaponry" (94) a misspelling.
WORD_CUTOFF = 70.0
#: Similarity of a key that begins another key of at least 3 letters ("arm" / "armament",
#: "weapon" / "weaponry"): English shortens words where a ratio sees only a partial match.
PREFIX_SIMILARITY = 0.9
#: Key similarity (rapidfuzz ratio) above which a word of a hit is the form's word misspelt;
#: the exact matcher's own fuzzy cut-off (MatchParams.fuzzy_cutoff).
SPELLING_CUTOFF = 90.0
#: Score factor per window word beyond the form's words: the exact matcher's gap cost.
EXTRA_WORD = 0.06
#: Score factor for a window whose words come in another order ("weapons ... offensive").
INVERTED = 0.95

_BREAK_RE = re.compile(r"[.!?;]\s|\n")
#: Written-out names of the abbreviations in aligner.core.align.tables, per language;
#: the content words of each are folded into the abbreviation before comparing.
_EXPANSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("United Nations", "UN"), ("United States", "US"), ("Soviet Union", "USSR"),
           ("North Atlantic Treaty Organization", "NATO"),
           ("Organization of American States", "OAS")),
    "ru": (("Организация Объединенных Наций", "ООН"), ("Соединенные Штаты", "США"),
           ("Советский Союз", "СССР"), ("Организация американских государств", "ОАГ")),
}


class _Text:
    """A text's content words as parallel lists (start, end, keys, sentence number,
    whether a preposition stands between the word and the previous content word, the
    form keys the word is like with their similarity, and those keys as bits), and the
    bits of all of them."""

    __slots__ = ("_like", "after_preposition", "bits", "ends", "keys", "likes", "present",
                 "sentences", "starts")

    def __init__(self, starts: Sequence[int], ends: Sequence[int], keys: list[frozenset[str]],
                 sentences: list[int], after_preposition: list[bool],
                 likes: list[dict[str, float]], bits: list[int]) -> None:
        self.starts, self.ends, self.keys = starts, ends, keys
        self.sentences, self.after_preposition = sentences, after_preposition
        self.likes, self.bits = likes, bits
        self.present = 0
        self._like: dict[int, dict[int, float]] = {}

    def like(self, keys: frozenset[str], mask: int) -> dict[int, float]:
        """Word index -> best similarity to any of one form word's keys (``mask``, as bits).

        The words are found by their bits (the loop in C); only they are looked at. Kept
        per form word: a term's forms often share their words ("a b", "b a").
        """
        cached = self._like.get(mask)
        if cached is None:
            cached = self._like[mask] = self._find_like(keys, mask)
        return cached

    def _find_like(self, keys: frozenset[str], mask: int) -> dict[int, float]:
        likes = self.likes
        found = compress(count(), map(mask.__and__, self.bits))
        if len(keys) == 1:
            (key,) = keys
            return {i: likes[i][key] for i in found}
        out: dict[int, float] = {}
        for i in found:
            like = likes[i]
            out[i] = max(like[k] for k in keys if k in like)
        return out


class _Form(NamedTuple):
    form: str
    words: tuple[frozenset[str], ...]


@lru_cache(maxsize=8)
def _expansions(language: str) -> tuple[tuple[tuple[frozenset[str], ...], frozenset[str]], ...]:
    out = []
    for long, short in _EXPANSIONS.get(base_language(language), ()):
        words = tuple(t.keys for t in tokenize(long, language) if not t.stop)
        (abbreviation,) = [t.keys for t in tokenize(short, language)]
        out.append((words, abbreviation))
    return tuple(out)


@lru_cache(maxsize=10_000)
def _is_preposition(word: str) -> bool:
    return fold(word) in PREPOSITIONS


_POSSESSIVE = ("'s", "\u2019s")
_GROUP = re.Match.group
#: A result not computed yet (None is a result: nothing near).
_UNSEEN: tuple[float, int, int, str] = (-1.0, 0, 0, "")
#: What :meth:`NearFinder.known` answers for a search not made yet.
UNSEEN = "unseen"
_STOP, _PREPOSITION, _KEYS, _LIKE, _LIKE_BITS, _EXPANSION = (
    attrgetter("stop"), attrgetter("preposition"), attrgetter("keys"), attrgetter("like"),
    attrgetter("like_bits"), attrgetter("expansion"))
_START, _END = re.Match.start, re.Match.end
_INFO = attrgetter("info")
_NOT = not_


@lru_cache(maxsize=100_000)
def _strict_keys(word: str, language: str) -> frozenset[str]:
    """A word's lemma keys, except that a possessive stays a possessive ("UN's")."""
    folded = fold(word)
    if folded.endswith(_POSSESSIVE):
        return frozenset({folded})
    return tokenize(word, language)[0].keys if word else frozenset()


def unlisted_spelling(text: str, form: str, language: str) -> float | None:
    """The similarity of a hit's wording to its form when the wording is not the form's
    own: a misspelling the matcher's fuzzy keys let through ("weaponery"), or a
    possessive inside the phrase ("the UN's presence"; "the Security Council's" is the
    phrase's own inflection). None when the wording is the form's, inflected.

    Words between the form's words (a gap the matcher allows) are left out; the
    similarity is rapidfuzz's ``fuzz.ratio`` of the two content-word sequences.
    """
    words = [t for t in tokenize(text, language) if not t.stop]
    form_words = [t for t in tokenize(form, language) if not t.stop]
    form_keys = sorted({k for t in form_words for k in t.keys})
    matched, unlisted = [], False
    for n, t in enumerate(words):
        keys = t.keys if n == len(words) - 1 else _strict_keys(t.text, language)
        if keys & set(form_keys):
            matched.append(t)
        elif any(process.extractOne(k, form_keys, scorer=fuzz.ratio, processor=None,
                                    score_cutoff=SPELLING_CUTOFF) for k in t.keys):
            matched.append(t)
            unlisted = True
        elif t.keys != _strict_keys(t.text, language):
            matched.append(t)
            unlisted = True  # a possessive of a form word
    if not unlisted:
        return None
    a = " ".join(fold(t.text) for t in matched)
    b = " ".join(fold(t.text) for t in form_words)
    return round(fuzz.ratio(a, b, processor=None) / 100.0, 3)


def _similarity(a: str, b: str, ratio: float) -> float:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return max(ratio, PREFIX_SIMILARITY)
    return ratio


class NearWord(NamedTuple):
    """What the near search needs of one word form, computed once per form (the term
    matcher keeps it with its own record of the word, see :class:`HasNearWord`)."""

    keys: frozenset[str]
    stop: bool
    preposition: bool
    like: dict[str, float]
    """Form keys the word is like, with the best similarity over the word's keys."""
    like_bits: int
    """The keys of ``like`` as bits (see ``NearFinder._bits``)."""
    present: int
    """Form keys a text holding this word may have a word like, as bits (see
    ``NearFinder._bits``): those of ``like``, and those of an abbreviation whose
    written-out name can begin with this word."""
    expansion: bool
    """The word can begin the written-out name of an abbreviation ("United")."""


class HasNearWord(Protocol):
    """A token record that carries the near search's record of its word form."""

    @property
    def info(self) -> NearWord | None: ...


#: A text's tokens as the term matcher read them: their records, start and end offsets.
Tokens = tuple[Sequence[HasNearWord], Sequence[int], Sequence[int]]


class ContentWords(NamedTuple):
    """A text's content words as :meth:`NearFinder._read` reads them from its tokens,
    computed elsewhere (:mod:`aligner.core.terms.batch` reads a whole document at once):
    offsets, records, sentence numbers (equal within a sentence) and whether a
    preposition stands between each and the content word before it."""

    starts: Sequence[int]
    ends: Sequence[int]
    infos: list[NearWord]
    sentences: list[int]
    after_preposition: list[bool]


#: The tokens, or what gives them (or the content words) when the text is read (most
#: texts never are).
LazyTokens = Tokens | Callable[[], Tokens | ContentWords]


class NearFinder:
    """The term forms of one side, compiled once, and the near search over texts.

    A text is read once (:meth:`_words`): its content words, and for every form
    key the words like it. A term none of whose forms has each word there is
    dismissed with a few set look-ups; only the rest are scored window by window.
    """

    def __init__(self, glossary: Glossary, side: str, language: str) -> None:
        self.side = side
        self.language = language
        self._forms: dict[str, tuple[_Form, ...]] = {}
        for entry in glossary:
            texts = entry.source_forms if side == "source" else tuple(
                form for rendering, form in entry.target_forms_by_class()
                if rendering != "flagged")
            forms = []
            for text in texts:
                tokens = tokenize(text, language)
                content = tuple(t.keys for t in tokens if not t.stop)
                if content:
                    forms.append(_Form(text, content))
            self._forms[entry.id] = tuple(forms)
        self._form_keys = sorted({k for forms in self._forms.values() for f in forms
                                  for keys in f.words for k in keys})
        self._form_key_set = frozenset(self._form_keys)
        # one bit per form key: a text's keys are the OR of its words' (an int, no set to
        # build or keep per text), and a form word is there when its bits meet them
        self._bits = {key: 1 << n for n, key in enumerate(self._form_keys)}
        self._word_bits = {term: tuple(tuple(self._mask(keys) for keys in form.words)
                                       for form in forms)
                           for term, forms in self._forms.items()}
        # every prefix of 3 letters or more of a form key, for "arm" / "armament"
        self._prefixes: dict[str, list[str]] = {}
        for key in self._form_keys:
            for n in range(3, len(key)):
                self._prefixes.setdefault(key[:n], []).append(key)
        self._vocabulary: dict[str, dict[str, float]] = {}
        self._info: dict[str, NearWord] = {}
        self._texts: dict[str, _Text] = {}
        expansions = _expansions(language)
        self._expansion_like = [(like, self._mask(like)) for like in
                                (self._like(short) for _, short in expansions)]
        self._expansion_firsts = [(long[0], bits) for (long, _), (_, bits)
                                  in zip(expansions, self._expansion_like, strict=True)]
        self._found: dict[tuple[str, str], tuple[float, int, int, str] | None] = {}
        #: The forms as numbers for the search over a document's columns
        #: (:func:`aligner.core.terms.near_columns.form_table`), built when first asked.
        self.columns_table: object = None

    def expansions(self) -> list[tuple[tuple[frozenset[str], ...], frozenset[str],
                                       dict[str, float]]]:
        """The written-out abbreviations folded before comparing, in the order they are
        folded: the name's content words' keys, the abbreviation's keys, and the form
        keys the abbreviation is like."""
        return [(long, short, like) for (long, short), (like, _)
                in zip(_expansions(self.language), self._expansion_like, strict=True)]

    @property
    def forms(self) -> dict[str, tuple[_Form, ...]]:
        """Per entry id, its forms on this side (text and content words' keys)."""
        return self._forms

    def known(self, text: str, term: str) -> tuple[float, int, int, str] | None | str:
        """What a search of ``term`` in ``text`` found before (see :meth:`remember`), or
        :data:`UNSEEN` (a string) when none was made."""
        return self._found.get((text, term), UNSEEN)

    def remember(self, text: str, term: str,
                 found: tuple[float, int, int, str] | None) -> None:
        """Keep what a search of ``term`` in ``text`` found, as :meth:`find` keeps its own."""
        if len(self._found) > 200_000:
            self._found.clear()
        self._found[(text, term)] = found

    def hit(self, text: str, segment: int, term: str,
            found: tuple[float, int, int, str] | None) -> NearHit | None:
        """A search's result as a :class:`NearHit` in segment ``segment``."""
        if found is None:
            return None
        score, start, end, form = found
        return NearHit(term, self.side, segment, start, end, text[start:end], score, form)

    def find(self, text: str, segment: int, term: str, present: int | None = None,
             tokens: LazyTokens | None = None) -> NearHit | None:
        """The best near wording of ``term`` in a text, or None below the threshold.

        ``present`` (the OR of :meth:`word_keys` over the text's words, which the
        term matcher collects in its pass over the text) dismisses a term none of
        whose forms has every word there without reading the text again; ``tokens``
        (the matcher's tokens of the text) spare tokenising it again.
        """
        if present is not None:
            # the search could find nothing when each form has a word with nothing like it
            for form in self._word_bits.get(term, ()):
                for bits in form:
                    if not present & bits:
                        break
                else:
                    break
            else:
                return None
        found = self._found.get((text, term), _UNSEEN)
        if found is _UNSEEN:
            found = self._search(text, term, tokens)
            self.remember(text, term, found)
        return self.hit(text, segment, term, found)

    def _mask(self, keys: Iterable[str]) -> int:
        bits = self._bits
        return sum(bits[k] for k in set(keys) if k in bits)

    def word_keys(self, word: str) -> int:
        """Form keys a text with this word form (as written) may have a word like, as bits."""
        return self.word(word).present

    def word(self, word: str) -> NearWord:
        """The near search's record of a word form (as written)."""
        return self._info.get(word) or self._word_info(word)

    def _similar(self, word_key: str) -> dict[str, float]:
        """Form keys a word key is like, with the similarity; computed once per word key."""
        found = self._vocabulary.get(word_key)
        if found is not None:
            return found
        found = {}
        for key, score, _ in process.extract(
            word_key, self._form_keys, scorer=fuzz.ratio, processor=None,
            score_cutoff=WORD_CUTOFF, limit=None,
        ):
            found[key] = _similarity(word_key, key, score / 100.0)
        # a prefix the ratio scores below the cut-off ("arm" / "armament"), either way round
        for key in self._prefixes.get(word_key, ()):
            found[key] = max(found.get(key, 0.0), PREFIX_SIMILARITY)
        for n in range(3, len(word_key)):
            if word_key[:n] in self._form_key_set:
                found[word_key[:n]] = max(found.get(word_key[:n], 0.0), PREFIX_SIMILARITY)
        if len(self._vocabulary) > 300_000:
            self._vocabulary.clear()
        self._vocabulary[word_key] = found
        return found

    def _like(self, keys: frozenset[str]) -> dict[str, float]:
        """Form keys any of a word's keys is like, each with its best similarity."""
        best: dict[str, float] = {}
        for wk in keys:
            for fk, sim in self._similar(wk).items():
                if sim > best.get(fk, 0.0):
                    best[fk] = sim
        return best

    def _word_info(self, word: str) -> NearWord:
        keys, stop = analyse(word, self.language)
        like = {} if stop else self._like(keys)
        like_bits = present = self._mask(like)
        expansion = False
        if not stop:
            for first, abbreviation in self._expansion_firsts:
                if keys & first:
                    present |= abbreviation
                    expansion = True
        info = NearWord(keys, stop, stop and _is_preposition(word), like, like_bits, present,
                     expansion)
        if len(self._info) > 300_000:
            self._info.clear()
        self._info[word] = info
        return info

    def _words(self, text: str, tokens: LazyTokens | None = None) -> _Text:
        """A text's content words, and what each is like (see :class:`_Text`)."""
        cached = self._texts.get(text)
        if cached is None:
            if len(self._texts) > 50_000:
                self._texts.clear()
            cached = self._texts[text] = self._read(text, tokens)
        return cached

    def _read(self, text: str, tokens: LazyTokens | None = None) -> _Text:
        """:meth:`_words` computed: one pass over the tokens (the matcher's, when given),
        word forms looked up once, the per-token work in C (``map``, ``compress``,
        ``bisect``)."""
        all_starts: Sequence[int]
        all_ends: Sequence[int]
        infos: list[NearWord]
        if tokens is None:
            matches = list(TOKEN_RE.finditer(text))
            get, info_of = self._info.get, self._word_info
            infos = [get(w) or info_of(w) for w in map(_GROUP, matches)]
            all_starts, all_ends = list(map(_START, matches)), list(map(_END, matches))
        else:
            given = tokens() if callable(tokens) else tokens
            if isinstance(given, ContentWords):
                return self._text(given.starts, given.ends, given.infos, given.sentences,
                                  given.after_preposition)
            records, all_starts, all_ends = given
            infos = list(map(_INFO, records))
        breaks = [m.start() for m in _BREAK_RE.finditer(text)]
        is_content = list(map(_NOT, map(_STOP, infos)))
        content = list(compress(count(), is_content))
        starts = list(compress(all_starts, is_content))
        ends = list(compress(all_ends, is_content))
        sentence_of = partial(bisect_left, breaks)
        sentences = list(map(sentence_of, starts))
        after = [False] * len(content)
        for t in compress(count(), map(_PREPOSITION, infos)):
            # the next content word, when no sentence break comes first
            j = bisect_right(content, t)
            if j < len(content) and sentence_of(all_starts[t]) == sentences[j]:
                after[j] = True
        return self._text(starts, ends, list(compress(infos, is_content)), sentences, after)

    def _text(self, starts: Sequence[int], ends: Sequence[int], chosen: list[NearWord],
              sentences: list[int], after: list[bool]) -> _Text:
        """A :class:`_Text` of content words, written-out abbreviations folded."""
        words = _Text(starts, ends, list(map(_KEYS, chosen)), sentences, after,
                      list(map(_LIKE, chosen)), list(map(_LIKE_BITS, chosen)))
        if any(map(_EXPANSION, chosen)):
            # folding splices the offsets: lists, whatever sequences they came in
            words.starts, words.ends = list(starts), list(ends)
            _fold_expansions(words, _expansions(self.language), self._expansion_like)
        words.present = reduce(or_, words.bits, 0)
        return words

    def _search(self, text: str, term: str, tokens: LazyTokens | None = None,
                ) -> tuple[float, int, int, str] | None:
        forms = self._forms.get(term, ())
        if not forms:
            return None
        words = self._words(text, tokens)
        present = words.present
        best: tuple[float, int, int, str] | None = None
        for form, masks in zip(forms, self._word_bits[term], strict=True):
            # most forms end here: one of their words has nothing like it in the text
            if not all(present & mask for mask in masks):
                continue
            sims = [words.like(keys, mask) for keys, mask in zip(form.words, masks,
                                                                   strict=True)]
            # no window scores above each form word's best likeness: a form that cannot
            # reach the threshold, or beat the best so far, is not read window by window
            bound = round(sum(max(word_sims.values()) for word_sims in sims) / len(sims), 3)
            if bound < NEAR_THRESHOLD or (best is not None and bound <= best[0]):
                continue
            found = _best_window(form, sims, words)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        if best is None or best[0] < NEAR_THRESHOLD:
            return None
        return best


def _fold_expansions(
    words: _Text, expansions: tuple[tuple[tuple[frozenset[str], ...], frozenset[str]], ...],
    expansion_likes: list[tuple[dict[str, float], int]],
) -> None:
    """Written-out abbreviations ("United Nations") folded, in place, into one word "UN"."""
    keys, sentences = words.keys, words.sentences
    for (long, short), (like, bits) in zip(expansions, expansion_likes, strict=True):
        first, n = long[0], len(long)
        i = 0
        while i + n <= len(keys):
            if keys[i] & first and sentences[i] == sentences[i + n - 1] and all(
                    k & w for k, w in zip(keys[i:i + n], long, strict=True)):
                words.ends[i:i + n] = [words.ends[i + n - 1]]
                for column in (words.starts, sentences, words.after_preposition):
                    column[i + 1:i + n] = []
                keys[i:i + n] = [short]
                words.likes[i:i + n] = [like]
                words.bits[i:i + n] = [bits]
            i += 1


def _best_window(form: _Form, sims: list[dict[int, float]], words: _Text,
                 ) -> tuple[float, int, int, str] | None:
    """(score, start, end, form) of the best window of ``n`` or ``n + 1`` content words."""
    n = len(form.words)
    best: tuple[float, int, int, str] | None = None
    anchors = sorted(min(sims, key=len))
    tried: set[tuple[int, int]] = set()
    count_ = len(words.starts)
    sentences, after = words.sentences, words.after_preposition
    # the most a window of each length can score (every form word at its best likeness):
    # once the best so far reaches it, no window of that length can replace it
    top = sum(max(word_sims.values()) for word_sims in sims) / n
    bounds = (round(top, 3), round(top * (1 - EXTRA_WORD), 3))
    for anchor in anchors:
        if best is not None and bounds[0] <= best[0]:
            break
        for length, bound in zip((n, n + 1), bounds, strict=True):
            if best is not None and bound <= best[0]:
                continue
            for first in range(max(0, anchor - length + 1), anchor + 1):
                last = first + length - 1
                if last >= count_ or (first, last) in tried:
                    continue
                tried.add((first, last))
                if sentences[first] != sentences[last]:
                    continue
                if length > n and any(after[first + 1:last + 1]):
                    continue  # "presence of journalists at the UN" is another phrase
                scored = _score(sims, first, last, n)
                if scored is not None and (best is None or scored > best[0]):
                    best = (scored, words.starts[first], words.ends[last], form.form)
    return best


def _score(sims: list[dict[int, float]], first: int, last: int, n: int) -> float | None:
    """The best pairing of the form's words with distinct words of the window.

    Every assignment of distinct window words to the form's words is tried (as
    ``permutations`` of the window would), but only among the words like each
    form word, so a window with a form word unmatched costs one pass.
    """
    choices = []
    for word_sims in sims:
        found = [(i, v) for i in range(first, last + 1) if (v := word_sims.get(i)) is not None]
        if not found:
            return None
        choices.append(found)
    factor = 1 - EXTRA_WORD * (last - first + 1 - n)
    best = None
    for chosen in product(*choices):
        positions = [i for i, _ in chosen]
        if len(set(positions)) < n:
            continue
        score = sum(v for _, v in chosen) / n * factor
        if not all(a < b for a, b in zip(positions, positions[1:], strict=False)):
            score *= INVERTED
        if best is None or score > best:
            best = score
    return None if best is None else round(best, 3)
