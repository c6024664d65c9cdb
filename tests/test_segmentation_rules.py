# ruff: noqa: E501  (the test paragraphs are running text, one line each)
"""``aligner export --segmentation-rules``: SRX rules that cut a text where the sentence
splitter cuts it, so a CAT tool's segments are the units of a sentence-level TMX."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from aligner.cli import main
from aligner.core.sentences.segment import sentence_spans
from aligner.io.export.segmentation_rules import SRX_NAMESPACE, sentence_rules, srx_segments
from aligner.io.texts import load_document

TELEGRAM = Path(__file__).resolve().parents[1] / "texts" / "kuznetsov-zorin-1962-10-30"
HARD_CASES = [
    "Из бесед с У Таном у нас сложилось впечатление, что Кеннеди писал товарищу Н.С. Хрущеву 27 октября. Просим рассмотреть.",
    "Телеграмма В.В. Кузнецова и В.А. Зорина. Она отправлена 30.X.62 в Москву.",
    "Mr. Stevenson met U Thant at 10 a.m. on Tuesday. N.S. Khrushchev replied.",
    "Вопросы обсудят после возвращения У Тана, т.е. после 1 ноября. Так решили.",
    "— Готово! — сказала ведьма. — Тащи меня наверх!",
    "[One could] say that. He did not. And to keep a dog like that! … where's the sense of it.",
    "2. A heavy progressive or graduated income tax. 3. Abolition of all rights of inheritance.",
    "Если же предположить то-то, тогда… и т. д. Для Ивана Ильича был важен только один вопрос.",
    "It will be set to debian/package. ^[24] Everything in it will be installed. You don't need to be a wizard. ^[2]",
    "The treaty was signed in 1963.[1] It banned tests.² Use a tool, e.g.[4] Aptitude. Mr.[5] Smith came.",
    "* 3.1.1. Work towards the next stable release. It is due.",
    "Table 1.1. List of interesting text-mode program packages. See table 1.1. It lists them all.",
    "Глава 8. Обновление пакета",
]


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


@pytest.mark.parametrize("text", HARD_CASES)
def test_the_rules_cut_the_hard_cases_where_the_splitter_does(text: str) -> None:
    assert srx_segments(text) == _sentences(text)


def test_the_rules_cut_every_paragraph_of_the_telegram_where_the_splitter_does() -> None:
    for side in ("ru", "en"):
        doc = load_document(TELEGRAM / f"kuznetsov-zorin-1962-10-30.{side}.txt")
        for seg in doc.segments:
            text = " ".join(seg.text.split())  # a CAT tool's paragraph: lines joined
            assert srx_segments(text) == _sentences(text)


def test_initials_keep_the_sentence_whole_but_an_ordinary_full_stop_ends_it() -> None:
    assert srx_segments("Письмо товарищу Н.С. Хрущеву. Ответ США. Конец.") == [
        "Письмо товарищу Н.С. Хрущеву.", "Ответ США.", "Конец.",
    ]  # fmt: skip


@pytest.fixture
def alignment_file(tmp_path: Path) -> Path:
    path = tmp_path / "t.json"
    ru = str(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt")
    en = str(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt")
    assert main(["align", ru, en, "-o", str(path), "-q"]) == 0
    return path


def test_export_writes_srx_beside_the_sentence_tmx(alignment_file: Path, tmp_path: Path, capsys) -> None:
    rules = tmp_path / "telegram.srx"
    tmx = tmp_path / "telegram.tmx"
    args = ["export", str(alignment_file), "--level", "sentence", "-o", str(tmx)]
    assert main([*args, "--segmentation-rules", str(rules)]) == 0
    assert f"wrote segmentation rules to {rules}" in capsys.readouterr().out
    root = etree.fromstring(rules.read_bytes())
    ns = {"srx": SRX_NAMESPACE}
    assert root.tag == f"{{{SRX_NAMESPACE}}}srx" and root.get("version") == "2.0"
    found = root.findall(".//srx:languagerule/srx:rule", ns)
    assert [r.get("break") for r in found] == ["yes" if r.breaks else "no" for r in sentence_rules()]
    assert [r.findtext("srx:beforebreak", namespaces=ns) for r in found] == [
        r.before for r in sentence_rules()
    ]
    mapped = root.find(".//srx:maprules/srx:languagemap", ns)
    assert mapped is not None and mapped.get("languagepattern") == ".*"


def test_export_writes_an_omegat_project_segmentation_conf(alignment_file: Path, tmp_path: Path) -> None:
    conf = tmp_path / "segmentation.conf"
    args = ["export", str(alignment_file), "--level", "sentence", "-o", str(tmp_path / "t.tmx")]
    assert main([*args, "--segmentation-rules", str(conf)]) == 0
    root = etree.fromstring(conf.read_bytes())
    assert root.tag == "java" and root.get("class") == "java.beans.XMLDecoder"
    srx = root.find("object")
    assert srx is not None and srx.get("class") == "org.omegat.core.segmentation.SRX"
    # The current version, or OmegaT merges its own default rules back in.
    assert srx.findtext("void[@property='version']/string") == "0.2.2"
    rules = srx.findall(".//object[@class='org.omegat.core.segmentation.Rule']")
    assert [r.findtext("void[@property='beforebreak']/string") for r in rules] == [
        r.before for r in sentence_rules()
    ]
    assert [r.find("void[@property='breakRule']") is not None for r in rules] == [
        r.breaks for r in sentence_rules()
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--segmentation-rules", "rules.txt"], "cannot tell the form of segmentation rules rules.txt"),
        (["--level", "paragraph", "--segmentation-rules", "rules.srx"], "--segmentation-rules goes with --level sentence"),
    ],
)
def test_rules_that_cannot_be_written_are_one_line_and_nothing_is_written(
    alignment_file: Path, tmp_path: Path, capsys, extra: list[str], message: str, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["export", str(alignment_file), "--level", "sentence", "-o", "t.tmx", *extra]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / "t.tmx").exists()


def test_existing_rules_are_kept_without_force(alignment_file: Path, tmp_path: Path, capsys) -> None:
    rules = tmp_path / "mine.srx"
    rules.write_text("my own rules", encoding="utf-8")
    args = ["export", str(alignment_file), "--level", "sentence", "-o", str(tmp_path / "t.tmx")]
    assert main([*args, "--segmentation-rules", str(rules)]) == 2
    assert "already exists; use --force" in capsys.readouterr().err
    assert rules.read_text(encoding="utf-8") == "my own rules"
    assert not (tmp_path / "t.tmx").exists()
    assert main([*args, "--segmentation-rules", str(rules), "--force"]) == 0
    assert rules.read_text(encoding="utf-8").startswith("<?xml")
