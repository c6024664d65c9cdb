"""SIGKILL at random moments during ``align -o``, ``revise`` and ``export --force``, then rerun.

Counts corrupted outputs (neither the old bytes nor a complete new file) and
temporary files left after the next run; both must be 0. Run on demand:

    .venv/bin/python bench/bench_kill_writes.py [TRIALS]      (default 50)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.kill_harness import _main  # noqa: E402

if __name__ == "__main__":
    _main()
