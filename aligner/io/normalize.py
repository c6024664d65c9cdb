"""Lines, paragraphs and the normalisation of paragraph text.

A paragraph's raw span in the decoded file is kept (``start``/``end``) while
its text is normalised for aligning and reading: Unicode NFC, soft hyphens,
zero-width characters and stray control characters removed, words hyphenated
across line ends joined, words and paths a formatter broke after a slash joined,
every run of whitespace one space. The normalisation is a pure function of the
raw span (plus the document's own compounds, :func:`compound_words`), so
``normalize_paragraph(text[start:end], compound_words(text))`` always gives the
segment text back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: A line as ``(start, end)`` offsets into the decoded text, its terminator excluded.
Line = tuple[int, int]

_LINE_END_RE = re.compile(r"\r\n|\r|\n")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")
#: Characters no text contains, met as strays in real files (a mis-decoded quote left as
#: U+009D, a NUL from a damaged copy, U+FFFD from an earlier bad conversion): C0 controls
#: but tab, line ends and form feed; DEL and the C1 controls; the replacement character.
STRAY_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
#: A character written as UTF-8, its bytes read back one by one as Latin-1 or Windows-1252
#: and written as UTF-8 again: "—" (E2 80 94) became "â" U+0080 U+0094, "”" (E2 80 9D)
#: "â€" U+009D. A lead byte and its continuation bytes, as characters (a continuation
#: byte 80-9F is a C1 control in Latin-1, a sign such as "€" in Windows-1252). Only a run
#: holding a C1 control (U+0080-U+009F, which no text holds) is taken for one, so that
#: "Ã©" or "â€™" in a text of their own are left as written.
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_CONTINUATION = f"[\u0080-\u00bf{_CP1252_HIGH}]"
_MOJIBAKE_RE = re.compile(
    f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}"
    f"|[\u00f0-\u00f4]{_CONTINUATION}{{3}}"
)
_C1_RE = re.compile("[\u0080-\u009f]")


def _mojibake_repair(run: str) -> str | None:
    """The character a run of :data:`_MOJIBAKE_RE` stands for, or None when it is none."""
    if _C1_RE.search(run) is None:
        return None
    try:
        raw = bytes(ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0] for c in run)
        return raw.decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def mojibake_spans(text: str) -> list[tuple[int, int, str]]:
    """Each run of ``text`` that is a character read twice, with the character."""
    if _C1_RE.search(text) is None:
        return []
    out = []
    for m in _MOJIBAKE_RE.finditer(text):
        repaired = _mojibake_repair(m.group())
        if repaired is not None:
            out.append((m.start(), m.end(), repaired))
    return out


def _repaired(line: str) -> str:
    """The line with each character read twice as the character."""
    return _MOJIBAKE_RE.sub(lambda m: _mojibake_repair(m.group()) or m.group(), line)


#: Of those, the C0 controls once separated words (vertical tab, field separators): a space.
_STRAY_SPACE_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_HYPHENS = "-\u2010"
#: A line end inside a paragraph, with the spaces or tabs around it, as the searches of
#: a document's compounds read it between the two halves of a word.
_LINE_BREAK = r"[ \t]*(?:\r\n|\r|\n)[ \t]*"
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


@dataclass(frozen=True)
class Compounds:
    """Words a document writes whole inside its lines, lowercased, so that a line end
    inside one is read as a break of that word, not as a space."""

    #: ``Soviet-American``: a hyphen at a line end between these is the word's own.
    hyphenated: frozenset[tuple[str, str]] = frozenset()
    #: ``GNU/Linux``, ``CD/DVD``: a slash at a line end between these joins them.
    slashed: frozenset[tuple[str, str]] = frozenset()
    #: The document's lines were broken after slashes, as well as at spaces: one of
    #: them ends inside a compound of ``slashed`` ("Debian GNU/" + "Linux").
    breaks_after_slash: bool = False
    #: Words the document writes after a slash that opens a path: ``/etc``, ``/dev``.
    rooted: frozenset[str] = frozenset()
    #: ``Unix-`` + ``oder``: a hyphen at a line end before a conjunction, where the
    #: document never writes the two as one word, is a suspended hyphen ("Unix- oder
    #: Linux-System", "pre- and post-war"): hyphen and space both stay.
    suspended: frozenset[tuple[str, str]] = frozenset()


#: A slash at a line's end and a word on the next line: "GNU/" + "Linux". It begins at
#: the slash, which few places of a text hold: a pattern beginning with the word
#: before it is tried at every word, and took 0.2 s on a 2.5 MB text.
_SLASH_AT_END_RE = re.compile(rf"/{_LINE_BREAK}(\w+)")
#: The word before a line's last slash, or the dot of "./" (the current directory).
_TAIL_WORD_RE = re.compile(r"(\w+|(?<![\w.])\.)/$")
#: Two words joined by a slash inside a line, overlapping: "USB/PCI/PCI-Express" gives
#: (USB, PCI) and (PCI, PCI); "./configure" gives (., configure).
_SLASHED_RE = re.compile(r"(\w+|(?<![\w.])\.)/(?=(\w+))")
#: A line opening with a slash and a word, as formatters that break a long path before
#: a slash leave it ("/usr/share" + "/common-licenses/GPL-2"); from the line end.
_SLASH_AT_START_RE = re.compile(r"\n[ \t]*/(\w+)")
#: The path a line ends with, and its last word: "/usr/share" gives share.
_TAIL_PATH_RE = re.compile(r"\S*/\S*?(\w+)$")
#: A slash opening a path inside a line, and the word after it: "/etc/fstab" gives etc.
_ROOTED_RE = re.compile(r"(?<![\w/])/(\w+)")


#: Conjunctions a suspended hyphen stands before ("Ein- und Ausgang", "двух- и
#: трёхкомнатные", "pré- et post-traitement"), in the languages of LANGUAGE_CODES
#: that write them; "либо" is left out, since "кто-" + "либо" is one word.
_CONJUNCTIONS = ("and", "or", "nor", "und", "oder", "bzw", "sowie", "et", "ou", "y", "o",
                 "e", "u", "ed", "en", "of", "och", "eller", "og", "i", "oraz", "lub",
                 "albo", "и", "или", "і", "та", "або")
_SUSPENDED_RE = re.compile(
    rf"[{_HYPHENS}]{_LINE_BREAK}({'|'.join(_CONJUNCTIONS)})(?![\w-])", re.IGNORECASE)


def compound_words(text: str) -> Compounds:
    """The document's own compounds (:class:`Compounds`)."""
    # Only the words holding a hyphen are searched: a compound never holds a space, and
    # the search tried at every word of the text took 0.13 s on 2.5 MB.
    with_hyphen = " ".join(w for w in text.split() if "-" in w or "\u2010" in w)
    hyphenated = frozenset((a.lower(), b.lower()) for a, b in _COMPOUND_RE.findall(with_hyphen))
    hyphenated |= _compound_heads(text)
    suspended = frozenset(_suspended(text))
    at_ends = set()
    for m in _SLASH_AT_END_RE.finditer(text):
        head = _TAIL_WORD_RE.search(text, max(0, m.start() - _TAIL), m.start() + 1)
        if head is not None:
            at_ends.add((head.group(1).lower(), m.group(1).lower()))
    if not at_ends and not _path_breaks_before_slash(text):
        return Compounds(hyphenated, suspended=suspended)  # most texts: no slash at a break
    slashed = frozenset((a.lower(), b.lower()) for a, b in _SLASHED_RE.findall(text))
    breaks = not at_ends.isdisjoint(slashed)
    rooted = frozenset(w.lower() for w in _ROOTED_RE.findall(text)) if breaks else frozenset()
    return Compounds(hyphenated, slashed, breaks, rooted, suspended)


