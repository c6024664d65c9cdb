"""Speed and memory of the aligner on long documents (run on demand; asserts nothing).

Builds a Russian-English pair of at least 10,000 paragraphs per side by
concatenating the works of ``../shared/bench/ruen-paragraph`` (repeated as
needed), then aligns 1x, 2x and 4x that size, each in a fresh subprocess
limited to one core, and prints seconds, the growth ratios and peak memory.

    .venv/bin/python bench/bench_align_speed.py [--paragraphs 10000] [--sizes 1,2,4]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUEN = REPO.parent / "shared" / "bench" / "ruen-paragraph"


def _paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def build_pair(paragraphs: int) -> tuple[list[str], list[str]]:
    """Source and target paragraph lists with at least ``paragraphs`` on each side."""
    works = sorted(p.name[: -len(".gold")] for p in RUEN.glob("*.gold"))
    source: list[str] = []
    target: list[str] = []
    while min(len(source), len(target)) < paragraphs:
        for work in works:
            source += _paragraphs(RUEN / f"{work}.ru.txt")
            target += _paragraphs(RUEN / f"{work}.en.txt")
    return source, target


def run_one(paragraphs: int) -> dict[str, float]:
    """Align one size in this process; return seconds, sizes and peak memory."""
    sys.path.insert(0, str(REPO))
    from aligner.core.align import align_documents
    from aligner.core.model import Document, Segment

    src, tgt = build_pair(paragraphs)
    source = Document(tuple(Segment(t) for t in src), language="ru")
    target = Document(tuple(Segment(t) for t in tgt), language="en")
    start = time.perf_counter()
    alignment = align_documents(source, target)
    seconds = time.perf_counter() - start
    assert not alignment.coverage_errors()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "source": len(src),
        "target": len(tgt),
        "links": len(alignment.links),
        "seconds": round(seconds, 2),
        "peak_mb": round(peak_kib / 1024, 1),
    }


def _child(paragraphs: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", str(paragraphs)]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    if hasattr(os, "sched_setaffinity"):
        cmd = ["taskset", "-c", "0", *cmd] if _has_taskset() else cmd
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _has_taskset() -> bool:
    return any((Path(d) / "taskset").exists() for d in os.environ.get("PATH", "").split(":"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--sizes", default="1,2,4", help="multiples of --paragraphs to time")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    rows = [(k, _child(args.paragraphs * k)) for k in (int(s) for s in args.sizes.split(","))]
    base = rows[0][1]["seconds"]
    print("| size | ru paragraphs | en paragraphs | links | seconds | x time | peak MB |")
    print("|---|---|---|---|---|---|---|")
    for k, r in rows:
        ratio = r["seconds"] / base if base else float("nan")
        print(
            f"| {k}x | {r['source']} | {r['target']} | {r['links']} | {r['seconds']:.2f} "
            f"| {ratio:.2f} | {r['peak_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
