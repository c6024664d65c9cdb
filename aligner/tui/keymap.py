"""Every key of the review workspace, in one table.

The app's bindings, the command palette entries and the help screen are all
made from :data:`KEYS`, so they cannot disagree. The keys follow two-column
alignment editors such as InterText where they can: shift+up shifts the first
paragraph of a link up, shift+down pops the last one down, "i" inserts an empty
cell, "m" merges, space toggles confirmed, "b" bookmarks. With the sentence view on
("l"), the same editing keys act on the highlighted sentence link.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class KeySpec:
    """One command: its key(s), the app action it runs and how it is described."""

    keys: str
    """Textual key names, comma-separated ("ctrl+z,u")."""
    action: str
    """App action ("merge"); empty for keys a widget handles itself (arrows)."""
    description: str
    group: str
    shown: str
    """How the key is written on screen ("ctrl+z", "[", "?")."""
    footer: str = ""
    """Short label in the footer; empty: not in the footer (it holds only the common keys)."""
    help: str = ""
    """A longer explanation for the help screen and the command palette."""


KEYS: tuple[KeySpec, ...] = (
    # Moving around
    KeySpec("", "", "Previous / next link", "Move", "↑ ↓ PgUp PgDn"),
    KeySpec("", "", "Choose the side edited (source / target)", "Move", "← →"),
    KeySpec("right_square_bracket", "next_attention", "Next to review", "Move", "]", "Next",
            "Next link that is unsure or flagged and not yet reviewed; in the sentence view, "
            "the next sentence link the aligner doubts, across links (weakest first in the "
            "queue)."),
    KeySpec("left_square_bracket", "previous_attention", "Previous to review", "Move", "["),
    KeySpec("j", "next_sentence", "Next sentence link", "Move", "j", "",
            "Sentence view: the next sentence link, on into the next link."),
    KeySpec("k", "previous_sentence", "Previous sentence link", "Move", "k", "",
            "Sentence view: the previous sentence link, back into the previous link."),
    KeySpec("apostrophe", "next_bookmark", "Next bookmark", "Move", "'"),
    KeySpec("quotation_mark", "previous_bookmark", "Previous bookmark", "Move", '"'),
    KeySpec("g", "jump", "Go to link number", "Move", "g"),
    KeySpec("slash", "search", "Search both sides", "Move", "/", "Search",
            "Plain or fuzzy search in source, target, notes and revisions."),
    KeySpec("n", "search_next", "Next search match", "Move", "n"),
    KeySpec("N", "search_previous", "Previous search match", "Move", "N"),
    # Views
    KeySpec("l", "toggle_sentences", "Sentence view (on / off)", "View", "l", "",
            "The sentence links of the current link, with confidence and why; while it is "
            "on, the editing keys (space c r m s S shift+↑ shift+↓ d e) act on the "
            "highlighted sentence link."),
    KeySpec("w", "toggle_queue", "Review queue (weakest first)", "View", "w", "",
            "Show unreviewed links, lowest confidence and most flags first."),
    KeySpec("o", "toggle_confidence_order", "Sort by confidence", "View", "o"),
    KeySpec("f", "filter", "Filter links", "View", "f", "",
            "Filter by status, flag, term or bookmark."),
    KeySpec("F", "clear_filter", "Show all links", "View", "F"),
    KeySpec("t", "toggle_terms", "Terms panel", "View", "t", "",
            "Glossary terms with hit counts and flags; choosing one filters the links."),
    KeySpec("T", "toggle_concordance_context", "Concordance: sentence / paragraph", "View", "T",
            "", "The concordance shows each occurrence in its sentence, or in its paragraph."),
    # Editing
    KeySpec("space", "toggle_confirmed", "Toggle confirmed", "Edit", "space", "Confirm",
            "Confirm the link, or take it back (sentence view: the sentence link)."),
    KeySpec("c", "confirm_next", "Confirm and go on", "Edit", "c", "",
            "Confirm this link (sentence view: sentence link) and move to the next "
            "unreviewed one (the next weakest in the queue)."),
    KeySpec("r", "reject", "Reject link", "Edit", "r", "",
            "Mark the link (sentence view: the sentence link) as wrong."),
    KeySpec("m", "merge", "Merge with next link", "Edit", "m", "Merge",
            "Merge with the next link (sentence view: with the next sentence link)."),
    KeySpec("s", "split", "Split link in two", "Edit", "s", "",
            "Split a multi-paragraph link in half on each side (sentence view: the "
            "sentence link, by sentences)."),
    KeySpec("S", "split_at", "Split link at…", "Edit", "S", "",
            "Choose how many paragraphs (sentence view: sentences) of each side stay in the "
            "first part."),
    KeySpec("shift+up", "move_up", "Shift first paragraph up", "Edit", "shift+↑", "",
            "Move the first paragraph of the chosen side into the previous link (sentence "
            "view: the first sentence into the previous sentence link)."),
    KeySpec("shift+down", "move_down", "Pop last paragraph down", "Edit", "shift+↓", "",
            "Move the last paragraph of the chosen side into the next link (sentence view: "
            "the last sentence into the next sentence link)."),
    KeySpec("d", "detach", "Detach paragraph as unaligned", "Edit", "d", "",
            "The last paragraph of the chosen side becomes a link of its own, 1:0 or 0:1 "
            "(sentence view: the last sentence, a sentence link of its own)."),
    KeySpec("i", "insert_empty", "Insert empty cell", "Edit", "i", "",
            "The chosen side of this and following links shifts down one row."),
    KeySpec("e", "note", "Add or edit note", "Edit", "e", "",
            "A note on the link (sentence view: on the sentence link)."),
    KeySpec("b", "bookmark", "Toggle bookmark", "Edit", "b"),
    KeySpec("v", "revise", "Propose revised target", "Edit", "v"),
    KeySpec("ctrl+z,u", "undo", "Undo", "Edit", "^z", "Undo"),
    KeySpec("ctrl+y,U", "redo", "Redo", "Edit", "ctrl+y / U"),
    # File
    KeySpec("ctrl+s", "save", "Save", "File", "^s", "Save"),
    KeySpec("x", "export", "Export…", "File", "x"),
    KeySpec("question_mark,f1", "help", "Help: all keys", "File", "?", "Help"),
    KeySpec("", "", "Command palette", "File", "ctrl+p"),
    KeySpec("q", "quit", "Quit", "File", "q", "Quit",
            "Quit; with unsaved edits, asks whether to save them first."),
    KeySpec("escape", "quit_or_cancel", "Show all links / quit", "File", "esc", "",
            "With a filter on: show all links again. Otherwise ask before quitting."),
)


def app_bindings() -> list[Binding]:
    """Textual bindings for every key that runs an app action."""
    return [
        Binding(k.keys, k.action, k.footer or k.description, show=bool(k.footer),
                key_display=k.shown, tooltip=k.help or k.description)
        for k in KEYS
        if k.keys and k.action
    ]


_PRETTY = {
    "right_square_bracket": "]", "left_square_bracket": "[", "apostrophe": "'",
    "quotation_mark": '"', "slash": "/", "question_mark": "?", "shift+up": "shift+↑",
    "shift+down": "shift+↓", "f1": "F1", "escape": "esc",
}


def readable_keys(spec: KeySpec) -> str:
    """Every key of a command as a reader types it ("ctrl+z / u")."""
    if not spec.keys:
        return spec.shown
    return " / ".join(_PRETTY.get(k, k) for k in spec.keys.split(","))


def groups() -> list[tuple[str, list[KeySpec]]]:
    """The keys by group, in table order, for the help screen."""
    out: dict[str, list[KeySpec]] = {}
    for k in KEYS:
        out.setdefault(k.group, []).append(k)
    return list(out.items())
