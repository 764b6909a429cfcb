"""The numbers of a session: vote tallies, ratings, importance, gaps, participation.

Pure functions of a ``SessionState`` (and small helpers on plain numbers, which the
tests work by hand). Results are frozen dataclasses in a fixed order: along the
journey for moments, by rank for tallies, by roster for participants. Nothing here
formats a number for a page; labels go through ``t()``.

The formulas (METHOD.md):

- Dot voting: S_j = dots on item j. Ranks are competition ranks ("1, 1, 3"); Borda
  points n − r turn a rank among n items into a score where ties score alike.
- Performance P_j and expectation E_j: the means of the 1–5 ratings of moment j on
  each scale (how usual providers do it today; the level expected there), each with
  n, the sample standard deviation (n − 1; none for a single rating) and the range.
  Expectation is measured, never derived: without E ratings it is None.
- Importance I_j = S_j / ΣS: moment j's share of all the dots in the latest vote on
  moments. With only a vote on ideas, each idea's dots count for its moment. A blind
  vote counts once it is revealed (``include_hidden`` for a researcher who wants it).
- Gap (SERVQUAL style, paired): g_ij = P_ij − E_ij for each participant i who gave
  moment j both ratings; the gap is the mean of g_ij, with that n. Negative falls short.
  Without pairs there is no gap, and the row says why (``gap_reason``).
- Weighted priority = I_j × max(0, −gap_j): shortfall times importance.
- Importance–performance analysis (Martilla & James, 1977): the cross-hairs sit at
  the means of I and P over the moments that have both ("data"), or at the scale's
  midpoint 3 and an equal share 1/n ("scale"), as the script chooses. A value on a
  cross-hair counts as high. A "possible overkill" or "keep up the good work" moment
  rated below the midpoint says so (``GapRow.below_midpoint``): at the means, the best
  of poor ratings is high without being good.
- Small samples: a spread is offered only from ``SPREAD_FROM`` values on.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from workshop.core.kinds.gaps import DEFAULT_CROSSHAIRS as DEFAULT_CROSSHAIRS
from workshop.core.kinds.gaps import crosshairs_choice as crosshairs_choice

# The vote counts (``tally``) and the cross-hairs' choice (the gaps kind's) live where a
# session opening on a vote's ranking can read them without this module; here too, as
# the rest of the numbers rest on them.
from workshop.core.record import record
from workshop.core.state import CROSSHAIRS, EXPECTATION, PERFORMANCE, SessionState, VoteRound
from workshop.core.tally import Tally as Tally
from workshop.core.tally import TallyRow as TallyRow
from workshop.core.tally import borda_points as borda_points
from workshop.core.tally import competition_ranks as competition_ranks
from workshop.core.tally import counts as _counts
from workshop.core.tally import idea_votes as idea_votes
from workshop.core.tally import moment_votes as moment_votes
from workshop.core.tally import tallies as tallies
from workshop.core.tally import tally as tally
from workshop.i18n import MINUS, Translator, decimal, t

# Quadrant keys, in the reading order of the 2×2 chart.
CONCENTRATE, KEEP, LOW, OVERKILL = "concentrate", "keep", "low", "overkill"
QUADRANTS = (CONCENTRATE, KEEP, LOW, OVERKILL)


# ---- helpers on plain numbers --------------------------------------------------------

MIDPOINT = 3  # of the 1–5 scales
SPREAD_FROM = 5  # METHOD.md: show a spread only with n ≥ 5, and call it spread
# Why a moment has no gap: the session has no expectation ratings at all (recorded
# before they existed, or the step skipped them), or nobody rated this moment on both.
NOT_MEASURED, NO_PAIRS = "not_measured", "no_pairs"


def mean_and_spread(values: Sequence[float]) -> tuple[float | None, float | None]:
    """Mean and sample standard deviation (n − 1); (None, None) without values and no
    spread from a single value."""
    n = len(values)
    if n == 0:
        return None, None
    mean = sum(values) / n
    if n == 1:
        return mean, None
    return mean, math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))


def paired_differences(performance: dict[int, int], expectation: dict[int, int]) -> list[int]:
    """P − E for each participant (key) who gave both ratings, in participant order."""
    return [performance[pid] - expectation[pid] for pid in sorted(performance)
            if pid in expectation]


def weighted_priority(importance: float | None, gap: float | None) -> float | None:
    """I × max(0, −gap): how much it matters times how far it falls short."""
    if importance is None or gap is None:
        return None
    return importance * max(0.0, -gap)


def quadrant(importance: float, performance: float, cross_importance: float,
             cross_performance: float) -> str:
    """The IPA quadrant of one point; a value on a cross-hair counts as high."""
    high_i, high_p = importance >= cross_importance, performance >= cross_performance
    if high_i:
        return KEEP if high_p else CONCENTRATE
    return OVERKILL if high_p else LOW


def quadrant_label(key: str, tr: Callable[..., str] = t, *, below_midpoint: bool = False) -> str:
    """The words of METHOD.md for a quadrant, in ``tr``'s language. An overkill or a
    keep-up moment whose performance is still below the scale's midpoint says so (METHOD's
    rule for overkill, applied to both high-performance quadrants)."""
    if key == OVERKILL and below_midpoint:
        return tr("Possible overkill, though still below the midpoint")
    if key == KEEP and below_midpoint:
        return tr("Keep up the good work, though still below the midpoint")
    labels = {CONCENTRATE: tr("Concentrate here"), KEEP: tr("Keep up the good work"),
              LOW: tr("Low priority"), OVERKILL: tr("Possible overkill")}
    return labels[key]


def crosshairs_label(choice: str, tr: Callable[..., str] = t) -> str:
    """One sentence naming where the cross-hairs sit (the report names the choice)."""
    if choice == "scale":
        return tr("Cross-hairs on the scale: performance at its midpoint 3, importance at "
                  "an equal share of the dots (1 of n moments).")
    return tr("Cross-hairs at this group's means: high and low are relative to the other "
              "moments.")


# ---- dot votes -----------------------------------------------------------------------


def hidden_votes(state: SessionState) -> list[VoteRound]:
    """Blind votes not revealed: their dots count nowhere, and a report says so."""
    return [r for _, r in sorted(state.rounds.items()) if r.blind and not r.revealed]


def hidden_votes_warning(state: SessionState) -> str:
    """What an export of this session says first when a blind vote was never revealed
    (the TUI asks with it; the command line prints it): empty when none is hidden."""
    hidden = hidden_votes(state)
    if not hidden:
        return ""
    rnd = hidden[0]
    step = state.steps[rnd.step] if rnd.step is not None and rnd.step < len(state.steps) else None
    where = (t("vote {n} (step {step}: {title})", n=rnd.rid, step=step.index + 1,
               title=step.title) if step is not None else t("vote {n}", n=rnd.rid))
    warning = t("{what} was never revealed: the report leaves its dots out and says so.",
                what=where[:1].upper() + where[1:])
    if len(hidden) > 1:
        warning += " " + t("{n} blind votes in all are not revealed.", n=len(hidden))
    return warning


# ---- ratings: performance and expectation -------------------------------------------


@record
class RatingSummary:
    """A moment's ratings on one scale: n, mean, spread and range."""

    mid: int
    count: int  # n ratings
    mean: float | None  # P_j or E_j
    spread: float | None  # sample standard deviation (show it only when count ≥ SPREAD_FROM)
    low: int | None
    high: int | None


