"""Questions across a corpus: terms, concordance, report and export, each carrying provenance."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from aligner.cli import main
from aligner.io.store import load_alignment, save_alignment
from tests.conftest import RUEN_BENCH
from tests.corpus_helpers import TELEGRAM_GLOSSARY, require, telegram_pairs, write_manifest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three copies of the telegram (dated) and two bench works, aligned."""
    require(RUEN_BENCH)
    folder = tmp_path_factory.mktemp("corpus")
    pairs = telegram_pairs(3, archive="AVP RF", translator="John Henriksen")
    pairs[2]["date"] = pairs[0]["date"]  # two documents of one day
    for name in ("khameleon", "the_gift_of_the_magi"):
        pairs.append({"id": name, "source": (RUEN_BENCH / f"{name}.ru.txt").as_posix(),
                      "target": (RUEN_BENCH / f"{name}.en.txt").as_posix()})
    write_manifest(folder / "corpus.toml", pairs, glossary=TELEGRAM_GLOSSARY)
    assert main(["corpus", "align", str(folder), "-w", "2", "-q"]) == 0
    # a reviewer has confirmed two links of one document
    path = folder / "alignments" / "cable-01.json"
    al = load_alignment(path)
    save_alignment(al.with_links([replace(lk, status="confirmed") if i < 2 else lk
                                  for i, lk in enumerate(al.links)]), path)
    return folder


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_corpus_terms_are_the_sum_of_each_documents_terms(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glossary = str(TELEGRAM_GLOSSARY)
    whole = _json(capsys, ["corpus", "terms", str(corpus), "--glossary", glossary, "-f", "json"])
    hits = findings = 0
    per_term: dict[str, int] = {}
    for path in sorted((corpus / "alignments").glob("*.json")):
        alone = _json(capsys, ["terms", str(path), "--glossary", glossary, "--format", "json"])
        doc = next(d for d in whole["documents"] if d["document"] == path.stem)
        assert (doc["hits"], doc["findings"]) == (len(alone["hits"]), len(alone["flags"]))
        hits += len(alone["hits"])
        findings += len(alone["flags"])
        for h in alone["hits"]:
            per_term[h["term"]] = per_term.get(h["term"], 0) + 1
    assert hits > 0 and findings > 0
    assert (whole["total"]["hits"], whole["total"]["findings"]) == (hits, findings)
    assert {t: c["source_hits"] + c["target_hits"] for t, c in whole["total"]["terms"].items()
            if c["source_hits"] + c["target_hits"]} == per_term
    one = next(d for d in whole["documents"] if d["document"] == "cable-00")
    assert whole["by_date"]["1962-10-20"]["hits"] == 2 * one["hits"]
    assert whole["by_date"]["1962-10-20"]["documents"] == 2
    assert "offensive-weaponry" in whole["total"]["terms"]
    renderings = whole["total"]["terms"]["offensive-weaponry"]["renderings"]
    assert sum(renderings.values()) == whole["total"]["terms"]["offensive-weaponry"][
        "target_hits"]


def test_corpus_terms_table_uses_each_pairs_own_glossary(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "terms", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("corpus ")
    assert "offensive-weaponry" in out
    assert "reconstructed/archival  (NOT ARCHIVAL)" in out
    assert "1962-10-20" in out


def test_corpus_concordance_names_the_document_of_every_line(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _json(capsys, ["corpus", "concordance", str(corpus), "offensive-weaponry",
                          "-f", "json"])
    cables = [d for d in data["documents"] if d["document"].startswith("cable-")]
    assert len(cables) == 3 and all(d["lines"] for d in cables)
    assert cables[0]["provenance"] == {"source": "reconstructed", "target": "archival"}
    assert main(["corpus", "concordance", str(corpus), "offensive-weaponry"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].startswith("offensive-weaponry: ")
    assert table.splitlines()[1] == ("note: the source text of cable-00, cable-01, cable-02 is "
                                     "a RECONSTRUCTION, not an archival original")
    assert any(line.split()[:2] == ["cable-02", "link"] for line in table.splitlines())


def test_corpus_report_gives_review_state_per_document(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _json(capsys, ["corpus", "report", str(corpus), "-f", "json"])
    rows = {r["document"]: r for r in data["documents"]}
    assert set(rows) == {"cable-00", "cable-01", "cable-02", "khameleon", "the_gift_of_the_magi"}
    assert rows["cable-01"]["confirmed"] == 2 and rows["cable-00"]["confirmed"] == 0
    assert all(r["state"] == "aligned" for r in rows.values())
    assert rows["cable-00"]["source_provenance"] == "reconstructed"
    assert rows["cable-00"]["metadata"]["archive"] == "AVP RF"
    alone = load_alignment(corpus / "alignments" / "khameleon.json")
    assert rows["khameleon"]["links"] == len(alone.links)
    assert data["total"]["links"] == sum(r["links"] for r in rows.values())
    assert main(["corpus", "report", str(corpus)]) == 0
    table = capsys.readouterr().out
    assert "NOT ARCHIVAL" in table and table.splitlines()[-1].startswith("total")


def test_the_jsonl_export_carries_document_id_metadata_and_provenance(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "export", str(corpus), "-f", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_doc: dict[str, int] = {}
    for rec in records:
        by_doc[rec["document"]] = by_doc.get(rec["document"], 0) + 1
    for doc, n in by_doc.items():
        assert n == len(load_alignment(corpus / "alignments" / f"{doc}.json").links)
    cable = next(r for r in records if r["document"] == "cable-00")
    assert cable["document_provenance"] == {"source": "reconstructed", "target": "archival"}
    assert cable["provenance"]["source"] == "reconstructed"
    assert cable["document_metadata"]["translator"] == "John Henriksen"


def test_filters_work_as_for_one_document(corpus: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "confirmed.csv"
    assert main(["corpus", "export", str(corpus), "-o", str(out), "--confirmed"]) == 0
    assert "exported 2 units" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [r["document"] for r in rows] == ["cable-01", "cable-01"]
    assert rows[0]["date"] == "1962-10-21" and rows[0]["source_provenance"] == "reconstructed"
    # an existing file is the user's: not overwritten without --force
    assert main(["corpus", "export", str(corpus), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err


def test_the_tmx_export_is_one_memory_with_unique_unit_ids(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "corpus.tmx"
    assert main(["corpus", "export", str(corpus), "-o", str(out), "--document", "cable-00",
                 "--document", "khameleon"]) == 0
    capsys.readouterr()
    root = etree.parse(str(out)).getroot()
    header = root.find("header")
    assert header.get("srclang") == "ru"
    assert "not an archival original" in header.find("note").text
    tus = root.findall("body/tu")
    ids = [tu.get("tuid") for tu in tus]
    assert len(ids) == len(set(ids)) and ids[0].startswith("cable-00:")
    props = {p.get("type"): p.text for p in tus[0].findall("prop")}
    assert props["x-document"] == "cable-00"
    assert props["x-source-provenance"] == "reconstructed"
    assert props["x-document-archive"] == "AVP RF"
    # the props come before the tuvs, as the TMX DTD wants
    kinds = [child.tag for child in tus[0]]
    assert kinds.index("tuv") > max(i for i, k in enumerate(kinds) if k == "prop")
    assert {tu.get("tuid").split(":")[0] for tu in tus} == {"cable-00", "khameleon"}


def test_one_term_across_the_corpus_by_date_and_document(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["corpus", "terms", str(corpus), "--term", "offensive-weaponry"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("offensive-weaponry in corpus ")
    assert "renderings: " in out
    lines = out.splitlines()
    assert any(line.startswith("1962-10-20 ") for line in lines)
    assert any(line.startswith("cable-02 ") for line in lines)
    assert not any(line.startswith("khameleon ") for line in lines)  # no occurrence there
    assert main(["corpus", "terms", str(corpus), "--term", "no-such-term"]) == 2
    assert "occurs in no document" in capsys.readouterr().err
