"""``aligner terms``, ``concordance``, ``glossary ...`` and ``report`` from the command line."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from aligner.cli import main
from aligner.io.glossary import load_glossary
from aligner.io.store import save_alignment
from tests.conftest import REPO
from tests.test_terms_telegram import (
    EXPECTED_LINK_FLAGS,
    OFFENSIVE_WEAPONRY,
    UN_PRESENCE,
    telegram_alignment,
)

BUNDLED_GLOSSARY = REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"


@pytest.fixture
def telegram_json(tmp_path):
    path = tmp_path / "telegram.json"
    save_alignment(telegram_alignment(), path)
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's own usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_terms_json_is_one_object_with_hits_and_flags(capsys, telegram_json):
    code, out, _ = _run(capsys, "terms", telegram_json, "--format", "json")
    assert code == 0
    data = json.loads(out)
    spans = {(h["term"], h["side"], h["segment"], h["start"], h["end"], h["text"])
             for h in data["hits"]}
    for term, pins in (("un-presence", UN_PRESENCE), ("offensive-weaponry", OFFENSIVE_WEAPONRY)):
        assert {(term, *pin) for pin in pins} <= spans
    assert all({"term", "side", "segment", "start", "end", "text", "score"} <= set(h)
               for h in data["hits"])
    link_flags = [(f["link"] - 1, f["kind"], f["term"]) for f in data["flags"]
                  if f["kind"] != "inconsistent"]
    # most severe first, then in link order
    assert link_flags == sorted(EXPECTED_LINK_FLAGS, key=lambda f: f[1] != "flagged")
    assert [f["kind"] for f in data["flags"]][:2] == ["flagged", "inconsistent"]
    assert data["links_to_review"] == 1
    inconsistent = [f for f in data["flags"] if f["kind"] == "inconsistent"]
    weaponry = next(f for f in inconsistent if f["term"] == "offensive-weaponry")
    assert weaponry["links"] == [10, 17, 20] and weaponry["link"] == 10  # counted from 1


def test_the_glossary_recorded_in_the_settings_is_used(capsys, tmp_path):
    small = tmp_path / "small.csv"
    small.write_text("source,target\nприсутствие ООН,UN presence\n", encoding="utf-8")
    alignment = telegram_alignment()
    source = replace(alignment.source, metadata={}, path="")
    target = replace(alignment.target, metadata={}, path="")
    path = tmp_path / "plain.json"
    save_alignment(replace(alignment, source=source, target=target), path)
    code, _, err = _run(capsys, "terms", path)
    assert code == 2 and "--glossary" in err and err.count("\n") == 1
    save_alignment(replace(alignment, source=source, target=target,
                           settings={"glossary": "small.csv"}), path)
    code, out, _ = _run(capsys, "terms", path, "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("record,term,side,segment,start,end,text,score")
    assert {line.split(",")[1] for line in out.splitlines()[1:]} == {"un-presence"}


def test_terms_table_labels_the_reconstruction(capsys, telegram_json):
    code, out, _ = _run(capsys, "terms", telegram_json, "-g", BUNDLED_GLOSSARY)
    assert code == 0
    assert "source text is RECONSTRUCTED" in out
    assert "weaponry considered offensive" in out


def test_concordance_and_its_errors(capsys, telegram_json):
    code, out, _ = _run(capsys, "concordance", telegram_json, "un-presence", "--width", "25")
    assert code == 0
    assert out.count("\u27e6UN presence\u27e7") == 3 and out.count("link   7") == 6
    code, _, err = _run(capsys, "concordance", telegram_json, "un-presense")
    assert code == 2 and "did you mean un-presence" in err
    code, _, err = _run(capsys, "concordance", telegram_json, "un-presence", "--width", "0")
    assert code == 2 and err.startswith("aligner: error:")


def test_suggest_then_accept_into_a_new_glossary(capsys, telegram_json, tmp_path):
    code, out, _ = _run(capsys, "glossary", "suggest", telegram_json, "--format", "json")
    assert code == 0
    data = json.loads(out)
    # the telegram's own glossary is where suggestions start: none of its terms comes back
    assert data["glossary"].endswith("kuznetsov-zorin-1962-10-30.toml")
    known = {e.source for e in load_glossary(BUNDLED_GLOSSARY)}
    found = {(s["source"], s["target"]): s["id"] for s in data["suggestions"]}
    assert not {src for src, _ in found} & known
    castro = found[("Фиделя Кастро", "Fidel Castro")]
    uar = found[("Объединенная Арабская Республика", "United Arab Republic")]
    into = tmp_path / "mine.toml"
    code, out, _ = _run(capsys, "glossary", "accept", telegram_json, "--into", into, castro, uar)
    assert code == 0
    glossary = load_glossary(into)
    assert [(e.source, e.target) for e in glossary] == [
        ("Фиделя Кастро", "Fidel Castro"),
        ("Объединенная Арабская Республика", "United Arab Republic")]
    assert (glossary.source_language, glossary.target_language) == ("ru", "en")
    before = into.read_bytes()
    code, _, err = _run(capsys, "glossary", "accept", telegram_json, "--into", into, castro)
    assert code == 2 and "already has an entry" in err
    assert into.read_bytes() == before  # nothing half-written
    code, _, err = _run(capsys, "glossary", "accept", telegram_json, "--into", into, "nonsense")
    assert code == 2 and "no suggestion 'nonsense'" in err


def test_import_and_export_convert_between_formats(capsys, tmp_path):
    tbx = tmp_path / "terms.tbx"
    code, _, _ = _run(capsys, "glossary", "export", BUNDLED_GLOSSARY, "-o", tbx)
    assert code == 0
    back = tmp_path / "back.toml"
    code, _, _ = _run(capsys, "glossary", "import", tbx, "-o", back)
    assert code == 0
    assert load_glossary(back).entries == load_glossary(BUNDLED_GLOSSARY).entries
    code, _, err = _run(capsys, "glossary", "import", tbx, "-o", back)
    assert code == 2 and "--force" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target\nблокада\n", encoding="utf-8")
    code, _, err = _run(capsys, "glossary", "import", bad, "-o", tmp_path / "x.toml")
    assert code == 2 and "bad.csv, line 2" in err and err.count("\n") == 1


def test_report_command_in_three_formats(capsys, telegram_json, tmp_path):
    code, out, _ = _run(capsys, "report", telegram_json)
    assert code == 0 and "Editorial insertions (not additions): 2" in out
    code, out, _ = _run(capsys, "report", telegram_json, "--format", "json")
    assert json.loads(out)["counts"]["insertion"] == 2
    page = tmp_path / "report.html"
    code, _, _ = _run(capsys, "report", telegram_json, "-o", page)
    assert code == 0 and page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, _, err = _run(capsys, "report", telegram_json, "-o", page)
    assert code == 2 and "--force" in err
    code, _, err = _run(capsys, "report", tmp_path / "missing.json")
    assert code == 2 and "does not exist" in err


def test_align_without_a_glossary_uses_the_documents_and_counts_review_as_terms_does(
        capsys, tmp_path):
    # the telegram's glossary is kept beside its folder (texts/glossaries/ID.toml): align finds
    # it as terms, report and the UI do, so all say one link to review (the disputed rendering)
    texts = REPO / "texts" / "kuznetsov-zorin-1962-10-30"
    out_json = tmp_path / "telegram.json"
    code, out, _ = _run(capsys, "align", texts / "kuznetsov-zorin-1962-10-30.ru.txt",
                        texts / "kuznetsov-zorin-1962-10-30.en.txt", "-o", out_json)
    assert code == 0
    assert "kept for this document" in out
    assert "marked for review: 1;" in out
    code, out, _ = _run(capsys, "terms", out_json, "--findings-only")
    assert code == 0
    assert "links to review: 1 " in out
    assert out.index("flagged") < out.index("inconsistent")
