"""Revisions: a reviewer's wording stored beside the untouched original."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from aligner.core.model import Alignment, Document, Flag, Link, Segment
from aligner.core.revisions import (
    clear_revision,
    current_target_text,
    revised_alignment,
    revision_diff,
    revision_term_effect,
    set_revision,
)
from aligner.core.wordiff import format_word_diff
from aligner.errors import UsageError
from aligner.io.store import load_alignment, save_alignment

RU = [
    "Пятое. До сих пор в наших официальных документах наше оружие именовалось "
    "«оружием, которое американцы считают наступательным».",
    "Просим рассмотреть.",
]
EN = [
    "Fifth. Until now, in our official documents and during negotiations here in New York, "
    'our weaponry now being dismantled in Cuba has been referred to as "weaponry considered '
    'offensive by the Americans."',
    "We request your examination.",
]


def _doc(paragraphs: list[str], language: str, provenance: str = "archival") -> Document:
    return Document(tuple(Segment(p) for p in paragraphs), language=language, provenance=provenance)


@pytest.fixture
def alignment() -> Alignment:
    return Alignment(
        source=_doc(RU, "ru", "reconstructed"),
        target=_doc(EN, "en"),
        links=(Link((0,), (0,)), Link((1,), (1,))),
    )


def test_a_revision_is_stored_beside_the_original(alignment):
    revised = set_revision(
        alignment, 0, EN[0].replace("weaponry now", "weapons now"),
        author="jh", note="plain word", time="2026-01-02T03:04:05+00:00",
    )
    link = revised.links[0]
    assert link.revision is not None
    assert (link.revision.author, link.revision.note) == ("jh", "plain word")
    assert link.revision.time == "2026-01-02T03:04:05+00:00"
    assert revised.target_text(link) == EN[0]  # the translation itself is unchanged
    assert current_target_text(revised, link) == link.revision.text
    assert alignment.links[0].revision is None  # the input alignment is a value, untouched


def test_the_revision_diff_marks_the_changed_word(alignment):
    revised = set_revision(alignment, 0, EN[0].replace("weaponry now", "weapons now"))
    text = format_word_diff(revision_diff(revised, revised.links[0]))
    assert "our [-weaponry-]{+weapons+} now being dismantled" in text
    assert revision_diff(revised, revised.links[1]) == []


def test_a_revision_without_a_time_is_stamped_now(alignment):
    link = set_revision(alignment, 1, "We ask you to examine this.").links[1]
    assert link.revision is not None and link.revision.time[:2] == "20"
    assert link.revision.time.endswith("+00:00")


def test_a_revision_equal_to_the_original_removes_the_revision(alignment):
    revised = set_revision(alignment, 1, "Please examine.")
    assert set_revision(revised, 1, f"  {EN[1]} \n").links[1].revision is None


def test_empty_revisions_and_unknown_links_are_refused_with_one_line(alignment):
    with pytest.raises(UsageError, match="cannot be empty"):
        set_revision(alignment, 0, "   ")
    with pytest.raises(UsageError, match="no link with id 7"):
        set_revision(alignment, 7, "text")
    with pytest.raises(UsageError, match="no link with id 7"):
        clear_revision(alignment, 7)


def test_clearing_a_revision(alignment):
    revised = set_revision(alignment, 1, "Please examine.")
    assert clear_revision(revised, 1).links[1].revision is None


def test_revisions_survive_the_store_and_the_original_stays_in_the_json(alignment, tmp_path):
    path = tmp_path / "telegram.json"
    save_alignment(set_revision(alignment, 1, "Please examine [this]."), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["target"]["segments"][1]["text"] == EN[1]
    assert data["links"][1]["revision"]["text"] == "Please examine [this]."
    loaded = load_alignment(path)
    assert loaded.target.texts() == EN
    assert loaded.links[1].revision is not None
    assert loaded.links[1].revision.text == "Please examine [this]."


def test_revised_alignment_puts_the_revision_in_the_target_text(alignment):
    both = set_revision(set_revision(alignment, 0, "Fifth. Revised."), 1, "Please examine.")
    applied = revised_alignment(both, {both.links[1].id})
    assert applied.target.texts() == [EN[0], "Please examine."]
    assert applied.coverage_errors() == []
    assert [lk.id for lk in applied.links] == [lk.id for lk in both.links]


def test_a_revision_of_an_omission_adds_a_target_paragraph():
    al = Alignment(_doc(RU, "ru"), _doc(EN[:1], "en"), (Link((0,), (0,)), Link((1,), ())))
    applied = revised_alignment(set_revision(al, 1, "We request your examination."))
    assert applied.target.texts() == [EN[0], "We request your examination."]
    assert applied.links[1].target == (1,)
    assert applied.coverage_errors() == []


def _weaponry_check(alignment: Alignment, glossary: object) -> Alignment:
    """A stand-in term check: flags links whose target lacks the word 'weaponry'."""
    links = []
    for link in alignment.links:
        ok = "weaponry" in alignment.target_text(link) or 0 not in link.source
        flags = () if ok else (Flag("missing", "weaponry", "'weaponry' not found"),)
        links.append(replace(link, flags=flags))
    return alignment.with_links(links)


def test_term_effect_reports_a_finding_the_revision_introduces(alignment):
    revised = set_revision(alignment, 0, EN[0].replace("weaponry", "weapons"))
    effect = revision_term_effect(revised, None, 0, check=_weaponry_check)
    assert [f.term for f in effect.introduced] == ["weaponry"]
    assert effect.fixed == () and not effect.improves


def test_term_effect_reports_a_finding_the_revision_fixes(alignment):
    weak = replace(alignment, target=_doc([EN[0].replace("weaponry", "arms"), EN[1]], "en"))
    fixed = set_revision(weak, 0, EN[0])
    effect = revision_term_effect(fixed, None, 0, check=_weaponry_check)
    assert [f.kind for f in effect.fixed] == ["missing"] and effect.improves
