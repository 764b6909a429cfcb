"""The TUI's writers follow the export rules: the export form and "Save a copy as…" (F9)
never write over a device, a pipe or another session."""

from __future__ import annotations

import os
import stat

from textual.app import App
from textual.widgets import Input, Static

from waiting import until
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.export import ExportScreen
from workshop.tui.screens.run import RunScreen
from workshop.tui.screens.save_copy import SaveCopyScreen


class Host(App):
    def __init__(self, path):
        super().__init__()
        self.path = path

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.path))


def device(folder):
    node = folder / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:  # not root: the real one cannot be replaced either
        return "/dev/null"
    return node


async def test_the_export_form_refuses_a_device_and_another_session(session, tmp_path):
    path, other = session(), session(name="other.db")
    before = other.read_bytes()
    node = device(tmp_path)
    app = Host(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        status = screen.query_one("#export-status", Static)
        for target, said in ((node, "is a device, not a file"),
                             (other, "is a workshop session file")):
            screen.query_one("#export-path", Input).value = str(target)
            await pilot.press("ctrl+s")
            await until(pilot, lambda said=said: said in str(status.render()), "the refusal")
            assert status.has_class("error")
            assert app.screen is screen  # the form stays, with what was typed
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert other.read_bytes() == before


async def test_save_a_copy_refuses_a_pipe_and_puts_the_copy_inside_a_folder(session, tmp_path):
    path = session()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    usb = tmp_path / "usb"
    usb.mkdir()
    app = make_app(path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, SaveCopyScreen)
        field = app.screen.query_one("#copy-path", Input)
        field.value = str(fifo)
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#copy-error", Static)
        assert "is a named pipe, not a file" in str(error.render())
        assert field.value == str(fifo)
        field.value = str(usb)  # "pick a folder on another disk"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.live.store.path == usb / "s-copy.db"
        await pilot.press("ctrl+q")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert not (tmp_path / "usb.db").exists()
    with Store.open(usb / "s-copy.db", readonly=True) as copy:
        assert copy.state.title == "Shoppers"