def _path_breaks_before_slash(text: str) -> bool:
    """Whether a line ending with a path is followed by one opening with a slash."""
    for m in _SLASH_AT_START_RE.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if _TAIL_PATH_RE.search(text[max(line_start, m.start() - _TAIL) : m.start()].rstrip()):
            return True
    return False


#: A hyphen at a line's end, and on the next line a word followed by a hyphen of its
#: own: "state-" + "of-the-art", "mother-" + "in-law".
_HYPHEN_BEFORE_COMPOUND_RE = re.compile(rf"[{_HYPHENS}]{_LINE_BREAK}(\w+)[{_HYPHENS}]\w")


def _compound_heads(text: str) -> frozenset[tuple[str, str]]:
    """(word, next word) pairs at a line end that begin a compound of three parts or
    more, which the whole-compound search cannot see ("state-" + "of-the-art"): the
    hyphen is the compound's own unless the text writes the two joined as one word
    ("com-" + "puter-aided", where "computer" is a word of the text)."""
    return frozenset(_never_joined(text, _HYPHEN_BEFORE_COMPOUND_RE))


def _suspended(text: str) -> set[tuple[str, str]]:
    """(word, conjunction) pairs at a line end that the text never writes as one word:
    "Unix-" + "oder" is suspended unless "Unixoder" is a word of the text, while
    "col-" + "or" is a broken "color" when the text writes "color" elsewhere."""
    return _never_joined(text, _SUSPENDED_RE)


def _never_joined(text: str, breaks: re.Pattern[str]) -> set[tuple[str, str]]:
    """(word before, word after) of each hyphen ``breaks`` finds at a line end (its
    group 1 the word after), lowercased, where the text never writes the two words
    joined as one. The joined forms are looked for in one pass over the text, however
    many there are."""
    pairs = set()
    for m in breaks.finditer(text):
        head = _last_word(text[max(0, m.start() - _TAIL) : m.start() + 1])
        if head:
            pairs.add((head.lower(), m.group(1).lower()))
    if not pairs:
        return set()
    wholes = sorted({a + b for a, b in pairs}, key=lambda w: (-len(w), w))
    found = re.findall(rf"(?<!\w)(?:{'|'.join(map(re.escape, wholes))})(?!\w)", text,
                       re.IGNORECASE)
    written = {w.lower() for w in found}
    return {(a, b) for a, b in pairs if a + b not in written}


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


