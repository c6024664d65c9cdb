"""``aligner export`` and ``aligner import``: aligned pairs out of and into aligner.

Export writes one format to a file (atomically, refusing to overwrite without
``--force``) or to standard output; InterText writes three files and needs
``-o`` with a folder or a base name. Import reads TMX, InterText, a ladder file
with its two texts, or JSON Lines, and saves an ordinary alignment JSON.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment
from aligner.errors import ExportError, GlossaryError, UsageError
from aligner.io.export import (
    FORMATS,
    ExportFormat,
    ExportOptions,
    export_alignment,
    format_for_path,
    get_format,
    render_text,
)
from aligner.io.export.options import MD_STYLES, parse_lang_tags
from aligner.io.export.segmentation_rules import rules_text, write_rules
from aligner.io.importers import IMPORTERS, NEEDS_TEXTS, import_file, import_format_for_path
from aligner.io.output import check_output
from aligner.io.store import load_alignment, save_alignment

EXPORT_EPILOG = """\
examples:
  aligner export alignments/telegram.json --format tmx -o telegram.tmx
  aligner export telegram.json -o report.html --glossary texts/glossaries/terms.toml
  aligner export telegram.json --format tsv --confirmed --min-confidence 0.8 > pairs.tsv
  aligner export telegram.json --format intertext -o out/telegram
  aligner export telegram.json -o sentences.tmx --level sentence    # a unit per sentence link
  aligner export telegram.json -o project/tm/telegram.tmx --level sentence \\
      --segmentation-rules project/omegat/segmentation.conf    # OmegaT cuts as the TMX does
"""

IMPORT_EPILOG = """\
examples:
  aligner import memory.tmx -o alignments/memory.json
  aligner import khameleon.gold --format ladder --source khameleon.ru.txt \\
      --target khameleon.en.txt -o alignments/khameleon.json
  aligner import out/telegram.ru.en.xml --format intertext -o alignments/telegram.json
