"""Replay: a past session on a timeline, read-only, with the live screen's own panels.

The board is ``Timeline.state_at(position)`` handed to the step panels through a
read-only ``LiveSession``; moving in time only changes that state and asks the panels
to redraw, so what shows at any point is what the live screen showed then.

Entry points: ``ReplayScreen(path)`` (the home screen pushes it; it reads the file
itself, without a lock) and ``make_replay_app(path)`` / ``run_replay(path)`` for
``workshop replay FILE``.
"""

from __future__ import annotations

import bisect
import copy
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Input, Select, Sparkline, TextArea

from workshop.core.events import parse_time
from workshop.core.kinds import registry
from workshop.core.limits import count_text
from workshop.core.search import Query, SearchError, parse_query
from workshop.core.state import SessionState
from workshop.core.timeline import EventInfo, Timeline, format_idle, format_offset, load_events
from workshop.core.tracked import Tracked
from workshop.i18n import current_language, set_language, t
from workshop.tui import collector, stylesheet_cache
from workshop.tui.keys import _
from workshop.tui.live import LiveSession
from workshop.tui.plain import Plain, plain, safe_text
from workshop.tui.room import collect_as_before, collect_less
from workshop.tui.steps import view_for
from workshop.tui.steps.base import StepView
from workshop.tui.widgets.agenda import Agenda
from workshop.tui.widgets.clock import StepClock
from workshop.tui.widgets.entry_field import EntryField
from workshop.tui.widgets.flat import Flat, FlatHorizontal, FlatVertical
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.people import People

SPEEDS = (1, 10, 60)
TICK = 0.1  # seconds between two playback frames
MATCH = "bold black on yellow"  # a search's words in the list of events
# Keys bound with priority (a panel's focused table would take them) that a search being
# typed must have instead: a space, a digit, a full stop or a "j" is part of the words.
TYPED = frozenset({"play", "speed", "step", "jump_step", "minutes", "ends", "journey_map"})


def category_label(category: str) -> str:
    return registry.category_label(category, t)


def describe(info: EventInfo, timeline: Timeline, state: SessionState) -> str:
    """A few words on what one event did (moments named as on the board ``state``)."""
    return timeline.says(info.event, state)


def _neighbour(positions: list[int], at: int, delta: int) -> int | None:
    """The first of the sorted ``positions`` after ``at`` (``delta`` > 0) or the last
    before it; None when there is none that way."""
    if delta > 0:
        i = bisect.bisect_right(positions, at)
        return positions[i] if i < len(positions) else None
    i = bisect.bisect_left(positions, at) - 1
    return positions[i] if i >= 0 else None


# ---- widgets of the timeline ---------------------------------------------------------


