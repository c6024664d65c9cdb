"""How the review workspace's sentence view copes with a long document.

Opens generated alignments of 10,000 and 20,000 links with sentence links
(``generated_alignment`` split into sentences, one sentence link per pair of
sentences and the rest in the last one; one sentence link in a hundred doubted
by the aligner) headless (``App.run_test``, 160x48) and prints, per size, our own
work for each command (the controller command, the redraw it asks for, and
composing the screen a terminal would be sent; best of five): turning the
sentence view on, ``j`` (next sentence link), ``]`` to the next doubtful
sentence link and ``]`` with none left (the whole alignment's sentence links
are listed once per alignment and view, then each step is a binary search; the
first step after an edit lists them again), confirming a sentence link
(space) and merging two (``m``); and a paragraph merge with the sentences of the
merged link re-aligned (what ``m`` does in the paragraph view) beside the same
merge without it, side by side in one run.

Run on demand: ``.venv/bin/python bench/bench_tui_sentences.py [N_LINKS ...]``.
Nothing is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from aligner.core import edits
from aligner.core.model import Alignment, SentenceLink
from aligner.core.sentences import split_document
from aligner.io.store import save_alignment
from aligner.tui.app import AlignerApp, build_app
from aligner.tui.controller import Change
from aligner.tui.sample import generated_alignment

#: Repeats of each timed command; the best is reported (the machine is shared).
REPEATS = 5
#: One sentence link in this many is doubted: a few per screenful of the queue.
DOUBT_EVERY = 100


def _with_sentences(n_links: int, doubt: bool) -> Alignment:
    """The generated alignment split into sentences, sentence links paired in order."""
    al = generated_alignment(n_links)
    src, tgt = split_document(al.source), split_document(al.target)
    al = replace(al, source=src, target=tgt)
    links, number = [], 0
    for lk in al.links:
        s = list(src.sentence_range(lk.source[0]))
        t = list(tgt.sentence_range(lk.target[0]))
        pairs = min(len(s), len(t))
        sentences = []
        for k in range(pairs):
            last = k == pairs - 1
            number += 1
            sentences.append(SentenceLink(
                tuple(s[k:] if last else s[k:k + 1]), tuple(t[k:] if last else t[k:k + 1]),
                confidence=0.3 if doubt and number % DOUBT_EVERY == 0 else 0.95,
                needs_review=doubt and number % DOUBT_EVERY == 0))
        links.append(replace(lk, sentences=tuple(sentences)))
    out = al.with_links(links)
    assert out.sentence_errors() == []
    return out


def _timed(app: AlignerApp, command: Callable[[], Change],
           after: Callable[[], Change] | None = None,
           before: Callable[[], Change] | None = None) -> tuple[float, float]:
    """Best times of a command alone and of the command, its redraw and composing the
    screen; ``before`` and ``after`` (untimed) set things up and put them back."""
    best = alone = float("inf")
    for _ in range(REPEATS):
        if before is not None:
            app.render_change(before())
        t = time.perf_counter()
        change = command()
        alone = min(alone, time.perf_counter() - t)
        app.render_change(change)
        app.screen._compositor.render_strips()  # what a real terminal would be sent
        best = min(best, time.perf_counter() - t)
        if after is not None:
            app.render_change(after())
    return 1000 * best, 1000 * alone


async def measure(n_links: int, doubt: bool) -> dict[str, tuple[float, float]]:
    figures: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        alignment = _with_sentences(n_links, doubt)
        save_alignment(alignment, path)
        app = build_app(alignment, alignment_path=path)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            c = app.controller
            assert c is not None
            if not doubt:
                figures["sentence view on"] = _timed(
                    app, c.toggle_sentences, after=c.toggle_sentences)
                app.render_change(c.toggle_sentences())
                figures["] none left"] = _timed(app, c.next_to_review)
                return figures
            app.render_change(c.toggle_sentences())
            figures["j next sentence link"] = _timed(app, c.next_sentence)
            figures["] next doubtful"] = _timed(app, c.next_to_review)
            def edit_and_undo() -> Change:
                c.toggle_confirmed()
                return c.undo()

            # After any edit the sentence links to review are listed again (once).
            figures["] first after an edit"] = _timed(
                app, c.next_to_review, before=edit_and_undo)
            figures["[ previous doubtful"] = _timed(
                app, lambda: c.next_to_review(False))
            figures["space: confirm sentence"] = _timed(
                app, c.toggle_confirmed, after=c.undo)
            c.sentence = 0
            two = next(lk.id for lk in c.alignment.links[10:] if len(lk.sentences) >= 2)
            app.render_change(c._goto(two, ""))
            figures["m: merge sentence links"] = _timed(app, c.merge, after=c.undo)
            app.render_change(c.toggle_sentences())  # the paragraph view
            figures["m: merge links, re-align"] = _timed(app, c.merge, after=c.undo)
            figures["merge links, no re-align"] = _timed(
                app, lambda: c.edit(edits.merge_with_next, label="merge"), after=c.undo)
    return figures


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 20_000]
    for n_links in sizes:
        figures = asyncio.run(measure(n_links, doubt=True))
        figures.update(asyncio.run(measure(n_links, doubt=False)))
        print(f"sentence view, {n_links:,} links, 160x48, headless (best of {REPEATS}; "
              "ms: command, redraw and screen / the controller command alone)")
        for name, (work, alone) in figures.items():
            print(f"  {name:<34} {work:9.1f} {alone:9.1f}")


if __name__ == "__main__":
    main()
