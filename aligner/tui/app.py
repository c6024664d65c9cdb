"""The review workspace app and :func:`build_app`, the factory the CLI and the tests use.

The app owns a :class:`~aligner.tui.session.ReviewSession` (alignment, undo,
saving) and redraws from it after each change. Slow work runs in thread
workers that call core functions only and hand results back to the UI thread:
aligning a text pair, finding glossary terms, re-running the term checks and
writing the crash journal.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from aligner.core.model import Alignment
from aligner.core.review import ViewFilter, links_by_term, needs_review, view_ids
from aligner.errors import AlignerError
from aligner.tui.actions import ReviewActions
from aligner.tui.detail import DetailPane
from aligner.tui.dialogs import ChoiceDialog, ErrorDialog
from aligner.tui.keymap import KEYS, app_bindings, readable_keys
from aligner.tui.links_table import LinksTable
from aligner.tui.loading import AlignJob, LoadingScreen
from aligner.tui.panels import TermsPanel, banner_text, document_line
from aligner.tui.render import label
from aligner.tui.session import ReviewSession
from aligner.tui.styles import CAUTION_BOLD
from aligner.tui.terms_view import TermsMixin


class AlignerApp(TermsMixin, ReviewActions, App):
    """Read, correct and confirm an alignment, with key terms highlighted."""

    CSS_PATH = "aligner.tcss"
    TITLE = "aligner"
    BINDINGS = app_bindings()

    def __init__(
        self,
        alignment: Alignment | None,
        *,
        alignment_path: str | Path,
        glossary: Any = None,
        job: AlignJob | None = None,
    ) -> None:
        super().__init__()
        self.alignment_path = Path(alignment_path)
        self.glossary = glossary
        self.job = job
        self.session: ReviewSession | None = None
        if alignment is not None:
            self.session = ReviewSession(alignment, self.alignment_path, glossary)
        self.view_filter = ViewFilter()
        self.order = "document"
        self.hits: dict[tuple[str, int], list[Any]] = {}
        self.term_links: dict[str, set[int]] = {}
        self.matches: list[int] = []
        self._journal_timer: Any = None
        self.messages: list[str] = []
        """Every notification shown, newest last (a log a reviewer or a test can read)."""

    def compose(self) -> ComposeResult:
        yield Static(id="doc-header", markup=False)
        yield Static(id="banner", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield LinksTable(id="links")
                yield DetailPane(id="detail")
            yield TermsPanel(id="terms")
        yield Static(id="status-line", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        if self.session is not None:
            self.call_after_refresh(self.start_review)
        elif self.job is not None:
            self.push_screen(LoadingScreen(self.job.label))
            self.run_alignment(self.job)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every key's command, then Textual's own (themes, ...)."""
        for spec in KEYS:
            if spec.action:
                yield SystemCommand(f"{spec.description} ({readable_keys(spec)})",
                                    spec.help or spec.description,
                                    partial(self.run_action, spec.action))
        yield from super().get_system_commands(screen)

    # --- start ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="align")
    def run_alignment(self, job: AlignJob) -> None:
        """Align in a thread; progress and the result go back to the UI thread."""
        def progress(fraction: float) -> None:
            self.call_from_thread(self._progress, fraction)

        try:
            alignment = job.run(progress)
        except AlignerError as exc:
            self.call_from_thread(self._fatal, str(exc))
            return
        self.call_from_thread(self._aligned, alignment)

    def _progress(self, fraction: float) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.screen.set_progress(fraction)

    def _aligned(self, alignment: Alignment) -> None:
        self.session = ReviewSession(alignment, self.alignment_path, self.glossary)
        if self.job is not None and self.job.save:
            try:
                self.session.save()
            except AlignerError as exc:
                self.notify(f"Not saved: {exc}", severity="error", markup=False)
        if isinstance(self.screen, LoadingScreen):
            self.pop_screen()
        self.start_review()

    def _fatal(self, message: str) -> None:
        if isinstance(self.screen, LoadingScreen):
            self.pop_screen()
        self.push_screen(ErrorDialog(message), lambda _: self.exit(return_code=2))

    def start_review(self) -> None:
        """Fill the screen from the session, then look for terms and a journal."""
        assert self.session is not None
        al = self.session.alignment
        header = document_line("SOURCE", al.source)
        header.append("\n")
        header.append_text(document_line("TARGET", al.target))
        self.query_one("#doc-header", Static).update(header)
        banner = self.query_one("#banner", Static)
        text = banner_text(al)
        banner.display = text is not None
        if text is not None:
            banner.update(text)
        self.sub_title = self.alignment_path.name
        self.query_one(TermsPanel).fill(self.glossary, {}, {})
        self.refresh_view()
        self.links.focus()
        if self.glossary is not None:
            self.find_terms(al)
        self.offer_journal()

    def offer_journal(self) -> None:
        """If edits of an earlier session were never saved, offer to bring them back.

        Damaged journals are set aside and reported; they never block opening.
        """
        assert self.session is not None
        scan = self.session.other_journals()
        for damaged in scan.damaged:
            self.notify(f"{damaged.message}; the alignment opens as saved.",
                        severity="warning", markup=False, timeout=15)
        if not scan.entries:
            return
        entry = scan.entries[0]
        stale = " The alignment file was saved after them." if entry.stale else ""
        more = (f" ({len(scan.entries) - 1} older journals are kept beside it.)"
                if len(scan.entries) > 1 else "")
        message = (f"{entry.edits} unsaved edits from {entry.time} were found in "
                   f"{entry.path.name}.{stale}{more} Restore them?")

        def answer(choice: str | None) -> None:
            if choice == "restore" and self.session is not None:
                self.session.restore(entry.alignment)
                entry.path.unlink(missing_ok=True)  # now held by this session's journal
                self.after_change(None)
                self.notify("Unsaved edits restored; save with ctrl+s.")
            elif choice == "discard":
                entry.path.unlink(missing_ok=True)

        self.push_screen(ChoiceDialog("Unsaved edits found", message, [
            ("restore", "Restore"), ("discard", "Discard them"), ("later", "Not now")]), answer)

    # --- redrawing --------------------------------------------------------------------

    @property
    def links(self) -> LinksTable:
        return self.query_one("#links", LinksTable)

    @property
    def term_order(self) -> list[str]:
        return self.glossary.ids() if self.glossary is not None else []

    def refresh_view(self, changed: Iterable[int] | None = None, focus: int | None = None
                     ) -> None:
        """Show the links the view selects, keep (or move) the cursor, redraw the rest."""
        if self.session is None:
            return
        al = self.session.alignment
        table = self.links
        current = focus if focus is not None else table.current_id
        ids = view_ids(al, self.view_filter, self.order, self.term_links)
        table.show(al, ids, set(changed) if changed is not None else None)
        if current is not None and not table.select(current) and ids:
            table.move_cursor(row=min(table.cursor_row, len(ids) - 1))
        table.redraw()
        self.show_detail()
        self.update_status()

    def show_detail(self) -> None:
        if self.session is None:
            return
        lid = self.links.current_id
        al = self.session.alignment
        link = al.links[al.link_index(lid)] if lid is not None else None
        self.query_one(DetailPane).show(al, link, self.hits, self.term_order)

    def update_status(self) -> None:
        assert self.session is not None
        al = self.session.alignment
        shown = len(self.links.order)
        todo = sum(1 for lk in al.links if needs_review(lk))
        order = {"document": "document order", "queue": "weakest first",
                 "confidence": "by confidence"}[self.order]
        line = label(
            ("● unsaved  " if self.session.dirty else "saved  ",
             CAUTION_BOLD if self.session.dirty else "dim"),
            (f"{shown}/{len(al.links)} links", "bold"),
            f" · {order} · {self.view_filter.describe()} · side: {self.links.side}"
            f" · {todo} to review",
        )
        self.query_one("#status-line", Static).update(line)

    @on(DataTable.RowHighlighted, "#links")
    def _row_moved(self) -> None:
        self.show_detail()

    @on(DataTable.RowSelected, "#terms-table")
    def _term_chosen(self, event: DataTable.RowSelected) -> None:
        self.choose_term(str(event.row_key.value))

    # --- after an edit ------------------------------------------------------------------

    def after_change(self, changed: Iterable[int] | None, focus: int | None = None) -> None:
        """Redraw after an edit, then re-check terms and schedule the journal."""
        assert self.session is not None
        al = self.session.alignment
        if self.hits:
            self.term_links = links_by_term(
                al, ((h.term, s, i) for (s, i), hs in self.hits.items() for h in hs))
        self.refresh_view(changed, focus)
        if self.glossary is not None:
            self.run_checks(al)
        now = time.monotonic()
        due = self.session.schedule.edited(now)
        if self._journal_timer is not None:
            self._journal_timer.stop()
        # Textual timers need a positive delay; 50 ms is "at once" for a journal.
        self._journal_timer = self.set_timer(max(0.05, due - now), self.write_journal)

    def write_journal(self) -> None:
        if self.session is not None:
            self.session.schedule.written(time.monotonic())
        if self.session is not None and self.session.dirty:
            self._write_journal_thread()

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal")
    def _write_journal_thread(self) -> None:
        assert self.session is not None
        try:
            self.session.write_journal()
        except (AlignerError, OSError) as exc:
            self.call_from_thread(self.notify, f"Journal not written: {exc}",
                                  severity="warning", markup=False)

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        """Show a notification; document text in it is never read as markup."""
        self.messages.append(message)
        kwargs.setdefault("markup", False)
        super().notify(message, **kwargs)

    def show_error(self, message: str) -> None:
        self.push_screen(ErrorDialog(message))


def build_app(
    alignment: Alignment | None,
    *,
    alignment_path: str | Path,
    glossary: Any = None,
    job: AlignJob | None = None,
) -> AlignerApp:
    """The review app for an alignment (or for one to be made by ``job`` in a worker)."""
    if alignment is None and job is None:
        raise ValueError("build_app needs an alignment or a job that makes one")
    return AlignerApp(alignment, alignment_path=alignment_path, glossary=glossary, job=job)


__all__ = ["AlignerApp", "build_app"]
