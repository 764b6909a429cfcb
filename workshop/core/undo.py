"""Undo and redo: which change they take back, and whether they may.

An undo is an event that cancels an earlier one (``undo`` with its ``target``); a redo
is an undo of that undo. Nothing is ever deleted from the log.
"""

from __future__ import annotations

from typing import Any

from workshop.core.errors import RuleError
from workshop.core.events import AFTER_FINISH, Event
from workshop.core.fold import fold
from workshop.core.kinds.registry import UNDOABLE, hooks
from workshop.core.state import SessionState
from workshop.i18n import t


def setup_ids(events: list[Event]) -> set[int]:
    """The session and the roster written when the file was created, all at the same
    instant: set-up, not changes made in the room."""
    first = events[0] if events else None
    if first is None or first.kind != "session_created" or first.id is None:
        return set()
    ids = {first.id}
    for e in events[1:]:
        if e.kind != "participant_added" or e.at != first.at or e.id is None:
            break
        ids.add(e.id)
    return ids


def last_undoable(events: list[Event], state: SessionState) -> Event | None:
    """The latest change still in effect that "undo" would cancel.

    The roster typed when the session was created is set-up, not a change made in the
    room: a first ctrl+z must not take the last participant away.
    """
    undone, setup = state.undone, setup_ids(events)
    finished = state.finished  # then only what a finished session still takes
    for e in reversed(events):
        if e.kind in UNDOABLE and e.id not in undone and e.id not in setup and (
                not finished or e.kind in AFTER_FINISH):
            return e
    return None


def last_redoable(events: list[Event], state: SessionState) -> Event | None:
    """The latest undo still in effect that "redo" would cancel, as long as no new
    change came after it (a new change ends the redo chain, as in any editor)."""
    undone = state.undone
    kinds = {e.id: e.kind for e in events}
    for e in reversed(events):
        if e.id in undone:
            continue
        if e.kind == "undo":
            if kinds.get(e.data.get("target")) == "undo":
                continue  # a redo: the undo before it may be redone next
            return e if takes_after_finish(events, state, "undo", e.data) else None
        if e.kind in UNDOABLE:
            return None
    return None


def takes_after_finish(events: list[Event], state: SessionState, kind: str,
                       data: dict[str, Any]) -> bool:
    """Whether this change may be made now: anything while the session runs; once it
    is finished, only the findings (and an undo of one) and reopening it."""
    if not state.finished:
        return True
    by_id = {e.id: e for e in events} if kind == "undo" else {}
    seen: set[int] = set()
    while kind == "undo" and data.get("target") in by_id and data["target"] not in seen:
        seen.add(data["target"])  # an undo of an undo (a redo): what it brings back
        target = by_id[data["target"]]
        kind, data = target.kind, target.data
    return kind in AFTER_FINISH


def state_after_undo(events: list[Event], state: SessionState, undo: Event) -> SessionState:
    """The state once ``undo`` (not yet in ``events``) takes effect, or RuleError when
    it may not: an unknown or already undone target, a change the rules no longer
    allow back, or results already revealed that would change (``Spec.final``)."""
    target = undo.data["target"]
    by_id = {e.id: e for e in events}
    if target not in by_id or (by_id[target].kind not in UNDOABLE and by_id[target].kind != "undo"):
        raise RuleError(t("That change cannot be undone."))
    if target in state.undone:
        raise RuleError(t("That change is already undone."))
    try:
        new = fold([*events, undo], strict=True)
    except RuleError as exc:
        raise RuleError(t("That change cannot be undone: {why}", why=exc)) from None
    for final in hooks("final"):  # results the room has seen stay as they were
        why = final(state, new)
        if why is not None:
            raise RuleError(t("That change cannot be undone: {why}", why=why))
    return new
