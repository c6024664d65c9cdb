"""The sentence view of the review workspace, driven by keys on the bundled telegram
aligned by sentence: l shows the sentence links of the current link, and the editing
keys then act on the highlighted one, with undo and redo across both levels."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest
from rich.style import Style

from aligner.core.align import align_documents
from aligner.core.model import Alignment
from aligner.core.sentences import align_sentences
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary
from aligner.io.store import load_alignment, save_alignment
from aligner.io.texts import load_document
from aligner.tui.app import AlignerApp
from aligner.tui.render import term_colour
from aligner.tui.screen_text import screen_text
from tests.tui_helpers import make_app, press, settle

TELEGRAM = Path(__file__).resolve().parents[1] / "texts" / "kuznetsov-zorin-1962-10-30"
SIZE = (160, 60)


@lru_cache(maxsize=1)
def telegram() -> Alignment:
    ru = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.ru.txt", sentences="auto")
    en = load_document(TELEGRAM / "kuznetsov-zorin-1962-10-30.en.txt", sentences="auto")
    return align_sentences(align_documents(ru, en))


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "telegram.json"
    save_alignment(telegram(), path)
    return path


async def go_to(app: AlignerApp, pilot, number: int) -> None:
    await press(app, pilot, "g", *str(number), "enter")


def number_of_link_with(al: Alignment, text: str) -> int:
    """The number a reader sees (from 1) of the link whose target holds ``text``."""
    return next(n for n, lk in enumerate(al.links, 1) if text in al.target_text(lk))


def sentence_beads(al: Alignment, number: int) -> list[tuple[tuple[int, ...], ...]]:
    return [(s.source, s.target) for s in al.links[number - 1].sentences]


async def test_merge_undo_redo_confirm_save_and_reopen_in_the_sentence_view(saved) -> None:
    al = telegram()
    number = next(n for n, lk in enumerate(al.links, 1) if len(lk.sentences) >= 3)
    before = sentence_beads(al, number)
    (s0, t0), (s1, t1), *rest = before
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await go_to(app, pilot, number)
        await press(app, pilot, "l")
        text = screen_text(app)
        assert "SENTENCE LINKS  1 of 3" in text and "SENTENCE VIEW" in text
        first_en = al.target.sentence_text(t0[0])
        assert first_en[:60] in text

        await press(app, pilot, "m")  # merge the first two sentence links
        assert sentence_beads(app.session.alignment, number) == [(s0 + s1, t0 + t1), *rest]
        assert "shaped by hand" in screen_text(app)
        await press(app, pilot, "u")
        assert sentence_beads(app.session.alignment, number) == before
        await press(app, pilot, "U")
        assert sentence_beads(app.session.alignment, number) == [(s0 + s1, t0 + t1), *rest]

        await press(app, pilot, "j", "space")  # confirm the second sentence link
        merged = app.session.alignment.links[number - 1]
        assert [s.status for s in merged.sentences] == ["edited", "confirmed"]
        assert merged.status == "auto"  # the paragraph link itself is untouched
        assert "SENTENCE VIEW 2/2" in screen_text(app)
        await press(app, pilot, "ctrl+s")
        assert not app.session.dirty

    stored = load_alignment(saved).links[number - 1]
    assert [(s.source, s.target, s.status) for s in stored.sentences] == [
        (s0 + s1, t0 + t1, "edited"), (*rest[0], "confirmed")]
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await go_to(app, pilot, number)
        await press(app, pilot, "l", "j")
        assert "▶ 2 · 1-1 · confidence" in screen_text(app)
        assert "confirmed" in screen_text(app).split("▶ 2")[1].splitlines()[0]


async def test_a_sentence_edit_is_dirty_and_undo_goes_back_across_both_levels(saved) -> None:
    al = telegram()
    number = next(n for n, lk in enumerate(al.links, 1) if len(lk.sentences) >= 2)
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await go_to(app, pilot, number)
        await press(app, pilot, "m")  # a paragraph merge: the sentences are re-aligned
        merged = app.session.alignment.links[number - 1]
        assert merged.sentences and app.session.alignment.sentence_errors() == []
        assert sentence_beads(app.session.alignment, number) == (
            sentence_beads(al, number) + sentence_beads(al, number + 1))
        await press(app, pilot, "l", "r")  # reject the first sentence link
        assert app.session.alignment.links[number - 1].sentences[0].status == "rejected"
        assert app.session.dirty
        await press(app, pilot, "u")
        assert app.session.alignment.links[number - 1].sentences[0].status == "auto"
        await press(app, pilot, "u")
        assert [(lk.source, lk.target) for lk in app.session.alignment.links] == [
            (lk.source, lk.target) for lk in al.links]
        await press(app, pilot, "U", "U")
        assert app.session.alignment.links[number - 1].sentences[0].status == "rejected"


async def test_editing_keys_refuse_to_cross_the_paragraph_link(saved) -> None:
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "1 sentence link  l shows them" in screen_text(app)
        await press(app, pilot, "l", "m")  # link 1 has one sentence link
        assert "never leaves its paragraph link" in app.messages[-1]
        assert app.session.alignment.links[0].sentences == telegram().links[0].sentences
        assert not app.session.dirty
        await press(app, pilot, "space")  # a sentence verdict alone is an unsaved edit
        assert app.session.alignment.links[0].sentences[0].status == "confirmed"
        assert app.session.dirty and "unsaved" in screen_text(app)


async def test_next_to_review_walks_the_doubtful_sentence_links_across_links(tmp_path) -> None:
    al = telegram()
    # Mark three sentence links of three links as doubtful, as a low-confidence run would.
    where = [(3, 1), (6, 0), (10, 1)]
    links = list(al.links)
    for n, k in where:
        lk = links[n]
        sentences = list(lk.sentences)
        sentences[k] = replace(sentences[k], needs_review=True, confidence=0.3 + n / 100)
        links[n] = replace(lk, sentences=tuple(sentences))
    path = tmp_path / "doubt.json"
    save_alignment(al.with_links(links), path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "l")
        assert "3 sentence links to review" in screen_text(app)
        seen = []
        for _ in range(4):
            await press(app, pilot, "right_square_bracket")
            c = app.controller
            seen.append((app.session.alignment.link_index(c.current), c.sentence))
        assert seen == [*where, where[0]]  # and round again
        await press(app, pilot, "left_square_bracket")
        assert (app.session.alignment.link_index(app.controller.current),
                app.controller.sentence) == where[-1]
        assert "needs review" in screen_text(app)
        await press(app, pilot, "c")  # confirm it and go on to the next unreviewed one
        assert "2 sentence links to review" in screen_text(app)
        assert app.session.alignment.links[10].sentences[1].status == "confirmed"
        assert (app.session.alignment.link_index(app.controller.current),
                app.controller.sentence) == (11, 0)


async def test_terms_are_highlighted_inside_each_sentence(saved) -> None:
    glossary = load_glossary(bundled_glossary_path())
    al = telegram()
    # Link 2: its second Russian sentence names the Security Council.
    second = al.source.sentence_text(al.links[1].sentences[1].source[0])
    assert "Советом Безопасности" in second
    app = make_app(saved, glossary)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await press(app, pilot, "down", "l", "j")
        colour = term_colour("security-council", glossary.ids())
        strips = app.screen._compositor.render_strips()
        styled = [
            (seg.text, seg.style) for strip in strips for seg in strip
            if "Безопасности" in seg.text
        ]
        assert styled, "the sentence is on screen"
        assert any(
            isinstance(style, Style) and style.color is not None
            and style.color.get_truecolor().hex == colour and style.bold
            for _, style in styled
        )
        assert "▶ 2" in screen_text(app)


async def test_brackets_in_sentences_and_notes_stay_literal(saved) -> None:
    al = telegram()
    number = number_of_link_with(al, "[One could]")
    app = make_app(saved)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await go_to(app, pilot, number)
        await press(app, pilot, "l", "j")
        assert "[One could] make this conditional" in screen_text(app)
        await press(app, pilot, "e")
        await pilot.press(*"[/b] [sic]")
        await press(app, pilot, "enter")
        assert app.session.alignment.links[number - 1].sentences[1].note == "[/b] [sic]"
        assert "note: [/b] [sic]" in screen_text(app)
        number = number_of_link_with(al, "[and] Yugoslavia")
        await go_to(app, pilot, number)
        assert "[and] Yugoslavia" in screen_text(app)


def test_the_weakest_first_queue_orders_doubtful_sentence_links_by_confidence(tmp_path) -> None:
    from aligner.tui.controller import ReviewController
    from aligner.tui.session import ReviewSession

    al = telegram()
    doubts = {(3, 1): 0.6, (6, 0): 0.2, (10, 1): 0.4}
    links = list(al.links)
    for (n, k), confidence in doubts.items():
        sentences = list(links[n].sentences)
        sentences[k] = replace(sentences[k], needs_review=True, confidence=confidence)
        links[n] = replace(links[n], sentences=tuple(sentences))
    c = ReviewController(ReviewSession(al.with_links(links), tmp_path / "q.json"))
    c.toggle_sentences()
    c.toggle_queue()

    def where() -> tuple[int, int]:
        return c.alignment.link_index(c.current), c.sentence

    seen = []
    for _ in range(3):
        c.next_to_review()
        seen.append(where())
    assert seen == [(6, 0), (10, 1), (3, 1)]  # weakest first
    c.next_to_review(False)
    assert where() == (10, 1)
