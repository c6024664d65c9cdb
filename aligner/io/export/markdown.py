"""Markdown: a table (one row per link) or paired blocks (a section per link).

Document text is escaped so that it always shows as the text itself: Markdown
punctuation that could start emphasis, code, links or raw HTML (``\\ ` * _ [ ] <
> | & ~``) gets a backslash, and a line that could start a heading, list, quote
or rule has its first character escaped. In the table style a newline inside a
text becomes ``<br>``; in the blocks style it becomes a hard line break.
Characters XML forbids are dropped, since Markdown is usually rendered as HTML.
"""

from __future__ import annotations

import re

from aligner import __version__
from aligner.core.model import Link
from aligner.core.wording import count
from aligner.io.export.options import (
    ExportContext,
    display_title,
    flags_text,
    metadata_items,
    xml_safe,
)

_INLINE = re.compile(r"([\\`*_\[\]<>|&~])")
# Line starts that make a block: headings, lists, quotes, rules, setext underlines.
_LINE_START = re.compile(r"^(\s*)(\d*)([#+\-=>.)])", re.MULTILINE)
NO_COUNTERPART = "*(no counterpart)*"


def escape_inline(text: str) -> str:
    """Escape a text for use inside a line (a table cell, a list item)."""
    return _INLINE.sub(r"\\\1", xml_safe(text))


def escape_block(text: str) -> str:
    """Escape a text that stands as its own paragraph(s)."""
    return _LINE_START.sub(_escape_line_start, escape_inline(text))


def _escape_line_start(m: re.Match[str]) -> str:
    indent, digits, mark = m.groups()
    if digits and mark not in ".)":
        return m.group(0)  # "12=" or "3#" start no block
    if not digits and mark in ".)":
        return m.group(0)  # a plain "." or ")" starts no block
    return f"{indent}{digits}\\{mark}"


def _cell(text: str) -> str:
    return escape_inline(text).replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _header(ctx: ExportContext) -> list[str]:
    al = ctx.alignment
    titles = [escape_inline(display_title(doc)) for doc in (al.source, al.target)]
    lines = [f"# {titles[0]} / {titles[1]}", ""]
    for note in ctx.provenance_notes():
        lines += [f"> **Provenance:** {escape_inline(note)}", ""]
    for role, doc in (("Source", al.source), ("Target", al.target)):
        lines.append(f"**{role}** ({doc.language}, {doc.provenance}):")
        lines += [f"- {key}: {escape_inline(value)}" for key, value in metadata_items(doc)]
        lines.append("")
    filters = ctx.options.describe_filters()
    lines += [f"*Exported by aligner {__version__} on {ctx.created.isoformat()}.*", ""]
    shown = f"{len(ctx.links)} of {count(len(al.links), 'link')}"
    lines += [f"*{shown}" + (f"; {', '.join(filters)}*" if filters else "*"), ""]
    return lines


def _table(ctx: ExportContext) -> list[str]:
    al = ctx.alignment
    revised = any(lk.revision is not None for lk in ctx.links)
    head = ["#", f"Source ({al.source.language})", f"Target ({al.target.language})"]
    head += (["Original"] if ctx.options.use_revisions else ["Revision"]) if revised else []
    head += ["Confidence", "Status", "Flags", "Note"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for lk in ctx.links:
        row = [str(ctx.numbers[lk.id]), _side(ctx.source_text(lk)), _side(ctx.target_text(lk))]
        if revised:
            row.append(_cell(_other_version(ctx, lk)))
        row += [f"{lk.confidence:.2f}", lk.status, _cell(flags_text(lk)), _cell(lk.note)]
        lines.append("| " + " | ".join(row) + " |")
    return lines + [""]


def _other_version(ctx: ExportContext, lk: Link) -> str:
    """The version of the target not in the target column: the revision, or the original."""
    if lk.revision is None:
        return ""
    return ctx.original_target(lk) if ctx.uses_revision(lk) else lk.revision.text


def _side(text: str) -> str:
    return _cell(text) if text else NO_COUNTERPART


def _block_text(text: str) -> str:
    if not text:
        return NO_COUNTERPART
    paragraphs = text.split("\n\n")
    # A trailing backslash is CommonMark's hard line break.
    return "\n\n".join(escape_block(p).replace("\n", "\\\n") for p in paragraphs)


def _block(ctx: ExportContext, lk: Link) -> list[str]:
    al = ctx.alignment
    lines = [
        f"## Link {ctx.numbers[lk.id]} · {lk.bead} · {lk.status} · confidence "
        f"{lk.confidence:.2f}",
        "",
        f"**{al.source.language}:**",
        "",
        _block_text(ctx.source_text(lk)),
        "",
        f"**{al.target.language}:**",
        "",
        _block_text(ctx.target_text(lk)),
        "",
    ]
    if lk.revision is not None:
        heading = "**Original:**" if ctx.uses_revision(lk) else "**Revision:**"
        lines += [heading, "", _block_text(_other_version(ctx, lk)), ""]
        if lk.revision.note:
            lines += [f"*Revision note:* {escape_inline(lk.revision.note)}", ""]
    if lk.flags:
        lines += [f"*Flags:* {escape_inline(flags_text(lk))}", ""]
    if lk.note:
        lines += [f"*Note:* {escape_inline(lk.note)}", ""]
    return lines


def render(ctx: ExportContext) -> str:
    """The Markdown document in the options' style."""
    lines = _header(ctx)
    if ctx.options.md_style == "table":
        lines += _table(ctx)
    else:
        for lk in ctx.links:
            lines += _block(ctx, lk)
    return "\n".join(lines).rstrip("\n") + "\n"
