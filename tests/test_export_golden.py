"""Every export format, byte for byte, on the fixture alignment with every hard case.

The golden files live in tests/golden/. After a deliberate change of a format,
regenerate them with ``ALIGNER_UPDATE_GOLDEN=1 pytest tests/test_export_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from golden.hard_cases import hard_alignment

from aligner.io.export import FORMATS, ExportOptions, export_alignment, render_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ALIGNER_UPDATE_GOLDEN") == "1"

#: A fixed creation time, so the headers' date does not change the bytes.
CREATED = "2026-01-02T03:04:05+00:00"
FOR_CAT = ExportOptions(created=CREATED, use_revisions=True, include_rejected=True,
                        lang_tags=("ru-RU", "en-GB"))

ONE_FILE_CASES = {
    "hard_cases.tmx": ("tmx", ExportOptions(created=CREATED)),
    "hard_cases.revised.tmx": ("tmx", FOR_CAT),
    "hard_cases.tsv": ("tsv", ExportOptions(created=CREATED)),
    "hard_cases.csv": ("csv", ExportOptions(created=CREATED)),
    "hard_cases.html": ("html", ExportOptions(created=CREATED)),
    "hard_cases.md": ("markdown", ExportOptions(created=CREATED)),
    "hard_cases.blocks.md": ("markdown", ExportOptions(created=CREATED, md_style="blocks")),
    "hard_cases.jsonl": ("jsonl", ExportOptions(created=CREATED)),
    "hard_cases.revised.jsonl": ("jsonl", FOR_CAT),
}


def _check(name: str, produced: bytes) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.write_bytes(produced)
    assert golden.exists(), f"missing golden file {name}; run with ALIGNER_UPDATE_GOLDEN=1"
    assert produced == golden.read_bytes(), f"{name} differs from its golden file"


@pytest.mark.parametrize("name", sorted(ONE_FILE_CASES))
def test_one_file_format_matches_its_golden_file(name: str, tmp_path: Path) -> None:
    fmt, options = ONE_FILE_CASES[name]
    out = tmp_path / name
    export_alignment(hard_alignment(), out, fmt, options=options)
    _check(name, out.read_bytes())


def test_intertext_files_match_their_golden_files(tmp_path: Path) -> None:
    result = export_alignment(hard_alignment(), tmp_path / "hard_cases", "intertext",
                              options=ExportOptions(created=CREATED))
    names = sorted(p.name for p in result.paths)
    assert names == ["hard_cases.en.xml", "hard_cases.ru.en.xml", "hard_cases.ru.xml"]
    for path in result.paths:
        _check(path.name, path.read_bytes())


def test_every_format_has_a_golden_file() -> None:
    covered = {fmt for fmt, _ in ONE_FILE_CASES.values()} | {"intertext"}
    assert covered == set(FORMATS)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if not FORMATS[f].several_files])
def test_exports_are_deterministic(fmt: str) -> None:
    """No random ids, and the header's date is the creation time given (or
    SOURCE_DATE_EPOCH): the same alignment always gives the same text."""
    options = ExportOptions(created=CREATED)
    assert render_text(hard_alignment(), fmt, options=options) == render_text(
        hard_alignment(), fmt, options=options)


def test_source_date_epoch_fixes_the_creation_date(monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert 'creationdate="20231114T221320Z"' in render_text(hard_alignment(), "tmx")


def test_stream_export_writes_what_the_file_export_writes(tmp_path: Path) -> None:
    import io

    from aligner.io.export import export_to_stream

    buf = io.StringIO()
    options = ExportOptions(created=CREATED)
    export_to_stream(hard_alignment(), buf, "md", options=options)
    export_alignment(hard_alignment(), tmp_path / "x.md", "markdown", options=options)
    assert buf.getvalue() == (tmp_path / "x.md").read_text(encoding="utf-8")
