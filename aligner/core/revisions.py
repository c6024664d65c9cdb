"""Proposed revisions of a link's target wording, kept beside the original.

A revision never changes the target document: the alignment keeps the
translation as it was aligned and stores the reviewer's wording in
``Link.revision``. Functions here add, remove and read revisions, diff them
against the original wording, and tell whether a revision fixes or introduces
term-check findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from aligner.core.model import Alignment, Document, Flag, Link, Revision, Segment
from aligner.core.wordiff import DiffOp, word_diff
from aligner.errors import UsageError

__all__ = [
    "TermEffect",
    "clear_revision",
    "current_target_text",
    "revised_alignment",
    "revision_diff",
    "revision_term_effect",
    "set_revision",
]


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _find(alignment: Alignment, link_id: int) -> tuple[int, Link]:
    try:
        index = alignment.link_index(link_id)
    except KeyError:
        raise UsageError(
            f"there is no link with id {link_id}; the alignment has {len(alignment.links)} links"
        ) from None
    return index, alignment.links[index]


def _with_link(alignment: Alignment, index: int, link: Link) -> Alignment:
    links = list(alignment.links)
    links[index] = link
    return alignment.with_links(links)


def set_revision(
    alignment: Alignment,
    link_id: int,
    text: str,
    author: str = "",
    note: str = "",
    time: str | None = None,
) -> Alignment:
    """A copy of the alignment where link ``link_id`` carries ``text`` as its revision.

    The target document is untouched. A revision identical to the original
    wording (ignoring surrounding whitespace) is no revision: any existing one
    is removed instead. ``time`` defaults to now, in UTC, ISO 8601.
    """
    index, link = _find(alignment, link_id)
    text = text.strip()
    if not text:
        raise UsageError("a revision cannot be empty; to remove a revision, clear it instead")
    if text == alignment.target_text(link).strip():
        return _with_link(alignment, index, replace(link, revision=None))
    revision = Revision(text=text, author=author, time=time or _now(), note=note)
    return _with_link(alignment, index, replace(link, revision=revision))


def clear_revision(alignment: Alignment, link_id: int) -> Alignment:
    """A copy of the alignment where link ``link_id`` has no revision."""
    index, link = _find(alignment, link_id)
    return _with_link(alignment, index, replace(link, revision=None))


def current_target_text(alignment: Alignment, link: Link) -> str:
    """The revision's text when there is one, else the original target wording."""
    return link.revision.text if link.revision is not None else alignment.target_text(link)


def revision_diff(alignment: Alignment, link: Link) -> list[DiffOp]:
    """Word diff from the original target wording to the revision (empty without one)."""
    if link.revision is None:
        return []
    return word_diff(alignment.target_text(link), link.revision.text)


def revised_alignment(alignment: Alignment, link_ids: set[int] | None = None) -> Alignment:
    """The alignment as it would read with revisions applied to the target text.

    Each revised link's target segments are replaced by one segment holding
    the revision (a revision of an omission adds one), so term checks can be
    run on the revised wording. ``link_ids`` limits which revisions apply.
    Link ids are kept, so findings can be matched link by link.
    """
    segments: list[Segment] = []
    links: list[Link] = []
    for link in alignment.links:
        applies = link.revision is not None and (link_ids is None or link.id in link_ids)
        if applies:
            at = alignment.target.segments[link.target[0]].start if link.target else 0
            new_segs = [Segment(link.revision.text, at, at)]  # type: ignore[union-attr]
        else:
            new_segs = [alignment.target.segments[i] for i in link.target]
        first = len(segments)
        segments.extend(new_segs)
        links.append(replace(link, target=tuple(range(first, len(segments)))))
    target: Document = replace(alignment.target, segments=tuple(segments))
    return replace(alignment, target=target, links=tuple(links))


@dataclass(frozen=True)
class TermEffect:
    """What a revision changes in the term checks of its link."""

    fixed: tuple[Flag, ...]
    """Findings on the original wording that the revision no longer has."""
    introduced: tuple[Flag, ...]
    """Findings the revision has and the original wording did not."""
    kept: tuple[Flag, ...]
    """Findings on both wordings."""

    @property
    def improves(self) -> bool:
        return bool(self.fixed) and not self.introduced


def _flag_key(flag: Flag) -> tuple[str, str]:
    return flag.kind, flag.term


def revision_term_effect(
    alignment: Alignment,
    glossary: object,
    link_id: int,
    check: Callable[[Alignment, object], Alignment] | None = None,
) -> TermEffect:
    """Which term findings the revision of link ``link_id`` fixes, introduces or keeps.

    The checks (``aligner.core.terms.apply_checks`` unless ``check`` is given)
    run once on the original wording and once with this link's revision
    applied; the link's findings are then compared by kind and term.
    """
    if check is None:
        from aligner.core.terms import apply_checks as check
    _, link = _find(alignment, link_id)
    before_al = check(alignment, glossary)
    after_al = check(revised_alignment(alignment, {link_id}), glossary)
    before = before_al.links[before_al.link_index(link_id)].flags
    after = after_al.links[after_al.link_index(link_id)].flags
    if link.revision is None:
        return TermEffect(fixed=(), introduced=(), kept=tuple(before))
    after_keys = {_flag_key(f) for f in after}
    before_keys = {_flag_key(f) for f in before}
    return TermEffect(
        fixed=tuple(f for f in before if _flag_key(f) not in after_keys),
        introduced=tuple(f for f in after if _flag_key(f) not in before_keys),
        kept=tuple(f for f in after if _flag_key(f) in before_keys),
    )
