"""``aligner reanchor``: accept edited texts, keep the review of everything unchanged.

When a text changed on disk after it was aligned, every command that reads the
alignment says so; ``reanchor`` makes the alignment fit the edited texts again.
Links whose paragraphs are unchanged keep their status, note, bookmark,
revision and id; the changed stretches are aligned again and marked for review.
The alignment is rewritten in place (its previous content kept as ``.bak``)
or written to ``-o``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from aligner.core.model import Alignment, Document
from aligner.errors import UsageError
from aligner.io.output import check_output, keep_backup
from aligner.io.store import load_alignment_stamped, save_alignment

EPILOG = """\
examples:
  aligner reanchor alignments/telegram.json
  aligner reanchor telegram.json --target edited/telegram.en.txt -o telegram-edited.json
Links of unchanged paragraphs keep their review; re-aligned links are marked for review.
"""


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "reanchor", help="fit an alignment to its edited texts, keeping unchanged links",
        description="Re-anchor an alignment to texts edited since it was made: unchanged "
                    "paragraphs keep their links and review, changed stretches are aligned "
                    "again and marked for review.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("alignment", metavar="ALIGNMENT.json")
    p.add_argument("--source", metavar="TEXT", help="the edited source (default: its stored path)")
    p.add_argument("--target", metavar="TEXT", help="the edited target (default: its stored path)")
    p.add_argument("-o", "--output", metavar="OUT.json",
                   help="write here instead of rewriting ALIGNMENT.json (kept as .bak)")
    p.add_argument("--force", action="store_true", help="overwrite OUT.json if it exists")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(handler=run_reanchor)


def _edited(doc: Document, given: str | None, side: str) -> Document:
    from aligner.io.texts import load_document

    path = given or doc.path
    if not path:
        raise UsageError(f"the alignment records no {side} text file; name it with --{side}")
    mode = "auto" if any(seg.sentences for seg in doc.segments) else None
    # Provenance comes from the file as it is now: an edited archival text is no longer
    # the archive's, and the loader labels it so (its recorded digest no longer matches).
    return load_document(path, doc.language, sentences=mode)


def _glossary_pairs(alignment: Alignment, path: str) -> Any:
    from aligner.errors import GlossaryError
    from aligner.io.glossary import glossary_for_alignment

    if not alignment.settings.get("glossary"):
        return ()
    try:
        glossary = glossary_for_alignment(alignment, path, None)
    except GlossaryError:
        return ()
    return glossary.term_pairs() if glossary is not None else ()


def run_reanchor(args: argparse.Namespace) -> int:
    from aligner.core.align import align_documents
    from aligner.core.reanchor import reanchor

    out = Path(args.output) if args.output else Path(args.alignment)
    if args.output:
        check_output(out, force=args.force, error=UsageError)
    old, loaded = load_alignment_stamped(args.alignment, check_texts=False, warn=None)
    source = _edited(old.source, args.source, "source")
    target = _edited(old.target, args.target, "target")
    if source.texts() == old.source.texts() and target.texts() == old.target.texts():
        if not args.quiet:
            print(f"{args.alignment}: the texts' paragraphs are unchanged; nothing to re-anchor")
        return 0
    pairs = _glossary_pairs(old, args.alignment)
    result = reanchor(old, source, target,
                      lambda s, t: align_documents(s, t, glossary_pairs=pairs))
    alignment = result.alignment
    if any(seg.sentences for seg in alignment.source.segments):
        from aligner.core.sentences import realign_sentences

        alignment = realign_sentences(alignment, result.realigned, glossary_pairs=pairs)
    backup = None
    if out == Path(args.alignment) or (out.exists() and args.force):
        backup = keep_backup(out)
    save_alignment(alignment, out, expected=loaded if out == Path(args.alignment) else None)
    if not args.quiet:
        out_stream = sys.stdout
        out_stream.write(
            f"kept {result.kept} links as they were; {result.dropped} links of changed "
            f"paragraphs became {len(result.realigned)} re-aligned links, marked for review\n")
        kept = f" (the previous version is {backup})" if backup else ""
        out_stream.write(f"wrote {out}{kept}\n")
    return 0
