"""The quick reader of a clean file: it checks each value once and builds what the model builds.

A file whose strings need no sanitising is read by a quick decoder that checks
every value as the model's constructors would and then makes the objects without
running those checks again. These tests pin that nothing the model refuses gets
through that way (the damaged value is still named by its path), that evidence of
any shape reads the same by both readers, that the objects it makes behave as the
constructors' own, and that the sentence coverage check still finds each gap.
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from aligner.core.model import Alignment, Evidence, Link, SentenceLink
from aligner.errors import StoreError
from aligner.io.store import alignment_from_dict, encode_alignment, load_alignment

REPO = Path(__file__).resolve().parents[1]
TRACKED = REPO / "alignments" / "kuznetsov-zorin-1962-10-30.json"


@pytest.fixture(scope="module")
def telegram() -> Alignment:
    return load_alignment(TRACKED, check_texts=False, warn=None)


@pytest.fixture
def data(telegram: Alignment, tmp_path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(encode_alignment(telegram, tmp_path))
    return loaded


def _save(data: dict[str, Any], tmp_path: Path) -> Path:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def _sides(d: dict[str, Any], source: list[int]) -> None:
    """Give the first sentence link of the first link another source side."""
    d["links"][0]["sentences"][0]["source"] = source


def _first_sentence(d: dict[str, Any]) -> int:
    first: int = d["links"][0]["sentences"][0]["source"][0]
    return first


def _split_segment(data: dict[str, Any]) -> dict[str, Any]:
    for seg in data["source"]["segments"]:
        if len(seg.get("sentences", [])) >= 2:
            return seg
    raise AssertionError("the tracked alignment should hold a paragraph of two sentences")


DAMAGES = {
    "a sentence link side with a gap": (
        lambda d: _sides(d, [_first_sentence(d), _first_sentence(d) + 2]),
        r"\$\.links\[0\]\.sentences\[0\]: sentence link sides must be contiguous"),
    "a sentence link side out of order": (
        lambda d: _sides(d, [_first_sentence(d) + 1, _first_sentence(d)]),
        r"\$\.links\[0\]\.sentences\[0\]: sentence link sides must be contiguous"),
    "a sentence link with no sentence on either side": (
        lambda d: d["links"][0]["sentences"][0].update(source=[], target=[]),
        r"\$\.links\[0\]\.sentences\[0\]: a sentence link needs at least one unit"),
    "a negative sentence number": (
        lambda d: d["links"][0]["sentences"][0].update(source=[-1]),
        r"\$\.links\[0\]\.sentences\[0\]\.source\[0\]: must be a paragraph number"),
    "a paragraph link side with a gap": (
        lambda d: d["links"][0].update(source=[0, 2]),
        r"\$\.links\[0\]: link sides must be contiguous"),
    "an unknown status": (
        lambda d: d["links"][1]["sentences"][0].update(status="approved"),
        r"\$\.links\[1\]\.sentences\[0\]\.status: 'approved' is not one of"),
    "a confidence given as true": (
        lambda d: d["links"][1].update(confidence=True),
        r"\$\.links\[1\]\.confidence: must be a number, not true/false"),
    "a sentence past its paragraph's end": (
        lambda d: _split_segment(d)["sentences"][-1].__setitem__(1, len(_split_segment(d)["text"])
                                                                 + 1),
        r"\$\.source\.segments\[\d+\]\.sentences: .*outside its paragraph"),
    "sentences out of order": (
        lambda d: _split_segment(d)["sentences"].reverse(),
        r"\$\.source\.segments\[\d+\]\.sentences: .*out of order"),
    "an empty sentence": (
        lambda d: _split_segment(d)["sentences"][0].__setitem__(1, 0),
        r"\$\.source\.segments\[\d+\]\.sentences\[0\]: bad sentence offsets"),
}


@pytest.mark.parametrize("damage", list(DAMAGES), ids=list(DAMAGES))
def test_a_value_the_model_refuses_is_refused_by_the_quick_reader_and_named(
    damage: str, data: dict[str, Any], tmp_path: Path
) -> None:
    spoil, message = DAMAGES[damage]
    spoil(data)
    with pytest.raises(StoreError, match=message):
        load_alignment(_save(data, tmp_path), check_texts=False, warn=None)


EVIDENCE_SHAPES: dict[str, dict[str, Any]] = {
    "as aligner writes it": {"source_length": 120, "target_length": 97, "length_ratio": 0.81,
                             "expected_ratio": 1.1, "length_z": -1.9, "margin": 0.4,
                             "neighbour_margin": 3.0, "reasons": ["lengths roughly fit"]},
    "whole numbers for scores": {"length_ratio": 1, "margin": 0, "displaced_weight": 2},
    "lengths of zero and below": {"source_length": 0, "target_length": -3},
    "a negative weight": {"displaced_weight": -0.5, "neighbour_displaced": 0.25},
    "version 1 names": {"matched": {"names": ["castro"]}, "missing_numbers": {"source": ["29"]},
                        "unaligned": True, "needs_review": True},
    "a key aligner does not write": {"margin": 2.0, "colour": "red"},
    "numbers that are not texts": {"source_only_numbers": [29, "30"], "shared": [["names", 1]]},
    "a flag given as a number": {"unmatched": 1, "heading": 0},
    "an empty edit note": {"edited": "", "length_z": 0.5},
    "scores that are texts": {"length_z": "high", "margin": None},
    "empty lists": {"shared": [], "displaced": [], "source_only_numbers": [], "reasons": []},
}


@pytest.mark.parametrize("shape", list(EVIDENCE_SHAPES), ids=list(EVIDENCE_SHAPES))
def test_evidence_of_any_shape_reads_the_same_by_both_readers(
    shape: str, data: dict[str, Any], tmp_path: Path
) -> None:
    evidence = EVIDENCE_SHAPES[shape]
    data["links"][0]["evidence"] = evidence
    data["links"][0]["sentences"][0]["evidence"] = copy.deepcopy(evidence)
    quick = alignment_from_dict(copy.deepcopy(data), tmp_path, "a.json", pristine=True)
    careful = alignment_from_dict(copy.deepcopy(data), tmp_path, "a.json")
    assert quick.links[0].evidence == careful.links[0].evidence
    assert quick.links[0].sentences[0] == careful.links[0].sentences[0]


def test_objects_from_the_quick_reader_behave_as_the_constructors_own(
    telegram: Alignment, data: dict[str, Any], tmp_path: Path
) -> None:
    quick = alignment_from_dict(copy.deepcopy(data), tmp_path, "a.json", pristine=True)
    careful = alignment_from_dict(copy.deepcopy(data), tmp_path, "a.json")
    link, made = quick.links[2], careful.links[2]
    rebuilt = Link(**{name: getattr(made, name) for name in made.__dataclass_fields__})
    assert link == made == rebuilt and hash(link.source) == hash(rebuilt.source)
    assert repr(link) == repr(rebuilt)
    assert pickle.loads(pickle.dumps(quick)) == careful
    sentence = link.sentences[0]
    assert isinstance(sentence, SentenceLink) and isinstance(sentence.evidence, Evidence)
    assert quick.source.segments == careful.source.segments
    assert hash(quick.source.segments[0].sentences[0]) == hash(
        careful.source.segments[0].sentences[0])
    # Replacing a field still runs the model's checks.
    with pytest.raises(ValueError, match="contiguous"):
        replace(link, source=(0, 2))
    with pytest.raises(ValueError, match=r"outside \[0, 1\]"):
        replace(sentence, confidence=2.0)
    assert replace(link, note="checked").note == "checked"


def _plain_sentence_errors(alignment: Alignment) -> list[int]:
    """The links whose sentence links do not number their paragraphs' sentences once, in order,
    by the definition: the list of every sentence of the paragraphs against the sentence
    links' own, concatenated."""
    bad = []
    for number, lk in enumerate(alignment.links):
        if not lk.sentences:
            continue
        for side, doc in (("source", alignment.source), ("target", alignment.target)):
            want = [g for p in getattr(lk, side) for g in doc.sentence_range(p)]
            got = [g for s in lk.sentences for g in getattr(s, side)]
            if got != want:
                bad.append(number)
                break
    return bad


