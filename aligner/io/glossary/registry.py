"""The glossary file formats, by name and extension, like the exporters' registry.

A format reads a file's text into a :class:`~aligner.core.glossary.Glossary`
and writes one back; adding a format is adding a row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aligner.core.glossary import Glossary
from aligner.errors import GlossaryError
from aligner.io.glossary import csv_format, tbx_format, toml_format


@dataclass(frozen=True)
class GlossaryFormat:
    """One glossary file format."""

    name: str
    extensions: tuple[str, ...]
    """File extensions without the dot; the first is the usual one."""
    description: str
    read: Callable[[str, str], Glossary]
    """(file text, where it came from for messages) -> glossary."""
    write: Callable[[Glossary], str]


REGISTRY: dict[str, GlossaryFormat] = {
    f.name: f
    for f in (
        GlossaryFormat("toml", ("toml",), "aligner's own format (texts/glossaries/README.md)",
                       toml_format.glossary_from_toml, toml_format.glossary_to_toml),
        GlossaryFormat("csv", ("csv", "tsv", "txt"), "CAT-tool termbase: source, target, note",
                       csv_format.glossary_from_csv, csv_format.glossary_to_csv),
        GlossaryFormat("tbx", ("tbx", "xml"), "TBX-Basic termbase exchange",
                       tbx_format.glossary_from_tbx, tbx_format.glossary_to_tbx),
    )
}
FORMATS: tuple[str, ...] = tuple(REGISTRY)
_BY_EXTENSION = {ext: f.name for f in REGISTRY.values() for ext in f.extensions}


def format_of(path: str | Path, fmt: str | None = None) -> GlossaryFormat:
    """The format for a path: ``fmt`` if given, else from the extension."""
    if fmt:
        if fmt not in REGISTRY:
            raise GlossaryError(f"unknown glossary format {fmt!r}; use one of {', '.join(FORMATS)}")
        return REGISTRY[fmt]
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in _BY_EXTENSION:
        return REGISTRY[_BY_EXTENSION[suffix]]
    raise GlossaryError(
        f"cannot tell the format of {path} from its extension; name it .toml, .csv or .tbx "
        "(or say --from/--to)"
    )
