"""Export an alignment: TMX, TSV, CSV, HTML report, Markdown, JSON Lines, InterText.

``export_alignment(alignment, path, "tmx")`` writes a file atomically;
``export_to_stream(alignment, sys.stdout, "tsv")`` writes to an open stream.
:class:`ExportOptions` holds the filters (confirmed only, 1-1 only, minimum
confidence, a glossary term) and per-format switches (BOM, formula
neutralising, Markdown style).
"""

from aligner.io.export.options import (
    PARAGRAPH_JOINER,
    ExportContext,
    ExportOptions,
    filter_links,
    provenance_note,
)
from aligner.io.export.registry import (
    FORMATS,
    ExportFormat,
    ExportResult,
    export_alignment,
    export_to_stream,
    format_for_path,
    get_format,
    render_text,
)

__all__ = [
    "FORMATS",
    "PARAGRAPH_JOINER",
    "ExportContext",
    "ExportFormat",
    "ExportOptions",
    "ExportResult",
    "export_alignment",
    "export_to_stream",
    "filter_links",
    "format_for_path",
    "get_format",
    "provenance_note",
    "render_text",
]
