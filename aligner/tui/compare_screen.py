"""A comparison of several translations in the terminal.

The left table lists the original's paragraphs with each translation's
similarity to the first (or "missing"); the right pane shows the selected
paragraph: the original, then every translation with its word diff. A second
tab holds the per-term table. All text is shown literally, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from aligner.core.compare import Comparison, Row
from aligner.io.compare_report.common import (
    cell_summary,
    paragraphs_label,
    percent,
    provenance_label,
)
from aligner.tui.revision_view import diff_text

__all__ = ["CompareApp", "CompareScreen", "row_detail"]


def _cell(row: Row, k: int) -> Text:
    r = row.renderings[k]
    if r.missing:
        return Text("missing", style="bold red")
    if k == row.baseline:
        return Text("base", style="dim")
    style = "" if r.similarity == 1.0 else "yellow" if (r.similarity or 0) >= 0.8 else "red"
    return Text(percent(r.similarity), style=style)


def row_detail(comp: Comparison, row: Row) -> Text:
    """The original paragraph and each translation's rendering with its word diff."""
    out = Text(end="")
    out.append(f"{paragraphs_label(row)} original", style="bold")
    if comp.original.is_reconstruction:
        out.append("  (RECONSTRUCTION, not archival)", style="bold yellow")
    out.append("\n")
    out.append(row.source_text)
    for k, rendering in enumerate(row.renderings):
        out.append(f"\n\nT{k + 1} {comp.labels[k]}", style="bold")
        if rendering.missing:
            out.append("\n(missing from this translation)", style="italic red")
            continue
        if k == row.baseline:
            out.append("  (baseline)\n", style="dim")
            out.append(rendering.text)
            continue
        out.append(f"  similarity {percent(rendering.similarity)}\n", style="dim")
        out.append_text(diff_text(rendering.diff))
    return out


class CompareScreen(Screen[None]):
    """Translations of one original side by side, paragraph by paragraph."""

    DEFAULT_CSS = """
    CompareScreen #compare-banner { height: auto; padding: 0 1; }
    CompareScreen #compare-banner.reconstruction { background: $warning 30%; text-style: bold; }
    CompareScreen #compare-rows { width: 2fr; min-width: 30; }
    CompareScreen #compare-detail { width: 3fr; padding: 0 1; border-left: solid $primary; }
    CompareScreen #compare-summary { height: auto; padding: 0 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("n", "next_difference", "Next difference"),
        Binding("m", "next_missing", "Next missing"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]
    #: What each key does, for the help dialog (the same keys as BINDINGS).
    HELP = (("↑ ↓ PgUp PgDn", "move between the original's paragraphs"),
            ("n", "next paragraph that reads differently in some translation"),
            ("m", "next paragraph missing from some translation"),
            ("ctrl+pgup / ctrl+pgdn, click", "switch between the Paragraphs and Terms tabs"),
            ("?", "this help"),
            ("esc, q", "close the comparison (asks first)"))

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def compose(self) -> ComposeResult:
        comp = self.comparison
        label = provenance_label(comp.original)
        banner = f"Comparing {len(comp.translations)} translations of {comp.original.title}"
        yield Static(Text(banner + (f"  —  {label}" if label else ""), end=""),
                     id="compare-banner", classes="reconstruction" if label else "")
        yield Static(self._summary(), id="compare-summary")
        with TabbedContent(id="compare-tabs"):
            with TabPane("Paragraphs", id="tab-paragraphs"), Horizontal():
                yield DataTable(id="compare-rows", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="compare-detail"):
                    yield Static(id="compare-text", markup=False)
            with TabPane("Terms", id="tab-terms"):
                yield DataTable(id="compare-terms", cursor_type="row")
        yield Footer()

    def _summary(self) -> Text:
        comp = self.comparison
        missing = ", ".join(paragraphs_label(r) for r in comp.missing()) or "none"
        worst = ", ".join(paragraphs_label(r) for r in comp.most_different()) or "none"
        text = f"Missing: {missing}   Additions: {len(comp.additions)}   Most different: {worst}"
        return Text(text, end="")

    def on_mount(self) -> None:
        comp = self.comparison
        rows = self.query_one("#compare-rows", DataTable)
        rows.add_columns("¶", *(f"T{k + 1}" for k in range(len(comp.translations))))
        rows.add_rows(
            [Text(paragraphs_label(r)), *(_cell(r, k) for k in range(len(comp.translations)))]
            for r in comp.rows
        )
        terms = self.query_one("#compare-terms", DataTable)
        terms.add_columns("Term", "Original", *comp.labels)
        terms.add_rows(
            [Text(f"{t.source} → {t.target}"), Text(f"×{t.source_count}"),
             *(Text(cell_summary(c), style="yellow" if t.differs else "") for c in t.cells)]
            for t in comp.terms
        )
        if comp.rows:
            self._show(0)
        rows.focus()

    def _show(self, index: int) -> None:
        detail = row_detail(self.comparison, self.comparison.rows[index])
        self.query_one("#compare-text", Static).update(detail)

    @on(DataTable.RowHighlighted, "#compare-rows")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _jump(self, wanted: list[Row]) -> None:
        table = self.query_one("#compare-rows", DataTable)
        positions = [self.comparison.rows.index(r) for r in wanted]
        later = [p for p in sorted(positions) if p > table.cursor_row]
        if not positions:
            self.notify("None in this comparison.")
            return
        table.move_cursor(row=(later or sorted(positions))[0])

    def action_next_difference(self) -> None:
        rows = [r for r in self.comparison.rows if r.similarity is not None and r.similarity < 1.0]
        self._jump(rows)

    def action_next_missing(self) -> None:
        self._jump(self.comparison.missing())

    def action_help(self) -> None:
        from aligner.tui.dialogs import ChoiceDialog

        text = "\n".join(f"{keys:<28} {what}" for keys, what in self.HELP)
        self.app.push_screen(ChoiceDialog("Keys of the comparison", text, [("ok", "OK")]))

    def action_close(self) -> None:
        """Leave the comparison, after asking: Esc is easy to press by accident."""
        from aligner.tui.dialogs import ChoiceDialog

        def go(answer: str | None) -> None:
            if answer == "close":
                self.dismiss(None)

        self.app.push_screen(ChoiceDialog("Close the comparison", "Close the comparison?",
                                          [("close", "Close"), ("stay", "Stay")]), go)


class CompareApp(App[None]):
    """The compare screen on its own, as ``aligner compare --ui`` opens it."""

    TITLE = "aligner compare"

    def __init__(self, comparison: Comparison) -> None:
        super().__init__()
        self.comparison = comparison

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.comparison), lambda _: self.exit())
