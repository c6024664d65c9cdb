"""What a reviewer looks at and in which order: queue, filters, search, navigation.

Pure functions over an :class:`~aligner.core.model.Alignment`; they answer with
link ids (stable across edits), so a user interface can keep its rows keyed by
them. Fuzzy search uses rapidfuzz, with explicit processor and cut-off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from aligner.core.model import REVIEW_FLAG_KINDS, Alignment, Link, SentenceLink

#: Orders a view of the links can be shown in.
ORDERS: tuple[str, ...] = ("document", "queue", "confidence")
#: Status filters ("needs-review": auto links the aligner or the checks are unsure of).
STATUS_FILTERS: tuple[str, ...] = ("all", "auto", "confirmed", "rejected", "edited", "needs-review")


def machine_doubt(link: Link) -> bool:
    """The aligner's own doubt: its confidence fell below the review threshold."""
    return link.needs_review


def needs_review(link: Link) -> bool:
    """The one meaning of "needs review" in the UI, the CLI's summaries and the exports.

    A link needs review when nobody has decided on it yet (status ``auto``: not
    confirmed, rejected or edited by a person) and either the aligner doubts it
    or the term checks raised a flag of a kind in :data:`REVIEW_FLAG_KINDS` (flagged,
    missing, near; ``variant`` and ``inconsistent`` findings only inform).
    """
    if link.status != "auto":
        return False
    return machine_doubt(link) or any(f.kind in REVIEW_FLAG_KINDS for f in link.flags)


#: A paragraph link's verdict that holds for the sentence links left "auto" inside it
#: (the reviewer judged the whole passage), as the sentence-level exports read it.
INHERITED_VERDICTS: tuple[str, ...] = ("confirmed", "rejected")


def sentence_status(link: Link, sentence: SentenceLink) -> str:
    """A sentence link's status as a reader sees it: its own, or its paragraph link's
    verdict while it is still "auto"."""
    if sentence.status == "auto" and link.status in INHERITED_VERDICTS:
        return link.status
    return sentence.status


def sentence_needs_review(link: Link, sentence: SentenceLink) -> bool:
    """:func:`needs_review` one level down: nobody has decided on the sentence link (nor
    on its whole paragraph link) and the aligner doubts it."""
    return sentence_status(link, sentence) == "auto" and sentence.needs_review


def count_needing_review(links: Iterable[Link]) -> int:
    """How many links :func:`needs_review`: the figure every summary shows."""
    return sum(1 for lk in links if needs_review(lk))


def weakness(link: Link, position: int) -> tuple[float, int, int]:
    """Sort key, weakest first: lowest confidence, then most flags, then document order."""
    return (link.confidence, -len(link.flags), position)


def review_queue(alignment: Alignment) -> list[int]:
    """Ids of the links still to review ("auto"), weakest first."""
    ranked = [
        (weakness(lk, i), lk.id) for i, lk in enumerate(alignment.links) if lk.status == "auto"
    ]
    return [lid for _, lid in sorted(ranked)]


@dataclass(frozen=True)
class ViewFilter:
    """Which links a view shows; the default shows them all."""

    status: str = "all"
    """One of :data:`STATUS_FILTERS`."""
    flag: str = ""
    """"" for any link, "any" for flagged links, or a flag kind ("missing", ...)."""
    term: str = ""
    """Glossary entry id: only links where the term occurs on either side."""
    bookmarked: bool = False
    query: str = ""
    """Only links matching this search (plain, or fuzzy with ``fuzzy``)."""
    fuzzy: bool = False

    @property
    def active(self) -> bool:
        return self != ViewFilter()

    def describe(self) -> str:
        """A short human label, e.g. ``status=auto, term=uar``."""
        parts = [] if self.status == "all" else [f"status={self.status}"]
        if self.flag:
            parts.append("flagged" if self.flag == "any" else f"flag={self.flag}")
        if self.term:
            parts.append(f"term={self.term}")
        if self.bookmarked:
            parts.append("bookmarked")
        if self.query:
            parts.append(f"{'~' if self.fuzzy else ''}search={self.query!r}")
        return ", ".join(parts) or "all links"


def _status_ok(link: Link, status: str) -> bool:
    if status == "all":
        return True
    if status == "needs-review":
        return needs_review(link)
    return link.status == status


def _flag_ok(link: Link, flag: str, document_ids: frozenset[int] = frozenset()) -> bool:
    if not flag:
        return True
    if flag == "any":
        return bool(link.flags) or link.id in document_ids
    return any(f.kind == flag for f in link.flags) or link.id in document_ids


def _document_flag_ids(alignment: Alignment, flag: str) -> frozenset[int]:
    """Ids of the links a document finding (``inconsistent``) names, for the flag filter."""
    if not flag:
        return frozenset()
    ids: set[int] = set()
    for f in alignment.document_flags:
        if flag in ("any", f.kind):
            links = f.detail.get("links", {})
            for value in (links.values() if isinstance(links, Mapping) else ()):
                ids.update(i for i in value if isinstance(i, int))
    return frozenset(ids)


