"""Fit the word-key prefix lengths (aligner/core/align/word_prefix.py) on the development sets.

One length for documents in one script, fitted on bleualign-defr ``dev`` (German and
French, both Latin); one for documents in two scripts, fitted on ruen-paragraph
(Russian transliterated to meet English). Each is the candidate with the best strict
F1 on its set (lax F1 breaks ties, then the longer prefix: the one that meets by
chance less). The measure-only sets are never read here; bench/bench_align_quality.py
reports them afterwards. Re-fit the confidence after this (bench/fit_confidence.py).

    .venv/bin/python bench/fit_word_prefix.py            # write the file
    .venv/bin/python bench/fit_word_prefix.py --check    # exit 1 if the file is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from fit_confidence import Pair, development_sets, fit_main, render  # noqa: E402, F401 (render: the tests call it here)

from aligner.core.align import align_documents  # noqa: E402
from aligner.core.align.features import PREFIX  # noqa: E402
from aligner.core.align.params import MIN_PREFIX  # noqa: E402
from aligner.core.align.word_prefix import PREFIX_FILE  # noqa: E402
from aligner.core.evaluate import score_alignments  # noqa: E402
from aligner.io.ladder import alignment_beads, read_ladder  # noqa: E402
from aligner.io.texts import load_document  # noqa: E402

OUTPUT = REPO / "aligner" / "core" / "align" / PREFIX_FILE
#: Which development set fits which parameter.
FITS = (
    ("same_script", "same_script_prefix", "bleualign-defr dev"),
    ("cross_script", "cross_script_prefix", "ruen-paragraph"),
)
CANDIDATES = tuple(range(MIN_PREFIX, PREFIX + 1))
DIGITS = 4


def scores(pairs: list[Pair], param: str, prefix: int) -> tuple[float, float]:
    """(strict, lax) F1 on ``pairs`` with ``param`` set to ``prefix``."""
    scored = []
    for source, target, gold, (sl, tl) in pairs:
        alignment = align_documents(
            load_document(source, sl), load_document(target, tl), **{param: prefix}
        )
        scored.append((alignment_beads(alignment), read_ladder(gold)))
    s = score_alignments(scored)
    return round(s.strict.f1, DIGITS), round(s.lax.f1, DIGITS)


def fit() -> dict[str, object]:
    """The fitted lengths and every candidate's scores, as written to word_prefix.json."""
    sets = dict(development_sets())
    prefixes: dict[str, int] = {}
    tried: dict[str, dict[str, object]] = {}
    for name, param, dev in FITS:
        by_prefix = {p: scores(sets[dev], param, p) for p in CANDIDATES}
        prefixes[name] = max(CANDIDATES, key=lambda p: (*by_prefix[p], p))
        tried[name] = {
            "fitted_on": dev,
            "strict_lax_by_prefix": {str(p): list(v) for p, v in by_prefix.items()},
        }
    return {"prefixes": prefixes, "candidates": tried}


def main() -> None:
    fit_main("fit_word_prefix", __doc__ or "", OUTPUT, fit)


if __name__ == "__main__":
    main()
