"""Glossary term pairs as anchors: a ``g:`` key on every segment containing a form of the term.

Forms are matched word by word on a lower-case prefix (the first five letters),
so *наступательного оружия* is found by the entry *наступательное оружие*:
Russian inflection changes endings, rarely the first letters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
PREFIX = 5

TermPairs = Sequence[tuple[Sequence[str], Sequence[str]]]


def _form_pattern(form: str) -> tuple[str, ...]:
    return tuple(w.lower()[:PREFIX] for w in _WORD.findall(form))


def _contains(words: Sequence[str], pattern: tuple[str, ...]) -> bool:
    size = len(pattern)
    if size == 0:
        return False
    first = pattern[0]
    for k in range(len(words) - size + 1):
        if words[k] == first and tuple(words[k : k + size]) == pattern:
            return True
    return False


def term_labels(pairs: TermPairs) -> list[str]:
    """A readable key per term pair (``g:наступательное оружие = offensive weapons``)."""
    labels = []
    for n, (src, tgt) in enumerate(pairs):
        first_src = next(iter(src), f"term {n}")
        first_tgt = next(iter(tgt), "")
        labels.append(f"g:{first_src} = {first_tgt}" if first_tgt else f"g:{first_src}")
    # Two entries may share their first forms: keep keys distinct.
    seen: dict[str, int] = {}
    for n, label in enumerate(labels):
        seen[label] = seen.get(label, 0) + 1
        if seen[label] > 1:
            labels[n] = f"{label} ({seen[label]})"
    return labels


def term_keys(
    texts: Sequence[str], forms_per_term: Sequence[Sequence[str]], labels: Sequence[str]
) -> list[set[str]]:
    """For each text, the keys of the terms one of whose forms it contains."""
    patterns = [[p for p in (_form_pattern(f) for f in forms) if p] for forms in forms_per_term]
    out: list[set[str]] = []
    for text in texts:
        words = [w.lower()[:PREFIX] for w in _WORD.findall(text)]
        present = set(words)
        keys = set()
        for n, pats in enumerate(patterns):
            if any(p[0] in present and _contains(words, p) for p in pats):
                keys.add(labels[n])
        out.append(keys)
    return out


def glossary_keys(
    source_texts: Sequence[str], target_texts: Sequence[str], pairs: TermPairs
) -> tuple[list[set[str]], list[set[str]]]:
    """Term keys per source and per target segment."""
    if not pairs:
        return [set() for _ in source_texts], [set() for _ in target_texts]
    labels = term_labels(pairs)
    return (
        term_keys(source_texts, [src for src, _ in pairs], labels),
        term_keys(target_texts, [tgt for _, tgt in pairs], labels),
    )
