"""What each key does: edits, navigation, views, saving, export, quitting.

A mixin of ``action_*`` methods for :class:`~aligner.tui.app.AlignerApp`. Edits
call the pure functions of :mod:`aligner.core.edits` through the session, so
each is undoable; a refused edit explains itself in a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from aligner.core import edits
from aligner.core.edits import EditError, default_split
from aligner.core.model import Alignment, Link
from aligner.core.review import ViewFilter, needs_review, position_of, search_ids, step
from aligner.errors import AlignerError, SaveConflictError
from aligner.io.sanitize import clean_text
from aligner.tui.dialogs import (
    ChoiceDialog,
    ExportDialog,
    FilterDialog,
    PromptDialog,
    SearchDialog,
    SplitDialog,
)
from aligner.tui.panels import HelpScreen

if TYPE_CHECKING:
    from aligner.tui.app import AlignerApp

    _Base = AlignerApp
else:
    _Base = object


class ReviewActions(_Base):
    """Key actions of the review app."""

    # --- helpers ------------------------------------------------------------------------

    def _current(self) -> Link | None:
        lid = self.links.current_id
        if self.session is None or lid is None:
            self.notify("No link selected.", severity="warning")
            return None
        al = self.session.alignment
        return al.links[al.link_index(lid)]

    def _edit(self, fn: Callable[..., Alignment], *args: Any, label: str,
              focus: Callable[[Alignment], int | None] | None = None) -> bool:
        """Apply an edit to the selected link; True when it was applied."""
        link = self._current()
        if link is None or self.session is None:
            return False
        before = {lk.id: lk for lk in self.session.alignment.links}
        try:
            new = self.session.apply(fn, link.id, *args, label=label, focus=link.id)
        except EditError as exc:
            self.notify(str(exc), title="Not possible", severity="warning", markup=False)
            return False
        changed = {lk.id for lk in new.links if before.get(lk.id) is not lk}
        target = focus(new) if focus is not None else link.id
        self.after_change(changed, target if target is not None else link.id)
        return True

    def _goto(self, lid: int | None, none_message: str) -> None:
        if lid is None:
            self.notify(none_message, markup=False)
        elif not self.links.select(lid):
            self.view_filter = ViewFilter()
            self.refresh_view(None, lid)

    def _link_by_id(self, lid: int) -> Link:
        assert self.session is not None
        al = self.session.alignment
        return al.links[al.link_index(lid)]

    # --- moving around ----------------------------------------------------------------

    def action_side(self, side: str) -> None:
        self.links.set_side(side)
        self.update_status()

    def _step(self, wanted: Callable[[Link], bool], forward: bool, none: str) -> None:
        order = self.links.order
        lid = step(order, self.links.current_id, lambda i: wanted(self._link_by_id(i)),
                   forward=forward)
        self._goto(lid, none)

    def action_next_attention(self) -> None:
        self._step(needs_review, True, "Nothing left to review in this view.")

    def action_previous_attention(self) -> None:
        self._step(needs_review, False, "Nothing left to review in this view.")

    def action_next_bookmark(self) -> None:
        self._step(lambda lk: lk.bookmark, True, "No bookmarks in this view (b sets one).")

    def action_previous_bookmark(self) -> None:
        self._step(lambda lk: lk.bookmark, False, "No bookmarks in this view (b sets one).")

    def action_jump(self) -> None:
        def go(answer: str | None) -> None:
            if not answer or self.session is None:
                return
            try:
                lid = position_of(self.session.alignment, int(answer.strip().lstrip("#")))
            except ValueError:
                lid = None
            self._goto(lid, f"There is no link {answer.strip()}.")

        total = len(self.session.alignment.links) if self.session else 0
        self.push_screen(PromptDialog(f"Go to link (1–{total})", placeholder="number"), go)

    def action_search(self) -> None:
        def go(answer: tuple[str, bool, bool] | None) -> None:
            if not answer or self.session is None:
                return
            query, fuzzy, only = answer
            self.run_search(query, fuzzy, only)

        self.push_screen(SearchDialog(self.view_filter.query, self.view_filter.fuzzy), go)

    def run_search(self, query: str, fuzzy: bool = False, only: bool = False) -> None:
        """Find links matching ``query``; select the first one after the cursor."""
        assert self.session is not None
        self.matches = search_ids(self.session.alignment, query, fuzzy=fuzzy)
        kind = "fuzzy " if fuzzy else ""
        if not self.matches:
            self.notify(f"No {kind}match for {query!r}.", severity="warning", markup=False)
            return
        if only:
            self.view_filter = ViewFilter(query=query, fuzzy=fuzzy)
            self.refresh_view(None, self.matches[0])
        else:
            self.action_search_next()
        self.notify(f"{len(self.matches)} links match {query!r} ({kind}search); "
                    "n / N: next / previous.", markup=False)

    def action_search_next(self, forward: bool = True) -> None:
        if not self.matches:
            self.notify("No search yet: press / to search.", severity="warning")
            return
        wanted = set(self.matches).__contains__
        lid = step(self.links.order, self.links.current_id, wanted, forward=forward)
        if lid is None and self.links.current_id in self.matches:
            lid = self.links.current_id  # the only match is the current link
        self._goto(lid, "No match in this view.")

    def action_search_previous(self) -> None:
        self.action_search_next(forward=False)

    # --- views ------------------------------------------------------------------------

    def action_toggle_queue(self) -> None:
        """Weakest first (and back): the cursor starts on the weakest link."""
        self.order = "document" if self.order == "queue" else "queue"
        self.refresh_view(None)
        if self.order == "queue" and self.links.order:
            self.links.move_cursor(row=0, animate=False)
            self.show_detail()

    def action_toggle_confidence_order(self) -> None:
        self.order = "document" if self.order == "confidence" else "confidence"
        self.refresh_view(None)

    def action_filter(self) -> None:
        def go(answer: ViewFilter | None) -> None:
            if answer is not None:
                self.view_filter = answer
                self.refresh_view(None)

        self.push_screen(FilterDialog(self.view_filter, self.term_order), go)

    def action_clear_filter(self) -> None:
        self.view_filter = ViewFilter()
        self.refresh_view(None)

    def action_toggle_terms(self) -> None:
        panel = self.query_one("#terms")
        panel.display = not panel.display
        if panel.display:
            self.query_one("#terms-table", DataTable).focus()
        else:
            self.links.focus()

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # --- review marks -------------------------------------------------------------------

    def action_toggle_confirmed(self) -> None:
        self._edit(edits.toggle_confirmed, label="toggle confirmed")

    def action_confirm_next(self) -> None:
        """Confirm, then go to the next unreviewed link of the view (the next weakest)."""
        link = self._current()
        if link is None:
            return
        nxt = step(self.links.order, link.id, lambda i: self._link_by_id(i).status == "auto")
        self._edit(edits.confirm, label="confirm", focus=lambda _a: nxt)

    def action_reject(self) -> None:
        self._edit(edits.reject, label="reject")

    def action_bookmark(self) -> None:
        self._edit(edits.toggle_bookmark, label="bookmark")

    def sanitised(self, text: str) -> str:
        """Typed or pasted text through the one sanitiser; a warning when it changed."""
        result = clean_text(text)
        if result.changed:
            self.notify(f"Pasted text cleaned: {result.describe()}.", severity="warning",
                        markup=False)
        return result.text

    def action_note(self) -> None:
        link = self._current()
        if link is None:
            return

        def go(answer: str | None) -> None:
            if answer is not None:
                self._edit(edits.set_note, self.sanitised(answer), label="note")

        self.push_screen(PromptDialog("Note on this link (empty removes it)", link.note), go)

    # --- structural edits -----------------------------------------------------------------

    def action_merge(self) -> None:
        self._edit(edits.merge_with_next, label="merge")

    def action_split(self) -> None:
        self._edit(edits.split_link, label="split")

    def action_split_at(self) -> None:
        link = self._current()
        if link is None:
            return

        def go(answer: tuple[int, int] | None) -> None:
            if answer is not None:
                self._edit(edits.split_link, *answer, label="split")

        self.push_screen(SplitDialog(link.bead, *default_split(link)), go)

    def action_move_up(self) -> None:
        self._edit(edits.move_first_up, self.links.side, label="shift paragraph up")

    def action_move_down(self) -> None:
        self._edit(edits.move_last_down, self.links.side, label="pop paragraph down")

    def action_detach(self) -> None:
        self._edit(edits.detach, self.links.side, label="detach")

    def action_insert_empty(self) -> None:
        self._edit(edits.insert_empty, self.links.side, label="insert empty cell")

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def _history(self, undo: bool) -> None:
        if self.session is None:
            return
        before = {lk.id: lk for lk in self.session.alignment.links}
        done = self.session.undo() if undo else self.session.redo()
        if done is None:
            self.notify(f"Nothing to {'undo' if undo else 'redo'}.")
            return
        changed = {lk.id for lk in self.session.alignment.links if before.get(lk.id) is not lk}
        self.after_change(changed, done.focus)
        self.notify(f"{'Undone' if undo else 'Redone'}: {done.label}.", markup=False)

    def action_revise(self) -> None:
        """Propose a revised rendering of the selected link's target (shown as a word diff)."""
        link = self._current()
        if link is None or self.session is None:
            return
        from aligner.core.revisions import clear_revision, set_revision
        from aligner.tui.revision_view import ReviseScreen

        original = self.session.alignment.target_text(link)
        current = link.revision.text if link.revision else None

        def go(answer: str | None) -> None:
            if answer is None:
                return
            answer = self.sanitised(answer)
            if answer.strip() == original.strip():
                if link.revision is not None:
                    self._edit(clear_revision, label="remove revision")
                return
            if self._edit(set_revision, answer, label="revision") and self.glossary is not None:
                self.report_term_effect(link.id)

        self.push_screen(ReviseScreen(original, current, title="Revise the target of this link"),
                         go)

    # --- files --------------------------------------------------------------------------

    def action_save(self, then: Callable[[], None] | None = None) -> bool:
        """Save; if another session saved the file meanwhile, ask what to do instead."""
        if self.session is None:
            return False
        try:
            path = self.session.save()
        except SaveConflictError as exc:
            self.resolve_save_conflict(str(exc), then)
            return False
        except AlignerError as exc:
            self.show_error(str(exc))
            return False
        self.update_status()
        self.notify(f"Saved {path}.", markup=False)
        return True

    def resolve_save_conflict(self, message: str, then: Callable[[], None] | None) -> None:
        """The file changed on disk: reload it, save under another name, or overwrite it."""
        def saved(path: Path) -> None:
            self.sub_title = path.name
            self.update_status()
            self.notify(f"Saved {path}.", markup=False)
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
            self.alignment_path = path
            saved(path)

        def answer(choice: str | None) -> None:
            if self.session is None:
                return
            if choice == "reload":
                self.session.reload()
                self.refresh_view()
                self.notify("Reloaded the file as saved; your unsaved edits were dropped.")
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
        try:
            from aligner.io.export import FORMATS, export_alignment
        except ImportError:
            self.notify("Export is not available; ctrl+s saves the JSON.", severity="warning")
            return
        stem = self.alignment_path.with_suffix("")

        def go(answer: tuple[str, str, bool] | None) -> None:
            if not answer or self.session is None:
                return
            fmt, path, force = answer
            try:
                written = export_alignment(self.session.alignment, path, fmt, force=force,
                                           glossary=self.glossary)
            except AlignerError as exc:
                self.show_error(str(exc))
                return
            paths = getattr(written, "paths", written) or [path]
            kept = getattr(written, "kept", None)
            total = getattr(written, "total", kept)
            count = f"{kept} of {total} links " if kept is not None else ""
            self.notify(f"Exported {count}to {', '.join(map(str, paths))}.")

        self.push_screen(ExportDialog(sorted(FORMATS), f"{stem}.tmx"), go)

    async def action_quit(self) -> None:
        """Quit; with unsaved edits, ask first."""
        if self.session is None or not self.session.dirty:
            self.exit()
            return

        def go(answer: str | None) -> None:
            if answer == "save" and self.action_save(then=self.exit):
                self.exit()
            elif answer == "discard" and self.session is not None:
                self.session.discard_journal()
                self.exit()

        self.push_screen(ChoiceDialog(
            "Unsaved edits",
            f"{self.alignment_path.name} has unsaved edits. Save them before quitting?",
            [("save", "Save and quit"), ("discard", "Quit without saving"), ("cancel", "Cancel")],
        ), go)