class Scrubber(Widget):
    """The whole session on one line: step numbers and vote dots above, the playhead on
    the bar, and the filtered events as ticks below. A click seeks there."""

    COMPONENT_CLASSES = {"scrubber--step", "scrubber--vote", "scrubber--played",
                         "scrubber--rest", "scrubber--head", "scrubber--tick",
                         "scrubber--jump"}
    JUMP = "≈"  # an idle stretch left out of the bar, as a break in a chart's axis

    class Seek(Message):
        def __init__(self, seconds: float):
            super().__init__()
            self.seconds = seconds

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.timeline: Timeline | None = None
        self.seconds = 0.0
        self.ticks: list[float] = []
        self._marks_cache: tuple[Timeline, int, list[str], list[str]] | None = None
        self._lines: dict[int, tuple[tuple, Strip]] = {}  # y -> (what it shows, the line)

    def show(self, timeline: Timeline, seconds: float, ticks: list[float]) -> None:
        if timeline is self.timeline and seconds == self.seconds and ticks == self.ticks:
            return  # drawn already (a letter typed that changes no match)
        self.timeline, self.seconds, self.ticks = timeline, seconds, ticks
        self.styles.height = 3 if ticks else 2
        self.refresh()

    def _column(self, seconds: float, width: int) -> int:
        duration = self.timeline.duration if self.timeline else 0.0
        if duration <= 0:
            return 0
        return round(min(max(seconds, 0.0), duration) / duration * (width - 1))

    def _tick_columns(self, width: int) -> set[int]:
        """The columns of ``ticks``, which are in order (the clock never runs back):
        once a tick's column is known, the ticks short of the next column are skipped
        with a bisection, so a search matching most of a long session costs a few
        steps per column, not one per match."""
        ticks, duration = self.ticks, self.timeline.duration if self.timeline else 0.0
        if duration <= 0:
            return {0} if ticks else set()
        columns: set[int] = set()
        k = 0
        while k < len(ticks):
            column = self._column(ticks[k], width)
            columns.add(column)
            # Every tick below this bound rounds to ``column`` at most (the margin is far
            # wider than a float's error); from there on each is placed again.
            bound = (column + 0.5 - 1e-6) * duration / (width - 1)
            k = max(k + 1, bisect.bisect_left(ticks, bound, k))
        return columns

    def _marks_row(self, width: int) -> tuple[list[str], list[str]]:
        """The steps' numbers and the votes' dots at this width: thousands of marks on a
        long session, the same at every redraw (a search redraws at each letter)."""
        assert self.timeline is not None
        cached = self._marks_cache
        if cached is not None and cached[0] is self.timeline and cached[1] == width:
            return cached[2], cached[3]
        marks = [" "] * width
        kinds = [""] * width
        for mark in self.timeline.marks():
            col = self._column(mark.offset, width)
            if mark.kind == "step":
                label = str(self.timeline.events[mark.position - 1].data.get("step", 0) + 1)
                span = range(max(0, col - 1), min(width, col + len(label) + 1))
                if any(kinds[i] == "step" for i in span):
                    continue  # too close to the step before to read: that one shows
                for i, ch in enumerate(label[: width - col]):
                    marks[col + i], kinds[col + i] = ch, "step"
            elif not kinds[col]:
                marks[col], kinds[col] = "•", "vote"
        self._marks_cache = (self.timeline, width, marks, kinds)
        return marks, kinds

    def _rows(self, width: int) -> list[tuple[tuple, Callable[[], Text]]]:
        """Each line: what it depends on, and how to make it."""
        assert self.timeline is not None
        style = {name: self.get_component_rich_style(f"scrubber--{name}")
                 for name in ("step", "vote", "head", "jump", "played", "rest", "tick")}

        def top() -> Text:
            marks, kinds = self._marks_row(width)
            line = Text()
            for ch, kind in zip(marks, kinds, strict=True):
                line.append(ch, style[kind] if kind else "")
            return line

        head = self._column(self.seconds, width)
        jumps = frozenset(self._column(j.offset, width) for j in self.timeline.jumps
                          if j.position > self.timeline.start_position)

        def bar() -> Text:
            line = Text()
            for col in range(width):
                if col == head:
                    line.append("●", style["head"])
                elif col in jumps:
                    line.append(self.JUMP, style["jump"])
                elif col < head:
                    line.append("━", style["played"])
                else:
                    line.append("─", style["rest"])
            return line

        rows: list[tuple[tuple, Callable[[], Text]]] = [
            ((self.timeline, width, style["step"], style["vote"]), top),
            ((width, head, jumps, style["head"], style["jump"], style["played"],
              style["rest"]), bar)]
        if self.ticks:
            columns = frozenset(self._tick_columns(width))

            def ticks() -> Text:
                row = [" "] * width
                for column in columns:
                    row[column] = "▲"
                return Text("".join(row), style["tick"])

            rows.append(((width, columns, style["tick"]), ticks))
        return rows

    def render(self) -> Text:
        width = self.content_size.width
        if self.timeline is None or width < 2:
            return Text("")
        return Text("\n").join(make() for _key, make in self._rows(width))

    def render_line(self, y: int) -> Strip:
        """Each line drawn as ``render`` draws it, and kept until what it shows changes:
        a search's letter changes the ticks at most (the marks row alone was 5 ms of
        Textual's drawing at each one, and a tick row shown or hidden drew all three)."""
        width = self.content_size.width
        if (self.timeline is None or width < 2 or width != self.size.width
                or self.text_selection is not None):
            return super().render_line(y)
        rows = self._rows(width)
        if y >= len(rows):
            return Strip.blank(width, self.visual_style.rich_style)
        depends, make = rows[y]
        key = (depends, self.visual_style)
        kept = self._lines.get(y)
        if kept is not None and kept[0] == key:
            return kept[1]
        # Below y empty lines, as in ``render``: Textual marks each cell with its line.
        alone = Text("\n").join([Text()] * y + [make()])
        line = Visual.to_strips(self, visualize(self, alone, markup=False), width, y + 1,
                                self.visual_style)[y]
        self._lines[y] = (key, line)
        return line

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.timeline is None:
            return
        width = max(2, self.content_size.width)
        self.post_message(self.Seek(offset.x / (width - 1) * self.timeline.duration))


# (current, when, who, what it did, where a search's words are in it)
Row = tuple[bool, str, str, str, list[tuple[int, int]]]


class EventWindow(Plain):
    """The events around the playhead (only those the filters let through)."""

    _rows: list[Row] | None = None

    def show(self, rows: list[Row]) -> None:
        if rows == self._rows:
            return  # shown already (a letter typed that changes no match)
        self._rows = rows
        grid = Table.grid(expand=True, padding=(0, 1, 0, 0))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(no_wrap=True, max_width=14, overflow="ellipsis")
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        for current, when, who, what, spans in rows:
            style = "reverse" if current else ""
            said = Text(what, style=style)  # never markup: the words a search found marked
            for start, end in spans:
                said.stylize(MATCH, start, end)
            grid.add_row(Text("▶" if current else " ", style="bold"), Text(when, style="dim"),
                         plain(who, style or "cyan"), safe_text(said))
        if not rows:
            grid.add_row("", "", "", Text(t("No event matches the filters."), style="dim"))
        self.update(grid)


# ---- the screen ------------------------------------------------------------------------

