"""One meaning of "needs review": `align`, `terms` and the workspace count the same links."""

from __future__ import annotations

import json
import re

from aligner.cli import main
from aligner.io.store import load_alignment
from aligner.tui.app import build_app
from aligner.tui.screen_text import screen_text
from tests.conftest import REPO

TEXTS = REPO / "texts" / "kuznetsov-zorin-1962-10-30"
GLOSSARY = REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"


async def test_align_terms_and_the_workspace_agree_on_the_links_to_review(tmp_path, capsys):
    out = tmp_path / "telegram.json"
    assert main(["align", str(TEXTS / "kuznetsov-zorin-1962-10-30.ru.txt"),
                 str(TEXTS / "kuznetsov-zorin-1962-10-30.en.txt"), "-o", str(out),
                 "--glossary", str(GLOSSARY)]) == 0
    (aligned,) = re.findall(r"marked for review: (\d+)", capsys.readouterr().out)
    assert main(["terms", str(out), "--format", "json", "--findings-only"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["links_to_review"] == int(aligned)
    # the disputed rendering is among them, the accepted variants alone are not
    assert data["flags"][0]["kind"] == "flagged"
    assert data["flags"][0]["term"] == "general-and-complete-disarmament"
    alignment = load_alignment(out)
    variant_only = [lk for lk in alignment.links
                    if lk.flags and {f.kind for f in lk.flags} == {"variant"}]
    assert variant_only, "the telegram has links whose only findings are accepted variants"
    app = build_app(alignment, alignment_path=out, glossary=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert f"{aligned} to review" in screen_text(app)
