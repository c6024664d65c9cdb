"""``aligner terms``, ``aligner concordance`` and ``aligner glossary ...``: key terms.

``terms`` lists every occurrence of every glossary term and the rendering
checks; ``concordance`` shows one term in context in both languages;
``glossary suggest|accept|import|export`` proposes entries from an alignment,
writes accepted ones into a glossary file, and converts between TOML, CSV and
TBX. Output is plain text, JSON or CSV: document text is never interpreted.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from aligner.core.glossary import Glossary
from aligner.core.model import FLAG_KINDS, REVIEW_FLAG_KINDS, Alignment, severity
from aligner.core.review import count_needing_review
from aligner.core.terms import MatchParams, TermHit, apply_checks, find_hits, hits_by_segment
from aligner.core.terms.concordance import ConcordanceLine, concordance
from aligner.core.terms.discovery import Suggestion, suggest_terms
from aligner.core.terms.types import SharedRendering
from aligner.core.wording import count
from aligner.errors import GlossaryError, UsageError
from aligner.io.export.tabular import neutralise_cell as neutralise
from aligner.io.glossary import (
    FORMATS,
    format_of,
    glossary_for_alignment,
    load_glossary,
    read_text,
    save_glossary,
)
from aligner.io.glossary.csv_format import glossary_to_csv
from aligner.io.glossary.toml_edit import edit_toml, is_toml, new_toml
from aligner.io.glossary.toml_format import glossary_from_toml
from aligner.io.output import check_output
from aligner.io.store import atomic_write_text, load_alignment

TERMS_EPILOG = """\
examples:
  aligner terms alignments/kuznetsov-zorin-1962-10-30.json
  aligner terms telegram.json --glossary texts/glossaries/kuznetsov-zorin-1962-10-30.toml \\
      --format json > terms.json
  aligner concordance telegram.json offensive-weaponry --width 50
