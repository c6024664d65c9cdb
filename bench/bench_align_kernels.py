"""The numpy kernel against the pure-Python reference on every file of ../shared/bench.

For each work of each set (as bench_align_quality.py lists them) both kernels
search the same problem; prints whether the bead paths and the links (segments,
confidences, review marks, evidence) are identical, the largest margin
difference, and each kernel's CPU seconds for the search and the links. Asserts
nothing (tests/test_align_kernel.py checks a subset); exits 1 if any pair differs.

    .venv/bin/python bench/bench_align_kernels.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_align_quality import bench_sets  # noqa: E402

from aligner.core.align.equivalence import compare_kernels  # noqa: E402
from aligner.io.texts import load_document  # noqa: E402


def main() -> int:
    print("| set | work | beads | same path | same links | largest margin difference "
          "| fast s | reference s |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    differ = 0
    fast = reference = 0.0
    for bench in bench_sets():
        for work in bench.works:
            source = load_document(work.source, work.languages[0])
            target = load_document(work.target, work.languages[1])
            r = compare_kernels(source, target)
            differ += not r.agree
            fast += r.fast_seconds
            reference += r.reference_seconds
            print(
                f"| {bench.name} | {work.name} | {r.beads} | {'yes' if r.same_path else 'NO'} "
                f"| {'yes' if r.same_links else 'NO'} | {r.largest_margin_difference:.1e} "
                f"| {r.fast_seconds:.2f} | {r.reference_seconds:.2f} |"
            )
    print(f"\n{differ} pairs differ; search and links took {fast:.1f} s with the fast kernel, "
          f"{reference:.1f} s with the reference.")  # fmt: skip
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