def _slash_break(left: str, right: str, compounds: Compounds) -> bool:
    """True when a line ending in a slash breaks a word or a path. Formatters of plain
    text (w3m, DocBook's text output) break lines after a slash as well as at spaces,
    giving "Debian GNU/" + "Linux": joined when the document writes those two words
    with a slash inside a line elsewhere ("GNU/Linux"). In a document that shows such
    breaks, a path or a series also runs on when the next line's first word holds a
    slash or a file name's dot ("/usr/share/doc/" + "package-name/copyright", "/etc/"
    + "inetd.conf", "Windows NT/" + "2000/XP"), and a slash alone opens a path that
    the document writes elsewhere ("avec /" + "etc/init.d/...", "un fichier /" +
    "dev/cdrom"). A person's filling breaks only at spaces, so elsewhere "src/" +
    "dest/" keeps its space, as does " / " between verses. An address
    (:func:`_address_break` decides) or a plain word seen nowhere else ("/var/log/" +
    "during") keeps it too."""
    if len(left) < 2 or not (right[0].isalnum() or right[0] == "_"):
        return False
    if left[-2] == " ":  # a slash alone: only a document that breaks after slashes
        return compounds.breaks_after_slash and (
            _first_word(right).lower() in compounds.rooted
            or "/" in right.split(" ", 1)[0])
    token = left[left.rfind(" ") + 1 :]
    if not left[-2].isalnum() and _TAIL_WORD_RE.search(token) is None:
        return False
    head = _TAIL_WORD_RE.search(token)
    if head is not None and (head.group(1).lower(), _first_word(right).lower()) in (
        compounds.slashed
    ):
        return True
    if not compounds.breaks_after_slash or _ADDRESS_RE.match(token) is not None:
        return False
    word = right.split(" ", 1)[0]
    if _ADDRESS_RE.match(word) is not None or "://" in word:
        return False
    return "/" in word or _FILE_DOT_RE.search(word) is not None


def _path_runs_on(left: str, right: str, compounds: Compounds) -> bool:
    """True when a line ending with a path and the next, opening with a slash, are one
    path a formatter broke before its slash ("/usr/share" + "/common-licenses/GPL-2",
    "/etc" + "/apt/trusted.gpg"): when the document writes the two words around the
    slash with a slash between them inside a line ("/usr/share/common-licenses",
    "/etc/apt"). Two paths a line end only parts ("/dev/sdb1" + "/mnt/foo") keep
    their space."""
    tail = _TAIL_PATH_RE.search(left[left.rfind(" ") + 1 :])
    if tail is None:
        return False
    return (tail.group(1).lower(), _first_word(right[1:]).lower()) in compounds.slashed


#: A dot between word characters, as file names have ("inetd.conf", "README.Debian").
_FILE_DOT_RE = re.compile(r"\w\.\w")


def _join(left: str, right: str, compounds: Compounds) -> str:
    """Join two stripped lines of one paragraph, undoing line-end hyphenation and
    words, paths and addresses broken after a slash at a line end."""
    if left.endswith("\u00ad"):  # a soft hyphen marks a break inside a word
        return left[:-1] + right
    if (left[-1] == "/" or right[0] == "/") and _address_break(left, right):
        return left + right
    if left[-1] == "/" and _slash_break(left, right, compounds):
        return left + right
    if right[0] == "/" and _path_runs_on(left, right, compounds):
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
    if (head.lower(), tail.lower()) in compounds.suspended:
        return f"{left} {right}"
    keep = (
        not tail[0].islower()  # Soviet-American, 1961-1962
        or head[-1].isdigit()
        or (len(head) > 1 and head.isupper())  # no syllable break inside "NATO-led"
        or (head.lower(), tail.lower()) in compounds.hyphenated
        or tail.lower() in _RU_HYPHEN_TAILS
    )
    return left + right if keep else left[:-1] + right


def normalize_lines(lines: Iterable[str], compounds: Compounds = Compounds()) -> str:
    """Join a paragraph's lines into one normalised string."""
    out = ""
    for raw in lines:
        line = raw.replace("\u200b", "").replace("\ufeff", "").replace("\u2060", "")
        if STRAY_RE.search(line) is not None:  # kept out of the text; offsets stay the file's
            line = STRAY_RE.sub("", _STRAY_SPACE_RE.sub(" ", _repaired(line)))
        line = line.strip()
        if not line:
            continue
        out = _join(out, line, compounds) if out else line
    # Every run of whitespace one space, the ends stripped: str.split() splits at the
    # characters ``\s`` matches (str.isspace, checked over all of Unicode), three
    # times faster than the substitution.
    out = " ".join(out.replace("\u00ad", "").split())
    return unicodedata.normalize("NFC", out)


def normalize_paragraph(raw: str, compounds: Compounds = Compounds()) -> str:
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
