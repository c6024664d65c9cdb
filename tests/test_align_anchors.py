"""Cross-lingual anchors: numbers, dates, ordinals, names, abbreviations, terms, brackets."""

from __future__ import annotations

import pytest

from aligner.core.align import align_documents
from aligner.core.align.anchors import build_anchors
from aligner.core.align.editorial import clean_segment, page_break_joins
from aligner.core.align.features import segment_features
from aligner.core.align.tables import COMMON_ENGLISH
from aligner.core.align.translit import word_key, word_keys
from tests.test_align_beads import EN, document, english, paragraphs, russian


def shared(ru: str, en: str) -> set[str]:
    """Keys a Russian and an English paragraph share, as the aligner sees them."""
    anchors = build_anchors([segment_features(ru)], [segment_features(en)])
    common = anchors.source[0] & anchors.target[0]
    return {anchors.labels[k] for k in common}


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Хрущев", "Khrushchev"),
        ("Хрущеву", "Khrushchev"),
        ("Кастро", "Castro"),
        ("Кеннеди", "Kennedy"),
        ("Кузнецов", "Kuznetsov"),
        ("НАТО", "NATO"),
        ("коммунистов", "communists"),
    ],
)
def test_transliteration_folds_spelling_conventions(russian: str, english: str) -> None:
    assert word_key(russian)[:5] == word_key(english)[:5]


def test_a_vocabulary_keyed_at_once_gets_each_word_its_own_key() -> None:
    # Document words are keyed together; no word's key may depend on its neighbours
    # (doubled letters, folds such as "sh" + "ch", accents, Greek final sigma, line breaks).
    words = ["Хрущев", "Castro", "ss", "sh", "ch", "tss", "Éléonore", "ΟΔΥΣΣΕΥΣ", "Straße",
             "İzmir", "line\nbreak", "", "x", "ёлка", "Ёжик", "naïve", "Ǆemal"]  # fmt: skip
    assert word_keys(words) == [word_key(w) for w in words]
    assert word_keys(words[::-1]) == [word_key(w) for w in words[::-1]]
    assert word_keys([]) == []


def test_segment_features_do_not_depend_on_what_was_read_before() -> None:
    text = "Хрущев ответил Кеннеди 27 октября 1962 г.: НАТО, ООН."
    first = segment_features(text)
    for other in ("Кеннеди", "Хрущева и Кастро", "27 мая", "НАТО ООН США"):
        segment_features(other)
    assert segment_features(text) == first


def test_dates_match_across_languages_including_roman_numeral_months() -> None:
    keys = shared("послание от 27 октября", "the message of 27 October")
    assert {"n:27", "m:10"} <= keys
    keys = shared("30.X.62 В. КУЗНЕЦОВ", "30.X.62 V. KUZNETSOV")
    assert {"n:30", "m:10", "n:62", "a:kusnekov"} <= keys
    assert "m:10" in shared("Телеграмма от 30.X.62", "Telegram of 30 October 1962")


def test_a_bare_month_word_without_a_number_is_not_a_date() -> None:
    assert not any(k.startswith("m:") for k in segment_features("You may go now.").keys)


def test_ordinal_paragraph_markers_match() -> None:
    assert "o:1" in shared("Во-первых, из бесед с У Таном.", "First. From talks with U Thant.")
    assert "o:2" in shared(
        "Второе. Что касается линии У Тана.", "Second. As far as U Thant's line."
    )
    assert "o:4" in shared("В-четвертых, учитывая желание.", "Fourth. Taking into account.")
    assert "o:2" in shared("II", "II. The boy at Christ's Christmas tree")


def test_names_match_through_transliteration_and_prefix_similarity() -> None:
    keys = shared("беседа с У Таном и Кастро", "a talk with U Thant and Castro")
    assert "w:kastr" in keys
    assert any(k.startswith("p:tan") for k in keys)  # Таном ~ Thant by prefix


def test_abbreviations_and_latin_tokens_inside_russian_match() -> None:
    keys = shared(
        "бюллетень ЮПИ и печать НАТО, решение ООН", "a UPI bulletin, NATO press, UN decision"
    )
    assert {"a:upi", "a:nato", "a:un"} <= keys
    assert "a:upi" in shared("бюллетень агентства UPI", "a UPI press bulletin")


def test_editorial_insertions_and_notes_do_not_count_in_the_length() -> None:
    plain = "Brazil, Yugoslavia, and also Switzerland."
    inserted = "Brazil, [and] Yugoslavia, and also Switzerland."
    noted = plain + " [Translator's note: the original reads 'Helvetia'.]"
    assert segment_features(inserted).length == segment_features(plain).length
    assert segment_features(noted).length == segment_features(plain).length
    cleaned = clean_segment("[One could] make this conditional [ustuplena].", COMMON_ENGLISH)
    assert cleaned.insertions == ("One could",)
    assert cleaned.transliterations == ("ustuplena",)
    assert cleaned.text == "make this conditional ."


