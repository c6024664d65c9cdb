"""The aligner's pipeline over one pair of documents: units, anchors, two passes, margins, links."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from aligner.core.align.anchors import build_anchors
from aligner.core.align.confidence import (
    DISPLACED_REACH,
    confidences,
    displaced_keys,
    fitted_model,
    gap_evidence,
    keys_weight,
    match_evidence,
)
from aligner.core.align.corridor import Corridor, anchor_corridor, path_corridor
from aligner.core.align.cost import BeadScorer, Spans
from aligner.core.align.dp import Bead, Record, align_units, forward, trace
from aligner.core.align.features import PREFIX, SegmentFeatures, segment_features
from aligner.core.align.glossary_keys import TermPairs, glossary_keys
from aligner.core.align.lengthmodel import LengthModel, from_pairs, from_totals
from aligner.core.align.margins import (
    MARGIN_CAP,
    ReplayScorer,
    link_margins,
    reversed_corridor,
)
from aligner.core.align.params import AlignParams
from aligner.core.align.script import same_script
from aligner.core.align.units import unit_features, unit_spans
from aligner.core.model import Document, Evidence, Link

if TYPE_CHECKING:
    from aligner.core.sentences.blocks import Blocks

#: No keys: the neighbours of a link not read (see :meth:`Problem.judged`).
_NO_KEYS: frozenset[int] = frozenset()
#: The first pass only needs the common shapes: it finds the corridor and the length ratio.
FIRST_PASS_BEADS: tuple[Bead, ...] = ((1, 1), (1, 2), (2, 1))

#: Pseudo-count of the default priors when re-estimating them from the first pass.
PRIOR_WEIGHT = 50.0
#: Half-width of the corridor in which competing paths are sought for the margins.
MARGIN_CORRIDOR = 1
Progress = Callable[[float], None]
#: The search kernels (see :meth:`Problem.solve`).
KERNELS = ("fast", "reference")
#: From this many cells in the first search's corridor the fast kernel is used. Loading
#: numba and its compiled search takes about half a second (more on a busy machine),
#: which the reference search also takes on pairs of about 1,000 paragraphs a side,
#: whose first band holds about 50,000 cells (bench/bench_align_kernels.py: 0.6 s for
#: romeo_and_juliet's 954 links, search and links).
FAST_KERNEL_CELLS = 50_000
#: Segment features by text, kept by a caller that aligns one original several times.
FeatureCache = dict[str, SegmentFeatures]
Priors = Mapping[Bead, float]


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    if progress is None:
        return None
    return lambda fraction: progress(start + (end - start) * fraction)


class Problem:
    """Both documents as units with their features and shared anchors; solved in passes."""

    def __init__(
        self,
        source: Document,
        target: Document,
        pairs: TermPairs,
        params: AlignParams,
        cache: FeatureCache | None = None,
    ) -> None:
        self._build(source.texts(), target.texts(), (source.language, target.language),
                    pairs, params, cache)  # fmt: skip

    @classmethod
    def of_texts(
        cls,
        src_texts: list[str],
        tgt_texts: list[str],
        languages: tuple[str, str],
        pairs: TermPairs,
        params: AlignParams,
        cache: FeatureCache | None = None,
        *,
        script_shared: bool | None = None,
        joins: tuple[Sequence[bool], Sequence[bool]] | None = None,
    ) -> Problem:
        """The problem of two documents given as their segments' texts and languages
        (all a problem reads of them), for callers that hold no documents: the
        sentence level's sentences are slices of paragraphs. ``script_shared`` is
        whether the documents these texts come from share a script (None: read it
        from these texts), so that a few sentences decide as their documents do.
        ``joins`` are the page-break joins of each side's texts (see
        :func:`~aligner.core.align.units.unit_spans`; None: read from the texts), for
        texts that are not consecutive in their documents."""
        problem = cls.__new__(cls)
        problem._build(src_texts, tgt_texts, languages, pairs, params, cache, script_shared,
                       joins)  # fmt: skip
        return problem

    def _build(
        self,
        src_texts: list[str],
        tgt_texts: list[str],
        languages: tuple[str, str],
        pairs: TermPairs,
        params: AlignParams,
        cache: FeatureCache | None,
        script_shared: bool | None = None,
        joins: tuple[Sequence[bool], Sequence[bool]] | None = None,
    ) -> None:
        self.params = params
        src_joins, tgt_joins = joins if joins is not None else (None, None)
        self.src_runs = unit_spans(src_texts, params.join_page_breaks, src_joins)
        self.tgt_runs = unit_spans(tgt_texts, params.join_page_breaks, tgt_joins)
        src_terms, tgt_terms = glossary_keys(src_texts, tgt_texts, pairs, languages)
        src_feats = _features(src_texts, src_terms, cache)
        tgt_feats = _features(tgt_texts, tgt_terms, cache)
        self.src = unit_features(src_feats, self.src_runs)
        self.tgt = unit_features(tgt_feats, self.tgt_runs)
        if script_shared is None:
            script_shared = same_script(src_texts, tgt_texts)
        self.same_script = script_shared
        prefix = params.same_script_prefix if self.same_script else params.cross_script_prefix
        self.anchors = build_anchors(self.src, self.tgt, word_prefix=prefix)
        self.src_sums = Spans(self.src, self.anchors.source)
        self.tgt_sums = Spans(self.tgt, self.anchors.target)
        # The search meets cognates by the prefix fitted for the pair; a link's evidence
        # (and so its confidence) names only the words that meet by all PREFIX letters.
        # A shorter prefix finds more true cognates for the search to weigh against each
        # other, and more chance ones a single link cannot tell from them: on the
        # same-script dev set (bleualign-defr dev) confidences read from 4-letter
        # prefixes mark 47.7% of links to catch 90% of the wrong ones, from 5-letter
        # prefixes 46.0% (bench/fit_confidence.py, then bench/bench_align_quality.py).
        if prefix < PREFIX:
            self.evidence_anchors = build_anchors(self.src, self.tgt)
            self.evidence_src = Spans(self.src, self.evidence_anchors.source)
            self.evidence_tgt = Spans(self.tgt, self.evidence_anchors.target)
        else:
            self.evidence_anchors = self.anchors
            self.evidence_src, self.evidence_tgt = self.src_sums, self.tgt_sums

    def scorer(
        self, model: LengthModel, *, use_profile: bool = True, priors: Priors | None = None
    ) -> BeadScorer:
        params = self.params if priors is None else replace(self.params, priors=priors)
        return BeadScorer(
            self.src_sums, self.tgt_sums, self.anchors, model, params, use_profile=use_profile
        )

    def solve(
        self, progress: Progress | None, kernel: str | None = None
    ) -> tuple[list[Bead], BeadScorer, list[float]]:
        """Two passes (a band around sure anchors, then a corridor around the first path),
        and the margin of each link of the final path.

        ``kernel`` is "fast" (:mod:`.kernel`: numpy and numba), "reference" (:mod:`.dp`,
        pure Python, the specification the fast one is tested against) or None: the
        reference for small problems, where loading the fast one costs more than it saves.
        """
        first = self._first_pass()
        if use_fast_kernel(first[1], kernel):
            return self._solve_fast(progress, first)
        return self._solve_reference(progress, first)

    def _first_pass(self) -> tuple[BeadScorer, Corridor, list[Bead]]:
        n, m, params = len(self.src), len(self.tgt), self.params
        totals = from_totals([f.length for f in self.src], [f.length for f in self.tgt])
        first = self.scorer(totals, use_profile=False)  # the first pass needs only the gist
        band = anchor_corridor(
            self.anchors, n, m, params.band,
            [f.length for f in self.src], [f.length for f in self.tgt],
        )  # fmt: skip
        shapes = [ab for ab in FIRST_PASS_BEADS if ab in params.priors]
        return first, band, shapes

    def _second_scorer(self, path: Sequence[Bead], first: BeadScorer) -> BeadScorer:
        model = from_pairs(self._one_to_one_lengths(path), first.model)
        return self.scorer(model, priors=_estimate_priors(path, self.params.priors, PRIOR_WEIGHT))

    def _solve_fast(
        self, progress: Progress | None, start: tuple[BeadScorer, Corridor, list[Bead]]
    ) -> tuple[list[Bead], BeadScorer, list[float]]:
        from aligner.core.align import kernel

        n, m = len(self.src), len(self.tgt)
        first, band, shapes = start
        ahead = kernel.forward(kernel.Costs(first), band, shapes, _scaled(progress, 0.05, 0.5))
        path = kernel.trace(ahead, n, m)
        del ahead  # the first pass's tables are the largest: free them before the second
        second = self._second_scorer(path, first)
        corridor = path_corridor(path, n, m, self.params.corridor)
        costs = kernel.Costs(second)
        ahead = kernel.forward(costs, corridor, None, _scaled(progress, 0.5, 0.85), keep=True)
        final = kernel.trace(ahead, n, m)
        cells = path_corridor(final, n, m, MARGIN_CORRIDOR)
        behind = kernel.backward(costs, ahead, cells, _scaled(progress, 0.85, 0.95))
        return final, second, kernel.link_margins(ahead, behind, cells, final, n, m)

    def _solve_reference(
        self, progress: Progress | None, start: tuple[BeadScorer, Corridor, list[Bead]]
    ) -> tuple[list[Bead], BeadScorer, list[float]]:
        n, m = len(self.src), len(self.tgt)
        first, band, shapes = start
        path = align_units(first, n, m, band, _scaled(progress, 0.05, 0.5), shapes)
        second = self._second_scorer(path, first)
        corridor = path_corridor(path, n, m, self.params.corridor)
        record: Record = {}
        tables = forward(second, n, m, corridor, _scaled(progress, 0.5, 0.85), record=record)
        final = trace(tables, n, m)
        cells = path_corridor(final, n, m, MARGIN_CORRIDOR)
        replay = ReplayScorer(second, record, n, m)
        backward = forward(
            replay, n, m, reversed_corridor(cells, n, m), _scaled(progress, 0.85, 0.95)
        )
        return final, second, link_margins(tables, backward, cells, final, n, m)

    def _one_to_one_lengths(self, path: Sequence[Bead]) -> list[tuple[int, int]]:
        """(source, target) lengths of the path's 1-1 links that render their source
        (:meth:`one_to_one_units`)."""
        return [(s, t) for _, s, t in self.one_to_one_units(path)]

    def one_to_one_units(self, path: Sequence[Bead]) -> list[tuple[int, int, int]]:
        """The source unit and the (source, target) lengths of each of the path's 1-1
        links that render their source.

        A unit the translation left as it is (the same length and the same evidence
        keys on both sides: a command line, a list of names, a passage left
        untranslated) says nothing about how long a rendering is; counted, such
        copies narrow the length model until every rendered pair looks off (the
        Russian Debian FAQ, bench/bench_debian_docs.py: its sentence model then put
        rendered sentences into 1-3 links beside 1-0 ones).
        """
        out, i, j = [], 0, 0
        for a, b in path:
            if a == 1 and b == 1:
                s, t = self.src[i], self.tgt[j]
                if s.length != t.length or s.keys != t.keys:
                    out.append((i, s.length, t.length))
            i, j = i + a, j + b
        return out

    def links(
        self, path: Sequence[Bead], scorer: BeadScorer, margins: Sequence[float]
    ) -> list[Link]:
        """Links in segment indices, each with its confidence and evidence, numbered in
        order (ids 0, 1, ...: as an :class:`~aligner.core.model.Alignment` numbers new
        links, so it has none to renumber)."""
        threshold = self.params.review_threshold
        return [
            Link(
                source, target, confidence=conf, evidence=evidence,
                needs_review=review, review_threshold=threshold, id=k,
            )
            for k, (source, target, conf, evidence, review) in enumerate(
                self.judged(path, scorer, margins)
            )
        ]  # fmt: skip

    def judged(
        self, path: Sequence[Bead], scorer: BeadScorer, margins: Sequence[float]
    ) -> list[Judged]:
        """Each bead of the path in segment indices, with its confidence, evidence and
        review mark (what :meth:`links` makes links of, and the sentence level its
        sentence links): each evidence is built once, its neighbours' margins and
        displaced anchors known."""
        threshold = self.params.review_threshold
        model = fitted_model()
        corners = _corners(path)
        weights = self.evidence_anchors.weights
        src, tgt = self.evidence_src, self.evidence_tgt
        src_unit_keys, tgt_unit_keys = src.keys, tgt.keys
        reach = DISPLACED_REACH
        keys: list[tuple[frozenset[int], frozenset[int], frozenset[int]] | None] = []
        displaced: list[float] = []
        # Once per bead, so the helpers are written out (a sentence level judges 20,000+):
        # a run's keys, and the keys of the ``reach`` units just before and after it.
        for i, j, a, b in corners:
            if a and b:
                src_keys = src_unit_keys[i] if a == 1 else src.union(a, i + a)
                tgt_keys = tgt_unit_keys[j] if b == 1 else tgt.union(b, j + b)
                # A side's neighbours are read only when the other side has keys this one
                # lacks: most sentences share all their keys or have none, and then no key
                # can be displaced (as :func:`displaced_keys` finds with any neighbours).
                src_near = tgt_near = _NO_KEYS
                if not tgt_keys <= src_keys:
                    src_near = frozenset().union(*src_unit_keys[max(0, i - reach) : i],
                                                 *src_unit_keys[i + a : i + a + reach])
                if not src_keys <= tgt_keys:
                    tgt_near = frozenset().union(*tgt_unit_keys[max(0, j - reach) : j],
                                                 *tgt_unit_keys[j + b : j + b + reach])
                moved = displaced_keys(src_keys, tgt_keys, src_near, tgt_near)
                keys.append((src_keys, tgt_keys, moved))
                displaced.append(keys_weight(moved, weights))
            else:
                keys.append(None)
                displaced.append(0.0)
        # Mistakes come in pairs: each link reads the smaller margin and the larger
        # displaced weight of the links just around it.
        neighbour_margins = _of_neighbours(margins, min)
        neighbour_displaced = _of_neighbours(displaced, max)
        # Segment indices of each unit, read as units.expand reads them.
        src_runs, tgt_runs = self.src_runs, self.tgt_runs
        sides: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        evidences: list[Evidence] = []
        for k, (i, j, a, b) in enumerate(corners):
            margin = margins[k]
            neighbour = neighbour_margins[k]
            if neighbour is None:  # a path of one link is its own neighbour
                neighbour = margin
            source = tuple(range(src_runs[i][0], src_runs[i + a - 1][1])) if a else ()
            target = tuple(range(tgt_runs[j][0], tgt_runs[j + b - 1][1])) if b else ()
            joined = len(source) > a or len(target) > b
            found = keys[k]
            if found is None:
                header = src.headers[i] if a else tgt.headers[j]
                length = (self.src[i] if a else self.tgt[j]).length
                evidence = gap_evidence(
                    header, margin, length if a else 0, 0 if a else length,
                    neighbour_margin=round(neighbour, 2), page_break_joined=joined,
                )  # fmt: skip
            else:
                near = neighbour_displaced[k] or 0.0
                evidence = match_evidence(
                    self.src[i : i + a], self.tgt[j : j + b], found[0], found[1],
                    self.evidence_anchors, scorer.model, margin, found[2],
                    neighbour_margin=round(neighbour, 2),
                    neighbour_displaced=round(near, 2), page_break_joined=joined,
                    displaced_weight=displaced[k],
                )  # fmt: skip
            sides.append((source, target))
            evidences.append(evidence)
        out: list[Judged] = []
        shapes = [(a, b) for _, _, a, b in corners]
        for (source, target), evidence, conf in zip(
            sides, evidences, confidences(evidences, shapes, model), strict=True
        ):
            # Decide on the stored (rounded) value, so a reader of the JSON sees
            # the same verdict: 0.49996 is stored as 0.5 and is not below 0.5.
            conf = round(conf, 4)
            out.append(Judged(source, target, conf, evidence, conf < threshold))
        return out


def _of_neighbours(
    values: Sequence[float], pick: Callable[[float, float], float]
) -> list[float | None]:
    """For each position, ``pick`` of the values just before and after it (the one
    neighbour at either end; None for a single value)."""
    n = len(values)
    if n < 2:
        return [None] * n
    inner = [pick(values[k - 1], values[k + 1]) for k in range(1, n - 1)]
    return [values[1], *inner, values[n - 2]]


class Judged(NamedTuple):
    """One bead as a link's parts: segment indices, confidence, evidence, review mark."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float
    evidence: Evidence
    needs_review: bool


