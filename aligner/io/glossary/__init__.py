"""Glossary files: TOML (the native format), CSV and TBX-Basic, one registry of formats.

:mod:`.registry` names the formats and their extensions; :mod:`.common` the
fields every format shares and their validation; :mod:`.toml_edit` edits a TOML
file in place. Every problem is a :class:`~aligner.errors.GlossaryError` naming
the file and the line, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

from aligner.core.glossary import Glossary
from aligner.core.model import Alignment, Document
from aligner.errors import GlossaryError
from aligner.io.glossary.common import ENTRY_FIELDS, HEADER_FIELDS, build_glossary
from aligner.io.glossary.registry import FORMATS, REGISTRY, GlossaryFormat, format_of
from aligner.io.sanitize import clean_text
from aligner.io.store import atomic_write_text
from aligner.io.user_files import read_user_text

__all__ = [
    "ENTRY_FIELDS",
    "FORMATS",
    "HEADER_FIELDS",
    "REGISTRY",
    "GlossaryFormat",
    "build_glossary",
    "document_glossary_path",
    "format_of",
    "glossary_for_alignment",
    "missing_glossary_message",
    "recorded_glossary_path",
    "load_glossary",
    "read_text",
    "save_glossary",
]


def read_text(path: str | Path) -> str:
    """A glossary file's text; a missing or unreadable file is a GlossaryError."""
    return read_user_text(path, GlossaryError, "a glossary file")


def load_glossary(path: str | Path, fmt: str | None = None) -> Glossary:
    """Read a glossary in any registered format (by extension unless ``fmt`` is given)."""
    kind = format_of(path, fmt)
    text = read_text(path)
    _refuse_control_characters(text, str(path))
    try:
        return kind.read(text, str(path))
    except RecursionError:
        # tomllib and the CSV/TBX readers recurse per nesting level; a file nested
        # thousands deep is damage, not a glossary.
        raise GlossaryError(
            f"{path}: nested too deeply to be a glossary; check the file for damage"
        ) from None


def _refuse_control_characters(text: str, origin: str) -> None:
    """A glossary is typed by people: a control character in it is damage, named by line.

    Left in, it would reach every TMX/TBX written with the glossary (XML cannot
    hold it) and the terminal.
    """
    if not clean_text(text).changed:
        return
    for number, line in enumerate(text.splitlines(), 1):
        found = clean_text(line)
        if found.changed:
            raise GlossaryError(
                f"{origin}, line {number}: holds control characters or terminal escape "
                "sequences; remove them from the glossary"
            )
    raise GlossaryError(f"{origin}: holds control characters; remove them from the glossary")


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> None:
    """Write a glossary atomically in the format its extension (or ``fmt``) names."""
    atomic_write_text(path, format_of(path, fmt).write(glossary))


def document_glossary_path(doc: Document) -> Path | None:
    """The glossary kept for a document by convention, if there is one.

    A document with a metadata ``id`` read from ``TEXTS/ID/...`` has its glossary
    at ``TEXTS/glossaries/ID.toml`` (the layout of this repository's ``texts/``).
    """
    doc_id = str(doc.metadata.get("id", "") or "")
    if not doc_id or not doc.path:
        return None
    candidate = Path(doc.path).parent.parent / "glossaries" / f"{doc_id}.toml"
    return candidate if candidate.is_file() else None


def glossary_for_alignment(
    alignment: Alignment, alignment_path: str | Path | None = None,
    explicit: str | Path | None = None,
) -> Glossary:
    """The glossary to check an alignment with.

    ``explicit`` if given; else the one recorded in ``settings["glossary"]``
    (stored relative to the alignment file's folder, so it is found when the
    alignment moves together with its glossary; the store resolves it when the
    file is read); else the glossary kept beside the documents' folder
    (:func:`document_glossary_path`); else a GlossaryError saying which
    glossary is missing and what to pass.
    """
    if explicit:
        return load_glossary(explicit)
    recorded = recorded_glossary_path(alignment, alignment_path)
    if recorded is not None and recorded.exists():
        return load_glossary(recorded)
    for doc in (alignment.source, alignment.target):
        kept = document_glossary_path(doc)
        if kept is not None:
            return load_glossary(kept)
    if recorded is not None:
        raise GlossaryError(missing_glossary_message(recorded, alignment_path))
    raise GlossaryError(
        "the alignment records no glossary; pass one with --glossary FILE (TOML, CSV or TBX)"
    )


def recorded_glossary_path(alignment: Alignment, alignment_path: str | Path | None = None
                           ) -> Path | None:
    """Where the glossary the alignment was made with should be (None when none is recorded)."""
    recorded = alignment.settings.get("glossary")
    if isinstance(recorded, dict):
        recorded = recorded.get("path")
    if not isinstance(recorded, str) or not recorded:
        return None
    path = Path(recorded)
    if not path.is_absolute() and alignment_path is not None:
        path = Path(os.path.normpath(Path(alignment_path).parent / path))
    return path


def missing_glossary_message(recorded: Path, alignment_path: str | Path | None) -> str:
    """One line: which recorded glossary is missing, and how to give it."""
    where = f" by {alignment_path}" if alignment_path is not None else ""
    return (f"the glossary recorded{where}, {recorded}, is not there (the alignment or the "
            "glossary was moved?); pass it with --glossary FILE")
