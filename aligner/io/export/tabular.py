"""TSV and CSV: one row per link, for spreadsheets and scripts.

Both are written with Python's :mod:`csv` module (TSV is the same dialect with a
tab as delimiter), so a cell holding a tab, a quote or a newline is quoted and
comes back intact through ``csv.reader``. The first row names the columns:

``id, source, target, confidence, status, flags, note``, then
``revised_target, revision_note`` when any exported link has a revision, then
``source_provenance, target_provenance`` (so a reconstructed text is marked on
every row; a comment line would not be standard CSV).

A side of several paragraphs is joined with a blank line. Spreadsheets run a
cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula; by default such a text cell gets a leading single quote (``'=SUM(1)``),
which spreadsheets show as text; ``neutralise=False`` writes cells exactly.
"""

from __future__ import annotations

import csv
import io

from aligner.core.model import Link
from aligner.io.export.options import ExportContext, flags_text

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"

BASE_COLUMNS = ("id", "source", "target", "confidence", "status", "flags", "note")
REVISION_COLUMNS = ("revised_target", "revision_note")
PROVENANCE_COLUMNS = ("source_provenance", "target_provenance")


def neutralise_cell(text: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate with ``'`` so it shows as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def columns(ctx: ExportContext) -> tuple[str, ...]:
    """The header row for this export."""
    revised = any(lk.revision is not None for lk in ctx.links)
    return BASE_COLUMNS + (REVISION_COLUMNS if revised else ()) + PROVENANCE_COLUMNS


def _row(ctx: ExportContext, link: Link, with_revision: bool) -> list[str]:
    def cell(text: str) -> str:
        return neutralise_cell(text) if ctx.options.neutralise else text

    row = [
        str(link.id),
        cell(ctx.source_text(link)),
        cell(ctx.target_text(link)),
        f"{link.confidence:.4f}",
        link.status,
        cell(flags_text(link)),
        cell(link.note),
    ]
    if with_revision:
        rev = link.revision
        row += [cell(rev.text), cell(rev.note)] if rev is not None else ["", ""]
    return row + [ctx.alignment.source.provenance, ctx.alignment.target.provenance]


def _render(ctx: ExportContext, delimiter: str, lineterminator: str) -> str:
    # The writer always ends rows with CRLF because only characters of the line
    # terminator make it quote a cell: with a bare LF, a cell holding a CR would
    # go out unquoted and split the row when read back. Each row is written
    # alone so its CRLF can be swapped for the format's own row end.
    buf = io.StringIO()
    writer = csv.writer(
        buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    header = columns(ctx)
    with_revision = REVISION_COLUMNS[0] in header
    rows = [list(header)] + [_row(ctx, lk, with_revision) for lk in ctx.links]
    lines = [BOM] if ctx.options.bom else []
    for row in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(row)
        lines.append(buf.getvalue()[:-2] + lineterminator)
    return "".join(lines)


def render_csv(ctx: ExportContext) -> str:
    """CSV as RFC 4180 describes it: commas, double quotes, CRLF row ends."""
    return _render(ctx, ",", "\r\n")


def render_tsv(ctx: ExportContext) -> str:
    """Tab-separated values; cells with tabs, quotes or newlines are quoted."""
    return _render(ctx, "\t", "\n")
