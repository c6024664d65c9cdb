"""A short paragraph dropped from one translation is reported, even when the aligner merges it.

The telegram's English with one short paragraph removed ("With regard to the
composition of the inspection apparatus, ...", original ¶12) is compared with
the full English. The aligner links the Russian ¶12-13 to the one remaining
paragraph (a 2-1 link reads as well as 1-1 plus 1-0 for so short a
paragraph), so the row looks rendered; the comparison must still say that ¶12
is missing from that translation, show its text, and not call the translation
100% similar.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from aligner.core.compare import Comparison, compare_documents
from aligner.io.bundled import bundled_document_paths
from aligner.io.compare_report import render_json, render_table
from aligner.io.compare_report.common import percent
from aligner.io.texts import load_document

SHORT = "With regard to the composition of the inspection apparatus"
DROPPED = 12  # the original paragraph it renders


def _translation_without(folder: Path, name: str, start: str, *, merge: bool = False) -> Path:
    """The English with the paragraph starting ``start`` removed (or, with ``merge``,
    joined to the next paragraph: all its words kept, one paragraph fewer)."""
    _, english = bundled_document_paths()
    paragraphs = english.read_text(encoding="utf-8").split("\n\n")
    i = next(k for k, p in enumerate(paragraphs) if p.strip().startswith(start))
    if merge:
        paragraphs[i:i + 2] = [paragraphs[i].strip() + " " + paragraphs[i + 1].strip()]
    else:
        del paragraphs[i]
    out = folder / name
    out.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return out


def _compare(*paths: Path) -> Comparison:
    russian, _ = bundled_document_paths()
    return compare_documents(load_document(russian), [load_document(p) for p in paths])


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("translations")


@pytest.fixture(scope="module")
def full(folder: Path) -> Path:
    _, english = bundled_document_paths()
    out = folder / "henriksen.en.txt"
    out.write_text(english.read_text(encoding="utf-8"), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def shortened(folder: Path) -> Path:
    return _translation_without(folder, "edited.en.txt", SHORT)


@pytest.mark.parametrize("order", ["full first", "shortened first"])
def test_a_dropped_short_paragraph_merged_by_the_aligner_is_missing(
    full: Path, shortened: Path, order: str
) -> None:
    paths = (full, shortened) if order == "full first" else (shortened, full)
    comp = _compare(*paths)
    k = paths.index(shortened)
    rows = [r for r in comp.rows if DROPPED in r.source]
    assert len(rows) == 1
    row = rows[0]
    assert row.source == (DROPPED, DROPPED + 1), "the aligner merged ¶12 into a 2-1 link"
    assert not row.missing_from  # the row looks rendered by both ...
    assert row.renderings[k].dropped == (DROPPED,)  # ... but ¶12 is not in the shortened one
    assert row.renderings[1 - k].dropped == ()
    assert row in comp.missing()
    assert row.similarity is not None and row.similarity < 1.0
    overall = comp.overall_similarity()[1]
    assert overall is not None and overall < 1.0
    assert percent(overall) != "100%"

    report = render_table(comp)
    assert (f"¶12 missing from {comp.labels[k]} (merged into its rendering of ¶13): "
            "Что касается состава аппарата инспекции") in report
    assert "Missing paragraphs:\n  none" not in report
    data = json.loads(render_json(comp))
    assert {"source": [12, 13], "missing_from": [],
            "dropped": [{"translation": k, "source": [12]}]} in data["missing"]


def test_two_paragraphs_joined_with_all_their_words_are_not_a_dropped_paragraph(
    full: Path, folder: Path
) -> None:
    joined = _translation_without(folder, "joined.en.txt", SHORT, merge=True)
    comp = _compare(full, joined)
    assert not any(r.dropped_from for r in comp.rows)
    assert comp.missing() == []


def test_the_same_translation_twice_has_nothing_missing_and_reads_100_percent(
    full: Path, folder: Path
) -> None:
    copy = folder / "copy.en.txt"
    copy.write_text(full.read_text(encoding="utf-8"), encoding="utf-8")
    comp = _compare(full, copy)
    assert comp.missing() == []
    assert [percent(s) for s in comp.overall_similarity()] == ["100%", "100%"]


def test_only_identical_text_reads_100_percent() -> None:
    assert [percent(v) for v in (1.0, 0.9996, 0.996, 0.994, 0.5, None)] == [
        "100%", "99.9%", "99.6%", "99%", "50%", "-"]


def test_the_cli_lists_the_dropped_paragraph(full: Path, shortened: Path) -> None:
    russian, _ = bundled_document_paths()
    out = subprocess.run(
        [sys.executable, "-m", "aligner", "compare", str(russian), str(full), str(shortened)],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "¶12 missing from edited.en.txt (merged into its rendering of ¶13)" in out
    assert "similarity to T1 100%" in out.splitlines()[2]  # T1 against itself
    assert "similarity to T1 100%" not in out.splitlines()[3]
