"""A session as a timeline: the board at any point, seeking, and filters.

Replay is the fold stopped early: the board after the first ``n`` events is
``fold(events[:n])``. An entry undone later is on that board until its undo event,
because ``undone_ids`` only sees the undos inside the prefix.

``Timeline`` makes seeking cheap on long sessions. It keeps copies of the folded state
(checkpoints) along the log and one working state (the cursor), and folds forward
from the nearest copy that is still valid for the target point. A copy is valid when
it skipped exactly the events that the target point's undos undo before it: an undo
further on can cancel an event behind a copy, and then an earlier copy is used.
"""

from __future__ import annotations

import bisect
import math
import re
import sqlite3
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workshop.core import schema
from workshop.core.connection import connect_readonly, refusal
from workshop.core.errors import SessionFileError, WorkshopError
from workshop.core.events import Event, parse_time
from workshop.core.fold import fold, fold_onto
from workshop.core.kinds.registry import CATEGORIES, EVENTS, describe
from workshop.core.record import record
from workshop.core.search import Query, WordIndex, entry_text, fold_text
from workshop.core.state import SessionState
from workshop.core.store import read_events
from workshop.core.tracked import Tracked, TrackedList, copy_containers, settle
from workshop.i18n import N_, t


class TimelineError(WorkshopError):
    """A point in a session that cannot be found (bad --at, unknown event)."""


# ---- reading a session's log ---------------------------------------------------------


def load_events(path: str | Path) -> list[Event]:
    """The events of a session file, read-only, without folding them.

    Takes no lock, so a session being run in another window can be replayed.
    """
    path = Path(path)
    schema.check_file(path)
    try:
        conn = connect_readonly(path)
    except sqlite3.Error as exc:
        raise SessionFileError(t("{path} cannot be read ({why}).", path=path, why=exc)) from None
    try:
        schema.check_and_migrate(conn, path, migrate=False)
        return read_events(conn, path)
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc, conn) from None
    finally:
        conn.close()


# ---- points in time ------------------------------------------------------------------


@record
class Point:
    """Where to stop: ``time`` (seconds from the start), ``event`` (an event id, the
    board just after it), ``step`` (0-based index: when that step was first entered)
    or ``position`` (how many events are applied)."""

    kind: str
    value: float | int


POINT_HELP = N_("HH:MM:SS or MM:SS from the start of the session, #ID for an event "
                "(the board just after it), or step:N for the start of step N")

_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$")
_EVENT = re.compile(r"^#(\d+)$")
_STEP = re.compile(r"^step:(\d+)$", re.IGNORECASE)


def parse_point(text: str) -> Point:
    """'00:35:00' or '35:00' (time), '#123' (event id), 'step:3' (step, 1-based)."""
    value = text.strip()
    if m := _EVENT.match(value):
        return Point("event", int(m[1]))
    if m := _STEP.match(value):
        if int(m[1]) < 1:
            raise TimelineError(t("Steps are numbered from 1."))
        return Point("step", int(m[1]) - 1)
    if m := _TIME.match(value):
        hours, minutes, seconds = int(m[1] or 0), int(m[2]), float(m[3])
        if minutes < 60 and seconds < 60:
            return Point("time", hours * 3600 + minutes * 60 + seconds)
    raise TimelineError(t("Cannot read the point “{value}”: give {help}.", value=text,
                          help=t(POINT_HELP)))


def format_offset(seconds: float) -> str:
    """'00:35:12'; preparation before the start shows as '-00:05:00'. Less than a second
    before it is '00:00:00', not '-00:00:00' (the roster, written as the session is
    created, a moment before step 1 starts)."""
    whole = int(math.floor(abs(seconds)))
    sign = "-" if seconds < 0 and whole else ""
    return f"{sign}{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# ---- copying a state ----------------------------------------------------------------


def copy_state(state: SessionState) -> SessionState:
    """An independent copy: new containers sharing the (frozen) entries, so copying costs
    one dict or list per container, not one object per entry."""
    return copy_containers(state)


