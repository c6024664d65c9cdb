"""Sentence offsets in the file: the bulk mapping is the character-by-character one.

`file_positions` maps each offset of a paragraph's normalised text to the file; it
maps the stretches where text and file run alike in bulk. These tests hold it to
the plain greedy search it replaced, on paragraphs the loader really normalises
(hard-wrapped lines, indentation, hyphens at line ends, invisible characters,
composed accents) and on arbitrary pairs of strings.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.core.sentences.split import file_positions
from aligner.io.normalize import normalize_lines


def greedy_positions(raw: str, text: str) -> list[int]:
    """The specification: each character of the text at its first occurrence in the file
    from just after the previous one (a space at the next whitespace), with at most 8
    characters before it that are not whitespace (a line break and its indentation)."""
    positions: list[int] = []
    at = 0
    for ch in text:
        if ch.isspace():
            found = next((k for k in range(at, len(raw)) if raw[k].isspace()), -1)
        else:
            found = raw.find(ch, at)
        skipped = raw[at:found] if found >= 0 else ""
        if found < 0 or len(skipped) - sum(c.isspace() for c in skipped) > 8:
            found = min(at, len(raw))
        positions.append(found)
        at = found + 1
    positions.append(min(at, len(raw)))
    return positions


WORDS = st.sampled_from([
    "Kuznetsov", "Зорин", "наступательное", "weaponry", "U", "Thant", "[and]", "30.X.62",
    "con-", "cept", "\u00ad", "\u200b", "e\u0301", "ё", "«ООН»", "—", "N.S.", "", "1962",
])
SPACES = st.sampled_from([" ", "  ", "\n", "\n   ", "\t", "\u00a0", " \n", "\r\n"])


@st.composite
def wrapped_paragraphs(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=40))
    out = words[0]
    for word in words[1:]:
        out += draw(SPACES) + word
    return out


@settings(max_examples=300, deadline=None)
@given(wrapped_paragraphs())
def test_a_loaded_paragraph_maps_to_the_file_as_character_by_character(raw: str) -> None:
    text = normalize_lines(raw.splitlines())
    assert file_positions(raw, text) == greedy_positions(raw, text)


@settings(max_examples=300, deadline=None)
@given(wrapped_paragraphs())
def test_composed_accents_map_as_character_by_character(raw: str) -> None:
    text = unicodedata.normalize("NFC", normalize_lines(raw.splitlines()))
    assert file_positions(raw, text) == greedy_positions(raw, text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab -\n\u00ad", max_size=30), st.text(alphabet="ab -\n", max_size=30))
def test_any_two_strings_map_as_character_by_character(raw: str, text: str) -> None:
    assert file_positions(raw, text) == greedy_positions(raw, text)


def test_a_hard_wrapped_paragraph_maps_its_words_to_their_lines() -> None:
    raw = "First line of a sen-\ntence here.  Second\n   sentence."
    text = normalize_lines(raw.splitlines())
    assert text == "First line of a sentence here. Second sentence."
    where = file_positions(raw, text)
    assert raw[where[text.index("tence")]:].startswith("tence here.")
    assert raw[where[text.index("sentence.")]:] == "sentence."
    assert where[-1] == len(raw)


def test_a_join_before_deep_indentation_maps_the_rest_of_the_paragraph_to_its_line() -> None:
    # A hyphenated word and an address broken at line ends, the next lines indented by
    # eight spaces as a formatted plain-text manual indents them.
    raw = ("        The packages are kept in the ar-\n        chive at the address (https://www.debian.org/\n"
           "        ports/) for every architecture.")
    text = normalize_lines(raw.splitlines())
    assert text == ("The packages are kept in the archive at the address "
                    "(https://www.debian.org/ports/) for every architecture.")
    where = file_positions(raw, text)
    for word in ("chive", "ports/)", "for every"):
        assert raw[where[text.index(word)]:].startswith(word)
    assert where == greedy_positions(raw, text)
