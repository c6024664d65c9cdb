"""'aligner open' (and bare 'aligner'): what opens, and one clear line when it cannot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import TELEGRAM_DIR

from aligner.cli import build_parser, main
from aligner.commands import open as open_command
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.io.store import load_alignment, save_alignment, sha256_of
from aligner.tui.app import AlignerApp
from aligner.tui.sample import telegram_excerpt
from aligner.tui.screen_text import screen_text

RU = TELEGRAM_DIR / "kuznetsov-zorin-1962-10-30.ru.txt"
EN = TELEGRAM_DIR / "kuznetsov-zorin-1962-10-30.en.txt"


def run_cli(capsys, *args: str) -> tuple[int, str]:
    code = main(["open", *args])
    return code, capsys.readouterr().err


def test_bare_aligner_runs_open():
    args = build_parser().parse_args(["open"])
    assert args.handler is open_command.run and args.paths == []


def test_missing_alignment_is_one_line(capsys, tmp_path):
    code, err = run_cli(capsys, str(tmp_path / "nope.json"))
    assert code == 2
    assert err.count("\n") == 1 and "does not exist" in err and "Traceback" not in err


def test_corrupted_alignment_is_one_line(capsys, tmp_path):
    path = tmp_path / "cut.json"
    text = json.dumps({"format": "aligner-alignment", "schema_version": 1})
    path.write_text(text[:-9], encoding="utf-8")
    code, err = run_cli(capsys, str(path))
    assert code == 2 and err.startswith("aligner: error: ") and "not valid JSON" in err
    path.write_text('{"schema_version": 1, "links": []}', encoding="utf-8")
    code, err = run_cli(capsys, str(path))
    assert code == 2 and "not an aligner alignment" in err


def test_changed_texts_are_reported_and_can_be_ignored(capsys, tmp_path):
    text = tmp_path / "en.txt"
    text.write_text("We request your examination.\n", encoding="utf-8")
    doc = Document(segments=(Segment("We request your examination."),), language="en",
                   path=str(text), sha256=sha256_of(text))
    ru = Document(segments=(Segment("Просим рассмотреть."),), language="ru")
    path = tmp_path / "a.json"
    save_alignment(Alignment(source=ru, target=doc, links=(Link((0,), (0,)),)), path)
    text.write_text("We request your urgent examination.\n", encoding="utf-8")
    code, err = run_cli(capsys, str(path))
    assert code == 2 and "changed since" in err and "--ignore-changes" in err
    args = build_parser().parse_args(["open", str(path), "--ignore-changes"])
    app = open_command.prepare(args)
    assert isinstance(app, AlignerApp)
    assert app.session.alignment.target.segments[0].text == "We request your examination."


def test_wrong_arguments_are_usage_errors(capsys, tmp_path):
    code, err = run_cli(capsys, str(RU))
    assert code == 2 and "not an alignment (.json)" in err
    code, err = run_cli(capsys, "a", "b", "c")
    assert code == 2 and "at most two files" in err


def test_an_alignment_file_opens_with_its_glossary_option(tmp_path):
    path = tmp_path / "t.json"
    save_alignment(telegram_excerpt(), path)
    glossary = TELEGRAM_DIR.parent / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"
    app = open_command.prepare(build_parser().parse_args(
        ["open", str(path), "--glossary", str(glossary)]))
    assert app.glossary is not None and len(app.glossary) > 0
    assert [lk.id for lk in app.session.alignment.links] == list(range(8))


@pytest.mark.skipif(not RU.exists(), reason="the bundled telegram is not there")
async def test_bare_aligner_aligns_the_bundled_telegram_in_a_worker_and_saves_it(
        tmp_path, monkeypatch):
    import aligner.io.bundled as bundled

    stored = tmp_path / "alignments" / "telegram.json"
    copy = tmp_path / "work" / "telegram.json"
    monkeypatch.setattr(bundled, "bundled_alignment_path", lambda name=bundled.TELEGRAM: stored)
    monkeypatch.setattr(bundled, "working_copy_path", lambda name=bundled.TELEGRAM: copy)
    app = open_command.prepare(build_parser().parse_args(["open"]))
    assert app.session is None and app.job is not None
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):  # the aligner runs in a thread; the UI waits on it
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            if app.session is not None:
                break
        await pilot.pause()
        assert app.session is not None, screen_text(app)
        assert app.session.alignment.source.is_reconstruction
        assert len(app.controller.view) == len(app.session.alignment.links) > 10
    assert not stored.exists()  # the aligned result goes to the working copy only
    reopened = load_alignment(copy)
    assert reopened.coverage_errors() == []
    again = open_command.prepare(build_parser().parse_args(["open"]))
    assert again.session is not None and again.job is None  # stored now: no re-aligning


@pytest.mark.skipif(not RU.exists(), reason="the bundled telegram is not there")
def test_a_text_pair_is_aligned_into_the_output_file(tmp_path):
    out = tmp_path / "pair.json"
    app = open_command.prepare(build_parser().parse_args(["open", str(RU), str(EN), "-o",
                                                          str(out)]))
    assert app.job is not None and app.alignment_path == out
    assert "kuznetsov-zorin-1962-10-30.ru.txt" in app.job.label


def test_an_existing_output_of_other_texts_is_refused(capsys, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Просим рассмотреть.\n", encoding="utf-8")
    b.write_text("We request your examination.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    save_alignment(telegram_excerpt(), out)
    code, err = run_cli(capsys, str(a), str(b), "-o", str(out))
    assert code == 2 and "other texts" in err


@pytest.mark.skipif(not RU.exists(), reason="the bundled telegram is not there")
async def test_saving_the_bundled_telegram_writes_a_working_copy_and_says_where(
        tmp_path, monkeypatch):
    import aligner.io.bundled as bundled

    stored = bundled.bundled_alignment_path()
    before = stored.read_bytes()
    monkeypatch.chdir(tmp_path)  # the user's working folder
    assert bundled.working_copy_path() == tmp_path / f"{bundled.TELEGRAM}.json"
    app = open_command.prepare(build_parser().parse_args(["open"]))
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = screen_text(app)
        assert f"saves to {tmp_path / bundled.TELEGRAM}.json" in status.replace("\n", "")
        await pilot.press("b", "ctrl+s")
        await pilot.pause()
        assert app.messages[-1] == f"Saved {tmp_path / bundled.TELEGRAM}.json."
    assert stored.read_bytes() == before  # the tracked file is untouched
    copy = load_alignment(tmp_path / f"{bundled.TELEGRAM}.json")
    assert copy.links[0].bookmark
    # the copy still finds its glossary from its new folder
    from aligner.io.glossary_files import glossary_for_alignment

    assert len(glossary_for_alignment(copy, tmp_path / f"{bundled.TELEGRAM}.json")) > 0
    again = open_command.prepare(build_parser().parse_args(["open"]))
    assert again.alignment_path == tmp_path / f"{bundled.TELEGRAM}.json"
    assert again.session.alignment.links[0].bookmark  # the working copy is what reopens


def test_the_working_folder_is_never_inside_the_repository(monkeypatch, tmp_path):
    import aligner.io.bundled as bundled

    repo = Path(bundled.__file__).resolve().parents[2]
    monkeypatch.chdir(repo)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert bundled.working_folder() == tmp_path / "data" / "aligner" / "work"
    monkeypatch.chdir(tmp_path)
    assert bundled.working_folder() == tmp_path
