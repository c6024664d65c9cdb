"""TSV and CSV: one row per link, for spreadsheets and scripts.

The two formats follow two different conventions, each the one its readers expect:

* **CSV** is RFC 4180: commas, CRLF row ends, a cell holding a comma, a quote or
  a line break is quoted (written with Python's :mod:`csv` module, so it comes
  back intact through ``csv.reader`` and spreadsheets);
* **TSV** is line-safe (the convention of line-based tools such as tsv2tmx,
  ``cut`` and awk, and of the IANA text/tab-separated-values type): one link is
  exactly one line, fields are separated by a tab, nothing is quoted, and a
  cell's backslash, tab, line feed and carriage return are written ``\\``,
  ``\t``, ``\n`` and ``\r`` (:func:`escape_tsv`; :func:`unescape_tsv` undoes
  it). A side of two paragraphs therefore reads ``first\n\nsecond``.

The first row names the columns:

``id, link, source, target, confidence, status, flags, note`` (``id`` is the
stable link id, ``link`` its number counted from 1 as the UI shows it), then
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

BASE_COLUMNS = ("id", "link", "source", "target", "confidence", "status", "flags", "note")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def escape_tsv(text: str) -> str:
    """A cell for a line-safe TSV: backslash, tab, LF and CR as two-character escapes."""
    return "".join(_TSV_ESCAPES.get(ch, ch) for ch in text)


def unescape_tsv(cell: str) -> str:
    """The text a line-safe TSV cell stands for (an unknown escape is kept as written)."""
    out: list[str] = []
    i = 0
    while i < len(cell):
        ch = cell[i]
        if ch == "\\" and i + 1 < len(cell) and cell[i + 1] in _TSV_UNESCAPES:
            out.append(_TSV_UNESCAPES[cell[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
REVISION_COLUMNS = ("revised_target", "revision_note")
#: With ``use_revisions`` the target column holds the revision; the original goes here.
ORIGINAL_COLUMNS = ("original_target", "revision_note")
PROVENANCE_COLUMNS = ("source_provenance", "target_provenance")


def neutralise_cell(text: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate with ``'`` so it shows as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def columns(ctx: ExportContext) -> tuple[str, ...]:
    """The header row for this export."""
    if not _has_revisions(ctx):
        return BASE_COLUMNS + PROVENANCE_COLUMNS
    extra = ORIGINAL_COLUMNS if ctx.options.use_revisions else REVISION_COLUMNS
    return BASE_COLUMNS + extra + PROVENANCE_COLUMNS


def _has_revisions(ctx: ExportContext) -> bool:
    return any(lk.revision is not None for lk in ctx.links)


def _row(ctx: ExportContext, link: Link, with_revision: bool) -> list[str]:
    def cell(text: str) -> str:
        return neutralise_cell(text) if ctx.options.neutralise else text

    row = [
        str(link.id),
        str(ctx.numbers[link.id]),
        cell(ctx.source_text(link)),
        cell(ctx.target_text(link)),
        f"{link.confidence:.4f}",
        link.status,
        cell(flags_text(link)),
        cell(link.note),
    ]
    if with_revision:
        rev = link.revision
        if rev is None:
            row += ["", ""]
        elif ctx.uses_revision(link):  # the target column holds the revision already
            row += [cell(ctx.original_target(link)), cell(rev.note)]
        else:
            row += [cell(rev.text), cell(rev.note)]
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
    with_revision = _has_revisions(ctx)
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
    """Line-safe tab-separated values: one line per link, escapes instead of quotes."""
    header = columns(ctx)
    with_revision = _has_revisions(ctx)
    rows = [list(header)] + [_row(ctx, lk, with_revision) for lk in ctx.links]
    lines = [BOM] if ctx.options.bom else []
    lines += ["\t".join(escape_tsv(c) for c in row) + "\n" for row in rows]
    return "".join(lines)
