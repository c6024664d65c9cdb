"""Python's cyclic garbage collector held off while an alignment builds its objects.

An alignment creates hundreds of thousands of small objects that all stay alive
(features, key sets, evidence, links), and it makes no reference cycles: the
collector's passes over the growing heap find next to nothing and took about a
fifth of the sentence level's time and an eighth of the paragraph level's at the
1x size of bench/bench_sentences.py --speed. Reference counting still frees everything
that is dropped; the collector resumes when the alignment ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; nested or concurrent blocks leave the
    collector as the outermost one found it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
