"""Glossary files: TOML (the native format), CSV and TBX-Basic, chosen by extension.

The TOML format is documented in ``texts/glossaries/README.md``: a
``[glossary]`` table (name, languages) and one ``[[term]]`` table per entry.
Every problem is a :class:`~aligner.errors.GlossaryError` naming the file and
the line, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import Alignment
from aligner.errors import GlossaryError
from aligner.io.store import atomic_write_text
from aligner.io.user_files import read_user_text

ENTRY_FIELDS = ("id", "source", "source_variants", "target", "target_variants", "flagged",
                "note", "category")
HEADER_FIELDS = ("name", "source_language", "target_language", "description")
FORMATS = ("toml", "csv", "tbx")
_ENTRY_HEADER_RE = re.compile(r"^\s*\[\[\s*term\s*\]\]")
_TOML_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def format_of(path: str | Path, fmt: str | None = None) -> str:
    """The glossary format for a path: ``fmt`` if given, else from the extension."""
    if fmt:
        if fmt not in FORMATS:
            raise GlossaryError(f"unknown glossary format {fmt!r}; use one of {', '.join(FORMATS)}")
        return fmt
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("tsv", "txt"):
        return "csv"
    if suffix in ("xml", "tbx"):
        return "tbx"
    if suffix in FORMATS:
        return suffix
    raise GlossaryError(
        f"cannot tell the format of {path} from its extension; name it .toml, .csv or .tbx"
    )


def read_text(path: str | Path) -> str:
    """A glossary file's text; a missing or unreadable file is a GlossaryError."""
    return read_user_text(path, GlossaryError, "a glossary file")


def load_glossary(path: str | Path, fmt: str | None = None) -> Glossary:
    """Read a glossary in TOML, CSV or TBX (by extension unless ``fmt`` is given)."""
    kind = format_of(path, fmt)
    text = read_text(path)
    if kind == "csv":
        from aligner.io.glossary_csv import glossary_from_csv

        return glossary_from_csv(text, str(path))
    if kind == "tbx":
        from aligner.io.glossary_tbx import glossary_from_tbx

        return glossary_from_tbx(text, str(path))
    return glossary_from_toml(text, str(path))


def save_glossary(glossary: Glossary, path: str | Path, fmt: str | None = None) -> None:
    """Write a glossary atomically in the format its extension (or ``fmt``) names."""
    kind = format_of(path, fmt)
    if kind == "csv":
        from aligner.io.glossary_csv import glossary_to_csv

        text = glossary_to_csv(glossary)
    elif kind == "tbx":
        from aligner.io.glossary_tbx import glossary_to_tbx

        text = glossary_to_tbx(glossary)
    else:
        text = glossary_to_toml(glossary)
    atomic_write_text(path, text)


# --- TOML ----------------------------------------------------------------------


def _entry_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if _ENTRY_HEADER_RE.match(line)]


