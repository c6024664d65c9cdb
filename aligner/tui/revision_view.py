"""Revisions in the terminal: a word diff as styled text, and a dialog to edit one.

Deleted words are struck through and inserted ones underlined, in red and
green: the marks read without colour too (monochrome terminals, colour-blind
readers). Document text is put into :class:`rich.text.Text` pieces as it is,
never parsed as markup, so "[and]" or "[/b]" in a paragraph stays literal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from aligner.core.model import Alignment, Link
from aligner.core.revisions import TermEffect, revision_diff
from aligner.core.wordiff import DiffOp, changed_words, diff_pieces, word_diff

__all__ = [
    "DIFF_STYLES",
    "ReviseScreen",
    "RevisionAnswer",
    "default_author",
    "RevisionView",
    "diff_text",
    "revision_text",
    "term_effect_text",
]

#: Colour and a non-colour cue for each kind of change.
DIFF_STYLES: dict[str, str] = {"del": "strike red", "ins": "underline bold green"}


def diff_text(ops: Sequence[DiffOp]) -> Text:
    """A word diff as terminal text: deletions struck through, insertions underlined."""
    out = Text(end="")
    previous = ""
    for kind, piece in diff_pieces(list(ops)):
        if previous == "del" and kind == "ins":
            out.append(" ")  # so a replacement reads as two words without colour too
        out.append(piece, style=DIFF_STYLES.get(kind, ""))
        previous = kind
    return out


def revision_text(alignment: Alignment, link: Link) -> Text:
    """Who proposed the link's revision, when and why, then its diff against the original."""
    if link.revision is None:
        return Text("No revision proposed for this link.", style="dim", end="")
    rev = link.revision
    ops = revision_diff(alignment, link)
    deleted, inserted = changed_words(ops)
    out = Text(end="")
    out.append("Revision", style="bold")
    out.append(f" by {rev.author}" if rev.author else "", style="bold")
    out.append(f"  {rev.time}  −{deleted} +{inserted} words\n", style="dim")
    out.append_text(diff_text(ops))
    if rev.note:
        out.append("\nNote: ", style="dim")
        out.append(rev.note)
    return out


def term_effect_text(effect: TermEffect) -> Text:
    """What the revision does to the link's term findings, one line per finding."""
    out = Text(end="")
    rows = [("fixes", "green", effect.fixed), ("introduces", "bold red", effect.introduced),
            ("keeps", "yellow", effect.kept)]
    for verb, style, flags in rows:
        for flag in flags:
            if out.plain:
                out.append("\n")
            out.append(f"Revision {verb} ", style=style)
            out.append(f"{flag.kind} {flag.term}")
            if flag.message:
                out.append(f": {flag.message}", style="dim")
    if not out.plain:
        out.append("No term findings before or after the revision.", style="dim")
    return out


class RevisionView(Static):
    """Shows the revision of one link as a word diff (or says there is none)."""

    DEFAULT_CSS = """
    RevisionView { height: auto; padding: 0 1; }
    """

    def show(self, alignment: Alignment, link: Link) -> None:
        """Display this link's revision."""
        self.update(revision_text(alignment, link))


def default_author() -> str:
    """Who proposes a revision when nobody says: the login name (empty if there is none)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in containers without a passwd entry
        return ""


@dataclass(frozen=True)
class RevisionAnswer:
    """What the revision dialog returns: the wording, who proposes it and why."""

    text: str
    author: str = ""
    note: str = ""


class ReviseScreen(ModalScreen[RevisionAnswer | None]):
    """Edit a revised wording of a link's target text, with its author and a note.

    Dismisses with a :class:`RevisionAnswer` or None. The preview under the
    editor shows the word diff against the original as the reviewer types.
    Tab leaves the text area (it does not indent), so every field and button is
    reachable by keys; the footer says so.
    """

    DEFAULT_CSS = """
    ReviseScreen { align: center middle; }
    ReviseScreen > #revise-dialog {
        width: 90%; max-width: 120; height: 90%; border: thick $accent; background: $surface;
        padding: 0 1;
    }
    ReviseScreen #revise-original { height: auto; max-height: 8; color: $text-muted; }
    ReviseScreen TextArea { height: 1fr; min-height: 5; }
    ReviseScreen #revise-meta { height: auto; }
    ReviseScreen #revise-meta Input { width: 1fr; }
    ReviseScreen .dialog-keys { color: $text-muted; }
    ReviseScreen #revise-preview-box { height: auto; max-height: 10; }
    ReviseScreen #revise-buttons { height: auto; align-horizontal: right; }
    ReviseScreen Button { margin-left: 1; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save revision"),
        Binding("escape", "cancel", "Cancel"),
        Binding("left", "button(-1)", "Previous button", show=False),
        Binding("right", "button(1)", "Next button", show=False),
    ]
    KEYS_HINT = ("ctrl+s: save the revision · tab / shift+tab: next / previous field or button"
                 " · ← →: buttons · enter on a button: press it · esc: cancel")

    def __init__(self, original: str, current: str | None = None, *, title: str = "",
                 author: str = "", note: str = "") -> None:
        super().__init__()
        self.original = original
        self.current = current if current is not None else original
        self.title_text = title or "Revise the target wording"
        self.author, self.note = author, note

    def compose(self) -> ComposeResult:
        with Vertical(id="revise-dialog"):
            yield Label(Text(self.title_text, style="bold"))
            yield Label(Text("Original:", style="dim"))
            with VerticalScroll(id="revise-original", can_focus=False):
                yield Static(Text(self.original, end=""), markup=False)
            yield TextArea(self.current, id="revise-editor", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="revise-meta"):
                yield Input(self.author, placeholder="author", id="revise-author")
                yield Input(self.note, placeholder="note: why this wording", id="revise-note")
            yield Label(Text("Changes (struck through: deleted, underlined: inserted):",
                             style="dim"))
            with VerticalScroll(id="revise-preview-box", can_focus=False):
                yield Static(self._preview(self.current), id="revise-preview", markup=False)
            with Horizontal(id="revise-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="revise-save")
                yield Button("Cancel (esc)", id="revise-cancel")
            yield Label(Text(self.KEYS_HINT, style="dim"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _preview(self, text: str) -> Text:
        if text.strip() == self.original.strip():
            return Text("(no change: saving keeps the original wording)", style="dim", end="")
        return diff_text(word_diff(self.original, text))

    @on(TextArea.Changed, "#revise-editor")
    def _update_preview(self, event: TextArea.Changed) -> None:
        self.query_one("#revise-preview", Static).update(self._preview(event.text_area.text))

    def action_button(self, delta: int) -> None:
        """← → move between the buttons when one has the focus."""
        buttons = list(self.query(Button))
        if isinstance(self.focused, Button) and self.focused in buttons:
            buttons[(buttons.index(self.focused) + delta) % len(buttons)].focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#revise-save")
    def action_save(self) -> None:
        text = self.query_one(TextArea).text.strip()
        if not text:
            self.notify("A revision cannot be empty; press Escape to cancel.", severity="warning")
            return
        self.dismiss(RevisionAnswer(text, self.query_one("#revise-author", Input).value.strip(),
                                    self.query_one("#revise-note", Input).value.strip()))

    @on(Button.Pressed, "#revise-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
