"""Editing a TOML glossary in place: new entries and variants, comments and layout kept.

``aligner glossary accept`` adds to a file a person wrote by hand; rewriting it
from the parsed values would drop its comments, its order of fields and its
line breaks. tomlkit edits the document as written.
"""

from __future__ import annotations

from pathlib import Path

import tomlkit
from tomlkit.items import AoT, Array, Table

from aligner.core.glossary import GlossaryEntry
from aligner.errors import GlossaryError
from aligner.io.glossary.toml_format import entry_to_mapping


def _terms(doc: tomlkit.TOMLDocument) -> AoT:
    terms = doc.get("term")
    if terms is None:
        terms = tomlkit.aot()
        doc.append("term", terms)
    if not isinstance(terms, AoT):
        raise GlossaryError("the glossary's 'term' is not a list of [[term]] tables; "
                            "it cannot be edited in place")
    return terms


def _replace_fields(table: Table, entry: GlossaryEntry) -> None:
    """Set a table's fields to an entry's, keeping the table where it is."""
    fields = entry_to_mapping(entry)
    for key in [k for k in table if k not in fields]:
        del table[key]
    for key, value in fields.items():
        if table.get(key) != value:
            table[key] = value


def edit_toml(text: str, new_entries: list[GlossaryEntry],
              new_variants: list[tuple[str, str]],
              replaced: list[GlossaryEntry] = ()) -> str:  # type: ignore[assignment]
    """The TOML text with entries appended, (entry id, rendering) variants added and
    ``replaced`` entries' tables rewritten where they stand."""
    doc = tomlkit.parse(text)
    terms = _terms(doc)
    for entry in replaced:
        table = next((t for t in terms if isinstance(t, Table) and t.get("id") == entry.id),
                     None)
        if table is not None:
            _replace_fields(table, entry)
    for term_id, rendering in new_variants:
        table = next((t for t in terms if isinstance(t, Table) and t.get("id") == term_id), None)
        if table is None:
            raise GlossaryError(f"no entry {term_id!r} in the glossary to add a variant to")
        variants = table.get("target_variants")
        if variants is None:
            table["target_variants"] = tomlkit.array()
            table["target_variants"].append(rendering)
        elif isinstance(variants, Array):
            variants.append(rendering)
        else:  # a single string: make it a list of both
            table["target_variants"] = [str(variants), rendering]
    for entry in new_entries:
        table = tomlkit.table()
        for key, value in entry_to_mapping(entry).items():
            table[key] = value
        terms.append(table)
    return tomlkit.dumps(doc)


def new_toml(source_language: str, target_language: str, name: str = "") -> str:
    """The text of an empty glossary file (its header), to add entries to."""
    doc = tomlkit.document()
    head = tomlkit.table()
    if name:
        head["name"] = name
    head["source_language"] = source_language
    head["target_language"] = target_language
    doc["glossary"] = head
    return tomlkit.dumps(doc)


def is_toml(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".toml"
