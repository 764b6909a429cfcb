"""The fold: the session's state from its events, each applied by its kind's handler.

``apply(state, event)`` checks the domain rules first and only then changes the state,
so a refused event (``RuleError``) leaves the state as it was. What changed is noted by
the state's own containers (``tracked``), for the store to write; the fold knows
nothing of tables.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from workshop.core.errors import RuleError
from workshop.core.events import Event
from workshop.core.kinds.registry import EVENTS, WATCHERS
from workshop.core.record import replace
from workshop.core.state import IDLE_SECONDS, SETUP, SessionState
from workshop.core.tracked import settle
from workshop.i18n import t


def _note_id(state: SessionState, event: Event) -> None:
    """The highest id each kind of entry ever had, undone ones included, so that a new
    entry never takes the id of one a redo would bring back; and every name a
    participant was ever given, undone ones included (a text typed meanwhile may hold
    it)."""
    spec = EVENTS.get(event.kind)
    if spec is None:
        return
    created = spec.creates
    if created is not None and isinstance(event.data.get(created.field), int):
        state.high[created.counter] = max(state.high.get(created.counter, 0),
                                          event.data[created.field])
    if spec.names:
        pid, name = event.data.get("pid"), event.data.get("name")
        if isinstance(pid, int) and isinstance(name, str) and name.strip():
            name = " ".join(name.split())
            given = state.names_given.get(pid, ())
            if name not in given:
                state.names_given[pid] = (*given, name)


def apply(state: SessionState, event: Event) -> None:
    """Apply one (non-undo) event; raise RuleError and change nothing if it breaks a rule."""
    spec = EVENTS.get(event.kind)
    if spec is None or event.kind == "undo":
        raise RuleError(t("Unknown kind of change: {kind}.", kind=event.kind))
    step, finished = state.current_step, state.finished
    try:
        after = [then for watch in WATCHERS if (then := watch(state, event)) is not None]
        spec.fold(state, event)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise RuleError(t("A change is missing data or has the wrong type: {kind}.",
                          kind=event.kind)) from exc
    for then in after:
        then()
    _pass_time(state, event, step, finished)
    _note_id(state, event)
    if event.id is not None:
        state.last_event_id = max(state.last_event_id, event.id)
    state.last_at = event.at or state.last_at


def _pass_time(state: SessionState, event: Event, step: int, finished: bool) -> None:
    """The time since the last event was spent on ``step`` (the step the session stood on
    before this event): add it to that step's dwell, unless the session had not started
    yet (only set up: created, its roster typed), was finished, or the stretch was idle
    (longer than IDLE_SECONDS)."""
    if event.kind in SETUP and not state.last_time:
        return  # the time a session waits between its creation and its start is no step's
    try:
        when = datetime.fromisoformat(event.at) if event.at else None
    except (TypeError, ValueError):
        when = None  # not a time (a hand-made file): no time passes
    last, state.last_time = state.last_time, when or state.last_time
    if when is None or last is None or finished or not 0 <= step < len(state.steps):
        return
    try:
        seconds = (when - last).total_seconds()
    except TypeError:  # one time with a zone, one without
        return
    if 0 < seconds <= IDLE_SECONDS:
        st = state.steps[step]  # entries are frozen: the step with its new dwell
        state.steps[step] = replace(st, dwell=st.dwell + seconds)


def undone_ids(events: Iterable[Event]) -> set[int]:
    """Ids of the events undo cancelled. An undo can itself be undone (a redo)."""
    out: set[int] = set()
    for e in reversed(list(events)):
        if e.id in out:
            continue
        if e.kind == "undo" and isinstance(e.data, dict):
            target = e.data.get("target")
            if isinstance(target, int):  # as eventcheck makes sure
                out.add(target)
    return out


def fold(events: Iterable[Event], *, strict: bool = False) -> SessionState:
    """The whole session state from its events.

    ``strict`` raises on the first event that breaks a rule (used to check an undo);
    otherwise such an event is skipped and listed in ``state.skipped``.
    """
    events = list(events)
    undone = undone_ids(events)
    state = SessionState()
    fold_onto(state, events, undone, strict=strict)
    state.undone = undone
    settle(state)
    return state


def fold_onto(state: SessionState, events: Iterable[Event], undone: Collection[int],
              *, strict: bool = False) -> None:
    """Go on folding ``events`` into ``state``, skipping the ``undone`` ones.

    The loop of ``fold``, on its own so that replay can resume a fold from a saved state.
    """
    for e in events:
        _note_id(state, e)
        if e.kind == "undo" or e.id in undone:
            _pass_time(state, e, state.current_step, state.finished)
            if e.id is not None:
                state.last_event_id = max(state.last_event_id, e.id)
            state.last_at = e.at or state.last_at
            continue
        try:
            apply(state, e)
        except Exception:
            # Only a hand-edited file gets here: record() checked each event.
            if strict:
                raise
            if e.id is not None:
                state.skipped.append(e.id)
