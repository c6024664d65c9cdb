"""Sentence links inside each paragraph link, found by the paragraph aligner itself.

The sentences of one paragraph link (both sides) are handed to
:func:`aligner.core.align.align_documents` as two small documents, so sentence
beads get the same evidence (shared numbers, names, terms; the length z-score;
the margin to the next best boundary) and the same confidence model as
paragraph links. Because each problem holds only the link's own sentences, a
sentence link can never cross its paragraph link. Page-break halves (a
sentence cut by the break, the next paragraph continuing it in lower case)
are kept together by the aligner's units, so they link across the break.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from aligner.core.align import AlignParams, FeatureCache
from aligner.core.align.corridor import diagonal_corridor
from aligner.core.align.editorial import page_break_between
from aligner.core.align.glossary_keys import TermPairs
from aligner.core.align.lengthmodel import LengthModel, from_pairs
from aligner.core.align.pipeline import (
    FAST_KERNEL_CELLS,
    FIRST_PASS_BEADS,
    Judged,
    Problem,
    search,
)
from aligner.core.align.script import same_script
from aligner.core.collector import collector_paused
from aligner.core.model import Alignment, Document, Link, SentenceLink
from aligner.core.sentences.blocks import Blocks, blocks_of
from aligner.core.sentences.refine import finest_groups, refine_windows, reshaped_links
from aligner.core.sentences.split import split_document

__all__ = [
    "align_sentences",
    "realign_sentences",
    "sentence_beads",
    "stale_link_ids",
]

#: Settings of the paragraph aligner that carry over to the sentence level.
_CARRIED = ("join_page_breaks", "review_threshold")


def _sentence_texts(
    document: Document, paragraphs: Iterable[int]
) -> tuple[list[str], list[int], list[bool]]:
    """The texts of the sentences of some paragraphs (all a problem reads of its
    segments), their global indices, and for each whether it and the next are halves of
    one sentence a page break split (the problem's units).

    Inside a paragraph two sentences are halves as two paragraphs are
    (:func:`~aligner.core.align.editorial.page_break_between`). Across paragraphs the
    paragraphs decide: the last sentence of one and the first of the next are halves
    when the two paragraphs are, as the paragraph level found them; sentences of
    paragraphs that are not next to each other in the document (the links between them
    need no search) never are.
    """
    segments, starts = document.segments, document.sentence_starts
    texts: list[str] = []
    indices: list[int] = []
    joins: list[bool] = []
    previous = -2
    for p in paragraphs:
        seg = segments[p]
        if joins and p == previous + 1 and _open(segments[previous].text):
            joins[-1] = page_break_between(segments[previous].text, seg.text)
        if seg.sentences:
            text = seg.text
            first = len(texts)
            texts += [text[s.start : s.end] for s in seg.sentences]
            joins += [False] * len(seg.sentences)
            # Most sentences end with a full stop: only those that do not are asked.
            for k in range(first, len(texts) - 1):
                if _open(texts[k]):
                    joins[k] = page_break_between(texts[k], texts[k + 1])
        else:
            texts.append(seg.text)
            joins.append(False)
        indices += range(starts[p], starts[p + 1])
        previous = p
    return texts, indices, joins


def _open(text: str) -> bool:
    """Whether a text may stop mid-sentence: its last character is not a full stop, the
    cheap half of :func:`~aligner.core.align.editorial.ends_mid_sentence`."""
    return bool(text) and text[-1] not in ".!?…"


def _sentence_problem(
    alignment: Alignment,
    source: Iterable[int],
    target: Iterable[int],
    pairs: TermPairs,
    params: AlignParams,
    cache: FeatureCache | None,
) -> tuple[Problem, list[int], list[int]]:
    """The sentences of some paragraphs of each side as one problem, with their global indices."""
    src_texts, src_ids, src_joins = _sentence_texts(alignment.source, source)
    tgt_texts, tgt_ids, tgt_joins = _sentence_texts(alignment.target, target)
    languages = (alignment.source.language, alignment.target.language)
    problem = Problem.of_texts(
        src_texts, tgt_texts, languages, pairs, params, cache,
        script_shared=documents_share_script(alignment), joins=(src_joins, tgt_joins),
    )  # fmt: skip
    return problem, src_ids, tgt_ids


#: The last alignment's documents and whether they share a script: the sentence level
#: asks once per window, and a window's few sentences must decide as their documents do.
_LAST_SCRIPT: list[tuple[Document, Document, bool]] = []


def documents_share_script(alignment: Alignment) -> bool:
    """Whether the alignment's two documents are in one script: as the paragraph level
    recorded it in the settings, or read from the documents (a file from before)."""
    recorded = alignment.settings.get("same_script")
    if isinstance(recorded, bool):
        return recorded
    source, target = alignment.source, alignment.target
    for known_source, known_target, shared in _LAST_SCRIPT:
        if known_source is source and known_target is target:
            return shared
    shared = same_script(source.texts(), target.texts())
    _LAST_SCRIPT[:] = [(source, target, shared)]
    return shared


def _sentence_ids(document: Document, paragraphs: Iterable[int]) -> list[int]:
    """The global indices of the sentences of some paragraphs (as :func:`_sentence_doc`)."""
    return [g for p in paragraphs for g in document.sentence_range(p)]


def _one_sided(link: Link, indices: list[int], side: str) -> tuple[SentenceLink, ...]:
    """Each sentence of a paragraph without counterpart is a sentence without counterpart."""
    evidence = replace(link.evidence, unmatched=True)
    return tuple(
        SentenceLink(
            (g,) if side == "source" else (),
            (g,) if side == "target" else (),
            confidence=link.confidence,
            evidence=evidence,
            needs_review=link.needs_review,
        )
        for g in indices
    )


def link_sentences(
    alignment: Alignment,
    link: Link,
    *,
    glossary_pairs: TermPairs = (),
    feature_cache: FeatureCache | None = None,
    params: Mapping[str, Any] | None = None,
    model: LengthModel | None = None,
) -> tuple[SentenceLink, ...]:
    """The sentence links of one paragraph link (its documents already split).

    ``model`` is the length model the paragraph aligner estimated for the whole
    document pair (its ratio and variance per character hold for sentences too).
    """
    src_ids = _sentence_ids(alignment.source, link.source)
    tgt_ids = _sentence_ids(alignment.target, link.target)
    if not tgt_ids:
        return _one_sided(link, src_ids, "source")
    if not src_ids:
        return _one_sided(link, tgt_ids, "target")
    if _one_sentence_paragraphs(alignment, [link]):
        # Every paragraph is one sentence: the paragraph link is the sentence link.
        return (
            SentenceLink(
                tuple(src_ids), tuple(tgt_ids), link.confidence,
                evidence=link.evidence, needs_review=link.needs_review,
            ),
        )  # fmt: skip
    settings = AlignParams.from_kwargs(params or {})
    problem, _, _ = _sentence_problem(
        alignment, link.source, link.target, glossary_pairs, settings, feature_cache
    )
    return _from_judged(_solve(problem, model or LengthModel()), src_ids, tgt_ids)


def _from_judged(
    inner: Sequence[Judged], src_ids: list[int], tgt_ids: list[int]
) -> tuple[SentenceLink, ...]:
    return tuple(
        _sentence_link(_ids(src_ids, bead.source), _ids(tgt_ids, bead.target), bead)
        for bead in inner
    )


def _sentence_link(source: tuple[int, ...], target: tuple[int, ...], bead: Judged) -> SentenceLink:
    """The sentence link of a judged bead, made without the model's checks, which hold by
    construction: each side is a slice of one run of consecutive sentence indices, a bead
    has a unit on one side at least, and its confidence is the logistic model's, in
    [0, 1]. Checking 25,000 of them again took a twentieth of the sentence level."""
    return SentenceLink._decoded(
        source, target, bead.confidence, "auto", "", bead.evidence, bead.needs_review
    )


def _with_sentence_links(link: Link, sentences: tuple[SentenceLink, ...]) -> Link:
    """The link with these sentence links: its other fields are as checked when it was
    made, so they are copied, not checked again (``replace`` on 10,000 links took a
    twentieth of the sentence level)."""
    return Link._decoded({**link.__dict__, "sentences": sentences})


#: Cells, in all, from which the windows refining paragraph links are searched as one
#: (:mod:`.batch`) once the fast kernel is loaded: its fixed cost per search is about
#: what the reference search spends on a thousand cells (bench/bench_sentences.py).
BATCH_CELLS = 2_000


def _many_link_sentences(
    alignment: Alignment,
    links: Sequence[Link],
    glossary_pairs: TermPairs,
    cache: FeatureCache,
    params: Mapping[str, Any],
    model: LengthModel,
) -> list[tuple[SentenceLink, ...]]:
    """:func:`link_sentences` of each link; the searches of many small links as one."""
    out: list[tuple[SentenceLink, ...] | None] = []
    asked: list[tuple[int, Problem, list[int], list[int]]] = []
    settings = AlignParams.from_kwargs(params)
    for link in links:
        counts = _sentence_counts(alignment, link)
        if not (counts[0] and counts[1]) or _one_sentence_each(link, counts):
            out.append(link_sentences(alignment, link, glossary_pairs=glossary_pairs,
                                      feature_cache=cache, params=params, model=model))  # fmt: skip
            continue
        problem, src_ids, tgt_ids = _sentence_problem(
            alignment, link.source, link.target, glossary_pairs, settings, cache
        )
        asked.append((len(out), problem, src_ids, tgt_ids))
        out.append(None)
    corridors = [diagonal_corridor(len(p.src), len(p.tgt), SENTENCE_BAND) for _, p, _, _ in asked]
    cells = sum(sum(hi) - sum(lo) + len(lo) for lo, hi in corridors)
    if len(asked) > 1 and _batched(cells):
        from aligner.core.sentences.batch import search_apart

        scorers = [p.scorer(model) for _, p, _, _ in asked]
        found = search_apart([p for _, p, _, _ in asked], scorers, corridors)
        for (k, p, src_ids, tgt_ids), scorer, (path, margins) in zip(
            asked, scorers, found, strict=True
        ):
            out[k] = _from_judged(p.judged(path, scorer, margins), src_ids, tgt_ids)
    else:
        for k, p, src_ids, tgt_ids in asked:
            out[k] = _from_judged(_solve(p, model), src_ids, tgt_ids)
    return [s for s in out if s is not None]


def _batched(cells: int) -> bool:
    """Whether windows of this many cells are searched as one by the fast kernel: from
    :data:`BATCH_CELLS` once it is loaded (the paragraph level or the search over all
    sentences loaded it), else from where loading it pays (:data:`FAST_KERNEL_CELLS`)."""
    loaded = "aligner.core.align.kernel" in sys.modules
    return cells >= (BATCH_CELLS if loaded else FAST_KERNEL_CELLS)


def _ids(ids: list[int], units: tuple[int, ...]) -> tuple[int, ...]:
    """The global indices of a bead's side: a bead's sentences are consecutive in its
    problem, so one slice."""
    return tuple(ids[units[0] : units[-1] + 1]) if units else ()


#: Half-width of the search band around the diagonal of one link's sentences: wide
#: enough to hold every path of an ordinary link (a link of 40 sentences a side).
SENTENCE_BAND = 40


def _solve(problem: Problem, model: LengthModel) -> list[Judged]:
    """One pass of the paragraph aligner's search over a link's sentences, with the
    document's length model, then its backward pass for the margins behind confidences.

    The two-pass search of whole documents exists to find a corridor and a length
    ratio; inside one link the band covers every path and the ratio is known.
    """
    n, m = len(problem.src), len(problem.tgt)
    scorer = problem.scorer(model)
    cells = diagonal_corridor(n, m, SENTENCE_BAND)
    path, margins = search(scorer, n, m, cells)
    return problem.judged(path, scorer, margins)


def _params(alignment: Alignment) -> dict[str, Any]:
    stored = alignment.settings.get("parameters")
    if not isinstance(stored, Mapping):
        return {}
    return {k: stored[k] for k in _CARRIED if k in stored}


#: Where the sentence level records the length model it measured on the sentences.
SENTENCE_MODEL_KEY = "sentence_length_model"


def _length_model(alignment: Alignment, key: str = "length_model") -> LengthModel:
    """A length model recorded in the settings under ``key`` (the default one otherwise)."""
    stored = alignment.settings.get(key)
    default = LengthModel()
    if not isinstance(stored, Mapping):
        return default
    try:
        ratio = float(stored.get("ratio", default.ratio))
        variance = float(stored.get("variance", default.variance))
    except (TypeError, ValueError):
        return default
    if ratio <= 0 or variance <= 0:
        return default
    return LengthModel(ratio=ratio, variance=variance)


def _sentence_counts(alignment: Alignment, link: Link) -> tuple[int, int]:
    return _count(alignment.source, link.source), _count(alignment.target, link.target)


def _count(document: Document, paragraphs: tuple[int, ...]) -> int:
    """Sentences in a run of consecutive paragraphs (a link's side): one subtraction."""
    if not paragraphs:
        return 0
    starts = document.sentence_starts
    return starts[paragraphs[-1] + 1] - starts[paragraphs[0]]


def _one_sentence_each(link: Link, counts: tuple[int, int]) -> bool:
    """Whether every paragraph of the link is one sentence (as :func:`_one_sentence_paragraphs`):
    a paragraph holds at least one, so exactly when the counts equal the paragraphs."""
    return counts[0] == len(link.source) and counts[1] == len(link.target)


def _without_search(alignment: Alignment, link: Link) -> tuple[SentenceLink, ...]:
    """The sentence links of a link that needs no search: a side is empty, or every
    paragraph is one sentence (as :func:`link_sentences` makes them)."""
    if not link.target:
        return _one_sided(link, _sentence_ids(alignment.source, link.source), "source")
    if not link.source:
        return _one_sided(link, _sentence_ids(alignment.target, link.target), "target")
    return (
        SentenceLink(
            tuple(_sentence_ids(alignment.source, link.source)),
            tuple(_sentence_ids(alignment.target, link.target)),
            link.confidence, evidence=link.evidence, needs_review=link.needs_review,
        ),
    )  # fmt: skip


@dataclass(frozen=True)
class _Confined:
    """The sentences of some paragraph links as one problem, confined to the links."""

    problem: Problem
    blocks: Blocks
    src_ids: list[int]
    tgt_ids: list[int]
    sentence_src: list[int]
    """Where each link's source sentences start in the problem (and the end)."""
    sentence_tgt: list[int]


def _confined(
    alignment: Alignment,
    links: Sequence[Link],
    glossary_pairs: TermPairs,
    cache: FeatureCache,
    params: Mapping[str, Any],
) -> _Confined | None:
    """None when a link boundary falls inside a page-break unit (a person separated
    the two halves of a split paragraph), or a side is empty."""
    problem, src_ids, tgt_ids = _sentence_problem(
        alignment, [p for lk in links for p in lk.source], [p for lk in links for p in lk.target],
        glossary_pairs, AlignParams.from_kwargs(params), cache,
    )  # fmt: skip
    n, m = len(problem.src), len(problem.tgt)
    if not n or not m:
        return None
    src_unit = {a: u for u, (a, _) in enumerate(problem.src_runs)} | {len(src_ids): n}
    tgt_unit = {a: u for u, (a, _) in enumerate(problem.tgt_runs)} | {len(tgt_ids): m}
    src_bounds, tgt_bounds = [0], [0]
    sentence_src, sentence_tgt = [0], [0]
    for lk in links:
        ns, nt = _sentence_counts(alignment, lk)
        sentence_src.append(sentence_src[-1] + ns)
        sentence_tgt.append(sentence_tgt[-1] + nt)
        if sentence_src[-1] not in src_unit or sentence_tgt[-1] not in tgt_unit:
            return None
        src_bounds.append(src_unit[sentence_src[-1]])
        tgt_bounds.append(tgt_unit[sentence_tgt[-1]])
    blocks = blocks_of(src_bounds, tgt_bounds)
    return _Confined(problem, blocks, src_ids, tgt_ids, sentence_src, sentence_tgt)


def _in_one_search(
    alignment: Alignment,
    glossary_pairs: TermPairs,
    cache: FeatureCache,
    params: Mapping[str, Any],
    model: LengthModel,
) -> tuple[list[tuple[SentenceLink, ...]], LengthModel] | None:
    """Every link's sentence links from one search over all sentences (:mod:`.blocks`),
    and the length model measured on the sentences.

    None when a link boundary falls inside a page-break unit (a person separated
    the two halves of a split paragraph); the caller then aligns link by link.
    """
    # Links of one sentence a side, or with a side empty, need no search.
    out: list[tuple[SentenceLink, ...]] = []
    searched: list[int] = []
    for number, lk in enumerate(alignment.links):
        counts = _sentence_counts(alignment, lk)
        if counts[0] and counts[1] and not _one_sentence_each(lk, counts):
            searched.append(number)
            out.append(())
        else:
            out.append(_without_search(alignment, lk))
    if not searched:
        return out, model
    links = [alignment.links[k] for k in searched]
    whole = _confined(alignment, links, glossary_pairs, cache, params)
    if whole is None:
        return None
    problem, blocks = whole.problem, whole.blocks
    sentence_src, sentence_tgt = whole.sentence_src, whole.sentence_tgt
    n, m = len(problem.src), len(problem.tgt)
    cells = blocks.corridor
    model = _measured_model(alignment, links, glossary_pairs, cache, params, model)
    # The default priors. Re-estimated from the first search, as the paragraph aligner
    # does, they lift the dev sets (ruen-paragraph's paragraph links 0.982 -> 0.983;
    # bleualign-defr dev in paragraphs, mean of three groupings, 0.896 -> 0.901 strict)
    # and lower the measure-only ruen-twolevel's sentence links (0.985 -> 0.983): a
    # regression by this project's rule (README, "Quality and speed").
    scorer = problem.scorer(model)
    path, margins = search(scorer, n, m, cells, blocks=blocks)
    found: list[list[SentenceLink]] = [[] for _ in links]
    k = 0
    src_ids, tgt_ids = whole.src_ids, whole.tgt_ids
    for bead in problem.judged(path, scorer, margins):
        # The paragraph link holding the bead: past every link whose sentences are used up.
        while (bead.source and bead.source[0] >= sentence_src[k + 1]) or (
            not bead.source and bead.target[0] >= sentence_tgt[k + 1]
        ):
            k += 1
        source, target = _ids(src_ids, bead.source), _ids(tgt_ids, bead.target)
        found[k].append(_sentence_link(source, target, bead))
    for k, number in enumerate(searched):
        out[number] = tuple(found[k])
    return out, model


#: Source sentences, at most, in the links the sentence length model is measured on:
#: a few hundred 1-1 links fix a weighted median, so a longer text is sampled (every
#: k-th link) and the measurement costs the same for any length of text.
MEASURE_SENTENCES = 1000
#: What one paragraph link's 1-1 sentence pairs may weigh in that measurement, at most:
#: as much as this many pairs (a paragraph of prose holds fewer; set so, not fitted). A
#: table of contents is one link of hundreds of short entries; weighed in full, it pulled
#: the model toward its own ratio, and the French installation guide's "Avertissement"
#: link went wrong through it (bench/bench_debian_docs.py).
LINK_PAIRS_IN_MODEL = 10


def _measured_model(
    alignment: Alignment,
    links: Sequence[Link],
    glossary_pairs: TermPairs,
    cache: FeatureCache,
    params: Mapping[str, Any],
    model: LengthModel,
) -> LengthModel:
    """The length model re-estimated from the 1-1 sentence links of a first search.

    As the paragraph aligner re-estimates its model from its first pass's 1-1
    links. The paragraph model's variance is measured on whole paragraphs, which
    carry every sentence one side dropped or added inside them: on sentences it
    is too wide, and a sentence without counterpart is then merged into its
    neighbour's link instead of standing alone.
    """
    total = sum(_sentence_counts(alignment, lk)[0] for lk in links)
    stride = -(-total // MEASURE_SENTENCES)  # ceiling division
    sample = _confined(alignment, links[::stride], glossary_pairs, cache, params)
    if sample is None:
        return model
    problem = sample.problem
    n, m = len(problem.src), len(problem.tgt)
    # Only the common shapes and no punctuation profile, as in the paragraph aligner's
    # first pass: the 1-1 links are all this pass is for.
    first = problem.scorer(model, use_profile=False)
    shapes = [ab for ab in FIRST_PASS_BEADS if ab in problem.params.priors]
    corridor = sample.blocks.corridor
    path, _ = search(first, n, m, corridor, blocks=sample.blocks, beads=shapes, margins=False)
    units = problem.one_to_one_units(path)
    # The paragraph link of each pair: its first sentence past the link's start.
    owners = [bisect_right(sample.sentence_src, problem.src_runs[i][0]) - 1 for i, _, _ in units]
    per_link = Counter(owners)
    shares = [min(1.0, LINK_PAIRS_IN_MODEL / per_link[k]) for k in owners]
    measured = from_pairs([(s, t) for _, s, t in units], model, shares)
    # Rounded as recorded, so a re-alignment after loading the file uses the same model.
    return LengthModel(round(measured.ratio, 4), round(measured.variance, 3), measured.floor)


def _with_sentences(
    alignment: Alignment,
    link_ids: set[int] | None,
    glossary_pairs: TermPairs,
    feature_cache: FeatureCache | None,
) -> Alignment:
    split = replace(
        alignment,
        source=split_document(alignment.source),
        target=split_document(alignment.target),
    )
    params = _params(alignment)
    model = _sentence_model(alignment)
    cache: FeatureCache = feature_cache if feature_cache is not None else {}
    if link_ids is None:
        searched = _in_one_search(split, glossary_pairs, cache, params, _length_model(alignment))
        if searched is not None:
            found, model = searched
            return replace(
                split,
                links=tuple(
                    _with_sentence_links(lk, s) for lk, s in zip(split.links, found, strict=True)
                ),
                settings={**split.settings, SENTENCE_MODEL_KEY: _model_record(model)},
            )
    links = []
    for lk in split.links:
        if link_ids is None or lk.id in link_ids:
            lk = replace(
                lk,
                sentences=link_sentences(
                    split,
                    lk,
                    glossary_pairs=glossary_pairs,
                    feature_cache=cache,
                    params=params,
                    model=model,
                ),  # fmt: skip
            )
        links.append(lk)
    return replace(split, links=tuple(links))


def _sentence_model(alignment: Alignment) -> LengthModel:
    """The model the sentence level measured when it first ran, else the paragraph one."""
    if isinstance(alignment.settings.get(SENTENCE_MODEL_KEY), Mapping):
        return _length_model(alignment, SENTENCE_MODEL_KEY)
    return _length_model(alignment)


def _model_record(model: LengthModel) -> dict[str, float]:
    return {"ratio": round(model.ratio, 4), "variance": round(model.variance, 3)}


def align_sentences(
    alignment: Alignment,
    *,
    glossary_pairs: TermPairs = (),
    feature_cache: FeatureCache | None = None,
    refine: bool = True,
) -> Alignment:
    """Every paragraph link with its sentence links (documents split into sentences first).

    With ``refine``, machine-made paragraph links are then made to agree with their
    sentence links (:mod:`.refine`): a link holding two clean groups is cut in two,
    and two links whose boundary the sentence level doubts are aligned as one.
    """
    with collector_paused():
        return _aligned_sentences(alignment, glossary_pairs, feature_cache, refine)


def _aligned_sentences(
    alignment: Alignment,
    glossary_pairs: TermPairs,
    feature_cache: FeatureCache | None,
    refine: bool,
) -> Alignment:
    aligned = _with_sentences(alignment, None, glossary_pairs, feature_cache)
    if not refine:
        return aligned
    cache: FeatureCache = feature_cache if feature_cache is not None else {}
    params, model = _params(alignment), _sentence_model(aligned)
    starts = (
        frozenset(aligned.source.sentence_starts),
        frozenset(aligned.target.sentence_starts),
    )
    # Pieces of the new list of links in order; a joined window's piece waits for the
    # one search of all joined windows.
    pieces: list[Sequence[Link] | None] = []
    joined: list[tuple[int, list[Link], Link]] = []
    for window in refine_windows(aligned.links):
        if not all(_auto(lk) for lk in window):
            pieces.append(window)
            continue
        if len(window) == 1 and len(window[0].sentences) == 1:
            # One sentence link covers the link: it is its only group, the link unchanged.
            pieces.append(window)
            continue
        if len(window) == 1 or _one_sentence_paragraphs(aligned, window):
            for lk in window:
                groups = finest_groups(aligned.source, aligned.target, lk.sentences, starts)
                pieces.append(reshaped_links([lk], groups))
            continue
        link = Link(
            tuple(p for lk in window for p in lk.source),
            tuple(p for lk in window for p in lk.target),
            confidence=min(lk.confidence for lk in window),
        )
        joined.append((len(pieces), window, link))
        pieces.append(None)
    found = _many_link_sentences(
        aligned, [link for _, _, link in joined], glossary_pairs, cache, params, model
    )
    for (k, window, _), sentences in zip(joined, found, strict=True):
        groups = finest_groups(aligned.source, aligned.target, sentences, starts)
        pieces[k] = reshaped_links(window, groups)
    links = [lk for piece in pieces if piece is not None for lk in piece]
    return replace(aligned, links=tuple(links))


def _one_sentence_paragraphs(alignment: Alignment, window: Sequence[Link]) -> bool:
    """True when every paragraph of these links is a single sentence: the paragraph
    aligner already placed exactly these units, with the whole document as context."""
    src, tgt = alignment.source, alignment.target
    return all(len(src.sentence_range(p)) == 1 for lk in window for p in lk.source) and all(
        len(tgt.sentence_range(p)) == 1 for lk in window for p in lk.target
    )


def _auto(link: Link) -> bool:
    return link.status == "auto" and not link.evidence.edited


def stale_link_ids(alignment: Alignment) -> set[int]:
    """Ids of links whose sentence links do not cover exactly their paragraphs' sentences."""
    if not any(lk.sentences for lk in alignment.links):
        return set()  # a paragraph-only alignment: nothing is stale
    return {lk.id for lk in alignment.links if not sentences_cover(alignment, lk)}


def sentences_cover(alignment: Alignment, link: Link) -> bool:
    """Whether the link's sentence links hold exactly its paragraphs' sentences, in order."""
    for side, doc in (("source", alignment.source), ("target", alignment.target)):
        want = [g for p in getattr(link, side) for g in doc.sentence_range(p)]
        got = [g for s in link.sentences for g in getattr(s, side)]
        if got != want:
            return False
    return True


def realign_sentences(
    alignment: Alignment,
    changed_link_ids: Iterable[int] | None = None,
    *,
    glossary_pairs: TermPairs = (),
) -> Alignment:
    """Re-align the sentences of the links an edit touched; the others are kept as they are.

    ``changed_link_ids`` are the ids of the links the edit created or reshaped;
    links whose sentence links no longer fit their paragraphs are re-aligned too,
    so a caller that forgets one cannot leave a sentence link crossing its link.
    """
    ids = set(changed_link_ids or ()) | stale_link_ids(alignment)
    if not ids:
        return alignment
    return _with_sentences(alignment, ids, glossary_pairs, None)


def sentence_beads(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """All sentence links as ladder beads (global sentence indices), in document order.

    A link without sentence links (not aligned by sentence) counts as one bead of
    all its sentences.
    """
    beads = []
    for lk in alignment.links:
        if lk.sentences:
            beads.extend((s.source, s.target) for s in lk.sentences)
        else:
            src = tuple(g for p in lk.source for g in alignment.source.sentence_range(p))
            tgt = tuple(g for p in lk.target for g in alignment.target.sentence_range(p))
            beads.append((src, tgt))
    return beads
