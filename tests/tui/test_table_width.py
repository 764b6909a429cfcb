"""The step tables fit the terminal's width: the flexible column takes what is left,
on the first draw and after every resize, and no row is lost or changed on the way."""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from waiting import until
from workshop.tui.steps.table import SyncedTable

COLUMNS = [("n", "#", 3), ("text", "Moment", 20), ("who", "Who", 8), ("note", "Note", 10)]


class TableApp(App):
    def compose(self) -> ComposeResult:
        yield SyncedTable(COLUMNS, lambda raw: raw, flex="text", want_flex=30,
                          shrink=[{"note": None}])


def shown(table: SyncedTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row(key)] for key in table.keys_in_view_order()]


def flex_width(table: SyncedTable) -> int:
    return table.columns["text"].width


def expected_flex(table: SyncedTable, fixed: list[int]) -> int:
    # The table's inner width less every other column and all the cells' padding.
    pad = 2 * table.cell_padding
    return table.size.width - sum(w + pad for w in fixed) - pad - 2


async def test_the_flexible_column_follows_the_width_and_the_rows_stay_as_they_were():
    app = TableApp()
    rows = [(str(i), (str(i), f"Moment {i}", f"P{i % 3}", f"n{i}")) for i in range(1, 61)]
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(SyncedTable)
        table.sync(rows)
        table.select("42")
        await until(pilot, lambda: flex_width(table) == expected_flex(table, [3, 8, 10]),
                    "the moment column filling 100 columns")
        before = shown(table)
        assert before == [list(raw) for _, raw in rows]
        # Scrolling reaches the last row and no further: one line each, and the heading.
        await until(pilot, lambda: table.virtual_size.height == len(rows) + 1,
                    "the table as tall as its rows")
        assert "note" in table.columns

        await pilot.resize_terminal(140, 20)
        await until(pilot, lambda: flex_width(table) == expected_flex(table, [3, 8, 10]),
                    "the moment column filling 140 columns")
        assert shown(table) == before and table.selected_key == "42"
        # What is drawn is as wide as the table's columns (no stale width).
        assert table.virtual_size.width == sum(
            c.get_render_width(table) for c in table.columns.values())

        await pilot.resize_terminal(50, 20)  # too narrow: the note column gives way
        await until(pilot, lambda: "note" not in table.columns, "the note column left out")
        assert shown(table) == [row[:3] for row in before] and table.selected_key == "42"
        await until(pilot, lambda: table.virtual_size.width == sum(
            c.get_render_width(table) for c in table.columns.values()), "the narrower width")

        await pilot.resize_terminal(120, 20)  # and it comes back, in its place
        await until(pilot, lambda: list(table.columns) == ["n", "text", "who", "note"],
                    "the note column back")
        assert shown(table) == before and table.selected_key == "42"


def drawn(table: SyncedTable) -> list[str]:
    """The table's lines as the screen shows them."""
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_the_number_column_grows_with_the_numbers_it_holds():
    # Moment 1999 showed as "199": the column was three wide whatever the numbers.
    app = TableApp()
    rows = [(str(i), (i, f"Moment {i}", "P1", "")) for i in range(1, 1000)]
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(SyncedTable)
        table.sync(rows)
        table.go_to_row(998)
        await until(pilot, lambda: any(line.split()[:3] == ["999", "Moment", "999"]
                                       for line in drawn(table)), "row 999 drawn")
        table.sync([*rows, ("1000", (1000, "Moment 1000", "P1", ""))])
        table.go_to_row(999)
        await until(pilot, lambda: any(line.split()[:3] == ["1000", "Moment", "1000"]
                                       for line in drawn(table)), "row 1000 drawn whole")
        # Every row's number in one column, the words after it.
        assert {line.index("Moment") for line in drawn(table)[1:]} == {7}
        # The moment column gave the room: the row is as wide as the table still.
        assert table.virtual_size.width == sum(
            c.get_render_width(table) for c in table.columns.values()) <= table.size.width


async def test_the_flexible_column_reaches_the_scrollbar_whenever_the_rows_bring_it():
    # Under load a Resize could be handled after rows were added and before the table's
    # idle counted them (the scrollbar not shown yet): the column was fitted as if the
    # scrollbar took its two cells twice (the table's width holds them either way), and
    # stayed two narrower, two blank cells before the scrollbar (a step's picture
    # differed now and then in a loaded run; a facilitator resizing meets it too).
    app = TableApp()
    rows = [(str(i), (str(i), f"Moment {i}", f"P{i % 3}", f"n{i}")) for i in range(1, 61)]
    async with app.run_test(size=(100, 20)) as pilot:
        table = app.query_one(SyncedTable)
        table.sync(rows[:3])
        await until(pilot, lambda: table.row_count == 3 and flex_width(table) == expected_flex(
            table, [3, 8, 10]), "three rows, the moment column filling 100 columns")
        assert not table.show_vertical_scrollbar
        table.sync(rows)  # enough for a scrollbar, which the next idle brings
        table.on_resize(events.Resize(table.size, table.virtual_size, table.container_size))
        await until(pilot, lambda: table.show_vertical_scrollbar, "the scrollbar")
        await pilot.pause()
        assert flex_width(table) == expected_flex(table, [3, 8, 10])
        # The rows end where the scrollbar starts: no blank cells between.
        await until(pilot, lambda: table.virtual_size.width == sum(
            c.get_render_width(table) for c in table.columns.values()), "the new widths")
        assert table.virtual_size.width == table.size.width - table.styles.scrollbar_size_vertical
