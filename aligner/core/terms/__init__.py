"""Key terms in an alignment: matching through inflection, rendering checks,
concordance and discovery of new glossary entries."""

from aligner.core.terms.checks import apply_checks, link_flags, link_hits
from aligner.core.terms.hits import (
    check_direction,
    find_hits,
    hits_by_segment,
    match_text,
    params_from,
)
from aligner.core.terms.types import MatchParams, TermHit, TermIndex

__all__ = [
    "MatchParams",
    "TermHit",
    "TermIndex",
    "apply_checks",
    "check_direction",
    "find_hits",
    "hits_by_segment",
    "link_flags",
    "link_hits",
    "match_text",
    "params_from",
]
