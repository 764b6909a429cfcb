"""Feelings: how each moment felt, −2 (very bad) to +2 (very good).

Asked in the expectations step beside the two ratings (and, once the room exists, from
participants' phones): each participant marks each moment (``feeling_given``), and where
there is no time for individual marks the facilitator records the group's feeling with
a note of how split the room was (``group_feeling_given``). A new mark replaces the
participant's earlier one; undo takes a mark back like any change.

A declaration of its own rather than part of ``expectations``: feelings have their own
events, tables and state, other channels than the expectations panel will write them,
and the journey map reads them without the ratings. The expectations step shows them
through its own declaration (its ``summary``).

The event's shape is kept small and checked here, whatever channel sends it:
``{"mid", "pid", "value"}`` and ``{"mid", "value", "text"?}``, value a whole number
from −2 to +2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field, replace
from typing import TYPE_CHECKING, Any

from workshop.core import rules
from workshop.core.events import Event
from workshop.core.kinds.entries import clip, indent
from workshop.core.kinds.moments import moment_name
from workshop.core.kinds.session import entry_row
from workshop.core.kinds.spec import (
    EventSpec,
    Ids,
    Key,
    Migration,
    PhoneEntry,
    PhoneField,
    Row,
    Spec,
    StudyColumn,
    StudyTable,
    Table,
)
from workshop.core.record import record
from workshop.core.state import Moment, Part, SessionState
from workshop.core.tracked import Tracked
from workshop.i18n import MINUS, N_, t

if TYPE_CHECKING:  # migrations get it; folding and reading need none
    import sqlite_utils

LOWEST, HIGHEST = -2, 2
OUT_OF_RANGE = N_("A feeling goes from −2 (very bad) to +2 (very good).")


@record
class Feeling:
    """A participant's mark of how a moment felt, −2 … +2."""

    mid: int
    pid: int
    value: int  # −2 … +2
    created_at: str = ""


@record
class GroupFeeling:
    """The room's feeling at a moment as the facilitator read it, where nobody marked it."""

    mid: int
    value: int  # −2 … +2: the room's feeling, as the facilitator read it
    text: str | None = None  # how split the room was, in the facilitator's words
    created_at: str = ""


@record(frozen=False)
class FeelingState:
    """The feelings kept in a session's state (``FEELINGS.of(state)``)."""

    marks: Tracked[tuple[int, int], Feeling] = field(default_factory=Tracked)  # (mid, pid)
    group: Tracked[int, GroupFeeling] = field(default_factory=Tracked)  # mid


FEELINGS = Part("feelings", FeelingState)


def marks(s: SessionState) -> Tracked[tuple[int, int], Feeling]:
    """Every participant's feeling, by (moment, participant)."""
    return FEELINGS.of(s).marks


def group_feelings(s: SessionState) -> Tracked[int, GroupFeeling]:
    """The group's feeling, by moment."""
    return FEELINGS.of(s).group


def asked(s: SessionState) -> bool:
    """Whether anyone recorded a feeling in this session (else: "not asked")."""
    part = FEELINGS.of(s)
    return bool(part.marks or part.group)


def feeling_value(value: object) -> int:
    """A feeling's value, or the rule's refusal: a whole number from −2 to +2."""
    rules.need(rules.whole(value) and LOWEST <= value <= HIGHEST, OUT_OF_RANGE)  # type: ignore[operator]
    assert isinstance(value, int)
    return value


def signed(value: int) -> str:
    """"+2", "0", "−1": a feeling as the screens and the report write it."""
    return f"+{value}" if value > 0 else str(value).replace("-", MINUS)


# ---- from a participant's phone -------------------------------------------------------------


def _phone_given(s: SessionState, pid: int, d: Mapping[str, Any]) -> int | None:
    mark = marks(s).get((d.get("mid"), pid))  # type: ignore[arg-type]
    return mark.value if mark is not None else None


# Under each moment, in the expectations step (which offers it): how it felt, −2 to +2.
PHONE_FEELING = PhoneEntry(
    "feeling", "feeling_given", lambda tr: tr("How it felt (−2 very bad … +2 very good)"),
    fields=(PhoneField("value", "number", None, low=LOWEST, high=HIGHEST, shown=signed),),
    per_moment=True, given=_phone_given)


# ---- how the events fold ------------------------------------------------------------------


def _feeling_given(s: SessionState, e: Event) -> None:
    d = e.data
    mid, pid = rules.moment(s, d["mid"]), rules.participant(s, d["pid"])
    assert pid is not None  # required: the event check refuses a feeling without one
    marks(s)[(mid, pid)] = Feeling(mid, pid, feeling_value(d["value"]), e.at)


def _group_feeling_given(s: SessionState, e: Event) -> None:
    d = e.data
    mid = rules.moment(s, d["mid"])
    value = feeling_value(d["value"])
    group_feelings(s)[mid] = GroupFeeling(mid, value, rules.optional(d.get("text")), e.at)


# ---- what hangs on a moment ---------------------------------------------------------------


def _deleted(s: SessionState, entity: str, key: int) -> None:
    if entity != "moment":
        return
    for k in [k for k in marks(s) if k[0] == key]:
        del marks(s)[k]
    group_feelings(s).pop(key, None)


def _merged(s: SessionState, mid: int, into: int) -> None:
    """A participant who marked both keeps their mark of ``into``; so does the group."""
    found = marks(s)
    for (m, pid), mark in list(found.items()):
        if m == mid:
            del found[(m, pid)]
            if (into, pid) not in found:
                found[(into, pid)] = replace(mark, mid=into)
    group = group_feelings(s)
    moved = group.pop(mid, None)
    if moved is not None and into not in group:
        group[into] = replace(moved, mid=into)


