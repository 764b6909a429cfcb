"""Undo and redo: which change they take back, and whether they may.

An undo is an event that cancels an earlier one (``undo`` with its ``target``); a redo
is an undo of that undo. Nothing is ever deleted from the log.

The log is read through ``Log``: the store keeps only its latest events in memory and
reads older ones from the file as a walk back reaches them, so asking what ctrl+z would
take back costs the few events it looks at, not the whole session.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from workshop.core.errors import RuleError
from workshop.core.events import AFTER_FINISH, Event
from workshop.core.kinds.registry import UNDOABLE, hooks
from workshop.core.state import SessionState
from workshop.i18n import t


class Log(Protocol):
    """The events of a session, read as needed."""

    def forwards(self) -> Iterator[Event]:
        """From the first event on."""

    def backwards(self) -> Iterator[Event]:
        """From the latest event back."""

    def get(self, event_id: object) -> Event | None:
        """The event with that id, or None."""


class ListLog:
    """A log held whole in memory."""

    def __init__(self, events: Iterable[Event]):
        self.events = list(events)
        self._by_id: dict[int | None, Event] | None = None

    def forwards(self) -> Iterator[Event]:
        return iter(self.events)

    def backwards(self) -> Iterator[Event]:
        return reversed(self.events)

    def get(self, event_id: object) -> Event | None:
        if self._by_id is None:
            self._by_id = {e.id: e for e in self.events}
        return self._by_id.get(event_id) if isinstance(event_id, int) else None


def setup_ids(log: Log) -> set[int]:
    """The session and the roster written when the file was created, all at the same
    instant: set-up, not changes made in the room."""
    events = log.forwards()
    first = next(events, None)
    if first is None or first.kind != "session_created" or first.id is None:
        return set()
    ids = {first.id}
    for e in events:
        if e.kind != "participant_added" or e.at != first.at or e.id is None:
            break
        ids.add(e.id)
    return ids


def last_undoable(log: Log, state: SessionState) -> Event | None:
    """The latest change still in effect that "undo" would cancel.

    The roster typed when the session was created is set-up, not a change made in the
    room: a first ctrl+z must not take the last participant away. What a phone sent is
    not the facilitator's last change either: it is deleted or rejected like any entry.
    """
    undone = state.undone
    finished = state.finished  # then only what a finished session still takes
    setup: set[int] | None = None
    for e in log.backwards():
        if e.kind in UNDOABLE and e.id not in undone and (
                not finished or e.kind in AFTER_FINISH) and not from_phone(e):
            if setup is None:
                setup = setup_ids(log)
            if e.id not in setup:
                return e
    return None


def last_redoable(log: Log, state: SessionState) -> Event | None:
    """The latest undo still in effect that "redo" would cancel, as long as no new
    change came after it (a new change ends the redo chain, as in any editor)."""
    undone = state.undone
    for e in log.backwards():
        if e.id in undone:
            continue
        if e.kind == "undo":
            target = log.get(e.data.get("target"))
            if target is not None and target.kind == "undo":
                continue  # a redo: the undo before it may be redone next
            return e if takes_after_finish(log, state, "undo", e.data) else None
        if e.kind in UNDOABLE and not from_phone(e):
            return None
    return None


def from_phone(event: Event) -> bool:
    """Recorded as a phone asked (it carries the id the phone made for it), not by the
    facilitator's keyboard: ctrl+z and ctrl+y walk past it."""
    return isinstance(event.data, dict) and "cid" in event.data


def takes_after_finish(log: Log, state: SessionState, kind: str,
                       data: dict[str, Any]) -> bool:
    """Whether this change may be made now: anything while the session runs; once it
    is finished, only the findings (and an undo of one) and reopening it."""
    if not state.finished:
        return True
    seen: set[object] = set()
    while kind == "undo" and data.get("target") not in seen:
        target = log.get(data.get("target"))
        if target is None:
            break
        seen.add(target.id)  # an undo of an undo (a redo): what it brings back
        kind, data = target.kind, target.data
    return kind in AFTER_FINISH


def check_target(log: Log, state: SessionState, undo: Event) -> None:
    """RuleError when ``undo`` names a change that cannot be undone or already is."""
    target = log.get(undo.data["target"])
    if target is None or (target.kind not in UNDOABLE and target.kind != "undo"):
        raise RuleError(t("That change cannot be undone."))
    if target.id in state.undone:
        raise RuleError(t("That change is already undone."))


def check_final(state: SessionState, new: SessionState) -> None:
    """RuleError when the state after an undo would change results the room has seen
    (``Spec.final``)."""
    for final in hooks("final"):
        why = final(state, new)
        if why is not None:
            raise RuleError(t("That change cannot be undone: {why}", why=why))


def refused(exc: RuleError) -> RuleError:
    """A later change the rules no longer allow once the undone one is gone."""
    return RuleError(t("That change cannot be undone: {why}", why=exc))
