"""The ranking step: each participant puts their top N moments (or ideas) in order, and
the order is scored with the Borda count (METHOD.md).

With n options on the board, the option a participant puts in place r earns n − r
points; an option they leave out earns none (rank them all and it is the whole Borda
count). The points are shown beside the dot votes: a column in the gaps step (the
latest ranking on moments), a section of the report's priorities, lines in `workshop
show`. A participant's order is one event, entered again whole when it changes; an
empty order takes theirs back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import field
from typing import TYPE_CHECKING, Any, cast

from workshop.core import rules
from workshop.core.checks import DOTS, INT, TEXT, json_list
from workshop.core.events import Event
from workshop.core.kinds.options import one_of, whole
from workshop.core.kinds.session import entry_row
from workshop.core.kinds.spec import (
    Column,
    Creates,
    EventSpec,
    Key,
    Links,
    Migration,
    MomentColumn,
    PhoneEntry,
    PhoneField,
    ReportWords,
    Row,
    Section,
    Spec,
    StepKind,
    Table,
    Tr,
)
from workshop.core.kinds.vote import item_columns
from workshop.core.limits import MAX_DOTS
from workshop.core.record import record
from workshop.core.state import VOTE_TARGETS, Part, SessionState, Step
from workshop.core.tracked import Tracked
from workshop.i18n import N_, t

if TYPE_CHECKING:  # migrations get it; folding and reading need none
    import sqlite_utils

DEFAULT_TOP = 3  # places each participant fills where the script does not say
CHART_BARS = 12  # the report's chart shows the options with most points


@record(slots=True)
class RankingRound:
    """A ranking opened at a step: what is ranked and how many places each fills."""

    kid: int
    target: str  # moments | ideas
    top: int  # places each participant fills
    step: int | None = None


@record(frozen=False)
class RankingState:
    """The rankings kept in a session's state."""

    rounds: Tracked[int, RankingRound] = field(default_factory=Tracked)
    # (round, participant, item) -> place (1 = first): what the ranks table holds
    ranks: Tracked[tuple[int, int, int], int] = field(default_factory=Tracked)
    # (round, participant) -> their order, first place first (kept beside ``ranks``)
    orders: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict)


RANKINGS = Part("ranking", RankingState)


def rounds(s: SessionState) -> Tracked[int, RankingRound]:
    return RANKINGS.of(s).rounds


def round_for_step(s: SessionState, step: int) -> RankingRound | None:
    for rnd in rounds(s).values():
        if rnd.step == step:
            return rnd
    return None


def order_of(s: SessionState, kid: int, pid: int) -> tuple[int, ...]:
    return RANKINGS.of(s).orders.get((kid, pid), ())


def options(s: SessionState, target: str) -> list[int]:
    """What may be ranked, along the journey: the moments, or the ideas by their moment."""
    if target == "moments":
        return list(s.order)
    position = {mid: i for i, mid in enumerate(s.order)}
    return [i.iid for i in sorted(s.ideas.values(),
                                  key=lambda i: (position.get(i.mid, len(position)), i.iid))]


# ---- the Borda count ----------------------------------------------------------------------


@record
class RankRow:
    """One option's Borda points, first places and rank."""

    item: int
    points: int
    firsts: int  # how many put it first
    ranked_by: int  # how many put it anywhere in their order
    rank: int  # 1 for the most points; ties share a rank ("1, 1, 3")


@record
class RankingResult:
    """A ranking's Borda count, the options with most points first."""

    kid: int
    target: str
    top: int
    n: int  # options on the board: the first place earns n − 1 points
    rankers: int  # participants who gave an order
    rows: tuple[RankRow, ...]  # most points first, then most first places, then journey


def borda(s: SessionState, kid: int) -> RankingResult:
    """The Borda count of one ranking: place r of n options earns n − r points."""
    rnd = rounds(s)[kid]
    items = options(s, rnd.target)
    n = len(items)
    points = dict.fromkeys(items, 0)
    firsts = dict.fromkeys(items, 0)
    ranked_by = dict.fromkeys(items, 0)
    rankers = 0
    for (round_id, _pid), order in RANKINGS.of(s).orders.items():
        if round_id != kid or not order:
            continue
        rankers += 1
        for place, item in enumerate(order, start=1):
            if item in points:
                points[item] += n - place
                ranked_by[item] += 1
        if order[0] in firsts:
            firsts[order[0]] += 1
    along = {item: i for i, item in enumerate(items)}
    ordered = sorted(items, key=lambda i: (-points[i], -firsts[i], along[i]))
    rows: list[RankRow] = []
    for item in ordered:
        rank = rows[-1].rank if rows and rows[-1].points == points[item] else len(rows) + 1
        rows.append(RankRow(item, points[item], firsts[item], ranked_by[item], rank))
    return RankingResult(kid, rnd.target, rnd.top, n, rankers, tuple(rows))


