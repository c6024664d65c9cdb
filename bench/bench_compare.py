"""How long `aligner compare` takes on a long original with three translations.

The original is the bundled Russian reconstruction of the telegram repeated
to 2,000 paragraphs; the three English translations repeat the bundled
English and are perturbed with a fixed seed: A has words dropped or swapped
here and there, B also leaves out about 1% of the paragraphs, C also renders
key terms differently. Stages are timed separately (loading, aligning each
translation, the comparison itself, the term table, the HTML report) and the
peak memory is printed. Nothing is asserted: run it on demand,

    .venv/bin/python bench/bench_compare.py [--paragraphs 2000] [--no-glossary]

CPU seconds are printed beside wall seconds: on a shared machine the wall
time grows with the load, the CPU time much less.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aligner.core.align import align_documents  # noqa: E402
from aligner.core.compare import compare_alignments  # noqa: E402
from aligner.io.bundled import bundled_glossary_path, load_bundled  # noqa: E402
from aligner.io.compare_report import render  # noqa: E402
from aligner.io.glossary import load_glossary  # noqa: E402
from aligner.io.texts import load_document  # noqa: E402

TERM_CHANGES = [("offensive weaponry", "offensive armaments"), ("UN presence", "United Nations "
                "presence"), ("blockade", "quarantine"), ("monitoring", "control")]
SWAPS = {"issue": "question", "guarantees": "assurances", "possible": "feasible",
         "negotiations": "talks", "declaration": "statement", "countries": "states"}


def _perturb(paragraph: str, rng: random.Random) -> str:
    words = paragraph.split(" ")
    if rng.random() < 0.3 and len(words) > 8:
        del words[rng.randrange(len(words))]
    if rng.random() < 0.3:
        words = [SWAPS.get(w, w) if rng.random() < 0.5 else w for w in words]
    return " ".join(words)


def build_texts(folder: Path, paragraphs: int, seed: int = 1962) -> list[Path]:
    """Write the original and translations A, B, C into ``folder``; returns their paths."""
    ru, en = load_bundled()
    copies = paragraphs // len(ru.segments) + 1
    original = ru.texts() * copies
    english = en.texts() * copies
    cut = len(original) - paragraphs  # drop whole trailing paragraphs on both sides
    original, english = original[: len(original) - cut], english[: len(english) - cut]
    rng = random.Random(seed)
    a = [_perturb(p, rng) for p in english]
    b = [p for p in (_perturb(p, rng) for p in english) if rng.random() > 0.01]
    c = []
    for p in english:
        for old, new in TERM_CHANGES:
            p = p.replace(old, new)
        c.append(_perturb(p, rng))
    paths = []
    for name, paras in (("original.ru.txt", original), ("a.en.txt", a), ("b.en.txt", b),
                        ("c.en.txt", c)):
        path = folder / name
        path.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(label: str, fn: Callable[[], Any], figures: dict[str, float]) -> Any:
    """Run ``fn``, print its wall and CPU seconds (CPU is what a busy machine does not inflate)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    figures[label] = time.perf_counter() - start
    used = time.process_time() - cpu
    print(f"  {label:<34} {figures[label]:7.2f} s wall {used:7.2f} s CPU", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--no-glossary", action="store_true")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_texts(Path(tmp), args.paragraphs)
        print(f"original {args.paragraphs} paragraphs, three translations:")
        docs = timed("load four texts", lambda: [load_document(p) for p in paths], figures)
        print("  paragraphs:", [len(d.segments) for d in docs])
        glossary = None if args.no_glossary else load_glossary(bundled_glossary_path())
        pairs = glossary.term_pairs() if glossary is not None else ()
        features: dict = {}  # shared as `aligner compare` shares it (align_translations)
        alignments = [
            timed(f"align {p.name}",
                  lambda d=d: align_documents(docs[0], d, glossary_pairs=pairs,
                                              feature_cache=features),
                  figures)
            for p, d in zip(paths[1:], docs[1:], strict=True)
        ]
        comp = timed("compare (rows, word diffs)", lambda: compare_alignments(alignments), figures)
        if glossary is not None:
            comp = timed("compare with the term table",
                         lambda: compare_alignments(alignments, glossary=glossary), figures)
        html = timed("render the HTML report", lambda: render(comp, "html"), figures)
    total = sum(v for k, v in figures.items() if k != "compare (rows, word diffs)"
                or glossary is None)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    dropped = len(docs[1].segments) - len(docs[2].segments)
    print(f"rows {len(comp.rows)}, rows missing from a translation {len(comp.missing())} "
          f"(B leaves out {dropped} paragraphs), additions {len(comp.additions)}, "
          f"terms {len(comp.terms)}, HTML {len(html) / 1e6:.1f} MB")
    print(f"total as `aligner compare` runs it: {total:.2f} s wall, "
          f"{time.process_time():.2f} s CPU for the whole script; peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
