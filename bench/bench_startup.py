"""Start-up: a two-paragraph ``aligner align``, this checkout beside an older revision.

Issue 14 asks that start-up stay no slower than it was (a two-paragraph ``aligner
align`` took about 0.2 s). This aligns the first two paragraphs of a
``../shared/bench/ruen-paragraph`` work, writing the alignment, as a user runs it
(``python -m aligner align RU EN -o OUT -q``), alternately with this checkout and
with the package of ``--baseline`` (taken from git with ``git archive``), and
prints the best and the median wall and CPU seconds of each. It also says whether
numba (the compiled kernel, a second of import) was imported: it must not be for
so small a search.

Each revision is timed twice: with its bytecode cached (in a temporary
``PYTHONPYCACHEPREFIX``, as an installed package has it: pip compiles it), and with
none, every module compiled from source at each start (as with
``PYTHONDONTWRITEBYTECODE=1``, which some environments set): that costs about half
of the start-up, the same for both revisions.

Run on demand; it asserts nothing.

    .venv/bin/python bench/bench_startup.py [--runs 15] [--baseline 04d013e]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RUEN = REPO.parent / "shared" / "bench" / "ruen-paragraph"
#: The revision the issue's 0.2 s was measured on (before the fast kernel and store).
BASELINE = "04d013e"
#: Paragraphs per side: the issue's "two-paragraph aligner align".
PARAGRAPHS = 2

sys.path.insert(0, str(REPO / "bench"))
from bench_store import extract  # noqa: E402  (one way to unpack an older revision)


def texts(folder: Path) -> tuple[Path, Path]:
    """The first PARAGRAPHS paragraphs of the first work, Russian and English."""
    work = sorted(RUEN.glob("*.gold"))[0].name[: -len(".gold")]
    out = []
    for lang in ("ru", "en"):
        text = (RUEN / f"{work}.{lang}.txt").read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()][:PARAGRAPHS]
        path = folder / f"two.{lang}.txt"
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        out.append(path)
    return out[0], out[1]


def environment(cache: Path | None) -> dict[str, str]:
    """The command's environment: bytecode kept under ``cache``, or never written."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if cache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def run_once(tree: Path, ru: Path, en: Path, out: Path, env: dict[str, str]
             ) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python -m aligner align`` with the package in ``tree``."""
    out.unlink(missing_ok=True)  # a new alignment each time, as a first run writes it
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "aligner", "align", str(ru), str(en), "-o", str(out),
                    "-q"], check=True, cwd=tree, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def imports_numba(tree: Path, ru: Path, en: Path, out: Path, env: dict[str, str]) -> bool:
    """Whether the same command, run in-process, imported numba."""
    out.unlink(missing_ok=True)
    code = ("import runpy, sys\n"
            f"sys.argv = ['aligner', 'align', {str(ru)!r}, {str(en)!r}, '-o', {str(out)!r}, '-q']\n"
            "try:\n    runpy.run_module('aligner', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('numba' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], check=True, cwd=tree,
                          capture_output=True, text=True, env=env)
    return done.stdout.strip().splitlines()[-1] == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each revision")
    parser.add_argument("--baseline", default=BASELINE)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        trees = {"now": REPO, f"before ({args.baseline})": extract(args.baseline, folder)}
        ru, en = texts(folder)
        out = folder / "two.json"
        runs = {(name, bytecode): (tree, environment(
                    folder / f"pycache-{number}" if bytecode == "cached" else None))
                for bytecode in ("cached", "none")
                for number, (name, tree) in enumerate(trees.items())}
        for tree, env in runs.values():
            run_once(tree, ru, en, out, env)  # warm the file cache and write the bytecode
        times: dict[tuple[str, str], list[tuple[float, float]]] = {key: [] for key in runs}
        for _ in range(args.runs):
            for key, (tree, env) in runs.items():
                times[key].append(run_once(tree, ru, en, out, env))
        print(f"two-paragraph 'aligner align -o OUT -q', {args.runs} runs each, alternating; "
              "seconds wall / CPU (the machine is shared)")
        print("| package | bytecode | best | median | numba imported |")
        print("|---|---|---|---|---|")
        for (name, bytecode), (tree, env) in runs.items():
            walls = [w for w, _ in times[name, bytecode]]
            cpus = [c for _, c in times[name, bytecode]]
            print(f"| {name} | {bytecode} | {min(walls):.3f} / {min(cpus):.3f} | "
                  f"{statistics.median(walls):.3f} / {statistics.median(cpus):.3f} | "
                  f"{'yes' if imports_numba(tree, ru, en, out, env) else 'no'} |")


if __name__ == "__main__":
    main()
