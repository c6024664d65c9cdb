"""Benchmark: term matching and all rendering checks on a >= 10,000-link alignment.

The alignment repeats the bundled telegram (each copy's paragraphs are made
distinct, so the per-text cache cannot answer for them); the glossary is the
bundled one plus generated entries built from phrases of the two texts, 200 in
all. Prints seconds for matching (cold: every cache emptied), for all checks
right after, for a re-check after one edit, at 1x, 2x and 4x the size, and a
digest of the hits and findings (and one of the bundled telegram's findings
with the bundled glossary), so that versions that must agree can be seen to.

Then the highlighting an HTML export asks for (hits per segment, the bundled
glossary alone) on the 1x alignment. ``--repeat`` keeps the fastest of several
runs per size, for a machine busy with other work.

``--baseline REV`` (repeatable) measures earlier versions side by side in the
same run: each REV is checked out into a temporary git worktree, and each
repetition runs this script once on each version's code and once on the current
code (alternately, in child processes, so all see the same load), then prints
them and the ratios.

Run: .venv/bin/python bench/bench_terms.py [--links N] [--entries N] [--repeat N]
     [--sizes 1,2,4] [--baseline REV]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from aligner.core.glossary import Glossary, GlossaryEntry
from aligner.core.model import Alignment, Document, Link, Segment
from aligner.core.terms import apply_checks, find_hits, hits_by_segment, normalize
from aligner.core.terms import checks as checks_module
from aligner.core.terms import hits as hits_module
from aligner.io.bundled import bundled_glossary_path, load_bundled

try:
    from aligner.io.glossary import load_glossary
except ImportError:  # revisions before the glossary package, measured with --baseline
    from aligner.io.glossary_files import load_glossary  # type: ignore[no-redef]

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
    # the near search's finders (absent before near renderings) hold per-text caches
    getattr(checks_module, "_FINDERS", {}).clear()
    # the links of the last check (absent before re-checks reused them)
    getattr(checks_module, "_LAST_CHECK", []).clear()
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


def digest(hits: list, *checked: Alignment) -> str:
    """A fingerprint of the hits and of every finding (kind, term, message, detail, link),
    so that two versions' results can be compared without keeping them side by side."""
    sha = hashlib.sha256()
    for h in sorted(tuple(h) for h in hits):
        sha.update(repr(h).encode())
    for alignment in checked:
        rows = [(n, f.kind, f.term, f.message, json.dumps(f.detail, sort_keys=True, default=str))
                for n, lk in enumerate(alignment.links) for f in lk.flags]
        rows += [(-1, f.kind, f.term, f.message,
                  json.dumps(f.detail, sort_keys=True, default=str))
                 for f in alignment.document_flags]
        for row in sorted(rows):
            sha.update(repr(row).encode())
    return sha.hexdigest()[:16]


def _run(alignment: Alignment, glossary: Glossary) -> tuple:
    """Hits, flags, a digest of both, and (wall, cpu) pairs for cold matching, checks and a
    re-check after an edit."""
    _cold()
    found, *t_match = _timed(lambda: find_hits(alignment, glossary))
    checked, *t_checks = _timed(lambda: apply_checks(alignment, glossary))
    links = list(checked.links)
    links[1:3] = [Link(links[1].source + links[2].source, links[1].target + links[2].target)]
    edited = checked.with_links(links)
    rechecked, *t_recheck = _timed(lambda: apply_checks(edited, glossary))
    flags = sum(len(lk.flags) for lk in rechecked.links) + len(rechecked.document_flags)
    return len(found), flags, t_match, t_checks, t_recheck, digest(found, checked, rechecked)