def latest_on_moments(s: SessionState) -> RankingResult | None:
    """The latest ranking of moments that someone gave an order in (the gaps step's)."""
    for kid in sorted(rounds(s), reverse=True):
        if rounds(s)[kid].target == "moments":
            result = borda(s, kid)
            if result.rankers:
                return result
    return None


# ---- the step ---------------------------------------------------------------------------


def _defaults(given: dict[str, Any], meta: Mapping[str, Any]) -> dict[str, Any]:
    return {"target": given.get("target") or "moments", "top": int(given.get("top") or DEFAULT_TOP)}


def _warnings(n: int, opts: Mapping[str, Any], before: Collection[str]) -> list[str]:
    if opts["target"] == "moments" and "moments" not in before:
        return [t("Step {n} ranks moments, but no moments step comes before it.", n=n)]
    if opts["target"] == "ideas" and "excellence" not in before:
        return [t("Step {n} ranks ideas, but no excellence step comes before it.", n=n)]
    return []


def _opening(s: SessionState, step: Step) -> list[tuple[str, dict[str, Any]]]:
    """A ranking step's ranking opens when the step is first worked, with its options."""
    if round_for_step(s, step.index) is not None:
        return []
    opts = _defaults(step.options, {})
    return [("ranking_opened", {"step": step.index, "target": opts["target"],
                                "top": opts["top"]})]


# ---- how the events fold ----------------------------------------------------------------


def _ranking_opened(s: SessionState, e: Event) -> None:
    d = e.data
    kid = d["kid"]
    rules.need(kid not in rounds(s), "Ranking {id} already exists.", id=kid)
    target = rules.choice(d["target"], VOTE_TARGETS)
    top = d["top"]
    rules.need(isinstance(top, int) and 1 <= top <= MAX_DOTS,
               "Each participant ranks from 1 to {most} places.", most=MAX_DOTS)
    rounds(s)[kid] = RankingRound(kid, target, top, d.get("step"))


def _ranking_given(s: SessionState, e: Event) -> None:
    d = e.data
    kid, pid, items = d["kid"], d["pid"], d["items"]
    rnd = rounds(s).get(kid)
    rules.need(rnd is not None, "There is no ranking {id}.", id=kid)
    assert rnd is not None
    rules.need(pid in s.participants, "There is no participant {pid}.", pid=pid)
    rules.need(isinstance(items, list) and all(type(i) is int for i in items),
               rules.WRONG_TYPE, kind=e.kind)
    rules.need(len(set(items)) == len(items), "An option can have only one place.")
    rules.need(len(items) <= rnd.top, "Each participant ranks their top {top}.", top=rnd.top)
    there = s.moments if rnd.target == "moments" else s.ideas
    for item in items:
        rules.need(item in there, "There is nothing to rank with number {item}.", item=item)
    _set_order(s, kid, pid, tuple(items))


def _set_order(s: SessionState, kid: int, pid: int, order: tuple[int, ...]) -> None:
    """The only way an order changes: ``orders`` and the ranks table's rows together."""
    part = RANKINGS.of(s)
    for item in part.orders.get((kid, pid), ()):
        part.ranks.pop((kid, pid, item), None)
    if order:
        part.orders[(kid, pid)] = order
        for place, item in enumerate(order, start=1):
            part.ranks[(kid, pid, item)] = place
    else:
        part.orders.pop((kid, pid), None)


# ---- what hangs on moments and ideas -----------------------------------------------------


def _deleted(s: SessionState, entity: str, key: int) -> None:
    """An option deleted leaves every order it was in; the places after it move up."""
    target = {"moment": "moments", "idea": "ideas"}.get(entity)
    if target is None:
        return
    part = RANKINGS.of(s)
    for (kid, pid), order in list(part.orders.items()):
        if key in order and part.rounds[kid].target == target:
            _set_order(s, kid, pid, tuple(i for i in order if i != key))


def _refuse_merge(s: SessionState, mid: int, into: int) -> str | None:
    part = RANKINGS.of(s)
    if any(mid in order and part.rounds[kid].target == "moments"
           for (kid, _), order in part.orders.items()):
        return t("Moment {mid} is already ranked: merge duplicates before ranking.", mid=mid)
    return None


