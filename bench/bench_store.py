"""Saving and loading a long alignment: the store as it is, beside the store before orjson.

Aligns a Russian-English pair of at least 10,000 paragraphs (the works of
``../shared/bench/ruen-paragraph`` concatenated and repeated, as
``bench_align_speed.py`` builds it) with ``aligner align`` as a user runs it
(sentence links included), so the file holds what a real one holds: evidence,
sentences, sentence links. The 20,000-link file is that alignment twice over.
Per size it prints the wall and CPU seconds to save and to load it (best of three), once
with this checkout's store and once with the store of commit
``BASELINE`` (taken from git and run in the same process on the same data), and
the file's size. Loading validates the whole file as every command does
(``load_alignment`` without the check of the texts' digests, which reads the
texts, not the store).

Run on demand; it asserts nothing. Target (issue 14): save and load of a
10,000-link alignment each under 0.5 s.

    .venv/bin/python bench/bench_store.py [--paragraphs 10000] [--sizes 1,2] [--sentences off]
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from aligner.core.model import Alignment, Document  # noqa: E402
from aligner.io.store import load_alignment, save_alignment  # noqa: E402

#: The last commit whose store wrote with the standard library's json (indent=2, its
#: pure-Python encoder) and validated every value with path strings built as it went.
BASELINE = "b01f8a3"
#: Timed runs per figure; the best is shown (the machine is shared with other work).
REPEATS = 3


def baseline_store() -> ModuleType | None:
    """The store module as it was at BASELINE, loaded beside today's one."""
    try:
        source = subprocess.run(
            ["git", "-C", str(REPO), "show", f"{BASELINE}:aligner/io/store.py"],
            check=True, capture_output=True, text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("store_before", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, f"{BASELINE}:aligner/io/store.py", "exec"), module.__dict__)
    return module


def aligned(paragraphs: int, folder: Path, sentences: str) -> Path:
    """``aligner align`` on the concatenated bench texts; returns the alignment's path."""
    from bench_align_speed import build_pair

    source, target, _gold = build_pair(paragraphs)
    ru, en = folder / "corpus.ru.txt", folder / "corpus.en.txt"
    ru.write_text("\n\n".join(source) + "\n", encoding="utf-8")
    en.write_text("\n\n".join(target) + "\n", encoding="utf-8")
    out = folder / "corpus.json"
    subprocess.run([sys.executable, "-m", "aligner", "align", str(ru), str(en), "-o", str(out),
                    "-q", "--sentences", sentences], check=True, cwd=REPO)
    return out


def _shifted(doc: Document, copies: int) -> Document:
    return replace(doc, segments=doc.segments * copies)


def repeated(alignment: Alignment, copies: int) -> Alignment:
    """The alignment ``copies`` times over, as one document (indices shifted per copy)."""
    if copies == 1:
        return alignment
    n_src, n_tgt = len(alignment.source.segments), len(alignment.target.segments)
    s_src, s_tgt = alignment.source.sentence_count, alignment.target.sentence_count
    links = []
    for k in range(copies):
        for lk in alignment.links:
            links.append(replace(
                lk, id=len(links),
                source=tuple(i + k * n_src for i in lk.source),
                target=tuple(j + k * n_tgt for j in lk.target),
                sentences=tuple(replace(
                    s, source=tuple(i + k * s_src for i in s.source),
                    target=tuple(j + k * s_tgt for j in s.target)) for s in lk.sentences),
            ))
    return replace(alignment, source=_shifted(alignment.source, copies),
                   target=_shifted(alignment.target, copies), links=tuple(links))


def best(run: Callable[[], object]) -> str:
    """Best wall and CPU seconds of REPEATS runs, as "wall / CPU s"."""
    wall = cpu = float("inf")
    for _ in range(REPEATS):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return f"{wall:.2f} / {cpu:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--sizes", default="1,2", help="copies of the aligned pair to time")
    parser.add_argument("--sentences", choices=("auto", "off"), default="auto",
                        help="'aligner align --sentences': auto (the default, sentence links "
                             "inside every link) or off (paragraph links only, a smaller file)")
    args = parser.parse_args()
    before = baseline_store()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        path = aligned(args.paragraphs, folder, args.sentences)
        print(f"aligned with 'aligner align --sentences {args.sentences}' in "
              f"{time.perf_counter() - start:.1f} s")
        one = load_alignment(path, check_texts=False, warn=None)
        print("seconds: best of three, wall / CPU (the machine is shared; CPU time is "
              "the steadier figure)")
        print("| links | sentence links | file MB | save now | save before | load now "
              "| load before |")
        print("|---|---|---|---|---|---|---|")
        for copies in (int(s) for s in args.sizes.split(",")):
            alignment = repeated(one, copies)
            out = folder / f"x{copies}.json"
            old_out = folder / f"x{copies}-before.json"
            save_now = best(lambda a=alignment, o=out: save_alignment(a, o))
            load_now = best(lambda o=out: load_alignment(o, check_texts=False, warn=None))
            if before is not None:
                save_old = best(lambda a=alignment, o=old_out: before.save_alignment(a, o))
                load_old = best(
                    lambda o=old_out: before.load_alignment(o, check_texts=False, warn=None))
                # The same alignment read back by either store: nothing lost in either.
                assert load_alignment(old_out, check_texts=False, warn=None) == \
                    before.load_alignment(out, check_texts=False, warn=None)
                old = save_old, load_old
            else:
                old = ("(no git)", "(no git)")
            sentences = sum(len(lk.sentences) for lk in alignment.links)
            print(f"| {len(alignment.links):,} | {sentences:,} | "
                  f"{out.stat().st_size / 1e6:.1f} | {save_now} | {old[0]} | "
                  f"{load_now} | {old[1]} |")


if __name__ == "__main__":
    main()