"""


def register(subparsers: Any) -> None:
    """Add ``terms``, ``concordance`` and ``glossary``."""
    p = subparsers.add_parser(
        "terms", help="find glossary terms in both texts and check how they are rendered",
        description="List every occurrence of every glossary term (with character spans) and "
        "the rendering checks, most severe first: flagged, missing, near, inconsistent, "
        "variant. Only the first three put a link up for review.",
        epilog=TERMS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("alignment", metavar="ALIGNMENT.json")
    _glossary_option(p)
    p.add_argument("-f", "--format", choices=("table", "json", "csv"), default="table")
    p.add_argument("--threshold", type=_unit, default=MatchParams().threshold, metavar="X",
                   help=f"lowest match score kept, 0..1 (default {MatchParams().threshold})")
    p.add_argument("--findings-only", action="store_true",
                   help="leave out the occurrences: only the findings, most severe first")
    p.set_defaults(handler=run_terms)

    c = subparsers.add_parser(
        "concordance", help="one term in context (KWIC) in both languages",
        description="Every occurrence of one glossary term with its context, the link it sits "
        "in and the rendering found on the other side.",
        epilog=TERMS_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("alignment", metavar="ALIGNMENT.json")
    c.add_argument("term", metavar="TERM", help="a glossary entry id (or one of its forms)")
    _glossary_option(c)
    c.add_argument("-w", "--width", type=_width, default=40, metavar="N",
                   help=f"characters of context on each side, 1..{MAX_WIDTH} (default 40)")
    c.add_argument("-f", "--format", choices=("table", "json"), default="table")
    c.add_argument("--context", choices=("sentence", "paragraph"), default="sentence",
                   help="cut the context from the sentence holding the term (default; the "
                   "whole paragraph when the text is not split into sentences) or its paragraph")
    c.set_defaults(handler=run_concordance)
    _register_glossary(subparsers)


def _glossary_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("-g", "--glossary", metavar="FILE",
                   help="glossary (TOML, CSV or TBX); default: the one the alignment records, "
                   "or the bundled one for the bundled telegram")


def _unit(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is outside 0..1")
    return value


#: Widest context accepted: two 1,000-character sides fill several screens
#: already; without a bound, a mistyped width made the output gigabytes long.
MAX_WIDTH = 1000


def _width(text: str) -> int:
    value = _positive(text)
    if value > MAX_WIDTH:
        raise argparse.ArgumentTypeError(f"{value} is wider than {MAX_WIDTH} characters")
    return value


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return int(text)


def _load(args: argparse.Namespace) -> tuple[Alignment, Any]:
    # read-only commands report on the segments the alignment stored
    alignment = load_alignment(args.alignment, check_texts=False)
    return alignment, glossary_for_alignment(alignment, args.alignment, args.glossary)


def _hit_dict(h: TermHit) -> dict[str, Any]:
    return {"term": h.term, "side": h.side, "segment": h.segment, "start": h.start, "end": h.end,
            "text": h.text, "score": h.score, "form": h.form, "rendering": h.rendering}


def _flag_dicts(checked: Alignment) -> list[dict[str, Any]]:
    """Every finding, most severe first, then in link order (document findings by first link).

    ``link`` is the link's number as users see it (from 1); ``link_id`` the stable id.
    """
    out = []
    for i, lk in enumerate(checked.links):
        for f in lk.flags:
            out.append({"kind": f.kind, "term": f.term, "link": i + 1, "link_id": lk.id,
                        "message": f.message, "detail": dict(f.detail)})
    index = {lk.id: i + 1 for i, lk in enumerate(checked.links)}
    for f in checked.document_flags:
        ids = sorted({i for ids in dict(f.detail.get("links", {})).values() for i in ids})
        links = [index[i] for i in ids if i in index]
        out.append({"kind": f.kind, "term": f.term, "link": links[0] if links else None,
                    "links": links, "message": f.message, "detail": dict(f.detail)})
    out.sort(key=lambda d: (severity(d["kind"]), d["link"] is None, d["link"] or 0))
    return out


def run_terms(args: argparse.Namespace) -> int:
    alignment, glossary = _load(args)
    params = MatchParams(threshold=args.threshold)
    hits = [] if args.findings_only else find_hits(alignment, glossary, params)
    checked = apply_checks(alignment, glossary, params)
    flags = _flag_dicts(checked)
    review = count_needing_review(checked.links)
    shared = hits_by_segment(alignment, glossary, params).shared
    if args.format == "json":
        data: dict[str, Any] = {"glossary": glossary.path or glossary.name,
                                "links_to_review": review}
        if not args.findings_only:
            data["hits"] = [_hit_dict(h) for h in hits]
        data["flags"] = flags
        data["shared"] = _shared_dicts(shared)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        sys.stdout.write(_terms_csv(hits, flags))
    else:
        sys.stdout.write(_terms_table(alignment, glossary, hits, flags, review, shared,
                                      args.findings_only))
    return 0


def _shared_dicts(shared: Sequence[SharedRendering]) -> list[dict[str, Any]]:
    """Spans two entries claimed, once per (text, owner, others)."""
    seen: dict[tuple[str, str, tuple[str, ...]], int] = {}
    for s in shared:
        key = (s.text.casefold(), s.owner, s.others)
        seen[key] = seen.get(key, 0) + 1
    return [{"text": t, "term": owner, "also": list(others), "count": n}
            for (t, owner, others), n in seen.items()]


def _terms_csv(hits: list[TermHit], flags: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["record", "term", "side", "segment", "start", "end", "text", "score",
                     "rendering", "link", "kind", "message"])
    for h in hits:
        writer.writerow(["hit", h.term, h.side, h.segment, h.start, h.end, neutralise(h.text),
                         h.score, h.rendering, "", "", ""])
    for f in flags:
        writer.writerow(["flag", f["term"], "", "", "", "", "", "", "",
                         "" if f["link"] is None else f["link"], f["kind"],
                         neutralise(f["message"])])
    return out.getvalue()


def _terms_table(alignment: Alignment, glossary: Any, hits: list[TermHit],
                 flags: list[dict[str, Any]], review: int, shared: Sequence[SharedRendering],
                 findings_only: bool) -> str:
    lines = [f"glossary: {glossary.path or glossary.name} ({len(glossary)} terms)"]
    lines += [f"note: the {side} text is {doc.provenance.upper()}, not an archival original"
              for side, doc in (("source", alignment.source), ("target", alignment.target))
              if doc.provenance != "archival"]
    if not findings_only:
        lines.append(f"\n{count(len(hits), 'occurrence')}")
        lines.append(f"{'side':<6} {'seg':>4} {'span':>11}  {'term':<28} {'score':>5}  text")
        for h in hits:
            span = f"{h.start}-{h.end}"
            lines.append(f"{h.side:<6} {h.segment:>4} {span:>11}  {h.term:<28} {h.score:>5.2f}  "
                         f"{h.text}" + ("" if h.side == "source" else f"  ({h.rendering})"))
    counts = Counter(f["kind"] for f in flags)
    by_kind = ", ".join(f"{k} {counts[k]}" for k in FLAG_KINDS if counts[k])
    lines.append(f"\n{count(len(flags), 'finding')}, most severe first" +
                 (f" ({by_kind})" if by_kind else ""))
    for f in flags:
        where = "document" if "link_id" not in f else f"link {f['link']}"
        lines.append(f"{where:<10} {f['kind']:<12} {f['term']:<28} {f['message']}")
    for s in _shared_dicts(shared):
        lines.append(f"note: \u201c{s['text']}\u201d is claimed by {s['term']} and "
                     f"{', '.join(s['also'])}; counted under {s['term']}, the more specific "
                     f"({s['count']}\u00d7)")
    lines.append(f"links to review: {review} (unreviewed links the aligner doubts or with a "
                 f"{', '.join(REVIEW_FLAG_KINDS)} finding)")
    return "\n".join(lines) + "\n"


def _line_dict(line: ConcordanceLine) -> dict[str, Any]:
    return {"side": line.side, "segment": line.segment, "link": line.link + 1,
            "start": line.start, "end": line.end, "left": line.left, "match": line.match,
            "right": line.right, "score": line.score, "rendering": line.rendering,
            "other": list(line.other), "sentence": line.sentence}


def run_concordance(args: argparse.Namespace) -> int:
    alignment, glossary = _load(args)
    entry = glossary.entry(args.term)
    lines = concordance(alignment, glossary, entry.id, width=args.width, context=args.context)
    if args.format == "json":
        data = {"term": entry.id, "source": entry.source, "target": entry.target,
                "lines": [_line_dict(x) for x in lines]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    out = [f"{entry.id}: {entry.source} -> {entry.target or entry.target_forms[0]}"
           f" ({count(len(lines), 'occurrence')})"]
    for side in ("source", "target"):
        side_lines = [x for x in lines if x.side == side]
        out.append(f"\n{side} ({getattr(alignment, side).language})")
        for x in side_lines:
            other = "; ".join(x.other) if x.other else "(no rendering)"
            kwic = f"{x.left:>{args.width}}\u27e6{x.match}\u27e7{x.right:<{args.width}}"
            where = f"sentence {x.sentence + 1:>4}  " if x.sentence >= 0 else ""
            out.append(f"link {x.link + 1:>3}  {where}{kwic}  | {other}")
        if not side_lines:
            out.append("  (no occurrences)")
    sys.stdout.write("\n".join(out) + "\n")
    return 0



# --- aligner glossary ... --------------------------------------------------------

GLOSSARY_EPILOG = """\
examples:
  aligner glossary suggest telegram.json
  aligner glossary accept telegram.json --into my-terms.toml un-presence offensive-weaponry
  aligner glossary import termbase.csv -o texts/glossaries/my-terms.toml
  aligner glossary export texts/glossaries/kuznetsov-zorin-1962-10-30.toml -o terms.tbx
