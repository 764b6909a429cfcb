"""The TUI's export form: choices change the suggested name, the export runs with a
progress bar, a failure is shown in the form and the form stays open."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, RadioButton, RadioSet, Static

from report_fixtures import build
from waiting import soon, until
from workshop.tui.app import WorkshopApp
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


@pytest.fixture
def documents(tmp_path, monkeypatch):
    """The user's documents folder, and a current folder that is not it (``make run``
    started in the repository)."""
    import platformdirs

    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folder))
    repository = tmp_path / "repository"
    repository.mkdir()
    monkeypatch.chdir(repository)
    return folder


def _where(screen) -> str:
    return str(screen.query_one("#export-where", Static).render())


def _status(screen) -> str:
    return str(screen.query_one("#export-status", Static).render())


async def test_exporting_markdown_with_pseudonyms_from_the_form(session, tmp_path, documents,
                                                               notices):
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        path = screen.query_one("#export-path", Input)
        # The session is Spanish: the form says so, and suggests the session's name in
        # the documents folder, never the folder the tool was started from.
        assert screen.query_one("#export-lang").pressed_button.name == "es"
        assert path.value == str(documents / "study.docx")
        assert _where(screen) == f"File: study.docx · in {documents}"
        # Pseudonyms only, unless asked: the same default as the command line.
        copy = screen.query_one("#export-copy", RadioSet)
        assert copy.pressed_button.name == "pseudonyms"
        # Keyboard only: the format list has the focus; Markdown is the second choice.
        await pilot.press("down", "enter")
        await pilot.pause()
        assert path.value == str(documents / "study.md")
        # The internal copy gets its own name, and back.
        copy.focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert copy.pressed_button.name == "names"
        assert path.value == str(documents / "study-internal.md")
        await pilot.press("up", "enter")
        await pilot.pause()
        assert path.value == str(documents / "study.md")
        # The path stays editable: a name alone goes to the form's folder, and says so.
        path.value = "summary.md"
        await until(pilot, lambda: _where(screen) == f"File: summary.md · in {documents}",
                    "the folder shown")
        await pilot.press("ctrl+s")
        # Written: the form stays, saying where in full, and Enter (on Close) closes it.
        await until(pilot, lambda: _status(screen) == f"Written: {documents / 'summary.md'}",
                    "the form to say where it went")
        assert app.screen is screen and app.result == "open"
        await pilot.press("enter")
        await until(pilot, lambda: app.result != "open", "the form to close")
        assert app.result == documents / "summary.md"
        text = (documents / "summary.md").read_text(encoding="utf-8")
        assert "## Resumen ejecutivo" in text and "Ana López" not in text
        assert any("summary.md" in said for said in notices)
        assert not list(Path.cwd().iterdir())  # nothing in the folder it was started from


async def test_the_form_suggests_the_folder_of_its_last_export(session, tmp_path, documents):
    # A long folder is shown whole, on as many lines as it takes.
    chosen = tmp_path / ("client reports " * 6).strip() / "Greenway 2026"
    chosen.mkdir(parents=True)
    for expected in (documents, chosen):
        app = Host(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            path = screen.query_one("#export-path", Input)
            assert path.value == str(expected / "study.docx")
            assert _where(screen).replace("\n", "") == f"File: study.docx · in {expected}"
            if expected == documents:
                next(b for b in screen.query(RadioButton) if b.name == "json").value = True
                path.value = str(chosen / "study.json")
                await pilot.press("ctrl+s")
                await until(pilot, lambda s=screen: _status(s).startswith("Written:"), "the export")
            await pilot.press("escape")
    # A remembered folder that has gone: the documents folder again.
    (chosen / "study.json").unlink()
    chosen.rmdir()
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#export-path", Input).value == str(documents / "study.docx")


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
        status = screen.query_one("#export-status", Static)
        await until(pilot, lambda: "es un archivo" in str(status.render()), "the failure")
        assert status.has_class("error")
        assert app.result == "open" and app.screen is screen
        assert blocker.read_text() == "a file, not a folder"
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None


def _held(monkeypatch, *, after_told: float = 0.0):
    """The export form's writer held at its first step until ``release`` is set (a large
    report on a loaded machine); ``after_told``: its thread also slow to end once the form
    was told the outcome (the form closed under a worker still running: cancelled)."""
    import time

    import workshop.tui.screens.export as form

    started, release = threading.Event(), threading.Event()
    real = form.export

    def held(*args, progress, **kwargs):
        def step(fraction: float, what: str) -> None:
            started.set()
            release.wait(30)
            progress(fraction, what)
        return real(*args, progress=step, **kwargs)

    monkeypatch.setattr(form, "export", held)
    if after_told:
        told = App.call_from_thread

        def slow_to_end(self, callback, *args, **kwargs):
            result = told(self, callback, *args, **kwargs)
            time.sleep(after_told)
            return result
        monkeypatch.setattr(App, "call_from_thread", slow_to_end)
    return started, release


def _as_markdown(screen, out: Path) -> None:
    next(b for b in screen.query(RadioButton) if b.name == "md").value = True
    screen.query_one("#export-path", Input).value = str(out)


async def test_the_form_closes_once_its_writer_has_ended(session, tmp_path, monkeypatch):
    # A full run once failed here: the form was closed from inside the writer's thread,
    # before the thread had ended, and closing it cancelled its worker.
    started, release = _held(monkeypatch, after_told=0.3)
    app = Host(session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _as_markdown(app.screen, tmp_path / "r.md")
        await pilot.press("ctrl+s")
        await until(pilot, started.is_set, "the writer to start")
        release.set()
        await app.workers.wait_for_complete()  # raised WorkerCancelled
        await until(pilot, lambda: _status(app.screen).startswith("Written:"), "the export")
    assert (tmp_path / "r.md").stat().st_size > 0


class QuitHost(WorkshopApp):
    """The export form over the app, as the run screen opens it."""

    CSS_PATH = None

    def __init__(self, path: Path, folder: Path):
        super().__init__(sessions_dir=folder)
        self.path = path

    def on_mount(self, event) -> None:
        event.prevent_default()  # not the home screen
        self.push_screen(ExportScreen(self.path))


async def test_quitting_while_a_report_is_written_finishes_it_first(session, tmp_path,
                                                                    monkeypatch):
    started, release = _held(monkeypatch)
    out = tmp_path / "r.md"
    app = QuitHost(session, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the form")
        screen = app.screen
        _as_markdown(screen, out)
        await pilot.press("ctrl+s")
        await until(pilot, started.is_set, "the writer to start")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: "Quitting once the report is written (^Q again quits now"
                    in str(screen.query_one("#export-status", Static).render()), "the notice")
        assert app.is_running and app.screen is screen
        release.set()
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert app.said_after_exit == [f"Written: {out}"]
    assert "## " in out.read_text(encoding="utf-8")


async def test_quitting_twice_stops_the_report_and_leaves_nothing(session, tmp_path,
                                                                  monkeypatch):
    started, release = _held(monkeypatch)
    folder = tmp_path / "out"
    folder.mkdir()
    app = QuitHost(session, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the form")
        _as_markdown(app.screen, folder / "r.md")
        await pilot.press("ctrl+s")
        await until(pilot, started.is_set, "the writer to start")
        await pilot.press("ctrl+q")
        await pilot.press("ctrl+q")
    release.set()  # the writer goes on to its next step, and stops there
    await soon(lambda: app.said_after_exit, 30)
    assert app.said_after_exit == [
        f"The report was not written: you quit before it was finished ({folder / 'r.md'} "
        "is as it was)."]
    assert list(folder.iterdir()) == []  # no half file, no temporary one


def test_the_command_prints_what_the_app_left_to_say(capsys):
    from workshop.cli.tui import exit_if_crashed

    class Closed:  # an app that quit while a report was written
        said_after_exit = ["Written: /work/r.docx"]
        crash_line = None
        return_code = 0

    exit_if_crashed(Closed())
    assert capsys.readouterr().out == "Written: /work/r.docx\n"


async def test_the_form_says_how_many_quotes_the_report_leaves_out(tmp_path, documents):
    # P3 and P4 did not record consent; P3 said one of the quotes.
    path = build(tmp_path / "c.db", without_consent=(3, 4))
    app = Host(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        said = "1 quote from a participant who did not record consent is left out."
        assert _status(screen) == said
        # At 80x24 the whole form shows, the line and the hint under the buttons with it.
        status = screen.query_one("#export-status", Static)
        assert status.region.height == 1 and screen.query_one("#export-hint").region.bottom <= 24
        # The data exports keep every quote: nothing to say there; the report again.
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert screen.fmt == "csv" and _status(screen) == ""
        await pilot.press("up", "enter")
        await pilot.pause()
        assert screen.fmt == "md" and _status(screen) == said
        await pilot.press("ctrl+s")
        await until(pilot, lambda: _status(screen).startswith("Written:"), "the export")
        text = (documents / "c.md").read_text(encoding="utf-8")
        assert "nobody ever smiles" not in text and said in text


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
async def test_every_choice_and_line_of_the_form_is_whole_at_80x24(session, documents, lang):
    # At 80x24 Spanish read "Proyecto REFI-QDA (NVivo, A…" and "Solo seudónimos (para
    # envia…": a consultant choosing what to send must read the whole choice.
    from workshop.i18n import set_language

    from .screen_fixtures import screen_lines

    set_language(lang)
    try:
        app = Host(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, ExportScreen))
            await pilot.pause()
            shown = "\n".join(screen_lines(app))
            labels = [str(b.label) for b in app.screen.query(RadioButton)]
            hint = str(app.screen.query_one("#export-hint", Static).render())
    finally:
        set_language("en")
    assert len(labels) == 10
    for label in [*labels, hint]:
        assert label in shown, label
    assert "…" not in shown
