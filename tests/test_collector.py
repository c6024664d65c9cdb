"""Aligning and checking terms hold Python's garbage collector off while they run and
leave it as they found it, also when several passes run at once (the review UI's workers)."""

from __future__ import annotations

import gc
import threading

import pytest

from aligner.core.align import align_documents
from aligner.core.collector import collector_paused
from aligner.core.model import Alignment, Link
from aligner.core.sentences import align_sentences
from aligner.core.terms import apply_checks, hits_by_segment
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.glossary import load_glossary


def _telegram() -> Alignment:
    original, english = load_bundled()
    n = min(len(original.segments), len(english.segments))
    return Alignment(original, english, [Link((i,), (i,)) for i in range(n)])


def test_the_collector_runs_again_after_both_levels_are_aligned() -> None:
    original, english = load_bundled()
    assert gc.isenabled()
    align_sentences(align_documents(original, english))
    assert gc.isenabled()


def test_the_collector_runs_again_after_terms_are_matched_and_checked() -> None:
    glossary = load_glossary(bundled_glossary_path())
    alignment = _telegram()
    assert gc.isenabled()
    hits_by_segment(alignment, glossary)
    assert gc.isenabled()
    checked = apply_checks(alignment, glossary)
    assert gc.isenabled()
    assert any(link.flags for link in checked.links)


def test_the_collector_runs_again_after_an_error_inside() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("the alignment failed")
    assert gc.isenabled()


def test_a_caller_that_turned_the_collector_off_finds_it_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_resumes_only_when_the_last_of_two_passes_ends() -> None:
    first_inside, first_may_end = threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with collector_paused():
            first_inside.set()
            first_may_end.wait(5)
            seen.append(gc.isenabled())

    worker = threading.Thread(target=first)
    worker.start()
    assert first_inside.wait(5)
    with collector_paused():
        pass
    # the second pass ended while the first still runs: the collector stays off
    seen.append(gc.isenabled())
    first_may_end.set()
    worker.join(5)
    assert seen == [False, False]
    assert gc.isenabled()
