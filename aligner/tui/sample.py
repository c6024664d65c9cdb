"""Fixed alignments for demonstrations, tests and the benchmark (no Textual here).

:func:`telegram_excerpt` is a hand-made alignment of nine paragraphs of the
Kuznetsov-Zorin telegram of 30 October 1962: the English is Henriksen's
published translation; the Russian is a RECONSTRUCTION written for this
example (the archival original is not reproduced here) and is labelled so.
:func:`generated_alignment` builds a large alignment of any size.
"""

from __future__ import annotations

import random
from typing import Any

from aligner.core.model import Alignment, Document, Evidence, Flag, Link, Segment

EN_PARAGRAPHS: tuple[str, ...] = (
    "We are communicating several thoughts on the situation that has arisen around the Cuban "
    "issue, and on our possible position and tactics in the course of future negotiations with "
    "U Thant and the Americans.",
    "With regard to the composition of the inspection apparatus, there are now several variants "
    "being advanced in UN circles.",
    "According to facts released by the UN secretariat, U Thant wants to create a monitoring "
    "apparatus composed of representatives from a selection of neutral countries belonging to "
    "the UN--Sweden, Ethiopia, the United Arab Republic, Mexico, Brazil, [and] Yugoslavia, and "
    "also Switzerland. There is also an idea about delegating the monitoring process to eight "
    "neutral countries represented in the Committee on Disarmament (India, Burma, the United "
    "Arab Republic, Nigeria, Ethiopia, Mexico, Brazil, Sweden), possibly, with the goal of "
    "setting a precedent for resolving questions involving inspections on full and general "
    "disarmament. The Americans, U Thant has informed us, are putting forth a variant in which "
    "the monitoring groups consist of representatives from the USA, the USSR, and Cuba.",
    "In our opinion, it would be possible to agree to the presence in Havana (or in several "
    "Cuban commercial ports) of small groups of UN representatives (of the same composition as "
    "the groups verifying military-site dismantling) with the right to carry out selective "
    "inspections on the vessels of various countries arriving in Cuba, with the purpose of "
    'determining whether or not they are carrying so-called "offensive" sorts of armaments. '
    "[One could] make this conditional upon the requirement that the same groups of UN "
    "representatives be placed in the USA and the Latin-American countries neighboring Cuba "
    "with the right to make periodic inspections of certain regions of these countries with "
    "the purpose of determining whether preparations are being made for the invasion of Cuba, "
    "either by these countries themselves or by Cuban emigres.",
    "All the issues laid out here will be the subject of discussions immediately after U "
    "Thant's return from Cuba, i.e., after 1 November.",
    "We request your examination.",
    "30.X.62 V. KUZNETSOV",
    "V. ZORIN",
    "[Source: Archive of Foreign Policy, Russian Federation (AVP RF), Moscow; copy obtained by "
    "NHK (Japanese Television), provided to CWIHP, and on file at National Security Archive, "
    "Washington, D.C.; translation by John Henriksen, Harvard University.]",
)

RU_PARAGRAPHS: tuple[str, ...] = (
    "Сообщаем некоторые соображения по обстановке, сложившейся вокруг кубинского вопроса, и о "
    "нашей возможной позиции и тактике в ходе дальнейших переговоров с У Таном и американцами.",
    "Что касается состава инспекционного аппарата, то в кругах ООН выдвигается сейчас "
    "несколько вариантов.",
    "По данным секретариата ООН, У Тан хочет создать контрольный аппарат из представителей ряда "
    "нейтральных стран — членов ООН: Швеции, Эфиопии, ОАР, Мексики, Бразилии, Югославии, а "
    "также Швейцарии. Есть также мысль поручить контроль восьми нейтральным странам, "
    "представленным в Комитете по разоружению (Индия, Бирма, ОАР, Нигерия, Эфиопия, Мексика, "
    "Бразилия, Швеция), возможно, с целью создать прецедент для решения вопросов инспекции при "
    "всеобщем и полном разоружении.",
    "Американцы, как сообщил нам У Тан, выдвигают вариант, при котором контрольные группы "
    "состояли бы из представителей США, СССР и Кубы.",
    "По нашему мнению, можно было бы согласиться на пребывание в Гаване (или в нескольких "
    "кубинских торговых портах) небольших групп представителей ООН (того же состава, что и "
    "группы, проверяющие демонтаж военных объектов) с правом выборочного досмотра судов "
    "различных стран, прибывающих на Кубу, с целью установить, не везут ли они так называемые "
    "«наступательные» виды вооружений. Можно было бы обусловить это требованием, чтобы такие же "
    "группы представителей ООН были размещены в США и соседних с Кубой латиноамериканских "
    "странах с правом периодического осмотра определённых районов этих стран с целью "
    "установить, не ведётся ли подготовка к вторжению на Кубу самими этими странами или "
    "кубинскими эмигрантами.",
    "Все изложенные здесь вопросы будут предметом обсуждения сразу же после возвращения У Тана "
    "с Кубы, т. е. после 1 ноября.",
    "Просим рассмотреть.",
    "30.X.62 В. КУЗНЕЦОВ",
    "В. ЗОРИН",
)

