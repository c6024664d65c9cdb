"""Word-level differences between two wordings of the same passage.

Texts are split into tokens (words, numbers, punctuation; Latin and Cyrillic
alike) and compared with :class:`difflib.SequenceMatcher` over the tokens, so a
changed term shows up as one replaced word, not as a scatter of characters.

Each :class:`DiffOp` carries exact slices of the two inputs: a slice runs from
its first token to the start of the token after its last one, so it includes
the whitespace that follows it. Joining the ``old`` parts of all operations
gives back the old text and joining the ``new`` parts gives back the new text,
which lets renderers show either side with its own spacing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

__all__ = [
    "DiffOp",
    "Tag",
    "changed_words",
    "diff_pieces",
    "diff_with_ratio",
    "format_word_diff",
    "similarity",
    "similarity_at_least",
    "split_trailing_space",
    "token_spans",
    "tokenize",
    "word_diff",
]

Tag = Literal["equal", "insert", "delete", "replace"]

# Order matters: abbreviations made of single letters and dots ("N.S.", "D.C.",
# "т.е.") first, then words with inner hyphens, apostrophes or dots
# ("Soviet-American", "don't", "30.X.62", "1.5"), then runs of one punctuation
# character ("--", "..."), then any other single non-space character.
_TOKEN_RE = re.compile(
    r"""
    (?:[^\W\d_]\.){2,}                      # N.S.  D.C.  U.S.A.  т.е.
  | [^\W_]+(?:['’.\-‐][^\W_]+)*             # words, numbers, Soviet-American
  | ([^\w\s])\1*                            # -- ... !!
    """,
    re.VERBOSE,
)

#: Above this many tokens on either side difflib's "autojunk" heuristic is used:
#: it treats very frequent tokens ("the", ",") as junk, which keeps huge inputs
#: fast but can make diffs of normal paragraphs read worse, so paragraphs of
#: ordinary length are compared without it.
AUTOJUNK_ABOVE = 2000


@dataclass(frozen=True)
class DiffOp:
    """One step of a word diff: a run of tokens kept, inserted, deleted or replaced."""

    tag: Tag
    """``equal``, ``insert``, ``delete`` or ``replace``."""
    old: str
    """The run's text in the old wording (empty for ``insert``), trailing space included."""
    new: str
    """The run's text in the new wording (empty for ``delete``), trailing space included."""


@lru_cache(maxsize=4096)
def _spans(text: str) -> tuple[tuple[str, int, int], ...]:
    # Cached because compare and the UI diff the same paragraphs repeatedly.
    return tuple((m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text))


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with their start and end character offsets."""
    return list(_spans(text))


def tokenize(text: str) -> list[str]:
    """Split text into words and punctuation marks; whitespace is never a token.

    >>> tokenize('N.S. Khrushchev, "UN presence" -- т.е. Soviet-American')
    ['N.S.', 'Khrushchev', ',', '"', 'UN', 'presence', '"', '--', 'т.е.', 'Soviet-American']
    """
    return [tok for tok, _, _ in _spans(text)]


def _matcher(a: list[str], b: list[str]) -> SequenceMatcher[str]:
    autojunk = max(len(a), len(b)) > AUTOJUNK_ABOVE
    return SequenceMatcher(None, a, b, autojunk=autojunk)


def _slicer(text: str, spans: tuple[tuple[str, int, int], ...]):
    """A function giving the text of tokens i..j, up to the next token's start."""

    def cut(i: int, j: int) -> str:
        if i == j:
            return ""
        start = 0 if i == 0 else spans[i][1]
        end = len(text) if j >= len(spans) else spans[j][1]
        return text[start:end]

    return cut


def word_diff(old: str, new: str) -> list[DiffOp]:
    """The word-level differences turning ``old`` into ``new``.

    ``"".join(op.old for op in ops) == old`` and likewise for ``new``; two
    texts without a single token (empty or blank) give no operations at all.
    """
    old_spans, new_spans = _spans(old), _spans(new)
    if not old_spans and not new_spans:
        return []
    if old == new:
        return [DiffOp("equal", old, new)]
    if not old_spans:  # blank old text: its whitespace rides along the insertion
        return [DiffOp("insert", old, new)]
    if not new_spans:
        return [DiffOp("delete", old, new)]
    cut_old, cut_new = _slicer(old, old_spans), _slicer(new, new_spans)
    matcher = _matcher([t for t, _, _ in old_spans], [t for t, _, _ in new_spans])
    return [
        DiffOp(tag, cut_old(i1, i2), cut_new(j1, j2))  # type: ignore[arg-type]
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


#: ``quick_ratio`` costs a pass over both texts; below this many token pairs the
#: full comparison is cheap enough that the pre-check would only add time.
QUICK_CHECK_ABOVE = 40_000


def _below(matcher: SequenceMatcher[str], pairs: int, cutoff: float) -> bool:
    """True when difflib's upper bounds already show the ratio is under ``cutoff``."""
    if matcher.real_quick_ratio() < cutoff:  # from the lengths alone
        return True
    return pairs > QUICK_CHECK_ABOVE and matcher.quick_ratio() < cutoff


def diff_with_ratio(old: str, new: str, min_ratio: float = 0.0) -> tuple[list[DiffOp], float]:
    """The word diff and the similarity together, from one comparison.

    When even difflib's cheap upper bounds (``real_quick_ratio``,
    ``quick_ratio``) are below ``min_ratio``, the texts have too little in
    common for a word diff to help a reader: the result is one replacement and
    the upper bound, which is itself below ``min_ratio``. This keeps comparing
    misaligned or unrelated paragraphs cheap.
    """
    old_spans, new_spans = _spans(old), _spans(new)
    if old == new or not old_spans or not new_spans:
        return word_diff(old, new), similarity(old, new)
    matcher = _matcher([t for t, _, _ in old_spans], [t for t, _, _ in new_spans])
    if min_ratio > 0.0 and _below(matcher, len(old_spans) * len(new_spans), min_ratio):
        return [DiffOp("replace", old, new)], matcher.quick_ratio()
    cut_old, cut_new = _slicer(old, old_spans), _slicer(new, new_spans)
    ops = [
        DiffOp(tag, cut_old(i1, i2), cut_new(j1, j2))  # type: ignore[arg-type]
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    return ops, matcher.ratio()


def similarity(a: str, b: str) -> float:
    """Share of tokens the two texts have in common, in order (difflib's ratio), in [0, 1]."""
    if a == b:
        return 1.0
    ta, tb = tokenize(a), tokenize(b)
    if not ta and not tb:
        return 1.0
    return _matcher(ta, tb).ratio()


def similarity_at_least(a: str, b: str, cutoff: float) -> float | None:
    """The similarity when it is at least ``cutoff``, else None.

    The cheap upper bounds (``real_quick_ratio`` then ``quick_ratio``) are tried
    first, so clearly different texts are rejected without the full comparison.
    """
    if a == b:
        return 1.0
    ta, tb = tokenize(a), tokenize(b)
    if not ta and not tb:
        return 1.0
    matcher = _matcher(ta, tb)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= cutoff else None


def split_trailing_space(text: str) -> tuple[str, str]:
    """``("word", "  ")`` for ``"word  "``: the part to mark and the space after it."""
    core = text.rstrip()
    return core, text[len(core) :]


def changed_words(ops: list[DiffOp]) -> tuple[int, int]:
    """How many tokens the diff deletes and inserts (a replacement counts on both sides)."""
    deleted = sum(len(tokenize(op.old)) for op in ops if op.tag in ("delete", "replace"))
    inserted = sum(len(tokenize(op.new)) for op in ops if op.tag in ("insert", "replace"))
    return deleted, inserted


Piece = tuple[Literal["same", "del", "ins", "space"], str]


def diff_pieces(ops: list[DiffOp]) -> list[Piece]:
    """The diff as pieces to render in order: unchanged text, deletions, insertions, spaces.

    Deletions and insertions never include the space after them (that is a
    separate ``space`` piece), and around a deletion the old wording's
    spacing is kept, so ``"Cuba[-,-] and"`` reads right. Every renderer
    (plain text, HTML, the terminal UI) builds on this one sequence.
    """
    pieces: list[Piece] = []
    for k, op in enumerate(ops):
        next_is_delete = k + 1 < len(ops) and ops[k + 1].tag == "delete"
        if op.tag == "equal":
            text, space = split_trailing_space(op.old if next_is_delete else op.new)
            pieces += [("same", text), ("space", space)]
            continue
        old_core, old_space = split_trailing_space(op.old)
        new_core, new_space = split_trailing_space(op.new)
        if old_core:
            pieces.append(("del", old_core))
        if new_core:
            pieces.append(("ins", new_core))
        pieces.append(("space", old_space if op.tag == "delete" or next_is_delete else new_space))
    return [(kind, text) for kind, text in pieces if text]


def format_word_diff(ops: list[DiffOp]) -> str:
    """Plain text in the style of ``git diff --word-diff``: ``[-deleted-]{+inserted+}``.

    The result reads like the revised wording with the deletions left in place.
    """
    marks = {"del": "[-{}-]", "ins": "{{+{}+}}", "same": "{}", "space": "{}"}
    return "".join(marks[kind].format(text) for kind, text in diff_pieces(ops)).rstrip()