def _strings(value: Any, name: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise GlossaryError(f"{where}: {name!r} must be a string or a list of strings")


def _text(value: Any, name: str, where: str) -> str:
    if not isinstance(value, str):
        raise GlossaryError(f"{where}: {name!r} must be a string")
    return value


def entry_from_mapping(raw: Mapping[str, Any], where: str) -> GlossaryEntry:
    """An entry from a TOML table; ``where`` ("file, line N") prefixes every message."""
    unknown = sorted(set(raw) - set(ENTRY_FIELDS))
    if unknown:
        raise GlossaryError(
            f"{where}: unknown field {unknown[0]!r}; entries take {', '.join(ENTRY_FIELDS)}"
        )
    if not str(raw.get("source", "")).strip():
        raise GlossaryError(f"{where}: the entry has an empty source term; fill in 'source'")
    try:
        return GlossaryEntry(
            id=_text(raw.get("id", ""), "id", where),
            source=_text(raw["source"], "source", where),
            target=_text(raw.get("target", ""), "target", where),
            source_variants=_strings(raw.get("source_variants", []), "source_variants", where),
            target_variants=_strings(raw.get("target_variants", []), "target_variants", where),
            flagged=_strings(raw.get("flagged", []), "flagged", where),
            note=_text(raw.get("note", ""), "note", where),
            category=_text(raw.get("category", ""), "category", where),
        )
    except GlossaryError as exc:
        if str(exc).startswith(where):
            raise
        raise GlossaryError(f"{where}: {exc}") from None


def build_glossary(entries: list[tuple[GlossaryEntry, str]], **header: str) -> Glossary:
    """A glossary from (entry, where) pairs; a repeated id names both places."""
    first: dict[str, str] = {}
    for entry, where in entries:
        if entry.id in first:
            raise GlossaryError(
                f"{where}: id {entry.id!r} is already used at {first[entry.id]}; "
                "ids must be unique"
            )
        first[entry.id] = where.rsplit(", ", 1)[-1]
    return Glossary(entries=tuple(e for e, _ in entries), **header)


def glossary_from_toml(text: str, origin: str = "glossary") -> Glossary:
    """Parse the TOML glossary format."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE_RE.search(str(exc))
        line = f"line {m.group(1)}: " if m else ""
        if "(at end of document)" in str(exc):
            line = f"line {max(1, len(text.splitlines()))} (end of file): "
        reason = _TOML_LINE_RE.sub("", str(exc)).replace("(at end of document)", "").strip()
        raise GlossaryError(f"{origin}: {line}{reason}; fix the TOML syntax") from None
    head = data.get("glossary", {})
    if not isinstance(head, dict):
        raise GlossaryError(f"{origin}: [glossary] must be a table")
    terms = data.get("term", [])
    if not isinstance(terms, list) or not terms:
        raise GlossaryError(f"{origin}: no [[term]] entries; see texts/glossaries/README.md")
    lines = _entry_lines(text)
    pairs = []
    for i, raw in enumerate(terms):
        where = f"{origin}, line {lines[i]}" if i < len(lines) else f"{origin}, term {i + 1}"
        pairs.append((entry_from_mapping(raw, where), where))
    header = {k: str(head.get(k, "")) for k in HEADER_FIELDS}
    return build_glossary(pairs, path=origin, **header)


def entry_to_mapping(entry: GlossaryEntry) -> dict[str, Any]:
    """The TOML table of an entry; empty fields are left out."""
    out: dict[str, Any] = {}
    for name in ENTRY_FIELDS:
        value = getattr(entry, name)
        if value:
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def glossary_to_toml(glossary: Glossary) -> str:
    """The TOML text of a glossary, readable back by :func:`glossary_from_toml`."""
    head = {k: getattr(glossary, k) for k in HEADER_FIELDS if getattr(glossary, k)}
    data: dict[str, Any] = {"glossary": head} if head else {}
    data["term"] = [entry_to_mapping(e) for e in glossary]
    return tomli_w.dumps(data, multiline_strings=True)


# --- which glossary an alignment uses -------------------------------------------


def _is_bundled_telegram(alignment: Alignment) -> bool:
    from aligner.io.bundled import TELEGRAM

    for doc in (alignment.source, alignment.target):
        if doc.metadata.get("id") == TELEGRAM or Path(doc.path).name.startswith(TELEGRAM):
            return True
    return False


def glossary_for_alignment(
    alignment: Alignment, alignment_path: str | Path | None = None,
    explicit: str | Path | None = None,
) -> Glossary:
    """The glossary to check an alignment with.

    ``explicit`` if given; else the one recorded in ``settings["glossary"]``
    (relative to the alignment file's folder); else the bundled glossary when
    the alignment is of the bundled telegram; else a GlossaryError saying what to pass.
    """
    if explicit:
        return load_glossary(explicit)
    recorded = alignment.settings.get("glossary")
    if isinstance(recorded, dict):
        recorded = recorded.get("path")
    if isinstance(recorded, str) and recorded:
        path = Path(recorded)
        if not path.is_absolute() and alignment_path is not None:
            path = Path(os.path.normpath(Path(alignment_path).parent / path))
        return load_glossary(path)
    if _is_bundled_telegram(alignment):
        from aligner.io.bundled import bundled_glossary_path

        return load_glossary(bundled_glossary_path())
    raise GlossaryError(
        "the alignment records no glossary; pass one with --glossary FILE (TOML, CSV or TBX)"
    )
