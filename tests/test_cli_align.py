"""``aligner align`` and ``aligner eval`` as a user runs them: output, summary, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.commands.align import default_output
from aligner.io.store import load_alignment
from tests.conftest import RUEN_BENCH, needs_shared
from tests.test_align_beads import EN, RU, paragraphs


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    ru = tmp_path / "cable.ru.txt"
    en = tmp_path / "cable.en.txt"
    ru.write_text("\n\n".join(paragraphs(RU)) + "\n", encoding="utf-8")
    english = paragraphs(EN)
    english[5:6] = []  # the translation leaves one paragraph out
    en.write_text("\n\n".join(english) + "\n", encoding="utf-8")
    return ru, en


def test_align_writes_the_alignment_and_prints_a_summary(
    texts: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cable.json"
    assert main(["align", str(texts[0]), str(texts[1]), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"wrote {out}" in printed
    assert "8 source and 7 target segments, 8 links" in printed
    assert "beads: 1-1 7, 1-0 1" in printed
    assert re.search(r"marked for review: \d+; mean confidence 0\.\d\d", printed)
    alignment = load_alignment(out)
    assert [lk.bead for lk in alignment.links].count("1-0") == 1
    assert alignment.source.language == "ru" and alignment.target.language == "en"


def test_the_default_output_sits_in_the_current_folder_named_after_the_source(
    texts: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_output("texts/telegram.ru.txt") == Path("telegram.alignment.json")
    assert default_output("notes.txt") == Path("notes.alignment.json")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert main(["align", str(texts[0]), str(texts[1]), "--quiet"]) == 0
    assert (work / "cable.alignment.json").is_file()
    # Re-aligning replaces an alignment when told to...
    assert main(["align", str(texts[0]), str(texts[1]), "--quiet"]) == 2
    assert main(["align", str(texts[0]), str(texts[1]), "--quiet", "--force"]) == 0


def test_align_refuses_to_overwrite_a_file_that_is_not_an_alignment(
    texts: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = tmp_path / "notes.json"
    precious.write_text('{"my": "notes"}', encoding="utf-8")
    assert main(["align", str(texts[0]), str(texts[1]), "-o", str(precious)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: ") and "is not an alignment" in err
    assert err.count("\n") == 1
    assert precious.read_text(encoding="utf-8") == '{"my": "notes"}'


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--param", "band=wide"], "--param band: 'wide' is not a number"),
        (["--param", "band=1.5"], "band must be int"),
        (["--param", "nonsense=1"], "unknown aligner parameter nonsense"),
        (["--param", "review_threshold=3"], "review_threshold must lie between 0 and 1"),
        (["--param", "same_script_prefix=2"], "word key prefixes must be 3 to 5 letters, not 2"),
    ],
)
def test_bad_parameters_are_one_line_errors(
    texts: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    extra: list[str], message: str,
) -> None:  # fmt: skip
    out = tmp_path / "x.json"
    assert main(["align", str(texts[0]), str(texts[1]), "-o", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert not out.exists()


def test_a_missing_text_is_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["align", str(tmp_path / "nope.ru.txt"), str(tmp_path / "nope.en.txt"),
                 "-o", str(tmp_path / "x.json")])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: ") and "nope.ru.txt" in err and "Traceback" not in err


def test_a_glossary_is_used_and_recorded(
    texts: tuple[Path, Path], tmp_path: Path, repo: Path
) -> None:
    glossary = repo / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"
    if not glossary.exists():
        pytest.skip("bundled glossary not present")
    out = tmp_path / "cable.json"
    assert main(["align", str(texts[0]), str(texts[1]), "-o", str(out),
                 "--glossary", str(glossary), "--quiet"]) == 0  # fmt: skip
    alignment = load_alignment(out)
    assert alignment.settings["glossary_terms"] > 0
    assert (out.parent / alignment.settings["glossary"]).resolve() == glossary.resolve()


@needs_shared(RUEN_BENCH)
def test_eval_prints_strict_and_lax_scores_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "khameleon.json"
    main(["align", str(RUEN_BENCH / "khameleon.ru.txt"), str(RUEN_BENCH / "khameleon.en.txt"),
          "-o", str(out), "--quiet"])  # fmt: skip
    gold = str(RUEN_BENCH / "khameleon.gold")
    assert main(["eval", str(out), gold]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[1].startswith("strict") and table.splitlines()[2].startswith("lax")
    assert main(["eval", str(out), gold, str(out), gold, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pairs"] == 2 and data["strict"]["f1"] >= 0.9
    assert data["strict"]["predicted"] == 2 * len(load_alignment(out).links)


@needs_shared(RUEN_BENCH)
def test_eval_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "khameleon.json"
    main(["align", str(RUEN_BENCH / "khameleon.ru.txt"), str(RUEN_BENCH / "khameleon.en.txt"),
          "-o", str(out), "--quiet"])  # fmt: skip
    broken = tmp_path / "broken.gold"
    broken.write_text("[0]:[0]\n[1]:[1\n", encoding="utf-8")
    cases = [
        ([str(out), str(tmp_path / "missing.gold")], "does not exist"),
        ([str(out), str(broken)], "broken.gold, line 2"),
        ([str(out), str(RUEN_BENCH / "nos.gold")], "out of range"),
        ([str(out)], "pairs"),
        ([str(tmp_path / "missing.json"), str(RUEN_BENCH / "khameleon.gold")], "does not exist"),
    ]
    for args, message in cases:
        assert main(["eval", *args]) == 2
        err = capsys.readouterr().err
        assert err.startswith("aligner: error: ") and message in err and err.count("\n") == 1


def test_summary_shows_the_encoding_each_text_was_read_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ru = tmp_path / "cable.ru.txt"
    ru.write_bytes(("\n\n".join(paragraphs(RU)) + "\n").encode("cp1251"))
    en = tmp_path / "cable.en.txt"
    en.write_text("\n\n".join(paragraphs(EN)) + "\n", encoding="utf-16")
    assert main(["align", str(ru), str(en), "-o", str(tmp_path / "out.json")]) == 0
    out = capsys.readouterr().out
    assert re.search(r"source: cable\.ru\.txt: .*Windows-1251", out)
    assert re.search(r"target: cable\.en\.txt: .*UTF-16", out)
    assert load_alignment(tmp_path / "out.json").source.encoding == "cp1251"