Performance = RatingSummary  # the name the first version gave it


def _summary(mid: int, values: list[int]) -> RatingSummary:
    mean, spread = mean_and_spread(values)
    return RatingSummary(mid, len(values), mean, spread, min(values, default=None),
                         max(values, default=None))


def _by_moment(state: SessionState, scale: str) -> dict[int, dict[int, int]]:
    """mid -> {pid: value} on one scale, every moment along the journey."""
    out: dict[int, dict[int, int]] = {mid: {} for mid in state.order}
    for (mid, pid), rating in state.scale_ratings(scale).items():
        if mid in out:
            out[mid][pid] = rating.value
    return out


def rating_summary(mid: int, by_participant: dict[int, int]) -> RatingSummary:
    """One moment's summary on one scale from its ratings by participant (summed in
    participant order, so a summary kept per moment is equal to the one of the whole)."""
    return _summary(mid, [v for _, v in sorted(by_participant.items())])


def _summaries(state: SessionState, scale: str) -> dict[int, RatingSummary]:
    return {mid: rating_summary(mid, values)
            for mid, values in _by_moment(state, scale).items()}


def performance(state: SessionState, mid: int) -> RatingSummary:
    values = [r.value for (m, _), r in sorted(state.ratings.items()) if m == mid]
    return _summary(mid, values)


