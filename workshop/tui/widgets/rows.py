"""The side lists' rows (agenda, participants): three columns, drawn as Rich's grid draws
them, without the grid.

Both lists were a ``Table.grid``: a short cell, a text taking the width left (cut with
"…") and a figure on the right. Rich measures every cell of such a table, pads each one
through its own renderables, and the widget's layout renders it once more to count its
lines: some 5 ms per list on every drawing at the run screen's start. `Rows` puts the
same cells in the same places, with the same segments, from their text lengths; where
the grid would do anything else (a first cell wider than its column, a width too narrow
for the text column) it hands the rows to the grid itself. A test holds the two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

Justify = Literal["left", "right"]
Row = tuple[Text, Text, Text]  # the short cell, the text, the figure
_GAP = Segment(" ", Style())  # the grid's padding after a cell: unstyled


class Rows:
    """Rows of (short cell, text, figure): the short column ``first_width`` cells wide
    (None: as wide as its widest cell), justified ``first_justify``; the text takes what
    is left, cut with "…"; the figures right-justified, as wide as the widest. One cell
    of padding between columns."""

    def __init__(self, rows: Sequence[Row], first_width: int | None = None,
                 first_justify: Justify = "left") -> None:
        self.rows = rows
        self.first_width = first_width
        self.first_justify = first_justify

    def grid(self) -> Table:
        """The same rows as Rich's grid (what the lists drew before, and draw where the
        rows cannot be placed here)."""
        grid = Table.grid(expand=True, padding=(0, 1, 0, 0))
        grid.add_column(width=self.first_width, justify=self.first_justify, no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        for row in self.rows:
            grid.add_row(*row)
        return grid

    def _widths(self, width: int) -> tuple[int, int, int] | None:
        """The three columns' widths (padding apart) as the grid lays them out, or None
        where the grid would lay them out otherwise."""
        firsts = [first.cell_len for first, _, _ in self.rows]
        first = self.first_width
        if first is None:
            first = max(firsts, default=0)
        elif max(firsts, default=0) > first:
            return None  # the grid would fold or cut it: left to the grid
        figure = max((figure.cell_len for _, _, figure in self.rows), default=0)
        if not (first and figure and self.rows):
            return None  # an empty column: the grid gives it a width of one
        text = width - (first + 1) - (figure + 0) - 1
        if text < 1:
            return None  # narrower than the grid's minimum: it squeezes the columns
        return first, text, figure

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self._widths(options.max_width)
        if widths is None:
            yield self.grid()
            return
        first_width, text_width, figure_width = widths
        newline = Segment.line()
        for first, text, figure in self.rows:
            yield from _cell(console, options, first, first_width, self.first_justify)
            yield _GAP
            yield from _cell(console, options, text, text_width, "left")
            yield _GAP
            yield from _cell(console, options, figure, figure_width, "right")
            yield newline

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.grid())


def _cell(console: Console, options: ConsoleOptions, text: Text, width: int,
          justify: Justify) -> list[Segment]:
    """One cell's segments as the grid draws a one-line Text in a column ``width`` wide
    (Text.wrap without wrapping: cut with "…", then padded on the right or the left), in
    the Text's own style."""
    plain = text.plain
    if (text.spans or text.justify or text.overflow or "\n" in plain or "\t" in plain
            or plain != plain.rstrip()):
        # Not one plain run of text: Rich's own layout of it, as the grid's cell.
        lines = console.render_lines(text, options.update(
            width=width, justify=justify, overflow="ellipsis", no_wrap=True, height=None))
        return lines[0]
    length = cell_len(plain)
    if length > width:
        cut = text.copy()
        cut.truncate(width, overflow="ellipsis")
        plain, length = cut.plain, cut.cell_len
    pad = " " * (width - length)
    plain = plain + pad if justify == "left" else pad + plain
    return [Segment(plain, console.get_style(text.style))] if text.style else [Segment(plain)]
