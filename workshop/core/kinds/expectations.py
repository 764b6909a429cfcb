"""The expectations step: what participants expect at each moment, in words (stated and
latent) and as two 1–5 ratings, the level expected (E) and how usual providers perform
today (P) (METHOD.md: expectation is measured, never derived)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from workshop.core import rules
from workshop.core.events import Event
from workshop.core.kinds.entries import clip, indent
from workshop.core.kinds.feelings import PHONE_FEELING
from workshop.core.kinds.moments import moment_name
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
from workshop.core.state import (
    EXPECTATION,
    EXPECTATION_TYPES,
    PERFORMANCE,
    SCALES,
    Expectation,
    Moment,
    Rating,
    SessionState,
)
from workshop.i18n import N_, decimal, t


def _expectation_added(s: SessionState, e: Event) -> None:
    d = e.data
    xid = d["xid"]
    rules.need(xid not in s.expectations, "Entry {id} already exists.", id=xid)
    s.expectations[xid] = Expectation(xid, rules.moment(s, d["mid"]),
                                      rules.choice(d["type"], EXPECTATION_TYPES),
                                      rules.text(d), rules.participant(s, d.get("pid")), e.at)


def _rating_given(s: SessionState, e: Event) -> None:
    d = e.data
    mid, pid = rules.moment(s, d["mid"]), rules.participant(s, d["pid"])
    rules.need(pid is not None, "A rating needs a participant.")
    assert pid is not None
    value = d["value"]
    rules.need(rules.whole(value) and 1 <= value <= 5, "A rating goes from 1 to 5.")
    scale = rules.choice(d.get("scale") or PERFORMANCE, SCALES)
    s.scale_ratings(scale)[(mid, pid)] = Rating(mid, pid, value, e.at, scale)


# ---- what hangs on a moment ------------------------------------------------------------


def _deleted(s: SessionState, entity: str, key: int) -> None:
    if entity != "moment":
        return
    for xid in [k for k, x in s.expectations.items() if x.mid == key]:
        del s.expectations[xid]
    for scale in SCALES:
        ratings = s.scale_ratings(scale)
        for rk in [k for k in ratings if k[0] == key]:
            del ratings[rk]


def _merged(s: SessionState, mid: int, into: int) -> None:
    for xid, x in list(s.expectations.items()):
        if x.mid == mid:
            s.expectations[xid] = replace(x, mid=into)
    for scale in SCALES:  # a participant who rated both keeps the rating of ``into``
        ratings = s.scale_ratings(scale)
        for (m, pid), rating in list(ratings.items()):
            if m == mid:
                del ratings[(m, pid)]
                if (into, pid) not in ratings:
                    ratings[(into, pid)] = replace(rating, mid=into)


def _board(s: SessionState, m: Moment, who: Callable[[int | None], str]) -> list[str]:
    lines = []
    for x in s.expectations.values():
        if x.mid == m.mid:
            lines.append(indent(f"[{t(x.type)}] {x.text} · {who(x.pid)}",
                                 "   - " + t("expectation") + " "))
    # Both scales, each named (the expected level first, as on the screen): one line of
    # "ratings" was the performance alone, and the expected levels were left out.
    for label, scale in ((N_("expected: {list} (mean {mean})"), s.expected),
                         (N_("performance: {list} (mean {mean})"), s.ratings)):
        ratings = sorted((r.pid, r.value) for r in scale.values() if r.mid == m.mid)
        if ratings:
            listed = ", ".join(f"{who(pid)} {value}" for pid, value in ratings)
            mean = sum(v for _, v in ratings) / len(ratings)
            lines.append("   - " + t(label, list=listed, mean=decimal(mean)))
    return lines


# ---- what it says ----------------------------------------------------------------------


def _says_rating(e: Event, s: SessionState) -> str:
    d = e.data
    who = s.participant_label(d.get("pid"), names=False)
    if d.get("scale") == EXPECTATION:
        return t("expectation rating {value} by {who} on “{text}”", value=d["value"],
                 who=who, text=moment_name(s, d["mid"]))
    return t("rating {value} by {who} on “{text}”", value=d["value"], who=who,
             text=moment_name(s, d["mid"]))


# ---- the tables ------------------------------------------------------------------------


def _expectation_row(s: SessionState, key: Key) -> Row | None:
    x = s.expectations.get(key[0])
    return None if x is None else entry_row(x)


def _rating_row(s: SessionState, key: Key) -> Row | None:
    mid, pid, scale = key
    rating = s.scale_ratings(scale).get((mid, pid)) if scale in SCALES else None
    return None if rating is None else entry_row(rating)


def _rating_keys(s: SessionState, changed: bool = False) -> list[Key]:
    return [(*k, scale) for scale in SCALES
            for k in (s.scale_ratings(scale).changed if changed else s.scale_ratings(scale))]


def _study_expectations(s: SessionState, ids: Ids) -> list[Row]:
    return [{"expectation_id": ids("x", x.xid), "moment_id": ids("m", x.mid),
             "type": x.type, "text": x.text, "participant_id": ids("p", x.pid),
             "created_at": x.created_at} for x in s.expectations.values()]


def _study_ratings(s: SessionState, ids: Ids) -> list[Row]:
    return [{"rating_id": ids("r", r.scale[0], r.mid, r.pid), "moment_id": ids("m", r.mid),
             "participant_id": ids("p", r.pid), "scale": r.scale, "value": r.value,
             "created_at": r.created_at}
            for scale in SCALES for r in s.scale_ratings(scale).values()]


STUDY = (
    StudyTable(
        "expectations", "Expectations in words",
        "What participants expect at each moment: stated, or latent (needed, unsaid).",
        (StudyColumn("expectation_id", str, "The expectation: the session's UUID and "
                     "its number."),
         StudyColumn("moment_id", str, "The moment it is about.", "moments"),
         StudyColumn("type", str, "stated (said) or latent (needed without being said)."),
         StudyColumn("text", str, "The expectation, as typed."),
         StudyColumn("participant_id", str, "Who said it (empty: the group).",
                     "participants"),
         StudyColumn("created_at", str, "When it was typed (UTC).")),
        _study_expectations, label="text", facets=("type",)),
    StudyTable(
        "ratings", "Ratings (1–5)",
        "Each participant's ratings of a moment: the level they expect (expectation) "
        "and how well their usual providers do it today (performance).",
        (StudyColumn("rating_id", str, "The rating: the session, scale, moment and "
                     "participant."),
         StudyColumn("moment_id", str, "The moment rated.", "moments"),
         StudyColumn("participant_id", str, "Who rated it.", "participants"),
         StudyColumn("scale", str, "expectation (1 = the bare minimum will do, 5 = it "
                     "must be excellent) or performance (1 = poor, 5 = excellent)."),
         StudyColumn("value", int, "The rating, 1 to 5."),
         StudyColumn("created_at", str, "When it was given (UTC).")),
        _study_ratings, facets=("scale", "value")),
)


# ---- from a participant's phone ---------------------------------------------------------


def _given(s: SessionState, pid: int, d: Mapping[str, Any]) -> int | None:
    scale = d.get("scale") if d.get("scale") in SCALES else PERFORMANCE
    rating = s.scale_ratings(scale).get((d.get("mid"), pid))  # type: ignore[arg-type]
    return rating.value if rating is not None else None


# What participants say they expect, in their words (latent needs are the facilitator's
# reading, typed on the keyboard).
PHONE_EXPECTATION = PhoneEntry(
    "expectation", "expectation_added", lambda tr: tr("Add an expectation"),
    fields=(PhoneField("mid", "moment", lambda tr: tr("At the moment")),
            PhoneField("text", "text", lambda tr: tr("What you expect there"))),
    moderated=True, context=lambda s, step, d: {"type": "stated"})


# Under each moment, the two 1–5 ratings: the level expected first, as on the screen.
PHONE_RATING = PhoneEntry(
    "rating", "rating_given", lambda tr: tr("Rate each moment"),
    fields=(PhoneField("scale", "choice", None,
                       ((EXPECTATION, lambda tr: tr("The level you expect")),
                        (PERFORMANCE, lambda tr: tr("How they do it today")))),
            PhoneField("value", "number", None, low=1, high=5)),
    per_moment=True, given=_given)


def _summary_lines(state: SessionState) -> list[str]:
    # The journey map's module (and its classes) only for `workshop show`, not as the
    # registry is imported by every start.
    from workshop.core import journey

    return journey.summary_lines(state)


SPEC = Spec(
    name="expectations",
    events=(
        EventSpec("expectation_added", _expectation_added, ("xid", "mid", "text", "type"),
                  creates=Creates("xid", "expectations", lambda s: s.expectations,
                                  "expectation"),
                  category="expectation", contributes=True,
                  describe=lambda e, s: t("expectation “{text}”", text=clip(e.data["text"]))),
        # scale: "performance" (how usual providers do it today) or "expectation" (the
        # level expected); absent means performance, as in files from before the field.
        EventSpec("rating_given", _rating_given, ("mid", "pid", "value"), category="rating",
                  contributes=True, describe=_says_rating),
    ),
    tables=(
        Table("expectations", ("expectation_id",),
              {"expectation_id": int, "moment_id": int, "type": str, "text": str,
               "participant_id": int, "created_at": str},
              lambda s: [(k,) for k in s.expectations], _expectation_row,
              lambda s: [(k,) for k in s.expectations.changed],
              references={"moment_id": "moments", "participant_id": "participants"},
              label="text"),
        Table("ratings", ("moment_id", "participant_id", "scale"),
              {"moment_id": int, "participant_id": int, "value": int, "created_at": str,
               "scale": str},
              _rating_keys, _rating_row, lambda s: _rating_keys(s, changed=True),
              references={"moment_id": "moments", "participant_id": "participants"}),
    ),
    entities=(Entity("expectation", lambda s: s.expectations),),
    # How each moment felt is asked here too (its declaration: ``kinds.feelings``).
    steps=(StepKind("expectations", lambda tr: tr("Expectations"),
                    summary=_summary_lines,
                    phone=(PHONE_EXPECTATION, PHONE_RATING, PHONE_FEELING)),),
    categories={"expectation": lambda tr: tr("expectations"),
                "rating": lambda tr: tr("ratings")},
    study=STUDY,
    deleted=_deleted,
    merged=_merged,
    board=_board,
)