def performances(state: SessionState) -> dict[int, RatingSummary]:
    """Performance (P) of every moment, along the journey."""
    return _summaries(state, PERFORMANCE)


def expectations(state: SessionState) -> dict[int, RatingSummary]:
    """Expectation (E) of every moment, along the journey: measured, never derived."""
    return _summaries(state, EXPECTATION)


def expectation_measured(state: SessionState) -> bool:
    """Whether anyone gave an expectation rating in this session."""
    return bool(state.expected)


@record
class PairedGap:
    """A moment's gap P − E, paired per participant who gave both ratings."""

    mid: int
    count: int  # n participants who gave both ratings
    mean: float | None  # mean of P − E over them
    spread: float | None  # of the differences (show it only when count ≥ SPREAD_FROM)
    reason: str | None  # NOT_MEASURED or NO_PAIRS when there is no gap


def paired_gap(mid: int, performance: dict[int, int], expectation: dict[int, int],
               measured: bool) -> PairedGap:
    """One moment's paired gap from its ratings by participant on both scales;
    ``measured``: whether the session has any expectation rating (why a gap is missing)."""
    diffs = paired_differences(performance, expectation)
    mean, spread = mean_and_spread(diffs)
    reason = None if diffs else (NO_PAIRS if measured else NOT_MEASURED)
    return PairedGap(mid, len(diffs), mean, spread, reason)


def paired_gaps(state: SessionState) -> dict[int, PairedGap]:
    """The paired gap of every moment, along the journey."""
    measured = expectation_measured(state)
    perf, exp = _by_moment(state, PERFORMANCE), _by_moment(state, EXPECTATION)
    return {mid: paired_gap(mid, perf[mid], exp[mid], measured) for mid in state.order}


def gap_reason_text(reason: str | None, tr: Callable[..., str] = t) -> str:
    """Why a moment has no gap, in words ("" when it has one)."""
    if reason == NOT_MEASURED:
        return tr("not measured: no expectation ratings in this session")
    if reason == NO_PAIRS:
        return tr("no gap: nobody rated this moment on both scales")
    return ""


# ---- importance ----------------------------------------------------------------------


@record
class Importance:
    """Each moment's share of the dots in the vote that counts."""

    rid: int  # the vote it comes from
    target: str  # "moments", or "ideas" (each idea's dots counted for its moment)
    voters: int  # participants who cast at least one dot
    cast: int  # ΣS: all the dots in that vote
    dots: dict[int, int]  # mid -> S_j, every moment (0 without dots)
    share: dict[int, float]  # mid -> I_j = S_j / ΣS
    most: int  # max S_j


def importance(state: SessionState, *, include_hidden: bool = False) -> Importance | None:
    """Importance of each moment from the latest vote on moments, else the latest vote on
    ideas; None when no vote counts yet (or nobody voted)."""
    for target in ("moments", "ideas"):
        rids = [rid for rid, r in state.rounds.items()
                if r.target == target and _counts(state, rid, include_hidden)]
        if rids:
            break
    else:
        return None
    rid = max(rids)
    # The vote's dots summed per moment straight from the votes, as its tally counts them
    # (its ranking and sorting of every item was 5 ms of a large session's first visit of
    # the gaps step, over 2,000 ideas).
    items = state.moments if target == "moments" else state.ideas
    dots = {mid: 0 for mid in state.order}
    voters: set[int] = set()
    for (r, pid, item), n in state.votes.items():
        if r != rid or n <= 0 or item not in items:
            continue
        voters.add(pid)
        mid = state.moment_of_item(target, item)
        if mid in dots:
            dots[mid] += n
    if not voters:
        return None
    cast = sum(dots.values())
    return Importance(rid, target, len(voters), cast, dots,
                      {mid: s / cast if cast else 0.0 for mid, s in dots.items()},
                      max(dots.values(), default=0))


