"""``aligner open``: review an alignment in the terminal UI (also what bare ``aligner`` runs).

Everything that can fail on the user's input (a missing, corrupted or changed
alignment, an unreadable text or glossary) is checked here, before the UI
starts, so it ends as one ``aligner: error: ...`` line and never a traceback.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment, Document
from aligner.errors import SourceChangedError, UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "open",
        help="review and correct an alignment in the terminal (the default command)",
        description=(
            "Open the review workspace. With no FILE: the bundled telegram (aligned first "
            "if it has no stored alignment). With ALIGNMENT.json: that alignment. With SOURCE "
            "TARGET: align the two texts (in the UI, with progress) and review the result."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="FILE",
                        help="ALIGNMENT.json, or SOURCE and TARGET text files")
    parser.add_argument("-g", "--glossary", metavar="FILE",
                        help="glossary (TOML, CSV or TBX) whose terms are highlighted and checked")
    parser.add_argument("-o", "--output", metavar="OUT.json",
                        help="where SOURCE TARGET's alignment is saved (default: beside SOURCE)")
    parser.add_argument("--ignore-changes", action="store_true",
                        help="open an alignment whose texts changed on disk, "
                             "with the segments it stored")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Prepare everything, then run the app until the user quits."""
    app = prepare(args)  # bad input is reported first, terminal or not
    require_terminal()
    app.run()
    return int(app.return_code or 0)


def require_terminal() -> None:
    """Refuse to start the UI without a terminal: it would wait for keys that never come."""
    import sys

    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            ok = stream is not None and stream.isatty()
        except (ValueError, OSError):
            ok = False
        if not ok:
            raise UsageError(
                f"the review workspace needs a terminal, but standard {name} is not one; "
                "run 'aligner open' in a terminal, or use 'aligner export' or 'aligner report'"
            )


def prepare(args: argparse.Namespace) -> Any:
    """The app for these arguments; raises AlignerError for any bad input."""
    from aligner.tui.app import build_app

    paths = [Path(p) for p in args.paths]
    glossary = _glossary(args.glossary) if args.glossary else None
    if not paths:
        return _bundled(args, glossary, build_app)
    if len(paths) == 1:
        if paths[0].suffix.lower() != ".json":
            raise UsageError(
                f"{paths[0]} is not an alignment (.json); give SOURCE and TARGET texts to align"
            )
        alignment = _load(paths[0], args.ignore_changes)
        glossary = glossary or _glossary_from_settings(alignment, paths[0])
        return build_app(alignment, alignment_path=paths[0], glossary=glossary)
    if len(paths) == 2:
        return _text_pair(args, paths[0], paths[1], glossary, build_app)
    raise UsageError("give at most two files: ALIGNMENT.json, or SOURCE TARGET")


def _load(path: Path, ignore_changes: bool) -> Alignment:
    from aligner.io.store import load_alignment

    return load_alignment(path, check_texts=not ignore_changes)


def _glossary(path: str | Path) -> Any:
    from aligner.io.glossary import load_glossary

    return load_glossary(path)


def _glossary_from_settings(alignment: Alignment, path: Path) -> Any:
    """The glossary the alignment was made with, when its settings name one that exists;
    a recorded one that is gone is named in one warning line and the review opens
    without term checks."""
    import sys

    from aligner.io.glossary import missing_glossary_message, recorded_glossary_path

    candidate = recorded_glossary_path(alignment, path)
    if candidate is None:
        return None
    if not candidate.is_file():
        sys.stderr.write(f"aligner: warning: {missing_glossary_message(candidate, path)}; "
                         "the review opens without term checks\n")
        return None
    return _glossary(candidate)


def _job(label: str, source: Document, target: Document, glossary: Any) -> Any:
    from aligner.core.align import align_documents
    from aligner.tui.loading import AlignJob

    pairs = glossary.term_pairs() if glossary is not None else ()
    return AlignJob(label, lambda progress: align_documents(
        source, target, glossary_pairs=pairs, progress=progress))


def _bundled(args: argparse.Namespace, glossary: Any, build_app: Any) -> Any:
    """The bundled telegram: the user's working copy if there is one, else the stored
    alignment, whose edits are saved to a working copy (never to the tracked file or
    the installed package)."""
    from aligner.io.bundled import (
        bundled_alignment_path,
        bundled_glossary_path,
        load_bundled,
        working_copy_path,
    )

    stored, copy = bundled_alignment_path(), working_copy_path()
    if glossary is None and bundled_glossary_path().is_file():
        glossary = _glossary(bundled_glossary_path())
    if copy.is_file():
        return build_app(_load(copy, args.ignore_changes), alignment_path=copy,
                         glossary=glossary)
    if stored.is_file():
        return build_app(_load(stored, args.ignore_changes), alignment_path=copy,
                         opened_from=stored, glossary=glossary)
    copy.parent.mkdir(parents=True, exist_ok=True)
    source, target = load_bundled()
    return build_app(None, alignment_path=copy, glossary=glossary,
                     job=_job("the bundled telegram", source, target, glossary))


def _text_pair(args: argparse.Namespace, src: Path, tgt: Path, glossary: Any,
               build_app: Any) -> Any:
    from aligner.io.texts import load_document

    out = Path(args.output) if args.output else src.with_name(f"{src.stem}--{tgt.stem}.json")
    from aligner.io.sanitize import check_language

    source, target = load_document(src), load_document(tgt)
    for doc in (source, target):
        check_language(doc.language, f"{doc.path}: its '# language:' line")
    if out.is_file():
        stored = _load(out, args.ignore_changes)
        if (stored.source.sha256, stored.target.sha256) != (source.sha256, target.sha256) \
                and not args.ignore_changes:
            raise SourceChangedError(
                f"{out} already holds an alignment of other texts; choose another -o, or "
                f"open it alone with 'aligner open {out}'"
            )
        return build_app(stored, alignment_path=out, glossary=glossary)
    return build_app(None, alignment_path=out, glossary=glossary,
                     job=_job(f"{src.name} with {tgt.name}", source, target, glossary))
