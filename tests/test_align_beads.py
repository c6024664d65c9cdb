"""Each bead type, on a short Russian cable and its English translation.

The cable was written for these tests in the register of 1962 diplomatic
cables; each paragraph has two or three sentences so that a test can split or
merge paragraphs at sentence boundaries the way translations and printed
copies do. The other aligner tests reuse it.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.core.align import align_documents
from aligner.core.model import Document, Segment

RU: tuple[tuple[str, ...], ...] = (
    ("Сегодня, 2 ноября, мы провели беседу с У Таном в его кабинете.",
     "Он сообщил, что вернулся из Гаваны утром и намерен доложить Совету Безопасности "
     "в понедельник."),
    ("По словам У Тана, Фидель Кастро отказался допустить на Кубу инспекторов ООН.",
     "Кастро заявил, что кубинское правительство не примет никакого контроля на своей территории, "
     "пока США не прекратят блокаду.",
     "У Тан считает, что эту позицию нельзя будет изменить в ближайшие дни."),
    ("Во-первых, мы считаем необходимым добиваться одновременного решения вопросов демонтажа и "
     "гарантий.",
     "Во-вторых, следует настаивать на том, чтобы американцы официально подтвердили обязательство "
     "не вторгаться на Кубу."),
    ("Стивенсон и Макклой в беседе 1 ноября настаивали на проверке демонтажа с воздуха.",
     "Мы ответили, что полеты американских самолетов над Кубой являются нарушением ее "
     "суверенитета."),
    ("Представитель Бразилии сообщил нам, что латиноамериканские страны готовы принять группы "
     "наблюдателей ООН на своей территории.",
     "Он подчеркнул, что такие же группы должны быть размещены и в США."),
    ("Американская печать, в частности «Нью-Йорк таймс», утверждает, что часть ракет уже погружена "
     "на суда.",
     "Эти сообщения пока не подтверждены нашими источниками."),
    ("Зорин встретился с постоянным представителем Великобритании Дином, который интересовался "
     "сроками вывоза бомбардировщиков Ил-28 с Кубы.",
     "Мы ответили, что этот вопрос не входит в договоренность от 28 октября.",
     "Дин заметил, что в Лондоне этим ответом будут недовольны."),
    ("Просим дать указания к 5 ноября.",
     "Без таких указаний мы не сможем продолжать переговоры с американцами в Нью-Йорке."),
)  # fmt: skip

EN: tuple[tuple[str, ...], ...] = (
    ("Today, 2 November, we had a conversation with U Thant in his office.",
     "He informed us that he had returned from Havana in the morning and intends to report to the "
     "Security Council on Monday."),
    ("According to U Thant, Fidel Castro refused to admit UN inspectors to Cuba.",
     "Castro stated that the Cuban government would accept no control on its territory as long as "
     "the USA did not end the blockade.",
     "U Thant believes that this position cannot be changed in the coming days."),
    ("First, we consider it necessary to seek a simultaneous resolution of the issues of "
     "dismantling and guarantees.",
     "Second, we should insist that the Americans officially confirm the obligation not to invade "
     "Cuba."),
    ("Stevenson and McCloy, in a conversation on 1 November, insisted on aerial verification of "
     "the dismantling.",
     "We replied that flights of American aircraft over Cuba are a violation of its sovereignty."),
    ("The representative of Brazil told us that the Latin American countries are ready to accept "
     "groups of UN observers on their territory.",
     "He stressed that the same groups must also be placed in the USA."),
    ("The American press, in particular the \"New York Times\", claims that some of the missiles "
     "have already been loaded onto ships.",
     "These reports have not yet been confirmed by our sources."),
    ("Zorin met the permanent representative of Great Britain, Dean, who asked about the timing of "
     "the removal of the Il-28 bombers from Cuba.",
     "We replied that this question is not part of the agreement of 28 October.",
     "Dean remarked that London would be displeased with this answer."),
    ("We request instructions by 5 November.",
     "Without such instructions we will not be able to continue the negotiations with the "
     "Americans in New York."),
)  # fmt: skip

#: A paragraph the English edition adds (no Russian counterpart).
EN_ADDITION = (
    "The editors were unable to locate the enclosure mentioned in this cable in the files made "
    "available to them; the list of delegations that accompanied it is therefore not reproduced "
    "in this edition, and readers are referred to the collection described in the introduction."
)


def paragraphs(sentences: Sequence[Sequence[str]]) -> list[str]:
    """Each paragraph's sentences joined with spaces."""
    return [" ".join(p) for p in sentences]


def document(texts: Sequence[str], language: str) -> Document:
    """A Document with one segment per text."""
    return Document(tuple(Segment(t) for t in texts), language=language)


def russian() -> Document:
    return document(paragraphs(RU), "ru")


def english() -> Document:
    return document(paragraphs(EN), "en")


# --- each bead type on the cable --------------------------------------------------------


