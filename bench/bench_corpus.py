"""Corpus mode at scale: 400 document pairs (the ruen-paragraph works repeated) aligned on
1 and 2 worker processes and on a local Dask cluster with 2 worker processes.

Prints wall time, speed-up over one worker, the workers' CPU time, pairs per hour
per core (from CPU time, which a machine busy with other work does not inflate),
the load average before each run and the peak resident memory of each worker
process, and checks that the three runs wrote byte-identical alignments. Each run
starts from an empty output folder.

    .venv/bin/python bench/bench_corpus.py [--pairs 400] [--skip-dask]
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench" / "ruen-paragraph"
sys.path.insert(0, str(REPO))

from aligner.corpus.executors import (  # noqa: E402
    DaskPairExecutor,
    PairExecutor,
    ProcessPoolPairExecutor,
    SerialExecutor,
)
from aligner.corpus.manifest import load_corpus  # noqa: E402
from aligner.corpus.run import RunSummary, align_corpus  # noqa: E402


def write_manifest(folder: Path, pairs: int, output: str) -> Path:
    works = sorted(p.stem for p in BENCH.glob("*.gold"))
    lines = ["[corpus]", 'name = "bench"', f'output = "{output}"']
    for k in range(pairs):
        work = works[k % len(works)]
        lines += ["", "[[pair]]", f'id = "{work}-{k:04d}"',
                  f'source = "{(BENCH / f"{work}.ru.txt").as_posix()}"',
                  f'target = "{(BENCH / f"{work}.en.txt").as_posix()}"']
    path = folder / f"corpus-{output}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(manifest: Path, executor: PairExecutor) -> tuple[float, RunSummary]:
    corpus = load_corpus(manifest)
    started = time.perf_counter()
    with executor:
        summary = align_corpus(corpus, executor, progress_stream=io.StringIO())
    return time.perf_counter() - started, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--skip-dask", action="store_true")
    args = parser.parse_args()
    if not BENCH.is_dir():
        print(f"bench_corpus: {BENCH} is missing", file=sys.stderr)
        return 2
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        configs: list[tuple[str, str, int]] = [("1 worker process", "one", 1),
                                               ("2 worker processes", "two", 2)]
        if not args.skip_dask:
            configs.append(("Dask LocalCluster, 2 worker processes", "dask", 2))
        for label, output, cores in configs:
            manifest = write_manifest(folder, args.pairs, output)
            cluster = None
            if output == "one":
                executor: PairExecutor = SerialExecutor()
            elif output == "two":
                executor = ProcessPoolPairExecutor(2)
            else:
                from distributed import LocalCluster

                cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=50)
                (folder / output).mkdir()
                executor = DaskPairExecutor(cluster.scheduler_address, [folder / output])
            load = os.getloadavg()[0]
            seconds, summary = run(manifest, executor)
            if cluster is not None:
                cluster.close()
            assert summary.ok and len(summary.aligned) == args.pairs, summary.failed
            results.append((label, output, cores, seconds, summary, load))
            print(f"{label}: {seconds:.1f} s", flush=True)
        base = results[0][3]
        reference = sorted((folder / "one").glob("*.json"))
        for _, output, *_ in results[1:]:
            for path in reference:
                other = folder / output / path.name
                assert other.read_bytes() == path.read_bytes(), f"{output} differs: {path.name}"
    paragraphs = results[0][4].paragraphs
    works = len({p.stem.rsplit("-", 1)[0] for p in reference})
    print(f"\n{args.pairs} pairs ({paragraphs:,} paragraphs, the {works} ruen-paragraph works "
          "repeated); identical alignments in every run")
    print(f"{'run':<38} {'load':>5} {'wall':>7} {'speed-up':>8} {'CPU':>7} {'cores got':>9} "
          f"{'pairs/h/core':>12}  peak memory per worker")
    for label, _, _cores, seconds, summary, load in results:
        per_hour_core = args.pairs / summary.cpu_seconds * 3600
        peaks = ", ".join(f"{mb:.0f}" for mb in sorted(summary.peak_memory_mb.values()))
        print(f"{label:<38} {load:>5.1f} {seconds:>6.1f}s {base / seconds:>7.2f}x "
              f"{summary.cpu_seconds:>6.1f}s {summary.cpu_seconds / seconds:>9.2f} "
              f"{per_hour_core:>12,.0f}  {peaks} MB")
    print(f"load: the 1-minute load average before the run ({os.cpu_count()} cores here); "
          "cores got: the workers' CPU time over the wall time (what the machine gave the run)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
