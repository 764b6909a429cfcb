"""widgets/buttons.button: a button made inside a running app looks and acts as
Textual's Button made there (same classes, variant, label, id), without being styled
before it is mounted."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Button

from workshop.tui.widgets.button_row import ButtonRow, RowButton
from workshop.tui.widgets.buttons import button


class Rig(App):
    pressed: list[str | None]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.pressed.append(event.button.id)

    def compose(self) -> ComposeResult:
        yield Button("Save a copy as…", id="theirs", variant="error")
        yield Button("Report (F6)", id="theirs-compact", compact=True)


async def test_a_button_made_in_the_app_is_textuals_button():
    app = Rig()
    async with app.run_test() as pilot:
        styled: list[object] = []
        real = app.update_styles
        app.update_styles = lambda node, animate=True: (styled.append(node),
                                                        real(node, animate))
        ours = button("Save a copy as…", id="ours", variant="error")
        compact = button("Report (F6)", id="ours-compact", compact=True)
        assert styled == []  # nothing styled before it is mounted
        await app.mount(ours, compact)
        await pilot.pause()
        for mine, theirs in ((ours, "#theirs"), (compact, "#theirs-compact")):
            other = app.query_one(theirs, Button)
            assert (mine.classes, mine.variant, mine.compact, str(mine.label)) == (
                other.classes, other.variant, other.compact, str(other.label))
            assert mine.styles.background == other.styles.background
            assert mine.region.height == other.region.height
        app.pressed = []
        await pilot.click("#ours")
        await pilot.pause()
        assert app.pressed == ["ours"]


class RowRig(App):
    pressed: list[str]

    def compose(self) -> ComposeResult:
        yield Button("Before", id="before", compact=True)
        yield ButtonRow([RowButton("export", "Report (F6)", "Export the report"),
                         RowButton("summary", "Summary (^Y)", "Copy a summary"),
                         RowButton("findings", "Findings (^F)")], id="row")

    def on_button_row_pressed(self, event: ButtonRow.Pressed) -> None:
        self.pressed.append(event.name)


async def test_a_row_of_buttons_is_one_stop_for_tab_and_presses_by_key_and_click():
    app = RowRig()
    app.pressed = []
    async with app.run_test(size=(80, 5)) as pilot:
        row = app.query_one(ButtonRow)
        # Drawn as Textual's compact buttons were: each label centred in 16 columns or
        # more, one column between two.
        assert row.render().plain == " ".join(
            ["  Report (F6)   ", "  Summary (^Y)  ", " Findings (^F)  "])
        await pilot.press("tab")
        assert app.focused is row
        await pilot.press("enter", "right", "space", "right", "right", "enter")
        await pilot.press("left", "enter")
        assert app.pressed == ["export", "summary", "export", "findings"]
        await pilot.press("tab")
        assert app.focused.id == "before"  # the whole row is one stop
        app.pressed = []
        await pilot.click("#row", offset=(20, 0))  # on the second button
        await pilot.click("#row", offset=(16, 0))  # between two: nothing
        await pilot.pause()
        assert app.pressed == ["summary"]
        await pilot.hover("#row", offset=(2, 0))
        assert row.tooltip == "Export the report"
        await pilot.hover("#row", offset=(35, 0))
        assert row.tooltip is None  # the findings' button has none
        row.disabled = True  # as a replay makes it
        await pilot.click("#row", offset=(2, 0))
        await pilot.pause()
        assert app.pressed == ["summary"]
