"""The vote step: dot voting (cumulative voting, METHOD.md), blind until revealed.

Each participant has a budget of dots, optionally a cap per item; the rules are checked
once, as the vote folds, whatever channel it came through. A revealed vote is closed
and final: nothing may change its results, not a late dot, a deletion or an undo.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import field, replace
from typing import Any, ClassVar

from workshop.core import rules
from workshop.core.checks import BOOL, DOTS, TEXT, any_of
from workshop.core.errors import RuleError
from workshop.core.events import Event
from workshop.core.kinds.options import DEFAULT_DOTS, one_of, truth, whole
from workshop.core.kinds.spec import (
    Creates,
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
)
from workshop.core.record import record
from workshop.core.state import VOTE_TARGETS, SessionState, Step, VoteRound
from workshop.i18n import N_, Translator, t


def round_options(options: Mapping[str, Any], dots: int, cap: int | None) -> dict[str, Any]:
    """The vote a step asks for, in the order a script stores it: what its options say,
    ``dots`` and ``cap`` (the front matter's) where they say nothing. The one place a
    vote's options are worked out: the script parser, the opening of the vote and the
    demo all use it."""
    blind = options.get("blind", True)
    if isinstance(blind, str):  # a hand-written script stored as text
        blind = blind.strip().lower() not in ("false", "no", "0")
    chosen = options["cap"] if "cap" in options else cap
    return {"target": options.get("target") or "moments", "blind": bool(blind),
            "dots": int(options.get("dots") or dots), "cap": int(chosen) if chosen else None}


def _defaults(given: dict[str, Any], meta: Mapping[str, Any]) -> dict[str, Any]:
    return round_options(given, meta.get("dots", DEFAULT_DOTS), meta.get("cap"))


def _opening(s: SessionState, step: Step) -> list[tuple[str, dict[str, Any]]]:
    """A vote step's vote opens when the step is first worked, with its options."""
    if s.round_for_step(step.index) is not None:
        return []
    options = round_options(step.options, s.dots, s.cap)
    return [("vote_opened", {"step": step.index, "target": options["target"],
                             "dots": options["dots"], "cap": options["cap"],
                             "blind": options["blind"]})]


def _warnings(n: int, options: Mapping[str, Any], before: Collection[str]) -> list[str]:
    out = []
    target, cap, dots = options["target"], options["cap"], options["dots"]
    if target == "moments" and "moments" not in before:
        out.append(t("Step {n} votes on moments, but no moments step comes before it.", n=n))
    if target == "ideas" and "excellence" not in before:
        out.append(t("Step {n} votes on ideas, but no excellence step comes before it.", n=n))
    if cap is not None and cap > dots:
        out.append(t("Step {n}: the cap per item ({cap}) is more than the dots each "
                     "participant has ({dots}).", n=n, cap=cap, dots=dots))
    return out


# ---- how the events fold ---------------------------------------------------------------


def _vote_opened(s: SessionState, e: Event) -> None:
    d = e.data
    rid = d["rid"]
    rules.need(rid not in s.rounds, "Vote {id} already exists.", id=rid)
    target = rules.choice(d["target"], VOTE_TARGETS)
    dots = d["dots"]
    rules.need(isinstance(dots, int) and dots >= 1, "Each participant needs at least one dot.")
    cap = d.get("cap")
    rules.need(cap is None or (isinstance(cap, int) and cap >= 1),
               "The cap per item must be 1 or more.")
    s.rounds[rid] = VoteRound(rid, target, dots, cap, bool(d.get("blind", True)), d.get("step"))


@record
class VoteRefusal:
    """Why a vote is refused: a ``code`` a screen can word its own way (naming the voter
    as its chips do), and ``text()``, the message the rules give (pseudonyms only)."""

    code: str  # no_vote, revealed, no_participant, no_item, whole, none_to_take, budget, cap
    values: dict[str, Any] = field(default_factory=dict)

    MESSAGES: ClassVar[dict[str, str]] = {
        "no_vote": N_("There is no vote {id}."),
        "revealed": N_("This vote is closed: its results are revealed."),
        "no_participant": N_("There is no participant {pid}."),
        "no_item": N_("There is nothing to vote for with number {item}."),
        "whole": N_("A vote adds or removes whole dots."),
        "none_to_take": N_("{who} has no dot on that item to take back."),
        "budget": N_("{who} has no dots left ({dots} each)."),
    }

    def text(self, tr: Translator = t) -> str:
        if self.code == "cap":
            return tr.plural(self.values["cap"],
                             "At most {n} dot per item for each participant.",
                             "At most {n} dots per item for each participant.")
        return tr(self.MESSAGES[self.code], **self.values)


def _open_round(s: SessionState, rid: int,
                pid: int) -> tuple[VoteRound | None, VoteRefusal | None]:
    rnd = s.rounds.get(rid)
    if rnd is None:
        return None, VoteRefusal("no_vote", {"id": rid})
    if rnd.revealed:
        return None, VoteRefusal("revealed")
    if pid not in s.participants:
        return None, VoteRefusal("no_participant", {"pid": pid})
    return rnd, None


def vote_refusal(s: SessionState, rid: int, pid: int, item: int,
                 delta: int) -> VoteRefusal | None:
    """The voting rules for one change of dots (budget per participant, cap per item, no
    negative dots): None when it may be cast."""
    rnd, refused = _open_round(s, rid, pid)
    if rnd is None:
        return refused
    if item not in (s.moments if rnd.target == "moments" else s.ideas):
        return VoteRefusal("no_item", {"item": item})
    if not rules.whole(delta) or delta == 0:
        return VoteRefusal("whole")
    on_item = s.votes.get((rid, pid, item), 0) + delta
    used = s.dots_used(rid, pid) + delta
    # The pseudonym, never the name: a refusal is shown to the room and may be logged.
    who = s.participants[pid].pseudonym
    if on_item < 0:
        return VoteRefusal("none_to_take", {"who": who, "pid": pid, "item": item})
    if used > rnd.dots:
        return VoteRefusal("budget", {"who": who, "pid": pid, "dots": rnd.dots})
    if rnd.cap is not None and on_item > rnd.cap:
        return VoteRefusal("cap", {"cap": rnd.cap, "pid": pid, "item": item})
    return None


def dots_refusal(s: SessionState, rid: int, pid: int,
                 dots: dict[int, int]) -> VoteRefusal | None:
    """The same rules for a voter's whole set of dots at once (item -> dots), as when the
    facilitator types where someone's dots go: None when the set may replace theirs."""
    rnd, refused = _open_round(s, rid, pid)
    if rnd is None:
        return refused
    items = s.moments if rnd.target == "moments" else s.ideas
    who = s.participants[pid].pseudonym
    for item, n in dots.items():
        if item not in items:
            return VoteRefusal("no_item", {"item": item})
        if not rules.whole(n) or n < 0:
            return VoteRefusal("whole")
    if sum(dots.values()) > rnd.dots:
        return VoteRefusal("budget", {"who": who, "pid": pid, "dots": rnd.dots,
                                      "wanted": sum(dots.values())})
    for item, n in dots.items():
        if rnd.cap is not None and n > rnd.cap:
            return VoteRefusal("cap", {"cap": rnd.cap, "pid": pid, "item": item, "wanted": n})
    return None


def dots_changes(s: SessionState, rid: int, pid: int,
                 dots: dict[int, int]) -> list[tuple[int, int]]:
    """(item, delta) that turn a voter's dots into ``dots``: the ones taken back first, so
    no step passes the budget on the way."""
    now = {item: n for (r, p, item), n in s.votes.items() if r == rid and p == pid}
    changes = [(item, dots.get(item, 0) - n) for item, n in now.items()]
    changes += [(item, n) for item, n in dots.items() if item not in now]
    changes = [(item, delta) for item, delta in changes if delta]
    return sorted(changes, key=lambda c: (c[1] > 0, c[0]))


def check_vote(s: SessionState, rid: int, pid: int, item: int, delta: int) -> None:
    """The voting rules: budget per participant, cap per item, no negative dots."""
    refused = vote_refusal(s, rid, pid, item, delta)
    if refused is not None:
        raise RuleError(refused.text())


def _vote_cast(s: SessionState, e: Event) -> None:
    d = e.data
    rid, pid, item, delta = d["rid"], d["pid"], d["item"], d["delta"]
    check_vote(s, rid, pid, item, delta)
    _add_dots(s, (rid, pid, item), delta)


def _add_dots(s: SessionState, key: tuple[int, int, int], delta: int) -> None:
    """The only way dots change: ``votes`` and the per-participant ``used`` together."""
    n = s.votes.get(key, 0) + delta
    if n:
        s.votes[key] = n
    else:
        s.votes.pop(key, None)
    used = s.used.get(key[:2], 0) + delta
    if used:
        s.used[key[:2]] = used
    else:
        s.used.pop(key[:2], None)


def _votes_revealed(s: SessionState, e: Event) -> None:
    rnd = s.rounds.get(e.data["rid"])
    rules.need(rnd is not None, "There is no vote {id}.", id=e.data["rid"])
    assert rnd is not None
    rules.need(not rnd.revealed, "These votes are already revealed.")
    s.rounds[rnd.rid] = replace(rnd, revealed=True, revealed_at=e.at)


# ---- what hangs on moments and ideas ---------------------------------------------------


def _revealed_dots(s: SessionState, target: str, item: int) -> int:
    return sum(n for (rid, _, i), n in s.votes.items()
               if i == item and s.rounds[rid].target == target and s.rounds[rid].revealed)


def _held(s: SessionState, entity: str, key: int) -> list[tuple[str, int]]:
    """(target, item) whose dots would go with the entry."""
    if entity == "moment":
        return [("moments", key)] + [("ideas", i) for i, x in s.ideas.items() if x.mid == key]
    if entity == "idea":
        return [("ideas", key)]
    return []


def _refuse_delete(s: SessionState, entity: str, key: int) -> str | None:
    if any(_revealed_dots(s, *held) for held in _held(s, entity, key)):
        return t("This entry has dots in a vote already revealed: deleting it would change "
                 "the results.")
    return None


def _deleted(s: SessionState, entity: str, key: int) -> None:
    target = {"moment": "moments", "idea": "ideas"}.get(entity)
    if target is None:
        return
    for vote in [k for k in s.votes if k[2] == key and s.rounds[k[0]].target == target]:
        _add_dots(s, vote, -s.votes[vote])


def _refuse_merge(s: SessionState, mid: int, into: int) -> str | None:
    dots = sum(n for (rid, _, item), n in s.votes.items()
               if s.moment_of_item(s.rounds[rid].target, item) == mid)
    if dots:
        return t("Moment {mid} already has votes: merge duplicates before voting.", mid=mid)
    return None


def _final(before: SessionState, after: SessionState) -> str | None:
    """Re-folding puts a cancelled or restored dot before the reveal, where the rules
    allow it; but revealed results are final, like a vote cast after the reveal."""
    for rid, rnd in before.rounds.items():
        if rnd.revealed and rid in after.rounds and after.rounds[rid].revealed:
            if _round_votes(before, rid) != _round_votes(after, rid):
                return t("This vote is closed: its results are revealed.")
    return None


def _round_votes(s: SessionState, rid: int) -> dict[tuple[int, int, int], int]:
    return {key: n for key, n in s.votes.items() if key[0] == rid}


# ---- what it says ----------------------------------------------------------------------


def _cast_moments(d: Any, links: Links) -> tuple[int, ...]:
    item = d.get("item")
    if links.noted("vote", d.get("rid")) == "moments":
        mid = item
    else:
        mid = links.made("idea", item)[1]
    return (mid,) if mid is not None else ()


def _opened_moments(d: Any, links: Links) -> tuple[int, ...]:
    links.note("vote", d.get("rid"), d.get("target"))
    return ()


# ---- the tables ------------------------------------------------------------------------


def _round_row(s: SessionState, key: Key) -> Row | None:
    rnd = s.rounds.get(key[0])
    if rnd is None:
        return None
    # Each vote's own budget: the session's default_dots is only what a script's vote
    # gets when it says none.
    return {"round_id": rnd.rid, "target": rnd.target, "dots_each": rnd.dots,
            "cap_per_item": rnd.cap, "blind": int(rnd.blind),
            "step_number": rnd.step + 1 if isinstance(rnd.step, int) else None,
            "revealed": int(rnd.revealed), "revealed_at": rnd.revealed_at}


def item_columns(target: str | None, item: int) -> Row:
    """What a dot or a place in a ranking is on: a moment or an idea, by the vote's target."""
    ideas = target == "ideas"
    return {"moment_id": None if ideas else item, "idea_id": item if ideas else None}


def _vote_row(s: SessionState, key: Key) -> Row | None:
    n = s.votes.get((key[0], key[1], key[2]))
    if n is None:
        return None
    rnd = s.rounds.get(key[0])
    return {"round_id": key[0], "participant_id": key[1],
            **item_columns(rnd.target if rnd else None, key[2]), "dots": n}


def _study_rounds(s: SessionState, ids: Ids) -> list[Row]:
    return [{"round_id": ids("v", r.rid), "round_number": r.rid,
             "step_number": r.step + 1 if isinstance(r.step, int) else None,
             "target": r.target, "dots_each": r.dots, "cap_per_item": r.cap,
             "blind": int(r.blind), "revealed": int(r.revealed),
             "counts": int(r.revealed or not r.blind)} for r in s.rounds.values()]


def _study_votes(s: SessionState, ids: Ids) -> list[Row]:
    rows = []
    for (rid, pid, item), dots in s.votes.items():
        target = s.rounds[rid].target if rid in s.rounds else None
        rows.append({"vote_id": ids("d", rid, pid, item), "round_id": ids("v", rid),
                     "participant_id": ids("p", pid), "voted_on": target,
                     "moment_id": ids("m", s.moment_of_item(target or "", item)),
                     "idea_id": ids("i", item) if target == "ideas" else None,
                     "dots": dots})
    return rows


STUDY = (
    StudyTable(
        "vote_rounds", "Votes",
        "Each dot vote: on moments or on ideas, how many dots each participant had, and "
        "whether its results were revealed.",
        (StudyColumn("round_id", str, "The vote: the session's UUID and its number."),
         StudyColumn("round_number", int, "Vote 1, vote 2… within the session."),
         StudyColumn("step_number", int, "The step it was held at, as the screen numbers "
                     "them."),
         StudyColumn("target", str, "moments or ideas: what the dots went on."),
         StudyColumn("dots_each", int, "Dots each participant had in this vote."),
         StudyColumn("cap_per_item", int, "Most dots one participant could put on one "
                     "item (empty: no cap)."),
         StudyColumn("blind", int, "1 if nobody saw the dots until they were revealed."),
         StudyColumn("revealed", int, "1 once the results were shown."),
         StudyColumn("counts", int, "1 if its results count (revealed, or not blind).")),
        _study_rounds, label="round_number", facets=("target",)),
    StudyTable(
        "votes", "Dots cast",
        "The dots each participant put on a moment or an idea, per vote.",
        (StudyColumn("vote_id", str, "The session, vote, participant and item."),
         StudyColumn("round_id", str, "The vote they were cast in.", "vote_rounds"),
         StudyColumn("participant_id", str, "Who cast them.", "participants"),
         StudyColumn("voted_on", str, "moments or ideas: what idea_id and moment_id say."),
         StudyColumn("moment_id", str, "The moment voted on, or the moment of the idea "
                     "voted on.", "moments"),
         StudyColumn("idea_id", str, "The idea voted on (a vote on ideas).", "ideas"),
         StudyColumn("dots", int, "How many dots.")),
        _study_votes, facets=("voted_on",)),
)


def _open_vote(s: SessionState, step: Step, d: Mapping[str, Any]) -> dict[str, Any] | None:
    """A dot from a phone goes into the step's vote while it is open."""
    rnd = s.round_for_step(step.index)
    return {"rid": rnd.rid} if rnd is not None and not rnd.revealed else None


# One dot placed (+1) or taken back (−1) on an item, checked by the same rules as the
# dots the facilitator types: budget, cap, blind until revealed.
PHONE_DOT = PhoneEntry(
    "dot", "vote_cast", lambda tr: tr("Place your dots"),
    fields=(PhoneField("item", "item"), PhoneField("delta", "number", low=-1, high=1)),
    context=_open_vote)

VOTE = StepKind(
    "vote", lambda tr: tr("Vote"),
    options={"target": one_of(VOTE_TARGETS, N_("A vote's target must be moments or ideas, "
                                               "not “{value}”.")),
             "blind": truth(N_("blind must be true or false, not “{value}”.")),
             "dots": whole("dots"), "cap": whole("cap")},
    unknown_option=N_("Unknown option “{key}” for a vote step: use {known}."),
    defaults=_defaults,
    option_fields={"target": TEXT, "dots": DOTS, "cap": DOTS, "blind": any_of(BOOL, TEXT)},
    warnings=_warnings,
    opening=_opening,
    phone=(PHONE_DOT,),
)


SPEC = Spec(
    name="vote",
    events=(
        EventSpec("vote_opened", _vote_opened, ("rid", "target", "dots"),
                  fields={"target": TEXT},  # moments or ideas; an undo's target is an event
                  creates=Creates("rid", "rounds", lambda s: s.rounds),
                  category="vote", mark="vote", describe=lambda e, s: t("opening of a vote"),
                  moments=_opened_moments),
        EventSpec("vote_cast", _vote_cast, ("rid", "pid", "item", "delta"), category="vote",
                  contributes=True, mark="vote",
                  describe=lambda e, s: t.plural(e.data["delta"], "{n} dot by {who}",
                                                 "{n} dots by {who}",
                                                 who=s.participant_label(e.data.get("pid"),
                                                                         names=False)),
                  moments=_cast_moments),
        EventSpec("votes_revealed", _votes_revealed, ("rid",), category="vote", mark="vote",
                  describe=lambda e, s: t("reveal of the votes")),
    ),
    tables=(
        Table("vote_rounds", ("round_id",),
              {"round_id": int, "target": str, "dots_each": int, "cap_per_item": int,
               "blind": int, "step_number": int, "revealed": int, "revealed_at": str},
              lambda s: [(k,) for k in s.rounds], _round_row,
              lambda s: [(k,) for k in s.rounds.changed],
              references={"step_number": "steps"}),
        # A dot is on a moment or on an idea (its vote's target): the other column is
        # empty, so the key is the one that is filled.
        Table("votes", ("round_id", "participant_id", "moment_id", "idea_id"),
              {"round_id": int, "participant_id": int, "moment_id": int, "idea_id": int,
               "dots": int},
              lambda s: list(s.votes), _vote_row, lambda s: list(s.votes.changed),
              references={"round_id": "vote_rounds", "participant_id": "participants",
                          "moment_id": "moments", "idea_id": "ideas"},
              key_sql=("round_id", "participant_id", "coalesce(moment_id, idea_id)")),
    ),
    steps=(VOTE,),
    categories={"vote": lambda tr: tr("votes")},
    refuse_delete=_refuse_delete,
    deleted=_deleted,
    refuse_merge=_refuse_merge,
    final=_final,
    study=STUDY,
)
