"""Aligning holds Python's garbage collector off while it runs and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from aligner.core.align import align_documents
from aligner.core.collector import collector_paused
from aligner.core.sentences import align_sentences
from aligner.io.bundled import load_bundled


def test_the_collector_runs_again_after_both_levels_are_aligned() -> None:
    original, english = load_bundled()
    assert gc.isenabled()
    align_sentences(align_documents(original, english))
    assert gc.isenabled()


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
