"""Modal dialogs: questions, text prompts, errors, search, filter, split and export.

Every dialog works from the keyboard alone and says how in its footer: Tab and
shift+Tab go through every field and button, ← and → move between buttons,
Enter presses the focused button (or submits the text field), Escape cancels.
Every message shown here may quote document text or a file name, so it is
passed as a rich Text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select

from aligner.core.model import FLAG_KINDS
from aligner.core.review import STATUS_FILTERS, ViewFilter
from aligner.errors import AlignerError
from aligner.tui.render import literal

#: The footer of dialogs with buttons only.
BUTTON_KEYS = "← →: choose a button · enter: press it · esc: cancel"
#: The footer of dialogs with fields and buttons.
FORM_KEYS = "tab / shift+tab: next / previous field or button · ← →: buttons · " \
            "enter: press the button (in a text field: {enter}) · esc: cancel"


class _Dialog(ModalScreen):
    """Shared frame: escape cancels (dismisses with None); arrows move between buttons."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("left", "button(-1)", "Previous button", show=False),
        Binding("right", "button(1)", "Next button", show=False),
    ]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_button(self, delta: int) -> None:
        """Move the focus to the neighbouring button (from a field: to the first one)."""
        buttons = list(self.query(Button))
        if not buttons:
            return
        focused = self.focused
        if isinstance(focused, Button) and focused in buttons:
            i = (buttons.index(focused) + delta) % len(buttons)
        else:
            i = 0
        buttons[i].focus()

    def keys_footer(self, text: str) -> Label:
        return Label(literal(text), classes="dialog-hint dialog-keys")


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
            yield self.keys_footer(BUTTON_KEYS)

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


