"""Benchmark: term matching and all rendering checks on a >= 10,000-link alignment.

The alignment repeats the bundled telegram (each copy's paragraphs are made
distinct, so the per-text cache cannot answer for them); the glossary is the
bundled one plus generated entries built from phrases of the two texts, 200 in
all. Prints seconds for matching (cold: every cache emptied), for all checks
right after, for a re-check after one edit, at 1x, 2x and 4x the size.

Then the highlighting an HTML export asks for (hits per segment, the bundled
glossary alone) on the 1x alignment. ``--repeat`` keeps the fastest of several
runs per size, for a machine busy with other work.

Run: .venv/bin/python bench/bench_terms.py [--links N] [--entries N] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import time
from dataclasses import replace

from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.terms import apply_checks, find_hits, hits_by_segment, normalize
from aligner.core.terms import hits as hits_module
from aligner.io.bundled import bundled_glossary_path, load_bundled
from aligner.io.glossary import load_glossary

TELEGRAM_LINKS = [((i,), (i,)) for i in range(7)] + [((7,), (7, 8))]
TELEGRAM_LINKS += [((i,), (i + 1,)) for i in range(8, 23)]


def _bigrams(doc: Document) -> list[str]:
    seen: dict[str, None] = {}
    for seg in doc.segments:
        words = [t for t in normalize.tokenize(seg.text, doc.language) if not t.stop]
        for a, b in zip(words, words[1:], strict=False):
            if a.text.isalpha() and b.text.isalpha() and len(a.text) > 3 and len(b.text) > 3:
                seen.setdefault(f"{a.text.lower()} {b.text.lower()}", None)
    return list(seen)


def glossary_of(size: int) -> Glossary:
    """The bundled glossary plus generated entries from phrases of the texts."""
    bundled = load_glossary(bundled_glossary_path())
    ru, en = load_bundled()
    extra = []
    for i, (s, t) in enumerate(zip(_bigrams(ru), _bigrams(en), strict=False)):
        if len(bundled) + len(extra) >= size:
            break
        extra.append(
            GlossaryEntry(
                id=f"generated-{i}",
                source=s,
                target=t,
                target_variants=(" ".join(reversed(t.split())),),
            )
        )
    return replace(bundled, entries=bundled.entries + tuple(extra))


def alignment_of(copies: int) -> Alignment:
    """The telegram repeated; every copy's paragraphs carry a copy number."""
    ru, en = load_bundled()
    src, tgt, links = [], [], []
    for c in range(copies):
        base_s, base_t = len(src), len(tgt)
        src += [Segment(f"{s.text} (копия {c})") for s in ru.segments]
        tgt += [Segment(f"{s.text} (copy {c})") for s in en.segments]
        links += [
            Link(tuple(base_s + i for i in a), tuple(base_t + j for j in b))
            for a, b in TELEGRAM_LINKS
        ]
    return Alignment(replace(ru, segments=tuple(src)), replace(en, segments=tuple(tgt)), links)


def _cold() -> None:
    hits_module._MATCHERS.clear()
    hits_module._LAST.clear()
    normalize.russian_keys.cache_clear()
    normalize.english_stem.cache_clear()
    normalize.analyse.cache_clear()


def _timed(fn):  # type: ignore[no-untyped-def]
    """(result, wall seconds, CPU seconds): CPU time is steadier on a busy machine."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - start, time.process_time() - cpu


def _pair(times: list[float]) -> str:
    return f"{times[0]:.2f}/{times[1]:.2f}"


def _run(alignment: Alignment, glossary: Glossary) -> tuple:
    """Hits, flags and (wall, cpu) pairs for cold matching, checks and a re-check after an edit."""
    _cold()
    found, *t_match = _timed(lambda: find_hits(alignment, glossary))
    checked, *t_checks = _timed(lambda: apply_checks(alignment, glossary))
    links = list(checked.links)
    links[1:3] = [Link(links[1].source + links[2].source, links[1].target + links[2].target)]
    edited = checked.with_links(links)
    rechecked, *t_recheck = _timed(lambda: apply_checks(edited, glossary))
    flags = sum(len(lk.flags) for lk in rechecked.links) + len(rechecked.document_flags)
    return len(found), flags, t_match, t_checks, t_recheck


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=10_000, help="links at 1x (default 10000)")
    parser.add_argument("--entries", type=int, default=200, help="glossary entries (default 200)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per size; the one with the least CPU time is shown")
    args = parser.parse_args()
    glossary = glossary_of(args.entries)
    copies = -(-args.links // len(TELEGRAM_LINKS))
    print(f"glossary: {len(glossary)} entries")
    print("seconds as wall/cpu (cpu time is steadier on a busy machine)")
    print(f"{'size':>4} {'links':>7} {'hits':>8} {'match s':>13} {'checks s':>11} "
          f"{'recheck s':>11} {'flags':>7}")
    cpu_at: dict[int, float] = {}
    for factor in (1, 2, 4):
        alignment = alignment_of(copies * factor)
        runs = [_run(alignment, glossary) for _ in range(max(1, args.repeat))]
        hits, flags, t_match, t_checks, t_recheck = min(runs, key=lambda r: r[2][1] + r[3][1])
        cpu_at[factor] = t_match[1] + t_checks[1]
        print(f"{factor:>3}x {len(alignment.links):>7} {hits:>8} {_pair(t_match):>13} "
              f"{_pair(t_checks):>11} {_pair(t_recheck):>11} {flags:>7}")
    print(f"growth of match + checks (cpu): 2x/1x {cpu_at[2] / cpu_at[1]:.2f}, "
          f"4x/2x {cpu_at[4] / cpu_at[2]:.2f}")
    bundled = load_glossary(bundled_glossary_path())
    alignment = alignment_of(copies)
    _cold()
    by_segment, *t_hl = _timed(lambda: hits_by_segment(alignment, bundled))
    print(f"highlights for an export, bundled glossary ({len(bundled)} entries), "
          f"{len(alignment.links)} links: {_pair(t_hl)} s, {len(by_segment)} segments with hits")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
