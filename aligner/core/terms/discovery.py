"""Discovery: propose glossary entries from an alignment that has none.

Source-side candidates are quoted phrases, capitalised multi-word names and
frequent lemmatised noun phrases. Each is counted with the term matcher itself
(so ``оружие, считающееся ... наступательным`` counts for наступательное
оружие), per link. Target candidates are the n-grams of the links where the
source candidate occurs, counted the same way; the proposed rendering is the
one with the highest Dice coefficient over aligned links, slightly favouring
renderings with as many content words as the source term (a two-word term is
rarely rendered by one of its words alone).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aligner.core.align.translit import word_key
from aligner.core.glossary import Glossary, GlossaryEntry, slugify
from aligner.core.model import Alignment, Document
from aligner.core.terms.matching import MatchParams, TermHit, TermMatcher
from aligner.core.terms.normalize import base_language, tokenize
from aligner.core.terms.pos import is_noun, is_noun_phrase, nominative_like

_QUOTED_RE = re.compile(r"«([^»]{2,80})»|“([^”]{2,80})”|\"([^\"]{2,80})\"|„([^“”]{2,80})[“”]")
_MAX_WORDS = 5
_LENGTH_PENALTY = 0.25


@dataclass(frozen=True)
class Suggestion:
    """A proposed glossary entry and the evidence for it."""

    id: str
    source: str
    target: str
    score: float
    """Dice coefficient over links, lowered when the word counts differ."""
    source_count: int
    target_count: int
    links: tuple[int, ...]
    """Ids of the links where both occur."""
    reasons: tuple[str, ...]
    """``quoted``, ``name``, ``frequent``."""
    alternatives: tuple[tuple[str, float], ...] = ()

    def to_entry(self) -> GlossaryEntry:
        note = f"suggested from {len(self.links)} aligned link(s): {', '.join(self.reasons)}"
        return GlossaryEntry(id=self.id, source=self.source, target=self.target, note=note)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "target": self.target,
                "score": self.score, "source_count": self.source_count,
                "target_count": self.target_count, "links": list(self.links),
                "reasons": list(self.reasons),
                "alternatives": [{"target": t, "score": s} for t, s in self.alternatives]}


def _content_spans(text: str, language: str, max_words: int) -> Iterable[tuple[int, int, int]]:
    """(start, end, content words) of token runs starting and ending on content words."""
    tokens = tokenize(text, language)
    for i, first in enumerate(tokens):
        if first.stop:
            continue
        words, stops = 0, 0
        for tok in tokens[i:]:
            if _break_between(text, first.start, tok.start):
                break
            if tok.stop:
                stops += 1
                if stops > 1:
                    break
                continue
            stops = 0
            words += 1
            if words > max_words:
                break
            yield first.start, tok.end, words


def _break_between(text: str, start: int, end: int) -> bool:
    return bool(re.search(r"[.!?;:,()«»“”\"\[\]]", text[start:end]))


def _quoted(text: str, language: str) -> list[str]:
    out = []
    for m in _QUOTED_RE.finditer(text):
        inner = next(g for g in m.groups() if g)
        words = [t for t in tokenize(inner, language) if not t.stop]
        if 1 <= len(words) <= _MAX_WORDS and not any(ch.isdigit() for ch in inner):
            out.append(" ".join(inner.split()).strip(" ,.;:"))
    return out


def _names(text: str, language: str) -> list[str]:
    tokens = tokenize(text, language)
    out, run = [], []
    for tok in [*tokens, None]:
        if tok is not None and tok.text[:1].isupper() and len(tok.text) > 1 \
                and (not run or not _break_between(text, run[-1].start, tok.start)):
            run.append(tok)
            continue
        if len(run) >= 2:
            out.append(text[run[0].start:run[-1].end])
        run = [tok] if tok is not None and tok.text[:1].isupper() and len(tok.text) > 1 else []
    return out


def _frequent(doc: Document, min_count: int) -> list[str]:
    counts: Counter = Counter()
    surfaces: dict[tuple, list[str]] = defaultdict(list)
    lang = base_language(doc.language)
    for seg in doc.segments:
        for start, end, words in _content_spans(seg.text, lang, 3):
            if words < 2:
                continue
            phrase = seg.text[start:end]
            if lang == "ru" and not is_noun_phrase(phrase):
                continue
            key = tuple(min(t.keys) for t in tokenize(phrase, lang) if not t.stop)
            counts[key] += 1
            surfaces[key].append(phrase)
    return [_pick_surface(surfaces[k], lang) for k, n in counts.items() if n >= min_count]


def _pick_surface(surfaces: Sequence[str], language: str) -> str:
    counted = Counter(surfaces)
    return max(counted, key=lambda s: (nominative_like(s, language), counted[s], -len(s)))


def _candidate_glossary(phrases: Iterable[str], prefix: str) -> Glossary:
    entries, seen = [], set()
    for phrase in phrases:
        key = phrase.casefold()
        if key in seen:
            continue
        seen.add(key)
        entries.append(GlossaryEntry(id=f"{prefix}{len(entries)}", source=phrase, target="?"))
    return Glossary(tuple(entries))


def _link_counts(
    alignment: Alignment, doc: Document, side: str, glossary: Glossary, links: Iterable[int] | None
) -> tuple[dict[str, Counter], dict[str, list[TermHit]]]:
    """Per candidate id: occurrences per link id; and the hits themselves."""
    matcher = TermMatcher(glossary, "source", doc.language, MatchParams())
    per_link: dict[str, Counter] = defaultdict(Counter)
    hits_of: dict[str, list[TermHit]] = defaultdict(list)
    wanted = None if links is None else set(links)
    for lk in alignment.links:
        if wanted is not None and lk.id not in wanted:
            continue
        for i in getattr(lk, side):
            for hit in matcher.hits(doc.segments[i].text, i):
                per_link[hit.term][lk.id] += 1
                hits_of[hit.term].append(hit)
    return per_link, hits_of


def _source_candidates(doc: Document, min_count: int) -> dict[str, set[str]]:
    """Candidate phrase -> reasons it was proposed."""
    lang = base_language(doc.language)
    reasons: dict[str, set[str]] = defaultdict(set)
    for seg in doc.segments:
        for phrase in _quoted(seg.text, lang):
            reasons[phrase].add("quoted")
        for phrase in _names(seg.text, lang):
            reasons[phrase].add("name")
    for phrase in _frequent(doc, min_count):
        reasons[phrase].add("frequent")
    return reasons


_POSSESSIVE_RE = re.compile(r"['’]s$")


def _target_ngrams(alignment: Alignment) -> tuple[dict[tuple, Counter], dict[tuple, Counter]]:
    """Per target n-gram key: occurrences per link id, and its surface forms.

    A two-word key is unordered and may have one word between its words, so
    "weaponry considered offensive" counts for "offensive weaponry".
    """
    doc, lang = alignment.target, base_language(alignment.target.language)
    per_link: dict[tuple, Counter] = defaultdict(Counter)
    surfaces: dict[tuple, Counter] = defaultdict(Counter)
    for lk in alignment.links:
        for i in lk.target:
            text = doc.segments[i].text
            for start, end, _ in _content_spans(text, lang, 3):
                phrase = _POSSESSIVE_RE.sub("", text[start:end])
                key = _ngram_key(phrase, lang)
                per_link[key][lk.id] += 1
                surfaces[key][phrase] += 1
            for key in _inverted_pairs(text, lang):
                per_link[key][lk.id] += 1
    return per_link, surfaces


def _ngram_key(phrase: str, language: str) -> tuple:
    keys = tuple(min(t.keys) for t in tokenize(phrase, language) if not t.stop)
    return tuple(sorted(keys)) if len(keys) == 2 else keys


def _inverted_pairs(text: str, language: str) -> Iterable[tuple]:
    """Unordered keys of content-word pairs with exactly one content word between them."""
    content = [t for t in tokenize(text, language) if not t.stop]
    for a, b in zip(content, content[2:], strict=False):
        if not _break_between(text, a.start, b.start):
            yield tuple(sorted((min(a.keys), min(b.keys))))


def _dice(src: Counter, tgt: Counter) -> tuple[float, tuple[int, ...]]:
    shared = sorted(set(src) & set(tgt))
    both = sum(min(src[k], tgt[k]) for k in shared)
    return 2 * both / (sum(src.values()) + sum(tgt.values())), tuple(shared)


def _words(phrase: str, language: str) -> int:
    return sum(1 for t in tokenize(phrase, language) if not t.stop)


def _known(phrase: str, glossary: Glossary | None, language: str, side: str = "source") -> bool:
    """Whether a glossary entry already covers most of the phrase (on one side)."""
    if glossary is None or not len(glossary):
        return False
    matcher = TermMatcher(glossary, side, language, MatchParams())
    return any(h.end - h.start >= len(phrase) * 0.6 for h in matcher.hits(phrase))


def _cuts_a_phrase(phrase: str, language: str) -> bool:
    """A candidate that is a piece of a longer noun phrase or name, not a term.

    A lone Russian adjective ("«наступательного» оружия" quoted without its noun),
    or a phrase ending on a single-letter initial ("Comrade N.", whose name is cut).
    """
    words = [t.text for t in tokenize(phrase, language) if not t.stop]
    if not words:
        return True
    if len(words[-1]) == 1 and len(words) > 1:
        return True
    if base_language(language) == "ru" and len(words) == 1 and not words[0][:1].isupper():
        return not is_noun(words[0])
    return False


def _cut_name(phrase: str, texts: Iterable[str]) -> bool:
    """A capitalised phrase always preceded by another capitalised word in the texts:
    a piece of a longer name ("Arab Republic" of "United Arab Republic")."""
    if not phrase[:1].isupper():
        return False
    seen = inside = 0
    for text in texts:
        for m in re.finditer(re.escape(phrase) + r"\b", text):
            seen += 1
            head = text[:m.start()].rstrip().rsplit(None, 1)
            if head and head[-1][:1].isupper() and not head[-1].endswith((".", ":", ";")):
                inside += 1
    return seen > 0 and inside == seen


def _word_links(doc: Document, alignment: Alignment, side: str) -> dict[str, Counter]:
    """Per lemma key: occurrences per link id (for word-level association)."""
    lang = base_language(doc.language)
    out: dict[str, Counter] = defaultdict(Counter)
    for lk in alignment.links:
        for i in getattr(lk, side):
            for tok in tokenize(doc.segments[i].text, lang):
                if not tok.stop:
                    out[min(tok.keys)][lk.id] += 1
    return out


class _Association:
    """How strongly a target word goes with a source phrase's words, over links."""

    def __init__(self, alignment: Alignment) -> None:
        self.src = _word_links(alignment.source, alignment, "source")
        self.tgt = _word_links(alignment.target, alignment, "target")
        self._cache: dict[tuple[str, str], float] = {}

    def word(self, s: str, t: str) -> float:
        key = (s, t)
        if key not in self._cache:
            src, tgt = self.src.get(s, Counter()), self.tgt.get(t, Counter())
            shared = sum(min(src[k], tgt[k]) for k in set(src) & set(tgt))
            # smoothed: two words that meet once, in one link, prove little
            dice = 2 * shared / (sum(src.values()) + sum(tgt.values()) + 1)
            # names and cognates: Кеннеди / Kennedy share their transliterated start
            if len(s) >= 4 and word_key(s)[:4] == word_key(t)[:4]:
                dice = max(dice, 1.0)
            self._cache[key] = dice
        return self._cache[key]

    def phrase(self, src_keys: Sequence[str], tgt_keys: Sequence[str]) -> float:
        if not src_keys or not tgt_keys:
            return 0.0
        return sum(max(self.word(s, t) for s in src_keys) for t in tgt_keys) / len(tgt_keys)


