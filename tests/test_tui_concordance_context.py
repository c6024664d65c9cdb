"""In the terms panel, T shows the concordance in sentences or in whole paragraphs."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from aligner.core.align import align_documents
from aligner.core.sentences import align_sentences
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary
from aligner.io.store import load_alignment, save_alignment
from aligner.io.texts import load_document
from aligner.tui.app import build_app

TELEGRAM = Path(__file__).resolve().parents[1] / "texts" / "kuznetsov-zorin-1962-10-30"


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_t_switches_the_concordance_between_sentence_and_paragraph(tmp_path: Path) -> None:
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    path = tmp_path / "t.json"
    save_alignment(align_sentences(align_documents(ru, en)), path)
    glossary = load_glossary(bundled_glossary_path())
    app = build_app(load_alignment(path), alignment_path=path, glossary=glossary)
    async with app.run_test(size=(160, 48)) as pilot:
        await _settle(app, pilot)
        app.choose_term("un-presence")
        await _settle(app, pilot)

        def body() -> str:
            return str(app.query_one("#concordance-body", Static).render())

        assert "#7 s12 tar" in body()
        await pilot.press("T")
        await _settle(app, pilot)
        assert app.concordance_context == "paragraph"
        assert "s12" not in body() and "#7 tar" in body()
        await pilot.press("T")
        await _settle(app, pilot)
        assert "#7 s12 tar" in body()
