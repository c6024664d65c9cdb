"""Rendering checks: what each link does with the key terms of its source, and back.

Per link, most severe first (:data:`aligner.core.model.FLAG_KINDS`):

- ``flagged``: the target renders a term with a disputed or wrong rendering;
- ``missing``: a source term with no rendering, nor a near one, in the linked
  target; or a target rendering whose source term is not in the link, nor near;
- ``near``: no listed rendering, but a wording close to one (or, the other way,
  a target rendering whose source term is only nearly there), with its score;
- ``variant``: an accepted, non-preferred rendering (informational).

Across the document, ``inconsistent``: one source term rendered in several
ways, and one target rendering used for several source terms. A rendering two
entries claim equally ("monitoring" for control and observation) renders the
one whose source occurrence it lines up with, so it is counted once.
Everything is recomputed from the cached term index, so calling
:func:`apply_checks` after every edit is cheap.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from itertools import accumulate, repeat
from operator import attrgetter, gt, lt

from aligner.core.collector import collector_paused
from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import FLAG_KINDS, Alignment, Flag, Link, Segment, severity
from aligner.core.terms.hits import hits_by_segment
from aligner.core.terms.near import NearFinder, NearHit, unlisted_spelling
from aligner.core.terms.types import MatchParams, NearLookup, TermHit, TermIndex

#: Kinds earlier versions wrote; re-checking replaces them (a target term whose source
#: term is not in the link is now ``missing`` or ``near`` in the target->source direction).
_LEGACY_KINDS = ("unexpected",)
_TERM_KINDS = frozenset(FLAG_KINDS + _LEGACY_KINDS)
#: ``direction`` of a finding in its detail.
FORWARD, BACKWARD = "source->target", "target->source"


def link_hits(link: Link, hits: TermIndex) -> tuple[list[TermHit], list[TermHit]]:
    """(source hits, target hits) inside one link, in segment order."""
    src = [h for i in link.source for h in hits.get(("source", i), ())]
    tgt = [h for i in link.target for h in hits.get(("target", i), ())]
    return src, tgt


class _Spans:
    """Hit spans per segment, asked whether they overlap a span in O(log n)."""

    def __init__(self, hits: list[TermHit]) -> None:
        by_segment: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for h in hits:
            by_segment[h.segment].append((h.start, h.end))
        self._starts: dict[int, list[int]] = {}
        self._reach: dict[int, list[int]] = {}
        for segment, spans in by_segment.items():
            spans.sort()
            self._starts[segment] = [s for s, _ in spans]
            # the furthest end among the spans starting at or before each one
            self._reach[segment] = list(accumulate((e for _, e in spans), max))

    def overlaps(self, segment: int, start: int, end: int) -> bool:
        starts = self._starts.get(segment)
        if not starts:
            return False
        n = bisect_left(starts, end)  # the spans that start before this one ends
        return n > 0 and self._reach[segment][n - 1] > start


def assigned_hits(src: list[TermHit], tgt: list[TermHit]) -> list[TermHit]:
    """The target hits of a link with every span given to one term.

    A span several terms claim renders a term of this link's source when one
    of them is there ("monitoring" where the source says наблюдение); when
    several are, the spans go to the source occurrences in order (the first
    "monitoring" to the first of наблюдение / контроль, and so on).
    """
    if not tgt:
        return []
    in_source = {h.term for h in src}
    spans = list(map(_SPAN, tgt))
    if all(map(lt, spans, spans[1:])):
        return _one_claim_per_span(tgt, spans, in_source)
    by_span: dict[tuple[int, int, int], list[TermHit]] = defaultdict(list)
    for h in tgt:
        by_span[(h.segment, h.start, h.end)].append(h)
    explained: _Spans | None = None
    queue = [h.term for h in src]
    out: list[TermHit] = []
    for span in sorted(by_span):
        claims = by_span[span]
        mine = [h for h in claims if h.term in in_source]
        if not mine:
            # a term the source lacks, unless the span renders one it has
            if explained is None:
                explained = _Spans([h for h in tgt if h.term in in_source])
            if not explained.overlaps(*span):
                out += claims
            continue
        if len(mine) == 1:
            out.append(mine[0])
            if mine[0].term in queue:
                queue.remove(mine[0].term)
            continue
        terms = {h.term for h in mine}
        chosen = next((t for t in queue if t in terms), mine[0].term)
        if chosen in queue:
            queue.remove(chosen)
        out.append(next(h for h in mine if h.term == chosen))
    return out


def _one_claim_per_span(tgt: list[TermHit], spans: list[tuple[int, int, int]],
                        in_source: set[str]) -> list[TermHit]:
    """:func:`assigned_hits` when every span has one hit, the spans in order (most links):
    a hit of a source term renders it; any other, unless it overlaps one that does."""
    explained = [span for span, h in zip(spans, tgt, strict=True) if h.term in in_source]
    if len(explained) == len(tgt) or not explained:
        return list(tgt)
    return [h for (segment, start, end), h in zip(spans, tgt, strict=True)
            if h.term in in_source
            or not any(seg == segment and s < end and start < e for seg, s, e in explained)]


_SPAN = attrgetter("segment", "start", "end")


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def _missing(entry: GlossaryEntry, src: list[TermHit]) -> Flag:
    expected = entry.target or entry.target_forms[0]
    return Flag("missing", entry.id,
                f"{_quote(src[0].text)} has no accepted rendering in the translation "
                f"(expected {_quote(expected)})",
                {"direction": FORWARD, "source": [h.text for h in src], "expected": expected})


def _near_detail(near: NearHit, direction: str) -> dict:
    return {"direction": direction, "side": near.side, "segment": near.segment,
            "start": near.start, "end": near.end, "text": near.text, "form": near.form,
            "score": near.score}


def _near(entry: GlossaryEntry, src: list[TermHit], near: NearHit) -> Flag:
    return Flag("near", entry.id,
                f"{_quote(src[0].text)} is rendered {_quote(near.text)}, which the glossary "
                f"does not list; close to {_quote(near.form)} ({near.score:.2f})",
                {**_near_detail(near, FORWARD), "source": [h.text for h in src]})


def _near_source(entry: GlossaryEntry, tgt: list[TermHit], near: NearHit) -> Flag:
    return Flag("near", entry.id,
                f"{_quote(tgt[0].text)} renders {_quote(entry.source)}; the source has "
                f"{_quote(near.text)}, close to {_quote(near.form)} ({near.score:.2f})",
                {**_near_detail(near, BACKWARD), "rendering": [h.text for h in tgt]})


def _unrendered_source(entry: GlossaryEntry, tgt: list[TermHit]) -> Flag:
    return Flag("missing", entry.id,
                f"{_quote(tgt[0].text)} renders {_quote(entry.source)}, which this link's "
                "source does not contain",
                {"direction": BACKWARD, "text": [h.text for h in tgt]})


def _rendered(entry: GlossaryEntry, src: list[TermHit], tgt: list[TermHit],
              language: str) -> Flag | None:
    flagged = [h for h in tgt if h.rendering == "flagged"]
    if flagged:
        h = flagged[0]
        why = f" ({entry.note})" if entry.note else ""
        return Flag("flagged", entry.id,
                    f"rendered as {_quote(h.text)}, a rendering the glossary flags as disputed; "
                    f"it prefers {_quote(entry.target)}{why}",
                    {"rendering": h.form, "text": h.text, "flagged": True})
    spelled = [(h, unlisted_spelling(h.text, h.form, language)) for h in tgt]
    if all(score is not None for _, score in spelled):
        # matched only through a misspelling or a possessive: a wording the glossary lacks
        h, score = max(spelled, key=lambda p: p[1] or 0.0)
        near = NearHit(entry.id, "target", h.segment, h.start, h.end, h.text, score or 0.0,
                       h.form)
        return _near(entry, src, near)
    if any(h.rendering == "preferred" for h in tgt) or not entry.target:
        return None
    h = tgt[0]
    return Flag("variant", entry.id,
                f"rendered as {_quote(h.text)}, an accepted variant; the glossary prefers "
                f"{_quote(entry.target)}",
                {"rendering": h.form, "text": h.text, "flagged": False})


_ORDER: dict[int, tuple[Glossary, dict[str, int]]] = {}


def _order(glossary: Glossary) -> dict[str, int]:
    """Entry id -> position, computed once per glossary object."""
    cached = _ORDER.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        _ORDER.clear()
        cached = _ORDER[id(glossary)] = (glossary, {e.id: i for i, e in enumerate(glossary)})
    return cached[1]


_FINDERS: dict[tuple[int, str, str], tuple[Glossary, NearFinder]] = {}
_FINDERS_LOCK = threading.Lock()


def near_finder(glossary: Glossary, side: str, language: str) -> NearFinder:
    """The near search for one side of a glossary, built once and reused.

    Kept by the glossary's identity: hashing a 200-entry glossary by value on
    every look-up would cost more than the search.
    """
    key = (id(glossary), side, language)
    with _FINDERS_LOCK:
        cached = _FINDERS.get(key)
        if cached is None or cached[0] is not glossary:
            if len(_FINDERS) >= 8:
                _FINDERS.clear()
            cached = _FINDERS[key] = (glossary, NearFinder(glossary, side, language))
        return cached[1]


class _NearSearch:
    """The near search of each side of one alignment, looked up once for all its links."""

    __slots__ = ("_alignment", "_answers", "_glossary", "_hits", "_sides")

    def __init__(self, hits: TermIndex, glossary: Glossary, alignment: Alignment) -> None:
        self._hits, self._glossary, self._alignment = hits, glossary, alignment
        self._sides: dict[str, tuple[NearLookup, tuple[Segment, ...]]] = {}
        # per side, (segment index, term) -> the answer, for questions asked ahead
        self._answers: dict[str, dict[tuple[int, str], NearHit | None]] = {}

    def ask_all(self, side: str, questions: Collection[tuple[int, str]]) -> None:
        """Answer (segment index, term) questions of one side together, ahead of the links
        that ask them: the near search over a document's columns answers thousands at
        once for about the cost of a hundred one by one."""
        many = self._hits.near_many_lookup(side)
        if many is None or not questions:
            return
        doc = self._alignment.source if side == "source" else self._alignment.target
        asked = list(questions)
        self._answers[side] = dict(zip(asked, many([s.text for s in doc.segments], asked),
                                       strict=True))

    def __call__(self, side: str, indices: Sequence[int], term: str) -> NearHit | None:
        """The best near wording of ``term`` in the segments ``indices`` of one side."""
        answers = self._answers.get(side)
        if answers is not None:
            if len(indices) == 1:  # most links: one segment a side
                one = answers.get((indices[0], term), _UNASKED)
                if one is not _UNASKED:
                    return one
            found = [answers.get((i, term), _UNASKED) for i in indices]
            if _UNASKED not in found:
                return max((n for n in found if n is not None), key=_score_of, default=None)
        known = self._sides.get(side)
        if known is None:
            doc = self._alignment.source if side == "source" else self._alignment.target
            find = (self._hits.near_lookup(side)
                    or near_finder(self._glossary, side, doc.language).find)
            known = self._sides[side] = (find, doc.segments)
        find, segments = known
        if len(indices) == 1:  # most links: one segment a side, nothing to choose between
            return find(segments[indices[0]].text, indices[0], term)
        found = [find(segments[i].text, i, term) for i in indices]
        return max((n for n in found if n is not None), key=_score_of, default=None)


#: A question not asked ahead (see _NearSearch.ask_all).
_UNASKED = NearHit("", "", -1, 0, 0, "", 0.0, "")


def _score_of(near: NearHit) -> float:
    return near.score


#: What a memo key holds of a hit: its wording, and for a rendering its form and class.
_TEXT = attrgetter("text")
_WORDING = attrgetter("text", "form", "rendering")


def link_flags(
    link: Link, hits: TermIndex, glossary: Glossary, memo: dict | None = None,
    alignment: Alignment | None = None,
    assigned: tuple[list[TermHit], list[TermHit]] | None = None,
    near_search: _NearSearch | None = None,
) -> tuple[Flag, ...]:
    """The term flags of one link, most severe first, then in glossary order.

    With ``alignment`` (whose documents the index was built on), a term with no
    listed rendering is searched for a near one first. Flags equal to earlier
    ones are taken from ``memo`` (when given) instead of built again.
    ``assigned`` is the link's (source hits, target hits given to one term each),
    when the caller has them already; ``near_search``, the alignment's near search
    (one per alignment checked).
    """
    if assigned is None:
        src, tgt = link_hits(link, hits)
        tgt = assigned_hits(src, tgt)
    else:
        src, tgt = assigned
    if not src and not tgt:
        return ()
    if alignment is not None and near_search is None:
        near_search = _NearSearch(hits, glossary, alignment)
    language = alignment.target.language if alignment is not None else "en"
    return _term_flags(link, _by_term(src), _by_term(tgt), {} if memo is None else memo,
                       near_search if alignment is not None else None, _order(glossary),
                       glossary.entries, language)


def _by_term(hits: list[TermHit]) -> dict[str, list[TermHit]]:
    """Hits grouped by entry id, each group in the hits' order."""
    out: dict[str, list[TermHit]] = {}
    for h in hits:
        group = out.get(h.term)
        if group is None:
            out[h.term] = [h]
        else:
            group.append(h)
    return out


