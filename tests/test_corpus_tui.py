"""`aligner corpus open`: the document list, opening one for review, and coming back."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.cli import main
from aligner.corpus.manifest import load_corpus
from aligner.tui.app import AlignerApp
from aligner.tui.corpus_screen import CorpusApp, run_corpus_ui
from aligner.tui.screen_text import screen_text
from tests.corpus_helpers import TELEGRAM_GLOSSARY, telegram_pairs, write_manifest

SIZE = (140, 30)


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    pairs = telegram_pairs(2, translator="John Henriksen")
    pairs.append({"id": "later", "source": "later.ru.txt", "target": "later.en.txt"})
    write_manifest(tmp_path / "corpus.toml", pairs, glossary=TELEGRAM_GLOSSARY)
    assert main(["corpus", "align", str(tmp_path), "-w", "1", "-q"]) == 1  # 'later' is missing
    return tmp_path


async def test_the_list_shows_each_documents_review_state(corpus_dir: Path) -> None:
    app = CorpusApp(load_corpus(corpus_dir))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.table.row_count == 3
        text = screen_text(app)
        assert "cable-00" in text and "cable-01" in text and "later" in text
        assert "aligned" in text and "failed" in text
        assert "reconstructed/archival" in text and "NOT ARCHIVAL" in text
        assert "John Henriksen" in text
        assert "3 documents, 2 aligned" in text


async def test_enter_on_an_aligned_document_chooses_it(corpus_dir: Path) -> None:
    app = CorpusApp(load_corpus(corpus_dir))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.return_value == "cable-01"


async def test_a_document_not_aligned_says_so_and_stays_in_the_list(corpus_dir: Path) -> None:
    app = CorpusApp(load_corpus(corpus_dir), cursor="later")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_id == "later"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert "later is not aligned yet" in app.messages[-1]
        assert "corpus align" in app.messages[-1]


def test_back_from_the_review_returns_to_the_list_on_the_same_document(
    corpus_dir: Path,
) -> None:
    corpus = load_corpus(corpus_dir)
    shown: list[object] = []
    choices = iter(["cable-01", None])

    def run(app: object) -> object:
        shown.append(app)
        if isinstance(app, CorpusApp):
            return next(choices)
        assert isinstance(app, AlignerApp)
        return None

    assert run_corpus_ui(corpus, run=run) == 0
    kinds = [type(a).__name__ for a in shown]
    assert kinds == ["CorpusApp", "AlignerApp", "CorpusApp"]
    review = shown[1]
    assert review.alignment_path == corpus_dir / "alignments" / "cable-01.json"
    assert review.glossary is not None and "offensive-weaponry" in review.glossary.ids()
    assert shown[2].cursor == "cable-01"


async def test_the_review_workspace_opens_on_the_documents_alignment(corpus_dir: Path) -> None:
    from aligner.tui.corpus_screen import review_app_for

    corpus = load_corpus(corpus_dir)
    app = review_app_for(corpus, corpus.document("cable-00"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()  # let the first screen settle before the app is torn down
        assert app.session.alignment.links
        assert app.sub_title == "cable-00.json"
