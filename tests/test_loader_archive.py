"""The Wilson Center Digital Archive layout of the seed: header and source note are metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_EN, needs_shared

from aligner.io.normalize import compound_words, normalize_paragraph
from aligner.io.texts import load_document, parse_document_text

pytestmark = needs_shared(SEED_EN)

TITLE = (
    "Telegram from Soviet Deputy Foreign Minister Kuznetsov and Ambassador to the UN Zorin "
    "to USSR Foreign Ministry (1)"
)


@pytest.fixture(scope="module")
def seed():
    return load_document(SEED_EN)


def test_the_header_becomes_metadata(seed) -> None:
    meta = seed.metadata
    assert meta["layout"] == "wilson-center-digital-archive"
    assert meta["date"] == "October 30, 1962"
    assert meta["date_iso"] == "1962-10-30"
    assert meta["title"] == TITLE
    assert meta["citation"].startswith(f'"{TITLE}", October 30, 1962, Wilson Center')
    assert meta["citation"].endswith("translation by John Henriksen, Harvard University")
    assert meta["citation_url"].endswith("/document/112634")
    assert meta["summary"].startswith("Thoughts and opinions from Kuznetsov and Zorin")
    assert meta["original_language"] == "Russian"
    assert meta["contents"] == "Translation - English"


def test_the_source_note_is_metadata_not_a_paragraph(seed) -> None:
    assert seed.metadata["source_note"].startswith("Archive of Foreign Policy, Russian Federation")
    assert seed.metadata["source_note"].endswith("Harvard University.")
    assert not any("[Source:" in text for text in seed.texts())


def test_the_body_starts_with_the_first_paragraph_of_the_telegram(seed) -> None:
    assert seed.texts()[0].startswith("We are communicating several thoughts on the situation")
    header_words = ("Citation:", "Summary:", "Translation - English", "**", "October 30, 1962")
    assert not any(word in text for text in seed.texts() for word in header_words)


def test_the_signature_stays_in_the_body(seed) -> None:
    assert seed.texts()[-2] == "We request your examination."
    assert seed.texts()[-1] == "30.X.62 V. KUZNETSOV V. ZORIN"


def test_the_page_break_split_is_two_consecutive_paragraphs(seed) -> None:
    texts = seed.texts()
    i = next(k for k, t in enumerate(texts) if t.startswith("Third."))
    assert texts[i].endswith("the issues of control on the dismantling inspections and of")
    assert texts[i + 1].startswith("guarantees for Cuba, and to reach a simultaneous settlement")


def test_the_seed_has_twenty_four_body_paragraphs_in_order(seed) -> None:
    texts = seed.texts()
    assert len(texts) == 24
    ordinals = ["First.", "Second.", "Third.", "Fourth.", "Fifth."]
    positions = [next(k for k, t in enumerate(texts) if t.startswith(o)) for o in ordinals]
    assert positions == sorted(positions) == [1, 5, 7, 19, 20]


def test_body_offsets_point_into_the_file(seed) -> None:
    raw = SEED_EN.read_text(encoding="utf-8")
    compounds = compound_words(raw)
    for seg in seed.segments:
        assert normalize_paragraph(raw[seg.start : seg.end], compounds) == seg.text
    assert raw[seed.segments[0].start :].startswith("We are communicating")


def test_the_layout_is_found_in_a_windows_1251_copy_with_crlf(tmp_path: Path) -> None:
    copy = tmp_path / "telegram.en.txt"
    copy.write_bytes(SEED_EN.read_bytes().replace(b"\n", b"\r\n"))
    doc = load_document(copy)
    assert doc.metadata["title"] == TITLE
    assert len(doc.segments) == 24


def test_an_ordinary_text_that_starts_with_a_date_is_not_cut() -> None:
    text = "October 30, 1962\n\nWe request your examination.\n\nV. ZORIN\n"
    doc = parse_document_text(text, language="en")
    assert doc.texts() == ["October 30, 1962", "We request your examination.", "V. ZORIN"]
    assert doc.metadata["layout"] == "plain"


def test_a_header_with_inline_labels_and_no_title_is_read() -> None:
    text = (
        "November 1, 1962\n\nCitation:\n\nA record.\n<https://example.org/document/1>\n\n"
        "Original Language: Russian\n\nFirst paragraph.\n\nSecond paragraph.\n"
    )
    doc = parse_document_text(text, language="en")
    assert doc.texts() == ["First paragraph.", "Second paragraph."]
    assert doc.metadata["original_language"] == "Russian"
    assert doc.metadata["citation_url"] == "https://example.org/document/1"
    assert "title" not in doc.metadata
