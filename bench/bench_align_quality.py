"""Alignment quality on every set of the shared benchmarks, in one run (run on demand).

For each set of ``../shared/bench`` (ruen-paragraph, ruen-stress, the paragraph
level of ruen-twolevel, bleualign-defr test0-6 and dev) it prints a Markdown
table of strict and lax F1 (Vecalign's definitions) per work and micro-averaged,
beside the reference figures of the set's README (hunalign, and aligner 0.1.0
where measured), then how well the confidence sends a reviewer to the wrong
links: the share of wrong links marked for review, the share of all links
marked, and the share of unmarked links that are right. Asserts nothing; the
promised thresholds are checked by tests/test_align_quality.py.

Only ruen-paragraph and bleualign-defr dev may be tuned on (the confidence is
fitted on them by bench/fit_confidence.py); every other set is measure-only.

    .venv/bin/python bench/bench_align_quality.py [--set NAME ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO))

from aligner.core.align import align_documents  # noqa: E402
from aligner.core.evaluate import score_alignments  # noqa: E402
from aligner.core.model import Alignment  # noqa: E402
from aligner.io.ladder import Bead, alignment_beads, read_ladder  # noqa: E402
from aligner.io.texts import load_document  # noqa: E402

#: Strict / lax F1 that a set's README gives (hunalign, aligner 0.1.0); None where it has none.
Reference = tuple[float, float] | None


@dataclass(frozen=True)
class Work:
    name: str
    source: Path
    target: Path
    gold: Path
    languages: tuple[str, str]
    hunalign: Reference = None
    previous: Reference = None


@dataclass(frozen=True)
class BenchSet:
    name: str
    tuned: bool
    works: tuple[Work, ...]
    hunalign: Reference = None
    previous: Reference = None
    note: str = ""


#: ruen-stress/README.md, "Reference figures measured on these exact files".
STRESS_REFERENCE: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {
    "metai": ((0.659, 0.795), (0.940, 0.989)),
    "prindsessen_paa_aerten": ((0.836, 1.000), (0.836, 1.000)),
    "romeo_and_juliet": ((0.821, 0.924), (0.756, 0.790)),
    "sasuntsi_david": ((0.903, 0.991), (0.779, 0.894)),
    "surale": ((0.839, 0.920), (0.507, 0.695)),
    "taoteching": ((0.611, 0.700), (0.347, 0.364)),
    "the_raven": ((0.441, 0.559), (1.000, 1.000)),
    "yevgeniy_onegin": ((0.841, 0.953), (0.243, 0.307)),
}


def _ruen_works(folder: Path, reference: dict | None = None) -> tuple[Work, ...]:
    names = sorted(p.name[: -len(".gold")] for p in folder.glob("*.gold"))
    works = []
    for w in names:
        hun, prev = (reference or {}).get(w, (None, None))
        works.append(Work(w, folder / f"{w}.ru.txt", folder / f"{w}.en.txt",
                          folder / f"{w}.gold", ("ru", "en"), hun, prev))  # fmt: skip
    return tuple(works)


def _defr_works(names: list[str]) -> tuple[Work, ...]:
    folder = BENCH / "bleualign-defr"
    return tuple(
        Work(n, folder / f"{n}.de", folder / f"{n}.fr", folder / f"{n}.defr", ("de", "fr"))
        for n in names
    )


def bench_sets() -> list[BenchSet]:
    """Every set, with the reference figures of its README (the project README for 0.1.0)."""
    twolevel = BENCH / "ruen-twolevel"
    return [
        # hunalign and 0.1.0 on ruen-paragraph: the README of aligner 0.1.0 (7ed047a).
        BenchSet("ruen-paragraph", True, _ruen_works(BENCH / "ruen-paragraph"),
                 hunalign=(0.837, 0.913), previous=(0.965, 0.991), note="dev set"),
        BenchSet("ruen-stress", False, _ruen_works(BENCH / "ruen-stress", STRESS_REFERENCE),
                 hunalign=(0.799, 0.907), previous=(0.543, 0.593), note="measure only"),
        BenchSet("ruen-twolevel (paragraphs)", False, (
            Work("ntrex_all", twolevel / "ntrex_all.ru.txt", twolevel / "ntrex_all.en.txt",
                 twolevel / "ntrex_all.para.gold", ("ru", "en"), None, (0.972, 0.999)),
        ), previous=(0.972, 0.999), note="measure only"),
        # hunalign 0.763 strict and 0.1.0 on test0-6 / dev: the README of aligner 0.1.0.
        BenchSet("bleualign-defr test0-6", False, _defr_works([f"test{k}" for k in range(7)]),
                 hunalign=(0.763, float("nan")), previous=(0.855, 0.950), note="measure only"),
        BenchSet("bleualign-defr dev", True, _defr_works(["dev"]), previous=(0.844, 0.979),
                 note="may be tuned on"),
    ]  # fmt: skip


@dataclass
class ReviewCounts:
    """How the links' review marks line up with being right."""

    links: int = 0
    wrong: int = 0
    wrong_marked: int = 0
    marked: int = 0
    unmarked_right: int = 0

    def add(self, alignment: Alignment, gold: list[Bead]) -> None:
        wanted = {(tuple(s), tuple(t)) for s, t in gold}
        for link in alignment.links:
            right = (link.source, link.target) in wanted
            self.links += 1
            self.wrong += not right
            self.marked += link.needs_review
            self.wrong_marked += link.needs_review and not right
            self.unmarked_right += right and not link.needs_review

    def line(self) -> str:
        unmarked = self.links - self.marked
        return (
            f"{_share(self.wrong_marked, self.wrong)} of wrong links marked for review "
            f"({self.wrong_marked} of {self.wrong}); {_share(self.marked, self.links)} of all "
            f"links marked ({self.marked} of {self.links}); "
            f"{_share(self.unmarked_right, unmarked)} of unmarked links right"
        )


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _ref(ref: Reference) -> str:
    if ref is None:
        return "-"
    strict, lax = ref
    return f"{strict:.3f} / " + ("-" if lax != lax else f"{lax:.3f}")  # NaN: not published


