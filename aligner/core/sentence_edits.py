"""Pure edits of the sentence links inside one paragraph link, and paragraph edits that
re-align the sentences of the links they touched.

The sentence edits are the paragraph edits one level down (:mod:`aligner.core.edits`):
merge a sentence link with the next, split one, shift the first sentence of a side up
into the previous sentence link or pop the last one down into the next, detach a
sentence as unaligned, confirm, reject, note. Each takes an Alignment, the id of the
paragraph link and the position of the sentence link inside it (0-based), and returns a
new Alignment in which only that paragraph link changed.

Every edit keeps the invariant :meth:`Alignment.sentence_errors` checks: the sentence
links of a paragraph link cover its sentences exactly once, in order, and none leaves
it; the model's bead checks (contiguous sides, one sentence at least) refuse any other
shape when a SentenceLink is built. A sentence link whose sentences change becomes
"edited", as a paragraph link does: the aligner's confidence and evidence described
another bead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from aligner.core.align.glossary_keys import TermPairs
from aligner.core.edits import EDITED_CONFIDENCE, SIDES
from aligner.core.model import STATUSES, Alignment, Evidence, Link, SentenceLink
from aligner.errors import EditError

__all__ = [
    "confirm_sentence",
    "default_sentence_split",
    "detach_sentence",
    "merge_sentence_with_next",
    "move_sentence_down",
    "move_sentence_up",
    "reject_sentence",
    "resentenced",
    "set_sentence_note",
    "set_sentence_status",
    "split_sentence_link",
    "toggle_sentence_confirmed",
]

_CROSSING = "a sentence link never leaves its paragraph link"


def _located(alignment: Alignment, link_id: int, k: int) -> tuple[int, Link]:
    try:
        i = alignment.link_index(link_id)
    except KeyError:
        raise EditError(f"there is no link with id {link_id}") from None
    link = alignment.links[i]
    if not link.sentences:
        raise EditError("this link is not aligned by sentence (align with --sentences)")
    if not 0 <= k < len(link.sentences):
        raise EditError(
            f"this link has {len(link.sentences)} sentence links; there is no sentence link "
            f"{k + 1}"
        )
    return i, link


def _check_side(side: str) -> None:
    if side not in SIDES:
        raise EditError(f"unknown side {side!r}; use 'source' or 'target'")


def _with(alignment: Alignment, i: int, link: Link, sentences: Sequence[SentenceLink]) -> Alignment:
    from aligner.core.sentences.align import sentences_cover  # the aligner loads on first use

    new = replace(link, sentences=tuple(sentences))
    if not sentences_cover(alignment, new):  # an edit here is wrong, not the user's input
        raise AssertionError(f"sentence edit broke the coverage of link {link.id}")
    links = list(alignment.links)
    links[i] = new
    return alignment.with_links(links)


def _reshaped(
    s: SentenceLink, source: tuple[int, ...], target: tuple[int, ...], why: str
) -> SentenceLink:
    """The sentence link with other sentences: "edited", its machine scores dropped."""
    return replace(
        s, source=source, target=target, status="edited", confidence=EDITED_CONFIDENCE,
        evidence=Evidence(edited=why), needs_review=False,
    )  # fmt: skip


def _new(source: tuple[int, ...], target: tuple[int, ...], why: str) -> SentenceLink:
    return SentenceLink(source, target, EDITED_CONFIDENCE, "edited", evidence=Evidence(edited=why))


def _sides(s: SentenceLink, side: str, value: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    return (value, s.target) if side == "source" else (s.source, value)


def _empty(pair: tuple[tuple[int, ...], ...]) -> bool:
    return not pair[0] and not pair[1]


# --- structural edits ----------------------------------------------------------------


def merge_sentence_with_next(alignment: Alignment, link_id: int, k: int) -> Alignment:
    """Merge sentence link ``k`` of a paragraph link with the one after it."""
    i, link = _located(alignment, link_id, k)
    if k + 1 >= len(link.sentences):
        raise EditError(
            f"this is the last sentence link of its paragraph link; {_CROSSING} "
            "(merge the paragraph links first)"
        )
    a, b = link.sentences[k], link.sentences[k + 1]
    merged = replace(
        _reshaped(a, a.source + b.source, a.target + b.target, "merged"),
        note="\n".join(n for n in (a.note, b.note) if n),
    )
    sentences = list(link.sentences)
    sentences[k : k + 2] = [merged]
    return _with(alignment, i, link, sentences)


def default_sentence_split(s: SentenceLink) -> tuple[int, int]:
    """How many source and target sentences stay in the first part: half, rounded up."""
    return (len(s.source) + 1) // 2, (len(s.target) + 1) // 2


def split_sentence_link(
    alignment: Alignment,
    link_id: int,
    k: int,
    source_keep: int | None = None,
    target_keep: int | None = None,
) -> Alignment:
    """Split sentence link ``k`` in two: the first part keeps ``source_keep`` source and
    ``target_keep`` target sentences (half of each by default), the rest follows."""
    i, link = _located(alignment, link_id, k)
    s = link.sentences[k]
    if len(s.source) <= 1 and len(s.target) <= 1:
        raise EditError(
            f"this sentence link is {s.bead}, one sentence a side; there is nothing to split "
            "(detach marks its sentences as unaligned)"
        )
    ds, dt = default_sentence_split(s)
    sk = ds if source_keep is None else source_keep
    tk = dt if target_keep is None else target_keep
    if not (0 <= sk <= len(s.source) and 0 <= tk <= len(s.target)):
        raise EditError(f"cannot keep {sk} source and {tk} target sentences of a {s.bead} link")
    first = (s.source[:sk], s.target[:tk])
    rest = (s.source[sk:], s.target[tk:])
    if _empty(first) or _empty(rest):
        raise EditError("a split must leave at least one sentence in each part")
    sentences = list(link.sentences)
    sentences[k : k + 1] = [_reshaped(s, *first, "split"), _new(*rest, "split")]
    return _with(alignment, i, link, sentences)


def move_sentence_up(alignment: Alignment, link_id: int, k: int, side: str) -> Alignment:
    """Shift the first sentence of one side of sentence link ``k`` to the end of the
    previous sentence link; a sentence link left with no sentence disappears."""
    _check_side(side)
    i, link = _located(alignment, link_id, k)
    if k == 0:
        raise EditError(
            f"this is the first sentence link of its paragraph link; {_CROSSING} "
            "(shift the paragraph instead)"
        )
    prev, s = link.sentences[k - 1], link.sentences[k]
    own = getattr(s, side)
    if not own:
        raise EditError(f"this sentence link has no {side} sentence to move up")
    new_prev = _reshaped(prev, *_sides(prev, side, getattr(prev, side) + own[:1]), "moved")
    rest = _sides(s, side, own[1:])
    new = [new_prev] + ([] if _empty(rest) else [_reshaped(s, *rest, "moved")])
    sentences = list(link.sentences)
    sentences[k - 1 : k + 1] = new
    return _with(alignment, i, link, sentences)


def move_sentence_down(alignment: Alignment, link_id: int, k: int, side: str) -> Alignment:
    """Pop the last sentence of one side of sentence link ``k`` to the start of the next
    sentence link; a sentence link left with no sentence disappears."""
    _check_side(side)
    i, link = _located(alignment, link_id, k)
    if k + 1 >= len(link.sentences):
        raise EditError(
            f"this is the last sentence link of its paragraph link; {_CROSSING} "
            "(pop the paragraph down instead)"
        )
    s, nxt = link.sentences[k], link.sentences[k + 1]
    own = getattr(s, side)
    if not own:
        raise EditError(f"this sentence link has no {side} sentence to move down")
    new_next = _reshaped(nxt, *_sides(nxt, side, own[-1:] + getattr(nxt, side)), "moved")
    rest = _sides(s, side, own[:-1])
    new = ([] if _empty(rest) else [_reshaped(s, *rest, "moved")]) + [new_next]
    sentences = list(link.sentences)
    sentences[k : k + 2] = new
    return _with(alignment, i, link, sentences)


def detach_sentence(alignment: Alignment, link_id: int, k: int, side: str) -> Alignment:
    """Detach the last sentence of one side of sentence link ``k`` into a sentence link
    of its own (1-0 or 0-1) right after it; on a 1-1 link this says "these two sentences
    do not render each other"."""
    _check_side(side)
    i, link = _located(alignment, link_id, k)
    s = link.sentences[k]
    own = getattr(s, side)
    if not own:
        raise EditError(f"this sentence link has no {side} sentence to detach")
    rest = _sides(s, side, own[:-1])
    if _empty(rest):
        raise EditError(f"this sentence link is already unaligned ({s.bead}); nothing to detach")
    alone = (own[-1:], ()) if side == "source" else ((), own[-1:])
    sentences = list(link.sentences)
    sentences[k : k + 1] = [_reshaped(s, *rest, "detached"), _new(*alone, "detached")]
    return _with(alignment, i, link, sentences)


