"""The cyclic garbage collector paused while the term engine builds its index.

Matching a 10,000-link alignment makes about 300,000 hits (named tuples,
which the collector tracks for as long as they live, unlike plain tuples)
and the checks tens of thousands of findings. None of them refers back to
what holds it, so there is no cycle to find; yet the collector is started
every few hundred allocations, and while the index grows it walks the whole
heap again several times (measured on ``bench/bench_terms.py``: five full
collections during matching, a sixth of its time). The collector is paused
while a pass runs. At the end the objects the pass made would all be in the
youngest generation, and the first allocation after would walk them; most
live as long as the index, so they are moved to the oldest generation at once
(``gc.freeze`` then ``gc.unfreeze``, as the store's reader does), which only a
full collection visits. Objects someone else froze are left frozen.

Passes may run at once (the review UI checks from worker threads): the
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
