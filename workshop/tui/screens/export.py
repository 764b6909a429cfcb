"""The export form in the TUI: format, language, which copy (pseudonyms by default, or
an internal copy with names), where to save.

Opened through ``workshop.tui.hooks.export_report``. The export runs in a thread with a
progress bar; a failure is shown in the form, which stays open so the user can pick
another place, and nothing already on disk is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, RadioSet
from textual.worker import Worker

from workshop.core.consent import left_out_sentence, unconsented_quotes
from workshop.core.errors import WorkshopError
from workshop.core.places import export_folder, remember_export_folder
from workshop.core.safetext import visible
from workshop.core.state import SessionState
from workshop.i18n import LANGUAGES, language_name, normalise, t
from workshop.report import FORMATS, copy_choices, default_output, export
from workshop.tui.hooks import stored_state
from workshop.tui.keys import key_name
from workshop.tui.plain import Plain, PlainLabel
from workshop.tui.widgets.entry_field import EntryField
from workshop.tui.widgets.toggles import Choice


def session_language(path: Path) -> str:
    """The session's language, from its readable table (no fold, no lock)."""
    from workshop.core.store import session_language as stored_language

    return normalise(stored_language(Path(path)))


class ExportAbandoned(Exception):
    """Quit twice while a report was written: the writer stops, and leaves nothing."""


class Outcome(NamedTuple):
    """What an export came to: the path written (None if nothing was), and the one line
    that says so."""

    path: Path | None
    message: str


