"""A DataTable that follows a list of rows by changing only the rows that differ.

Step panels redraw after every key press; with 500 moments or 2,000 ideas, clearing
and refilling the table each time would make typing lag. ``SyncedTable.sync`` compares
each row's raw values with the last ones and touches only the cells that changed,
removes rows that are gone, appends new ones, and re-sorts only when the order moved.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from math import ceil
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, ColumnKey, RowDoesNotExist, RowKey

from workshop.core.safetext import visible
from workshop.tui.keys import _
from workshop.tui.plain import plain, safe


def _narrowed(key: str, label: str, width: int,
              shrunk: int | tuple[int, str] | None) -> tuple[str, str, int]:
    """A column as one step of ``shrink`` lays it out: a width, or a width and heading."""
    if isinstance(shrunk, tuple):
        return (key, shrunk[1], shrunk[0])
    return (key, label, shrunk or width)

def _heading(label: str, width: int) -> Text:
    if len(label) > width > 1:  # a heading cut short says so ("Mome…")
        label = label[: width - 1] + "…"
    return plain(label)


def _thumb(bar: ScrollBar) -> tuple[int, int]:
    """Where a vertical scrollbar's thumb starts and ends, in eighths of a line (the
    block characters it is drawn with): what decides how the bar looks."""
    size, virtual = bar.size.height, bar.window_virtual_size
    window = bar.window_size if bar.window_size < virtual else 0
    if not (size and virtual and window) or size == virtual:
        return (0, 0)
    thumb = max(1.0, window * size / virtual)
    start = int((size - thumb) * bar.position / (virtual - window) * 8)
    return (start, start + ceil(thumb * 8))


class _Scrollbar(ScrollBar):
    """A table's vertical scrollbar. Sized as the screen is laid out, Textual's asks for
    a layout of the table again (its virtual size, from nothing to the table's height):
    a second layout of the screen for every new table, for nothing, since a scrollbar
    holds no widgets and the screen placed it already."""

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


Raw = tuple[Any, ...]  # a row's raw values: compared to skip unchanged rows
Cells = tuple[Any, ...]  # what the table shows for one row


class Later:
    """A row's raw values made only when the row is added to the table: a new table adds
    the rows in sight at once and the others from half a second later, and making every
    row's values (a moment's rating summaries and feeling, for each of 500 moments) was
    most of what a long session's step change added to a short one's. ``number`` is the
    row's first value (its number), which the table reads for every row at once."""

    __slots__ = ("make", "number")

    def __init__(self, number: Any, make: Callable[[], Raw]) -> None:
        self.number, self.make = number, make


RowValues = Raw | Later


