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
from functools import lru_cache
from itertools import permutations
from typing import NamedTuple

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


class NearHit(NamedTuple):
    """The closest unlisted wording of a term in one segment."""

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


class _Word(NamedTuple):
    start: int
    end: int
    keys: frozenset[str]
    sentence: int
    after_preposition: bool
    """A preposition stands between this word and the previous content word."""


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


def _content_words(text: str, language: str) -> list[_Word]:
    """Content words with their sentence number, written-out abbreviations folded."""
    words: list[_Word] = []
    breaks = [m.start() for m in _BREAK_RE.finditer(text)]
    preposition = False
    sentence = 0
    for m in TOKEN_RE.finditer(text):
        start = m.start()
        while sentence < len(breaks) and breaks[sentence] < start:
            sentence += 1
            preposition = False
        word = m.group()
        keys, stop = analyse(word, language)
        if stop:
            preposition = preposition or _is_preposition(word)
            continue
        words.append(_Word(start, m.end(), keys, sentence, preposition))
        preposition = False
    expansions = _expansions(language)
    firsts = {k for long, _ in expansions for k in long[0]}
    if expansions and any(w.keys & firsts for w in words):
        for long, short in expansions:
            n = len(long)
            i = 0
            while i + n <= len(words):
                run = words[i:i + n]
                if all(w.keys & k for w, k in zip(run, long, strict=True)) \
                        and run[0].sentence == run[-1].sentence:
                    words[i:i + n] = [_Word(run[0].start, run[-1].end, short, run[0].sentence,
                                            run[0].after_preposition)]
                i += 1
    return words


_POSSESSIVE = ("'s", "\u2019s")


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


class NearFinder:
    """The term forms of one side, compiled once, and the near search over texts."""

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
        # every prefix of 3 letters or more of a form key, for "arm" / "armament"
        self._prefixes: dict[str, list[str]] = {}
        for key in self._form_keys:
            for n in range(3, len(key)):
                self._prefixes.setdefault(key[:n], []).append(key)
        self._vocabulary: dict[str, dict[str, float]] = {}
        self._texts: dict[str, tuple[list[_Word], dict[str, dict[int, float]]]] = {}
        self._present_in: dict[str, frozenset[str]] = {}
        self._like_word: dict[str, frozenset[str]] = {}
        # the first word of a written-out abbreviation, by its first letters (ё-less, any case)
        firsts = [long.split()[0][:5] for long, _ in _EXPANSIONS.get(base_language(language), ())]
        self._expansion_re = re.compile(
            r"\b(?:" + "|".join(map(re.escape, firsts)) + ")", re.IGNORECASE) if firsts else None
        self._found: dict[tuple[str, str], tuple[float, int, int, str] | None] = {}

    def find(self, text: str, segment: int, term: str) -> NearHit | None:
        """The best near wording of ``term`` in a text, or None below the threshold."""
        key = (text, term)
        if key not in self._found:
            if len(self._found) > 200_000:
                self._found.clear()
            self._found[key] = self._search(text, term)
        found = self._found[key]
        if found is None:
            return None
        score, start, end, form = found
        return NearHit(term, self.side, segment, start, end, text[start:end], score, form)

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

    def _words(self, text: str) -> tuple[list[_Word], dict[str, dict[int, float]]]:
        """A text's content words, and for each form key the words like it (index: sim)."""
        cached = self._texts.get(text)
        if cached is None:
            if len(self._texts) > 50_000:
                self._texts.clear()
            words = _content_words(text, self.language)
            index: dict[str, dict[int, float]] = {}
            for i, w in enumerate(words):
                for wk in w.keys:
                    for fk, sim in self._similar(wk).items():
                        slot = index.setdefault(fk, {})
                        if sim > slot.get(i, 0.0):
                            slot[i] = sim
            cached = self._texts[text] = (words, index)
        return cached

    def _present(self, text: str) -> frozenset[str]:
        """Form keys some word of the text is like: read from the distinct word forms, so
        a term none of whose forms can match is dismissed without reading the text."""
        present = self._present_in.get(text)
        if present is None:
            if len(self._present_in) > 50_000:
                self._present_in.clear()
            found: set[str] = set()
            for word in set(TOKEN_RE.findall(text)):
                like = self._like_word.get(word)
                if like is None:
                    keys, stop = analyse(word, self.language)
                    like = frozenset() if stop else frozenset(
                        k for wk in keys for k in self._similar(wk))
                    if len(self._like_word) > 300_000:
                        self._like_word.clear()
                    self._like_word[word] = like
                found |= like
            if self._expansion_re is not None and self._expansion_re.search(text):
                # "United Nations" stands for "UN": what the abbreviation is like counts too
                found.update(k for _, short in _expansions(self.language) for wk in short
                             for k in self._similar(wk))
            present = self._present_in[text] = frozenset(found)
        return present

    def _search(self, text: str, term: str) -> tuple[float, int, int, str] | None:
        forms = self._forms.get(term, ())
        if not forms:
            return None
        present = self._present(text)
        if not any(all(keys & present for keys in form.words) for form in forms):
            return None
        words, index = self._words(text)
        best: tuple[float, int, int, str] | None = None
        for form in forms:
            # most forms end here: one of their words has nothing like it in the text
            if not all(any(k in index for k in keys) for keys in form.words):
                continue
            sims = [_merged(index, keys) for keys in form.words]
            found = _best_window(form, sims, words)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        if best is None or best[0] < NEAR_THRESHOLD:
            return None
        return best


def _merged(index: dict[str, dict[int, float]], keys: frozenset[str]) -> dict[int, float]:
    """Word index -> best similarity to any of one form word's keys."""
    found = [index[k] for k in keys if k in index]
    if len(found) == 1:
        return found[0]
    out: dict[int, float] = {}
    for sims in found:
        for i, sim in sims.items():
            if sim > out.get(i, 0.0):
                out[i] = sim
    return out


def _best_window(form: _Form, sims: list[dict[int, float]], words: list[_Word],
                 ) -> tuple[float, int, int, str] | None:
    """(score, start, end, form) of the best window of ``n`` or ``n + 1`` content words."""
    n = len(form.words)
    best: tuple[float, int, int, str] | None = None
    anchors = sorted(min(sims, key=len))
    tried: set[tuple[int, int]] = set()
    for anchor in anchors:
        for length in (n, n + 1):
            for first in range(max(0, anchor - length + 1), anchor + 1):
                last = first + length - 1
                if last >= len(words) or (first, last) in tried:
                    continue
                tried.add((first, last))
                window = words[first:last + 1]
                if window[0].sentence != window[-1].sentence:
                    continue
                if length > n and any(w.after_preposition for w in window[1:]):
                    continue  # "presence of journalists at the UN" is another phrase
                scored = _score(sims, first, last, n)
                if scored is not None and (best is None or scored > best[0]):
                    best = (scored, window[0].start, window[-1].end, form.form)
    return best


def _score(sims: list[dict[int, float]], first: int, last: int, n: int) -> float | None:
    """The best pairing of the form's words with distinct words of the window."""
    positions = range(first, last + 1)
    best = None
    for chosen in permutations(positions, n):
        values = [sims[w].get(i) for w, i in enumerate(chosen)]
        if any(v is None for v in values):
            continue
        in_order = all(a < b for a, b in zip(chosen, chosen[1:], strict=False))
        score = sum(values) / n * (1 - EXTRA_WORD * (last - first + 1 - n))  # type: ignore[arg-type]
        if not in_order:
            score *= INVERTED
        if best is None or score > best:
            best = score
    return None if best is None else round(best, 3)
