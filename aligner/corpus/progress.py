"""The overall progress of a corpus run: one bar on a terminal, plain lines elsewhere.

Pairs and paragraphs done, the rate, and an ETA weighed by the texts' sizes
(a 500-paragraph novel takes longer than a 5-paragraph telegram, and sizes are
known before anything is aligned). Failures are printed as their own lines
above the bar, so they stay on screen when the bar moves on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

__all__ = ["Progress", "format_duration"]

#: Seconds between plain-text progress lines when the output is not a terminal.
PLAIN_INTERVAL = 10.0
#: Seconds between redraws of the bar on a terminal (fast enough to look live).
BAR_INTERVAL = 0.2
BAR_WIDTH = 24


def format_duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


@dataclass
class Progress:
    """Counts of a run and their drawing on ``stream``."""

    stream: TextIO
    total_pairs: int
    total_size: int
    """Bytes of all texts to align (the ETA's measure of work)."""
    interactive: bool = False
    clock: Callable[[], float] = time.monotonic
    done: int = 0
    failed: int = 0
    paragraphs: int = 0
    size_done: int = 0
    _started: float = field(default=0.0, init=False)
    _last_draw: float = field(default=float("-inf"), init=False)
    _bar_shown: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        self._started = self.clock()

    def line(self) -> str:
        """The progress line: ``[####----] 12/400 pairs, 5,321 paragraphs, 3.1 pairs/s, ETA 2m``."""
        elapsed = max(self.clock() - self._started, 1e-9)
        share = self.size_done / self.total_size if self.total_size else (
            self.done / self.total_pairs if self.total_pairs else 1.0)
        filled = int(BAR_WIDTH * min(share, 1.0))
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        rate = self.done / elapsed
        parts = [f"[{bar}] {self.done}/{self.total_pairs} pairs",
                 f"{self.paragraphs:,} paragraphs", f"{rate:.2f} pairs/s"]
        if self.failed:
            parts.append(f"{self.failed} failed")
        if 0 < share < 1:
            parts.append(f"ETA {format_duration(elapsed * (1 - share) / share)}")
        elif self.done == self.total_pairs:
            parts.append(f"took {format_duration(elapsed)}")
        return ", ".join(parts)

    def advance(self, *, ok: bool, paragraphs: int, size: int) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        self.paragraphs += paragraphs
        self.size_done += size
        self.draw(final=self.done == self.total_pairs)

    def message(self, text: str) -> None:
        """A line of its own (a failure), kept above the bar."""
        if self.interactive and self._bar_shown:
            self.stream.write("\r\x1b[2K")
        self.stream.write(text + "\n")
        self._bar_shown = False
        self.draw(force=self.interactive)

    def draw(self, *, final: bool = False, force: bool = False) -> None:
        now = self.clock()
        interval = BAR_INTERVAL if self.interactive else PLAIN_INTERVAL
        if not (final or force or now - self._last_draw >= interval):
            return
        self._last_draw = now
        if self.interactive:
            self.stream.write("\r\x1b[2K" + self.line() + ("\n" if final else ""))
            self._bar_shown = not final
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the bar's line (when the run stopped before every pair was done)."""
        if self.interactive and self._bar_shown:
            self.stream.write("\n")
            self.stream.flush()
            self._bar_shown = False
