"""Segmentation rules that cut a text where aligner's sentence splitter cuts it.

A CAT tool that fills a document from a sentence-level TMX looks each of its
own segments up in the memory: a segment cut differently from the memory's
units matches nothing. OmegaT's default rules end a sentence at every full stop
followed by a space, so "товарищу Н.С. Хрущеву" becomes two segments while the
memory (cut by :mod:`aligner.core.sentences.segment`, which keeps initials and
titles inside the sentence) holds one. These rules say what that splitter says,
in the regular expressions of SRX (Java's dialect): razdel's exceptions (no break
before a lower-case word, a dash and a lower-case word, or a delimiter; after an
initial, a list number, or an abbreviation it knows) and segment.py's (initials
in runs, titles, days as ordinals before their month, a bullet or a label and its
number opening a paragraph, no break before a note reference), then a break after
sentence-final punctuation (with its closing quotes or brackets and the note
references after it) followed by a space. A list written a line each is beyond
them: a CAT tool's paragraph has no lines.

Two forms are written: SRX 2.0 (``.srx``), the standard form of segmentation
rules, and OmegaT's own project file ``segmentation.conf`` (OmegaT 3.6 reads a
project's rules from ``omegat/segmentation.conf`` and from nothing else).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree
from razdel.segmenters.punct import CLOSE_BRACKETS, CLOSE_QUOTES, DASHES, ENDINGS
from razdel.segmenters.sentenize import BULLET_CHARS
from razdel.segmenters.sokr import HEAD_PAIR_SOKRS, HEAD_SOKRS, INITIALS, PAIR_SOKRS, SOKRS

from aligner.core.sentences.segment import (
    LABELLED_NUMBER,
    MONTH_AFTER_ORDINAL,
    NON_FINAL_ABBREVIATIONS,
    NOTE_AFTER_END,
    ORDINAL_DAY,
)
from aligner.errors import ExportError
from aligner.io.output import check_output
from aligner.io.store import atomic_write_text

__all__ = [
    "RULE_FORMATS",
    "SegmentationRule",
    "rules_text",
    "sentence_rules",
    "srx_segments",
    "write_rules",
]

SRX_NAMESPACE = "http://www.lisa.org/srx20"
#: The version OmegaT 3.6 writes in its segmentation.conf; an older one makes it
#: merge its own default rules back in, which would undo ours.
OMEGAT_RULES_VERSION = "0.2.2"
#: The name of the rule set, as a CAT tool lists it.
RULE_SET = "aligner sentences"
#: A character that may stand before a word: not a letter, digit, underscore or full
#: stop, so "USA." is no initial and "e.g.mr." no title (as segment.py reads words).
_WORD_START = r"(?<![\p{L}\p{N}_.])"
#: Closing quotes and brackets that belong to the sentence they follow (segment.py's
#: _FINAL_RE), and the marks that end one (razdel's ENDINGS).
_CLOSERS = "\"'\u00bb\u201d\u2019)\\]"
_ENDINGS = ".!?\u2026"
#: What razdel never breaks before (its DELIMITERS less the quotes that open as well).
_DELIMITERS = ENDINGS + ";" + CLOSE_QUOTES + CLOSE_BRACKETS
#: The letters razdel reads as list bullets ("a)", "б."), in both cases.
_BULLETS = "".join(sorted(set(BULLET_CHARS) | {c.upper() for c in BULLET_CHARS}))


@dataclass(frozen=True)
class SegmentationRule:
    """One SRX rule: a break (or none) where ``before`` ends and ``after`` begins."""

    before: str
    after: str
    breaks: bool


def _alternatives(words: set[str]) -> str:
    """Words as one regular expression, longest first, then alphabetical (the same file
    for the same rules)."""
    escaped = (re.escape(w) for w in words)
    return "|".join(sorted(sorted(escaped), key=len, reverse=True))


def sentence_rules() -> tuple[SegmentationRule, ...]:
    """The splitter's rules, exceptions first (in SRX the first rule that matches decides).

    razdel proposes the boundaries and segment.py drops some; each exception here is
    one of theirs: razdel never breaks before a lower-case word, after an initial,
    after an abbreviation it always joins (its HEAD_SOKRS, "т.е." and the like), or
    after one it joins before a number or punctuation (its SOKRS); segment.py adds
    initials in runs, the titles of NON_FINAL_ABBREVIATIONS and days written as
    ordinals before their month.
    """
    always = set(NON_FINAL_ABBREVIATIONS) | set(HEAD_SOKRS) | set(INITIALS)
    always |= {".".join(parts) for parts in HEAD_PAIR_SOKRS}
    before_number = set(SOKRS) | {".".join(parts) for parts in PAIR_SOKRS}
    ended = f"[{_ENDINGS}]+[{_CLOSERS}]*"
    # The note references that follow a sentence end belong to it (segment.py).
    noted = f"(?:{NOTE_AFTER_END})*"
    final = ended + noted
    # razdel matches a pair only as two single letters: (\w)\s*\.\s*(\w).
    letter_pairs = [p for p in PAIR_SOKRS - HEAD_PAIR_SOKRS if len("".join(p)) == len(p) == 2]
    pairs = "|".join(sorted(rf"{re.escape(a)}\.\s*{re.escape(b)}" for a, b in letter_pairs))
    return (
        # A note reference after a sentence end is the sentence's: "wizard. ^[2]".
        SegmentationRule(ended, r"\s*\^\[\d{1,3}\]", breaks=False),
        # Initials: "N.S. Khrushchev", "В.В. Кузнецова", "V. ZORIN".
        SegmentationRule(_WORD_START + r"(?:\p{Lu}\.)+" + noted, r"\s", breaks=False),
        # razdel's lower_right: "т.е. после", "etc. and".
        SegmentationRule(final, r"\s+\p{Ll}", breaks=False),
        # razdel's dash_right: "— Готово! — сказала ведьма."
        SegmentationRule(final, f"\\s+[{re.escape(DASHES)}]+\\s*\\p{{Ll}}", breaks=False),
        # razdel's delimiter_right: "lesson! … where".
        SegmentationRule(final, f"\\s+[{re.escape(_DELIMITERS)}]", breaks=False),
        # razdel's list_item: a number or letter opening a segment: "2. A heavy tax", "II.";
        # a letter only at the paragraph's start ("т. д." is no list).
        SegmentationRule(f"^\\s*(?:(?:\\d+|[IVXML]+|[{_BULLETS}])[.)])+"
                         f"|(?<=[{_ENDINGS}]\\s)(?:(?:\\d+|[IVXML]+)[.)])+", r"\s",
                         breaks=False),  # fmt: skip
        # segment.py's: a bullet or a label, and a number, opening a paragraph: "* 2.1.
        # Getting started", "Table 1.1. List of ...".
        SegmentationRule(LABELLED_NUMBER, r"\s", breaks=False),
        # razdel reads "т. д." as a pair, which ends a sentence before a capital, though
        # "д." alone would not.
        SegmentationRule(f"(?iu){_WORD_START}(?:{pairs})\\.", r"\s+\p{Lu}", breaks=True),
        # Titles and abbreviations followed by a name or number: "Mr.", "тов.", "т.е.".
        SegmentationRule(f"(?iu){_WORD_START}(?:{_alternatives(always)})\\.{noted}", r"\s",
                         breaks=False),  # fmt: skip
        # A day as an ordinal before its month: "am 31. Oktober 1996".
        SegmentationRule(_WORD_START + ORDINAL_DAY, r"\s+" + MONTH_AFTER_ORDINAL, breaks=False),
        # Abbreviations followed by a number or punctuation: "стр. 5", "гг. (".
        SegmentationRule(f"(?iu){_WORD_START}(?:{_alternatives(before_number)})\\.{noted}",
                         r"\s+[\p{N}\p{P}]", breaks=False),  # fmt: skip
        # Sentence-final punctuation, with the quotes and brackets that close it.
        SegmentationRule(final, r"\s", breaks=True),
    )


def _characters(keep: Callable[[str], bool]) -> str:
    """A character class, for Python's re (which has no \\p{...}), of the characters of
    the first planes (Latin to CJK punctuation) for which ``keep`` holds."""
    chars = (chr(c) for c in range(0x20, 0x3000))
    return "[" + "".join(re.escape(c) for c in chars if keep(c)) + "]"


@lru_cache(maxsize=1)
def _python_rules() -> tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]:
    """The rules as Python patterns: the few Java constructs they use, spelled for re."""
    upper, lower = _characters(str.isupper), _characters(str.islower)
    punct = _characters(lambda c: unicodedata.category(c).startswith("P"))
    out = []
    for rule in sentence_rules():
        pair = []
        for java in (rule.before, rule.after):
            text = java.replace(r"[\p{L}\p{N}_.]", r"[\w.]")
            text = text.replace(r"[\p{N}\p{P}]", "(?:[0-9]|" + punct + ")")
            text = text.replace(r"\p{Lu}", upper).replace(r"\p{Ll}", lower)
            pair.append(re.compile(text.replace(r"\d", "[0-9]")))
        out.append((pair[0], pair[1], rule.breaks))
    return tuple(out)


def srx_segments(text: str) -> list[str]:
    """``text`` cut by these rules as SRX prescribes (what a CAT tool following them cuts):
    at each position where a rule's before-break pattern ends and its after-break
    pattern begins, the first such rule decides; segments are stripped."""
    decided: dict[int, bool] = {}
    for before, after, breaks in _python_rules():
        for m in before.finditer(text):
            if m.end() not in decided and after.match(text, m.end()):
                decided[m.end()] = breaks
    cuts = [0, *sorted(p for p, b in decided.items() if b), len(text)]
    pieces = (text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False))
    return [p for p in pieces if p]


def _srx(rules: tuple[SegmentationRule, ...]) -> str:
    ns = f"{{{SRX_NAMESPACE}}}"
    root = etree.Element(ns + "srx", nsmap={None: SRX_NAMESPACE}, version="2.0")
    header = etree.SubElement(root, ns + "header", segmentsubflows="yes", cascade="no")
    # Where formatting tags at a break go (OmegaT's defaults).
    etree.SubElement(header, ns + "formathandle", type="start", include="no")
    etree.SubElement(header, ns + "formathandle", type="end", include="yes")
    etree.SubElement(header, ns + "formathandle", type="isolated", include="no")
    body = etree.SubElement(root, ns + "body")
    languagerules = etree.SubElement(body, ns + "languagerules")
    language = etree.SubElement(languagerules, ns + "languagerule", languagerulename=RULE_SET)
    for rule in rules:
        element = etree.SubElement(language, ns + "rule", attrib={"break": _yes(rule.breaks)})
        etree.SubElement(element, ns + "beforebreak").text = rule.before
        etree.SubElement(element, ns + "afterbreak").text = rule.after
    maprules = etree.SubElement(body, ns + "maprules")
    etree.SubElement(maprules, ns + "languagemap", languagepattern=".*", languagerulename=RULE_SET)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _omegat_conf(rules: tuple[SegmentationRule, ...]) -> str:
    """OmegaT's segmentation.conf: its SRX object as java.beans.XMLEncoder writes it."""
    root = etree.Element("java", version="1.8.0", attrib={"class": "java.beans.XMLDecoder"})
    srx = etree.SubElement(root, "object", attrib={"class": "org.omegat.core.segmentation.SRX"})
    add = etree.SubElement(etree.SubElement(srx, "void", property="mappingRules"), "void",
                           method="add")  # fmt: skip
    maprule = etree.SubElement(
        add, "object", attrib={"class": "org.omegat.core.segmentation.MapRule"}
    )
    _property(maprule, "language", "string", RULE_SET)
    _property(maprule, "pattern", "string", ".*")
    listed = etree.SubElement(
        etree.SubElement(maprule, "void", property="rules"), "object",
        attrib={"class": "java.util.ArrayList"},
    )  # fmt: skip
    for rule in rules:
        element = etree.SubElement(
            etree.SubElement(listed, "void", method="add"), "object",
            attrib={"class": "org.omegat.core.segmentation.Rule"},
        )  # fmt: skip
        _property(element, "afterbreak", "string", rule.after)
        _property(element, "beforebreak", "string", rule.before)
        if rule.breaks:  # false is the bean's default, which XMLEncoder leaves out
            _property(element, "breakRule", "boolean", "true")
    _property(srx, "version", "string", OMEGAT_RULES_VERSION)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _property(parent: etree._Element, name: str, kind: str, value: str) -> None:
    etree.SubElement(etree.SubElement(parent, "void", property=name), kind).text = value


#: File forms by how the name ends.
RULE_FORMATS = {".srx": _srx, ".conf": _omegat_conf}


def rules_text(path: str | Path) -> str:
    """The rules in the form the file name asks for (``.srx`` or OmegaT's ``.conf``)."""
    suffix = Path(path).suffix.lower()
    form = RULE_FORMATS.get(suffix)
    if form is None:
        raise ExportError(
            f"cannot tell the form of segmentation rules {path}: name it *.srx (SRX 2.0) "
            "or segmentation.conf (an OmegaT project's omegat/ folder)"
        )
    return form(sentence_rules())


def write_rules(path: str | Path, *, force: bool = False) -> None:
    """Write the rules to ``path`` atomically; an existing file only with ``force``."""
    text = rules_text(path)
    check_output(path, force=force, error=ExportError)
    atomic_write_text(Path(path), text)
