"""A real text with a few stray control characters loads; only a binary file is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import TextLoadError
from aligner.io.encoding import decode_bytes
from aligner.io.normalize import normalize_paragraph
from aligner.io.texts import load_document

# An essay written for this test, in the shape of a page saved from the web: a closing
# quote mis-decoded once (UTF-8 read as Windows-1252 and saved again) leaves "â€" and
# the C1 control U+009D in the middle of paragraph 7.
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
    "matter of fact, and facts can be checked.",
    "That is the modest promise of a comparison: not a verdict on style, but a map of "
    "where the two books walk together and where one of them wanders off.",
    "The map is never complete. A translator may move a sentence from one paragraph to "
    "the next, or merge three short ones into a single long one, and the map must bend.",
    "Still, a map that bends is better than none. It tells the reader where to look, "
    "and it tells the editor which pages to read twice.",
    "And sometimes it tells the translator something she did not know about her own work.",
]
TEXT = "\n\n".join(PARAGRAPHS) + "\n"


def test_an_essay_with_one_stray_c1_character_loads_with_a_one_line_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "essay.en.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    doc = load_document(path)
    warning = capsys.readouterr().err
    assert warning.count("\n") == 1 and warning.startswith("aligner: warning: ")
    offset = TEXT.index("\u009d")
    assert "1 stray control character (U+009D)" in warning
    assert f"line 13 column {offset - TEXT.rindex(chr(10), 0, offset)} (offset {offset})" in warning
    assert len(doc.segments) == len(PARAGRAPHS)
    assert all("\u009d" not in s.text for s in doc.segments)
    assert doc.segments[6].text.endswith("breathes\u00e2\u20ac, and the phrase ended up on the "
                                         "cover, quotation marks and all.")  # fmt: skip
    # Offsets still point into the file as decoded, stray character included.
    decoded = decode_bytes(path.read_bytes()).text
    for segment in doc.segments:
        assert normalize_paragraph(decoded[segment.start : segment.end]) == segment.text
    assert decoded[doc.segments[6].start : doc.segments[6].end].count("\u009d") == 1


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
