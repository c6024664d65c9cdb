"""``corpus align`` as a function: decide what to align, run it on an executor, report.

Only documents that are new, changed or failed last time are aligned
(:func:`aligner.corpus.state.decide`). The biggest pairs go first, so that
the last pairs to finish are small ones and no worker idles long at the end.
One run at a time per corpus: a lock file in the state folder (released by the
operating system even when the run is killed) keeps a second run out.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from aligner.corpus.executors import PairExecutor
from aligner.corpus.manifest import Corpus, CorpusDocument
from aligner.corpus.progress import Progress
from aligner.corpus.state import STATE_DIR, PairState, decide, state_path, write_state
from aligner.corpus.worker import PairOutcome, PairTask, worker_identity
from aligner.errors import CorpusError

__all__ = ["RunSummary", "align_corpus", "plan", "tasks_for"]


@dataclass
class RunSummary:
    """What one ``corpus align`` did, per document id."""

    aligned: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(document id, one-line error)."""
    unchanged: list[str] = field(default_factory=list)
    adopted: list[str] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)
    """Changed documents not re-aligned because a reviewer saved them: (id, why)."""
    paragraphs: int = 0
    cpu_seconds: float = 0.0
    """CPU time the workers spent on the pairs aligned."""
    peak_memory_mb: dict[str, float] = field(default_factory=dict)
    """Peak resident memory per worker process (``host:pid``)."""

    @property
    def ok(self) -> bool:
        return not self.failed


@contextlib.contextmanager
def corpus_lock(corpus: Corpus) -> Iterator[None]:
    """Hold the corpus's run lock; a CorpusError when another run holds it."""
    folder = corpus.output_dir / STATE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"cannot create {folder}: {exc.strerror}; the corpus folder must "
                          "be writable (or set 'output' in the manifest)") from None
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, one run is the user's care
        yield
        return
    with open(folder / "lock", "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise CorpusError(f"another 'aligner corpus align' ({holder}) is running on "
                              f"{corpus.root}; wait for it to finish") from None
        fh.seek(0)
        fh.truncate()
        fh.write(worker_identity())
        fh.flush()
        try:
            yield
        finally:
            fh.truncate(0)


def _remove_stale_temporaries(corpus: Corpus) -> None:
    """Temporary files the atomic writer left when a run was killed mid-write."""
    for doc in corpus.documents:
        for folder in (corpus.output_dir, corpus.output_dir / STATE_DIR):
            for tmp in folder.glob(f".{doc.id}.json.*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()


def tasks_for(corpus: Corpus, docs: list[tuple[CorpusDocument, dict[str, str]]]
              ) -> list[PairTask]:
    """Tasks (absolute paths, so any worker's working folder will do), biggest first."""
    tasks = []
    for doc, fp in docs:
        size = sum(p.stat().st_size for p in (doc.source, doc.target))
        tasks.append(PairTask(
            id=doc.id, source=os.path.abspath(doc.source), target=os.path.abspath(doc.target),
            output=os.path.abspath(corpus.alignment_path(doc)),
            state=os.path.abspath(state_path(corpus, doc)), fingerprint=fp,
            source_language=doc.source_language, target_language=doc.target_language,
            glossary=os.path.abspath(doc.glossary) if doc.glossary else None,
            params=corpus.params, size=size))
    return sorted(tasks, key=lambda t: (-t.size, t.id))


def _adopt(corpus: Corpus, doc: CorpusDocument, fp: dict[str, str]) -> None:
    """Record the state of an alignment a killed run wrote without it."""
    import hashlib
    import json

    path = corpus.alignment_path(doc)
    raw = path.read_bytes()
    data = json.loads(raw.decode("utf-8-sig"))
    write_state(state_path(corpus, doc), PairState(
        id=doc.id, status="aligned", fingerprint=fp,
        alignment_sha256=hashlib.sha256(raw).hexdigest(), links=len(data["links"]),
        source_paragraphs=len(data["source"]["segments"]),
        target_paragraphs=len(data["target"]["segments"]), worker=worker_identity()))


def plan(corpus: Corpus, *, force: bool, summary: RunSummary, progress_stream: TextIO
         ) -> list[PairTask]:
    """Decide every document; record the ones that need no work; the tasks of the rest."""
    todo: list[tuple[CorpusDocument, dict[str, str]]] = []
    for doc in corpus.documents:
        decision = decide(corpus, doc, force=force)
        fp = dict(decision.fingerprint)
        if decision.action == "align":
            todo.append((doc, fp))
        elif decision.action == "skip":
            summary.unchanged.append(doc.id)
        elif decision.action == "adopt":
            try:
                _adopt(corpus, doc, fp)
                summary.adopted.append(doc.id)
            except (OSError, ValueError, KeyError, TypeError):
                todo.append((doc, fp))
        elif decision.action == "keep":
            summary.kept.append((doc.id, decision.reason))
            progress_stream.write(f"aligner: note: {doc.id}: {decision.reason}\n")
        else:
            summary.failed.append((doc.id, decision.reason))
            progress_stream.write(f"aligner: error: {doc.id}: {decision.reason}\n")
            write_state(state_path(corpus, doc), PairState(
                id=doc.id, status="failed", error=decision.reason, worker=worker_identity()))
    return tasks_for(corpus, todo)


def align_corpus(
    corpus: Corpus,
    executor: PairExecutor,
    *,
    force: bool = False,
    progress_stream: TextIO,
    interactive: bool = False,
) -> RunSummary:
    """Align what needs aligning; failures are reported one line each and never stop the run."""
    summary = RunSummary()
    with corpus_lock(corpus):
        _remove_stale_temporaries(corpus)
        tasks = plan(corpus, force=force, summary=summary, progress_stream=progress_stream)
        if not tasks:
            return summary
        sizes = {t.id: t.size for t in tasks}
        progress_stream.write(f"aligning {len(tasks)} of {len(corpus.documents)} documents "
                              f"on {executor.description}\n")
        progress = Progress(progress_stream, len(tasks), sum(sizes.values()),
                            interactive=interactive)
        progress.draw(force=True)
        try:
            for outcome in executor.run(tasks):
                _record(outcome, summary, progress, sizes[outcome.id])
        finally:
            progress.finish()
    return summary


def _record(outcome: PairOutcome, summary: RunSummary, progress: Progress, size: int) -> None:
    if outcome.worker:
        summary.peak_memory_mb[outcome.worker] = max(
            summary.peak_memory_mb.get(outcome.worker, 0.0), outcome.peak_memory_mb)
    if outcome.ok:
        summary.aligned.append(outcome.id)
        summary.paragraphs += outcome.paragraphs
        summary.cpu_seconds += outcome.cpu_seconds
    else:
        summary.failed.append((outcome.id, outcome.error))
        progress.message(f"aligner: error: {outcome.id}: {outcome.error}")
    progress.advance(ok=outcome.ok, paragraphs=outcome.paragraphs, size=size)


def output_folders(corpus: Corpus) -> list[Path]:
    """The folders workers write in (checked on a Dask cluster before any work)."""
    return [corpus.output_dir, corpus.output_dir / STATE_DIR]
