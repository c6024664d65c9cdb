"""The telegram's TMX in a real CAT tool: OmegaT (Debian ``omegat``) in console mode.

Builds an OmegaT project with source language ru-RU and target language en-GB
in a temporary folder: the Russian text of the bundled telegram as the file to
translate (paragraphs separated by a blank line, segmentation by sentence off, as the memory
holds paragraphs), and ``aligner export --lang-tags ru-RU,en-GB`` of the
stored alignment as the project's memory (``omegat/project_save.tmx``, what
console mode writes the translation from), with one 1-1 link marked rejected
first. Then runs ``omegat --mode=console-translate``
and checks what a translator relies on:

* OmegaT prints no warning (about languages, the TMX, anything);
* the translated file holds the English of accepted links;
* the rejected link's English is not used: its Russian stays untranslated;
* the control: exported with ``--include-rejected`` the same unit is used.

Not part of ``make test`` (it needs Java and OmegaT): run it as
``.venv/bin/python bench/bench_omegat.py``; it prints what it found and exits
1 when a check fails (and says it skipped when OmegaT is not installed).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from aligner.core.model import Alignment
from aligner.io.bundled import bundled_alignment_path
from aligner.io.export import ExportOptions, export_alignment
from aligner.io.store import load_alignment

#: The OmegaT project file: languages of a ru-RU -> en-GB project, no sentence splitting.
PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>ru-RU</source_lang>
    <target_lang>en-GB</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""

#: Words in OmegaT's console output that mean something went wrong.
TROUBLE = ("warning", "error", "exception", "severe", "invalid", "unknown language")


def run_project(omegat: str, alignment: Alignment, include_rejected: bool
                ) -> tuple[int, str, str]:
    """Translate the telegram in a fresh OmegaT project from the exported memory:
    (exit code, OmegaT's console output, the translated file's text)."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "telegram"
        for sub in ("source", "target", "tm", "glossary", "omegat", "dictionary"):
            (project / sub).mkdir(parents=True)
        (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
        paragraphs = [s.text.replace("\n", " ") for s in alignment.source.segments]
        (project / "source" / "telegram.txt").write_text("\n\n".join(paragraphs) + "\n",
                                                       encoding="utf-8")
        # the project memory: what console-translate writes the target files from
        tmx = project / "omegat" / "project_save.tmx"
        options = ExportOptions(lang_tags=("ru-RU", "en-GB"), include_rejected=include_rejected)
        print(export_alignment(alignment, tmx, "tmx", options=options).summary("tmx"))
        run = subprocess.run([omegat, str(project), "--mode=console-translate"],
                             capture_output=True, text=True, timeout=600, check=False)
        translated = project / "target" / "telegram.txt"
        text = translated.read_text(encoding="utf-8") if translated.exists() else ""
    return run.returncode, run.stdout + run.stderr, text


def main() -> int:
    omegat = shutil.which("omegat")
    if omegat is None:
        print("skipped: OmegaT is not installed (Debian: apt-get install omegat)")
        return 0
    alignment = load_alignment(bundled_alignment_path(), check_texts=False)
    one_to_one = [i for i, lk in enumerate(alignment.links)
                  if len(lk.source) == 1 and len(lk.target) == 1]
    rejected_at, accepted_at = one_to_one[5], one_to_one[6]
    links = list(alignment.links)
    links[rejected_at] = replace(links[rejected_at], status="rejected")
    alignment = alignment.with_links(links)
    rejected_en = alignment.target_text(alignment.links[rejected_at], " ")
    accepted_en = alignment.target_text(alignment.links[accepted_at], " ")
    code, output, text = run_project(omegat, alignment, include_rejected=False)
    trouble = [line for line in output.splitlines()
               if any(word in line.lower() for word in TROUBLE)]
    # The control: with --include-rejected the same unit is used, so the check can fail.
    _, _, with_rejected = run_project(omegat, alignment, include_rejected=True)
    checks = {
        "OmegaT ran (exit code 0)": code == 0,
        "no warning or error in OmegaT's output": not trouble,
        "the translated file was written": bool(text),
        "an accepted link's English is used": accepted_en[:60] in text,
        "the rejected link's English is not used": rejected_en[:60] not in text,
        "control: with --include-rejected it is used": rejected_en[:60] in with_rejected,
    }
    for line in trouble[:10]:
        print(f"  OmegaT: {line}")
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
