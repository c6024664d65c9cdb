"""aligner: a translation comparison and alignment workbench.

The package root re-exports the core API; names are imported on first use so
that ``import aligner`` (and the CLI's start-up) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # the model
    "Alignment": "aligner.core.model",
    "Document": "aligner.core.model",
    "Flag": "aligner.core.model",
    "Link": "aligner.core.model",
    "Revision": "aligner.core.model",
    "Segment": "aligner.core.model",
    # texts -> segments -> alignment
    "load_document": "aligner.io.texts",
    "parse_document_text": "aligner.io.texts",
    "align_documents": "aligner.core.align",
    "score_alignments": "aligner.core.evaluate",
    # the store
    "load_alignment": "aligner.io.store",
    "save_alignment": "aligner.io.store",
    # key terms
    "Glossary": "aligner.core.glossary",
    "load_glossary": "aligner.io.glossary",
    "find_hits": "aligner.core.terms",
    "apply_checks": "aligner.core.terms",
    # export, comparison
    "FORMATS": "aligner.io.export",
    "export_alignment": "aligner.io.export",
    "import_file": "aligner.io.importers",
    "word_diff": "aligner.core.wordiff",
    # errors
    "AlignerError": "aligner.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
