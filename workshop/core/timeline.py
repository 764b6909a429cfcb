"""A session as a timeline: the board at any point, seeking, and filters.

Replay is the fold stopped early: the board after the first ``n`` events is
``fold(events[:n])``. An entry undone later is on that board until its undo event,
because ``cancelled`` only sees the undos inside the prefix.

``Timeline`` makes seeking cheap on long sessions. It keeps copies of the folded state
(checkpoints) along the log and one working state (the cursor), and folds forward
from the nearest copy that is still valid for the target point. A copy is valid when
it skipped exactly the events that the target point's undos cancel before it: an undo
further on can cancel an event behind a copy, and then an earlier copy is used.
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import math
import re
import sqlite3
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from workshop.core import schema
from workshop.core.errors import SessionFileError, WorkshopError
from workshop.core.events import Event, parse_time
from workshop.core.state import ENTITIES, SessionState, fold, fold_onto
from workshop.core.connection import connect_readonly, refusal
from workshop.core.store import read_events
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
        import sqlite_utils

        schema.check_and_migrate(sqlite_utils.Database(conn), path, migrate=False)
        return read_events(conn, path)
    except sqlite3.DatabaseError as exc:
        raise refusal(path, exc, conn) from None
    finally:
        conn.close()


# ---- points in time ------------------------------------------------------------------


@dataclass(frozen=True)
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
    """'00:35:12'; preparation before the start shows as '-00:05:00'."""
    sign = "-" if seconds < 0 else ""
    whole = int(math.floor(abs(seconds)))
    return f"{sign}{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# ---- copying a state fast ------------------------------------------------------------


@contextlib.contextmanager
def _no_gc():
    """Copying or folding makes many small objects and no cycles: the cyclic collector
    would rescan the whole (large) state again and again, so it waits until we finish."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _dup(obj):
    new = object.__new__(obj.__class__)
    new.__dict__ = obj.__dict__.copy()
    return new


def _copy_value(value):
    if isinstance(value, dict):
        if value and is_dataclass(next(iter(value.values()))):
            return {k: _dup(v) for k, v in value.items()}
        return dict(value)
    if isinstance(value, list):
        if value and is_dataclass(value[0]):
            return [_dup(v) for v in value]
        return list(value)
    if isinstance(value, set):
        return set(value)
    return value


def copy_state(state: SessionState) -> SessionState:
    """An independent copy, much faster than ``copy.deepcopy``.

    The fold replaces or mutates entries (moments, steps…) and the containers holding
    them, so those are copied; values inside an entry are strings, numbers or, for a
    step's options and the script, dicts the fold never changes.
    """
    new = object.__new__(SessionState)
    with _no_gc():
        for f in fields(SessionState):
            new.__dict__[f.name] = _copy_value(state.__dict__[f.name])
    return new


# ---- what each event is about (for filters and the timeline list) --------------------

CATEGORIES = ("session", "participant", "step", "moment", "expectation", "rating", "prompt",
              "idea", "vote", "note", "action", "finding")

_CATEGORY = {
    "session_created": "session", "session_edited": "session", "session_finished": "session",
    "participant_added": "participant", "participant_edited": "participant",
    "step_entered": "step", "timer_started": "step", "timer_paused": "step",
    "moment_added": "moment", "moment_edited": "moment", "moment_moved": "moment",
    "moments_merged": "moment", "expectation_added": "expectation",
    "rating_given": "rating", "prompt_drawn": "prompt", "idea_added": "idea",
    "vote_opened": "vote", "vote_cast": "vote", "votes_revealed": "vote",
    "note_added": "note", "action_added": "action",
    "finding_added": "finding", "finding_edited": "finding", "finding_moved": "finding",
    "finding_deleted": "finding",
}

# Kinds by which a participant contributes something to the board.
CONTRIBUTIONS = frozenset({"moment_added", "expectation_added", "rating_given", "idea_added",
                           "vote_cast", "note_added"})

# entity in entry_edited / entry_deleted -> the kind that created it and its id field
_CREATED_BY = {"moment": ("moment_added", "mid"), "expectation": ("expectation_added", "xid"),
               "idea": ("idea_added", "iid"), "note": ("note_added", "nid"),
               "action": ("action_added", "aid")}


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Mark:
    """A place worth showing on the scrubber: a step starting or a vote event."""

    position: int
    offset: float
    kind: str  # "step" or "vote"
    label: str


class _Entities:
    """Who made each entry and which moment it hangs on, as the log goes."""

    def __init__(self):
        self.by_key: dict[tuple[str, int], tuple[int | None, int | None, int]] = {}
        self.idea_mid: dict[int, int] = {}

    def created(self, entity: str, key: int, pid, mid, index: int) -> None:
        self.by_key[(entity, key)] = (pid, mid, index)

    def get(self, entity: str, key) -> tuple[int | None, int | None, int | None]:
        return self.by_key.get((entity, key), (None, None, None))


