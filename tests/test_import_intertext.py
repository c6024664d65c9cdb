"""Importing an InterText alignment made by the InterText editor or a benchmark."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import ExportError
from aligner.io.importers import import_file

# Pretty-printed, as the editor and corpus tools write them: sentences inside
# paragraphs, ids "paragraph:sentence", no aligner attributes.
DOC_RU = """<?xml version="1.0" encoding="utf-8"?>
<text lang="ru">
  <p id="1">
    <s id="1:1">Сообщаем некоторые
       соображения.</s>
    <s id="1:2">Первое.</s>
  </p>
  <p id="2"><s id="2:1">Второе [и] третье.</s></p>
</text>
"""
DOC_EN = """<?xml version="1.0" encoding="utf-8"?>
<text>
  <p id="1"><s id="1:1">We are communicating several thoughts.</s></p>
  <p id="2"><s id="2:1">First.</s> <s id="2:2">Second [and] third.</s></p>
</text>
"""
LINKS = """<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE linkGrp>
<linkGrp toDoc='telegram.en.xml' fromDoc='telegram.ru.xml'>
<link type='1-1' xtargets='1:1;1:1' status='man'/>
<link type='2-1' xtargets='2:1 2:2;1:2 2:1' status='auto' mark='1'/>
</linkGrp>
"""


@pytest.fixture
def intertext(tmp_path: Path) -> Path:
    (tmp_path / "telegram.ru.xml").write_text(DOC_RU, encoding="utf-8")
    (tmp_path / "telegram.en.xml").write_text(DOC_EN, encoding="utf-8")
    path = tmp_path / "telegram.ru.en.xml"
    path.write_text(LINKS, encoding="utf-8")
    return path


def test_documents_are_found_beside_the_alignment_and_read_in_order(intertext: Path) -> None:
    al = import_file(intertext, "intertext")
    assert al.source.texts() == ["Сообщаем некоторые соображения.", "Первое.", "Второе [и] третье."]
    assert al.target.texts() == ["We are communicating several thoughts.", "First.",
                                 "Second [and] third."]
    assert (al.source.language, al.target.language) == ("ru", "en")


def test_links_keep_their_beads_status_and_marks(intertext: Path) -> None:
    al = import_file(intertext, "intertext")
    assert [(lk.source, lk.target) for lk in al.links] == [((0,), (0,)), ((1, 2), (1, 2))]
    assert [lk.status for lk in al.links] == ["confirmed", "auto"]
    assert [lk.bookmark for lk in al.links] == [False, True]


def test_documents_can_be_named_on_the_command_line(intertext: Path, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    (tmp_path / "telegram.en.xml").rename(moved / "english.xml")
    with pytest.raises(ExportError, match="check that an InterText document exists"):
        import_file(intertext, "intertext")
    al = import_file(intertext, "intertext", target=moved / "english.xml")
    assert al.target.texts()[0] == "We are communicating several thoughts."


def test_a_link_to_a_missing_id_is_one_line(intertext: Path) -> None:
    intertext.write_text(LINKS.replace("2:1 2:2;", "2:1 2:9;"), encoding="utf-8")
    with pytest.raises(ExportError, match="no element with id '2:9'"):
        import_file(intertext, "intertext")


def test_crossing_links_are_refused(intertext: Path) -> None:
    crossed = LINKS.replace("xtargets='1:1;1:1'", "xtargets='2:1 2:2;1:1'").replace(
        "xtargets='2:1 2:2;1:2 2:1'", "xtargets='1:1;1:2 2:1'")
    intertext.write_text(crossed, encoding="utf-8")
    with pytest.raises(ExportError, match="cross or repeat"):
        import_file(intertext, "intertext")
