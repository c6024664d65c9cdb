"""How a text is cut into paragraphs and how each paragraph's text is normalised."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from aligner.io.normalize import compound_words, normalize_paragraph
from aligner.io.texts import load_document, parse_document_text


def parse(text: str, language: str = "en"):
    return parse_document_text(text, language=language)


def first_paragraph(text: str, language: str = "en") -> str:
    """The first paragraph of ``text`` followed by another one (so blank lines separate them)."""
    return parse(f"{text}\n\nWe request your examination.\n", language).texts()[0]


def test_blank_lines_separate_paragraphs_and_line_breaks_inside_are_spaces() -> None:
    doc = parse(
        "In this regard it is significant that the Americans\n"
        "want the future role of the Security Council\n"
        "\n\n"
        "to come down to inspections.\n"
    )
    assert doc.texts() == [
        "In this regard it is significant that the Americans want the future role of the "
        "Security Council",
        "to come down to inspections.",
    ]
    assert doc.metadata["paragraphs"] == "blank-line blocks"


def test_a_file_without_blank_lines_has_one_paragraph_per_line() -> None:
    doc = parse("Dring ... dring ...\nMichel Piola, Vernier\n9. September 1988\n", "de")
    assert doc.texts() == ["Dring ... dring ...", "Michel Piola, Vernier", "9. September 1988"]
    assert doc.metadata["paragraphs"] == "one per line"


def test_leading_and_trailing_blank_lines_do_not_make_blocks() -> None:
    doc = parse("\n\nFirst line\nsecond line\n\n\nThird line\n\n\n")
    assert doc.texts() == ["First line second line", "Third line"]


def test_words_hyphenated_at_line_ends_are_joined() -> None:
    text = first_paragraph("the inter-\nnational situation and the dis-\nmantling of sites")
    assert text == "the international situation and the dismantling of sites"


def test_a_word_hyphenated_late_in_a_long_wrapped_paragraph_is_joined() -> None:
    # The line ends are read from the end of the paragraph so far, however long it is;
    # a compound whose first word is longer than what is read of a line's end is still
    # known as the compound the document writes whole elsewhere.
    long_word = "pneumonoultramicroscopicsilicovolcanoconiosis" * 2
    lines = ["The delegation noted that the question of offensive weaponry"] * 12
    text = "\n".join([*lines, "would be settled by the inspec-",
                      f"tion of {long_word}-like cases, and the", f"{long_word}-",
                      "like cases too."])
    paragraph = first_paragraph(text)
    assert paragraph.startswith("The delegation noted that the question of offensive weaponry The")
    assert paragraph.endswith(f"by the inspection of {long_word}-like cases, and the "
                              f"{long_word}-like cases too.")


def test_real_hyphens_at_line_ends_are_kept() -> None:
    text = first_paragraph("a Soviet-\nAmerican agreement of 1961-\n1962 and the Latin-\nAmerican")
    assert text == "a Soviet-American agreement of 1961-1962 and the Latin-American"


def test_a_compound_the_document_writes_whole_elsewhere_keeps_its_hyphen() -> None:
    doc = parse("the war-site dismantling\n\ninspections on the war-\nsite dismantling\n")
    assert doc.texts()[1] == "inspections on the war-site dismantling"


def test_russian_particles_keep_their_hyphen() -> None:
    text = first_paragraph("против каких-\nлибо действий, кто-\nто сказал; демон-\nтаж объектов")
    assert text == "против каких-либо действий, кто-то сказал; демонтаж объектов"


def test_dashes_at_line_ends_are_not_hyphenation() -> None:
    text = first_paragraph("a short time to be carried out--\nonly a period necessary -\nfor this")
    assert text == "a short time to be carried out-- only a period necessary - for this"


def test_an_address_broken_at_a_line_end_is_joined_without_a_space() -> None:
    # As a plain-text manual's formatter breaks long addresses: at a slash, or before
    # one, with no hyphen added; a hyphen at the break is the address's own.
    text = first_paragraph(
        "См. страницу переносов (https://www.debian.org/\n    ports/) и образы\n"
        "(https://\n    cdimage.debian.org/debian-cd/) и (https://\nwww.debian.org/CD) на\n"
        "сайте, руководство по установке\n"
        "(https://www.debian.org/releases/stable/\n    installmanual), сайт\n"
        "https://www.debian.org/releases\n    /stable/ и сайт https://www.linux-\n"
        "on-laptops.com/ о ноутбуках.", "ru")
    assert text == (
        "См. страницу переносов (https://www.debian.org/ports/) и образы "
        "(https://cdimage.debian.org/debian-cd/) и (https://www.debian.org/CD) на сайте, "
        "руководство по установке "
        "(https://www.debian.org/releases/stable/installmanual), сайт "
        "https://www.debian.org/releases/stable/ и сайт https://www.linux-on-laptops.com/ "
        "о ноутбуках.")


def test_a_word_after_an_address_at_a_line_end_keeps_its_space() -> None:
    text = first_paragraph("Visit https://example.org/\nand read the notes, or see\n"
                           "https://a.example.org/\nhttps://b.example.org/ and the\n"
                           "path a/b/\nc/d as well (see https://example.org/\nfor more).")
    assert text == ("Visit https://example.org/ and read the notes, or see "
                    "https://a.example.org/ https://b.example.org/ and the path a/b/ c/d as "
                    "well (see https://example.org/ for more).")



def test_a_word_a_formatter_broke_after_its_slash_is_joined() -> None:
    # As the Debian installation guide's plain-text editions are formatted: lines break
    # after a slash as well as at spaces. The document writes GNU/Linux whole elsewhere.
    doc = parse(
        "Le système Debian GNU/Linux est libre.\n\n"
        "Vous pouvez copier le système Debian GNU/\nLinux sur tous les ordinateurs, ou\n"
        "lire /usr/share/doc/\npaquet/copyright et /etc/\ninetd.conf avec Windows NT/\n"
        "2000/XP, mais /var/log/\npendant l'installation reste écrit ainsi.\n\n"
        "Relancez dhcpd avec /\netc/init.d/isc-dhcp-server restart, montez /dev sur /\n"
        "dev du système cible, une partition pour /\net une autre.\n", "fr")
    assert doc.texts()[1:] == [
        "Vous pouvez copier le système Debian GNU/Linux sur tous les ordinateurs, ou lire "
        "/usr/share/doc/paquet/copyright et /etc/inetd.conf avec Windows NT/2000/XP, mais "
        "/var/log/ pendant l'installation reste écrit ainsi.",
        "Relancez dhcpd avec /etc/init.d/isc-dhcp-server restart, montez /dev sur /dev du "
        "système cible, une partition pour / et une autre."]


def test_a_path_a_formatter_broke_before_its_slash_is_joined() -> None:
    # As the Debian Reference and the Russian Maintainers' Guide are formatted: a long
    # path is broken before a slash too, and "./" + "configure" after one. The document
    # writes /etc/apt, /usr/share/common-licenses and ./configure inside its lines; two
    # paths a line end only parts keep their space.
    doc = parse(
        "Read /etc/apt/sources.list and /usr/share/common-licenses/GPL-2, run ./configure.\n\n"
        "The key is in \"/etc\n/apt/trusted.gpg\", the licence in /usr/share\n"
        "/common-licenses/GPL-2; run ./\nconfigure && make, then mount /dev/sdb1\n"
        "/mnt/foo and read\n/etc/apt/sources.list again.\n", "en")
    assert doc.texts()[1] == (
        'The key is in "/etc/apt/trusted.gpg", the licence in '
        "/usr/share/common-licenses/GPL-2; run ./configure && make, then mount /dev/sdb1 "
        "/mnt/foo and read /etc/apt/sources.list again.")


def test_a_suspended_hyphen_before_a_conjunction_keeps_hyphen_and_space() -> None:
    # From the Debian installation guide in German: "Unix-" + "oder" is not one word.
    # "col-" + "or" is, since the text writes "color" whole elsewhere.
    doc = parse(
        "Debian von einem vorhandenen Unix-\noder Linux-System, mit einem DHCP-, RARP-\n"
        "oder BOOTP-Server, für Ein-\nund Ausgang.\n\nDie NATO-\nbasierte Lösung.\n", "de")
    assert doc.texts() == [
        "Debian von einem vorhandenen Unix- oder Linux-System, mit einem DHCP-, RARP- oder "
        "BOOTP-Server, für Ein- und Ausgang.", "Die NATO-basierte Lösung."]
    assert first_paragraph("The color of the pre-\nand post-war col-\nor, двух-\nи трёх-\n"
                           "комнатные.") == (
        "The color of the pre- and post-war color, двух- и трёхкомнатные.")


def test_a_compound_of_three_parts_broken_after_its_first_keeps_its_hyphens() -> None:
    # "stateof" is no word of the text; "computer" is, so "com-" + "puter-aided" was
    # a word broken at a line end.
    assert first_paragraph("a state-\nof-the-art tool for my mother-\nin-law, computer "
                           "science and com-\nputer-aided design") == (
        "a state-of-the-art tool for my mother-in-law, computer science and computer-aided "
        "design")


def test_a_path_at_a_line_end_keeps_its_space_where_lines_break_only_at_spaces() -> None:
    # A person's filling breaks at spaces: no slash compound of the text is broken, so
    # "src/" + "dest/" were two words, as were "/etc/" + "fstab.conf".
    text = first_paragraph("Run rsync -a src/\ndest/ and read /etc/\nfstab.conf or the\n"
                           "verses: one /\ntwo / three.")
    assert text == ("Run rsync -a src/ dest/ and read /etc/ fstab.conf or the verses: one / "
                    "two / three.")

def test_soft_hyphens_are_removed_inside_and_at_line_ends() -> None:
    assert first_paragraph("dis\u00admantling of the mis\u00ad\nsile sites") == (
        "dismantling of the missile sites"
    )


def test_whitespace_is_collapsed_and_text_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Фидель Кастро, Ёлка, café")
    doc = parse(f"  {decomposed}\t\u00a0and\u2009more  \u200b\n")
    assert doc.texts() == ["Фидель Кастро, Ёлка, café and more"]
    assert unicodedata.is_normalized("NFC", doc.texts()[0])


def test_square_brackets_of_the_translator_stay_as_written() -> None:
    doc = parse("Mexico, Brazil, [and] Yugoslavia.\n\n[One could] make this conditional.\n")
    assert doc.texts() == [
        "Mexico, Brazil, [and] Yugoslavia.",
        "[One could] make this conditional.",
    ]


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_offsets_point_at_each_paragraphs_raw_span(end: str) -> None:
    raw = end.join(
        [
            "",
            "  Second. As far as U Thant's line is con-",
            "cerned, he intends to exchange views\u00a0with Fidel Castro.",
            "",
            "\tIt is true that U Thant [and] the Soviet-",
            "American declaration  ",
            "",
        ]
    )
    doc = parse(raw)
    compounds = compound_words(raw)
    assert len(doc.segments) == 2
    for seg in doc.segments:
        span = raw[seg.start : seg.end]
        assert span == span.strip()
        assert normalize_paragraph(span, compounds) == seg.text
    assert raw[doc.segments[0].start :].startswith("Second.")
    assert raw[: doc.segments[1].end].endswith("declaration")


def test_offsets_index_the_decoded_text_of_a_cp1251_file(tmp_path: Path) -> None:
    text = "Просим\r\nрассмотреть.\r\n\r\n30.X.62 В. КУЗНЕЦОВ\r\nВ. ЗОРИН\r\n"
    path = tmp_path / "end.ru.txt"
    path.write_bytes(text.encode("cp1251"))
    doc = load_document(path)
    assert [text[s.start : s.end] for s in doc.segments] == [
        "Просим\r\nрассмотреть.",
        "30.X.62 В. КУЗНЕЦОВ\r\nВ. ЗОРИН",
    ]


def test_a_byte_order_mark_does_not_shift_offsets(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("Первый абзац.\n\nВторой абзац.\n".encode("utf-8-sig"))
    doc = load_document(path)
    decoded = path.read_bytes().decode("utf-8-sig")
    assert [decoded[s.start : s.end] for s in doc.segments] == ["Первый абзац.", "Второй абзац."]


def test_the_language_comes_from_the_argument_or_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "telegram.ru.txt"
    path.write_text("Просим рассмотреть.\n", encoding="utf-8")
    assert load_document(path).language == "ru"
    assert load_document(path, "uk").language == "uk"
    other = tmp_path / "telegram.txt"
    other.write_text("Просим рассмотреть.\n", encoding="utf-8")
    assert load_document(other).language == "und"


def test_a_leading_comment_block_is_metadata_not_text() -> None:
    doc = parse(
        "# title: Telegram of 30 October 1962\n"
        "# provenance: transcription\n"
        "# note: typed from a photocopy,\n"
        "#   page 2 is hard to read\n"
        "# checked twice\n"
        "\n"
        "We request your examination.\n"
    )
    assert doc.texts() == ["We request your examination."]
    assert doc.provenance == "transcription"
    assert doc.metadata["title"] == "Telegram of 30 October 1962"
    assert doc.metadata["note"] == "typed from a photocopy, page 2 is hard to read"
    assert doc.metadata["comment"] == "checked twice"


def test_a_markdown_heading_is_text_not_a_comment_block() -> None:
    doc = parse("# Chapter One\n\nIt was a cold night.\n")
    assert doc.texts() == ["# Chapter One", "It was a cold night."]
    assert doc.provenance == "unknown"


def test_a_plain_text_records_its_layout() -> None:
    assert parse("One.\n\nTwo.\n").metadata["layout"] == "plain"