# ---- what it says -------------------------------------------------------------------------


def _opened_moments(d: Any, links: Links) -> tuple[int, ...]:
    links.note("ranking", d.get("kid"), d.get("target"))
    return ()


def _given_moments(d: Any, links: Links) -> tuple[int, ...]:
    items = d.get("items") if isinstance(d.get("items"), list) else []
    if links.noted("ranking", d.get("kid")) == "moments":
        return tuple(i for i in items if isinstance(i, int))
    found = (links.made("idea", i)[1] for i in items)
    return tuple(dict.fromkeys(mid for mid in found if mid is not None))


def _says_given(e: Event, s: SessionState) -> str:
    who = s.participant_label(e.data.get("pid"), names=False)
    if not e.data.get("items"):
        return t("ranking by {who} taken back", who=who)
    return t("ranking by {who}", who=who)


def _label(s: SessionState, target: str, item: int, number: Mapping[int, int]) -> str:
    if target == "moments":
        moment = s.moments.get(item)
        return f"{number.get(item, '?')} {moment.text}" if moment else str(item)
    idea = s.ideas.get(item)
    return f"{idea.text} ({number.get(idea.mid, '?')})" if idea else str(item)


def _target_words(tr: Tr, target: str) -> str:
    return tr("moments of truth") if target == "moments" else tr("ideas")


def _plurals(tr: Tr) -> Callable[..., str]:
    """``tr.plural`` (every translator has one; the room and the report hold theirs as a
    plain Tr); else ``tr`` with the English rule."""
    found = getattr(tr, "plural", None)
    if found is not None:
        return cast(Callable[..., str], found)
    return lambda n, one, many, **values: tr(one if n == 1 else many, n=n, **values)


def rules_line(tr: Tr, result: RankingResult, people: int) -> str:
    # Two sentences, each counted by its own number: "1 of 1 participants" was one.
    plural = _plurals(tr)
    who = plural(people, "{rankers} of {people} participant put their top {top} of the "
                 "options in order.", "{rankers} of {people} participants put their top {top} "
                 "of the options in order.", rankers=result.rankers, people=people,
                 top=result.top)
    count = plural(result.n, "Borda count: with {n} option, place r earns {n} − r points (a "
                   "first place {first}); an option left out earns none.", "Borda count: with "
                   "{n} options, place r earns {n} − r points (a first place {first}); an "
                   "option left out earns none.", first=max(0, result.n - 1))
    return f"{who} {count}"


def _summary(s: SessionState) -> list[str]:
    lines: list[str] = []
    number = {mid: i for i, mid in enumerate(s.order, start=1)}
    for kid in sorted(rounds(s)):
        result = borda(s, kid)
        lines += ["", t("Ranking {n} on {target}:", n=kid,
                        target=_target_words(t, result.target)),
                  "  " + rules_line(t, result, len(s.participants))]
        for row in result.rows:
            if row.points:
                lines.append(f"  {row.rank:>2}. {row.points:>3}  "
                             f"{_label(s, result.target, row.item, number)}")
    return lines


def _gap_columns(s: SessionState, tr: Tr) -> list[MomentColumn]:
    result = latest_on_moments(s)
    if result is None:
        return []
    return [MomentColumn("borda", tr("Borda"), {row.item: row.points for row in result.rows})]


def _report(words: ReportWords) -> list[Section]:
    s, tr = words.state, words.t

    def label(target: str, item: int) -> str:
        if target == "moments":
            return words.moment(item)
        idea = s.ideas[item]
        return f"{words.text(idea.text)} ({words.moment(idea.mid)})"

    out = []
    for kid in sorted(rounds(s)):
        result = borda(s, kid)
        target = _target_words(tr, result.target)
        heading = tr("Ranking {n}: {target}", n=kid, target=target)
        if not result.rankers:
            out.append(Section(f"ranking_{kid}", heading,
                               note=tr("Nobody gave an order in this ranking.")))
            continue

        scored = [row for row in result.rows if row.points or row.ranked_by]
        shown = [row for row in scored if row.points][:CHART_BARS]
        out.append(Section(
            f"ranking_{kid}", heading,
            paragraphs=(rules_line(tr, result, len(s.participants)),),
            caption=tr("Ranking {n}: Borda points per option", n=kid),
            columns=(Column(tr("Rank"), 0.6, True),
                     Column(tr("Moment") if result.target == "moments" else tr("Idea"), 4),
                     Column(tr("Points"), 0.8, True), Column(tr("First places"), 1, True),
                     Column(tr("Ranked by"), 1, True)),
            rows=tuple((str(row.rank), label(result.target, row.item), str(row.points),
                        str(row.firsts), str(row.ranked_by)) for row in scored),
            chart_title=tr("Ranking {n}: {target}", n=kid, target=target),
            axis=tr("Borda points"),
            bars=tuple((label(result.target, row.item), float(row.points), str(row.points))
                       for row in shown)))
    return out