def _measure(args: argparse.Namespace) -> dict:
    """Every figure of one run of the current process's code, as a dict."""
    glossary = glossary_of(args.entries)
    copies = -(-args.links // len(TELEGRAM_LINKS))
    sizes = []
    for factor in args.sizes:
        alignment = alignment_of(copies * factor)
        runs = [_run(alignment, glossary) for _ in range(max(1, args.repeat))]
        hits, flags, t_match, t_checks, t_recheck, fingerprint = min(
            runs, key=lambda r: r[2][1] + r[3][1])
        sizes.append({"factor": factor, "links": len(alignment.links), "hits": hits,
                      "flags": flags, "match": t_match, "checks": t_checks,
                      "recheck": t_recheck, "digest": fingerprint})
    bundled = load_glossary(bundled_glossary_path())
    telegram = Alignment(*load_bundled(), [Link(a, b) for a, b in TELEGRAM_LINKS])
    _cold()
    telegram_digest = digest(find_hits(telegram, bundled), apply_checks(telegram, bundled))
    alignment = alignment_of(copies)
    _cold()
    by_segment, *t_hl = _timed(lambda: hits_by_segment(alignment, bundled))
    return {"entries": len(glossary), "sizes": sizes, "highlights": t_hl,
            "telegram_digest": telegram_digest,
            "highlight_entries": len(bundled), "highlight_links": len(alignment.links),
            "highlight_segments": len(by_segment),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _print(result: dict, title: str = "") -> None:
    if title:
        print(title)
    print(f"glossary: {result['entries']} entries")
    print("seconds as wall/cpu (cpu time is steadier on a busy machine)")
    print(f"{'size':>4} {'links':>7} {'hits':>8} {'match s':>13} {'checks s':>11} "
          f"{'recheck s':>11} {'flags':>7} {'digest of hits and findings':>28}")
    cpu_at: dict[int, float] = {}
    for row in result["sizes"]:
        cpu_at[row["factor"]] = row["match"][1] + row["checks"][1]
        print(f"{row['factor']:>3}x {row['links']:>7} {row['hits']:>8} "
              f"{_pair(row['match']):>13} {_pair(row['checks']):>11} "
              f"{_pair(row['recheck']):>11} {row['flags']:>7} {row['digest']:>28}")
    if 1 in cpu_at and 2 in cpu_at and 4 in cpu_at:
        print(f"growth of match + checks (cpu): 2x/1x {cpu_at[2] / cpu_at[1]:.2f}, "
              f"4x/2x {cpu_at[4] / cpu_at[2]:.2f}")
    print(f"highlights for an export, bundled glossary ({result['highlight_entries']} entries), "
          f"{result['highlight_links']} links: {_pair(result['highlights'])} s, "
          f"{result['highlight_segments']} segments with hits")
    print(f"the telegram's hits and findings, bundled glossary: digest "
          f"{result['telegram_digest']}")
    print(f"peak memory: {result['peak_mb']:.0f} MB")


def _child(code: Path, args: argparse.Namespace) -> dict:
    """One run of this script on the code in ``code``, in a child process."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child",
               "--links", str(args.links), "--entries", str(args.entries),
               "--sizes", ",".join(map(str, args.sizes))]
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run(command, env=env, cwd=code, check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _best(a: dict | None, b: dict) -> dict:
    """Of two runs, the one with the least CPU time for matching and checks at the first size."""
    if a is None:
        return b
    cpu = lambda r: r["sizes"][0]["match"][1] + r["sizes"][0]["checks"][1]  # noqa: E731
    return a if cpu(a) <= cpu(b) else b


def _side_by_side(args: argparse.Namespace) -> None:
    here = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        trees = []
        for n, rev in enumerate(args.baseline):
            tree = Path(tmp) / f"baseline-{n}"
            subprocess.run(["git", "-C", str(here), "worktree", "add", "--detach", "-q",
                            str(tree), rev], check=True)
            trees.append(tree)
        try:
            best: list[dict | None] = [None] * (len(trees) + 1)
            for _ in range(max(1, args.repeat)):
                # alternately, so that every version sees the same load
                for n, code in enumerate([*trees, here]):
                    best[n] = _best(best[n], _child(code, args))
        finally:
            for tree in trees:
                subprocess.run(["git", "-C", str(here), "worktree", "remove", "--force",
                                str(tree)], check=True)
    *olds, new = best
    assert new is not None
    for rev, old in zip(args.baseline, olds, strict=True):
        assert old is not None
        _print(old, f"== baseline {rev}")
        print()
    _print(new, "== current code")
    for rev, old in zip(args.baseline, olds, strict=True):
        assert old is not None
        print(f"\ncurrent / {rev} (cpu):")
        for o, n in zip(old["sizes"], new["sizes"], strict=True):
            total_o = o["match"][1] + o["checks"][1]
            total_n = n["match"][1] + n["checks"][1]
            same = "the same" if n["flags"] == o["flags"] else f"{n['flags']} against {o['flags']}"
            if n["digest"] == o["digest"]:
                same += ", hits and findings identical (digest)"
            print(f"  {n['factor']}x: match {n['match'][1] / o['match'][1]:.2f}, "
                  f"checks {n['checks'][1] / o['checks'][1]:.2f}, "
                  f"re-check {n['recheck'][1] / o['recheck'][1]:.2f}, "
                  f"match + checks {total_n:.2f} s against {total_o:.2f} s: "
                  f"{total_n / total_o:.2f}; findings counted {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--links", type=int, default=10_000, help="links at 1x (default 10000)")
    parser.add_argument("--entries", type=int, default=200, help="glossary entries (default 200)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per size; the one with the least CPU time is shown")
    parser.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")],
                        default=[1, 2, 4], help="multiples of --links to run (default 1,2,4)")
    parser.add_argument("--baseline", metavar="REV", action="append",
                        help="also measure git revision REV, side by side, and print ratios "
                             "(may be given more than once)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args)))
    elif args.baseline:
        _side_by_side(args)
    else:
        _print(_measure(args))


if __name__ == "__main__":
    main()