def _respaced(lk: Link, change: str) -> Link:
    sentences = list(lk.sentences)
    first = sentences[0]
    if change == "drop the first":
        sentences = sentences[1:] or [replace(first, source=(), target=first.target or (0,))]
    elif change == "drop the last":
        sentences = sentences[:-1] or [replace(first, target=())]
    elif change == "repeat the first":
        sentences = [first, *sentences]
    elif change == "reverse":
        sentences = sentences[::-1]
    elif change == "shift by one":
        sentences = [replace(s, source=tuple(i + 1 for i in s.source)) for s in sentences]
    return replace(lk, sentences=tuple(sentences))


@pytest.mark.parametrize("change", ["drop the first", "drop the last", "repeat the first",
                                    "reverse", "shift by one", "keep"])
def test_the_sentence_coverage_check_finds_each_link_the_definition_finds(
    telegram: Alignment, change: str
) -> None:
    links = [(_respaced(lk, change) if i % 3 == 1 and lk.sentences else lk)
             for i, lk in enumerate(telegram.links)]
    changed = telegram.with_links(links)
    expected = _plain_sentence_errors(changed)
    found = [int(p.split(":")[0].split()[1]) for p in changed.sentence_errors()]
    assert found == expected
    if change == "keep":
        assert expected == []
    else:  # every third link has been spoilt (the telegram has links of several sentences)
        assert expected


def test_a_load_leaves_the_collector_as_it_found_it(tmp_path: Path, data: dict[str, Any]
                                                    ) -> None:
    path = _save(data, tmp_path)
    assert gc.isenabled()
    load_alignment(path, check_texts=False, warn=None)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        load_alignment(path, check_texts=False, warn=None)
        assert not gc.isenabled()
    finally:
        gc.enable()
