"""Comparing three translations row by row, on alignments made by hand.

Translation A's paragraphs stand in for the original here (one original
paragraph per paragraph of A), so the expected rows are known exactly; the
end-to-end tests in test_compare_cli.py run the real aligner on the Russian.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aligner.core.compare import compare_alignments
from aligner.core.compare.terms import map_span
from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.terms import TermHit
from aligner.core.wordiff import word_diff
from aligner.errors import UsageError

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
OMITTED = 10  # paragraph of A left out of B


def _read(name: str) -> Document:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    paragraphs = [p.replace("\n", " ").strip() for p in text.split("\n\n") if p.strip()]
    return Document(tuple(Segment(p) for p in paragraphs), "en", path=name)


def _rendering(side: str) -> str:
    return "source" if side == "source" else "preferred"


def _literal_hits(alignment: Alignment, glossary: Glossary) -> list[TermHit]:
    """A stand-in term matcher: exact, case-insensitive phrases, no inflection."""
    hits = []
    for side in ("source", "target"):
        doc = getattr(alignment, side)
        for entry in glossary:
            forms = entry.source_forms if side == "source" else entry.target_forms
            for i, seg in enumerate(doc.segments):
                for form in forms:
                    for m in re.finditer(re.escape(form), seg.text, re.IGNORECASE):
                        hits.append(TermHit(entry.id, side, i, m.start(), m.end(), m.group(0), 1.0,
                                            form, _rendering(side)))
    return hits


GLOSSARY = Glossary(
    (
        GlossaryEntry("offensive-weaponry", "offensive weaponry", "offensive weaponry"),
        GlossaryEntry("un-presence", "UN presence", "UN presence"),
        GlossaryEntry("security-council", "Security Council", "Security Council"),
        GlossaryEntry("inspection-system", "inspection system", "inspection system"),
    ),
    "en", "en",
)


@pytest.fixture(scope="module")
def comparison():
    a, b, c = (_read(f"translation-{x}.en.txt") for x in "abc")
    n = len(a.segments)
    identity = tuple(Link((i,), (i,)) for i in range(n))
    b_links = tuple(
        Link((i,), ()) if i == OMITTED else Link((i,), (i if i < OMITTED else i - 1,))
        for i in range(n)
    )
    alignments = [Alignment(a, a, identity), Alignment(a, b, b_links), Alignment(a, c, identity)]
    return compare_alignments(alignments, glossary=GLOSSARY, find_hits=_literal_hits)


def test_one_row_per_original_paragraph(comparison):
    assert len(comparison.rows) == len(comparison.original.segments) == 24
    assert comparison.labels == tuple(f"translation-{x}.en.txt" for x in "abc")


def test_the_paragraph_missing_from_b_is_reported(comparison):
    [row] = comparison.missing()
    assert row.source == (OMITTED,)
    assert row.missing_from == (1,) and row.present_in == (0, 2)
    assert row.renderings[0].text.startswith("If the Americans insist, we will consider")


def test_the_rows_c_changed_are_the_most_different(comparison):
    # C changed terms in paragraphs 4, 5, 6, 9, 14 and 20 and nowhere else.
    assert sorted(r.source[0] for r in comparison.most_different(10)) == [4, 5, 6, 9, 14, 20]
    worst = comparison.most_different(1)[0]
    assert worst.source == (6,)  # "UN presence" three times in one paragraph
    sims = [r.similarity for r in comparison.most_different(10)]
    assert sims == sorted(sims)
    fifth = comparison.rows[20]
    assert fifth.renderings[1].similarity == 1.0
    assert 0.9 < fifth.renderings[2].similarity < 1.0


def test_word_diffs_are_against_the_first_translation(comparison):
    fifth = comparison.rows[20].renderings[2]
    changed = [(op.old.strip(), op.new.strip()) for op in fifth.diff if op.tag != "equal"]
    assert changed == [("weaponry", "armaments"), ("weaponry", "armaments")]


def test_the_term_table_shows_each_translations_wording(comparison):
    table = {t.term: t for t in comparison.terms}
    presence = table["un-presence"]
    assert presence.source_count == 3
    a, b, c = presence.cells
    assert [(u.text, u.count) for u in a.uses] == [("UN presence", 3)]
    assert (b.uses, b.not_found, b.missing) == (a.uses, 0, 0)
    assert (c.uses, c.not_found) == ((), 3)
    assert [(u.text, u.count) for u in c.instead] == [("United Nations presence", 3)]
    assert presence.rows == (6,)
    assert presence.differs
    assert not {t.term: t for t in comparison.terms}["security-council"].differs


def test_a_term_in_the_omitted_paragraph_counts_as_missing(comparison):
    inspection = {t.term: t for t in comparison.terms}["inspection-system"]
    a, b, c = inspection.cells
    assert inspection.source_count == 3 and inspection.rows == (10, 11, 12)
    assert (a.missing, b.missing, c.missing) == (0, 1, 0)
    assert [(u.text, u.count) for u in b.uses] == [("inspection system", 2)]
    assert inspection.differs


def test_overall_similarity_to_the_first_translation(comparison):
    a, b, c = comparison.overall_similarity()
    assert a == 1.0 and b == 1.0
    assert 0.98 < c < 1.0


def test_additions_are_listed_with_their_place():
    a = _read("translation-a.en.txt")
    extra = Document((*a.segments[:3], Segment("[Translator's note: see below.]"), *a.segments[3:]))
    links = [Link((i,), (i if i < 3 else i + 1,)) for i in range(len(a.segments))]
    links.insert(3, Link((), (3,)))
    comp = compare_alignments([Alignment(a, a, tuple(Link((i,), (i,)) for i in range(24))),
                               Alignment(a, extra, tuple(links))])
    [addition] = comp.additions
    assert (addition.translation, addition.after_source, addition.target) == (1, 2, (3,))
    assert comp.missing() == []


def test_a_two_to_one_link_makes_a_two_paragraph_row():
    a = _read("translation-a.en.txt")
    joined = Document((*a.segments[:7], Segment(a.segments[7].text + " " + a.segments[8].text),
                       *a.segments[9:]))
    links = [Link((i,), (i,)) for i in range(7)] + [Link((7, 8), (7,))]
    links += [Link((i,), (i - 1,)) for i in range(9, 24)]
    comp = compare_alignments([Alignment(a, a, tuple(Link((i,), (i,)) for i in range(24))),
                               Alignment(a, joined, tuple(links))])
    assert len(comp.rows) == 23
    row = comp.rows[7]
    assert row.source == (7, 8) and row.renderings[0].target == (7, 8)
    assert row.renderings[1].similarity == 1.0


def test_translations_of_different_originals_are_refused():
    a = _read("translation-a.en.txt")
    c = _read("translation-c.en.txt")
    ident = tuple(Link((i,), (i,)) for i in range(24))
    with pytest.raises(UsageError, match="different original"):
        compare_alignments([Alignment(a, a, ident), Alignment(c, a, ident)])


def test_map_span_reads_a_term_through_the_diff():
    old = 'the American formulation "offensive weaponry." It might'
    new = 'the American formulation "offensive armaments." It might'
    start = old.index("offensive")
    assert map_span(word_diff(old, new), start, start + len("offensive weaponry")) == (
        "offensive armaments"
    )


def test_one_rendering_is_counted_under_one_term_in_the_term_table():
    from aligner.core.terms import find_hits

    glossary = Glossary((
        GlossaryEntry("control", "контроль", "control", target_variants=("monitoring",)),
        GlossaryEntry("observation", "наблюдение", "observation",
                      target_variants=("monitoring",)),
    ), "ru", "en")
    original = Document((Segment("Контроль за демонтажем."), Segment("Наблюдение за портами.")),
                        "ru")
    translations = [
        Document((Segment("Monitoring of the dismantling."), Segment("Monitoring of ports.")),
                 "en"),
        Document((Segment("Control of the dismantling."), Segment("Observation of ports.")),
                 "en"),
    ]
    alignments = [Alignment(original, t, (Link((0,), (0,)), Link((1,), (1,))))
                  for t in translations]
    rows = {r.term: r for r in compare_alignments(alignments, glossary=glossary,
                                                  find_hits=find_hits).terms}
    # each "monitoring" renders the term of its own paragraph, once
    assert [(u.text, u.count) for u in rows["control"].cells[0].uses] == [("Monitoring", 1)]
    assert [(u.text, u.count) for u in rows["observation"].cells[0].uses] == [("Monitoring", 1)]
    assert rows["control"].cells[0].not_found == 0
