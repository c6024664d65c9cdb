"""Lines, paragraphs and the normalisation of paragraph text.

A paragraph's raw span in the decoded file is kept (``start``/``end``) while
its text is normalised for aligning and reading: Unicode NFC, soft hyphens,
zero-width characters and stray control characters removed, words hyphenated
across line ends joined, every run of whitespace one space. The normalisation
is a pure function of the raw span (plus the document's own hyphenated words),
so ``normalize_paragraph(text[start:end])`` always gives the segment text back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

#: A line as ``(start, end)`` offsets into the decoded text, its terminator excluded.
Line = tuple[int, int]

_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
#: Characters no text contains, met as strays in real files (a mis-decoded quote left as
#: U+009D, a NUL from a damaged copy, U+FFFD from an earlier bad conversion): C0 controls
#: but tab, line ends and form feed; DEL and the C1 controls; the replacement character.
STRAY_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
#: Of those, the C0 controls once separated words (vertical tab, field separators): a space.
_STRAY_SPACE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_SPACE_RE = re.compile(r"\s+")
_HYPHENS = "-\u2010"
#: Words written with a hyphen anywhere inside a line: ``Soviet-American``, ``кто-то``.
_COMPOUND_RE = re.compile(r"(?<![\w-])(\w+)[-\u2010](\w+)(?![\w-])")
#: Russian particles and prepositions that keep their hyphen (``кто-\nто`` is ``кто-то``).
_RU_HYPHEN_TAILS = frozenset({"то", "либо", "нибудь", "таки", "ка", "де", "за", "под"})


def split_lines(text: str) -> list[Line]:
    """Offsets of every line; CRLF, CR and LF all end a line."""
    lines: list[Line] = []
    start = 0
    for m in _LINE_END_RE.finditer(text):
        lines.append((start, m.start()))
        start = m.end()
    if start < len(text):
        lines.append((start, len(text)))
    return lines


def is_blank(line: str) -> bool:
    """True for a line with nothing visible on it."""
    return not STRAY_RE.sub("", _INVISIBLE_RE.sub("", line)).strip()


def blocks_of(text: str, lines: Sequence[Line]) -> list[list[Line]]:
    """Group lines into blocks separated by blank lines."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if is_blank(text[line[0] : line[1]]):
            if current:
                blocks.append(current)
                current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def has_blank_line_between(text: str, lines: Sequence[Line]) -> bool:
    """True when a blank line separates two non-blank lines (blank-line paragraphs)."""
    seen_text = pending_blank = False
    for start, end in lines:
        if is_blank(text[start:end]):
            pending_blank = seen_text
        elif pending_blank:
            return True
        else:
            seen_text = True
    return False


def hyphenated_words(text: str) -> frozenset[tuple[str, str]]:
    """The document's own hyphenated compounds, lowercased, to keep them whole at line ends."""
    return frozenset((a.lower(), b.lower()) for a, b in _COMPOUND_RE.findall(text))


#: A word and the hyphen that ends a line.
_LAST_WORD_RE = re.compile(r"(\w+)[-\u2010]$")
#: Characters of a line's end read for its last word: the regular expression scans
#: from the start, and the left side of a join is the paragraph so far, so reading all
#: of it at each line made joining a paragraph's lines quadratic.
_TAIL = 64


def _last_word(line: str) -> str:
    read_from = max(0, len(line) - _TAIL)
    m = _LAST_WORD_RE.search(line, read_from)
    if m is not None and 0 < read_from == m.start():
        m = _LAST_WORD_RE.search(line)  # the word may begin before the end read
    return m.group(1) if m else ""


def _first_word(line: str) -> str:
    m = re.match(r"\w+", line)
    return m.group(0) if m else ""


#: A web address as a line's last word: a scheme ("https:/", "ftp://") or "www.",
#: after an opening bracket or quote if any.
_ADDRESS_RE = re.compile(r"[(<\[\"'«]?(?:[a-z][a-z0-9+.-]*:/|www\.)", re.IGNORECASE)
#: Where a word holds a path or a host name: a slash, or a dot between two word characters.
_ADDRESS_PART_RE = re.compile(r"/|\w\.\w")
_CLOSERS = {"(": ")", "<": ">", "[": "]", '"': '"', "'": "'", "«": "»"}
#: Punctuation a sentence may put after an address's closing bracket.
_TRAILING = ".,;:!?"


