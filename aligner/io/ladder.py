"""The ladder format of alignment benchmarks: one bead per line, ``[0, 1]:[2]`` (0-based).

This is the format of Vecalign's gold files and of ``../shared/bench``; an empty
side is ``[]``. Reading reports the file and line of anything malformed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from aligner.core.model import Alignment
from aligner.errors import UsageError
from aligner.io.store import atomic_write_text
from aligner.io.user_files import read_user_text

Bead = tuple[tuple[int, ...], tuple[int, ...]]

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


#: Longest index accepted: nine digits is a billion paragraphs, more than any text.
_MAX_DIGITS = 9


def _indices(text: str, origin: str, number: int) -> tuple[int, ...]:
    # Vecalign writes "0,1"; hand-made files write "0, 1" or "0 1": all are read.
    parts = [p for p in re.split(r"[,\s]+", text) if p]
    if any(len(p) > _MAX_DIGITS for p in parts):
        raise UsageError(f"{origin}, line {number}: an index is longer than {_MAX_DIGITS} digits")
    # Gold files of sentence benchmarks may list non-consecutive indices; only an
    # import into links (which are contiguous) refuses them, saying where.
    return tuple(int(p) for p in parts)


def parse_ladder(text: str, origin: str = "ladder") -> list[Bead]:
    """Beads from ladder text; blank lines are skipped."""
    beads: list[Bead] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise UsageError(
                f"{origin}, line {number}: {line.strip()[:60]!r} is not a bead like '[0, 1]:[2]'"
            )
        beads.append((_indices(match.group(1), origin, number),
                      _indices(match.group(2), origin, number)))
    return beads


def read_ladder(path: str | Path) -> list[Bead]:
    """Read a gold or predicted alignment in ladder format."""
    path = Path(path)
    text = read_user_text(path, UsageError, "a ladder file")
    return parse_ladder(text, str(path))


def format_ladder(beads: Iterable[Bead]) -> str:
    """Ladder text for beads, one per line, ending with a newline."""
    lines = [f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]" for src, tgt in beads]
    return "".join(line + "\n" for line in lines)


def write_ladder(beads: Iterable[Bead], path: str | Path) -> None:
    """Write beads in ladder format (atomically)."""
    atomic_write_text(path, format_ladder(beads))


def alignment_beads(alignment: Alignment) -> list[Bead]:
    """An alignment's links as ladder beads."""
    return [(tuple(lk.source), tuple(lk.target)) for lk in alignment.links]


def check_in_range(beads: Sequence[Bead], n_source: int, n_target: int, origin: str) -> None:
    """Refuse beads that point past the documents they are meant to describe."""
    for number, (src, tgt) in enumerate(beads, start=1):
        if any(i >= n_source for i in src) or any(j >= n_target for j in tgt):
            raise UsageError(
                f"{origin}, bead {number}: indices out of range for an alignment of "
                f"{n_source} source and {n_target} target segments; is it the right gold file?"
            )
