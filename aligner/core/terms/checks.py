"""Rendering checks: what each link does with the key terms of its source.

Per link: a source term with no rendering in the linked target (``missing``);
a target that renders it with a flagged or a non-preferred form (``variant``);
a target term whose source term is not in the link (``unexpected``). Across
the document: one source term rendered in several ways (``inconsistent``, with
counts per rendering). Everything is recomputed from scratch from the cached
hits, so calling :func:`apply_checks` after every edit is cheap.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace

from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import FLAG_KINDS, Alignment, Flag, Link
from aligner.core.terms.hits import SegmentHits, hits_by_segment
from aligner.core.terms.matching import MatchParams, TermHit


def link_hits(link: Link, hits: SegmentHits) -> tuple[list[TermHit], list[TermHit]]:
    """(source hits, target hits) inside one link, in segment order."""
    src = [h for i in link.source for h in hits.get(("source", i), ())]
    tgt = [h for i in link.target for h in hits.get(("target", i), ())]
    return src, tgt


def _quote(text: str) -> str:
    return f"\u201c{text}\u201d"


def _missing(entry: GlossaryEntry, src: list[TermHit]) -> Flag:
    expected = entry.target or entry.target_forms[0]
    return Flag("missing", entry.id,
                f"{_quote(src[0].text)} has no accepted rendering in the translation "
                f"(expected {_quote(expected)})",
                {"source": [h.text for h in src], "expected": expected})


def _variant(entry: GlossaryEntry, tgt: list[TermHit]) -> Flag | None:
    flagged = [h for h in tgt if h.rendering == "flagged"]
    if flagged:
        h = flagged[0]
        return Flag("variant", entry.id,
                    f"rendered as flagged {_quote(h.text)}; the glossary prefers "
                    f"{_quote(entry.target)}",
                    {"rendering": h.form, "text": h.text, "flagged": True})
    if any(h.rendering == "preferred" for h in tgt) or not entry.target:
        return None
    h = tgt[0]
    return Flag("variant", entry.id,
                f"rendered as {_quote(h.text)}, an accepted variant; the glossary prefers "
                f"{_quote(entry.target)}",
                {"rendering": h.form, "text": h.text, "flagged": False})


def _unexpected(entry: GlossaryEntry, tgt: list[TermHit]) -> Flag:
    return Flag("unexpected", entry.id,
                f"{_quote(tgt[0].text)} renders {_quote(entry.source)}, which this link's "
                "source does not contain",
                {"text": [h.text for h in tgt]})


def _overlaps(a: TermHit, b: TermHit) -> bool:
    return a.segment == b.segment and a.start < b.end and b.start < a.end


_ORDER: dict[int, tuple[Glossary, dict[str, int]]] = {}


def _order(glossary: Glossary) -> dict[str, int]:
    """Entry id -> position, computed once per glossary object."""
    cached = _ORDER.get(id(glossary))
    if cached is None or cached[0] is not glossary:
        _ORDER.clear()
        cached = _ORDER[id(glossary)] = (glossary, {e.id: i for i, e in enumerate(glossary)})
    return cached[1]


def _shared(memo: dict | None, key: tuple, make: Callable[[], Flag]) -> Flag:
    """One Flag object for identical findings: long documents repeat them thousands of times."""
    if memo is None:
        return make()
    flag = memo.get(key)
    if flag is None:
        flag = memo[key] = make()
    return flag


def link_flags(
    link: Link, hits: SegmentHits, glossary: Glossary, memo: dict | None = None,
) -> tuple[Flag, ...]:
    """The term flags of one link, in glossary order.

    Flags equal to earlier ones are taken from ``memo`` (when given) instead of built again.
    """
    src, tgt = link_hits(link, hits)
    by_src: dict[str, list[TermHit]] = defaultdict(list)
    by_tgt: dict[str, list[TermHit]] = defaultdict(list)
    for h in src:
        by_src[h.term].append(h)
    for h in tgt:
        by_tgt[h.term].append(h)
    # a target word that renders a term of this link's source is explained, even if it
    # could also render another term ("monitoring" for both контроль and наблюдение)
    explained = [h for h in tgt if h.term in by_src]
    flags: list[Flag] = []
    # only the terms this link has, in glossary order (why: 200 entries x 10,000 links)
    order = _order(glossary)
    for term in sorted(by_src.keys() | by_tgt.keys(), key=order.__getitem__):
        entry = glossary.entries[order[term]]
        s, t = by_src.get(term), by_tgt.get(term)
        if s and not t:
            key = ("missing", term, *(h.text for h in s))
            flags.append(_shared(memo, key, lambda e=entry, s=s: _missing(e, s)))
        elif s and t:
            key = ("variant", term, *((h.text, h.form, h.rendering) for h in t))
            flag = _shared(memo, key, lambda e=entry, t=t: _variant(e, t))  # type: ignore[misc]
            if flag is not None:
                flags.append(flag)
        elif t and not s:
            t = [h for h in t if not any(_overlaps(h, e) for e in explained)]
            if t:
                key = ("unexpected", term, *(h.text for h in t))
                flags.append(_shared(memo, key, lambda e=entry, t=t: _unexpected(e, t)))
    return tuple(flags)


def _renderings(alignment: Alignment, hits: SegmentHits) -> dict[str, dict[str, list[int]]]:
    """term -> rendering form -> ids of links where the source term is rendered so."""
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for link in alignment.links:
        src, tgt = link_hits(link, hits)
        terms = {h.term for h in src}
        for h in tgt:
            if h.term in terms:
                out[h.term][h.form].append(link.id)
    return out


def inconsistency_flags(alignment: Alignment, hits: SegmentHits, glossary: Glossary) -> list[Flag]:
    """Document flags for terms rendered in more than one way, with counts per rendering."""
    flags = []
    renderings = _renderings(alignment, hits)
    for entry in glossary:
        forms = renderings.get(entry.id)
        if not forms or len(forms) < 2:
            continue
        counts = Counter({form: len(ids) for form, ids in forms.items()})
        listed = ", ".join(f"{_quote(f)} \u00d7{n}" for f, n in counts.most_common())
        flags.append(Flag("inconsistent", entry.id,
                          f"{_quote(entry.source)} is rendered {len(forms)} ways: {listed}",
                          {"renderings": dict(counts.most_common()),
                           "links": {f: sorted(set(ids)) for f, ids in forms.items()}}))
    return flags


def _keep_foreign(flags: Sequence[Flag]) -> tuple[Flag, ...]:
    return tuple(f for f in flags if f.kind not in FLAG_KINDS)


def apply_checks(
    alignment: Alignment, glossary: Glossary, params: MatchParams | None = None
) -> Alignment:
    """The alignment with every link's term flags and the document flags recomputed."""
    hits = hits_by_segment(alignment, glossary, params)
    links = []
    memo: dict = {}
    for link in alignment.links:
        flags = _keep_foreign(link.flags) + link_flags(link, hits, glossary, memo)
        links.append(link if flags == link.flags else replace(link, flags=flags))
    doc_flags = _keep_foreign(alignment.document_flags) + tuple(
        inconsistency_flags(alignment, hits, glossary))
    return replace(alignment, links=tuple(links), document_flags=doc_flags)
