"""``aligner corpus ...``: align, review and query a whole folder of document pairs.

``init`` writes the manifest of the pairs found by name; ``align`` aligns the
new and changed pairs in parallel (a process pool, or a Dask cluster with
``--scheduler``); ``report``, ``terms``, ``concordance`` and ``export`` answer
across every document; ``open`` lists the documents in the terminal UI and
opens one in the review workspace.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from aligner.core.wording import count
from aligner.errors import CorpusError, UsageError

EPILOG = """\
examples:
  aligner corpus init ~/cables                 # writes ~/cables/corpus.toml, to edit
  aligner corpus align ~/cables --workers 4
  aligner corpus align ~/cables --scheduler tcp://10.0.0.5:8786
  aligner corpus report ~/cables
  aligner corpus terms ~/cables --glossary terms.toml
  aligner corpus concordance ~/cables offensive-weaponry
  aligner corpus export ~/cables -o cables.tmx --confirmed
  aligner corpus open ~/cables
CORPUS is a folder (with corpus.toml or corpus.csv, or pairs NAME.ru.txt + NAME.en.txt)
or a manifest file. Alignments go to CORPUS/alignments/ID.json.
"""

#: Exit code of ``corpus align`` when some pairs failed (the others were aligned).
EXIT_SOME_FAILED = 1


def register(subparsers: Any) -> None:
    """Add ``corpus`` and its actions."""
    c = subparsers.add_parser(
        "corpus", help="align, review and query a whole folder of document pairs",
        description="Work on a corpus: a folder of document pairs with a manifest (TOML or "
        "CSV), or pairs found by name (NAME.ru.txt + NAME.en.txt).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = c.add_subparsers(dest="corpus_command", metavar="ACTION", parser_class=type(c))
    c.set_defaults(handler=_usage)

    p = sub.add_parser("init", help="write the manifest of the pairs found by name",
                       description="Find pairs NAME.SRC.txt + NAME.TGT.txt in CORPUS and its "
                       "sub-folders and write a manifest listing them, for you to edit "
                       "(add dates, archives, translators, glossaries).")
    p.add_argument("corpus", metavar="CORPUS", help="the corpus folder")
    p.add_argument("-o", "--output", metavar="MANIFEST",
                   help="where to write it (default CORPUS/corpus.toml; .csv for CSV)")
    p.add_argument("--source-lang", metavar="LANG", help="language of the originals (e.g. ru)")
    p.add_argument("--target-lang", metavar="LANG", help="language of the translations")
    p.add_argument("--glossary", metavar="FILE", help="a glossary for every pair")
    p.add_argument("--force", action="store_true", help="overwrite an existing manifest")
    p.set_defaults(handler=run_init)

    a = sub.add_parser("align", help="align every new or changed pair, in parallel",
                       description="Align each pair that is new, changed (sha256 of its texts "
                       "or glossary) or failed last time. A failing pair never stops the "
                       "others; a killed run resumes where it stopped. Exit code 1 when some "
                       "pair failed.")
    a.add_argument("corpus", metavar="CORPUS")
    a.add_argument("-w", "--workers", type=_positive, metavar="N",
                   help="worker processes (default: all cores)")
    a.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on the Dask cluster of this scheduler (e.g. tcp://host:8786); "
                   "the corpus folder must be on storage every worker mounts at the same path")
    a.add_argument("--connect-timeout", type=_positive, default=10, metavar="SECONDS",
                   help="how long to try reaching the scheduler (default 10)")
    a.add_argument("--force", action="store_true",
                   help="re-align every pair, even unchanged or reviewed ones")
    a.add_argument("-q", "--quiet", action="store_true", help="no progress, only errors")
    a.set_defaults(handler=run_align)

    r = sub.add_parser("report", help="review state per document: links, to review, confirmed")
    r.add_argument("corpus", metavar="CORPUS")
    r.add_argument("-f", "--format", choices=("table", "json", "csv"), default="table")
    r.set_defaults(handler=run_report)

    t = sub.add_parser("terms", help="glossary term hits, findings and renderings, per "
                       "document, in total and by date")
    t.add_argument("corpus", metavar="CORPUS")
    t.add_argument("-g", "--glossary", metavar="FILE",
                   help="check every document with this glossary (default: each pair's own)")
    t.add_argument("--term", metavar="ID",
                   help="table: how this one term was rendered, per date and per document")
    t.add_argument("-f", "--format", choices=("table", "json", "csv"), default="table")
    t.set_defaults(handler=run_terms)

    k = sub.add_parser("concordance", help="one term in context across every document")
    k.add_argument("corpus", metavar="CORPUS")
    k.add_argument("term", metavar="TERM", help="a glossary entry id (or one of its forms)")
    k.add_argument("-g", "--glossary", metavar="FILE")
    k.add_argument("-w", "--width", type=_positive, default=40, metavar="N",
                   help="characters of context on each side (default 40)")
    k.add_argument("-f", "--format", choices=("table", "json"), default="table")
    k.set_defaults(handler=run_concordance)

    from aligner.corpus.export import CORPUS_FORMATS

    e = sub.add_parser("export", help="one TMX / JSONL / CSV / TSV of the whole corpus",
                       description="Export every aligned document into one file; each unit "
                       "carries its document id, metadata and the texts' provenance.")
    e.add_argument("corpus", metavar="CORPUS")
    e.add_argument("-f", "--format", choices=CORPUS_FORMATS, help="default: from -o")
    e.add_argument("-o", "--output", metavar="OUT", help="file to write ('-' or none: stdout)")
    e.add_argument("--force", action="store_true", help="overwrite OUT")
    flt = e.add_argument_group("filters (as for one document)")
    flt.add_argument("--confirmed", action="store_true", help="only confirmed links")
    flt.add_argument("--one-to-one", action="store_true", help="only 1-1 links")
    flt.add_argument("--min-confidence", type=float, default=0.0, metavar="X")
    flt.add_argument("--term", metavar="ID", help="only links where glossary term ID occurs")
    flt.add_argument("--document", action="append", metavar="ID",
                     help="only this document (repeatable)")
    e.add_argument("-g", "--glossary", metavar="FILE", help="glossary for --term")
    e.add_argument("--bom", action="store_true", help="CSV/TSV: start with a UTF-8 BOM")
    e.add_argument("--no-neutralise", dest="neutralise", action="store_false",
                   help="CSV/TSV: write cells starting with = + - @ as they are")
    e.set_defaults(handler=run_export)

    o = sub.add_parser("open", help="list the documents in the terminal UI and review them")
    o.add_argument("corpus", metavar="CORPUS")
    o.set_defaults(handler=run_open)


def _usage(args: argparse.Namespace) -> int:
    raise UsageError("say what to do: aligner corpus init|align|report|terms|concordance|"
                     "export|open CORPUS (see 'aligner corpus --help')")


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _corpus(args: argparse.Namespace) -> Any:
    from aligner.corpus.manifest import load_corpus

    return load_corpus(args.corpus)


# --- init ------------------------------------------------------------------------------


def run_init(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from aligner.corpus.manifest import discover_documents, manifest_csv, manifest_toml
    from aligner.io.store import atomic_write_text

    folder = Path(args.corpus)
    if not folder.is_dir():
        raise CorpusError(f"{folder} is not a folder; give the folder that holds the texts")
    out = Path(args.output) if args.output else folder / "corpus.toml"
    if out.exists() and not args.force:
        raise CorpusError(f"{out} exists; edit it, or pass --force to write it anew")
    if out.suffix.lower() not in (".toml", ".csv"):
        raise UsageError(f"{out}: a manifest is a .toml or .csv file")
    docs = discover_documents(folder, args.source_lang, args.target_lang)
    if not docs:
        raise CorpusError(f"no pairs NAME.SRC.txt + NAME.TGT.txt found in {folder}; name the "
                          "texts so (e.g. nos.ru.txt and nos.en.txt) or write the manifest "
                          "yourself")
    if args.glossary:
        glossary = Path(args.glossary)
        if not glossary.is_file():
            raise CorpusError(f"glossary {glossary} does not exist")
        docs = [replace(d, glossary=glossary) for d in docs]
    base = out.parent if str(out.parent) else Path(".")
    text = manifest_csv(docs, base) if out.suffix.lower() == ".csv" else manifest_toml(docs, base)
    atomic_write_text(out, text)
    print(f"wrote {out}: {count(len(docs), 'pair')}; edit it to add dates, archives, "
          "translators and glossaries, then run 'aligner corpus align'")
    return 0


# --- align -----------------------------------------------------------------------------


def run_align(args: argparse.Namespace) -> int:
    from aligner.corpus.executors import make_executor
    from aligner.corpus.progress import format_duration
    from aligner.corpus.run import align_corpus, output_folders

    if args.scheduler and args.workers:
        raise UsageError("--workers is for this machine; with --scheduler the cluster's "
                         "workers do the work")
    corpus = _corpus(args)
    for folder in output_folders(corpus):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CorpusError(f"cannot create {folder}: {exc.strerror}; the corpus folder "
                              "must be writable (or set 'output' in the manifest)") from None
    import time

    started = time.monotonic()
    stream = sys.stderr
    quiet_stream = io.StringIO()
    with make_executor(args.workers, args.scheduler, output_folders(corpus),
                       args.connect_timeout) as executor:
        summary = align_corpus(corpus, executor, force=args.force,
                               progress_stream=quiet_stream if args.quiet else stream,
                               interactive=stream.isatty() and not args.quiet)
    if args.quiet:  # only the errors
        stream.writelines(line + "\n" for line in quiet_stream.getvalue().splitlines()
                          if line.startswith("aligner: error:"))
    took = format_duration(time.monotonic() - started)
    parts = [f"{len(summary.aligned)} aligned", f"{len(summary.unchanged)} unchanged"]
    if summary.adopted:
        parts.append(f"{len(summary.adopted)} recorded (aligned by an earlier, stopped run)")
    if summary.kept:
        parts.append(f"{len(summary.kept)} kept (reviewed)")
    parts.append(f"{len(summary.failed)} failed")
    if not args.quiet:
        print(f"{corpus.name}: {count(len(corpus.documents), 'document')}: {', '.join(parts)}; "
              f"{count(summary.paragraphs, 'paragraph')} in {took}; "
              f"alignments in {corpus.output_dir}")
    if summary.failed:
        stream.write(f"aligner: error: {len(summary.failed)} of {len(corpus.documents)} pairs "
                     "failed (each named above); fix them and run again: the others are kept\n")
        return EXIT_SOME_FAILED
    return 0


# --- report ----------------------------------------------------------------------------


_REPORT_COLUMNS = ("document", "date", "state", "links", "to_review", "confirmed", "rejected",
                   "source_provenance", "target_provenance", "error")


def run_report(args: argparse.Namespace) -> int:
    from aligner.corpus.queries import document_statuses

    corpus = _corpus(args)
    rows = document_statuses(corpus)
    records = [{"document": r.id, "date": r.metadata.get("date", ""), "state": r.state,
                "links": r.links, "to_review": r.to_review, "confirmed": r.confirmed,
                "rejected": r.rejected, "other_reviewed": r.other,
                "source_language": r.source_language, "target_language": r.target_language,
                "source_provenance": r.source_provenance,
                "target_provenance": r.target_provenance, "metadata": dict(r.metadata),
                "error": r.error} for r in rows]
    total = {k: sum(int(x[k]) for x in records) for k in ("links", "to_review", "confirmed",
                                                          "rejected")}
    if args.format == "json":
        data = {"corpus": corpus.name, "documents": records, "total": total}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    if args.format == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(_REPORT_COLUMNS)
        for x in records:
            writer.writerow([x[c] for c in _REPORT_COLUMNS])
        sys.stdout.write(out.getvalue())
        return 0
    sys.stdout.write(_report_table(corpus, records, total))
    return 0


def _provenance_cell(src: str, tgt: str) -> str:
    if not src:
        return ""
    return f"{src}/{tgt}" + ("  (NOT ARCHIVAL)" if {src, tgt} & {"reconstructed", "generated"}
                             else "")


def _report_table(corpus: Any, records: list[dict[str, Any]], total: dict[str, int]) -> str:
    width = max([8] + [len(x["document"]) for x in records])
    lines = [f"corpus {corpus.name}: {count(len(records), 'document')}"]
    lines.append(f"{'document':<{width}}  {'date':<10}  {'state':<14} {'links':>6} "
                 f"{'review':>6} {'confirmed':>9} {'rejected':>8}  provenance (source/target)")
    for x in records:
        lines.append(f"{x['document']:<{width}}  {x['date']:<10}  {x['state']:<14} "
                     f"{x['links']:>6} {x['to_review']:>6} {x['confirmed']:>9} "
                     f"{x['rejected']:>8}  "
                     f"{_provenance_cell(x['source_provenance'], x['target_provenance'])}"
                     + (f"  {x['error']}" if x["error"] else ""))
    lines.append(f"{'total':<{width}}  {'':<10}  {'':<14} {total['links']:>6} "
                 f"{total['to_review']:>6} {total['confirmed']:>9} {total['rejected']:>8}")
    return "\n".join(lines) + "\n"


# --- terms -----------------------------------------------------------------------------


def _explicit_glossary(args: argparse.Namespace) -> Any:
    if not getattr(args, "glossary", None):
        return None
    from aligner.io.glossary import load_glossary

    return load_glossary(args.glossary)


def _skipped_notes(skipped: list[tuple[str, str]]) -> None:
    for doc_id, why in skipped:
        sys.stderr.write(f"aligner: note: {doc_id} left out: {why}\n")


def run_terms(args: argparse.Namespace) -> int:
    from aligner.corpus.queries import term_counts

    corpus = _corpus(args)
    result = term_counts(corpus, _explicit_glossary(args))
    _skipped_notes(result.skipped)
    if not result.per_document:
        raise CorpusError(f"no document of {corpus.name} could be checked (see the notes "
                          "above); align the corpus first, or give --glossary")
    if args.format == "json":
        data = {
            "corpus": corpus.name,
            "documents": [{"document": d.id, "date": d.date, "metadata": dict(d.metadata),
                           **c.to_dict()} for d, c in result.per_document],
            "total": result.total.to_dict(),
            "by_date": {date: c.to_dict() for date, c in result.by_date.items()},
            "left_out": [{"document": i, "reason": why} for i, why in result.skipped],
        }
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(_terms_csv(result))
    elif args.term:
        sys.stdout.write(_one_term_table(corpus, result, args.term))
    else:
        sys.stdout.write(_terms_table(corpus, result))
    return 0


def _one_term_table(corpus: Any, result: Any, term: str) -> str:
    """One term across the corpus: by date (when dated), then per document."""
    total = result.total
    if term not in total.terms():
        known = ", ".join(total.terms()[:12])
        raise UsageError(f"the term {term!r} occurs in no document (check the id with "
                         f"'aligner corpus terms'); terms that occur: {known or 'none'}")
    lines = [f"{term} in corpus {corpus.name}: {total.source_hits[term]} in the originals, "
             f"{total.target_hits[term]} in the translations, "
             f"{count(total.term_findings[term], 'finding')}",
             f"renderings: {_renderings(total.renderings.get(term), 12)}"]
    groups = [("date", list(result.by_date.items()))] if result.by_date else []
    groups.append(("document", [(d.id, c) for d, c in result.per_document]))
    for heading, rows in groups:
        width = max([len(heading)] + [len(k) for k, _ in rows])
        lines.append(f"\n{heading:<{width}} {'source':>6} {'target':>6} {'findings':>8}  "
                     "renderings")
        for key, c in rows:
            if c.source_hits[term] or c.target_hits[term] or c.term_findings[term]:
                lines.append(f"{key:<{width}} {c.source_hits[term]:>6} {c.target_hits[term]:>6} "
                             f"{c.term_findings[term]:>8}  {_renderings(c.renderings.get(term))}")
    return "\n".join(lines) + "\n"


def _renderings(found: Any, limit: int = 4) -> str:
    if not found:
        return ""
    common = found.most_common()
    text = "; ".join(f"{t} {n}" for t, n in common[:limit])
    return text + (f"; +{len(common) - limit} more" if len(common) > limit else "")


def _terms_table(corpus: Any, result: Any) -> str:
    total = result.total
    lines = [f"corpus {corpus.name}: {count(len(result.per_document), 'document')} checked, "
             f"{count(total.hits, 'term occurrence')}, {count(total.findings, 'finding')}"]
    if total.finding_kinds:
        lines.append("findings: " + ", ".join(f"{k} {n}" for k, n in
                                              sorted(total.finding_kinds.items())))
    terms = total.terms()
    width = max([4] + [len(t) for t in terms])
    lines.append(f"\n{'term':<{width}} {'source':>7} {'target':>7} {'findings':>8}  renderings")
    for t in terms:
        lines.append(f"{t:<{width}} {total.source_hits[t]:>7} {total.target_hits[t]:>7} "
                     f"{total.term_findings[t]:>8}  {_renderings(total.renderings.get(t))}")
    dwidth = max([8] + [len(d.id) for d, _ in result.per_document])
    lines.append(f"\n{'document':<{dwidth}}  {'date':<10} {'hits':>6} {'findings':>8}  "
                 "provenance")
    for d, c in result.per_document:
        lines.append(f"{d.id:<{dwidth}}  {d.date:<10} {c.hits:>6} {c.findings:>8}  "
                     f"{_provenance_cell(*result.provenance[d.id])}")
    if result.by_date:
        lines.append(f"\n{'date':<10} {'docs':>5} {'hits':>6} {'findings':>8}")
        for date, c in result.by_date.items():
            lines.append(f"{date:<10} {c.documents:>5} {c.hits:>6} {c.findings:>8}")
    return "\n".join(lines) + "\n"


def _terms_csv(result: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["document", "date", "term", "source_hits", "target_hits", "findings",
                     "renderings"])
    for d, c in result.per_document:
        for t in c.terms():
            writer.writerow([d.id, d.date, t, c.source_hits[t], c.target_hits[t],
                             c.term_findings[t], _renderings(c.renderings.get(t), 1000)])
    return out.getvalue()


# --- concordance -----------------------------------------------------------------------


def run_concordance(args: argparse.Namespace) -> int:
    from aligner.corpus.queries import corpus_concordance

    corpus = _corpus(args)
    found, skipped = corpus_concordance(corpus, args.term, width=args.width,
                                        glossary=_explicit_glossary(args))
    _skipped_notes(skipped)
    if not found:
        raise CorpusError(f"no document of {corpus.name} has the term {args.term!r} in its "
                          "glossary (see the notes above)")
    if args.format == "json":
        data = {"corpus": corpus.name, "term": args.term, "documents": [
            {"document": d.id, "date": d.date, "metadata": dict(d.metadata),
             "provenance": {"source": al.source.provenance, "target": al.target.provenance},
             "lines": [_line_dict(x) for x in lines]} for d, al, lines in found]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    total = sum(len(lines) for _, _, lines in found)
    width = max(len(d.id) for d, _, _ in found)
    out = [f"{args.term}: {count(total, 'occurrence')} in {sum(1 for *_, x in found if x)} of "
           f"{count(len(found), 'document')}"]
    for side in ("source", "target"):
        labelled = [d.id for d, al, _ in found if getattr(al, side).is_reconstruction]
        if labelled:
            out.append(f"note: the {side} text of {', '.join(labelled)} is a RECONSTRUCTION, "
                       "not an archival original")
    for side in ("source", "target"):
        out.append(f"\n{side}")
        for d, _al, lines in found:
            for x in lines:
                if x.side != side:
                    continue
                other = "; ".join(x.other) if x.other else "(no rendering)"
                kwic = f"{x.left:>{args.width}}\u27e6{x.match}\u27e7{x.right:<{args.width}}"
                out.append(f"{d.id:<{width}} link {x.link + 1:>4}  {kwic}  | {other}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _line_dict(line: Any) -> dict[str, Any]:
    # link numbers for people start at 1, as in 'aligner concordance'
    return {"side": line.side, "segment": line.segment, "link": line.link + 1,
            "link_id": line.link_id, "start": line.start, "end": line.end, "left": line.left,
            "match": line.match, "right": line.right, "score": line.score,
            "rendering": line.rendering, "other": list(line.other)}


# --- export ----------------------------------------------------------------------------


def _export_format(args: argparse.Namespace) -> str:
    from aligner.corpus.export import CORPUS_FORMATS

    if args.format:
        return str(args.format)
    if args.output and args.output != "-":
        suffix = Path(args.output).suffix.lower().lstrip(".")
        if suffix in CORPUS_FORMATS:
            return suffix
    raise UsageError(f"give --format: one of {', '.join(CORPUS_FORMATS)}")


def run_export(args: argparse.Namespace) -> int:
    from aligner.corpus.export import render_corpus
    from aligner.corpus.queries import glossary_for, load_aligned
    from aligner.io.export import ExportOptions
    from aligner.io.store import atomic_write_text

    fmt = _export_format(args)
    out = None if args.output in (None, "-") else Path(args.output)
    if out is not None and out.exists() and not args.force:
        raise UsageError(f"{out} already exists; use --force to overwrite it")
    options = ExportOptions(confirmed_only=args.confirmed, one_to_one=args.one_to_one,
                            min_confidence=args.min_confidence, term=args.term, bom=args.bom,
                            neutralise=args.neutralise)
    corpus = _corpus(args)
    wanted = set(args.document or ())
    for doc_id in wanted:
        corpus.document(doc_id)  # an unknown id is an error naming the known ones
    explicit = _explicit_glossary(args)
    items, skipped = [], []
    for doc, alignment, problem in load_aligned(corpus):
        if wanted and doc.id not in wanted:
            continue
        if alignment is None:
            skipped.append((doc.id, problem))
            continue
        glossary = None
        if args.term:
            glossary = glossary_for(doc, alignment, corpus.alignment_path(doc), explicit)
        items.append((doc, alignment, glossary))
    _skipped_notes(skipped)
    if not items:
        raise CorpusError(f"no aligned document to export in {corpus.name}; run 'aligner "
                          "corpus align' first")
    result = render_corpus(corpus, items, fmt, options=options)
    if out is None:
        sys.stdout.buffer.write(result.text.encode("utf-8")) if hasattr(
            sys.stdout, "buffer") else sys.stdout.write(result.text)
        sys.stdout.flush()
        return 0
    atomic_write_text(out, result.text)
    print(f"exported {result.units} units of {result.links} links from {result.documents} "
          f"documents as {fmt} to {out}")
    return 0


# --- open ------------------------------------------------------------------------------


def run_open(args: argparse.Namespace) -> int:
    from aligner.tui.corpus_screen import run_corpus_ui

    return run_corpus_ui(_corpus(args))
