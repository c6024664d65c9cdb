"""Loading Russian archive copies in the encodings they really come in, and refusing non-texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.errors import TextLoadError
from aligner.io.encoding import Decoded, decode_bytes, encoding_label
from aligner.io.normalize import compound_words, normalize_paragraph
from aligner.io.texts import load_document, parse_document_text

#: Three paragraphs of the telegram, as a Russian archive copy would give them.
PARAGRAPHS = [
    "Сообщаем некоторые соображения по обстановке, сложившейся вокруг кубинского вопроса.",
    "Во-первых. Из бесед с У Таном, разговоров в ООН и сообщений американской печати "
    "у нас сложилось впечатление, что стратегия правительства США направлена на демонтаж.",
    "Просим рассмотреть.",
]
TEXT = "\n\n".join(PARAGRAPHS) + "\n"


@pytest.mark.parametrize(
    ("codec", "recorded"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16"),
        ("cp1251", "cp1251"),
        ("koi8-r", "koi8-r"),
        ("cp866", "cp866"),
    ],
)
def test_each_encoding_is_detected_and_recorded(tmp_path: Path, codec: str, recorded: str) -> None:
    path = tmp_path / "telegram.txt"
    path.write_bytes(TEXT.encode(codec))
    doc = load_document(path, "ru")
    assert doc.encoding == recorded
    assert doc.texts() == PARAGRAPHS


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
@pytest.mark.parametrize(
    "text",
    ["Просим рассмотреть.", "30.X.62 В. КУЗНЕЦОВ\nВ. ЗОРИН", "после 1 ноября.", "В-пятых."],
)
def test_short_russian_texts_are_not_confused_between_code_pages(codec: str, text: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)


def test_every_telegram_paragraph_survives_both_code_pages() -> None:
    from aligner.io.bundled import load_bundled

    # KOI8-R has no guillemets, dashes or numero sign: its users typed ASCII.
    ascii_punct = str.maketrans({"«": '"', "»": '"', "—": "-", "№": "N"})
    for para in load_bundled()[0].texts():
        for codec, text in (("cp1251", para), ("koi8-r", para.translate(ascii_punct))):
            assert decode_bytes(text.encode(codec)) == Decoded(text, codec)


def test_a_western_legacy_file_is_not_taken_for_russian(tmp_path: Path) -> None:
    path = tmp_path / "wand.de"
    path.write_bytes("Die Nordostwand des Kingspitz über den Engelhörnern.\n".encode("cp1252"))
    doc = load_document(path)
    assert doc.texts() == ["Die Nordostwand des Kingspitz über den Engelhörnern."]
    assert doc.encoding not in ("cp1251", "koi8-r", "cp866")


def test_the_encoding_has_a_readable_name() -> None:
    assert encoding_label("cp1251") == "Windows-1251"
    assert encoding_label("utf-8-sig") == "UTF-8 with BOM"


def test_crlf_and_cr_line_ends_give_the_same_paragraphs(tmp_path: Path) -> None:
    for i, end in enumerate(("\r\n", "\r")):
        path = tmp_path / f"t{i}.txt"
        path.write_bytes(TEXT.replace("\n", end).encode("cp1251"))
        assert load_document(path, "ru").texts() == PARAGRAPHS


# --- what is refused, with one clear line ------------------------------------


def _error(tmp_path: Path, data: bytes | None, name: str = "input.txt") -> str:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(TextLoadError) as info:
        load_document(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    assert "binary" in _error(tmp_path, png, "scan.png")


def test_control_characters_mean_binary(tmp_path: Path) -> None:
    message = _error(tmp_path, b"Report\x07\x02\x03 of the meeting\n")
    assert "control character" in message and "binary" in message


def test_utf16_without_byte_order_mark_is_refused_with_a_hint(tmp_path: Path) -> None:
    message = _error(tmp_path, TEXT.encode("utf-16-le"))
    assert "byte-order mark" in message


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    message = _error(tmp_path, bytes(range(0x80, 0x100)) * 4)
    assert "cannot be decoded" in message and "UTF-8" in message


def test_a_damaged_utf16_file_is_refused(tmp_path: Path) -> None:
    odd_length = b"\xff\xfe" + "Привет".encode("utf-16-le") + b"\x00"
    assert "byte-order mark" in _error(tmp_path, odd_length)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert "is empty" in _error(tmp_path, b"")


def test_a_file_of_blank_lines_is_refused(tmp_path: Path) -> None:
    assert "is empty" in _error(tmp_path, b"\n \r\n\t\n")


def test_a_file_with_only_a_comment_block_has_no_text(tmp_path: Path) -> None:
    assert "no paragraphs" in _error(tmp_path, b"# provenance: transcription\n# note: to do\n")


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert "does not exist" in _error(tmp_path, None, "nowhere.txt")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    assert "is a folder" in _error(tmp_path, None, "folder.txt")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_load_or_raise_text_load_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    try:
        doc = load_document(path)
    except TextLoadError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert doc.segments and all(s.text for s in doc.segments)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("аб Zz-\u00ad\n\r\t#:[]*.\u0301\ufeff"), max_size=200))
def test_arbitrary_text_parses_into_well_formed_segments_or_raises(text: str) -> None:
    try:
        doc = parse_document_text(text, language="ru")
    except TextLoadError:
        return
    ends = [0] + [s.end for s in doc.segments]
    compounds = compound_words(text)
    for previous_end, seg in zip(ends, doc.segments, strict=False):
        assert previous_end <= seg.start < seg.end <= len(text)
        assert seg.text and seg.text == seg.text.strip() and "  " not in seg.text
        assert normalize_paragraph(text[seg.start : seg.end], compounds) == seg.text