# --- review marks ----------------------------------------------------------------------


def _marked(alignment: Alignment, link_id: int, k: int, **changes: object) -> Alignment:
    i, link = _located(alignment, link_id, k)
    sentences = list(link.sentences)
    sentences[k] = replace(sentences[k], **changes)  # type: ignore[arg-type]
    return _with(alignment, i, link, sentences)


def set_sentence_status(alignment: Alignment, link_id: int, k: int, status: str) -> Alignment:
    if status not in STATUSES:
        raise EditError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    return _marked(alignment, link_id, k, status=status)


def confirm_sentence(alignment: Alignment, link_id: int, k: int) -> Alignment:
    """Mark a sentence link as checked by a reviewer."""
    return set_sentence_status(alignment, link_id, k, "confirmed")


def reject_sentence(alignment: Alignment, link_id: int, k: int) -> Alignment:
    """Mark a sentence link as wrong (kept, so it can be found and fixed later)."""
    return set_sentence_status(alignment, link_id, k, "rejected")


def toggle_sentence_confirmed(alignment: Alignment, link_id: int, k: int) -> Alignment:
    """Confirm a sentence link, or take the confirmation back."""
    _, link = _located(alignment, link_id, k)
    s = link.sentences[k]
    if s.status != "confirmed":
        return set_sentence_status(alignment, link_id, k, "confirmed")
    return set_sentence_status(alignment, link_id, k, "edited" if s.evidence.edited else "auto")


