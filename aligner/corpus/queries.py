"""Questions asked of a whole corpus: review state, key terms, concordance.

Each answer is built from the per-document public functions (the same ones
``aligner report``, ``aligner terms`` and ``aligner concordance`` use), so a
corpus total is exactly the sum of what each document gives alone. Every
document row carries its id, manifest metadata and both texts' provenance.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment
from aligner.corpus.manifest import Corpus, CorpusDocument
from aligner.corpus.state import decide, read_state, state_path
from aligner.errors import AlignerError

__all__ = [
    "DocumentStatus",
    "TermCounts",
    "corpus_concordance",
    "document_statuses",
    "load_aligned",
    "term_counts",
]


@dataclass(frozen=True)
class DocumentStatus:
    """One document's row of ``corpus report``."""

    id: str
    state: str
    """``aligned``, ``changed`` (texts changed since), ``reviewed, texts changed``,
    ``not aligned``, ``failed`` or ``unreadable``."""
    metadata: Mapping[str, str]
    error: str = ""
    links: int = 0
    to_review: int = 0
    confirmed: int = 0
    rejected: int = 0
    other: int = 0
    """Links in any other reviewed status (e.g. edited by a reviewer)."""
    source_provenance: str = ""
    target_provenance: str = ""
    source_language: str = ""
    target_language: str = ""


def _state_word(corpus: Corpus, doc: CorpusDocument) -> tuple[str, str]:
    decision = decide(corpus, doc)
    if decision.action in ("skip", "adopt"):
        return "aligned", ""
    if decision.action == "keep":
        exists = corpus.alignment_path(doc).exists()
        state = read_state(state_path(corpus, doc))
        return ("reviewed, texts changed" if state is not None else "not made by the corpus",
                "") if exists else ("not aligned", "")
    if decision.action == "fail":
        return "failed", decision.reason
    state = read_state(state_path(corpus, doc))
    if decision.reason == "failed last time" and state is not None:
        return "failed", state.error
    if decision.reason == "changed":
        return "changed", ""
    return "not aligned", ""


def load_aligned(corpus: Corpus) -> Iterator[tuple[CorpusDocument, Alignment | None, str]]:
    """Each document with its stored alignment (None and why, when it has none)."""
    from aligner.io.store import load_alignment

    for doc in corpus.documents:
        path = corpus.alignment_path(doc)
        if not path.is_file():
            yield doc, None, "not aligned yet (run 'aligner corpus align')"
            continue
        try:
            yield doc, load_alignment(path, check_texts=False), ""
        except AlignerError as exc:
            yield doc, None, str(exc)


def document_statuses(corpus: Corpus) -> list[DocumentStatus]:
    """Review state of every document, in manifest order."""
    from aligner.core.review import needs_review

    rows = []
    for doc, alignment, problem in load_aligned(corpus):
        state, error = _state_word(corpus, doc)
        if alignment is None:
            unreadable = corpus.alignment_path(doc).is_file()
            rows.append(DocumentStatus(doc.id, "unreadable" if unreadable else state,
                                       doc.metadata, error=problem if unreadable else error))
            continue
        statuses = Counter(lk.status for lk in alignment.links)
        rows.append(DocumentStatus(
            doc.id, state, doc.metadata, error=error, links=len(alignment.links),
            to_review=sum(1 for lk in alignment.links if needs_review(lk)),
            confirmed=statuses["confirmed"], rejected=statuses["rejected"],
            other=sum(n for s, n in statuses.items() if s not in ("auto", "confirmed",
                                                                    "rejected")),
            source_provenance=alignment.source.provenance,
            target_provenance=alignment.target.provenance,
            source_language=alignment.source.language,
            target_language=alignment.target.language))
    return rows


# --- key terms -------------------------------------------------------------------------


