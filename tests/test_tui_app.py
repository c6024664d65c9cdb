"""The review workspace driven by keys, as a reviewer would: each test checks the alignment."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, TextArea

from aligner.core.model import Alignment, Document, Link, Segment
from aligner.io.journal import journal_files, journal_path, read_journal, write_journal
from aligner.io.store import load_alignment, save_alignment
from aligner.tui.app import AlignerApp, build_app
from aligner.tui.dialogs import ChoiceDialog
from aligner.tui.panels import HelpScreen
from aligner.tui.sample import sample_glossary, telegram_excerpt
from aligner.tui.screen_text import screen_text
from tests.tui_helpers import make_app, press, settle

SIZE = (120, 40)


def shape(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(lk.source, lk.target) for lk in alignment.links]


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "telegram.json"
    save_alignment(telegram_excerpt(), path)
    return path


def current(app: AlignerApp) -> Link:
    al = app.session.alignment
    return al.links[al.link_index(app.controller.current)]


# --- what is on screen ---------------------------------------------------------------


async def test_the_telegram_brackets_and_the_reconstruction_banner_are_on_screen(saved):
    app = make_app(saved)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "down", "down")  # link 3 holds "[and]"
        text = screen_text(app)
        assert "[and] Yugoslavia" in text
        assert "RECONSTRUCTION: the source (ru) is not the archival text" in text
        assert "tr. John Henriksen" in text
        await press(app, pilot, "down")  # link 4 holds "[One could]"
        assert "[One could] make" in screen_text(app)
        await press(app, pilot, "end", "ctrl+end")
        assert "[Source: Archive of Foreign Policy" in screen_text(app)


async def test_markup_like_document_text_is_shown_literally(tmp_path):
    src = Document(segments=(Segment("Статья [bold]x[/bold] и [/] конец"),), language="ru")
    tgt = Document(segments=(Segment("Article [bold]x[/bold] and [/] end [link=x]y[/link]"),),
                   language="en")
    alignment = Alignment(source=src, target=tgt, links=(Link((0,), (0,), note="[/i] [b]x"),))
    app = build_app(alignment, alignment_path=tmp_path / "m.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = screen_text(app)
    assert "Статья [bold]x[/bold] и [/] конец" in text
    assert "Article [bold]x[/bold] and [/] end [link=x]y[/link]" in text
    assert "[/i] [b]x" in text


async def test_glossary_terms_are_found_and_checked(saved):
    app = make_app(saved, sample_glossary())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.controller.terms.links["uar"] == {2}
        assert "Terms:" in screen_text(app)
        flagged = [lk for lk in app.session.alignment.links if lk.flags]
        assert flagged, "the term checks ran on the alignment"


async def test_the_ui_works_without_a_glossary(saved):
    app = make_app(saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "t")
        assert "No glossary" in screen_text(app)


# --- editing ---------------------------------------------------------------------------


async def test_merge_split_and_undo_redo(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        assert shape(app.session.alignment)[0] == ((0, 1), (0, 1))
        assert len(app.controller.view) == 7
        await press(app, pilot, "s")  # split it back in half
        assert shape(app.session.alignment)[:2] == [((0,), (0,)), ((1,), (1,))]
        await press(app, pilot, "ctrl+z")
        assert shape(app.session.alignment)[0] == ((0, 1), (0, 1))
        await press(app, pilot, "u")
        assert shape(app.session.alignment) == shape(telegram_excerpt())
        assert not app.session.dirty
        await press(app, pilot, "ctrl+y", "ctrl+y")
        assert shape(app.session.alignment)[:2] == [((0,), (0,)), ((1,), (1,))]
        assert app.session.dirty  # the merged-then-split links are no longer confirmed as-is


async def test_split_at_chosen_counts(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "down", "down", "S")  # link 3 is 2:1
        app.screen.query_one("#split-source", Input).value = "2"
        app.screen.query_one("#split-target", Input).value = "0"
        await press(app, pilot, "enter")
        assert shape(app.session.alignment)[2:4] == [((2, 3), ()), ((), (2,))]


async def test_shift_up_pop_down_on_the_chosen_side(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "down", "down", "shift+up")  # first Russian ¶ of link 3 up
        assert shape(app.session.alignment)[1:3] == [((1, 2), (1,)), ((3,), (2,))]
        await press(app, pilot, "right", "down", "shift+down")  # target side, link 4 pops ¶
        assert app.controller.side == "target"
        assert shape(app.session.alignment)[3:5] == [((4,), ()), ((5,), (3, 4))]
        await press(app, pilot, "left")
        assert app.controller.side == "source"


async def test_detach_and_insert_empty_cell(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "d")
        assert shape(app.session.alignment)[:2] == [((), (0,)), ((0,), ())]
        await press(app, pilot, "ctrl+z", "i")  # empty source cell on link 1
        assert shape(app.session.alignment)[:2] == [((), (0,)), ((0,), (1,))]
        assert app.session.alignment.coverage_errors() == []


async def test_refused_edit_explains_and_changes_nothing(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "shift+up")  # the first link has no previous link
        assert shape(app.session.alignment) == shape(telegram_excerpt())
        assert not app.session.can_undo
        assert "no previous link" in app.messages[-1]


async def test_confirm_reject_toggle_note_bookmark(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "space")
        assert app.session.alignment.links[0].status == "confirmed"
        await press(app, pilot, "space")
        assert app.session.alignment.links[0].status == "auto"
        await press(app, pilot, "r", "b")
        first = app.session.alignment.links[0]
        assert first.status == "rejected" and first.bookmark
        await press(app, pilot, "e")
        await pilot.press(*"[sic] check", "enter")
        await settle(app, pilot)
        assert app.session.alignment.links[0].note == "[sic] check"
        assert "[sic] check" in screen_text(app)


async def test_revision_is_proposed_and_shown(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "down", "down", "down", "down", "down", "v")
        app.screen.query_one(TextArea).text = "We ask you to examine this."
        await press(app, pilot, "ctrl+s")
        link = app.session.alignment.links[5]
        assert link.revision is not None and link.revision.text == "We ask you to examine this."
        text = screen_text(app)
        assert "REVISION" in text and "examine" in text
        assert app.session.dirty  # ctrl+s in the dialog saved the revision, not the file
        await press(app, pilot, "ctrl+z")
        assert app.session.alignment.links[5].revision is None


# --- the review queue and navigation ---------------------------------------------------------


async def test_queue_shows_weakest_first_and_confirming_moves_on(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "w")
        assert app.controller.order == "queue"
        assert current(app).confidence == 0.3
        await press(app, pilot, "c")
        assert app.session.alignment.links[7].status == "confirmed"
        assert current(app).confidence == 0.46  # the next weakest
        await press(app, pilot, "c")
        assert current(app).confidence == 0.72
        await press(app, pilot, "w")
        assert app.controller.order == "document"


async def test_next_and_previous_needing_review_and_bookmarks(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "right_square_bracket")
        assert app.controller.current == 2
        await press(app, pilot, "right_square_bracket")
        assert app.controller.current == 7
        await press(app, pilot, "left_square_bracket")
        assert app.controller.current == 2
        await press(app, pilot, "b", "down", "down", "b", "apostrophe")
        assert app.controller.current == 2
        await press(app, pilot, "quotation_mark")
        assert app.controller.current == 4


async def test_jump_to_link_number(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "g")
        await pilot.press("6", "enter")
        await settle(app, pilot)
        assert app.controller.current == 5
        await press(app, pilot, "g")
        await pilot.press("4", "2", "enter")
        await settle(app, pilot)
        assert app.controller.current == 5
        assert app.messages[-1] == "There is no link 42; links are numbered 1-8."


async def test_plain_and_fuzzy_search(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "slash")
        app.screen.query_one(Input).value = "havana"
        await press(app, pilot, "enter")
        assert app.controller.current == 3
        await press(app, pilot, "slash")
        app.screen.query_one(Input).value = "Kuznetsof"
        await press(app, pilot, "enter")
        assert app.controller.matches == [] and "No match" in app.messages[-1]
        await press(app, pilot, "slash")
        app.screen.query_one(Input).value = "Kuznetsof"
        app.screen.query_one("#search-fuzzy", Checkbox).value = True
        await press(app, pilot, "enter")
        assert app.controller.matches == [6]
        assert app.controller.current == 6


async def test_search_as_a_filter_and_next_previous_match(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.run_search("U Thant")
        await settle(app, pilot)
        assert app.controller.matches == [0, 2, 4]
        assert app.controller.current == 2
        await press(app, pilot, "n")
        assert app.controller.current == 4
        await press(app, pilot, "N", "N")
        assert app.controller.current == 0
        app.run_search("Cuba", only=True)
        await settle(app, pilot)
        assert app.controller.view == [0, 2, 3, 4]
        await press(app, pilot, "F")
        assert len(app.controller.view) == 8


async def test_filter_dialog_by_status_and_clear(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        from aligner.core.review import ViewFilter

        await press(app, pilot, "f")
        app.screen.dismiss(ViewFilter(status="needs-review"))
        await settle(app, pilot)
        assert app.controller.view == [2, 7]
        assert "status=needs-review" in screen_text(app)
        await press(app, pilot, "F")
        assert len(app.controller.view) == 8


async def test_choosing_a_term_filters_the_links_and_shows_its_concordance(saved):
    app = make_app(saved, sample_glossary())
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "t", "down", "enter")  # second entry: "uar"
        assert app.controller.view_filter.term == "uar"
        assert app.controller.view == [2]
        text = screen_text(app)
        assert "uar: 4 occurrences in 1 links" in text and "ОАР" in text


async def test_sort_by_confidence(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "o")
        confs = [app.links.link_at(row).confidence for row in range(len(app.controller.view))]
        assert confs == sorted(confs)


# --- saving, quitting, the journal ----------------------------------------------------------


async def test_ctrl_s_saves_the_edited_alignment(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m", "ctrl+s")
        assert not app.session.dirty
    assert shape(load_alignment(saved))[0] == ((0, 1), (0, 1))
    assert journal_files(saved) == []


async def test_quitting_with_unsaved_edits_asks_first(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "space", "q")
        assert isinstance(app.screen, ChoiceDialog)
        assert "unsaved edits" in screen_text(app)
        await press(app, pilot, "escape")  # cancel: nothing lost, still running
        assert app.is_running and app.session.dirty
        await press(app, pilot, "q")
        await pilot.click("#choice-save")
        await pilot.pause()
    assert load_alignment(saved).links[0].status == "confirmed"


async def test_quitting_without_saving_drops_the_edits_and_the_journal(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "space")
        app.write_journal()
        await settle(app, pilot)
        assert journal_path(saved, app.session.session_id).exists()
        await press(app, pilot, "q")
        await pilot.click("#choice-discard")
        await pilot.pause()
    assert load_alignment(saved).links[0].status == "auto"
    assert journal_files(saved) == []


async def test_edits_reach_the_journal_within_seconds(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "m")
        await pilot.pause(2.0)
        await app.workers.wait_for_complete()
        entry = read_journal(saved, app.session.session_id)
    assert entry is not None
    assert shape(entry.alignment)[0] == ((0, 1), (0, 1))


async def test_reopening_offers_to_restore_the_journal(saved):
    edited = replace(telegram_excerpt(), links=tuple(
        replace(lk, status="confirmed") for lk in telegram_excerpt().links))
    write_journal(edited, saved, edits=8)
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceDialog)
        assert "8 unsaved edits" in screen_text(app)
        await pilot.click("#choice-restore")
        await settle(app, pilot)
        assert all(lk.status == "confirmed" for lk in app.session.alignment.links)
        assert app.session.dirty
        await press(app, pilot, "ctrl+z")  # restoring is itself undoable
        assert app.session.alignment.links[0].status == "auto"


async def test_a_damaged_journal_opens_the_alignment_with_a_warning_and_is_set_aside(saved):
    damaged = journal_path(saved, "20261201T000000-1-abcdef")
    damaged.write_text("{broken", encoding="utf-8")
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert not isinstance(app.screen, ChoiceDialog)  # nothing blocks the review
        assert len(app.links.order) == len(load_alignment(saved).links)
        warning = next(m for m in app.messages if "damaged" in m)
        assert damaged.name in warning and "set aside" in warning
    assert not damaged.exists()
    assert damaged.with_name(damaged.name + ".damaged").read_text(encoding="utf-8") == "{broken"


async def test_help_lists_every_key_and_the_palette_has_the_commands(saved):
    from aligner.tui.keymap import KEYS

    app = make_app(saved)
    async with app.run_test(size=(160, 90)) as pilot:
        await settle(app, pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        await press(app, pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)
    for spec in KEYS:
        assert (spec.help or spec.description)[:40] in text
        if spec.action:
            assert any(t.startswith(spec.description) for t in titles)


async def test_export_dialog_writes_the_chosen_format(saved, tmp_path):
    from textual.widgets import Select

    out = tmp_path / "telegram.tsv"
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "x")
        app.screen.query_one("#export-format", Select).value = "tsv"
        app.screen.query_one("#export-path", Input).value = str(out)
        await press(app, pilot, "enter")
        assert "Exported" in app.messages[-1]
        await press(app, pilot, "x")
        app.screen.query_one("#export-format", Select).value = "tsv"
        app.screen.query_one("#export-path", Input).value = str(out)
        await press(app, pilot, "enter")  # the file exists now: refused, in a dialog
        assert isinstance(app.screen, ChoiceDialog)
        assert "exists" in screen_text(app)
    text = out.read_text(encoding="utf-8")
    assert "[One could]" in text and "Просим рассмотреть." in text


async def test_a_save_that_fails_shows_the_reason_and_keeps_the_edits(tmp_path):
    path = tmp_path / "missing-folder" / "t.json"
    app = build_app(telegram_excerpt(), alignment_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "space", "ctrl+s")
        assert isinstance(app.screen, ChoiceDialog)
        assert "cannot write" in screen_text(app)
        assert app.session.dirty and app.session.alignment.links[0].status == "confirmed"


async def test_palette_commands_run_the_same_edits_as_the_keys(saved):
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        commands = {c.title.split(" (")[0]: c for c in app.get_system_commands(app.screen)}
        await commands["Merge with next link"].callback()
        await settle(app, pilot)
        assert shape(app.session.alignment)[0] == ((0, 1), (0, 1))
        await commands["Undo"].callback()
        await commands["Toggle confirmed"].callback()
        await settle(app, pilot)
        assert shape(app.session.alignment) == shape(telegram_excerpt())
        assert app.session.alignment.links[0].status == "confirmed"


async def test_ten_thousand_links_are_all_reachable_and_editable(tmp_path):
    from aligner.tui.sample import generated_alignment

    app = build_app(generated_alignment(10_000), alignment_path=tmp_path / "big.json")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert len(app.controller.view) == 10_000
        await press(app, pilot, "ctrl+end")
        assert app.controller.current == 9_999
        assert "Link 10000 of 10000" in screen_text(app)
        await press(app, pilot, "up", "m")
        assert shape(app.session.alignment)[-1] == ((9_998, 9_999), (9_998, 9_999))
        assert len(app.controller.view) == 9_999
        await press(app, pilot, "s")
        assert len(app.controller.view) == 10_000
        assert shape(app.session.alignment)[-2:] == [((9_998,), (9_998,)), ((9_999,), (9_999,))]
        assert app.controller.view == [lk.id for lk in app.session.alignment.links]
