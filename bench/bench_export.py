"""Seconds, peak memory and size of every export format on a 10,000-link alignment.

Run on demand; it asserts nothing. The alignment is generated from the bundled
telegram's paragraphs, repeated until each side has enough, with every kind of
link an export meets: mostly 1-1, some 2-1, 1-0 and 0-1, confirmed and rejected
links, notes, flags and revisions. Finally the HTML report is made with the
bundled glossary's term highlights, timing term finding and rendering apart.

    .venv/bin/python bench/bench_export.py [--links 10000] [--memory]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

from aligner.core.model import Alignment, Document, Flag, Link, Revision
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.export import FORMATS, export_alignment, html
from aligner.io.export.options import ExportContext
from aligner.io.glossary import load_glossary
from aligner.io.importers.common import document_from_texts


def _document(doc: Document, count: int) -> Document:
    texts = [doc.segments[i % len(doc.segments)].text for i in range(count)]
    made = document_from_texts(texts, language=doc.language, provenance=doc.provenance)
    return replace(doc, segments=made.segments)


def _links(n: int) -> tuple[list[Link], int, int]:
    """``n`` links of mixed beads; returns them and the paragraphs each side needs."""
    links, s, t = [], 0, 0
    for i in range(n):
        kind = i % 20
        src, tgt = {17: (2, 1), 18: (1, 0), 19: (0, 1)}.get(kind, (1, 1))
        links.append(Link(
            tuple(range(s, s + src)),
            tuple(range(t, t + tgt)),
            confidence=0.5 + (i % 50) / 100,
            status=("auto", "confirmed", "rejected")[i % 3],
            note="checked against the archive [sic] & <noted>" if i % 7 == 0 else "",
            flags=(Flag("missing", "blockade", "no rendering"),) if i % 11 == 0 else (),
            revision=Revision("A revised rendering of this paragraph.", "editor")
            if i % 13 == 0 and tgt else None,
        ))
        s, t = s + src, t + tgt
    return links, s, t


def build(n: int) -> Alignment:
    source, target = load_bundled()
    links, n_src, n_tgt = _links(n)
    return Alignment(_document(source, n_src), _document(target, n_tgt), tuple(links))


def _measure(alignment: Alignment, fmt: str, folder: Path, memory: bool) -> tuple:
    """Seconds, peak traced MiB (0 unless ``memory``) and output MiB of one export."""
    out = folder / f"bench-{fmt}"
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    result = export_alignment(alignment, out, fmt, force=True)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if memory else 0.0
    tracemalloc.stop()
    size = sum(p.stat().st_size for p in result.paths) / 2**20
    return seconds, peak, size


def _with_terms(alignment: Alignment) -> tuple[float, float]:
    """Seconds to find the glossary's terms, then to render the highlighted report."""
    glossary = load_glossary(bundled_glossary_path())
    ctx = ExportContext(alignment, glossary=glossary)
    start = time.perf_counter()
    _ = ctx.hits
    found = time.perf_counter()
    html.render(ctx)
    return found - start, time.perf_counter() - found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--memory", action="store_true",
                        help="also trace peak memory per format (slows every run down)")
    args = parser.parse_args()
    alignment = build(args.links)
    print(f"{len(alignment.links)} links, {len(alignment.source.segments)} source and "
          f"{len(alignment.target.segments)} target paragraphs")
    print(f"{'format':<12}{'seconds':>9}{'peak MiB':>10}{'size MiB':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in FORMATS:
            seconds, peak, size = _measure(alignment, name, Path(tmp), args.memory)
            shown = f"{peak:>10.1f}" if args.memory else f"{'-':>10}"
            print(f"{name:<12}{seconds:>9.2f}{shown}{size:>10.1f}")
    finding, rendering = _with_terms(alignment)
    print(f"HTML with the bundled glossary: {finding:.2f} s finding terms "
          f"(aligner.core.terms), {rendering:.2f} s rendering the highlights")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of this process: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
