"""Alignment of texts none of the benchmarks holds: the Debian FAQ in Russian, French and
English, the Debian Reference in French, German and English, the Debian installation
guide in Russian (KOI8-R), French, German and English, the Debian New Maintainers'
Guide and Developer's Reference in Russian and English, and two pages of Double
Commander's help in Russian and English (run on demand; asserts nothing).

They are real translated documents of another kind than the benchmarks: technical
manuals, hard-wrapped by a formatter (the installation guide's breaks lines after
slashes too: "Debian GNU/" + "Linux"), with bulleted lists, tables drawn in characters,
command lines and their output, web addresses broken at line ends, and (the FAQ in
Russian) a quarter of the paragraphs left in English. They have no gold alignment, but
their sections and questions are numbered ("4.2. What kernels does Debian GNU/Linux
run?") in every language, so one check is exact: the k-th paragraph opening with a
number in one text must be in one link with the k-th opening with that number in the
other (the table of contents repeats them; a number met a different number of times on
the two sides is not counted). For each pair this prints the
paragraph links by shape, how many are marked for review, the headings linked right,
the sentence links by shape, the length models ("-": the sentence level aligned
link by link, as it does when a sentence unit crosses a paragraph link, and recorded
none), and how often a paragraph reads "GNU/ Linux" where the text also writes
"GNU/Linux" (a word broken after its slash, read back with a space), and how many
sentences are a note's mark alone ("^[2]", which the Maintainers' Guide writes after
a full stop) or end with a dotted number: the next entry of a table of contents run on
into this one ("Required files under the debian directory 4.1."), a bullet's number
cut from its entry ("* 2.1."), but also a version or section a sentence rightly ends
with ("... written for version 0.9.12."); with ``--baseline REV`` also by the aligner
of git revision REV, side by side.

The texts come from Debian packages (``apt-get install debian-faq debian-faq-ru
debian-faq-fr debian-reference-en debian-reference-fr debian-reference-de
installation-guide-amd64 maint-guide maint-guide-ru developers-reference
developers-reference-ru doublecmd-help-ru doublecmd-help-en w3m``; Double Commander's
help pages are HTML, saved as text with ``w3m -dump`` as the loader advises); they are
read where the packages put them and nothing of them is kept.

    .venv/bin/python bench/bench_debian_docs.py [--baseline REV ...]
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
#: Each document: where its plain-text editions are (a pattern of the language, or a
#: path for each), and the pairs aligned.
DOCUMENTS: dict[str, tuple[str | dict[str, str], tuple[tuple[str, str], ...]]] = {
    "FAQ": ("/usr/share/doc/debian/FAQ/debian-faq.{lang}.txt.gz",
            (("ru", "en"), ("fr", "en"), ("ru", "fr"))),
    "Reference": ("/usr/share/debian-reference/debian-reference.{lang}.txt.gz",
                  (("fr", "en"), ("de", "en"))),
    "Install": ("/usr/share/doc/installation-guide-amd64/{lang}/install.{lang}.txt.gz",
                (("ru", "en"), ("fr", "en"), ("de", "en"))),
    "Maint": ({"en": "/usr/share/doc/maint-guide/maint-guide.en.txt.gz",
               "ru": "/usr/share/doc/maint-guide-ru/maint-guide.ru.txt.gz"}, (("ru", "en"),)),
    "DevRef": ({"en": "/usr/share/developers-reference/developers-reference.txt.gz",
                "ru": "/usr/share/developers-reference/ru/developers-reference.txt.gz"},
               (("ru", "en"),)),
    # Help pages in HTML, saved as text with w3m.
    "DC-FAQ": ("/usr/share/doublecmd/doc/{lang}/faq.html", (("ru", "en"),)),
    "DC-regexp": ("/usr/share/doublecmd/doc/{lang}/regexp.html", (("ru", "en"),)),
}
#: The width w3m lays HTML pages out in (its default).
W3M_COLUMNS = 80
PACKAGES = ("debian-faq debian-faq-ru debian-faq-fr debian-reference-en debian-reference-fr "
            "debian-reference-de installation-guide-amd64 maint-guide maint-guide-ru "
            "developers-reference developers-reference-ru doublecmd-help-ru doublecmd-help-en w3m")
#: A numbered question or section opening a paragraph: "4.2. ", "11.11. ".
HEADING = re.compile(r"^(\d+(?:\.\d+)+)\.\s")


def _texts(folder: Path) -> dict[tuple[str, str], Path]:
    """Every document's plain-text edition in each language, unpacked into ``folder``."""
    out = {}
    for name, (where, pairs) in DOCUMENTS.items():
        for lang in sorted({lang for pair in pairs for lang in pair}):
            packed = Path(where[lang] if isinstance(where, dict) else where.format(lang=lang))
            if not packed.is_file():
                sys.exit(f"{packed} is missing: apt-get install {PACKAGES}, then run this again")
            path = folder / f"{name.lower()}.{lang}.txt"
            if packed.suffix == ".html":  # as the loader's refusal of HTML advises
                text = subprocess.run(["w3m", "-dump", "-cols", str(W3M_COLUMNS), "-O", "UTF-8",
                                       str(packed)], check=True, capture_output=True).stdout
                path.write_bytes(text)
            else:
                path.write_bytes(gzip.decompress(packed.read_bytes()))
            out[name, lang] = path
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


