"""The unit of work of a corpus run: align one document pair, on whatever process runs it.

:func:`align_pair` is a plain top-level function of picklable values, so a
process pool and a Dask cluster run the very same code. It runs ``aligner
align`` itself (the same argument parsing and the same steps), so each corpus
result is the file aligning the pair alone gives. It writes the alignment and
then the pair's state, each atomically, and returns what happened; it never
raises for a problem of the pair: the error becomes the outcome's one line.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["PairOutcome", "PairTask", "align_pair", "peak_memory_mb", "worker_identity"]


@dataclass(frozen=True)
class PairTask:
    """Everything a worker needs to align one document (paths as the coordinator sees them)."""

    id: str
    source: str
    target: str
    output: str
    state: str
    fingerprint: Mapping[str, str] = field(default_factory=dict)
    source_language: str | None = None
    target_language: str | None = None
    glossary: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    """Aligner parameters: (name, JSON value), passed as ``--param name=value``."""
    size: int = 0
    """Bytes of both texts: what the progress estimate weighs the pair by."""


@dataclass(frozen=True)
class PairOutcome:
    """What aligning one document gave."""

    id: str
    ok: bool
    error: str = ""
    links: int = 0
    paragraphs: int = 0
    """Source plus target paragraphs aligned."""
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time the worker spent on the pair (what a busy machine does not inflate)."""
    worker: str = ""
    peak_memory_mb: float = 0.0
    """The worker process's peak resident memory so far."""


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_memory_mb() -> float:
    """Peak resident set size of this process, in MB (0 where the platform cannot tell)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1 << 20) if os.uname().sysname == "Darwin" else peak / 1024


@lru_cache(maxsize=1)
def _align_parser() -> Any:
    """The ``aligner align`` argument parser (built once per process)."""
    from aligner.cli import build_parser

    return build_parser()


def align_arguments(task: PairTask) -> list[str]:
    """The ``aligner align`` command line that aligns this pair alone."""
    argv = ["align", task.source, task.target, "-o", task.output, "--quiet"]
    if task.glossary:
        argv += ["--glossary", task.glossary]
    if task.source_language:
        argv += ["--source-lang", task.source_language]
    if task.target_language:
        argv += ["--target-lang", task.target_language]
    for name, value in task.params:
        argv += ["--param", f"{name}={value}"]
    return argv


def _run_align(task: PairTask) -> None:
    from aligner.errors import AlignerError

    parser = _align_parser()
    errors = io.StringIO()
    try:
        with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
            args = parser.parse_args(align_arguments(task))
    except SystemExit:
        message = errors.getvalue().strip().removeprefix("aligner: error: ")
        raise AlignerError(message or "the align arguments were refused") from None
    if hasattr(args, "force"):
        # The corpus decided this file is its own to replace (see aligner.corpus.state).
        args.force = True
        # It keeps reviewed alignments unless run with --force; when it hands one
        # over, the review is discarded on purpose (align keeps OUT.json.bak).
        args.discard_review = True
    args.handler(args)  # --quiet: prints nothing


def _one_line(exc: BaseException) -> str:
    from aligner.errors import AlignerError

    if isinstance(exc, AlignerError):
        text = str(exc)
    elif isinstance(exc, OSError):
        name = f" {exc.filename}" if exc.filename else ""
        text = f"cannot use{name}: {exc.strerror or exc}"
    elif isinstance(exc, MemoryError):
        text = "out of memory while aligning this pair"
    else:  # a defect, not the user's input: say what it was, still on one line
        text = f"internal error {type(exc).__name__}: {exc}"
    return " ".join(text.split())


def align_pair(task: PairTask) -> PairOutcome:
    """Align one pair, write its alignment and state; never raises for the pair's problems."""
    from aligner.corpus.state import PairState, write_state

    started = time.perf_counter()
    cpu_started = time.thread_time()
    who = worker_identity()
    state_file = Path(task.state)
    try:
        _run_align(task)
        raw = Path(task.output).read_bytes()
        data = json.loads(raw.decode("utf-8"))
        links = len(data["links"])
        src, tgt = len(data["source"]["segments"]), len(data["target"]["segments"])
        seconds = time.perf_counter() - started
        write_state(state_file, PairState(
            id=task.id, status="aligned", fingerprint=dict(task.fingerprint),
            alignment_sha256=hashlib.sha256(raw).hexdigest(), links=links, source_paragraphs=src,
            target_paragraphs=tgt, seconds=round(seconds, 3), finished=_now(), worker=who))
        return PairOutcome(task.id, True, links=links, paragraphs=src + tgt, seconds=seconds,
                           cpu_seconds=time.thread_time() - cpu_started, worker=who,
                           peak_memory_mb=peak_memory_mb())
    except Exception as exc:  # one pair's failure never stops the others
        error = _one_line(exc)
        seconds = time.perf_counter() - started
        with contextlib.suppress(Exception):
            write_state(state_file, PairState(
                id=task.id, status="failed", fingerprint=dict(task.fingerprint), error=error,
                seconds=round(seconds, 3), finished=_now(), worker=who))
        return PairOutcome(task.id, False, error=error, seconds=seconds, worker=who,
                           peak_memory_mb=peak_memory_mb())


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
