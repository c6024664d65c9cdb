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

ONE_FILE_CASES = {
    "hard_cases.tmx": ("tmx", ExportOptions()),
    "hard_cases.tsv": ("tsv", ExportOptions()),
    "hard_cases.csv": ("csv", ExportOptions()),
    "hard_cases.html": ("html", ExportOptions()),
    "hard_cases.md": ("markdown", ExportOptions()),
    "hard_cases.blocks.md": ("markdown", ExportOptions(md_style="blocks")),
    "hard_cases.jsonl": ("jsonl", ExportOptions()),
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
    result = export_alignment(hard_alignment(), tmp_path / "hard_cases", "intertext")
    names = sorted(p.name for p in result.paths)
    assert names == ["hard_cases.en.xml", "hard_cases.ru.en.xml", "hard_cases.ru.xml"]
    for path in result.paths:
        _check(path.name, path.read_bytes())


def test_every_format_has_a_golden_file() -> None:
    covered = {fmt for fmt, _ in ONE_FILE_CASES.values()} | {"intertext"}
    assert covered == set(FORMATS)


@pytest.mark.parametrize("fmt", [f for f in FORMATS if not FORMATS[f].several_files])
def test_exports_are_deterministic(fmt: str) -> None:
    """No timestamps or random ids: the same alignment always gives the same text."""
    assert render_text(hard_alignment(), fmt) == render_text(hard_alignment(), fmt)


def test_stream_export_writes_what_the_file_export_writes(tmp_path: Path) -> None:
    import io

    from aligner.io.export import export_to_stream

    buf = io.StringIO()
    export_to_stream(hard_alignment(), buf, "md")
    export_alignment(hard_alignment(), tmp_path / "x.md", "markdown")
    assert buf.getvalue() == (tmp_path / "x.md").read_text(encoding="utf-8")
