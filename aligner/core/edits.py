"""Pure edits on an alignment: each takes an Alignment and returns a new one.

The edits are those of interactive alignment editors such as InterText: merge a
link with the next, split a link, shift the first paragraph of a link up into
the previous link or pop the last one down into the next, detach a paragraph as
unaligned (1:0 or 0:1), insert an empty cell that pushes one side down, and the
review marks (confirm, reject, note, bookmark).

Every structural edit keeps the invariant the store checks: each segment of
both documents is covered exactly once, in order. A link whose segments change
becomes "edited": a person decided its shape, so the aligner's confidence and
evidence (which described the old shape) are dropped, it leaves the machine's
review queue, and it loses its flags (the term checks are re-run by the caller)
because what a reviewer confirmed is no longer what it contains.
Link ids survive edits, so a user interface can keep its rows keyed by them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from aligner.core.model import STATUSES, Alignment, Evidence, Link, Revision
from aligner.errors import EditError

Side = Literal["source", "target"]
SIDES: tuple[str, ...] = ("source", "target")


def _position(alignment: Alignment, link_id: int) -> int:
    try:
        return alignment.link_index(link_id)
    except KeyError:
        raise EditError(f"there is no link with id {link_id}") from None


def _check_side(side: str) -> None:
    if side not in SIDES:
        raise EditError(f"unknown side {side!r}; use 'source' or 'target'")


#: Confidence of a link a person shaped: the aligner's score described another
#: bead, and a person's decision is not a probability to sort a queue by.
EDITED_CONFIDENCE = 1.0


def _reshaped(link: Link, source: tuple[int, ...], target: tuple[int, ...], why: str) -> Link:
    """The link with other segments: "edited", no machine score or flags, the edit recorded."""
    return replace(
        link,
        source=source,
        target=target,
        status="edited",
        confidence=EDITED_CONFIDENCE,
        flags=(),
        # The aligner's scores described the old shape: only the edit is still true.
        evidence=Evidence(edited=why),
        needs_review=False,
    )


def _new_link(source: tuple[int, ...], target: tuple[int, ...], why: str) -> Link:
    return Link(source=source, target=target, confidence=EDITED_CONFIDENCE, status="edited",
                evidence=Evidence(edited=why))


def _with_side(link: Link, side: str, value: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    return (value, link.target) if side == "source" else (link.source, value)


def _only(side: str, value: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The (source, target) pair of a link with paragraphs on one side only."""
    return (value, ()) if side == "source" else ((), value)


def _replace_span(alignment: Alignment, start: int, stop: int, new: list[Link]) -> Alignment:
    links = list(alignment.links)
    links[start:stop] = new
    return alignment.with_links(links)


def _merged_revision(alignment: Alignment, a: Link, b: Link) -> Revision | None:
    """Keep a proposed rewording when its link is merged: it covers both targets now."""
    if a.revision is None and b.revision is None:
        return None
    parts = [
        lk.revision.text if lk.revision is not None else alignment.target_text(lk)
        for lk in (a, b)
    ]
    base = a.revision or b.revision
    assert base is not None
    return replace(base, text="\n\n".join(p for p in parts if p))


# --- structural edits ----------------------------------------------------------


def merge_with_next(alignment: Alignment, link_id: int) -> Alignment:
    """Merge a link with the one after it; the merged link keeps the first id."""
    i = _position(alignment, link_id)
    if i + 1 >= len(alignment.links):
        raise EditError("the last link has no next link to merge with")
    a, b = alignment.links[i], alignment.links[i + 1]
    merged = replace(
        _reshaped(a, a.source + b.source, a.target + b.target, "merged"),
        note="\n".join(n for n in (a.note, b.note) if n),
        bookmark=a.bookmark or b.bookmark,
        revision=_merged_revision(alignment, a, b),
    )
    return _replace_span(alignment, i, i + 2, [merged])


def default_split(link: Link) -> tuple[int, int]:
    """How many source and target paragraphs stay in the first half of a split.

    Half of each side, rounded up, so a 2:2 link becomes two 1:1 links and a 2:1
    link becomes 1:1 followed by 1:0.
    """
    return (len(link.source) + 1) // 2, (len(link.target) + 1) // 2


def split_link(
    alignment: Alignment,
    link_id: int,
    source_keep: int | None = None,
    target_keep: int | None = None,
) -> Alignment:
    """Split a multi-paragraph link in two: the first keeps ``source_keep`` source and
    ``target_keep`` target paragraphs, a new link right after it gets the rest."""
    i = _position(alignment, link_id)
    link = alignment.links[i]
    if len(link.source) <= 1 and len(link.target) <= 1:
        raise EditError(
            f"this link is {link.bead}, one paragraph a side; there is nothing to split "
            "(detach marks its paragraphs as unaligned)"
        )
    ds, dt = default_split(link)
    sk = ds if source_keep is None else source_keep
    tk = dt if target_keep is None else target_keep
    if not (0 <= sk <= len(link.source) and 0 <= tk <= len(link.target)):
        raise EditError(
            f"cannot keep {sk} source and {tk} target paragraphs of a {link.bead} link"
        )
    first_s, rest_s = link.source[:sk], link.source[sk:]
    first_t, rest_t = link.target[:tk], link.target[tk:]
    if not (first_s or first_t) or not (rest_s or rest_t):
        raise EditError("a split must leave at least one paragraph in each part")
    first = _reshaped(link, first_s, first_t, "split")
    second = _new_link(rest_s, rest_t, "split")
    return _replace_span(alignment, i, i + 1, [first, second])


