"""Key terms on the bundled telegram: every occurrence pinned, and the flags a reviewer sees.

The alignment is built from the paragraph correspondence of the two texts (the
Russian has one paragraph for each English one, except one Russian paragraph
for the English pair split by a page break), so the test does not depend on
the aligner's choices.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from aligner.core.model import Alignment, Link, Segment
from aligner.core.terms import apply_checks, find_hits, hits_by_segment
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.glossary import load_glossary


def telegram_alignment() -> Alignment:
    ru, en = load_bundled()
    links = [Link((i,), (i,)) for i in range(7)] + [Link((7,), (7, 8))]
    links += [Link((i,), (i + 1,)) for i in range(8, len(ru.segments))]
    return Alignment(ru, en, links)


@pytest.fixture(scope="module")
def telegram() -> Alignment:
    return telegram_alignment()


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(bundled_glossary_path())


def test_bundled_glossary_has_the_terms_the_telegram_is_argued_over(glossary):
    assert len(glossary) >= 20
    weaponry = glossary.entry("offensive-weaponry")
    assert weaponry.source == "наступательное оружие"
    assert {"weaponry considered offensive", "offensive armaments",
            "offensive sorts of armaments"} <= set(weaponry.target_variants)
    assert glossary.entry("un-presence").target == "UN presence"
    assert (glossary.source_language, glossary.target_language) == ("ru", "en")


# (side, segment, start, end, text) of every occurrence in the telegram
UN_PRESENCE = [
    ("source", 6, 155, 170, "присутствии ООН"),
    ("source", 6, 356, 371, "присутствие ООН"),
    ("source", 6, 424, 439, "присутствии ООН"),
    ("target", 6, 180, 191, "UN presence"),
    ("target", 6, 385, 396, "UN presence"),
    ("target", 6, 458, 469, "UN presence"),
]
OFFENSIVE_WEAPONRY = [
    ("source", 9, 215, 250, "американцы называют наступательными"),
    ("source", 16, 351, 374, "наступательного» оружия"),
    ("source", 19, 153, 200, "оружие, считающееся американцами наступательным"),
    ("source", 19, 357, 378, "наступательное оружие"),
    ("target", 10, 206, 230, "Americans call offensive"),
    ("target", 17, 405, 434, 'offensive" sorts of armaments'),
    ("target", 20, 153, 182, "weaponry considered offensive"),
    ("target", 20, 407, 425, "offensive weaponry"),
]


@pytest.mark.parametrize(("term", "expected"), [("un-presence", UN_PRESENCE),
                                                 ("offensive-weaponry", OFFENSIVE_WEAPONRY)])
def test_every_occurrence_is_found_with_its_span(telegram, glossary, term, expected):
    hits = [h for h in find_hits(telegram, glossary) if h.term == term]
    assert [(h.side, h.segment, h.start, h.end, h.text) for h in hits] == expected
    for h in hits:
        doc = telegram.source if h.side == "source" else telegram.target
        assert doc.segments[h.segment].text[h.start:h.end] == h.text


def test_the_fifth_point_renderings_are_classified(telegram, glossary):
    hits = {h.text: h for h in find_hits(telegram, glossary) if h.term == "offensive-weaponry"}
    assert hits["offensive weaponry"].rendering == "preferred"
    assert hits["weaponry considered offensive"].rendering == "variant"
    assert hits['offensive" sorts of armaments'].form == "offensive sorts of armaments"


def test_presence_without_un_and_offensive_alone_are_not_hits(telegram, glossary):
    # "the presence in Havana ... of small groups of UN representatives" (segment 17)
    hits = hits_by_segment(telegram, glossary)
    assert not [h for h in hits.get(("target", 17), ()) if h.term == "un-presence"]
    assert not [h for h in hits.get(("source", 16), ()) if h.term == "un-presence"]


# per link, most severe first: the disputed rendering is the only finding that asks for review
EXPECTED_LINK_FLAGS = [
    (4, "variant", "counterrevolutionary-emigres"),
    (5, "variant", "observation"),
    (6, "variant", "cuban-security-guarantees"),
    (6, "variant", "military-sites"),
    (6, "variant", "latin-american-countries"),
    (7, "variant", "observation"),
    (9, "variant", "offensive-weaponry"),
    (10, "variant", "cuban-security-guarantees"),
    (11, "variant", "control"),
    (13, "flagged", "general-and-complete-disarmament"),
    (13, "variant", "control"),
    (13, "variant", "observation"),
    (14, "variant", "observation"),
    (16, "variant", "offensive-weaponry"),
    (16, "variant", "verification"),
    (16, "variant", "counterrevolutionary-emigres"),
    (16, "variant", "military-sites"),
    (16, "variant", "latin-american-countries"),
]
# "monitoring" renders контроль or наблюдение, never both at once: each occurrence is
# counted under the term whose source occurrence it lines up with
EXPECTED_RENDERINGS = {
    "offensive-weaponry": {"offensive weaponry": 1, "weaponry considered offensive": 1,
                           "offensive sorts of armaments": 1, "the Americans call offensive": 1},
    "cuban-security-guarantees": {"guarantees of Cuban security": 4, "guarantees for Cuba": 4,
                                  "guarantees of security": 2},
    "control": {"monitoring": 3, "control": 1},
    "verification": {"verification": 1, "verify": 1},
    "observation": {"monitoring": 4, "observation": 2, "supervision": 1},
    "counterrevolutionary-emigres": {"counterrevolutionary Cuban emigres": 1, "Cuban emigres": 1},
    "military-sites": {"military sites": 3, "war-site": 1, "military-site": 1},
    "latin-american-countries": {"Latin-American countries": 3, "Latin American countries": 1},
}


def test_the_telegram_flags(telegram, glossary):
    checked = apply_checks(telegram, glossary)
    flags = [(i, f.kind, f.term) for i, lk in enumerate(checked.links) for f in lk.flags]
    assert flags == EXPECTED_LINK_FLAGS
    assert all(f.kind == "inconsistent" for f in checked.document_flags)
    doc = {f.term: dict(f.detail["renderings"]) for f in checked.document_flags
           if f.detail["direction"] == "source->target"}
    assert doc == EXPECTED_RENDERINGS


def test_one_rendering_of_two_terms_is_reported_once_target_to_source(telegram, glossary):
    checked = apply_checks(telegram, glossary)
    backward = [f for f in checked.document_flags if f.detail["direction"] == "target->source"]
    assert [(f.detail["rendering"], dict(f.detail["terms"])) for f in backward] == [
        ("monitoring", {"observation": 4, "control": 3})]
    assert "\u201cmonitoring\u201d renders 2 terms" in backward[0].message


def test_a_flagged_rendering_says_so(telegram, glossary):
    checked = apply_checks(telegram, glossary)
    (flag,) = [f for f in checked.links[13].flags if f.term == "general-and-complete-disarmament"]
    assert flag.kind == "flagged"
    assert flag.detail["flagged"] is True
    assert "full and general disarmament" in flag.message
    # the finding that matters comes before the informational ones of its link
    assert checked.links[13].flags[0] is flag


def test_accepted_variants_alone_do_not_mark_a_link_for_review(telegram, glossary):
    from aligner.core.review import needs_review

    checked = apply_checks(telegram, glossary)
    assert [i for i, lk in enumerate(checked.links) if needs_review(lk)] == [13]
    assert sum(1 for lk in checked.links if lk.flags) == 10  # all ten used to be "to review"


def _with_target_text(alignment: Alignment, index: int, text: str) -> Alignment:
    segments = list(alignment.target.segments)
    segments[index] = Segment(text, segments[index].start, segments[index].end)
    return replace(alignment, target=replace(alignment.target, segments=tuple(segments)))


def test_missing_renderings_are_flagged_in_both_directions(telegram, glossary):
    fifth = telegram.target.segments[20].text
    edited = fifth.replace('"weaponry considered offensive by the Americans."', '"that weaponry."')
    edited = edited.replace('formulation "offensive weaponry."', 'formulation.')
    edited += " The Red Cross was not consulted."
    altered = _with_target_text(telegram, 20, edited)
    flags = {(f.kind, f.term, f.detail.get("direction"))
             for f in apply_checks(altered, glossary).links[19].flags}
    assert ("missing", "offensive-weaponry", "source->target") in flags
    # the other direction: a rendering whose source term is not in the link
    assert ("missing", "red-cross", "target->source") in flags


def test_checks_are_recomputed_after_links_change(telegram, glossary):
    checked = apply_checks(telegram, glossary)
    # shift the fifth point's translation onto the previous link: its terms go missing there
    links = list(checked.links)
    links[18] = replace(links[18], target=(19, 20))
    for i in (19, 20, 21):
        links[i] = replace(links[i], target=(i + 2,))
    links[22] = replace(links[22], target=())
    shifted = checked.with_links(links)
    assert shifted.coverage_errors() == []
    rechecked = apply_checks(shifted, glossary)
    kinds = {(f.kind, f.term) for f in rechecked.links[19].flags}
    assert ("missing", "offensive-weaponry") in kinds
    assert ("missing", "nuclear-delivery-means") in kinds
    assert ("missing", "offensive-weaponry", "target->source") in {
        (f.kind, f.term, f.detail.get("direction")) for f in rechecked.links[18].flags}
    # nothing stale survives: checking twice gives the same flags
    assert apply_checks(rechecked, glossary) == rechecked


def test_flags_are_saved_with_the_alignment(telegram, glossary, tmp_path):
    from aligner.io.store import load_alignment, save_alignment

    checked = apply_checks(telegram, glossary)
    save_alignment(checked, tmp_path / "telegram.json")
    loaded = load_alignment(tmp_path / "telegram.json", check_texts=False)
    assert [lk.flags for lk in loaded.links] == [lk.flags for lk in checked.links]
    assert loaded.document_flags == checked.document_flags
