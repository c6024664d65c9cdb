"""What a saved alignment looks like on disk, and that every reader sees the same alignment.

The store writes with orjson and reads with orjson plus a quick decoder for
files whose strings need no sanitising; these tests pin that the bytes are the
ones the standard library's indented JSON gave (so the tracked alignment and
every user's file keep their bytes), that a file from the old writer loads,
and that the quick decoder builds exactly what the validating one builds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import fields, replace
from pathlib import Path

import pytest

from aligner.core.model import Alignment, Evidence
from aligner.errors import StoreError
from aligner.io.store import (
    alignment_from_dict,
    alignment_to_dict,
    encode_alignment,
    load_alignment,
    save_alignment,
)

REPO = Path(__file__).resolve().parents[1]
TRACKED = REPO / "alignments" / "kuznetsov-zorin-1962-10-30.json"


@pytest.fixture(scope="module")
def telegram() -> Alignment:
    """The tracked alignment of the bundled telegram: evidence, sentences, sentence links."""
    return load_alignment(TRACKED, check_texts=False, warn=None)


def _standard_library_bytes(alignment: Alignment, base: Path) -> bytes:
    """What the store wrote before orjson: the standard library's indented JSON."""
    text = json.dumps(alignment_to_dict(alignment, base), ensure_ascii=False, indent=2,
                      allow_nan=False) + "\n"
    return text.encode("utf-8")


def test_saving_the_tracked_alignment_again_gives_its_bytes(telegram: Alignment) -> None:
    assert telegram.links[0].sentences, "the tracked file should hold sentence links"
    assert encode_alignment(telegram, TRACKED.parent) == TRACKED.read_bytes()


def test_a_save_is_indented_json_byte_for_byte_as_the_standard_library_wrote_it(
    telegram: Alignment, tmp_path: Path
) -> None:
    reviewed = telegram.with_links([
        replace(lk, status="confirmed", note="checked [sic] against «the archive»\ttab")
        if i % 3 == 0 else lk for i, lk in enumerate(telegram.links)
    ])
    out = tmp_path / "a.json"
    save_alignment(reviewed, out)
    raw = out.read_bytes()
    assert raw == _standard_library_bytes(reviewed, tmp_path)
    assert raw.startswith(b'{\n  "format": "aligner-alignment",\n')
    assert "«the archive»".encode() in raw  # UTF-8, not \u escapes
    save_alignment(reviewed, out)
    assert out.read_bytes() == raw  # the same alignment, the same bytes


def test_a_file_from_the_old_writer_loads_as_the_same_alignment(
    telegram: Alignment, tmp_path: Path
) -> None:
    # A hand-edited setting the standard library writes as 1e-05, orjson as 0.00001.
    tuned = replace(telegram, settings={**telegram.settings, "tolerance": 1e-05})
    old = tmp_path / "old.json"
    old.write_bytes(_standard_library_bytes(tuned, tmp_path))
    loaded = load_alignment(old, check_texts=False, warn=None)
    assert loaded.links == tuned.links
    assert loaded.settings["tolerance"] == 1e-05
    new = tmp_path / "new.json"
    save_alignment(loaded, new)
    assert load_alignment(new, check_texts=False, warn=None) == loaded


def test_the_quick_reader_builds_what_the_validating_reader_builds(
    telegram: Alignment, tmp_path: Path
) -> None:
    flagged = telegram.with_links([
        replace(lk, bookmark=True, needs_review=not lk.needs_review) if i % 4 == 0 else lk
        for i, lk in enumerate(telegram.links)
    ])
    data = json.loads(encode_alignment(flagged, tmp_path))
    quick = alignment_from_dict(data, tmp_path, "a.json", pristine=True)
    careful = alignment_from_dict(json.loads(encode_alignment(flagged, tmp_path)), tmp_path,
                                  "a.json")
    assert quick == careful
    assert quick.links == flagged.links


def test_a_file_with_terminal_escapes_is_still_sanitised_and_reported(
    telegram: Alignment, tmp_path: Path
) -> None:
    first = telegram.links[0]
    data = json.loads(encode_alignment(telegram, tmp_path))
    data["links"][0]["note"] = "see \x1b]0;owned\x07 the archive"
    data["source"]["segments"][1]["text"] += " \x9b2J"
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    warnings: list[str] = []
    loaded = load_alignment(path, check_texts=False, warn=warnings.append)
    assert loaded.links[0].note == "see  the archive"
    assert "\x9b" not in loaded.source.segments[1].text
    assert loaded.links[0].source == first.source
    assert any("$.links[0].note" in w for w in warnings)
    assert any("$.source.segments[1].text" in w for w in warnings)


