"""CSV glossaries in the layout CAT-tool termbases use: source, target, note.

Extra columns (``id``, ``category``, ``source_variants``, ``target_variants``,
``flagged``; variants separated by ``;``) make a round trip lossless; a file
with only the first three columns imports as well, and rows that repeat a
source term add its other targets as accepted variants, the way termbases list
synonyms. The header may name the columns, or give language codes (``ru,en``).
"""

from __future__ import annotations

import csv
import io
import re

from aligner.core.glossary import Glossary, GlossaryEntry, slugify
from aligner.errors import GlossaryError
from aligner.io.export.tabular import FORMULA_STARTS, neutralise_cell
from aligner.io.glossary.common import build_glossary

COLUMNS = ("source", "target", "note", "id", "category", "source_variants", "target_variants",
           "flagged")
_LANG_RE = re.compile(r"^[a-z]{2,3}([-_][A-Za-z]{2,4})?$")
_LIST_SEP = ";"


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(_LIST_SEP) if part.strip())


def _header(row: list[str]) -> tuple[list[str], dict[str, str]] | None:
    """Column names and languages if the row is a header, else None."""
    cells = [c.strip() for c in row]
    names, langs = [], {}
    for i, cell in enumerate(cells):
        low = cell.lower()
        if low in COLUMNS:
            names.append(low)
        elif i < 2 and _LANG_RE.match(cell):
            names.append(("source", "target")[i])
            langs[("source_language", "target_language")[i]] = cell
        elif not cell:
            names.append("")
        else:
            return None
    if "source" not in names or "target" not in names:
        return None
    return names, langs


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max("\t;,", key=first.count) if any(d in first for d in "\t;,") else ","


def _rows(text: str, origin: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    rows = []
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        where = f"{origin}, line {reader.line_num}"
        raise GlossaryError(f"{where}: {exc}; fix the CSV quoting") from None
    return rows


def _unique_id(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate


def glossary_from_csv(text: str, origin: str = "glossary.csv") -> Glossary:
    """Parse a CSV termbase; problems name the file and the line."""
    rows = _rows(text, origin)
    if not rows:
        raise GlossaryError(f"{origin} has no rows; expected columns source, target, note")
    head = _header(rows[0][1])
    names, langs = head if head else (["source", "target", "note"], {})
    body = rows[1:] if head else rows
    merged: dict[str, dict[str, object]] = {}
    used: set[str] = set()
    for line, row in body:
        where = f"{origin}, line {line}"
        if len(row) < 2:
            raise GlossaryError(f"{where}: expected source and target columns, found one cell")
        cells = {n: _unneutralise(c.strip()) for n, c in zip(names, row, strict=False) if n}
        if not cells.get("source"):
            raise GlossaryError(f"{where}: empty source term; fill it in or delete the row")
        if not cells.get("target") and not cells.get("target_variants"):
            raise GlossaryError(f"{where}: empty target for {cells['source']!r}; fill it in")
        key = cells.get("id") or cells["source"].casefold()
        if key in merged and not cells.get("id"):
            seen = merged[key]
            seen["target_variants"] += (cells["target"],)  # type: ignore[operator]
            continue
        if cells.get("id") and cells["id"] in used:
            raise GlossaryError(f"{where}: id {cells['id']!r} is used by an earlier row")
        merged[key] = {
            "id": cells.get("id") or _unique_id(slugify(cells["target"] or cells["source"]), used),
            "source": cells["source"], "target": cells.get("target", ""),
            "note": cells.get("note", ""), "category": cells.get("category", ""),
            "source_variants": _split(cells.get("source_variants", "")),
            "target_variants": _split(cells.get("target_variants", "")),
            "flagged": _split(cells.get("flagged", "")), "_where": where,
        }
        used.add(str(merged[key]["id"]))
    pairs = []
    for fields in merged.values():
        where = str(fields.pop("_where"))
        try:
            pairs.append((GlossaryEntry(**fields), where))  # type: ignore[arg-type]
        except GlossaryError as exc:
            raise GlossaryError(f"{where}: {exc}") from None
    return build_glossary(pairs, path=origin, **langs)


def glossary_to_csv(glossary: Glossary, neutralise: bool = True) -> str:
    """CSV text with the CAT columns first and the rest for a lossless round trip.

    Cells a spreadsheet would evaluate (``=``, ``+``, ``-``, ``@``, tab, CR first)
    get a leading ``'``, as in the pair exports, unless ``neutralise`` is False;
    reading the file back removes it.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    langs = (glossary.source_language or "source", glossary.target_language or "target")
    writer.writerow((*langs, *COLUMNS[2:]))
    for e in glossary:
        row = [e.source, e.target, e.note, e.id, e.category,
               _LIST_SEP.join(e.source_variants), _LIST_SEP.join(e.target_variants),
               _LIST_SEP.join(e.flagged)]
        writer.writerow([neutralise_cell(c) for c in row] if neutralise else row)
    return out.getvalue()


def _unneutralise(cell: str) -> str:
    """A cell as written before :func:`glossary_to_csv` protected it from spreadsheets."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell
