"""Alignment quality: strict and lax precision, recall and F1, as defined for Vecalign.

Precision counts every predicted bead, including 1-0 and 0-1 ones (a 1-0
bead is right when the gold has the same bead); recall counts gold beads with
both sides non-empty. A strict match is an identical bead; a lax match shares
at least one (source, target) segment pair with a bead of the other side,
i.e. overlaps it on both sides at once. Scores over several document pairs are
micro-averaged: counts are summed before dividing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

Bead = tuple[Sequence[int], Sequence[int]]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    matched_predicted: int
    predicted: int
    matched_gold: int
    gold: int


@dataclass(frozen=True)
class Scores:
    """Strict and lax scores of one or several alignments."""

    strict: PRF
    lax: PRF
    pairs: int = 1

    def as_dict(self) -> dict[str, object]:
        return {"strict": asdict(self.strict), "lax": asdict(self.lax), "pairs": self.pairs}


def _prf(matched_pred: int, predicted: int, matched_gold: int, gold: int) -> PRF:
    precision = matched_pred / predicted if predicted else 0.0
    recall = matched_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, matched_pred, predicted, matched_gold, gold)


def _key(bead: Bead) -> tuple[tuple[int, ...], tuple[int, ...]]:
    return tuple(bead[0]), tuple(bead[1])


def _overlaps(bead: Bead, owner_src: dict[int, int], owner_tgt: dict[int, int]) -> set[int]:
    """Indices of the other beads that share a source and a target segment with this bead."""
    by_src = {owner_src[i] for i in bead[0] if i in owner_src}
    by_tgt = {owner_tgt[j] for j in bead[1] if j in owner_tgt}
    return by_src & by_tgt


def _owners(beads: Sequence[Bead]) -> tuple[dict[int, int], dict[int, int]]:
    src = {i: k for k, b in enumerate(beads) for i in b[0]}
    tgt = {j: k for k, b in enumerate(beads) for j in b[1]}
    return src, tgt


def count_matches(predicted: Sequence[Bead], gold: Sequence[Bead]) -> tuple[list[int], list[int]]:
    """[strict, lax] counts of matched predicted beads and of matched (two-sided) gold beads."""
    gold_two_sided = [g for g in gold if g[0] and g[1]]
    gold_set = {_key(g) for g in gold}
    pred_set = {_key(p) for p in predicted}
    strict = [_key(p) in gold_set for p in predicted]
    strict_gold = sum(1 for g in gold_two_sided if _key(g) in pred_set)
    g_src, g_tgt = _owners(gold_two_sided)
    p_src, p_tgt = _owners(predicted)
    # A 1-0 bead has no segment pair, so it matches laxly only when it matches strictly.
    lax_pred = sum(
        1 for p, hit in zip(predicted, strict, strict=True) if hit or _overlaps(p, g_src, g_tgt)
    )
    lax_gold = sum(1 for g in gold_two_sided if _overlaps(g, p_src, p_tgt))
    strict_pred = sum(strict)
    return [strict_pred, lax_pred], [strict_gold, lax_gold]


def score_alignments(pairs: Sequence[tuple[Sequence[Bead], Sequence[Bead]]]) -> Scores:
    """Micro-averaged strict and lax scores over (predicted beads, gold beads) pairs."""
    m_pred = [0, 0]
    m_gold = [0, 0]
    n_pred = n_gold = 0
    for predicted, gold in pairs:
        by_pred, by_gold = count_matches(predicted, gold)
        for k in (0, 1):
            m_pred[k] += by_pred[k]
            m_gold[k] += by_gold[k]
        n_pred += len(predicted)
        n_gold += sum(1 for g in gold if g[0] and g[1])
    return Scores(
        strict=_prf(m_pred[0], n_pred, m_gold[0], n_gold),
        lax=_prf(m_pred[1], n_pred, m_gold[1], n_gold),
        pairs=len(pairs),
    )


@dataclass(frozen=True)
class BeadDifference:
    """A stretch of the texts where the predicted beads and the gold ones disagree.

    Both sides cover the same source and target segments (the stretch runs from
    one boundary the two agree on to the next), so each can be read against the
    other: ``predicted`` [14]:[13] [15, 16]:[14] where the gold has [14, 15]:[13]
    [16]:[14].
    """

    links: tuple[int, ...]
    """0-based positions of the predicted beads concerned (users read them from 1)."""
    predicted: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    gold: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]


def _ends(beads: Sequence[Bead]) -> list[tuple[int, int]]:
    """Segments covered on each side after each bead (beads in document order)."""
    s = t = 0
    out = []
    for src, tgt in beads:
        s = max([s, *(i + 1 for i in src)])
        t = max([t, *(j + 1 for j in tgt)])
        out.append((s, t))
    return out


def bead_differences(predicted: Sequence[Bead], gold: Sequence[Bead]) -> list[BeadDifference]:
    """Every stretch where the predicted beads differ from the gold, in document order."""
    p_ends, g_ends = _ends(predicted), _ends(gold)
    common = set(p_ends) & set(g_ends)
    out: list[BeadDifference] = []
    pi = gi = 0
    while pi < len(predicted) or gi < len(gold):
        p_start, g_start = pi, gi
        # extend both sides to the next boundary they agree on
        while pi < len(predicted) and p_ends[pi] not in common:
            pi += 1
        while gi < len(gold) and g_ends[gi] not in common:
            gi += 1
        if pi < len(predicted) and gi < len(gold):
            # both now stop on common boundaries; make them the same one
            while p_ends[pi] != g_ends[gi]:
                if p_ends[pi] < g_ends[gi]:
                    pi += 1
                else:
                    gi += 1
        p_run = [_key(b) for b in predicted[p_start:pi + 1]]
        g_run = [_key(b) for b in gold[g_start:gi + 1]]
        if p_run != g_run:
            out.append(BeadDifference(tuple(range(p_start, min(pi + 1, len(predicted)))),
                                      tuple(p_run), tuple(g_run)))
        pi, gi = pi + 1, gi + 1
    return out
