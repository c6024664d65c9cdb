"""The contract other tools rely on: a plain file gives one segment per block or line, in order."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import DEFR_BENCH, RUEN_BENCH, needs_shared

from aligner.io.texts import load_document

RUEN_FILES = sorted(RUEN_BENCH.glob("*.txt")) if RUEN_BENCH.exists() else []
DEFR_FILES = (
    sorted(p for p in DEFR_BENCH.iterdir() if p.suffix in (".de", ".fr"))
    if DEFR_BENCH.exists()
    else []
)


def _normal(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@needs_shared(RUEN_BENCH)
def test_all_sixteen_ruen_files_are_there() -> None:
    assert len(RUEN_FILES) == 16


@needs_shared(RUEN_BENCH)
@pytest.mark.parametrize("path", RUEN_FILES, ids=lambda p: p.name)
def test_a_ruen_file_gives_one_segment_per_block(path) -> None:
    raw = path.read_text(encoding="utf-8")
    blocks = [b for b in raw.split("\n\n") if b.strip()]
    doc = load_document(path)
    assert doc.texts() == [_normal(b) for b in blocks]
    assert doc.language == path.name.split(".")[-2]
    assert (doc.encoding, doc.metadata["layout"]) == ("utf-8", "plain")
    assert all(raw[s.start : s.end] == b.strip() for s, b in zip(doc.segments, blocks, strict=True))


@needs_shared(DEFR_BENCH)
@pytest.mark.parametrize("path", DEFR_FILES, ids=lambda p: p.name)
def test_a_sentence_per_line_file_gives_one_segment_per_line(path) -> None:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    doc = load_document(path)
    assert doc.texts() == [_normal(ln) for ln in lines]
    assert doc.metadata["paragraphs"] == "one per line"
