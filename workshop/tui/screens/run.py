"""The live session: agenda, timer, facilitator text, the step's panel, participants."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from pathlib import Path

from textual import events, log
from textual.app import ComposeResult
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button
from textual.worker import Worker, WorkerError

from workshop.core.errors import WorkshopError
from workshop.core.events import Event, local_text, local_time, now
from workshop.core.kinds.registry import describe
from workshop.core.kinds.room import pending
from workshop.core.safetext import visible
from workshop.core.state import Step, VoteRound
from workshop.core.store import Store
from workshop.core.undo import from_phone
from workshop.i18n import long_date, plural_count, short_number, t
from workshop.tui import collector, hooks, stylesheet_cache
from workshop.tui.breakpoints import SizedScreen
from workshop.tui.keys import _, key_name
from workshop.tui.live import LiveSession
from workshop.tui.plain import Plain
from workshop.tui.room import RoomLink, collect_as_before, collect_less
from workshop.tui.steps import view_for
from workshop.tui.steps.base import StepView
from workshop.tui.widgets.agenda import Agenda
from workshop.tui.widgets.clock import clock_text
from workshop.tui.widgets.flat import FlatContainer, FlatVertical
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.guide import GuideText
from workshop.tui.widgets.people import People
from workshop.tui.widgets.run_bar import RunBar

# (title, help, callback) for the command palette
Command = tuple[str, str, Callable[[], object]]


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _script_part(step: Step) -> tuple:
    """What a step's panel is made from: the script's part of the step (its clock and
    times change as it runs, and the panel reads them from the state)."""
    return step.index, step.kind, step.title, step.body, step.options


class RunScreen(SizedScreen):
    """Runs one open session. Every change goes through ``self.live``."""

    CSS_PATH = "run.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (160, "-very-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]
    # The step panel says where the cursor goes. (None is the app's "*": the first
    # focusable widget, the hidden banner's button, took the focus as the screen was
    # composed and gave it to the panel's field at once, each styled again.)
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("f1", "help", _("Help")),
        Binding("f2", "note", _("Note")),
        Binding("f3", "quote", _("Quote"), show=False),  # F2's dialog has a quote box too
        Binding("f5,ctrl+t", "timer", _("Timer")),
        Binding("f7,ctrl+r", "previous_step", _("Previous step"), show=False),
        Binding("f8,ctrl+n", "next_step", _("Next step")),
        Binding("ctrl+z", "undo", _("Undo")),
        Binding("f4", "toggle_guide", _("Show or hide the facilitator text"), show=False),
        Binding("f9", "save_copy", _("Save a copy as…"), show=False),
        Binding("ctrl+f", "findings", _("Findings"), show=False,
                tooltip=_("The findings: the consultant's synthesis and the insights")),
        Binding("ctrl+o", "reopen", _("Reopen"),
                tooltip=_("Reopen the finished session to change it (recorded)")),
        Binding("f10,ctrl+g", "room", _("Room"), show=False,
                tooltip=_("Participants' phones: open the room, its QR code, seats and "
                          "entries")),
    ]

    def __init__(self, live: LiveSession):
        super().__init__()
        self.live = live
        live.on_change = self._changed
        live.on_error = self._refused
        self._session_ended = False
        self._panel: StepView | None = None
        self._kept: dict[int, StepView] = {}  # panels of steps left, hidden, by step index
        self._file = _file_id(live.store.path) if live.store else None
        self.room = RoomLink(live, self._room_changed)
        self._phone_redraw = False  # a redraw for phones' changes is on its way
        self._side_at = 0.0  # when the side panel was last drawn for phones' entries
        self._side_timer: Timer | None = None
        self._room_line: str | None = None  # what the bar's line about the room says
        self._collecting_less = False  # see on_mount
        self._ahead_timer: Timer | None = None  # the wait before the next panel is made
        self._ahead: Worker | None = None  # the next panel being made
        self._ahead_layout: asyncio.Future[None] | None = None  # its layout, waited for
        self._ahead_hurry = False  # a step change waits for it: no more waiting
        self._panel_focus: Widget | None = None  # where the cursor was last in the panel

    @property
    def state(self):
        return self.live.state

    # ---- layout -----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # The place, the room's line while it is open, the clock: one widget.
        yield RunBar(id="run-bar")
        # A grid: the agenda over the participants in the side column, the main column
        # beside both (one container fewer than a column of its own for the side).
        with FlatContainer(id="run-body"):
            yield Agenda(id="run-agenda")
            with FlatVertical(id="run-main"):
                # (The banner about the file, #run-banner, is made when it has something
                # to say: see _show_banner.)
                yield GuideText(id="run-guide")  # scrolls itself
            yield People(id="run-people")
        yield KeyFooter(shown_by_screen=True)

    async def on_mount(self) -> None:
        self.query_one("#run-agenda").border_title = t("Agenda")
        self.query_one("#run-people").border_title = t("Participants")
        self.query_one("#run-people").border_subtitle = t("spoken")
        self._start_fresh()
        await self._show_step()
        # The keys of the panel's focused field or table in the footer of the first
        # layout (Textual's footer adds them after the first drawing).
        await self.query_one(KeyFooter).show_keys()
        self.set_interval(1.0, self._tick)
        # The session's state lives as long as the screen: full collections leave it
        # alone and come less often (room.collect_less), until the screen closes.
        collect_less()
        self._collecting_less = True
        self.call_after_refresh(collector.resume)  # the app paused it as it started
        self.call_after_refresh(stylesheet_cache.keep, self.app)
        if self.live.finished and not self.live.locked:
            # Opening a finished session to look at it must not change it (a step key
            # once recorded a step entered weeks after the end).
            self.notify(t("This session is finished: it is open read-only. {reopen} reopens "
                          "it; the findings ({findings}) can still be written.",
                          reopen=key_name("ctrl+o"), findings=key_name("ctrl+f")), timeout=8)
        else:
            self._say_clock_paused()

    def _say_clock_paused(self) -> None:
        """A session resumed mid-step: closing it paused the step's clock, and it stays
        paused (the time until the group is back is not the step's; reopening may only
        be to look). Said, with the key that starts it, so the step is not left untimed."""
        step = self.state.step()
        if self.live.readonly or step is None or step.running_since or step.elapsed <= 0:
            return
        self.notify(t("This step's clock is paused at {time}: {key} starts it again.",
                      time=clock_text(step.elapsed), key=key_name("f5")), timeout=10)

    def _start_fresh(self) -> None:
        """A session opened for the first time enters its first step, whose clock starts
        (unless clocks are manual): the room begins when the run screen opens."""
        state, step = self.state, self.state.step()
        if self.live.readonly or state.finished or step is None or step.entered_at:
            return
        if self.live.record("step_entered", step=step.index) is not None and state.auto_clock:
            self.live.record("timer_started", step=step.index)

    WRITES = frozenset({"note", "quote", "timer", "undo", "redo", "save_copy", "room"})

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "reopen":  # only a finished session this window may write
            return self.live.finished and not self.live.locked
        # A read-only look offers no key that would only be refused.
        return not (self.live.readonly and action in self.WRITES)

    # ---- drawing ------------------------------------------------------------------
    async def _show_step(self, anew: bool = False) -> None:
        """Put the current step's panel and text on screen (``anew``: a new panel even
        for the same step, as when the session is finished or reopened)."""
        ahead = self._ahead
        if ahead is not None and not ahead.is_finished:
            # The next panel being made ahead: finished first (this may be its step),
            # without waiting for its layout out of sight: that needs this screen's turn,
            # which this is.
            self._ahead_hurry = True
            if self._ahead_layout is not None and not self._ahead_layout.done():
                self._ahead_layout.set_result(None)
            await self._making_over(ahead)
        step = self.state.step()
        if step is None or (not anew and self._panel is not None
                            and self._panel.step.index == step.index
                            and self._panel.step.kind == step.kind):
            self._redraw()
            return
        self.live.open_step(step)  # a vote step's vote, before its panel shows it
        if anew:  # read-only or writable from now on: no panel made for the other way
            for kept in self._kept.values():
                await kept.remove()
            self._kept.clear()
        view_class = view_for(step.kind)
        old = self._panel
        panel = self._kept.pop(step.index, None)
        if panel is not None and _script_part(panel.step) != _script_part(step):
            await panel.remove()  # the script changed under it
            panel = None
        main = self.query_one("#run-main")
        if panel is None:
            width = main.size.width or self._main_width()
            panel = view_class(self.live, step, classes="step-panel", width_hint=width)
            panel.focus_at_once = True  # focused below, once mounted
            panel.fit_width(width)
            self._sizing = panel  # until the layout that sizes it: see _refresh_layout
            # Hidden until the old one goes and the text is the step's (below): a layout
            # while it mounts or the text changes (the clock's, on a busy machine) would
            # size it beside the old one, and the text, or the old panel hidden, then asked
            # for another layout of the whole screen.
            panel.display = False
            # Before the panels kept hidden: the one on view is the first one found.
            await main.mount(panel, before=old)
            if self.live.readonly:
                panel.hide_entry_fields()
        elif old is not None:
            # A step seen before: its panel was kept, hidden, and is shown again as it was
            # left, brought up to date below (making it anew was most of a step change).
            main.move_child(panel, before=old)
        guide = self.query_one("#run-guide", GuideText)
        absent = self._guide_absent(step)
        guide.set_class(absent, "-absent")
        # Where the panel shows the text itself, the hidden guide would draw it a second
        # time (Textual's Markdown takes seconds for a long step).
        await guide.update("" if absent else visible(step.body))
        guide.scroll_home(animate=False)
        self._panel = panel
        if old is not None and anew:
            await old.remove()  # made for the other way too: never shown again
        elif old is not None:
            old.display = False
            self._kept[old.step.index] = old
        panel.display = True
        self._redraw()
        panel.refresh_state()
        panel.made_ahead = False  # shown: from now on its cursor is the facilitator's
        entry = panel.entry_widget()
        if entry is not None:
            # At once, not through the app's queue as Widget.focus does: as the screen
            # opens, the app reads its queue only once the screen is drawn, and the
            # focused table or field (and the footer's keys for it) were drawn a second
            # time.
            self.set_focus(entry)
        early, panel.focused_early, panel.focus_at_once = panel.focused_early, None, False
        if early is not None and early is not self.focused:
            early.has_focus = False  # styled focused as it was made, and not focused
        self._plan_ahead()

    # A panel made as its step shows (F8 before the next one was made ahead) is sized by
    # the layout that shows it; as each new widget is told its size, it sets its virtual
    # size, which asks for another layout although nothing depends on it but its own
    # scrollbars (as at the screen's first layout, SizedScreen._refresh_layout): that
    # second layout of the whole screen came once the widgets were next idle, with its
    # drawing. A widget whose scrollbars came or went, or that asks afterwards (on its
    # Resize), is laid out again as usual. This holds for every layout until the one that
    # gives the panel its size: on a busy machine another layout (the clock, the footer)
    # can come while the panel is being mounted, and taking that one for the panel's left
    # the panel's widgets asking again (test_..._laid_out_once failed 2 in 13 under load).
    _sizing: StepView | None = None

    def _refresh_layout(self, size=None, scroll: bool = False) -> None:
        panel = None if scroll else self._sizing
        if panel is None or not self._laid_out:
            if panel is not None:
                self._sizing = None  # the screen's first layout has its own rule
            super()._refresh_layout(size, scroll)
            return
        fresh, bars = [], []
        for widget in self.walk_children(Widget):
            # What any widget asked for until now (the step's text changed, the old panel
            # hidden), this layout of the whole screen takes in: asked again from its next
            # idle, it was one more (what it asks as it is laid out still counts). Its
            # containers forget how they were arranged, as that idle would have had them:
            # else they keep their old arrangement (the guide kept the last step's height
            # when its text's request was still waiting here, on a busy machine).
            if widget._layout_required:
                widget._layout_required = False
                _rearrange_around(widget)
            if widget._is_mounted and not widget._size:
                fresh.append(widget)
                bars.append(widget.scrollbars_enabled)
        super()._refresh_layout(size, scroll)
        for widget, before in zip(fresh, bars, strict=True):
            if widget._size and widget.scrollbars_enabled == before:
                widget._layout_required = False
        if panel.size or not panel.is_attached:
            self._sizing = None

    # ---- the next step's panel, made ahead ----------------------------------------
    # Once the facilitator has been on a step this long with nothing changing (a key that
    # changed something, a phone's entry), the next step's panel is made, laid out out of
    # sight, then hidden and kept as the panel of a step seen before is kept: F8 then
    # shows it, brought up to date, instead of making it then (its module, compose,
    # styles, first computation and the three layouts of new widgets were most of a
    # first visit). A change meanwhile starts the wait again. The making is a task of its
    # own, never the screen's turn (keys reach their field through the screen's queue),
    # and yields between its parts; a step change asked for meanwhile waits for it, then
    # uses it. It comes before the rows of the step on view past its first screenful
    # (FILL_AFTER later): those show only as the facilitator scrolls, and a move there
    # adds them at once, while F8 may come at any time.
    AHEAD_AFTER = 0.2

    def _plan_ahead(self) -> None:
        if self._ahead_timer is not None:
            self._ahead_timer.reset()
        elif self._step_ahead() is not None:
            self._ahead_timer = self.set_timer(self.AHEAD_AFTER, self._ahead_due)

    def _ahead_due(self) -> None:
        self._ahead_timer = None
        if self._step_ahead() is not None and self._ahead is None:
            # Not hurried yet: said here, as the making is asked for, never in the making
            # itself. Its task may start only after a step change has asked it to hurry
            # and is waiting for it (a timer's callback and the screen's turn can come in
            # the same round): reset then, the hurry was lost, the making waited for a
            # layout that needs the screen's turn, and the screen waited for the making,
            # for ever (ctrl+q could not quit either).
            self._ahead_hurry = False
            self._ahead = self.run_worker(self._build_ahead(), group="ahead")

    def _step_ahead(self) -> Step | None:
        """The step after the one on view, when its panel is still to be made."""
        state, panel = self.state, self._panel
        index = state.current_step + 1
        if (panel is None or panel.step.index != state.current_step or not self.is_attached
                or self._session_ended or index >= len(state.steps) or index in self._kept):
            return None
        return state.steps[index]

    # The longest a step change waits for the making. It needs only a moment once
    # hurried; something it waits on that cannot come while the screen waits for it (as
    # its hurry once got lost) must not freeze the screen and keep ctrl+q from quitting:
    # the making is then given up and the step's panel made at once, as without it.
    AHEAD_WAIT = 3.0

    async def _making_over(self, ahead: Worker) -> None:
        waiting = asyncio.ensure_future(ahead.wait())
        done, _pending = await asyncio.wait({waiting}, timeout=self.AHEAD_WAIT)
        if not done:
            log.warning("the next step's panel made ahead did not finish: given up")
            ahead.cancel()
            await asyncio.wait({waiting}, timeout=1.0)
        if waiting.done():
            with suppress(WorkerError, asyncio.CancelledError):
                waiting.result()
        else:
            waiting.cancel()

    async def _build_ahead(self) -> None:
        panel: StepView | None = None
        try:
            step = self._step_ahead()
            if step is None:
                return
            main = self.query_one("#run-main")
            width = main.size.width or self._main_width()
            panel = view_for(step.kind)(self.live, step, classes="step-panel",
                                        width_hint=width)
            panel.made_ahead = True
            panel.fit_width(width)
            height = self._ahead_height(step)
            offstage = bool(height and main.size.width)
            if offstage:
                # Laid out where no one sees it, the size it will have: its widgets get
                # their sizes, scrollbars and rows now, and showing it is one layout of
                # the screen, as for a panel kept from before (a first show was three:
                # the new widgets' sizes, their virtual sizes, the scrollbars).
                panel.offstage = True
                # (An overlay: the panel on view keeps all its height.)
                styles = panel.styles
                styles.overlay = "screen"
                styles.position = "absolute"
                styles.offset = (0, self.app.size.height + 1)
                styles.height = height
            else:
                panel.display = False
            await main.mount(panel)
            if panel.closing:  # the app quit or the screen closed meanwhile
                return
            if self.live.readonly:
                panel.hide_entry_fields()
            panel.refresh_state()  # its first computation now, not as it shows
            if offstage:
                await self._ahead_laid_out()
                if panel.closing:
                    return
                panel.display = False
                panel.offstage = False
                styles = panel.styles
                for rule in ("overlay", "position", "offset", "height"):
                    styles.clear_rule(rule)
            # (A step change waits for this task: nothing else moved meanwhile.)
            self._kept[step.index] = panel
        except asyncio.CancelledError:
            # Given up by a step change (AHEAD_WAIT), or the screen closing: the panel
            # half made goes (with the screen, when that closes).
            if panel is not None and not panel.closing:
                panel.remove()
            raise
        finally:
            self._ahead = None

    def _ahead_height(self, step: Step) -> int:
        """The height ``step``'s panel will get: the panel on view's, less or more the
        facilitator's text above it where that comes or goes (0: not known yet)."""
        panel = self._panel
        if panel is None or not panel.size.height:
            return 0
        guide = self.query_one("#run-guide")
        if self._guide_absent(step) and guide.display:
            return panel.size.height + guide.outer_size.height
        # A text of its own: as tall as the one on view, as when both are capped by their
        # max-height (else the layout as the panel shows puts its height right).
        return panel.size.height

    @staticmethod
    def _guide_absent(step: Step) -> bool:
        return getattr(view_for(step.kind), "SHOWS_BODY", False) or not step.body.strip()

    async def _ahead_laid_out(self) -> None:
        """Until the screen has laid out what was mounted: its first layout sizes the new
        widgets, whose new virtual sizes and scrollbars ask for another."""
        for _round in range(3):
            if self._ahead_hurry:
                return
            done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._ahead_layout = done
            self.call_after_refresh(lambda done=done: done.done() or done.set_result(None))
            await done
        self._ahead_layout = None

    def _main_width(self) -> int:
        """The width the step's panel gets: the screen's, less the side column's (known
        from the styles before the first layout)."""
        width = self.app.size.width
        columns = self.query_one("#run-body").styles.grid_columns
        rule = columns[0] if columns else None
        if rule is None or rule.is_auto or rule.is_fraction:
            return 0  # not known before the layout: the panel waits for its own size
        return max(0, width - int(rule.resolve(self.app.size, self.app.size)))

    def _redraw(self) -> None:
        state, at = self.state, now()
        step = state.step()
        where = t("Step {n} of {total}: {title}", n=state.current_step + 1,
                  total=len(state.steps), title=step.title if step else "")
        extra = (f"[{t('read-only')}]  " if self.live.locked else
                 f"[{t('finished: read-only')}]  " if self.live.finished else "")
        # What the session allows first, then the step: at 80 columns a long step title
        # cut it ("[terminada: solo lectu…"); with a long session title, what gets cut
        # is the title.
        bar = self.query_one(RunBar)
        bar.show_where(f"{extra}{where} · {state.title}")
        self.query_one(Agenda).show(state, at)
        self.query_one(People).show(state, t)
        bar.show_clock(step, at, t)

    def _tick(self) -> None:
        step = self.state.step()
        if step is not None and step.running_since:
            at = now()
            self.query_one(RunBar).show_clock(step, at, t)
            self.query_one(Agenda).show(self.state, at)
        self._check_file()

    def _check_file(self) -> None:
        """A session file moved or deleted under us: say so while nothing is lost yet."""
        store = self.live.store
        if store is None or self.live.locked or self._file is None:
            return
        if _file_id(store.path) != self._file:
            self._show_banner(t("The session file {path} was moved or deleted. Nothing is "
                                "lost yet: save a copy (F9) to go on.", path=store.path))

    def _show_banner(self, message: str) -> None:
        """The banner above the guide, made the first time it is needed (three widgets
        every start made, styled and hid for a file that almost never goes missing)."""
        for banner in self.query("#run-banner").results():
            banner.query_one("#run-banner-text", Plain).update(message)
            banner.display = True
            return
        from workshop.tui.widgets.banner import FileBanner

        self.query_one("#run-main").mount(FileBanner(message, id="run-banner"),
                                          before="#run-guide")

    # ---- what the live session reports ----------------------------------------------
    def _changed(self, event: Event) -> None:
        self._plan_ahead()
        if from_phone(event):
            # Phones send in bursts: the entries that came meanwhile are drawn together,
            # after each phone has its answer (the room never waits on the screen). A
            # redraw draws only what changed, so none waits for a minimum interval.
            if not self._phone_redraw:
                self._phone_redraw = True
                self.call_later(self._redraw_for_phones)
            return
        if event.kind == "step_entered":
            self.call_later(self._show_step)  # mounting the new panel waits for the screen
            return
        if event.kind in ("session_finished", "session_reopened"):
            # Read-only or writable from now on: a panel made for the other way, new keys.
            self.refresh_bindings()
            self.call_later(self._show_step, True)
            return
        self._redraw()
        # The clock is the shell's: a panel has nothing to redraw when it starts or stops.
        if self._panel is not None and event.kind not in ("timer_started", "timer_paused"):
            self._panel.refresh_state()

    # After phones' entries the step's panel (where the entries show) is drawn at once,
    # the side (who said how much, the agenda) at most once a second: drawing it took as
    # long as the panel itself, and with fifteen phones sending, the two together kept
    # the event loop busy for half the time the facilitator's keys had to wait on.
    SIDE_EVERY = 1.0

    def _redraw_for_phones(self) -> None:
        self._phone_redraw = False
        if self._panel is not None:
            self._panel.refresh_state()
        if self._side_timer is None:
            wait = self._side_at + self.SIDE_EVERY - time.monotonic()
            if wait <= 0:
                self._redraw_side()
            else:
                self._side_timer = self.set_timer(wait, self._redraw_side)

    def _redraw_side(self) -> None:
        self._side_timer = None
        self._side_at = time.monotonic()
        self._redraw()

    def _room_changed(self) -> None:
        """The room opened or closed, a seat was taken or freed, an entry came: the bar's
        line about it, and the room's own screen if it is on top."""
        bar = next(self.query(RunBar).results(), None)
        if bar is None:  # the screen is going
            return
        room = self.room.room
        if room is None:
            self._room_line = None
            bar.show_room(None)
        else:
            waiting = len(pending(self.state))
            phones = len(room.seats.taken())
            text = t.plural(phones, "Room: {n} phone", "Room: {n} phones")
            if waiting:
                text += " · " + t.plural(waiting, "{n} waits (F10)", "{n} wait (F10)")
            if text != self._room_line:  # told of every entry
                self._room_line = text
                bar.show_room(text)
        from workshop.tui.screens.room import RoomScreen

        if self.app.screen_stack and isinstance(self.app.screen, RoomScreen):
            self.app.screen.refresh_lists()

    def action_room(self) -> None:
        from workshop.tui.screens.room import RoomScreen

        if self.live.readonly:
            self.notify(t("This session is open read-only."), severity="warning")
            return
        self.app.push_screen(RoomScreen(self.room))

    async def close_room(self) -> None:
        await self.room.stop()

    def _close_room_asking(self) -> None:
        """The palette's "Close the room": asked as the room screen's c asks."""
        from workshop.tui.screens.room import close_room_asking

        self.run_worker(close_room_asking(self.app, self.room), exit_on_error=False)

    async def on_unmount(self) -> None:
        await self.close_room()
        if self._collecting_less:
            self._collecting_less = False
            collect_as_before()

    def _refused(self, message: str, severity: SeverityLevel) -> None:
        self.notify(message, severity=severity, markup=False,
                    timeout=8 if severity == "error" else 5)
        if severity == "error" and self.live.save_error is not None:
            self._show_banner(str(self.live.save_error))

    # ---- actions ---------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.state.steps):
            return
        if self.live.readonly:  # a reader moves through steps without writing
            self.live.look_at_step(index)
            self.call_later(self._show_step)
            return
        if index == self.state.current_step:
            return
        hidden = self._hidden_vote_here()
        if hidden is not None:
            self._ask_before_leaving(hidden, index)
            return
        self._enter(index)

    def _enter(self, index: int) -> None:
        step = self.state.step()
        running = step is not None and step.running_since is not None
        # The step's clock starts as the step is entered (unless clocks are manual, and
        # then a running clock goes on running, on the new step).
        if self.live.record("step_entered", step=index) is not None and (
                running or self.state.auto_clock):
            self.live.record("timer_started", step=index)

    def _hidden_vote_here(self) -> VoteRound | None:
        step = self.state.step()
        rnd = self.state.round_for_step(step.index) if step is not None else None
        return rnd if rnd is not None and rnd.blind and not rnd.revealed else None

    def _ask_before_leaving(self, rnd: VoteRound, index: int) -> None:
        """A blind vote left unrevealed counts nowhere and the report says it was never
        revealed: ask first. Enter stays (the safe answer); r reveals it and goes on."""
        from workshop.tui.screens.confirm import LEAVE_HIDDEN_VOTE, ChoiceScreen

        cast = sum(n for (rid, _, _), n in self.state.votes.items() if rid == rnd.rid)
        question = t.plural(cast, "This vote is not revealed yet ({n} dot cast, still "
                                  "hidden). Left hidden, its dots count nowhere and the report "
                                  "says it was never revealed.",
                            "This vote is not revealed yet ({n} dots cast, still hidden). Left "
                            "hidden, its dots count nowhere and the report says it was never "
                            "revealed.")

        def answered(choice: str | None) -> None:
            if choice == "reveal":
                if self.live.record("votes_revealed", rid=rnd.rid) is None:
                    return
            elif choice != "leave":
                return
            self._enter(index)

        self.app.push_screen(ChoiceScreen(question, LEAVE_HIDDEN_VOTE, default="stay"), answered)

    def action_next_step(self) -> None:
        if self.state.current_step + 1 >= len(self.state.steps):
            self.notify(t("This is the last step."), timeout=3)
            return
        self.go_to(self.state.current_step + 1)

    def action_previous_step(self) -> None:
        if self.state.current_step == 0:
            self.notify(t("This is the first step."), timeout=3)
            return
        self.go_to(self.state.current_step - 1)

    # ---- the guide's focus ---------------------------------------------------------
    # Tab passes through the facilitator's text so that its arrows and Page keys scroll
    # it, but a digit, a letter or a panel's key (Ctrl+L) typed there did nothing and
    # said nothing. Such a key now takes the cursor back to where it was in the panel
    # and acts there, as if Tab had never left it; Escape only takes it back.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        panel = self._panel
        if panel is not None and panel in event.widget.ancestors:
            self._panel_focus = event.widget

    def on_key(self, event: events.Key) -> None:
        focused = self.focused  # the guide scrolls itself: nothing in it takes the focus
        if focused is None or focused.id != "run-guide" or self._panel is None:
            return
        if event.key in self.active_bindings:
            return  # the guide's scrolling, Tab, and the screen's and app's keys
        back = self._panel_focus
        if back is None or not back.is_attached or self._panel not in back.ancestors \
                or not back.focusable:
            back = self._panel.entry_widget()
        if back is None:
            return
        event.stop()
        event.prevent_default()
        self.set_focus(back)
        if event.key != "escape":
            again = events.Key(event.key, event.character)
            # From the app, as the terminal's keys are: a key sent by the screen would
            # stop on its way back up at the screen, before the panel's bindings.
            again.set_sender(self.app)
            self.app.post_message(again)

    def on_agenda_step_chosen(self, message: Agenda.StepChosen) -> None:
        self.go_to(message.index)

    def action_timer(self) -> None:
        step = self.state.step()
        if step is None:
            return
        kind = "timer_paused" if step.running_since else "timer_started"
        self.live.record(kind, step=step.index)

    def action_undo(self) -> None:
        store = self.live.store
        if self.live.readonly or store is None:
            self.notify(t("This session is open read-only."), severity="warning")
            return
        try:
            target = store.last_undoable()
        except WorkshopError as exc:  # an older event, read only now, is damaged
            self.notify(str(exc), severity="error", markup=False)
            return
        if target is None:
            self.notify(t("There is nothing to undo."), timeout=3)
            return
        what = describe(target, self.state)
        if self.live.undo() is not None:
            if target.kind == "entry_deleted":  # named once the undo has put it back
                what = describe(target, self.state)
            self.notify(t("Undone: {what}", what=what), markup=False, timeout=4)

    def action_redo(self) -> None:
        store = self.live.store
        if self.live.readonly or store is None:
            return
        try:
            redoable = store.last_redoable()
        except WorkshopError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if redoable is None:
            self.notify(t("There is nothing to redo."), timeout=3)
            return
        if self.live.redo() is not None:
            self.notify(t("Redone."), timeout=3)

    def action_note(self, kind: str = "note") -> None:
        from workshop.tui.screens.note import NoteScreen

        if self.live.readonly:
            self.notify(t("This session is open read-only."), severity="warning")
            return
        step = self.state.step()
        mid = self._panel.current_mid if self._panel is not None else None
        self.app.push_screen(NoteScreen(self.live, kind, step.index if step else None, mid))

    def action_quote(self) -> None:
        self.action_note("quote")

    def action_participants(self) -> None:
        from workshop.tui.screens.participants import ParticipantsScreen

        if self.live.readonly:
            self.notify(t("This session is open read-only."), severity="warning")
            return
        self.app.push_screen(ParticipantsScreen(self.live))

    def action_finish(self) -> None:
        """Finish the session, once the facilitator confirms: from then on it opens
        read-only, and the report no longer calls it unfinished."""
        from workshop.tui.screens.confirm import FINISH_SESSION, ConfirmScreen

        if self.live.readonly:
            return
        question = t("Finish the session? From then on it opens read-only: the findings "
                     "({key}) can still be written, and reopening it is recorded.",
                     key=key_name("ctrl+f"))

        def answered(yes: bool | None) -> None:
            if yes:
                self._record_quietly("session_finished")

        self.app.push_screen(ConfirmScreen(question, FINISH_SESSION), answered)

    def action_reopen(self) -> None:
        """A finished session changed again: asked first, and recorded in the file."""
        from workshop.tui.screens.confirm import REOPEN_SESSION, ConfirmScreen

        if not self.live.finished or self.live.locked:
            return
        question = t("This session finished on {when}. Reopen it to change it? The file "
                     "records that it was reopened, and the report calls it unfinished "
                     "until it is finished again.", when=_day_and_time(self.state.finished_at))

        def answered(yes: bool | None) -> None:
            if yes:
                self._record_quietly("session_reopened")

        self.app.push_screen(
            ConfirmScreen(question, REOPEN_SESSION), answered)

    def _record_quietly(self, kind: str) -> None:
        if self.live.record(kind) is not None:
            self.notify(t("The session is finished.") if kind == "session_finished"
                        else t("The session is reopened."), timeout=4)

    def action_findings(self) -> None:
        from workshop.tui.screens.findings import FindingsScreen

        self.app.push_screen(FindingsScreen(self.live), lambda _: self._redraw())

    def action_toggle_guide(self) -> None:
        guide = self.query_one("#run-guide")
        if guide.has_class("-absent"):
            self.notify(t("This step has no separate facilitator text."), timeout=3)
            return
        guide.toggle_class("-hidden")

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen, sections_for

        self.app.push_screen(HelpScreen(sections_for(self, self._panel)))

    def action_save_copy(self) -> None:
        from workshop.tui.screens.save_copy import SaveCopyScreen

        if self.live.store is None or self.live.readonly:
            return
        self.app.push_screen(SaveCopyScreen(self.live.store), self._switch_store)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run-save-copy":
            event.stop()
            self.action_save_copy()

    def _switch_store(self, store: Store | None) -> None:
        """Go on writing into the copy: the old file is gone or cannot be written."""
        if store is None:
            return
        old, self.live.store = self.live.store, store
        self.live.save_error = None
        self._file = _file_id(store.path)
        try:
            if old is not None:
                old.close()
        except Exception:  # the old file is broken anyway; the copy holds everything
            pass
        for banner in self.query("#run-banner"):
            banner.display = False
        self.notify(t("Saving into {path} from now on.", path=store.path), markup=False,
                    timeout=8)

    def action_copy_summary(self) -> None:
        from workshop.tui.clipboard import copy_text

        self.notify(copy_text(self.app, hooks.summary_text(self.state)), timeout=4)

    def action_export(self) -> None:
        if self.live.store is not None:
            hooks.export_report(self.app, self.live.store.path, self.state, self.go_to)

    def action_toggle_clocks(self) -> None:
        mode = "manual" if self.state.auto_clock else "auto"
        if self.live.record("session_edited", clocks=mode) is not None:
            self.notify(t("Clocks start as each step is entered.") if mode == "auto" else
                        t("Clocks start only with F5."), timeout=4)

    def action_close_session(self) -> None:
        self.end_session()
        self.dismiss()

    # ---- closing -----------------------------------------------------------------------
    def typed_lines(self) -> list[str]:
        """What a quit would lose unsaid: a line typed on the step and not added yet (or on
        a step left with F8, its panel kept with the line in it), and a note left with
        Escape (the app asks before quitting)."""
        if self.live.readonly:
            return []
        panels = [self._panel] if self._panel is not None else []
        lines = [line for panel in panels + list(self._kept.values())
                 for line in panel.typed_lines()]
        draft = self.live.note_draft
        if draft is not None and draft["text"].strip():
            lines.append(draft["text"])
        return lines

    def end_session(self) -> None:
        """Pause a running timer and release the file. Safe to call twice."""
        if self._session_ended:
            return
        self._session_ended = True
        if self._ahead_timer is not None:  # no next panel made as the screen closes
            self._ahead_timer.stop()
            self._ahead_timer = None
        if self.room.open:  # its links stop working with the session
            self.run_worker(self.close_room(), exit_on_error=False)
        step = self.state.step()
        if step is not None and step.running_since and not self.live.readonly:
            self.live.record("timer_paused", step=step.index)
        if self.live.store is not None:
            self.live.store.close()

    # ---- the command palette ---------------------------------------------------------
    def palette_commands(self) -> list[Command]:
        state = self.state
        step = state.step()
        running = bool(step and step.running_since)
        commands: list[Command] = [
            (t("Next step"), t("Go to the next step of the script"), self.action_next_step),
            (t("Previous step"), t("Go back one step"), self.action_previous_step),
            (t("Pause the timer") if running else t("Start the timer"),
             t("The timer of the current step"), self.action_timer),
            (t("Undo the last change"), t("Cancel the latest entry or change"), self.action_undo),
            (t("Redo"), t("Bring back what the last undo took away"), self.action_redo),
            (t("Add a note"), t("A note tied to this step"), self.action_note),
            (t("Add a verbatim quote"), t("A participant's own words"), self.action_quote),
            (t("Findings"), t("The consultant's synthesis: findings resting on picked "
                              "evidence, and the insights marked"), self.action_findings),
            (t("Clocks: start with F5 only") if state.auto_clock else
             t("Clocks: start as each step is entered"),
             t("Now: each step's clock starts as the step is entered") if state.auto_clock else
             t("Now: a step's clock starts only with F5"), self.action_toggle_clocks),
            (t("Help: every key"), t("List the keys of this screen and step"), self.action_help),
            (t("Show or hide the facilitator text"), t("More room for the step's panel"),
             self.action_toggle_guide),
            (t("Copy a summary of the session"), t("Plain text for an e-mail"),
             self.action_copy_summary),
            (t("Save a copy as…"), t("Go on in a new file (disk full, file moved)"),
             self.action_save_copy),
            (t("Close the session"), t("Pause the timer and close the file"),
             self.action_close_session),
            (t("The room: phones and the projector") if self.room.open else
             t("Open the room"),
             t("Its QR code, the seats and what phones sent") if self.room.open else
             t("Participants join from their own phones on this network"),
             self.action_room),
        ]
        if not self.live.readonly:
            commands.append((t("Participants…"), t("Put a name right, add a latecomer, "
                                                   "record consent"), self.action_participants))
            commands.append((t("Finish the session"), t("The session is over: from then on "
                                                        "it opens read-only"),
                             self.action_finish))
        elif self.live.finished and not self.live.locked:
            commands.append((t("Reopen the session"), t("Change a finished session again "
                                                        "(recorded in the file)"),
                             self.action_reopen))
        for st in state.steps:
            commands.append((t("Go to step {n}: {title}", n=st.index + 1, title=st.title),
                             t.plural(plural_count(st.minutes), "{minutes} minute planned",
                                      "{minutes} minutes planned",
                                      minutes=short_number(st.minutes, t)),
                             partial(self.go_to, st.index)))
        if hooks.export_available():
            commands.append((t("Export the report"), t("A Word report of this session"),
                             self.action_export))
        if self.room.open:
            commands.append((t("Close the room"), t("Phones and the projector are sent away; "
                                                   "their links stop working"),
                             self._close_room_asking))
        if self.live.readonly:
            writes = {self.action_timer, self.action_undo, self.action_redo, self.action_note,
                      self.action_quote, self.action_save_copy, self.action_toggle_clocks,
                      self.action_room}
            commands = [c for c in commands if c[2] not in writes]
        return commands


def _day_and_time(at: str | None) -> str:
    """When something happened, the language's way (14 October 2026 at 17:20; 14 de
    octubre de 2026 a las 17:20), read aloud as easily as on screen."""
    try:
        moment = local_time(at or "")
    except (TypeError, ValueError):
        return local_text(at or "")
    return t("{date} at {time}", date=long_date(moment.date()), time=f"{moment:%H:%M}")


def _rearrange_around(widget: Widget) -> None:
    """What Textual does to a widget's containers as it takes up the widget's request for
    a layout (``Widget._check_refresh``): each, up to the first whose size does not
    depend on what it holds, arranges its children anew at the next layout."""
    for ancestor in widget.ancestors:
        if not isinstance(ancestor, Widget):
            break
        ancestor._clear_arrangement_cache()
        ancestor._layout_updates += 1
        if not ancestor.styles.auto_dimensions:
            break
