"""A real text with a few stray control characters loads; only a binary file is refused.
A character written as UTF-8 twice is read as what it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.core.model import Document
from aligner.errors import TextLoadError
from aligner.io.encoding import decode_bytes
from aligner.io.normalize import normalize_paragraph
from aligner.io.texts import load_document

# An essay written for this test, in the shape of a page saved from the web: a closing
# quote mis-decoded once (UTF-8 read as Windows-1252 and saved again) leaves "â€" and
# the C1 control U+009D in the middle of paragraph 7; a stray U+009D stands alone at the
# end of paragraph 8.
PARAGRAPHS = [
    "On Reading Translations Side by Side",
    "Anyone who has compared two translations of the same novel knows the odd feeling "
    "of reading one book twice and two books once. The sentences agree on what happens, "
    "yet the rooms are furnished differently, and the light falls from another side.",
    "The first translator of a classic usually works alone, with a dictionary and a deadline. "
    "The second one works against the first, whether she admits it or not, and every "
    "sentence she keeps is a small act of agreement.",
    "Readers rarely see this conversation. They meet one version, trust it, and only "
    "later, in a seminar or a footnote, learn that a famous line was never in the original.",
    "Editors see more of it. They receive manuscripts in which whole paragraphs are "
    "missing, or split in two because a page ended in the middle of a sentence.",
    "Aligning the texts paragraph by paragraph is the only honest way to see what changed. "
    "It is slow work when done by hand, and tedious enough that few people finish it.",
    "One reviewer called the new version \u201ca translation that finally breathes"
    "\u00e2\u20ac\u009d, and the phrase ended up on the cover, quotation marks and all.",
    "Whether it breathes is a matter of taste. Whether it renders every paragraph is a "
    "matter of fact, and facts can be checked.\u009d",
    "That is the modest promise of a comparison: not a verdict on style, but a map of "
    "where the two books walk together and where one of them wanders off.",
    "The map is never complete. A translator may move a sentence from one paragraph to "
    "the next, or merge three short ones into a single long one, and the map must bend.",
    "Still, a map that bends is better than none. It tells the reader where to look, "
    "and it tells the editor which pages to read twice.",
    "And sometimes it tells the translator something she did not know about her own work.",
]
TEXT = "\n\n".join(PARAGRAPHS) + "\n"


def _load_essay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], warning: str
) -> tuple[Path, Document, list[str]]:
    """The essay as a file, loaded, and the warning lines that hold ``warning``."""
    path = tmp_path / "essay.en.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    doc = load_document(path)
    return path, doc, [line for line in capsys.readouterr().err.splitlines() if warning in line]


def test_an_essay_with_one_stray_c1_character_loads_with_a_one_line_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, doc, stray = _load_essay(tmp_path, capsys, "stray control")
    assert len(stray) == 1 and stray[0].startswith("aligner: warning: ")
    offset = TEXT.index("checked.\u009d") + len("checked.")
    assert "1 stray control character (U+009D)" in stray[0]
    column = offset - TEXT.rindex("\n", 0, offset)
    assert f"line 15 column {column} (offset {offset})" in stray[0]
    assert len(doc.segments) == len(PARAGRAPHS)
    assert all("\u009d" not in s.text for s in doc.segments)
    assert doc.segments[7].text.endswith("facts can be checked.")
    # Offsets still point into the file as decoded, stray character included.
    decoded = decode_bytes(path.read_bytes()).text
    for segment in doc.segments:
        assert normalize_paragraph(decoded[segment.start : segment.end]) == segment.text
    assert decoded[doc.segments[7].start : doc.segments[7].end].count("\u009d") == 1


def test_a_quote_written_as_utf8_twice_is_read_as_the_quote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, doc, (warning,) = _load_essay(tmp_path, capsys, "written as UTF-8 twice")
    assert warning.startswith("aligner: warning: ")
    assert "1 character written as UTF-8 twice ('â€\\x9d' for '\u201d')" in warning
    assert "the file is left as it is" in warning
    assert doc.segments[6].text == (
        "One reviewer called the new version \u201ca translation that finally breathes\u201d, "
        "and the phrase ended up on the cover, quotation marks and all."
    )
    assert path.read_bytes() == TEXT.encode("utf-8")


def test_a_dash_read_as_latin1_in_a_russian_manual_is_a_dash_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # As the Russian Debian Developer's Reference (package developers-reference-ru) has it:
    # an em dash's bytes E2 80 94 read as Latin-1, "â" and two C1 controls.
    text = "Раздел main архива Debian \u00e2\u0080\u0094 то, что является дистрибутивом.\n"
    path = tmp_path / "devref.ru.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = load_document(path, sentences="auto")
    assert doc.segments[0].text == "Раздел main архива Debian — то, что является дистрибутивом."
    err = capsys.readouterr().err
    assert "stray control" not in err and err.count("\n") == 1
    # The sentence still points at its stretch of the file, the damaged dash included.
    (sentence,) = doc.segments[0].sentences
    assert text[sentence.file_start : sentence.file_end] == text.rstrip("\n")


def test_a_few_nul_bytes_and_replacement_characters_are_left_out_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = TEXT.replace("deadline.", "dead\x00line.").replace("Editors", "\ufffdEditors")
    path = tmp_path / "essay.txt"
    path.write_bytes(damaged.encode("utf-8"))
    doc = load_document(path)
    assert "3 stray control characters (U+0000, U+009D, U+FFFD)" in capsys.readouterr().err
    assert doc.segments[2].text.count("dead line.") == 1
    assert doc.segments[4].text.startswith("Editors see more of it.")


def test_a_file_made_largely_of_control_characters_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(("x\x9d" * 300).encode("utf-8"))
    with pytest.raises(TextLoadError, match="looks like a binary file"):
        load_document(path)


@pytest.mark.parametrize(
    "opening",
    ["<b>Note.</b> The cable was", "<!-- a comment the editor left -->\nThe cable was",
     "{Margin: a later hand.} The cable was"],
)
def test_a_plain_text_opening_with_a_tag_or_a_brace_is_read_as_text(
    tmp_path: Path, opening: str
) -> None:
    path = tmp_path / "note.en.txt"
    path.write_text(f"{opening} sent on 30 October.\n\nIt arrived.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.segments[0].text.endswith("The cable was sent on 30 October.")
    assert doc.segments[1].text == "It arrived."