def _address_break(left: str, right: str) -> bool:
    """True when a web address runs on from ``left`` into ``right``: formatters of plain
    text (lynx, w3m, DocBook's text output) break a long address at a slash, with no
    space, so "(https://www.debian.org/" + "ports/)" is one address. The address must be
    the line's last word; the break must fall at a slash, and the next line go on with
    a path or host name ("ports/", "packages.debian.org/"), or with the word that closes
    the bracket the address opened with ("installmanual)"). A next line starting with
    a plain word ("and"), or with another address, keeps its space."""
    token = left[left.rfind(" ") + 1 :]
    if _ADDRESS_RE.match(token) is None:  # most lines ending in a slash hold a path
        return False
    if right[0] == "/":
        return True
    if token[-1] != "/":
        return False
    word = right.split(" ", 1)[0]
    if "://" in word:
        return False
    if token.endswith(":/") or token.endswith("://"):
        return True  # a scheme alone: the rest of the address follows ("www.debian.org/CD")
    if _ADDRESS_RE.match(word) is not None:
        return False
    if _ADDRESS_PART_RE.search(word) is not None:
        return True
    closer = _CLOSERS.get(token[0])
    return closer is not None and word.rstrip(_TRAILING).endswith(closer) \
        and token.count(token[0]) == 1


def _join(left: str, right: str, compounds: frozenset[tuple[str, str]]) -> str:
    """Join two stripped lines of one paragraph, undoing line-end hyphenation and
    addresses broken at a line end."""
    if left.endswith("\u00ad"):  # a soft hyphen marks a break inside a word
        return left[:-1] + right
    if (left[-1] == "/" or right[0] == "/") and _address_break(left, right):
        return left + right
    if left[-1] not in _HYPHENS:  # most lines: no word to read on either side
        return f"{left} {right}"
    if _ADDRESS_RE.match(left, left.rfind(" ") + 1) is not None:
        return left + right  # a hyphen inside an address is the address's own
    head, tail = _last_word(left), _first_word(right)
    if not head or not tail:
        return f"{left} {right}"
    # ``out--`` or ``word -`` are dashes, not hyphenation: keep the space.
    if len(left) >= 2 and left[-2] in _HYPHENS + " ":
        return f"{left} {right}"
    keep = (
        not tail[0].islower()  # Soviet-American, 1961-1962
        or head[-1].isdigit()
        or (head.lower(), tail.lower()) in compounds
        or tail.lower() in _RU_HYPHEN_TAILS
    )
    return left + right if keep else left[:-1] + right


def normalize_lines(
    lines: Iterable[str], compounds: frozenset[tuple[str, str]] = frozenset()
) -> str:
    """Join a paragraph's lines into one normalised string."""
    out = ""
    for raw in lines:
        line = raw.replace("\u200b", "").replace("\ufeff", "").replace("\u2060", "")
        if STRAY_RE.search(line) is not None:  # kept out of the text; offsets stay the file's
            line = STRAY_RE.sub("", _STRAY_SPACE_RE.sub(" ", line))
        line = line.strip()
        if not line:
            continue
        out = _join(out, line, compounds) if out else line
    out = _SPACE_RE.sub(" ", out.replace("\u00ad", "")).strip()
    return unicodedata.normalize("NFC", out)


def normalize_paragraph(raw: str, compounds: frozenset[tuple[str, str]] = frozenset()) -> str:
    """Normalise a raw paragraph span (it may contain line ends of any kind)."""
    return normalize_lines((raw[s:e] for s, e in split_lines(raw)), compounds)


def trimmed_span(text: str, lines: Sequence[Line]) -> tuple[int, int]:
    """The offsets of a block without its leading and trailing whitespace."""
    start, end = lines[0][0], lines[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
