"""Store schema 2: sentences and sentence links are kept; version-1 files load and are upgraded."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from aligner.core.model import Alignment, Link
from aligner.core.sentences import align_sentences
from aligner.errors import StoreError
from aligner.io import store
from aligner.io.store import load_alignment, save_alignment
from aligner.io.texts import parse_document_text

SCHEMA = Path(store.__file__).resolve().parents[1] / "schema" / "alignment.schema.json"
RU = "Первое. Второе предложение.\n\nТретье [и] четвёртое. Пятое.\n"
EN = "First. The second sentence.\n\nThird [and] fourth. Fifth.\n"


def _two_level() -> Alignment:
    source = parse_document_text(RU, language="ru", sentences="auto")
    target = parse_document_text(EN, language="en", sentences="auto")
    links = (Link((0,), (0,)), Link((1,), (1,)))
    return align_sentences(Alignment(source, target, links), refine=False)


def test_sentences_and_sentence_links_round_trip(tmp_path: Path) -> None:
    alignment = _two_level()
    path = tmp_path / "a.json"
    save_alignment(alignment, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["schema_version"] == 2
    assert data["source"]["segments"][0]["sentences"] == [[0, 7, 0, 7], [8, 27, 8, 27]]
    loaded = load_alignment(path)
    assert loaded.source.segments == alignment.source.segments
    assert [lk.sentences for lk in loaded.links] == [lk.sentences for lk in alignment.links]


def test_a_version_1_file_loads_and_is_written_as_version_2(tmp_path: Path) -> None:
    alignment = _two_level()
    data = store.alignment_to_dict(alignment, tmp_path)
    data["schema_version"] = 1
    for side in ("source", "target"):
        for seg in data[side]["segments"]:
            del seg["sentences"]
    for lk in data["links"]:
        del lk["sentences"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = load_alignment(old)
    assert not loaded.source.has_sentences and not any(lk.sentences for lk in loaded.links)
    assert loaded.source.sentence_count == 2  # a paragraph not split counts as one sentence
    save_alignment(loaded, old)
    upgraded = json.loads(old.read_text(encoding="utf-8"))
    assert upgraded["schema_version"] == 2
    assert upgraded["links"] == data["links"]  # nothing lost, nothing invented


def test_a_newer_file_is_refused_not_downgraded(tmp_path: Path) -> None:
    data = store.alignment_to_dict(_two_level(), tmp_path)
    data["schema_version"] = store.SCHEMA_VERSION + 1
    path = tmp_path / "new.json"
    text = json.dumps(data)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match="newer than this aligner reads"):
        load_alignment(path)
    assert path.read_text(encoding="utf-8") == text


def test_a_sentence_link_leaving_its_paragraph_link_is_refused(tmp_path: Path) -> None:
    data = store.alignment_to_dict(_two_level(), tmp_path)
    data["links"][0]["sentences"][-1]["target"] = [1, 2]  # sentence 2 is in link 1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreError, match="sentence links do not cover"):
        load_alignment(path)


def test_saving_after_an_edit_realigns_the_stale_sentence_links(tmp_path: Path) -> None:
    from aligner.core import edits

    alignment = _two_level()
    merged = edits.merge_with_next(alignment, alignment.links[0].id)
    path = tmp_path / "m.json"
    save_alignment(merged, path)
    (link,) = load_alignment(path).links
    assert [s.source for s in link.sentences] == [(0,), (1,), (2,), (3,)]
