"""Rows added at the end of a step's table (a phone's moment, say) draw only their own
lines, when they are in sight, and the scrollbar only when its thumb moves: the screen
must still show exactly what drawing the whole table anew shows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from waiting import until
from workshop.tui.steps.table import SyncedTable

COLUMNS = [("n", "#", 3), ("text", "Moment", 30), ("who", "Who", 8)]


class TableApp(App):
    def compose(self) -> ComposeResult:
        yield SyncedTable(COLUMNS, lambda raw: raw, flex="text")


def row(n: int) -> tuple[str, tuple]:
    return str(n), (n, f"Moment {n}", f"P{n % 4}")


def painted(widget) -> list[list[tuple]]:
    """The widget's lines as the screen keeps them between updates (a line not marked
    for drawing again stays as it was last drawn)."""
    width, height = widget.size
    return [[(s.text, s.style) for s in strip]
            for strip in widget.render_lines(Region(0, 0, width, height))]


async def test_rows_added_one_by_one_show_as_a_whole_redraw_would():
    app = TableApp()
    async with app.run_test(size=(80, 14)) as pilot:
        table = app.query_one(SyncedTable)
        rows = [row(n) for n in range(1, 4)]
        table.sync(rows)
        await until(pilot, lambda: table.row_count == 3 and table.size.height)
        drawn_again: list[str] = []
        line = SyncedTable.render_line

        def counted(self, y):
            index = y - 1 + self.scroll_offset.y
            if 0 <= index < len(self._order):
                drawn_again.append(self._order[index])
            return line(self, y)

        SyncedTable.render_line = counted
        try:
            # Past the table's height (a scrollbar comes), then far past it: each time
            # what is painted is what a whole redraw paints, the new row included when
            # it is in sight and the scrollbar's thumb where it belongs.
            for n in range(4, 60):
                rows.append(row(n))
                table.sync(rows)
                await until(pilot, lambda: table.virtual_size.height == len(rows) + 1)
                await pilot.pause()
                seen = painted(table)
                bar = painted(table.vertical_scrollbar) if table.show_vertical_scrollbar \
                    else None
                table.refresh()
                if bar is not None:
                    table.vertical_scrollbar.refresh()
                await pilot.pause()
                assert painted(table) == seen, f"the table after row {n}"
                if bar is not None:
                    assert painted(table.vertical_scrollbar) == bar, f"the bar after row {n}"

            # Out of sight, a new row draws no row's line again.
            drawn_again.clear()
            rows.append(row(60))
            table.sync(rows)
            await until(pilot, lambda: table.virtual_size.height == len(rows) + 1)
            await pilot.pause()
            assert drawn_again == []
            # Scrolled to the end, the next one comes into sight with the scroll.
            table.action_scroll_bottom()
            await pilot.pause()
            rows.append(row(61))
            table.sync(rows)
            await until(pilot, lambda: table.virtual_size.height == len(rows) + 1)
            table.action_scroll_bottom()
            await until(pilot, lambda: "Moment 61" in str(painted(table)), "row 61 in sight")
        finally:
            SyncedTable.render_line = line
