"""The Dask path: the same work on a distributed cluster gives the process pool's results."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from aligner.cli import main
from tests.corpus_helpers import TELEGRAM_GLOSSARY, telegram_pairs, write_manifest


def test_a_local_dask_cluster_gives_the_process_pools_results(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from distributed import LocalCluster

    pairs = telegram_pairs(4)
    pairs[1]["glossary"] = TELEGRAM_GLOSSARY.as_posix()
    pool = write_manifest(tmp_path / "corpus-pool.toml", pairs, output="pool")
    dask = write_manifest(tmp_path / "corpus-dask.toml", pairs, output="dask")
    assert main(["corpus", "align", str(pool), "--workers", "2"]) == 0
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=":0") as cluster:
        assert main(["corpus", "align", str(dask), "--scheduler",
                     cluster.scheduler_address]) == 0
    captured = capsys.readouterr()
    assert "on Dask cluster at " in captured.err
    assert "4 aligned" in captured.out.splitlines()[-1]
    names = sorted(p.name for p in (tmp_path / "pool").glob("*.json"))
    assert names == [f"cable-{k:02d}.json" for k in range(4)]
    for name in names:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes()


def test_an_unreachable_scheduler_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_manifest(tmp_path / "corpus.toml", telegram_pairs(1))
    assert main(["corpus", "align", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9",
                 "--connect-timeout", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aligner: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert err.count("\n") == 1


def test_starting_aligner_does_not_import_dask() -> None:
    code = ("import sys, aligner.cli\naligner.cli.build_parser()\n"
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