def set_sentence_note(alignment: Alignment, link_id: int, k: int, note: str) -> Alignment:
    """Attach a reviewer's note to a sentence link (an empty note removes it)."""
    return _marked(alignment, link_id, k, note=note.strip())


# --- paragraph edits at the sentence level --------------------------------------------------


def _reviewed(s: SentenceLink) -> bool:
    """A sentence link carrying a person's work: a verdict, a shape or a note."""
    return s.status != "auto" or bool(s.note)


def resentenced(before: Alignment, after: Alignment, glossary_pairs: TermPairs = ()) -> Alignment:
    """``after`` (a paragraph edit of ``before``) with the sentences of the paragraph links
    the edit created or reshaped aligned again, and every other link's kept as it was.

    A sentence link the re-alignment finds again (the same sentences on both sides)
    keeps what a reviewer did to it: its status, note and, when a person shaped it, its
    shape's record. An alignment without sentence links is returned unchanged.
    """
    from aligner.core.sentences import has_sentence_links, realign_sentences

    if not has_sentence_links(before):
        return after
    old = {lk.id: lk for lk in before.links}
    touched = set()
    for lk in after.links:
        was = old.get(lk.id)
        if was is None or was.source != lk.source or was.target != lk.target:
            touched.add(lk.id)
    if not touched:
        return after
    # The reviewed sentence links of the links the edit reshaped or took away.
    after_ids = {lk.id for lk in after.links}
    kept = {
        (s.source, s.target): s
        for lk in before.links
        if lk.id in touched or lk.id not in after_ids
        for s in lk.sentences
        if _reviewed(s)
    }
    # Only the touched links can have sentence links that no longer fit (the texts and
    # every other link are as they were), so only they are handed to the re-alignment:
    # its own check for stale links then looks at a few links, not at 20,000.
    positions = [i for i, lk in enumerate(after.links) if lk.id in touched]
    few = replace(after, links=tuple(after.links[i] for i in positions))
    realigned = realign_sentences(few, touched, glossary_pairs=glossary_pairs)
    links = list(after.links)
    for i, lk in zip(positions, realigned.links, strict=True):
        sentences = lk.sentences
        if kept and any((s.source, s.target) in kept for s in sentences):
            sentences = tuple(kept.get((s.source, s.target), s) for s in sentences)
        links[i] = replace(after.links[i], sentences=sentences)
    return replace(after, source=realigned.source, target=realigned.target, links=tuple(links))