def _corners(path: Sequence[Bead]) -> list[tuple[int, int, int, int]]:
    """Each bead as (first source unit, first target unit, source count, target count)."""
    out, i, j = [], 0, 0
    for a, b in path:
        out.append((i, j, a, b))
        i, j = i + a, j + b
    return out


def _estimate_priors(path: Sequence[Bead], defaults: Priors, weight: float) -> dict[Bead, float]:
    """Bead priors moved toward the shapes the first pass found (``weight`` pseudo-counts)."""
    counts = {ab: 0 for ab in defaults}
    for ab in path:
        if ab in counts:
            counts[ab] += 1
    total = sum(counts.values())
    # Shapes the first pass cannot produce keep their default share.
    first = set(FIRST_PASS_BEADS)
    mass_first = sum(p for ab, p in defaults.items() if ab in first)
    out: dict[Bead, float] = {}
    for ab, p in defaults.items():
        if ab in first and total:
            out[ab] = mass_first * (counts[ab] + weight * p / mass_first) / (total + weight)
        else:
            out[ab] = p
    return out


def _features(
    texts: list[str], terms: list[set[str]], cache: FeatureCache | None
) -> list[SegmentFeatures]:
    """Each text's features with its glossary keys; ``cache`` keeps them by text.

    Without a cache, each distinct text is still read once: a document repeats
    paragraphs (headings, speakers' names, separators), and features depend on the
    text alone.
    """
    known: FeatureCache = cache if cache is not None else {}
    out = []
    for text, keys in zip(texts, terms, strict=True):
        features = known.get(text)
        if features is None:
            features = known[text] = segment_features(text)
        out.append(_with_terms(features, keys))
    return out


