"""An installed aligner carries what it needs: bundled texts, glossary, styles, schema."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_ships_bundled_texts_styles_and_schema(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = tmp_path.glob("aligner-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    bundled = "aligner/_bundled/texts/kuznetsov-zorin-1962-10-30/"
    for expected in (
        bundled + "kuznetsov-zorin-1962-10-30.en.txt",
        bundled + "kuznetsov-zorin-1962-10-30.ru.txt",
        bundled + "metadata.toml",
        "aligner/_bundled/texts/glossaries/kuznetsov-zorin-1962-10-30.toml",
        "aligner/tui/aligner.tcss",
        "aligner/schema/alignment.schema.json",
        "aligner/core/align/fitted.json",
    ):
        assert expected in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "aligner = aligner.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
