"""Glossary files: TOML, CSV and TBX round trips, and every kind of bad input as one clear line."""

from __future__ import annotations

import pytest

from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.terms import apply_checks, check_direction
from aligner.errors import GlossaryError
from aligner.io.glossary import load_glossary, save_glossary
from tests.conftest import REPO

BUNDLED = REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    return load_glossary(BUNDLED)


@pytest.mark.parametrize("suffix", ["toml", "csv", "tbx"])
def test_round_trip_keeps_every_field(bundled, tmp_path, suffix):
    path = tmp_path / f"telegram.{suffix}"
    save_glossary(bundled, path)
    again = load_glossary(path)
    assert again.entries == bundled.entries
    assert (again.source_language, again.target_language) == ("ru", "en")


def test_csv_export_starts_with_the_cat_columns(bundled, tmp_path):
    path = tmp_path / "terms.csv"
    save_glossary(bundled, path)
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    assert header.split(",")[:3] == ["ru", "en", "note"]
    assert first.startswith("наступательное оружие,offensive weaponry,")


def test_a_plain_cat_termbase_imports_and_synonym_rows_become_variants(tmp_path):
    path = tmp_path / "termbase.csv"
    path.write_text(
        "source,target,note\n"
        "блокада,blockade,\n"
        "гарантии безопасности,security guarantees,from the minutes\n"
        "гарантии безопасности,guarantees of security,\n"
        '"Совет Безопасности","Security Council","UN organ, 15 members"\n',
        encoding="utf-8",
    )
    glossary = load_glossary(path)
    assert glossary.ids() == ["blockade", "security-guarantees", "security-council"]
    guarantees = glossary.entry("security-guarantees")
    assert guarantees.target == "security guarantees"
    assert guarantees.target_variants == ("guarantees of security",)
    assert glossary.entry("security-council").note == "UN organ, 15 members"