def _with_terms(features: SegmentFeatures, terms: set[str]) -> SegmentFeatures:
    if not terms:
        return features
    return SegmentFeatures(
        features.length,
        tuple(sorted(set(features.keys) | terms)),
        features.names,
        features.profile,
        features.ends_open,
    )


def use_fast_kernel(corridor: Corridor, kernel: str | None) -> bool:
    """Whether a search in this corridor goes to the fast kernel (see :meth:`Problem.solve`)."""
    if kernel is not None:
        if kernel not in KERNELS:
            raise ValueError(f"unknown kernel {kernel!r}; known: {', '.join(KERNELS)}")
        return kernel == "fast"
    lo, hi = corridor
    return sum(hi) - sum(lo) + len(lo) >= FAST_KERNEL_CELLS


def search(
    scorer: BeadScorer,
    n: int,
    m: int,
    corridor: Corridor,
    *,
    blocks: Blocks | None = None,
    beads: Sequence[Bead] | None = None,
    margins: bool = True,
    kernel: str | None = None,
) -> tuple[list[Bead], list[float]]:
    """The cheapest path inside ``corridor`` and, with ``margins``, each bead's margin
    measured in the same corridor; ``blocks`` confines beads to rectangles
    (:mod:`aligner.core.sentences.blocks`). Either kernel, by :func:`use_fast_kernel`."""
    if use_fast_kernel(corridor, kernel):
        from aligner.core.align import kernel as fast

        costs = fast.Costs(scorer, blocks)
        ahead = fast.forward(costs, corridor, beads, keep=margins)
        path = fast.trace(ahead, n, m)
        if not margins:
            return path, []
        behind = fast.backward(costs, ahead, corridor)
        return path, fast.link_margins(ahead, behind, corridor, path, n, m)
    from aligner.core.sentences.blocks import BlockScorer

    confined = scorer if blocks is None else BlockScorer(scorer, blocks)
    record: Record | None = {} if margins else None
    tables = forward(confined, n, m, corridor, beads=beads, record=record)
    path = trace(tables, n, m)
    if record is None:
        return path, []
    replay = ReplayScorer(confined, record, n, m)  # type: ignore[arg-type]
    behind = forward(replay, n, m, reversed_corridor(corridor, n, m))
    return path, link_margins(tables, behind, corridor, path, n, m)


def solve_or_skip(
    problem: Problem, progress: Progress | None, kernel: str | None = None
) -> tuple[list[Bead], BeadScorer, list[float]]:
    """The path, its scorer and margins; with an empty side every segment stands alone."""
    n, m = len(problem.src), len(problem.tgt)
    if n and m:
        return problem.solve(progress, kernel)
    path = [(1, 0)] * n + [(0, 1)] * m
    return path, problem.scorer(LengthModel()), [MARGIN_CAP] * len(path)
