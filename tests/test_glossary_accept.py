"""`glossary accept` edits a TOML glossary in place; `glossary export` protects spreadsheets."""

from __future__ import annotations

import csv
import io

from aligner.cli import main
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.io.glossary import load_glossary
from aligner.io.store import save_alignment
from tests.conftest import REPO

BUNDLED = REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"
RU = "Делегация отметила, что вопрос о наступательном оружии будет решён в Совете Безопасности."
EN = ("The delegation noted that the question of offensive weapons would be settled in the "
      "Security Council.")


def _run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _work(tmp_path):
    glossary = tmp_path / "terms.toml"
    glossary.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    alignment = Alignment(Document((Segment(RU),), "ru"), Document((Segment(EN),), "en"),
                          [Link((0,), (0,))], settings={"glossary": "terms.toml"})
    path = tmp_path / "work.json"
    save_alignment(alignment, path)
    return path, glossary


def test_a_near_rendering_is_accepted_as_a_variant_keeping_the_file_as_written(
        capsys, tmp_path):
    work, glossary = _work(tmp_path)
    before = glossary.read_text(encoding="utf-8")
    code, out, _ = _run(capsys, "glossary", "suggest", work)
    assert code == 0
    assert "\u201coffensive weapons\u201d (near \u201coffensive weaponry\u201d)" in out
    code, out, _ = _run(capsys, "glossary", "accept", work, "--into", glossary,
                        "offensive-weaponry=offensive weapons")
    assert code == 0 and "accepted variant of offensive-weaponry: offensive weapons" in out
    after = glossary.read_text(encoding="utf-8")
    # one line more, nothing else touched: comments, order, layout stay
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ['    "offensive weapons",']
    assert after.startswith("# Key terms of the Kuznetsov-Zorin telegram")
    entry = load_glossary(glossary).entry("offensive-weaponry")
    assert entry.target_variants[-1] == "offensive weapons"
    # the finding is now an accepted variant, which no longer asks for review
    code, out, _ = _run(capsys, "terms", work, "--findings-only", "--format", "json")
    assert '"kind": "near"' not in out and '"links_to_review": 0' in out
    code, _, err = _run(capsys, "glossary", "accept", work, "--into", glossary,
                        "offensive-weaponry=offensive weapons")
    assert code == 2 and "already lists" in err


def test_a_new_entry_is_appended_below_the_existing_ones(capsys, tmp_path):
    work, glossary = _work(tmp_path)
    before = glossary.read_text(encoding="utf-8")
    code, out, _ = _run(capsys, "glossary", "suggest", work, "--format", "json",
                        "--min-count", "1")
    assert code == 0
    # nothing the glossary has is proposed again (Совет Безопасности, наступательное оружие)
    assert "Совет Безопасности" not in out and "наступательн" not in out.split('"near"')[0]
    code, _, err = _run(capsys, "glossary", "accept", work, "--into", glossary, "bogus=")
    assert code == 2 and "is not TERM=RENDERING" in err
    assert glossary.read_text(encoding="utf-8") == before


def test_export_to_csv_neutralises_formulas_and_reads_back(capsys, tmp_path):
    source = tmp_path / "g.toml"
    source.write_text('[glossary]\nsource_language = "ru"\ntarget_language = "en"\n\n'
                      '[[term]]\nid = "formula"\nsource = "=HYPERLINK(\\"x\\")"\n'
                      'target = "@cmd"\nnote = "-1 and +1"\n', encoding="utf-8")
    out = tmp_path / "g.csv"
    code, _, _ = _run(capsys, "glossary", "export", source, "-o", out)
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[1][:3] == ["'=HYPERLINK(\"x\")", "'@cmd", "'-1 and +1"]
    assert load_glossary(out).entries == load_glossary(source).entries
    raw = tmp_path / "raw.csv"
    code, _, _ = _run(capsys, "glossary", "export", source, "-o", raw, "--no-neutralise")
    assert list(csv.reader(io.StringIO(raw.read_text(encoding="utf-8"))))[1][1] == "@cmd"
