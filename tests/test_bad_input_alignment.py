"""Damaged alignment JSON, read by every command: one error line naming what is wrong.

Each damage is the kind a hand edit, a crash of another tool or a bad merge
leaves: a wrong type, a number out of range or not finite, a missing part, a
file nested too deeply to be an alignment.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.bad_input_harness import Case, run_case

Damage = Callable[[dict[str, Any]], Any]


def _link(i: int, **fields: Any) -> Damage:
    def damage(data: dict[str, Any]) -> dict[str, Any]:
        data["links"][i].update(fields)
        return data
    return damage


def _top(**fields: Any) -> Damage:
    def damage(data: dict[str, Any]) -> dict[str, Any]:
        data.update(fields)
        return data
    return damage


def _doc(side: str, **fields: Any) -> Damage:
    def damage(data: dict[str, Any]) -> dict[str, Any]:
        data[side].update(fields)
        return data
    return damage


def _segment(side: str, i: int, **fields: Any) -> Damage:
    def damage(data: dict[str, Any]) -> dict[str, Any]:
        data[side]["segments"][i].update(fields)
        return data
    return damage


def _drop(*keys: str) -> Damage:
    def damage(data: dict[str, Any]) -> dict[str, Any]:
        for key in keys:
            del data[key]
        return data
    return damage


def _raw(text: str) -> Damage:
    return lambda _data: text


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _dup_ids(data: dict[str, Any]) -> dict[str, Any]:
    data["links"][1]["id"] = data["links"][0]["id"]
    return data


def _drop_link(data: dict[str, Any]) -> dict[str, Any]:
    del data["links"][1]
    return data


def _literal(key: str, literal: str) -> Damage:
    """Write ``literal`` (NaN, Infinity, 1e400...) as the first link's ``key``."""
    def damage(data: dict[str, Any]) -> str:
        data["links"][0][key] = "@@"
        return json.dumps(data).replace('"@@"', literal)
    return damage