def _sentences_split(sentences: Sequence[Sequence[str]], k: int, parts: int) -> list[str]:
    """Paragraph k split into ``parts`` paragraphs at sentence boundaries (as a printer would)."""
    out = paragraphs(sentences)
    chunk = sentences[k]
    size = -(-len(chunk) // parts)
    pieces = [" ".join(chunk[i : i + size]) for i in range(0, len(chunk), size)]
    assert len(pieces) == parts
    return out[:k] + pieces + out[k + 1 :]


def _merged(texts: Sequence[str], k: int, count: int) -> list[str]:
    """Paragraphs k..k+count-1 merged into one."""
    texts = list(texts)
    return texts[:k] + [" ".join(texts[k : k + count])] + texts[k + count :]


def _links(source: Document, target: Document) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    alignment = align_documents(source, target)
    assert alignment.coverage_errors() == []
    return [(lk.source, lk.target) for lk in alignment.links]


def _diagonal(n: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [((i,), (i,)) for i in range(n)]


def test_a_faithful_translation_aligns_one_to_one() -> None:
    assert _links(russian(), english()) == _diagonal(8)


def test_a_paragraph_split_in_the_translation_is_a_1_2_link() -> None:
    target = document(_sentences_split(EN, 3, 2), "en")
    links = _links(russian(), target)
    assert ((3,), (3, 4)) in links
    assert links == [*_diagonal(3), ((3,), (3, 4)), *[((i,), (i + 1,)) for i in range(4, 8)]]


def test_two_paragraphs_merged_in_the_translation_are_a_2_1_link() -> None:
    target = document(_merged(paragraphs(EN), 4, 2), "en")
    links = _links(russian(), target)
    assert links == [*_diagonal(4), ((4, 5), (4,)), ((6,), (5,)), ((7,), (6,))]


def test_a_paragraph_split_in_three_is_a_1_3_link() -> None:
    target = document(_sentences_split(EN, 6, 3), "en")
    assert ((6,), (6, 7, 8)) in _links(russian(), target)


def test_three_paragraphs_merged_are_a_3_1_link() -> None:
    source = document(_merged(paragraphs(RU), 1, 3), "ru")
    links = _links(source, english())
    assert links == [((0,), (0,)), ((1,), (1, 2, 3)), *[((i - 2,), (i,)) for i in range(4, 8)]]


def test_a_moved_paragraph_boundary_is_a_2_2_link() -> None:
    # The translation ends paragraph 1 one sentence later than the original.
    en = [list(p) for p in EN]
    en[1].append(en[2].pop(0))
    links = _links(russian(), document(paragraphs(en), "en"))
    assert ((1, 2), (1, 2)) in links
    assert links[0] == ((0,), (0,)) and links[-1] == ((7,), (7,))


def test_a_paragraph_left_out_of_the_translation_is_a_1_0_link() -> None:
    target = document([p for i, p in enumerate(paragraphs(EN)) if i != 5], "en")
    links = _links(russian(), target)
    assert links == [*_diagonal(5), ((5,), ()), ((6,), (5,)), ((7,), (6,))]


def test_a_paragraph_the_translation_adds_is_a_0_1_link() -> None:
    en = paragraphs(EN)
    target = document([*en[:6], EN_ADDITION, *en[6:]], "en")
    links = _links(russian(), target)
    assert links == [*_diagonal(6), ((), (6,)), ((6,), (7,)), ((7,), (8,))]


def test_a_short_title_line_only_one_side_has_is_left_unlinked() -> None:
    source = document(["Телеграмма из Нью-Йорка", *paragraphs(RU)], "ru")
    links = _links(source, english())
    assert links == [((0,), ()), *[((i + 1,), (i,)) for i in range(8)]]


def test_a_title_block_only_one_side_has_is_left_unlinked_and_called_a_heading() -> None:
    source = document(["Телеграмма из Нью-Йорка", "Кузнецов, Зорин", *paragraphs(RU)], "ru")
    alignment = align_documents(source, english())
    links = [(lk.source, lk.target) for lk in alignment.links]
    assert links == [((0,), ()), ((1,), ()), *[((i + 2,), (i,)) for i in range(8)]]
    assert alignment.links[0].evidence.heading
    assert alignment.links[0].evidence.reasons[0] == "a heading with no counterpart"


def test_a_short_unpunctuated_line_inside_the_text_is_no_heading() -> None:
    # Only the title block before the first paragraph of text is read as headings.
    from aligner.core.align.cost import front_matter
    from aligner.core.align.features import segment_features

    lines = ["Нос", "Н. В. Гоголь", "Марта 25 числа случилось в Петербурге.", "Глава вторая"]
    assert front_matter([segment_features(t) for t in lines]) == [True, True, False, False]


def test_a_tie_between_readings_is_marked_for_review() -> None:
    # Which of three identical reports the translation dropped cannot be told.
    source = document(["Продолжаем переговоры с американцами."] * 3 + ["Ждем указаний."], "ru")
    target = document(["We are continuing the negotiations with the Americans."] * 2
                      + ["We await instructions."], "en")  # fmt: skip
    alignment = align_documents(source, target)
    *unsure, last = alignment.links
    assert last.source == (3,) and last.target == (2,)
    for link in unsure:
        assert link.confidence < min(link.review_threshold, last.confidence) and link.needs_review
        assert link.evidence.margin is not None and link.evidence.margin < 1.0
        assert any("nearly as good" in r for r in link.evidence.reasons)


def test_the_review_mark_follows_the_threshold() -> None:
    target = document([p for i, p in enumerate(paragraphs(EN)) if i != 5], "en")
    alignment = align_documents(russian(), target)
    for link in alignment.links:
        assert link.needs_review == (link.confidence < link.review_threshold)
    strict = align_documents(russian(), target, review_threshold=1.0)
    assert all(lk.needs_review and lk.review_threshold == 1.0 for lk in strict.links)
    lenient = align_documents(russian(), target, review_threshold=0.0)
    assert not any(lk.needs_review for lk in lenient.links)
