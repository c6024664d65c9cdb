"""Labels and figures shared by the comparison report formats."""

from __future__ import annotations

from aligner.core.compare import ClaimNote, Row, SharedUse, TermCell
from aligner.core.model import Document

__all__ = [
    "cell_summary",
    "claim_line",
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
