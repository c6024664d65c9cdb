"""The alignment store keeps a user's work: round trips, atomic writes, changed texts."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from aligner.core.model import Alignment, Document, Evidence, Flag, Link, Revision, Segment
from aligner.errors import SourceChangedError, StoreError
from aligner.io import store
from aligner.io.store import load_alignment, save_alignment, sha256_of

SCHEMA = Path(store.__file__).resolve().parents[1] / "schema" / "alignment.schema.json"

RU = [
    "Во-первых. Из бесед с У Таном у нас сложилось впечатление...",
    "В-пятых. До сих пор оружие называлось «наступательным».",
]
EN = [
    "First. From talks with U Thant, [and] conversations at the UN...",
    "Fifth. Until now our weaponry has been referred to as \"weaponry considered offensive\".",
    "We request your examination.",
]


def _documents(tmp_path: Path) -> tuple[Document, Document]:
    ru_path, en_path = tmp_path / "t.ru.txt", tmp_path / "t.en.txt"
    ru_path.write_text("\n\n".join(RU) + "\n", encoding="utf-8")
    en_path.write_text("\n\n".join(EN) + "\n", encoding="utf-8")
    ru = Document(
        segments=tuple(Segment(t) for t in RU),
        language="ru",
        path=str(ru_path),
        sha256=sha256_of(ru_path),
        provenance="reconstructed",
        metadata={"title": "Телеграмма"},
    )
    en = Document(
        segments=tuple(Segment(t) for t in EN),
        language="en",
        path=str(en_path),
        sha256=sha256_of(en_path),
        provenance="archival",
    )
    return ru, en


@pytest.fixture
def alignment(tmp_path: Path) -> Alignment:
    ru, en = _documents(tmp_path)
    links = (
        Link(
            (0,),
            (0,),
            confidence=0.91,
            evidence=Evidence(shared=(("names", "у тан = u thant"),), length_z=0.4, margin=3.2),
            review_threshold=0.5,
        ),
        Link(
            (1,),
            (1,),
            confidence=0.42,
            status="confirmed",
            note="terminology point",
            bookmark=True,
            flags=(Flag("variant", "offensive-weaponry", "flagged rendering"),),
            revision=Revision("Fifth. Until now...", author="reviewer", time="2026-11-28T10:00:00"),
        ),
        Link(
            (),
            (2,),
            confidence=0.3,
            evidence=Evidence(unmatched=True, margin=0.4),
            needs_review=True,
            review_threshold=0.5,
        ),
    )
    return Alignment(ru, en, links, settings={"algorithm": "test"})


def test_round_trip_keeps_everything(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    assert load_alignment(out) == alignment


def test_saved_file_follows_the_published_schema(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert data["schema_version"] == store.SCHEMA_VERSION
    assert data["links"][2] == {
        "id": 2, "source": [], "target": [2], "confidence": 0.3, "status": "auto", "note": "",
        "needs_review": True, "review_threshold": 0.5,
        "evidence": {
            "margin": 0.4, "unmatched": True,
            "reasons": [
                "no counterpart found: an omission or an addition",
                "linking it to a neighbour instead is nearly as good",
            ],
        },
    }  # fmt: skip


def test_the_schema_describes_the_review_fields_and_refuses_bad_ones(
    alignment: Alignment, tmp_path: Path
) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    link_fields = schema["$defs"]["link"]["properties"]
    assert link_fields["needs_review"]["type"] == "boolean"
    assert link_fields["review_threshold"]["maximum"] == 1
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["links"][2]["review_threshold"] = 1.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data["links"][2]["review_threshold"] = 0.5
    data["links"][2]["needs_review"] = "yes"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_a_version_1_file_loads_with_its_verdict_and_evidence(
    alignment: Alignment, tmp_path: Path
) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["schema_version"] = 1
    data["links"][0] = {
        "id": 0, "source": [0], "target": [0], "confidence": 0.42, "status": "auto",
        "evidence": {
            "length_z": 2.6, "margin": 0.3, "needs_review": True,
            "matched": {"numbers": ["27"]},
            "missing_numbers": {"source": ["5"], "target": []},
            "reasons": ["shared anchors: 1 numbers"],
        },
    }  # fmt: skip
    out.write_text(json.dumps(data), encoding="utf-8")
    link = load_alignment(out).links[0]
    assert link.needs_review
    assert link.evidence.shared == (("numbers", "27"),)
    assert link.evidence.target_only_numbers == ("5",)
    assert link.evidence.reasons[:3] == (
        "shares 1 number (27)",
        "only the translation has 5",
        "the translation is much longer than expected (z = +2.6)",
    )
    save_alignment(load_alignment(out), out)
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 2


def test_russian_stays_readable_and_paths_relative(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    raw = out.read_text(encoding="utf-8")
    assert "У Таном" in raw
    assert json.loads(raw)["source"]["path"] == "t.ru.txt"
    assert str(tmp_path) not in raw


def test_a_failed_write_leaves_the_previous_file_whole(
    alignment: Alignment, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    before = out.read_bytes()

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(StoreError, match=r"cannot write .*a\.json: disk full"):
        save_alignment(alignment.with_links(alignment.links[:1] + alignment.links[1:]), out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "t.en.txt", "t.ru.txt"]


def test_changed_text_is_reported_not_misapplied(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    (tmp_path / "t.en.txt").write_text("A different text.\n", encoding="utf-8")
    with pytest.raises(SourceChangedError, match="t.en.txt changed since"):
        load_alignment(out)
    assert load_alignment(out, check_texts=False) == alignment


def test_missing_text_files_still_open_from_stored_segments(
    alignment: Alignment, tmp_path: Path
) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    (tmp_path / "t.ru.txt").unlink()
    assert load_alignment(out).source.texts() == RU


def test_links_that_do_not_cover_the_texts_are_refused(
    alignment: Alignment, tmp_path: Path
) -> None:
    broken = alignment.with_links(alignment.links[:2])
    with pytest.raises(StoreError, match="target segments are not covered"):
        save_alignment(broken, tmp_path / "b.json")
    assert not (tmp_path / "b.json").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b'{"format": "aligner-alignment", "schema_version": 1, "source": {', "truncated"),
        (b"\xff\xfe\x00garbage", "not UTF-8 JSON"),
        (b'{"hello": 1}', "not an aligner alignment"),
        (b'{"schema_version": 99, "source": {}, "links": []}', "newer than this aligner reads"),
        (b'{"source": {}, "links": []}', "no schema_version"),
    ],
)
def test_unreadable_files_get_one_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(StoreError, match=message) as info:
        load_alignment(bad)
    assert "\n" not in str(info.value)


def test_hand_edited_links_out_of_order_are_refused(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    save_alignment(alignment, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["links"][0], data["links"][1] = data["links"][1], data["links"][0]
    out.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreError, match="not covered exactly once in order"):
        load_alignment(out)


def test_missing_alignment_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        load_alignment(tmp_path / "nope.json")


def test_saved_files_get_the_usual_permissions(alignment: Alignment, tmp_path: Path) -> None:
    out = tmp_path / "a.json"
    old = os.umask(0o022)
    try:
        save_alignment(alignment, out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_anchors_found_in_a_neighbouring_paragraph_are_kept_and_follow_the_schema(
    alignment: Alignment, tmp_path: Path
) -> None:
    evidence = replace(
        alignment.links[0].evidence,
        displaced=(("names", "кастро = castro"), ("numbers", "28")),
        displaced_weight=3.4,
        neighbour_displaced=1.2,
    )
    moved = replace(alignment, links=(replace(alignment.links[0], evidence=evidence),
                                      *alignment.links[1:]))  # fmt: skip
    out = tmp_path / "a.json"
    save_alignment(moved, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    stored = data["links"][0]["evidence"]
    assert stored["displaced"] == [["names", "кастро = castro"], ["numbers", "28"]]
    assert stored["displaced_weight"] == 3.4
    assert any("кастро = castro, 28" in reason for reason in stored["reasons"])
    assert load_alignment(out).links[0].evidence == evidence
