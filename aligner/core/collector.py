"""The cyclic garbage collector paused while aligner builds many long-lived objects.

Aligning, matching terms and reading or writing an alignment each make
hundreds of thousands of small objects that stay alive: an alignment's
features, evidence and links; about 300,000 term hits (named tuples, which the
collector tracks for as long as they live) and tens of thousands of findings
for a 10,000-link alignment; the millions of containers a 39 MB file parses
into. None of them refers back to what holds it, so there is no cycle to find;
yet the collector is started every few hundred allocations, and while the heap
grows it walks all of it again and again. Measured: five full collections
during term matching, a sixth of its time (``bench/bench_terms.py``); about a
fifth of the sentence level's time and an eighth of the paragraph level's
(``bench/bench_sentences.py --speed``); more than parsing a 39 MB file took
(``bench/bench_store.py``). Reference counting still frees everything that is
dropped. The collector is paused while such a pass runs. At the end the
objects the pass made would all be in the youngest generation, and the first
allocation after would walk them (0.1-0.17 s after loading a 39 MB file); they
either live long or are freed by reference counting a moment later, so they
are moved to the oldest generation at once (``gc.freeze`` then
``gc.unfreeze``, two list splices), which only a full collection visits.
Objects someone else froze are left frozen.

Passes may run at once (the review UI checks terms and saves from worker threads): the
collector resumes when the last one ends, and only if it was running before
the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_running = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector paused (see the module's docstring)."""
    global _running, _was_enabled
    with _LOCK:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _LOCK:
            _running -= 1
            if _running == 0 and _was_enabled:
                if not gc.get_freeze_count():
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()
