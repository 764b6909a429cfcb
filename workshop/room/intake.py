"""What a phone sends, checked and recorded through the session's one writer.

A phone names the step its form was made for, the entry it sends (as that step's kind
declares it: ``StepKind.phone``), the id it made for it and the fields it filled in.
The shape of each field is checked here; what the session's rules say of it (a moment
that exists, the vote's budget and cap, a text's length) the core checks as it records
it, exactly as for what the facilitator types. The seat's participant is credited, and
the event says it came from a phone. An entry sent again (the phone lost the answer)
is found by its id and not recorded twice.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from workshop.core.errors import RuleError, SaveError, WorkshopError
from workshop.core.events import Event
from workshop.core.kinds.registry import PHONE
from workshop.core.kinds.room import PHONE as VIA_PHONE
from workshop.core.kinds.room import moderated
from workshop.core.kinds.spec import PhoneEntry, PhoneField
from workshop.core.rules import whole
from workshop.core.state import SessionState
from workshop.i18n import t

# The id a phone makes for an entry: a UUID, or any such token.
_CLIENT_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


class Host(Protocol):
    """The running session, as the room sees it (the TUI's live session provides it)."""

    @property
    def state(self) -> SessionState: ...

    def record(self, kind: str, **data: Any) -> Event:
        """Record a change now, committed but maybe not yet on disk (``sync``);
        RuleError when the rules refuse it, SaveError when the disk does (the
        facilitator is told of that)."""
        ...

    def sync(self) -> bool:
        """Return once every change recorded so far is on disk; SaveError when the disk
        refuses. Called in a worker thread: it must not touch the session's state. True
        when the session's log has grown enough to be folded into its file."""
        ...

    def fold_log(self) -> None:
        """Fold the session's log into its file (``Store.fold_log``), in a worker thread
        too; SaveError when the disk refuses (nothing is lost: the log keeps it)."""
        ...

    def sync_failed(self, error: SaveError) -> None:
        """``sync`` failed (called in the event loop): the facilitator is told."""
        ...


class Refused(Exception):
    """A request the room turns down: an HTTP status and one line for the phone."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Saved:
    event: int  # the id of the event that holds it
    waiting: bool  # held for the facilitator to accept
    again: bool  # it had been saved before: a resend


def entries_for(state: SessionState, step_index: int) -> tuple[PhoneEntry, ...]:
    if not 0 <= step_index < len(state.steps):
        return ()
    return PHONE.get(state.steps[step_index].kind, ())


def _wrong() -> Refused:
    return Refused(400, t("The phone sent something this room cannot read. Reload the page."))


def _field(spec: PhoneField, value: object, state: SessionState) -> object:
    """``value`` as the event stores it, or Refused when it has the wrong shape."""
    if spec.kind == "text":
        if not isinstance(value, str):
            raise _wrong()
        return value
    if spec.kind == "choice":
        if value not in {choice for choice, _ in spec.choices}:
            raise _wrong()
        return value
    if spec.kind == "order":
        if not isinstance(value, list) or len(value) > spec.high \
                or not all(whole(v) for v in value):
            raise _wrong()
        return list(value)
    if not whole(value):
        raise _wrong()
    assert isinstance(value, int)
    if spec.kind == "number" and not spec.low <= value <= spec.high:
        raise _wrong()
    if spec.kind == "moment" and value not in state.moments:
        raise Refused(409, t("That moment is no longer on the board."))
    return value


MOMENT = PhoneField("mid", "moment")


def check_fields(entry: PhoneEntry, fields: object, state: SessionState) -> dict[str, Any]:
    """The fields of ``entry`` a phone filled in, each of the shape it declares."""
    if not isinstance(fields, dict):
        raise _wrong()
    specs = {f.name: f for f in entry.fields}
    if entry.per_moment:
        specs["mid"] = MOMENT
    if set(fields) - set(specs):
        raise _wrong()
    out: dict[str, Any] = {}
    for name, spec in specs.items():
        value = fields.get(name)
        if value is None or value == "":
            if spec.required:
                if spec.kind == "text":
                    raise Refused(422, t("The text is empty."))
                raise _wrong()
            continue
        out[name] = _field(spec, value, state)
    return out


def read_request(body: object) -> tuple[int, str, str, Any]:
    """(step, entry, client id, fields) of a request, or Refused."""
    if not isinstance(body, dict):
        raise _wrong()
    step, entry, cid = body.get("step"), body.get("entry"), body.get("cid")
    if not whole(step) or not isinstance(entry, str) or not isinstance(cid, str):
        raise _wrong()
    if not _CLIENT_ID.fullmatch(cid):
        raise _wrong()
    assert isinstance(step, int)
    return step, entry, cid, body.get("fields")


class Intake:
    """Takes phones' entries into the session; remembers the ids phones made for them."""

    def __init__(self, host: Host, events: list[Event]):
        self.host = host
        # client id -> the event that holds it, from every event of the session (an
        # entry sent before the room was last closed counts too).
        self.seen: dict[str, int] = {}
        for event in events:
            self.remember(event)

    def remember(self, event: Event) -> None:
        cid = event.data.get("cid") if isinstance(event.data, dict) else None
        if isinstance(cid, str) and event.id is not None:
            self.seen.setdefault(cid, event.id)

    def take(self, pid: int, body: object) -> Saved:
        """Record what a seated phone sent; Refused says why not, in one line."""
        step, name, cid, fields = read_request(body)
        if cid in self.seen:
            return Saved(self.seen[cid], waiting=False, again=True)
        state = self.host.state
        entry = next((e for e in entries_for(state, step) if e.name == name), None)
        if entry is None:
            raise _wrong()
        data = check_fields(entry, fields, state)
        if entry.context is not None:
            extra = entry.context(state, state.steps[step], data)
            if extra is None:
                raise Refused(409, t("This step takes no more of these: the facilitator "
                                     "has closed it."))
            data.update(extra)
        waiting = entry.moderated and moderated(state)
        try:
            if waiting:
                event = self.host.record("entry_proposed", event=entry.event, fields=data,
                                         pid=pid, via=VIA_PHONE, cid=cid)
            else:
                event = self.host.record(entry.event, **data, pid=pid, via=VIA_PHONE, cid=cid)
        except RuleError as exc:
            raise Refused(422, str(exc)) from None
        except SaveError:
            raise Refused(503, t("Not saved yet: the laptop could not write it. Your phone "
                                 "will send it again.")) from None
        except WorkshopError as exc:  # a session open read-only, or finished
            raise Refused(409, str(exc)) from None
        assert event.id is not None
        self.seen[cid] = event.id
        return Saved(event.id, waiting=waiting, again=False)


def given(entry: PhoneEntry, state: SessionState, pid: int,
          data: Mapping[str, Any]) -> Any:
    """What the participant gave already for ``data`` (a rating's value), or None."""
    return entry.given(state, pid, data) if entry.given is not None else None
