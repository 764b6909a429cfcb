"""Rows added at the end of a step's table (a phone's moment, say) draw only their own
lines, when they are in sight, and the scrollbar only when its thumb moves: the screen
must still show exactly what drawing the whole table anew shows."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.geometry import Region

from waiting import until
from workshop.tui.steps.table import Later, SyncedTable

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


def later_rows(numbers, made: list[int], text: str = "Moment") -> list[tuple[str, Later]]:
    """Rows whose values are made as each is added (a moment's figures), noting which."""
    def values(n: int) -> Later:
        def make() -> tuple:
            made.append(n)
            return (n, f"{text} {n}", f"P{n % 4}")
        return Later(n, make)
    return [(str(n), values(n)) for n in numbers]


async def test_a_new_table_takes_the_rows_in_sight_first_and_the_others_soon_after(
        monkeypatch):
    """The rows in sight at once, their values made then and only theirs; the others'
    values as they are added, from their values as they are when they are."""
    monkeypatch.setattr(SyncedTable, "FILL_AFTER", 60)  # the rest not before the checks
    app = TableApp()
    async with app.run_test(size=(80, 14)) as pilot:
        table = app.query_one(SyncedTable)
        made: list[int] = []
        table.sync(later_rows(range(1, 301), made))
        await until(pilot, lambda: table.row_count, "the first rows")
        in_sight = table.size.height - 1  # under the heading
        assert table.row_count == in_sight and table.filling
        assert made == list(range(1, in_sight + 1))
        # The scrollbar is the whole table's.
        await until(pilot, lambda: table.virtual_size.height == 300 + 1, "the whole height")
        # The terminal made taller: the rows that come into sight come with it.
        await pilot.resize_terminal(80, 30)
        await until(pilot, lambda: table.size.height > in_sight + 1, "the taller table")
        await pilot.pause()
        assert table.row_count >= table.size.height - 1
        assert "Moment 25" in "".join(strip.text for strip in table.render_lines(
            table.region.reset_offset))
        assert made == list(range(1, table.row_count + 1))
        # Given again in another order before the rest came (a vote revealed, say): the
        # rows to come are made from the new values, never from the first ones.
        made.clear()
        table.sync(later_rows(range(300, 0, -1), made, text="Now"))
        assert sorted(made) == list(range(1, 301))
        assert [(cells[0], str(cells[1])) for cells in map(table.get_row_at, (0, 299))] == [
            (300, "Now 300"), (1, "Now 1")]


async def test_a_table_hidden_before_its_rows_came_gets_them_when_shown_again(monkeypatch):
    """A step left before its table had every row (F8 then F7 within half a second): the
    rows still to come arrive once it shows again, without a key."""
    monkeypatch.setattr(SyncedTable, "FILL_AFTER", 0.05)

    class PanelApp(App):  # the table in a panel, hidden and shown as the run screen does
        def compose(self) -> ComposeResult:
            with Vertical(id="panel"):
                yield SyncedTable(COLUMNS, lambda raw: raw, flex="text")

    app = PanelApp()
    async with app.run_test(size=(80, 14)) as pilot:
        table = app.query_one(SyncedTable)
        table.sync([row(n) for n in range(1, 301)])
        await until(pilot, lambda: table.row_count, "the first rows")
        app.query_one("#panel").display = False
        await pilot.pause(0.2)  # the next rows' turn came while it was hidden
        app.query_one("#panel").display = True
        await until(pilot, lambda: table.row_count == 300, "every row")
        assert [r[0] for r in (table.get_row_at(i) for i in (0, 299))] == [1, 300]


async def test_a_table_waiting_for_its_width_keeps_its_rows_to_come_through_a_redraw(
        monkeypatch):
    """A panel redrawn before its table's first layout (a panel made ahead, hidden, then
    shown) keeps the row selected: the one the cursor will be on. That adds no row: a
    large session's 500 moments were all added at once there, in the step change."""
    monkeypatch.setattr(SyncedTable, "FILL_AFTER", 60)

    class HiddenApp(App):
        def compose(self) -> ComposeResult:
            with Vertical(id="panel"):
                yield SyncedTable(COLUMNS, lambda raw: raw, flex="text")

        def on_mount(self) -> None:
            self.query_one("#panel").display = False

    app = HiddenApp()
    async with app.run_test(size=(80, 14)) as pilot:
        table = app.query_one(SyncedTable)
        rows = [row(n) for n in range(1, 301)]
        table.sync(rows)
        keep = table.selected_key
        table.sync(rows)  # as a panel redraws: the rows, then the row it was on
        assert keep == "1" and table.select(keep)
        assert table.row_count == 0 and len(table._pending) == 300
        app.query_one("#panel").display = True
        await until(pilot, lambda: table.row_count, "the first rows")
        assert table.row_count == table.size.height - 1 and table.cursor_row == 0
        assert table.get_row_at(0)[0] == 1