def _board(s: SessionState, m: Moment, who: Callable[[int | None], str]) -> list[str]:
    lines = []
    given = sorted((f.pid, f.value) for f in marks(s).values() if f.mid == m.mid)
    if given:
        listed = ", ".join(f"{who(pid)} {signed(value)}" for pid, value in given)
        lines.append("   - " + t("feelings: {list}", list=listed))
    group = group_feelings(s).get(m.mid)
    if group is not None:
        line = t("group feeling {value}", value=signed(group.value))
        lines.append(indent(f"{line}: {group.text}" if group.text else line, "   - "))
    return lines


# ---- what it says -------------------------------------------------------------------------


def _says_feeling(e: Event, s: SessionState) -> str:
    d = e.data
    return t("feeling {value} by {who} on “{text}”", value=_shown(d.get("value")),
             who=s.participant_label(d.get("pid"), names=False),
             text=moment_name(s, d.get("mid")))


def _says_group(e: Event, s: SessionState) -> str:
    d = e.data
    said = t("group feeling {value} on “{text}”", value=_shown(d.get("value")),
             text=moment_name(s, d.get("mid")))
    return f"{said}: {clip(d['text'])}" if isinstance(d.get("text"), str) and d["text"] else said


def _shown(value: object) -> str:
    return signed(value) if rules.whole(value) else str(value)  # type: ignore[arg-type]


# ---- the tables ---------------------------------------------------------------------------


def _mark_row(s: SessionState, key: Key) -> Row | None:
    mark = marks(s).get((key[0], key[1]))
    return None if mark is None else entry_row(mark)


def _group_row(s: SessionState, key: Key) -> Row | None:
    group = group_feelings(s).get(key[0])
    return None if group is None else entry_row(group)


def _m005_feelings(db: sqlite_utils.Database) -> None:
    db.table("feelings").create({"mid": int, "pid": int, "value": int, "created_at": str},
                          pk=("mid", "pid"))
    db.table("group_feelings").create({"mid": int, "value": int, "text": str, "created_at": str},
                                pk="mid")
    # The note of how split the room was is found by `workshop search`.
    db.table("group_feelings").enable_fts(["text"], create_triggers=True,
                                    tokenize="unicode61 remove_diacritics 2")


# ---- in a study of many sessions ----------------------------------------------------------


def _study_marks(s: SessionState, ids: Ids) -> list[Row]:
    return [{"feeling_id": ids("f", f.mid, f.pid), "moment_id": ids("m", f.mid),
             "participant_id": ids("p", f.pid), "value": f.value, "created_at": f.created_at}
            for f in marks(s).values()]


def _study_group(s: SessionState, ids: Ids) -> list[Row]:
    return [{"group_feeling_id": ids("g", g.mid), "moment_id": ids("m", g.mid),
             "value": g.value, "note": g.text, "created_at": g.created_at}
            for g in group_feelings(s).values()]


STUDY = (
    StudyTable(
        "feelings", "Feelings (−2 to +2)",
        "How each moment felt to each participant: −2 very bad, 0 neither, +2 very good. "
        "A moment's net experience is its positive marks minus its negative ones, over "
        "all its marks.",
        (StudyColumn("feeling_id", str, "The mark: the session, moment and participant."),
         StudyColumn("moment_id", str, "The moment it is about.", "moments"),
         StudyColumn("participant_id", str, "Who gave it.", "participants"),
         StudyColumn("value", int, "The feeling, −2 (very bad) to +2 (very good)."),
         StudyColumn("created_at", str, "When it was given (UTC).")),
        _study_marks, facets=("value",)),
    StudyTable(
        "group_feelings", "The group's feeling",
        "Where there was no time for individual marks, the facilitator's reading of how "
        "the moment felt to the room, with how split it was.",
        (StudyColumn("group_feeling_id", str, "The session and the moment."),
         StudyColumn("moment_id", str, "The moment it is about.", "moments"),
         StudyColumn("value", int, "The room's feeling, −2 (very bad) to +2 (very good)."),
         StudyColumn("note", str, "How split the room was, as the facilitator typed it."),
         StudyColumn("created_at", str, "When it was recorded (UTC).")),
        _study_group, label="note", facets=("value",)),
)


SPEC = Spec(
    name="feelings",
    events=(
        # value: typed as a rating's is (eventcheck.FIELDS), so that 1.5 or true gets the
        # rule's own words rather than a type error.
        EventSpec("feeling_given", _feeling_given, ("mid", "pid", "value"),
                  category="feeling", contributes=True, describe=_says_feeling),
        # text: how split the room was (optional).
        EventSpec("group_feeling_given", _group_feeling_given, ("mid", "value"),
                  category="feeling", describe=_says_group),
    ),
    tables=(
        Table("feelings", ("moment_id", "participant_id"),
              {"moment_id": int, "participant_id": int, "value": int, "created_at": str},
              lambda s: list(marks(s)), _mark_row, lambda s: list(marks(s).changed),
              references={"moment_id": "moments", "participant_id": "participants"}),
        Table("group_feelings", ("moment_id",),
              {"moment_id": int, "value": int, "text": str, "created_at": str},
              lambda s: [(k,) for k in group_feelings(s)], _group_row,
              lambda s: [(k,) for k in group_feelings(s).changed],
              references={"moment_id": "moments"}),
    ),
    migrations=(Migration("m005_feelings", _m005_feelings),),
    categories={"feeling": lambda tr: tr("feelings")},
    study=STUDY,
    deleted=_deleted,
    merged=_merged,
    board=_board,
)
