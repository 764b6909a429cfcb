"""The wrap-up step: corrective actions and next steps, each maybe for a moment, with
an owner, a date (as typed) and how success is measured."""

from __future__ import annotations

from dataclasses import replace

from workshop.core import rules
from workshop.core.events import Event
from workshop.core.kinds.entries import clip
from workshop.core.kinds.session import entry_row
from workshop.core.kinds.spec import (
    Creates,
    Entity,
    EventSpec,
    Ids,
    Key,
    Row,
    Spec,
    StepKind,
    StudyColumn,
    StudyTable,
    Table,
)
from workshop.core.state import ACTION_TYPES, Action, SessionState
from workshop.i18n import t


def _action_added(s: SessionState, e: Event) -> None:
    d = e.data
    aid = d["aid"]
    rules.need(aid not in s.actions, "Entry {id} already exists.", id=aid)
    mid = d.get("mid")
    if mid is not None:
        rules.moment(s, mid)
    s.actions[aid] = Action(aid, rules.choice(d["type"], ACTION_TYPES), rules.text(d), mid,
                            rules.optional(d.get("owner")), e.at, rules.optional(d.get("due")),
                            rules.optional(d.get("measure")))


def _deleted(s: SessionState, entity: str, key: int) -> None:
    if entity == "moment":  # an action stays, for the whole journey
        for aid, action in list(s.actions.items()):
            if action.mid == key:
                s.actions[aid] = replace(action, mid=None)


def _merged(s: SessionState, mid: int, into: int) -> None:
    for aid, action in list(s.actions.items()):
        if action.mid == mid:
            s.actions[aid] = replace(action, mid=into)


def _action_row(s: SessionState, key: Key) -> Row | None:
    action = s.actions.get(key[0])
    return None if action is None else entry_row(action)


def _study_actions(s: SessionState, ids: Ids) -> list[Row]:
    return [{"action_id": ids("a", a.aid), "type": a.type, "text": a.text,
             "moment_id": ids("m", a.mid), "owner": a.owner, "due": a.due,
             "measure": a.measure, "created_at": a.created_at} for a in s.actions.values()]


SPEC = Spec(
    name="wrapup",
    events=(
        EventSpec("action_added", _action_added, ("aid", "text", "type"),  # owner, due, measure
                  creates=Creates("aid", "actions", lambda s: s.actions, "action"),
                  category="action",
                  describe=lambda e, s: t("action “{text}”", text=clip(e.data["text"]))),
    ),
    tables=(
        Table("actions", ("action_id",),
              {"action_id": int, "type": str, "text": str, "moment_id": int, "owner": str,
               "created_at": str, "due": str, "measure": str},
              lambda s: [(k,) for k in s.actions], _action_row,
              lambda s: [(k,) for k in s.actions.changed],
              references={"moment_id": "moments"}, label="text"),
    ),
    entities=(Entity("action", lambda s: s.actions,
                     editable={"owner": rules.optional, "due": rules.optional,
                               "measure": rules.optional}),),
    steps=(StepKind("wrapup", lambda tr: tr("Wrap-up"), aliases=("wrap-up",)),),
    categories={"action": lambda tr: tr("actions")},
    deleted=_deleted,
    merged=_merged,
    study=(StudyTable(
        "actions", "Corrective actions",
        "Corrective actions and next steps agreed at the wrap-up.",
        (StudyColumn("action_id", str, "The action: the session's UUID and its number."),
         StudyColumn("type", str, "action (a corrective action) or next_step."),
         StudyColumn("text", str, "What is to be done."),
         StudyColumn("moment_id", str, "The moment it serves (empty: the whole journey).",
                     "moments"),
         StudyColumn("owner", str, "Who owns it."),
         StudyColumn("due", str, "By when, as typed."),
         StudyColumn("measure", str, "How success is measured."),
         StudyColumn("created_at", str, "When it was typed (UTC).")),
        _study_actions, label="text", facets=("type",)),),
)
