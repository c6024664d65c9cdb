"""Sentence-level edits inside one paragraph link, and paragraph edits that re-align the
sentences of the links they touched, on the bundled telegram aligned by sentence."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.core import edits
from aligner.core import sentence_edits as se
from aligner.core.align import align_documents
from aligner.core.edits import EditError
from aligner.core.model import Alignment
from aligner.core.sentences import align_sentences
from aligner.io.texts import load_document

TELEGRAM = Path(__file__).resolve().parents[1] / "texts" / "kuznetsov-zorin-1962-10-30"


@lru_cache(maxsize=1)
def telegram() -> Alignment:
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    return align_sentences(align_documents(ru, en))


def link_with(al: Alignment, n: int) -> int:
    """Id of the first link with at least ``n`` sentence links."""
    return next(lk.id for lk in al.links if len(lk.sentences) >= n)


def beads(al: Alignment, link_id: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(s.source, s.target) for s in al.link_by_id(link_id).sentences]


def test_merging_two_sentence_links_makes_one_edited_link_of_both() -> None:
    al = telegram()
    lid = link_with(al, 2)
    (s0, t0), (s1, t1), *rest = beads(al, lid)
    merged = se.merge_sentence_with_next(al, lid, 0)
    assert beads(merged, lid) == [(s0 + s1, t0 + t1), *rest]
    first = merged.link_by_id(lid).sentences[0]
    assert first.status == "edited" and first.evidence.edited == "merged"
    assert merged.sentence_errors() == []
    # Only that paragraph link changed; its own shape and status did not.
    assert merged.link_by_id(lid).source == al.link_by_id(lid).source
    assert merged.link_by_id(lid).status == al.link_by_id(lid).status
    assert [lk for lk in merged.links if lk.id != lid] == [
        lk for lk in al.links if lk.id != lid]


def test_the_last_sentence_link_of_a_paragraph_link_cannot_merge_across_it() -> None:
    al = telegram()
    lid = link_with(al, 2)
    last = len(al.link_by_id(lid).sentences) - 1
    with pytest.raises(EditError, match="never leaves its paragraph link"):
        se.merge_sentence_with_next(al, lid, last)
    with pytest.raises(EditError, match="never leaves its paragraph link"):
        se.move_sentence_up(al, lid, 0, "source")
    with pytest.raises(EditError, match="never leaves its paragraph link"):
        se.move_sentence_down(al, lid, last, "target")


def test_split_undoes_a_merge_and_a_one_to_one_link_cannot_be_split() -> None:
    al = telegram()
    lid = link_with(al, 2)
    merged = se.merge_sentence_with_next(al, lid, 0)
    split = se.split_sentence_link(merged, lid, 0)
    assert beads(split, lid) == beads(al, lid)
    assert [s.status for s in split.link_by_id(lid).sentences[:2]] == ["edited", "edited"]
    with pytest.raises(EditError, match="one sentence a side"):
        se.split_sentence_link(al, lid, 0)


def test_shifting_a_sentence_up_and_down_between_neighbouring_sentence_links() -> None:
    al = telegram()
    lid = link_with(al, 3)
    (s0, t0), (s1, t1), (s2, t2), *rest = beads(al, lid)
    up = se.move_sentence_up(al, lid, 1, "target")  # t1 joins the first sentence link
    assert beads(up, lid)[:2] == [(s0, t0 + t1), (s1, ())]
    down = se.move_sentence_down(al, lid, 1, "source")  # s1 starts the third
    assert beads(down, lid)[1:3] == [((), t1), (s1 + s2, t2)]
    # A sentence link left with nothing disappears.
    gone = se.move_sentence_up(up, lid, 1, "source")
    assert beads(gone, lid)[:2] == [(s0 + s1, t0 + t1), (s2, t2)]
    for edited in (up, down, gone):
        assert edited.sentence_errors() == []


def test_detaching_a_sentence_says_the_two_do_not_render_each_other() -> None:
    al = telegram()
    lid = link_with(al, 1)
    (s0, t0), *rest = beads(al, lid)
    out = se.detach_sentence(al, lid, 0, "target")
    assert beads(out, lid)[:2] == [(s0, ()), ((), t0)]
    with pytest.raises(EditError, match="already unaligned"):
        se.detach_sentence(out, lid, 0, "source")


def test_verdicts_and_notes_stay_on_the_sentence_link() -> None:
    al = telegram()
    lid = link_with(al, 2)
    out = se.confirm_sentence(al, lid, 1)
    out = se.set_sentence_note(out, lid, 0, "  check «этом» [sic]  ")
    out = se.reject_sentence(out, lid, 0)
    first, second = out.link_by_id(lid).sentences[:2]
    assert (first.status, first.note, second.status) == ("rejected", "check «этом» [sic]",
                                                         "confirmed")
    back = se.toggle_sentence_confirmed(out, lid, 1)
    assert back.link_by_id(lid).sentences[1].status == "auto"


def test_a_link_not_aligned_by_sentence_says_so() -> None:
    al = telegram()
    lid = al.links[0].id
    bare = al.with_links([replace(al.links[0], sentences=()), *al.links[1:]])
    with pytest.raises(EditError, match="not aligned by sentence"):
        se.confirm_sentence(bare, lid, 0)
    with pytest.raises(EditError, match="no sentence link 9"):
        se.confirm_sentence(al, lid, 8)


def test_a_paragraph_merge_realigns_only_the_merged_link_and_keeps_review_marks() -> None:
    al = telegram()
    a, b, far = al.links[3].id, al.links[4].id, al.links[10].id
    reviewed = se.confirm_sentence(al, a, 0)
    reviewed = se.set_sentence_note(reviewed, far, 0, "kept")
    reviewed = se.confirm_sentence(reviewed, far, 1)
    merged = edits.merge_with_next(reviewed, a)
    out = se.resentenced(reviewed, merged)
    assert out.sentence_errors() == []
    assert beads(out, a) == beads(al, a) + beads(al, b)
    # The confirmed sentence link is found again in the merged link, and keeps its verdict.
    assert out.link_by_id(a).sentences[0].status == "confirmed"
    # An untouched link keeps its sentence links as they were (the same objects).
    assert out.link_by_id(far).sentences is reviewed.link_by_id(far).sentences


def test_a_paragraph_split_gives_each_part_its_own_sentence_links() -> None:
    al = telegram()
    a = al.links[3].id
    merged = se.resentenced(al, edits.merge_with_next(al, a))
    split = edits.split_link(merged, a)
    out = se.resentenced(merged, split)
    assert out.sentence_errors() == []
    assert beads(out, a) == beads(al, a)


def test_an_alignment_without_sentence_links_stays_without() -> None:
    al = telegram()
    bare = al.with_links([replace(lk, sentences=()) for lk in al.links])
    merged = edits.merge_with_next(bare, bare.links[0].id)
    assert se.resentenced(bare, merged) is merged


# --- any sequence of edits keeps the coverage --------------------------------------------

SENTENCE_EDITS = (
    ("merge", lambda al, lid, k, side: se.merge_sentence_with_next(al, lid, k)),
    ("split", lambda al, lid, k, side: se.split_sentence_link(al, lid, k)),
    ("up", se.move_sentence_up),
    ("down", se.move_sentence_down),
    ("detach", se.detach_sentence),
    ("confirm", lambda al, lid, k, side: se.toggle_sentence_confirmed(al, lid, k)),
    ("reject", lambda al, lid, k, side: se.reject_sentence(al, lid, k)),
    ("note", lambda al, lid, k, side: se.set_sentence_note(al, lid, k, "[x]")),
)
PARAGRAPH_EDITS = (
    ("p-merge", lambda al, lid, side: edits.merge_with_next(al, lid)),
    ("p-split", lambda al, lid, side: edits.split_link(al, lid)),
    ("p-up", edits.move_first_up),
    ("p-down", edits.move_last_down),
    ("p-detach", edits.detach),
)

step = st.one_of(
    st.tuples(st.sampled_from(SENTENCE_EDITS), st.integers(0, 30), st.integers(0, 6),
              st.sampled_from(("source", "target"))),
    st.tuples(st.sampled_from(PARAGRAPH_EDITS), st.integers(0, 30), st.just(0),
              st.sampled_from(("source", "target"))),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(step, min_size=1, max_size=12))
def test_any_sequence_of_edits_covers_every_sentence_exactly_once(steps) -> None:
    al = telegram()
    for (name, fn), where, k, side in steps:
        lid = al.links[where % len(al.links)].id
        try:
            if name.startswith("p-"):
                al = se.resentenced(al, fn(al, lid, side))
            else:
                al = fn(al, lid, k % max(1, len(al.link_by_id(lid).sentences)), side)
        except EditError:
            continue
        assert al.coverage_errors() == []
        assert al.sentence_errors() == [], name
        assert all(lk.sentences for lk in al.links)


def test_reviewed_sentence_links_round_trip_through_the_store(tmp_path) -> None:
    import json

    import jsonschema

    from aligner.io import store
    from aligner.io.store import load_alignment, save_alignment

    al = telegram()
    lid = link_with(al, 3)
    out = se.merge_sentence_with_next(al, lid, 0)
    out = se.set_sentence_note(out, lid, 1, "«этом» [sic]")
    out = se.reject_sentence(out, lid, 1)
    out = se.confirm_sentence(out, al.links[0].id, 0)
    path = tmp_path / "reviewed.json"
    save_alignment(out, path)
    schema = Path(store.__file__).resolve().parents[1] / "schema" / "alignment.schema.json"
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")),
                        json.loads(schema.read_text(encoding="utf-8")))
    loaded = load_alignment(path)
    assert loaded.link_by_id(lid).sentences == out.link_by_id(lid).sentences
    first, second = loaded.link_by_id(lid).sentences[:2]
    assert (first.status, first.evidence.edited) == ("edited", "merged")
    assert (second.status, second.note) == ("rejected", "«этом» [sic]")
    assert loaded.links[0].sentences[0].status == "confirmed"
