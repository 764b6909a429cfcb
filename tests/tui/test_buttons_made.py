"""widgets/buttons.button: a button made inside a running app looks and acts as
Textual's Button made there (same classes, variant, label, id), without being styled
before it is mounted."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Button

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
