"""Modal dialogs: questions, text prompts, errors, search, filter, split and export.

Every message shown here may quote document text or a file name, so it is
passed as a rich Text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from aligner.core.model import FLAG_KINDS
from aligner.core.review import STATUS_FILTERS, ViewFilter
from aligner.tui.render import literal


class _Dialog(ModalScreen):
    """Shared frame: escape cancels (dismisses with None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(_Dialog):
    """A question with a few answers; dismisses with the chosen answer's id (None: escape)."""

    def __init__(self, title: str, message: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.message, self.choices = title, message, list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Label(literal(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for i, (answer, text) in enumerate(self.choices):
                    yield Button(literal(text), id=f"choice-{answer}",
                                 variant="primary" if i == 0 else "default")

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))


class ErrorDialog(ChoiceDialog):
    """One clear line about what went wrong and what to do."""

    def __init__(self, message: str, title: str = "Error") -> None:
        super().__init__(title, message, [("ok", "OK")])
        self.add_class("error")


class PromptDialog(_Dialog):
    """One line of text (a note, a link number); dismisses with the text or None."""

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(literal("enter: accept · escape: cancel"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class SearchDialog(_Dialog):
    """A search query, plain or fuzzy; dismisses with (query, fuzzy, filter) or None."""

    def __init__(self, query: str = "", fuzzy: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.query_text, self.fuzzy = query, fuzzy

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal("Search source, target, notes and revisions"),
                        classes="dialog-title")
            yield Input(self.query_text, placeholder="words to find", id="search-input")
            yield Checkbox("Fuzzy (forgive misspellings)", self.fuzzy, id="search-fuzzy")
            yield Checkbox("Show only matching links", False, id="search-filter")
            yield Label(literal("enter: search · n / N: next / previous match"),
                        classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        fuzzy = self.query_one("#search-fuzzy", Checkbox).value
        only = self.query_one("#search-filter", Checkbox).value
        self.dismiss((event.value, fuzzy, only))


class FilterDialog(_Dialog):
    """Status, flag, term and bookmark filters; dismisses with a ViewFilter or None."""

    def __init__(self, current: ViewFilter, terms: Sequence[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.current, self.terms = current, list(terms)

    def compose(self) -> ComposeResult:
        flags = ["", "any", *FLAG_KINDS]
        with Vertical(classes="dialog"):
            yield Label(literal("Filter links"), classes="dialog-title")
            yield Select([(literal(s), s) for s in STATUS_FILTERS], value=self.current.status,
                         allow_blank=False, id="filter-status")
            yield Select([(literal(f or "any or no flag"), f) for f in flags],
                         value=self.current.flag, allow_blank=False, id="filter-flag")
            yield Select([(literal(t or "any term"), t) for t in ["", *self.terms]],
                         value=self.current.term if self.current.term in self.terms else "",
                         allow_blank=False, id="filter-term")
            yield Checkbox("Bookmarked only", self.current.bookmarked, id="filter-bookmarked")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Apply", id="filter-apply", variant="primary")
                yield Button("Cancel", id="filter-cancel")

    @on(Button.Pressed, "#filter-apply")
    def _apply(self) -> None:
        self.dismiss(ViewFilter(
            status=str(self.query_one("#filter-status", Select).value),
            flag=str(self.query_one("#filter-flag", Select).value),
            term=str(self.query_one("#filter-term", Select).value),
            bookmarked=self.query_one("#filter-bookmarked", Checkbox).value,
            query=self.current.query,
            fuzzy=self.current.fuzzy,
        ))

    @on(Button.Pressed, "#filter-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class SplitDialog(_Dialog):
    """How many paragraphs of each side stay in the first part; dismisses with (s, t)."""

    def __init__(self, bead: str, source_keep: int, target_keep: int) -> None:
        super().__init__(classes="dialog-screen")
        self.bead, self.keep = bead, (source_keep, target_keep)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(f"Split this {self.bead} link: paragraphs kept in the first part"),
                        classes="dialog-title")
            yield Input(str(self.keep[0]), id="split-source", type="integer")
            yield Input(str(self.keep[1]), id="split-target", type="integer")
            yield Label(literal("source, then target · enter: split"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        try:
            values = (int(self.query_one("#split-source", Input).value),
                      int(self.query_one("#split-target", Input).value))
        except ValueError:
            self.notify("Type a whole number for each side.", severity="warning")
            return
        self.dismiss(values)


EXTENSIONS = {"markdown": "md", "intertext": "xml"}


class ExportDialog(_Dialog):
    """A format and a path; dismisses with (format, path) or None."""

    def __init__(self, formats: Sequence[str], default_path: str) -> None:
        super().__init__(classes="dialog-screen")
        self.formats, self.default_path = list(formats), default_path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal("Export the alignment"), classes="dialog-title")
            yield Select([(literal(f), f) for f in self.formats], value=self.formats[0],
                         allow_blank=False, id="export-format")
            yield Input(self.default_path, id="export-path")
            yield Checkbox("Overwrite an existing file", False, id="export-force")
            yield Label(literal("enter in the path: export · escape: cancel"),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the file name's extension in step with the format chosen."""
        path_input = self.query_one("#export-path", Input)
        stem = path_input.value.rsplit(".", 1)[0] if "." in path_input.value else path_input.value
        path_input.value = f"{stem}.{EXTENSIONS.get(str(event.value), event.value)}"

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        fmt = str(self.query_one("#export-format", Select).value)
        self.dismiss((fmt, event.value, self.query_one("#export-force", Checkbox).value))