def test_a_bracketed_transliteration_anchors_the_russian_word_it_renders() -> None:
    keys = shared("Позиция была уступлена без боя.", "The position was yielded [ustuplena].")
    assert "w:ustup" in keys


def test_page_break_halves_are_recognised() -> None:
    texts = [
        "most importantly the issues of control on the dismantling inspections and of",
        "guarantees for Cuba, and to reach a simultaneous settlement of these issues.",
        "We will propose in the framework of these declarations.",
    ]
    assert page_break_joins(texts) == (True, False, False)
    assert page_break_joins(["A heading", "lower case start of a new paragraph."]) == (False, False)


def test_list_items_and_dialogue_turns_are_not_page_break_halves() -> None:
    # Items of a list end with a comma or "and" and the next opens in lower case, as the
    # second half of a page break does; but it opens with the list's marker.
    bullets = [
        "* bo (Debian 1.3) was Bo Peep, the girl who took care of the sheep in the film,",
        "* hamm (Debian 2.0) was the piggy bank that sat on the shelf in the boy's room,",
        "* slink (Debian 2.1) was the dog with a slinky body that stretched out and back,",
    ]
    assert page_break_joins(bullets) == (False, False, False)
    lettered = [
        "a) aid developers in the construction of package archives that hold the software, and",
        "b) aid users in the installation of packages which reside on a remote archive site.",
    ]
    assert page_break_joins(lettered) == (False, False)
    dialogue = [
        "— Я не знаю, что вам сказать на это, товарищ посол, и не хочу гадать напрасно,",
        "— но я знаю, что ответит Москва, — сказал он и отвернулся к окну.",
    ]
    assert page_break_joins(dialogue) == (False, False)
    # A page break inside an item still joins its halves, and so does one before a
    # lower-case line that only happens to open with a dash of its own.
    split_item = [
        "* Debian GNU/Linux is distributed with keymaps for nearly two dozen keyboards and",
        "with utilities (in the kbd package) to install, view and modify the tables.",
    ]
    assert page_break_joins(split_item) == (True, False)
    assert page_break_joins([split_item[0].lstrip("* "), "— and the tables."]) == (True, False)


def test_a_table_a_path_or_a_prompt_after_an_open_line_is_not_a_page_break_half() -> None:
    # A caption stops without a full stop and the table drawn under it has a lower-case
    # word in its first row; a command's output or a path is not a sentence's half.
    caption = "Tableau 1.1. Liste de paquets de programmes intéressants en mode texte"
    assert page_break_joins([caption, "+------------+ | paquet |popcon|taille| description |"]
                            ) == (False, False)  # fmt: skip
    intro = "Official Debian CD images indeed contain symlinks of the following kind like"
    for line in ("/dists/frozen -> bullseye/", "$ ping -c 1 www.debian.org", "| nice | priorité |"):
        assert page_break_joins([intro, line]) == (False, False)
    # Opening quotes, brackets, an ellipsis or a dash may stand before the lower-case word.
    for half in ("«и вот» сказал он.", "...and then it ended.", "(and the tables) too."):
        assert page_break_joins([intro, half]) == (True, False)


def test_a_remark_in_brackets_after_an_open_line_is_not_a_page_break_half() -> None:
    # Double Commander's help (w3m -dump): a table of examples, then its link back up.
    table = "Примеры простого сравнения Выражение Результат foobar находит foobar"
    for remark in ("(наверх)", "(back to top)", "(номера строк добавлены для наглядности).",
                   "[see the table above]"):
        assert page_break_joins([table, remark]) == (False, False)
    # A half that opens with a remark and goes on past it is still a half.
    assert page_break_joins([table, "(и далее) по списку."]) == (True, False)
    assert page_break_joins([table, "(first) and (second)"]) == (True, False)


def test_a_bulleted_list_ending_in_commas_is_aligned_item_by_item() -> None:
    names = [("bo", "1.3", "Бо Пип"), ("hamm", "2.0", "копилка"), ("slink", "2.1", "собака"),
             ("potato", "2.2", "мистер Картошка"), ("woody", "3.0", "ковбой"),
             ("sarge", "3.1", "сержант"), ("etch", "4.0", "доска для рисования")]  # fmt: skip
    ru = [f"* {n} (Debian {v}) назывался так в честь героя мультфильма: {who}, любимец детей,"
          for n, v, who in names]  # fmt: skip
    en = [f"* {n} (Debian {v}) was named after a character of the film, loved by children,"
          for n, v, _ in names]  # fmt: skip
    alignment = align_documents(document(ru, "ru"), document(en, "en"))
    assert [(lk.source, lk.target) for lk in alignment.links] == [
        ((k,), (k,)) for k in range(len(names))
    ]


