"""The HTML report's inline style sheet and its term highlight palette.

Kept apart from the renderer so the markup code stays short. The report needs
no scripts and no external files; ``@media print`` keeps rows whole across
pages, prints the highlight colours and drops the screen-only shading.
"""

from __future__ import annotations

#: Highlight colours for glossary terms, light enough to read black text on
#: and distinct from each other; a glossary with more terms reuses them in
#: order, and every highlight also names its term in a tooltip.
PALETTE: tuple[str, ...] = (
    "#ffe08a",
    "#b5e3ff",
    "#c8f0b0",
    "#ffc4d6",
    "#dccbff",
    "#ffd1a6",
    "#b8f2e6",
    "#f2f0a1",
    "#e3d5c5",
    "#c9d7ff",
    "#f7c6f0",
    "#d5e8a8",
)

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; --warn: #8a1c00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink);
       margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.banner { border: 2px solid var(--warn); background: #fff3ef; color: var(--warn);
          padding: .6rem .9rem; margin: 1rem 0; font-weight: bold; }
.docs { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.doc { border: 1px solid var(--rule); padding: .3rem .9rem; }
.doc summary { cursor: pointer; }
.doc dl { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: 0; }
.doc dt { color: var(--muted); }
.doc dd { margin: 0; }
.summary { color: var(--muted); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; }
.legend li { white-space: nowrap; }
mark { color: inherit; padding: 0 .1em; border-radius: 2px; }
table.pairs { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.pairs th, table.pairs td { border-top: 1px solid var(--rule); padding: .5rem;
                                 vertical-align: top; text-align: left; }
table.pairs th { font-family: sans-serif; font-size: .85rem; color: var(--muted); }
col.id { width: 4rem; } col.info { width: 13rem; }
td.text p { margin: 0 0 .5rem; white-space: pre-wrap; }
td.empty { color: var(--muted); font-style: italic; }
td.info { font-family: sans-serif; font-size: .8rem; color: var(--muted); }
tr.status-confirmed td.id { border-left: 4px solid #2e7d32; }
tr.status-rejected td.text { text-decoration: line-through; color: var(--muted); }
tr.review td.id { border-left: 4px solid #c77700; }
.flag { display: block; color: var(--warn); }
.note { display: block; color: var(--ink); font-style: italic; }
.revision { margin-top: .4rem; padding: .3rem .5rem; border-left: 3px solid #6a5acd;
            background: #f6f4ff; white-space: pre-wrap; }
.revision .label { font-family: sans-serif; font-size: .75rem; color: var(--muted);
                   display: block; }
ins { background: #d4f7d4; text-decoration: none; }
del { background: #ffd9d9; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .docs { grid-template-columns: 1fr 1fr; }
}
"""
