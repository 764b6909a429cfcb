"""The home screen: recent sessions (resume, replay, export) and "new session".

It lists the sessions folder, and the sessions opened recently from anywhere else
(``workshop.core.places``), newest first. One of those that was moved or deleted, or
can no longer be read, stays listed, last, saying so, until d takes it off the list:
it may be on a drive that is not plugged in.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.core.catalog import SessionSummary
from workshop.core.errors import SessionLockedError, WorkshopError
from workshop.core.safetext import visible
from workshop.i18n import t
from workshop.tui import collector, hooks, stylesheet_cache
from workshop.tui.keys import _
from workshop.tui.plain import Plain, plain
from workshop.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from workshop.core.store import Store
    from workshop.tui.app import WorkshopApp


class Listed(SessionSummary):
    elsewhere: bool  # opened recently, from another folder
    missing: str  # why it cannot be opened (moved, deleted, unreadable); "" if it can


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    BINDINGS = [
        # One key, named for what it does to the highlighted session: a finished one
        # opens read-only (nothing to resume), the others carry on where they stopped.
        Binding("enter", "resume", _("Resume"), priority=True),
        Binding("enter", "open_finished", _("Open"), priority=True),
        Binding("n", "new", _("New session")),
        Binding("r", "replay", _("Replay")),
        Binding("e", "export", _("Export")),
        Binding("d", "forget", _("Off the list")),
        Binding("f5", "reload", _("Refresh the list"), show=False),
        Binding("f1", "help", _("Help")),
    ]

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.sessions: list[Listed] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="home"):
            yield Plain(t("workshop · customer-experience focus groups"), id="home-title")
            yield Plain(id="home-folder")
            yield OptionList(id="home-sessions")
            yield Plain(id="home-empty")
            yield Plain(id="home-problems")
        yield KeyFooter(shown_by_screen=True)

    def on_mount(self) -> None:
        self.query_one("#home-sessions").border_title = t("Recent sessions")

    _shown = False

    async def on_screen_resume(self, event: events.ScreenResume) -> None:
        # As the screen first shows (after its mount), and back from a session whose
        # status changed: each session file is read once per showing, not twice.
        if not self._shown:  # styled as mounted: Textual would style it all again
            self._shown = True
            event.refresh_styles = False
            self.call_after_refresh(collector.resume)  # the app paused it as it started
            self.call_after_refresh(stylesheet_cache.keep, self.app)
        self.load()
        await self.query_one(KeyFooter).show_keys()  # those of the list, focused now

    def load(self) -> None:
        found, problems = self._gather()
        self.sessions = found
        listing = self.query_one(OptionList)
        keep = listing.highlighted
        listing.clear_options()
        listing.add_options([Option(self._entry(s), id=str(s["path"])) for s in found])
        if found:
            listing.highlighted = min(keep or 0, len(found) - 1)
        self.query_one("#home-folder", Plain).update(
            t("Sessions in {folder}", folder=self.folder.resolve()))
        empty = self.query_one("#home-empty", Plain)
        empty.update(t("No sessions here yet. Press n to start one."))
        empty.display = not found
        listing.display = bool(found)
        self.query_one("#home-problems", Plain).update(
            "\n".join(t("Could not read: {problem}", problem=p) for p in problems))
        if found:
            # At once, not through the app's queue (Widget.focus), which the app reads
            # only once the screen is drawn: the footer shows the list's keys from the
            # first drawing on.
            self.set_focus(listing)
        self.refresh_bindings()

    def _gather(self) -> tuple[list[Listed], list[str]]:
        """The sessions folder's files and those opened recently elsewhere, the latest
        touched first (by its last entry or its last opening, whichever is later)."""
        from workshop.core import places
        from workshop.core.catalog import Summaries, find_sessions, summary
        from workshop.core.errors import SessionFileError

        known = Summaries()  # each file read again only if it changed since last listed
        found, problems = (find_sessions(self.folder, known) if self.folder.is_dir()
                           else ([], []))
        opened = {str(path): when for path, when in places.recent(gone=True)}
        listed: list[Listed] = [{**s, "elsewhere": False, "missing": ""} for s in found]
        here = {str(Path(s["path"]).resolve()) for s in found}
        for name in opened:
            if name in here:
                continue
            path = Path(name)
            if not places.is_there(path):
                listed.append(_missing(path, known, t(
                    "Not found in {folder}: moved or deleted, or on a drive not plugged "
                    "in.", folder=path.parent)))
                continue
            try:
                entry = summary(path, known)
            except SessionFileError as exc:
                listed.append(_missing(path, known, str(exc)))
                continue
            listed.append({**entry, "elsewhere": True, "missing": ""})
        known.save()

        def latest(s: Listed) -> tuple[bool, str]:  # what cannot be opened comes last
            return (not s["missing"],
                    max(s["last_at"] or "", opened.get(str(Path(s["path"]).resolve()), "")))

        listed.sort(key=latest, reverse=True)
        return listed, problems

    @staticmethod
    def _entry(s: Listed) -> Text:
        """Two lines per session, wrapped to the width: nothing is cut off."""
        # Text, not markup (titles may hold [brackets]), made visible before rich drops
        # some control characters unseen.
        text = plain(s["title"], style="bold")
        if s["missing"]:
            text.append(visible(f"\n{s['missing']} " + t("d takes it off the list.")),
                        style="dim")
            return text
        if s["client"]:
            text.append(visible(f" · {s['client']}"))
        people = t("Participants: {n}", n=s["participants"])
        text.append(visible(f"\n{s['date']} · {people} · {s['status']}"), style="dim")
        if s.get("elsewhere"):  # opened recently from another folder: say which
            text.append(visible(" · " + t("in {folder}", folder=Path(s["path"]).parent)),
                        style="dim")
            from workshop.core.places import in_temporary_folder

            if in_temporary_folder(Path(s["path"])):
                text.append(visible(" · " + t("a temporary folder, which the system may "
                                              "empty: keep a copy elsewhere")),
                            style="dim")
        return text

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        # An action that cannot do anything here is not offered at all.
        if action in ("resume", "open_finished", "replay", "export") and not self.sessions:
            return False
        if action in ("resume", "open_finished"):
            return (action == "open_finished") == self._selected_finished()
        chosen = self._selected_entry()
        if action == "forget":  # only what the recent list added: the folder is the folder
            return chosen is not None and chosen["elsewhere"]
        if action in ("replay", "export") and chosen is not None and chosen["missing"]:
            return False
        if action == "replay":
            return hooks.replay_available()
        if action == "export":
            return hooks.export_available()
        return True

    def _selected_entry(self) -> Listed | None:
        listing = self.query_one(OptionList)
        if not self.sessions or listing.highlighted is None:
            return None
        return self.sessions[listing.highlighted]

    def _selected(self) -> Path | None:
        chosen = self._selected_entry()
        return None if chosen is None else Path(chosen["path"])

    def _selected_finished(self) -> bool:
        listing = self.query_one(OptionList)
        if not self.sessions or listing.highlighted is None:
            return False
        return bool(self.sessions[listing.highlighted].get("finished"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()  # Resume or Open, for the session now highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # a click; Enter is the screen's own key
        self.action_resume()

    # ---- actions -------------------------------------------------------------------------
    def action_resume(self) -> None:
        chosen = self._selected_entry()
        if chosen is not None and chosen["missing"]:
            self.notify(chosen["missing"] + " " + t("d takes it off the list."),
                        severity="warning", markup=False, timeout=8)
        elif chosen is not None:
            self.open_path(Path(chosen["path"]))

    def action_open_finished(self) -> None:
        self.action_resume()  # the run screen opens a finished session read-only

    def open_path(self, path: Path, readonly: bool = False) -> None:
        from workshop.core.places import is_there
        from workshop.core.store import Store  # with the first session opened, not at start

        if not is_there(path):  # moved or deleted since the list was shown
            self.load()
            self.notify(t("{path} is not there any more: moved or deleted.", path=path),
                        severity="warning", markup=False, timeout=8)
            return
        try:
            store = Store.open(path, readonly=readonly)
        except SessionLockedError:
            from workshop.tui.screens.confirm import OPEN_READ_ONLY, ConfirmScreen

            question = t("{name} is already open in another window, and only one window may "
                         "write to it. Open it read-only here?", name=path.name)
            def answered(yes: bool | None) -> None:
                if yes:
                    self.open_path(path, readonly=True)

            self.app.push_screen(
                # Opening read-only changes nothing: Enter takes it.
                ConfirmScreen(question, OPEN_READ_ONLY, default="yes"), answered)
            return
        except WorkshopError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return
        cast("WorkshopApp", self.app).open_session(store)

    def action_new(self) -> None:
        from workshop.tui.screens.new_session import NewSessionScreen

        def created(store: Store | None) -> None:
            if store is not None:
                cast("WorkshopApp", self.app).open_session(store)

        self.app.push_screen(NewSessionScreen(self.folder), created)

    def action_replay(self) -> None:
        path = self._selected()
        if path is not None and hooks.replay_available():
            hooks.open_replay(self.app, path)

    def action_export(self) -> None:
        path = self._selected()
        if path is not None and hooks.export_available():
            hooks.export_report(self.app, path)

    def action_forget(self) -> None:
        from workshop.core.places import forget

        chosen = self._selected_entry()
        if chosen is None or not chosen["elsewhere"]:
            return
        forget(chosen["path"])
        self.load()
        self.notify(t("{name} is off the list; the file itself, wherever it is, is "
                      "untouched.", name=Path(chosen["path"]).name), markup=False)

    def action_reload(self) -> None:
        self.load()

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen, sections_for

        self.app.push_screen(HelpScreen(sections_for(self)))

    def palette_commands(self):
        commands = [(t("New session"), t("Title, client, script, language, participants"),
                     self.action_new),
                    (t("Refresh the list"), t("Read the sessions folder again"),
                     self.action_reload),
                    (t("Help: every key"), t("List the keys of this screen"), self.action_help)]
        for s in self.sessions:
            if s["missing"]:
                continue
            path = Path(s["path"])
            opening = (t("Open: {title}", title=s["title"]) if s.get("finished") else
                       t("Resume: {title}", title=s["title"]))
            commands.append((opening, str(path.name), partial(self.open_path, path)))
            if hooks.replay_available():
                commands.append((t("Replay: {title}", title=s["title"]), str(path.name),
                                 partial(hooks.open_replay, self.app, path)))
            if hooks.export_available():
                commands.append((t("Export: {title}", title=s["title"]), str(path.name),
                                 partial(hooks.export_report, self.app, path)))
        return commands


def _missing(path: Path, known, why: str) -> Listed:
    """A row for a recent session that cannot be opened: its title as last listed (else
    its file name), and why."""
    kept = known.kept(path)
    return {"path": path, "title": kept["title"] if kept else path.name, "client": "",
            "date": "", "script": "", "lang": "", "participants": 0, "status": "",
            "finished": False, "last_at": "", "elsewhere": True, "missing": why}
