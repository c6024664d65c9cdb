"""Importing a benchmark's gold ladder with its two texts as a reviewable alignment."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RUEN_BENCH, needs_shared

from aligner.cli import main
from aligner.errors import AlignerError
from aligner.io.importers import import_file
from aligner.io.ladder import read_ladder
from aligner.io.store import load_alignment

GOLD = RUEN_BENCH / "khameleon.gold"
RU = RUEN_BENCH / "khameleon.ru.txt"
EN = RUEN_BENCH / "khameleon.en.txt"


@needs_shared(RUEN_BENCH)
def test_gold_ladder_becomes_the_same_beads_over_the_loaded_texts() -> None:
    al = import_file(GOLD, "ladder", source=RU, target=EN)
    beads = read_ladder(GOLD)
    assert [(lk.source, lk.target) for lk in al.links] == [b for b in beads if b[0] or b[1]]
    assert (al.source.language, al.target.language) == ("ru", "en")
    assert al.links[0].target == ()  # the gold file's 1-0 bead: the edition note
    assert not al.coverage_errors()


@needs_shared(RUEN_BENCH)
def test_cli_import_of_a_ladder_then_export(tmp_path: Path, capsys) -> None:
    out = tmp_path / "khameleon.json"
    argv = ["import", str(GOLD), "-f", "ladder", "--source", str(RU), "--target", str(EN),
            "-o", str(out), "--confirm"]
    assert main(argv) == 0
    al = load_alignment(out)
    assert {lk.status for lk in al.links} == {"confirmed"}
    assert main(["export", str(out), "-f", "tmx", "-o", str(tmp_path / "k.tmx")]) == 0


@needs_shared(RUEN_BENCH)
def test_a_ladder_for_other_texts_is_one_line(tmp_path: Path, capsys) -> None:
    other = RUEN_BENCH / "fyrtoiet.gold"
    with pytest.raises(AlignerError, match="fyrtoiet.gold"):
        import_file(other, "ladder", source=RU, target=EN)
    out = tmp_path / "x.json"
    assert main(["import", str(GOLD), "-f", "ladder", "-o", str(out)]) == 2
    assert "needs --source TEXT and --target TEXT" in capsys.readouterr().err
    assert not out.exists()
