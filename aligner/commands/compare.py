"""``aligner compare``, ``aligner revise`` and ``aligner diff``: comparing wordings.

``compare`` lines up several translations of one original; ``revise`` stores a
reviewer's rewording of a link beside the original and shows the word diff;
``diff`` lists what changed between two versions of an alignment.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from aligner.core.history import Change, diff_alignments, summarize
from aligner.core.model import Alignment, Document
from aligner.core.revisions import clear_revision, revision_diff, revision_term_effect, set_revision
from aligner.core.wordiff import format_word_diff, word_diff
from aligner.core.wording import count
from aligner.errors import GlossaryError, UsageError
from aligner.io.output import check_output
from aligner.io.sanitize import clean_or_refuse
from aligner.io.store import load_alignment, load_alignment_stamped, save_alignment
from aligner.io.user_files import read_user_text

__all__ = ["register", "run_compare", "run_diff", "run_revise"]

COMPARE_EPILOG = """\
examples:
  aligner compare original.ru.txt henriksen.en.txt bulletin.en.txt
  aligner compare original.ru.txt a.en.txt b.en.txt c.en.txt \\
      --glossary texts/glossaries/kuznetsov-zorin-1962-10-30.toml -o report.html
  aligner compare original.ru.txt a.en.txt reviewed.json --format json > comparison.json
  aligner compare original.ru.txt a.en.txt b.en.txt --ui
