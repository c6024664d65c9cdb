"""How the review workspace copes with a long document.

Opens generated alignments of 10,000 and 20,000 links headless
(``App.run_test``, 160x48) and prints, per size: the time to the first screen;
one selection move; ``]`` and ``[`` with nothing left to review (the worst
case: the whole view is scanned); the next bookmark (one bookmark, near the
end); a filter on, and off again (``F``). Each command is timed as our own
work: the controller command, the redraw it asks for, and composing the whole
screen a terminal would be sent (best of five). The pilot's key presses are
timed once more for the move, next to the same presses on a bare DataTable,
to show what the test harness itself costs. Targets: ``]``, ``[``,
bookmarks and filters under 50 ms at 20,000 links.

Run on demand: ``.venv/bin/python bench/bench_tui.py [N_LINKS ...]``.
Nothing is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from aligner.core.review import ViewFilter
from aligner.io.store import save_alignment
from aligner.tui.app import AlignerApp, build_app
from aligner.tui.controller import Change
from aligner.tui.sample import generated_alignment

#: Repeats of each timed command; the best is reported (the machine is shared).
REPEATS = 5


def _timed(app: AlignerApp, command: Callable[[], Change]) -> float:
    """Best time of a controller command, its redraw and composing the screen."""
    best = float("inf")
    for _ in range(REPEATS):
        t = time.perf_counter()
        app.render_change(command())
        app.screen._compositor.render_strips()  # what a real terminal would be sent
        best = min(best, time.perf_counter() - t)
    return best


async def baseline_moves(n_rows: int, presses: int) -> float:
    """The same pilot key presses on a bare DataTable: the test harness' own cost."""
    from textual.app import App
    from textual.widgets import DataTable

    class Bare(App):
        def compose(self):
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("source", "target")
            table.add_rows([(str(i), "text") for i in range(n_rows)])

    async with Bare().run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        t = time.perf_counter()
        for _ in range(presses):
            await pilot.press("down")
        await pilot.pause()
        return (time.perf_counter() - t) / presses


def _reviewed(n_links: int):
    """An alignment with nothing left to review and one bookmark near the end."""
    al = generated_alignment(n_links)
    links = [replace(lk, status="confirmed") for lk in al.links]
    links[-10] = replace(links[-10], bookmark=True)
    return al.with_links(links)


async def measure(n_links: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        alignment = _reviewed(n_links)
        save_alignment(alignment, path)
        start = time.perf_counter()
        app = build_app(alignment, alignment_path=path)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            figures["first screen (s)"] = time.perf_counter() - start
            c = app.controller
            assert c is not None and len(c.view) == n_links
            t = time.perf_counter()
            for _ in range(20):
                await pilot.press("down")
            await pilot.pause()
            figures["one move, pilot (ms)"] = (time.perf_counter() - t) / 20 * 1000
            figures["one move, work (ms)"] = 1000 * _timed(
                app, lambda: c.select_row((c.row_of(c.current or 0) or 0) + 1))
            figures["] nothing to review (ms)"] = 1000 * _timed(app, c.next_to_review)
            figures["[ nothing to review (ms)"] = 1000 * _timed(
                app, lambda: c.next_to_review(False))
            figures["' next bookmark (ms)"] = 1000 * _timed(app, c.next_bookmark)
            best_on = best_off = float("inf")
            for _ in range(REPEATS):
                t = time.perf_counter()
                app.render_change(c.set_filter(ViewFilter(bookmarked=True)))
                app.screen._compositor.render_strips()
                best_on = min(best_on, time.perf_counter() - t)
                t = time.perf_counter()
                app.render_change(c.clear_filter())
                app.screen._compositor.render_strips()
                best_off = min(best_off, time.perf_counter() - t)
            figures["filter on (ms)"] = 1000 * best_on
            figures["filter off, F (ms)"] = 1000 * best_off
    figures["one move, bare table, pilot (ms)"] = 1000 * await baseline_moves(n_links, 20)
    figures["peak memory (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 20_000]
    for n_links in sizes:
        figures = asyncio.run(measure(n_links))
        print(f"review workspace, {n_links:,} links, 160x48, headless (best of {REPEATS})")
        for name, value in figures.items():
            print(f"  {name:<34} {value:9.1f}" if "(s)" not in name
                  else f"  {name:<34} {value:9.2f}")


if __name__ == "__main__":
    main()