def _term_flags(
    link: Link, by_src: dict[str, list[TermHit]], by_tgt: dict[str, list[TermHit]],
    memo: dict, near_search: _NearSearch | None, order: dict[str, int],
    entries: tuple[GlossaryEntry, ...], language: str,
) -> tuple[Flag, ...]:
    """:func:`link_flags` from the link's hits grouped by term (source hits, assigned
    target hits); ``near_search`` is None when no near search is to be made."""
    flags: list[Flag] = []
    terms = by_src.keys() | by_tgt.keys()
    # only the terms this link has, in glossary order (why: 200 entries x 10,000 links)
    for term in sorted(terms, key=order.__getitem__) if len(terms) > 1 else terms:
        s, t = by_src.get(term), by_tgt.get(term)
        if s and t:
            # the source wordings too: a rendering matched only through a misspelling is
            # reported as near, quoting this link's own source words
            key: tuple = ("rendered", term, tuple(map(_TEXT, s)), *map(_WORDING, t))
            flag = memo.get(key, _UNSEEN)
            if flag is _UNSEEN:
                flag = memo[key] = _rendered(entries[order[term]], s, t, language)
            if flag is not None:
                flags.append(flag)
            continue
        side, indices, found = ("target", link.target, s) if s else ("source", link.source, t)
        assert found is not None
        near = near_search(side, indices, term) if near_search is not None and indices else None
        if near is None:
            key = ("missing" if s else "unrendered", term, *map(_TEXT, found))
            flag = memo.get(key)
            if flag is None:
                entry = entries[order[term]]
                flag = memo[key] = (_missing(entry, found) if s
                                    else _unrendered_source(entry, found))
        else:
            key = ("near", side, term, near, *map(_TEXT, found))
            flag = memo.get(key)
            if flag is None:
                entry = entries[order[term]]
                flag = memo[key] = (_near(entry, found, near) if s
                                    else _near_source(entry, found, near))
        flags.append(flag)
    if len(flags) > 1:
        # stable: glossary order within a kind; the ranks looked up in C
        ranks = list(map(_RANK.get, map(_KIND, flags), repeat(len(FLAG_KINDS))))
        if any(map(gt, ranks, ranks[1:])):
            places = sorted(range(len(ranks)), key=ranks.__getitem__)
            flags = [flags[i] for i in places]
    return tuple(flags)


