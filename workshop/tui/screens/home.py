"""The home screen: recent sessions (resume, replay, export) and "new session"."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from workshop.core.errors import SessionLockedError, WorkshopError
from workshop.core.store import Store
from workshop.i18n import t
from workshop.tui import hooks
from workshop.tui.keys import _
from workshop.tui.widgets.footer import KeyFooter


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        Binding("enter", "resume", _("Resume"), priority=True),
        Binding("n", "new", _("New session")),
        Binding("r", "replay", _("Replay")),
        Binding("e", "export", _("Export")),
        Binding("f5", "reload", _("Refresh the list"), show=False),
        Binding("f1", "help", _("Help")),
    ]

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.sessions: list[dict] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Static(t("workshop · customer-experience focus groups"), id="home-title")
            yield Static(id="home-folder", markup=False)
            yield DataTable(id="home-sessions", cursor_type="row", zebra_stripes=True)
            yield Static(id="home-empty")
            yield Static(id="home-problems", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("Title"), t("Client"), t("Date"), t("People"), t("Status"))
        self.load()

    def on_screen_resume(self) -> None:
        self.load()  # back from a session: its status changed

    def load(self) -> None:
        from workshop.core.catalog import find_sessions

        found, problems = find_sessions(self.folder) if self.folder.is_dir() else ([], [])
        self.sessions = found
        table = self.query_one(DataTable)
        table.clear()
        for s in found:
            # Text, not str: a title with [brackets] is not markup
            table.add_row(Text(s["title"]), Text(s["client"] or "–"), s["date"],
                          str(s["participants"]), Text(s["status"]), key=str(s["path"]))
        self.query_one("#home-folder", Static).update(
            t("Sessions in {folder}", folder=self.folder.resolve()))
        empty = self.query_one("#home-empty", Static)
        empty.update(t("No sessions here yet. Press n to start one."))
        empty.display = not found
        table.display = bool(found)
        self.query_one("#home-problems", Static).update(
            "\n".join(t("Could not read: {problem}", problem=p) for p in problems))
        if found:
            table.focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # An action that cannot do anything here is not offered at all.
        if action in ("resume", "replay", "export") and not self.sessions:
            return False
        if action == "replay":
            return hooks.replay_available()
        if action == "export":
            return hooks.export_available()
        return True

    def _selected(self) -> Path | None:
        table = self.query_one(DataTable)
        if not self.sessions or table.cursor_row is None:
            return None
        return Path(self.sessions[table.cursor_row]["path"])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_resume()

    # ---- actions -------------------------------------------------------------------------
    def action_resume(self) -> None:
        path = self._selected()
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path, readonly: bool = False) -> None:
        try:
            store = Store.open(path, readonly=readonly)
        except SessionLockedError:
            from workshop.tui.screens.confirm import ConfirmScreen

            question = t("{name} is already open in another window, and only one window may "
                         "write to it. Open it read-only here?", name=path.name)
            self.app.push_screen(
                ConfirmScreen(question, yes=t("Open read-only"), no=t("Cancel")),
                lambda yes: yes and self.open_path(path, readonly=True))
            return
        except WorkshopError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return
        self.app.open_session(store)

    def action_new(self) -> None:
        from workshop.tui.screens.new_session import NewSessionScreen

        def created(store: Store | None) -> None:
            if store is not None:
                self.app.open_session(store)

        self.app.push_screen(NewSessionScreen(self.folder), created)

    def action_replay(self) -> None:
        path = self._selected()
        if path is not None and hooks.replay_available():
            hooks.open_replay(self.app, path)

    def action_export(self) -> None:
        path = self._selected()
        if path is not None and hooks.export_available():
            hooks.export_report(self.app, path)

    def action_reload(self) -> None:
        self.load()

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen, sections_for

        self.app.push_screen(HelpScreen(sections_for(self)))

    def palette_commands(self):
        commands = [(t("New session"), t("Title, client, script, language, participants"),
                     self.action_new),
                    (t("Refresh the list"), t("Read the sessions folder again"), self.action_reload),
                    (t("Help: every key"), t("List the keys of this screen"), self.action_help)]
        for s in self.sessions:
            path = Path(s["path"])
            commands.append((t("Resume: {title}", title=s["title"]), str(path.name),
                             lambda p=path: self.open_path(p)))
            if hooks.replay_available():
                commands.append((t("Replay: {title}", title=s["title"]), str(path.name),
                                 lambda p=path: hooks.open_replay(self.app, p)))
            if hooks.export_available():
                commands.append((t("Export: {title}", title=s["title"]), str(path.name),
                                 lambda p=path: hooks.export_report(self.app, p)))
        return commands
