"""Saving and loading a long alignment: the store as it is, beside the store of an older revision.

Aligns a Russian-English pair of at least 10,000 paragraphs (the works of
``../shared/bench/ruen-paragraph`` concatenated and repeated, as
``bench_align_speed.py`` builds it) with ``aligner align`` as a user runs it, with
sentence links (``--sentences auto``, the default) and without (``off``), so the
file holds what a real one holds: evidence, sentences, sentence links. The
20,000-link file is that alignment twice over. Per file it prints the wall and CPU
seconds to save and to load it (best of three), once with this checkout's package
and once with the whole package of ``--baseline`` (taken from git with ``git
archive``; each runs in a process of its own, one after the other, on the same
file), and the file's size. Loading validates the whole file as every command does
(``load_alignment`` without the check of the texts' digests, which reads the texts,
not the store). Both revisions must write the same bytes: the script stops if not.

Run on demand; it asserts nothing else. Target (issue 14): save and load of a
10,000-link alignment each under 0.5 s.

    .venv/bin/python bench/bench_store.py [--paragraphs 10000] [--sizes 1,2]
        [--sentences auto,off] [--baseline fe83c2f]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

#: The store before the issue-14 rework of loading and saving (the last commit of main
#: before it): orjson already, each object checked again by its constructor.
BASELINE = "fe83c2f"
#: Timed runs per figure; the best is shown (the machine is shared with other work).
REPEATS = 3


def extract(rev: str, folder: Path) -> Path:
    """The ``aligner`` package as it was at ``rev``, unpacked under ``folder``."""
    tree = folder / f"rev-{rev}"
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev, "aligner"],
                             check=True, capture_output=True).stdout
    tree.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(tree, filter="data")
    return tree


def aligned(paragraphs: int, folder: Path, sentences: str) -> Path:
    """``aligner align`` on the concatenated bench texts; returns the alignment's path."""
    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import build_pair

    source, target, _gold = build_pair(paragraphs)
    ru, en = folder / "corpus.ru.txt", folder / "corpus.en.txt"
    ru.write_text("\n\n".join(source) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(target) + "\n", encoding="utf-8")
    out = folder / f"corpus-{sentences}.json"
    subprocess.run([sys.executable, "-m", "aligner", "align", str(ru), str(en), "-o", str(out),
                    "-q", "--sentences", sentences], check=True, cwd=REPO)
    return out


def best(run: Callable[[], object]) -> tuple[float, float]:
    """Best wall and CPU seconds of REPEATS runs."""
    wall = cpu = float("inf")
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu


def worker(tree: str, path: str, copies: int, out: str) -> dict[str, Any]:
    """In a process whose ``aligner`` is the one in ``tree``: time saving ``copies`` times the
    alignment in ``path`` to ``out``, then loading ``out``."""
    sys.path.insert(0, tree)
    from dataclasses import replace

    import aligner
    from aligner.io.store import load_alignment, save_alignment

    assert Path(aligner.__file__).resolve().is_relative_to(Path(tree).resolve())
    one = load_alignment(path, check_texts=False, warn=None)
    alignment = one
    if copies > 1:
        n_src, n_tgt = len(one.source.segments), len(one.target.segments)
        s_src, s_tgt = one.source.sentence_count, one.target.sentence_count
        links = []
        for k in range(copies):
            for lk in one.links:
                links.append(replace(
                    lk, id=len(links),
                    source=tuple(i + k * n_src for i in lk.source),
                    target=tuple(j + k * n_tgt for j in lk.target),
                    sentences=tuple(replace(
                        s, source=tuple(i + k * s_src for i in s.source),
                        target=tuple(j + k * s_tgt for j in s.target)) for s in lk.sentences),
                ))
        alignment = replace(
            one, links=tuple(links),
            source=replace(one.source, segments=one.source.segments * copies),
            target=replace(one.target, segments=one.target.segments * copies))
    save = best(lambda: save_alignment(alignment, out))
    load = best(lambda: load_alignment(out, check_texts=False, warn=None))
    assert load_alignment(out, check_texts=False, warn=None) == alignment
    return {"links": len(alignment.links),
            "sentence_links": sum(len(lk.sentences) for lk in alignment.links),
            "save": save, "load": load}


def timed(tree: Path, path: Path, copies: int, out: Path) -> dict[str, Any]:
    """:func:`worker` in a fresh interpreter."""
    code = ("import json, sys\n"
            f"sys.path.insert(0, {str(REPO / 'bench')!r})\n"
            "from bench_store import worker\n"
            f"print(json.dumps(worker({str(tree)!r}, {str(path)!r}, {copies}, {str(out)!r})))\n")
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=tree)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _seconds(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.2f} / {pair[1]:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--sizes", default="1,2", help="copies of the aligned pair to time")
    parser.add_argument("--sentences", default="auto,off",
                        help="'aligner align --sentences' values, comma-separated: auto (the "
                             "default, sentence links inside every link) and/or off "
                             "(paragraph links only, a smaller file)")
    parser.add_argument("--baseline", default=BASELINE,
                        help="git revision whose store is timed beside this checkout's")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old_tree = extract(args.baseline, folder)
        print("seconds: best of three, wall / CPU (the machine is shared; CPU time is "
              "the steadier figure); 'before' is the package at "
              f"{args.baseline}")
        rows = []
        for mode in args.sentences.split(","):
            start = time.perf_counter()
            path = aligned(args.paragraphs, folder, mode)
            print(f"aligned with 'aligner align --sentences {mode}' in "
                  f"{time.perf_counter() - start:.1f} s")
            for copies in (int(s) for s in args.sizes.split(",")):
                out = folder / f"{mode}-x{copies}.json"
                old_out = folder / f"{mode}-x{copies}-before.json"
                now = timed(REPO, path, copies, out)
                before = timed(old_tree, path, copies, old_out)
                if out.read_bytes() != old_out.read_bytes():
                    sys.exit(f"the two revisions wrote different bytes for {mode} x{copies}")
                rows.append(f"| {now['links']:,} | {now['sentence_links']:,} | "
                            f"{out.stat().st_size / 1e6:.1f} | {_seconds(now['save'])} | "
                            f"{_seconds(before['save'])} | {_seconds(now['load'])} | "
                            f"{_seconds(before['load'])} |")
        print("| links | sentence links | file MB | save now | save before | load now "
              "| load before |")
        print("|---|---|---|---|---|---|---|")
        print("\n".join(rows))


if __name__ == "__main__":
    main()
