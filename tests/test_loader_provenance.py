"""Provenance: argument > the file's own comment block > its folder's metadata.toml > unknown.

The promise behind the rule: a reconstruction is never shown as archival, and a
real transcription dropped in its place is never shown as a reconstruction.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from aligner.errors import TextLoadError
from aligner.io.texts import load_document, parse_document_text

RECONSTRUCTION = (
    "# provenance: reconstructed\n\nСообщаем некоторые соображения.\n\nПросим рассмотреть.\n"
)
TRANSCRIPTION = "Сообщаем некоторые соображения по обстановке.\n\nПросим рассмотреть.\n"


def _folder(tmp_path: Path, text: str, entry: str) -> Path:
    """A document folder with one Russian text and a metadata.toml entry for it."""
    path = tmp_path / "telegram.ru.txt"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "metadata.toml").write_text(
        'title = "Telegram of 30 October 1962"\n'
        'authors = ["V. V. Kuznetsov", "V. A. Zorin"]\n'
        "date = 1962-10-30\n"
        '[archive]\ncitation = "AVP RF, Moscow"\n'
        f'[texts.ru]\nfile = "telegram.ru.txt"\nrole = "original"\n{entry}',
        encoding="utf-8",
    )
    return path


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _entry(provenance: str, digest: str) -> str:
    return f'provenance = "{provenance}"\nsha256 = "{digest}"\n'


def test_without_any_statement_provenance_is_unknown(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(TRANSCRIPTION, encoding="utf-8")
    doc = load_document(path)
    assert (doc.provenance, doc.metadata["provenance_basis"]) == ("unknown", "default")


def test_the_files_own_comment_block_sets_provenance(tmp_path: Path) -> None:
    doc = parse_document_text(RECONSTRUCTION, language="ru")
    assert doc.provenance == "reconstructed" and doc.is_reconstruction
    assert doc.metadata["provenance_basis"] == "comment block"


def test_the_argument_wins_over_the_comment_block() -> None:
    text = "# provenance: transcription\n\nПросим рассмотреть.\n"
    doc = parse_document_text(text, language="ru", provenance="generated")
    assert (doc.provenance, doc.metadata["provenance_basis"]) == ("generated", "argument")


def test_a_reconstruction_cannot_be_loaded_as_archival(tmp_path: Path) -> None:
    with pytest.raises(TextLoadError, match="declares itself reconstructed"):
        parse_document_text(RECONSTRUCTION, language="ru", provenance="archival")
    path = _folder(tmp_path, TRANSCRIPTION, _entry("reconstructed", _digest(TRANSCRIPTION)))
    with pytest.raises(TextLoadError, match="declares itself reconstructed"):
        load_document(path, provenance="archival")


def test_metadata_toml_sets_provenance_of_the_file_it_describes(tmp_path: Path) -> None:
    path = _folder(tmp_path, TRANSCRIPTION, _entry("reconstructed", _digest(TRANSCRIPTION)))
    doc = load_document(path)
    assert (doc.provenance, doc.metadata["provenance_basis"]) == ("reconstructed", "metadata.toml")


def test_a_replaced_file_is_not_labelled_with_the_old_files_provenance(tmp_path: Path) -> None:
    """The user puts a transcription of the original where the reconstruction was."""
    described = _digest(RECONSTRUCTION.replace("# provenance: reconstructed\n\n", ""))
    path = _folder(tmp_path, TRANSCRIPTION, _entry("reconstructed", described))
    doc = load_document(path)
    assert doc.provenance == "unknown" and not doc.is_reconstruction
    assert "sha256 differs" in doc.metadata["provenance_note"]


def test_a_replaced_file_that_states_its_provenance_gets_it(tmp_path: Path) -> None:
    text = "# provenance: transcription\n# note: typed from the AVP RF copy\n\n" + TRANSCRIPTION
    path = _folder(tmp_path, text, _entry("reconstructed", "0" * 64))
    doc = load_document(path)
    assert (doc.provenance, doc.metadata["provenance_basis"]) == ("transcription", "comment block")
    assert doc.metadata["note"] == "typed from the AVP RF copy"


def test_a_replaced_archival_translation_is_not_called_archival(tmp_path: Path) -> None:
    path = _folder(tmp_path, TRANSCRIPTION, _entry("archival", "1" * 64))
    assert load_document(path).provenance == "unknown"


def test_a_crlf_checkout_of_the_described_file_still_matches(tmp_path: Path) -> None:
    path = _folder(tmp_path, "", _entry("archival", _digest(TRANSCRIPTION)))
    path.write_bytes(TRANSCRIPTION.replace("\n", "\r\n").encode("utf-8"))
    assert load_document(path).provenance == "archival"


def test_metadata_toml_is_merged_into_the_documents_metadata(tmp_path: Path) -> None:
    text = "# title: Телеграмма (реконструкция)\n# provenance: reconstructed\n\n" + TRANSCRIPTION
    path = _folder(tmp_path, text, 'language = "ru"\ntranslator = "nobody"\n')
    doc = load_document(path)
    meta = doc.metadata
    assert meta["title"] == "Телеграмма (реконструкция)"  # the file's own word wins
    assert meta["authors"] == ["V. V. Kuznetsov", "V. A. Zorin"]
    assert meta["date"] == "1962-10-30"  # a TOML date, kept JSON-ready
    assert meta["archive_citation"] == "AVP RF, Moscow"
    assert (meta["role"], meta["translator"]) == ("original", "nobody")
    assert "file" not in meta and "sha256" not in meta


def test_a_file_without_an_entry_takes_nothing_from_metadata_toml(tmp_path: Path) -> None:
    _folder(tmp_path, TRANSCRIPTION, 'provenance = "reconstructed"\n')
    other = tmp_path / "notes.txt"
    other.write_text("Черновик.\n", encoding="utf-8")
    doc = load_document(other)
    assert doc.provenance == "unknown" and "authors" not in doc.metadata


@pytest.mark.parametrize(
    ("where", "text", "entry"),
    [
        ("comment block", "# provenance: maybe\n\nТекст.\n", ""),
        ("metadata.toml", "Текст.\n", 'provenance = "original-ish"\n'),
    ],
)
def test_an_unknown_provenance_value_is_an_error(tmp_path: Path, where, text, entry) -> None:
    path = _folder(tmp_path, text, entry)
    with pytest.raises(TextLoadError, match=f"unknown provenance .* in .*{where}"):
        load_document(path)


def test_a_broken_metadata_toml_is_reported(tmp_path: Path) -> None:
    path = _folder(tmp_path, TRANSCRIPTION, "provenance = \n")
    with pytest.raises(TextLoadError, match="metadata.toml is not valid"):
        load_document(path)
