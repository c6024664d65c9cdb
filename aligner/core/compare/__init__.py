"""Several translations of one original, side by side.

``compare_documents`` aligns each translation to the original and builds a
:class:`Comparison`; ``compare_alignments`` does the same from alignments made
elsewhere (e.g. reviewed ones). A comparison holds one row per original
paragraph (see :mod:`aligner.core.compare.rows`), the paragraphs one
translation leaves out or adds, and a per-term table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aligner.core.compare.rows import Addition, Rendering, Row, build_rows, find_additions
from aligner.core.compare.terms import TermCell, TermRow, TermUse, build_term_rows
from aligner.core.model import Alignment, Document
from aligner.core.wordiff import tokenize
from aligner.errors import UsageError

__all__ = [
    "Addition",
    "Comparison",
    "Rendering",
    "Row",
    "TermCell",
    "TermRow",
    "TermUse",
    "align_translations",
    "compare_alignments",
    "compare_documents",
    "translation_labels",
]


@dataclass(frozen=True)
class Comparison:
    """Translations of one original lined up paragraph by paragraph."""

    original: Document
    translations: tuple[Document, ...]
    labels: tuple[str, ...]
    """Short unique names of the translations (file names unless given)."""
    rows: tuple[Row, ...]
    additions: tuple[Addition, ...] = ()
    terms: tuple[TermRow, ...] = ()

    def missing(self) -> list[Row]:
        """Rows that some translation renders and another leaves out, wholly or in part
        (a paragraph merged into a neighbour's link without its words)."""
        return [r for r in self.rows if r.incomplete]

    def most_different(self, n: int = 5) -> list[Row]:
        """The ``n`` rows whose renderings differ most (lowest similarity first)."""
        scored = [r for r in self.rows if r.similarity is not None and r.similarity < 1.0]
        return sorted(scored, key=lambda r: (r.similarity, r.source))[:n]

    def overall_similarity(self) -> list[float | None]:
        """Per translation, its token-weighted similarity to the baseline over shared rows."""
        out: list[float | None] = []
        for k in range(len(self.translations)):
            weight = total = 0.0
            for row in self.rows:
                rendering = row.renderings[k]
                if rendering.similarity is None or row.baseline is None:
                    continue
                base_text = row.renderings[row.baseline].text
                size = len(tokenize(rendering.text)) + len(tokenize(base_text))
                weight += size
                total += size * rendering.similarity
            out.append(total / weight if weight else None)
        return out


def translation_labels(documents: Sequence[Document]) -> tuple[str, ...]:
    """File names (or titles) of the translations, made unique with a number when needed."""
    names = [Path(d.path).name if d.path else d.title for d in documents]
    out = []
    for k, name in enumerate(names):
        out.append(name if names.count(name) == 1 else f"{name} #{k + 1}")
    return tuple(out)


def _check_same_original(alignments: Sequence[Alignment]) -> None:
    if not alignments:
        raise UsageError("nothing to compare: give at least one translation")
    texts = alignments[0].source.texts()
    for k, alignment in enumerate(alignments[1:], start=2):
        if alignment.source.texts() != texts:
            raise UsageError(
                f"translation {k} is aligned to a different original; "
                "compare needs every translation aligned to the same original"
            )


def compare_alignments(
    alignments: Sequence[Alignment],
    *,
    glossary: Any = None,
    labels: Sequence[str] | None = None,
    find_hits: Callable[[Alignment, Any], Sequence[Any]] | None = None,
) -> Comparison:
    """Compare translations from their alignments to one original (source side).

    Terms are found with ``aligner.core.terms.find_hits`` unless ``find_hits`` is given.
    """
    _check_same_original(alignments)
    rows = build_rows(alignments)
    terms: list[TermRow] = []
    if glossary is not None and len(glossary):
        if find_hits is None:
            from aligner.core.terms import find_hits
        # The source side is matched once: the matcher caches hits per paragraph text.
        hits = [list(find_hits(al, glossary)) for al in alignments]
        terms = build_term_rows(rows, alignments, glossary, hits)
    translations = tuple(al.target for al in alignments)
    return Comparison(
        original=alignments[0].source,
        translations=translations,
        labels=tuple(labels) if labels else translation_labels(translations),
        rows=tuple(rows),
        additions=tuple(find_additions(alignments)),
        terms=tuple(terms),
    )


def align_translations(
    original: Document,
    translations: Sequence[Document],
    *,
    glossary_pairs: Sequence[tuple[Sequence[str], Sequence[str]]] = (),
    progress: Callable[[float], None] | None = None,
) -> list[Alignment]:
    """Each translation aligned to the original, in order; progress covers them all."""
    from aligner.core.align import FeatureCache, align_documents

    alignments = []
    features: FeatureCache = {}  # the original's paragraphs are read once, not per translation
    for k, translation in enumerate(translations):

        def step(fraction: float, k: int = k) -> None:
            if progress is not None:
                progress((k + fraction) / len(translations))

        alignments.append(align_documents(original, translation, glossary_pairs=glossary_pairs,
                                          progress=step, feature_cache=features))
    return alignments


def compare_documents(
    original: Document,
    translations: Sequence[Document],
    *,
    glossary: Any = None,
    labels: Sequence[str] | None = None,
    progress: Callable[[float], None] | None = None,
) -> Comparison:
    """Align each translation to the original, then compare them."""
    pairs = glossary.term_pairs() if glossary is not None else ()
    alignments = align_translations(original, translations, glossary_pairs=pairs,
                                    progress=progress)
    return compare_alignments(alignments, glossary=glossary, labels=labels)