#: A memo key not met yet (None is a memo value: a rendering with nothing to report).
_UNSEEN = Flag("", "", "")


#: Each flag kind's severity rank (aligner.core.model.severity); kinds of other checks,
#: which are not in it, rank last.
_RANK: dict[str, int] = {k: severity(k) for k in FLAG_KINDS}
_KIND = attrgetter("kind")


def renderings(
    alignment: Alignment, hits: TermIndex,
    assigned: Sequence[tuple[list[TermHit], list[TermHit]]] | None = None,
) -> dict[str, dict[str, list[int]]]:
    """term -> rendering form -> ids of links where the source term is rendered so.

    ``assigned`` holds each link's (source hits, assigned target hits), in link
    order, when the caller has them already.
    """
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for n, link in enumerate(alignment.links):
        if assigned is None:
            src, tgt = link_hits(link, hits)
            if not src or not tgt:
                continue
            tgt = assigned_hits(src, tgt)
        else:
            src, tgt = assigned[n]
            if not src or not tgt:
                continue
        terms = {h.term for h in src}
        for h in tgt:
            if h.term in terms:
                out[h.term][h.form].append(link.id)
    return out


def inconsistency_flags(
    alignment: Alignment, hits: TermIndex, glossary: Glossary,
    assigned: Sequence[tuple[list[TermHit], list[TermHit]]] | None = None,
) -> list[Flag]:
    """Document flags for terms rendered in more than one way, and renderings of several terms."""
    flags = []
    used = renderings(alignment, hits, assigned)
    for entry in glossary:
        forms = used.get(entry.id)
        if not forms or len(forms) < 2:
            continue
        counts = Counter({form: len(ids) for form, ids in forms.items()})
        listed = ", ".join(f"{_quote(f)} \u00d7{n}" for f, n in counts.most_common())
        flags.append(Flag("inconsistent", entry.id,
                          f"{_quote(entry.source)} is rendered {len(forms)} ways: {listed}",
                          {"direction": FORWARD, "renderings": dict(counts.most_common()),
                           "links": {f: sorted(set(ids)) for f, ids in forms.items()}}))
    flags += _shared_renderings(used, glossary)
    return flags


