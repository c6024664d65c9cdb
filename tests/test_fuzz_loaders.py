"""Fuzzing every loader: damaged files of each format raise aligner's own errors, nothing else.

Each format starts from a valid file aligner wrote (or reads) and Hypothesis
damages it two ways: byte edits (flips, insertions, deletions, truncation) and,
for the JSON formats, a value anywhere in the tree replaced by any JSON value
(wrong types, NaN, 1e400, deep lists, lone surrogates). The loader must either
load it or raise an :class:`AlignerError`; any other exception is a bug.

Examples per format: 500 under CI (derandomised by the ``ci`` profile in
conftest.py), 60 locally, or ``ALIGNER_FUZZ_EXAMPLES`` (``bench/bench_fuzz_loaders.py``
runs 5,000).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.errors import AlignerError
from aligner.io.export import export_alignment
from aligner.io.glossary import load_glossary
from aligner.io.importers import import_file
from aligner.io.journal import read_journal_file, write_journal
from aligner.io.ladder import parse_ladder
from aligner.io.store import load_alignment, parse_alignment_bytes, save_alignment
from aligner.tui.sample import telegram_excerpt
from tests.bad_input_harness import GLOSSARY_TOML, make_folder

EXAMPLES = int(os.environ.get("ALIGNER_FUZZ_EXAMPLES") or (500 if os.environ.get("CI") else 60))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=8)
    | st.sampled_from(["\ud800", "\x1b]0;x\x07", "und", "auto", "<script>", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=3),
    max_leaves=6,
)


@st.composite
def byte_damage(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "repeat"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8)
                               | st.sampled_from([b"[", b"{", b'"', b"\\u", b"<", b"\x00",
                                                  b"NaN", b"1e400", b"\xff"]))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif kind == "truncate":
            del data[at:]
        elif kind == "repeat":
            data[at:at] = data[at:at + 20] * draw(st.integers(2, 50))
    return bytes(data)


def _children(node: Any) -> list[tuple[Any, Any]]:
    if isinstance(node, dict):
        return list(node.items())
    if isinstance(node, list):
        return list(enumerate(node))
    return []


@st.composite
def json_damage(draw: st.DrawFn, seed: Any) -> str:
    tree = json.loads(json.dumps(seed))
    for _ in range(draw(st.integers(1, 3))):
        parent, key, node = None, None, tree
        while _children(node) and (parent is None or draw(st.booleans())):
            parent = node
            key, node = draw(st.sampled_from(_children(node)))
        if parent is None:
            continue
        if draw(st.integers(0, 4)) == 0 and isinstance(parent, dict):
            del parent[key]
        else:
            parent[key] = draw(json_values)
    return json.dumps(tree, ensure_ascii=draw(st.booleans()))


def _only_our_errors(load: Callable[[], object], one_line: bool = True) -> None:
    try:
        load()
    except AlignerError as exc:
        text = str(exc)
        assert text and "Traceback" not in text
        if one_line:  # the command line folds any line break anyway
            assert "\n" not in text, text


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fuzz")
    make_folder(base)
    return base


def _seed_alignment(folder: Path) -> tuple[bytes, Any]:
    raw = (folder / "a.json").read_bytes()
    return raw, json.loads(raw)


# --- alignment JSON and journals ------------------------------------------------------


@FUZZ
@given(data=st.data())
def test_alignment_json_bytes(folder: Path, data: st.DataObject) -> None:
    raw, _ = _seed_alignment(folder)
    damaged = data.draw(byte_damage(raw))
    _only_our_errors(lambda: parse_alignment_bytes(damaged, folder / "a.json"))


@FUZZ
@given(data=st.data())
def test_alignment_json_values(folder: Path, data: st.DataObject) -> None:
    _, tree = _seed_alignment(folder)
    text = data.draw(json_damage(tree))
    _only_our_errors(lambda: parse_alignment_bytes(
        text.encode("utf-8", "surrogatepass"), folder / "a.json"))


@FUZZ
@given(data=st.data())
def test_journal(folder: Path, data: st.DataObject) -> None:
    jpath = folder / "a.json.fuzz.journal"
    if not jpath.exists():
        write_journal(load_alignment(folder / "a.json", warn=None), folder / "a.json",
                      edits=2, session="fuzz")
    seed = json.loads(jpath.read_text(encoding="utf-8"))
    damaged = folder / "damaged.journal"
    if data.draw(st.booleans()):
        damaged.write_bytes(data.draw(byte_damage(jpath.read_bytes())))
    else:
        damaged.write_bytes(data.draw(json_damage(seed)).encode("utf-8", "surrogatepass"))
    _only_our_errors(lambda: read_journal_file(damaged, folder / "a.json"))


# --- import formats --------------------------------------------------------------------


def _exported(folder: Path, fmt: str, name: str) -> Path:
    path = folder / name
    if not path.exists():
        export_alignment(telegram_excerpt(), path, fmt, stem="seed")
    return path


def _fuzz_import(folder: Path, data: st.DataObject, seed: Path, fmt: str,
                 damaged_name: str, **options: Any) -> None:
    damaged = folder / damaged_name
    raw = seed.read_bytes()
    if fmt == "jsonl" and data.draw(st.booleans()):
        lines = [json.loads(line) for line in raw.decode("utf-8").splitlines()]
        text = "\n".join(data.draw(json_damage(rec)) if data.draw(st.booleans())
                         else json.dumps(rec, ensure_ascii=False) for rec in lines)
        damaged.write_bytes(text.encode("utf-8", "surrogatepass"))
    else:
        damaged.write_bytes(data.draw(byte_damage(raw)))
    _only_our_errors(lambda: import_file(damaged, fmt, **options))


@FUZZ
@given(data=st.data())
def test_jsonl_import(folder: Path, data: st.DataObject) -> None:
    _fuzz_import(folder, data, _exported(folder, "jsonl", "seed.jsonl"), "jsonl", "x.jsonl")


@FUZZ
@given(data=st.data())
def test_tmx_import(folder: Path, data: st.DataObject) -> None:
    _fuzz_import(folder, data, _exported(folder, "tmx", "seed.tmx"), "tmx", "x.tmx")


@FUZZ
@given(data=st.data())
def test_intertext_import(folder: Path, data: st.DataObject) -> None:
    sub = folder / "intertext"
    sub.mkdir(exist_ok=True)
    link = sub / "seed.ru.en.xml"
    if not link.exists():
        export_alignment(telegram_excerpt(), sub, "intertext", stem="seed")
    target = data.draw(st.sampled_from(["seed.ru.en.xml", "seed.ru.xml", "seed.en.xml"]))
    original = (sub / target).read_bytes()
    (sub / target).write_bytes(data.draw(byte_damage(original)))
    try:
        _only_our_errors(lambda: import_file(link, "intertext"))
    finally:
        (sub / target).write_bytes(original)


@FUZZ
@given(data=st.data())
def test_ladder_import_and_gold(folder: Path, data: st.DataObject) -> None:
    seed = (folder / "gold.ladder").read_bytes()
    damaged = data.draw(byte_damage(seed) | st.text(max_size=40).map(str.encode))
    (folder / "x.ladder").write_bytes(damaged)
    _only_our_errors(lambda: parse_ladder(damaged.decode("utf-8", "replace")))
    _only_our_errors(lambda: import_file(folder / "x.ladder", "ladder",
                                         source=folder / "s.ru.txt", target=folder / "t.en.txt"))


# --- glossaries ------------------------------------------------------------------------


GLOSSARY_SEEDS = {
    "toml": GLOSSARY_TOML.encode("utf-8"),
    "csv": "source,target,note\nООН,UN,the organisation\n\"a, b\",c,\n".encode(),
}


@FUZZ
@given(data=st.data())
def test_glossary_toml_and_csv(folder: Path, data: st.DataObject) -> None:
    fmt = data.draw(st.sampled_from(sorted(GLOSSARY_SEEDS)))
    path = folder / f"x.{fmt}"
    path.write_bytes(data.draw(byte_damage(GLOSSARY_SEEDS[fmt])))
    _only_our_errors(lambda: load_glossary(path), one_line=False)


@FUZZ
@given(data=st.data())
def test_glossary_tbx(folder: Path, data: st.DataObject) -> None:
    seed = folder / "seed.tbx"
    if not seed.exists():
        from aligner.io.glossary import save_glossary

        save_glossary(load_glossary(folder / "g.toml"), seed)
    path = folder / "x.tbx"
    path.write_bytes(data.draw(byte_damage(seed.read_bytes())))
    _only_our_errors(lambda: load_glossary(path), one_line=False)


def test_the_seeds_themselves_load(folder: Path) -> None:
    """Each fuzzed format starts from a file that loads, so damage is what is tested."""
    save_alignment(load_alignment(folder / "a.json", warn=None), folder / "again.json")
    import_file(_exported(folder, "jsonl", "seed.jsonl"), "jsonl")
    import_file(_exported(folder, "tmx", "seed.tmx"), "tmx")
    import_file(folder / "gold.ladder", "ladder", source=folder / "s.ru.txt",
                target=folder / "t.en.txt")
    for fmt, raw in GLOSSARY_SEEDS.items():
        (folder / f"ok.{fmt}").write_bytes(raw)
        load_glossary(folder / f"ok.{fmt}")
