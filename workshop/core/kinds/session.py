"""The session itself: its set-up, the roster, the steps and their clocks.

Not a step kind: every session has these, whatever its script. The undo event is
declared here too; the fold never applies it (``fold`` skips what undo cancels).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace
from typing import Any

from workshop.core import rules
from workshop.core.errors import RuleError
from workshop.core.events import Event
from workshop.core.kinds.gaps import crosshairs_choice
from workshop.core.kinds.spec import (
    Creates,
    EventSpec,
    Ids,
    Key,
    Row,
    Spec,
    StudyColumn,
    StudyTable,
    Table,
)
from workshop.core.limits import MAX_PARTICIPANTS
from workshop.core.state import CLOCK_MODES, Participant, SessionState, Step
from workshop.core.tracked import DataclassInstance
from workshop.i18n import t

# ---- how the events fold ----------------------------------------------------------------


def _session_created(s: SessionState, e: Event) -> None:
    d = e.data
    steps = [
        Step(i, st["title"], st["kind"], float(st.get("minutes") or 0), st.get("body", ""),
             dict(st.get("options") or {}))
        for i, st in enumerate(d["script"].get("steps", []))
    ]
    s.title, s.lang, s.script = d["title"], d["lang"], d["script"]
    s.client, s.facilitator = d.get("client") or "", d.get("facilitator") or ""
    s.created_at = e.at
    s.steps[:] = steps


def _session_edited(s: SessionState, e: Event) -> None:
    clocks = rules.choice(e.data.get("clocks"), CLOCK_MODES)
    for key in ("title", "client", "facilitator"):
        if key in e.data:
            setattr(s, key, str(e.data[key] or ""))
    if clocks is not None:
        s.clocks = clocks


def _session_finished(s: SessionState, e: Event) -> None:
    rules.need(not s.finished, "This session is already finished.")
    pause_all(s, e.at)
    s.finished = True
    s.finished_at = e.at


def _session_reopened(s: SessionState, e: Event) -> None:
    rules.need(s.finished, "This session is not finished.")
    s.finished = False


def _participant_added(s: SessionState, e: Event) -> None:
    d = e.data
    pid = d["pid"]
    rules.need(pid not in s.participants, "Participant {pid} already exists.", pid=pid)
    rules.need(len(s.participants) < MAX_PARTICIPANTS,
               "At most {most} participants: a focus group has six to eight.",
               most=MAX_PARTICIPANTS)
    pseudonym = rules.text(d, "pseudonym")
    s.participants[pid] = Participant(pid, pseudonym, (d.get("name") or "").strip() or None,
                                      (d.get("segment") or "").strip() or None,
                                      bool(d.get("consent")))


def _participant_edited(s: SessionState, e: Event) -> None:
    pid = e.data["pid"]  # a whole number (eventcheck): never the group here
    rules.need(pid in s.participants, "There is no participant {pid}.", pid=pid)
    p = s.participants[pid]
    changes: dict[str, Any] = {key: (e.data[key] or "").strip() or None
                               for key in ("name", "segment", "pseudonym") if key in e.data}
    if "pseudonym" in changes:
        rules.need(bool(changes["pseudonym"]), "The text is empty.")
    if "consent" in e.data:
        changes["consent"] = bool(e.data["consent"])
    s.participants[p.pid] = replace(p, **changes)  # all checked: now change


def pause_all(s: SessionState, at: str) -> None:
    """Stop every running clock at ``at`` (one step's clock runs at a time)."""
    for st in list(s.steps):
        if st.running_since:
            s.steps[st.index] = replace(st, elapsed=st.elapsed_at(at), running_since=None)


def _step(s: SessionState, e: Event) -> int:
    index = e.data["step"]
    rules.need(0 <= index < len(s.steps), "There is no step {step}.", step=index + 1)
    return int(index)


def _step_entered(s: SessionState, e: Event) -> None:
    index = _step(s, e)
    if index != s.current_step:
        pause_all(s, e.at)
    s.current_step = index
    st = s.steps[index]
    if st.entered_at is None:
        s.steps[index] = replace(st, entered_at=e.at)


def _timer_started(s: SessionState, e: Event) -> None:
    index = _step(s, e)
    if s.steps[index].running_since is None:
        pause_all(s, e.at)
        st = s.steps[index]
        s.steps[index] = replace(st, running_since=e.at, entered_at=st.entered_at or e.at)


def _timer_paused(s: SessionState, e: Event) -> None:
    index = _step(s, e)
    st = s.steps[index]
    if st.running_since:
        s.steps[index] = replace(st, elapsed=st.elapsed_at(e.at), running_since=None)


def _undo(s: SessionState, e: Event) -> None:
    raise RuleError(t("Unknown kind of change: {kind}.", kind=e.kind))  # the fold skips it


# ---- what the timeline and an undo notice say -------------------------------------------


def _says_session(e: Event, s: SessionState) -> str:
    return t("change to the session")


def _says_participant_added(e: Event, s: SessionState) -> str:
    return t("participant {who}", who=e.data.get("pseudonym", ""))


def _says_participant_edited(e: Event, s: SessionState) -> str:
    return t("change to participant {who}",
             who=s.participant_label(e.data.get("pid"), names=False))


def _says_step_entered(e: Event, s: SessionState) -> str:
    index = e.data.get("step", -1)
    step = s.steps[index] if isinstance(index, int) and 0 <= index < len(s.steps) else None
    return t("step {n}: {title}", n=e.data.get("step", 0) + 1, title=step.title if step else "")


def _no_moments(d: Any, links: Any) -> tuple[int, ...]:
    return ()


# ---- the readable tables ----------------------------------------------------------------


def _session_row(s: SessionState, key: Key) -> Row:
    return {"session_id": 1, "title": s.title, "client": s.client,
            "facilitator": s.facilitator, "lang": s.lang,
            "script_name": s.script.get("name", ""), "script_title": s.script.get("title", ""),
            "default_dots": s.dots, "default_cap": s.cap,
            "crosshairs": crosshairs_choice(s), "created_at": s.created_at,
            "current_step_number": s.current_step + 1 if s.steps else None,
            "finished": int(s.finished)}


def _step_row(s: SessionState, key: Key) -> Row | None:
    if key[0] > len(s.steps):
        return None
    st = s.steps[key[0] - 1]
    return {"step_number": st.index + 1, "title": st.title, "kind": st.kind,
            "minutes_planned": st.minutes, "elapsed_seconds": round(st.elapsed, 3),
            "running_since": st.running_since, "entered_at": st.entered_at}


# What the readable tables call an entry's fields where the code's short names would be
# cryptic to a researcher: "moment_id" for mid. A step's index is its number as the
# screen shows it (step 1 is the first).
COLUMN_NAMES = {"mid": "moment_id", "pid": "participant_id", "xid": "expectation_id",
                "iid": "idea_id", "did": "draw_id", "nid": "note_id", "aid": "action_id",
                "fid": "finding_id", "rid": "round_id", "kid": "ranking_id",
                "ppid": "proposal_id", "step": "step_number", "name": "real_name"}


def entry_row(entry: DataclassInstance) -> Row:
    """An entry's fields as a row under the tables' names (``COLUMN_NAMES``), true and
    false as 1 and 0 as SQLite keeps them, steps numbered from 1."""
    names = _NAMES.get(type(entry))
    if names is None:
        names = _NAMES[type(entry)] = tuple((f.name, COLUMN_NAMES.get(f.name, f.name))
                                            for f in fields(entry))
    row = {}
    for name, column in names:
        value = getattr(entry, name)
        if isinstance(value, bool):
            value = int(value)
        elif name == "step" and isinstance(value, int):
            value += 1
        row[column] = value
    return row


_NAMES: dict[type, tuple[tuple[str, str], ...]] = {}  # an entry's fields and columns


def _participant_row(s: SessionState, key: Key) -> Row | None:
    p = s.participants.get(key[0])
    return None if p is None else entry_row(p)


def _keys(items: Iterable[Any]) -> list[Key]:
    return [(k,) for k in items]


def _study_participants(s: SessionState, ids: Ids) -> list[Row]:
    return [{"participant_id": ids("p", p.pid), "pseudonym": p.pseudonym,
             "segment": p.segment, "consent": int(p.consent)}
            for p in s.participants.values()]


def _study_steps(s: SessionState, ids: Ids) -> list[Row]:
    rows = []
    for st in s.steps:
        seconds, _ = st.time_taken(s.last_at)
        rows.append({"step_id": ids("s", st.index + 1), "step_number": st.index + 1,
                     "title": st.title, "kind": st.kind, "minutes_planned": st.minutes,
                     "minutes_taken": round(seconds / 60, 1) if seconds else None})
    return rows


STUDY = (
    StudyTable(
        "participants", "Participants",
        "Everyone in each group, by pseudonym (names stay in the session files).",
        (StudyColumn("participant_id", str, "The participant: the session's UUID and "
                     "the participant's number in it (:p3 is P3)."),
         StudyColumn("pseudonym", str, "How every export names them (P3)."),
         StudyColumn("segment", str, "Their segment (families, students…), as typed."),
         StudyColumn("consent", int, "1 if their consent was recorded.")),
        _study_participants, label="pseudonym", facets=("segment",)),
    StudyTable(
        "steps", "Steps",
        "The script's steps of each session, numbered as the facilitator saw them.",
        (StudyColumn("step_id", str, "The step: the session's UUID and its number."),
         StudyColumn("step_number", int, "Its number as the screen shows it (step 1 is "
                     "the first)."),
         StudyColumn("title", str, "Its title in the script."),
         StudyColumn("kind", str, "What kind of step (moments, expectations, vote…)."),
         StudyColumn("minutes_planned", float, "Minutes the script gives it."),
         StudyColumn("minutes_taken", float, "Minutes it took: its clock, else the time "
                     "between step changes; empty if never timed.")),
        _study_steps, label="title", facets=("kind",)),
)


SPEC = Spec(
    name="session",
    events=(
        EventSpec("session_created", _session_created, ("title", "lang", "script"),
                  undoable=False, replay=lambda e, s: t("session created")),
        EventSpec("session_edited", _session_edited, describe=_says_session),
        # Finishing and reopening are undone by each other, each recorded: never an undo.
        EventSpec("session_finished", _session_finished, undoable=False,
                  describe=_says_session, replay=lambda e, s: t("session finished")),
        # A finished session changed again: the facilitator confirmed it, the file says so.
        EventSpec("session_reopened", _session_reopened, undoable=False,
                  describe=_says_session, replay=lambda e, s: t("session reopened")),
        EventSpec("participant_added", _participant_added, ("pid", "pseudonym"),
                  creates=Creates("pid", "participants", lambda s: s.participants),
                  category="participant", describe=_says_participant_added,
                  moments=_no_moments, names=True),
        EventSpec("participant_edited", _participant_edited, ("pid",), category="participant",
                  describe=_says_participant_edited, moments=_no_moments, names=True),
        EventSpec("step_entered", _step_entered, ("step",), undoable=False, category="step",
                  replay=_says_step_entered),
        EventSpec("timer_started", _timer_started, ("step",), undoable=False, category="step",
                  replay=lambda e, s: t("timer started")),
        EventSpec("timer_paused", _timer_paused, ("step",), undoable=False, category="step",
                  replay=lambda e, s: t("timer paused")),
        EventSpec("undo", _undo, ("target",), undoable=False,
                  describe=lambda e, s: t("an undo")),
    ),
    tables=(
        Table("session", ("session_id",),
              {"session_id": int, "title": str, "client": str, "facilitator": str,
               "lang": str, "script_name": str, "script_title": str, "default_dots": int,
               "default_cap": int, "crosshairs": str, "created_at": str,
               "current_step_number": int, "finished": int},
              lambda s: [(1,)] if s.created_at else [], _session_row, None,
              references={"current_step_number": "steps"}, label="title"),
        Table("participants", ("participant_id",),
              {"participant_id": int, "pseudonym": str, "real_name": str, "segment": str,
               "consent": int},
              lambda s: _keys(s.participants), _participant_row,
              lambda s: _keys(s.participants.changed), label="pseudonym"),
        Table("steps", ("step_number",),
              {"step_number": int, "title": str, "kind": str, "minutes_planned": float,
               "elapsed_seconds": float, "running_since": str, "entered_at": str},
              lambda s: [(st.index + 1,) for st in s.steps], _step_row,
              lambda s: [(i + 1,) for i in s.steps.changed_places()], label="title",
              compared=True),
    ),
    categories={"session": lambda tr: tr("session"),
                "participant": lambda tr: tr("participants"),
                "step": lambda tr: tr("steps")},
    study=STUDY,
)
