"""Strict and lax precision, recall and F1 as defined for Vecalign; the ladder files they read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.core.evaluate import score_alignments
from aligner.errors import UsageError
from aligner.io.ladder import format_ladder, parse_ladder, read_ladder, write_ladder
from tests.conftest import RUEN_BENCH, needs_shared

GOLD = parse_ladder("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[4]:[2, 3]\n[]:[4]\n[5]:[5]\n")


def test_a_perfect_alignment_scores_one_everywhere() -> None:
    scores = score_alignments([(GOLD, GOLD)])
    for prf in (scores.strict, scores.lax):
        assert (prf.precision, prf.recall, prf.f1) == (1.0, 1.0, 1.0)
    assert scores.strict.predicted == 6  # the 1-0 and 0-1 beads count in precision...
    assert scores.strict.gold == 4  # ...but recall counts only beads with both sides


def test_a_wrong_one_sided_bead_costs_precision_but_not_recall() -> None:
    predicted = parse_ladder("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[4]:[2, 3]\n[]:[4]\n[5]:[]\n[]:[5]\n")
    scores = score_alignments([(predicted, GOLD)])
    assert scores.strict.matched_predicted == 5 and scores.strict.predicted == 7
    assert scores.strict.matched_gold == 3 and scores.strict.gold == 4
    assert scores.strict.precision == pytest.approx(5 / 7)
    assert scores.strict.recall == pytest.approx(3 / 4)


def test_lax_credits_beads_that_overlap_gold_on_both_sides() -> None:
    # [1]:[1] and [2]:[] split the gold 2-1 bead; [4]:[2] and []:[3] split the 1-2 bead.
    predicted = parse_ladder("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[]\n[4]:[2]\n[]:[3]\n[]:[4]\n[5]:[5]\n")
    scores = score_alignments([(predicted, GOLD)])
    assert scores.strict.matched_predicted == 4  # [0]:[0], [3]:[], []:[4], [5]:[5]
    assert scores.lax.matched_predicted == 6  # + [1]:[1] and [4]:[2] overlap gold beads
    assert scores.strict.matched_gold == 2
    assert scores.lax.matched_gold == 4
    assert scores.lax.recall == 1.0
    assert scores.lax.f1 > scores.strict.f1


def test_scores_over_several_pairs_are_micro_averaged() -> None:
    perfect = (GOLD, GOLD)
    poor = (parse_ladder("[0, 1]:[0, 1]\n"), parse_ladder("[0]:[0]\n[1]:[1]\n"))
    scores = score_alignments([perfect, poor])
    assert scores.pairs == 2
    assert scores.strict.precision == pytest.approx(6 / 7)  # not the mean of 1.0 and 0.0
    assert scores.strict.recall == pytest.approx(4 / 6)


def test_no_prediction_and_no_gold_score_zero_without_dividing_by_zero() -> None:
    scores = score_alignments([([], [])])
    assert (scores.strict.precision, scores.strict.recall, scores.strict.f1) == (0.0, 0.0, 0.0)


def test_ladder_files_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.gold"
    write_ladder(GOLD, path)
    assert read_ladder(path) == GOLD
    assert path.read_text(encoding="utf-8").splitlines()[1] == "[1, 2]:[1]"
    assert format_ladder([((), (0,))]) == "[]:[0]\n"


def test_a_malformed_ladder_line_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.gold"
    path.write_text("[0]:[0]\n[1]:[1]\n[2, x]:[2]\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"broken\.gold, line 3: '\[2, x\]:\[2\]' is not a bead"):
        read_ladder(path)


def test_a_missing_ladder_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        read_ladder(tmp_path / "nope.gold")


@needs_shared(RUEN_BENCH)
def test_the_bench_gold_files_read_and_cover_their_paragraphs() -> None:
    gold = read_ladder(RUEN_BENCH / "khameleon.gold")
    assert len(gold) == 27
    assert [i for src, _ in gold for i in src] == list(range(29))
    assert [j for _, tgt in gold for j in tgt] == list(range(28))


def test_bead_differences_name_each_stretch_that_disagrees() -> None:
    from aligner.core.evaluate import bead_differences

    gold = [([0], [0]), ([1, 2], [1]), ([3], [2]), ([4], [3]), ([5], [4])]
    predicted = [([0], [0]), ([1], [1]), ([2], []), ([3], [2]), ([4, 5], [3, 4])]
    diffs = bead_differences(predicted, gold)
    assert [(d.links, d.predicted, d.gold) for d in diffs] == [
        ((1, 2), (((1,), (1,)), ((2,), ())), (((1, 2), (1,)),)),
        ((4,), (((4, 5), (3, 4)),), (((4,), (3,)), ((5,), (4,)))),
    ]
    assert bead_differences(gold, gold) == []


def test_eval_diff_lists_the_differing_beads_with_link_numbers(tmp_path: Path, capsys) -> None:
    from aligner.cli import main
    from aligner.io.ladder import write_ladder
    from aligner.io.store import save_alignment
    from aligner.tui.sample import telegram_excerpt

    al = telegram_excerpt()  # link 3 is a 2:1 bead of source 2-3 and target 2
    path = tmp_path / "a.json"
    save_alignment(al, path)
    gold = [(list(lk.source), list(lk.target)) for lk in al.links]
    gold[2:3] = [([2], [2]), ([3], [])]
    write_ladder(gold, tmp_path / "a.gold")
    assert main(["eval", str(path), str(tmp_path / "a.gold"), "--diff"]) == 0
    out = capsys.readouterr().out
    assert f"{path}: 1 difference from the gold" in out
    assert "  link 3         [2, 3]:[2]\n  gold           [2]:[2] [3]:[]\n" in out
    assert main(["eval", str(path), str(tmp_path / "a.gold"), "--diff", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["differences"][str(path)] == [
        {"links": [3], "predicted": [[[2, 3], [2]]], "gold": [[[2], [2]], [[3], []]]}]
