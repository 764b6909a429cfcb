"""Moments of truth: the board's spine, which every other entry hangs on.

Deleting or merging a moment runs the hooks of every kind (``entries``): each drops or
moves what it hung on the moment, and a kind may refuse (a vote already revealed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from workshop.core import rules
from workshop.core.events import Event
from workshop.core.kinds import entries
from workshop.core.kinds.entries import clip
from workshop.core.kinds.session import entry_row
from workshop.core.kinds.spec import (
    Creates,
    Entity,
    EventSpec,
    Ids,
    Key,
    Links,
    PhoneEntry,
    PhoneField,
    Row,
    Spec,
    StepKind,
    StudyColumn,
    StudyTable,
    Table,
    Tr,
)
from workshop.core.state import (
    STAGES,
    TOUCHPOINTS,
    Moment,
    SessionState,
    stage_label,
    touchpoint_label,
)
from workshop.i18n import t


def _moment_added(s: SessionState, e: Event) -> None:
    d = e.data
    mid = d["mid"]
    rules.need(mid not in s.moments, "Moment {mid} already exists.", mid=mid)
    text = rules.text(d)
    stage = rules.choice(d.get("stage"), STAGES)
    touchpoint = rules.choice(d.get("touchpoint"), TOUCHPOINTS)
    pid = rules.participant(s, d.get("pid"))
    index = rules.position(d.get("index"), len(s.order))
    s.moments[mid] = Moment(mid, text, stage, touchpoint, pid, e.at)
    if index is None:
        s.order.append(mid)
    else:
        s.order.insert(index, mid)


def _moment_edited(s: SessionState, e: Event) -> None:
    d = e.data
    m = s.moments[rules.moment(s, d["mid"])]
    changes: dict[str, Any] = {}
    if "text" in d:
        changes["text"] = rules.text(d)
    if "stage" in d:
        changes["stage"] = rules.choice(d["stage"], STAGES)
    if "touchpoint" in d:
        changes["touchpoint"] = rules.choice(d["touchpoint"], TOUCHPOINTS)
    if "pid" in d:
        changes["pid"] = rules.participant(s, d["pid"])
    s.moments[m.mid] = replace(m, **changes)


def _moment_moved(s: SessionState, e: Event) -> None:
    mid = rules.moment(s, e.data["mid"])
    index = int(e.data["index"])
    rules.need(0 <= index < len(s.order), "There is no position {index}.", index=index + 1)
    s.order.remove(mid)
    s.order.insert(index, mid)


def _moments_merged(s: SessionState, e: Event) -> None:
    mid, into = rules.moment(s, e.data["mid"]), rules.moment(s, e.data["into"])
    rules.need(mid != into, "A moment cannot be merged into itself.")
    entries.merge_moment(s, mid, into)  # every kind moves what hangs on it, or refuses
    s.merged[mid] = s.moments[mid]
    _remove(s, mid)


def _remove(s: SessionState, mid: int) -> None:
    del s.moments[mid]
    s.order.remove(mid)


# ---- what it says ------------------------------------------------------------------------


def moment_name(s: SessionState, mid: Any) -> str:
    m = s.moments.get(mid)
    return clip(m.text) if m else f"#{mid}"


def _merged_moments(d: Any, links: Links) -> tuple[int, ...]:
    return tuple(m for m in (d.get("mid"), d.get("into")) if m is not None)


def _edited_by(d: Any, links: Links) -> int | None:
    pid = d.get("pid")
    if "pid" not in d:  # an edit keeps whoever raised it
        return links.made("moment", d.get("mid"))[0]
    return pid if isinstance(pid, int) else None


# ---- the table ---------------------------------------------------------------------------


def _moment_row(s: SessionState, key: Key) -> Row | None:
    m = s.moments.get(key[0])
    if m is None:
        return None
    order = s.order
    # A moment just raised is the last in the order: its place without searching a list
    # as long as the session (a moment's id is in the order once, so the last place
    # holding it is its place).
    place = len(order) - 1 if order and order[-1] == m.mid else order.index(m.mid)
    return {**entry_row(m), "position": place + 1}  # 1 first, as on screen


def _changed(s: SessionState) -> list[Key]:
    shifted = [s.order[i] for i in s.order.changed_places()]
    return [(mid,) for mid in {*s.moments.changed, *shifted}]


def _study_moments(s: SessionState, ids: Ids) -> list[Row]:
    return [{"moment_id": ids("m", m.mid), "text": m.text, "stage": m.stage,
             "touchpoint": m.touchpoint, "position": position,
             "participant_id": ids("p", m.pid), "created_at": m.created_at}
            for position, m in enumerate(s.ordered_moments(), start=1)]


def _words(label: Callable[[str | None, Tr], str], value: str) -> Callable[[Tr], str]:
    """A choice's words in the phone's language ("before", "antes")."""
    return lambda tr: label(value, tr)


# A participant's phone adds a moment, with its stage and touchpoint if they know them.
PHONE_MOMENT = PhoneEntry(
    "moment", "moment_added", lambda tr: tr("Add a moment"),
    fields=(PhoneField("text", "text", lambda tr: tr("The moment")),
            PhoneField("stage", "choice", lambda tr: tr("When"),
                       tuple((st, _words(stage_label, st)) for st in STAGES),
                       required=False),
            PhoneField("touchpoint", "choice", lambda tr: tr("Touchpoint"),
                       tuple((tp, _words(touchpoint_label, tp)) for tp in TOUCHPOINTS),
                       required=False)),
    moderated=True)

SPEC = Spec(
    name="moments",
    events=(
        EventSpec("moment_added", _moment_added, ("mid", "text"),
                  creates=Creates("mid", "moments", lambda s: s.moments, "moment"),
                  category="moment", contributes=True,
                  describe=lambda e, s: t("moment “{text}”", text=clip(e.data["text"]))),
        EventSpec("moment_edited", _moment_edited, ("mid",), category="moment",
                  describe=lambda e, s: t("edit of moment “{text}”",
                                          text=moment_name(s, e.data["mid"])),
                  by=_edited_by),
        EventSpec("moment_moved", _moment_moved, ("mid", "index"), category="moment",
                  describe=lambda e, s: t("move of moment “{text}”",
                                          text=moment_name(s, e.data["mid"]))),
        EventSpec("moments_merged", _moments_merged, ("mid", "into"), category="moment",
                  describe=lambda e, s: t("merge into “{text}”",
                                          text=moment_name(s, e.data["into"])),
                  moments=_merged_moments),
    ),
    tables=(
        Table("moments", ("moment_id",),
              {"moment_id": int, "text": str, "stage": str, "touchpoint": str,
               "participant_id": int, "created_at": str, "position": int},
              lambda s: [(m,) for m in s.moments], _moment_row, _changed,
              references={"participant_id": "participants"}, label="text"),
    ),
    entities=(Entity("moment", lambda s: s.moments, delete=_remove),),
    steps=(StepKind("moments", lambda tr: tr("Moments of truth"), phone=(PHONE_MOMENT,)),),
    categories={"moment": lambda tr: tr("moments")},
    study=(StudyTable(
        "moments", "Moments of truth",
        "Each group's moments of truth along its customer journey (merged duplicates "
        "counted once, under the moment they were merged into).",
        (StudyColumn("moment_id", str, "The moment: the session's UUID and its number."),
         StudyColumn("text", str, "The moment, as typed."),
         StudyColumn("stage", str, "Journey stage: before, during or after the purchase."),
         StudyColumn("touchpoint", str, "direct (the company controls it) or indirect."),
         StudyColumn("position", int, "Its place along the journey, 1 first."),
         StudyColumn("participant_id", str, "Who raised it (empty: the group).",
                     "participants"),
         StudyColumn("created_at", str, "When it was typed (UTC).")),
        _study_moments, label="text", facets=("stage", "touchpoint")),),
)