def suggest_terms(
    alignment: Alignment, *, glossary: Glossary | None = None, min_count: int = 2,
    min_score: float = 0.3, limit: int = 50,
) -> list[Suggestion]:
    """Proposed glossary entries, best first; terms ``glossary`` already has are left out."""
    src_lang = alignment.source.language
    reasons = {p: r for p, r in _source_candidates(alignment.source, min_count).items()
               if not _known(p, glossary, src_lang) and not _cuts_a_phrase(p, src_lang)}
    cands = _candidate_glossary(reasons, "s")
    src_counts, src_hits = _link_counts(alignment, alignment.source, "source", cands, None)
    tgt_counts, surfaces = _target_ngrams(alignment)
    target_texts = [seg.text for seg in alignment.target.segments]
    assoc = _Association(alignment)
    out = []
    for entry in cands:
        counts = src_counts.get(entry.id)
        needed = 1 if reasons[entry.source] - {"frequent"} else min_count
        if not counts or sum(counts.values()) < needed:
            continue
        src_keys = [min(t.keys) for t in tokenize(entry.source, src_lang) if not t.stop]
        best = _best_target(counts, src_keys, tgt_counts, assoc, surfaces)
        if not best or best[0][1] < min_score:
            continue
        (key, score, shared), rest = best[0], best[1:4]
        shown = _pick_surface([h.text for h in src_hits[entry.id]], src_lang)
        if _words(shown, src_lang) != len(src_keys):
            shown = entry.source
        rendering = surfaces[key].most_common(1)[0][0]
        tgt_lang = alignment.target.language
        if _known(rendering, glossary, tgt_lang, "target") or \
                _cuts_a_phrase(rendering, tgt_lang) or _cut_name(rendering, target_texts):
            continue
        out.append(Suggestion(
            "", shown, rendering, round(score, 3),
            sum(counts.values()), sum(tgt_counts[key].values()), shared,
            tuple(sorted(reasons[entry.source])),
            tuple((surfaces[k].most_common(1)[0][0], round(s, 3)) for k, s, _ in rest)))
    return _finish(out, limit)


