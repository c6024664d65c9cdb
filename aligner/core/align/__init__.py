"""The paragraph aligner: two documents in, an Alignment with explained confidences out.

Pipeline (each step one module):

1. :mod:`.features` reads each segment: length without the editorial
   apparatus (:mod:`.editorial`), punctuation profile, evidence keys
   (numbers, dates, ordinals, abbreviations, cognates and names through
   :mod:`.translit`); :mod:`.glossary_keys` adds glossary term pairs.
2. :mod:`.units` keeps page-break halves together.
3. :mod:`.anchors` keeps the keys both documents share and weighs them by rarity;
   word keys meet by the prefix fitted for documents in one script or in two
   (:mod:`.script`, :mod:`.word_prefix`).
4. :mod:`.dp` finds the cheapest bead path under :mod:`.cost` twice
   (:mod:`.pipeline`): a first pass in a band around the line through sure
   anchors (:mod:`.corridor`), with the length ratio guessed from the
   documents, then a second pass in a narrow corridor around the first path
   with the ratio and variance re-estimated from its 1-1 links
   (:mod:`.lengthmodel`) and the bead priors from its shapes.
5. :mod:`.margins` runs the same search over the reversed documents to see
   how contested each link's boundaries are; :mod:`.confidence` turns that
   and the link's evidence into a confidence with readable reasons.
"""

from __future__ import annotations

from typing import Any

from aligner.core.align.glossary_keys import TermPairs
from aligner.core.align.params import AlignParams
from aligner.core.align.pipeline import FeatureCache, Problem, Progress, solve_or_skip
from aligner.core.collector import collector_paused
from aligner.core.model import Alignment, Document

__all__ = ["ALGORITHM", "ALGORITHM_VERSION", "AlignParams", "FeatureCache", "align_documents"]

ALGORITHM = "aligner-paragraph"
ALGORITHM_VERSION = "1.0"


def align_documents(
    source: Document,
    target: Document,
    *,
    glossary_pairs: TermPairs = (),
    progress: Progress | None = None,
    feature_cache: FeatureCache | None = None,
    **params: Any,
) -> Alignment:
    """Align two documents' segments; every segment ends up in exactly one link, in order.

    ``glossary_pairs`` are (source forms, target forms) of key terms, used as
    anchors; ``progress`` is called now and then with the fraction done;
    ``params`` override :class:`AlignParams` fields (unknown names raise UsageError).
    ``feature_cache`` (a dict the caller keeps) lets several alignments of one
    original, as in a comparison of translations, read each paragraph once.
    """
    settings = AlignParams.from_kwargs(params)
    if progress is not None:
        progress(0.0)
    with collector_paused():
        problem = Problem(source, target, glossary_pairs, settings, feature_cache)
        path, scorer, margins = solve_or_skip(problem, progress)
        links = problem.links(path, scorer, margins)
    if progress is not None:
        progress(1.0)
    record = {
        "algorithm": ALGORITHM,
        "algorithm_version": ALGORITHM_VERSION,
        "parameters": settings.as_settings(),
        "length_model": {
            "ratio": round(scorer.model.ratio, 4),
            "variance": round(scorer.model.variance, 3),
        },
        "glossary_terms": len(glossary_pairs),
        "same_script": problem.same_script,
    }
    return Alignment(source=source, target=target, links=tuple(links), settings=record)
