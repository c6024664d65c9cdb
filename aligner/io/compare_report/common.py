"""Labels and figures shared by the comparison report formats."""

from __future__ import annotations

import math

from aligner.core.compare import Comparison, Row, TermCell
from aligner.core.model import Document

__all__ = [
    "cell_summary",
    "missing_findings",
    "paragraphs_label",
    "percent",
    "provenance_label",
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
