"""The links table: one row per link, keyed by link id, drawn lazily.

Rows hold tiny proxy cells that render from the current alignment when (and
only when) they are on screen, so a 10,000-link alignment fills the table in
a fraction of a second and an edit only has to re-key the rows it touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, Row, RowKey

from aligner.core.model import Alignment, Link, severity
from aligner.core.review import needs_review
from aligner.tui.render import joined, label
from aligner.tui.styles import CAUTION, CAUTION_BOLD, FLAGS, GOOD_BOLD, NOTE, WARN

#: Column keys, fixed widths (None: share of the remaining width) and headings.
COLUMNS: tuple[tuple[str, int | None, str], ...] = (
    ("num", 4, "#"),
    ("source", None, "Source"),
    ("target", None, "Target"),
    ("conf", 4, "Conf"),
    ("status", 5, "State"),
    ("flags", 5, "Marks"),
)
STATUS_MARKS = {"auto": ("·auto", "dim"), "confirmed": ("✓ ok", GOOD_BOLD),
                "rejected": ("✗ rej", WARN), "edited": ("✎ ed", NOTE)}
#: More rows than this leaving the view at once: rebuild the table instead (see show()).
REBUILD_AFTER = 32
FLAG_LETTERS = {"flagged": "F", "missing": "M", "near": "N", "inconsistent": "I", "variant": "V"}


def _confidence_style(confidence: float) -> str:
    if confidence < 0.5:
        return WARN
    return CAUTION if confidence < 0.75 else ""


class _Cell:
    """A cell that renders the current state of its link when drawn."""

    __slots__ = ("column", "link_id", "table")

    def __init__(self, table: LinksTable, link_id: int, column: str) -> None:
        self.table, self.link_id, self.column = table, link_id, column

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table.cell_text(self.link_id, self.column)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        # Widths are fixed by the table; measuring real text for 10,000 rows is wasted work.
        return Measurement(1, 1)


class LinksTable(DataTable[Any]):
    """All (or the filtered) links of the alignment, side by side."""

    def __init__(self, *, row_height: int = 2, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.row_height = row_height
        self.alignment: Alignment | None = None
        self.side = "source"
        self._positions: dict[int, int] = {}
        self._order: list[int] = []

    def on_mount(self) -> None:
        for key, width, heading in COLUMNS:
            self.add_column(Text(heading), key=key, width=width or 20)
        self.set_side(self.side)

    # --- content --------------------------------------------------------------------

    def link(self, link_id: int) -> Link:
        assert self.alignment is not None
        return self.alignment.links[self._positions[link_id]]

    def cell_text(self, link_id: int, column: str) -> Text:
        """What one cell shows now (called only for rows on screen)."""
        if self.alignment is None or link_id not in self._positions:
            return Text("")
        lk = self.link(link_id)
        a = self.alignment
        if column == "num":
            return Text(str(self._positions[link_id] + 1), style="dim", justify="right")
        if column in ("source", "target"):
            doc, indices = (a.source, lk.source) if column == "source" else (a.target, lk.target)
            if not indices:
                return Text("— unaligned —", style="dim italic")
            return joined([doc.segments[i].text for i in indices])
        if column == "conf":
            if lk.status == "edited":  # a person's decision has no machine score
                return Text("  —", style="dim")
            return Text(f"{lk.confidence:.2f}", style=_confidence_style(lk.confidence))
        if column == "status":
            mark, style = STATUS_MARKS.get(lk.status, (lk.status, ""))
            return Text(mark, style=style)
        return self._marks(lk)

    @staticmethod
    def _marks(lk: Link) -> Text:
        kinds = sorted({f.kind for f in lk.flags}, key=severity)  # most severe first
        letters = "".join(FLAG_LETTERS.get(k, "?") for k in kinds)
        return label(
            ("★" if lk.bookmark else "", CAUTION_BOLD),
            ("!" if needs_review(lk) else "", WARN),
            (letters, FLAGS),
            ("✎" if lk.note or lk.revision else "", NOTE),
        )

    # --- rows ---------------------------------------------------------------------

    @property
    def order(self) -> list[int]:
        """Link ids in the order the rows show them."""
        return list(self._order)

    def show(self, alignment: Alignment, order: Sequence[int], changed: set[int] | None = None
             ) -> None:
        """Show ``order`` (link ids) of ``alignment``, touching only rows that changed."""
        self.alignment = alignment
        self._positions = {lk.id: i for i, lk in enumerate(alignment.links)}
        wanted = list(order)
        present = set(self._order)
        keep = set(wanted)
        gone = present - keep
        if len(gone) > REBUILD_AFTER:
            # DataTable.remove_row renumbers every row after the one removed, so removing
            # thousands one by one is quadratic; starting afresh is one linear pass.
            self.clear()
            self._order, present = [], set()
        else:
            for lid in gone:
                self.remove_row(str(lid))
        self._add_rows([lid for lid in wanted if lid not in present])
        if [lid for lid in self._order if lid in keep] + [
            lid for lid in wanted if lid not in present
        ] != wanted:
            rank = {lid: i for i, lid in enumerate(wanted)}
            self.sort("num", key=lambda cell: rank[cell.link_id])
        self._order = wanted
        for lid in changed if changed is not None else ():
            if lid in keep:
                self.update_cell(str(lid), "status", _Cell(self, lid, "status"))
        self.refresh()

    def _add_rows(self, link_ids: Sequence[int]) -> None:
        """Append rows for these links in one go.

        DataTable.add_row re-validates the cursor and later measures every cell
        of every new row; for 10,000 rows that is seconds of work whose result
        is known here (fixed widths, fixed height, lazy cells). This does what
        add_row does for a plain row, once per batch instead of once per row,
        against the DataTable internals of the pinned Textual version.
        """
        if not link_ids:
            return
        columns = [c.key for c in self.ordered_columns]
        for lid in link_ids:
            row_key = RowKey(str(lid))
            self._row_locations[row_key] = len(self._row_locations)
            self._data[row_key] = {c: _Cell(self, lid, c.value or "") for c in columns}
            self.rows[row_key] = Row(row_key, self.row_height)
            self._new_rows.add(row_key)
        self._require_update_dimensions = True
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate
        if self.row_count == len(link_ids) and self.show_cursor:
            self._highlight_cursor()
        self.check_idle()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Only the virtual size: widths are fixed and cells are never measured."""
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, self._total_row_height + header)

    def redraw(self) -> None:
        """Re-render the visible rows (their links changed; the row set did not).

        The DataTable keys its render caches by an update count, and also its
        row offsets and row order, which cost a pass over every row to rebuild;
        our cells render the current alignment, so dropping the render caches is
        enough and keeps a redraw independent of the number of rows.
        """
        for cache in (self._row_render_cache, self._cell_render_cache,
                      self._row_renderable_cache, self._line_cache):
            cache.clear()
        self.refresh()

    @property
    def current_id(self) -> int | None:
        """Id of the link under the cursor, or None when the table is empty."""
        if not self._order or not self.is_valid_row_index(self.cursor_row):
            return None
        key = self.coordinate_to_cell_key((self.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    def select(self, link_id: int) -> bool:
        """Put the cursor on a link's row (and scroll to it); False when it is not shown."""
        try:
            row = self.get_row_index(str(link_id))
        except Exception:  # the row is filtered out
            return False
        self.move_cursor(row=row, animate=False, scroll=True)
        return True

    # --- layout -------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        """Share the width left by the narrow columns between source and target."""
        fixed = sum(w for _, w, _ in COLUMNS if w) + 2 * self.cell_padding * len(COLUMNS)
        free = max(event.size.width - fixed - 2, 20)
        columns = [self.columns[ColumnKey(key)] for key in ("source", "target")]
        if all(c.width == free // 2 for c in columns):
            return  # a layout pass with the same width: keep every cached row
        for column in columns:
            column.width = free // 2
        self._require_update_dimensions = True
        self._update_count += 1  # widths changed: every cached line is stale
        self.refresh()

    def set_side(self, side: str) -> None:
        """Mark which side the paragraph edits apply to, in the column headings."""
        self.side = side
        for key, _, heading in COLUMNS[1:3]:
            mark = "▶ " if key == side else "  "
            self.columns[ColumnKey(key)].label = Text(mark + heading, style="bold" if
                                                      key == side else "")
        self._update_count += 1  # the headings changed: every cached line is stale
        self.refresh()

    class SideChosen(Message):
        """← or → chose the side the paragraph edits act on."""

        def __init__(self, side: str) -> None:
            super().__init__()
            self.side = side

    def action_cursor_left(self) -> None:
        self.set_side("source")
        self.post_message(self.SideChosen("source"))

    def action_cursor_right(self) -> None:
        self.set_side("target")
        self.post_message(self.SideChosen("target"))
