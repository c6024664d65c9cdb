"""Small corpora for the corpus tests, built in a temporary folder from real texts."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.conftest import REPO

TELEGRAM_TEXTS = REPO / "texts" / "kuznetsov-zorin-1962-10-30"
TELEGRAM_RU = TELEGRAM_TEXTS / "kuznetsov-zorin-1962-10-30.ru.txt"
TELEGRAM_EN = TELEGRAM_TEXTS / "kuznetsov-zorin-1962-10-30.en.txt"
TELEGRAM_GLOSSARY = REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"


def require(path: Path) -> None:
    """Skip when ``path`` (in ../shared) is missing; under CI its absence is a failure."""
    if path.exists():
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{path} is missing: the corpus tests need ../shared beside the repository")
    pytest.skip(f"{path.name} is not available")


def write_manifest(path: Path, pairs: Sequence[dict[str, str]], *, output: str = "alignments",
                   glossary: Path | None = None) -> Path:
    """A corpus.toml listing ``pairs`` (each: id, source, target and optional fields)."""
    lines = ["[corpus]", f'name = "{path.parent.name}"', f'output = "{output}"']
    if glossary is not None:
        lines.append(f'glossary = "{glossary.as_posix()}"')
    for pair in pairs:
        lines.append("\n[[pair]]")
        lines += [f'{key} = "{value}"' for key, value in pair.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def telegram_pairs(n: int, **extra: str) -> list[dict[str, str]]:
    """``n`` documents that are each the bundled telegram (same texts, their own ids and dates)."""
    return [{"id": f"cable-{k:02d}", "source": TELEGRAM_RU.as_posix(),
             "target": TELEGRAM_EN.as_posix(), "date": f"1962-10-{20 + k % 10:02d}", **extra}
            for k in range(n)]