class ExportScreen(ModalScreen[Path | None]):
    """Returns the path written, or None when the user closed the form."""

    class Progressed(Message):
        """How far the writer is (posted from its thread; never waits for the UI)."""

        def __init__(self, fraction: float, what: str) -> None:
            super().__init__()
            self.fraction, self.what = fraction, what

    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                Binding("ctrl+s", "export", "Export")]

    def __init__(self, path: Path, state: SessionState | None = None):
        super().__init__()
        self.session = Path(path)
        # Quotes the report leaves out (participants who did not record consent): said
        # before anything is written, as the command line says it.
        state = state if state is not None else stored_state(self.session)
        self.left_out = len(unconsented_quotes(state)) if state is not None else 0
        self.lang = session_language(self.session)
        self.fmt = "docx"
        self.copy = "pseudonyms"  # the same default as the command line: no real name
        # The folder a path typed without one goes to, and the suggested one's.
        self._folder = export_folder()
        self._suggested = self._default()
        self.written: Path | None = None  # the last file written from this form
        self.busy = False
        # A quit while writing: finish, then quit; a second one: stop, leave nothing.
        self._quit_after = self._abandon = False

    def _default(self) -> Path:
        # Not the current folder, as `workshop export` writes (started from a menu, or by
        # `make run` in the repository, the TUI's is no folder the user has in mind), nor
        # beside the session (the data folder, where an installed tool keeps them): the
        # folder of the last export, else the documents folder (places.export_folder).
        return default_output(self.session, self.fmt, copy=self.copy, folder=self._folder)

    def _target(self, raw: str) -> Path:
        """The path typed, made whole: one without a folder goes to the form's folder."""
        path = Path(raw).expanduser()
        return path if path.is_absolute() else self._folder / path

    def compose(self) -> ComposeResult:
        names = {"docx": t("Word report"), "md": t("Markdown (same report)"),
                 "csv": t("CSV files (a folder)"), "json": t("JSON (whole session)"),
                 "qdpx": t("REFI-QDA (NVivo, ATLAS.ti)")}  # 28 cells at 80 columns
        with Vertical(id="export-form"):
            yield PlainLabel(t("Export the session"), id="export-title")
            with Horizontal(id="export-choices"):
                with RadioSet(id="export-format"):
                    for fmt in FORMATS:
                        yield Choice(names[fmt], value=fmt == self.fmt, name=fmt)
                with Vertical(id="export-right"):
                    with RadioSet(id="export-lang"):
                        for code in LANGUAGES:
                            yield Choice(language_name(code), value=code == self.lang,
                                         name=code)
                    with RadioSet(id="export-copy"):
                        for copy, label in copy_choices(t):
                            yield Choice(label, value=copy == self.copy, name=copy)
            yield EntryField(visible(self._suggested), id="export-path")
            # The file's name and its whole folder apart: a long path shows only its end
            # in the field, and the name is what the user checks first.
            yield Plain("", id="export-where")
            yield ProgressBar(total=100, show_eta=False, id="export-progress")
            yield Plain("", id="export-status")
            # The keys beside the buttons, not under them: at 80x24 a folder's path on
            # three lines pushed that line out of the form.
            with Horizontal(id="export-buttons"):
                yield Plain(t("Ctrl+S exports · Escape closes"), id="export-hint")
                yield Button(t("Export"), variant="primary", id="export-go")
                yield Button(t("Close"), id="export-close")

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self._show_left_out()
        self._show_where()
        self.query_one("#export-format").focus()

    def _show_left_out(self) -> None:
        """How many quotes the report leaves out (the data exports keep them all), on the
        status line until something is written: 80x24 has no room for another line."""
        if self.busy or self.written is not None:
            return
        said = left_out_sentence(self.left_out, t) if self.fmt in ("docx", "md") else ""
        self._say(said, warning=bool(said))

    def _show_where(self) -> None:
        """The file name, then its whole folder (on as many lines as it takes), and the
        field scrolled to the path's end."""
        field = self.query_one("#export-path", Input)
        raw = field.value.strip()
        where = self.query_one("#export-where", Plain)
        if not raw:
            where.update("")
            return
        target = self._target(raw)
        where.update(t("File: {name} · in {folder}", name=target.name or raw,
                       folder=target.parent))
        if not field.has_focus:  # the end, where the name is, in view (once laid out)
            field.cursor_position = len(field.value)
            field.call_after_refresh(lambda: field.scroll_to(x=field.max_scroll_x,
                                                             animate=False))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#export-where").display = True
        self._show_where()

    # ---- choices ---------------------------------------------------------------------
    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if event.radio_set.id == "export-format":
            self.fmt = event.pressed.name or self.fmt  # each button is named for its choice
            self._show_left_out()
        elif event.radio_set.id == "export-copy":
            self.copy = event.pressed.name or self.copy
        else:
            self.lang = event.pressed.name or self.lang
        self._follow_default()

    def _follow_default(self) -> None:
        """The suggested name follows the choices until the user types their own."""
        field = self.query_one("#export-path", Input)
        if Path(field.value.strip()) == Path(visible(self._suggested)):
            self._suggested = self._default()
            field.value = visible(self._suggested)
            field.cursor_position = len(field.value)

    # ---- running ---------------------------------------------------------------------
    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-go":
            self.action_export()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_cancel(self) -> None:
        if self.busy:  # what is being written is finished first: say so
            self._say(t("Writing… the form can be closed once the report is written."))
            return
        if self.written is not None:  # the form said it; the toast says it again, after
            self.app.notify(t("Written: {path}", path=self.written), timeout=10)
        self.dismiss(self.written)

    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if self.busy or not raw:
            return
        self.busy = True
        self._quit_after = self._abandon = False
        self.query_one("#export-go", Button).disabled = True
        bar = self.query_one("#export-progress", ProgressBar)
        bar.display = True
        bar.update(progress=0)
        self._say(t("Writing…"))
        self._run(self.app, self._target(raw), self.fmt, self.lang, self.copy)

    def finish_before_quitting(self) -> bool:
        """Asked by the app's quit while this form may be writing: True keeps the app
        open until the export is done (then it quits, and the command says where the
        report went); a second quit returns False, and the export stops, leaving nothing
        (the command says so once the terminal is back)."""
        if not self.busy or self._abandon:
            return False
        if self._quit_after:
            self._abandon = True
            return False
        self._quit_after = True
        self._say(t("Quitting once the report is written ({key} again quits now, without "
                    "it).", key=key_name("ctrl+q")))
        return True

    # No ``exclusive``: a worker cancelled while its thread writes would lose what the
    # thread then did (the form's busy flag already keeps to one export at a time). The
    # outcome is taken up once the worker has ended (on_worker_state_changed), never from
    # inside the thread, so the form is not closed under a worker still running.
    @work(thread=True, group="report-export", exit_on_error=False)
    def _run(self, app: App, out: Path, fmt: str, lang: str, copy: str) -> Outcome:
        def progress(fraction: float, what: str) -> None:
            if self._abandon and fraction < 1:  # at 1 the file is in place: say so
                raise ExportAbandoned
            try:
                self.post_message(self.Progressed(fraction, what))
            except RuntimeError:  # the app has closed (its terminal gone): write on
                pass

        try:
            path = export(self.session, out, fmt, lang=lang, copy=copy, progress=progress)
        except ExportAbandoned:
            outcome = Outcome(None, t("The report was not written: you quit before it was "
                                      "finished ({path} is as it was).", path=out))
        except (WorkshopError, OSError) as exc:
            outcome = Outcome(None, str(exc) if isinstance(exc, WorkshopError) else t(
                "Could not write {path}: {why}", path=out, why=exc.strerror or exc))
        except Exception as exc:  # a bug in a writer must not end the live session
            from workshop.core.crash import write_log

            # Its message may quote the session: the details go to the private crash log.
            log = write_log(exc)
            outcome = Outcome(None, t(
                "The report could not be written (an unexpected error; the details are in "
                "{path}).", path=log) if log else t("The report could not be written (an "
                                                    "unexpected error)."))
        else:
            outcome = Outcome(path, t("Written: {path}", path=path))
        # Said after the app closes unless the form takes it up first (a quit while it was
        # written, or a terminal closed under the app: the command prints it).
        untold = getattr(app, "said_after_exit", None)
        if untold is not None:
            untold.append(outcome.message)
        return outcome

    def on_export_screen_progressed(self, message: Progressed) -> None:
        self.query_one("#export-progress", ProgressBar).update(
            progress=round(message.fraction * 100))
        if not self._quit_after:
            self._say(message.what)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if (event.worker.group != "report-export" or not event.worker.is_finished
                or self._abandon):  # quit twice: the app is closing, the command says it
            return
        outcome = event.worker.result
        if not isinstance(outcome, Outcome):  # a worker error: the app's handler has it
            outcome = Outcome(None, t("The report could not be written (an unexpected "
                                      "error)."))
        untold = getattr(self.app, "said_after_exit", None)
        if self._quit_after and outcome.path is not None:
            # Written: the quit asked for goes on, and its line stays to be said once the
            # terminal is back.
            self.busy = False
            self.app.call_later(self.app.action_quit)
            return
        if untold is not None and outcome.message in untold:
            untold.remove(outcome.message)
        self._quit_after = False  # a failure cancels the quit: the form says why
        if outcome.path is None:
            self._export_failed(outcome.message)
        else:
            self._export_done(outcome.path)

    def _export_failed(self, message: str) -> None:
        self.busy = False
        self.query_one("#export-go", Button).disabled = False
        self.query_one("#export-progress").display = False
        self._say(message, error=True)

    def _export_done(self, path: Path) -> None:
        """The form stays, saying where the file went in full (the toast fades); Enter
        on Close, or Escape, closes it; another format can be exported from it."""
        self.busy = False
        self.written = path
        remember_export_folder(path.parent)  # suggested next time
        self.query_one("#export-go", Button).disabled = False
        self.query_one("#export-progress").display = False
        # The status says it all, in full: the line about the path typed would repeat it
        # (it shows again as the path is changed), and 80x24 has no room for both.
        self.query_one("#export-where").display = False
        self._say(t("Written: {path}", path=path))
        self.query_one("#export-close", Button).focus()

    def _say(self, text: str, *, error: bool = False, warning: bool = False) -> None:
        status = self.query_one("#export-status", Plain)
        status.set_class(error, "error")
        status.set_class(warning, "warning")
        status.update(text)
