"""A comparison of translations as a self-contained HTML report, a text table or JSON.

All document text is escaped; the HTML has its style inline and loads nothing,
so the report can be mailed or archived as one file. Texts that are not
archival (reconstructions, generated texts) are labelled in every format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from aligner.core.compare import Comparison
from aligner.errors import UsageError
from aligner.io.compare_report.html import render_html
from aligner.io.compare_report.jsonform import comparison_to_dict, render_json
from aligner.io.compare_report.table import render_table
from aligner.io.store import atomic_write_text

__all__ = [
    "FORMATS",
    "comparison_to_dict",
    "format_for_path",
    "render",
    "render_html",
    "render_json",
    "render_table",
    "write",
]

FORMATS: dict[str, Callable[[Comparison], str]] = {
    "html": render_html, "table": render_table, "json": render_json,
}


def format_for_path(path: str | Path | None, fmt: str | None) -> str:
    """The format asked for, else the one the output file's extension names, else table."""
    if fmt:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower() if path else ""
    return {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "table")


def render(comp: Comparison, fmt: str) -> str:
    return FORMATS[format_for_path(None, fmt)](comp)


def write(comp: Comparison, path: str | Path, fmt: str | None = None) -> str:
    """Write the report atomically; returns the format used."""
    chosen = format_for_path(path, fmt)
    atomic_write_text(path, FORMATS[chosen](comp))
    return chosen