"""


def register(subparsers: Any) -> None:
    """Add the ``export`` and ``import`` sub-commands."""
    _register_export(subparsers)
    _register_import(subparsers)


def _register_export(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "export",
        help="write aligned pairs as TMX, TSV, CSV, HTML, Markdown, JSON Lines or InterText",
        description="Export an alignment. Every format carries each text's provenance.",
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("alignment", metavar="ALIGNMENT.json", help="an alignment file")
    p.add_argument("-f", "--format", help=f"one of {', '.join(FORMATS)} (default: from -o)")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="output file ('-' or none: standard output); "
                   "InterText: a folder or a base name")
    p.add_argument("--force", action="store_true", help="overwrite existing output files")
    p.add_argument("--level", choices=("paragraph", "sentence"), default="paragraph",
                   help="a unit per paragraph link (default) or per sentence link inside them "
                   "(TMX segtype=sentence; InterText <s> inside <p>)")
    flt = p.add_argument_group("filters")
    flt.add_argument("--confirmed", action="store_true", help="only links a reviewer confirmed")
    flt.add_argument("--one-to-one", action="store_true", help="only 1-1 links")
    flt.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                     help="only links with confidence at least X (0..1)")
    flt.add_argument("--term", metavar="ID", help="only links where glossary term ID occurs")
    flt.add_argument("--include-rejected", action="store_true",
                     help="also export links a reviewer rejected (left out by default)")
    p.add_argument("--glossary", metavar="FILE",
                   help="glossary for --term and the HTML report's term highlights "
                   "(default: the one the alignment records)")
    p.add_argument("--segmentation-rules", metavar="FILE",
                   help="with --level sentence: also write rules that cut a text into these "
                        "sentences, for a CAT tool: FILE.srx (SRX 2.0) or segmentation.conf "
                        "(an OmegaT project's omegat/ folder)")  # fmt: skip
    fmt = p.add_argument_group("format options")
    fmt.add_argument("--bom", action="store_true", help="TSV/CSV: start with a UTF-8 BOM")
    fmt.add_argument("--no-neutralise", dest="neutralise", action="store_false",
                     help="TSV/CSV: write cells starting with = + - @ as they are")
    fmt.add_argument("--md-style", choices=MD_STYLES, default="table",
                     help="Markdown: a table or paired blocks (default: table)")
    fmt.add_argument("--use-revisions", action="store_true",
                     help="write a link's revised rendering as the target, the original in "
                     "a note (TMX, InterText and the rest)")
    fmt.add_argument("--lang-tags", metavar="SRC,TGT",
                     help="language tags to write, source first, e.g. ru-RU,en-GB (a CAT "
                     "project's languages; default: the documents' codes)")
    p.set_defaults(handler=run_export)


def _register_import(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "import",
        help="make an alignment from TMX, InterText, a ladder file or JSON Lines",
        description="Import aligned pairs made elsewhere as an aligner alignment.",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", metavar="FILE", help="the file to import")
    p.add_argument("-f", "--format", help=f"one of {', '.join(IMPORTERS)} (default: from FILE)")
    p.add_argument("-o", "--output", metavar="OUT.json", required=True,
                   help="the alignment file to write")
    p.add_argument("--force", action="store_true", help="overwrite OUT.json if it exists")
    p.add_argument("--source", metavar="TEXT",
                   help="source text (ladder: required; InterText: instead of fromDoc)")
    p.add_argument("--target", metavar="TEXT",
                   help="target text (ladder: required; InterText: instead of toDoc)")
    p.add_argument("--source-language", metavar="LANG", help="source language code")
    p.add_argument("--target-language", metavar="LANG", help="target language code")
    p.add_argument("--confirm", action="store_true",
                   help="mark every imported link as confirmed (for checked gold alignments)")
    p.set_defaults(handler=run_import)


def _glossary(args: argparse.Namespace, alignment: Alignment, form: ExportFormat) -> Any:
    """The glossary for --term and HTML highlights: --glossary, else the alignment's own.

    Without --glossary, an alignment that records no glossary still exports: only
    --term needs one; the HTML report is then made without highlights, and says so.
    """
    if args.term is None and form.name != "html":
        return None
    from aligner.io.glossary import glossary_for_alignment

    try:
        return glossary_for_alignment(alignment, args.alignment, args.glossary)
    except GlossaryError as exc:
        if args.glossary or args.term:
            raise
        sys.stderr.write(f"aligner: note: the report has no term highlights: {exc}\n")
        return None


def _export_format(args: argparse.Namespace) -> ExportFormat:
    if args.format:
        return get_format(args.format)
    guessed = format_for_path(args.output) if args.output not in (None, "-") else None
    if guessed is None:
        raise UsageError(f"give --format: one of {', '.join(FORMATS)}")
    return guessed


def _write_stdout(text: str) -> None:
    # Bytes, so that a terminal or pipe with a non-UTF-8 locale cannot fail mid-way.
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        out.write(text.encode("utf-8"))
        out.flush()


def run_export(args: argparse.Namespace) -> int:
    """Handler of ``aligner export``."""
    form = _export_format(args)
    options = ExportOptions(
        confirmed_only=args.confirmed,
        one_to_one=args.one_to_one,
        min_confidence=args.min_confidence,
        term=args.term,
        bom=args.bom,
        neutralise=args.neutralise,
        md_style=args.md_style,
        include_rejected=args.include_rejected,
        use_revisions=args.use_revisions,
        lang_tags=parse_lang_tags(args.lang_tags) if args.lang_tags else None,
        level=args.level,
    )
    # Stored segments are what was aligned, so a text changed on disk does not
    # stop an export; the user is told, though.
    rules = args.segmentation_rules
    if rules is not None:
        if options.level != "sentence":
            raise UsageError("--segmentation-rules goes with --level sentence")
        rules_text(rules)  # a name of no known form is refused before any work
        check_output(rules, force=args.force, error=ExportError)
    alignment = load_alignment(args.alignment, check_texts=False)
    glossary = _glossary(args, alignment, form)
    if args.output in (None, "-"):
        if form.several_files:
            raise UsageError(f"{form.name} writes several files; give -o FOLDER or -o BASE_NAME")
        _write_stdout(render_text(alignment, form, options=options, glossary=glossary))
        if rules is not None:
            write_rules(rules, force=args.force)  # standard output holds the export alone
        return 0
    result = export_alignment(
        alignment, args.output, form, options=options, force=args.force, glossary=glossary,
        stem=Path(args.alignment).stem,
    )
    unit = "sentence link" if options.level == "sentence" else "link"
    print(result.summary(form.name, unit))
    if rules is not None:
        write_rules(rules, force=args.force)
        print(f"wrote segmentation rules to {rules}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Handler of ``aligner import``."""
    fmt = args.format or import_format_for_path(args.file)
    if fmt is None:
        raise UsageError(f"give --format: one of {', '.join(IMPORTERS)}")
    if fmt.lower() in NEEDS_TEXTS and (args.source is None or args.target is None):
        raise UsageError(f"{fmt} import needs --source TEXT and --target TEXT")
    out = Path(args.output)
    check_output(out, force=args.force, error=UsageError)
    alignment = import_file(
        args.file, fmt, source=args.source, target=args.target,
        source_language=args.source_language, target_language=args.target_language,
    )
    if args.confirm:
        confirmed = [replace(lk, status="confirmed") for lk in alignment.links]
        alignment = alignment.with_links(confirmed)
    save_alignment(alignment, out)
    skipped = alignment.settings.get("imported", {}).get("skipped_units", 0)
    extra = f" ({skipped} units without both languages skipped)" if skipped else ""
    print(
        f"imported {len(alignment.links)} links ({alignment.source.language}: "
        f"{len(alignment.source.segments)} paragraphs, {alignment.target.language}: "
        f"{len(alignment.target.segments)}) into {out}{extra}"
    )
    return 0
