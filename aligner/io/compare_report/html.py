"""The comparison as one self-contained HTML page: inline style, no scripts, all text escaped.

Word diffs use ``<del>`` and ``<ins>``, styled with colour and also with
strike-through and underline, so they read in print and without colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from aligner import __version__
from aligner.core.compare import Comparison, Row, TermRow
from aligner.core.model import Document
from aligner.core.wordiff import DiffOp, diff_pieces
from aligner.io.compare_report.common import (
    cell_summary,
    missing_findings,
    paragraphs_label,
    percent,
    provenance_label,
)

__all__ = ["html_diff", "render_html"]

_STYLE = """
body{font:15px/1.45 Georgia,serif;margin:1.5em auto;max-width:110em;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f2f2f2}
td.text{white-space:pre-wrap}
del{background:#fdd;color:#900;text-decoration:line-through}
ins{background:#dfd;color:#060;text-decoration:underline}
.banner{border:2px solid #b60;background:#fff4e0;padding:.5em .8em;font-weight:bold}
.missing{background:#eee;color:#666;font-style:italic}
.review{color:#b60}
.sim{font-size:.85em;color:#555}
.legend{font-size:.9em;color:#444}
tr.same td{color:#555}
"""


def html_diff(ops: Sequence[DiffOp]) -> str:
    """A word diff as HTML: ``<del>`` and ``<ins>`` around changes, all text escaped."""
    tags = {"del": "<del>{}</del>", "ins": "<ins>{}</ins>", "same": "{}", "space": "{}"}
    out, previous = [], ""
    for kind, text in diff_pieces(list(ops)):
        if previous == "del" and kind == "ins":
            out.append(" ")  # a replacement reads as two words in print and without style
        out.append(tags[kind].format(escape(text)))
        previous = kind
    return "".join(out)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _banners(comp: Comparison) -> list[str]:
    out = []
    docs = [("The original", comp.original)] + [
        (f"Translation {label}", doc) for label, doc in zip(comp.labels, comp.translations,
                                                           strict=True)
    ]
    for what, doc in docs:
        if doc.is_reconstruction:
            out.append(f'<p class="banner">{_e(what)} ({_e(doc.title)}) is a '
                       f"{_e(doc.provenance.upper())} text, not an archival document.</p>")
    return out


def _documents(comp: Comparison) -> list[str]:
    overall = comp.overall_similarity()
    rows = ['<table class="docs"><tr><th></th><th>Text</th><th>Language</th>'
            "<th>Provenance</th><th>Paragraphs</th><th>Similarity to T1</th></tr>"]

    def line(key: str, name: str, doc: Document, sim: str) -> str:
        label = provenance_label(doc) or doc.provenance
        return (f"<tr><td>{_e(key)}</td><td>{_e(name)}<br><small>{_e(doc.path)}</small></td>"
                f"<td>{_e(doc.language)}</td><td>{_e(label)}</td>"
                f"<td>{len(doc.segments)}</td><td>{_e(sim)}</td></tr>")

    rows.append(line("Original", comp.original.title, comp.original, ""))
    for k, (label, doc) in enumerate(zip(comp.labels, comp.translations, strict=True)):
        rows.append(line(f"T{k + 1}", label, doc, percent(overall[k])))
    return rows + ["</table>"]


def _findings(comp: Comparison) -> list[str]:
    out = ["<h2>Paragraphs missing from a translation</h2><ul>"]
    for row, where, who, text in missing_findings(comp):
        out.append(f'<li><a href="#p{row.source[0]}">{_e(where)}</a> '
                   f"missing from {_e(who)}: <q>{_e(text[:120])}</q></li>")
    for add in comp.additions:
        out.append(f"<li>Only in {_e(comp.labels[add.translation])}, after "
                   f"¶{add.after_source}: <q>{_e(add.text[:120])}</q></li>")
    if not comp.missing() and not comp.additions:
        out.append("<li>None: every translation renders every paragraph.</li>")
    out.append("</ul><h2>Where the translations differ most</h2><ol>")
    for row in comp.most_different():
        out.append(f'<li><a href="#p{row.source[0]}">{_e(paragraphs_label(row))}</a> '
                   f'<span class="sim">similarity {_e(percent(row.similarity))}</span></li>')
    return out + ["</ol>"]


def _terms(comp: Comparison) -> list[str]:
    if not comp.terms:
        return []
    head = "".join(f"<th>T{k + 1} {_e(label)}</th>" for k, label in enumerate(comp.labels))
    out = ["<h2>Key terms</h2>",
           f'<table class="terms"><tr><th>Term</th><th>Original</th>{head}</tr>']
    for term in comp.terms:
        out.append(_term_row(term))
    return out + ["</table>"]


def _term_row(term: TermRow) -> str:
    cells = "".join(f"<td>{_e(cell_summary(c))}</td>" for c in term.cells)
    differs = " (renderings differ)" if term.differs else ""
    return (f"<tr><td>{_e(term.source)} → {_e(term.target)}{_e(differs)}</td>"
            f"<td>×{term.source_count}</td>{cells}</tr>")


def _rendering_cell(row: Row, k: int) -> str:
    r = row.renderings[k]
    if r.missing:
        return '<td class="text missing">(missing from this translation)</td>'
    body = _e(r.text) if k == row.baseline else html_diff(r.diff)
    review = ' <span class="review">(link unsure)</span>' if r.needs_review else ""
    if r.dropped:
        left_out = ", ".join(f"¶{i}" for i in r.dropped)
        review += f' <span class="review">(leaves out {_e(left_out)})</span>'
    sim = "" if k == row.baseline else f'<br><span class="sim">{_e(percent(r.similarity))}</span>'
    return f'<td class="text">{body}{review}{sim}</td>'


def _rows(comp: Comparison) -> list[str]:
    lang = _e(comp.original.language)
    head = "".join(f"<th>T{k + 1} {_e(label)}</th>" for k, label in enumerate(comp.labels))
    out = ["<h2>Paragraph by paragraph</h2>",
           '<p class="legend">Each translation is shown against T1 (or the first translation '
           "that renders the paragraph): <del>deleted</del> words are struck through, "
           "<ins>inserted</ins> words are underlined. Paragraphs (¶) of the original are "
           "counted from 0, as in the alignment files.</p>",
           f'<table class="rows"><tr><th>¶</th><th>Original</th>{head}</tr>']
    for row in comp.rows:
        same = row.similarity == 1.0 and not row.missing_from
        cls = "same" if same else "differs"
        cells = "".join(_rendering_cell(row, k) for k in range(len(comp.translations)))
        out.append(f'<tr id="p{row.source[0]}" class="{cls}"><td>{_e(paragraphs_label(row))}'
                   f'<br><span class="sim">{_e(percent(row.similarity))}</span></td>'
                   f'<td class="text" lang="{lang}">{_e(row.source_text)}</td>{cells}</tr>')
    return out + ["</table>"]


def render_html(comp: Comparison) -> str:
    """The whole report as one HTML document."""
    title = f"Comparison of {len(comp.translations)} translations of {comp.original.title}"
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(title)}</h1>", *_banners(comp), *_documents(comp), *_findings(comp),
        *_terms(comp), *_rows(comp),
        f'<p class="legend">Made with aligner {_e(__version__)}.</p></body></html>',
    ]
    return "\n".join(parts) + "\n"
