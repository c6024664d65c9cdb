"""Russian word analysis with pymorphy3's compiled dictionary reader and without it
(run on demand; asserts nothing).

Term matching looks up each distinct Russian word form once (``russian_keys``).
pymorphy3 reads its dictionaries with the DAWG2 extension when it is installed
(``pymorphy3[fast]``, a dependency) and falls back to pure-Python DAWG-Python
otherwise. This script analyses every distinct word form of the Russian texts
of ``../shared/bench/ruen-paragraph`` and of the bundled telegram, cold, in a fresh
process with the extension and in one with it blocked, alternating ``--repeat``
times, and prints the fastest of each, their ratio, and whether both gave the same
lemma keys for every word.

    .venv/bin/python bench/bench_morphology.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
TEXTS = sorted((BENCH / "ruen-paragraph").glob("*.ru.txt")) + sorted(
    (REPO / "texts").glob("*/*.ru.txt"))


def _words() -> list[str]:
    sys.path.insert(0, str(REPO))
    from aligner.core.terms.normalize import TOKEN_RE, fold

    found: dict[str, None] = {}
    for path in TEXTS:
        for m in TOKEN_RE.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(fold(m.group()), None)
    return list(found)


def _child(fast: bool) -> None:
    if not fast:
        sys.modules["dawg"] = None  # type: ignore[assignment]  # pymorphy3 then falls back
    words = _words()
    from pymorphy3 import dawg

    from aligner.core.terms.normalize import _morph, russian_keys

    start = time.perf_counter()
    _morph()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    keys = [sorted(russian_keys(w)) for w in words]
    analysed = time.perf_counter() - start
    digest = hashlib.sha256(json.dumps(keys, ensure_ascii=False).encode()).hexdigest()[:16]
    print(json.dumps({"extension": dawg.EXTENSION_AVAILABLE, "words": len(words),
                      "load": loaded, "analyse": analysed, "digest": digest}))


def _run(fast: bool) -> dict:
    cmd = [sys.executable, __file__, "--child", "fast" if fast else "plain"]
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=("fast", "plain"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child == "fast")
        return
    if not any(p.parent.name == "ruen-paragraph" for p in TEXTS):
        raise SystemExit(f"no Russian texts in {BENCH / 'ruen-paragraph'}: "
                         "put ../shared beside the repository")
    runs: dict[bool, list[dict]] = {True: [], False: []}
    for _ in range(max(1, args.repeat)):
        for fast in (True, False):
            runs[fast].append(_run(fast))
    best = {fast: min(r, key=lambda row: row["analyse"]) for fast, r in runs.items()}
    print(f"{best[True]['words']} distinct Russian word forms, cold, best of {args.repeat}")
    print("| dictionary reader | loading s | analysing every form s | digest of the keys |")
    print("|---|---|---|---|")
    for fast, name in ((True, "DAWG2 (compiled)"), (False, "DAWG-Python (pure Python)")):
        row = best[fast]
        if row["extension"] is not fast:
            raise SystemExit("DAWG2 is not installed: run make test (or pip install -e .) first")
        print(f"| {name} | {row['load']:.3f} | {row['analyse']:.3f} | {row['digest']} |")
    ratio = best[True]["analyse"] / best[False]["analyse"]
    same = "the same keys" if best[True]["digest"] == best[False]["digest"] else "KEYS DIFFER"
    print(f"compiled / pure Python, analysing: {ratio:.2f}; {same}")


if __name__ == "__main__":
    main()