# ---- the tables ---------------------------------------------------------------------------


def _round_row(s: SessionState, key: Key) -> Row | None:
    rnd = rounds(s).get(key[0])
    return None if rnd is None else entry_row(rnd)


def _rank_row(s: SessionState, key: Key) -> Row | None:
    place = RANKINGS.of(s).ranks.get((key[0], key[1], key[2]))
    if place is None:
        return None
    rnd = rounds(s).get(key[0])
    return {"ranking_id": key[0], "participant_id": key[1],
            **item_columns(rnd.target if rnd else None, key[2]), "rank": place}


def _m004_rankings(db: sqlite_utils.Database) -> None:
    db.table("rankings").create({"kid": int, "target": str, "top": int, "step": int}, pk="kid")
    db.table("ranks").create({"kid": int, "pid": int, "item": int, "rank": int},
                       pk=("kid", "pid", "item"))


def _open_ranking(s: SessionState, step: Step, d: Mapping[str, Any]) -> dict[str, Any] | None:
    """An order from a phone goes into the step's ranking once it is open."""
    rnd = round_for_step(s, step.index)
    return {"kid": rnd.kid} if rnd is not None else None


# A participant's whole order, first place first, sent again whole at each tap (an empty
# one takes theirs back), checked by the same rules as an order the facilitator types.
PHONE_RANK = PhoneEntry(
    "rank", "ranking_given", lambda tr: tr("Your order"),
    fields=(PhoneField("items", "order", high=MAX_DOTS),),
    context=_open_ranking)

RANKING = StepKind(
    "ranking", lambda tr: tr("Ranking"),
    options={"target": one_of(VOTE_TARGETS, N_("A ranking's target must be moments or ideas, "
                                               "not “{value}”.")),
             "top": whole("top")},
    unknown_option=N_("Unknown option “{key}” for a ranking step: use {known}."),
    defaults=_defaults,
    option_fields={"target": TEXT, "top": DOTS},
    warnings=_warnings,
    opening=_opening,
    gap_columns=_gap_columns,
    report=_report,
    summary=_summary,
    phone=(PHONE_RANK,),
)

SPEC = Spec(
    name="ranking",
    events=(
        EventSpec("ranking_opened", _ranking_opened, ("kid", "target", "top"),
                  fields={"kid": INT, "target": TEXT, "top": DOTS},
                  creates=Creates("kid", "rankings", rounds),
                  category="ranking", mark="vote",
                  describe=lambda e, s: t("opening of a ranking"), moments=_opened_moments),
        EventSpec("ranking_given", _ranking_given, ("kid", "pid", "items"),
                  fields={"kid": INT, "items": json_list(INT)},
                  category="ranking", contributes=True, mark="vote", describe=_says_given,
                  moments=_given_moments),
    ),
    tables=(
        Table("rankings", ("ranking_id",),
              {"ranking_id": int, "target": str, "top": int, "step_number": int},
              lambda s: [(k,) for k in rounds(s)], _round_row,
              lambda s: [(k,) for k in rounds(s).changed], references={"step_number": "steps"}),
        # A place is for a moment or an idea (the ranking's target), as a vote's dots.
        Table("ranks", ("ranking_id", "participant_id", "moment_id", "idea_id"),
              {"ranking_id": int, "participant_id": int, "moment_id": int, "idea_id": int,
               "rank": int},
              lambda s: list(RANKINGS.of(s).ranks), _rank_row,
              lambda s: list(RANKINGS.of(s).ranks.changed),
              references={"ranking_id": "rankings", "participant_id": "participants",
                          "moment_id": "moments", "idea_id": "ideas"},
              key_sql=("ranking_id", "participant_id", "coalesce(moment_id, idea_id)")),
    ),
    migrations=(Migration("m004_rankings", _m004_rankings),),
    steps=(RANKING,),
    categories={"ranking": lambda tr: tr("rankings")},
    deleted=_deleted,
    refuse_merge=_refuse_merge,
)
