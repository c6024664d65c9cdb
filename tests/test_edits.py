"""Editing an alignment: each edit returns a new alignment that still covers every paragraph."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.core import edits
from aligner.core.edits import EditError
from aligner.core.model import Alignment, Revision
from aligner.tui.sample import telegram_excerpt


@pytest.fixture
def excerpt() -> Alignment:
    return telegram_excerpt()


def shape(alignment: Alignment) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(lk.source, lk.target) for lk in alignment.links]


def test_merge_joins_a_link_with_the_next_and_keeps_its_id(excerpt):
    first, second = excerpt.links[0], excerpt.links[1]
    merged = edits.merge_with_next(excerpt, first.id)
    assert shape(merged)[0] == ((0, 1), (0, 1))
    assert merged.links[0].id == first.id
    assert second.id not in [lk.id for lk in merged.links]
    assert merged.links[0].status == "edited"
    assert merged.links[0].confidence == edits.EDITED_CONFIDENCE  # no stale machine score
    assert len(merged.links) == len(excerpt.links) - 1
    assert excerpt.links[0] is first  # the original is untouched


def test_merging_the_last_link_is_refused_with_a_reason(excerpt):
    with pytest.raises(EditError, match="no next link"):
        edits.merge_with_next(excerpt, excerpt.links[-1].id)


def test_reshaped_links_are_edited_and_lose_stale_flags(excerpt):
    flagged = excerpt.links[2]
    assert flagged.flags
    confirmed = edits.confirm(excerpt, flagged.id)
    changed = edits.move_first_up(confirmed, flagged.id, "source")
    link = changed.links[changed.link_index(flagged.id)]
    assert link.status == "edited" and link.flags == ()
    assert link.evidence.edited == "moved" and not link.needs_review
    assert link.evidence.describe() == (
        "changed by hand (moved); the aligner's scores no longer apply"
    )


def test_split_divides_a_two_to_two_link_into_two_one_to_one_links(excerpt):
    two_two = excerpt.links[6]
    assert two_two.bead == "2-2"
    split = edits.split_link(excerpt, two_two.id)
    i = split.link_index(two_two.id)
    assert shape(split)[i : i + 2] == [((7,), (6,)), ((8,), (7,))]
    assert split.links[i + 1].id not in [lk.id for lk in excerpt.links]


def test_split_with_explicit_counts_and_refusals(excerpt):
    two_one = excerpt.links[2]
    split = edits.split_link(excerpt, two_one.id, source_keep=1, target_keep=1)
    assert shape(split)[2:4] == [((2,), (2,)), ((3,), ())]
    with pytest.raises(EditError, match="one paragraph a side"):
        edits.split_link(excerpt, excerpt.links[0].id)
    with pytest.raises(EditError, match="at least one paragraph"):
        edits.split_link(excerpt, two_one.id, source_keep=0, target_keep=0)


def test_shift_first_paragraph_up_and_pop_last_paragraph_down(excerpt):
    two_one = excerpt.links[2]
    up = edits.move_first_up(excerpt, two_one.id, "source")
    assert shape(up)[1:3] == [((1, 2), (1,)), ((3,), (2,))]
    down = edits.move_last_down(excerpt, two_one.id, "source")
    assert shape(down)[2:4] == [((2,), (2,)), ((3, 4), (3,))]


def test_moving_the_only_paragraph_away_removes_the_emptied_link(excerpt):
    last = excerpt.links[-1]  # 0:1, the English source note
    up = edits.move_first_up(excerpt, last.id, "target")
    assert last.id not in [lk.id for lk in up.links]
    assert shape(up)[-1] == ((7, 8), (6, 7, 8))
    with pytest.raises(EditError, match="no source paragraph"):
        edits.move_first_up(excerpt, last.id, "source")
    with pytest.raises(EditError, match="first link"):
        edits.move_first_up(excerpt, excerpt.links[0].id, "target")


def test_detach_makes_a_one_to_one_link_into_one_to_zero_and_zero_to_one(excerpt):
    first = excerpt.links[0]
    detached = edits.detach(excerpt, first.id, "target")
    assert shape(detached)[:2] == [((0,), ()), ((), (0,))]
    assert detached.links[0].id == first.id
    with pytest.raises(EditError, match="already unaligned"):
        edits.detach(detached, first.id, "source")


def test_insert_empty_pushes_one_side_down_until_a_gap_absorbs_it(excerpt):
    # Link 5 ("Просим рассмотреть." / "We request your examination.") gets an empty
    # target cell; the English shifts down and the final 0:1 link absorbs nothing
    # because it is not empty on the target side, so a link is added at the end.
    link = excerpt.links[5]
    pushed = edits.insert_empty(excerpt, link.id, "target")
    assert shape(pushed)[5:] == [((6,), ()), ((7, 8), (5,)), ((), (6, 7)), ((), (8,))]
    assert pushed.coverage_errors() == []


def test_insert_empty_stops_at_the_first_link_empty_on_that_side(excerpt):
    # An empty source cell on the first link: every Russian paragraph moves down one
    # row until the final 0:1 link, which had no Russian, takes the last two.
    pushed = edits.insert_empty(excerpt, excerpt.links[0].id, "source")
    assert shape(pushed) == [
        ((), (0,)), ((0,), (1,)), ((1,), (2,)), ((2, 3), (3,)), ((4,), (4,)),
        ((5,), (5,)), ((6,), (6, 7)), ((7, 8), (8,)),
    ]
    with pytest.raises(EditError, match="already empty"):
        edits.insert_empty(pushed, pushed.links[0].id, "source")


def test_review_marks(excerpt):
    lid = excerpt.links[0].id
    assert edits.confirm(excerpt, lid).links[0].status == "confirmed"
    assert edits.reject(excerpt, lid).links[0].status == "rejected"
    toggled = edits.toggle_confirmed(edits.confirm(excerpt, lid), lid)
    assert toggled.links[0].status == "auto"
    assert edits.set_note(excerpt, lid, "  check 'тактике' ").links[0].note == "check 'тактике'"
    assert edits.toggle_bookmark(excerpt, lid).links[0].bookmark is True
    with pytest.raises(EditError, match="unknown status"):
        edits.set_status(excerpt, lid, "approved")
    with pytest.raises(EditError, match="no link with id 999"):
        edits.confirm(excerpt, 999)


def test_merge_keeps_notes_bookmarks_and_a_proposed_revision(excerpt):
    links = list(excerpt.links)
    links[0] = replace(links[0], note="a", revision=Revision("We convey some thoughts."))
    links[1] = replace(links[1], note="b", bookmark=True)
    merged = edits.merge_with_next(excerpt.with_links(links), links[0].id).links[0]
    assert merged.note == "a\nb" and merged.bookmark
    assert merged.revision is not None
    assert merged.revision.text.startswith("We convey some thoughts.\n\nWith regard to")


OPS = st.sampled_from(
    ["merge", "split", "up", "down", "detach", "insert", "confirm", "bookmark"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(OPS, st.integers(0, 20), st.sampled_from(["source", "target"])),
                max_size=25))
def test_any_sequence_of_edits_keeps_every_paragraph_covered_once_in_order(steps):
    alignment = telegram_excerpt()
    for op, where, side in steps:
        link_id = alignment.links[where % len(alignment.links)].id
        action = {
            "merge": lambda a, i, s: edits.merge_with_next(a, i),
            "split": lambda a, i, s: edits.split_link(a, i),
            "up": edits.move_first_up,
            "down": edits.move_last_down,
            "detach": edits.detach,
            "insert": edits.insert_empty,
            "confirm": lambda a, i, s: edits.toggle_confirmed(a, i),
            "bookmark": lambda a, i, s: edits.toggle_bookmark(a, i),
        }[op]
        try:
            alignment = action(alignment, link_id, side)
        except EditError:
            continue
        assert alignment.coverage_errors() == []
        ids = [lk.id for lk in alignment.links]
        assert len(ids) == len(set(ids))
        assert all(lk.source or lk.target for lk in alignment.links)
