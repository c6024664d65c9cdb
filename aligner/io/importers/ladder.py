"""Import a ladder file (``[0, 1]:[2]`` per line) with the two texts it aligns.

The texts are loaded like any other text (encoding detection, one segment per
paragraph); the ladder's 0-based indices must fall inside them and cover every
paragraph of both once, in order, or the import stops with one line saying so.
"""

from __future__ import annotations

from pathlib import Path

from aligner.core.model import Alignment
from aligner.errors import ExportError
from aligner.io.importers.common import make_link


def import_ladder(
    path: str | Path,
    *,
    source: str | Path | None = None,
    target: str | Path | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> Alignment:
    """The alignment the ladder describes between the source and target texts."""
    # Imported on use: loading texts pulls in encoding detection, which the
    # other import formats never need.
    from aligner.io.ladder import check_in_range, read_ladder
    from aligner.io.texts import load_document

    if source is None or target is None:
        raise ExportError("a ladder file needs its two texts: add --source FILE --target FILE")
    path = Path(path)
    beads = read_ladder(path)
    src = load_document(source, source_language)
    tgt = load_document(target, target_language)
    check_in_range(beads, len(src.segments), len(tgt.segments), str(path))
    links = [
        make_link(s, t, f"{path}, bead {n}") for n, (s, t) in enumerate(beads, start=1) if s or t
    ]
    settings = {"imported": {"format": "ladder", "file": path.name}}
    alignment = Alignment(src, tgt, tuple(links), settings=settings)
    problems = alignment.coverage_errors()
    if problems:
        raise ExportError(
            f"{path} does not fit {Path(source).name} and {Path(target).name}: "
            + "; ".join(problems)
        )
    return alignment
