"""What a facilitator reads at a glance in the room: the export form's file name, ticked
and unticked boxes without colour, the wrap-up list at 80×24."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input

from waiting import until
from workshop.tui.app import make_app
from workshop.tui.screens.export import ExportScreen
from workshop.tui.widgets.toggles import Choice, Tick, TickList

from .screen_fixtures import seen
from .step_fixtures import SCRIPT, new_store, step_index


class Host(App):
    def __init__(self, path: Path):
        super().__init__()
        self.path = path

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.path))


async def test_the_export_form_shows_the_file_name_of_a_long_path(tmp_path, monkeypatch):
    folder = tmp_path / "Clients" / "Greenway Markets" / "autumn focus groups, second wave"
    folder.mkdir(parents=True)
    session = folder / "2026-11-26-weekly-shop-with-families.db"
    new_store(folder, lang="en").close()
    (folder / "session.db").rename(session)
    import platformdirs

    # The form suggests the documents folder (no export made from it yet): a long one.
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folder))
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.query_one("#export-path", Input).value,
                    "the export form")
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(folder / "2026-11-26-weekly-shop-with-families.docx")
        await until(pilot, lambda: "2026-11-26-weekly-shop-with-families.docx"
                    in "".join(seen(field)), "the path's end in view")
        # The field shows the path's end, where the name is, and a line names the file.
        assert "2026-11-26-weekly-shop-with-families.docx" in "".join(seen(field))
        where = "".join(seen(app.screen.query_one("#export-where")))
        assert "File: 2026-11-26-weekly-shop-with-families.docx · in " in where
        # Another format: the name follows, still in view.
        app.screen.query_one("#export-format").focus()
        await pilot.press("down", "enter")
        await until(pilot, lambda: "2026-11-26-weekly-shop-with-families.md"
                    in "".join(seen(field)), "the Markdown file's name in view")


async def test_ticked_and_unticked_read_differently_without_colour():
    class Boxes(App):
        def compose(self):
            yield Tick("Verbatim quote", True, id="on")
            yield Tick("Insight", False, id="off")
            yield Choice("Word report", True, id="chosen")
            yield Choice("Markdown", False, id="other")
            yield TickList[int](("Ana", 1, True), ("P2", 2, False), id="list")

    app = Boxes()
    async with app.run_test(size=(40, 30)) as pilot:
        await pilot.pause()
        text = {w: "".join(seen(app.query_one(f"#{w}"))) for w in ("on", "off", "chosen", "other")}
        assert "▐X▌ Verbatim quote" in text["on"] and "▐ ▌ Insight" in text["off"]
        assert "▐●▌ Word report" in text["chosen"] and "▐ ▌ Markdown" in text["other"]
        rows = seen(app.query_one("#list"))
        assert any("▐X▌ Ana" in row for row in rows) and any("▐ ▌ P2" in row for row in rows)
        await pilot.click("#off")
        await pilot.pause()
        assert "▐X▌ Insight" in "".join(seen(app.query_one("#off")))


async def test_at_80x24_the_wrap_up_lists_more_than_four_moments_and_names_its_columns(tmp_path):
    script = {**SCRIPT, "steps": [
        {**step, "body": "Para terminar: si la empresa pudiera cambiar una sola cosa antes "
                         "del mes que viene, ¿cuál debería ser? ¿Y hay algo que no les "
                         "hayamos preguntado y deberíamos?"} if step["kind"] == "wrapup"
        else step for step in SCRIPT["steps"]]}
    store = new_store(tmp_path, lang="es", script=script)
    for n in range(1, 15):
        store.record("moment_added", text=f"Momento número {n} del recorrido de compra")
    store.record("step_entered", step=step_index(store, "wrapup"))
    store.close()
    app = make_app(store.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.screen._panel
        assert panel.step.kind == "wrapup"
        rows = [line.split()[0] for line in seen(panel.table)[1:]
                if line.strip() and line.split()[0].isdigit()]
        assert rows[:5] == ["1", "2", "3", "4", "5"]  # was 1–4: the list gets the room
        headings = [c.label.plain for c in panel.query_one("#actions").ordered_columns]
        assert "Momento" in headings  # whole, where it was cut to "Moment"


async def test_a_heading_cut_short_ends_with_an_ellipsis():
    from workshop.tui.steps.table import SyncedTable

    class Table(App):
        def compose(self):
            yield SyncedTable([("pos", "#", 3), ("text", "Momento", 4), ("n", "Puntos", 6)],
                              lambda raw: raw, id="t")

    app = Table()
    async with app.run_test(size=(40, 8)) as pilot:
        await pilot.pause()
        table = app.query_one("#t", SyncedTable)
        assert [c.label.plain for c in table.ordered_columns] == ["#", "Mom…", "Puntos"]
        assert "Mom… " in seen(table)[0]  # as the user sees it: never "Mome" with no sign