def _shared_renderings(renderings: dict[str, dict[str, list[int]]],
                       glossary: Glossary) -> list[Flag]:
    """One target rendering used for several source terms (target -> source consistency)."""
    by_form: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for term, forms in renderings.items():
        for form, ids in forms.items():
            by_form[form.casefold()][term] = ids
    order = _order(glossary)
    flags = []
    for form in sorted(by_form):
        terms = by_form[form]
        if len(terms) < 2:
            continue
        counts = Counter({t: len(ids) for t, ids in terms.items()})
        ranked = sorted(counts, key=lambda t: (-counts[t], order.get(t, 0)))
        sources = {t: glossary.entries[order[t]].source for t in ranked}
        listed = ", ".join(f"{_quote(sources[t])} \u00d7{counts[t]}" for t in ranked)
        shown = next(f for t in ranked for f in renderings[t] if f.casefold() == form)
        flags.append(Flag("inconsistent", ranked[0],
                          f"{_quote(shown)} renders {len(terms)} terms: {listed}",
                          {"direction": BACKWARD, "rendering": shown,
                           "terms": {t: counts[t] for t in ranked},
                           "links": {t: sorted(set(terms[t])) for t in ranked}}))
    return flags


def _keep_foreign(flags: Sequence[Flag]) -> tuple[Flag, ...]:
    return tuple(f for f in flags if f.kind not in _TERM_KINDS)


