"""The comparison as JSON, for scripts: every row, diff and term count."""

from __future__ import annotations

import json
from typing import Any

from aligner.core.compare import Comparison, Row
from aligner.core.model import Document

__all__ = ["comparison_to_dict", "render_json"]


def _doc_dict(doc: Document, label: str = "") -> dict[str, Any]:
    return {"label": label, "path": doc.path, "title": doc.title, "language": doc.language,
            "provenance": doc.provenance, "reconstruction": doc.is_reconstruction,
            "paragraphs": len(doc.segments)}


def _row_dict(row: Row) -> dict[str, Any]:
    return {
        "source": list(row.source), "original": row.source_text, "baseline": row.baseline,
        "similarity": row.similarity,
        "renderings": [
            {"target": list(r.target), "text": r.text, "missing": r.missing,
             "similarity": r.similarity, "needs_review": r.needs_review,
             "dropped": list(r.dropped),
             "diff": [{"tag": op.tag, "old": op.old, "new": op.new} for op in r.diff]}
            for r in row.renderings
        ],
    }


def comparison_to_dict(comp: Comparison) -> dict[str, Any]:
    """The JSON form: documents, findings, rows with their diffs, terms."""
    return {
        "original": _doc_dict(comp.original),
        "translations": [_doc_dict(d, lbl) for d, lbl in zip(comp.translations, comp.labels,
                                                                strict=True)],
        "overall_similarity": comp.overall_similarity(),
        "missing": [{"source": list(r.source), "missing_from": list(r.missing_from),
                     "dropped": [{"translation": k, "source": list(r.renderings[k].dropped)}
                                 for k in r.dropped_from]}
                    for r in comp.missing()],
        "additions": [{"translation": a.translation, "after_source": a.after_source,
                       "target": list(a.target), "text": a.text} for a in comp.additions],
        "most_different": [list(r.source) for r in comp.most_different()],
        "terms": [
            {"term": t.term, "source": t.source, "target": t.target,
             "source_count": t.source_count, "differs": t.differs,
             "translations": [
                 {"uses": [u.__dict__ for u in c.uses], "instead": [u.__dict__ for u in c.instead],
                  "not_found": c.not_found, "missing": c.missing} for c in t.cells]}
            for t in comp.terms
        ],
        "rows": [_row_dict(r) for r in comp.rows],
    }


def render_json(comp: Comparison) -> str:
    return json.dumps(comparison_to_dict(comp), ensure_ascii=False, indent=2) + "\n"
