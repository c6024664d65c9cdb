"""What every glossary format shares: the fields of an entry and their validation.

A reader turns its file into plain values and hands them here; a wrong type, an
unknown field or a repeated id is one :class:`~aligner.errors.GlossaryError`
naming the file and the line, never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping

from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.errors import GlossaryError

ENTRY_FIELDS = ("id", "source", "source_variants", "target", "target_variants", "flagged",
                "note", "category")
LIST_FIELDS = frozenset({"source_variants", "target_variants", "flagged"})
HEADER_FIELDS = ("name", "source_language", "target_language", "description")


def _kind(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list",
             dict: "a table"}
    return names.get(type(value), type(value).__name__)


def strings(value: object, name: str, where: str) -> tuple[str, ...]:
    """A list field: one string or a list of strings."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    if isinstance(value, list):
        bad = next(v for v in value if not isinstance(v, str))
        raise GlossaryError(f"{where}: {name!r} must list strings, found {_kind(bad)} "
                            f"({bad!r}); put each rendering in quotes")
    raise GlossaryError(f"{where}: {name!r} must be a string or a list of strings, "
                        f"found {_kind(value)}")


def text(value: object, name: str, where: str) -> str:
    """A one-string field."""
    if not isinstance(value, str):
        raise GlossaryError(f"{where}: {name!r} must be a string in quotes, found "
                            f"{_kind(value)} ({value!r})")
    return value


def entry_from_mapping(raw: object, where: str,
                       field_where: Mapping[str, str] | None = None) -> GlossaryEntry:
    """An entry from a table of fields; ``where`` ("file, line N") prefixes every message.

    ``field_where`` gives the place of each field when the reader knows it (the
    line of ``source = ...``), so a wrong type points at its own line.
    """
    if not isinstance(raw, Mapping):
        raise GlossaryError(f"{where}: each [[term]] must be a table of fields, found "
                            f"{_kind(raw)}; write [[term]] and its fields on the lines below")
    places = field_where or {}
    unknown = sorted(set(raw) - set(ENTRY_FIELDS))
    if unknown:
        raise GlossaryError(
            f"{places.get(unknown[0], where)}: unknown field {unknown[0]!r}; entries take "
            f"{', '.join(ENTRY_FIELDS)}"
        )
    values: dict[str, object] = {}
    for name in ENTRY_FIELDS:
        at = places.get(name, where)
        if name in LIST_FIELDS:
            values[name] = strings(raw.get(name, []), name, at)
        else:
            values[name] = text(raw.get(name, ""), name, at)
    if not str(values["source"]).strip():
        raise GlossaryError(f"{where}: the entry has an empty source term; fill in 'source'")
    try:
        return GlossaryEntry(**values)  # type: ignore[arg-type]
    except GlossaryError as exc:
        if str(exc).startswith(where):
            raise
        raise GlossaryError(f"{where}: {exc}") from None


def header_from_mapping(raw: object, where: str) -> dict[str, str]:
    """The ``[glossary]`` table: name, languages, description, all strings."""
    if not isinstance(raw, Mapping):
        raise GlossaryError(f"{where}: [glossary] must be a table (name, source_language, "
                            f"target_language, description), found {_kind(raw)}")
    unknown = sorted(set(raw) - set(HEADER_FIELDS))
    if unknown:
        raise GlossaryError(f"{where}: unknown [glossary] field {unknown[0]!r}; it takes "
                            f"{', '.join(HEADER_FIELDS)}")
    return {k: text(raw.get(k, ""), k, where) for k in HEADER_FIELDS}


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
