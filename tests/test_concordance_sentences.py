"""The concordance at the sentence level: each occurrence in the sentence holding it,
its paragraph one option (or one key) away."""

from __future__ import annotations

from pathlib import Path

from aligner.cli import main
from aligner.core.align import align_documents
from aligner.core.sentences import align_sentences
from aligner.core.terms.concordance import concordance
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary
from aligner.io.store import save_alignment
from aligner.io.texts import load_document

TELEGRAM = Path(__file__).resolve().parents[1] / "texts" / "kuznetsov-zorin-1962-10-30"
GLOSSARY = load_glossary(bundled_glossary_path())


def _two_level():
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    return align_sentences(align_documents(ru, en))


def test_each_occurrence_is_shown_in_its_sentence() -> None:
    alignment = _two_level()
    lines = concordance(alignment, GLOSSARY, "un-presence", width=400)
    target = [x for x in lines if x.side == "target"]
    assert [x.sentence for x in target] == [11, 12, 12]
    first = target[0]
    sentence = alignment.target.sentence_text(first.sentence)
    assert first.left + first.match + first.right == sentence
    assert first.left.startswith("It is true that U Thant")
    # The paragraph context runs on into the next sentences of the paragraph.
    whole = concordance(alignment, GLOSSARY, "un-presence", width=400, context="paragraph")
    assert whole[3].sentence == -1
    assert "In the event of the Cuban government" in whole[3].right


def test_the_command_says_which_sentence(tmp_path: Path, capsys) -> None:
    path = tmp_path / "t.json"
    save_alignment(_two_level(), path)
    glossary = str(bundled_glossary_path())
    assert main(["concordance", str(path), "un-presence", "-g", glossary, "-w", "20"]) == 0
    out = capsys.readouterr().out
    assert "link   7  sentence   12" in out
    assert (
        main(["concordance", str(path), "un-presence", "-g", glossary, "--context", "paragraph"])
        == 0
    )
    assert "sentence   12" not in capsys.readouterr().out
