"""The comparison as plain text for a terminal: findings first, then word diffs."""

from __future__ import annotations

from aligner.core.compare import Comparison
from aligner.core.wordiff import format_word_diff
from aligner.io.compare_report.common import (
    cell_summary,
    missing_findings,
    paragraphs_label,
    percent,
    provenance_label,
)

__all__ = ["render_table"]


def _table_header(comp: Comparison) -> list[str]:
    lines = [f"Original: {comp.original.title} ({len(comp.original.segments)} paragraphs, "
             "¶ counted from 0)"]
    if provenance_label(comp.original):
        lines.append(f"  ** {provenance_label(comp.original)} **")
    overall = comp.overall_similarity()
    for k, (label, doc) in enumerate(zip(comp.labels, comp.translations, strict=True)):
        mark = f" [{provenance_label(doc)}]" if provenance_label(doc) else ""
        lines.append(f"T{k + 1} {label}: {len(doc.segments)} paragraphs, "
                     f"similarity to T1 {percent(overall[k])}{mark}")
    return lines


def _table_findings(comp: Comparison) -> list[str]:
    lines = ["", "Missing paragraphs:"]
    for _row, where, who, text in missing_findings(comp):
        lines.append(f"  {where} missing from {who}: {text[:70]}")
    lines += [f"  ({a.text[:70]}) only in {comp.labels[a.translation]}, after ¶{a.after_source}"
              for a in comp.additions]
    if not comp.missing() and not comp.additions:
        lines.append("  none")
    lines += ["", "Most different paragraphs:"]
    lines += [f"  {paragraphs_label(r)} similarity {percent(r.similarity)}"
              for r in comp.most_different()]
    if comp.terms:
        lines += ["", "Terms:"]
        for term in comp.terms:
            flag = "  (differs)" if term.differs else ""
            lines.append(f"  {term.source} -> {term.target}: "
                         f"×{term.source_count} in the original{flag}")
            lines += [f"    T{k + 1}: {cell_summary(c)}" for k, c in enumerate(term.cells)]
    return lines


def render_table(comp: Comparison) -> str:
    """Plain text for a terminal: findings, then each differing row as a word diff."""
    lines = _table_header(comp) + _table_findings(comp) + ["", "Differences by paragraph:"]
    same = 0
    for row in comp.rows:
        if row.similarity == 1.0 and not row.missing_from:
            same += 1
            continue
        lines.append(f"{paragraphs_label(row)}  similarity {percent(row.similarity)}")
        for k, r in enumerate(row.renderings):
            if r.missing:
                text = "(missing)"
            elif k == row.baseline:
                text = r.text
            elif r.similarity == 1.0:
                text = f"(same as T{(row.baseline or 0) + 1})"
            else:
                text = format_word_diff(list(r.diff))
            if r.dropped:
                text += f"  (leaves out ¶{', ¶'.join(str(i) for i in r.dropped)})"
            lines.append(f"  T{k + 1}: " + text.replace("\n\n", " ¶ "))
    lines.append(f"({same} paragraphs read the same in every translation)")
    return "\n".join(lines) + "\n"