def apply_checks(
    alignment: Alignment, glossary: Glossary, params: MatchParams | None = None
) -> Alignment:
    """The alignment with every link's term flags and the document flags recomputed."""
    with collector_paused():
        return _apply_checks(alignment, glossary, params)


#: Links of the last alignment checked, by (source, target) paragraphs: (source hits,
#: assigned target hits, term flags). A re-check after an edit (the review UI runs one
#: after each) builds only the links the edit made; a link's findings depend on its
#: paragraphs, the documents' hits and the glossary alone, so the others are reused.
_Place = tuple[tuple[int, ...], tuple[int, ...]]
_Checked = tuple[list[TermHit], list[TermHit], tuple[Flag, ...]]
_LAST_CHECK: list[tuple[TermIndex, Glossary, dict[_Place, _Checked]]] = []
_LAST_CHECK_LOCK = threading.Lock()
#: Questions to the near search, at least, that are answered together ahead of the
#: links: the search over a document's columns costs about what a hundred questions
#: asked one by one cost (see _NearSearch.ask_all), so a re-check of a few links asks
#: its questions one by one.
ASK_AHEAD = 100


def _checked_before(hits: TermIndex, glossary: Glossary) -> dict[_Place, _Checked]:
    with _LAST_CHECK_LOCK:
        if _LAST_CHECK and _LAST_CHECK[0][0] is hits and _LAST_CHECK[0][1] is glossary:
            return _LAST_CHECK[0][2]
    return {}


