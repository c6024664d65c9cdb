"""Re-anchoring an alignment to edited texts: keep what is unchanged, re-align the rest.

A link is kept, with its status, note, bookmark, revision and id, when every
paragraph it joins is still in the edited texts word for word (matched by
content, in order, with :class:`difflib.SequenceMatcher`) and its paragraphs
are still next to each other. The paragraphs no kept link covers form stretches
between kept links; each stretch is aligned again by the ordinary aligner and
its links are marked for review. Notes of links that could not be kept are
carried to the first new link of their stretch, so no reviewer's words are lost.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from aligner.core.model import Alignment, Document, Link, SentenceLink

#: Aligns two sub-documents (the changed stretch) into links over their own indices.
Aligner = Callable[[Document, Document], Alignment]


@dataclass(frozen=True)
class Reanchored:
    """The re-anchored alignment and what happened to the old links."""

    alignment: Alignment
    kept: int
    """Old links kept as they were (ids, statuses and notes included)."""
    dropped: int
    """Old links whose paragraphs changed."""
    realigned: tuple[int, ...]
    """Ids of the new links of the changed stretches (all marked for review)."""


def paragraph_map(old: Document, new: Document) -> dict[int, int]:
    """Old paragraph index -> new index, for paragraphs whose text is unchanged, in order."""
    matcher = SequenceMatcher(None, old.texts(), new.texts(), autojunk=False)
    mapping: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.a + k] = block.b + k
    return mapping


def _mapped(indices: Sequence[int], mapping: dict[int, int]) -> tuple[int, ...] | None:
    new = [mapping.get(i) for i in indices]
    if any(n is None for n in new):
        return None
    out = tuple(n for n in new if n is not None)
    if out and list(out) != list(range(out[0], out[0] + len(out))):
        return None
    return out


def _shift_sentences(link: Link, old: Alignment, new_source: Document, new_target: Document,
                     source: tuple[int, ...], target: tuple[int, ...]) -> tuple[SentenceLink, ...]:
    """Sentence links of a kept link, renumbered to the new documents' sentence indices."""
    if not link.sentences:
        return ()

    def offset(old_doc: Document, new_doc: Document, old_p: tuple[int, ...],
               new_p: tuple[int, ...]) -> int | None:
        if not old_p:
            return 0
        a, b = old_doc.sentence_range(old_p[0]), new_doc.sentence_range(new_p[0])
        return b.start - a.start if len(a) == len(b) else None

    ds = offset(old.source, new_source, link.source, source)
    dt = offset(old.target, new_target, link.target, target)
    if ds is None or dt is None:
        return ()
    return tuple(replace(s, source=tuple(i + ds for i in s.source),
                         target=tuple(i + dt for i in s.target)) for s in link.sentences)


def _sub_document(doc: Document, start: int, stop: int) -> Document:
    return replace(doc, segments=doc.segments[start:stop])


def _align_stretch(source: Document, target: Document, s: range, t: range,
                   align: Aligner) -> list[Link]:
    """Links for one changed stretch, in the full documents' indices, marked for review."""
    if not s and not t:
        return []
    if not s or not t:  # one side only: each paragraph stands alone
        return [Link(source=(i,) if s else (), target=() if s else (i,), confidence=0.0,
                     needs_review=True) for i in (s or t)]
    part = align(_sub_document(source, s.start, s.stop), _sub_document(target, t.start, t.stop))
    return [
        replace(lk, source=tuple(i + s.start for i in lk.source),
                target=tuple(j + t.start for j in lk.target), id=-1, status="auto",
                needs_review=True, sentences=())
        for lk in part.links
    ]


def reanchor(old: Alignment, new_source: Document, new_target: Document,
             align: Aligner) -> Reanchored:
    """The alignment of the edited documents, keeping every link whose paragraphs are unchanged."""
    smap, tmap = paragraph_map(old.source, new_source), paragraph_map(old.target, new_target)
    kept: list[Link] = []
    orphan_notes: list[tuple[int, str]] = []  # (index of the next kept link, note)
    last_s = last_t = -1
    for link in old.links:
        s, t = _mapped(link.source, smap), _mapped(link.target, tmap)
        fits = s is not None and t is not None and (
            (not s or s[0] > last_s) and (not t or t[0] > last_t))
        if fits and s is not None and t is not None:
            sentences = _shift_sentences(link, old, new_source, new_target, s, t)
            kept.append(replace(link, source=s, target=t, sentences=sentences))
            last_s = s[-1] if s else last_s
            last_t = t[-1] if t else last_t
        elif link.note:
            orphan_notes.append((len(kept), link.note))
    links: list[Link] = []
    realigned: list[Link] = []
    next_s = next_t = 0
    boundaries = [*kept, None]
    for position, link in enumerate(boundaries):
        stop_s = (link.source[0] if link and link.source else next_s) if link else \
            len(new_source.segments)
        stop_t = (link.target[0] if link and link.target else next_t) if link else \
            len(new_target.segments)
        if link is not None and not link.source:
            stop_s = next_s
        if link is not None and not link.target:
            stop_t = next_t
        stretch = _align_stretch(new_source, new_target, range(next_s, stop_s),
                                 range(next_t, stop_t), align)
        notes = [f"before re-anchoring: {note}" for before, note in orphan_notes
                 if before == position]
        if notes and stretch:
            stretch[0] = replace(stretch[0], note="\n".join(notes))
        elif notes and link is not None:  # the paragraphs were deleted: keep the words here
            link = replace(link, note="\n".join([*notes, *([link.note] if link.note else [])]))
        elif notes and links:
            links[-1] = replace(links[-1], note="\n".join([links[-1].note, *notes]).strip())
        links += stretch
        realigned += stretch
        if link is not None:
            links.append(link)
            next_s = link.source[-1] + 1 if link.source else next_s
            next_t = link.target[-1] + 1 if link.target else next_t
    alignment = Alignment(source=new_source, target=new_target, links=tuple(links),
                          settings=old.settings, document_flags=old.document_flags)
    fresh = {lk.id for lk in alignment.links} - {lk.id for lk in kept}
    return Reanchored(alignment, len(kept), len(old.links) - len(kept), tuple(sorted(fresh)))