def importance_note(source: Importance | None, tr: Translator = t) -> str:
    """One sentence saying where importance comes from."""
    if source is None:
        return tr("No vote counts yet: importance needs a revealed vote.")
    voters = tr.plural(source.voters, "{n} voter", "{n} voters")
    if source.target == "moments":
        return tr.plural(source.cast, "Importance: each moment's share of the {n} dot in "
                         "vote {vote} ({voters}).", "Importance: each moment's share of the "
                         "{n} dots in vote {vote} ({voters}).", vote=source.rid, voters=voters)
    return tr.plural(source.cast, "Importance: each moment's share of the {n} dot in vote "
                     "{vote} on ideas, each idea counted for its moment ({voters}).",
                     "Importance: each moment's share of the {n} dots in vote {vote} on "
                     "ideas, each idea counted for its moment ({voters}).",
                     vote=source.rid, voters=voters)


def expectation_note(measured: bool, tr: Callable[..., str] = t) -> str:
    """One sentence saying how expectation and the gap were measured, or that they were not."""
    if not measured:
        return tr("Expectation was not measured in this session (no expectation ratings), "
                  "so there is no gap; importance is a different question and is not "
                  "turned into an expectation.")
    return tr("Expectation and performance: each participant's 1–5 ratings of the level "
              "they expect and of how usual providers do it today. Gap: performance minus "
              "expectation, paired per participant, with n.")


# ---- gaps and importance–performance -------------------------------------------------


@record
class GapRow:
    """One moment's row of the gaps table and of the importance–performance 2×2."""

    mid: int
    position: int  # 1-based, along the journey
    text: str
    stage: str | None
    touchpoint: str | None
    dots: int | None  # S_j
    importance: float | None  # I_j, a share of all dots
    performance: float | None  # P_j
    ratings: int  # n performance ratings
    spread: float | None  # of the performance ratings
    expectation: float | None  # E_j, measured (None when not)
    expectation_ratings: int  # n expectation ratings
    expectation_spread: float | None
    gap: float | None  # paired mean of P − E
    gap_n: int  # participants behind the gap
    gap_spread: float | None
    gap_reason: str | None  # NOT_MEASURED or NO_PAIRS when gap is None
    quadrant: str | None  # one of QUADRANTS, when the moment has both I and P
    priority: float | None  # I_j × max(0, −gap_j)

    @property
    def below_midpoint(self) -> bool:
        """Performance below the scale's midpoint: never simply "overkill" or "keep up"."""
        return self.performance is not None and self.performance < MIDPOINT

    def quadrant_label(self, tr: Callable[..., str] = t) -> str:
        """The quadrant's words, saying so when a high-performance moment is below the
        midpoint."""
        if self.quadrant is None:
            return ""
        return quadrant_label(self.quadrant, tr, below_midpoint=self.below_midpoint)


@record
class GapTable:
    """The gaps step's table: a row per moment and where the 2×2's cross-hairs sit."""

    rows: tuple[GapRow, ...]  # along the journey
    source: Importance | None
    crosshairs: str  # "data" or "scale"
    cross_importance: float | None  # where the cross-hairs sit
    cross_performance: float | None
    measured: bool  # any expectation ratings in the session

    def by_priority(self) -> list[GapRow]:
        """Rows with a priority above 0, the most urgent first (journey order on ties)."""
        return sorted((r for r in self.rows if r.priority), key=lambda r: -(r.priority or 0))

    def by_importance(self) -> list[GapRow]:
        """Rows with dots, the most important first (journey order on ties)."""
        return sorted((r for r in self.rows if r.importance),
                      key=lambda r: -(r.importance or 0))

    def row(self, mid: int) -> GapRow | None:
        return next((r for r in self.rows if r.mid == mid), None)

    # The names the first version gave the cross-hairs (always at the means then).
    @property
    def mean_importance(self) -> float | None:
        return self.cross_importance

    @property
    def mean_performance(self) -> float | None:
        return self.cross_performance


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def gap_table(state: SessionState, *, include_hidden: bool = False,
              crosshairs: str | None = None) -> GapTable:
    """What the gaps step and the report show, one row per moment along the journey."""
    perf, exp, gaps = performances(state), expectations(state), paired_gaps(state)
    return gap_table_from(state, perf.__getitem__, exp.__getitem__, gaps.__getitem__,
                          include_hidden=include_hidden, crosshairs=crosshairs)