def test_a_damaged_value_in_a_clean_file_is_named_by_its_path(
    telegram: Alignment, tmp_path: Path
) -> None:
    data = json.loads(encode_alignment(telegram, tmp_path))
    data["links"][5]["sentences"][0]["confidence"] = 1.5
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    with pytest.raises(StoreError, match=r"\$\.links\[5\]\.sentences\[0\]\.confidence: "
                                         r"1\.5 is outside \[0, 1\]"):
        load_alignment(path, check_texts=False, warn=None)


def test_a_number_that_is_not_finite_is_refused_on_save(
    telegram: Alignment, tmp_path: Path
) -> None:
    out = tmp_path / "a.json"
    broken = replace(telegram, settings={**telegram.settings, "weights": [1.0, float("nan")]})
    with pytest.raises(StoreError, match="not finite"):
        save_alignment(broken, out)
    assert not out.exists()
    # The word in a text is not a null: the file is written.
    worded = replace(telegram, settings={**telegram.settings, "comment": "a null value"})
    save_alignment(worded, out)
    assert load_alignment(out, check_texts=False, warn=None).settings["comment"] == "a null value"


def _loads_orjson(*argv: str) -> bool:
    """Whether ``aligner ARGV`` run in a fresh interpreter imports orjson."""
    code = (f"import sys, runpy\nsys.argv = ['aligner', *{list(argv)!r}]\n"
            "try:\n    runpy.run_module('aligner', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('orjson' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO)
    return out.stdout.strip().splitlines()[-1] == "True"


def test_the_fast_json_library_is_not_loaded_to_print_help() -> None:
    assert not _loads_orjson("--help")


def _every_field_set() -> Evidence:
    """Evidence with every field away from its default (a new field must be added here)."""
    values = {"tuple[tuple[str, str], ...]": (("names", "кастро = castro"),),
              "tuple[str, ...]": ("29",), "int": 7, "float | None": 1.25, "float": 0.5,
              "bool": True, "str": "merged by hand"}
    kw = {}
    for f in fields(Evidence):
        assert f.type in values, f"Evidence.{f.name} has a new type {f.type}: add it here"
        kw[f.name] = values[f.type]
    return Evidence(**kw)


def test_every_evidence_field_survives_a_save_and_both_readers(
    telegram: Alignment, tmp_path: Path
) -> None:
    evidence = _every_field_set()
    first = replace(telegram.links[0], evidence=evidence)
    alignment = telegram.with_links([first, *telegram.links[1:]])
    data = json.loads(encode_alignment(alignment, tmp_path))
    for pristine in (True, False):
        loaded = alignment_from_dict(json.loads(json.dumps(data)), tmp_path, "a.json",
                                     pristine=pristine)
        assert loaded.links[0].evidence == evidence


def test_a_short_alignment_is_written_without_the_fast_json_library_in_its_bytes(
    tmp_path: Path,
) -> None:
    import orjson

    ru, en = tmp_path / "a.ru.txt", tmp_path / "a.en.txt"
    ru.write_text("Первый абзац. Два предложения.\n\nВторой абзац.\n", encoding="utf-8")
    en.write_text("The first paragraph. Two sentences.\n\nThe second paragraph.\n",
                  encoding="utf-8")
    out = tmp_path / "a.json"
    assert not _loads_orjson("align", str(ru), str(en), "-o", str(out), "-q")
    raw = out.read_bytes()
    assert raw == orjson.dumps(json.loads(raw),
                               option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    assert load_alignment(out).links[0].sentences


def test_a_short_alignment_with_a_number_that_is_not_finite_is_refused_on_save(
    telegram: Alignment, tmp_path: Path
) -> None:
    short = replace(telegram, links=telegram.links[:2], settings={"weights": [float("inf")]},
                    source=replace(telegram.source, segments=telegram.source.segments[:2]),
                    target=replace(telegram.target, segments=telegram.target.segments[:2]))
    with pytest.raises(StoreError, match="not finite"):
        encode_alignment(short, tmp_path)
