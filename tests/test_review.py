"""The review queue, filters, search and navigation over the telegram excerpt."""

from __future__ import annotations

import pytest

from aligner.core import edits
from aligner.core.review import (
    ViewFilter,
    links_by_term,
    needs_review,
    position_of,
    review_queue,
    search_ids,
    step,
    view_ids,
)
from aligner.tui.sample import generated_alignment, telegram_excerpt


@pytest.fixture
def excerpt():
    return telegram_excerpt()


def test_queue_puts_the_weakest_unreviewed_links_first(excerpt):
    queue = review_queue(excerpt)
    confidences = [excerpt.links[excerpt.link_index(i)].confidence for i in queue]
    assert confidences == sorted(confidences)
    assert confidences[:2] == [0.3, 0.46]
    confirmed = excerpt.links[5]
    assert confirmed.status == "confirmed" and confirmed.id not in queue


def test_confirming_the_weakest_moves_the_queue_on(excerpt):
    weakest = review_queue(excerpt)[0]
    after = review_queue(edits.confirm(excerpt, weakest))
    assert weakest not in after
    assert after[0] == review_queue(excerpt)[1]


def test_flags_break_ties_in_the_queue(excerpt):
    from dataclasses import replace

    from aligner.core.model import Flag

    links = list(excerpt.links)
    links[0] = replace(links[0], confidence=0.5)
    links[1] = replace(links[1], confidence=0.5, flags=(Flag("missing", "un"),))
    queue = review_queue(excerpt.with_links(links))
    assert queue.index(links[1].id) < queue.index(links[0].id)


def test_needs_review_is_unsure_or_flagged_and_not_yet_reviewed(excerpt):
    assert [needs_review(lk) for lk in excerpt.links] == [
        False, False, True, False, False, False, False, True
    ]
    assert not needs_review(edits.reject(excerpt, excerpt.links[2].id).links[2])


def test_filters_by_status_flag_bookmark_and_term(excerpt):
    ids = [lk.id for lk in excerpt.links]
    assert view_ids(excerpt) == ids
    assert view_ids(excerpt, ViewFilter(status="confirmed")) == [ids[5]]
    assert view_ids(excerpt, ViewFilter(status="needs-review")) == [ids[2], ids[7]]
    assert view_ids(excerpt, ViewFilter(flag="any")) == [ids[2]]
    assert view_ids(excerpt, ViewFilter(flag="missing")) == []
    marked = edits.toggle_bookmark(excerpt, ids[4])
    assert view_ids(marked, ViewFilter(bookmarked=True)) == [ids[4]]
    term_links = links_by_term(excerpt, [("uar", "source", 2), ("uar", "target", 2)])
    assert term_links == {"uar": {ids[2]}}
    assert view_ids(excerpt, ViewFilter(term="uar"), term_links=term_links) == [ids[2]]
    assert ViewFilter(status="auto", term="uar").describe() == "status=auto, term=uar"


def test_orders_queue_and_confidence(excerpt):
    by_conf = view_ids(excerpt, order="confidence")
    confs = [excerpt.links[excerpt.link_index(i)].confidence for i in by_conf]
    assert confs == sorted(confs)
    queue_view = view_ids(excerpt, order="queue")
    assert queue_view[: len(review_queue(excerpt))] == review_queue(excerpt)
    assert queue_view[-1] == excerpt.links[5].id  # reviewed links come last


def test_plain_search_is_case_insensitive_on_both_sides_and_literal(excerpt):
    ids = [lk.id for lk in excerpt.links]
    assert search_ids(excerpt, "yugoslavia") == [ids[2]]
    assert search_ids(excerpt, "Югославии") == [ids[2]]
    assert search_ids(excerpt, "[One could]") == [ids[3]]
    assert search_ids(excerpt, "   ") == []


def test_fuzzy_search_forgives_misspellings(excerpt):
    ids = [lk.id for lk in excerpt.links]
    assert search_ids(excerpt, "Yugoslavja") == []
    assert search_ids(excerpt, "Yugoslavja", fuzzy=True) == [ids[2]]
    assert search_ids(excerpt, "Кузнецов", fuzzy=True) == [ids[6]]  # "КУЗНЕЦОВ"
    assert view_ids(excerpt, ViewFilter(query="emigres")) == [ids[3]]


def test_step_finds_the_next_and_previous_wanted_link_and_wraps(excerpt):
    order = [lk.id for lk in excerpt.links]
    wanted = {order[2], order[7]}.__contains__
    assert step(order, order[0], wanted) == order[2]
    assert step(order, order[2], wanted) == order[7]
    assert step(order, order[7], wanted) == order[2]
    assert step(order, order[7], wanted, wrap=False) is None
    assert step(order, order[3], wanted, forward=False) == order[2]
    assert step(order, order[2], lambda i: False) is None


def test_jump_to_link_number(excerpt):
    assert position_of(excerpt, 1) == excerpt.links[0].id
    assert position_of(excerpt, 9) is None


def test_views_of_ten_thousand_links():
    big = generated_alignment(10_000)
    assert len(view_ids(big, order="queue")) == 10_000
    assert len(search_ids(big, "Yugoslavia")) > 0
