"""A DataTable that follows a list of rows by changing only the rows that differ.

Step panels redraw after every key press; with 500 moments or 2,000 ideas, clearing
and refilling the table each time would make typing lag. ``SyncedTable.sync`` compares
each row's raw values with the last ones and touches only the cells that changed,
removes rows that are gone, appends new ones, and re-sorts only when the order moved.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowDoesNotExist

from workshop.core.safetext import visible
from workshop.tui.keys import _
from workshop.tui.plain import plain, safe


def _narrowed(key: str, label: str, width: int,
              shrunk: int | tuple[int, str] | None) -> tuple[str, str, int]:
    """A column as one step of ``shrink`` lays it out: a width, or a width and heading."""
    if isinstance(shrunk, tuple):
        return (key, shrunk[1], shrunk[0])
    return (key, label, shrunk or width)

SegmentLines = list[list[Segment]]  # a drawn cell, as the DataTable's own type
Raw = tuple[Any, ...]  # a row's raw values: compared to skip unchanged rows
Cells = tuple[Any, ...]  # what the table shows for one row
# A narrower layout: column -> None (hidden), a width, or (width, heading).
Shrink = dict[str, int | tuple[int, str] | None]


class SyncedTable(DataTable):
    """Rows keyed by a string; the first column holds a number unique to the row (its
    position along the journey, say), which is how a changed order is applied.

    ``columns`` are (key, label, width) with a fixed width, so a changed cell never
    forces a measure of the whole column; the ``flex`` column takes the width left.
    When the flex column would get less than ``want_flex``, the ``shrink`` steps apply in
    turn until it gets that much: each gives columns a narrower width, a (width, label)
    pair for a shorter heading too, or None to leave them out (the rows keep their
    values; the render function may read ``width_of``).
    """

    DEFAULT_CSS = """
    SyncedTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("home", "first_row", _("First row"), show=False),
        Binding("end", "last_row", _("Last row"), show=False),
    ]

    def __init__(self, columns: Sequence[tuple[str, str, int]], render: Callable[[Raw], Cells],
                 *, flex: str | None = None, min_flex: int = 12, want_flex: int = 0,
                 shrink: Sequence[Shrink] = (), **kwargs):
        self._drawn: dict[tuple, tuple[Any, SegmentLines]] = {}  # _render_cell's
        super().__init__(cursor_type="row", **kwargs)
        self._base = list(columns)  # as declared; _spec is what the width allows
        self._spec = list(columns)
        self._want_flex = want_flex
        self._shrink = list(shrink)
        # Every cell made safe: a str would be read as markup, a control character shown.
        self._render_row: Callable[[Raw], Cells] = lambda raw: tuple(safe(c) for c in render(raw))
        self._flex = flex
        self._min_flex = min_flex
        self._flex_width = self._spec_width(flex) if flex else 0
        self._raw: dict[str, Raw] = {}
        self._cells: dict[str, Cells] = {}
        self._order: list[str] = []
        self._hidden: frozenset[str] = frozenset()

    def _spec_width(self, key: str | None) -> int:
        return next((w for k, _, w in self._spec if k == key), 0)

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        for key, label, width in self._spec:
            if key in self._hidden:
                continue
            if key == self._flex:
                width = self._flex_width
            if len(label) > width > 1:  # a heading cut short says so ("Mome…")
                label = label[: width - 1] + "…"
            self.add_column(plain(label), width=width, key=key)

    def _shown(self, cells: Cells) -> Cells:
        if not self._hidden:
            return cells
        return tuple(c for (key, _, _), c in zip(self._spec, cells, strict=False)
                     if key not in self._hidden)

    # ---- keeping rows equal to the state ---------------------------------------
    def sync(self, rows: Sequence[tuple[str, Raw]]) -> None:
        """Make the table show ``rows`` (key, raw values) in this order."""
        wanted = dict(rows)
        gone = [k for k in self._order if k not in wanted]
        if len(gone) > 50 or len(gone) > len(self._order) // 2 and len(self._order) > 10:
            self._rebuild(rows)
            return
        for key in gone:
            self.remove_row(key)
            del self._raw[key], self._cells[key]
        kept = [k for k in self._order if k in wanted]
        added: list[str] = []
        for key, raw in rows:
            old = self._raw.get(key)
            if old is None:
                cells = self._render_row(raw)
                self.add_row(*self._shown(cells), key=key)
                added.append(key)
                self._raw[key], self._cells[key] = raw, cells
            elif old != raw:
                self._update_row(key, raw)
        order = [k for k, _ in rows]
        if kept + added != order:
            self._apply_order(order)
        self._order = order

    def update_rows(self, rows: Iterable[tuple[str, Raw]]) -> None:
        """Bring rows already in the table up to date (the order stays), touching only
        the cells that changed: for a caller that knows which rows may have."""
        for key, raw in rows:
            old = self._raw.get(key)
            if old is not None and old != raw:
                self._update_row(key, raw)

    def _update_row(self, key: str, raw: Raw) -> None:
        cells = self._render_row(raw)
        columns = (spec[0] for spec in self._spec)
        for column, before, after in zip(columns, self._cells[key], cells, strict=False):
            if before != after and column not in self._hidden:
                self.update_cell(key, column, after)
        self._raw[key], self._cells[key] = raw, cells

    def _apply_order(self, order: list[str]) -> None:
        # DataTable.sort hands the key function a row's cells; the first one is unique.
        index = {self._cells[key][0]: i for i, key in enumerate(order)}
        self.sort(key=lambda cells: index[cells[0]])

    def _rebuild(self, rows: Sequence[tuple[str, Raw]]) -> None:
        self.clear()
        self._raw, self._cells = {}, {}
        for key, raw in rows:
            cells = self._render_row(raw)
            self.add_row(*self._shown(cells), key=key)
            self._raw[key], self._cells[key] = raw, cells
        self._order = [k for k, _ in rows]

    # ---- drawing only the cells that changed -------------------------------------
    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False) -> SegmentLines:
        """A cell as the DataTable draws it, kept until the cell's value changes.

        The DataTable forgets every drawn cell whenever any cell changes or a row comes
        (its caches are keyed by a count of updates), so one new moment drew every cell
        on screen again: most of a key press on a large session. A cell here is drawn
        again only when its value (a new object: every change makes one), its place, its
        width, its style or the cursor over it differ; the header and row labels are left
        to the DataTable."""
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:  # the header, a row label
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover)
        value = self._data[row_key][column_key]
        key = (row_key, column_key, row_index, column_index, base_style, width, cursor, hover,
               self._show_hover_cursor, self._pseudo_class_state, self.rows[row_key].height)
        drawn = self._drawn.get(key)
        if drawn is not None and drawn[0] is value:
            return drawn[1]
        lines = super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        if len(self._drawn) >= self.DRAWN_CELLS:
            self._drawn.clear()
        self._drawn[key] = (value, lines)
        return lines

    DRAWN_CELLS = 20_000  # cells kept drawn (a few screens of a scrolled table)

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._drawn.clear()

    def notify_style_update(self) -> None:
        self._drawn.clear()  # a new theme or class: every cell drawn anew
        super().notify_style_update()

    def _update_dimensions(self, new_rows) -> None:
        # Every column here has a fixed width and every row one line: the DataTable's
        # measuring of each new cell (for auto-width columns) would change nothing, and it
        # was a fifth of a step change on a large session. The scrollable size alone, as
        # the DataTable works it out after measuring.
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(width + self._row_label_column_width,
                                 self._total_row_height + header)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))

    def set_label(self, column: str, label: str) -> None:
        """Change a column's heading (kept when the table is rebuilt on a resize)."""
        self._base, self._spec = ([(k, label if k == column else old, w) for k, old, w in spec]
                                  for spec in (self._base, self._spec))
        if column in self.columns:
            self.columns[ColumnKey(column)].label = plain(label)
            self.refresh()

    # ---- selection by key -----------------------------------------------------
    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # the cursor sits past a row that just went away
            return None

    def select(self, key: Hashable | None) -> bool:
        """Put the cursor on a row by key; False when there is no such row."""
        if key is None:
            return False
        try:
            index = self.get_row_index(str(key))
        except RowDoesNotExist:
            return False
        if index != self.cursor_row:
            self.move_cursor(row=index)
        return True

    def keys_in_view_order(self) -> list[str]:
        return [row.key.value for row in self.ordered_rows if row.key.value is not None]

    # ---- the flexible column --------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self.fit_flex()

    def width_of(self, column: str) -> int:
        return self._spec_width(column)

    def _flex_for(self, spec, hidden) -> int:
        fixed = sum(w + 2 * self.cell_padding for k, _, w in spec
                    if k != self._flex and k not in hidden)
        return self.size.width - fixed - 2 * self.cell_padding - 2

    def fit_flex(self) -> None:
        if not self._flex or not self.size.width:
            return
        spec, hidden = self._base, frozenset[str]()
        for step in self._shrink:
            if self._flex_for(spec, hidden) >= self._want_flex:
                break
            hidden |= {k for k, w in step.items() if w is None}
            spec = [_narrowed(k, label, w, step.get(k)) for k, label, w in spec]
        width = max(self._min_flex, self._flex_for(spec, hidden))
        if (width, spec, hidden) == (self._flex_width, self._spec, self._hidden):
            return
        same_columns = hidden == self._hidden
        self._flex_width, self._spec, self._hidden = width, spec, hidden
        if same_columns:
            self._resize_columns()
        else:
            self._relayout()

    def _resize_columns(self) -> None:
        """New widths and headings for the same columns, in place: every row stays as it
        is (refilling 2,000 rows, each measured by the DataTable, took most of a step
        change, and a new panel is resized twice as its scrollbar appears)."""
        for key, label, width in self._spec:
            column = self.columns.get(ColumnKey(key))
            if column is None:
                continue
            column.width = self._flex_width if key == self._flex else width
            column.label = plain(label)
        self._require_update_dimensions = True  # the virtual width, on the next idle
        self._clear_caches()
        self.refresh()

    def _relayout(self) -> None:
        """Columns anew (widths or hidden ones changed), the rows and the cursor kept."""
        selected, rows = self.selected_key, [(k, self._raw[k]) for k in self._order]
        self.clear(columns=True)
        self._add_columns()
        self._raw, self._cells, self._order = {}, {}, []
        self._rebuild(rows)
        self.select(selected)


def cell(text: object, style: str = "") -> Text:
    """One line of text for a cell: typed text is never read as markup, its control
    characters show as escapes, and a long entry ends with an ellipsis instead of
    wrapping."""
    return Text(" ".join(visible(text).split()), style=style, no_wrap=True, overflow="ellipsis",
                end="")
