"""The sentence level: quality on the two-level benchmarks, speed on 10,000+ paragraphs,
and the bundled telegram's sentence table (run on demand; asserts nothing).

    .venv/bin/python bench/bench_sentences.py [--quality] [--speed] [--telegram] [--rules]
        [--command] [--paragraphs 10000] [--sizes 1,2] [--repeat 3] [--baseline REV ...]
        [--distinct]

--quality runs the commands a user runs (``aligner align --sentences lines`` then
``aligner eval --level sentence|paragraph``) on ../shared/bench/ruen-twolevel
(measure only), bleualign-defr test0-6 and bleualign-defr dev with runs of its gold
beads made paragraphs (dev: see ``_defr_dev_in_paragraphs``), and scores ruen-paragraph's
paragraph links with and without the sentence level (``--sentences auto``).
--speed builds a pair of at least --paragraphs paragraphs a side from
ruen-paragraph (as bench_align_speed.py does; with ``--distinct``, every ru-en work of
the paragraph-level sets once, so that no cache is flattered by repeated texts) and
times, in a fresh process
pinned to one core, the sentence split, the paragraph alignment and the sentence
level in CPU seconds; with ``--baseline REV`` (repeatable) also by the aligner of
git revision REV, alternating with this tree in the same run. --telegram prints
the README's table of the telegram.
--rules counts the paragraphs that ``aligner export --segmentation-rules`` cuts
where the sentence splitter does. --command times what a user runs, ``aligner align``
with ``--sentences off`` and with ``auto``, on the --speed pair written as files (a
paragraph a line, as the bench's files are, and hard-wrapped at 72 columns, as
plain-text editions are), in CPU seconds of fresh processes pinned to one core, each
tree's bytecode cached as an installed package's is, with ``--baseline`` and
``--distinct`` as for --speed. With no option, all five.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO.parent / "shared" / "bench"
TWOLEVEL = BENCH / "ruen-twolevel"
DEFR = BENCH / "bleualign-defr"
RUEN = BENCH / "ruen-paragraph"
TELEGRAM = REPO / "texts" / "kuznetsov-zorin-1962-10-30" / "kuznetsov-zorin-1962-10-30"


def _aligner(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "aligner", *args],
        cwd=cwd, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def _scores(files: list[str], level: str, cwd: Path) -> tuple[float, float]:
    out = json.loads(_aligner("eval", *files, "--level", level, "--format", "json", cwd=cwd))
    return out["strict"]["f1"], out["lax"]["f1"]


def quality() -> None:
    print("| corpus | level | strict F1 | lax F1 |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        src, tgt = TWOLEVEL / "ntrex_all.ru.txt", TWOLEVEL / "ntrex_all.en.txt"
        _aligner(
            "align", str(src), str(tgt), "--sentences", "lines", "-o", "tl.json", "-q", cwd=work
        )
        for level, gold in (("sentence", "sent"), ("paragraph", "para")):
            strict, lax = _scores(
                ["tl.json", str(TWOLEVEL / f"ntrex_all.{gold}.gold")], level, work
            )
            print(f"| ruen-twolevel (--sentences lines) | {level} | {strict:.4f} | {lax:.4f} |")
        files = []
        for k in range(7):
            name = f"test{k}"
            _aligner(
                "align", str(DEFR / f"{name}.de"), str(DEFR / f"{name}.fr"), "--source-lang", "de",
                "--target-lang", "fr", "--sentences", "lines", "-o", f"{name}.json", "-q", cwd=work,
            )  # fmt: skip
            files += [f"{name}.json", str(DEFR / f"{name}.defr")]
        strict, lax = _scores(files, "sentence", work)
        print(
            f"| bleualign-defr test0-6 (--sentences lines) | sentence | {strict:.4f} | {lax:.4f} |"
        )
        for seed in DEV_SEEDS:
            strict, lax = _defr_dev_in_paragraphs(seed, work)
            print(
                f"| bleualign-defr dev in paragraphs (grouping {seed}) | sentence "
                f"| {strict:.4f} | {lax:.4f} |"
            )
    _ruen_paragraph()


#: Seeds of the groupings of bleualign-defr dev into paragraphs (three, to see the spread).
DEV_SEEDS = (0, 1, 2)
#: Gold beads per paragraph in the dev grouping: 1 to 6, as paragraphs of expository prose run.
DEV_PARAGRAPH_BEADS = (1, 6)


def _defr_dev_in_paragraphs(seed: int, work: Path) -> tuple[float, float]:
    """bleualign-defr dev as a two-level text: runs of its gold beads made paragraphs.

    The only dev set with sentence gold is one sentence per line with no paragraphs;
    grouping consecutive gold beads into paragraphs on both sides (blank lines between
    them, one sentence per line inside) gives paragraph links that hold whole sentence
    beads, as a translation's paragraphs do, so the sentence search inside paragraph
    links can be compared on it. Dev data: it may be tuned on.
    """
    import random

    sys.path.insert(0, str(REPO))
    from aligner.io.ladder import read_ladder

    gold = read_ladder(DEFR / "dev.defr")
    rng = random.Random(seed)
    groups, k = [], 0
    while k < len(gold):
        size = rng.randint(*DEV_PARAGRAPH_BEADS)
        groups.append(gold[k : k + size])
        k += size
    names = []
    for side, ext in ((0, "de"), (1, "fr")):
        lines = (DEFR / f"dev.{ext}").read_text(encoding="utf-8").splitlines()
        starts = sorted({0} | {min(g for b in grp for g in b[side]) for grp in groups
                               if any(b[side] for b in grp)})  # fmt: skip
        ends = [*starts[1:], len(lines)]
        name = f"dev{seed}.{ext}"
        text = "\n\n".join("\n".join(lines[a:b]) for a, b in zip(starts, ends, strict=True))
        (work / name).write_text(text + "\n", encoding="utf-8")
        names.append(name)
    _aligner(
        "align", names[0], names[1], "--source-lang", "de", "--target-lang", "fr",
        "--sentences", "lines", "-o", f"dev{seed}.json", "-q", cwd=work,
    )  # fmt: skip
    return _scores([f"dev{seed}.json", str(DEFR / "dev.defr")], "sentence", work)


def _ruen_paragraph() -> None:
    sys.path.insert(0, str(REPO))
    from aligner.core.align import align_documents
    from aligner.core.evaluate import score_alignments
    from aligner.core.sentences import align_sentences
    from aligner.io.ladder import alignment_beads, read_ladder
    from aligner.io.texts import load_document

    before, after = [], []
    for gold in sorted(RUEN.glob("*.gold")):
        work = gold.name[: -len(".gold")]
        ru = load_document(RUEN / f"{work}.ru.txt", "ru", sentences="auto")
        en = load_document(RUEN / f"{work}.en.txt", "en", sentences="auto")
        cache: dict = {}
        paragraphs = align_documents(ru, en, feature_cache=cache)
        two_level = align_sentences(paragraphs, feature_cache=cache)
        beads = read_ladder(gold)
        before.append((alignment_beads(paragraphs), beads))
        after.append((alignment_beads(two_level), beads))
    for name, pairs in (("paragraphs only", before), ("with the sentence level", after)):
        s = score_alignments(pairs)
        print(
            f"| ruen-paragraph, 8 works, {name} | paragraph | {s.strict.f1:.4f} | {s.lax.f1:.4f} |"
        )


def run_speed(paragraphs: int, tree: Path = REPO) -> dict[str, float]:
    """One size in this process with the aligner of ``tree``: CPU seconds of each step.
    ``paragraphs`` 0 or less: every ru-en work of the paragraph-level sets once."""
    sys.path.insert(0, str(tree))
    import aligner
    from aligner.core.align import align_documents
    from aligner.core.model import Document, Segment
    from aligner.core.sentences import align_sentences, split_document

    # The package must come from the tree asked for, not from an installed copy.
    assert Path(aligner.__file__).resolve().is_relative_to(tree.resolve()), aligner.__file__
    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import pair_of

    src, tgt, _ = pair_of(paragraphs)
    source = Document(tuple(Segment(t) for t in src), language="ru")
    target = Document(tuple(Segment(t) for t in tgt), language="en")
    cpu = time.process_time()
    source, target = split_document(source), split_document(target)
    split = time.process_time() - cpu
    cache: dict = {}
    cpu = time.process_time()
    alignment = align_documents(source, target, feature_cache=cache)
    paragraph = time.process_time() - cpu
    cpu = time.process_time()
    two_level = align_sentences(alignment, feature_cache=cache)
    sentence = time.process_time() - cpu
    assert not two_level.coverage_errors() and not two_level.sentence_errors()
    return {
        "paragraphs": len(src),
        "sentences": source.sentence_count + target.sentence_count,
        "split": round(split, 2),
        "paragraph": round(paragraph, 2),
        "sentence": round(sentence, 2),
    }


def _speed_child(paragraphs: int, tree: Path) -> dict[str, float]:
    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import pinned

    cmd = pinned([sys.executable, __file__, "--child", str(paragraphs), "--tree", str(tree)])
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def speed(paragraphs: int, sizes: list[int], baselines: list[str], repeat: int) -> None:
    """Each size in a fresh process per tree (this one, then each baseline revision,
    alternating ``repeat`` times); the run with the least sentence-level CPU time is shown.
    ``paragraphs`` 0: the distinct works once, one size."""
    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import checkout

    names = ["this tree", *baselines]
    print(
        "| tree | size | ru paragraphs | sentences (both sides) | split CPU s "
        "| paragraph level CPU s | sentence level CPU s | (split + sentence) / paragraph |"
    )
    print("|---|---|---|---|---|---|---|---|")
    with contextlib.ExitStack() as stack:
        trees = [REPO, *(stack.enter_context(checkout(rev)) for rev in baselines)]
        for k in sizes:
            runs: list[list[dict[str, float]]] = [[] for _ in trees]
            for _ in range(repeat):
                for t, tree in enumerate(trees):
                    runs[t].append(_speed_child(paragraphs * k, tree))
            for name, tree_runs in zip(names, runs, strict=True):
                r = min(tree_runs, key=lambda row: row["split"] + row["sentence"])
                extra = (r["split"] + r["sentence"]) / r["paragraph"]
                size = f"{k}x" if paragraphs else "distinct"
                print(
                    f"| {name} | {size} | {r['paragraphs']} | {r['sentences']} | {r['split']:.2f} "
                    f"| {r['paragraph']:.2f} | {r['sentence']:.2f} | {extra:.2f} |"
                )


#: Columns a hard-wrapped plain-text edition breaks its lines at (Project Gutenberg's
#: texts are wrapped at 70-72): the --command runs time such files too, since the
#: bench's own files hold a paragraph on one line.
WRAP_COLUMNS = 72


def _pair_files(folder: Path, paragraphs: int, wrap: bool) -> tuple[Path, Path, int]:
    """The --speed pair written as two files (hard-wrapped when ``wrap``)."""
    import textwrap

    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import pair_of

    src, tgt, _ = pair_of(paragraphs)
    files = []
    for name, texts in (("pair.ru.txt", src), ("pair.en.txt", tgt)):
        body = [textwrap.fill(t, WRAP_COLUMNS) if wrap else t for t in texts]
        path = folder / name
        path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
        files.append(path)
    return files[0], files[1], len(src)


def _tree_env(tree: Path, cache: Path) -> dict[str, str]:
    """The environment a run of ``tree``'s package gets: its bytecode kept in ``cache``,
    as an installed package has it (pip compiles it), whatever this shell says."""
    env = dict(os.environ, PYTHONPATH=str(tree), OMP_NUM_THREADS="1",
               PYTHONPYCACHEPREFIX=str(cache))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _command_cpu(tree: Path, ru: Path, en: Path, mode: str, folder: Path,
                 env: dict[str, str]) -> float:
    """CPU seconds of one ``aligner align RU EN -o OUT -q --sentences MODE`` run with the
    package of ``tree`` (``env``), in a fresh process pinned to one core."""
    out = folder / f"out-{mode}.json"
    out.unlink(missing_ok=True)
    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import pinned

    cmd = pinned([sys.executable, "-m", "aligner", "align", str(ru), str(en), "-o", str(out),
                  "-q", "--sentences", mode])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, cwd=folder, env=env, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def command_speed(paragraphs: int, sizes: list[int], baselines: list[str], repeat: int) -> None:
    """The commands a user runs: ``aligner align`` with ``--sentences off`` and ``auto`` on
    the pair as files (one line per paragraph, and hard-wrapped), each tree alternating
    ``repeat`` times; the least CPU time of each is shown."""
    sys.path.insert(0, str(REPO / "bench"))
    from bench_align_speed import checkout

    names = ["this tree", *baselines]
    print("| tree | size | ru paragraphs | lines | `--sentences off` CPU s "
          "| `--sentences auto` CPU s | auto / off |")
    print("|---|---|---|---|---|---|---|")
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        trees = [REPO, *(stack.enter_context(checkout(rev)) for rev in baselines)]
        envs = [_tree_env(tree, Path(tmp) / f"bytecode-{t}") for t, tree in enumerate(trees)]
        for tree, env in zip(trees, envs, strict=True):  # each run uses its tree's package
            where = subprocess.run(
                [sys.executable, "-c", "import aligner; print(aligner.__file__)"],
                check=True, capture_output=True, text=True, cwd=tmp, env=env,
            ).stdout.strip()  # fmt: skip
            assert Path(where).resolve().is_relative_to(tree.resolve()), where
        warmed = False
        for k in sizes:
            for wrap in (False, True):
                folder = Path(tmp) / f"{k}-{wrap}"
                folder.mkdir()
                ru, en, count = _pair_files(folder, paragraphs * k, wrap)
                if not warmed:  # the first runs write the bytecode: not timed
                    for tree, env in zip(trees, envs, strict=True):
                        for mode in ("off", "auto"):
                            _command_cpu(tree, ru, en, mode, folder, env)
                    warmed = True
                best: list[dict[str, float]] = [{} for _ in trees]
                for _ in range(repeat):
                    for t, tree in enumerate(trees):
                        for mode in ("off", "auto"):
                            cpu = _command_cpu(tree, ru, en, mode, folder, envs[t])
                            best[t][mode] = min(best[t].get(mode, cpu), cpu)
                size = f"{k}x" if paragraphs else "distinct"
                lines = f"wrapped at {WRAP_COLUMNS}" if wrap else "a paragraph a line"
                for name, b in zip(names, best, strict=True):
                    print(f"| {name} | {size} | {count} | {lines} | {b['off']:.2f} "
                          f"| {b['auto']:.2f} | {b['auto'] / b['off']:.2f} |")


def telegram() -> None:
    sys.path.insert(0, str(REPO))
    from aligner.core.align import align_documents
    from aligner.core.sentences import align_sentences
    from aligner.io.glossary_files import load_glossary
    from aligner.io.texts import load_document

    ru = load_document(f"{TELEGRAM}.ru.txt", sentences="auto")
    en = load_document(f"{TELEGRAM}.en.txt", sentences="auto")
    pairs = load_glossary(REPO / "texts" / "glossaries" / "kuznetsov-zorin-1962-10-30.toml")
    cache: dict = {}
    alignment = align_sentences(
        align_documents(ru, en, glossary_pairs=pairs.term_pairs(), feature_cache=cache),
        glossary_pairs=pairs.term_pairs(), feature_cache=cache,
    )  # fmt: skip
    links = [s for lk in alignment.links for s in lk.sentences]
    kinds = Counter(s.bead for s in links)
    across = [
        s for lk in alignment.links for s in lk.sentences
        if len({en.sentence_paragraph(g) for g in s.target}) > 1
    ]  # fmt: skip
    linked = {g for s in links if s.source for g in s.target}
    print("| | Russian (reconstruction) | English (archival) |")
    print("|---|---|---|")
    print(f"| paragraphs of the body | {len(ru.segments)} | {len(en.segments)} |")
    print(f"| sentences | {ru.sentence_count} | {en.sentence_count} |")
    print(f"| paragraph links | {len(alignment.links)} | |")
    types = ", ".join(f"{b}: {kinds[b]}" for b in sorted(kinds, key=lambda b: (-kinds[b], b)))
    print(f"| sentence links | {len(links)} ({types}) | |")
    share = f"{len(linked)} of {en.sentence_count}"
    print(f"| English sentences in a link with Russian ones | | {share} |")
    print(f"| sentence links across the page break | {len(across)} | |")
    low = sum(1 for s in links if s.needs_review)
    print(f"| sentence links marked for review | {low} | |")


def rules_agreement() -> None:
    """How many paragraphs the exported segmentation rules cut where the splitter does."""
    sys.path.insert(0, str(REPO))
    from aligner.core.sentences.segment import sentence_spans
    from aligner.io.export.segmentation_rules import srx_segments
    from aligner.io.texts import load_document

    print("| texts | paragraphs | cut alike by the SRX rules and the splitter |")
    print("|---|---|---|")
    sets = (
        ("ruen-paragraph (ru and en)", sorted(RUEN.glob("*.txt"))),
        ("ruen-stress (ru and en)", sorted((BENCH / "ruen-stress").glob("*.txt"))),
        ("the telegram (ru and en)", sorted(TELEGRAM.parent.glob("*.txt"))),
    )
    for name, files in sets:
        total = alike = 0
        for path in files:
            for seg in load_document(path).segments:
                text = " ".join(seg.text.split())  # a CAT tool's paragraph: lines joined
                total += 1
                alike += srx_segments(text) == [text[a:b] for a, b in sentence_spans(text)]
        print(f"| {name} | {total} | {alike} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--speed", action="store_true")
    parser.add_argument("--telegram", action="store_true")
    parser.add_argument(
        "--command", action="store_true",
        help="time `aligner align` with --sentences off and auto, as a user runs it",
    )  # fmt: skip
    parser.add_argument("--rules", action="store_true")
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--sizes", default="1,2", help="multiples of --paragraphs to time")
    parser.add_argument(
        "--baseline", action="append", default=[],
        help="with --speed: a git revision to time beside this tree (repeatable)",
    )  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="with --speed: runs per tree")
    parser.add_argument(
        "--distinct", action="store_true",
        help="with --speed: every ru-en work of ruen-paragraph, ruen-stress and ruen-twolevel "
             "once instead of ruen-paragraph repeated (no text read twice)",
    )  # fmt: skip
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--tree", type=Path, default=REPO, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_speed(args.child, args.tree)))
        return
    every = not (args.quality or args.speed or args.telegram or args.rules or args.command)
    if args.rules or every:
        rules_agreement()
        print()
    if args.telegram or every:
        telegram()
        print()
    if args.quality or every:
        quality()
        print()
    # --distinct: the distinct works once (0 paragraphs asks for them), one size
    sizes = [1] if args.distinct else [int(s) for s in args.sizes.split(",")]
    paragraphs = 0 if args.distinct else args.paragraphs
    if args.speed or every:
        speed(paragraphs, sizes, args.baseline, args.repeat)
    if args.command or every:
        print()
        command_speed(paragraphs, sizes, args.baseline, args.repeat)


if __name__ == "__main__":
    main()