A translation may be given as an alignment JSON of the same original (e.g. a reviewed one).
"""

REVISE_EPILOG = """\
examples:
  aligner revise telegram.json 20 --text "Fifth. Until now ..." --note "plainer wording"
  aligner revise telegram.json 20 --file fifth.txt --author jh
  aligner revise telegram.json 20            (show the stored revision's word diff)
  aligner revise telegram.json 20 --clear
LINK is the link's number as the UI, 'terms', 'report' and 'diff' show it, counted from 1.
"""

DIFF_EPILOG = """\
examples:
  aligner diff before-review.json after-review.json
  aligner diff old.json new.json --format json
"""


def register(subparsers: Any) -> None:
    """Add the ``compare``, ``revise`` and ``diff`` sub-commands."""
    _register_compare(subparsers)
    _register_revise(subparsers)
    _register_diff(subparsers)


def _parser(subparsers: Any, name: str, help_text: str, epilog: str) -> argparse.ArgumentParser:
    return subparsers.add_parser(
        name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter,
    )


def _register_compare(subparsers: Any) -> None:
    p = _parser(subparsers, "compare", "compare several translations of one original, "
                "paragraph by paragraph", COMPARE_EPILOG)
    p.add_argument("original", help="the original text")
    p.add_argument("translations", nargs="+", metavar="TRANSLATION",
                   help="two or more translations (texts, or alignment JSON files)")
    p.add_argument("--glossary", help="glossary (TOML, CSV or TBX) for the term table")
    p.add_argument("-o", "--output", help="write the report here (format from the extension)")
    p.add_argument("--force", action="store_true", help="overwrite the -o file if it exists")
    p.add_argument("--format", choices=("html", "table", "json"),
                   help="report format (default: from -o's extension, else table)")
    p.add_argument("--ui", action="store_true",
                   help="browse the comparison in the terminal UI instead of printing it")
    p.set_defaults(handler=run_compare)


def _register_revise(subparsers: Any) -> None:
    p = _parser(subparsers, "revise", "propose a revised wording for a link's target text",
                REVISE_EPILOG)
    p.add_argument("alignment", help="alignment JSON file (saved in place)")
    p.add_argument("link", type=int, help="link number, counted from 1 (as the UI shows it)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--text", help="the revised wording")
    what.add_argument("--file", help="read the revised wording from this file ('-': stdin)")
    what.add_argument("--clear", action="store_true", help="remove the link's revision")
    p.add_argument("--author", help="who proposes it (default: the login name)")
    p.add_argument("--note", default="", help="why, in a sentence")
    p.add_argument("--glossary", help="glossary to check the revision's key terms against "
                   "(default: the one the alignment was made with)")
    p.add_argument("--ignore-changes", action="store_true",
                   help="use the stored segments even if the texts changed on disk")
    p.set_defaults(handler=run_revise)


def _register_diff(subparsers: Any) -> None:
    p = _parser(subparsers, "diff", "list links merged, split, moved, confirmed, rejected, "
                "re-noted or revised between two versions of an alignment", DIFF_EPILOG)
    p.add_argument("old", help="the earlier alignment JSON")
    p.add_argument("new", help="the later alignment JSON")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(handler=run_diff)


# --- compare ---------------------------------------------------------------------


def _load_translation(path: str, original: Document) -> Alignment | Document:
    from aligner.io.texts import load_document

    if Path(path).suffix.lower() != ".json":
        return load_document(path)
    alignment = load_alignment(path, check_texts=False)
    if alignment.source.texts() != original.texts():
        raise UsageError(f"{path} aligns another original than {original.path}; "
                         "compare needs alignments of the same original")
    return alignment


def _load_glossary(path: str | None) -> Any:
    if not path:
        return None
    from aligner.io.glossary import load_glossary

    return load_glossary(path)


def _alignments(args: argparse.Namespace, original: Document, glossary: Any) -> list[Alignment]:
    """Alignment files as they are; texts aligned to the original."""
    from aligner.core.compare import align_translations

    loaded = [_load_translation(path, original) for path in args.translations]
    texts = [item for item in loaded if isinstance(item, Document)]
    pairs = glossary.term_pairs() if glossary is not None else ()
    aligned = iter(align_translations(original, texts, glossary_pairs=pairs))
    return [next(aligned) if isinstance(item, Document) else item for item in loaded]


def run_compare(args: argparse.Namespace) -> int:
    from aligner.core.compare import compare_alignments
    from aligner.io.compare_report import format_for_path, render, write
    from aligner.io.texts import load_document

    if len(args.translations) < 2:
        raise UsageError("give the original and at least two translations to compare")
    fmt = format_for_path(args.output, args.format)
    if args.output:
        check_output(args.output, force=args.force, error=UsageError)
    glossary = _load_glossary(args.glossary)
    original = load_document(args.original)
    alignments = _alignments(args, original, glossary)
    comparison = compare_alignments(alignments, glossary=glossary)
    if args.ui:
        from aligner.tui.compare_screen import CompareApp

        CompareApp(comparison).run()
        return 0
    if not args.output:
        sys.stdout.write(render(comparison, fmt))
        return 0
    write(comparison, args.output, fmt)
    print(f"wrote {args.output} ({fmt}): {len(alignments)} translations, "
          f"{len(comparison.rows)} rows, {len(comparison.missing())} with a paragraph missing, "
          f"{len(comparison.additions)} additions, {len(comparison.terms)} terms")
    return 0


# --- revise ------------------------------------------------------------------------


def _revised_text(args: argparse.Namespace) -> str | None:
    if args.text is not None:
        return args.text
    if args.file is None:
        return None
    if args.file == "-":
        return sys.stdin.read()
    if not Path(args.file).exists():
        raise UsageError(f"revision file {args.file} does not exist; check the path")
    return read_user_text(args.file, UsageError, "a revision text file")


def _link_id(alignment: Alignment, number: int) -> int:
    """The id of the link users call ``number`` (counted from 1)."""
    total = len(alignment.links)
    if not 1 <= number <= total:
        raise UsageError(f"there is no link {number}; links are numbered 1-{total}")
    return alignment.links[number - 1].id


def _term_effect_lines(alignment: Alignment, link_id: int, glossary: Any) -> list[str]:
    if glossary is None:
        return []
    effect = revision_term_effect(alignment, glossary, link_id)
    lines = [f"terms: fixes {f.kind} {f.term}: {f.message}" for f in effect.fixed]
    lines += [f"terms: introduces {f.kind} {f.term}: {f.message}" for f in effect.introduced]
    lines += [f"terms: still {f.kind} {f.term}: {f.message}" for f in effect.kept]
    return lines or ["terms: no findings on this link before or after the revision"]


def _revise_glossary(args: argparse.Namespace, alignment: Alignment) -> Any:
    """``--glossary``, else the one the alignment records (or the bundled one), else None."""
    from aligner.io.glossary import glossary_for_alignment

    if args.glossary:
        return _load_glossary(args.glossary)
    try:
        return glossary_for_alignment(alignment, args.alignment)
    except GlossaryError:
        return None  # term checks are a bonus here; the revision itself is saved


def run_revise(args: argparse.Namespace) -> int:
    alignment, loaded = load_alignment_stamped(
        args.alignment, check_texts=not args.ignore_changes)
    link_id = _link_id(alignment, args.link)
    text = _revised_text(args)
    if text is not None:
        text = clean_or_refuse(text, "the revised text")
    args.note = clean_or_refuse(args.note or "", "--note")
    if args.author is not None:
        args.author = clean_or_refuse(args.author, "--author")
    where = f"link {args.link}"
    if args.clear:
        had = alignment.link_by_id(link_id).revision is not None
        save_alignment(clear_revision(alignment, link_id), args.alignment, expected=loaded)
        print(f"{where}: revision removed" if had else f"{where} had no revision")
        return 0
    if text is not None:
        author = args.author if args.author is not None else _login()
        alignment = set_revision(alignment, link_id, text, author=author, note=args.note)
        save_alignment(alignment, args.alignment, expected=loaded)
    link = alignment.link_by_id(link_id)
    if link.revision is None:
        print(f"{where}: no revision (the wording is the original's)")
        return 0
    rev = link.revision
    saved = "saved to " + args.alignment if text is not None else "stored"
    print(f"{where}: revision {saved} ({rev.author or 'no author'}, {rev.time})")
    print(format_word_diff(revision_diff(alignment, link)))
    for line in _term_effect_lines(alignment, link_id, _revise_glossary(args, alignment)):
        print(line)
    return 0


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in containers without a passwd entry
        return ""


# --- diff ----------------------------------------------------------------------------


def _span(indices: tuple[int, ...], base: int = 0) -> str:
    """``3-5`` for a run of positions, shifted by ``base`` (1 for link numbers)."""
    if not indices:
        return "-"
    first, last = indices[0] + base, indices[-1] + base
    return str(first) if len(indices) == 1 else f"{first}-{last}"


def _change_line(change: Change, old: Alignment) -> str:
    links = f"{_span(change.old_links, 1)} -> {_span(change.new_links, 1)}"
    head = f"{change.kind:<12} links {links:<12} src {_span(change.source):<7} " \
           f"tgt {_span(change.target):<7}"
    if change.kind in ("merged", "split", "moved"):
        return f"{head} {change.before} -> {change.after}"
    if change.kind in ("revised", "unrevised"):
        before = change.before or old.target_text(old.links[change.old_links[0]])
        return f"{head} {format_word_diff(word_diff(before, change.after or before))}"
    if change.kind in ("bookmarked", "unbookmarked"):
        return head
    return f"{head} {json.dumps(change.before, ensure_ascii=False)} -> " \
           f"{json.dumps(change.after, ensure_ascii=False)}"


def run_diff(args: argparse.Namespace) -> int:
    old = load_alignment(args.old, check_texts=False)
    new = load_alignment(args.new, check_texts=False)
    try:
        changes = diff_alignments(old, new)
    except UsageError as exc:
        raise UsageError(f"{args.old} and {args.new}: {exc}") from None
    counts = summarize(changes)
    if args.format == "json":
        data = {"summary": counts, "changes": [
            {**change.__dict__, "old_links": [i + 1 for i in change.old_links],
             "new_links": [i + 1 for i in change.new_links], "source": list(change.source),
             "target": list(change.target)} for change in changes]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for change in changes:
        print(_change_line(change, old))
    total = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    print(f"{count(len(changes), 'change')}: {total}" if changes else "no changes")
    return 0

