"""The review controller, without a terminal: every command says what changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.core.review import ViewFilter, needs_review
from aligner.io.store import save_alignment
from aligner.tui.controller import ReviewController
from aligner.tui.sample import generated_alignment, telegram_excerpt
from aligner.tui.session import ReviewSession


@pytest.fixture
def controller(tmp_path: Path) -> ReviewController:
    path = tmp_path / "t.json"
    save_alignment(telegram_excerpt(), path)
    return ReviewController(ReviewSession(telegram_excerpt(), path))


def test_it_starts_on_the_first_link_in_document_order(controller):
    assert controller.view == [lk.id for lk in controller.alignment.links]
    assert controller.current == controller.alignment.links[0].id
    assert controller.row_of(controller.alignment.links[5].id) == 5


def test_next_to_review_walks_the_unsure_and_flagged_links_and_wraps(controller):
    al = controller.alignment
    wanted = [lk.id for lk in al.links if needs_review(lk)]
    assert len(wanted) == 2
    seen = []
    for _ in range(3):
        change = controller.next_to_review()
        assert change.cursor == controller.current
        seen.append(controller.current)
    assert seen == [wanted[0], wanted[1], wanted[0]]
    controller.next_to_review(forward=False)
    assert controller.current == wanted[1]


def test_nothing_to_review_is_said_not_silent(controller):
    for lk in list(controller.alignment.links):
        if needs_review(lk):
            controller.select(lk.id)
            controller.toggle_confirmed()
    change = controller.next_to_review()
    assert change.message == "Nothing left to review in this view."
    assert controller.to_review() == 0


def test_jump_counts_from_1_like_every_command(controller):
    change = controller.jump("7")
    assert controller.current == controller.alignment.links[6].id == change.cursor
    assert controller.number_of(controller.current) == 7
    assert controller.jump("0").message == "There is no link 0; links are numbered 1-8."
    assert controller.jump("x").severity == "warning"


def test_an_edit_says_which_links_changed_and_that_checks_must_rerun(controller):
    controller.jump("3")  # the 2:1 link at 0.46, to review
    lid = controller.current
    before = controller.to_review()
    change = controller.split(1, 1)
    assert change.edited and lid in change.cells and change.rows
    new = controller.alignment
    assert new.link_by_id(lid).status == "edited"
    assert controller.to_review() == before - 1  # an edited link is out of the queue
    assert controller.current == lid
    undo = controller.undo()
    assert undo.message == "Undone: split." and controller.alignment.link_by_id(lid).bead == "2-1"


def test_a_refused_edit_explains_itself_and_changes_nothing(controller):
    controller.jump("1")
    before = controller.alignment
    change = controller.split()
    assert change.severity == "warning" and "nothing to split" in change.message
    assert controller.alignment is before and not change.edited


def test_filters_keep_the_cursor_when_they_can(controller):
    controller.jump("3")
    change = controller.set_filter(ViewFilter(status="needs-review"))
    assert change.rows and len(controller.view) == 2
    assert controller.current == controller.alignment.links[2].id
    controller.clear_filter()
    assert len(controller.view) == 8 and controller.current == controller.alignment.links[2].id


def test_a_filter_that_matches_nothing_says_so(controller):
    change = controller.set_filter(ViewFilter(bookmarked=True))
    assert controller.view == [] and controller.current is None
    assert "F shows all links" in change.message


def test_going_to_a_filtered_out_link_shows_all_links_again(controller):
    controller.set_filter(ViewFilter(status="confirmed"))
    change = controller.jump("1")
    assert change.rows and not controller.view_filter.active
    assert controller.current == controller.alignment.links[0].id


def test_search_finds_and_n_moves_on(controller):
    change = controller.search("UN")
    assert controller.matches and "match 'UN'" in change.message
    first = controller.current
    controller.search_next()
    assert controller.current != first or len(controller.matches) == 1
    assert controller.search("zzzz").severity == "warning"


def test_the_queue_starts_on_the_weakest_link(controller):
    controller.toggle_queue()
    weakest = min(controller.alignment.links, key=lambda lk: lk.confidence)
    assert controller.current == weakest.id == controller.view[0]


def test_bookmarks_step_in_view_order(controller):
    controller.jump("2")
    controller.toggle_bookmark()
    controller.jump("5")
    controller.toggle_bookmark()
    controller.jump("1")
    controller.next_bookmark()
    assert controller.number_of(controller.current) == 2
    controller.next_bookmark()
    assert controller.number_of(controller.current) == 5
    controller.next_bookmark(forward=False)
    assert controller.number_of(controller.current) == 2


def test_a_status_line_names_the_counts_with_plurals(controller):
    dirty, where, shown, rest = controller.status_parts()
    assert (dirty, where, shown) == (False, "", "8/8 links")
    assert "2 to review" in rest


def test_navigation_at_20000_links_never_scans_for_positions():
    al = generated_alignment(20_000)
    controller = ReviewController(ReviewSession(al, Path("unsaved.json")))
    controller.jump("19999")
    assert controller.row_of(controller.current) == 19_998
    assert controller.next_to_review().message == "Nothing left to review in this view."
