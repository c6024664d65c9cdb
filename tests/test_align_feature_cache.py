"""Aligning one original several times with a shared feature cache changes nothing but time."""

from __future__ import annotations

from dataclasses import replace

from aligner.core.align import align_documents
from aligner.io.bundled import load_bundled


def test_shared_feature_cache_gives_the_same_alignments() -> None:
    original, english = load_bundled()
    # A second translation: the same English with one paragraph reworded.
    segments = list(english.segments)
    segments[3] = replace(segments[3], text=segments[3].text.replace("Americans", "US side"))
    other = replace(english, segments=tuple(segments))
    cache: dict = {}
    shared = [align_documents(original, t, feature_cache=cache) for t in (english, other)]
    alone = [align_documents(original, t) for t in (english, other)]
    assert [a.links for a in shared] == [a.links for a in alone]
    assert set(original.texts()) <= set(cache)
