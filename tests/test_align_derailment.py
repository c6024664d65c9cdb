"""Where anchors are sparse and lengths alike, the aligner stays on the text.

Verse, drama and aphorisms have few numbers or names and many paragraphs of
about the same length. An aligner that leans on anchors, or that finds runs of
paragraphs without counterpart cheap, can swap a stretch of 1-1 links for a
run of 0-1 links followed by a run of 1-0 links. These tests build such a pair
(no shared word at all) and require that it holds.
"""

from __future__ import annotations

import random

from aligner.core.align import align_documents
from aligner.core.align.anchors import build_anchors
from aligner.core.align.cost import BeadScorer, Spans
from aligner.core.align.features import segment_features
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.align.params import AlignParams
from aligner.core.evaluate import score_alignments
from aligner.io.ladder import alignment_beads
from tests.test_align_beads import document

RU_LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"
EN_LETTERS = "abcdefghijklmnoprstuvwy"


def _words(rng: random.Random, letters: str, length: int) -> str:
    """Lower-case pseudo-words of about ``length`` characters, ending with a full stop."""
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append("".join(rng.choice(letters) for _ in range(rng.randint(2, 9))))
    return " ".join(words) + "."


def _pair(seed: int, paragraphs: int = 220):
    """Source and target of similar paragraph lengths, with a 2-1 merge and an omission."""
    rng = random.Random(seed)
    lengths = [rng.randint(240, 360) for _ in range(paragraphs)]
    source = [_words(rng, RU_LETTERS, n) for n in lengths]
    merged_at, omitted_at = 61, 150
    target, gold = [], []
    i = 0
    while i < paragraphs:
        t = len(target)
        if i == merged_at:
            target.append(_words(rng, EN_LETTERS, int(1.1 * (lengths[i] + lengths[i + 1]))))
            gold.append(((i, i + 1), (t,)))
            i += 2
            continue
        if i == omitted_at:
            gold.append(((i,), ()))
            i += 1
            continue
        target.append(_words(rng, EN_LETTERS, int(1.1 * lengths[i] * rng.uniform(0.93, 1.07))))
        gold.append(((i,), (t,)))
        i += 1
    return document(source, "ru"), document(target, "en"), gold


def test_an_anchor_poor_pair_of_like_paragraphs_aligns_on_the_diagonal() -> None:
    for seed in (1, 2, 3):
        source, target, gold = _pair(seed)
        alignment = align_documents(source, target)
        scores = score_alignments([(alignment_beads(alignment), gold)])
        assert scores.lax.f1 >= 0.95, (seed, scores.lax.f1)
        beads = [lk.bead for lk in alignment.links]
        # No bogus runs of omissions on both sides.
        assert beads.count("0-1") + beads.count("1-0") <= 3, (seed, beads.count("0-1"))


def test_a_pair_of_omissions_costs_more_than_a_weak_one_to_one_link_whose_lengths_fit() -> None:
    # Two paragraphs with nothing in common but lengths that fit (z = 2): linking them
    # must be cheaper than leaving each one out, even inside long runs of omissions.
    params = AlignParams()
    src = [segment_features("абв " * 75)]
    model = LengthModel(ratio=1.0, variance=6.8)
    z = 2.0
    expected = 300
    lt = int(expected + z * (model.variance * (expected + 1.0)) ** 0.5)
    tgt = [segment_features(("abc " * 200)[:lt])]
    anchors = build_anchors(src, tgt)
    scorer = BeadScorer(Spans(src, anchors.source, [False]), Spans(tgt, anchors.target, [False]),
                        anchors, model, params)  # fmt: skip
    one_to_one = scorer.extend(1, 1, 1, 1, [0.0])[0]
    source_gap_run = scorer.gap_costs("source")[1][1]
    target_gap_run = scorer.gap_costs("target")[1][1]
    assert one_to_one < source_gap_run + target_gap_run