def test_numbers_and_names_decide_which_of_like_paragraphs_was_left_out() -> None:
    meetings = [("Кастро", "Castro"), ("Дортикосом", "Dorticos"), ("Роа", "Roa"),
                ("Стивенсоном", "Stevenson"), ("Макклоем", "McCloy"), ("Дином", "Dean"),
                ("Ломейко", "Lomeiko"), ("Мендесом", "Mendes")]  # fmt: skip
    ru = [f"Совещание с {r} состоялось {d + 20} октября в здании миссии."
          for d, (r, _) in enumerate(meetings)]  # fmt: skip
    en = [f"The meeting with {e} took place on {d + 20} October in the mission building."
          for d, (_, e) in enumerate(meetings) if d != 3]  # fmt: skip
    alignment = align_documents(document(ru, "ru"), document(en, "en"))
    links = [(lk.source, lk.target) for lk in alignment.links]
    assert links == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()),
                     ((4,), (3,)), ((5,), (4,)), ((6,), (5,)), ((7,), (6,))]  # fmt: skip


def test_web_and_e_mail_addresses_are_shared_as_they_are_written() -> None:
    keys = shared(
        "Подробности см. на странице переносов (https://www.debian.org/ports/); пишите на "
        "debian-user@lists.debian.org.",
        "For more information see the ports pages at the website (http://www.Debian.org/ports)"
        " or write to Debian-User@lists.debian.org.",
    )
    assert {"u:debian.org/ports", "u:debian-user@lists.debian.org"} <= keys


def test_addresses_decide_which_of_like_paragraphs_was_left_out() -> None:
    # Pages named by short words, which give no word keys: only the addresses tell
    # the paragraphs apart.
    pages = ["ports", "cd", "doc", "bugs", "news", "misc", "blog", "mail"]
    ru = [f"Подробности об этом см. на странице сайта (https://www.debian.org/{p}/)."
          for p in pages]  # fmt: skip
    en = [f"For more information on this, see the page of the website "
          f"(https://www.debian.org/{p}/)." for d, p in enumerate(pages) if d != 3]  # fmt: skip
    alignment = align_documents(document(ru, "ru"), document(en, "en"))
    links = [(lk.source, lk.target) for lk in alignment.links]
    assert links == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), ()),
                     ((4,), (3,)), ((5,), (4,)), ((6,), (5,)), ((7,), (6,))]  # fmt: skip
    assert "shares 1 address (debian.org/ports)" in alignment.links[0].evidence.describe()


def test_glossary_term_pairs_are_anchors_and_show_in_the_evidence() -> None:
    ru = document(["Мы не признаем это оружие наступательным оружием в таком смысле."], "ru")
    en = document(["We do not recognise these arms as offensive weapons in that sense."], "en")
    pairs = [(("наступательное оружие",), ("offensive weapons", "offensive weaponry"))]
    link = align_documents(ru, en, glossary_pairs=pairs).links[0]
    assert link.evidence.shared == (("terms", "наступательное оружие = offensive weapons"),)
    assert "shares 1 glossary term (наступательное оружие = offensive weapons)" in (
        link.evidence.describe()
    )


def test_the_evidence_explains_a_weak_link() -> None:
    en = paragraphs(EN)
    en[7] = ("We request instructions by 7 November on the question of the 42 missiles, together "
             "with a full account of the talks held today and yesterday with the Secretary General "
             "and with the delegations of Brazil, Mexico and Canada in New York.")  # fmt: skip
    link = align_documents(russian(), document(en, "en")).links[-1]
    evidence = link.evidence
    assert link.source == (7,) and link.target == (7,)
    assert evidence.source_only_numbers == ("5",)
    assert evidence.target_only_numbers == ("42", "7")
    assert evidence.length_z is not None and evidence.length_z > 2
    assert "the translation is much longer than expected" in evidence.describe()
    assert "only the translation has 42, 7" in evidence.reasons
    sound = align_documents(russian(), english()).links[-1]
    assert link.confidence < sound.confidence


def test_a_sound_link_shows_what_it_rests_on() -> None:
    link = align_documents(russian(), english()).links[6]
    evidence = link.evidence
    assert link.confidence > 0.8 and not link.needs_review
    assert ("numbers", "28") in evidence.shared
    assert evidence.length_z is not None and abs(evidence.length_z) < 2
    assert evidence.reasons[0].startswith("shares ") and "28" in evidence.reasons[0]