def _best_target(
    src: Counter, src_keys: Sequence[str], tgt_counts: dict[tuple, Counter],
    assoc: _Association, surfaces: dict[tuple, Counter],
) -> list[tuple[tuple, float, tuple[int, ...]]]:
    scored = []
    links = set(src)
    for key, counts in tgt_counts.items():
        # a key seen only split by another word is counted, never proposed
        if key not in surfaces or not links & set(counts):
            continue
        dice, shared = _dice(src, counts)
        if dice < 0.2:
            continue
        penalty = _LENGTH_PENALTY * abs(len(src_keys) - len(key))
        score = dice * max(0.0, 1 - penalty) * assoc.phrase(src_keys, key)
        scored.append((key, score, shared))
    scored.sort(key=lambda t: (-t[1], -len(t[0]), t[0]))
    return scored


#: Quotation marks in a diplomatic text flag a contested formula; names are terms by nature.
_REASON_WEIGHT = {"quoted": 1.5, "name": 1.2, "frequent": 1.0}


def _rank(s: Suggestion) -> float:
    # a perfect score over one link is weaker evidence than a good one over many
    weight = max(_REASON_WEIGHT.get(r, 1.0) for r in s.reasons)
    return s.score * math.log2(1 + min(s.source_count, s.target_count)) * weight


