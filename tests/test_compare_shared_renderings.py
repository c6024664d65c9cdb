"""``compare`` says which renderings serve several terms, and which entry a wording belongs to.

Target -> source consistency across the translations: one English rendering
used for several Russian terms ("monitoring" for контроль and наблюдение). And
one rendering belongs to one term: when two entries could claim a wording, the
more specific wins and the report says so once. The sentences were written for
these tests.
"""

from __future__ import annotations

import json

import pytest

from aligner.core.compare import compare_alignments
from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.io.compare_report import render

GLOSSARY = Glossary((
    GlossaryEntry("control", "контроль", "control", target_variants=("monitoring",)),
    GlossaryEntry("observation", "наблюдение", "observation", target_variants=("monitoring",)),
    GlossaryEntry("security-guarantees", "гарантии безопасности", "security guarantees",
                  target_variants=("guarantees of security",)),
    GlossaryEntry("cuba-security-guarantees", "гарантии безопасности Кубы",
                  "guarantees of Cuba's security",
                  target_variants=("guarantees of the security of Cuba",)),
), "ru", "en")

ORIGINAL = ("Контроль за демонтажем начнётся завтра.",
            "Наблюдение за портами продолжается.",
            "Гарантии безопасности Кубы обсуждались долго.",
            "Гарантии безопасности Кубы остаются главным вопросом.")
T1 = ("Monitoring of the dismantling starts tomorrow.",
      "Monitoring of the ports continues.",
      "Guarantees of the security of Cuba were discussed at length.",
      "Guarantees of the security of Cuba remain the main question.")
T2 = ("Control of the dismantling starts tomorrow.",
      "Monitoring of the ports goes on.",
      "Guarantees of the security of Cuba were discussed for a long time.",
      "Security guarantees for Cuba remain the main question.")


@pytest.fixture(scope="module")
def comparison():
    original = Document(tuple(Segment(t) for t in ORIGINAL), "ru", path="original.ru.txt")
    alignments = []
    for name, texts in (("t1.en.txt", T1), ("t2.en.txt", T2)):
        doc = Document(tuple(Segment(t) for t in texts), "en", path=name)
        alignments.append(Alignment(original, doc, [Link((i,), (i,)) for i in range(4)]))
    return compare_alignments(alignments, glossary=GLOSSARY)


def test_a_rendering_of_two_terms_across_the_translations_is_listed(comparison):
    (use,) = comparison.shared_uses
    assert use.rendering.casefold() == "monitoring"
    # T1 uses it for both terms, T2 for observation only: counted across both
    assert dict(zip(use.terms, use.counts, strict=True)) == {
        "observation": (1, 1), "control": (1, 0)}
    assert use.sources == ("наблюдение", "контроль")


def test_a_wording_two_entries_claim_goes_to_the_more_specific_once(comparison):
    (note,) = comparison.claims
    assert (note.owner, note.others) == ("cuba-security-guarantees", ("security-guarantees",))
    # the original's wording twice, the translations' in T1 twice and in T2 once
    assert note.wordings == (("Гарантии безопасности Кубы", 2, (0, 0)),
                             ("Guarantees of the security of Cuba", 0, (2, 1)))
    # the more general entry does not count it again in the term table
    rows = {r.term: r for r in comparison.terms}
    assert rows["cuba-security-guarantees"].source_count == 2
    assert "security-guarantees" not in rows or rows["security-guarantees"].source_count == 0


def test_the_text_report_says_both_once(comparison):
    text = render(comparison, "table")
    assert text.count("Renderings used for several terms:") == 1
    (line,) = [ln for ln in text.splitlines() if "renders 2 terms" in ln]
    assert "\u201cнаблюдение\u201d (T1 \u00d71, T2 \u00d71)" in line
    assert "\u201cконтроль\u201d (T1 \u00d71)" in line
    assert text.count("One rendering, one term:") == 1
    (claim,) = [ln for ln in text.splitlines() if "the more specific entry" in ln]
    assert claim.strip() == (
        "\u201cгарантии безопасности Кубы\u201d and \u201cгарантии безопасности\u201d both match "
        "\u201cГарантии безопасности Кубы\u201d (original \u00d72); \u201cGuarantees of the "
        "security of Cuba\u201d (T1 \u00d72, T2 \u00d71): counted under \u201cгарантии "
        "безопасности Кубы\u201d, the more specific entry")


def test_the_html_and_json_reports_carry_the_same_notes(comparison):
    html = render(comparison, "html")
    assert html.count("<h3>Renderings used for several terms</h3>") == 1
    assert html.count("the more specific entry") == 1
    data = json.loads(render(comparison, "json"))
    assert [u["terms"] for u in data["shared_renderings"]] == [["observation", "control"]]
    assert [(c["term"], c["also"], [w["original"] for w in c["wordings"]])
            for c in data["claims"]] == [("cuba-security-guarantees", ["security-guarantees"],
                                          [2, 0])]


def test_no_note_when_every_rendering_has_one_term():
    original = Document((Segment("Контроль за демонтажем."),), "ru")
    doc = Document((Segment("Control of the dismantling."),), "en")
    comp = compare_alignments([Alignment(original, doc, [Link((0,), (0,))])], glossary=GLOSSARY)
    assert comp.shared_uses == () and comp.claims == ()
    assert "Renderings used for several terms" not in render(comp, "table")
