"""Speed and memory of the aligner on long documents (run on demand; asserts nothing).

Builds a Russian-English pair of at least 10,000 paragraphs per side by
concatenating the works of ``../shared/bench/ruen-paragraph`` (repeated as
needed), then aligns 1x, 2x and 4x that size, each in a fresh subprocess
pinned to one core, and prints wall and CPU seconds, the growth ratio of CPU
time, peak memory, and the strict F1 against the concatenated gold (so speed
is never bought with quality).

With ``--distinct`` the pair is instead every Russian-English work of
``ruen-paragraph``, ``ruen-stress`` and ``ruen-twolevel`` once (about 5,000
paragraphs a side, none repeated), so that nothing read once per distinct text
is flattered by the repetition the default input has.

With ``--baseline REV`` (repeatable) the same sizes are aligned, in the same run
and alternating with this tree, by the aligner of git revision REV (checked out
into a temporary worktree), and the table gains its figures and the ratios.

    .venv/bin/python bench/bench_align_speed.py [--paragraphs 10000] [--sizes 1,2,4]
        [--repeat 3] [--baseline REV [--baseline REV2]] [--distinct]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
RUEN = BENCH / "ruen-paragraph"
#: Every ru-en set with paragraph gold, as (folder, gold file suffix) for --distinct.
DISTINCT_SETS = (
    ("ruen-paragraph", ".gold"),
    ("ruen-stress", ".gold"),
    ("ruen-twolevel", ".para.gold"),
)


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def build_pair(paragraphs: int) -> tuple[list[str], list[str], list[tuple]]:
    """Source and target paragraphs (at least ``paragraphs`` per side) and their gold beads."""
    sys.path.insert(0, str(REPO))
    from aligner.io.ladder import read_ladder

    works = sorted(p.name[: -len(".gold")] for p in RUEN.glob("*.gold"))
    if not works:
        # Without works the loop below would never reach the asked size.
        raise SystemExit(f"no gold-aligned works in {RUEN}: put ../shared beside the repository")
    source: list[str] = []
    target: list[str] = []
    gold: list[tuple] = []
    while min(len(source), len(target)) < paragraphs:
        for work in works:
            di, dj = len(source), len(target)
            gold += [
                (tuple(i + di for i in src), tuple(j + dj for j in tgt))
                for src, tgt in read_ladder(RUEN / f"{work}.gold")
            ]
            source += _paragraphs(RUEN / f"{work}.ru.txt")
            target += _paragraphs(RUEN / f"{work}.en.txt")
    return source, target, gold


def build_distinct_pair() -> tuple[list[str], list[str], list[tuple]]:
    """Every ru-en work of the paragraph-level sets once, with the gold beads."""
    sys.path.insert(0, str(REPO))
    from aligner.io.ladder import read_ladder

    source: list[str] = []
    target: list[str] = []
    gold: list[tuple] = []
    for folder, suffix in DISTINCT_SETS:
        for gold_file in sorted((BENCH / folder).glob(f"*{suffix}")):
            work = gold_file.name[: -len(suffix)]
            di, dj = len(source), len(target)
            gold += [
                (tuple(i + di for i in src), tuple(j + dj for j in tgt))
                for src, tgt in read_ladder(gold_file)
            ]
            source += _paragraphs(gold_file.with_name(f"{work}.ru.txt"))
            target += _paragraphs(gold_file.with_name(f"{work}.en.txt"))
    if not source:
        raise SystemExit(f"no gold-aligned works in {BENCH}: put ../shared beside the repository")
    return source, target, gold


def pair_of(paragraphs: int) -> tuple[list[str], list[str], list[tuple]]:
    """:func:`build_pair` of ``paragraphs``, or for 0 (or less) :func:`build_distinct_pair`."""
    return build_pair(paragraphs) if paragraphs > 0 else build_distinct_pair()


def pinned(cmd: list[str]) -> list[str]:
    """The command pinned to the first core when ``taskset`` is there (one core for every
    tree timed, so that they share the machine alike)."""
    return ["taskset", "-c", "0", *cmd] if _has_taskset() else cmd


def run_one(paragraphs: int, tree: Path = REPO) -> dict[str, float]:
    """Align one size in this process with the aligner of ``tree``; return seconds, sizes
    and peak memory."""
    sys.path.insert(0, str(tree))
    import aligner
    from aligner.core.align import align_documents

    # The package must come from the tree asked for, not from an installed copy.
    assert Path(aligner.__file__).resolve().is_relative_to(tree.resolve()), aligner.__file__
    from aligner.core.evaluate import score_alignments
    from aligner.core.model import Document, Segment
    from aligner.io.ladder import alignment_beads

    # 0 paragraphs asks for the --distinct pair.
    src, tgt, gold = pair_of(paragraphs)
    source = Document(tuple(Segment(t) for t in src), language="ru")
    target = Document(tuple(Segment(t) for t in tgt), language="en")
    start, cpu = time.perf_counter(), time.process_time()
    alignment = align_documents(source, target)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert not alignment.coverage_errors()
    scores = score_alignments([(alignment_beads(alignment), gold)])
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "source": len(src),
        "target": len(tgt),
        "links": len(alignment.links),
        "seconds": round(seconds, 2),
        "cpu": round(cpu, 2),
        "strict_f1": round(scores.strict.f1, 4),
        "peak_mb": round(peak_kib / 1024, 1),
    }


def _child(paragraphs: int, tree: Path = REPO) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", str(paragraphs), "--tree", str(tree)]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    if hasattr(os, "sched_setaffinity"):
        cmd = pinned(cmd)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _has_taskset() -> bool:
    return any((Path(d) / "taskset").exists() for d in os.environ.get("PATH", "").split(":"))


@contextlib.contextmanager
def checkout(revision: str) -> Iterator[Path]:
    """A temporary worktree of ``revision`` (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="aligner-baseline-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(tree), revision],
            check=True,
        )
        try:
            yield tree
        finally:
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=True
            )