def _inside_longer(s: Suggestion, others: Sequence[Suggestion]) -> bool:
    """A suggestion whose source and target are both inside a longer one's, which occurs
    at least half as often: a fragment of that term ("безопасности Кубы -> Cuban
    security" of "гарантии безопасности Кубы -> guarantees of Cuban security")."""
    src, tgt = s.source.casefold(), s.target.casefold()
    for o in others:
        if o is s or len(o.source) <= len(s.source):
            continue
        if src in o.source.casefold() and tgt in o.target.casefold() \
                and 2 * o.source_count >= s.source_count:
            return True
    return False


def _finish(suggestions: list[Suggestion], limit: int) -> list[Suggestion]:
    """Best first, one suggestion per source term and per target, with unique ids."""
    suggestions = [s for s in suggestions if not _inside_longer(s, suggestions)]
    suggestions.sort(key=lambda s: (-_rank(s), -s.score, s.source))
    out, used_ids, seen = [], set(), set()
    for s in suggestions:
        key = (s.source.casefold(), s.target.casefold())
        if key[0] in {k[0] for k in seen} or key[1] in {k[1] for k in seen}:
            continue
        seen.add(key)
        base = slugify(s.target)
        sid, n = base, 2
        while sid in used_ids:
            sid, n = f"{base}-{n}", n + 1
        used_ids.add(sid)
        out.append(Suggestion(sid, s.source, s.target, s.score, s.source_count, s.target_count,
                              s.links, s.reasons, s.alternatives))
        if len(out) >= limit:
            break
    return out
