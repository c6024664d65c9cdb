"""Fit the aligner's confidence on the development sets and write aligner/core/align/fitted.json.

The development sets are the only ones that may be tuned on: ruen-paragraph
(Russian-English paragraphs) and bleualign-defr ``dev`` (German-French
sentences). Every link the aligner makes there is labelled right (it is a gold
bead) or wrong, and two logistic regressions are fitted on the features
:mod:`aligner.core.align.confidence` computes from a link's evidence: one for
links with both sides, one for links with one empty side. The review threshold
is then the lowest confidence below which ``CAUGHT_SHARE`` of *each* development
set's wrong links fall, so the review queue holds most mistakes whether the text
is literary paragraphs or sentences (pooled, the set with more wrong links would
decide alone).

The fit is deterministic (fixed Newton iterations, rounded output), so
re-running it reproduces the committed file; tests/test_align_confidence.py
checks that.

    .venv/bin/python bench/fit_confidence.py            # write the file
    .venv/bin/python bench/fit_confidence.py --check    # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO))

from aligner.core.align import align_documents  # noqa: E402
from aligner.core.align.confidence import (  # noqa: E402
    FITTED_FILE,
    GAP_FEATURES,
    MATCH_FEATURES,
    features_of,
)
from aligner.io.ladder import read_ladder  # noqa: E402
from aligner.io.texts import load_document  # noqa: E402

OUTPUT = REPO / "aligner" / "core" / "align" / FITTED_FILE
#: Share of each development set's wrong links the review threshold must catch.
CAUGHT_SHARE = 0.90
#: The threshold moves in steps of 1/this: fine enough that the rounding does not decide it.
THRESHOLD_STEPS = 1000
#: Ridge penalty on the weights (not the bias): keeps rare features from running away.
RIDGE = 1.0
#: Newton steps; the log-likelihood is concave, so this many converge on these sizes.
STEPS = 25
DIGITS = 4

Sample = tuple[list[float], bool]


Pair = tuple[Path, Path, Path, tuple[str, str]]


def development_sets() -> list[tuple[str, list[Pair]]]:
    """The development sets by name, each as (source, target, gold, languages) files."""
    ruen = BENCH / "ruen-paragraph"
    works = sorted(p.name[: -len(".gold")] for p in ruen.glob("*.gold"))
    defr = BENCH / "bleualign-defr"
    return [
        ("ruen-paragraph", [
            (ruen / f"{w}.ru.txt", ruen / f"{w}.en.txt", ruen / f"{w}.gold", ("ru", "en"))
            for w in works
        ]),
        ("bleualign-defr dev",
         [(defr / "dev.de", defr / "dev.fr", defr / "dev.defr", ("de", "fr"))]),
    ]  # fmt: skip


Samples = dict[str, list[Sample]]


def collect_by_set() -> list[Samples]:
    """Per development set, each link's features by model, with whether it is a gold bead."""
    out: list[Samples] = []
    for _, pairs in development_sets():
        samples: Samples = {"match": [], "gap": []}
        for source, target, gold, (sl, tl) in pairs:
            alignment = align_documents(load_document(source, sl), load_document(target, tl))
            wanted = {(tuple(s), tuple(t)) for s, t in read_ladder(gold)}
            for link in alignment.links:
                kind, features = features_of(link.evidence, (len(link.source), len(link.target)))
                samples[kind].append((features, (link.source, link.target) in wanted))
        out.append(samples)
    return out


def merged(by_set: Sequence[Samples]) -> Samples:
    """All sets' samples together, by model."""
    return {kind: [x for samples in by_set for x in samples[kind]] for kind in ("match", "gap")}


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the systems here are 3x3 to 8x8)."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[col][col]:
                factor = a[r][col] / a[col][col]
                for c in range(col, n + 1):
                    a[r][c] -= factor * a[col][c]
    return [a[i][n] / a[i][i] if a[i][i] else 0.0 for i in range(n)]


