"""The links table: one row per position of the view, drawn lazily.

Rows hold tiny proxy cells that render from the current alignment and view
when (and only when) they are on screen, so a 20,000-link alignment fills the
table in a fraction of a second, and an edit, a filter or a new order only
changes what the rows show (and how many there are), never re-keys rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from textual._two_way_dict import TwoWayDict
from textual.cache import LRUCache
from textual.coordinate import Coordinate
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
FLAG_LETTERS = {"flagged": "F", "missing": "M", "near": "N", "inconsistent": "I", "variant": "V"}
#: What the State and Marks columns' signs mean (shown by the help screen).
MARKS_LEGEND: tuple[tuple[str, str], ...] = (
    ("·auto ✓ ok ✗ rej ✎ ed", "State: as aligned, confirmed, rejected, edited by hand"),
    ("Conf  —", "the aligner's confidence; — for a link a person reshaped"),
    ("★", "bookmarked"),
    ("!", "needs review: unsure or flagged, not yet reviewed"),
    ("F", "a term rendered the way the glossary flags as wrong"),
    ("M", "a source term with no rendering in the target"),
    ("N", "a term rendered by a near miss of an accepted rendering"),
    ("I", "a term rendered inconsistently across the document"),
    ("V", "a term rendered by an accepted variant, not the preferred one"),
    ("✎", "the link has a note or a proposed revision"),
)


def _confidence_style(confidence: float) -> str:
    if confidence < 0.5:
        return WARN
    return CAUTION if confidence < 0.75 else ""


class _Cell:
    """A cell that renders, when drawn, whatever link its row shows now."""

    __slots__ = ("column", "row", "table")

    def __init__(self, table: LinksTable, row: int, column: str) -> None:
        self.table, self.row, self.column = table, row, column

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.table.cell_text(self.row, self.column)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        # Widths are fixed by the table; measuring real text for 10,000 rows is wasted work.
        return Measurement(1, 1)


#: Rendered row lines kept by link: a 160x48 screen shows about 20 two-line rows, so
#: this holds the screenfuls of a few dozen views and cursor places.
LINK_LINES_KEPT = 4096


class LinksTable(DataTable[Any]):
    """All (or the filtered) links of the alignment, side by side.

    Rows are positions in the view, not links: row N shows the view's Nth link
    (the view being the controller's list of link ids). A new filter or order
    therefore only changes that list and the number of rows; rows that leave
    come from a pool made once, so even showing all 20,000 links again after a
    filter does not rebuild the table.
    """

    def __init__(self, *, row_height: int = 2, **kwargs: Any) -> None:
        # Rendered lines of rows by the link they show (see _render_line_in_row); made
        # first, as the DataTable's constructor already clears its caches.
        self._link_lines: LRUCache[tuple[Any, ...], Any] = LRUCache(LINK_LINES_KEPT)
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.row_height = row_height
        self.alignment: Alignment | None = None
        self.side = "source"
        self._view: list[int] = []
        # The pool of rows, made once each and shown as the view needs them.
        self._keys: list[RowKey] = []
        self._pool_rows: list[Row] = []
        self._pool_cells: list[dict[ColumnKey, _Cell]] = []
        self._pool_offsets: list[tuple[RowKey, int]] = []
        self._full: tuple[Any, Any, Any] | None = None

    def on_mount(self) -> None:
        for key, width, heading in COLUMNS:
            self.add_column(Text(heading), key=key, width=width or 20)
        self.set_side(self.side)

    # --- content --------------------------------------------------------------------

    def link_at(self, row: int) -> Link | None:
        if self.alignment is None or not 0 <= row < len(self._view):
            return None
        return self.alignment.link_by_id(self._view[row])

    def cell_text(self, row: int, column: str) -> Text:
        """What one cell shows now (called only for rows on screen)."""
        lk = self.link_at(row)
        if lk is None:
            return Text("")
        a = self.alignment
        assert a is not None
        if column == "num":
            return Text(str(a.link_number(lk.id)), style="dim", justify="right")
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
        return list(self._view)

    def show(self, alignment: Alignment, view: Sequence[int]) -> None:
        """Show these link ids of ``alignment``, one per row, in this order."""
        if alignment is not self.alignment:
            self._link_lines.clear()  # links changed: no rendered line is current
        self.alignment = alignment
        self._view = list(view)
        if len(self._view) != self.row_count or not self._keys:
            self._set_row_count(len(self._view))
        self.redraw()

    def _grow_pool(self, n: int) -> None:
        """Make rows (with their lazy cells and line offsets) up to ``n``, once each."""
        columns = [c.key for c in self.ordered_columns]
        height = self.row_height
        for i in range(len(self._keys), n):
            key = RowKey(str(i))
            self._keys.append(key)
            self._pool_rows.append(Row(key, height))
            self._pool_cells.append({c: _Cell(self, i, c.value or "") for c in columns})
            self._pool_offsets.extend((key, y) for y in range(height))
        self._full = None

    def _set_row_count(self, n: int) -> None:
        """Give the table exactly ``n`` rows, taken from the pool.

        DataTable.add_row and remove_row re-validate and renumber per row (for
        thousands of rows, seconds); the rows here are interchangeable, so the
        table's row maps are set in one go: the whole pool's maps, made once,
        when the view shows every row, otherwise maps of the first ``n``. The
        row order and line offsets the table would rebuild by walking every row
        are slices of the pool's. This uses the DataTable internals of the
        pinned Textual version.
        """
        if n > len(self._keys):
            self._grow_pool(n)
        if n == len(self._keys):
            if self._full is None:
                self._full = self._maps(n)
            rows, data, locations = self._full
        else:
            rows, data, locations = self._maps(n)
        self.rows, self._data, self._row_locations = rows, data, locations
        self._require_update_dimensions = True
        self._update_count += 1
        count = self._update_count
        self._ordered_row_cache[(n, count)] = self._pool_rows[:n]
        self._offset_cache[count] = self._pool_offsets[: n * self.row_height]
        self.cursor_coordinate = self.cursor_coordinate  # the table clamps it to the rows
        if self.show_cursor:
            self._highlight_cursor()
        self.check_idle()

    def _maps(self, n: int) -> tuple[dict[RowKey, Row], dict[RowKey, dict[ColumnKey, _Cell]],
                                     TwoWayDict[RowKey, int]]:
        keys = self._keys[:n]
        locations: TwoWayDict[RowKey, int] = TwoWayDict({})
        locations._forward = dict(zip(keys, range(n), strict=True))
        locations._reverse = dict(zip(range(n), keys, strict=True))
        return (dict(zip(keys, self._pool_rows[:n], strict=True)),
                dict(zip(keys, self._pool_cells[:n], strict=True)), locations)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Only the virtual size: widths are fixed and cells are never measured."""
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(width, self._total_row_height + header)

    def _render_line_in_row(self, row_key: RowKey, line_no: int, base_style: Any,
                            cursor_location: Coordinate, hover_location: Coordinate
                            ) -> tuple[Any, Any]:
        """One line of a row, rendered once per link shown there.

        The DataTable keys its row cache by row key, the update count and the
        cursor's place, all of which a new view changes, so turning a filter off
        re-rendered a whole screenful of rows through Rich. Rows here render only
        from (row, link, line, row style, whether the cursor or the mouse is on
        the row, focus state): with the same alignment and widths those give the
        same segments, so a view shown before (the whole document after a filter)
        is drawn from this cache. The cache is emptied when the alignment, the
        size (:meth:`on_resize`), the headings or the styles change
        (:meth:`_clear_caches`).
        """
        row = self._row_locations.get(row_key)
        if (row is None or self.cursor_type != "row" or self.fixed_columns
                or self._labelled_row_exists):
            return super()._render_line_in_row(row_key, line_no, base_style,
                                               cursor_location, hover_location)
        key = (row, self._view[row] if row < len(self._view) else None, line_no, base_style,
               cursor_location.row == row, hover_location.row == row, self.show_cursor,
               self._show_hover_cursor, self._pseudo_class_state)
        lines = self._link_lines.get(key)
        if lines is None:
            lines = super()._render_line_in_row(row_key, line_no, base_style,
                                                cursor_location, hover_location)
            self._link_lines[key] = lines
        return lines

    def _render_line(self, y: int, x1: int, x2: int, base_style: Any) -> Any:
        """A screen line, kept by the link of its row as :meth:`_render_line_in_row` is
        (the DataTable's own line cache is keyed by the update count, which every
        new view changes)."""
        try:
            row_key, line_no = self._get_offsets(y)
        except LookupError:
            return super()._render_line(y, x1, x2, base_style)
        row = self._row_locations.get(row_key)
        if row is None or self.cursor_type != "row":
            return super()._render_line(y, x1, x2, base_style)
        key = ("line", y, x1, x2, row, self._view[row] if row < len(self._view) else None,
               line_no, base_style, self.cursor_coordinate.row == row,
               self.hover_coordinate.row == row, self.show_cursor, self._show_hover_cursor,
               self._pseudo_class_state)
        strip = self._link_lines.get(key)
        if strip is None:
            strip = super()._render_line(y, x1, x2, base_style)
            self._link_lines[key] = strip
        return strip

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._link_lines.clear()

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
        if not self._view or not 0 <= self.cursor_row < len(self._view):
            return None
        return self._view[self.cursor_row]

    def select_row(self, row: int) -> None:
        """Put the cursor on a row (and scroll to it)."""
        if 0 <= row < len(self._view) and row != self.cursor_row:
            self.move_cursor(row=row, animate=False, scroll=True)

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
        self._link_lines.clear()
        self._update_count += 1  # widths changed: every cached line is stale
        self.refresh()

    def set_side(self, side: str) -> None:
        """Mark which side the paragraph edits apply to, in the column headings."""
        self.side = side
        for key, _, heading in COLUMNS[1:3]:
            mark = "▶ " if key == side else "  "
            self.columns[ColumnKey(key)].label = Text(mark + heading, style="bold" if
                                                      key == side else "")
        self._link_lines.clear()
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
