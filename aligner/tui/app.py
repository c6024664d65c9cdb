"""The review workspace: a thin Textual screen over the review controller.

Keys call a controller command and render the :class:`~aligner.tui.controller.Change`
it returns; dialogs collect an answer and hand it to a command. Slow work
(aligning, finding terms, re-running checks, the concordance, the journal)
runs in thread workers that call core functions only and post a message with
the result; the message handlers run on the UI thread, give the result to the
controller and render. No worker touches a widget or the controller.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from aligner.core.model import Alignment
from aligner.errors import AlignerError, SaveConflictError
from aligner.io.sanitize import clean_text
from aligner.tui.controller import Change, ReviewController
from aligner.tui.detail import DetailPane
from aligner.tui.dialogs import (
    ChoiceDialog,
    ErrorDialog,
    ExportChoice,
    ExportDialog,
    FilterDialog,
    PromptDialog,
    SearchDialog,
    SplitDialog,
)
from aligner.tui.keymap import KEYS, app_bindings, readable_keys
from aligner.tui.links_table import LinksTable
from aligner.tui.loading import AlignJob, LoadingScreen
from aligner.tui.panels import HelpScreen, TermsPanel, banner_text, concordance_view, document_line
from aligner.tui.render import label, literal, term_colour
from aligner.tui.session import ReviewSession
from aligner.tui.styles import CAUTION_BOLD

# --- what the workers post back ---------------------------------------------------------


class Aligned(Message):
    def __init__(self, alignment: Alignment) -> None:
        super().__init__()
        self.alignment = alignment


class Failed(Message):
    def __init__(self, text: str, fatal: bool = False, title: str = "Error") -> None:
        super().__init__()
        self.text, self.fatal, self.title = text, fatal, title


class Progressed(Message):
    def __init__(self, fraction: float) -> None:
        super().__init__()
        self.fraction = fraction


class TermsFound(Message):
    def __init__(self, hits: Mapping[tuple[str, int], Any], checked: Alignment,
                 basis: Alignment) -> None:
        super().__init__()
        self.hits, self.checked, self.basis = hits, checked, basis


class ChecksDone(Message):
    def __init__(self, checked: Alignment, basis: Alignment) -> None:
        super().__init__()
        self.checked, self.basis = checked, basis


class ConcordanceReady(Message):
    def __init__(self, term: str, lines: list[Any]) -> None:
        super().__init__()
        self.term, self.lines = term, lines


class Said(Message):
    """A sentence for the reviewer from a worker (journal trouble, a revision's effect)."""

    def __init__(self, text: str, severity: str = "information") -> None:
        super().__init__()
        self.text, self.severity = text, severity


class AlignerApp(App):
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
        opened_from: str | Path | None = None,
        export_folder: str | Path | None = None,
    ) -> None:
        super().__init__()
        self.alignment_path = Path(alignment_path)
        self.opened_from = Path(opened_from) if opened_from is not None else None
        self.export_folder = Path(export_folder) if export_folder is not None else None
        self.glossary = glossary
        self.job = job
        self.controller: ReviewController | None = None
        if alignment is not None:
            self.controller = self._controller(alignment)
        self.last_export: ExportChoice | None = None
        self.concordance_context = "sentence"
        """What the concordance cuts its context from: "sentence" (the sentence holding
        the occurrence, when the text is split into sentences) or "paragraph"."""
        self._journal_timer: Any = None
        self._leaving = False
        """Set by :meth:`exit`: from then on no callback touches the screen or the journal."""
        self.messages: list[str] = []
        """Every notification shown, newest last (a log a reviewer or a test can read)."""

    def _controller(self, alignment: Alignment) -> ReviewController:
        session = ReviewSession(alignment, self.alignment_path, self.glossary,
                                opened_from=self.opened_from)
        return ReviewController(session, self.term_order)

    # --- convenience for readers of the state ------------------------------------------

    @property
    def session(self) -> ReviewSession | None:
        return self.controller.session if self.controller is not None else None

    @property
    def links(self) -> LinksTable:
        return self.query_one("#links", LinksTable)

    @property
    def term_order(self) -> list[str]:
        return self.glossary.ids() if self.glossary is not None else []

    @property
    def closing(self) -> bool:
        """True once the app is leaving or shutting down.

        A worker's message, a timer or a call_later can arrive after the screen's
        widgets are gone (Textual removes the screens before it stops delivering
        messages): every such callback checks this first, instead of querying the
        links table and failing with NoMatches at teardown.
        """
        return self._leaving or not self.is_running

    def exit(self, result: Any = None, return_code: int = 0,
             message: Any = None) -> None:
        """Leave: stop the journal timer and write unsaved edits to the journal now
        (a discarded journal stays discarded), then exit."""
        self._leaving = True
        if self._journal_timer is not None:
            self._journal_timer.stop()
        if self.session is not None:
            try:
                self.session.close_journal()
            except (AlignerError, OSError) as exc:  # the screen is closing: keep the message
                self.messages.append(f"Journal not written: {exc}")
        super().exit(result, return_code, message)

    # --- layout and start ---------------------------------------------------------------

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
        if self.controller is not None:
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

    @work(thread=True, exclusive=True, exit_on_error=False, group="align")
    def run_alignment(self, job: AlignJob) -> None:
        """Align in a thread; progress and the result are posted back."""
        try:
            alignment = job.run(lambda fraction: self.post_message(Progressed(fraction)))
        except AlignerError as exc:
            self.post_message(Failed(str(exc), fatal=True))
            return
        self.post_message(Aligned(alignment))

    def on_progressed(self, message: Progressed) -> None:
        if not self.closing and isinstance(self.screen, LoadingScreen):
            self.screen.set_progress(message.fraction)

    def on_aligned(self, message: Aligned) -> None:
        if self.closing:
            return
        self.controller = self._controller(message.alignment)
        if self.job is not None and self.job.save:
            self.say(self.controller.save())
        if isinstance(self.screen, LoadingScreen):
            self.pop_screen()
        self.start_review()

    def on_failed(self, message: Failed) -> None:
        if self.closing:
            return
        if message.fatal:
            if isinstance(self.screen, LoadingScreen):
                self.pop_screen()
            self.push_screen(ErrorDialog(message.text), lambda _: self.exit(return_code=2))
        else:
            self.push_screen(ErrorDialog(message.text, message.title))

    def start_review(self) -> None:
        """Fill the screen from the controller, then look for terms and a journal."""
        assert self.controller is not None
        if self.closing:
            return
        al = self.controller.alignment
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
        self.render_change(Change(rows=True, cursor=self.controller.current))
        self.links.focus()
        if self.glossary is not None:
            self.find_terms(al, self.glossary)
        if self.controller.session.redirected:
            self.say(Change(message=f"Opened {self.opened_from}; saving writes a working copy "
                                    f"to {self.alignment_path}."))
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
            if choice == "restore" and self.controller is not None:
                self.render_change(self.controller.restore(entry.alignment))
                entry.path.unlink(missing_ok=True)  # now held by this session's journal
            elif choice == "discard":
                entry.path.unlink(missing_ok=True)

        self.push_screen(ChoiceDialog("Unsaved edits found", message, [
            ("restore", "Restore"), ("discard", "Discard them"), ("later", "Not now")]), answer)

    # --- rendering a change ------------------------------------------------------------

    def render_change(self, change: Change) -> None:
        """Redraw what the change names, move the cursor, say its message."""
        c = self.controller
        if c is None or self.closing:
            return
        table = self.links
        if change.rows or change.cells:
            table.show(c.alignment, c.view)
        if c.current is not None:
            row = c.row_of(c.current)
            if row is not None:
                table.select_row(row)
        self.show_detail()
        self.update_status()
        self.say(change)
        if change.edited:
            if self.glossary is not None:
                self.run_checks(c.alignment, self.glossary)
            self._schedule_journal()

    def say(self, change: Change) -> None:
        if change.message:
            self.notify(change.message, severity=change.severity)  # type: ignore[arg-type]

    def show_detail(self) -> None:
        c = self.controller
        if c is None or self.closing:
            return
        sentence = c.sentence if c.sentence_mode and c.current_sentence() is not None else None
        self.query_one(DetailPane).show(c.alignment, c.current_link(), c.terms.hits,
                                        self.term_order, sentence)

    def update_status(self) -> None:
        c = self.controller
        if c is None or self.closing:
            return
        dirty, where, shown, rest = c.status_parts()
        line = label(("● unsaved  " if dirty else "saved  ", CAUTION_BOLD if dirty else "dim"),
                     (where, CAUTION_BOLD), (shown, "bold"), rest)
        self.query_one("#status-line", Static).update(line)

    @on(DataTable.RowHighlighted, "#links")
    def _row_moved(self, event: DataTable.RowHighlighted) -> None:
        if self.controller is None or self.closing:
            return
        lid = self.links.current_id
        if lid != self.controller.current:
            self.controller.select(lid)
            self.show_detail()

    def on_links_table_side_chosen(self, message: LinksTable.SideChosen) -> None:
        self._do("set_side", message.side)

    @on(DataTable.RowSelected, "#terms-table")
    def _term_chosen(self, event: DataTable.RowSelected) -> None:
        self.choose_term(str(event.row_key.value))

    def notify(self, message: str, **kwargs: Any) -> None:  # type: ignore[override]
        """Show a notification; document text in it is never read as markup."""
        self.messages.append(message)
        kwargs.setdefault("markup", False)
        super().notify(message, **kwargs)

    def show_error(self, message: str) -> None:
        self.push_screen(ErrorDialog(message))

    # --- workers ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="terms")
    def find_terms(self, alignment: Alignment, glossary: Any) -> None:
        """Find glossary terms in both texts once (segments never change), then check links."""
        from aligner.core.terms import apply_checks, hits_by_segment

        try:
            hits = hits_by_segment(alignment, glossary)
            checked = apply_checks(alignment, glossary)
        except AlignerError as exc:
            self.post_message(Failed(str(exc), title="Glossary"))
            return
        self.post_message(TermsFound(hits, checked, alignment))

    def on_terms_found(self, message: TermsFound) -> None:
        if self.controller is not None and not self.closing:
            self.render_change(self.controller.terms_found(message.hits, message.checked,
                                                           message.basis))
            self._fill_terms_panel()

    @work(thread=True, exclusive=True, exit_on_error=False, group="checks")
    def run_checks(self, alignment: Alignment, glossary: Any) -> None:
        """Re-run the term checks after an edit, off the UI thread."""
        from aligner.core.terms import apply_checks

        try:
            checked = apply_checks(alignment, glossary)
        except AlignerError:
            return  # the glossary was reported when it was loaded
        self.post_message(ChecksDone(checked, alignment))

    def on_checks_done(self, message: ChecksDone) -> None:
        if self.controller is not None and not self.closing:
            change = self.controller.checks_done(message.checked, message.basis)
            if change.rows or change.cells:
                self.render_change(change)
                self._fill_terms_panel()

    def _fill_terms_panel(self) -> None:
        assert self.controller is not None
        counts, flags = self.controller.term_counts()
        self.query_one(TermsPanel).fill(self.glossary, counts, flags)

    def choose_term(self, term: str) -> None:
        """Filter the links to those holding a term and show its concordance."""
        if self.controller is None:
            return
        self.render_change(self.controller.choose_term(term))
        self.query_one(TermsPanel).show_concordance(literal(f"Finding {term} in context…"))
        self.find_concordance(self.controller.alignment, self.glossary, term,
                              self.concordance_context)

    def action_toggle_concordance_context(self) -> None:
        """Show the concordance in sentences or in whole paragraphs (one key away)."""
        self.concordance_context = (
            "paragraph" if self.concordance_context == "sentence" else "sentence")
        c = self.controller
        term = c.view_filter.term if c is not None else ""
        if term and c is not None:
            self.find_concordance(c.alignment, self.glossary, term, self.concordance_context)
        self.notify(f"The concordance shows each occurrence in its {self.concordance_context}.")

    @work(thread=True, exclusive=True, exit_on_error=False, group="concordance")
    def find_concordance(self, alignment: Alignment, glossary: Any, term: str,
                         context: str = "sentence") -> None:
        """The term's concordance (both languages, in context), off the UI thread."""
        from aligner.core.terms.concordance import concordance

        try:
            lines = concordance(alignment, glossary, term, context=context)
        except AlignerError as exc:
            self.post_message(Said(str(exc), "warning"))
            return
        self.post_message(ConcordanceReady(term, list(lines)))

    def on_concordance_ready(self, message: ConcordanceReady) -> None:
        if self.closing:
            return
        view = concordance_view(message.term, message.lines,
                                term_colour(message.term, self.term_order))
        self.query_one(TermsPanel).show_concordance(view)

    def on_said(self, message: Said) -> None:
        if self.closing:
            self.messages.append(message.text)
            return
        self.notify(message.text, severity=message.severity)  # type: ignore[arg-type]

    @work(thread=True, exclusive=True, exit_on_error=False, group="revision")
    def report_term_effect(self, alignment: Alignment, glossary: Any, link_id: int) -> None:
        """Say which term findings a new revision fixes or introduces."""
        from aligner.core.revisions import revision_term_effect
        from aligner.core.wording import count

        try:
            effect = revision_term_effect(alignment, glossary, link_id)
        except (AlignerError, KeyError):
            return
        parts = [f"{verb} {count(len(flags), 'term finding')}" for verb, flags in (
            ("fixes", effect.fixed), ("introduces", effect.introduced)) if flags]
        if parts:
            self.post_message(Said("The revision " + " and ".join(parts)
                                   + "; see the detail pane."))

    def _schedule_journal(self) -> None:
        """Write the journal soon after an edit, and at least every so often while edits
        go on (the session's schedule decides when)."""
        if self.session is None or self.closing:
            return
        now = time.monotonic()
        due = self.session.schedule.edited(now)
        if self._journal_timer is not None:
            self._journal_timer.stop()
        # Textual timers need a positive delay; 50 ms is "at once" for a journal.
        self._journal_timer = self.set_timer(max(0.05, due - now), self.write_journal)

    def write_journal(self) -> None:
        session = self.session
        if session is None or self.closing:
            return
        session.schedule.written(time.monotonic())
        if session.dirty:
            self._write_journal_thread(session, session.alignment, session.edit_count,
                                       session.based_on, session.journal_epoch)

    @work(thread=True, exclusive=True, exit_on_error=False, group="journal")
    def _write_journal_thread(self, session: ReviewSession, alignment: Alignment, edits: int,
                              based_on: str, epoch: int) -> None:
        """Write the state taken when the write was due; a save or a discard since then
        (or quitting) makes it write nothing (see ReviewSession.write_journal_if_current)."""
        try:
            session.write_journal_if_current(alignment, edits, based_on, epoch)
        except (AlignerError, OSError) as exc:
            self.post_message(Said(f"Journal not written: {exc}", "warning"))

    def sanitised(self, text: str) -> str:
        """Typed or pasted text through the one sanitiser; a warning when it changed."""
        result = clean_text(text)
        if result.changed:
            self.notify(f"Pasted text cleaned: {result.describe()}.", severity="warning")
        return result.text

    # --- keys: moving and views ---------------------------------------------------------

    def _do(self, command: str, *args: Any) -> None:
        """Run a controller command by name and render what it changed."""
        if self.controller is None:
            return
        self.render_change(getattr(self.controller, command)(*args))

    def action_side(self, side: str) -> None:
        self._do("set_side", side)
        self.links.set_side(side)

    def action_next_attention(self) -> None:
        self._do("next_to_review", True)

    def action_previous_attention(self) -> None:
        self._do("next_to_review", False)

    def action_toggle_sentences(self) -> None:
        self._do("toggle_sentences")

    def action_next_sentence(self) -> None:
        self._do("next_sentence", True)

    def action_previous_sentence(self) -> None:
        self._do("next_sentence", False)

    def action_next_bookmark(self) -> None:
        self._do("next_bookmark", True)

    def action_previous_bookmark(self) -> None:
        self._do("next_bookmark", False)

    def action_search_next(self) -> None:
        self._do("search_next", True)

    def action_search_previous(self) -> None:
        self._do("search_next", False)

    def action_toggle_queue(self) -> None:
        self._do("toggle_queue")

    def action_toggle_confidence_order(self) -> None:
        self._do("toggle_confidence_order")

    def action_clear_filter(self) -> None:
        self._do("clear_filter")

    def action_toggle_terms(self) -> None:
        panel = self.query_one("#terms")
        panel.display = not panel.display
        if panel.display:
            self.query_one("#terms-table", DataTable).focus()
        else:
            self.links.focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def run_search(self, query: str, fuzzy: bool = False, only: bool = False) -> None:
        self._do("search", query, fuzzy, only)

    def action_jump(self) -> None:
        if self.controller is None:
            return
        total = len(self.controller.alignment.links)

        def go(answer: str | None) -> None:
            if answer:
                self._do("jump", answer)

        self.push_screen(PromptDialog(f"Go to link (1–{total})", placeholder="number"), go)

    def action_search(self) -> None:
        if self.controller is None:
            return

        def go(answer: tuple[str, bool, bool] | None) -> None:
            if answer:
                self.run_search(*answer)

        vf = self.controller.view_filter
        self.push_screen(SearchDialog(vf.query, vf.fuzzy), go)

    def action_filter(self) -> None:
        if self.controller is None:
            return

        def go(answer: Any) -> None:
            if answer is not None:
                self._do("set_filter", answer)

        self.push_screen(FilterDialog(self.controller.view_filter, self.term_order), go)

    # --- keys: edits ----------------------------------------------------------------------

    def action_toggle_confirmed(self) -> None:
        self._do("toggle_confirmed")

    def action_confirm_next(self) -> None:
        self._do("confirm_next")

    def action_reject(self) -> None:
        self._do("reject")

    def action_bookmark(self) -> None:
        self._do("toggle_bookmark")

    def action_merge(self) -> None:
        self._do("merge")

    def action_split(self) -> None:
        self._do("split")

    def action_move_up(self) -> None:
        self._do("move_up")

    def action_move_down(self) -> None:
        self._do("move_down")

    def action_detach(self) -> None:
        self._do("detach")

    def action_insert_empty(self) -> None:
        self._do("insert_empty")

    def action_undo(self) -> None:
        self._do("undo")

    def action_redo(self) -> None:
        self._do("redo")

    def action_note(self) -> None:
        prompt = self.controller.note_prompt() if self.controller is not None else None
        if prompt is None:
            return

        def go(answer: str | None) -> None:
            if answer is not None:
                self._do("set_note", self.sanitised(answer))

        self.push_screen(PromptDialog(*prompt), go)

    def action_split_at(self) -> None:
        prompt = self.controller.split_prompt() if self.controller is not None else None
        if prompt is None:
            return

        def go(answer: tuple[int, int] | None) -> None:
            if answer is not None:
                self._do("split", *answer)

        self.push_screen(SplitDialog(*prompt), go)

    def action_revise(self) -> None:
        """Propose a revised rendering of the selected link's target (shown as a word diff)."""
        c = self.controller
        link = c.current_link() if c is not None else None
        if c is None or link is None:
            return
        from aligner.tui.revision_view import ReviseScreen, RevisionAnswer, default_author

        original = c.alignment.target_text(link)
        rev = link.revision

        def go(answer: RevisionAnswer | None) -> None:
            if answer is None or self.controller is None:
                return
            change = self.controller.revise(self.sanitised(answer.text),
                                            self.sanitised(answer.author),
                                            self.sanitised(answer.note))
            self.render_change(change)
            if change.edited and self.glossary is not None and link.revision != \
                    self.controller.link(link.id).revision:
                self.report_term_effect(self.controller.alignment, self.glossary, link.id)

        self.push_screen(ReviseScreen(
            original, rev.text if rev else None, title="Revise the target of this link",
            author=rev.author if rev and rev.author else default_author(),
            note=rev.note if rev else ""), go)

    # --- keys: files -------------------------------------------------------------------

    def action_save(self, then: Callable[[], None] | None = None) -> bool:
        """Save; if another session saved the file meanwhile, ask what to do instead."""
        session = self.session
        if session is None:
            return False
        try:
            path = session.save()
        except SaveConflictError as exc:
            self.resolve_save_conflict(str(exc), then)
            return False
        except AlignerError as exc:
            self.show_error(str(exc))
            return False
        self.alignment_path = path
        self.update_status()
        self.notify(f"Saved {path}.")
        return True

    def resolve_save_conflict(self, message: str, then: Callable[[], None] | None) -> None:
        """The file changed on disk: reload it, save under another name, or overwrite it."""
        def saved(path: Path) -> None:
            self.alignment_path = path
            self.sub_title = path.name
            self.update_status()
            self.notify(f"Saved {path}.")
            if then is not None:
                then()

        def save_as(name: str | None) -> None:
            if not name or self.session is None:
                return
            try:
                path = self.session.save(Path(name.strip()))
            except AlignerError as exc:
                self.show_error(str(exc))
                return
            saved(path)

        def answer(choice: str | None) -> None:
            if self.session is None or self.controller is None:
                return
            if choice == "reload":
                self.session.reload()
                self.render_change(self.controller.reloaded())
            elif choice == "save-as":
                stem = self.alignment_path.with_suffix("")
                self.push_screen(PromptDialog("Save as", f"{stem}.mine.json"), save_as)
            elif choice == "overwrite":
                try:
                    saved(self.session.save(overwrite=True))
                except AlignerError as exc:
                    self.show_error(str(exc))

        self.push_screen(ChoiceDialog("The file changed on disk", message, [
            ("reload", "Reload (drop my edits)"), ("save-as", "Save as..."),
            ("overwrite", "Overwrite"), ("cancel", "Cancel")]), answer)

    def action_export(self) -> None:
        if self.controller is None:
            return
        from aligner.io.bundled import working_folder
        from aligner.io.export import FORMATS

        folder = self.export_folder or working_folder()
        stem = self.alignment_path.stem

        def go(answer: ExportChoice | None) -> None:
            if answer is not None:
                self.last_export = answer
                self._export(answer)

        self.push_screen(ExportDialog(sorted(FORMATS), str(folder / f"{stem}.tmx"),
                                      self.term_order, self.last_export), go)

    def _export(self, choice: ExportChoice, force: bool = False) -> None:
        from aligner.io.export import export_alignment

        assert self.controller is not None
        try:
            result = export_alignment(self.controller.alignment, choice.path, choice.format,
                                      options=choice.options(), force=force,
                                      glossary=self.glossary, stem=self.alignment_path.stem)
        except AlignerError as exc:
            if not force and "already exists" in str(exc):
                self._ask_overwrite(choice)
                return
            self.show_error(str(exc))
            return
        self.notify(result.summary(choice.format)[0].upper() + result.summary(choice.format)[1:]
                    + ".")

    def _ask_overwrite(self, choice: ExportChoice) -> None:
        def go(answer: str | None) -> None:
            if answer == "overwrite":
                self._export(choice, force=True)
            elif answer == "other":
                self.action_export()

        self.push_screen(ChoiceDialog(
            "File exists", f"{choice.path} already exists. Overwrite it?",
            [("overwrite", "Overwrite"), ("other", "Choose another name"),
             ("cancel", "Cancel")]), go)

    def action_quit_or_cancel(self) -> None:
        """Escape on the main screen: show all links again if filtered, else ask to quit."""
        c = self.controller
        if c is not None and c.view_filter.active:
            self._do("clear_filter")
            return
        self._confirm_quit(always_ask=True)

    async def action_quit(self) -> None:
        """Quit; with unsaved edits, ask first."""
        self._confirm_quit(always_ask=False)

    def _confirm_quit(self, always_ask: bool) -> None:
        session = self.session
        dirty = session is not None and session.dirty
        if not dirty and not always_ask:
            self.exit()
            return

        def go(answer: str | None) -> None:
            if answer == "save" and self.action_save(then=self.exit):
                self.exit()
            elif answer == "discard" and self.session is not None:
                self.session.discard_journal()
                self.exit()
            elif answer == "quit":
                self.exit()

        if not dirty:
            self.push_screen(ChoiceDialog("Quit", "Quit aligner?",
                                          [("quit", "Quit"), ("cancel", "Cancel")]), go)
            return
        assert session is not None
        self.push_screen(ChoiceDialog(
            "Unsaved edits",
            f"{self.alignment_path.name} has unsaved edits. Save them before quitting?",
            [("save", "Save and quit"), ("discard", "Quit without saving"), ("cancel", "Cancel")],
        ), go)


def build_app(
    alignment: Alignment | None,
    *,
    alignment_path: str | Path,
    glossary: Any = None,
    job: AlignJob | None = None,
    opened_from: str | Path | None = None,
    export_folder: str | Path | None = None,
) -> AlignerApp:
    """The review app for an alignment (or for one to be made by ``job`` in a worker).

    ``alignment_path`` is where saving writes; ``opened_from`` the file read when
    that is another one (the bundled document's tracked alignment).
    """
    if alignment is None and job is None:
        raise ValueError("build_app needs an alignment or a job that makes one")
    return AlignerApp(alignment, alignment_path=alignment_path, glossary=glossary, job=job,
                      opened_from=opened_from, export_folder=export_folder)


__all__ = ["AlignerApp", "build_app"]