class _FormDialog(_Dialog):
    """A dialog with fields and an OK/Cancel row; subclasses say what OK returns."""

    ok_label = "OK"
    enter_does = "the same as the first button"

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="dialog-buttons"):
            yield Button(literal(self.ok_label), id="dialog-ok", variant="primary")
            yield Button(literal("Cancel"), id="dialog-cancel")
        yield self.keys_footer(FORM_KEYS.format(enter=self.enter_does))

    def answer(self) -> object | None:
        """The value to dismiss with; None keeps the dialog open (it said why)."""
        raise NotImplementedError

    def _finish(self) -> None:
        value = self.answer()
        if value is not None:
            self.dismiss(value)

    @on(Button.Pressed, "#dialog-ok")
    def _ok(self) -> None:
        self._finish()

    @on(Button.Pressed, "#dialog-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._finish()


class PromptDialog(_FormDialog):
    """One line of text (a note, a link number); dismisses with the text or None."""

    enter_does = "accept"

    def __init__(self, title: str, value: str = "", placeholder: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text, self.value, self.placeholder = title, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal(self.title_text), classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield from self.buttons()

    def answer(self) -> str:
        return self.query_one("#prompt-input", Input).value


class SearchDialog(_FormDialog):
    """A search query, plain or fuzzy; dismisses with (query, fuzzy, filter) or None."""

    ok_label = "Search"
    enter_does = "search"

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
            yield Label(literal("after the search, n / N: next / previous match"),
                        classes="dialog-hint")
            yield from self.buttons()

    def answer(self) -> tuple[str, bool, bool]:
        return (self.query_one("#search-input", Input).value,
                self.query_one("#search-fuzzy", Checkbox).value,
                self.query_one("#search-filter", Checkbox).value)


FLAG_CHOICES = ("", "any", *FLAG_KINDS)


class FilterDialog(_FormDialog):
    """Status, flag, term and bookmark filters; dismisses with a ViewFilter or None."""

    ok_label = "Apply"

    def __init__(self, current: ViewFilter, terms: Sequence[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.current, self.terms = current, list(terms)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(literal("Filter links"), classes="dialog-title")
            yield Select([(literal(s), s) for s in STATUS_FILTERS], value=self.current.status,
                         allow_blank=False, id="filter-status")
            yield Select([(literal(f or "any or no flag"), f) for f in FLAG_CHOICES],
                         value=self.current.flag if self.current.flag in FLAG_CHOICES else "",
                         allow_blank=False, id="filter-flag")
            yield Select([(literal(t or "any term"), t) for t in ["", *self.terms]],
                         value=self.current.term if self.current.term in self.terms else "",
                         allow_blank=False, id="filter-term")
            yield Checkbox("Bookmarked only", self.current.bookmarked, id="filter-bookmarked")
            yield from self.buttons()

    def answer(self) -> ViewFilter:
        return ViewFilter(
            status=str(self.query_one("#filter-status", Select).value),
            flag=str(self.query_one("#filter-flag", Select).value),
            term=str(self.query_one("#filter-term", Select).value),
            bookmarked=self.query_one("#filter-bookmarked", Checkbox).value,
            query=self.current.query,
            fuzzy=self.current.fuzzy,
        )


class SplitDialog(_FormDialog):
    """How many paragraphs (or sentences) of each side stay in the first part; dismisses
    with (s, t)."""

    ok_label = "Split"
    enter_does = "split"

    def __init__(self, bead: str, source_keep: int, target_keep: int,
                 unit: str = "paragraphs") -> None:
        """``unit`` is what is counted: "paragraphs", or "sentences" in the sentence view."""
        super().__init__(classes="dialog-screen")
        self.bead, self.keep, self.unit = bead, (source_keep, target_keep), unit

    def compose(self) -> ComposeResult:
        what = "link" if self.unit == "paragraphs" else "sentence link"
        with Vertical(classes="dialog"):
            yield Label(literal(f"Split this {self.bead} {what}: {self.unit} kept in the first "
                                "part"), classes="dialog-title")
            yield Label(literal(f"source {self.unit}"))
            yield Input(str(self.keep[0]), id="split-source", type="integer")
            yield Label(literal(f"target {self.unit}"))
            yield Input(str(self.keep[1]), id="split-target", type="integer")
            yield from self.buttons()

    def answer(self) -> tuple[int, int] | None:
        try:
            return (int(self.query_one("#split-source", Input).value),
                    int(self.query_one("#split-target", Input).value))
        except ValueError:
            self.notify("Type a whole number for each side.", severity="warning")
            return None


EXTENSIONS = {"markdown": "md", "intertext": "xml"}


@dataclass(frozen=True)
class ExportChoice:
    """What the export dialog asked for: the format, the file and the CLI's filters."""

    format: str
    path: str
    confirmed: bool = False
    one_to_one: bool = False
    min_confidence: float = 0.0
    term: str = ""
    include_rejected: bool = False
    use_revisions: bool = False
    lang_tags: str = ""
    """As typed for ``--lang-tags``: "ru-RU,en-GB", or empty for the texts' own codes."""

    def options(self) -> object:
        """The :class:`~aligner.io.export.ExportOptions` of this choice."""
        from aligner.io.export import ExportOptions
        from aligner.io.export.options import parse_lang_tags

        return ExportOptions(
            confirmed_only=self.confirmed, one_to_one=self.one_to_one,
            min_confidence=self.min_confidence, term=self.term or None,
            include_rejected=self.include_rejected, use_revisions=self.use_revisions,
            lang_tags=parse_lang_tags(self.lang_tags) if self.lang_tags.strip() else None,
        )


class ExportDialog(_FormDialog):
    """Format, file and the CLI's filters; dismisses with an :class:`ExportChoice` or None.

    It starts from the last choices made in this session (the path's folder and
    name follow the current document).
    """

    ok_label = "Export"
    enter_does = "export"

    def __init__(self, formats: Sequence[str], default_path: str, terms: Sequence[str] = (),
                 last: ExportChoice | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.formats, self.terms = list(formats), list(terms)
        fmt = last.format if last is not None and last.format in self.formats else "tmx"
        self.start = last if last is not None else ExportChoice(fmt, default_path)
        self.start_path = _with_extension(default_path, fmt) if last is None else last.path

    def compose(self) -> ComposeResult:
        s = self.start
        with VerticalScroll(classes="dialog", id="export-dialog"):
            yield Label(literal("Export the alignment"), classes="dialog-title")
            yield Select([(literal(f), f) for f in self.formats],
                         value=s.format if s.format in self.formats else self.formats[0],
                         allow_blank=False, id="export-format")
            yield Input(self.start_path, id="export-path")
            yield Checkbox("Confirmed links only (--confirmed)", s.confirmed,
                           id="export-confirmed")
            yield Checkbox("1-1 links only (--one-to-one)", s.one_to_one, id="export-one-to-one")
            yield Checkbox("Include rejected links (--include-rejected)", s.include_rejected,
                           id="export-include-rejected")
            yield Checkbox("Revised renderings as the target (--use-revisions)", s.use_revisions,
                           id="export-use-revisions")
            yield Label(literal("minimum confidence, 0 to 1 (--min-confidence)"))
            yield Input(f"{s.min_confidence:g}", id="export-min-confidence")
            yield Select([(literal(t or "any term (--term)"), t) for t in ["", *self.terms]],
                         value=s.term if s.term in self.terms else "", allow_blank=False,
                         id="export-term")
            yield Label(literal("language tags, source first, e.g. ru-RU,en-GB (--lang-tags)"))
            yield Input(s.lang_tags, placeholder="the texts' own codes", id="export-lang-tags")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        """Keep the file name's extension in step with the format chosen."""
        path_input = self.query_one("#export-path", Input)
        path_input.value = _with_extension(path_input.value, str(event.value))

    def answer(self) -> ExportChoice | None:
        text = self.query_one("#export-min-confidence", Input).value.strip() or "0"
        try:
            minimum = float(text)
        except ValueError:
            self.notify(f"Minimum confidence {text!r} is not a number; type one like 0.8.",
                        severity="warning", markup=False)
            return None
        path = self.query_one("#export-path", Input).value.strip()
        choice = ExportChoice(
            format=_format_of(path) or str(self.query_one("#export-format", Select).value),
            path=path,
            confirmed=self.query_one("#export-confirmed", Checkbox).value,
            one_to_one=self.query_one("#export-one-to-one", Checkbox).value,
            min_confidence=minimum,
            term=str(self.query_one("#export-term", Select).value),
            include_rejected=self.query_one("#export-include-rejected", Checkbox).value,
            use_revisions=self.query_one("#export-use-revisions", Checkbox).value,
            lang_tags=self.query_one("#export-lang-tags", Input).value.strip(),
        )
        if not choice.path:
            self.notify("Give a file name to export to.", severity="warning")
            return None
        try:
            choice.options()
        except AlignerError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return None
        return choice


def _format_of(path: str) -> str:
    """The format a typed file name's extension names ("" when none or several do)."""
    from aligner.io.export import format_for_path

    form = format_for_path(path) if path else None
    return form.name if form is not None else ""


def _with_extension(path: str, fmt: str) -> str:
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return f"{stem}.{EXTENSIONS.get(fmt, fmt)}"
