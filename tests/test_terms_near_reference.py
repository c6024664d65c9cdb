"""The near search's fast path finds exactly what the straightforward search finds.

The fast path reads a text once with its per-token work in C, dismisses a term
from the words the matcher saw, tries only windows around the rarest form
word and only the pairings of words like each form word. The reference here
does the obvious thing: every window of n or n + 1 content words of one
sentence, every ordering of the form's words over it. Both share the word
similarity (rapidfuzz, ``NearFinder._similar``), which the fast path does not
change. The sample is the bundled telegram in both languages against its own
glossary and a glossary of 200 entries built from phrases of the two texts (as
``bench/bench_terms.py`` builds it), plus the sentences written for the near tests.
"""

from __future__ import annotations

import re
import sys
from itertools import permutations
from pathlib import Path

import pytest

from aligner.core.model import Alignment, Link
from aligner.core.terms import apply_checks, hits_by_segment
from aligner.core.terms.checks import assigned_hits, link_flags, link_hits
from aligner.core.terms.matching import TermMatcher
from aligner.core.terms.near import (
    _EXPANSIONS,
    EXTRA_WORD,
    INVERTED,
    NEAR_THRESHOLD,
    NearFinder,
)
from aligner.core.terms.normalize import PREPOSITIONS, fold, tokenize
from aligner.core.terms.types import MatchParams
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.glossary import load_glossary

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_terms  # noqa: E402  (the benchmark's glossary and alignment builders)

BREAK = re.compile(r"[.!?;]\s|\n")


def _reference_words(text: str, language: str) -> list[tuple[int, int, frozenset, int, bool]]:
    """(start, end, keys, sentence, after a preposition) of each content word, folded."""
    breaks = [m.start() for m in BREAK.finditer(text)]
    words, preposition, previous_sentence = [], False, 0
    for t in tokenize(text, language):
        sentence = sum(1 for b in breaks if b < t.start)
        if sentence != previous_sentence:
            preposition, previous_sentence = False, sentence
        if t.stop:
            preposition = preposition or fold(t.text) in PREPOSITIONS
            continue
        words.append((t.start, t.end, t.keys, sentence, preposition))
        preposition = False
    lang = language.split("-")[0]
    for long_text, short_text in _EXPANSIONS.get(lang, ()):
        long = [t.keys for t in tokenize(long_text, language) if not t.stop]
        (short,) = [t.keys for t in tokenize(short_text, language)]
        i = 0
        while i + len(long) <= len(words):
            run = words[i:i + len(long)]
            if all(w[2] & k for w, k in zip(run, long, strict=True)) and run[0][3] == run[-1][3]:
                words[i:i + len(long)] = [(run[0][0], run[-1][1], short, run[0][3], run[0][4])]
            i += 1
    return words


def reference_near(finder: NearFinder, text: str, term: str):
    """(score, start, end, form) of the best window at or above the threshold, or None."""
    words = _reference_words(text, finder.language)

    memo: dict = {}

    def similarity(keys: frozenset, form_word: frozenset) -> float | None:
        if (keys, form_word) not in memo:
            found = [finder._similar(k).get(f) for k in keys for f in form_word]
            found = [v for v in found if v is not None]
            memo[keys, form_word] = max(found) if found else None
        return memo[keys, form_word]

    best = None
    for form in finder._forms.get(term, ()):
        n = len(form.words)
        for length in (n, n + 1):
            for first in range(len(words) - length + 1):
                window = words[first:first + length]
                if window[0][3] != window[-1][3]:
                    continue
                if length > n and any(w[4] for w in window[1:]):
                    continue
                scores = []
                for chosen in permutations(range(length), n):
                    values = [similarity(window[i][2], fw) for i, fw in zip(chosen, form.words,
                                                                            strict=True)]
                    if None in values:
                        continue
                    score = sum(values) / n * (1 - EXTRA_WORD * (length - n))
                    if list(chosen) != sorted(chosen):
                        score *= INVERTED
                    scores.append(score)
                if scores:
                    found = (round(max(scores), 3), window[0][0], window[-1][1], form.form)
                    if best is None or found[0] > best[0]:
                        best = found
    return best if best is not None and best[0] >= NEAR_THRESHOLD else None


