"""The Textual app: which screen opens first, and what quitting must do."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workshop.core.safetext import visible
from workshop.i18n import current_language, set_language, t
from workshop.tui import collector, stylesheet_cache
from workshop.tui.commands import ScreenCommands
from workshop.tui.keys import _, key_name
from workshop.tui.plain import CONTROL_FILTER
from workshop.tui.widgets.key_order import KeysInOrder

if TYPE_CHECKING:  # the home screen opens no session: the store is imported with one
    from workshop.core.store import Store


_SCREENS = (Path(__file__).parent / "screens").resolve()


class _Beneath(Screen):
    """The screen Textual puts first on the stack, under every screen of the app. Ours
    all cover it whole: once another is on it, nothing of it is seen, and it no longer
    asks the screen on top to draw itself again where it was drawn (all of it: a whole
    drawing of the run screen, 3 ms of its start, after the first)."""

    def _compositor_refresh(self) -> None:
        if self.app.screen is self:
            super()._compositor_refresh()

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        # Covered, it was laid out again with every Resize the screen on top got (five
        # times as the run screen opened), for nothing: it holds no widgets. Shown again
        # at another size, it is laid out as it resumes (Screen._on_screen_resume).
        if self.app.screen is self:
            super()._refresh_layout(size, scroll)


class WorkshopApp(KeysInOrder, App):
    TITLE = "workshop"
    CSS_PATH = "app.tcss"
    COMMANDS = {ScreenCommands}  # the screen's commands, then the system ones
    BINDINGS = [
        Binding("ctrl+q", "quit", _("Quit"), priority=True, show=False),
        Binding("ctrl+p", "command_palette", _("Commands"), show=False),
    ]

    # The first screen's stylesheet read with the app's: a screen bringing its own when
    # pushed made Textual parse every stylesheet read so far again and restyle the app,
    # as the first screen opened. (The same file: the screen finds it read, adds nothing.)
    READ_FIRST_SCREENS_CSS = True

    def __init__(self, *, store: Store | None = None, sessions_dir: Path | None = None):
        own = self.CSS_PATH  # a path, a list of them, or None (a test's app)
        css: list[str | PurePath] = (list(own) if isinstance(own, (list, tuple))
                                     else [own] if own else [])
        if self.READ_FIRST_SCREENS_CSS:
            css.append(_SCREENS / ("run.tcss" if store is not None else "home.tcss"))
        super().__init__(css_path=css)
        # Textual's, finding the rules an earlier start parsed (see stylesheet_cache.py).
        self.stylesheet = stylesheet_cache.KeptStylesheet(variables=self.get_css_variables())
        self.initial_store = store  # a session to run at once (``workshop run``)
        if sessions_dir is None:
            from workshop.core.places import sessions_dir as default_folder

            sessions_dir = default_folder()
        self.sessions_dir = sessions_dir
        self.home_language = current_language()
        # What is left to say once the terminal is back (an export that ended as the app
        # closed): the command prints it.
        self.said_after_exit: list[str] = []
        self.crash_line: str | None = None  # set by _handle_exception

    def get_default_screen(self) -> Screen:
        return _Beneath(id="_default")

    def on_load(self) -> None:
        # Until the first screen is drawn (see tui/collector.py); set here, not in
        # on_mount, which an app made from this one may replace (the replay's does).
        collector.pause()
        self.set_timer(collector.AT_THE_LATEST, collector.resume)

    def on_mount(self, event: events.Mount) -> None:
        if not self.is_headless:
            self.set_interval(1.0, self._exit_if_terminal_gone)
        if self.initial_store is not None:
            self.open_session(self.initial_store, on_close=self.exit)
        else:
            from workshop.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen(self.sessions_dir))

    def open_session(self, store: Store, on_close=None) -> None:
        """Run an open session; its language becomes the UI's until it closes."""
        from workshop.core.places import remember
        from workshop.tui.live import LiveSession
        from workshop.tui.screens.run import RunScreen

        set_language(store.state.lang)

        def closed(_result=None) -> None:
            set_language(self.home_language)
            if on_close is not None:
                on_close()

        self.push_screen(RunScreen(LiveSession(store)), closed)
        # The home screen lists it, wherever it is: written once the session shows (the
        # first write of the list, its temporary file, took 4 ms of the start, more on
        # a busy disk).
        self.call_after_refresh(remember, store.path)

    def on_unmount(self) -> None:
        collector.resume()
        stylesheet_cache.keep(self)  # what was parsed after the first screen (step panels)

    def end_sessions(self) -> None:
        from workshop.tui.screens.run import RunScreen

        for screen in self.screen_stack:
            if isinstance(screen, RunScreen):
                screen.end_session()

    def _exit_if_terminal_gone(self) -> None:
        # A terminal window closed under the app (its pseudo-terminal removed) does not
        # always send it SIGHUP (not through make's shell, for one), and Textual's input
        # thread then spins on a device that reads nothing: the app would run on, a core
        # busy and the session's lock held, until killed. Every entry is already saved.
        if terminal_gone():
            self.end_sessions()
            self.exit()

    async def action_quit(self) -> None:
        # A report being written is finished first, then the app quits (a second quit
        # stops it, leaving nothing): see ExportScreen.finish_before_quitting.
        for screen in self.screen_stack:
            finish = getattr(screen, "finish_before_quitting", None)
            if finish is not None and finish():
                return
        if self._ask_about_typed_lines():
            return
        # A clean quit pauses the running timer; after a crash it keeps the wall-clock
        # time, which is what the room lived through.
        self.end_sessions()
        self.exit()

    def _ask_about_typed_lines(self) -> bool:
        """A line typed and not added yet (Enter not pressed) would be lost with the quit,
        unsaid: ask first (screens say what they hold: ``typed_lines``). True while the
        question is open; ctrl+q again quits without it (see QuitQuestion)."""
        from workshop.tui.screens.confirm import QuitQuestion

        if isinstance(self.screen, QuitQuestion):
            return False
        lines = [line for screen in self.screen_stack
                 for line in getattr(screen, "typed_lines", lambda: [])()]
        if not lines:
            return False

        def answered(choice: str | None) -> None:
            if choice == "quit":
                self.end_sessions()
                self.exit()

        self.push_screen(QuitQuestion(lines), answered)
        return True

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notification shows its text as it is (never as markup, its control
        characters visible): messages name files, moments and people."""
        self._place_notices()
        super().notify(visible(message), title=visible(title), severity=severity,
                       timeout=timeout, markup=False)

    def _place_notices(self) -> None:
        """Toasts where the facilitator is not typing: bottom right (Textual's place),
        unless the cursor is in the screen's lower half, as every step's field is at
        its panel's foot: then top right."""
        from textual.css.query import NoMatches
        from textual.widgets._toast import ToastRack

        try:
            screen = self.screen
            rack = screen.get_child_by_type(ToastRack)
        except (NoMatches, ScreenStackError):
            return
        focused = screen.focused
        rack.set_class(focused is not None and focused.region.bottom > screen.size.height // 2,
                       "-top")

    def get_line_filters(self):
        # The last guard: no control character in anything drawn reaches the terminal.
        return [*super().get_line_filters(), CONTROL_FILTER]

    def _handle_exception(self, error: Exception) -> None:
        """An unhandled exception: Textual would print a traceback with every frame's
        local variables (names, what participants said). Instead the details go to a
        private crash log, and ``crash_line`` says where; the command prints it once the
        terminal is restored (see workshop.cli.tui) and exits non-zero."""
        from workshop.core import crash

        self._return_code = 1
        if self._exception is None:  # as Textual does: run_test() re-raises it for tests
            self._exception = error
            self._exception_event.set()
        if self.crash_line is None:  # the first error is the one that matters
            self.crash_line = crash.report(error, self._typed_names())
        self.bell()
        self._close_messages_no_wait()  # what App.panic does, without the traceback

    def _typed_names(self) -> dict[str, str]:
        """Names typed on a screen but in no session yet (the new-session form)."""
        names: dict[str, str] = {}
        for screen in self.screen_stack:
            typed = getattr(screen, "typed_names", None)
            if typed is not None:
                try:
                    names.update(typed())
                except Exception:  # a broken screen must not stop the crash log
                    pass
        return names

    def get_key_display(self, binding: Binding) -> str:
        """A key as the session's language names it in its messages, so the footer and the
        help screen say what the hints say ("Ctrl+Z", "Mayús+Tab", "Supr" in Spanish)."""
        return binding.key_display or key_name(binding.key)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=t("Search for commands…")))

    def action_help_quit(self) -> None:
        self.notify(t("Press {key} to quit.", key=key_name("ctrl+q")), timeout=3)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(t("Theme"), t("Change the colours"), self.action_change_theme)
        yield SystemCommand(t("Quit"), t("Pause the timer, close the session and quit"),
                            self.action_quit)
        yield SystemCommand(t("Screenshot"), t("Save an SVG picture of the screen"),
                            lambda: self.set_timer(0.1, self.deliver_screenshot))


def terminal_gone() -> bool:
    """Whether the terminal the app was started in has gone: its device removed (a
    closed pseudo-terminal) or its descriptor closed."""
    stream = sys.__stdin__
    if stream is None:
        return False
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return True
    return stat.S_ISCHR(info.st_mode) and info.st_nlink == 0


def make_app(path: str | Path | None = None, *, readonly: bool = False,
             sessions_dir: str | Path | None = None) -> WorkshopApp:
    """The app on the home screen, or running the session at ``path``.

    Opening the file here, before the UI starts, lets the caller report a locked or
    damaged file as a one-line error.
    """
    store = None
    if path is not None:
        from workshop.core.store import Store

        store = Store.open(Path(path), readonly=readonly)
    return WorkshopApp(store=store, sessions_dir=Path(sessions_dir) if sessions_dir else None)
