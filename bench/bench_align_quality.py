"""Alignment quality on the shared benchmarks, beside NLTK's Gale-Church (run on demand).

Prints Markdown tables of strict and lax precision / recall / F1 (Vecalign's
definitions, micro-averaged) per work and per corpus, for aligner and for
``nltk.translate.gale_church.align_blocks`` on the same segments in the same
run, then how well the aligner's confidence separates right links from wrong
ones. Asserts nothing; the thresholds are checked by tests/test_align_quality.py.

    .venv/bin/python bench/bench_align_quality.py [--dev]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO))

from aligner.core.align import align_documents  # noqa: E402
from aligner.core.evaluate import PRF, score_alignments  # noqa: E402
from aligner.core.model import Document  # noqa: E402
from aligner.io.ladder import Bead, alignment_beads, read_ladder  # noqa: E402
from aligner.io.texts import load_document  # noqa: E402

Case = tuple[str, Path, Path, Path, tuple[str, str]]


def ruen_cases() -> list[Case]:
    folder = BENCH / "ruen-paragraph"
    works = sorted(p.name[: -len(".gold")] for p in folder.glob("*.gold"))
    return [
        (w, folder / f"{w}.ru.txt", folder / f"{w}.en.txt", folder / f"{w}.gold", ("ru", "en"))
        for w in works
    ]


def defr_cases(names: Sequence[str]) -> list[Case]:
    folder = BENCH / "bleualign-defr"
    return [
        (n, folder / f"{n}.de", folder / f"{n}.fr", folder / f"{n}.defr", ("de", "fr"))
        for n in names
    ]


def gale_church_beads(source: Document, target: Document) -> list[Bead]:
    """NLTK's Gale-Church on character lengths, as beads; an empty list when it fails."""
    from nltk.translate.gale_church import align_blocks

    try:
        pairs = align_blocks([len(t) for t in source.texts()], [len(t) for t in target.texts()])
    except (ValueError, ArithmeticError, TypeError, IndexError):
        return []
    return _pairs_to_beads(pairs, len(source.segments), len(target.segments))


def _pairs_to_beads(pairs: list[tuple[int, int]], n: int, m: int) -> list[Bead]:
    """Group sentence-index pairs into beads; unpaired segments become 1-0 and 0-1 beads."""
    beads: list[tuple[list[int], list[int]]] = []
    for i, j in sorted(pairs):
        if beads and (i in beads[-1][0] or j in beads[-1][1]):
            src, tgt = beads[-1]
            if i not in src:
                src.append(i)
            if j not in tgt:
                tgt.append(j)
        else:
            beads.append(([i], [j]))
    paired_s = {i for i, _ in pairs}
    paired_t = {j for _, j in pairs}
    beads += [([i], []) for i in range(n) if i not in paired_s]
    beads += [([], [j]) for j in range(m) if j not in paired_t]
    beads.sort(key=lambda b: (b[0][0] if b[0] else -1, b[1][0] if b[1] else -1))
    return [(tuple(s), tuple(t)) for s, t in beads]


def _cell(prf: PRF) -> str:
    return f"{prf.precision:.3f} / {prf.recall:.3f} / **{prf.f1:.3f}**"


def _row(name: str, ours: list, theirs: list) -> str:
    a, g = score_alignments(ours), score_alignments(theirs)
    return f"| {name} | {_cell(a.strict)} | {_cell(a.lax)} | {_cell(g.strict)} | {_cell(g.lax)} |"


def run_corpus(title: str, cases: list[Case], record: Callable[[object, list[Bead]], None]) -> None:
    """Align every case both ways and print one table."""
    print(f"\n### {title}\n")
    print("| work | aligner strict P / R / F1 | aligner lax P / R / F1 "
          "| NLTK Gale-Church strict | NLTK Gale-Church lax |")  # fmt: skip
    print("|---|---|---|---|---|")
    ours_all, theirs_all, seconds = [], [], 0.0
    for name, src_path, tgt_path, gold_path, (sl, tl) in cases:
        source, target = load_document(src_path, sl), load_document(tgt_path, tl)
        gold = read_ladder(gold_path)
        start = time.perf_counter()
        alignment = align_documents(source, target)
        seconds += time.perf_counter() - start
        record(alignment, gold)
        ours = [(alignment_beads(alignment), gold)]
        theirs = [(gale_church_beads(source, target), gold)]
        ours_all += ours
        theirs_all += theirs
        print(_row(name, ours, theirs))
    print(_row("**micro-average**", ours_all, theirs_all))
    print(f"\naligner: {seconds:.2f} s for {len(cases)} pairs")


class ConfidenceLog:
    """Right and wrong links with their confidence, to see how well confidence separates them."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, bool, bool]] = []

    def __call__(self, alignment: object, gold: list[Bead]) -> None:
        wanted = {(tuple(s), tuple(t)) for s, t in gold}
        for link in alignment.links:  # type: ignore[attr-defined]
            right = (link.source, link.target) in wanted
            self.rows.append((link.confidence, right, link.needs_review))

    def report(self, title: str) -> None:
        above = [r for r in self.rows if not r[2]]
        below = [r for r in self.rows if r[2]]
        wrong = [r for r in self.rows if not r[1]]

        def share(rows: list, flag: bool) -> str:
            return f"{sum(r[1] == flag for r in rows) / len(rows):.3f}" if rows else "-"

        caught = sum(r[2] for r in wrong)
        print(f"\n{title}: {len(self.rows)} links; not marked for review: {len(above)}, "
              f"{share(above, True)} of them right; marked for review: {len(below)}, "
              f"{share(below, True)} of them right; {caught} of {len(wrong)} wrong links "
              "are marked for review")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="also score the de-fr dev file")
    args = parser.parse_args()
    ruen_log, defr_log = ConfidenceLog(), ConfidenceLog()
    run_corpus("ruen-paragraph (Russian-English paragraphs)", ruen_cases(), ruen_log)
    run_corpus(
        "bleualign-defr test0-6 (German-French sentences)",
        defr_cases([f"test{k}" for k in range(7)]),
        defr_log,
    )
    if args.dev:
        run_corpus(
            "bleualign-defr dev (held out from tuning)", defr_cases(["dev"]), lambda *_: None
        )
    print("\n### Confidence")
    ruen_log.report("ruen-paragraph")
    defr_log.report("bleualign-defr test0-6")


if __name__ == "__main__":
    main()
