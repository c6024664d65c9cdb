"""The header names each text's language, provenance and the encoding it was read in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aligner.io.store import load_alignment, save_alignment
from aligner.tui.app import build_app
from aligner.tui.sample import telegram_excerpt
from aligner.tui.screen_text import screen_lines


async def test_header_shows_encodings_on_one_line_per_text_at_80_columns(tmp_path: Path) -> None:
    excerpt = telegram_excerpt()
    excerpt = replace(excerpt, source=replace(excerpt.source, encoding="cp1251"))
    path = tmp_path / "telegram.json"
    save_alignment(excerpt, path)
    app = build_app(load_alignment(path), alignment_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = screen_lines(app)
    assert lines[0].lstrip().startswith("SOURCE ru reconstructed Windows-1251 ·")
    assert lines[0].rstrip().endswith("…")
    assert lines[1].lstrip().startswith("TARGET en archival UTF-8 ·")
    assert "RECONSTRUCTION" in lines[2]
