"""What did the translation leave out or add? The omissions and additions report.

Findings, per link: a source paragraph with no rendering (``omission``, a 1:0
link), a target paragraph with no original (``addition``, 0:1), a link whose
length ratio strays far from the document's (``length``), a number or date on
one side only (``number``), a name on one side only (``name``). The
translator's bracketed insertions (``[and]``, ``[One could]``, source notes)
are editorial apparatus: they are reported apart (``insertion``) and never as
additions. Numbers, dates, abbreviations and names are read with the
aligner's own evidence extraction, so the report and the aligner agree on what
counts as an anchor.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aligner.core.align.editorial import clean_segment
from aligner.core.align.features import SegmentFeatures, segment_features
from aligner.core.align.tables import COMMON_ENGLISH
from aligner.core.model import Alignment, Document, Link
from aligner.core.terms.names import known as known_name
from aligner.core.terms.names import name_prefix, names_in, present
from aligner.core.terms.names import word_keys as name_word_keys
from aligner.core.terms.numbers import Mismatch
from aligner.core.terms.numbers import compare as compare_quantities

KINDS: tuple[str, ...] = ("omission", "addition", "length", "date", "number", "name",
                          "insertion")
KIND_TITLES: dict[str, str] = {
    "omission": "Not translated (1:0)", "addition": "No original (0:1)",
    "length": "Length far from the document's ratio",
    "date": "Dates that differ or are on one side only",
    "number": "Numbers and times that differ or are on one side only",
    "name": "Names on one side only, or a different name on each side",
    "insertion": "Editorial insertions (not additions)",
}
_EXCERPT = 160
_MONTHS = "January February March April May June July August September October November December"


@dataclass(frozen=True)
class ReportParams:
    """Thresholds of the report, recorded in its output."""

    length_factor: float = 1.8
    """A link is reported when its length ratio is this many times off the document's."""
    min_length: int = 60
    """Links shorter than this (characters, longer side) are too short to judge by length."""


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer should look at."""

    kind: str
    link: int
    """0-based index into the alignment's links."""
    link_id: int
    side: str
    """``source``, ``target`` or ``both``."""
    message: str
    excerpt: str = ""
    detail: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    ratio: float
    """Characters of target per character of source, over the whole document."""
    params: ReportParams
    labels: tuple[str, ...] = ()
    """Provenance warnings ("the source is a reconstruction ...") to show with the report."""

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    @property
    def omissions(self) -> list[Finding]:
        """Paragraphs present on one side only: 1:0 and 0:1 links."""
        return [f for f in self.findings if f.kind in ("omission", "addition")]


def excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def provenance_labels(alignment: Alignment) -> tuple[str, ...]:
    """One warning per side whose text is not an archival original."""
    labels = []
    for side, doc in (("source", alignment.source), ("target", alignment.target)):
        if doc.provenance != "archival":
            labels.append(f"The {side} text ({doc.title}) is {doc.provenance.upper()}, "
                          "not an archival original.")
    return tuple(labels)


def _rendered(doc: Document, indices: Sequence[int]) -> str:
    return " ".join(clean_segment(doc.segments[i].text, COMMON_ENGLISH).text for i in indices)


def document_ratio(alignment: Alignment) -> float:
    """Target characters per source character over links with both sides."""
    src = tgt = 0
    for lk in alignment.links:
        if lk.source and lk.target:
            src += len(_rendered(alignment.source, lk.source))
            tgt += len(_rendered(alignment.target, lk.target))
    return tgt / src if src and tgt else 1.0


def _one_sided(i: int, lk: Link, alignment: Alignment) -> Finding:
    side, doc, segs = (("source", alignment.source, lk.source) if lk.source
                       else ("target", alignment.target, lk.target))
    text = " ".join(doc.segments[j].text for j in segs)
    if side == "target" and not _rendered(doc, segs).strip():
        return Finding("insertion", i, lk.id, side, "a paragraph that is all editorial apparatus",
                       excerpt(text), {"segments": list(segs)})
    kind = "omission" if side == "source" else "addition"
    what = "is not translated" if side == "source" else "has no original"
    return Finding(kind, i, lk.id, side, f"{side} paragraph {', '.join(map(str, segs))} {what}",
                   excerpt(text), {"segments": list(segs)})


