"""Labels and figures shared by the comparison report formats."""

from __future__ import annotations

from aligner.core.compare import Row, TermCell
from aligner.core.model import Document

__all__ = ["cell_summary", "paragraphs_label", "percent", "provenance_label"]


def provenance_label(doc: Document) -> str:
    """``"reconstructed"`` style label for non-archival texts, empty for archival ones."""
    if doc.is_reconstruction:
        return f"{doc.provenance.upper()}: not an archival text"
    return "" if doc.provenance == "archival" else f"provenance {doc.provenance}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}" if value < 1.0 else "100%"


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