#: (name, damage, fragment of the message)
DAMAGES: list[tuple[str, Damage, str]] = [
    ("settings-number", _top(settings=5), "$.settings"),
    ("settings-string", _top(settings="x"), "$.settings"),
    ("links-object", _top(links={}), "$.links"),
    ("link-number", _top(links=[5]), "$.links[0]"),
    ("confidence-string", _link(0, confidence="high"), "$.links[0].confidence"),
    ("confidence-infinity", _literal("confidence", "Infinity"), "not a finite number"),
    ("confidence-1e400", _literal("confidence", "1e400"), "not a finite number"),
    ("confidence-nan", _literal("confidence", "NaN"), "not a finite number"),
    ("confidence-negative", _link(0, confidence=-0.5), "outside [0, 1]"),
    ("confidence-above-one", _link(0, confidence=2), "outside [0, 1]"),
    ("confidence-bool", _link(0, confidence=True), "$.links[0].confidence"),
    ("status-unknown", _link(0, status="done"), "$.links[0].status"),
    ("status-number", _link(0, status=5), "$.links[0].status"),
    ("bookmark-string", _link(0, bookmark="no"), "$.links[0].bookmark"),
    ("source-fraction", _link(0, source=[0.7]), "$.links[0].source[0]"),
    ("source-string-index", _link(0, source=["0"]), "$.links[0].source[0]"),
    ("source-negative", _link(0, source=[-1]), "$.links[0].source[0]"),
    ("source-bool", _link(0, source=[True]), "$.links[0].source[0]"),
    ("target-null", _link(0, target=None), "$.links[0].target"),
    ("source-not-contiguous", _link(0, source=[0, 2]), "$.links[0]"),
    ("link-both-sides-empty", _link(0, source=[], target=[]), "$.links[0]"),
    ("note-number", _link(0, note=5), "$.links[0].note"),
    ("flags-number", _link(0, flags=1), "$.links[0].flags"),
    ("flags-list-of-numbers", _link(0, flags=[1]), "$.links[0].flags[0]"),
    ("flag-kind-number", _link(0, flags=[{"kind": 5, "term": "t"}]), "flags[0].kind"),
    ("flag-without-term", _link(0, flags=[{"kind": "missing"}]), "flags[0].term"),
    ("revision-string", _link(0, revision="x"), "$.links[0].revision"),
    ("revision-text-number", _link(0, revision={"text": 5}), "$.links[0].revision.text"),
    ("evidence-list", _link(0, evidence=[]), "$.links[0].evidence"),
    ("evidence-nested-deep", _link(0, evidence={"x": _nested(200)}), "nested more than"),
    ("evidence-infinity", _literal("evidence", '{"x": -Infinity}'), "not a finite number"),
    ("id-string", _link(0, id="x"), "$.links[0].id"),
    ("id-negative", _link(0, id=-5), "$.links[0].id"),
    ("id-fraction", _link(0, id=1.5), "$.links[0].id"),
    ("ids-duplicated", _dup_ids, "also the id of link 0"),
    ("segments-string", _doc("source", segments="x"), "$.source.segments"),
    ("segment-without-text", _segment("source", 0, text=None), "$.source.segments[0].text"),
    ("segment-start-negative", _segment("target", 1, start=-1), "$.target.segments[1].start"),
    ("segment-end-before-start", _segment("target", 1, start=9, end=3), "before start"),
    ("segment-number", _doc("source", segments=[5]), "$.source.segments[0]"),
    ("provenance-unknown", _doc("target", provenance="holy"), "$.target.provenance"),
    ("language-markup", _doc("target", language="<script>x</script>"), "BCP 47"),
    ("language-number", _doc("source", language=5), "$.source.language"),
    ("metadata-number", _doc("source", metadata=5), "$.source.metadata"),
    ("path-number", _doc("source", path=5), "$.source.path"),
    ("source-missing", _drop("source"), "not an aligner alignment"),
    ("target-missing", _drop("target"), "$.target"),
    ("links-missing", _drop("links"), "not an aligner alignment"),
    ("target-string", _top(target="t.en.txt"), "$.target"),
    ("schema-version-string", _top(schema_version="1"), "schema_version"),
    ("schema-version-future", _top(schema_version=99), "newer than this aligner"),
    ("schema-version-zero", _top(schema_version=0), "schema_version"),
    ("format-other", _top(format="other-tool"), "$.format"),
    ("document-flags-number", _top(document_flags=5), "$.document_flags"),
    ("coverage-link-removed", _drop_link, "not covered exactly once"),
    ("coverage-index-past-end", _link(0, source=[99]), "not covered exactly once"),
    ("top-level-list", _raw("[1, 2, 3]"), "not an aligner alignment"),
    ("empty-file", _raw(""), "is empty"),
    ("truncated", lambda d: json.dumps(d)[:200], "not valid JSON"),
    ("nested-100000", _raw("[" * 100_000 + "]" * 100_000), "nested too deeply"),
    ("nested-object-100000", _raw('{"a":' * 100_000 + "1" + "}" * 100_000),
     "nested too deeply"),
]


def _write(damage: Damage) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        path = folder / "a.json"
        result = damage(json.loads(path.read_text(encoding="utf-8")))
        text = result if isinstance(result, str) else json.dumps(result, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
    return setup


#: The commands run on each damaged file: three that read alignments in different ways.
COMMANDS: list[tuple[str, list[str]]] = [
    ("export", ["export", "a.json", "-f", "tsv"]),
    ("report", ["report", "a.json"]),
    ("open", ["open", "a.json"]),
]

CASES = [
    Case(f"{command}-{name}", argv, _write(damage), message).param()
    for name, damage, message in DAMAGES
    for command, argv in COMMANDS
]

#: Every other command that reads an alignment, on three kinds of damage.
OTHER_COMMANDS: list[tuple[str, list[str]]] = [
    ("terms", ["terms", "a.json", "--glossary", "g.toml"]),
    ("concordance", ["concordance", "a.json", "un", "--glossary", "g.toml"]),
    ("glossary-suggest", ["glossary", "suggest", "a.json"]),
    ("revise", ["revise", "a.json", "1", "--text", "new wording"]),
    ("diff", ["diff", "a.json", "a.json"]),
    ("eval", ["eval", "a.json", "gold.ladder"]),
    ("export-html", ["export", "a.json", "-o", "out.html"]),
]
SOME_DAMAGES = [d for d in DAMAGES if d[0] in ("settings-number", "confidence-1e400",
                                                "nested-100000")]
CASES += [
    Case(f"{command}-{name}", argv, _write(damage), message).param()
    for name, damage, message in SOME_DAMAGES
    for command, argv in OTHER_COMMANDS
]


@pytest.mark.parametrize("case", CASES)
def test_a_damaged_alignment_is_one_error_line(case: Case, tmp_path: Path, capsys) -> None:
    line = run_case(case, tmp_path, capsys)
    assert "a.json" in line
