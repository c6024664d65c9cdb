"""Many small sentence problems searched as one find what each finds searched alone.

Refining paragraph links re-aligns hundreds of small windows; :mod:`aligner.core.sentences.batch`
lays them end to end for one fast search. Each window must keep its own path, the
margins its own search gives (to rounding) and so the same sentence links with the
same confidences, also where sentences without counterpart sit at a window's ends
(a run of them must not carry on into the next window) and where title lines make
a run cheaper read one way than the other.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from aligner.core.align import align_documents
from aligner.core.align.corridor import diagonal_corridor
from aligner.core.align.equivalence import MARGIN_TOLERANCE
from aligner.core.align.lengthmodel import LengthModel
from aligner.core.align.params import AlignParams
from aligner.core.align.pipeline import Problem, search
from aligner.core.sentences import align as sentence_align
from aligner.core.sentences import align_sentences
from aligner.core.sentences.align import SENTENCE_BAND, _confined, _sentence_counts
from aligner.core.sentences.batch import search_apart
from aligner.core.sentences.split import split_document
from aligner.io.texts import load_document
from tests.conftest import RUEN_BENCH, needs_shared

MODEL = LengthModel(ratio=1.1, variance=5.0)

WINDOWS = [
    # A source sentence without counterpart at the end of the window ...
    (
        ["The talks lasted three hours.", "Erdogan then went to Cologne.", "It rained."],
        ["Переговоры шли три часа.", "Затем Эрдоган направился в Кельн."],
    ),
    # ... and one at the start of the next: alone, each run opens afresh.
    (
        ["Police were everywhere.", "He opened a new mosque.", "A crowd of 25,000 waited."],
        ["Он открыл новую мечеть.", "Толпа в 25 тысяч человек ждала."],
    ),
    # Title lines (short, unpunctuated, first in their problem) cost less left alone.
    (
        ["Moscow", "Kremlin", "October 1962", "The letter came at noon.", "Nobody replied."],
        ["Москва", "Письмо доставили в полдень."],
    ),
    # A target sentence without counterpart at the end.
    (
        ["He met Chancellor Merkel for breakfast."],
        ["Он встретился с канцлером Меркель за завтраком.", "Было холодно."],
    ),
]


def _alone(problem: Problem) -> tuple[list, list[float], list]:
    scorer = problem.scorer(MODEL)
    n, m = len(problem.src), len(problem.tgt)
    path, margins = search(scorer, n, m, diagonal_corridor(n, m, SENTENCE_BAND))
    return path, margins, problem.judged(path, scorer, margins)


def _together(problems: list[Problem]) -> list[tuple[list, list[float], list]]:
    scorers = [p.scorer(MODEL) for p in problems]
    corridors = [diagonal_corridor(len(p.src), len(p.tgt), SENTENCE_BAND) for p in problems]
    found = search_apart(problems, scorers, corridors)
    return [
        (path, margins, p.judged(path, s, margins))
        for p, s, (path, margins) in zip(problems, scorers, found, strict=True)
    ]


def _assert_same(problems: list[Problem]) -> None:
    for problem, (path, margins, judged) in zip(problems, _together(problems), strict=True):
        alone_path, alone_margins, alone_judged = _alone(problem)
        assert path == alone_path
        differences = [abs(a - b) for a, b in zip(margins, alone_margins, strict=True)]
        assert max(differences) <= MARGIN_TOLERANCE
        assert judged == alone_judged


def test_windows_searched_together_keep_their_own_paths_margins_and_links() -> None:
    params = AlignParams()
    problems = [Problem.of_texts(s, t, ("en", "ru"), (), params) for s, t in WINDOWS]
    assert any(a == 0 or b == 0 for p in problems for a, b in _alone(p)[0])  # gaps at the ends
    _assert_same(problems)


@needs_shared(RUEN_BENCH)
def test_every_paragraph_link_of_a_work_searched_together_as_alone() -> None:
    # Each paragraph link's sentences as its own problem (its own anchors), all at once.
    source = load_document(RUEN_BENCH / "smert_ivana_ilyicha.ru.txt", "ru")
    target = load_document(RUEN_BENCH / "smert_ivana_ilyicha.en.txt", "en")
    aligned = align_documents(source, target)
    split = replace(
        aligned, source=split_document(aligned.source), target=split_document(aligned.target)
    )
    problems = []
    for link in split.links:
        if all(_sentence_counts(split, link)):
            whole = _confined(split, [link], (), {}, {})
            assert whole is not None
            problems.append(whole.problem)
    assert len(problems) > 100
    _assert_same(problems)


@needs_shared(RUEN_BENCH)
def test_refining_in_one_search_gives_the_links_of_one_search_per_window(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = load_document(RUEN_BENCH / "nos.ru.txt", "ru", sentences="auto")
    target = load_document(RUEN_BENCH / "nos.en.txt", "en", sentences="auto")
    paragraphs = align_documents(source, target)
    monkeypatch.setattr(sentence_align, "BATCH_CELLS", 0)
    monkeypatch.setattr(sentence_align, "FAST_KERNEL_CELLS", 0)
    together = align_sentences(paragraphs)
    monkeypatch.setattr(sentence_align, "BATCH_CELLS", 10**12)
    monkeypatch.setattr(sentence_align, "FAST_KERNEL_CELLS", 10**12)
    alone = align_sentences(paragraphs)
    assert together.links == alone.links
    assert sum(len(lk.sentences) for lk in together.links) > 100
