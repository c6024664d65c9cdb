"""How the review workspace copes with a long document.

Opens a generated 10,000-link alignment headless (``App.run_test``) and
prints the time to the first screen, the time of 100 selection moves and of a
few edits. Moves are timed twice: through the test pilot (which waits for the
screen after every key, so it is compared with the same presses on a bare
DataTable) and as our own work per move (cursor, detail pane, composing the
whole screen). Run on demand: ``.venv/bin/python bench/bench_tui.py [N_LINKS]``.
Nothing is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import asyncio
import resource
import sys
import tempfile
import time
from pathlib import Path

from aligner.io.store import save_alignment
from aligner.tui.app import build_app
from aligner.tui.sample import generated_alignment


def _direct_moves(app, count: int) -> float:
    """Our own cost of moving: cursor, detail pane, and composing the whole screen."""
    table = app.links
    t = time.perf_counter()
    for _ in range(count):
        table.move_cursor(row=table.cursor_row + 1, animate=False)
        app.show_detail()
        app.screen._compositor.render_strips()  # what a real terminal would be sent
    return time.perf_counter() - t


async def baseline_moves(n_rows: int) -> float:
    """The same 100 pilot key presses on a bare DataTable: the test harness' own cost."""
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
        for _ in range(100):
            await pilot.press("down")
        await pilot.pause()
        return time.perf_counter() - t


async def measure(n_links: int) -> dict[str, float]:
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        alignment = generated_alignment(n_links)
        save_alignment(alignment, path)
        start = time.perf_counter()
        app = build_app(alignment, alignment_path=path)
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause()
            figures["first screen (s)"] = time.perf_counter() - start
            assert len(app.controller.view) == n_links
            t = time.perf_counter()
            for _ in range(100):
                await pilot.press("down")
            await pilot.pause()
            figures["100 moves, pilot (s)"] = time.perf_counter() - t
            figures["100 moves, work (s)"] = _direct_moves(app, 100)
            for key, name in (("m", "merge"), ("s", "split"), ("space", "confirm"),
                              ("ctrl+z", "undo"), ("w", "queue view"), ("end", "to the end")):
                t = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                figures[f"{name} (s)"] = time.perf_counter() - t
            t = time.perf_counter()
            app.run_search("Yugoslavia", fuzzy=True)
            await pilot.pause()
            figures["fuzzy search (s)"] = time.perf_counter() - t
            app._journal_timer and app._journal_timer.stop()
            t = time.perf_counter()
            app.session.write_journal()
            figures["journal write (s)"] = time.perf_counter() - t
    figures["100 moves, bare table (s)"] = await baseline_moves(n_links)
    figures["peak memory (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def main() -> None:
    n_links = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    figures = asyncio.run(measure(n_links))
    print(f"review workspace, {n_links} links, 160x48, headless")
    for name, value in figures.items():
        print(f"  {name:<22} {value:8.3f}")


if __name__ == "__main__":
    main()
