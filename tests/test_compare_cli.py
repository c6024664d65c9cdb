"""`aligner compare`, `aligner revise` and `aligner diff` from the command line, end to end.

Compare runs the real aligner on the bundled Russian reconstruction of the
telegram and the three fixture translations (A as bundled, B with paragraph
"If the Americans insist ..." left out, C with key terms reworded).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.core.align import align_documents
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.store import load_alignment, save_alignment

FIXTURES = Path(__file__).parent / "fixtures" / "translations"
TRANSLATIONS = [str(FIXTURES / f"translation-{x}.en.txt") for x in "abc"]


@pytest.fixture(scope="module")
def russian() -> str:
    from aligner.io.bundled import bundled_document_paths

    return str(bundled_document_paths()[0])


@pytest.fixture(scope="module")
def compare_json(russian, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("compare") / "comparison.json"
    code = main(["compare", russian, *TRANSLATIONS, "--glossary",
                 str(bundled_glossary_path()), "-o", str(out)])
    assert code == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_compare_finds_the_paragraph_b_leaves_out(compare_json):
    assert compare_json["original"]["reconstruction"] is True
    [missing] = compare_json["missing"]
    assert missing["missing_from"] == [1]
    row = next(r for r in compare_json["rows"] if r["source"] == missing["source"])
    assert row["renderings"][0]["text"].startswith("If the Americans insist, we will consider")
    assert row["renderings"][1]["missing"] is True
    assert compare_json["additions"] == []


def test_compare_term_table_shows_how_c_renders_the_key_terms(compare_json):
    terms = {t["term"]: t for t in compare_json["terms"]}
    presence = terms["un-presence"]
    a, b, c = presence["translations"]
    assert [(u["text"], u["count"]) for u in a["uses"]] == [("UN presence", 3)]
    assert b["uses"] == a["uses"]
    assert c["uses"] == [] and c["not_found"] == 3
    assert [(u["text"], u["count"]) for u in c["instead"]] == [("United Nations presence", 3)]
    blockade = terms["blockade"]["translations"]
    assert [(u["text"], u["rendering"]) for u in blockade[2]["uses"]] == [("quarantine", "flagged")]
    weaponry = {u["text"] for u in terms["offensive-weaponry"]["translations"][2]["uses"]}
    assert "offensive armaments" in weaponry and "offensive weaponry" not in weaponry
    assert terms["security-council"]["differs"] is False


def test_compare_ranks_the_reworded_paragraphs_as_most_different(compare_json):
    rows = {tuple(r["source"]): r for r in compare_json["rows"]}
    for source in compare_json["most_different"]:
        c = rows[tuple(source)]["renderings"][2]
        assert any(op["tag"] != "equal" for op in c["diff"])


def test_compare_prints_a_table_without_output_file(russian, capsys):
    assert main(["compare", russian, *TRANSLATIONS[:2]]) == 0
    out = capsys.readouterr().out
    assert "** RECONSTRUCTED: not an archival text **" in out
    assert "missing from translation-b.en.txt: Если американцы будут настаивать" in out


def test_compare_refuses_a_single_translation(russian, capsys):
    assert main(["compare", russian, TRANSLATIONS[0]]) == 2
    assert capsys.readouterr().err == (
        "aligner: error: give the original and at least two translations to compare\n"
    )


@pytest.fixture
def telegram_json(tmp_path) -> Path:
    ru, en = load_bundled()
    path = tmp_path / "telegram.json"
    save_alignment(align_documents(ru, en), path)
    return path


def _fifth(path: Path) -> int:
    """0-based position of the "Fifth." link (its number in commands is one more)."""
    alignment = load_alignment(path)
    return next(i for i, lk in enumerate(alignment.links)
                if alignment.target_text(lk).startswith("Fifth. Until now"))


def test_revise_round_trip_keeps_the_original_in_the_json(telegram_json, capsys):
    link = _fifth(telegram_json)
    original = load_alignment(telegram_json).target_text(load_alignment(telegram_json).links[link])
    revised = original.replace('"offensive weaponry."', '"offensive weapons."')
    code = main(["revise", str(telegram_json), str(link + 1), "--text", revised,
                 "--author", "jh", "--note", "plainer"])
    assert code == 0
    out = capsys.readouterr().out
    assert f"link {link + 1}: revision saved to {telegram_json} (jh, " in out
    assert 'formulation "offensive [-weaponry-]{+weapons+}."' in out
    data = json.loads(telegram_json.read_text(encoding="utf-8"))
    stored = data["links"][link]
    assert stored["revision"]["text"] == revised and stored["revision"]["note"] == "plainer"
    target = data["target"]["segments"]
    assert "\n\n".join(target[i]["text"] for i in stored["target"]) == original
    assert main(["revise", str(telegram_json), str(link + 1)]) == 0  # shows the stored diff
    assert "[-weaponry-]{+weapons+}" in capsys.readouterr().out
    assert main(["revise", str(telegram_json), str(link + 1), "--clear"]) == 0
    assert capsys.readouterr().out == f"link {link + 1}: revision removed\n"
    assert "revision" not in json.loads(telegram_json.read_text(encoding="utf-8"))["links"][link]


def test_revise_reports_a_term_the_revision_breaks(telegram_json, capsys):
    link = _fifth(telegram_json)
    al = load_alignment(telegram_json)
    revised = al.target_text(al.links[link]).replace("offensive weaponry", "offensive weapons")
    code = main(["revise", str(telegram_json), str(link + 1), "--text", revised,
                 "--glossary", str(bundled_glossary_path())])
    assert code == 0
    out = capsys.readouterr().out
    assert "terms: introduces" in out and "offensive-weaponry" in out
    # Without --glossary the bundled telegram's own glossary is used.
    assert main(["revise", str(telegram_json), str(link + 1)]) == 0
    assert "terms: introduces" in capsys.readouterr().out


def test_revise_from_a_file_and_bad_links(telegram_json, tmp_path, capsys):
    text = tmp_path / "rev.txt"
    text.write_text("We ask you to examine [this].\n", encoding="utf-8")
    total = len(load_alignment(telegram_json).links)
    for wrong in ("999", "0"):
        assert main(["revise", str(telegram_json), wrong, "--file", str(text)]) == 2
        assert f"there is no link {wrong}; links are numbered 1-{total}" in (
            capsys.readouterr().err
        )
    assert main(["revise", str(telegram_json), "1", "--file", str(tmp_path / "nope.txt")]) == 2
    assert "revision file" in capsys.readouterr().err


def test_diff_lists_a_review(telegram_json, tmp_path, capsys):
    old = load_alignment(telegram_json)
    links = list(old.links)
    links[0] = replace(links[0], status="confirmed")
    links[1] = replace(links[1], status="rejected", note="check against the Russian")
    new_path = tmp_path / "reviewed.json"
    save_alignment(old.with_links(links), new_path)
    assert main(["diff", str(telegram_json), str(new_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("confirmed    links 1 -> 1")
    assert out[1].startswith("rejected     links 2 -> 2")
    assert out[2].startswith("renoted      links 2 -> 2") and "check against the Russian" in out[2]
    assert out[-1] == "3 changes: 1 confirmed, 1 rejected, 1 renoted"
    assert main(["diff", str(telegram_json), str(new_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == {"confirmed": 1, "rejected": 1, "renoted": 1}


def test_diff_refuses_alignments_of_different_texts(telegram_json, tmp_path, capsys):
    ru, _ = load_bundled()
    b = FIXTURES / "translation-b.en.txt"
    from aligner.io.texts import load_document

    other = tmp_path / "other.json"
    save_alignment(align_documents(ru, load_document(b)), other)
    assert main(["diff", str(telegram_json), str(other)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "different target texts" in err
