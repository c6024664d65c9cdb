"""The numpy kernel against the pure-Python reference on one pair: same path, same links?

Both kernels search the same :class:`~aligner.core.align.pipeline.Problem`
(the same features, anchors and costs, whatever those are), so the comparison
holds however the evidence upstream of the search changes. Used by
tests/test_align_kernel.py and bench/bench_align_kernels.py.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from aligner.core.align.corridor import Corridor
from aligner.core.align.cost import BeadScorer
from aligner.core.align.params import AlignParams
from aligner.core.align.pipeline import Problem, search
from aligner.core.model import Document, Link
from aligner.core.sentences.blocks import Blocks

#: Margins may differ by this much: an anchor bonus of three or more keys is summed in
#: another order (see :mod:`.kernel`); the differences measured are below 1e-12.
MARGIN_TOLERANCE = 1e-9


@dataclass(frozen=True)
class KernelComparison:
    """How the two kernels' results on one pair compare, and how long each took."""

    beads: int
    same_path: bool
    largest_margin_difference: float
    same_links: bool
    """Every link equal: segments, confidence, review mark and evidence (margins rounded)."""
    fast_seconds: float
    reference_seconds: float

    @property
    def agree(self) -> bool:
        return (
            self.same_path
            and self.same_links
            and self.largest_margin_difference <= MARGIN_TOLERANCE
        )


def _solve(problem: Problem, kernel: str) -> tuple[list[Link], list, list[float], float]:
    start = time.process_time()
    path, scorer, margins = problem.solve(None, kernel)
    links = problem.links(path, scorer, margins)
    return links, path, margins, time.process_time() - start


def compare_kernels(
    source: Document, target: Document, params: AlignParams | None = None
) -> KernelComparison:
    """Solve one pair with each kernel (both sides must have segments)."""
    problem = Problem(source, target, (), params or AlignParams())
    fast_links, fast_path, fast_margins, fast_s = _solve(problem, "fast")
    ref_links, ref_path, ref_margins, ref_s = _solve(problem, "reference")
    same_path = fast_path == ref_path
    difference = (
        max((abs(a - b) for a, b in zip(fast_margins, ref_margins, strict=True)), default=0.0)
        if same_path
        else float("inf")
    )
    return KernelComparison(
        beads=len(ref_path),
        same_path=same_path,
        largest_margin_difference=difference,
        same_links=fast_links == ref_links,
        fast_seconds=fast_s,
        reference_seconds=ref_s,
    )


def compare_confined(
    problem: Problem, scorer: BeadScorer, corridor: Corridor, blocks: Blocks | None
) -> KernelComparison:
    """One search with its margins (as the sentence level runs it, beads confined to
    ``blocks``) by each kernel; then the links of each."""
    n, m = len(problem.src), len(problem.tgt)
    results = []
    for kernel in ("fast", "reference"):
        start = time.process_time()
        path, margins = search(scorer, n, m, corridor, blocks=blocks, kernel=kernel)
        links = problem.links(path, scorer, margins)
        results.append((path, margins, links, time.process_time() - start))
    (f_path, f_margins, f_links, f_s), (r_path, r_margins, r_links, r_s) = results
    same_path = f_path == r_path
    difference = (
        max((abs(a - b) for a, b in zip(f_margins, r_margins, strict=True)), default=0.0)
        if same_path
        else float("inf")
    )
    return KernelComparison(len(r_path), same_path, difference, f_links == r_links, f_s, r_s)
