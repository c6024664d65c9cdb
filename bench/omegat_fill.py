"""OmegaT reads the telegram's sentence-level TMX and fills the Russian text from it
(run on demand; needs Java and the Debian package ``omegat``; not part of make test).

    .venv/bin/python bench/omegat_fill.py

Aligns the bundled telegram (``aligner align``, sentences split automatically),
exports the sentence level as TMX (``aligner export --level sentence``), puts it in
the ``tm/auto`` folder of a fresh OmegaT project whose source document is the
Russian telegram, runs ``omegat --mode=console-translate`` and prints the lines
of OmegaT's log that are warnings or errors, then how many of the Russian body
sentences the translated document no longer holds (filled from the TMX). Twice,
side by side: with OmegaT's default segmentation rules, and with the rules
``aligner export --segmentation-rules`` writes as the project's
``omegat/segmentation.conf``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEXTS = REPO / "texts" / "kuznetsov-zorin-1962-10-30"
GLOSSARY = REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml"
#: Where Debian's package puts OmegaT (its jar holds the SRX 2.0 schema).
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

PROJECT = """\
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>source</source_dir>
    <source_dir_excludes/>
    <target_dir>target</target_dir>
    <tm_dir>tm</tm_dir>
    <glossary_dir>glossary</glossary_dir>
    <glossary_file>glossary/glossary.txt</glossary_file>
    <dictionary_dir>dictionary</dictionary_dir>
    <source_lang>ru</source_lang>
    <target_lang>en</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneRussianTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""
#: OmegaT's log marks its own warnings and errors this way; "Info:" lines are not.
_TROUBLE = re.compile(r"\b(Warning|Warn|Error|Exception|SEVERE)\b", re.IGNORECASE)


def _aligner(*args: str, cwd: Path) -> None:
    subprocess.run([sys.executable, "-m", "aligner", *args], cwd=cwd, check=True)


def _fill(work: Path, rules: bool) -> tuple[int, list[str], list[str], int]:
    """One OmegaT project filled from the TMX: exit code, trouble lines, the Russian
    body sentences, those left in Russian."""
    from aligner.io.texts import load_document

    project = work / ("project-rules" if rules else "project")
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
        (project / folder).mkdir(parents=True)
    (project / "omegat.project").write_text(PROJECT, encoding="utf-8")
    source = TEXTS / "kuznetsov-zorin-1962-10-30.ru.txt"
    shutil.copy(source, project / "source" / "telegram.txt")
    extra = ["--segmentation-rules", str(project / "omegat" / "segmentation.conf")] if rules else []
    _aligner("export", "telegram.json", "--level", "sentence",
             "-o", str(project / "tm" / "auto" / "telegram.tmx"), *extra, cwd=work)  # fmt: skip
    run = subprocess.run(
        ["omegat", "--mode=console-translate", str(project)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    log = (run.stdout + run.stderr).splitlines()
    trouble = [line for line in log if _TROUBLE.search(line)]
    translated = (project / "target" / "telegram.txt").read_text(encoding="utf-8")
    flat = " ".join(translated.split())
    ru = load_document(source, sentences="auto")
    sentences = [ru.sentence_text(g) for g in range(ru.sentence_count)]
    left = [s for s in sentences if " ".join(s.split()) in flat]
    return run.returncode, trouble, sentences, left


def _check_srx(work: Path) -> None:
    """The SRX form of the rules against the SRX 2.0 schema OmegaT ships in its jar."""
    import zipfile

    from lxml import etree

    _aligner("export", "telegram.json", "--level", "sentence", "-o", "rules-check.tmx",
             "--segmentation-rules", "telegram.srx", cwd=work)  # fmt: skip
    with zipfile.ZipFile(OMEGAT_JAR) as jar:
        schema = etree.XMLSchema(etree.fromstring(jar.read("schemas/srx20.xsd")))
    ok = schema.validate(etree.parse(str(work / "telegram.srx")))
    print(f"telegram.srx against OmegaT's schemas/srx20.xsd: {'valid' if ok else 'INVALID'}")
    for error in schema.error_log:
        print(f"  {error.message}")


def main() -> None:
    if shutil.which("omegat") is None:
        sys.exit("omegat is not installed (Debian: apt-get install omegat)")
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = TEXTS / "kuznetsov-zorin-1962-10-30.ru.txt"
        target = TEXTS / "kuznetsov-zorin-1962-10-30.en.txt"
        _aligner("align", str(source), str(target), "--glossary", str(GLOSSARY),
                 "-o", "telegram.json", "-q", cwd=work)  # fmt: skip
        _check_srx(work)
        for rules, name in ((False, "OmegaT's default segmentation"),
                            (True, "the exported segmentation.conf in the project")):  # fmt: skip
            code, trouble, sentences, left = _fill(work, rules)
            print(f"{name}: omegat exit code {code}; "
                  f"{len(trouble)} warning or error lines in its log")  # fmt: skip
            for line in trouble:
                print("  " + line)
            filled = len(sentences) - len(left)
            print(
                f"  Russian body sentences filled from the TMX: {filled} of {len(sentences)} "
                f"({100 * filled / len(sentences):.0f}%)"
            )
            for s in left:
                print("  left in Russian: " + s[:100])


if __name__ == "__main__":
    main()
