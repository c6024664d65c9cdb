"""The bundled telegram: the English source document and its labelled Russian reconstruction."""

from __future__ import annotations

import hashlib
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import SEED_EN, TELEGRAM_DIR, needs_shared

from aligner.errors import TextLoadError
from aligner.io import bundled
from aligner.io.bundled import (
    TELEGRAM,
    bundled_alignment_path,
    bundled_document_paths,
    bundled_glossary_path,
    load_bundled,
)
from aligner.io.texts import describe_document, load_document

RU = TELEGRAM_DIR / f"{TELEGRAM}.ru.txt"
EN = TELEGRAM_DIR / f"{TELEGRAM}.en.txt"
#: English paragraph index of the page break: it and the next are one Russian paragraph.
PAGE_BREAK = 7


@pytest.fixture(scope="module")
def pair():
    return load_bundled()


def _as_russian_paragraphs(english: list[str]) -> list[str]:
    """The English body with the page-break pair joined: parallel to the Russian paragraphs."""
    joined = f"{english[PAGE_BREAK]} {english[PAGE_BREAK + 1]}"
    return english[:PAGE_BREAK] + [joined] + english[PAGE_BREAK + 2 :]


@needs_shared(SEED_EN)
def test_the_english_is_the_seed_byte_for_byte() -> None:
    assert EN.read_bytes() == SEED_EN.read_bytes()


def test_the_paths_are_the_russian_original_and_the_english_translation() -> None:
    assert bundled_document_paths() == (RU, EN)
    assert bundled_glossary_path() == TELEGRAM_DIR.parent / "glossaries" / f"{TELEGRAM}.toml"


def test_the_russian_has_one_paragraph_less_than_the_english(pair) -> None:
    ru, en = pair
    assert len(ru.segments) == len(en.segments) - 1 == 23


def test_the_russian_is_labelled_a_reconstruction_everywhere(pair) -> None:
    ru, en = pair
    head = RU.read_text(encoding="utf-8").split("\n\n")[0]
    assert "# provenance: reconstructed" in head
    assert "RECONSTRUCTION, NOT THE ARCHIVAL ORIGINAL" in head and "AVP RF" in head
    assert ru.provenance == "reconstructed" and ru.is_reconstruction
    assert "реконструкция" in ru.metadata["title"]
    assert not any(text.startswith("#") for text in ru.texts())
    assert en.provenance == "archival" and not en.is_reconstruction
    assert (ru.language, en.language) == ("ru", "en")


def test_a_summary_line_shows_encoding_layout_and_provenance(pair) -> None:
    ru, en = pair
    assert describe_document(ru) == (
        f"{RU.name}: 23 paragraphs, ru, UTF-8, RECONSTRUCTED: not the archival original"
    )
    assert describe_document(en) == (
        f"{EN.name}: 24 paragraphs, en, UTF-8, wilson-center-digital-archive layout "
        "(header kept as metadata), provenance archival"
    )


