"""The export formats and the two ways to run one: to a path, or to a stream.

A format renders an :class:`~aligner.io.export.options.ExportContext` to text.
Most formats give one text; InterText gives several files (two documents and
the alignment between them), so it renders a mapping of file name to text.
Writing goes through the store's atomic write: a reader never sees half a file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from aligner.core.model import Alignment, Link
from aligner.core.wording import count
from aligner.errors import ExportError
from aligner.io.export import html, intertext, jsonl, markdown, tabular, tmx
from aligner.io.export.options import DEFAULT_OPTIONS, ExportContext, ExportOptions
from aligner.io.output import check_output, resolve_output
from aligner.io.store import atomic_write_text

Render = Callable[[ExportContext], str]
RenderFiles = Callable[[ExportContext, str], dict[str, str]]


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote: every count is a count of what is in the file."""

    paths: list[Path]
    kept: int
    """Links written (after filters; for TMX, units with text on both sides)."""
    total: int
    """Links in the alignment."""
    rejected: int = 0
    """Rejected links left out (``include_rejected`` keeps them)."""
    one_sided: int = 0
    """Links left out because the format needs text on both sides (TMX)."""

    def summary(self, form: str, unit: str = "link") -> str:
        """``exported 256 of 260 links as tmx to x.tmx; left out: ...`` (``unit``: what
        one record is, "link" or "sentence link")."""
        names = ", ".join(str(p) for p in self.paths)
        line = f"exported {self.kept} of {count(self.total, unit)} as {form} to {names}"
        left = []
        if self.rejected:
            left.append(f"{count(self.rejected, 'rejected link')} (--include-rejected keeps "
                        f"{'it' if self.rejected == 1 else 'them'})")
        if self.one_sided:
            left.append(f"{count(self.one_sided, 'one-sided link')} (a {form} unit needs text "
                        "on both sides)")
        filtered = self.total - self.kept - self.rejected - self.one_sided
        if filtered:
            left.append(f"{count(filtered, 'link')} not matching the filters")
        return line + (f"; left out: {', '.join(left)}" if left else "")


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, file extension and renderer."""

    name: str
    extension: str
    """Usual file extension, with the dot (``.tmx``)."""
    description: str
    render: Render | None = None
    """Renders a one-file format to its text."""
    render_files: RenderFiles | None = None
    """Renders a several-file format: base name -> {file name: text}."""
    one_sided: bool = True
    """Whether a link with text on one side only becomes a record (not in TMX)."""

    def written(self, ctx: ExportContext) -> list[Link]:
        """The links this format writes a record for."""
        if self.one_sided:
            return ctx.links
        return [lk for lk in ctx.links if lk.source and lk.target]

    @property
    def several_files(self) -> bool:
        return self.render_files is not None


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("tmx", ".tmx", "TMX 1.4b translation memory", tmx.render, one_sided=False),
        ExportFormat("tsv", ".tsv", "tab-separated values, a row per link", tabular.render_tsv),
        ExportFormat("csv", ".csv", "comma-separated values, a row per link", tabular.render_csv),
        ExportFormat("html", ".html", "self-contained side-by-side report", html.render),
        ExportFormat("markdown", ".md", "Markdown table or paired blocks", markdown.render),
        ExportFormat("jsonl", ".jsonl", "JSON Lines, one object per link", jsonl.render),
        ExportFormat(
            "intertext",
            ".xml",
            "InterText XML: two document files and their alignment file",
            render_files=intertext.render_files,
        ),
    )
}

#: Other names users type for a format.
ALIASES: dict[str, str] = {"md": "markdown", "htm": "html", "json-lines": "jsonl"}


def get_format(name: str) -> ExportFormat:
    """The format called ``name`` (or an alias of it); an error lists the known ones."""
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ExportError(f"unknown export format {name!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_path(path: str | Path) -> ExportFormat | None:
    """The format a file name's extension suggests, if exactly one does."""
    suffix = Path(path).suffix.lower()
    found = [f for f in FORMATS.values() if f.extension == suffix and not f.several_files]
    return found[0] if len(found) == 1 else None


def _fmt(fmt: str | ExportFormat) -> ExportFormat:
    return fmt if isinstance(fmt, ExportFormat) else get_format(fmt)


def render_text(
    alignment: Alignment,
    fmt: str | ExportFormat,
    *,
    options: ExportOptions = DEFAULT_OPTIONS,
    glossary: Any = None,
) -> str:
    """A one-file format's whole text."""
    form = _fmt(fmt)
    if form.render is None:
        raise ExportError(
            f"{form.name} writes several files; give -o with a folder or a base name"
        )
    return form.render(ExportContext.at_level(alignment, options, glossary))


def export_to_stream(
    alignment: Alignment,
    stream: TextIO,
    fmt: str | ExportFormat,
    *,
    options: ExportOptions = DEFAULT_OPTIONS,
    glossary: Any = None,
) -> None:
    """Write a one-file format to an open text stream (stdout, a StringIO...)."""
    stream.write(render_text(alignment, fmt, options=options, glossary=glossary))


def output_files(path: str | Path, form: ExportFormat, stem: str = "") -> tuple[Path, str]:
    """For a several-file format: the folder to write in and the files' base name.

    ``path`` is an existing folder (files are named after ``stem``) or a base
    name such as ``out/telegram`` (files ``out/telegram.ru.xml`` and so on).
    """
    path = Path(path)
    if path.is_dir():
        return path, stem or "alignment"
    name = path.name
    if name.lower().endswith(form.extension):
        name = name[: -len(form.extension)]
    return path.parent, name


def _check_targets(paths: list[Path], force: bool) -> None:
    for p in paths:
        check_output(p, force=force, error=ExportError)
        folder = resolve_output(p).parent
        if not os.access(folder, os.W_OK):
            raise ExportError(f"cannot write {p}: folder {folder} is not writable")


def _write_all(files: dict[Path, str]) -> None:
    """Write every file atomically; if one fails, remove those this call created."""
    created: list[Path] = []
    try:
        for p, text in files.items():
            existed = p.exists()
            atomic_write_text(p, text)
            if not existed:
                created.append(p)
    except BaseException:
        for p in created:
            p.unlink(missing_ok=True)
        raise


def export_alignment(
    alignment: Alignment,
    path: str | Path,
    fmt: str | ExportFormat,
    *,
    options: ExportOptions = DEFAULT_OPTIONS,
    force: bool = False,
    glossary: Any = None,
    stem: str = "",
) -> ExportResult:
    """Export to a file (or, for InterText, a set of files); says what was written.

    Refuses to overwrite an existing file unless ``force``; renders everything
    before writing anything, so an error leaves no file behind.
    """
    form = _fmt(fmt)
    ctx = ExportContext.at_level(alignment, options, glossary)
    if form.render_files is not None:
        folder, base = output_files(path, form, stem)
        files = {folder / name: text for name, text in form.render_files(ctx, base).items()}
        _check_targets(list(files), force)
    else:
        assert form.render is not None
        # Checked before rendering so that a mistyped path fails at once.
        _check_targets([Path(path)], force)
        files = {Path(path): form.render(ctx)}
    _write_all(files)
    written = len(form.written(ctx))
    return ExportResult(list(files), written, len(ctx.alignment.links), ctx.rejected_left_out,
                        len(ctx.links) - written)