def _length(
    i: int, lk: Link, alignment: Alignment, ratio: float, p: ReportParams
) -> Finding | None:
    s = len(_rendered(alignment.source, lk.source))
    t = len(_rendered(alignment.target, lk.target))
    if max(s, t) < p.min_length:
        return None
    factor = (t + 10) / (ratio * s + 10)  # +10: short links are noisy, not suspicious
    if abs(math.log(factor)) < math.log(p.length_factor):
        return None
    how = f"{factor:.1f}\u00d7 longer" if factor > 1 else f"{1 / factor:.1f}\u00d7 shorter"
    hint = "an addition?" if factor > 1 else "something left out?"
    return Finding("length", i, lk.id, "both",
                   f"the translation is {how} than the document's ratio predicts ({hint})",
                   excerpt(alignment.target_text(lk, " ")),
                   {"source_chars": s, "target_chars": t, "factor": round(factor, 2)})


def _partial(i: int, lk: Link, alignment: Alignment, ratio: float) -> list[Finding]:
    """Edge paragraphs of a merged link that the link reads better without.

    An aligner that cannot place a paragraph with no counterpart folds it into
    a neighbouring 2:1 or 3:1 link; the length fit or an unmatched number gives
    it away.
    """
    out = []
    for side, segs, other in (("source", lk.source, lk.target), ("target", lk.target, lk.source)):
        if len(segs) < 2:
            continue
        mine_doc, other_doc = ((alignment.source, alignment.target) if side == "source"
                               else (alignment.target, alignment.source))
        other_len = len(_rendered(other_doc, other))
        other_numbers = _number_keys(_features(other_doc, other))
        expect = ratio if side == "source" else 1 / ratio  # other chars per char of this side

        def misfit(indices: Sequence[int], doc: Document = mine_doc, other_len: int = other_len,
                   expect: float = expect) -> float:
            n = len(_rendered(doc, indices))
            return abs(math.log((other_len + 10) / (expect * n + 10)))

        full = misfit(segs)
        for edge, rest in ((segs[0], segs[1:]), (segs[-1], segs[:-1])):
            edge_len = len(_rendered(mine_doc, (edge,)))
            numbers = _number_keys(_features(mine_doc, (edge,))) - other_numbers
            better = full - misfit(rest) > math.log(1.3) and misfit(rest) < math.log(1.35)
            small = edge_len * 4 < len(_rendered(mine_doc, segs))
            if better or (numbers and small):
                kind = "omission" if side == "source" else "addition"
                why = "the link's length fits without it" if better else \
                    "its numbers are not on the other side"
                out.append(Finding(kind, i, lk.id, side,
                                   f"{side} paragraph {edge} of this {lk.bead} link may have no "
                                   f"counterpart: {why}",
                                   excerpt(mine_doc.segments[edge].text),
                                   {"segments": [edge], "partial": True}))
    return out


def _features(doc: Document, indices: Sequence[int]) -> SegmentFeatures:
    return segment_features(" ".join(doc.segments[i].text for i in indices))


def _number_keys(f: SegmentFeatures) -> set[str]:
    return {k for k in f.keys if k[:2] in ("n:", "m:")}


def _label(key: str) -> str:
    months = _MONTHS.split()
    if key.startswith("m:") and key[2:].isdigit() and 1 <= int(key[2:]) <= 12:
        return months[int(key[2:]) - 1]
    return key[2:]


def _anchors(i: int, lk: Link, alignment: Alignment, known: dict[str, set[str]]) -> list[Finding]:
    texts = {"source": alignment.source_text(lk, " "), "target": alignment.target_text(lk, " ")}
    out = [_quantity_finding(i, lk, m) for m in compare_quantities(texts["source"],
                                                                    texts["target"])]
    out += _names(i, lk, texts, known)
    return out