EVENT_KEYS = Binding.Group(_("Event"), compact=True)
STEP_KEYS = Binding.Group(_("Step"), compact=True)
SPEED_KEYS = Binding.Group(_("Speed"), compact=True)


class ReplayScreen(Flat, Screen):
    """A session file replayed read-only. Dismissed (q) it returns None."""

    CSS_PATH = "replay.tcss"
    AUTO_FOCUS = None
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    # Priority: a focused table or voter row in the step panel would take these keys.
    # The footer's order is what it keeps when short of room (the last keys go first):
    # play, search, the moves and the filters before the map, the findings and the speeds.
    # At 80 columns Spanish kept the speeds and left out "] Paso siguiente".
    BINDINGS = [
        Binding("space", "play", _("short\x04Play / pause"), tooltip=_("Play / pause"),
                priority=True),
        # Early in the list: a researcher's first question of a past session is often
        # where something was said.
        # Not with priority: a field that takes "/" (the filters' type-to-find) has it.
        Binding("slash", "search", _("Search"),
                tooltip=_("Search the text of the events (Enter, n: next match; N: previous; "
                          "Escape closes the search)")),
        # Back and on side by side under one word (",. Event", "[] Step"): each key's
        # own words are its tooltip and on the help screen.
        Binding("comma,shift+left", "step(-1)", _("Previous event"), priority=True,
                group=EVENT_KEYS),
        Binding("full_stop,shift+right", "step(1)", _("Next event"), priority=True,
                group=EVENT_KEYS),
        Binding("left_square_bracket", "jump_step(-1)", _("Step start / previous step"),
                priority=True, group=STEP_KEYS),
        Binding("right_square_bracket", "jump_step(1)", _("Next step"), priority=True,
                group=STEP_KEYS),
        Binding("greater_than_sign", "minutes(1)", _("One minute on"), show=False,
                priority=True),
        Binding("less_than_sign", "minutes(-1)", _("One minute back"), show=False,
                priority=True),
        Binding("ctrl+home", "ends(-1)", _("Start of the session"), show=False, priority=True),
        Binding("ctrl+end", "ends(1)", _("End of the session"), show=False, priority=True),
        Binding("f", "filters", _("Filters")),
        Binding("j", "journey_map", _("Map"), priority=True,
                tooltip=_("The journey map as it stood at this point")),
        Binding("ctrl+f", "findings", _("Findings"),
                tooltip=_("The findings and insights as they stood at this point")),
        # Digits: a panel's own digit keys (ratings) write, and nothing is written here.
        # One item in the footer ("123 Speed"): never "1 1×" kept without the others.
        Binding("1", "speed(1)", "1×", priority=True, group=SPEED_KEYS),
        Binding("2", "speed(10)", "10×", priority=True, group=SPEED_KEYS),
        Binding("3", "speed(60)", "60×", priority=True, group=SPEED_KEYS),
        Binding("l", "toggle_events", _("Show or hide the events"), show=False),
        # Typed into the search line, n and Enter are the line's own; once Enter has left
        # it, they go on from match to match.
        Binding("n,enter", "search_next(1)", _("Next match"), show=False),
        Binding("N", "search_next(-1)", _("Previous match"), show=False),
        Binding("f1", "help", _("Help")),
        # Escape closes the search first, when one is open; then the replay.
        Binding("escape", "close_search", _("Close the search")),
        Binding("q,escape", "close", _("Close")),  # Escape, as on every other screen
    ]

    def __init__(self, path: str | Path, *, names: bool = False, timeline: Timeline | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.path = Path(path)
        self.names = names
        self.timeline = timeline
        self.clock = clock
        self.position = 0
        # Set once the file is read and its first position shown: a key pressed while
        # that is under way (it awaits mounts) would be undone by the first position.
        self.ready = False
        self.playing = False
        self.speed = SPEEDS[0]
        self.play_seconds = 0.0  # the session clock while playing
        self._last_tick = 0.0
        self._ticker: Timer | None = None
        self.live = LiveSession(None, state=SessionState(), readonly=True,
                                on_error=self._refused)
        self._panel: StepView | None = None
        self._matches: list[EventInfo] = []
        self._match_positions: list[int] = []
        self.filters: dict[str, object] = {"pid": None, "mid": None, "category": None}
        self.search_query: Query | None = None  # the search line's words, while it is open
        # (the select boxes' values, the events they let through, their indices)
        self._by_filters: tuple[tuple, list[EventInfo], set[int] | None] | None = None
        self._language = current_language()
        self._collecting_less = False
        self._start: datetime | None = None

    # ---- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="replay-bar"):
            yield Plain(id="replay-where")
            yield StepClock(id="replay-clock", bell=False)
        # Drawn as one line repeated (widgets/flat.py): a search's tick row shown or
        # hidden makes the body a line shorter or taller, and each of these drew again.
        with FlatHorizontal(id="replay-body"):
            with FlatVertical(id="replay-side"):
                yield Agenda(id="replay-agenda")
                yield People(id="replay-people")
            yield FlatVertical(id="replay-main")
        with Vertical(id="replay-timeline"):
            with Horizontal(id="replay-search-bar"):
                # Disabled while hidden: the app's auto-focus would give it the keys.
                # The app's field (widgets/entry_field.py): a letter typed repaints it
                # without laying out the whole screen (Input's did, at every letter), it
                # takes every character typed, and a paste of lines is joined, not cut
                # to its first line.
                yield EntryField(id="replay-search", compact=True, disabled=True)
                yield Plain(id="replay-search-count")
            yield Plain(id="replay-status")
            yield Scrubber(id="replay-scrubber")
            yield Horizontal(id="replay-filters")  # filled once the session is read
            with Horizontal(id="replay-contrib"):
                yield Plain(id="replay-contrib-text")
                yield Sparkline([], id="replay-contrib-curve")
            yield EventWindow(id="replay-events")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#replay-where", Plain).update(t("Opening {path}…", path=self.path))
        self.query_one("#replay-contrib").display = False
        self.call_after_refresh(collector.resume)  # the app paused it as it started
        self.call_after_refresh(stylesheet_cache.keep, self.app)
        if self.timeline is None:
            self._load()
        else:
            self.call_later(self._ready, self.timeline)

    class Loaded(Message):
        def __init__(self, timeline: Timeline | None, problem: str = ""):
            super().__init__()
            self.timeline, self.problem = timeline, problem

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        from workshop.core.errors import WorkshopError

        try:
            timeline = prepare(Timeline(load_events(self.path)))
        except WorkshopError as exc:
            self.post_message(self.Loaded(None, str(exc)))  # post_message is thread-safe
            return
        self.post_message(self.Loaded(timeline))

    async def on_replay_screen_loaded(self, message: Loaded) -> None:
        if message.timeline is None:
            self.app.notify(message.problem, severity="error", markup=False, timeout=8)
            set_language(self._language)
            self.dismiss(None)
            return
        await self._ready(message.timeline)

    async def _ready(self, timeline: Timeline) -> None:
        from workshop.core.places import remember

        self.timeline = timeline
        remember(self.path)  # read: the home screen lists it, wherever it is
        first = timeline.events[0] if timeline.events else None
        lang = first.data.get("lang") if first and first.kind == "session_created" else None
        set_language(lang or self._language)  # the screen speaks the session's language
        self.refresh_bindings()  # the footer may have drawn its keys before the file was read
        self._start = parse_time(timeline.start) if timeline.start else None
        self.query_one("#replay-agenda").border_title = t("Agenda")
        self.query_one("#replay-people").border_title = t("Participants")
        self.query_one("#replay-people").border_subtitle = t("spoken")
        # Made now rather than in compose: their prompts speak the session's language.
        await self.query_one("#replay-filters").mount_all([
            Select([], prompt=t("All participants"), id="filter-pid", compact=True),
            Select([], prompt=t("All moments"), id="filter-mid", compact=True),
            Select([], prompt=t("All kinds"), id="filter-category", compact=True)])
        self._fill_filters(timeline)
        self._apply_filters()
        await self.show_position(timeline.start_position)
        self.ready = True
        # The timeline lives as long as the screen: full collections leave it alone and
        # come less often, as on the run screen (a full one walked a 100,000-event
        # session's objects for about 150 ms, in the middle of a letter typed).
        collect_less()
        self._collecting_less = True
        self._index_words()

    @work(thread=True, group="replay-index")
    def _index_words(self) -> None:
        """Where each word is in the entries, made while nobody searches yet (about
        0.2 s for 100,000 events): the first letter typed finds it made."""
        if self.timeline is not None:
            self.timeline.word_index()

    def on_unmount(self) -> None:
        set_language(self._language)
        if self._collecting_less:
            self._collecting_less = False
            collect_as_before()

    # ---- the board at a position ------------------------------------------------------
    def _board(self, state: SessionState) -> SessionState:
        """The state the panels see: participants by pseudonym unless names are shown."""
        if self.names:
            return state
        board = copy.copy(state)  # a shallow view: the timeline's own state is untouched
        board.participants = Tracked({pid: replace(p, name=None)
                                      for pid, p in state.participants.items()})
        return board

    def _at(self, seconds: float) -> str:
        """The wall-clock time at ``seconds`` on the session's clock (jumps included)."""
        if self._start is None:
            return ""
        wall = self.timeline.wall_offset(seconds) if self.timeline is not None else seconds
        return (self._start + timedelta(seconds=wall)).isoformat(timespec="milliseconds")

    async def show_position(self, position: int, seconds: float | None = None) -> None:
        """Move the board to ``position`` (and the clock to ``seconds`` if playing)."""
        if self.timeline is None:
            return
        position = max(0, min(position, len(self.timeline)))
        self.position = position
        self.live.state = self._board(self.timeline.state_at(position))
        step = self.live.state.step()
        panel = self._panel
        if step is None:  # before the session was created: nothing on the board
            if panel is not None:
                self._panel = None
                await panel.remove()
        elif panel is None or panel.step.index != step.index or panel.step.kind != step.kind:
            await self._mount_panel(step)
        else:
            panel.refresh_state()
        self._redraw(self.timeline.offset_at(position) if seconds is None else seconds)

    async def _mount_panel(self, step) -> None:
        panel = view_for(step.kind)(self.live, step, classes="step-panel")
        main = self.query_one("#replay-main")
        await main.mount(panel)
        old, self._panel = self._panel, panel
        if old is not None:
            await old.remove()
        panel.hide_entry_fields()  # nobody types in a replay
        for area in panel.query(TextArea).results():
            area.read_only = True
        for button in panel.query("Button, ButtonRow").results():
            button.disabled = True
        panel.refresh_state()

    def _redraw(self, seconds: float) -> None:
        timeline, state = self.timeline, self.live.state
        if timeline is None:  # still reading the file
            return
        at = self._at(seconds)
        step = state.step()
        where = t("Step {n} of {total}: {title}", n=state.current_step + 1,
                  total=len(state.steps), title=step.title if step else "")
        self.query_one("#replay-where", Plain).update(
            Text.assemble((f" {t('Replay')} ", "bold reverse"), " ", plain(state.title, "bold"),
                          " · ", plain(where)))
        self.query_one(StepClock).show(step, at, t)
        self.query_one(Agenda).show(state, at)
        self.query_one(People).show(state, t)
        self._show_matches(seconds)
        self._show_contributions()

    def _show_matches(self, seconds: float) -> None:
        """The status line, the scrubber and the list of events: what a letter typed
        into the search changes (the board, its clock and agenda stay as they are)."""
        timeline = self.timeline
        if timeline is None:  # still reading the file
            return
        icon = "▶" if self.playing else "⏸"
        status = Text.assemble(
            (f"{icon} {self.speed}×", "bold"), "  ",
            (format_offset(seconds), "bold"), f" / {format_offset(timeline.duration)}  · ")
        idle = timeline.idle_before(self.position)
        if idle:  # the clock jumped over a break or a reopening: by how much so far
            status.append(f"{Scrubber.JUMP} " + t("{idle} without events left out",
                                                  idle=format_idle(idle)), "bold yellow")
            status.append("  · ")
        status.append(t("event {n} of {total}", n=count_text(self.position),
                        total=count_text(len(timeline))))
        if self.position:
            event = timeline.events[self.position - 1]
            status.append(f" (#{event.id})", style="dim")
        if self.search_query is None and self._filtered():
            # (While a search is on, its line gives the count, filters included: here it
            # said "7 events match the filters" with every filter on "All".)
            n = len(self._matches)
            status.append("  · " + t.plural(n, "{n} event matches the filters",
                                            "{n} events match the filters", n=count_text(n)),
                          style="italic")
        _show(self.query_one("#replay-status", Plain), status)
        ticks = [i.offset for i in self._matches] if self._filtered() else []
        self.query_one(Scrubber).show(timeline, seconds, ticks)
        self._show_events()

    def _filtered(self) -> bool:
        return (self.search_query is not None
                or any(v is not None for v in self.filters.values()))

    def _show_events(self) -> None:
        """The events let through around the playhead; "now" marks the playhead when
        the event it stands on is not one of them."""
        window = self.query_one(EventWindow)
        timeline = self.timeline
        if not window.display or timeline is None:
            return
        height = max(1, window.size.height or 5)
        infos = self._matches
        done = bisect.bisect_right(self._match_positions, self.position)  # those up to now
        on_one = done > 0 and infos[done - 1].position == self.position
        lines: list[EventInfo | None] = list(infos[max(0, done - height):done])
        if not on_one:
            lines.append(None)  # the playhead, between two of them
        here = len(lines) - 1
        lines += infos[done:done + height]
        start = max(0, min(here - height // 2, len(lines) - height))
        state = self.live.state
        jumps = {j.position: j for j in timeline.jumps}
        rows: list[Row] = []
        for i, info in enumerate(lines[start:start + height], start=start):
            if info is None:
                rows.append((True, format_offset(timeline.offset_at(self.position)), "",
                             t("now"), []))
                continue
            jump = jumps.get(info.position)
            if jump is not None:  # the idle stretch before this event, on a line of its own
                rows.append((False, Scrubber.JUMP, "",
                             t("{idle} without events", idle=format_idle(jump.seconds)), []))
            person = state.participants.get(info.pid) if info.pid is not None else None
            who = person.label if person is not None else ""
            said = describe(info, timeline, state)
            # The line may clip the entry: mark what of the words shows.
            query = self.search_query
            spans = query.spans(said, every=False) if query is not None else []
            rows.append((i == here, format_offset(info.offset), who, said, spans))
        # A jump's line may push the rows past the height: keep the current one in view.
        current = next((k for k, row in enumerate(rows) if row[0]), 0)
        first = max(0, min(current - height // 2, len(rows) - height))
        window.show(rows[first:first + height])

    def _show_contributions(self) -> None:
        box = self.query_one("#replay-contrib")
        pid = self.filters["pid"]
        box.display = pid is not None
        if not isinstance(pid, int) or self.timeline is None:  # pids are the filter's values
            return
        mine = self.timeline.contributions(pid)
        so_far = sum(1 for i in mine if i.position <= self.position)
        label = self.live.state.participants.get(pid)
        name = label.label if label else str(pid)
        self.query_one("#replay-contrib-text", Plain).update(
            t.plural(len(mine), "{who}: {so_far} of {n} contribution so far",
                     "{who}: {so_far} of {n} contributions so far", who=name, so_far=so_far))
        curve = self.query_one("#replay-contrib-curve", Sparkline)
        curve.data = self.timeline.contribution_curve(pid, max(8, curve.size.width or 40))

    # ---- filters ------------------------------------------------------------------------
    def _fill_filters(self, timeline: Timeline) -> None:
        final = self._board(timeline.snapshot(len(timeline)))
        # Text, never markup: a moment "[/]" crashed the moments filter.
        people = [(plain(p.label), pid) for pid, p in sorted(final.participants.items())]
        self.query_one("#filter-pid", Select).set_options(people)
        moments: dict[int, str] = {}
        for info in timeline.infos:
            if info.event.kind == "moment_added" and isinstance(info.event.data.get("mid"), int):
                moments.setdefault(info.event.data["mid"], info.event.data.get("text", ""))
        for mid, m in final.moments.items():  # their final wording where they survived
            moments[mid] = m.text
        self.query_one("#filter-mid", Select).set_options(
            [(plain(f"{mid} · {' '.join(str(text).split())}"), mid)
             for mid, text in sorted(moments.items())])
        present = {i.category for i in timeline.infos}
        self.query_one("#filter-category", Select).set_options(
            [(plain(category_label(c)), c) for c in registry.CATEGORIES if c in present])

    def on_select_changed(self, event: Select.Changed) -> None:
        key = {"filter-pid": "pid", "filter-mid": "mid", "filter-category": "category"}.get(
            event.select.id or "")
        if key is None or self.timeline is None:
            return
        event.stop()
        self.filters[key] = None if event.value == Select.NULL else event.value
        self._apply_filters()
        self._redraw(self.timeline.offset_at(self.position))

    def _apply_filters(self) -> None:
        if self.timeline is None:  # still reading the file
            return
        matches = self._filtered_infos()
        if self.search_query is not None:  # one more filter: on the entries' text
            found = self.timeline.search(self.search_query)  # in order, as the filters'
            if matches is not self.timeline.infos:  # (every event: nothing to keep out)
                kept = self._filtered_indices()
                found = [i for i in found if i.index in kept]
            matches = found
        self._matches = matches
        # (index + 1 is ``position``, read here without the property: a search may let
        # tens of thousands through at each letter)
        self._match_positions = [i.index + 1 for i in matches]
        if self.search_query is not None:  # its count, also when a filter changes
            _show(self.query_one("#replay-search-count", Plain),
                  plain(t.plural(len(matches), "{n} match", "{n} matches",
                                 n=count_text(len(matches)))))

    def _filtered_infos(self) -> list[EventInfo]:
        """The events the select boxes let through (every event: the timeline's list),
        kept while the boxes stay as they are: a search typed over them reads it at
        each letter."""
        assert self.timeline is not None
        f = self.filters  # as the select boxes set them: ids, and a category's name
        key = (f["pid"], f["mid"], f["category"])
        if self._by_filters is None or self._by_filters[0] != key:
            infos = (self.timeline.filter(pid=_whole(f["pid"]), mid=_whole(f["mid"]),
                                          category=_name(f["category"]))
                     if any(v is not None for v in key) else self.timeline.infos)
            self._by_filters = (key, infos, None)
        return self._by_filters[1]

    def _filtered_indices(self) -> set[int]:
        """The indices of ``_filtered_infos``, made once for them."""
        self._filtered_infos()
        assert self._by_filters is not None
        key, infos, indices = self._by_filters
        if indices is None:
            indices = {i.index for i in infos}
            self._by_filters = (key, infos, indices)
        return indices

    def set_filter(self, **values) -> None:
        """Set filters as the select boxes do (pid=, mid=, category=; None for all)."""
        ids = {"pid": "#filter-pid", "mid": "#filter-mid", "category": "#filter-category"}
        for key, value in values.items():
            self.query_one(ids[key], Select).value = Select.NULL if value is None else value

    # ---- moving in time --------------------------------------------------------------
    async def action_step(self, delta: int) -> None:
        """One event on or back (the next or previous one the filters let through)."""
        if self.timeline is None or not self.ready:  # still reading the file
            return
        self._pause()
        target = _neighbour(self._match_positions, self.position, delta)
        if target is None and delta < 0 and not self._filtered():
            target = 0  # back to the start, before the first event
        if target is None:
            self.notify(t("No more events this way."), timeout=2)
            return
        await self.show_position(target)

    async def action_jump_step(self, delta: int) -> None:
        """To the next step's start, or back to this step's start (then the one before)."""
        if self.timeline is None or not self.ready:  # still reading the file
            return
        self._pause()
        starts = [m.position for m in self.timeline.marks() if m.kind == "step"]
        target = _neighbour(starts, self.position, delta)
        if target is None:
            self.notify(t("No more steps this way."), timeout=2)
            return
        await self.show_position(target)

    async def go_to_step(self, index: int) -> None:
        """To the moment a step was first entered."""
        if self.timeline is None or not self.ready:  # still reading the file
            return
        self._pause()
        start = self.timeline.step_starts().get(index)
        if start is None:
            self.notify(t("Step {n} was never started in this session.", n=index + 1), timeout=3)
            return
        await self.show_position(start)

    async def on_agenda_step_chosen(self, message: Agenda.StepChosen) -> None:
        await self.go_to_step(message.index)

    async def action_minutes(self, delta: int) -> None:
        if self.timeline is None or not self.ready:  # still reading the file
            return
        self._pause()
        seconds = self.timeline.offset_at(self.position) + 60 * delta
        await self.show_position(self.timeline.position_at_time(seconds))

    async def action_ends(self, delta: int) -> None:
        if self.timeline is None or not self.ready:  # still reading the file
            return
        self._pause()
        await self.show_position(len(self.timeline) if delta > 0 else self.timeline.start_position)

    async def on_scrubber_seek(self, message: Scrubber.Seek) -> None:
        if self.timeline is None or not self.ready:  # still reading the file
            return
        self._pause()
        await self.show_position(self.timeline.position_at_time(message.seconds))

    # ---- playing ---------------------------------------------------------------------
    async def action_play(self) -> None:
        if self.timeline is None or not self.ready:
            return
        if self.playing:
            self._pause()
            self._redraw(self.play_seconds)
            return
        if self.position >= len(self.timeline):
            await self.show_position(self.timeline.start_position)
        self.playing = True
        self.play_seconds = max(0.0, self.timeline.offset_at(self.position))
        self._last_tick = self.clock()
        self._ticker = self.set_interval(TICK, self.tick)
        self._redraw(self.play_seconds)

    def _pause(self) -> None:
        self.playing = False
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    async def tick(self) -> None:
        """One frame: the session clock moves by the real time passed × the speed."""
        if not self.playing or self.timeline is None:
            return
        now = self.clock()
        self.play_seconds += (now - self._last_tick) * self.speed
        self._last_tick = now
        target = max(self.position, self.timeline.position_at_time(self.play_seconds))
        if self.play_seconds >= self.timeline.duration:
            self._pause()
            target, self.play_seconds = len(self.timeline), self.timeline.duration
        if target != self.position:
            await self.show_position(target, self.play_seconds)
        else:
            self._redraw(self.play_seconds)

    def action_speed(self, speed: int | None = None) -> None:
        """Play at ``speed`` (1, 10 or 60 times real time); without one, the next speed."""
        self.speed = (speed if speed in SPEEDS
                      else SPEEDS[(SPEEDS.index(self.speed) + 1) % len(SPEEDS)])
        if self.timeline is not None:
            self._redraw(self.play_seconds if self.playing
                         else self.timeline.offset_at(self.position))

    # ---- searching the text --------------------------------------------------------
    def _search_line(self) -> Input:
        return self.query_one("#replay-search", Input)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in TYPED and self.focused is self._search_line():
            return False  # the key goes to the search line
        if action == "search":  # shown, and taken, when the line is not being typed in
            return self.focused is not self._search_line()
        if action == "close_search":
            return self.query_one("#replay-search-bar").display
        if action == "search_next":
            return self.search_query is not None and self.focused is not self._search_line()
        return True

    def action_search(self) -> None:
        """Open the search line (or go back to it): the events whose text matches."""
        if self.timeline is None or not self.ready:
            return
        if self.playing:
            self._pause()
            self._redraw(self.play_seconds)
        self.query_one("#replay-search-bar").display = True
        line = self._search_line()
        line.disabled = False
        line.placeholder = t("Words to find in what was typed (Enter: the next match)")
        line.focus()
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Each letter typed filters the events to those whose text matches, as
        ``workshop search`` matches: whole words, any case, with or without accents."""
        if event.input.id != "replay-search" or self.timeline is None:
            return
        event.stop()
        problem = ""
        try:
            self.search_query = parse_query(event.value) if event.value.strip() else None
        except SearchError as exc:  # nothing but punctuation so far
            self.search_query, problem = None, str(exc)
        self._apply_filters()
        if self.search_query is None:
            _show(self.query_one("#replay-search-count", Plain), Text(problem, style="italic"))
        self._show_matches(self.timeline.offset_at(self.position))

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "replay-search":
            return
        event.stop()
        if self.search_query is None:
            return
        self.set_focus(None)  # n and N go on from here; "/" comes back to the words
        self.refresh_bindings()
        await self.action_search_next(1)

    async def action_search_next(self, delta: int) -> None:
        """The next (or previous) match: the board and the clock move there."""
        if self.timeline is None or not self.ready or self.search_query is None:
            return
        self._pause()
        positions = self._match_positions
        target = _neighbour(positions, self.position, delta)
        if target is None:
            self.notify(t("No more matches this way.") if positions
                        else t("No event matches the search."), timeout=2)
            return
        await self.show_position(target)

    def action_close_search(self) -> None:
        self.search_query = None
        line = self._search_line()
        line.value = ""  # its Changed message comes after: nothing left to filter
        line.disabled = True
        self.query_one("#replay-search-bar").display = False
        self.set_focus(None)
        self._apply_filters()
        if self.timeline is not None:
            self._redraw(self.timeline.offset_at(self.position))
        self.refresh_bindings()

    # ---- the rest ----------------------------------------------------------------------
    def action_filters(self) -> None:
        if self.timeline is None:  # still reading the file
            return
        self.query_one("#filter-pid", Select).focus()

    def action_toggle_events(self) -> None:
        window = self.query_one(EventWindow)
        window.display = not window.display
        self._show_events()

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen, sections_for

        self.app.push_screen(HelpScreen(sections_for(self)))

    def action_findings(self) -> None:
        """The findings as they stood at this point of the session (read-only)."""
        from workshop.tui.screens.findings import FindingsScreen

        if self.timeline is None:
            return
        if self.playing:
            self._pause()
            self._redraw(self.play_seconds)
        self.app.push_screen(FindingsScreen(self.live))

    def action_journey_map(self) -> None:
        """The journey map of the board at this point of the session."""
        from workshop.tui.screens.journey_map import JourneyMapScreen

        if self.timeline is None:
            return
        if self.playing:
            self._pause()
            self._redraw(self.play_seconds)
        self.app.push_screen(JourneyMapScreen(self.live.state, self.live.t))

    def action_close(self) -> None:
        self._pause()
        set_language(self._language)  # before the screen below redraws its keys
        self.dismiss(None)

    async def toggle_names(self) -> None:
        self.names = not self.names
        if self.timeline is not None:
            self._fill_filters(self.timeline)
        await self.show_position(self.position)

    def _refused(self, message: str, severity: str) -> None:
        self.notify(t("This is a replay: nothing can be changed."), severity="warning", timeout=3)

    def palette_commands(self):
        if self.timeline is None:
            return []
        commands = [
            (t("Play / pause"), t("Play the session at the chosen speed"), self.action_play),
            (t("Speed 1× / 10× / 60×"), t("How fast the session plays"), self.action_speed),
            (t("Show pseudonyms") if self.names else t("Show names"),
             t("How participants appear on the screen"), self.toggle_names),
            (t("Start of the session"), t("The board when the first step began"),
             lambda: self.action_ends(-1)),
            (t("End of the session"), t("The board as the session left it"),
             lambda: self.action_ends(1)),
            (t("Findings"), t("The findings and insights as they stood at this point"),
             self.action_findings),
            (t("Journey map"), t("The journey map as it stood at this point"),
             self.action_journey_map),
            (t("Close the replay"), t("Back to where you were"), self.action_close),
        ]
        steps = self.timeline.step_starts()
        for index, st in enumerate(self.live.state.steps):
            if index in steps:
                commands.append((t("Go to step {n}: {title}", n=index + 1, title=st.title),
                                 t("The board when this step began"),
                                 lambda i=index: self.go_to_step(i)))
        return commands


# ---- as a program of its own -----------------------------------------------------------


def make_replay_app(path: str | Path, *, names: bool = False, timeline: Timeline | None = None):
    """An app that shows only the replay of ``path`` and quits when it is closed."""
    from workshop.tui.app import WorkshopApp

    class ReplayApp(WorkshopApp):
        # Its screen brings its stylesheet as it is pushed: read with the app's, the
        # replay's footer was drawn before it had left out the keys cut short (a Spanish
        # picture failed a third of the time).
        READ_FIRST_SCREENS_CSS = False

        def on_mount(self, event: events.Mount) -> None:
            event.prevent_default()  # not the home screen: only the replay
            self.push_screen(ReplayScreen(path, names=names, timeline=timeline),
                             lambda _result: self.exit())

    return ReplayApp()


def _show(line: Plain, text: Text) -> None:
    """Show ``text`` unless the line shows it already (a letter typed into the search
    often leaves the status line and the count as they were: each drew again)."""
    shown = (text.plain, text.style, tuple(text.spans))
    if getattr(line, "_replay_shown", None) != shown:
        line._replay_shown = shown  # type: ignore[attr-defined]
        line.update(text)


def _whole(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _name(value: object) -> str | None:
    return value if isinstance(value, str) else None


def prepare(timeline: Timeline) -> Timeline:
    """The slow part of opening, done before the screen shows (in a thread, or before the
    app starts): what each event is about, and copies of the board along the whole log
    so that every later seek is short."""
    timeline.warm()
    return timeline


def run_replay(path: str | Path, *, names: bool = False, timeline: Timeline | None = None):
    """``workshop replay FILE``: read the file first (unless the caller did), so a bad
    one is a one-line error. Returns the app, which has run (its ``return_code`` says
    whether it crashed)."""
    if timeline is None:
        timeline = prepare(Timeline(load_events(path)))
    app = make_replay_app(path, names=names, timeline=timeline)
    app.run()
    return app