def _fastest(paragraphs: int, repeat: int, trees: list[Path]) -> list[dict[str, float]]:
    """Per tree, the run with the least CPU time; the trees alternate, so that a change in
    the machine's load falls on both."""
    runs: list[list[dict[str, float]]] = [[] for _ in trees]
    for _ in range(repeat):
        for k, tree in enumerate(trees):
            runs[k].append(_child(paragraphs, tree))
    return [min(r, key=lambda row: row["cpu"]) for r in runs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--sizes", default="1,2,4", help="multiples of --paragraphs to time")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="runs per size; the fastest is shown (others load the machine)",
    )
    parser.add_argument(
        "--baseline", action="append", default=[],
        help="a git revision to measure beside this tree (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--distinct", action="store_true",
        help="align every ru-en work of the paragraph sets once instead of the repeated dev set",
    )  # fmt: skip
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, default=REPO, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_one(args.child, args.tree)))
        return
    sizes = [0] if args.distinct else [int(s) for s in args.sizes.split(",")]
    with contextlib.ExitStack() as stack:
        trees = [REPO, *(stack.enter_context(checkout(rev)) for rev in args.baseline)]
        rows = [(k, _fastest(args.paragraphs * k, args.repeat, trees)) for k in sizes]
    _print(rows, args.baseline)


def _print(rows: list[tuple[int, list[dict[str, float]]]], baselines: list[str]) -> None:
    base = [rows[0][1][t]["cpu"] for t in range(len(rows[0][1]))]
    head = (
        "| size | ru paragraphs | en paragraphs | links | strict F1 | seconds | CPU seconds "
        "| x CPU time | peak MB |"
    )
    rule = "|---|---|---|---|---|---|---|---|---|"
    for baseline in baselines:
        head += (
            f" {baseline}: strict F1 | seconds | CPU seconds | x CPU time | peak MB "
            "| CPU time / baseline's |"
        )
        rule += "---|---|---|---|---|---|"
    print(head)
    print(rule)
    for k, runs in rows:
        r = runs[0]
        size = f"{k}x" if k else "distinct"
        line = (
            f"| {size} | {r['source']} | {r['target']} | {r['links']} | {r['strict_f1']:.3f} "
            f"| {r['seconds']:.2f} | {r['cpu']:.2f} | {r['cpu'] / base[0]:.2f} "
            f"| {r['peak_mb']:.0f} |"
        )
        for t, b in enumerate(runs[1:], start=1):
            line += (
                f" {b['strict_f1']:.3f} | {b['seconds']:.2f} | {b['cpu']:.2f} "
                f"| {b['cpu'] / base[t]:.2f} | {b['peak_mb']:.0f} | {r['cpu'] / b['cpu']:.2f} |"
            )
        print(line)


if __name__ == "__main__":
    main()
