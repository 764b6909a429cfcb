"""Notes and verbatim quotes, taken at any step (F2, F3), each maybe on a moment and
maybe marked as an insight when typed. Not a step kind: every step takes them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from workshop.core import rules
from workshop.core.events import Event
from workshop.core.kinds.entries import clip, indent
from workshop.core.kinds.session import entry_row
from workshop.core.kinds.spec import (
    Creates,
    Entity,
    EventSpec,
    Ids,
    Key,
    Row,
    Spec,
    StudyColumn,
    StudyTable,
    Table,
)
from workshop.core.state import NOTE_TYPES, Moment, Note, SessionState
from workshop.i18n import t


def _note_added(s: SessionState, e: Event) -> None:
    d = e.data
    nid = d["nid"]
    rules.need(nid not in s.notes, "Entry {id} already exists.", id=nid)
    mid = d.get("mid")
    if mid is not None:
        rules.moment(s, mid)
    s.notes[nid] = Note(nid, rules.choice(d["type"], NOTE_TYPES), rules.text(d),
                        rules.participant(s, d.get("pid")), mid, d.get("step"), e.at,
                        bool(d.get("insight")))


def _deleted(s: SessionState, entity: str, key: int) -> None:
    if entity == "moment":  # a note outlives the moment it was on
        for nid, note in list(s.notes.items()):
            if note.mid == key:
                s.notes[nid] = replace(note, mid=None)


def _merged(s: SessionState, mid: int, into: int) -> None:
    for nid, note in list(s.notes.items()):
        if note.mid == mid:
            s.notes[nid] = replace(note, mid=into)


def note_line(note: Note, who: Callable[[int | None], str]) -> str:
    """A note or a quote on the board (`workshop replay --at`)."""
    if note.type == "quote":
        return t("quote “{text}” · {who}", text=note.text, who=who(note.pid))
    return t("note: {text}", text=note.text)


def _board(s: SessionState, m: Moment, who: Callable[[int | None], str]) -> list[str]:
    return [indent(note_line(note, who), "   - ") for note in s.notes.values()
            if note.mid == m.mid]


def _says(e: Event, s: SessionState) -> str:
    d = e.data
    if d.get("insight"):
        return t("insight “{text}”", text=clip(d["text"]))
    if d.get("type") == "quote":
        return t("quote “{text}”", text=clip(d["text"]))
    return t("note “{text}”", text=clip(d["text"]))


def _note_row(s: SessionState, key: Key) -> Row | None:
    note = s.notes.get(key[0])
    return None if note is None else entry_row(note)


def _study_notes(s: SessionState, ids: Ids) -> list[Row]:
    return [{"note_id": ids("n", n.nid), "type": n.type, "text": n.text,
             "participant_id": ids("p", n.pid), "moment_id": ids("m", n.mid),
             "step_number": n.step + 1 if isinstance(n.step, int) else None,
             "insight": int(n.insight), "created_at": n.created_at}
            for n in s.notes.values()]


SPEC = Spec(
    name="notes",
    events=(
        EventSpec("note_added", _note_added, ("nid", "text", "type"),  # insight: marked when typed
                  creates=Creates("nid", "notes", lambda s: s.notes, "note"),
                  category="note", contributes=True, describe=_says),
    ),
    tables=(
        Table("notes", ("note_id",),
              {"note_id": int, "type": str, "text": str, "participant_id": int,
               "moment_id": int, "step_number": int, "created_at": str, "insight": int},
              lambda s: [(k,) for k in s.notes], _note_row,
              lambda s: [(k,) for k in s.notes.changed],
              references={"participant_id": "participants", "moment_id": "moments",
                          "step_number": "steps"}, label="text"),
    ),
    entities=(Entity("note", lambda s: s.notes, editable={"insight": bool}),),
    categories={"note": lambda tr: tr("notes and quotes")},
    study=(StudyTable(
        "notes", "Notes and quotes",
        "Verbatim quotes and the facilitator's notes, taken at any step.",
        (StudyColumn("note_id", str, "The note: the session's UUID and its number."),
         StudyColumn("type", str, "quote (a participant's words) or note (the "
                     "facilitator's)."),
         StudyColumn("text", str, "As typed."),
         StudyColumn("participant_id", str, "Whose words (a quote).", "participants"),
         StudyColumn("moment_id", str, "The moment it is about, if any.", "moments"),
         StudyColumn("step_number", int, "The step it was taken at, as the screen "
                     "numbers them."),
         StudyColumn("insight", int, "1 if marked as an insight when typed."),
         StudyColumn("created_at", str, "When it was typed (UTC).")),
        _study_notes, label="text", facets=("type", "insight")),),
    deleted=_deleted,
    merged=_merged,
    board=_board,
)
