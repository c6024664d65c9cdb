"""``aligner align``: align two texts paragraph by paragraph and store the alignment.

The output defaults to ``<name>.alignment.json`` in the current folder, where
``<name>`` is the source file's name without its language and ``.txt``
suffixes (``telegram.ru.txt`` -> ``telegram.alignment.json``). An existing
alignment there is replaced; any other existing file is left alone and the
command stops with an error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment
from aligner.errors import UsageError
from aligner.io.store import FORMAT_NAME, save_alignment
from aligner.io.texts import describe_document

__all__ = ["default_output", "register", "run_align", "summary_lines"]

EPILOG = """\
examples:
  aligner align original.ru.txt translation.en.txt
  aligner align original.ru.txt translation.en.txt -o reviewed/telegram.json \\
      --glossary texts/glossaries/kuznetsov-zorin-1962-10-30.toml
  aligner align a.de b.fr --source-lang de --target-lang fr --param review_threshold=0.6
Without -o the alignment goes to <source name>.alignment.json in the current folder.
"""


def register(subparsers: Any) -> None:
    """Add the ``align`` sub-command."""
    parser = subparsers.add_parser(
        "align",
        help="align a source text with its translation, paragraph by paragraph",
        description="Align SOURCE with its translation TARGET and write the alignment as JSON.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("source", metavar="SOURCE", help="the original text")
    parser.add_argument("target", metavar="TARGET", help="the translation")
    parser.add_argument("-o", "--output", metavar="OUT.json", help="where to write the alignment")
    parser.add_argument(
        "--glossary", metavar="FILE", help="key terms (TOML, CSV or TBX) as anchors"
    )
    parser.add_argument("--source-lang", metavar="LANG", help="language of SOURCE (e.g. ru)")
    parser.add_argument("--target-lang", metavar="LANG", help="language of TARGET (e.g. en)")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override an aligner parameter (band, corridor, review_threshold, ...)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    parser.set_defaults(handler=run_align)


def default_output(source: str | Path) -> Path:
    """``telegram.ru.txt`` -> ``telegram.alignment.json`` in the current folder."""
    name = Path(source).name
    for suffix in (".txt", ".text"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    stem, dot, lang = name.rpartition(".")
    if dot and stem and 2 <= len(lang) <= 3 and lang.isalpha():
        name = stem
    return Path(f"{name or 'alignment'}.alignment.json")


def _check_output(path: Path) -> None:
    """Refuse to overwrite a file that is not an alignment."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name with -o")
    if not path.exists():
        if not path.parent.exists() and str(path.parent):
            raise UsageError(f"folder {path.parent} does not exist; create it or choose another -o")
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise UsageError(
            f"{path} exists and is not an alignment; choose another -o or remove that file first"
        )


def _parse_params(items: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise UsageError(f"--param {item!r} is not NAME=VALUE")
        try:
            params[name.strip()] = json.loads(value)
        except json.JSONDecodeError:
            raise UsageError(
                f"--param {name.strip()}: {value!r} is not a number or true/false"
            ) from None
    return params


def _glossary(path: str) -> Any:
    from aligner.io.glossary_files import load_glossary

    return load_glossary(path)


def _with_term_checks(alignment: Alignment, glossary: Any) -> Alignment:
    """Fill the term flags, so the stored alignment opens with its findings."""
    from aligner.core.terms import apply_checks

    return apply_checks(alignment, glossary)


def summary_lines(alignment: Alignment) -> list[str]:
    """Links by bead type, how many are marked for review, mean confidence."""
    links = alignment.links
    beads = Counter(lk.bead for lk in links)
    order = sorted(beads, key=lambda b: (-beads[b], b))
    review = sum(1 for lk in links if lk.needs_review)
    mean = sum(lk.confidence for lk in links) / len(links) if links else 0.0
    lines = [
        f"{len(alignment.source.segments)} source and {len(alignment.target.segments)} target "
        f"segments, {len(links)} links",
        "beads: " + (", ".join(f"{b} {beads[b]}" for b in order) or "none"),
        f"marked for review: {review}; mean confidence {mean:.2f}",
    ]
    for doc, side in ((alignment.source, "source"), (alignment.target, "target")):
        lines.append(f"{side}: {describe_document(doc)}")
    return lines


def run_align(args: argparse.Namespace) -> int:
    """Load both texts, align them, write the alignment, print a summary."""
    from aligner.core.align import align_documents
    from aligner.io.texts import load_document

    output = Path(args.output) if args.output else default_output(args.source)
    _check_output(output)
    params = _parse_params(args.param)
    source = load_document(args.source, args.source_lang)
    target = load_document(args.target, args.target_lang)
    glossary = _glossary(args.glossary) if args.glossary else None
    pairs = glossary.term_pairs() if glossary is not None else ()
    alignment = align_documents(source, target, glossary_pairs=pairs, **params)
    if glossary is not None:
        alignment = _with_term_checks(alignment, glossary)
        where = os.path.relpath(Path(args.glossary).resolve(), output.resolve().parent)
        alignment = replace(alignment, settings={**alignment.settings, "glossary": where})
    save_alignment(alignment, output)
    if not args.quiet:
        out = sys.stdout
        out.write(f"wrote {output}\n")
        out.writelines(line + "\n" for line in summary_lines(alignment))
    return 0
