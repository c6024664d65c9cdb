"""``aligner report``: what the translation left out or added.

Lists 1:0 and 0:1 links, links whose length strays from the document's ratio,
numbers, dates and names on one side only, and (apart) the translator's
bracketed insertions. Plain text, JSON or a self-contained HTML page.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment
from aligner.core.report import (
    KIND_TITLES,
    KINDS,
    Report,
    ReportParams,
    omissions_report,
    report_to_dict,
)
from aligner.errors import UsageError
from aligner.io.output import check_output
from aligner.io.store import atomic_write_text, load_alignment

EPILOG = """\
examples:
  aligner report alignments/kuznetsov-zorin-1962-10-30.json
  aligner report telegram.json --format html -o omissions.html
  aligner report telegram.json --format json --length-factor 1.5 > findings.json
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "report", help="omissions and additions: what the translation left out or added",
        description="Report 1:0 and 0:1 links, links whose length strays from the document's "
        "ratio, numbers, dates and names on one side only, and bracketed editorial insertions.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("alignment", metavar="ALIGNMENT.json")
    p.add_argument("-f", "--format", choices=("table", "json", "html"), default=None,
                   help="default: from -o's extension, else table")
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--force", action="store_true", help="overwrite FILE")
    p.add_argument("--length-factor", type=_factor, default=ReportParams().length_factor,
                   metavar="X", help="report links whose length ratio is X times off "
                   f"(default {ReportParams().length_factor})")
    p.set_defaults(handler=run)


def _factor(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value <= 1.0:
        raise argparse.ArgumentTypeError("the length factor must be greater than 1")
    return value


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    suffix = Path(args.output).suffix.lower() if args.output else ""
    return {".html": "html", ".htm": "html", ".json": "json"}.get(suffix, "table")


def render_table(report: Report) -> str:
    """Plain-text report, one section per kind of finding."""
    lines = list(report.labels)
    lines.append(f"document length ratio (target/source): {report.ratio:.3f}")
    for kind in KINDS:
        found = report.of_kind(kind)
        lines.append(f"\n{KIND_TITLES[kind]}: {len(found)}")
        for f in found:
            text = f"  {f.excerpt}" if f.excerpt and f.excerpt != f.message.strip("[]") else ""
            lines.append(f"  link {f.link + 1:>4}  {f.side:<6}  {f.message}{text}")
    return "\n".join(lines) + "\n"


def _render(report: Report, alignment: Alignment, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        from aligner.io.report_html import render_report_html

        return render_report_html(report, alignment)
    return render_table(report)


def run(args: argparse.Namespace) -> int:
    if args.output and args.output != "-":
        check_output(args.output, force=args.force, error=UsageError)
    alignment = load_alignment(args.alignment, check_texts=False)
    report = omissions_report(alignment, ReportParams(length_factor=args.length_factor))
    text = _render(report, alignment, _format(args))
    if args.output and args.output != "-":
        atomic_write_text(args.output, text)
        print(f"wrote {args.output} ({len(report.findings)} findings)")
    else:
        sys.stdout.write(text)
    return 0