EN_METADATA: dict[str, Any] = {
    "title": "Telegram from Kuznetsov and Zorin to the USSR Foreign Ministry (excerpt)",
    "date": "1962-10-30",
    "translator": "John Henriksen",
}
RU_METADATA: dict[str, Any] = {
    "title": "Телеграмма Кузнецова и Зорина в МИД СССР (фрагмент)",
    "date": "1962-10-30",
    "note": "Reconstructed Russian wording for demonstration; not the archival text.",
}


def _document(paragraphs: tuple[str, ...], language: str, **kwargs: Any) -> Document:
    segments, offset = [], 0
    for text in paragraphs:
        segments.append(Segment(text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 2
    return Document(segments=tuple(segments), language=language, **kwargs)


def telegram_excerpt() -> Alignment:
    """Nine Russian paragraphs (reconstructed) against nine English ones, hand-aligned."""
    source = _document(RU_PARAGRAPHS, "ru", provenance="reconstructed", metadata=RU_METADATA)
    target = _document(EN_PARAGRAPHS, "en", provenance="archival", metadata=EN_METADATA)
    low = Evidence(length_ratio=1.74, expected_ratio=1.1, length_z=2.6, margin=0.6)
    links = (
        Link((0,), (0,), confidence=0.93, evidence=Evidence(length_ratio=1.05, length_z=0.3)),
        Link((1,), (1,), confidence=0.88, evidence=Evidence(length_ratio=1.08, length_z=0.5)),
        Link((2, 3), (2,), confidence=0.46, evidence=low, needs_review=True, flags=(
            Flag("variant", "uar", "ОАР is rendered by an accepted variant here."),
        )),
        Link((4,), (3,), confidence=0.81, evidence=Evidence(length_ratio=0.97, length_z=-0.4)),
        Link((5,), (4,), confidence=0.9),
        Link((6,), (5,), confidence=0.97, status="confirmed"),
        Link((7, 8), (6, 7), confidence=0.72),
        Link((), (8,), confidence=0.3, evidence=Evidence(unmatched=True),
             needs_review=True),
    )
    return Alignment(source=source, target=target, links=links, settings={"sample": True})


def sample_glossary() -> Any:
    """A five-entry glossary for the excerpt (imported lazily: the glossary is optional)."""
    from aligner.core.glossary import Glossary, GlossaryEntry

    return Glossary(
        entries=(
            GlossaryEntry("u-thant", "У Тан", "U Thant"),
            GlossaryEntry("uar", "ОАР", "United Arab Republic", target_variants=("UAR",)),
            GlossaryEntry(
                "offensive-weapons", "наступательные виды вооружений", "offensive weapons",
                target_variants=("offensive sorts of armaments",), flagged=("offensive arms",),
            ),
            GlossaryEntry("inspection", "инспекция", "inspection", source_variants=("досмотр",)),
            GlossaryEntry("un", "ООН", "UN", target_variants=("United Nations",)),
        ),
        source_language="ru",
        target_language="en",
        name="telegram excerpt",
    )


def generated_alignment(n_links: int, seed: int = 1962) -> Alignment:
    """A large 1:1 alignment of telegram sentences, for measuring the UI at scale."""
    rng = random.Random(seed)
    ru = [RU_PARAGRAPHS[rng.randrange(len(RU_PARAGRAPHS))] for _ in range(n_links)]
    en = [EN_PARAGRAPHS[rng.randrange(len(EN_PARAGRAPHS))] for _ in range(n_links)]
    source = _document(tuple(f"{i + 1}. {t}" for i, t in enumerate(ru)), "ru")
    target = _document(tuple(f"{i + 1}. {t}" for i, t in enumerate(en)), "en")
    links = tuple(
        Link((i,), (i,), confidence=round(rng.random(), 3), id=i) for i in range(n_links)
    )
    return Alignment(source=source, target=target, links=links)
