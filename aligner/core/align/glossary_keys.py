"""Glossary term pairs as anchors: a ``g:`` key on every segment where the term occurs.

Occurrences come from the term engine the checks use (:mod:`aligner.core.terms`):
lemmas through inflection (*наступательного оружия* for *наступательное
оружие*), spelling variants, the same gap and word-order rules. So the aligner
and the term checks never disagree about where a term is.
"""

from __future__ import annotations

from collections.abc import Sequence

TermPairs = Sequence[tuple[Sequence[str], Sequence[str]]]


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


def _pairs_glossary(pairs: TermPairs):  # type: ignore[no-untyped-def]
    """The pairs as a glossary (entry ``n`` for pair ``n``); pairs without forms are skipped."""
    from aligner.core.glossary import Glossary, GlossaryEntry

    entries = []
    for n, (src, tgt) in enumerate(pairs):
        src_forms = [f for f in src if f.strip()]
        tgt_forms = [f for f in tgt if f.strip()]
        if src_forms and tgt_forms:
            entries.append(GlossaryEntry(
                id=f"pair-{n}", source=src_forms[0], source_variants=tuple(src_forms[1:]),
                target=tgt_forms[0], target_variants=tuple(tgt_forms[1:])))
    return Glossary(tuple(entries))


def term_keys(
    texts: Sequence[str], pairs: TermPairs, labels: Sequence[str], side: str, language: str,
) -> list[set[str]]:
    """For each text, the keys of the terms the term engine finds in it on one side."""
    from aligner.core.terms.hits import matcher_for
    from aligner.core.terms.types import MatchParams

    matcher = matcher_for(_pairs_glossary(pairs), side, language, MatchParams())
    out: list[set[str]] = []
    for i, text in enumerate(texts):
        out.append({labels[int(h.term.rsplit("-", 1)[1])] for h in matcher.hits(text, i)})
    return out


def glossary_keys(
    source_texts: Sequence[str], target_texts: Sequence[str], pairs: TermPairs,
    languages: tuple[str, str] = ("", ""),
) -> tuple[list[set[str]], list[set[str]]]:
    """Term keys per source and per target segment (languages as BCP-47 codes, or "")."""
    if not pairs:
        return [set() for _ in source_texts], [set() for _ in target_texts]
    labels = term_labels(pairs)
    return (
        term_keys(source_texts, pairs, labels, "source", languages[0]),
        term_keys(target_texts, pairs, labels, "target", languages[1]),
    )
