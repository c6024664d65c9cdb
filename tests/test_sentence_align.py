# ruff: noqa: E501  (the test paragraphs are running text, one line each)
"""Sentence links inside paragraph links: every bead type, never across a paragraph link,
and an edit re-aligns only the links it touched."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from aligner.core import edits
from aligner.core.align import align_documents
from aligner.core.align.editorial import page_break_joins
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.sentences import align_sentences, realign_sentences, sentence_beads
from aligner.io.texts import load_document, parse_document_text

TELEGRAM = Path(__file__).resolve().parents[1] / "texts" / "kuznetsov-zorin-1962-10-30"

RU = """\
Президент Эрдоган прибыл в Берлин 29 сентября. Он встретился с канцлером Меркель за завтраком.

Переговоры шли три часа. Главам стран так и не удалось найти взаимопонимания по целому ряду вопросов, в том числе по правам человека, свободе печати, положению журналистов в тюрьмах и вступлению Турции в Европейский союз. Затем Эрдоган направился в Кельн.

В Кельне он открыл огромную новую мечеть. Там живёт самая большая турецкая диаспора за пределами Турции, более 100 тысяч человек. Полиция не подпустила толпу в 25 тысяч человек к мечети.
"""
EN = """\
President Erdogan arrived in Berlin on 29 September. He met Chancellor Merkel for breakfast.

The talks went on for three hours. Erdogan then headed for Cologne.

