"""Key terms on a long document: what is remembered between segments never changes a result.

The matcher analyses each word form once, shares the text and score objects of
its hits and builds one flag object for identical findings. A document made of
several copies of the telegram (each paragraph marked with its copy number, so
no two texts are the same) must give every copy exactly the hits and flags the
telegram gets on its own.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from aligner.core.model import Alignment, Link, Segment
from aligner.core.terms import apply_checks, hits_by_segment
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.glossary import load_glossary

COPIES = 3


def _beads(n_source: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads = [((i,), (i,)) for i in range(7)] + [((7,), (7, 8))]
    return beads + [((i,), (i + 1,)) for i in range(8, n_source)]


def _copies(copies: int) -> Alignment:
    ru, en = load_bundled()
    beads = _beads(len(ru.segments))
    src: list[Segment] = []
    tgt: list[Segment] = []
    links: list[Link] = []
    for c in range(copies):
        base_s, base_t = len(src), len(tgt)
        src += [Segment(f"{s.text} (копия {c})") for s in ru.segments]
        tgt += [Segment(f"{s.text} (copy {c})") for s in en.segments]
        links += [Link(tuple(base_s + i for i in a), tuple(base_t + j for j in b))
                  for a, b in beads]
    return Alignment(replace(ru, segments=tuple(src)), replace(en, segments=tuple(tgt)), links)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(bundled_glossary_path())


@pytest.fixture(scope="module")
def single(glossary):
    alignment = _copies(1)
    return alignment, hits_by_segment(alignment, glossary), apply_checks(alignment, glossary)


@pytest.fixture(scope="module")
def repeated(glossary):
    alignment = _copies(COPIES)
    return alignment, hits_by_segment(alignment, glossary), apply_checks(alignment, glossary)


def test_every_copy_has_the_hits_of_the_single_telegram(single, repeated):
    one, one_hits, _ = single
    many, many_hits, _ = repeated
    n_src, n_tgt = len(one.source.segments), len(one.target.segments)
    assert sum(len(h) for h in one_hits.values()) > 50
    for c in range(COPIES):
        for (side, i), hits in one_hits.items():
            shift = (n_src if side == "source" else n_tgt) * c
            copied = many_hits[(side, i + shift)]
            assert [h._replace(segment=i) for h in copied] == list(hits)
    assert len(many_hits) == COPIES * len(one_hits)


def test_every_copy_gets_the_flags_of_the_single_telegram(single, repeated):
    _, _, one = single
    _, _, many = repeated
    per_copy = len(one.links)
    assert any(link.flags for link in one.links)
    for c in range(COPIES):
        block = many.links[c * per_copy:(c + 1) * per_copy]
        assert [link.flags for link in block] == [link.flags for link in one.links]


def test_inconsistent_renderings_are_counted_over_all_copies(single, repeated):
    _, _, one = single
    _, _, many = repeated
    def counts(flags):
        return {(f.term, f.detail["direction"]):
                f.detail["renderings" if "renderings" in f.detail else "terms"] for f in flags}

    counts_one, counts_many = counts(one.document_flags), counts(many.document_flags)
    assert counts_one, "the telegram renders some term in more than one way"
    assert counts_many == {term: {form: n * COPIES for form, n in renderings.items()}
                           for term, renderings in counts_one.items()}
