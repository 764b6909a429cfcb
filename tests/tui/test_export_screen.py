"""The TUI's export form: choices change the suggested name, the export runs with a
progress bar, a failure is shown in the form and the form stays open."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, RadioButton, RadioSet, Static

from report_fixtures import build
from workshop.tui.screens.export import ExportScreen


class Host(App):
    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.result = "open"

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.path), self.got_result)

    def got_result(self, result) -> None:
        self.result = result


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return build(tmp_path_factory.mktemp("s") / "study.db", lang="es")


async def test_exporting_markdown_with_pseudonyms_from_the_form(session, tmp_path,
                                                               monkeypatch, notices):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        path = screen.query_one("#export-path", Input)
        # The session is Spanish: the form says so, and suggests the name `workshop
        # export` would write, in the current folder (not beside the session file).
        assert screen.query_one("#export-lang").pressed_button.name == "es"
        assert path.value == str(here / "study.docx")
        # Pseudonyms only, unless asked: the same default as the command line.
        copy = screen.query_one("#export-copy", RadioSet)
        assert copy.pressed_button.name == "pseudonyms"
        # Keyboard only: the format list has the focus; Markdown is the second choice.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert path.value == str(here / "study.md")
        # The internal copy gets its own name, and back.
        copy.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert copy.pressed_button.name == "names"
        assert path.value == str(here / "study-internal.md")
        await pilot.press("up", "enter")
        await pilot.pause()
        assert path.value == str(here / "study.md")
        path.value = str(tmp_path / "summary.md")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.result == tmp_path / "summary.md"
        text = (tmp_path / "summary.md").read_text(encoding="utf-8")
        assert "## Resumen ejecutivo" in text and "Ana López" not in text
        assert any("summary.md" in said for said in notices)


async def test_a_failed_export_is_shown_and_the_form_stays(session, tmp_path):
    from workshop.i18n import set_language

    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder")
    app = Host(session)
    set_language("es")  # as the app speaks a Spanish session's language; the report's
    # language chosen in the form changes the report, not what the form says
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        next(b for b in screen.query(RadioButton) if b.name == "csv").value = True
        await pilot.pause()
        screen.query_one("#export-path", Input).value = str(blocker)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = screen.query_one("#export-status", Static)
        assert "es un archivo" in str(status.render()) and status.has_class("error")
        assert app.result == "open" and app.screen is screen
        assert blocker.read_text() == "a file, not a folder"
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None
