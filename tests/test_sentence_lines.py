"""Pre-segmented text (one sentence per line inside blank-line paragraphs): load, align, score."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from aligner.io.texts import parse_document_text

RU = (
    "Заголовок новости\n\n"
    "Президент прибыл в Берлин в субботу.\nОн встретился с канцлером.\n"
    "Переговоры длились три часа.\n\n"
    "В Кельне открыли мечеть.\nТам живёт 25 тысяч человек.\n"
)
EN = (
    "News headline\n\n"
    "The president arrived in Berlin on Saturday.\nHe met the chancellor.\n"
    "The talks lasted three hours.\n\n"
    "A mosque opened in Cologne.\n25,000 people live there.\n"
)


def test_each_line_is_a_sentence_with_its_file_offsets() -> None:
    doc = parse_document_text(RU, language="ru", sentences="lines")
    assert len(doc.segments) == 3
    assert doc.sentence_count == 6
    assert [doc.sentence_text(g) for g in doc.sentence_range(1)] == [
        "Президент прибыл в Берлин в субботу.",
        "Он встретился с канцлером.",
        "Переговоры длились три часа.",
    ]
    seg = doc.segments[1]
    assert seg.text.startswith("Президент прибыл в Берлин в субботу. Он встретился")
    for s in seg.sentences:
        assert RU[s.file_start : s.file_end] == seg.sentence_text(s)


def test_a_line_ending_without_a_full_stop_is_still_a_sentence_end() -> None:
    doc = parse_document_text("Part one of the\nPart two.\n", language="en", sentences="lines")
    assert [doc.sentence_text(g) for g in range(doc.sentence_count)] == [
        "Part one of the",
        "Part two.",
    ]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aligner", *args], cwd=cwd, capture_output=True, text=True
    )


def test_align_lines_then_eval_both_levels(tmp_path: Path) -> None:
    (tmp_path / "n.ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "n.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "sent.gold").write_text(
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n[3]:[3]\n[4]:[4]\n[5]:[5]\n", encoding="utf-8"
    )
    (tmp_path / "para.gold").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    done = _run(
        "align", "n.ru.txt", "n.en.txt", "--sentences", "lines", "-o", "n.json", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "6 source and 6 target sentences, 6 sentence links: 1-1 6" in done.stdout
    data = json.loads((tmp_path / "n.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 2
    assert data["links"][1]["sentences"][0]["source"] == [1]
    for level, gold in (("sentence", "sent.gold"), ("paragraph", "para.gold")):
        done = _run("eval", "n.json", gold, "--level", level, "--format", "json", cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["strict"]["f1"] == 1.0


def test_sentence_eval_of_a_paragraph_only_alignment_is_refused(tmp_path: Path) -> None:
    (tmp_path / "n.ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "n.en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "sent.gold").write_text("[0]:[0]\n", encoding="utf-8")
    done = _run("align", "n.ru.txt", "n.en.txt", "--sentences", "off", "-o", "n.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = _run("eval", "n.json", "sent.gold", "--level", "sentence", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("aligner: error: ") and "no sentence links" in done.stderr
