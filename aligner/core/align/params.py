"""The aligner's parameters, with defaults measured on the benchmarks and checked on use."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from aligner.core.align.confidence import fitted_model
from aligner.core.align.features import PREFIX
from aligner.core.align.word_prefix import fitted_prefixes
from aligner.errors import UsageError

#: Below three letters a prefix is a syllable, not a word (features.py keeps at most PREFIX).
MIN_PREFIX = 3

#: Prior probability of each bead type (source count, target count) between two
#: units: a penalty -log(p) keeps the rarer shapes for when lengths and anchors call for them.
DEFAULT_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.80,
    (1, 2): 0.06, (2, 1): 0.06,
    (2, 2): 0.008,
    (1, 3): 0.006, (3, 1): 0.006,
    (2, 3): 0.002, (3, 2): 0.002,
    (1, 4): 0.001, (4, 1): 0.001,
}  # fmt: skip


def _coerce(name: str, value: Any, default: Any) -> Any:
    """The value in the type of the parameter's default, or a UsageError naming the parameter."""
    if name == "priors":
        return _priors(value)
    expected = type(default)
    if expected is bool:
        if isinstance(value, bool):
            return value
    elif expected is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise UsageError(f"aligner parameter {name} must be a finite number, not {value!r}")
        return float(value)
    raise UsageError(f"aligner parameter {name} must be {expected.__name__}, not {value!r}")


def _priors(value: Any) -> dict[tuple[int, int], float]:
    """Bead priors from {(1, 1): 0.8} or {"1-1": 0.8}."""
    if not isinstance(value, Mapping) or not value:
        raise UsageError('priors must map bead shapes to probabilities, e.g. {"1-1": 0.8}')
    out: dict[tuple[int, int], float] = {}
    for key, p in value.items():
        try:
            a, b = (int(x) for x in key.split("-")) if isinstance(key, str) else key
            out[int(a), int(b)] = float(p)
            if not 0.0 < float(p) <= 1.0:
                raise ValueError
        except (TypeError, ValueError):
            raise UsageError(f"prior {key!r}: {p!r} is not a bead shape and probability") from None
        if a < 1 or b < 1 or a > 6 or b > 6:
            raise UsageError(
                f"prior {key!r}: shapes go from 1-1 to 6-6 (gaps have their own costs)"
            )
    return out


@dataclass(frozen=True)
class AlignParams:
    """Everything that changes the aligner's result; recorded in the alignment's settings."""

    band: int = 15
    """Half-width, in paragraphs, of the first pass's band around the diagonal."""
    corridor: int = 3
    """Half-width of the second pass's corridor around the first pass's path."""
    length_weight: float = 0.6
    """Weight of the length cost against the other costs (measured best near 0.6)."""
    anchor_weight: float = 2.5
    """Cost removed per unit of weighted shared evidence in a bead."""
    profile_weight: float = 0.8
    """Cost per mismatching punctuation feature (? ! : ; parentheses, dialogue)."""
    delete_cost: float = 6.0
    """Cost of leaving one paragraph without counterpart."""
    delete_run_cost: float = 2.0
    """Cost of each further paragraph in a run left without counterpart."""
    header_delete_cost: float = 1.5
    """Cost of leaving a line of the title block (short unpunctuated lines before the first
    paragraph of text) without counterpart."""
    review_threshold: float = field(default_factory=lambda: fitted_model().review_threshold)
    """Links whose confidence is below this are marked for review (default: the fitted one)."""
    join_page_breaks: bool = True
    """Keep a page-break split (ends mid-sentence, next starts in lower case) in one link."""
    same_script_prefix: int = field(default_factory=lambda: fitted_prefixes().same_script)
    """Letters of a word key under which two words of documents in one script meet as
    cognates (default: the fitted one, :mod:`.word_prefix`)."""
    cross_script_prefix: int = field(default_factory=lambda: fitted_prefixes().cross_script)
    """The same across scripts, where one side is transliterated (default: the fitted one)."""
    priors: Mapping[tuple[int, int], float] = field(default_factory=lambda: dict(DEFAULT_PRIORS))

    @classmethod
    def from_kwargs(cls, params: Mapping[str, Any]) -> AlignParams:
        """Build from keyword arguments, refusing unknown names and nonsense values."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(params) - set(known))
        if unknown:
            raise UsageError(
                f"unknown aligner parameter {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        defaults = cls()
        values = {
            name: _coerce(name, value, getattr(defaults, name)) for name, value in params.items()
        }
        result = cls(**values)
        result.check()
        return result

    def check(self) -> None:
        """Raise UsageError when a value cannot work."""
        if self.band < 1 or self.corridor < 1:
            raise UsageError("band and corridor must be at least 1 paragraph")
        if self.length_weight <= 0.0:
            raise UsageError("length_weight must be positive")
        if not 0.0 <= self.review_threshold <= 1.0:
            raise UsageError("review_threshold must lie between 0 and 1")
        for prefix in (self.same_script_prefix, self.cross_script_prefix):
            if not MIN_PREFIX <= prefix <= PREFIX:
                raise UsageError(
                    f"word key prefixes must be {MIN_PREFIX} to {PREFIX} letters, not {prefix}"
                )
        if (1, 1) not in self.priors:
            raise UsageError("bead priors must include 1-1")
        if any(p <= 0.0 or p > 1.0 for p in self.priors.values()):
            raise UsageError("bead priors must be probabilities in (0, 1]")

    def as_settings(self) -> dict[str, Any]:
        """JSON-ready form for Alignment.settings."""
        out = asdict(self)
        out["priors"] = {f"{a}-{b}": p for (a, b), p in self.priors.items()}
        return out
