"""What a corpus holds: pairs found by name, manifests in TOML and CSV, `corpus init`."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.cli import main
from aligner.corpus.manifest import load_corpus
from aligner.errors import CorpusError
from tests.corpus_helpers import write_manifest


def _texts(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("Один абзац.\n", encoding="utf-8")


def test_pairs_are_found_by_name_in_the_folder_and_below(tmp_path: Path) -> None:
    _texts(tmp_path, "nos.ru.txt", "nos.en.txt", "lonely.ru.txt", "notes.txt")
    _texts(tmp_path / "1962", "cable.ru.txt", "cable.en.txt")
    _texts(tmp_path / "alignments", "old.ru.txt", "old.en.txt")  # the output folder
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["nos", "cable"]
    nos = corpus.document("nos")
    assert (nos.source.name, nos.target.name) == ("nos.ru.txt", "nos.en.txt")
    assert (nos.source_language, nos.target_language) == ("ru", "en")
    assert corpus.alignment_path(nos) == tmp_path / "alignments" / "nos.json"


def test_the_same_name_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    _texts(tmp_path / "a", "cable.ru.txt", "cable.en.txt")
    _texts(tmp_path / "b", "cable.ru.txt", "cable.en.txt")
    assert [d.id for d in load_corpus(tmp_path).documents] == ["a-cable", "b-cable"]


def test_a_toml_manifest_gives_paths_languages_glossary_and_metadata(tmp_path: Path) -> None:
    _texts(tmp_path / "t", "a.ru.txt", "a.en.txt", "a2.en.txt")
    manifest = tmp_path / "corpus.toml"
    manifest.write_text(
        '[corpus]\nname = "cables"\nglossary = "g.toml"\n\n'
        '[[pair]]\nid = "a"\nsource = "t/a.ru.txt"\ntargets = ["t/a.en.txt", "t/a2.en.txt"]\n'
        'date = "1962-10-30"\narchive = "AVP RF"\ntranslator = "J. H."\n'
        '[pair.metadata]\nfond = "059"\n', encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.name == "cables" and corpus.manifest == manifest
    first, second = corpus.documents
    assert (first.id, second.id) == ("a.1", "a.2")
    assert second.target == tmp_path / "t" / "a2.en.txt"
    assert first.glossary == tmp_path / "g.toml"
    assert dict(first.metadata) == {"date": "1962-10-30", "archive": "AVP RF",
                                    "translator": "J. H.", "fond": "059"}


def test_a_csv_manifest_reads_the_same(tmp_path: Path) -> None:
    _texts(tmp_path, "a.ru.txt", "a.en.txt", "b.ru.txt", "b.en.txt")
    (tmp_path / "corpus.csv").write_text(
        "id,source,target,date,archive\n"
        "a,a.ru.txt,a.en.txt,1962-10-30,Wilson Center\n"
        "b,b.ru.txt,b.en.txt,,\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["a", "b"]
    assert corpus.documents[0].date == "1962-10-30"
    assert dict(corpus.documents[1].metadata) == {}


@pytest.mark.parametrize(("pairs", "message"), [
    ([{"source": "a.ru.txt", "target": "a.en.txt"}], "missing id"),
    ([{"id": "a", "source": "a.ru.txt", "target": "a.en.txt"},
      {"id": "a", "source": "a.ru.txt", "target": "a.en.txt"}], "two pairs have the id 'a'"),
    ([{"id": "a/b", "source": "a.ru.txt", "target": "a.en.txt"}], "only letters, digits"),
    ([{"id": "a", "source": "a.ru.txt"}], "give the source file and the target"),
])
def test_a_bad_manifest_is_one_clear_error(tmp_path: Path, pairs: list[dict[str, str]],
                                           message: str) -> None:
    write_manifest(tmp_path / "corpus.toml", pairs)
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path)


def test_a_folder_without_pairs_says_what_to_do(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "align", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: ") and "corpus init" in err
    assert err.count("\n") == 1


def test_init_writes_an_editable_manifest_that_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _texts(tmp_path / "texts", "nos.ru.txt", "nos.en.txt", "shinel.ru.txt", "shinel.en.txt")
    assert main(["corpus", "init", str(tmp_path / "texts")]) == 0
    assert "2 pairs" in capsys.readouterr().out
    manifest = tmp_path / "texts" / "corpus.toml"
    assert "# date = " in manifest.read_text(encoding="utf-8")
    assert [d.id for d in load_corpus(tmp_path / "texts").documents] == ["nos", "shinel"]
    # a manifest is the user's file from now on
    assert main(["corpus", "init", str(tmp_path / "texts")]) == 2
    assert "--force" in capsys.readouterr().err


def test_init_can_write_the_manifest_elsewhere_as_csv(tmp_path: Path) -> None:
    _texts(tmp_path / "archive", "nos.ru.txt", "nos.en.txt")
    out = tmp_path / "work" / "corpus.csv"
    out.parent.mkdir()
    assert main(["corpus", "init", str(tmp_path / "archive"), "-o", str(out)]) == 0
    corpus = load_corpus(out)
    assert corpus.root == out.parent
    assert corpus.documents[0].source.resolve() == (tmp_path / "archive" / "nos.ru.txt")
