"""The TOML glossary format, aligner's own (documented in ``texts/glossaries/README.md``).

A ``[glossary]`` table (name, languages) and one ``[[term]]`` table per entry.
Reading uses the standard library's tomllib; every problem names the file and
the line of the entry or of the field at fault.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import tomli_w

from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.errors import GlossaryError
from aligner.io.glossary.common import (
    ENTRY_FIELDS,
    HEADER_FIELDS,
    build_glossary,
    entry_from_mapping,
    header_from_mapping,
)

_ENTRY_HEADER_RE = re.compile(r"^\s*\[\[\s*term\s*\]\]")
_TABLE_RE = re.compile(r"^\s*\[")
_KEY_RE = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")
_TOML_LINE_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


def _entry_lines(lines: list[str]) -> list[int]:
    return [n for n, line in enumerate(lines, 1) if _ENTRY_HEADER_RE.match(line)]


def _field_lines(lines: list[str], header: int) -> dict[str, int]:
    """Line of each ``key =`` of the table starting at line ``header`` (1-based)."""
    out: dict[str, int] = {}
    for n in range(header, len(lines)):
        line = lines[n]
        if _TABLE_RE.match(line):
            break
        m = _KEY_RE.match(line)
        if m:
            out.setdefault(m.group(1), n + 1)
    return out


def _key_line(lines: list[str], key: str) -> int | None:
    """Line of a top-level ``key =`` (before any table)."""
    for n, line in enumerate(lines, 1):
        if _TABLE_RE.match(line):
            return None
        m = _KEY_RE.match(line)
        if m and m.group(1) == key:
            return n
    return None


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
    lines = text.splitlines()
    unknown = sorted(set(data) - {"glossary", "term"})
    if unknown:
        at = _key_line(lines, unknown[0])
        where = f"{origin}, line {at}" if at else origin
        raise GlossaryError(f"{where}: unknown top-level key {unknown[0]!r}; a glossary has a "
                            "[glossary] table and [[term]] tables")
    head_line = next((n for n, line in enumerate(lines, 1)
                      if re.match(r"^\s*\[\s*glossary\s*\]", line)), None)
    head = header_from_mapping(data.get("glossary", {}),
                               f"{origin}, line {head_line}" if head_line else origin)
    terms = data.get("term", [])
    if not isinstance(terms, list):
        at = _key_line(lines, "term")
        raise GlossaryError(f"{origin}{f', line {at}' if at else ''}: 'term' must be "
                            "[[term]] tables; see texts/glossaries/README.md")
    if not terms:
        raise GlossaryError(f"{origin}: no [[term]] entries; see texts/glossaries/README.md")
    headers = _entry_lines(lines)
    inline = _key_line(lines, "term")
    pairs = []
    for i, raw in enumerate(terms):
        if i < len(headers) and inline is None:
            where = f"{origin}, line {headers[i]}"
            places = {k: f"{origin}, line {n}" for k, n in _field_lines(lines, headers[i]).items()}
        else:
            # "term = [...]" written inline: the line of the key is all we know
            where = f"{origin}, line {inline}" if inline else f"{origin}, term {i + 1}"
            places = {}
        pairs.append((entry_from_mapping(raw, where, places), where))
    return build_glossary(pairs, path=origin, **head)


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
