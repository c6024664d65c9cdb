"""One link numbering: the number the UI shows is the number every command reads and prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.io.store import load_alignment, save_alignment
from aligner.tui.app import build_app
from aligner.tui.sample import sample_glossary, telegram_excerpt
from aligner.tui.screen_text import screen_text


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "telegram.json"
    save_alignment(telegram_excerpt(), path)
    return path


async def test_the_uis_link_n_is_the_link_revise_n_changes(saved, capsys):
    app = build_app(load_alignment(saved), alignment_path=saved)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g", *"7", "enter")
        await pilot.pause()
        screen = screen_text(app)
    shown = telegram_excerpt().links[6]
    assert "Link 7 of 8" in screen
    assert telegram_excerpt().source.segments[shown.source[0]].text[:30] in screen
    assert main(["revise", str(saved), "7", "--text", "Revised seventh.", "--author", "t"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("link 7: revision saved")
    revised = load_alignment(saved)
    assert revised.link_by_id(shown.id).revision is not None
    assert [lk.id for lk in revised.links if lk.revision is not None] == [shown.id]


def test_revise_refuses_link_0_and_names_the_range(saved, capsys):
    assert main(["revise", str(saved), "0", "--text", "x"]) == 2
    assert "there is no link 0; links are numbered 1-8" in capsys.readouterr().err


def test_report_numbers_the_unaligned_last_link_8(saved, capsys):
    # the excerpt's last link is a 0:1 link (an English paragraph with no Russian)
    assert main(["report", str(saved), "--format", "json"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    last = telegram_excerpt().links[-1]
    assert any(f["link"] == 8 and f["link_id"] == last.id for f in findings)
    assert main(["report", str(saved)]) == 0
    assert "  link    8  " in capsys.readouterr().out


def test_terms_and_concordance_count_links_from_1(saved, tmp_path, capsys):
    from aligner.io.glossary import save_glossary

    glossary = tmp_path / "g.toml"
    save_glossary(sample_glossary(), glossary)
    assert main(["concordance", str(saved), "uar", "--glossary", str(glossary),
                 "--format", "json"]) == 0
    lines = json.loads(capsys.readouterr().out)["lines"]
    excerpt = telegram_excerpt()
    for line in lines:
        segments = excerpt.links[line["link"] - 1].source if line["side"] == "source" else \
            excerpt.links[line["link"] - 1].target
        assert line["segment"] in segments
    assert main(["terms", str(saved), "--glossary", str(glossary), "--format", "json"]) == 0
    flags = json.loads(capsys.readouterr().out)["flags"]
    for f in flags:
        if "link_id" in f:
            assert excerpt.link_number(f["link_id"]) == f["link"]


def test_diff_counts_links_from_1(saved, tmp_path, capsys):
    from aligner.core import edits

    al = load_alignment(saved)
    after = tmp_path / "after.json"
    save_alignment(edits.reject(al, al.links[0].id), after)
    assert main(["diff", str(saved), str(after)]) == 0
    out = capsys.readouterr().out
    assert "links 1 -> 1" in out and out.rstrip().endswith("1 change: 1 rejected")
