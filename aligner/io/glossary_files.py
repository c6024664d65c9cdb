"""The names of :mod:`aligner.io.glossary` under the module's earlier name."""

from aligner.io.glossary import (  # noqa: F401
    FORMATS,
    build_glossary,
    format_of,
    glossary_for_alignment,
    load_glossary,
    read_text,
    save_glossary,
)
