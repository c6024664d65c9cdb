"""The bundled telegram: every English body paragraph linked, the page-break split joined."""

from __future__ import annotations

import pytest

from aligner.core.align import align_documents
from aligner.core.model import Alignment
from tests.conftest import TELEGRAM_DIR

pytestmark = pytest.mark.skipif(not TELEGRAM_DIR.exists(), reason="bundled telegram not present")


@pytest.fixture(scope="module")
def telegram() -> Alignment:
    from aligner.io.bundled import bundled_glossary_path, load_bundled
    from aligner.io.glossary import load_glossary

    russian, english = load_bundled()
    glossary = load_glossary(bundled_glossary_path())
    return align_documents(russian, english, glossary_pairs=glossary.term_pairs())


def test_every_segment_is_covered_once_in_order(telegram: Alignment) -> None:
    assert telegram.coverage_errors() == []


def test_every_english_body_paragraph_is_linked_to_russian(telegram: Alignment) -> None:
    assert all(link.source and link.target for link in telegram.links)
    assert len(telegram.links) == len(telegram.source.segments)


def test_the_page_break_split_is_one_link_with_its_russian_paragraph(telegram: Alignment) -> None:
    english = telegram.target.texts()
    first = next(j for j, t in enumerate(english) if t.endswith("dismantling inspections and of"))
    assert english[first + 1].startswith("guarantees for Cuba")
    link = next(lk for lk in telegram.links if first in lk.target)
    assert link.target == (first, first + 1)
    assert len(link.source) == 1
    assert telegram.source_text(link).startswith("В-третьих.")
    assert link.evidence.page_break_joined is True
    assert "a paragraph split by a page break is kept together" in link.evidence.reasons


def test_ordinal_points_land_on_their_counterparts(telegram: Alignment) -> None:
    for link in telegram.links:
        ru, en = telegram.source_text(link), telegram.target_text(link)
        for ru_mark, en_mark in (("Во-первых", "First."), ("Во-вторых", "Second."),
                                 ("В-четвертых", "Fourth."), ("В-пятых", "Fifth.")):  # fmt: skip
            assert ru.startswith(ru_mark) == en.startswith(en_mark)


def test_the_signature_lines_are_linked(telegram: Alignment) -> None:
    last = telegram.links[-1]
    assert telegram.source_text(last).startswith("30.X.62")
    assert telegram.target_text(last).startswith("30.X.62 V. KUZNETSOV")


def test_the_archive_header_stays_metadata_and_the_reconstruction_is_labelled(
    telegram: Alignment,
) -> None:
    assert telegram.target.metadata["citation"]
    assert telegram.target_text(telegram.links[0]).startswith("We are communicating")
    assert telegram.source.is_reconstruction
    assert telegram.settings["algorithm"] == "aligner-paragraph"
    assert telegram.settings["glossary_terms"] > 0


def test_sound_links_are_not_sent_to_review(telegram: Alignment) -> None:
    assert not [lk for lk in telegram.links if lk.needs_review]
    assert min(lk.confidence for lk in telegram.links) > 0.6
