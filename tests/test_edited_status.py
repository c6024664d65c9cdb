"""A link a person reshaped is "edited": no stale machine confidence, out of the queue."""

from __future__ import annotations

from aligner.core import edits
from aligner.core.review import needs_review, review_queue
from aligner.io.store import load_alignment, save_alignment
from aligner.tui.sample import telegram_excerpt


def test_a_weak_link_fixed_by_hand_leaves_the_queue():
    al = telegram_excerpt()
    weak = al.links[2]  # 2:1 at confidence 0.46, below the review threshold
    assert needs_review(weak) and weak.id in review_queue(al)
    fixed = edits.split_link(al, weak.id, 1, 1)
    first, second = fixed.links[2], fixed.links[3]
    for link in (first, second):
        assert link.status == "edited"
        assert link.confidence == edits.EDITED_CONFIDENCE
        assert not link.needs_review and not link.flags
        assert not needs_review(link)
        assert link.id not in review_queue(fixed)


def test_shift_down_and_detach_mark_both_touched_links_edited():
    al = telegram_excerpt()
    moved = edits.move_last_down(al, al.links[6].id, "source")
    assert [moved.links[i].status for i in (6, 7)] == ["edited", "edited"]
    detached = edits.detach(al, al.links[6].id, "target")
    assert [detached.links[i].status for i in (6, 7)] == ["edited", "edited"]
    assert detached.links[7].confidence == edits.EDITED_CONFIDENCE


def test_taking_back_a_confirmation_of_an_edited_link_leaves_it_edited():
    al = telegram_excerpt()
    merged = edits.merge_with_next(al, al.links[0].id)
    lid = merged.links[0].id
    confirmed = edits.toggle_confirmed(merged, lid)
    assert confirmed.link_by_id(lid).status == "confirmed"
    assert edits.toggle_confirmed(confirmed, lid).link_by_id(lid).status == "edited"


def test_the_edited_status_is_stored_and_read_back(tmp_path):
    al = telegram_excerpt()
    merged = edits.merge_with_next(al, al.links[0].id)
    path = tmp_path / "a.json"
    save_alignment(merged, path)
    assert load_alignment(path).links[0].status == "edited"


def test_links_are_found_by_id_after_edits():
    al = telegram_excerpt()
    for _ in range(3):
        al = edits.merge_with_next(al, al.links[0].id)
    for position, link in enumerate(al.links):
        assert al.link_index(link.id) == position
        assert al.link_by_id(link.id) is link
        assert al.link_number(link.id) == position + 1
