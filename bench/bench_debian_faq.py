"""Alignment of a text none of the benchmarks holds: the Debian FAQ in Russian, French and
English (run on demand; asserts nothing).

The FAQ is a real translated document of another kind than the benchmarks: a technical
manual, hard-wrapped by a formatter, with bulleted lists, command lines, web addresses
broken at line ends, and (in Russian) a quarter of its paragraphs left in English. It
has no gold alignment, but its questions are numbered ("4.2. What kernels does Debian
GNU/Linux run?") in every language, so one check is exact: every numbered heading both
texts hold must be in one link with its counterpart. For each pair this prints the
paragraph links by shape, how many are marked for review, the headings linked right,
the sentence links by shape, and the length models ("-": the sentence level aligned
link by link, as it does when a sentence unit crosses a paragraph link, and recorded
none); with ``--baseline REV`` also by the aligner of git revision REV, side by side.

The texts come from the Debian packages debian-faq, debian-faq-ru and debian-faq-fr
(``apt-get install debian-faq debian-faq-ru debian-faq-fr``); they are read from
/usr/share/doc/debian/FAQ and nothing of them is kept.

    .venv/bin/python bench/bench_debian_faq.py [--baseline REV ...]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FAQ = Path("/usr/share/doc/debian/FAQ")
PAIRS = (("ru", "en"), ("fr", "en"), ("ru", "fr"))
#: A numbered question or section opening a paragraph: "4.2. ", "11.11. ".
HEADING = re.compile(r"^(\d+(?:\.\d+)+)\.\s")


def _texts(folder: Path) -> dict[str, Path]:
    """The FAQ's plain-text edition in each language, unpacked into ``folder``."""
    out = {}
    for lang in {lang for pair in PAIRS for lang in pair}:
        packed = FAQ / f"debian-faq.{lang}.txt.gz"
        if not packed.is_file():
            sys.exit(f"{packed} is missing: apt-get install debian-faq debian-faq-ru "
                     "debian-faq-fr, then run this again")
        path = folder / f"faq.{lang}.txt"
        path.write_bytes(gzip.decompress(packed.read_bytes()))
        out[lang] = path
    return out


def _align(tree: Path, source: Path, target: Path, out: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run(
        [sys.executable, "-m", "aligner", "align", str(source), str(target), "-o", str(out),
         "-q", "--force"], check=True, env=env, cwd=out.parent,
    )  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8"))


def _shapes(beads: Counter[str]) -> str:
    return ", ".join(f"{b} {n}" for b, n in sorted(beads.items(), key=lambda x: (-x[1], x[0])))


def _figures(data: dict) -> dict[str, str]:
    source, target = data["source"]["segments"], data["target"]["segments"]
    links = data["links"]
    where_source = {i: k for k, lk in enumerate(links) for i in lk["source"]}
    where_target = {j: k for k, lk in enumerate(links) for j in lk["target"]}

    def headings(segments: list[dict]) -> dict[str, int]:
        return {m.group(1): i for i, s in enumerate(segments)
                if (m := HEADING.match(s["text"])) is not None}  # fmt: skip

    in_source, in_target = headings(source), headings(target)
    both = in_source.keys() & in_target.keys()
    right = sum(where_source[in_source[h]] == where_target[in_target[h]] for h in both)
    paragraph = Counter(f"{len(lk['source'])}-{len(lk['target'])}" for lk in links)
    copies = sum(len(lk["source"]) == len(lk["target"]) == 1
                 and source[lk["source"][0]]["text"] == target[lk["target"][0]]["text"]
                 for lk in links)  # fmt: skip
    sentence = Counter(f"{len(s['source'])}-{len(s['target'])}"
                       for lk in links for s in lk["sentences"])  # fmt: skip
    settings = data["settings"]
    models = [settings.get("length_model"), settings.get("sentence_length_model")]
    return {
        "paragraphs": f"{len(source)} / {len(target)}",
        "links": f"{len(links)}: {_shapes(paragraph)}",
        "review": str(sum(bool(lk.get("needs_review")) for lk in links)),
        "copies": f"{copies} of {paragraph['1-1']}",
        "headings": f"{right} of {len(both)}",
        "sentence links": f"{sum(sentence.values())}: {_shapes(sentence)}",
        "length models": " / ".join(
            f"{m['ratio']:.3f}, {m['variance']:.2f}" if m else "-" for m in models
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="append", default=[], metavar="REV",
                        help="also align with the aligner of this git revision")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import checkout

    names = ["this tree", *args.baseline]
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        trees = [REPO, *(stack.enter_context(checkout(rev)) for rev in args.baseline)]
        texts = _texts(Path(tmp))
        print("| pair | tree | paragraphs | paragraph links | 1-1 links that are copies "
              "| marked for review | numbered headings linked right | sentence links "
              "| length model (ratio, variance): paragraphs / sentences |")
        print("|---|---|---|---|---|---|---|---|---|")
        for src, tgt in PAIRS:
            for name, tree in zip(names, trees, strict=True):
                out = Path(tmp) / f"{src}-{tgt}-{len(name)}.json"
                f = _figures(_align(tree, texts[src], texts[tgt], out))
                print(f"| {src}-{tgt} | {name} | {f['paragraphs']} | {f['links']} "
                      f"| {f['copies']} | {f['review']} | {f['headings']} | {f['sentence links']} "
                      f"| {f['length models']} |")


if __name__ == "__main__":
    main()
