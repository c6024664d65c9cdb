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
from aligner.core.terms.normalize import PREPOSITIONS, base_language, fold, tokenize

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


def _content_words(text: str, language: str) -> list[_Word]:
    """Content words with their sentence number, written-out abbreviations folded."""
    words: list[_Word] = []
    sentence, preposition, last_end = 0, False, 0
    for tok in tokenize(text, language):
        if _BREAK_RE.search(text, last_end, tok.start):
            sentence += 1
            preposition = False
        last_end = tok.end
        if tok.stop:
            preposition = preposition or fold(tok.text) in PREPOSITIONS
            continue
        words.append(_Word(tok.start, tok.end, tok.keys, sentence, preposition))
        preposition = False
    for long, short in _expansions(language):
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
        self._texts: dict[str, list[_Word]] = {}
        self._found: dict[tuple[str, str], tuple[float, int, int, str] | None] = {}

    def find(self, text: str, segment: int, term: str) -> NearHit | None:
        """The best near wording of ``term`` in a text, or None below the threshold."""
        key = (text, term)
        if key not in self._found:
            self._found[key] = self._search(text, term)
        found = self._found[key]
        if found is None:
            return None
        score, start, end, form = found
        return NearHit(term, self.side, segment, start, end, text[start:end], score, form)

    def _words(self, text: str) -> list[_Word]:
        words = self._texts.get(text)
        if words is None:
            if len(self._texts) > 50_000:
                self._texts.clear()
            words = self._texts[text] = _content_words(text, self.language)
        return words

    def _search(self, text: str, term: str) -> tuple[float, int, int, str] | None:
        forms = self._forms.get(term, ())
        words = self._words(text)
        if not forms or not words:
            return None
        choices = sorted({k for w in words for k in w.keys})
        best: tuple[float, int, int, str] | None = None
        for form in forms:
            sims = [self._word_sims(keys, words, choices) for keys in form.words]
            if not all(sims):
                continue
            found = _best_window(form, sims, words)
            if found is not None and (best is None or found[0] > best[0]):
                best = found
        if best is None or best[0] < NEAR_THRESHOLD:
            return None
        return best

    def _word_sims(self, keys: frozenset[str], words: list[_Word], choices: list[str],
                   ) -> dict[int, float]:
        """Window word index -> similarity to one form word, for those above the cut-off."""
        key_sim: dict[str, float] = {}
        for key in keys:
            for found, score, _ in process.extract(
                key, choices, scorer=fuzz.ratio, processor=None,
                score_cutoff=WORD_CUTOFF, limit=None,
            ):
                sim = _similarity(key, found, score / 100.0)
                key_sim[found] = max(sim, key_sim.get(found, 0.0))
            for choice in choices:
                # a prefix the ratio scores below the cut-off ("arm" / "armament")
                if choice not in key_sim and _similarity(key, choice, 0.0):
                    key_sim[choice] = PREFIX_SIMILARITY
        out: dict[int, float] = {}
        for i, w in enumerate(words):
            sim = max((key_sim.get(k, 0.0) for k in w.keys), default=0.0)
            if sim:
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
