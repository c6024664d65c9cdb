"""Fuzz every loader with 5,000 examples per format (the tests run 500 under CI).

Runs ``tests/test_fuzz_loaders.py`` with ``ALIGNER_FUZZ_EXAMPLES`` set, derandomised
like CI, and prints pytest's summary. Run on demand:

    .venv/bin/python bench/bench_fuzz_loaders.py [EXAMPLES]      (default 5000)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    examples = sys.argv[1] if len(sys.argv) > 1 else "5000"
    env = {**os.environ, "ALIGNER_FUZZ_EXAMPLES": examples, "CI": "true"}
    started = time.perf_counter()
    code = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         str(REPO / "tests" / "test_fuzz_loaders.py")], cwd=REPO, env=env)
    print(f"{examples} examples per format, {time.perf_counter() - started:.0f} s")
    raise SystemExit(code)
