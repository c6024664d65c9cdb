"""Term hits over a whole alignment, with the compiled matchers kept between calls.

The review UI re-checks after every edit; compiling a glossary and scanning
segments happen once per (glossary, side, language, parameters) and once per
segment text, so a re-check reads caches.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import replace

from aligner.core.collector import collector_paused
from aligner.core.glossary import Glossary
from aligner.core.model import Alignment, Document
from aligner.core.terms.matching import TermMatcher
from aligner.core.terms.normalize import script_of
from aligner.core.terms.types import (
    MatchParams,
    SharedRendering,
    TermHit,
    TermIndex,
)
from aligner.errors import GlossaryError

_MATCHERS: OrderedDict[tuple, TermMatcher] = OrderedDict()
#: The UI checks from worker threads; the shared caches are changed under this lock.
_LOCK = threading.Lock()
_MAX_MATCHERS = 8

#: Kept under its old name for readers of the index.
SegmentHits = TermIndex
#: The hits of the last documents checked (kept by identity, see hits_by_segment).
_LAST: dict[tuple, tuple[Document, Document, TermIndex]] = {}


def params_from(params: MatchParams | None = None, **overrides: float) -> MatchParams:
    """Parameters with some fields overridden (``threshold=0.8``)."""
    base = params or MatchParams()
    clean = {k: v for k, v in overrides.items() if v is not None}
    return replace(base, **clean) if clean else base


def matcher_for(glossary: Glossary, side: str, language: str, params: MatchParams) -> TermMatcher:
    """The compiled matcher for one side, built once and reused."""
    key = (glossary, side, language, params)
    with _LOCK:
        matcher = _MATCHERS.get(key)
        if matcher is None:
            matcher = _MATCHERS[key] = TermMatcher(glossary, side, language, params)
            while len(_MATCHERS) > _MAX_MATCHERS:
                _MATCHERS.popitem(last=False)
        else:
            _MATCHERS.move_to_end(key)
        return matcher


def _text_script(doc: Document) -> str:
    return script_of(" ".join(s.text for s in doc.segments[:50]))


def _terms_script(forms: list[str]) -> str:
    return script_of(" ".join(forms))


def check_direction(alignment: Alignment, glossary: Glossary) -> None:
    """Refuse a glossary whose source terms are not in the alignment's source language."""
    src, tgt = alignment.source.language, alignment.target.language
    g_src, g_tgt = glossary.source_language, glossary.target_language
    if g_src and g_tgt and src not in ("", "und") and g_src == tgt and g_tgt == src:
        raise GlossaryError(
            f"glossary {glossary.path or glossary.name} goes {g_src}->{g_tgt} but the alignment "
            f"goes {src}->{tgt}; use a glossary in the alignment's direction"
        )
    doc_script = _text_script(alignment.source)
    term_script = _terms_script([f for e in glossary for f in e.source_forms])
    if "other" in (doc_script, term_script) or doc_script == term_script:
        return
    raise GlossaryError(
        f"glossary {glossary.path or glossary.name} has source terms in {term_script} script "
        f"but the alignment's source ({src}) is in {doc_script}; the glossary is in the "
        "wrong direction"
    )


def _side_hits(doc: Document, matcher: TermMatcher, side: str,
               out: dict[tuple[str, int], tuple[TermHit, ...]],
               shared: list[SharedRendering]) -> None:
    for i, (found, claims) in enumerate(matcher.document_hits([s.text for s in doc.segments])):
        if claims:
            shared.extend(claims)
        if found:
            out[(side, i)] = found


def hits_by_segment(
    alignment: Alignment, glossary: Glossary, params: MatchParams | None = None
) -> TermIndex:
    """The term index of both texts: hits per (side, segment index).

    Every reader (checks, highlights, concordance, compare, exports) takes its
    hits from here, so they agree on what is a term. The result is shared with
    later calls on the same documents.
    """
    params = params or MatchParams()
    key = (glossary, params)
    with _LOCK:
        cached = _LAST.get(key)
    # edits change links, never documents: the same Document objects mean the same hits
    if cached and cached[0] is alignment.source and cached[1] is alignment.target:
        return cached[2]
    check_direction(alignment, glossary)
    found: dict[tuple[str, int], tuple[TermHit, ...]] = {}
    shared: list[SharedRendering] = []
    near, near_many = {}, {}
    with collector_paused():
        for side, doc in (("source", alignment.source), ("target", alignment.target)):
            matcher = matcher_for(glossary, side, doc.language, params)
            _side_hits(doc, matcher, side, found, shared)
            near[side] = matcher.near
            near_many[side] = matcher.near_many
    out = TermIndex(found, tuple(shared), near, near_many)
    with _LOCK:
        _LAST.clear()
        _LAST[key] = (alignment.source, alignment.target, out)
    return out


def find_hits(
    alignment: Alignment, glossary: Glossary, params: MatchParams | None = None
) -> list[TermHit]:
    """Every occurrence of every glossary term in both texts: source side first, by position."""
    by_segment = hits_by_segment(alignment, glossary, params)
    order = {"source": 0, "target": 1}
    return [h for key in sorted(by_segment, key=lambda k: (order[k[0]], k[1]))
            for h in by_segment[key]]


def match_text(
    text: str, glossary: Glossary, *, side: str = "source", language: str = "ru",
    params: MatchParams | None = None,
) -> list[TermHit]:
    """Hits in a single text (segment index 0): for tests and quick look-ups."""
    matcher = matcher_for(glossary, side, language, params or MatchParams())
    return list(matcher.hits(text))

