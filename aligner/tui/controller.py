"""The review controller: everything the workspace knows and decides, with no Textual in it.

It holds the :class:`~aligner.tui.session.ReviewSession` (alignment, undo,
saving), the view (filter, order, the ids of the rows shown and their
positions), the selection (link id and the side edits act on), term hits and
search matches. Every command returns a :class:`Change` saying what to redraw
and what to tell the reviewer; the screen only renders what it is told, so the
whole review loop is tested here without a terminal.

Look-ups are O(1): a link by id through :meth:`Alignment.link_index`, a row by
id through the view's position map. The rows of the view that need review or
are bookmarked are listed once per alignment and view (edits and filters are
O(n) anyway), so ``]``, ``[`` and the bookmark keys are a binary search.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aligner.core import edits
from aligner.core import sentence_edits as sedits
from aligner.core.edits import EditError
from aligner.core.model import Alignment, Link, SentenceLink
from aligner.core.review import (
    ViewFilter,
    links_by_term,
    needs_review,
    search_ids,
    sentence_needs_review,
    sentence_status,
    view_ids,
)
from aligner.core.wording import count
from aligner.errors import AlignerError
from aligner.tui.session import ReviewSession

ORDER_NAMES = {"document": "document order", "queue": "weakest first",
               "confidence": "by confidence"}


@dataclass(frozen=True)
class Change:
    """What one command changed: the screen redraws exactly this and shows the message."""

    rows: bool = False
    """The set or the order of the rows shown changed (re-key the table)."""
    cells: frozenset[int] = frozenset()
    """Ids of links whose cells show something new."""
    cursor: int | None = None
    """Link id the cursor must go to (None: it stays)."""
    cursor_row: int | None = None
    """Row the cursor must go to when no link is named (the first row of a new queue)."""
    edited: bool = False
    """The alignment changed: re-run the term checks, schedule the journal."""
    message: str = ""
    severity: str = "information"

    def merged(self, other: Change) -> Change:
        return Change(
            rows=self.rows or other.rows,
            cells=self.cells | other.cells,
            cursor=other.cursor if other.cursor is not None else self.cursor,
            cursor_row=other.cursor_row if other.cursor_row is not None else self.cursor_row,
            edited=self.edited or other.edited,
            message=other.message or self.message,
            severity=other.severity if other.message else self.severity,
        )


NOTHING = Change()


def _say(message: str, severity: str = "information") -> Change:
    return Change(message=message, severity=severity)


@dataclass
class TermState:
    """Glossary hits by (side, segment) and the links each term occurs in."""

    hits: dict[tuple[str, int], list[Any]] = field(default_factory=dict)
    links: dict[str, set[int]] = field(default_factory=dict)

    def relink(self, alignment: Alignment) -> None:
        self.links = links_by_term(
            alignment, ((h.term, s, i) for (s, i), hs in self.hits.items() for h in hs))


class ReviewController:
    """One review: session, view, selection, terms and search, driven by commands."""

    def __init__(self, session: ReviewSession, term_ids: Sequence[str] = ()) -> None:
        self.session = session
        self.term_ids = list(term_ids)
        self.view_filter = ViewFilter()
        self.order = "document"
        self.side = "source"
        self.terms = TermState()
        self.matches: list[int] = []
        self._match_set: set[int] = set()
        self.view: list[int] = []
        self._row_of: dict[int, int] = {}
        self._marked: dict[str, tuple[Alignment, list[int]]] = {}
        self._to_review: tuple[Alignment, int] | None = None
        self._sentence_marks: dict[str, tuple[Alignment, list[tuple[Any, ...]]]] = {}
        self._sentences_to_review: tuple[Alignment, int] | None = None
        self._pairs: Any = None
        self.sentence_mode = False
        """The sentence view is on: the detail pane lists the current link's sentence
        links and the editing keys act on the current sentence link."""
        self.sentence = 0
        """Position of the current sentence link in the current link (sentence view)."""
        self.current: int | None = None
        self._rebuild_view()
        self.current = self.view[0] if self.view else None

    # --- reading ---------------------------------------------------------------------

    @property
    def alignment(self) -> Alignment:
        return self.session.alignment

    def link(self, link_id: int) -> Link:
        return self.alignment.link_by_id(link_id)

    def current_link(self) -> Link | None:
        return self.link(self.current) if self.current is not None else None

    def row_of(self, link_id: int) -> int | None:
        """Row of a link in the view (O(1)); None when the view does not show it."""
        return self._row_of.get(link_id)

    def number_of(self, link_id: int) -> int:
        """The link's number as users see it: its position counted from 1."""
        return self.alignment.link_number(link_id)

    def to_review(self) -> int:
        """Links that need review in the whole alignment (counted once per alignment)."""
        al = self.alignment
        if self._to_review is None or self._to_review[0] is not al:
            self._to_review = (al, sum(1 for lk in al.links if needs_review(lk)))
        return self._to_review[1]

    def _marked_rows(self, kind: str, test: Callable[[Link], bool]) -> list[int]:
        """Rows of the view whose link passes ``test``, ascending; kept until the
        alignment or the view changes."""
        al = self.alignment
        cached = self._marked.get(kind)
        if cached is not None and cached[0] is al:
            return cached[1]
        links, index = al.links, al.link_index
        rows = [row for row, lid in enumerate(self.view) if test(links[index(lid)])]
        self._marked[kind] = (al, rows)
        return rows

    def status_parts(self) -> tuple[bool, str, str, str]:
        """(unsaved, where saving goes when not the file opened, "12/230 links", the rest)."""
        al = self.alignment
        shown = f"{len(self.view)}/{count(len(al.links), 'link')}"
        where = f"saves to {self.session.path}  " if self.session.redirected else ""
        rest = (f" · {ORDER_NAMES[self.order]} · {self.view_filter.describe()} · "
                f"side: {self.side} · {self.to_review()} to review")
        if self.sentence_mode:
            # First, so a narrow terminal still shows which level the keys act on.
            link = self.current_link()
            here = (f"{self.sentence + 1}/{len(link.sentences)}"
                    if link is not None and link.sentences else "(none here)")
            rest = (f" · SENTENCE VIEW {here} · "
                    f"{count(self.sentences_to_review(), 'sentence link')} to review{rest}")
        return self.session.dirty, where, shown, rest

    # --- the view ----------------------------------------------------------------------

    def _rebuild_view(self) -> None:
        self.view = view_ids(self.alignment, self.view_filter, self.order, self.terms.links)
        self._row_of = {lid: i for i, lid in enumerate(self.view)}
        self._marked.clear()
        self._sentence_marks.clear()

    def _keep_cursor(self, wanted: int | None) -> None:
        """Select ``wanted`` if shown, else the row nearest the old cursor."""
        old_row = self._row_of.get(self.current, 0) if self.current is not None else 0
        was = self.current
        if wanted is not None and wanted in self._row_of:
            self.current = wanted
        elif self.current in self._row_of:
            pass
        elif self.view:
            self.current = self.view[min(old_row, len(self.view) - 1)]
        else:
            self.current = None
        if self.current != was:
            self.sentence = 0

    def _set_view(self, view_filter: ViewFilter | None = None, order: str | None = None,
                  focus: int | None = None, message: str = "") -> Change:
        before_row = self._row_of.get(self.current, 0) if self.current is not None else 0
        if view_filter is not None:
            self.view_filter = view_filter
        if order is not None:
            self.order = order
        self._rebuild_view()
        if focus is not None and focus in self._row_of:
            self.current = focus
        elif self.current not in self._row_of:
            self.current = self.view[min(before_row, len(self.view) - 1)] if self.view else None
        return Change(rows=True, cursor=self.current, message=message)

    def set_filter(self, view_filter: ViewFilter) -> Change:
        change = self._set_view(view_filter)
        if not self.view:
            return change.merged(_say(f"No link matches {view_filter.describe()}; "
                                      "F shows all links.", "warning"))
        return change

    def clear_filter(self) -> Change:
        return self._set_view(ViewFilter())

    def toggle_queue(self) -> Change:
        """Weakest first (and back); the cursor starts on the weakest link."""
        order = "document" if self.order == "queue" else "queue"
        change = self._set_view(order=order)
        if order == "queue" and self.view:
            self.current = self.view[0]
            return change.merged(Change(cursor=self.current))
        return change

    def toggle_confidence_order(self) -> Change:
        return self._set_view(order="document" if self.order == "confidence" else "confidence")

    # --- moving ------------------------------------------------------------------------

    def select(self, link_id: int | None) -> Change:
        """The screen's cursor moved to this link (or the table is empty)."""
        if link_id == self.current:
            return NOTHING
        self.current = link_id
        self.sentence = 0
        return Change(cursor=None)

    def select_row(self, row: int) -> Change:
        if 0 <= row < len(self.view):
            return self.select(self.view[row])
        return NOTHING

    def set_side(self, side: str) -> Change:
        self.side = side
        return Change()

    def _goto(self, link_id: int | None, none_message: str, sentence: int = 0) -> Change:
        if link_id is None:
            return _say(none_message)
        self.sentence = sentence
        if link_id not in self._row_of:  # filtered out: show everything again
            change = self._set_view(ViewFilter(), focus=link_id)
            self.current = link_id
            return change.merged(Change(cursor=link_id))
        self.current = link_id
        return Change(cursor=link_id)

    def _step(self, wanted: Callable[[int], bool], forward: bool) -> int | None:
        """Next (or previous) id of the view after the cursor that ``wanted``, wrapping."""
        n = len(self.view)
        if n == 0:
            return None
        start = self._row_of.get(self.current, -1 if forward else n) \
            if self.current is not None else (-1 if forward else n)
        delta = 1 if forward else -1
        view = self.view
        for k in range(1, n + 1):
            lid = view[(start + delta * k) % n]
            if lid != self.current and wanted(lid):
                return lid
        return None

    def _link_test(self, test: Callable[[Link], bool]) -> Callable[[int], bool]:
        al = self.alignment
        links, index = al.links, al.link_index
        return lambda lid: test(links[index(lid)])

    def _next_marked(self, rows: list[int], forward: bool) -> int | None:
        """The link of the next (previous) marked row after the cursor, wrapping."""
        if not rows:
            return None
        here = self._row_of.get(self.current) if self.current is not None else None
        if here is None:
            row = rows[0] if forward else rows[-1]
        elif forward:
            i = bisect_right(rows, here)
            row = rows[i % len(rows)]
        else:
            i = bisect_left(rows, here) - 1
            row = rows[i % len(rows)]
        return None if row == here else self.view[row]

    def next_to_review(self, forward: bool = True) -> Change:
        if self.sentence_mode:
            return self._next_sentence("review", forward)
        rows = self._marked_rows("review", needs_review)
        return self._goto(self._next_marked(rows, forward),
                          "Nothing left to review in this view.")

    def next_bookmark(self, forward: bool = True) -> Change:
        rows = self._marked_rows("bookmark", lambda lk: lk.bookmark)
        return self._goto(self._next_marked(rows, forward),
                          "No bookmarks in this view (b sets one).")

    def jump(self, answer: str) -> Change:
        """Go to link N as users count them (from 1)."""
        text = answer.strip().lstrip("#")
        total = len(self.alignment.links)
        if not text.isdigit() or not 1 <= int(text) <= total:
            return _say(f"There is no link {answer.strip()}; links are numbered 1-{total}.",
                        "warning")
        return self._goto(self.alignment.links[int(text) - 1].id, "")

    def search(self, query: str, fuzzy: bool = False, only: bool = False) -> Change:
        """Find links matching ``query``; select the first one after the cursor."""
        self.matches = search_ids(self.alignment, query, fuzzy=fuzzy)
        self._match_set = set(self.matches)
        kind = "fuzzy " if fuzzy else ""
        if not self.matches:
            return _say(f"No {kind}match for {query!r}.", "warning")
        found = _say(f"{count(len(self.matches), 'link')} match {query!r} ({kind}search); "
                     "n / N: next / previous.")
        if only:
            return self._set_view(ViewFilter(query=query, fuzzy=fuzzy),
                                  focus=self.matches[0]).merged(found)
        return self.search_next().merged(found)

    def search_next(self, forward: bool = True) -> Change:
        if not self.matches:
            return _say("No search yet: press / to search.", "warning")
        lid = self._step(self._match_set.__contains__, forward)
        if lid is None and self.current in self._match_set:
            lid = self.current  # the only match is the current link
        return self._goto(lid, "No match in this view.")

    # --- the sentence view ---------------------------------------------------------------

    def toggle_sentences(self) -> Change:
        """Show the current link's sentence links (and edit them), or go back to paragraphs."""
        if not self.sentence_mode and not any(lk.sentences for lk in self.alignment.links):
            return _say("This alignment has no sentence links; align it with --sentences "
                        "auto (or lines) to review it sentence by sentence.", "warning")
        self.sentence_mode = not self.sentence_mode
        if not self.sentence_mode:
            return _say("Paragraph view: the editing keys act on the link.")
        return _say("Sentence view: the editing keys act on the highlighted sentence link; "
                    "j / k move between sentence links, ] / [ to the next one to review, "
                    "l goes back to paragraphs.")

    def current_sentence(self) -> SentenceLink | None:
        """The current sentence link of the current link (None when it has none)."""
        link = self.current_link()
        if link is None or not link.sentences:
            return None
        self.sentence = min(max(self.sentence, 0), len(link.sentences) - 1)
        return link.sentences[self.sentence]

    def next_sentence(self, forward: bool = True) -> Change:
        """The next (previous) sentence link in reading order: on through the link, then
        into the next (previous) link of the view."""
        link = self.current_link()
        if link is None:
            return self._no_link()
        k = self.sentence + (1 if forward else -1)
        if 0 <= k < len(link.sentences):
            self.sentence = k
            return Change()
        row = self._row_of.get(link.id)
        if row is None:
            return NOTHING
        row += 1 if forward else -1
        if not 0 <= row < len(self.view):
            return _say("This is the last sentence link of the view." if forward
                        else "This is the first sentence link of the view.")
        nxt = self.link(self.view[row])
        return self._goto(nxt.id, "", 0 if forward else max(0, len(nxt.sentences) - 1))

    def _sentence_keys(self, kind: str) -> list[tuple[Any, ...]]:
        """Where the sentence links of a kind are, as sort keys (row, position) of the
        view, or (confidence, row, position) in the weakest-first queue; ascending, kept
        until the alignment or the view changes, so each step is a binary search."""
        al = self.alignment
        cached = self._sentence_marks.get(kind)
        if cached is not None and cached[0] is al:
            return cached[1]
        test = sentence_needs_review if kind == "review" else \
            (lambda lk, s: sentence_status(lk, s) == "auto")
        weakest = self.order == "queue"
        links, index = al.links, al.link_index
        keys: list[tuple[Any, ...]] = []
        for row, lid in enumerate(self.view):
            lk = links[index(lid)]
            for k, s in enumerate(lk.sentences):
                if test(lk, s):
                    keys.append((s.confidence, row, k) if weakest else (row, k))
        keys.sort()
        self._sentence_marks[kind] = (al, keys)
        return keys

    def _sentence_step(self, kind: str, forward: bool) -> tuple[int, int] | None:
        """(link id, position) of the next (previous) sentence link of a kind, wrapping."""
        keys = self._sentence_keys(kind)
        if not keys:
            return None
        row = self._row_of.get(self.current) if self.current is not None else None
        s = self.current_sentence()
        if row is None:
            key = keys[0] if forward else keys[-1]
        else:
            here: tuple[Any, ...] = (row, self.sentence)
            if self.order == "queue":
                here = (s.confidence if s is not None else -1.0, *here)
            i = bisect_right(keys, here) if forward else bisect_left(keys, here) - 1
            key = keys[i % len(keys)]
            if key == here:
                return None
        return self.view[key[-2]], key[-1]

    def _next_sentence(self, kind: str, forward: bool) -> Change:
        found = self._sentence_step(kind, forward)
        if found is None:
            return _say("No sentence link left to review in this view.")
        return self._goto(found[0], "", found[1])

    def sentences_to_review(self) -> int:
        """Sentence links needing review in the whole alignment (counted once per alignment)."""
        al = self.alignment
        if self._sentences_to_review is None or self._sentences_to_review[0] is not al:
            n = sum(1 for lk in al.links for s in lk.sentences if sentence_needs_review(lk, s))
            self._sentences_to_review = (al, n)
        return self._sentences_to_review[1]

    # --- edits -------------------------------------------------------------------------

    def _no_link(self) -> Change:
        return _say("No link selected.", "warning")

    def edit(self, fn: Callable[..., Alignment], *args: Any, label: str,
             focus: Callable[[Alignment], int | None] | None = None) -> Change:
        """Apply an edit to the selected link (undoable); a refusal explains itself."""
        link = self.current_link()
        if link is None:
            return self._no_link()
        before = self.alignment
        try:
            new = self.session.apply(fn, link.id, *args, label=label, focus=link.id)
        except EditError as exc:
            return _say(str(exc), "warning")
        target = focus(new) if focus is not None else None
        return self._after_edit(before, target if target is not None else link.id)

    def _after_edit(self, before: Alignment, focus: int | None) -> Change:
        new = self.alignment
        old_links = {lk.id: lk for lk in before.links}
        changed = frozenset(lk.id for lk in new.links if old_links.get(lk.id) is not lk)
        if self.terms.hits:
            self.terms.relink(new)
        view_before = self.view
        self._rebuild_view()
        self._keep_cursor(focus)
        return Change(rows=self.view != view_before, cells=changed, cursor=self.current,
                      edited=True)

    def _glossary_pairs(self) -> Any:
        """The glossary's term pairs, the anchors the sentence aligner uses (read once)."""
        if self._pairs is None:
            glossary = self.session.glossary
            self._pairs = glossary.term_pairs() if glossary is not None else ()
        return self._pairs

    def _resentencing(self, fn: Callable[..., Alignment]) -> Callable[..., Alignment]:
        """A paragraph edit that also re-aligns the sentences of the links it touched
        (in the same undo step), keeping every other link's sentence links as they are."""
        pairs = self._glossary_pairs()

        def run(alignment: Alignment, *args: Any) -> Alignment:
            return sedits.resentenced(alignment, fn(alignment, *args), pairs)

        return run

    def _sentence_edit(self, fn: Callable[..., Alignment], *args: Any, label: str,
                       back_if_gone: bool = False) -> Change:
        """Apply an edit to the current sentence link (undoable, in the one history)."""
        link = self.current_link()
        if link is None:
            return self._no_link()
        if not link.sentences:
            return _say("This link has no sentence links (it was not aligned by sentence).",
                        "warning")
        k = min(self.sentence, len(link.sentences) - 1)
        before = self.alignment
        try:
            new = self.session.apply(fn, link.id, k, *args, label=f"{label} (sentence)",
                                     focus=link.id, sentence=k)
        except EditError as exc:
            return _say(str(exc), "warning")
        n = len(new.link_by_id(link.id).sentences)
        # Shifting a sentence link's last sentence up leaves no link at k: go to the one
        # that took it.
        self.sentence = k - 1 if back_if_gone and n < len(link.sentences) else min(k, n - 1)
        return self._after_edit(before, link.id)

    def toggle_confirmed(self) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.toggle_sentence_confirmed,
                                       label="toggle confirmed")
        return self.edit(edits.toggle_confirmed, label="toggle confirmed")

    def confirm_next(self) -> Change:
        """Confirm, then go to the next unreviewed link of the view (the next weakest)."""
        link = self.current_link()
        if link is None:
            return self._no_link()
        if self.sentence_mode:
            target = self._sentence_step("auto", True)
            change = self._sentence_edit(sedits.confirm_sentence, label="confirm")
            if change.edited and target is not None:
                return change.merged(self._goto(target[0], "", target[1]))
            return change
        nxt = self._step(self._link_test(lambda lk: lk.status == "auto"), True)
        return self.edit(edits.confirm, label="confirm", focus=lambda _a: nxt)

    def reject(self) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.reject_sentence, label="reject")
        return self.edit(edits.reject, label="reject")

    def toggle_bookmark(self) -> Change:
        return self.edit(edits.toggle_bookmark, label="bookmark")

    def set_note(self, note: str) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.set_sentence_note, note, label="note")
        return self.edit(edits.set_note, note, label="note")

    def merge(self) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.merge_sentence_with_next, label="merge")
        return self.edit(self._resentencing(edits.merge_with_next), label="merge")

    def split(self, source_keep: int | None = None, target_keep: int | None = None) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.split_sentence_link, source_keep, target_keep,
                                       label="split")
        return self.edit(self._resentencing(edits.split_link), source_keep, target_keep,
                         label="split")

    def move_up(self) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.move_sentence_up, self.side,
                                       label="shift sentence up", back_if_gone=True)
        return self.edit(self._resentencing(edits.move_first_up), self.side,
                         label="shift paragraph up")

    def move_down(self) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.move_sentence_down, self.side,
                                       label="pop sentence down")
        return self.edit(self._resentencing(edits.move_last_down), self.side,
                         label="pop paragraph down")

    def detach(self) -> Change:
        if self.sentence_mode:
            return self._sentence_edit(sedits.detach_sentence, self.side, label="detach")
        return self.edit(self._resentencing(edits.detach), self.side, label="detach")

    def insert_empty(self) -> Change:
        if self.sentence_mode:
            return _say("No empty cells at the sentence level: d detaches a sentence as "
                        "unaligned; l leaves the sentence view.", "warning")
        return self.edit(self._resentencing(edits.insert_empty), self.side,
                         label="insert empty cell")

    def note_prompt(self) -> tuple[str, str] | None:
        """(title, current note) of what the note key annotates; None with nothing selected."""
        link = self.current_link()
        if link is None:
            return None
        s = self.current_sentence()
        if self.sentence_mode and s is not None:
            return f"Note on sentence link {self.sentence + 1} (empty removes it)", s.note
        return "Note on this link (empty removes it)", link.note

    def split_prompt(self) -> tuple[str, int, int, str] | None:
        """(bead, source kept, target kept by default, what is counted) of what "split at"
        splits."""
        link = self.current_link()
        if link is None:
            return None
        s = self.current_sentence()
        if self.sentence_mode and s is not None:
            return (s.bead, *sedits.default_sentence_split(s), "sentences")
        return (link.bead, *edits.default_split(link), "paragraphs")

    def revise(self, text: str, author: str = "", note: str = "") -> Change:
        """Store a revised rendering of the target (the same text as the original removes it)."""
        from aligner.core.revisions import clear_revision, set_revision

        link = self.current_link()
        if link is None:
            return self._no_link()
        original = self.alignment.target_text(link)
        if text.strip() == original.strip():
            if link.revision is None:
                return NOTHING
            return self.edit(clear_revision, label="remove revision")
        return self.edit(lambda al, lid: set_revision(al, lid, text, author=author, note=note),
                         label="revision")

    def undo(self) -> Change:
        return self._history(undo=True)

    def redo(self) -> Change:
        return self._history(undo=False)

    def _history(self, undo: bool) -> Change:
        before = self.alignment
        done = self.session.undo() if undo else self.session.redo()
        if done is None:
            return _say(f"Nothing to {'undo' if undo else 'redo'}.")
        change = self._after_edit(before, done.focus)
        if done.sentence is not None:
            self.sentence = done.sentence
        return change.merged(_say(f"{'Undone' if undo else 'Redone'}: {done.label}."))

    def reloaded(self) -> Change:
        """The session read its file again (another session saved it): show it as it is."""
        self._rebuild_view()
        self._keep_cursor(self.current)
        return Change(rows=True, cells=frozenset(self._row_of), cursor=self.current,
                      message="Reloaded the file as saved; your unsaved edits were dropped.")

    def restore(self, alignment: Alignment) -> Change:
        before = self.alignment
        self.session.restore(alignment)
        return self._after_edit(before, self.current).merged(
            _say("Unsaved edits restored; save with ctrl+s."))

    # --- saving --------------------------------------------------------------------------

    def save(self) -> Change:
        try:
            path = self.session.save()
        except AlignerError as exc:
            return _say(str(exc), "error")
        return _say(f"Saved {path}.")

    # --- terms -------------------------------------------------------------------------

    def terms_found(self, hits: Mapping[tuple[str, int], Iterable[Any]], checked: Alignment,
                    basis: Alignment) -> Change:
        self.terms.hits = {k: list(v) for k, v in hits.items()}
        self.session.replace_checked(checked, basis)
        return self._after_checks()

    def checks_done(self, checked: Alignment, basis: Alignment) -> Change:
        if not self.session.replace_checked(checked, basis):
            return NOTHING  # edited again meanwhile; newer checks are on their way
        return self._after_checks()

    def _after_checks(self) -> Change:
        self.terms.relink(self.alignment)
        view_before = self.view
        self._rebuild_view()
        self._keep_cursor(self.current)
        return Change(rows=self.view != view_before, cells=frozenset(self._row_of),
                      cursor=self.current)

    def term_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """(links holding each term, flags per term) for the terms panel."""
        flags: dict[str, int] = {}
        for lk in self.alignment.links:
            for f in lk.flags:
                flags[f.term] = flags.get(f.term, 0) + 1
        return {t: len(ids) for t, ids in self.terms.links.items()}, flags

    def choose_term(self, term: str) -> Change:
        """Filter the links to those holding a term."""
        n = len(self.terms.links.get(term, ()))
        return self._set_view(ViewFilter(term=term)).merged(
            _say(f"{count(n, 'link')} {'holds' if n == 1 else 'hold'} {term}; "
                 "F shows all links again."))

