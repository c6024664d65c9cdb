"""Importing a translation memory made by a CAT tool as a pre-aligned pair."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.cli import main
from aligner.errors import ExportError
from aligner.io.importers import import_file
from aligner.io.store import load_alignment

CAT_TOOL_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="SomeCAT" creationtoolversion="9" segtype="sentence" o-tmf="x"
          adminlang="en-US" srclang="ru-RU" datatype="plaintext"/>
  <body>
    <tu tuid="17">
      <tuv xml:lang="ru-RU"><seg>Сообщаем <bpt i="1">&lt;b&gt;</bpt>некоторые<ept i="1">\
&lt;/b&gt;</ept> соображения.</seg></tuv>
      <tuv xml:lang="en-US"><seg>We are communicating <hi>several</hi> thoughts.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="ru-RU"><seg>Только русский текст.</seg></tuv>
    </tu>
    <tu tuid="18">
      <note>checked by the editor</note>
      <tuv xml:lang="en-US"><seg>First. [and] Second &amp; third.</seg></tuv>
      <tuv xml:lang="ru-RU"><seg>Первое. [и] Второе &amp; третье.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


@pytest.fixture
def cat_tmx(tmp_path: Path) -> Path:
    path = tmp_path / "memory.tmx"
    path.write_text(CAT_TOOL_TMX, encoding="utf-8")
    return path


def test_each_unit_with_both_languages_becomes_a_one_to_one_link(cat_tmx: Path) -> None:
    al = import_file(cat_tmx, "tmx")
    assert (al.source.language, al.target.language) == ("ru-RU", "en-US")
    assert al.source.texts() == ["Сообщаем некоторые соображения.", "Первое. [и] Второе & третье."]
    assert al.target.texts() == ["We are communicating several thoughts.",
                                 "First. [and] Second & third."]
    assert [(lk.source, lk.target) for lk in al.links] == [((0,), (0,)), ((1,), (1,))]
    assert [lk.id for lk in al.links] == [17, 18]
    assert al.links[1].note == "checked by the editor"
    assert al.settings["imported"]["skipped_units"] == 1


def test_provenance_is_unknown_unless_the_file_says_otherwise(cat_tmx: Path) -> None:
    al = import_file(cat_tmx, "tmx")
    assert (al.source.provenance, al.target.provenance) == ("unknown", "unknown")


def test_cli_import_writes_an_alignment_that_loads(cat_tmx: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "memory.json"
    assert main(["import", str(cat_tmx), "-o", str(out)]) == 0
    assert "imported 2 links" in capsys.readouterr().out
    al = load_alignment(out)
    assert al.links[0].status == "auto"
    assert main(["import", str(cat_tmx), "-o", str(out)]) == 2  # exists: refused
    assert "already exists" in capsys.readouterr().err
    assert main(["import", str(cat_tmx), "-o", str(out), "--force", "--confirm"]) == 0
    assert {lk.status for lk in load_alignment(out).links} == {"confirmed"}


def test_several_target_languages_need_a_choice(tmp_path: Path) -> None:
    path = tmp_path / "multi.tmx"
    path.write_text(CAT_TOOL_TMX.replace(
        '<tuv xml:lang="en-US"><seg>We', '<tuv xml:lang="de"><seg>Wir</seg></tuv>'
        '<tuv xml:lang="en-US"><seg>We'), encoding="utf-8")
    with pytest.raises(ExportError, match="choose one with --target-language"):
        import_file(path, "tmx")
    al = import_file(path, "tmx", target_language="de")
    assert al.target.texts() == ["Wir"]


@pytest.mark.parametrize("content,message", [
    ("<tmx><body>", "not well-formed XML"),
    ("<html><body/></html>", "not a TMX file"),
    ('<tmx version="1.4"><header srclang="en"/><body/></tmx>', "0 languages besides"),
])
def test_broken_or_foreign_files_are_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError, match=message):
        import_file(path, "tmx")


def test_entities_are_not_expanded(tmp_path: Path) -> None:
    """A file defining entities (the "billion laughs" shape) is not expanded into memory."""
    path = tmp_path / "entities.tmx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>&b;</seg></tuv><tuv xml:lang="fr"><seg>x</seg></tuv>'
        "</tu></body></tmx>",
        encoding="utf-8",
    )
    al = import_file(path, "tmx")
    assert "aaaaaaaaaa" not in al.source.texts()[0]


def test_cli_errors_are_one_line_and_write_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.json"
    assert main(["import", str(tmp_path / "missing.tmx"), "-o", str(out)]) == 2
    assert main(["import", str(tmp_path / "x.txt"), "-o", str(out)]) == 2
    assert main(["import", str(tmp_path / "x.tmx"), "-f", "docx", "-o", str(out)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(line.startswith("aligner: error: ") for line in err)
    assert "give --format" in err[1] and "unknown import format 'docx'" in err[2]
    assert not out.exists()
