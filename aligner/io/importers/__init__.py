"""Import aligned pairs made elsewhere: TMX, InterText, ladder files, JSON Lines.

``import_file(path, "tmx")`` returns an ordinary :class:`~aligner.core.model.Alignment`,
ready for :func:`aligner.io.store.save_alignment`, review and export.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment
from aligner.errors import ExportError
from aligner.io.importers.intertext import import_intertext
from aligner.io.importers.jsonl import import_jsonl
from aligner.io.importers.ladder import import_ladder
from aligner.io.importers.tmx import import_tmx
from aligner.io.sanitize import check_language

#: Import formats by name; each takes the file and keyword options.
IMPORTERS: dict[str, Callable[..., Alignment]] = {
    "tmx": import_tmx,
    "intertext": import_intertext,
    "ladder": import_ladder,
    "jsonl": import_jsonl,
}

#: Formats whose importer reads the two texts from --source and --target.
NEEDS_TEXTS = frozenset({"ladder"})
#: Formats that accept --source/--target to override the files they name.
TAKES_TEXTS = frozenset({"ladder", "intertext"})

_SUFFIXES = {".tmx": "tmx", ".jsonl": "jsonl", ".ladder": "ladder"}


def import_format_for_path(path: str | Path) -> str | None:
    """The import format a file's extension suggests, if any."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def import_file(
    path: str | Path,
    fmt: str,
    *,
    source: str | Path | None = None,
    target: str | Path | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> Alignment:
    """Read ``path`` in format ``fmt`` as an alignment; errors are one line."""
    importer = IMPORTERS.get(fmt.lower())
    if importer is None:
        raise ExportError(f"unknown import format {fmt!r}; use one of {', '.join(IMPORTERS)}")
    if not Path(path).exists():
        raise ExportError(f"{path} does not exist; check the path")
    for option, code in (("--source-language", source_language),
                         ("--target-language", target_language)):
        if code is not None:
            check_language(code, option, ExportError)
    kwargs: dict[str, Any] = {
        "source_language": source_language,
        "target_language": target_language,
    }
    if fmt.lower() in TAKES_TEXTS:
        kwargs.update(source=source, target=target)
    elif source is not None or target is not None:
        raise ExportError(f"--source and --target do not apply to {fmt}; the file holds the texts")
    return importer(path, **kwargs)


__all__ = ["IMPORTERS", "import_file", "import_format_for_path"]
