"""What a corpus run already did: one small state file per document.

``OUTPUT/.state/ID.json`` records the fingerprint of what was aligned (the
texts' and glossary's sha256, the languages, the aligner's version), whether it
worked (or the one-line error), and the sha256 of the alignment file written.
A run aligns a document only when it is new, its fingerprint changed, or it
failed last time; a document whose alignment file changed since (a reviewer
saved it) is not re-aligned over that review unless the user forces it.

The state is written after the alignment, each atomically, so a killed run
leaves every finished document complete and recorded; an alignment written just
before a kill, without its state, is adopted on the next run when it matches
the current texts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from aligner.corpus.manifest import Corpus, CorpusDocument
from aligner.io.store import FORMAT_NAME, atomic_write_text, sha256_of

__all__ = [
    "STATE_DIR",
    "Decision",
    "PairState",
    "decide",
    "fingerprint",
    "read_state",
    "state_path",
    "write_state",
]

#: Folder (inside the output folder) of the per-document state files.
STATE_DIR = ".state"


@dataclass(frozen=True)
class PairState:
    """The recorded outcome of aligning one document."""

    id: str
    status: str
    """``aligned`` or ``failed``."""
    fingerprint: Mapping[str, str] = field(default_factory=dict)
    error: str = ""
    alignment_sha256: str = ""
    links: int = 0
    source_paragraphs: int = 0
    target_paragraphs: int = 0
    seconds: float = 0.0
    finished: str = ""
    """ISO 8601 UTC time the document was done."""
    worker: str = ""
    """``host:pid`` of the process that aligned it."""

    @property
    def ok(self) -> bool:
        return self.status == "aligned"


def state_path(corpus: Corpus, doc: CorpusDocument) -> Path:
    return corpus.output_dir / STATE_DIR / f"{doc.id}.json"


def read_state(path: Path) -> PairState | None:
    """The state recorded at ``path``; None when there is none (or it is unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    known = {k: data[k] for k in PairState.__dataclass_fields__ if k in data}
    try:
        return PairState(**known)
    except TypeError:
        return None


def write_state(path: Path, state: PairState) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(asdict(state), ensure_ascii=False, sort_keys=True) + "\n")


def fingerprint(doc: CorpusDocument, params: tuple[tuple[str, str], ...] = ()
                ) -> dict[str, str]:
    """What the alignment of ``doc`` depends on; any change means re-aligning it.

    Raises OSError when a file cannot be read (the caller reports that pair alone).
    """
    from aligner import __version__
    from aligner.core.align import ALGORITHM_VERSION

    return {
        "source_sha256": sha256_of(doc.source),
        "target_sha256": sha256_of(doc.target),
        "glossary_sha256": sha256_of(doc.glossary) if doc.glossary is not None else "",
        "source_language": doc.source_language or "",
        "target_language": doc.target_language or "",
        "aligner_version": __version__,
        "algorithm_version": ALGORITHM_VERSION,
        "params": ",".join(f"{k}={v}" for k, v in params),
    }


@dataclass(frozen=True)
class Decision:
    """What a run does with one document, and why (for the summary)."""

    action: str
    """``align``, ``skip`` (up to date), ``adopt`` (a finished alignment lacks its state),
    ``keep`` (changed, but reviewed: kept unless forced) or ``fail`` (cannot even start)."""
    reason: str
    fingerprint: Mapping[str, str] = field(default_factory=dict)


def _stored_texts(path: Path) -> tuple[str, str] | None:
    """The source and target sha256 an alignment file records; None when not an alignment."""
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8-sig"))
        if data.get("format") != FORMAT_NAME:
            return None
        return str(data["source"]["sha256"]), str(data["target"]["sha256"])
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError,
            AttributeError):
        return None


def decide(corpus: Corpus, doc: CorpusDocument, *, force: bool = False) -> Decision:
    """Whether to align ``doc`` in this run."""
    try:
        fp = fingerprint(doc, corpus.params)
    except OSError as exc:
        name = exc.filename or doc.source
        return Decision("fail", f"cannot read {name}: {exc.strerror or exc}")
    out = corpus.alignment_path(doc)
    state = read_state(state_path(corpus, doc))
    if force:
        return Decision("align", "forced", fp)
    if state is not None and not state.ok:
        return Decision("align", "failed last time", fp)
    if not out.exists():
        return Decision("align", "new" if state is None else "alignment missing", fp)
    if state is None:
        stored = _stored_texts(out)
        if stored == (fp["source_sha256"], fp["target_sha256"]):
            return Decision("adopt", "aligned before its state was recorded", fp)
        return Decision("keep", f"{out} exists and was not made by this corpus from these "
                        "texts; kept (align it anyway with --force)", fp)
    if dict(state.fingerprint) == fp:
        return Decision("skip", "unchanged", fp)
    if sha256_of(out) != state.alignment_sha256:
        return Decision("keep", "the texts or glossary changed, but the alignment was "
                        "reviewed since it was made; kept (re-align with --force, which "
                        "discards the review)", fp)
    return Decision("align", "changed", fp)
