"""Turn each segment's evidence keys into weighted anchors shared by both documents.

A key counts only when both documents have it; its weight grows with its
rarity (a name met twice is worth more than a word met on every page) and
with how evenly it is spread over the two sides (a key found once in the
source and thirty times in the target points nowhere). Names that the
transliteration folds do not bring together (*Тан* / *Thant*) are paired with
rapidfuzz by prefix similarity.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Prefix

from aligner.core.align.features import PREFIX, SegmentFeatures

#: How much one shared key of each kind is worth before rarity (first letter of the key).
KIND_WEIGHTS: dict[str, float] = {
    "n": 1.6,  # numbers: rarely wrong when they agree
    "m": 1.0,  # months next to a number
    "o": 2.0,  # ordinal paragraph markers: First. / Во-первых
    "a": 1.5,  # abbreviations and Latin capitals: UPI, NATO / НАТО
    "u": 1.6,  # web and e-mail addresses: copied as they are, as rarely wrong as numbers
    "p": 1.0,  # names paired by fuzzy prefix match
    "w": 1.0,  # cognates and names by word-key prefix
    "g": 1.5,  # glossary term pairs
}
KIND_NAMES: dict[str, str] = {
    "n": "numbers", "m": "months", "o": "ordinals", "a": "abbreviations",
    "u": "addresses", "p": "names", "w": "words", "g": "terms",
}  # fmt: skip


@dataclass(frozen=True)
class Anchors:
    """Weighted evidence per segment, with keys numbered for fast set operations."""

    source: tuple[frozenset[int], ...]
    target: tuple[frozenset[int], ...]
    weights: tuple[float, ...]
    """Weight of each numbered key."""
    labels: tuple[str, ...]
    """The key behind each number (``n:27``, ``w:kastr``), for explanations."""


def _pair_names(
    source_names: set[str], target_names: set[str], prefix: int = PREFIX
) -> dict[str, str]:
    """Source name -> target name for names alike by prefix but not by folded spelling.

    A source name is compared with every target name of the same first two letters;
    the best score wins, the first in sorted order among equals. Each group of
    source names is scored against its candidates in one rapidfuzz matrix.
    """
    by_start: dict[str, list[str]] = defaultdict(list)
    for name in sorted(target_names):  # sorted: ties resolve the same way on every run
        by_start[name[:2]].append(name)
    # longer names that share a prefix with some target name already meet as word keys
    prefixes = {t[:prefix] for t in target_names if len(t) >= prefix}
    pairs: dict[str, str] = {}
    asked: dict[str, list[str]] = defaultdict(list)
    for name in sorted(source_names):
        if name in target_names:
            if len(name) < prefix:
                pairs[name] = name
        elif not (len(name) >= prefix and name[:prefix] in prefixes) and name[:2] in by_start:
            asked[name[:2]].append(name)
    if asked:
        import numpy as np  # here: a short text with no names to pair needs none (start-up)
    for start, names in asked.items():
        found = by_start[start]
        common = process.cdist(names, found, scorer=Prefix.similarity, dtype=np.int32)
        ratio = process.cdist(names, found, scorer=fuzz.ratio, score_cutoff=85, dtype=np.float64)
        shorter = np.minimum.outer(
            np.array([len(n) for n in names]), np.array([len(c) for c in found])
        )
        # Russian declension adds endings to names (Таном, Тана): the last letter may differ.
        alike = (common >= np.maximum(3, shorter - 1)) | (common >= prefix)
        score = np.where(alike, 100.0 + common, ratio)
        best = score.argmax(axis=1)  # the first of equal scores, as candidates are sorted
        for name, k, top in zip(names, best.tolist(), score.max(axis=1).tolist(), strict=True):
            if top > 0.0:
                pairs[name] = found[k]
    return dict(sorted(pairs.items()))


def _weight(key: str, df_s: int, df_t: int, total: int) -> float:
    rarity = math.log(total / (df_s + df_t)) / math.log(total) if total > 2 else 1.0
    balance = math.sqrt(min(df_s, df_t) / max(df_s, df_t))
    return KIND_WEIGHTS.get(key[0], 1.0) * max(rarity, 0.0) * balance


def _cut_word_keys(
    features: Sequence[SegmentFeatures], prefix: int
) -> list[tuple[str, ...]] | None:
    """Each segment's keys with word keys cut to ``prefix`` letters (None: nothing to cut,
    read the features' own keys). Two keys that become one count once."""
    if prefix >= PREFIX:
        return None
    end = len("w:") + prefix
    return [tuple({k[:end] if k[0] == "w" else k for k in f.keys}) for f in features]


def build_anchors(
    source: Sequence[SegmentFeatures],
    target: Sequence[SegmentFeatures],
    word_prefix: int = PREFIX,
) -> Anchors:
    """Number and weigh the keys both documents share; word keys meet by their first
    ``word_prefix`` letters (at most the :data:`~.features.PREFIX` they are kept with)."""
    pairs = _pair_names(
        {n for f in source for n in f.names}, {n for f in target for n in f.names}, word_prefix
    )
    paired_targets = set(pairs.values())
    src_names = [tuple(sorted(f"p:{pairs[n]}" for n in f.names if n in pairs)) for f in source]
    tgt_names = [tuple(sorted(f"p:{n}" for n in f.names if n in paired_targets)) for f in target]
    src_keys = _cut_word_keys(source, word_prefix) or [f.keys for f in source]
    tgt_keys = _cut_word_keys(target, word_prefix) or [f.keys for f in target]
    df_s = Counter(chain.from_iterable(src_keys))
    df_s.update(chain.from_iterable(src_names))
    df_t = Counter(chain.from_iterable(tgt_keys))
    df_t.update(chain.from_iterable(tgt_names))
    total = len(source) + len(target)
    numbering: dict[str, int] = {}
    weights: list[float] = []
    for key in sorted(df_s.keys() & df_t.keys()):
        w = _weight(key, df_s[key], df_t[key], total)
        if w > 0.0:
            numbering[key] = len(weights)
            weights.append(w)

    def number(
        keys: Sequence[tuple[str, ...]], names: list[tuple[str, ...]]
    ) -> tuple[frozenset[int], ...]:
        get = numbering.get
        return tuple(
            frozenset(n for n in map(get, chain(own, more)) if n is not None)
            for own, more in zip(keys, names, strict=True)
        )

    return Anchors(
        number(src_keys, src_names), number(tgt_keys, tgt_names), tuple(weights),
        tuple(numbering),
    )  # fmt: skip