def format_idle(seconds: float) -> str:
    """A jump's length for people: '46 d 3 h', '1 h 12 min', '45 min'."""
    minutes = int(seconds // 60)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        return t("{days} d {hours} h", days=days, hours=hours)
    if hours:
        return t("{hours} h {minutes} min", hours=hours, minutes=minutes)
    return t("{minutes} min", minutes=minutes)


# ---- what each event is about (for filters and the timeline list) --------------------

# Kinds by which a participant contributes something to the board.
CONTRIBUTIONS = frozenset(name for name, e in EVENTS.items() if e.contributes)


@record
class EventInfo:
    """One event on the timeline, with what filters need to know about it."""

    index: int  # 0-based place in the log; the board after it is position index + 1
    event: Event
    offset: float  # seconds from the start of the session (negative: preparation)
    category: str  # one of CATEGORIES
    pid: int | None  # the participant it is by (or about)
    mids: tuple[int, ...]  # the moments it concerns

    @property
    def position(self) -> int:
        return self.index + 1


@record
class Mark:
    """A place worth showing on the scrubber: a step starting or a vote event."""

    position: int
    offset: float
    kind: str  # "step" or "vote"
    label: str


@record
class Jump:
    """A long stretch with no event, left out of the session's clock: the event at
    ``position`` (the board just after it) came ``seconds`` after the one before, and
    both stand at ``offset`` on the clock."""

    position: int
    offset: float
    seconds: float


# Nothing recorded for this long is a break (or a session reopened later), not the session.
IDLE_JUMP = 30 * 60


def _jumps(events: list[Event], wall: list[float]) -> list[Jump]:
    """Where the clock jumps. A step whose own clock ran through the stretch was being
    worked: it is a jump only once it ran well past the step's planned time."""
    planned: list[float] = []
    running: int | None = None
    out: list[Jump] = []
    for i, e in enumerate(events):
        if i:
            idle = wall[i] - wall[i - 1]
            limit: float = IDLE_JUMP
            if running is not None and 0 <= running < len(planned):
                limit = max(limit, 1.5 * planned[running])
            if idle > limit:
                out.append(Jump(i + 1, 0.0, idle))
        data = e.data if isinstance(e.data, dict) else {}
        step = data.get("step") if type(data.get("step")) is int else None
        if e.kind == "session_created" and isinstance(data.get("script"), dict):
            steps = data["script"].get("steps")
            planned = [_minutes(st) * 60 for st in steps] if isinstance(steps, list) else []
        elif e.kind == "timer_started":
            running = step
        elif e.kind in ("timer_paused", "session_finished"):
            running = None
    return out


def _minutes(step: object) -> float:
    minutes = step.get("minutes") if isinstance(step, dict) else None
    return float(minutes) if isinstance(minutes, (int, float)) and minutes > 0 else 0.0


def _without(wall: list[float], jumps: list[Jump], start: int) -> list[float]:
    """The clock of every event with the jumps left out, still 0 at the start; each jump
    gets the offset it happens at."""
    out: list[float] = []
    left_out, k = 0.0, 0
    for i, off in enumerate(wall):
        if k < len(jumps) and jumps[k].position == i + 1:
            left_out += jumps[k].seconds
            k += 1
        out.append(off - left_out)
    anchor = out[start] if out else 0.0
    out = [off - anchor for off in out]
    jumps[:] = [Jump(j.position, out[j.position - 1], j.seconds) for j in jumps]
    return out


class _Links:
    """Who made each entry and which moment it hangs on, as the log goes, and what the
    kinds note for later events (``kinds.spec.Links``)."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, Any], tuple[int | None, int | None]] = {}
        self._notes: dict[tuple[str, Any], Any] = {}

    def made(self, entity: str, key: Any) -> tuple[int | None, int | None]:
        return self._made.get((entity, key), (None, None))

    def record(self, entity: str, key: Any, pid: int | None, mid: int | None) -> None:
        self._made[(entity, key)] = (pid, mid)

    def note(self, name: str, key: Any, value: Any) -> None:
        self._notes[(name, key)] = value

    def noted(self, name: str, key: Any) -> Any:
        return self._notes.get((name, key))


def _category(e: Event, d: Mapping[str, Any]) -> str:
    spec = EVENTS.get(e.kind)
    if spec is None:
        return "session"
    category = spec.category if isinstance(spec.category, str) else spec.category(d)
    return category if category in CATEGORIES else "session"


def _describe_links(e: Event, links: _Links, infos: list[EventInfo],
                    id_index: dict[int, int]) -> tuple[str, int | None, tuple[int, ...]]:
    """(category, pid, mids) of one event."""
    d = e.data
    if not isinstance(d, dict):  # a hand-edited event the fold will skip
        return "session", None, ()
    if e.kind == "undo":
        target_id = d.get("target")
        target = id_index.get(target_id) if isinstance(target_id, int) else None
        if target is None:
            return "session", None, ()
        info = infos[target]
        return info.category, info.pid, info.mids
    spec = EVENTS.get(e.kind)
    pid = d.get("pid") if isinstance(d.get("pid"), int) else None
    if spec is not None and spec.by is not None:
        pid = spec.by(d, links)
    mids: tuple[int, ...]
    if spec is not None and spec.moments is not None:
        mids = spec.moments(d, links)
    else:
        mids = (d["mid"],) if d.get("mid") is not None else ()
    created = spec.creates if spec is not None else None
    if created is not None and created.entity is not None and d.get(created.field) is not None:
        links.record(created.entity, d[created.field], pid, d.get("mid"))
    return _category(e, d), pid, mids


# ---- the timeline --------------------------------------------------------------------

# Fold at least this many events between two saved copies of the state.
MIN_SPACING = 500


class Timeline:
    """A session's events on a time axis, and the board at any point of it.

    ``state_at`` returns the timeline's working state: read it before the next call,
    or keep a ``copy_state`` of it. Views never change a state, so sharing is safe.
    """

    def __init__(self, events: list[Event], *, final_state: SessionState | None = None,
                 spacing: int = MIN_SPACING):
        self.events = list(events)
        self.spacing = spacing
        self._id_index = {e.id: i for i, e in enumerate(self.events) if e.id is not None}
        self._undos = [i for i, e in enumerate(self.events) if e.kind == "undo"]
        self.start = self._find_start()
        start = parse_time(self.start) if self.start else None
        wall: list[float] = []  # seconds from the start by the wall clock
        for e in self.events:
            try:
                offset = (parse_time(e.at) - start).total_seconds() if start is not None else None
            except (TypeError, ValueError):  # a hand-edited time
                offset = None
            # Without a time: the one before.
            wall.append(offset if offset is not None else wall[-1] if wall else 0.0)
        # A clock set back during a session must not make time run backwards here.
        high = -math.inf
        self._wall = [high := max(high, off) for off in wall]
        # The session's clock: the wall clock without its long idle stretches (a break, a
        # session reopened weeks later), each left out as a jump.
        self.jumps: list[Jump] = _jumps(self.events, self._wall)
        self.offsets: list[float] = _without(self._wall, self.jumps, self._start_index())
        self._running = self.offsets
        self._infos: list[EventInfo] | None = None
        self._texts: tuple[list[EventInfo], WordIndex] | None = None  # for search()
        self._texts_lock = threading.Lock()
        self._undone_cache: dict[int, frozenset[int]] = {}
        self._marks: list[Mark] | None = None
        self._contributions: dict[int, list[EventInfo]] = {}
        self._checkpoints: dict[int, dict[frozenset[int], SessionState]] = {
            0: {frozenset(): SessionState()}}
        self._positions = [0]
        self._cursor = SessionState()
        self._cursor_pos = 0
        self._cursor_undone: frozenset[int] = frozenset()
        if final_state is not None:  # a store already folded the whole log: keep it
            n = len(self.events)
            self._save(n, self._undone_before(self.undone_at(n), n), copy_state(final_state))

    @classmethod
    def open(cls, path: str | Path) -> Timeline:
        return cls(load_events(path))

    # ---- the time axis -----------------------------------------------------------
    def _find_start(self) -> str:
        """When the session began: the first step entered or timer started.

        A session file is often made the day before (title, roster); that preparation
        gets negative offsets rather than pushing minute 35 a day away.
        """
        return self.events[self._start_index()].at if self.events else ""

    def _start_index(self) -> int:
        for i, e in enumerate(self.events):
            if e.kind in ("step_entered", "timer_started"):
                return i
        return 0

    def wall_offset(self, seconds: float) -> float:
        """The wall-clock time, in seconds from the start, at ``seconds`` on the session's
        clock: the time of the last event by then, plus what passed since it."""
        position = self.position_at_time(seconds)
        if position == 0:
            return seconds
        return self._wall[position - 1] + seconds - self.offsets[position - 1]

    def idle_before(self, position: int) -> float:
        """The idle time left out of the clock up to a position (its jumps)."""
        return sum(j.seconds for j in self.jumps if j.position <= position)

    def __len__(self) -> int:
        return len(self.events)

    @property
    def duration(self) -> float:
        return self._running[-1] if self._running else 0.0

    @property
    def start_position(self) -> int:
        """The board when the session began (preparation applied)."""
        return self.position_at_time(0.0)

    def position_at_time(self, seconds: float) -> int:
        """How many events had happened ``seconds`` after the start."""
        return bisect.bisect_right(self._running, seconds + 1e-9)

    def offset_at(self, position: int) -> float:
        """The time on the clock at a position: that of its last event."""
        if position <= 0 or not self._running:
            return min(0.0, self._running[0]) if self._running else 0.0
        return self._running[min(position, len(self._running)) - 1]

    def position_of_event(self, event_id: int) -> int:
        index = self._id_index.get(event_id)
        if index is None:
            first = self.events[0].id if self.events else 0
            last = self.events[-1].id if self.events else 0
            raise TimelineError(t("There is no event #{id} in this session (events #{first} "
                                  "to #{last}).", id=event_id, first=first, last=last))
        return index + 1

    def event(self, event_id: int | None) -> Event | None:
        index = self._id_index.get(event_id) if event_id is not None else None
        return None if index is None else self.events[index]

    def step_start(self, step: int) -> int:
        """The position just after the step was first entered."""
        for i, e in enumerate(self.events):
            if e.kind == "step_entered" and e.data.get("step") == step:
                return i + 1
        raise TimelineError(t("Step {n} was never started in this session.", n=step + 1))

    def resolve(self, point: Point | int) -> int:
        """A position (events applied, 0 to len) for a point."""
        if isinstance(point, int):
            return max(0, min(point, len(self.events)))
        if point.kind == "time":
            return self.position_at_time(float(point.value))
        if point.kind == "event":
            return self.position_of_event(int(point.value))
        if point.kind == "step":
            return self.step_start(int(point.value))
        return self.resolve(int(point.value))

    # ---- undo bookkeeping --------------------------------------------------------
    def undone_at(self, position: int) -> frozenset[int]:
        """Ids undone by the undos among the first ``position`` events (as ``undone_ids``)."""
        k = bisect.bisect_left(self._undos, position)  # it only changes at an undo
        cached = self._undone_cache.get(k)
        if cached is not None:
            return cached
        out: set[int] = set()
        for i in reversed(self._undos[:k]):
            e = self.events[i]
            if e.id in out or not isinstance(e.data, dict):
                continue
            target = e.data.get("target")
            if isinstance(target, int):  # as eventcheck makes sure
                out.add(target)
        if len(self._undone_cache) > 256:
            self._undone_cache.clear()
        self._undone_cache[k] = frozenset(out)
        return self._undone_cache[k]

    def _undone_before(self, undone: frozenset[int], position: int) -> frozenset[int]:
        index = self._id_index
        return frozenset(g for g in undone if index.get(g, position) < position)

    # ---- the board at a point ----------------------------------------------------
    def state_at(self, point: Point | int) -> SessionState:
        """The board at a point, as the live screen showed it then."""
        target = self.resolve(point)
        undone = self.undone_at(target)
        base = self._checkpoint_for(target, undone)
        cursor_ok = (base <= self._cursor_pos <= target
                     and self._cursor_undone == self._undone_before(undone, self._cursor_pos))
        if not cursor_ok:  # a saved copy is nearer than the working state: start from it
            self._cursor = copy_state(self._checkpoints[base][self._undone_before(undone, base)])
            self._cursor_pos = base
        self._advance(target, undone)
        return self._cursor

    def snapshot(self, point: Point | int) -> SessionState:
        """Like ``state_at``, but a copy the caller keeps."""
        return copy_state(self.state_at(point))

    def _checkpoint_for(self, target: int, undone: frozenset[int]) -> int:
        """The latest saved position at or before ``target`` valid for its undos."""
        at = bisect.bisect_right(self._positions, target)
        for pos in reversed(self._positions[:at]):
            if self._undone_before(undone, pos) in self._checkpoints[pos]:
                return pos
        raise AssertionError("position 0 is always a valid checkpoint")  # pragma: no cover

    def _advance(self, target: int, undone: frozenset[int]) -> None:
        state, pos = self._cursor, self._cursor_pos
        while pos < target:
            last = self._positions[bisect.bisect_right(self._positions, pos) - 1]
            # Copies get sparser as the state grows, so that copying never costs
            # more than folding.
            gap = max(self.spacing, _size(state) // 2)
            stop = min(target, max(pos + 1, last + gap))
            fold_onto(state, self.events[pos:stop], undone)
            pos = stop
            if pos - last >= gap and pos not in self._checkpoints:
                self._save(pos, self._undone_before(undone, pos), copy_state(state))
        state.undone = set(undone)
        settle(state)
        self._cursor_pos = pos
        self._cursor_undone = self._undone_before(undone, pos)

    def _save(self, pos: int, undone: frozenset[int], state: SessionState) -> None:
        settle(state)
        if pos not in self._checkpoints:
            bisect.insort(self._positions, pos)
        self._checkpoints.setdefault(pos, {})[undone] = state

    def warm(self) -> None:
        """Do the slow part of opening now (in a thread, or before a screen shows): what
        each event is about, and copies of the board along the whole log, so that every
        later seek is short."""
        self._infos = self._infos or self._describe_all()
        self.state_at(len(self.events))
        self.state_at(self.start_position)

    # ---- what happened -----------------------------------------------------------
    @property
    def infos(self) -> list[EventInfo]:
        """Every event with its time, category, participant and moments (built once)."""
        if self._infos is None:
            self._infos = self._describe_all()
        return self._infos

    def _describe_all(self) -> list[EventInfo]:
        infos: list[EventInfo] = []
        links = _Links()
        for i, e in enumerate(self.events):
            category, pid, mids = _describe_links(e, links, infos, self._id_index)
            infos.append(EventInfo(i, e, self.offsets[i], category, pid, mids))
        return infos

    def filter(self, *, pid: int | None = None, mid: int | None = None,
               category: str | None = None) -> list[EventInfo]:
        """The events about a participant, a moment and/or a kind of entry."""
        return [i for i in self.infos
                if (pid is None or i.pid == pid)
                and (mid is None or mid in i.mids)
                and (category is None or i.category == category)]

    def search(self, query: Query) -> list[EventInfo]:
        """The events whose entry text matches ``query`` by ``workshop search``'s rules
        (whole words, any case, with or without accents, ``queue*``, "a phrase"): the
        events that wrote the entries it finds, and their edits. An entry undone later
        still matches: the event happened."""
        texts, index = self.word_index()
        return [texts[k] for k in index.find(query)]

    def word_index(self) -> tuple[list[EventInfo], WordIndex]:
        """The events with an entry text, and where each word is among their texts
        (folded and indexed once: a search is typed a letter at a time). A screen may
        make it in a thread ahead of the first search, which then waits for it."""
        with self._texts_lock:
            if self._texts is None:
                texts = [(info, text) for info in self.infos
                         if (text := entry_text(info.event.data))]
                self._texts = ([info for info, _ in texts],
                               WordIndex([fold_text(text) for _, text in texts]))
            return self._texts

    def says(self, event: Event, state: SessionState) -> str:
        """What one event did, as the replay's list says it (moments named as on the
        board ``state``)."""
        d = event.data
        spec = EVENTS.get(event.kind)
        if not isinstance(d, dict) or spec is None:
            return event.kind
        if event.kind == "undo":
            target = self.event(d.get("target"))
            return t("undo of {what}", what=describe(target, state) if target else "?")
        if spec.replay is not None:
            return spec.replay(event, state)
        return describe(event, state)

    def undone_in_the_end(self) -> frozenset[int]:
        return self.undone_at(len(self.events))

    def contributions(self, pid: int) -> list[EventInfo]:
        """What one participant added to the board (moments, expectations, ratings,
        ideas, dots, notes), in order, leaving out what was undone in the end."""
        if pid not in self._contributions:
            undone = self.undone_in_the_end()
            self._contributions[pid] = [
                i for i in self.infos
                if i.pid == pid and i.event.kind in CONTRIBUTIONS and i.event.id not in undone]
        return self._contributions[pid]

    def contribution_curve(self, pid: int, buckets: int) -> list[int]:
        """How many contributions fell into each of ``buckets`` equal slices of the session."""
        counts = [0] * max(1, buckets)
        span = max(self.duration, 1e-9)
        for info in self.contributions(pid):
            slot = int(max(0.0, info.offset) / span * buckets)
            counts[min(slot, buckets - 1)] += 1
        return counts

    def marks(self) -> list[Mark]:
        """Where each step started and each vote was opened, cast or revealed."""
        if self._marks is None:
            self._marks = self._find_marks()
        return self._marks

    def _find_marks(self) -> list[Mark]:
        out: list[Mark] = []
        current = None
        steps = self._script_steps()
        for i, e in enumerate(self.events):
            if e.kind == "step_entered" and e.data.get("step") != current:
                current = e.data.get("step")
                known = isinstance(current, int) and 0 <= current < len(steps)
                title = steps[current] if isinstance(current, int) and known else ""
                out.append(Mark(i + 1, self.offsets[i], "step", title))
            elif (spec := EVENTS.get(e.kind)) is not None and spec.mark is not None:
                out.append(Mark(i + 1, self.offsets[i], spec.mark, e.kind))
        return out

    def step_starts(self) -> dict[int, int]:
        """step index -> position just after it was first entered."""
        out: dict[int, int] = {}
        for i, e in enumerate(self.events):
            if e.kind == "step_entered" and isinstance(e.data.get("step"), int):
                out.setdefault(e.data["step"], i + 1)
        return out

    def _script_steps(self) -> list[str]:
        for e in self.events:
            if e.kind == "session_created":
                return [st.get("title", "") for st in (e.data.get("script") or {}).get("steps", [])]
        return []


def _size(state: SessionState) -> int:
    """Roughly how many objects a copy of the state touches."""
    parts = [vars(part).values() for part in state.parts.values()]
    return sum(len(v) for group in (vars(state).values(), *parts) for v in group
               if isinstance(v, Tracked | TrackedList))


def state_at(events: list[Event], point: Point | int) -> SessionState:
    """The board at one point, for a single look (``Timeline`` for many)."""
    if isinstance(point, int):
        return fold(events[:max(0, point)])
    return fold(events[:Timeline(events).resolve(point)])


__all__ = ["CATEGORIES", "IDLE_JUMP", "EventInfo", "Jump", "Mark", "POINT_HELP", "Point",
           "Timeline", "TimelineError", "copy_state", "format_idle", "format_offset",
           "load_events", "parse_point", "state_at"]