def gap_table_from(state: SessionState, perf: Callable[[int], RatingSummary],
                   exp: Callable[[int], RatingSummary], gaps: Callable[[int], PairedGap], *,
                   include_hidden: bool = False, crosshairs: str | None = None,
                   source: Importance | None | bool = True) -> GapTable:
    """``gap_table`` from each moment's performance, expectation and paired gap as given
    (by moment id): computed from the whole state, or kept per moment as the session
    changes (``figures.gap_table_of``). ``source``: the importance, when the caller knows
    it is ``importance(state)`` still (True: work it out)."""
    choice = crosshairs if crosshairs in CROSSHAIRS else crosshairs_choice(state)
    if source is True or source is False:
        source = importance(state, include_hidden=include_hidden)
    # The moments with both an importance and a performance: mid -> (I_j, P_j).
    both = {mid: (source.share[mid], mean) for mid in state.order
            if source and (mean := perf(mid).mean) is not None}
    if choice == "scale":
        cross_i = 1 / len(state.order) if source and state.order else None
        cross_p: float | None = float(MIDPOINT)
    else:
        cross_i = _mean(i for i, _ in both.values()) if source else None
        cross_p = _mean(p for _, p in both.values())
    rows = []
    for position, m in enumerate(state.ordered_moments(), start=1):
        p, e, g = perf(m.mid), exp(m.mid), gaps(m.mid)
        s = source.dots[m.mid] if source else None
        i = source.share[m.mid] if source else None
        q = (quadrant(*both[m.mid], cross_i, cross_p)
             if m.mid in both and cross_i is not None and cross_p is not None else None)
        rows.append(GapRow(m.mid, position, m.text, m.stage, m.touchpoint, s, i, p.mean,
                           p.count, p.spread, e.mean, e.count, e.spread, g.mean, g.count,
                           g.spread, g.reason, q, weighted_priority(i, g.mean)))
    return GapTable(tuple(rows), source, choice, cross_i, cross_p, expectation_measured(state))


# ---- the figures a finding rests on --------------------------------------------------


@record
class FigureValue:
    """One figure of a finding, read from the session now (so it never goes stale)."""

    measure: str  # one of state.FIGURE_MEASURES
    item: int  # the moment (or, for idea_dots, the idea)
    mid: int | None  # the moment it is about
    value: float | None  # None when the session has no such number (yet)
    n: int | None  # ratings, pairs or dots behind it
    total: int | None  # importance and idea dots: all the dots in that vote
    reason: str | None = None  # why a gap is missing (gap_reason)


def figure(state: SessionState, measure: str, item: int, *, table: GapTable | None = None,
           ideas: Tally | None = None) -> FigureValue:
    """The number behind one (measure, item) of a finding. Pass ``table`` (and
    ``ideas``) when reading many, to work them out once."""
    if measure == "idea_dots":
        ideas = ideas if ideas is not None else idea_votes(state)
        idea = state.ideas.get(item)
        dots = next((r for r in ideas.rows if r.item == item), None) if ideas else None
        return FigureValue(measure, item, idea.mid if idea else None,
                           float(dots.dots) if dots else None, dots.dots if dots else None,
                           ideas.cast if ideas and dots else None)
    table = table or gap_table(state)
    row = table.row(item)
    if row is None:
        return FigureValue(measure, item, None, None, None, None)
    if measure == "importance":
        has = row.importance is not None
        return FigureValue(measure, item, item, row.importance, row.dots if has else None,
                           table.source.cast if has and table.source else None)
    if measure == "performance":
        return FigureValue(measure, item, item, row.performance, row.ratings, None)
    if measure == "expectation":
        return FigureValue(measure, item, item, row.expectation, row.expectation_ratings, None)
    if measure == "gap":
        return FigureValue(measure, item, item, row.gap, row.gap_n, None, row.gap_reason)
    return FigureValue(measure, item, item, row.priority, None, None, row.gap_reason)


