"""``aligner eval``: score alignments against gold ladders (strict and lax P/R/F1).

Arguments come in pairs, ALIGNMENT GOLD; with several pairs the scores are
micro-averaged (counts summed over pairs), as the standard scorers do. An
alignment is an aligner JSON file or, for other tools' output, a ladder file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aligner.core.evaluate import PRF, BeadDifference, Scores, bead_differences, score_alignments
from aligner.core.sentences import sentence_beads
from aligner.core.wording import count
from aligner.errors import StoreError, UsageError
from aligner.io.ladder import Bead, alignment_beads, check_in_range, read_ladder
from aligner.io.store import load_alignment

__all__ = ["format_table", "register", "run_eval"]

EPILOG = """\
examples:
  aligner eval telegram.alignment.json telegram.gold
  aligner eval a.json a.gold b.json b.gold --format json
  aligner eval corpus.json corpus.sent.gold --level sentence
  aligner eval telegram.alignment.json telegram.gold --diff     (list the beads that differ)
The gold is a ladder file: one bead per line, e.g. [0, 1]:[2] (0-based; [] for an empty side).
At --level sentence the indices are global sentence numbers in document order (the
first sentence of the text is 0, numbering runs on across paragraphs).
"""


def register(subparsers: Any) -> None:
    """Add the ``eval`` sub-command."""
    parser = subparsers.add_parser(
        "eval",
        help="score alignments against gold ladders (strict and lax precision, recall, F1)",
        description="Score each ALIGNMENT against its GOLD ladder; pairs are micro-averaged.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="+", metavar="ALIGNMENT GOLD", help="alignment and gold files, in pairs"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--diff", action="store_true",
        help="also list every stretch where the alignment's beads differ from the gold "
        "(link numbers from 1, ladder indices from 0 as in the gold file)",
    )
    parser.add_argument(
        "--level",
        choices=("paragraph", "sentence"),
        default="paragraph",
        help="score paragraph links (default) or the sentence links inside them",
    )
    parser.set_defaults(handler=run_eval)


def _predicted(path: Path, level: str) -> tuple[list[Bead], tuple[int, int] | None]:
    """Beads of an alignment JSON (with its unit counts) or of a ladder file."""
    if path.suffix.lower() != ".json" and path.is_file():
        return read_ladder(path), None
    try:
        alignment = load_alignment(path, check_texts=False)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    if level == "sentence":
        if not any(lk.sentences for lk in alignment.links):
            raise UsageError(
                f"{path} has no sentence links; make it with 'aligner align' without "
                "--sentences off, or score it with --level paragraph"
            )
        counts = (alignment.source.sentence_count, alignment.target.sentence_count)
        return sentence_beads(alignment), counts
    counts = (len(alignment.source.segments), len(alignment.target.segments))
    return alignment_beads(alignment), counts


def _load_pairs(files: list[str], level: str = "paragraph") -> list[tuple[list[Bead], list[Bead]]]:
    if len(files) % 2:
        raise UsageError(
            f"eval takes ALIGNMENT GOLD pairs; got {len(files)} file{'s' if len(files) > 1 else ''}"
            " (the last one has no partner)"
        )
    pairs = []
    for pred_name, gold_name in zip(files[::2], files[1::2], strict=True):
        predicted, counts = _predicted(Path(pred_name), level)
        gold = read_ladder(gold_name)
        if not gold:
            raise UsageError(
                f"{gold_name} has no beads; a gold ladder has one bead per line, e.g. [0, 1]:[2]"
            )
        if counts is not None:
            check_in_range(gold, counts[0], counts[1], gold_name)
        pairs.append((predicted, gold))
    return pairs


def _row(name: str, prf: PRF) -> str:
    return (
        f"{name:<7} {prf.precision:>9.4f} {prf.recall:>7.4f} {prf.f1:>7.4f}   "
        f"({prf.matched_predicted}/{prf.predicted} predicted, {prf.matched_gold}/{prf.gold} gold)"
    )


def format_table(scores: Scores) -> str:
    """A small text table of strict and lax scores."""
    head = f"{'':<7} {'precision':>9} {'recall':>7} {'F1':>7}"
    avg = "micro-averaged over" if scores.pairs > 1 else "over"
    lines = [head, _row("strict", scores.strict), _row("lax", scores.lax)]
    lines.append(f"{avg} {scores.pairs} pair{'s' if scores.pairs != 1 else ''}")
    return "\n".join(lines) + "\n"


def _ladder(beads: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> str:
    return " ".join(f"{list(s)}:{list(t)}" for s, t in beads)


def _span(positions: tuple[int, ...]) -> str:
    if not positions:
        return "-"
    first, last = positions[0] + 1, positions[-1] + 1
    return f"link {first}" if first == last else f"links {first}-{last}"


def format_differences(name: str, diffs: list[BeadDifference]) -> str:
    """One block per differing stretch: the links, their beads, the gold's beads."""
    lines = [f"{name}: {count(len(diffs), 'difference')} from the gold"]
    for d in diffs:
        lines.append(f"  {_span(d.links):<14} {_ladder(d.predicted)}")
        lines.append(f"  {'gold':<14} {_ladder(d.gold)}")
    return "\n".join(lines) + "\n"


def _difference_dict(d: BeadDifference) -> dict[str, object]:
    return {"links": [i + 1 for i in d.links],
            "predicted": [[list(s), list(t)] for s, t in d.predicted],
            "gold": [[list(s), list(t)] for s, t in d.gold]}


def run_eval(args: argparse.Namespace) -> int:
    """Score and print (with --diff, the beads that differ too)."""
    pairs = _load_pairs(args.files, args.level)
    scores = score_alignments(pairs)
    names = args.files[::2]
    diffs = [bead_differences(p, g) for p, g in pairs] if args.diff else []
    if args.format == "json":
        data = scores.as_dict()
        if args.diff:
            data["differences"] = {name: [_difference_dict(d) for d in found]
                                   for name, found in zip(names, diffs, strict=True)}
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
        return 0
    sys.stdout.write(format_table(scores))
    if args.diff:
        for name, found in zip(names, diffs, strict=True):
            sys.stdout.write("\n" + format_differences(name, found))
    return 0