"""


def _register_glossary(subparsers: Any) -> None:
    g = subparsers.add_parser(
        "glossary", help="suggest, accept, import and export glossary entries",
        description="Work with glossary files: propose entries from an alignment, accept them "
        "into a glossary, convert between TOML, CSV (source, target, note) and TBX-Basic.",
        epilog=GLOSSARY_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = g.add_subparsers(dest="glossary_command", metavar="ACTION",
                           parser_class=type(g))
    s = sub.add_parser("suggest", help="propose glossary entries from an alignment")
    s.add_argument("alignment", metavar="ALIGNMENT.json")
    s.add_argument("-g", "--glossary", metavar="FILE", help="leave out terms this glossary has")
    s.add_argument("-f", "--format", choices=("table", "json"), default="table")
    s.add_argument("--limit", type=_positive, default=50, metavar="N")
    s.add_argument("--min-count", type=_positive, default=2, metavar="N",
                   help="occurrences a frequent phrase needs (default 2)")
    s.set_defaults(handler=run_suggest)
    a = sub.add_parser("accept", help="write suggestions into a glossary file")
    a.add_argument("alignment", metavar="ALIGNMENT.json")
    a.add_argument("suggestions", nargs="+", metavar="SUGGESTION",
                   help="suggestion ids or numbers as 'glossary suggest' lists them, or "
                   "TERM=RENDERING to add a near rendering it lists as a variant of TERM")
    a.add_argument("-g", "--glossary", metavar="FILE",
                   help="the glossary the suggestions and near renderings start from "
                   "(default: the one the alignment records)")
    a.add_argument("--into", required=True, metavar="GLOSSARY",
                   help="glossary file to add to (created if missing; TOML, CSV or TBX)")
    a.add_argument("--replace", action="store_true", help="replace entries with the same id")
    a.epilog = ("A TOML glossary is edited in place: its comments and layout are kept.")
    a.set_defaults(handler=run_accept)
    for name, verb in (("import", "read"), ("export", "write")):
        c = sub.add_parser(name, help=f"{verb} a glossary as TOML, CSV or TBX")
        c.add_argument("input", metavar="FILE")
        c.add_argument("-o", "--output", required=True, metavar="OUT")
        c.add_argument("--from", dest="from_format", choices=FORMATS, help="format of FILE")
        c.add_argument("--to", dest="to_format", choices=FORMATS, help="format of OUT")
        c.add_argument("--source-lang", metavar="CODE", help="source language, if FILE lacks it")
        c.add_argument("--target-lang", metavar="CODE", help="target language, if FILE lacks it")
        c.add_argument("--force", action="store_true", help="overwrite OUT")
        c.add_argument("--no-neutralise", action="store_true",
                       help="CSV: keep cells starting with = + - @ as they are (by default "
                       "they get a leading ' so a spreadsheet shows them as text)")
        c.set_defaults(handler=run_convert)
    g.set_defaults(handler=lambda args: _usage(g))


def _usage(parser: argparse.ArgumentParser) -> int:
    raise UsageError("say what to do: aligner glossary suggest|accept|import|export ...")


def _known_glossary(alignment: Alignment, args: argparse.Namespace) -> Glossary | None:
    """The glossary suggestions start from: --glossary, else the one the alignment records
    (or keeps beside its texts); None when there is none."""
    explicit = getattr(args, "glossary", None)
    if explicit:
        return load_glossary(explicit)
    try:
        return glossary_for_alignment(alignment, args.alignment)
    except GlossaryError as exc:
        if "records no glossary" in str(exc):
            return None
        raise


def _suggestions(args: argparse.Namespace, alignment: Alignment,
                 known: Glossary | None, limit: int | None = None) -> list[Suggestion]:
    return suggest_terms(alignment, glossary=known, min_count=getattr(args, "min_count", 2),
                         limit=limit or getattr(args, "limit", 50))


def near_renderings(alignment: Alignment, glossary: Glossary) -> list[dict[str, Any]]:
    """Renderings the checks found near a glossary entry, once per (entry, wording)."""
    checked = apply_checks(alignment, glossary)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for i, lk in enumerate(checked.links):
        for f in lk.flags:
            if f.kind != "near" or f.detail.get("direction") != "source->target":
                continue
            text = " ".join(str(f.detail["text"]).split())
            item = found.setdefault((f.term, text.casefold()), {
                "term": f.term, "rendering": text, "form": f.detail["form"],
                "score": f.detail["score"], "links": []})
            item["links"].append(i + 1)
            item["score"] = max(item["score"], f.detail["score"])
    return sorted(found.values(), key=lambda d: (-d["score"], d["term"], d["rendering"]))


def run_suggest(args: argparse.Namespace) -> int:
    alignment = load_alignment(args.alignment, check_texts=False)
    known = _known_glossary(alignment, args)
    found = _suggestions(args, alignment, known)
    near = near_renderings(alignment, known) if known is not None and len(known) else []
    numbers = {lk.id: i + 1 for i, lk in enumerate(alignment.links)}
    if args.format == "json":
        data = {"glossary": (known.path or known.name) if known is not None else None,
                "suggestions": [{**s.to_dict(), "links": [numbers[i] for i in s.links],
                                 "link_ids": list(s.links)} for s in found],
                "near": near}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = []
    if known is not None:
        lines.append(f"starting from {known.path or known.name} ({count(len(known), 'term')}): "
                     "its terms are not proposed again")
    lines.append(f"{count(len(found), 'suggestion')}; accept with: aligner glossary accept "
                 f"{args.alignment} --into GLOSSARY.toml ID...")
    lines.append(f"{'#':>3}  {'id':<30} {'score':>5}  {'n':>3}  source -> target  [links]")
    for n, s in enumerate(found, 1):
        links = ",".join(str(numbers[i]) for i in s.links[:8]) + (
            "..." if len(s.links) > 8 else "")
        lines.append(f"{n:>3}  {s.id:<30} {s.score:>5.2f}  {s.source_count:>3}  {s.source} -> "
                     f"{s.target}  [{links}] ({', '.join(s.reasons)})")
    if near:
        lines.append(f"\n{count(len(near), 'near rendering')} the glossary does not list; "
                     f"accept one as a variant: aligner glossary accept {args.alignment} "
                     "--into GLOSSARY.toml TERM='RENDERING'")
        for item in near:
            links = ",".join(map(str, item["links"][:8]))
            lines.append(f"     {item['term']:<30} {item['score']:>5.2f}  "
                         f"\u201c{item['rendering']}\u201d (near \u201c{item['form']}\u201d)"
                         f"  [{links}]")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _pick(found: list[Suggestion], wanted: list[str]) -> list[Suggestion]:
    by_id = {s.id: s for s in found}
    picked = []
    for w in wanted:
        if w.isdigit() and 1 <= int(w) <= len(found):
            picked.append(found[int(w) - 1])
        elif w in by_id:
            picked.append(by_id[w])
        else:
            close = difflib.get_close_matches(w, list(by_id), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UsageError(f"no suggestion {w!r}{hint} (see 'aligner glossary suggest')")
    return picked


def _split_picks(items: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Suggestion ids or numbers, and (entry id, rendering) pairs written TERM=RENDERING."""
    ids, variants = [], []
    for item in items:
        term, eq, text = item.partition("=")
        if not eq:
            ids.append(item)
        elif term.strip() and text.strip():
            variants.append((term.strip(), " ".join(text.split())))
        else:
            raise UsageError(f"{item!r} is not TERM=RENDERING "
                             "(e.g. offensive-weaponry='offensive weapons')")
    return ids, variants


