"""``aligner align``: align two texts paragraph by paragraph and store the alignment.

The output defaults to ``<name>.alignment.json`` in the current folder, where
``<name>`` is the source file's name without its language and ``.txt``
suffixes (``telegram.ru.txt`` -> ``telegram.alignment.json``). An existing
file there is kept unless ``--force``; an existing alignment that holds review
work (confirmations, rejections, notes, bookmarks, revisions) is replaced only
with ``--force --discard-review``, and its previous content is kept as
``OUT.json.bak``. A file that is not an alignment is never replaced.
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

from aligner.core.model import Alignment, Document
from aligner.core.review import count_needing_review
from aligner.errors import StoreError, UsageError
from aligner.io.output import check_output, keep_backup, resolve_output
from aligner.io.sanitize import check_language
from aligner.io.store import FORMAT_NAME, load_alignment, save_alignment
from aligner.io.texts import describe_document
from aligner.io.user_files import read_user_bytes

__all__ = ["default_output", "register", "run_align", "summary_lines"]

EPILOG = """\
examples:
  aligner align original.ru.txt translation.en.txt
  aligner align original.ru.txt translation.en.txt -o reviewed/telegram.json \\
      --glossary texts/glossaries/kuznetsov-zorin-1962-10-30.toml
  aligner align a.de b.fr --source-lang de --target-lang fr --param review_threshold=0.6
  aligner align corpus.ru.txt corpus.en.txt --sentences lines   # one sentence per line
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
    parser.add_argument("--force", action="store_true",
                        help="replace an existing alignment at the output path")
    parser.add_argument("--discard-review", action="store_true",
                        help="with --force: replace it even if it holds review work "
                             "(the old file is kept as OUT.json.bak)")
    parser.add_argument(
        "--sentences",
        choices=("auto", "lines", "off"),
        default="auto",
        help="how to find sentences for the sentence links inside each paragraph link: "
        "auto (split paragraphs, default), lines (each line of a paragraph is one "
        "sentence, for pre-segmented corpora), off (paragraph links only)",
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


def review_work(alignment: Alignment) -> int:
    """How many links carry a reviewer's work (status, note, bookmark, revision)."""
    return sum(
        1 for lk in alignment.links
        if lk.status != "auto" or lk.note or lk.bookmark or lk.revision is not None
    )


def _check_output(path: Path, force: bool, discard_review: bool) -> bool:
    """Refuse an output that must not be replaced; True when the old file needs a backup."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name with -o")
    real = resolve_output(path)
    if not real.exists() or not real.is_file():
        check_output(path, force=True, error=UsageError)  # folder exists, device is fine
        return False
    try:
        data = json.loads(read_user_bytes(real, UsageError, "an alignment").decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise UsageError(
            f"{path} exists and is not an alignment; choose another -o or remove that file first"
        )
    if not force:
        raise UsageError(f"{path} already exists; use --force to replace that alignment")
    try:
        reviewed = review_work(load_alignment(real, check_texts=False, warn=None))
    except StoreError:
        reviewed = 0  # a damaged alignment holds nothing to lose beyond the .bak
    if reviewed and not discard_review:
        raise UsageError(
            f"{path} holds review work on {reviewed} links (confirmations, notes, bookmarks "
            "or revisions); add --discard-review to replace it (a .bak copy is kept), "
            "or choose another -o"
        )
    return True


def _not_finite(text: str) -> float:
    raise ValueError(f"{text} is not a finite number")


def _parse_params(items: list[str]) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise UsageError(f"--param {item!r} is not NAME=VALUE")
        try:
            params[name.strip()] = json.loads(value, parse_constant=_not_finite)
        except json.JSONDecodeError:
            raise UsageError(
                f"--param {name.strip()}: {value!r} is not a number or true/false"
            ) from None
        except ValueError as exc:  # NaN, Infinity: json accepts them, no parameter does
            raise UsageError(f"--param {name.strip()}: {exc}") from None
        except RecursionError:
            raise UsageError(
                f"--param {name.strip()}: {value!r} is not a number or true/false"
            ) from None
    return params


def _glossary(path: str) -> Any:
    from aligner.io.glossary import load_glossary

    return load_glossary(path)


def _kept_glossary(source: Document, target: Document) -> str | None:
    """The glossary kept beside the texts' folder for a document (``TEXTS/glossaries/ID.toml``)."""
    from aligner.io.glossary import document_glossary_path

    for doc in (source, target):
        path = document_glossary_path(doc)
        if path is not None:
            return str(path)
    return None


def _with_term_checks(alignment: Alignment, glossary: Any) -> Alignment:
    """Fill the term flags, so the stored alignment opens with its findings."""
    from aligner.core.terms import apply_checks

    return apply_checks(alignment, glossary)


def summary_lines(alignment: Alignment) -> list[str]:
    """Links by bead type, how many are marked for review, mean confidence."""
    links = alignment.links
    beads = Counter(lk.bead for lk in links)
    order = sorted(beads, key=lambda b: (-beads[b], b))
    review = count_needing_review(links)  # the rule the UI and `aligner terms` count by
    mean = sum(lk.confidence for lk in links) / len(links) if links else 0.0
    lines = [
        f"{len(alignment.source.segments)} source and {len(alignment.target.segments)} target "
        f"segments, {len(links)} links",
        "beads: " + (", ".join(f"{b} {beads[b]}" for b in order) or "none"),
        f"marked for review: {review}; mean confidence {mean:.2f}",
    ]
    sentence_links = [s for lk in links for s in lk.sentences]
    if sentence_links:
        kinds = Counter(s.bead for s in sentence_links)
        order = sorted(kinds, key=lambda b: (-kinds[b], b))
        lines.append(
            f"{alignment.source.sentence_count} source and {alignment.target.sentence_count} "
            f"target sentences, {len(sentence_links)} sentence links: "
            + ", ".join(f"{b} {kinds[b]}" for b in order)
        )
    for doc, side in ((alignment.source, "source"), (alignment.target, "target")):
        lines.append(f"{side}: {describe_document(doc)}")
    return lines


def run_align(args: argparse.Namespace) -> int:
    """Load both texts, align them, write the alignment, print a summary."""
    from aligner.core.align import align_documents
    from aligner.io.texts import load_document

    output = Path(args.output) if args.output else default_output(args.source)
    backup = _check_output(output, args.force, args.discard_review)
    params = _parse_params(args.param)
    for option, code in (("--source-lang", args.source_lang), ("--target-lang", args.target_lang)):
        if code is not None:
            check_language(code, option)
    mode = None if args.sentences == "off" else args.sentences
    source = load_document(args.source, args.source_lang, sentences=mode)
    target = load_document(args.target, args.target_lang, sentences=mode)
    for doc in (source, target):
        check_language(doc.language, f"{doc.path}: its '# language:' line")
    # the glossary kept for the document by convention when none is given, as every other
    # command uses it: align, terms and the UI then count the same links to review
    glossary_path = args.glossary or _kept_glossary(source, target)
    glossary = _glossary(glossary_path) if glossary_path else None
    pairs = glossary.term_pairs() if glossary is not None else ()
    cache: dict = {}
    alignment = align_documents(source, target, glossary_pairs=pairs, feature_cache=cache, **params)
    if mode is not None:
        from aligner.core.sentences import align_sentences

        alignment = align_sentences(alignment, glossary_pairs=pairs, feature_cache=cache)
    if glossary is not None:
        alignment = _with_term_checks(alignment, glossary)
        where = os.path.relpath(Path(glossary_path).resolve(), output.resolve().parent)
        alignment = replace(alignment, settings={**alignment.settings, "glossary": where})
    if backup:
        kept = keep_backup(output)
        if not args.quiet:
            sys.stdout.write(f"kept the previous alignment as {kept}\n")
    save_alignment(alignment, output)
    if not args.quiet:
        out = sys.stdout
        out.write(f"wrote {output}\n")
        if glossary_path and not args.glossary:
            out.write(f"glossary: {glossary_path} (kept for this document; --glossary for "
                      "another)\n")
        out.writelines(line + "\n" for line in summary_lines(alignment))
    return 0