def run_set(bench: BenchSet, review: ReviewCounts) -> tuple[float, float, float]:
    """Align every work of a set, print its table; returns micro strict F1, lax F1, seconds."""
    print(f"\n### {bench.name} ({bench.note})\n")
    print("| work | strict F1 | lax F1 | hunalign strict / lax | aligner 0.1.0 strict / lax |")
    print("|---|---|---|---|---|")
    pairs, seconds = [], 0.0
    for work in bench.works:
        source = load_document(work.source, work.languages[0])
        target = load_document(work.target, work.languages[1])
        gold = read_ladder(work.gold)
        start = time.perf_counter()
        alignment = align_documents(source, target)
        seconds += time.perf_counter() - start
        review.add(alignment, gold)
        pair = (alignment_beads(alignment), gold)
        pairs.append(pair)
        s = score_alignments([pair])
        print(f"| {work.name} | {s.strict.f1:.3f} | {s.lax.f1:.3f} | {_ref(work.hunalign)} "
              f"| {_ref(work.previous)} |")  # fmt: skip
    micro = score_alignments(pairs)
    print(f"| **micro** | **{micro.strict.f1:.3f}** | **{micro.lax.f1:.3f}** "
          f"| {_ref(bench.hunalign)} | {_ref(bench.previous)} |")  # fmt: skip
    print(f"\nConfidence: {review.line()}. Aligning took {seconds:.1f} s.")
    return micro.strict.f1, micro.lax.f1, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", default=[], metavar="NAME",
                        help="only the sets whose name starts with NAME (repeatable)")  # fmt: skip
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"bench_align_quality: error: {BENCH} is missing; put the shared folder beside "
                 "the repository")  # fmt: skip
    summary = []
    for bench in bench_sets():
        if args.set and not any(bench.name.startswith(name) for name in args.set):
            continue
        review = ReviewCounts()
        strict, lax, _ = run_set(bench, review)
        summary.append((bench, strict, lax, review))
    print("\n### Summary\n")
    print("| set | tuned on? | strict F1 | lax F1 | hunalign | aligner 0.1.0 "
          "| wrong links marked | links marked | unmarked links right |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|")
    for bench, strict, lax, r in summary:
        print(f"| {bench.name} | {'yes' if bench.tuned else 'no'} | {strict:.3f} | {lax:.3f} "
              f"| {_ref(bench.hunalign)} | {_ref(bench.previous)} "
              f"| {_share(r.wrong_marked, r.wrong)} | {_share(r.marked, r.links)} "
              f"| {_share(r.unmarked_right, r.links - r.marked)} |")  # fmt: skip


if __name__ == "__main__":
    main()
