"""What changed between two versions of one alignment: the review of a review.

Links are matched by the segments they cover, not by id, so the comparison
works on files edited by any tool. Both versions are cut into regions at the
points where their coverage agrees on both sides; a region with one link in
each version is the same bead (its status, note, revision or bookmark may have
changed), and any other region is a merge, a split or segments moved between
links.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from aligner.core.model import Alignment, Link
from aligner.errors import UsageError

__all__ = ["CHANGE_KINDS", "Change", "diff_alignments", "summarize"]

#: Every kind of change, in the order a summary lists them.
CHANGE_KINDS: tuple[str, ...] = (
    "merged", "split", "moved", "confirmed", "rejected", "reopened",
    "renoted", "revised", "unrevised", "bookmarked", "unbookmarked",
)


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new version of an alignment."""

    kind: str
    """One of :data:`CHANGE_KINDS`."""
    old_links: tuple[int, ...]
    """Positions (0-based) of the links concerned in the old version."""
    new_links: tuple[int, ...]
    """Positions (0-based) of the links concerned in the new version."""
    source: tuple[int, ...]
    """Source segments the change covers."""
    target: tuple[int, ...]
    """Target segments the change covers."""
    before: str = ""
    """The old value (bead shapes, status, note, revision text)."""
    after: str = ""
    """The new value."""


def _check_same_texts(old: Alignment, new: Alignment) -> None:
    for side in ("source", "target"):
        a, b = getattr(old, side), getattr(new, side)
        if a.texts() != b.texts():
            raise UsageError(
                f"the two alignments have different {side} texts "
                f"({a.path or a.title} vs {b.path or b.title}); "
                "diff compares two versions of one alignment"
            )


def _boundaries(links: Sequence[Link]) -> list[tuple[int, int]]:
    """Coverage after each link: (source segments covered, target segments covered)."""
    out, s, t = [], 0, 0
    for link in links:
        s, t = s + len(link.source), t + len(link.target)
        out.append((s, t))
    return out


def _regions(old: Alignment, new: Alignment) -> Iterator[tuple[range, range]]:
    """Pairs of old and new link ranges that cover the same segments."""
    ob, nb = _boundaries(old.links), _boundaries(new.links)
    i = j = start_i = start_j = 0
    while i < len(ob) and j < len(nb):
        if ob[i] == nb[j]:
            yield range(start_i, i + 1), range(start_j, j + 1)
            i, j = i + 1, j + 1
            start_i, start_j = i, j
        elif ob[i] < nb[j]:  # a boundary only the old version has
            i += 1
        else:
            j += 1


def _shape(links: Sequence[Link]) -> str:
    return " + ".join(lk.bead for lk in links)


def _structural(old: Alignment, new: Alignment, oi: range, nj: range) -> Change:
    olds, news = [old.links[i] for i in oi], [new.links[j] for j in nj]
    kind = "merged" if len(news) == 1 else "split" if len(olds) == 1 else "moved"
    return Change(
        kind, tuple(oi), tuple(nj),
        source=tuple(s for lk in olds for s in lk.source),
        target=tuple(t for lk in olds for t in lk.target),
        before=_shape(olds), after=_shape(news),
    )


def _same_bead(i: int, j: int, a: Link, b: Link) -> Iterator[Change]:
    def change(kind: str, before: str = "", after: str = "") -> Change:
        return Change(kind, (i,), (j,), a.source, a.target, before, after)

    if a.status != b.status:
        kind = {"confirmed": "confirmed", "rejected": "rejected"}.get(b.status, "reopened")
        yield change(kind, a.status, b.status)
    if a.note != b.note:
        yield change("renoted", a.note, b.note)
    old_rev = a.revision.text if a.revision else ""
    new_rev = b.revision.text if b.revision else ""
    if old_rev != new_rev:
        yield change("revised" if new_rev else "unrevised", old_rev, new_rev)
    if a.bookmark != b.bookmark:
        yield change("bookmarked" if b.bookmark else "unbookmarked")


def diff_alignments(old: Alignment, new: Alignment) -> list[Change]:
    """Changes from ``old`` to ``new``, in document order.

    Raises :class:`UsageError` when the two do not align the same texts.
    """
    _check_same_texts(old, new)
    changes: list[Change] = []
    for oi, nj in _regions(old, new):
        if len(oi) == 1 and len(nj) == 1:
            changes.extend(_same_bead(oi[0], nj[0], old.links[oi[0]], new.links[nj[0]]))
        else:
            changes.append(_structural(old, new, oi, nj))
    return changes


def summarize(changes: Sequence[Change]) -> dict[str, int]:
    """How many changes of each kind, in :data:`CHANGE_KINDS` order, zeros left out."""
    counts = {kind: 0 for kind in CHANGE_KINDS}
    for change in changes:
        counts[change.kind] += 1
    return {kind: n for kind, n in counts.items() if n}