#: Two words with a slash and a space between them (and the word they end, to leave out
#: addresses: "http://deb.debian.org/debian/ bullseye" is a sources.list line).
_SPACED_SLASH = re.compile(r"(\S*?)(\w+)/ (?=(\w+))")
_SLASHED = re.compile(r"(\w+)/(?=(\w+))")


def _broken_compounds(segments: list[dict]) -> int:
    """How often the paragraphs hold "GNU/ Linux" where they also write "GNU/Linux": a
    word a formatter broke after its slash, read back with a space."""
    text = "\n".join(s["text"] for s in segments)
    whole = {(a.lower(), b.lower()) for a, b in _SLASHED.findall(text)}
    return sum((a.lower(), b.lower()) in whole
               for word, a, b in _SPACED_SLASH.findall(text) if "://" not in word)  # fmt: skip


#: A sentence that is a note's mark alone, and one that ends with a dotted number (the
#: next entry of a table of contents run on into this one; a version, rightly).
_BARE_NOTE = re.compile(r"\^\[\d+\]")
_RUN_ON_ENTRY = re.compile(r".*\s(?:\d+|[A-Z])(?:\.\d+)+\.")


def _odd_sentences(segments: list[dict]) -> str:
    texts = [s["text"][a:b] for s in segments for a, b, *_ in s.get("sentences") or ()]
    notes = sum(_BARE_NOTE.fullmatch(t) is not None for t in texts)
    entries = sum(_RUN_ON_ENTRY.fullmatch(t) is not None for t in texts)
    return f"{notes} / {entries}"


def _figures(data: dict) -> dict[str, str]:
    source, target = data["source"]["segments"], data["target"]["segments"]
    links = data["links"]
    where_source = {i: k for k, lk in enumerate(links) for i in lk["source"]}
    where_target = {j: k for k, lk in enumerate(links) for j in lk["target"]}

    def headings(segments: list[dict]) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for i, s in enumerate(segments):
            if (m := HEADING.match(s["text"])) is not None:
                found.setdefault(m.group(1), []).append(i)
        return found

    in_source, in_target = headings(source), headings(target)
    both = [(i, j) for h in in_source.keys() & in_target.keys()
            if len(in_source[h]) == len(in_target[h])
            for i, j in zip(in_source[h], in_target[h], strict=True)]  # fmt: skip
    right = sum(where_source[i] == where_target[j] for i, j in both)
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
        "broken": f"{_broken_compounds(source)} / {_broken_compounds(target)}",
        "odd": f"{_odd_sentences(source)}; {_odd_sentences(target)}",
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
        print("| text | pair | tree | paragraphs | paragraph links | 1-1 links that are "
              "copies | marked for review | numbered headings linked right | sentence links "
              "| length model (ratio, variance): paragraphs / sentences "
              "| \"GNU/ Linux\" left (source / target) "
              "| sentences that are a note's mark / end with an entry's number (source; target) |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for document, (_, pairs) in DOCUMENTS.items():
            for src, tgt in pairs:
                for k, (name, tree) in enumerate(zip(names, trees, strict=True)):
                    out = Path(tmp) / f"{document}-{src}-{tgt}-{k}.json"
                    f = _figures(_align(tree, texts[document, src], texts[document, tgt], out))
                    print(f"| {document} | {src}-{tgt} | {name} | {f['paragraphs']} "
                          f"| {f['links']} | {f['copies']} | {f['review']} | {f['headings']} "
                          f"| {f['sentence links']} | {f['length models']} | {f['broken']} "
                          f"| {f['odd']} |")


if __name__ == "__main__":
    main()
