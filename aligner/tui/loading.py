"""Aligning before the review can start: the job and the progress screen shown meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from aligner.core.model import Alignment
from aligner.tui.render import literal

Progress = Callable[[float], None]


@dataclass(frozen=True)
class AlignJob:
    """Work that produces the alignment to review (run in a thread worker)."""

    label: str
    """What is being aligned, for the progress screen."""
    run: Callable[[Progress], Alignment]
    """Called with a progress callback taking a fraction in [0, 1]."""
    save: bool = True
    """Save the result to the app's alignment path as soon as it is made."""


class LoadingScreen(Screen):
    """A progress bar while the aligner works; q still quits."""

    BINDINGS = [Binding("q,ctrl+q", "app.quit", "Quit")]

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="loading"):
            yield Static(literal(f"Aligning {self.what}…"), classes="dialog-title")
            yield ProgressBar(total=100, show_eta=False, id="align-progress")
            yield Static(literal("The review opens when the alignment is ready."),
                         classes="dialog-hint")
        yield Footer()

    def set_progress(self, fraction: float) -> None:
        self.query_one(ProgressBar).update(progress=round(100 * min(max(fraction, 0.0), 1.0)))