def fit_logistic(samples: Sequence[Sample], size: int) -> list[float]:
    """Ridge-penalised logistic regression by Newton's method; returns bias and weights."""
    weights = [0.0] * (size + 1)
    for _ in range(STEPS):
        grad = [0.0] * (size + 1)
        hess = [[0.0] * (size + 1) for _ in range(size + 1)]
        for features, right in samples:
            x = [1.0, *features]
            logit = sum(w * v for w, v in zip(weights, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, logit))))
            for r in range(size + 1):
                grad[r] += (float(right) - p) * x[r]
                for c in range(size + 1):
                    hess[r][c] += p * (1.0 - p) * x[r] * x[c]
        for r in range(1, size + 1):
            grad[r] -= RIDGE * weights[r]
            hess[r][r] += RIDGE
        step = _solve(hess, grad)
        weights = [w + s for w, s in zip(weights, step, strict=True)]
    return [round(w, DIGITS) for w in weights]


def _probability(weights: Sequence[float], features: Sequence[float]) -> float:
    x = weights[0] + sum(w * f for w, f in zip(weights[1:], features, strict=True))
    return 1.0 / (1.0 + math.exp(-x)) if x > -60 else 0.0


def _caught_threshold(wrong: Sequence[float]) -> float:
    """The smallest threshold (in steps of 1/THRESHOLD_STEPS) below which CAUGHT_SHARE of
    these confidences of wrong links fall."""
    if not wrong:
        return 0.0
    ordered = sorted(wrong)
    k = min(len(ordered) - 1, math.ceil(CAUGHT_SHARE * len(ordered)) - 1)
    return math.floor(ordered[k] * THRESHOLD_STEPS + 1) / THRESHOLD_STEPS


def fit() -> dict[str, object]:
    """The fitted model, as written to fitted.json."""
    by_set = collect_by_set()
    samples = merged(by_set)
    match = fit_logistic(samples["match"], len(MATCH_FEATURES))
    gap = fit_logistic(samples["gap"], len(GAP_FEATURES))
    weights = {"match": match, "gap": gap}
    # Confidences as the aligner stores them (rounded), of each set's wrong links; the
    # threshold must catch CAUGHT_SHARE of every set's.
    thresholds = [
        _caught_threshold([
            round(_probability(weights[kind], features), 4)
            for kind in ("match", "gap")
            for features, right in one[kind]
            if not right
        ])
        for one in by_set
    ]  # fmt: skip
    wrong = sum(not right for kind in ("match", "gap") for _, right in samples[kind])
    links = sum(len(v) for v in samples.values())
    return {
        "fitted_on": ["ruen-paragraph (8 works)", "bleualign-defr dev"],
        "links": links,
        "wrong_links": wrong,
        "caught_share": CAUGHT_SHARE,
        "match_features": list(MATCH_FEATURES),
        "match": match,
        "gap_features": list(GAP_FEATURES),
        "gap": gap,
        "review_threshold": min(max(thresholds, default=0.5), 1.0),
    }


def render(model: dict[str, object]) -> str:
    return json.dumps(model, ensure_ascii=False, indent=1) + "\n"


def fit_main(name: str, doc: str, output: Path, fit: Callable[[], dict[str, object]]) -> None:
    """The command line of a fit script: write ``output`` from ``fit()``, or with
    ``--check`` exit 1 when the committed file differs from a fresh fit."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"{name}: error: {BENCH} is missing; put the shared folder beside "
                 "the repository")  # fmt: skip
    text = render(fit())
    if args.check:
        if output.read_text(encoding="utf-8") != text:
            sys.exit(f"{name}: {output.name} differs from a fresh fit; re-run the script")
        print(f"{output.name} is what the fit gives")
        return
    output.write_text(text, encoding="utf-8")
    print(text, end="")


def main() -> None:
    fit_main("fit_confidence", __doc__ or "", OUTPUT, fit)


if __name__ == "__main__":
    main()
