"""What participants send from their own phones (the room, ``workshop.room``) that the
facilitator has not taken onto the board yet.

A session either takes the phones' entries as they come (each is recorded as its own
kind of event, marked ``via: phone``), or moderates them: a text for the board is first
recorded as a proposal (``entry_proposed``: on disk, so the phone may say "saved") and
becomes its entry when the facilitator accepts it, as sent or edited; that entry's event
carries the proposal's id (``ppid``). A rejection, or a proposal found to repeat an
entry already on the board, is recorded too. Nothing the facilitator has not accepted
reaches the board, the projector or another phone.

What a phone may send during a step is the step kind's to declare (``StepKind.phone``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field, replace
from typing import Any

from workshop.core import rules
from workshop.core.checks import INT, TEXT, json_object
from workshop.core.events import Event
from workshop.core.kinds.entries import clip
from workshop.core.kinds.spec import Creates, EventSpec, Key, Migration, Row, Spec, Table
from workshop.core.record import record
from workshop.core.state import Part, SessionState
from workshop.core.tracked import Tracked
from workshop.i18n import t

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
PHONE = "phone"  # an event's ``via``: it was sent from a participant's phone


@record
class Proposal:
    """Something a phone sent, waiting for the facilitator or accepted or rejected."""

    ppid: int
    event: str  # the event it becomes once accepted ("moment_added")
    fields: dict[str, Any]  # what the phone sent, and what its step added (never changed)
    pid: int | None
    created_at: str = ""
    status: str = PENDING
    # The entry it became (accepted), or the entry already on the board it repeated.
    entry: int | None = None


@record(frozen=False)
class RoomState:
    """What the room keeps in a session's state: the phones' proposals."""

    proposals: Tracked[int, Proposal] = field(default_factory=Tracked)
    moderate: bool = False  # the phones' texts wait for the facilitator


ROOM = Part("room", RoomState)


def proposals(s: SessionState) -> Tracked[int, Proposal]:
    return ROOM.of(s).proposals


def pending(s: SessionState) -> list[Proposal]:
    """What phones sent that waits for the facilitator, oldest first."""
    return [p for _, p in sorted(proposals(s).items()) if p.status == PENDING]


def moderated(s: SessionState) -> bool:
    return ROOM.of(s).moderate


def moderated_events() -> frozenset[str]:
    """The events a phone's text becomes: those the step kinds declare as moderated."""
    from workshop.core.kinds import registry

    return frozenset(entry.event for entries in registry.PHONE.values() for entry in entries
                     if entry.moderated)


# ---- how the events fold ----------------------------------------------------------------


def _entry_proposed(s: SessionState, e: Event) -> None:
    d = e.data
    ppid = d["ppid"]
    rules.need(ppid not in proposals(s), "Entry {id} already exists.", id=ppid)
    rules.need(d["event"] in moderated_events(), "Unknown value: {value} (one of: {allowed}).",
               value=d["event"], allowed=", ".join(sorted(moderated_events())))
    fields = d["fields"]
    rules.need(isinstance(fields, dict), rules.WRONG_TYPE, kind=e.kind)
    if "text" in fields:
        rules.text(fields)
    pid = rules.participant(s, d.get("pid"))
    proposals(s)[ppid] = Proposal(ppid, d["event"], dict(fields), pid, e.at)


def _waiting(s: SessionState, ppid: Any) -> Proposal:
    found = proposals(s).get(ppid)
    rules.need(found is not None, "There is no entry {id}.", id=ppid)
    assert found is not None
    rules.need(found.status == PENDING, "This entry from a phone was already dealt with.")
    return found


def _proposal_rejected(s: SessionState, e: Event) -> None:
    found = _waiting(s, e.data["ppid"])
    into = e.data.get("into")
    rules.need(into is None or rules.whole(into), rules.WRONG_TYPE, kind=e.kind)
    proposals(s)[found.ppid] = replace(found, status=REJECTED, entry=into)