def test_a_csv_without_header_and_with_semicolons_imports(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("вторжение;invasion;\nНАТО;NATO;alliance\n", encoding="utf-8")
    assert [(e.source, e.target, e.note) for e in load_glossary(path)] == [
        ("вторжение", "invasion", ""), ("НАТО", "NATO", "alliance")]


def test_tbx_admin_status_maps_to_rendering_classes(tmp_path):
    path = tmp_path / "terms.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
 <text><body>
  <conceptEntry id="blockade">
   <langSec xml:lang="ru"><termSec><term>блокада</term></termSec></langSec>
   <langSec xml:lang="en">
    <termSec><term>blockade</term>
     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>embargo</term>
     <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
    <termSec><term>quarantine</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text>
</tbx>
""",
        encoding="utf-8",
    )
    (entry,) = load_glossary(path)
    assert (entry.id, entry.source, entry.target) == ("blockade", "блокада", "blockade")
    assert entry.target_variants == ("embargo",)
    assert entry.flagged == ("quarantine",)


def _error(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    message = str(info.value)
    assert "\n" not in message
    assert name in message
    return message


GOOD = '[[term]]\nid = "blockade"\nsource = "блокада"\ntarget = "blockade"\n'


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("broken.toml", GOOD + '\n[[term]]\nid = "x"\nsource = "вторжение\n', "line 8"),
        ("broken2.toml", GOOD + "target_variants = [\"a\"\n", "line 5"),
        ("dup.toml", GOOD + "\n" + GOOD, "line 6: id 'blockade' is already used at line 1"),
        ("empty.toml", GOOD + '\n[[term]]\nid = "x"\nsource = " "\ntarget = "y"\n',
         "line 6: the entry has an empty source term"),
        ("notarget.toml", GOOD + '\n[[term]]\nid = "x"\nsource = "вторжение"\n',
         "line 6: entry 'x' has no target rendering"),
        ("noid.toml", '[[term]]\nsource = "блокада"\ntarget = "blockade"\n', "empty id"),
        ("typo.toml", GOOD + 'target_varients = ["a"]\n', "unknown field 'target_varients'"),
        ("wrongtype.toml", GOOD + "flagged = 3\n", "'flagged' must be a string or a list"),
        ("noterms.toml", '[glossary]\nname = "x"\n', "no [[term]] entries"),
        # wrong types: one line with the file and the line at fault, never a traceback
        ("inline.toml", "term = [true]\n", "line 1: each [[term]] must be a table"),
        ("scalar.toml", 'term = "blockade"\n', "line 1: 'term' must be [[term]] tables"),
        ("number.toml", GOOD.replace('"blockade"\nsource', '"b"\nsource') + "note = 3\n",
         "line 5: 'note' must be a string in quotes, found a number"),
        ("boolsource.toml", '[[term]]\nid = "b"\nsource = true\ntarget = "x"\n',
         "line 3: 'source' must be a string in quotes, found true/false"),
        ("listof.toml", GOOD + "target_variants = [\"a\", 2]\n",
         "line 5: 'target_variants' must list strings, found a number"),
        ("headtype.toml", 'glossary = "x"\n' + GOOD, "[glossary] must be a table"),
        ("headlang.toml", "[glossary]\nsource_language = 1\n\n" + GOOD,
         "line 1: 'source_language' must be a string"),
        ("toplevel.toml", 'name = "x"\n' + GOOD, "line 1: unknown top-level key 'name'"),
        ("termtable.toml", '[term]\nid = "x"\n', "'term' must be [[term]] tables"),
        ("quote.csv", 'source,target\nблокада,"blockade\n', "line"),
        ("short.csv", "source,target\nблокада,blockade\nвторжение\n", "line 3"),
        ("emptysrc.csv", "source,target\nблокада,blockade\n,invasion\n",
         "line 3: empty source term"),
        ("emptytgt.csv", "source,target\nблокада,\n", "line 2: empty target"),
        ("dupid.csv", "source,target,note,id\nблокада,blockade,,b\nвторжение,invasion,,b\n",
         "line 3: id 'b' is used by an earlier row"),
        ("bad.tbx", "<martif><text><body><termEntry></body></text></martif>", "line 1"),
        ("mono.tbx", '<martif><text><body><termEntry><langSet xml:lang="ru"><tig>'
         "<term>блокада</term></tig></langSet></termEntry></body></text></martif>",
         "two languages"),
    ],
)
def test_bad_glossary_files_are_one_line_errors_with_file_and_line(tmp_path, name, text, expected):
    assert expected in _error(tmp_path, name, text)


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(GlossaryError, match="does not exist"):
        load_glossary(tmp_path / "nowhere.toml")
    (tmp_path / "terms.docx").write_text("x", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"\.toml, \.csv or \.tbx"):
        load_glossary(tmp_path / "terms.docx")


def test_non_utf8_file_is_reported(tmp_path):
    path = tmp_path / "cp1251.csv"
    path.write_bytes("source,target\nблокада,blockade\n".encode("cp1251"))
    with pytest.raises(GlossaryError, match="not UTF-8"):
        load_glossary(path)


def _alignment(src_lang: str, src: str, tgt_lang: str, tgt: str) -> Alignment:
    return Alignment(Document((Segment(src),), language=src_lang),
                     Document((Segment(tgt),), language=tgt_lang), (Link((0,), (0,)),))


def test_a_glossary_in_the_wrong_direction_is_refused(bundled):
    alignment = _alignment("en", "The blockade of Cuba.", "ru", "Блокада Кубы.")
    with pytest.raises(GlossaryError, match="wrong direction|goes ru->en"):
        apply_checks(alignment, bundled)
    undeclared = Glossary(bundled.entries)  # no languages declared: the script gives it away
    with pytest.raises(GlossaryError, match="Latin|Cyrillic|cyrillic|latin"):
        check_direction(alignment, undeclared)
    reversed_ok = bundled.reversed()
    flags = apply_checks(alignment, reversed_ok).links[0].flags
    assert flags == ()


def test_entries_validate_themselves():
    with pytest.raises(GlossaryError, match="empty source"):
        GlossaryEntry(id="x", source="  ", target="y")
    with pytest.raises(GlossaryError, match="spaces or punctuation"):
        GlossaryEntry(id="two words", source="a", target="b")
    with pytest.raises(GlossaryError, match="ids must be unique"):
        Glossary((GlossaryEntry("a", "б", "b"), GlossaryEntry("a", "в", "v")))


def test_unknown_term_suggests_close_ids(bundled):
    with pytest.raises(GlossaryError, match="did you mean offensive-weaponry"):
        bundled.entry("offensive-weapons")
    assert bundled.entry("UN presence").id == "un-presence"


def test_term_pairs_feed_the_aligner(bundled):
    pairs = dict(bundled.term_pairs())
    assert pairs[("присутствие ООН",)] == ("UN presence", "presence of the UN")
