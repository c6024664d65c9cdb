"""Benchmark: name findings of ``aligner report`` on gold-aligned Russian-English works.

Every work of ``../shared/bench/ruen-paragraph`` and ``ruen-stress`` is read with
its gold alignment (so every link is right and a name finding is a name the
translation really leaves out or a false alarm), and the omissions report is
made. Prints, per work, the links, the name findings and the names they list.
These sets are measure-only: nothing in the name rules is fitted on them.

``--baseline REV`` runs the same on git revision REV (checked out into a
temporary worktree, in a child process) and prints both side by side.

Run: .venv/bin/python bench/bench_names.py [--baseline REV]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from aligner.core.model import Alignment, Link
from aligner.core.report import omissions_report
from aligner.io.ladder import read_ladder
from aligner.io.texts import load_document

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
SETS = ("ruen-paragraph", "ruen-stress")


def measure() -> list[tuple[str, int, int, int]]:
    """(work, links, name findings, names listed) for every work."""
    out = []
    for folder in SETS:
        for gold in sorted((BENCH / folder).glob("*.gold")):
            stem = str(gold)[: -len(".gold")]
            source = load_document(f"{stem}.ru.txt", "ru")
            target = load_document(f"{stem}.en.txt", "en")
            links = [Link(tuple(s), tuple(t)) for s, t in read_ladder(gold)]
            names = omissions_report(Alignment(source, target, links)).of_kind("name")
            out.append((f"{folder}/{gold.stem}", len(links), len(names),
                        sum(len(f.detail["names"]) for f in names)))
    return out


def _child(code: Path) -> list[list]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child"],
                            env=env, cwd=code, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", metavar="REV", help="also measure git revision REV")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure()))
        return
    new = [list(r) for r in measure()]
    old = None
    if args.baseline:
        here = Path(__file__).resolve().parent.parent
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "baseline"
            subprocess.run(["git", "-C", str(here), "worktree", "add", "--detach", "-q",
                            str(tree), args.baseline], check=True)
            try:
                old = _child(tree)
            finally:
                subprocess.run(["git", "-C", str(here), "worktree", "remove", "--force",
                                str(tree)], check=True)
    head = f"{'work':<40} {'links':>6} {'findings':>9} {'names':>6}"
    print(head + (f" {'baseline findings':>18} {'names':>6}" if old else ""))
    for n, (work, links, findings, names) in enumerate(new):
        line = f"{work:<40} {links:>6} {findings:>9} {names:>6}"
        if old:
            line += f" {old[n][2]:>18} {old[n][3]:>6}"
        print(line)
    total = (sum(r[2] for r in new), sum(r[3] for r in new))
    line = f"{'total':<40} {sum(r[1] for r in new):>6} {total[0]:>9} {total[1]:>6}"
    if old:
        line += f" {sum(r[2] for r in old):>18} {sum(r[3] for r in old):>6}"
    print(line)


if __name__ == "__main__":
    main()
