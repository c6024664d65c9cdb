"""The omissions and additions report as one self-contained, escaped HTML page.

Every piece of document text goes through :func:`html.escape`; the page has no
scripts and no external resources. A text that is not an archival original is
labelled at the top, in the page's first lines.
"""

from __future__ import annotations

from html import escape

from aligner.core.model import Alignment
from aligner.core.report import KIND_TITLES, KINDS, Report

_STYLE = """
body { font-family: Georgia, serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.label { background: #fff3cd; border: 1px solid #e0c060; padding: .5em .8em; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: .3em .5em; text-align: left;
         vertical-align: top; }
td.n { text-align: right; white-space: nowrap; } .excerpt { color: #555; font-size: .92em; }
"""


def _row(link: int, side: str, message: str, excerpt: str) -> str:
    return (f"<tr><td class=\"n\">{link}</td><td>{escape(side)}</td>"
            f"<td>{escape(message)}</td><td class=\"excerpt\">{escape(excerpt)}</td></tr>")


def render_report_html(report: Report, alignment: Alignment) -> str:
    """The whole page as a string."""
    title = f"Omissions and additions: {alignment.source.title} / {alignment.target.title}"
    parts = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
             f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
             f"<h1>{escape(title)}</h1>"]
    parts += [f"<p class=\"label\">{escape(label)}</p>" for label in report.labels]
    parts.append(f"<p>Document length ratio (target/source): {report.ratio:.3f}; a link is "
                 f"reported when its ratio is {report.params.length_factor}\u00d7 off.</p>")
    for kind in KINDS:
        found = report.of_kind(kind)
        parts.append(f"<h2>{escape(KIND_TITLES[kind])} ({len(found)})</h2>")
        if not found:
            parts.append("<p>None.</p>")
            continue
        parts.append("<table><tr><th>link</th><th>side</th><th>finding</th><th>text</th></tr>")
        parts += [_row(f.link + 1, f.side, f.message, f.excerpt) for f in found]
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
