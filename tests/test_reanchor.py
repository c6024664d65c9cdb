"""``aligner reanchor``: edit one paragraph of the telegram, keep every other link's review."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.core.reanchor import paragraph_map, reanchor
from aligner.io.store import load_alignment, save_alignment
from tests.conftest import REPO

NAME = "kuznetsov-zorin-1962-10-30"


@pytest.fixture
def telegram(tmp_path: Path) -> Path:
    """The bundled telegram and its alignment, with review work on several links."""
    shutil.copytree(REPO / "texts" / NAME, tmp_path / "texts" / NAME)
    (tmp_path / "alignments").mkdir()
    path = tmp_path / "alignments" / f"{NAME}.json"
    shutil.copy(REPO / "alignments" / f"{NAME}.json", path)
    al = load_alignment(path)
    links = list(al.links)
    for i in range(0, len(links), 3):
        links[i] = replace(links[i], status="confirmed", note=f"checked {i}")
    links[1] = replace(links[1], status="rejected", bookmark=True)
    save_alignment(al.with_links(links), path)
    return path


def _edit_english(telegram: Path, link_index: int) -> tuple[int, str]:
    al = load_alignment(telegram)
    link = al.links[link_index]
    paragraph = al.target.segments[link.target[0]].text
    english = telegram.parents[1] / "texts" / NAME / f"{NAME}.en.txt"
    text = english.read_text(encoding="utf-8")
    first_words = " ".join(paragraph.split()[:6])
    assert text.count(first_words) == 1
    start = text.index(first_words)
    edited = text[:start] + "In short, " + text[start].lower() + text[start + 1:]
    english.write_text(edited, encoding="utf-8")
    return link.id, paragraph


def test_reanchor_keeps_every_other_link_and_marks_the_edited_one(telegram: Path,
                                                                   capsys) -> None:
    before = load_alignment(telegram)
    candidates = [i for i, lk in enumerate(before.links)
                  if len(lk.target) == 1 and len(lk.source) == 1 and i > 3 and lk.note]
    edited_index = candidates[0]
    edited_id, _ = _edit_english(telegram, edited_index)
    # every command that reads the alignment reports the change the same way
    assert main(["report", str(telegram)]) == 0
    assert f"run 'aligner reanchor {telegram}'" in capsys.readouterr().err

    assert main(["reanchor", str(telegram)]) == 0
    out = capsys.readouterr().out
    assert f"kept {len(before.links) - 1} links as they were" in out
    after = load_alignment(telegram)  # the texts match again: no --ignore-changes needed
    assert telegram.with_name(telegram.name + ".bak").is_file()
    old_by_id = {lk.id: lk for lk in before.links}
    kept = [lk for lk in after.links if lk.id in old_by_id and lk.id != edited_id]
    assert len(kept) == len(before.links) - 1
    for lk in kept:
        old = old_by_id[lk.id]
        assert (lk.status, lk.note, lk.bookmark, lk.revision) == (
            old.status, old.note, old.bookmark, old.revision)
        assert after.source_text(lk) == before.source_text(old)
        assert after.target_text(lk) == before.target_text(old)
    new = [lk for lk in after.links if lk.id not in old_by_id or lk.id == edited_id]
    assert len(new) == 1 and new[0].needs_review and new[0].status == "auto"
    assert after.target_text(new[0]).startswith("In short, ")
    # the reviewer's note of the replaced link is carried, not lost
    assert new[0].note == f"before re-anchoring: {old_by_id[edited_id].note}"


def test_unchanged_texts_need_no_reanchoring(telegram: Path, capsys) -> None:
    before = telegram.read_bytes()
    assert main(["reanchor", str(telegram)]) == 0
    assert "nothing to re-anchor" in capsys.readouterr().out
    assert telegram.read_bytes() == before


def test_reanchor_to_another_file_refuses_an_existing_one(telegram: Path, capsys) -> None:
    _edit_english(telegram, 5)
    other = telegram.with_name("other.json")
    other.write_text("mine", encoding="utf-8")
    assert main(["reanchor", str(telegram), "-o", str(other)]) == 2
    assert "--force" in capsys.readouterr().err and other.read_text() == "mine"


def test_paragraphs_are_matched_by_content_in_order() -> None:
    from aligner.io.importers.common import document_from_texts

    old = document_from_texts(["a", "b", "c", "d"], language="en")
    new = document_from_texts(["a", "x", "c", "d", "e"], language="en")
    assert paragraph_map(old, new) == {0: 0, 2: 2, 3: 3}


def test_a_deleted_paragraph_leaves_its_note_on_the_next_link() -> None:
    from aligner.core.model import Alignment, Link
    from aligner.io.importers.common import document_from_texts

    src = document_from_texts(["A", "B", "C"], language="ru")
    tgt = document_from_texts(["a", "b", "c"], language="en")
    al = Alignment(src, tgt, (Link((0,), (0,)), Link((1,), (1,), note="keep me"),
                              Link((2,), (2,), status="confirmed")))
    new_src = document_from_texts(["A", "C"], language="ru")
    new_tgt = document_from_texts(["a", "c"], language="en")
    result = reanchor(al, new_src, new_tgt, lambda s, t: pytest.fail("nothing to align"))
    assert result.kept == 2 and result.dropped == 1
    assert [lk.note for lk in result.alignment.links] == ["", "before re-anchoring: keep me"]
    assert result.alignment.links[1].status == "confirmed"