def _names(i: int, lk: Link, texts: dict[str, str], known: dict[str, set[str]]) -> list[Finding]:
    """Names of one side the other side lacks; a name on each side that the other lacks is
    one finding showing both ("Кузнецов in the source against Zorin in the target")."""
    keys = {side: name_word_keys(text) for side, text in texts.items()}
    missing: dict[str, list[str]] = {}
    for side, other in (("source", "target"), ("target", "source")):
        missing[side] = sorted(w for n, w in names_in(texts[side]).items()
                               if known_name(n, known[other]) and not present(n, keys[other]))
    source, target = missing["source"], missing["target"]
    if source and target:
        return [Finding("name", i, lk.id, "both",
                        f"name {', '.join(source)} in the source against {', '.join(target)} "
                        "in the target",
                        detail={"names": source + target, "source": source, "target": target})]
    return [Finding("name", i, lk.id, side,
                    f"a name in the {side} is not in the {other}: " + ", ".join(missing[side]),
                    detail={"names": missing[side], side: missing[side], other: []})
            for side, other in (("source", "target"), ("target", "source")) if missing[side]]


def _quantity_finding(i: int, lk: Link, m: Mismatch) -> Finding:
    """A date or number mismatch, with what each side has."""
    what = "date" if m.kind == "date" else "number"
    side = "both" if m.source and m.target else ("source" if m.source else "target")
    if m.source and m.target:
        message = (f"{what} {', '.join(m.source)} in the source against "
                   f"{', '.join(m.target)} in the target")
    else:
        shown = ", ".join(m.source or m.target)
        message = f"{what} {shown} only in the {side}"
    values = [*m.source, *m.target] if side != "both" else list(m.source)
    return Finding(m.kind, i, lk.id, side, message,
                   detail={"values": values, "source": list(m.source), "target": list(m.target)})


def _insertions(i: int, lk: Link, alignment: Alignment) -> list[Finding]:
    out = []
    for side, doc, segs in (("source", alignment.source, lk.source),
                            ("target", alignment.target, lk.target)):
        for j in segs:
            cleaned = clean_segment(doc.segments[j].text, COMMON_ENGLISH)
            for kind, items in (("insertion", cleaned.insertions), ("note", cleaned.notes),
                                ("transliteration", cleaned.transliterations)):
                for item in items:
                    out.append(Finding("insertion", i, lk.id, side, f"[{item}]",
                                       excerpt(item), {"segment": j, "type": kind}))
    return out


def _known_prefixes(doc: Document) -> set[str]:
    """Key prefixes of the names a document uses: only those can be looked for in it."""
    return {name_prefix(key) for seg in doc.segments for key in names_in(seg.text)}


def omissions_report(alignment: Alignment, params: ReportParams | None = None) -> Report:
    """Every finding, in link order; see the module docstring for the kinds."""
    p = params or ReportParams()
    ratio = document_ratio(alignment)
    # a name is only checked if the other text has it somewhere (why: English capitalises
    # words like "Security" that Russian does not, and those are not names to look for)
    known = {"source": _known_prefixes(alignment.source),
             "target": _known_prefixes(alignment.target)}
    findings: list[Finding] = []
    for i, lk in enumerate(alignment.links):
        findings.extend(_insertions(i, lk, alignment))
        if not lk.source or not lk.target:
            findings.append(_one_sided(i, lk, alignment))
            continue
        findings.extend(_partial(i, lk, alignment, ratio))
        length = _length(i, lk, alignment, ratio, p)
        if length:
            findings.append(length)
        findings.extend(_anchors(i, lk, alignment, known))
    order = {k: n for n, k in enumerate(KINDS)}
    findings.sort(key=lambda f: (f.link, order[f.kind]))
    return Report(tuple(findings), round(ratio, 4), p, provenance_labels(alignment))


def report_to_dict(report: Report) -> dict[str, Any]:
    """The JSON form of a report."""
    return {
        "ratio": report.ratio,
        "params": {"length_factor": report.params.length_factor,
                   "min_length": report.params.min_length},
        "labels": list(report.labels),
        "counts": {k: len(report.of_kind(k)) for k in KINDS},
        "findings": [
            {"kind": f.kind, "link": f.link + 1, "link_id": f.link_id, "side": f.side,
             "message": f.message, "excerpt": f.excerpt, "detail": dict(f.detail)}
            for f in report.findings
        ],
    }