def _apply_checks(
    alignment: Alignment, glossary: Glossary, params: MatchParams | None
) -> Alignment:
    hits = hits_by_segment(alignment, glossary, params)
    before = _checked_before(hits, glossary)
    now: dict[_Place, _Checked] = {}
    assigned: list[tuple[list[TermHit], list[TermHit]]] = []
    # links not checked before: (position, source hits by term, target hits by term)
    asked: list[tuple[int, dict[str, list[TermHit]], dict[str, list[TermHit]]]] = []
    term_flags: list[tuple[Flag, ...]] = []
    near_search = _NearSearch(hits, glossary, alignment)
    # the near search's questions first, to be answered together: per side, a term of
    # the other side's hits that this side's hits lack, in each of the link's segments
    ask_source: dict[tuple[int, str], None] = {}
    ask_target: dict[tuple[int, str], None] = {}
    for n, link in enumerate(alignment.links):
        place = (link.source, link.target)
        known = before.get(place)  # a link's paragraphs are its own: one entry a place
        if known is not None:
            now[place] = known
            assigned.append((known[0], known[1]))
            term_flags.append(known[2])
            continue
        src, tgt = link_hits(link, hits)
        pair = (src, assigned_hits(src, tgt))
        assigned.append(pair)
        term_flags.append(())
        by_src, by_tgt = _by_term(src), _by_term(pair[1])
        asked.append((n, by_src, by_tgt))
        if by_src.keys() != by_tgt.keys():
            for term in by_src.keys() - by_tgt.keys():
                for i in link.target:
                    ask_target[(i, term)] = None
            for term in by_tgt.keys() - by_src.keys():
                for i in link.source:
                    ask_source[(i, term)] = None
    if len(ask_source) + len(ask_target) >= ASK_AHEAD:
        near_search.ask_all("source", ask_source)
        near_search.ask_all("target", ask_target)
    memo: dict = {}
    order, entries = _order(glossary), glossary.entries
    language = alignment.target.language
    for n, by_src, by_tgt in asked:
        link = alignment.links[n]
        found = (_term_flags(link, by_src, by_tgt, memo, near_search, order, entries,
                             language) if by_src or by_tgt else ())
        term_flags[n] = found
        now[(link.source, link.target)] = (*assigned[n], found)
    with _LAST_CHECK_LOCK:
        _LAST_CHECK[:] = [(hits, glossary, now)]
    links = []
    for link, found in zip(alignment.links, term_flags, strict=True):
        flags = _keep_foreign(link.flags) + found if link.flags else found
        links.append(link if flags == link.flags else link.with_flags(flags))
    doc_flags = _keep_foreign(alignment.document_flags) + tuple(
        inconsistency_flags(alignment, hits, glossary, assigned))
    return replace(alignment, links=tuple(links), document_flags=doc_flags)