In Cologne he opened a giant new mosque. The city is home to the largest Turkish population outside Turkey. More than 100,000 people live there. Police kept a crowd of 25,000 away from the mosque.
"""


def _aligned(ru: str = RU, en: str = EN) -> Alignment:
    """The sentence level inside the paragraph links 0-0, 1-1, 2-2 (and any extra one-sided)."""
    source = parse_document_text(ru, language="ru", sentences="auto")
    target = parse_document_text(en, language="en", sentences="auto")
    n, m = len(source.segments), len(target.segments)
    links = [Link((k,), (k,)) for k in range(min(n, m))]
    links += [Link((k,), ()) for k in range(m, n)] + [Link((), (k,)) for k in range(n, m)]
    return align_sentences(Alignment(source, target, tuple(links)), refine=False)


def test_each_bead_type_inside_its_paragraph_link() -> None:
    alignment = _aligned()
    beads = {(s.source, s.target) for lk in alignment.links for s in lk.sentences}
    assert ((0,), (0,)) in beads and ((1,), (1,)) in beads  # 1-1
    assert ((3,), ()) in beads  # 1-0: "Главам стран так и не удалось" is left out
    assert ((6,), (5, 6)) in beads  # 1-2: one Russian sentence, two English ones
    assert ((7,), (7,)) in beads
    assert len(beads) == 8
    for lk in alignment.links:
        for s in lk.sentences:
            assert s.evidence.reasons, "every sentence link says why"
    one_sided = next(s for lk in alignment.links for s in lk.sentences if not s.target)
    assert one_sided.evidence.describe().startswith("no counterpart found")


def test_two_russian_sentences_rendered_as_one_make_a_2_1_link() -> None:
    ru = "Он пришёл в 5 часов. Он ушёл в 7 часов.\n\nКонец.\n"
    en = "He came at 5 o'clock and left at 7 o'clock.\n\nThe end.\n"
    alignment = _aligned(ru, en)
    assert alignment.links[0].sentences[0].bead == "2-1"


def test_a_paragraph_without_counterpart_has_one_sided_sentence_links() -> None:
    ru = RU + (
        "\nЭтот абзац добавлен редакцией русского издания и в английском тексте отсутствует "
        "полностью, вместе со всеми приведёнными в нём подробностями. В переводе его нет, "
        "и переводчик об этом ничего не сообщает.\n"
    )
    alignment = _aligned(ru, EN)
    last = alignment.links[-1]
    assert last.target == ()
    assert [s.bead for s in last.sentences] == ["1-0", "1-0"]
    alignment = _aligned(EN.replace("Erdogan", "Эрдоган"), ru.replace("Эрдоган", "Erdogan"))
    assert [s.bead for s in alignment.links[-1].sentences] == ["0-1", "0-1"]


def test_sentence_links_never_cross_their_paragraph_link() -> None:
    alignment = _aligned()
    assert alignment.sentence_errors() == []
    for lk in alignment.links:
        src = {alignment.source.sentence_paragraph(g) for s in lk.sentences for g in s.source}
        tgt = {alignment.target.sentence_paragraph(g) for s in lk.sentences for g in s.target}
        assert src <= set(lk.source) and tgt <= set(lk.target)


def test_an_edit_realigns_only_the_links_it_touched() -> None:
    alignment = _aligned()
    first, second, third = alignment.links
    merged = edits.merge_with_next(alignment, first.id)
    assert merged.sentence_errors()  # the merged link's sentence links are stale
    realigned = realign_sentences(merged, [first.id])
    assert realigned.sentence_errors() == []
    assert realigned.links[-1] is merged.links[-1]  # untouched: the very same object
    new_first = realigned.links[0]
    assert [s.source for s in new_first.sentences][:2] == [(0,), (1,)]
    # Undo is the old value: its sentence links come back with it.
    assert alignment.links[0].sentences == first.sentences


def test_the_page_break_split_sentence_links_across_the_break() -> None:
    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    alignment = align_sentences(align_documents(ru, en))
    split = next(lk for lk in alignment.links if lk.target == (7, 8))
    across = [s for s in split.sentences if len(s.target) == 2]
    assert len(across) == 1
    (sl,) = across
    assert [en.sentence_paragraph(g) for g in sl.target] == [7, 8]
    assert en.sentence_text(sl.target[0]).endswith("inspections and of")
    assert en.sentence_text(sl.target[1]).startswith("guarantees for Cuba")
    # Every English sentence of the body is in a sentence link with a Russian one.
    linked = {g for lk in alignment.links for s in lk.sentences if s.source for g in s.target}
    assert linked == set(range(en.sentence_count))
    assert Counter(s.bead for lk in alignment.links for s in lk.sentences) == {"1-1": 45, "1-2": 1}


def test_sentence_beads_number_sentences_globally_in_document_order() -> None:
    alignment = _aligned()
    beads = sentence_beads(alignment)
    assert [g for src, _ in beads for g in src] == list(range(alignment.source.sentence_count))
    assert [g for _, tgt in beads for g in tgt] == list(range(alignment.target.sentence_count))
    paragraph_only = replace(
        alignment, links=tuple(replace(lk, sentences=()) for lk in alignment.links)
    )
    assert sentence_beads(paragraph_only)[0] == ((0, 1), (0, 1))


def test_the_sentence_level_measures_its_length_model_on_sentences_and_keeps_it() -> None:
    # Paragraph lengths carry every sentence a side dropped inside them, so the
    # paragraph model is wider than sentences need; the sentence level measures its own
    # and records it, and a later re-alignment (after an edit) reads it back.
    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    alignment = align_sentences(align_documents(ru, en))
    paragraphs = alignment.settings["length_model"]
    sentences = alignment.settings["sentence_length_model"]
    assert 0 < sentences["variance"] < paragraphs["variance"]
    assert abs(sentences["ratio"] - paragraphs["ratio"]) < 0.1
    again = realign_sentences(alignment, [lk.id for lk in alignment.links])
    assert [[s.bead for s in lk.sentences] for lk in again.links] == [
        [s.bead for s in lk.sentences] for lk in alignment.links
    ]
    assert again.settings["sentence_length_model"] == sentences


def test_links_the_sentence_level_makes_pass_the_models_checks() -> None:
    # The sentence level builds its links without re-running the model's checks (they
    # hold by construction); made again through the checks they are the same links.
    source = parse_document_text(RU, language="ru", sentences="auto")
    target = parse_document_text(EN, language="en", sentences="auto")
    alignment = align_sentences(align_documents(source, target))
    assert sum(len(lk.sentences) for lk in alignment.links) >= 7
    for link in alignment.links:
        assert replace(link) == link
        for sentence_link in link.sentences:
            assert replace(sentence_link) == sentence_link


def test_passages_left_as_they_are_do_not_measure_the_length_models() -> None:
    # Manuals and archival editions keep command lines, file names and registry stamps
    # as they are on both sides; such copies say nothing about how long a rendering
    # is. Three after every paragraph of the telegram leave both length models (the
    # paragraphs' and the sentences') as the telegram alone measures them.
    copies = (
        "Permission is granted to make and distribute verbatim copies of document {n} "
        "provided the notice is preserved.",
        "/usr/share/doc/archive/{n}/README.gz",
        "Box {n}, folder {n}: the registry stamp of the archive, as filed.",
    )

    def with_copies(document: Document) -> Document:
        joins = page_break_joins(document.texts())
        segments: list[Segment] = []
        inserted = 0
        for k, segment in enumerate(document.segments):
            segments.append(segment)
            if not joins[k]:  # not between the halves of the page break
                inserted += 1
                segments += [Segment(c.format(n=inserted)) for c in copies]
        return replace(document, segments=tuple(segments))

    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    alone = align_sentences(align_documents(ru, en))
    copied = align_sentences(align_documents(with_copies(ru), with_copies(en)))
    assert len(copied.links) == len(alone.links) + 3 * 23
    for model in ("length_model", "sentence_length_model"):
        assert copied.settings[model] == alone.settings[model]


def test_sentences_of_links_apart_are_never_halves_of_one_sentence() -> None:
    # The links that need no search (a sentence a side: the date line) are left out of
    # the one search over all sentences, so the sentence before them and the one after
    # meet in it. They must not be taken for the halves of a sentence a page break
    # split ("... par exemple" / "et les résultats ..."): that made the search give up
    # and align link by link, without the length model measured on sentences.
    fr = (
        "Passer l'option --log à dpkg active le journal des mises à jour. Cela enregistre "
        "à la fois l'appel de dpkg au moment de chaque installation, par exemple\n\n"
        "2005-12-30 18:10:33 install hello 1.3.18 2.1.1-4\n\n"
        "et les résultats de chaque appel sont notés aussi. Voici ce qu'on lit ensuite.\n"
    )
    en = (
        "Passing the --log option to dpkg turns on the log of upgrades. It logs both the "
        "dpkg invocation at the moment of each installation, for example\n\n"
        "2005-12-30 18:10:33 install hello 1.3.18 2.1.1-4\n\n"
        "and the results of each invocation are logged too. This is what one reads next.\n"
    )
    source = parse_document_text(fr, language="fr", sentences="auto")
    target = parse_document_text(en, language="en", sentences="auto")
    alignment = align_sentences(align_documents(source, target))
    assert [lk.bead for lk in alignment.links] == ["1-1", "1-1", "1-1"]
    assert "sentence_length_model" in alignment.settings
    assert [[s.bead for s in lk.sentences] for lk in alignment.links] == [
        ["1-1", "1-1"], ["1-1"], ["1-1", "1-1"]
    ]



def test_a_long_table_of_contents_does_not_make_the_sentence_model_its_own() -> None:
    # A table of contents is one paragraph link of many short entries, an entry a line
    # (the Debian Reference's has hundreds), rendered here at half the length, as no
    # sentence of the news text around it is. Weighed in full, its 150 entries pulled
    # the sentence model most of the way to their own ratio (0.83 -> 0.55); bounded,
    # it moves less than half of the way.
    entries = range(1, 151)
    ru_toc = "\n".join(f"{k}. Переговоры о вывозе оружия, том {k}" for k in entries)
    en_toc = "\n".join(f"{k}. Talks, volume {k}" for k in entries)
    toc_ratio = len(en_toc) / len(ru_toc)
    ru, en = "\n".join([RU] * 20), "\n".join([EN] * 20)

    def sentence_ratio(ru_text: str, en_text: str) -> float:
        alignment = align_sentences(align_documents(
            parse_document_text(ru_text, language="ru", sentences="auto"),
            parse_document_text(en_text, language="en", sentences="auto"),
        ))  # fmt: skip
        return alignment.settings["sentence_length_model"]["ratio"]

    alone = sentence_ratio(ru, en)
    with_toc = sentence_ratio(f"{ru}\n{ru_toc}\n", f"{en}\n{en_toc}\n")
    assert toc_ratio < 0.6 < alone
    assert abs(with_toc - alone) < abs(toc_ratio - alone) / 2
