"""The header (both documents and a reconstruction banner), the terms panel, the help screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from aligner.core.model import Alignment, Document
from aligner.io.encoding import encoding_label
from aligner.tui.keymap import groups, readable_keys
from aligner.tui.render import label, literal, one_line, term_colour
from aligner.tui.styles import CAUTION, GOOD, WARN


def document_line(role: str, doc: Document) -> Text:
    """``SOURCE ru provenance encoding · translator · title``, all literal."""
    style = WARN if doc.is_reconstruction else "dim"
    parts: list[tuple[str, str] | str] = [
        (f"{role:<6} ", "bold"), (doc.language, "bold"), (f" {doc.provenance}", style),
        (f" {encoding_label(doc.encoding)}", "dim"),
    ]
    translator = doc.metadata.get("translator")
    if translator:
        parts.append(f" · tr. {translator}")
    parts.append(f" · {doc.title}")
    return label(*parts)


def banner_text(alignment: Alignment) -> Text | None:
    """The warning shown whenever a text is not the archival original."""
    docs = [(r, d) for r, d in (("source", alignment.source), ("target", alignment.target))
            if d.is_reconstruction]
    if not docs:
        return None
    which = " and the ".join(f"{r} ({d.language})" for r, d in docs)
    verb = "are" if len(docs) > 1 else "is"
    return literal(f"⚠ RECONSTRUCTION: the {which} {verb} not the archival text; "
                   "do not quote it.")


class TermsPanel(Vertical):
    """Glossary entries with hit counts and flags, and the chosen term's concordance."""

    def compose(self) -> ComposeResult:
        yield Static(literal("Terms"), classes="panel-title")
        yield DataTable(cursor_type="row", id="terms-table", zebra_stripes=True)
        with VerticalScroll(id="concordance"):
            yield Static(literal("Choose a term (enter) to filter the links."),
                         id="concordance-body", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#terms-table", DataTable)
        for key, heading in (("hits", "Hits"), ("flags", "Flags"), ("term", "Term")):
            table.add_column(Text(heading), key=key)

    def fill(self, glossary: Any, counts: Mapping[str, int], flags: Mapping[str, int]) -> None:
        """One row per glossary entry: coloured id, source → target, hits, flags."""
        table = self.query_one("#terms-table", DataTable)
        table.clear()
        if glossary is None:
            self.show_concordance(literal("No glossary: open with --glossary FILE."))
            return
        order = glossary.ids()
        for entry in glossary:
            name = label((entry.id, f"bold {term_colour(entry.id, order)}"),
                         f"  {one_line(entry.source, 24)} → {one_line(entry.target, 24)}")
            nflags = flags.get(entry.id, 0)
            table.add_row(Text(str(counts.get(entry.id, 0)), justify="right"),
                          Text(f"⚑ {nflags}" if nflags else "", style=WARN), name,
                          key=entry.id)

    def show_concordance(self, body: Any) -> None:
        self.query_one("#concordance-body", Static).update(body)


RENDERING_STYLES = {"missing": WARN, "flagged": WARN, "variant": CAUTION,
                    "preferred": GOOD}


def concordance_view(term: str, lines: Sequence[Any], colour: str, limit: int = 60) -> Text:
    """KWIC lines of one term: link number, side, the term in context, its counterpart."""
    links = {ln.link_id for ln in lines}
    out = label((f"{term}: {len(lines)} occurrences in {len(links)} links", "bold"))
    for ln in lines[:limit]:
        where = f" s{ln.sentence + 1}" if ln.sentence >= 0 else ""
        out.append(f"\n#{ln.link + 1}{where} {ln.side[:3]} ", style="dim")
        out.append(ln.left)
        out.append(ln.match, style=f"bold {colour}")
        out.append(ln.right)
        other = " / ".join(ln.other) or "nothing"
        out.append(f"  → {other} ", style="dim")
        out.append(f"({ln.rendering})", style=RENDERING_STYLES.get(ln.rendering, ""))
    if len(lines) > limit:
        out.append(f"\n… and {len(lines) - limit} more; the links are filtered to them all.")
    return out


class HelpScreen(ModalScreen):
    """Every key, by group (the same table the bindings and the palette are made from)."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss_help", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(literal("Keys (escape closes this help)"), classes="dialog-title")
            for group, keys in groups():
                table = Table.grid(padding=(0, 2))
                table.add_column(width=14, style="bold")
                table.add_column()
                for k in keys:
                    table.add_row(literal(readable_keys(k)), literal(k.help or k.description))
                yield Static(literal(group), classes="help-group")
                yield Static(table)
            from aligner.tui.links_table import MARKS_LEGEND

            legend = Table.grid(padding=(0, 2))
            legend.add_column(width=22, style="bold")
            legend.add_column()
            for signs, meaning in MARKS_LEGEND:
                legend.add_row(literal(signs), literal(meaning))
            yield Static(literal("The links table: State, Conf and Marks"), classes="help-group")
            yield Static(legend)

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
