"""Labels and figures shared by the comparison report formats."""

from __future__ import annotations

import math

from aligner.core.compare import ClaimNote, Comparison, Row, SharedUse, TermCell
from aligner.core.model import Document

__all__ = [
    "cell_summary",
    "claim_line",
    "missing_findings",
    "paragraphs_label",
    "percent",
    "provenance_label",
    "shared_use_line",
]


def provenance_label(doc: Document) -> str:
    """``"reconstructed"`` style label for non-archival texts, empty for archival ones."""
    if doc.is_reconstruction:
        return f"{doc.provenance.upper()}: not an archival text"
    return "" if doc.provenance == "archival" else f"provenance {doc.provenance}"


def percent(value: float | None) -> str:
    """A similarity for a reader, so that only identical text reads 100%: a value that
    would round up to it is shown with a decimal, rounded down ("99.6%", "99.9%"), not
    as a "100%" that hides a dropped paragraph."""
    if value is None:
        return "-"
    if value >= 1.0:
        return "100%"
    if value >= 0.995:
        return f"{math.floor(value * 1000) / 10:.1f}%"
    return f"{value:.0%}"


def paragraphs_label(row: Row) -> str:
    first, last = row.source[0], row.source[-1]
    return f"¶{first}" if first == last else f"¶{first}-{last}"


def cell_summary(cell: TermCell) -> str:
    """One line: the wordings a translation uses for a term and what it lacks."""
    parts = [f"{u.text} ×{u.count}" + ("" if u.rendering == "preferred" else f" ({u.rendering})")
             for u in cell.uses]
    parts += [f"instead: {u.text} ×{u.count}" for u in cell.instead]
    if cell.not_found:
        parts.append(f"not found ×{cell.not_found}")
    if cell.missing:
        parts.append(f"paragraph missing ×{cell.missing}")
    return "; ".join(parts) or "-"


def _label(indices: tuple[int, ...]) -> str:
    first, last = indices[0], indices[-1]
    return f"¶{first}" if first == last else f"¶{first}-{last}"


def missing_findings(comp: Comparison) -> list[tuple[Row, str, str, str]]:
    """Each paragraph some translation leaves out: (row, which ¶, from whom, original text).

    A row missing from a translation as a whole is one finding; a paragraph a
    translation dropped while its neighbour's rendering absorbed the link is
    another, naming only that paragraph.
    """
    out = []
    for row in comp.missing():
        if row.missing_from and row.present_in:
            names = ", ".join(comp.labels[k] for k in row.missing_from)
            out.append((row, paragraphs_label(row), names, row.source_text))
        for k in row.dropped_from:
            dropped = row.renderings[k].dropped
            kept = tuple(i for i in row.source if i not in dropped)
            who = comp.labels[k] + (f" (merged into its rendering of {_label(kept)})"
                                    if kept else "")
            text = "\n\n".join(comp.original.segments[i].text for i in dropped)
            out.append((row, _label(dropped), who, text))
    return out


def _q(text: str) -> str:
    return f"\u201c{text}\u201d"


def _where(counts: tuple[int, ...]) -> str:
    return ", ".join(f"T{k + 1} \u00d7{n}" for k, n in enumerate(counts) if n)


def shared_use_line(use: SharedUse) -> str:
    """One line: a rendering and the terms it renders, with where (T1, T2... as in the
    term table)."""
    parts = [f"{_q(source)} ({_where(counts)})"
             for source, counts in zip(use.sources, use.counts, strict=True)]
    return f"{_q(use.rendering)} renders {len(use.terms)} terms: " + "; ".join(parts)


def claim_line(note: ClaimNote) -> str:
    """One line: which entry wordings two entries could claim are counted under, and where."""
    others = ", ".join(_q(o) for o in note.other_sources)
    places = []
    for text, original, counts in note.wordings:
        where = ([f"original \u00d7{original}"] if original else []) + \
            ([_where(counts)] if any(counts) else [])
        places.append(f"{_q(text)} ({', '.join(where)})")
    return (f"{_q(note.owner_source)} and {others} both match "
            + "; ".join(places) + f": counted under {_q(note.owner_source)}, "
            "the more specific entry")
