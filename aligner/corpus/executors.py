"""One executor interface, three ways to run it: in this process, on a process pool, on Dask.

A :class:`PairExecutor` takes the pair tasks and yields their outcomes as they
finish, whatever order that is. All three run :func:`aligner.corpus.worker.align_pair`:

* :class:`SerialExecutor`: one worker, in this process (no start-up cost);
* :class:`ProcessPoolPairExecutor`: ``concurrent.futures.ProcessPoolExecutor``,
  one process per core by default; a worker that dies (killed, out of memory)
  is replaced and its pairs are tried again once;
* :class:`DaskPairExecutor`: a ``dask.distributed`` cluster (Dask's futures extend
  the ``concurrent.futures`` interface); the workers read and write the corpus
  folder themselves, so it must be on storage they all mount at the same path,
  and they must run the same aligner version (both are checked before any work).

Dask is imported only when a scheduler is asked for, so ``aligner`` starts fast.
"""

from __future__ import annotations

import os
import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from aligner.corpus.worker import PairOutcome, PairTask, align_pair
from aligner.errors import CorpusError

__all__ = [
    "DaskPairExecutor",
    "PairExecutor",
    "ProcessPoolPairExecutor",
    "SerialExecutor",
    "default_workers",
    "make_executor",
]

#: Times a pool may break under a pair before that pair is given up as the cause.
MAX_POOL_BREAKS = 2


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class PairExecutor(ABC):
    """Runs pair tasks somewhere and yields each outcome as soon as it is known."""

    workers: int = 1
    """How many pairs run at the same time."""

    @property
    @abstractmethod
    def description(self) -> str:
        """Where the work runs, for the progress header."""

    @abstractmethod
    def run(self, tasks: Sequence[PairTask]) -> Iterator[PairOutcome]:
        """Every task's outcome, in the order they finish."""

    def close(self) -> None:  # noqa: B027 - most executors have nothing to stop
        """Stop the workers (unfinished tasks are dropped)."""

    def __enter__(self) -> PairExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SerialExecutor(PairExecutor):
    """One pair after the other in this process."""

    workers = 1

    @property
    def description(self) -> str:
        return "1 worker (this process)"

    def run(self, tasks: Sequence[PairTask]) -> Iterator[PairOutcome]:
        for task in tasks:
            yield align_pair(task)


def _die_with_parent() -> None:
    """Pool worker start-up: on Linux, end this worker when the coordinator is killed, so a
    killed run leaves no orphan aligning on."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1  # from <linux/prctl.h>
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown has to do
        pass


class ProcessPoolPairExecutor(PairExecutor):
    """Pairs on a pool of worker processes on this machine."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    @property
    def description(self) -> str:
        return f"{self.workers} worker processes"

    def _new_pool(self) -> ProcessPoolExecutor:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_die_with_parent)
        return self._pool

    def run(self, tasks: Sequence[PairTask]) -> Iterator[PairOutcome]:
        pending = list(tasks)
        breaks: dict[str, int] = {}
        while pending:
            pool = self._new_pool()
            futures: dict[Future[PairOutcome], PairTask] = {
                pool.submit(align_pair, t): t for t in pending}
            pending = []
            for future in as_completed(futures):
                task = futures[future]
                try:
                    yield future.result()
                except BrokenProcessPool:
                    breaks[task.id] = breaks.get(task.id, 0) + 1
                    if breaks[task.id] >= MAX_POOL_BREAKS:
                        yield PairOutcome(task.id, False, error="the worker process died while "
                                          "aligning this pair (out of memory, or killed)")
                    else:
                        pending.append(task)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _aligner_version() -> str:
    from aligner import __version__
    from aligner.core.align import ALGORITHM_VERSION

    return f"{__version__} (algorithm {ALGORITHM_VERSION})"


def _can_use(folder: str) -> bool:
    return os.path.isdir(folder) and os.access(folder, os.W_OK)


class DaskPairExecutor(PairExecutor):
    """Pairs on a Dask distributed cluster (the scheduler at ``address``, or a given client)."""

    def __init__(self, address: str, shared_folders: Sequence[Path] = (),
                 connect_timeout: float = 10.0) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise CorpusError(
                "--scheduler needs Dask: pip install 'aligner[cluster]' "
                "(dask and distributed) on this machine and on every worker") from None
        self.address = address
        try:
            self._client: Any = Client(address, timeout=f"{connect_timeout}s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise CorpusError(
                f"cannot reach the Dask scheduler at {address}: {' '.join(str(exc).split())}; "
                "start one with 'dask scheduler' and workers with 'dask worker ADDRESS'"
            ) from None
        try:
            self._check_workers(shared_folders)
        except BaseException:
            self._client.close()
            raise

    def _check_workers(self, folders: Sequence[Path]) -> None:
        info = self._client.scheduler_info()
        threads = sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())
        if threads == 0:
            raise CorpusError(f"the Dask scheduler at {self.address} has no workers; "
                              "start some with 'dask worker ADDRESS'")
        self.workers = threads
        mine = _aligner_version()
        versions = self._client.run(_aligner_version)
        other = sorted({f"{w}: {v}" for w, v in versions.items() if v != mine})
        if other:
            raise CorpusError(f"Dask workers run another aligner than this one ({mine}): "
                              f"{'; '.join(other[:3])}; install the same version on every worker")
        for folder in folders:
            seen = self._client.run(_can_use, str(folder))
            blind = sorted(w for w, ok in seen.items() if not ok)
            if blind:
                raise CorpusError(
                    f"Dask worker(s) {', '.join(blind[:3])} cannot write {folder}; the corpus "
                    "folder must be on storage every worker mounts at the same path")

    @property
    def description(self) -> str:
        return f"Dask cluster at {self.address} ({self.workers} worker threads)"

    def run(self, tasks: Sequence[PairTask]) -> Iterator[PairOutcome]:
        from distributed import as_completed as dask_completed

        run = uuid.uuid4().hex[:8]  # keys unique per run: a rerun never reuses a result
        futures = {self._client.submit(align_pair, t, pure=False, key=f"align-{run}-{t.id}"): t
                   for t in tasks}
        for future in dask_completed(list(futures)):
            task = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # a worker lost for good (KilledWorker), a cancelled key
                reason = " ".join(str(exc).split()) or type(exc).__name__
                yield PairOutcome(task.id, False, error=f"the Dask cluster lost this pair: "
                                  f"{reason}")

    def close(self) -> None:
        self._client.close()


def make_executor(workers: int | None = None, scheduler: str | None = None,
                  shared_folders: Sequence[Path] = (), connect_timeout: float = 10.0
                  ) -> PairExecutor:
    """The executor for ``--workers`` / ``--scheduler``."""
    if scheduler:
        return DaskPairExecutor(scheduler, shared_folders, connect_timeout)
    n = workers or default_workers()
    return SerialExecutor() if n == 1 else ProcessPoolPairExecutor(n)