def figure_text(fig: FigureValue, subject: str, tr: Translator = t,
                num: Callable[[float, int], str] | None = None) -> str:
    """A figure in words: "Queueing at the checkout: gap −2.5 (n = 6)". ``subject`` is
    the moment's (or idea's) text; ``num(value, decimals)`` formats a number (the
    report passes its own, with a decimal comma in Spanish)."""
    num = num or _plain_number
    m = fig.measure
    if fig.value is None:
        why = gap_reason_text(fig.reason, tr) if fig.reason else tr("no figure yet")
        names = {"importance": tr("importance"), "expectation": tr("expectation"),
                 "performance": tr("performance"), "gap": tr("gap"),
                 "priority": tr("weighted priority"), "idea_dots": tr("dots")}
        return tr("{subject}: {measure} ({why})", subject=subject, measure=names[m], why=why)
    if m == "importance":
        return tr.plural(fig.total or 0, "{subject}: importance {share}% ({dots} of {total} "
                         "dot)", "{subject}: importance {share}% ({dots} of {total} dots)",
                         subject=subject, share=num(100 * fig.value, 0), dots=fig.n,
                         total=fig.total)
    if m == "idea_dots":
        return tr.plural(fig.total or 0, "{subject}: {dots} of {total} dot in the vote on ideas",
                         "{subject}: {dots} of {total} dots in the vote on ideas",
                         subject=subject, dots=fig.n, total=fig.total)
    if m == "priority":
        return tr("{subject}: weighted priority {value}", subject=subject, value=num(fig.value, 2))
    value = num(fig.value, 1)
    if m == "gap":
        # Signed as the screen and the report sign a gap: "+0.0" never (a rounded zero).
        value = ("+" if round(fig.value, 1) > 0 else "") + value
        return tr("{subject}: gap {value} (n = {n})", subject=subject, value=value, n=fig.n)
    if m == "expectation":
        return tr("{subject}: expectation {value} of 5 (n = {n})", subject=subject,
                  value=value, n=fig.n)
    return tr("{subject}: performance {value} of 5 (n = {n})", subject=subject, value=value,
              n=fig.n)


def _plain_number(value: float, places: int) -> str:
    """A number as the screen shows it, with a typographic minus."""
    return decimal(value, places, "en", minus=MINUS)


# ---- participation -------------------------------------------------------------------


@record
class Contribution:
    """What one participant contributed, and whether they stayed quiet."""

    pid: int
    moments: int
    expectations: int
    ratings: int  # performance and expectation ratings: everyone gives them when asked
    ideas: int
    notes: int  # notes and verbatim quotes credited to them
    dots: int  # dots cast (shown, but not a contribution: everyone gets the same)
    spoken: int  # moments + expectations + ideas + notes: what they said in the room
    share: float | None  # of everyone's spoken contributions
    quiet: bool  # spoken below half the mean per participant


def participation(state: SessionState) -> list[Contribution]:
    """Contributions per participant, in roster order, to see who spoke and who did not.

    Ratings and dots are counted apart: the facilitator asks everyone for them in turn, so
    they make a group look even when two people never raised a moment or an idea."""
    counts = {pid: {"moments": 0, "expectations": 0, "ratings": 0, "ideas": 0, "notes": 0}
              for pid in state.participants}
    moments = [*state.moments.values(), *state.merged.values()]
    for field, items in (("moments", moments),
                         ("expectations", state.expectations.values()),
                         ("ideas", state.ideas.values()), ("notes", state.notes.values()),
                         ("ratings", state.ratings.values()),
                         ("ratings", state.expected.values())):
        for item in items:
            if item.pid in counts:
                counts[item.pid][field] += 1
    dots: dict[int, int] = {}
    for (_, pid, _), n in state.votes.items():
        dots[pid] = dots.get(pid, 0) + n
    spoken = {pid: c["moments"] + c["expectations"] + c["ideas"] + c["notes"]
              for pid, c in counts.items()}
    everyone = sum(spoken.values())
    mean = everyone / len(spoken) if spoken else 0.0
    return [Contribution(pid, **c, dots=dots.get(pid, 0), spoken=spoken[pid],
                         share=spoken[pid] / everyone if everyone else None,
                         # Nobody is called quiet before the group has said much.
                         quiet=mean >= 1 and spoken[pid] < mean / 2)
            for pid, c in sorted(counts.items())]
