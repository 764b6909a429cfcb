"""The excellence step: ideas for what excellent would look like at each moment, often
reached through a lateral-thinking prompt card drawn for the moment (METHOD.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from workshop.core import rules
from workshop.core.checks import Text
from workshop.core.events import Event
from workshop.core.kinds.entries import clip, indent, remove_entry
from workshop.core.kinds.session import entry_row
from workshop.core.kinds.spec import (
    Creates,
    Entity,
    EventSpec,
    Ids,
    Key,
    PhoneEntry,
    PhoneField,
    Row,
    Spec,
    StepKind,
    StudyColumn,
    StudyTable,
    Table,
)
from workshop.core.limits import MAX_PROMPT_TEXT
from workshop.core.state import Idea, Moment, PromptDraw, SessionState, Step
from workshop.core.tracked import DataclassInstance
from workshop.i18n import t


def _prompt_drawn(s: SessionState, e: Event) -> None:
    d = e.data
    did = d["did"]
    rules.need(did not in s.prompts, "Entry {id} already exists.", id=did)
    mid = d.get("mid")
    if mid is not None:
        rules.moment(s, mid)
    s.prompts[did] = PromptDraw(did, str(d["prompt_id"]), str(d["technique"]), rules.text(d),
                                mid, e.at)


def _idea_added(s: SessionState, e: Event) -> None:
    d = e.data
    iid = d["iid"]
    rules.need(iid not in s.ideas, "Entry {id} already exists.", id=iid)
    mid = rules.moment(s, d["mid"])
    text = rules.text(d)
    pid = rules.participant(s, d.get("pid"))
    did = d.get("did")
    draw = s.prompts.get(did) if isinstance(did, int) else None
    rules.need(d.get("did") is None or draw is not None, "There is no prompt {id}.",
               id=d.get("did"))
    s.ideas[iid] = Idea(iid, mid, text, pid, draw.did if draw else None,
                        draw.prompt_id if draw else None, draw.technique if draw else None,
                        draw.text if draw else None, e.at)


# ---- what hangs on a moment ------------------------------------------------------------


def _deleted(s: SessionState, entity: str, key: int) -> None:
    if entity != "moment":
        return
    for iid in [k for k, x in s.ideas.items() if x.mid == key]:
        remove_entry(s, "idea", iid)  # with what hangs on the idea (its dots)
    for did, draw in list(s.prompts.items()):
        if draw.mid == key:  # the card was drawn: it stays, for no moment now
            s.prompts[did] = replace(draw, mid=None)


def _merged(s: SessionState, mid: int, into: int) -> None:
    for iid, idea in list(s.ideas.items()):
        if idea.mid == mid:
            s.ideas[iid] = replace(idea, mid=into)
    for did, draw in list(s.prompts.items()):
        if draw.mid == mid:
            s.prompts[did] = replace(draw, mid=into)


def _board(s: SessionState, m: Moment, who: Callable[[int | None], str]) -> list[str]:
    lines = []
    for i in s.ideas.values():
        if i.mid == m.mid:
            how = f" ({i.technique})" if i.technique else ""
            lines.append(indent(f"{i.text}{how} · {who(i.pid)}", "   - " + t("idea") + " "))
    return lines


# ---- the tables ------------------------------------------------------------------------


def _row(items: Callable[[SessionState], Mapping[int, DataclassInstance]]
         ) -> Callable[[SessionState, Key], Row | None]:
    def row(s: SessionState, key: Key) -> Row | None:
        entry = items(s).get(key[0])
        return None if entry is None else entry_row(entry)
    return row


def _study_ideas(s: SessionState, ids: Ids) -> list[Row]:
    return [{"idea_id": ids("i", i.iid), "moment_id": ids("m", i.mid), "text": i.text,
             "technique": i.technique, "prompt": i.prompt_text,
             "participant_id": ids("p", i.pid), "created_at": i.created_at}
            for i in s.ideas.values()]


# ---- from a participant's phone ---------------------------------------------------------


def card_on_screen(s: SessionState) -> PromptDraw | None:
    """The prompt card drawn last, which the room has in front of it."""
    return s.prompts[max(s.prompts)] if s.prompts else None


def _card_for(s: SessionState, step: Step, d: Mapping[str, Any]) -> dict[str, Any]:
    """An idea sent for the moment of the card on screen answers that card."""
    card = card_on_screen(s)
    return {"did": card.did} if card is not None and card.mid == d.get("mid") else {}


PHONE_IDEA = PhoneEntry(
    "idea", "idea_added", lambda tr: tr("Add an idea"),
    fields=(PhoneField("mid", "moment", lambda tr: tr("For the moment")),
            PhoneField("text", "text", lambda tr: tr("What would be excellent"))),
    moderated=True, context=_card_for)

SPEC = Spec(
    name="excellence",
    events=(
        EventSpec("prompt_drawn", _prompt_drawn, ("did", "prompt_id", "technique", "text"),
                  # a card with the moment's name filled in: a card's length
                  fields={"text": Text(MAX_PROMPT_TEXT)},
                  creates=Creates("did", "prompts", lambda s: s.prompts),
                  category="prompt",
                  describe=lambda e, s: t("prompt card “{text}”", text=clip(e.data["text"]))),
        EventSpec("idea_added", _idea_added, ("iid", "mid", "text"),
                  creates=Creates("iid", "ideas", lambda s: s.ideas, "idea"),
                  category="idea", contributes=True,
                  describe=lambda e, s: t("idea “{text}”", text=clip(e.data["text"]))),
    ),
    tables=(
        # Each prompt card drawn (draw_id), the deck's card it was (prompt_id).
        Table("prompts", ("draw_id",),
              {"draw_id": int, "prompt_id": str, "technique": str, "text": str,
               "moment_id": int, "created_at": str},
              lambda s: [(k,) for k in s.prompts], _row(lambda s: s.prompts),
              lambda s: [(k,) for k in s.prompts.changed],
              references={"moment_id": "moments"}, label="text"),
        Table("ideas", ("idea_id",),
              {"idea_id": int, "moment_id": int, "text": str, "participant_id": int,
               "draw_id": int, "prompt_id": str, "technique": str, "prompt_text": str,
               "created_at": str},
              lambda s: [(k,) for k in s.ideas], _row(lambda s: s.ideas),
              lambda s: [(k,) for k in s.ideas.changed],
              references={"moment_id": "moments", "participant_id": "participants",
                          "draw_id": "prompts"}, label="text"),
    ),
    entities=(Entity("idea", lambda s: s.ideas),),
    steps=(StepKind("excellence", lambda tr: tr("Excellence"), phone=(PHONE_IDEA,)),),
    categories={"prompt": lambda tr: tr("prompt cards"), "idea": lambda tr: tr("ideas")},
    study=(StudyTable(
        "ideas", "Ideas for excellence",
        "What excellent would look like at each moment, and the lateral-thinking "
        "technique whose prompt card led to it.",
        (StudyColumn("idea_id", str, "The idea: the session's UUID and its number."),
         StudyColumn("moment_id", str, "The moment it is for.", "moments"),
         StudyColumn("text", str, "The idea, as typed."),
         StudyColumn("technique", str, "The technique of the prompt card it came from "
                     "(analogy, provocation…); empty: free discussion."),
         StudyColumn("prompt", str, "The prompt card's words."),
         StudyColumn("participant_id", str, "Who proposed it (empty: the group).",
                     "participants"),
         StudyColumn("created_at", str, "When it was typed (UTC).")),
        _study_ideas, label="text", facets=("technique",)),),
    deleted=_deleted,
    merged=_merged,
    board=_board,
)