def made(raw: RowValues) -> Raw:
    return raw.make() if isinstance(raw, Later) else raw
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
        # Each row's line as last drawn: (its cells, (cursor, hover), _line_base, line).
        self._lines: dict[str, tuple[Cells, tuple[bool, bool], tuple, Strip]] = {}
        self._line_base: tuple = ()
        self._frame: tuple | None = None  # what every line of a drawing shares
        self._pending: list[tuple[str, RowValues]] = []  # rows still to add, after _order's
        # The DataTable's count of changes at the last update of its size, and whether a
        # change since needs every line drawn again (``_appended``).
        self._counted = 0
        self._redraw_all = True
        self._fill_timer: Timer | None = None  # the next rows' turn
        self._filled = False  # whether some were added after the first screenful
        self._sized_as: tuple[Size, Size, Size] | None = None  # at the last layout
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
        # The vertical scrollbar made and styled now, hidden: made as the table is first
        # laid out (most tables need one), it was styled after that layout, and its
        # styles asked for another.
        self.vertical_scrollbar  # noqa: B018  (the property makes it)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        if self._vertical_scrollbar is None:
            # As Textual makes it, but one whose first size asks for no new layout.
            self._vertical_scrollbar = bar = _Scrollbar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical)
            bar.display = False
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def _add_columns(self) -> None:
        for key, label, width in self._spec:
            if key in self._hidden:
                continue
            if key == self._flex:
                width = self._flex_width
            self.add_column(_heading(label, width), width=width, key=key)

    def _shown(self, cells: Cells) -> Cells:
        if not self._hidden:
            return cells
        return tuple(c for (key, _, _), c in zip(self._spec, cells, strict=False)
                     if key not in self._hidden)

    # ---- keeping rows equal to the state ---------------------------------------
    def sync(self, rows: Sequence[tuple[str, RowValues]]) -> None:
        """Make the table show ``rows`` (key, raw values, or a Later that makes them) in
        this order."""
        self._fit_numbers(rows)
        if not self._order and rows and (len(rows) > self.FIRST_ROWS or self._waits_for_size()):
            # A new table: a screenful once its width is known (rows added before would be
            # drawn at the declared widths, then again at the real ones), the rest later.
            self._rebuild(rows)
            return
        if self._pending and self._sync_added(rows):
            return
        # The rows still to come are among ``rows``, as they are now: added below with
        # the others not in the table, rather than made as they were first given.
        if self._pending:
            self._pending = []
            self._require_update_dimensions = True  # the scrollbar counted them
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
        for key, values in rows:
            old, raw = self._raw.get(key), made(values)
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

    def _sync_added(self, rows: Sequence[tuple[str, RowValues]]) -> bool:
        """With rows still to be added: when the rows added so far are still the first
        ones, in order, bring them up to date and take the others as the rows to come
        (a key pressed before they came added every one of them: 2,000 on a large
        session). False when the change reaches into the rows added."""
        added = len(self._order)
        if len(rows) < added or any(key != have for (key, _), have in zip(rows, self._order,
                                                                           strict=False)):
            return False
        for key, values in rows[:added]:
            raw = made(values)
            if self._raw[key] != raw:
                self._update_row(key, raw)
        waiting = len(self._pending)
        self._pending = list(rows[added:])
        if len(self._pending) != waiting:
            self._set_virtual_size(self._virtual_size())
        return True

    def _fit_numbers(self, rows: Sequence[tuple[str, RowValues]]) -> None:
        """The first column as wide as its longest number: moment 1999 in a column of
        three showed as "199"."""
        key, label, width = self._base[0]
        need = max((len(str(raw.number if isinstance(raw, Later) else raw[0]))
                    for _, raw in rows), default=0)
        if need <= width:
            return
        self._base[0] = (key, label, need)
        column = self.columns.get(ColumnKey(key))
        if self.size.width and self._flex and column is not None:
            self.fit_flex()  # the flexible column gives the room
            return
        self._spec = [(k, lab, need if k == key else w) for k, lab, w in self._spec]
        if column is not None:
            column.width = need
            self._require_update_dimensions = True
            self.notify_style_update()

    def update_rows(self, rows: Iterable[tuple[str, Raw]]) -> None:
        """Bring rows already in the table up to date (the order stays), touching only
        the cells that changed: for a caller that knows which rows may have."""
        waiting = {key: i for i, (key, _) in enumerate(self._pending)} if self._pending else {}
        for key, raw in rows:
            old = self._raw.get(key)
            if old is not None and old != raw:
                self._update_row(key, raw)
            elif key in waiting:  # not added yet: it will be, as it is now
                self._pending[waiting[key]] = (key, raw)

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

    def _rebuild(self, rows: Sequence[tuple[str, RowValues]]) -> None:
        """All rows anew: the first FIRST_ROWS now, the others once the facilitator has
        the step in front of them (``_fill_more``), so a new step shows as fast with
        2,000 moments as with 20."""
        self.clear()
        self._raw, self._cells, self._order = {}, {}, []
        # Before its first layout the table's widths are not known: the rows would be
        # drawn once at the declared widths and again at the real ones.
        first = 0 if self._waits_for_size() else self._first_rows()
        self._pending = list(rows[first:])
        self._add_rows(rows[:first])
        self._fill_later()

    def _waits_for_size(self) -> bool:
        return not self.size.width and self.display and len(self._base) > 1

    # A new table's rows added at once (those in sight, at most FIRST_ROWS), then so
    # many more at a time, FILL_AFTER seconds after the step shows and FILL_EVERY apart:
    # a step change is over by then (its layout and drawing were held up by them), and
    # the scrollbar is the whole table's from the start (the rows to come are counted).
    # Whatever needs a row not added yet (a move past them, a scroll, a row by key) adds
    # them at once.
    FIRST_ROWS = 100
    MORE_ROWS = 100
    FILL_AFTER = 0.5
    FILL_EVERY = 0.05

    def _first_rows(self) -> int:
        """How many rows a new table takes at once: those in sight (the rows past them were
        made and laid out in the step change for nothing: a third of a large session's
        first visit of the gaps step), FIRST_ROWS when its height is not known yet."""
        header = self.header_height if self.show_header else 0
        in_sight = self.size.height - header
        return min(self.FIRST_ROWS, in_sight) if in_sight > 0 else self.FIRST_ROWS

    def _add_rows(self, rows: Sequence[tuple[str, RowValues]]) -> None:
        for key, values in rows:
            raw = made(values)
            cells = self._render_row(raw)
            self.add_row(*self._shown(cells), key=key)
            self._raw[key], self._cells[key] = raw, cells
            self._order.append(key)

    def _fill_later(self) -> None:
        if self._pending and self._order and self._fill_timer is None and self.is_attached:
            self._fill_timer = self.set_timer(self.FILL_EVERY if self._filled else
                                              self.FILL_AFTER, self._fill_more)

    def _fill_more(self) -> None:
        self._fill_timer = None
        if not self._pending or not self.is_attached or self._waits_for_size():
            return  # on_resize fills it once it has its size
        more = self.MORE_ROWS if self._order else self._first_rows()
        self._filled = bool(self._order)
        rows, self._pending = self._pending[:more], self._pending[more:]
        self._add_rows(rows)
        self._fill_later()

    def complete(self) -> None:
        """Add every row still waiting to be added: before a change to the rows, or a
        move or look that needs them all (the last row, a row by key or number)."""
        if self._pending:
            rows, self._pending = self._pending, []
            self._add_rows(rows)

    @property
    def adds_later(self) -> bool:
        """Whether rows given now may be added later, those out of sight (a new table, or
        one with rows still to come): what a ``Later`` saves. On a full table a change
        puts every row given in at once, and making each one's values there is cheaper."""
        return not self._order or bool(self._pending)

    @property
    def filling(self) -> bool:
        """Whether rows are still being added after the first screenful, to a table on
        view (one in a panel made ahead, hidden, takes its rows once it shows)."""
        return bool(self._pending) and all(node.display for node in self.ancestors_with_self)

    # ---- drawing only the lines that changed -------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line drawn now shares, read once (the style is worked out from the
        # CSS each time it is asked for).
        self._frame = self._line_frame()
        columns, widths = self._frame[1], self._frame[2]
        self._line_base = (self.size.width, self.scroll_offset.x, self._frame[0],
                           self.get_pseudo_class_state(), self._show_hover_cursor,
                           self.show_cursor, tuple(zip((c.key for c in columns), widths,
                                                       strict=True)))
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A row's line, kept until the row's values, the columns, the cursor or the
        hover on it change.

        The DataTable forgets every drawn line whenever any cell changes, a row comes or
        the table scrolls, so one new moment at the end of 2,000 drew every line on
        screen again: most of a key press on a large session. A row's line here is drawn
        again only when what it shows changed. The header's line is drawn as the rows'
        are, not kept (the mouse on it is left to the DataTable)."""
        header = self.header_height if self.show_header else 0
        if y < header:
            plain = (header == 1 and not (self.hover_row == -1 and self._show_hover_cursor)
                     and self._plain_line(-1, frame=self._frame))
            return plain or super().render_line(y)
        index = y - header + self.scroll_offset.y
        order = self._order
        if not 0 <= index < len(order) or len(order) != self.row_count:
            return super().render_line(y)
        key = order[index]
        cursor = self.cursor_row == index
        # The mouse's row is drawn as any other until the mouse has moved over the table.
        hover = self.hover_row == index and self._show_hover_cursor
        drawn = self._lines.get(key)
        cells = self._cells[key]
        if (drawn is not None and drawn[0] is cells and drawn[1] == (cursor, hover)
                and drawn[2] == self._line_base):
            return drawn[3]
        strip = (None if hover else self._plain_line(index, cursor, self._frame)
                 ) or super().render_line(y)
        self._lines[key] = (cells, (cursor, hover), self._line_base, strip)
        return strip

    def _line_frame(self) -> tuple:
        """What every line of a drawing shares (the style is worked out from the CSS
        each time it is asked for): the table's style, its columns and their widths, and
        whether _plain_line draws its rows."""
        columns = self.ordered_columns
        return (self.rich_style, columns,
                tuple(column.get_render_width(self) for column in columns),
                self.cursor_type == "row" and not (
                    self.fixed_columns or self.fixed_rows or self.zebra_stripes
                    or self.scroll_offset.x))

    def notify_style_update(self) -> None:
        self._lines.clear()  # a new theme or class: every line drawn anew
        self._redraw_all = True
        super().notify_style_update()

    def _update_dimensions(self, new_rows) -> None:
        # Every column here has a fixed width and every row one line: the DataTable's
        # measuring of each new cell (for auto-width columns) would change nothing, and it
        # was a fifth of a step change on a large session. The scrollable size alone, as
        # the DataTable works it out after measuring, with the rows still to come.
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        appended = self._appended(new_rows)
        self._counted, self._redraw_all = self._update_count, False
        self._set_virtual_size(self._virtual_size(), appended)

    def _virtual_size(self) -> Size:
        header = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        return Size(width + self._row_label_column_width,
                    self._total_row_height + header + len(self._pending))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # Scrolled (wheel, scrollbar) down to rows not added yet: they are, before the
        # lines are drawn.
        super().watch_scroll_y(old_value, new_value)
        header = self.header_height if self.show_header else 0
        if self._pending and new_value + self.size.height - header > len(self._order):
            self.complete()

    def _appended(self, new_rows) -> range | None:
        """The indexes of the rows added at the end since the last update, when that is
        all that changed (each change of the DataTable's counts once in _update_count;
        a new width or style is flagged by notify_style_update); else None."""
        if (self._redraw_all or not new_rows
                or self._update_count - self._counted != len(new_rows)):
            return None
        first = self.row_count - len(new_rows)
        places = [self._row_locations.get(key) for key in new_rows]
        if any(place is None or place < first for place in places):
            return None
        return range(first, self.row_count)

    def _set_virtual_size(self, size: Size, appended: range | None = None) -> None:
        """A row more or less: the table's own size stays, and so does every other
        widget's, so it is redrawn with its scrollbar, not the screen laid out again (a
        new moment in a table of 2,000 laid out the whole screen). A layout only when a
        scrollbar comes or goes, or the width changes. Rows only added at the end draw
        only their own lines, if they are in sight (a phone's moment at the end of a
        long table drew every line in sight again), and the scrollbar only when its
        thumb moved."""
        old = self.virtual_size
        height = self.size.height
        # (A new width matters to the layout only with a horizontal scrollbar: the
        # flexible column makes the rows as wide as the table.)
        across = self.show_horizontal_scrollbar or size.width > self.scrollable_content_region.width
        if (not height or (across and size.width != old.width)
                or (size.height > height) != (old.height > height)):
            self.virtual_size = size
            return
        self.set_reactive(DataTable.virtual_size, size)
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            thumb = _thumb(bar)
            bar.set_reactive(ScrollBar.window_virtual_size, size.height)
            if appended is None or _thumb(bar) != thumb:
                bar.refresh()
        if appended is None:
            self.refresh()
            return
        header = self.header_height if self.show_header else 0
        self._refresh_region(Region(0, header + appended.start,
                                    max(self.size.width, size.width), len(appended)))

    # ---- a row's line drawn without the DataTable's renderer -----------------------
    def _plain_line(self, index: int, cursor: bool = False,
                    frame: tuple | None = None) -> Strip | None:
        """A row's line as the DataTable draws it (-1: the header's), for a row not under
        the mouse (under the cursor with ``cursor``): each cell laid out by Rich's own
        steps for one line of Text (cut to its width, justified, padded) instead of a
        Padding in a Styled rendered through the console, about a sixth of the time (a
        new step's first drawing of a long table was mostly this; the header's and the
        cursor's lines were half of a table's first drawing at the run screen's start).
        None where the table is drawn in a way this does not cover; a test holds the
        lines equal to the DataTable's."""
        base, columns, widths, drawable = frame or self._line_frame()
        if not drawable:
            return None
        width, pad = self.size.width, self.cell_padding
        # The cursor's styles as the DataTable puts them: under each cell's own (after
        # the row's) and, where the CSS has the last word, its colours over them.
        row, over = base, Style()
        if cursor and self.show_cursor:
            under, over = self._get_styles_to_render_cell(
                False, False, False, False, True, True, self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css")
            row = base + under
        if index < 0:  # the header: its labels, in the header's style instead of the row's
            row = self.get_component_styles("datatable--header").rich_style
            cells: Cells = tuple(column.label for column in columns)
        else:
            cells = self._shown(self._cells[self._order[index]])
        console = self.app.console
        plain_look = row + over
        segments: list[Segment] = []
        used = 0
        for column_index, (cell_width, value) in enumerate(zip(widths, cells, strict=False)):
            line = _cell_line(value, cell_width - 2 * pad, console)
            if line is None:
                return None
            # The DataTable gives every piece of a cell the row's style, the cell's click
            # target (meta), the piece's own style and the cursor's, then joins the
            # pieces that came out alike. The same here, the meta put on last (it changes
            # no colour): what is left is the same on every row, kept in _LOOKS, and the
            # row's own (new) styles are one for each run of pieces that look alike.
            meta = Style.from_meta({"row": index, "column": column_index})
            text, look = " " * pad, plain_look
            for piece, seg_style, _control in line:
                piece_look = _look(row, seg_style, over) if seg_style else plain_look
                if piece_look is None:
                    return None
                if piece_look is look or piece_look == look:
                    text += piece
                else:
                    segments.append(Segment(text, look + meta))
                    text, look = piece, piece_look
            if look == plain_look:
                text += " " * pad
            else:
                segments.append(Segment(text, look + meta))
                text = " " * pad
            segments.append(Segment(text, plain_look + meta))
            used += cell_width
        if used > width:
            return None
        segments.append(Segment(" " * (width - used), row + Style.from_meta(
            {"row": index, "column": 0, "out_of_bounds": True})))
        return Strip(segments).adjust_cell_length(width, base)

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.complete()
        self.move_cursor(row=max(0, self.row_count - 1))

    def step_cursor(self, delta: int) -> None:
        """Move the cursor ``delta`` rows, staying within the table (all of it)."""
        if self.cursor_row + delta >= self.row_count - 1:
            self.complete()
        if self.row_count:
            self.move_cursor(row=max(0, min(self.row_count - 1, self.cursor_row + delta)))

    def go_to_row(self, index: int) -> None:
        """Put the cursor on the row at ``index`` (counting rows still to be added)."""
        if index >= self.row_count:
            self.complete()
        if 0 <= index < self.row_count:
            self.move_cursor(row=index)

    # The DataTable's own keys, where they reach past the rows added so far.
    def action_cursor_down(self) -> None:
        if self.cursor_row >= self.row_count - 1:
            self.complete()
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self.complete()  # a page from near the end of what is there
        super().action_page_down()

    def action_scroll_bottom(self) -> None:
        self.complete()
        super().action_scroll_bottom()

    def get_row_index(self, row_key: RowKey | str) -> int:
        if self._pending and row_key not in self._row_locations:
            self.complete()
        return super().get_row_index(row_key)

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
            # A new table waiting for its width: the cursor will be on its first row, and
            # what is typed meanwhile belongs to it.
            return self._pending[0][0] if self._pending else None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # the cursor sits past a row that just went away
            return None

    def select(self, key: Hashable | None) -> bool:
        """Put the cursor on a row by key; False when there is no such row."""
        if key is None:
            return False
        if not self.row_count and self._pending and self._pending[0][0] == str(key):
            # A new table waiting for its width, asked for the row its cursor will be on
            # (a panel keeps the row selected through a redraw): nothing to move, and no
            # reason to add every row at once (a panel redrawn before its first layout,
            # one made ahead say, added all 500 of a large session's moments then).
            return True
        try:
            index = self.get_row_index(str(key))
        except RowDoesNotExist:
            return False
        if index != self.cursor_row:
            self.move_cursor(row=index)
        return True

    def keys_in_view_order(self) -> list[str]:
        self.complete()
        return [row.key.value for row in self.ordered_rows if row.key.value is not None]

    # ---- the flexible column --------------------------------------------------
    # Textual tells a widget its size by a Resize that comes after the screen's first
    # drawing: a new table was then filled, got its scrollbar, and was laid out and drawn a
    # second time. Here it takes its size as the screen lays it out, before any drawing:
    # its scrollbar as it is placed (from the rows it will hold), its columns' widths and
    # the rows in sight as it is told its size.
    def _get_scrollable_region(self, region: Region) -> Region:
        if not self._size.width and self.styles.overflow_y == "auto":
            header = self.header_height if self.show_header else 0
            rows = self.row_count + len(self._pending)
            if (rows + header > region.height) != self.show_vertical_scrollbar:
                shown = not self.show_vertical_scrollbar
                self.set_reactive(DataTable.show_vertical_scrollbar, shown)
                # Shown or hidden without asking for a layout: this one places it.
                self.vertical_scrollbar.styles.set_rule("display", "block" if shown else "none")
        return super()._get_scrollable_region(region)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        sized = (size, container_size, self.virtual_size)
        if sized == self._sized_as:
            # Every layout of the screen tells the table its size again, and Textual then
            # draws its scrollbar again, although nothing of it changed.
            return False
        first = not self._size.width and size.width
        if first:  # the scrollbar as placed above stays
            header = self.header_height if self.show_header else 0
            self.set_reactive(DataTable.virtual_size, Size(
                0, self._total_row_height + header + len(self._pending)))
        taller = bool(self._size.width) and size.height > self._size.height
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        if taller and self._pending and self._order and self._add_in_sight():
            # Taller now (the panel gone short at 80x24, its buttons hidden): the rows
            # that come into sight are in this layout's drawing, not the next one.
            self._dimensions_now()
        if first:
            self.fit_flex()
            if self._pending and not self._order:
                self._fill_more()
            self._dimensions_now()
        self._sized_as = (size, container_size, self.virtual_size)
        return changed

    def _add_in_sight(self) -> bool:
        """Add the rows still to come that the table's height brings into sight; whether
        there were any."""
        more = self._first_rows() - len(self._order)
        if more <= 0:
            return False
        rows, self._pending = self._pending[:more], self._pending[more:]
        self._add_rows(rows)
        return True

    def _dimensions_now(self) -> None:
        """The table's dimensions worked out now, during the layout, as the DataTable
        works them out when it is next idle (after the drawing, which then came again)."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_flex()
        if self._pending and not self._order:  # the first rows waited for the widths
            self._fill_more()
        elif self._pending:
            # Taller than the rows added so far (the guide hidden, a bigger terminal):
            # the rows that come into sight now, not half a second later.
            self._add_in_sight()
            # Shown again after its panel was hidden (a step left at once): the turn of
            # the next rows came meanwhile and found it without a size.
            self._fill_later()

    def width_of(self, column: str) -> int:
        return self._spec_width(column)

    def _flex_for(self, spec, hidden) -> int:
        fixed = sum(w + 2 * self.cell_padding for k, _, w in spec
                    if k != self._flex and k not in hidden)
        return self._width_for_rows() - fixed - 2 * self.cell_padding

    def _width_for_rows(self) -> int:
        """The table's width less its vertical scrollbar's, whether the scrollbar shows
        yet or not: the table's size holds the scrollbar's cells either way, so a width
        that depended on whether it showed could be fitted for it twice (a Resize handled
        after rows came and before the table's idle brought their scrollbar left the
        column two cells short of it for good), and a table that gets one later is not
        laid out again, every row with it."""
        return self.size.width - self.styles.scrollbar_size_vertical

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
            column.label = _heading(label, column.width)
        self._require_update_dimensions = True  # the virtual width, on the next idle
        self.notify_style_update()  # every cell and line drawn anew, at the new widths
        # A row may say things differently by the width it gets (a short name in a
        # narrow column): its cells made again, those that changed put in.
        for key in self._order:
            self._update_row(key, self._raw[key])

    def _relayout(self) -> None:
        """Columns anew (widths or hidden ones changed), the rows and the cursor kept."""
        selected, rows = self.selected_key, [*((k, self._raw[k]) for k in self._order),
                                             *self._pending]
        self.clear(columns=True)
        self._add_columns()
        self._raw, self._cells, self._order = {}, {}, []
        self._rebuild(rows)
        self.select(selected)


class _Kept(dict):
    """What a table's drawing keeps, by what it depends on: emptied when it grows past
    ``most`` (a new terminal size or theme leaves old entries behind)."""

    def __init__(self, most: int) -> None:
        super().__init__()
        self.most = most

    def keep(self, key: Hashable, value: Any) -> Any:
        if len(self) >= self.most:
            self.clear()
        self[key] = value
        return value


# Cells laid out by _one_line, by what that depends on: most cells of a step table say
# what others say ("0", "–", "n/m", "Low prio."), and a table's first drawing laid each
# out anew (half of drawing its lines).
_LAID_OUT = _Kept(4096)
# A piece's look (the row's style, the piece's own, the cursor's), the same on every row.
# None for a piece with a click target of its own, which the meta put on last would not
# keep as the DataTable does.
_LOOKS = _Kept(512)


def _look(row: Style, piece: Style | None, over: Style) -> Style | None:
    key = (row, piece, over)
    try:
        return _LOOKS[key]
    except KeyError:
        return _LOOKS.keep(key, None if piece is not None and piece.meta else (
            (row + piece if piece else row) + over))


def _cell_line(value: object, width: int, console) -> list[Segment] | None:
    """``_one_line``, kept for a cell that is a number or one styled text (no spans)."""
    if isinstance(value, Text):
        if value.spans:
            return _one_line(value, width, console)
        key: tuple = ((id(console), width, value.plain, value.style, value.justify,
                       value.overflow) if value else (id(console), width))
    elif isinstance(value, int) and not isinstance(value, bool):
        key = (id(console), width, value)
    else:
        return _one_line(value, width, console)
    try:
        return _LAID_OUT[key]
    except KeyError:
        return _LAID_OUT.keep(key, isinstance(value, Text) and _short_line(value, width, console)
                              or _one_line(value, width, console))


def _short_line(text: Text, width: int, console) -> list[Segment] | None:
    """``_one_line`` of a text without spans that fits its width, justified to the left
    (the usual cell: a moment's words), without Rich's steps, which do nothing to it but
    pad it (a tenth of the time: a long table's first drawing laid out each moment's
    words); None for any other text. A test holds it to ``_one_line``."""
    plain_text = text.plain
    if (text.spans or not plain_text or len(plain_text) > width
            or text.justify not in (None, "default", "left") or text.overflow == "ignore"
            or "\n" in plain_text or "\t" in plain_text):
        return None
    cells = cell_len(plain_text)
    if cells > width:
        return None
    if text.justify == "left":  # padded within the text, in its style
        plain_text, cells = plain_text + " " * (width - cells), width
    line = [Segment(plain_text, console.get_style(text.style, default=Style.null()))
            if text.style else Segment(plain_text)]
    if cells < width:
        line.append(Segment(" " * (width - cells)))
    return line


def _one_line(value: object, width: int, console) -> list[Segment] | None:
    """One cell's text on one line ``width`` cells wide, as Rich lays out a Text that does
    not wrap (``Text.wrap`` with ``no_wrap``, ``Lines.justify``, ``Text.truncate``), before
    the cell's padding and the table's styles; None for anything else."""
    if isinstance(value, int) and not isinstance(value, bool):
        text = Text(str(value), no_wrap=True, end="")
    elif isinstance(value, Text):
        # An empty one is the DataTable's own empty cell, without the cell's style.
        text = value.copy() if value else Text("", end="")
    else:
        return None
    if width < 0 or "\n" in text.plain or "\t" in text.plain:
        return None
    justify, overflow = text.justify or "default", text.overflow or "fold"
    if justify == "full" or overflow == "ignore":
        return None
    text.rstrip_end(width)
    if justify == "left":
        text.truncate(width, overflow=overflow, pad=True)
    elif justify == "center":
        text.rstrip()
        text.truncate(width, overflow=overflow)
        text.pad_left((width - text.cell_len) // 2)
        text.pad_right(width - text.cell_len)
    elif justify == "right":
        text.rstrip()
        text.truncate(width, overflow=overflow)
        text.pad_left(width - text.cell_len)
    text.truncate(width, overflow=overflow)
    # The text's own style under its spans, as Text.join gives it when Rich renders it.
    line = Text("\n").join([text])
    segments = list(line.render(console, end=""))
    if text.cell_len < width:
        segments.append(Segment(" " * (width - text.cell_len)))
    return segments


def cell(text: object, style: str = "") -> Text:
    """One line of text for a cell: typed text is never read as markup, its control
    characters show as escapes, and a long entry ends with an ellipsis instead of
    wrapping."""
    return Text(" ".join(visible(text).split()), style=style, no_wrap=True, overflow="ellipsis",
                end="")
