"""The fuzzy part of term matching, in one place: lemma keys that nearly agree.

Lemmatisation folds inflection; what is left are spelling variants a
dictionary does not know (``counter-revolutionary`` / ``counterrevolutionary``,
``Khrushchev`` / ``Khrushchov``). Every distinct key of a document is compared
with every key of the glossary with ``process.extract`` (its loop runs in C); short
keys must match exactly, because two four-letter words a letter apart are
usually different words.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

#: Keys shorter than this only match exactly.
MIN_FUZZY_LENGTH = 6


class KeyMatcher:
    """Maps a document's lemma keys to the glossary keys they match, with a similarity.

    Results are remembered, so a second pass over the same document (after an
    edit of the links) costs nothing here.
    """

    def __init__(self, term_keys: Iterable[str], cutoff: float) -> None:
        self._term_keys = sorted(set(term_keys))
        self._exact = set(self._term_keys)
        self._fuzzy_keys = [k for k in self._term_keys if len(k) >= MIN_FUZZY_LENGTH]
        self._cutoff = cutoff
        self._known: dict[str, tuple[tuple[str, float], ...]] = {}

    def prepare(self, keys: Iterable[str]) -> None:
        """Compare all keys not seen yet with the glossary keys, in one batch."""
        new = sorted({k for k in keys if k not in self._known})
        if not new:
            return
        long_new = [k for k in new if len(k) >= MIN_FUZZY_LENGTH]
        fuzzy_hits: dict[str, list[tuple[str, float]]] = {k: [] for k in new}
        if self._fuzzy_keys and self._cutoff < 100:
            for key in long_new:
                # extract runs the comparisons in C; numpy (needed by cdist) is not required
                found = process.extract(
                    key, self._fuzzy_keys, scorer=fuzz.ratio, processor=None,
                    score_cutoff=self._cutoff, limit=None,
                )
                fuzzy_hits[key] = [(k, score / 100.0) for k, score, _ in found if k != key]
        for key in new:
            exact = ((key, 1.0),) if key in self._exact else ()
            self._known[key] = exact + tuple(fuzzy_hits[key])

    def matches(self, key: str) -> tuple[tuple[str, float], ...]:
        """Glossary keys this document key matches, with similarity in [0, 1]."""
        if key not in self._known:
            self.prepare((key,))
        return self._known[key]