NEAR_SENTENCES = [
    ("en", "The delegation noted that the question of offensive weapons would be settled in "
           "the Security Council."),
    ("en", "The delegation noted that the question of weapons of an offensive character would "
           "be settled in the Security Council."),
    ("en", "The Secretary General proposed to secure the presence of the United Nations in "
           "Cuba. The presence of journalists at the UN was noted."),
    ("en", "The question of ofensive weaponery; the UN's presence in Cuba."),
    ("ru", "Он предложил присутствие Организации Объединённых Наций. Вопрос о наступательном "
           "оружеи будет решён в Совете Безопасности."),
]


def _sample(every: int = 1):
    ru, en = load_bundled()
    texts = {"ru": [s.text for s in ru.segments[::every]],
             "en": [s.text for s in en.segments[::every]]}
    for language, sentence in NEAR_SENTENCES:
        texts[language].append(sentence)
    return texts


@pytest.mark.parametrize("which", ["bundled", "generated"])
def test_the_fast_near_search_finds_what_the_straightforward_one_finds(which):
    glossary = (load_glossary(bundled_glossary_path()) if which == "bundled"
                else bench_terms.glossary_of(200))
    # the 200 entries against every third paragraph: the reference is slow
    texts = _sample(1 if which == "bundled" else 3)
    compared = found = 0
    for side, language in (("source", "ru"), ("target", "en")):
        finder = NearFinder(glossary, side, language)
        # the matcher's pass collects the keys the near search dismisses terms by
        matcher = TermMatcher(glossary, side, language, MatchParams())
        for text in texts[language]:
            matcher.hits(text)
            for entry in glossary:
                expected = reference_near(finder, text, entry.id)
                fast = matcher.near(text, 0, entry.id)
                got = None if fast is None else (fast.score, fast.start, fast.end, fast.form)
                assert got == expected, (side, entry.id, text[:60])
                compared += 1
                found += expected is not None
    # the sample is not trivial: many terms are near somewhere, most are not
    assert 20 < found < compared / 4


def _reference_assigned(src, tgt):
    """assigned_hits with the overlap test written out pair by pair."""
    in_source = {h.term for h in src}
    spans: dict = {}
    for h in tgt:
        spans.setdefault((h.segment, h.start, h.end), []).append(h)
    explained = [h for h in tgt if h.term in in_source]
    queue = [h.term for h in src]
    out = []
    for span in sorted(spans):
        claims = spans[span]
        mine = [h for h in claims if h.term in in_source]
        if not mine:
            out += [h for h in claims if not any(
                h.segment == e.segment and h.start < e.end and e.start < h.end
                for e in explained)]
            continue
        terms = {h.term for h in mine}
        chosen = next((t for t in queue if t in terms), mine[0].term)
        if chosen in queue:
            queue.remove(chosen)
        out.append(next(h for h in mine if h.term == chosen))
    return out


def test_each_rendering_goes_to_one_term_as_the_straightforward_rule_gives_it():
    glossary = bench_terms.glossary_of(200)
    alignment = bench_terms.alignment_of(1)
    # every pair of neighbouring links merged as well, so spans meet terms they do not render
    merged = [Link(a.source + b.source, a.target + b.target)
              for a, b in zip(alignment.links, alignment.links[1:], strict=False)]
    hits = hits_by_segment(alignment, glossary)
    checked = 0
    for link in list(alignment.links) + merged:
        src, tgt = link_hits(link, hits)
        assert assigned_hits(src, tgt) == _reference_assigned(src, tgt)
        checked += len(tgt)
    assert checked > 500


def test_checks_with_and_without_the_matchers_groundwork_agree():
    # the index carries the matcher's near look-up; without it the near search reads
    # every text itself: the findings are the same
    glossary = bench_terms.glossary_of(200)
    ru, en = load_bundled()
    links = [Link((i,), (i,)) for i in range(7)] + [Link((7,), (7, 8))]
    links += [Link((i,), (i + 1,)) for i in range(8, len(ru.segments))]
    fast = apply_checks(Alignment(ru, en, links), glossary)
    hits = hits_by_segment(fast, glossary)
    plain = type(hits)(dict(hits.items()), hits.shared)  # no near look-up
    for link in fast.links:
        assert link_flags(link, plain, glossary, None, fast) == link.flags
    assert sum(f.kind == "near" for lk in fast.links for f in lk.flags) > 0
