"""`diff_alignments`: what a reviewer changed between two versions of an alignment."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aligner.core.history import diff_alignments, summarize
from aligner.core.model import Alignment, Document, Link, Revision, Segment
from aligner.errors import UsageError

RU = ["Первое.", "Второе.", "Третье.", "Четвёртое.", "Пятое.", "Просим рассмотреть."]
EN = ["First.", "Second.", "Third.", "Fourth.", "Fifth.", "We request your examination."]


def _alignment(beads: list[tuple[tuple[int, ...], tuple[int, ...]]], **changes) -> Alignment:
    docs = (
        Document(tuple(Segment(t) for t in RU), "ru", provenance="reconstructed"),
        Document(tuple(Segment(t) for t in EN), "en"),
    )
    links = [Link(s, t) for s, t in beads]
    for index, fields in changes.items():
        i = int(index.removeprefix("l"))
        links[i] = replace(links[i], **fields)
    return Alignment(docs[0], docs[1], tuple(links))


ONE_TO_ONE = [((i,), (i,)) for i in range(6)]


def test_identical_versions_have_no_changes():
    assert diff_alignments(_alignment(ONE_TO_ONE), _alignment(ONE_TO_ONE)) == []


def test_status_note_revision_and_bookmark_changes_are_listed_per_link():
    old = _alignment(ONE_TO_ONE, l2={"status": "confirmed", "note": "ok"})
    new = _alignment(
        ONE_TO_ONE,
        l0={"status": "confirmed"},
        l1={"status": "rejected"},
        l2={"note": "check the date"},
        l4={"revision": Revision("Fifth point.", author="jh")},
        l5={"bookmark": True},
    )
    got = [(c.kind, c.old_links, c.before, c.after) for c in diff_alignments(old, new)]
    assert got == [
        ("confirmed", (0,), "auto", "confirmed"),
        ("rejected", (1,), "auto", "rejected"),
        ("reopened", (2,), "confirmed", "auto"),
        ("renoted", (2,), "ok", "check the date"),
        ("revised", (4,), "", "Fifth point."),
        ("bookmarked", (5,), "", ""),
    ]


def test_a_removed_revision_is_reported():
    old = _alignment(ONE_TO_ONE, l4={"revision": Revision("Fifth point.")})
    [change] = diff_alignments(old, _alignment(ONE_TO_ONE))
    assert (change.kind, change.before, change.after) == ("unrevised", "Fifth point.", "")


def test_a_merge_and_a_split_are_told_apart():
    old = _alignment([((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,)), ((4, 5), (4, 5))])
    new = _alignment([((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,)), ((4,), (4,)), ((5,), (5,))])
    changes = diff_alignments(old, new)
    assert [(c.kind, c.old_links, c.new_links, c.before, c.after) for c in changes] == [
        ("merged", (1, 2), (1,), "1-1 + 1-1", "2-2"),
        ("split", (4,), (3, 4), "2-2", "1-1 + 1-1"),
    ]
    assert changes[0].source == (1, 2) and changes[0].target == (1, 2)


def test_segments_moved_between_links():
    # The reviewer moved target paragraph 2 from link 2 up into link 1.
    old = _alignment([((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3, 4, 5), (4, 5))])
    new = _alignment([((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3, 4, 5), (4, 5))])
    [change] = diff_alignments(old, new)
    assert (change.kind, change.old_links, change.new_links) == ("moved", (1, 2), (1, 2))
    assert (change.before, change.after) == ("1-1 + 1-2", "1-2 + 1-1")
    assert change.target == (1, 2, 3)


def test_an_omission_linked_later_is_a_merge():
    old = _alignment([((0,), (0,)), ((1,), ()), ((), (1,)), *[((i,), (i,)) for i in range(2, 6)]])
    new = _alignment(ONE_TO_ONE)
    [change] = diff_alignments(old, new)
    assert (change.kind, change.before, change.after) == ("merged", "1-0 + 0-1", "1-1")


def test_summary_counts_changes_by_kind():
    old = _alignment(ONE_TO_ONE)
    new = _alignment(
        [((0, 1), (0, 1)), *[((i,), (i,)) for i in range(2, 6)]],
        l1={"status": "confirmed"}, l2={"status": "confirmed"},
    )
    assert summarize(diff_alignments(old, new)) == {"merged": 1, "confirmed": 2}


def test_alignments_of_different_texts_are_refused():
    other = _alignment(ONE_TO_ONE)
    other = replace(other, target=replace(other.target, segments=(Segment("Erstens."),) * 6))
    with pytest.raises(UsageError, match="different target texts"):
        diff_alignments(_alignment(ONE_TO_ONE), other)