def view_ids(
    alignment: Alignment,
    view_filter: ViewFilter = ViewFilter(),
    order: str = "document",
    term_links: Mapping[str, set[int]] | None = None,
) -> list[int]:
    """Ids of the links a view shows, in the view's order.

    ``term_links`` maps a glossary entry id to the ids of links where it occurs
    (see :func:`links_by_term`); without it a term filter matches nothing.
    """
    f = view_filter
    if not f.active and order == "document":
        return [lk.id for lk in alignment.links]  # every link, as they are: no test to run
    matched = set(search_ids(alignment, f.query, fuzzy=f.fuzzy)) if f.query else None
    with_term = (term_links or {}).get(f.term, set()) if f.term else None
    document_ids = _document_flag_ids(alignment, f.flag)
    chosen = [
        (i, lk)
        for i, lk in enumerate(alignment.links)
        if _status_ok(lk, f.status)
        and _flag_ok(lk, f.flag, document_ids)
        and (not f.bookmarked or lk.bookmark)
        and (with_term is None or lk.id in with_term)
        and (matched is None or lk.id in matched)
    ]
    if order == "queue":
        chosen.sort(key=lambda p: (p[1].status != "auto", *weakness(p[1], p[0])))
    elif order == "confidence":
        chosen.sort(key=lambda p: (p[1].confidence, p[0]))
    return [lk.id for _, lk in chosen]


# --- search ----------------------------------------------------------------------


def _haystacks(alignment: Alignment) -> list[str]:
    """One searchable string per link: both sides, the note and a proposed revision."""
    out = []
    for lk in alignment.links:
        parts = [alignment.source_text(lk, " "), alignment.target_text(lk, " "), lk.note]
        if lk.revision is not None:
            parts.append(lk.revision.text)
        out.append("\n".join(p for p in parts if p))
    return out


def search_ids(alignment: Alignment, query: str, *, fuzzy: bool = False, cutoff: float = 80.0
               ) -> list[int]:
    """Ids of links whose text (either side, note or revision) matches, in document order.

    Plain search is a case-insensitive substring test. Fuzzy search scores the
    best-matching stretch of each link (rapidfuzz ``partial_ratio`` on case- and
    punctuation-folded text) and keeps those at ``cutoff`` or above, so a
    misspelt "Khrushchov" still finds "Khrushchev".
    """
    query = query.strip()
    if not query:
        return []
    texts = _haystacks(alignment)
    if not fuzzy:
        needle = query.casefold()
        pairs = zip(alignment.links, texts, strict=True)
        return [lk.id for lk, text in pairs if needle in text.casefold()]
    found = process.extract(
        query, texts, scorer=fuzz.partial_ratio, processor=utils.default_process,
        score_cutoff=cutoff, limit=None,
    )
    return [alignment.links[i].id for i in sorted(index for _, _, index in found)]


# --- navigation ----------------------------------------------------------------------


def step(
    order: Sequence[int],
    current: int | None,
    wanted: Callable[[int], bool],
    *,
    forward: bool = True,
    wrap: bool = True,
) -> int | None:
    """The next (or previous) id in ``order`` after ``current`` for which ``wanted`` holds.

    Wraps around the end when ``wrap``; None when no other id qualifies.
    """
    n = len(order)
    if n == 0:
        return None
    try:
        start = order.index(current) if current is not None else (-1 if forward else n)
    except ValueError:
        start = -1 if forward else n
    delta = 1 if forward else -1
    for k in range(1, n + 1):
        j = start + delta * k
        if not wrap and not 0 <= j < n:
            return None
        lid = order[j % n]
        if lid != current and wanted(lid):
            return lid
    return None


def links_by_term(
    alignment: Alignment, hits: Iterable[tuple[str, str, int]]
) -> dict[str, set[int]]:
    """Map each term id to the ids of links holding one of its hits.

    ``hits`` are (term id, side "source"|"target", segment index) triples.
    """
    owner: dict[tuple[str, int], int] = {}
    for lk in alignment.links:
        for i in lk.source:
            owner[("source", i)] = lk.id
        for i in lk.target:
            owner[("target", i)] = lk.id
    out: dict[str, set[int]] = {}
    for term, side, segment in hits:
        lid = owner.get((side, segment))
        if lid is not None:
            out.setdefault(term, set()).add(lid)
    return out


def position_of(alignment: Alignment, link_number: int) -> int | None:
    """Id of the link shown as number ``link_number`` (1-based), or None when out of range."""
    if 1 <= link_number <= len(alignment.links):
        return alignment.links[link_number - 1].id
    return None