def _moderation_set(s: SessionState, e: Event) -> None:
    ROOM.of(s).moderate = bool(e.data["moderate"])


def _watch(s: SessionState, e: Event) -> Callable[[], None] | None:
    """An entry accepted from the queue names its proposal (``ppid``): it must still be
    waiting, and it is accepted once the entry is on the board."""
    ppid = e.data.get("ppid") if isinstance(e.data, dict) else None
    if ppid is None or e.kind == "entry_proposed" or e.kind == "proposal_rejected":
        return None
    found = _waiting(s, ppid)
    spec = _event_spec(e.kind)
    made = spec.creates.field if spec is not None and spec.creates is not None else None

    def accepted() -> None:
        entry = e.data.get(made) if made else None
        proposals(s)[found.ppid] = replace(found, status=ACCEPTED,
                                           entry=entry if isinstance(entry, int) else None)
    return accepted


def _event_spec(kind: str) -> EventSpec | None:
    from workshop.core.kinds import registry

    return registry.EVENTS.get(kind)


# ---- what it says -----------------------------------------------------------------------


def _says_proposed(e: Event, s: SessionState) -> str:
    text = e.data.get("fields", {}).get("text") if isinstance(e.data.get("fields"), dict) else ""
    return t("entry from a phone “{text}”", text=clip(str(text or "")))


# ---- the readable table ---------------------------------------------------------------


def _proposal_row(s: SessionState, key: Key) -> Row | None:
    p = proposals(s).get(key[0])
    if p is None:
        return None
    text, mid = p.fields.get("text"), p.fields.get("mid")
    return {"proposal_id": p.ppid, "event": p.event,
            "text": text if isinstance(text, str) else None,
            "for_moment_id": mid if isinstance(mid, int) else None, "participant_id": p.pid,
            "status": p.status, "entry_id": p.entry, "created_at": p.created_at}


def _m010_proposals(db: Any) -> None:  # frozen: m011 renamed the columns
    db["proposals"].create({"ppid": int, "event": str, "text": str, "mid": int, "pid": int,
                            "status": str, "entry": int, "created_at": str}, pk="ppid")


SPEC = Spec(
    name="room",
    events=(
        # fields: what the phone sent for the entry (its text, moment, stage…)
        EventSpec("entry_proposed", _entry_proposed, ("ppid", "event", "fields"),
                  fields={"event": TEXT,
                          "fields": json_object({"text": TEXT, "mid": INT, "stage": TEXT,
                                                 "touchpoint": TEXT, "type": TEXT,
                                                 "did": INT, "pid": INT})},
                  creates=Creates("ppid", "proposals", lambda s: proposals(s)),
                  category="phone", describe=_says_proposed),
        # into: the entry on the board it repeats, when it was rejected as a duplicate
        EventSpec("proposal_rejected", _proposal_rejected, ("ppid",), category="phone",
                  describe=lambda e, s: t("an entry from a phone left out")),
        EventSpec("moderation_set", _moderation_set, ("moderate",), undoable=False,
                  describe=lambda e, s: t("change to the session")),
    ),
    tables=(
        # What phones sent while the session moderated them: waiting, accepted (entry:
        # what it became) or rejected (entry: what it repeated, if said).
        # for_moment_id: the moment the phone sent it for, as sent (it may have left the
        # board since); entry_id: the moment, idea… it became or repeated (event says
        # which kind of entry).
        Table("proposals", ("proposal_id",),
              {"proposal_id": int, "event": str, "text": str, "for_moment_id": int,
               "participant_id": int, "status": str, "entry_id": int, "created_at": str},
              lambda s: [(k,) for k in proposals(s)], _proposal_row,
              lambda s: [(k,) for k in proposals(s).changed],
              references={"participant_id": "participants"}, label="text"),
    ),
    migrations=(Migration("m010_proposals", _m010_proposals),),
    categories={"phone": lambda tr: tr("entries from phones")},
    watch=_watch,
)