def move_first_up(alignment: Alignment, link_id: int, side: Side) -> Alignment:
    """Shift the first paragraph of one side of a link to the end of the previous link.

    A link left with no paragraph on either side disappears.
    """
    _check_side(side)
    i = _position(alignment, link_id)
    if i == 0:
        raise EditError("the first link has no previous link to move a paragraph into")
    prev, link = alignment.links[i - 1], alignment.links[i]
    seg = getattr(link, side)
    if not seg:
        raise EditError(f"this link has no {side} paragraph to move up")
    new_prev = _reshaped(prev, *_with_side(prev, side, getattr(prev, side) + seg[:1]), "moved")
    rest = _with_side(link, side, seg[1:])
    new = [new_prev] + ([_reshaped(link, *rest, "moved")] if rest[0] or rest[1] else [])
    return _replace_span(alignment, i - 1, i + 1, new)


def move_last_down(alignment: Alignment, link_id: int, side: Side) -> Alignment:
    """Pop the last paragraph of one side of a link to the start of the next link.

    A link left with no paragraph on either side disappears.
    """
    _check_side(side)
    i = _position(alignment, link_id)
    if i + 1 >= len(alignment.links):
        raise EditError("the last link has no next link to move a paragraph into")
    link, nxt = alignment.links[i], alignment.links[i + 1]
    seg = getattr(link, side)
    if not seg:
        raise EditError(f"this link has no {side} paragraph to move down")
    new_next = _reshaped(nxt, *_with_side(nxt, side, seg[-1:] + getattr(nxt, side)), "moved")
    rest = _with_side(link, side, seg[:-1])
    new = ([_reshaped(link, *rest, "moved")] if rest[0] or rest[1] else []) + [new_next]
    return _replace_span(alignment, i, i + 2, new)


def detach(alignment: Alignment, link_id: int, side: Side) -> Alignment:
    """Detach the last paragraph of one side into a link of its own (1:0 or 0:1).

    The new link comes right after; on a 1:1 link this says "these two paragraphs
    do not render each other": it becomes a 1:0 and a 0:1 link.
    """
    _check_side(side)
    i = _position(alignment, link_id)
    link = alignment.links[i]
    seg = getattr(link, side)
    if not seg:
        raise EditError(f"this link has no {side} paragraph to detach")
    rest = _with_side(link, side, seg[:-1])
    if not rest[0] and not rest[1]:
        raise EditError(f"this link is already unaligned ({link.bead}); nothing to detach")
    alone = _only(side, seg[-1:])
    first = _reshaped(link, *rest, "detached")
    second = _new_link(*alone, why="detached")
    return _replace_span(alignment, i, i + 1, [first, second])


def insert_empty(alignment: Alignment, link_id: int, side: Side) -> Alignment:
    """Insert an empty cell on one side: that side's paragraphs shift down one link.

    As in a two-column editor, the link keeps its other side and gets an empty
    cell; the displaced paragraphs move into the next link, whose own move on
    down, until a link that was empty on that side absorbs the shift (or a new
    link is added at the end).
    """
    _check_side(side)
    i = _position(alignment, link_id)
    links = list(alignment.links)
    carried = getattr(links[i], side)
    if not carried:
        raise EditError(f"this link's {side} cell is already empty")
    if not getattr(links[i], "target" if side == "source" else "source"):
        raise EditError(f"this link has only {side} text; an empty cell would leave it blank")
    links[i] = _reshaped(links[i], *_with_side(links[i], side, ()), "shifted")
    j = i + 1
    while carried and j < len(links):
        here = getattr(links[j], side)
        links[j] = _reshaped(links[j], *_with_side(links[j], side, carried), "shifted")
        carried, j = here, j + 1
    if carried:
        links.append(_new_link(*_only(side, carried), "shifted"))
    return alignment.with_links(links)


# --- review marks ----------------------------------------------------------------


def _update(alignment: Alignment, link_id: int, **changes: object) -> Alignment:
    i = _position(alignment, link_id)
    return _replace_span(alignment, i, i + 1, [replace(alignment.links[i], **changes)])


def set_status(alignment: Alignment, link_id: int, status: str) -> Alignment:
    """Mark a link "auto", "confirmed", "rejected" or "edited"."""
    if status not in STATUSES:
        raise EditError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    return _update(alignment, link_id, status=status)


def confirm(alignment: Alignment, link_id: int) -> Alignment:
    """Mark a link as checked by a reviewer."""
    return set_status(alignment, link_id, "confirmed")


def reject(alignment: Alignment, link_id: int) -> Alignment:
    """Mark a link as wrong (kept, so it can be found and fixed later)."""
    return set_status(alignment, link_id, "rejected")


def toggle_confirmed(alignment: Alignment, link_id: int) -> Alignment:
    """Confirm a link, or take a confirmation back ("edited" again if a person shaped it)."""
    link = alignment.links[_position(alignment, link_id)]
    if link.status != "confirmed":
        return set_status(alignment, link_id, "confirmed")
    return set_status(alignment, link_id, "edited" if link.evidence.edited else "auto")


def set_note(alignment: Alignment, link_id: int, note: str) -> Alignment:
    """Attach a reviewer's note to a link (an empty note removes it)."""
    return _update(alignment, link_id, note=note.strip())


def toggle_bookmark(alignment: Alignment, link_id: int) -> Alignment:
    """Bookmark a link to come back to, or remove its bookmark."""
    link = alignment.links[_position(alignment, link_id)]
    return _update(alignment, link_id, bookmark=not link.bookmark)