def _describe_links(e: Event, index: int, ents: _Entities, infos: list[EventInfo],
                    id_index: dict[int, int], rounds: dict[int, str]):
    """(category, pid, mids) of one event."""
    d = e.data
    kind = e.kind
    if not isinstance(d, dict):  # a hand-edited event the fold will skip
        return "session", None, ()
    if kind == "undo":
        target = id_index.get(d.get("target"))
        if target is None:
            return "session", None, ()
        info = infos[target]
        return info.category, info.pid, info.mids
    if kind in ("entry_edited", "entry_deleted"):
        entity = d.get("entity")
        pid, mid, _ = ents.get(entity, d.get("id"))
        if entity == "moment":
            mid = d.get("id")
        return entity if entity in CATEGORIES else "session", pid, (mid,) if mid is not None else ()
    category = _CATEGORY.get(kind, "session")
    pid = d.get("pid") if isinstance(d.get("pid"), int) else None
    if kind == "participant_added" or kind == "participant_edited":
        return category, pid, ()
    mids: tuple[int, ...] = ()
    if kind == "moments_merged":
        mids = tuple(m for m in (d.get("mid"), d.get("into")) if m is not None)
    elif kind == "vote_opened":
        rounds[d.get("rid")] = d.get("target")
    elif kind == "vote_cast":
        item = d.get("item")
        mid = item if rounds.get(d.get("rid")) == "moments" else ents.idea_mid.get(item)
        mids = (mid,) if mid is not None else ()
    elif kind.startswith("finding_"):
        moments = d.get("moments")
        mids = tuple(m for m in moments if isinstance(m, int)) if isinstance(moments, list) else ()
    elif d.get("mid") is not None:
        mids = (d["mid"],)
    if kind == "moment_edited" and "pid" not in d:
        pid = ents.get("moment", d.get("mid"))[0]
    for entity, (creator, field_) in _CREATED_BY.items():
        if kind == creator and d.get(field_) is not None:
            mid = d.get("mid") if entity != "moment" else d.get(field_)
            ents.created(entity, d[field_], pid, mid, index)
            if entity == "idea":
                ents.idea_mid[d[field_]] = d.get("mid")
            if entity == "moment":
                mids = (d[field_],)
    return category, pid, mids


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
        self._id_index = {e.id: i for i, e in enumerate(self.events)}
        self._undos = [i for i, e in enumerate(self.events) if e.kind == "undo"]
        self.start = self._find_start()
        start = parse_time(self.start) if self.start else None
        self.offsets: list[float] = []
        for e in self.events:
            try:
                self.offsets.append((parse_time(e.at) - start).total_seconds())
            except (TypeError, ValueError):  # a hand-edited time: keep the one before
                self.offsets.append(self.offsets[-1] if self.offsets else 0.0)
        # A clock set back during a session must not make time run backwards here.
        self._running: list[float] = []
        high = -math.inf
        for off in self.offsets:
            high = max(high, off)
            self._running.append(high)
        self._infos: list[EventInfo] | None = None
        self._gone_cache: dict[int, frozenset] = {}
        self._marks: list[Mark] | None = None
        self._contributions: dict[int, list[EventInfo]] = {}
        self._checkpoints: dict[int, dict[frozenset, SessionState]] = {0: {frozenset(): SessionState()}}
        self._positions = [0]
        self._cursor = SessionState()
        self._cursor_pos = 0
        self._cursor_gone: frozenset = frozenset()
        if final_state is not None:  # a store already folded the whole log: keep it
            n = len(self.events)
            self._save(n, self._gone_before(self.gone_at(n), n), copy_state(final_state))

    @classmethod
    def open(cls, path: str | Path) -> "Timeline":
        return cls(load_events(path))

    # ---- the time axis -----------------------------------------------------------
    def _find_start(self) -> str:
        """When the session began: the first step entered or timer started.

        A session file is often made the day before (title, roster); that preparation
        gets negative offsets rather than pushing minute 35 a day away.
        """
        for e in self.events:
            if e.kind in ("step_entered", "timer_started"):
                return e.at
        return self.events[0].at if self.events else ""

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

    def event(self, event_id) -> Event | None:
        index = self._id_index.get(event_id)
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
    def gone_at(self, position: int) -> frozenset:
        """Ids cancelled by the undos among the first ``position`` events (as ``cancelled``)."""
        k = bisect.bisect_left(self._undos, position)  # it only changes at an undo
        cached = self._gone_cache.get(k)
        if cached is not None:
            return cached
        out: set[int] = set()
        for i in reversed(self._undos[:k]):
            e = self.events[i]
            if e.id in out or not isinstance(e.data, dict):
                continue
            out.add(e.data.get("target"))
        if len(self._gone_cache) > 256:
            self._gone_cache.clear()
        self._gone_cache[k] = frozenset(out)
        return self._gone_cache[k]

    def _gone_before(self, gone: frozenset, position: int) -> frozenset:
        index = self._id_index
        return frozenset(g for g in gone if index.get(g, position) < position)

    # ---- the board at a point ----------------------------------------------------
    def state_at(self, point: Point | int) -> SessionState:
        """The board at a point, as the live screen showed it then."""
        target = self.resolve(point)
        gone = self.gone_at(target)
        base = self._checkpoint_for(target, gone)
        cursor_ok = (base <= self._cursor_pos <= target
                     and self._cursor_gone == self._gone_before(gone, self._cursor_pos))
        if not cursor_ok:  # a saved copy is nearer than the working state: start from it
            self._cursor = copy_state(self._checkpoints[base][self._gone_before(gone, base)])
            self._cursor_pos = base
        self._advance(target, gone)
        return self._cursor

    def snapshot(self, point: Point | int) -> SessionState:
        """Like ``state_at``, but a copy the caller keeps."""
        return copy_state(self.state_at(point))

    def _checkpoint_for(self, target: int, gone: frozenset) -> int:
        """The latest saved position at or before ``target`` valid for its undos."""
        at = bisect.bisect_right(self._positions, target)
        for pos in reversed(self._positions[:at]):
            if self._gone_before(gone, pos) in self._checkpoints[pos]:
                return pos
        raise AssertionError("position 0 is always a valid checkpoint")  # pragma: no cover

    def _advance(self, target: int, gone: frozenset) -> None:
        state, pos = self._cursor, self._cursor_pos
        while pos < target:
            last = self._positions[bisect.bisect_right(self._positions, pos) - 1]
            # Copies get sparser as the state grows, so that copying never costs
            # more than folding.
            gap = max(self.spacing, _size(state) // 2)
            stop = min(target, max(pos + 1, last + gap))
            with _no_gc():
                fold_onto(state, self.events[pos:stop], gone)
            state.touched.clear()
            pos = stop
            if pos - last >= gap and pos not in self._checkpoints:
                self._save(pos, self._gone_before(gone, pos), copy_state(state))
        state.undone = set(gone)
        state.touched.clear()
        self._cursor_pos = pos
        self._cursor_gone = self._gone_before(gone, pos)

    def _save(self, pos: int, gone: frozenset, state: SessionState) -> None:
        state.touched.clear()
        if pos not in self._checkpoints:
            bisect.insort(self._positions, pos)
        self._checkpoints.setdefault(pos, {})[gone] = state

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
        ents, rounds = _Entities(), {}
        for i, e in enumerate(self.events):
            category, pid, mids = _describe_links(e, i, ents, infos, self._id_index, rounds)
            infos.append(EventInfo(i, e, self.offsets[i], category, pid, mids))
        return infos

    def filter(self, *, pid: int | None = None, mid: int | None = None,
               category: str | None = None) -> list[EventInfo]:
        """The events about a participant, a moment and/or a kind of entry."""
        return [i for i in self.infos
                if (pid is None or i.pid == pid)
                and (mid is None or mid in i.mids)
                and (category is None or i.category == category)]

    def cancelled_in_the_end(self) -> frozenset:
        return self.gone_at(len(self.events))

    def contributions(self, pid: int) -> list[EventInfo]:
        """What one participant added to the board (moments, expectations, ratings,
        ideas, dots, notes), in order, leaving out what was undone in the end."""
        if pid not in self._contributions:
            gone = self.cancelled_in_the_end()
            self._contributions[pid] = [
                i for i in self.infos
                if i.pid == pid and i.event.kind in CONTRIBUTIONS and i.event.id not in gone]
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
                title = steps[current] if isinstance(current, int) and 0 <= current < len(steps) else ""
                out.append(Mark(i + 1, self.offsets[i], "step", title))
            elif e.kind in ("vote_opened", "vote_cast", "votes_revealed"):
                out.append(Mark(i + 1, self.offsets[i], "vote", e.kind))
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
    return (len(state.moments) + len(state.expectations) + len(state.ratings)
            + len(state.expected) + len(state.ideas) + len(state.votes) + len(state.notes)
            + len(state.actions) + len(state.prompts) + len(state.participants)
            + len(state.findings))


def state_at(events: list[Event], point: Point | int) -> SessionState:
    """The board at one point, for a single look (``Timeline`` for many)."""
    if isinstance(point, int):
        return fold(events[:max(0, point)])
    return fold(events[:Timeline(events).resolve(point)])


__all__ = ["CATEGORIES", "ENTITIES", "EventInfo", "Mark", "POINT_HELP", "Point", "Timeline",
           "TimelineError", "copy_state", "format_offset", "load_events", "parse_point",
           "state_at"]