def test_metadata_toml_describes_both_files_by_their_digests() -> None:
    meta = tomllib.loads((TELEGRAM_DIR / "metadata.toml").read_text(encoding="utf-8"))
    for entry in meta["texts"].values():
        data = (TELEGRAM_DIR / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file"]
    assert meta["texts"]["ru"]["provenance"] == "reconstructed"
    assert {"title", "date", "authors", "languages", "archive"} <= meta.keys()
    assert meta["texts"]["en"]["translator"].startswith("John Henriksen")


def test_the_documents_carry_their_metadata(pair) -> None:
    ru, en = pair
    assert en.metadata["layout"] == "wilson-center-digital-archive"
    assert en.metadata["translator"] == "John Henriksen, Harvard University"
    assert en.metadata["source_note"].startswith("Archive of Foreign Policy")
    assert ru.metadata["archive_citation"] == en.metadata["archive_citation"]
    assert ru.metadata["role"] == "original" and en.metadata["role"] == "translation"


def test_the_page_break_split_is_one_russian_paragraph(pair) -> None:
    ru, en = pair
    assert en.texts()[PAGE_BREAK].endswith("dismantling inspections and of")
    merged = ru.texts()[PAGE_BREAK]
    assert merged.startswith("В-третьих.")
    assert "вопросы контроля за инспекцией демонтажа и гарантий для Кубы" in merged
    assert "исполняющему обязанности Генерального секретаря ООН" in merged


def test_paragraph_for_paragraph_the_numbers_agree(pair) -> None:
    ru, en = pair
    for k, (r, e) in enumerate(zip(ru.texts(), _as_russian_paragraphs(en.texts()), strict=True)):
        assert re.findall(r"\d+", r) == re.findall(r"\d+", e), k


def test_the_ordinal_markers_open_the_same_paragraphs(pair) -> None:
    ru, en = pair
    pairs = {"First.": "Во-первых.", "Second.": "Во-вторых.", "Third.": "В-третьих.",
             "Fourth.": "В-четвертых.", "Fifth.": "В-пятых."}
    english = _as_russian_paragraphs(en.texts())
    for k, text in enumerate(english):
        marker = text.split(" ", 1)[0]
        if marker in pairs:
            assert ru.texts()[k].startswith(pairs[marker]), k
        else:
            assert not any(ru.texts()[k].startswith(m) for m in pairs.values()), k
    assert ru.texts()[-2:] == ["Просим рассмотреть.", "30.X.62 В. КУЗНЕЦОВ В. ЗОРИН"]


@pytest.mark.parametrize(
    "phrase",
    [
        "оружие, считающееся американцами наступательным",
        "так называемого «наступательного» оружия",
        "«наступательное оружие»",
        "«присутствие ООН»",
        "демонтаж",
        "гарантии безопасности Кубы",
        "Совет Безопасности",
        "нейтральных стран",
        "вторжения на Кубу",
        "подрывной деятельности",
        "контрреволюционными кубинскими эмигрантами",
        "блокады",
        "системы инспекции",
        "порядка контроля",
        "проверке демонтажа",
        "аппарата наблюдения",
        "НАТО",
        "Варшавского договора",
        "Международного Красного Креста",
        "средства доставки ядерного оружия",
        "У Тан",
        "Фиделем Кастро",
        "Роберта Кеннеди",
        "Добрыниным",
        "Н.С. Хрущеву",
        "Раск",
        "ЮПИ (UPI)",
        "Устава ООН",
        "Комитете по разоружению",
        "27 и 28 октября",
        "29 октября",
        "после 1 ноября",
        "(ваш № 1255)",
    ],
)
def test_the_russian_uses_the_established_soviet_terms(pair, phrase: str) -> None:
    assert phrase in " ".join(pair[0].texts())


def test_a_transcription_dropped_in_place_is_not_called_a_reconstruction(tmp_path: Path) -> None:
    folder = tmp_path / TELEGRAM
    shutil.copytree(TELEGRAM_DIR, folder)
    body = RU.read_text(encoding="utf-8").split("\n\n", 1)[1]
    (folder / RU.name).write_text(body, encoding="utf-8")  # no comment block, other bytes
    doc = load_document(folder / RU.name)
    assert doc.provenance == "unknown"
    assert "sha256 differs" in doc.metadata["provenance_note"]
    (folder / RU.name).write_text("# provenance: transcription\n\n" + body, encoding="utf-8")
    assert load_document(folder / RU.name).provenance == "transcription"


def test_an_installed_copy_of_the_texts_is_preferred(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "site-packages" / "aligner"
    shutil.copytree(TELEGRAM_DIR, package / "_bundled" / "texts" / TELEGRAM)
    monkeypatch.setattr(bundled, "_PACKAGE", package)
    monkeypatch.setattr(bundled, "_REPO", package.parent)
    source, target = bundled_document_paths()
    assert source == package / "_bundled" / "texts" / TELEGRAM / RU.name
    assert load_bundled()[0].provenance == "reconstructed"
    assert bundled.bundled_names() == [TELEGRAM]


def test_alignments_live_in_the_repository_or_the_users_data_folder(tmp_path, monkeypatch) -> None:
    repo = tmp_path / "repo"
    (repo / "texts").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    monkeypatch.setattr(bundled, "_REPO", repo)
    # A fresh clone has no alignments/ yet (git keeps no empty folder): it is still the place.
    assert bundled_alignment_path() == repo / "alignments" / f"{TELEGRAM}.json"
    monkeypatch.setattr(bundled, "_REPO", tmp_path / "site-packages")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    name = f"{TELEGRAM}.json"
    assert bundled_alignment_path() == tmp_path / "data" / "aligner" / "alignments" / name
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "aligner" / "alignments" / name
    assert bundled_alignment_path() == expected


def test_an_unknown_bundled_name_lists_the_known_ones() -> None:
    with pytest.raises(TextLoadError, match=f"no bundled document 'nope'; bundled: .*{TELEGRAM}"):
        load_bundled("nope")