def _add_variant(glossary: Glossary, term: str, rendering: str) -> Glossary:
    entry = glossary.entry(term)
    if rendering.casefold() in {f.casefold() for f in (*entry.target_forms, *entry.flagged)}:
        raise UsageError(f"{entry.id!r} already lists {rendering!r}")
    return glossary.with_entry(replace(entry, target_variants=(*entry.target_variants,
                                                               rendering)),
                               replace_existing=True)


def run_accept(args: argparse.Namespace) -> int:
    alignment = load_alignment(args.alignment, check_texts=False)
    into = Path(args.into)
    known = _known_glossary(alignment, args)
    ids, variants = _split_picks(args.suggestions)
    # numbered exactly as 'glossary suggest' lists them (from the same recorded glossary)
    picked = _pick(_suggestions(args, alignment, known, limit=500), ids) if ids else []
    if into.exists():
        glossary = load_glossary(into)
    else:
        glossary = Glossary(source_language=alignment.source.language,
                            target_language=alignment.target.language, path=str(into))
    before = glossary
    for s in picked:
        glossary = glossary.with_entry(s.to_entry(), replace_existing=args.replace)
        print(f"accepted {s.id}: {s.source} -> {s.target}")
    added: list[tuple[str, str]] = []
    for term, rendering in variants:
        glossary = _add_variant(glossary, term, rendering)
        term_id = glossary.entry(term).id
        added.append((term_id, rendering))
        print(f"accepted variant of {term_id}: {rendering}")
    if is_toml(into):
        # edit the file as written: its comments, order and layout stay
        text = read_text(into) if into.exists() else new_toml(
            alignment.source.language, alignment.target.language)
        varied = {t for t, _ in added}
        replaced = [e for e in glossary if e.id not in varied
                    and before.get(e.id) not in (None, e)]
        fresh = [e for e in glossary if before.get(e.id) is None]
        edited = edit_toml(text, fresh, added, replaced)
        glossary_from_toml(edited, str(into))  # what is written must read back
        atomic_write_text(into, edited)
    else:
        save_glossary(glossary, into)
    print(f"wrote {into} ({count(len(glossary), 'term')})")
    return 0


def run_convert(args: argparse.Namespace) -> int:
    out = Path(args.output)
    check_output(out, force=args.force, error=UsageError)
    glossary = load_glossary(args.input, args.from_format)
    langs = {k: v for k, v in (("source_language", args.source_lang),
                               ("target_language", args.target_lang)) if v}
    if langs:
        glossary = replace(glossary, **langs)
    if getattr(args, "no_neutralise", False) and format_of(out, args.to_format).name == "csv":
        atomic_write_text(out, glossary_to_csv(glossary, neutralise=False))
    else:
        save_glossary(glossary, out, args.to_format)
    print(f"wrote {out} ({count(len(glossary), 'term')})")
    return 0