@dataclass
class TermCounts:
    """Hits, findings and renderings of the glossary terms, for one document or a sum."""

    hits: int = 0
    findings: int = 0
    source_hits: Counter[str] = field(default_factory=Counter)
    target_hits: Counter[str] = field(default_factory=Counter)
    finding_kinds: Counter[str] = field(default_factory=Counter)
    """``kind`` -> count."""
    term_findings: Counter[str] = field(default_factory=Counter)
    renderings: dict[str, Counter[str]] = field(default_factory=dict)
    """term -> the target texts found for it, counted (how the translators rendered it)."""
    documents: int = 0

    def add(self, other: TermCounts) -> None:
        self.hits += other.hits
        self.findings += other.findings
        self.source_hits.update(other.source_hits)
        self.target_hits.update(other.target_hits)
        self.finding_kinds.update(other.finding_kinds)
        self.term_findings.update(other.term_findings)
        for term, found in other.renderings.items():
            self.renderings.setdefault(term, Counter()).update(found)
        self.documents += other.documents

    def terms(self) -> list[str]:
        return sorted(set(self.source_hits) | set(self.target_hits) | set(self.term_findings))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "hits": self.hits, "findings": self.findings,
            "finding_kinds": dict(sorted(self.finding_kinds.items())),
            "terms": {t: {"source_hits": self.source_hits[t], "target_hits": self.target_hits[t],
                          "findings": self.term_findings[t],
                          "renderings": dict(self.renderings.get(t, Counter()).most_common())}
                      for t in self.terms()},
        }


def _counts(alignment: Alignment, glossary: Any) -> TermCounts:
    from aligner.core.terms import apply_checks, find_hits

    hits = find_hits(alignment, glossary)
    checked = apply_checks(alignment, glossary)
    flags = [f for lk in checked.links for f in lk.flags] + list(checked.document_flags)
    counts = TermCounts(hits=len(hits), findings=len(flags), documents=1)
    for h in hits:
        (counts.source_hits if h.side == "source" else counts.target_hits)[h.term] += 1
        if h.side == "target":
            counts.renderings.setdefault(h.term, Counter())[h.text.lower()] += 1
    for f in flags:
        counts.finding_kinds[f.kind] += 1
        counts.term_findings[f.term] += 1
    return counts


def glossary_for(doc: CorpusDocument, alignment: Alignment, path: Path, explicit: Any) -> Any:
    """``--glossary`` when given, else the pair's manifest glossary, else the alignment's own."""
    from aligner.io.glossary import glossary_for_alignment, load_glossary

    if explicit is not None:
        return explicit
    if doc.glossary is not None:
        return load_glossary(doc.glossary)
    return glossary_for_alignment(alignment, path)


@dataclass
class CorpusTerms:
    """``corpus terms``: per document, in total, by date; and what could not be counted."""

    per_document: list[tuple[CorpusDocument, TermCounts]]
    total: TermCounts
    by_date: dict[str, TermCounts]
    skipped: list[tuple[str, str]]
    """(document id, why it was not counted)."""
    provenance: dict[str, tuple[str, str]] = field(default_factory=dict)
    """document id -> (source, target) provenance."""


def term_counts(corpus: Corpus, glossary: Any = None) -> CorpusTerms:
    """Term hits and findings of every aligned document, summed in total and by date."""
    per_doc, skipped = [], []
    provenance: dict[str, tuple[str, str]] = {}
    total = TermCounts()
    by_date: dict[str, TermCounts] = {}
    for doc, alignment, problem in load_aligned(corpus):
        if alignment is None:
            skipped.append((doc.id, problem))
            continue
        try:
            g = glossary_for(doc, alignment, corpus.alignment_path(doc), glossary)
        except AlignerError as exc:
            skipped.append((doc.id, str(exc)))
            continue
        counts = _counts(alignment, g)
        per_doc.append((doc, counts))
        provenance[doc.id] = (alignment.source.provenance, alignment.target.provenance)
        total.add(counts)
        if doc.date:
            by_date.setdefault(doc.date, TermCounts()).add(counts)
    return CorpusTerms(per_doc, total, dict(sorted(by_date.items())), skipped, provenance)


# --- concordance -----------------------------------------------------------------------


def corpus_concordance(
    corpus: Corpus, term: str, *, width: int = 40, glossary: Any = None
) -> tuple[list[tuple[CorpusDocument, Alignment, Any]], list[tuple[str, str]]]:
    """KWIC lines of ``term`` per document (documents whose glossary lacks it are skipped)."""
    from aligner.core.terms.concordance import concordance

    found, skipped = [], []
    for doc, alignment, problem in load_aligned(corpus):
        if alignment is None:
            skipped.append((doc.id, problem))
            continue
        try:
            g = glossary_for(doc, alignment, corpus.alignment_path(doc), glossary)
            entry = g.entry(term)
        except AlignerError as exc:
            skipped.append((doc.id, str(exc)))
            continue
        found.append((doc, alignment, concordance(alignment, g, entry.id, width=width)))
    return found, skipped
