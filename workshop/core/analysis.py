"""The numbers of a session: vote tallies, ratings, importance, gaps, participation.

Pure functions of a ``SessionState`` (and small helpers on plain numbers, which the
tests work by hand). Results are frozen dataclasses in a fixed order: along the
journey for moments, by rank for tallies, by roster for participants. Nothing here
formats a number; labels go through ``t()``.

The formulas (see METHOD.md):

- Dot voting: S_j = dots on item j. Ranks are competition ranks ("1, 1, 3"); Borda
  points n − r turn a rank among n items into a score where ties score alike.
- Performance P_j: the mean of the 1–5 ratings of moment j, with the sample standard
  deviation (n − 1; none for a single rating), the lowest and highest rating, and n.
- Importance I_j = S_j / V: the mean dots a voting participant gave moment j, from the
  latest vote on moments (V = participants who cast at least one dot in it). With only
  a vote on ideas, each idea's dots count for its moment. A blind vote counts once it is
  revealed (``include_hidden`` for a researcher who wants it anyway).
- Expectation E_j = 1 + 4 × S_j / max S on the rating's 1–5 scale: the moment the group
  gave the most dots expects 5 (excellent), one with no dots 1. The group states its
  expectations in words; the dots are its only measure of how much each one matters, so
  the level is read off them.
- Gap (SERVQUAL style) = P_j − E_j: negative means the moment falls short of what it
  should deliver. Weighted priority = I_j × max(0, E_j − P_j): shortfall times
  importance; 0 where the moment meets or beats its expectation.
- Importance–performance analysis (Martilla & James, 1977): cross-hairs at the means of
  I and P over the moments that have both. A value at the mean counts as high.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from workshop.core.state import SessionState
from workshop.i18n import t

# Quadrant keys, in the reading order of the 2×2 chart.
CONCENTRATE, KEEP, LOW, OVERKILL = "concentrate", "keep", "low", "overkill"
QUADRANTS = (CONCENTRATE, KEEP, LOW, OVERKILL)


# ---- helpers on plain numbers --------------------------------------------------------


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """Rank of each score, highest first; ties share a rank and leave a gap: 1, 1, 3."""
    # Sorted once: the rank of a score is 1 + how many scores beat it (n log n, not n²).
    ordered = sorted(scores, reverse=True)
    first: dict[float, int] = {}
    for index, score in enumerate(ordered):
        first.setdefault(score, index + 1)
    return [first[score] for score in scores]


def borda_points(rank: int, n: int) -> int:
    """Borda score of an item ranked ``rank`` among ``n``: n − r (the last scores 0)."""
    return n - rank


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


def expectation_level(dots: float, most: float) -> float | None:
    """E = 1 + 4 × S / max S: where on the 1–5 scale a moment's dots put its expectation."""
    if most <= 0:
        return None
    return 1 + 4 * dots / most


def gap(performance: float | None, expectation: float | None) -> float | None:
    """Performance − expectation: negative falls short."""
    if performance is None or expectation is None:
        return None
    return performance - expectation


def weighted_priority(importance: float | None, expectation: float | None,
                      performance: float | None) -> float | None:
    """I × max(0, E − P): how much it matters times how far it falls short."""
    if importance is None or expectation is None or performance is None:
        return None
    return importance * max(0.0, expectation - performance)


def quadrant(importance: float, performance: float, mean_importance: float,
             mean_performance: float) -> str:
    """The IPA quadrant of one point; a value equal to its mean counts as high."""
    high_i, high_p = importance >= mean_importance, performance >= mean_performance
    if high_i:
        return KEEP if high_p else CONCENTRATE
    return OVERKILL if high_p else LOW


def quadrant_label(key: str, tr: Callable[..., str] = t) -> str:
    """The words of METHOD.md for a quadrant, in ``tr``'s language."""
    labels = {CONCENTRATE: tr("Concentrate here"), KEEP: tr("Keep up the good work"),
              LOW: tr("Low priority"), OVERKILL: tr("Possible overkill")}
    return labels[key]


# ---- dot votes -----------------------------------------------------------------------


@dataclass(frozen=True)
class TallyRow:
    item: int  # a moment id or an idea id, as the round's target says
    mid: int | None  # the moment the item belongs to
    dots: int  # S_j
    voters: int  # participants with at least one dot on it
    rank: int  # competition rank among the round's items
    borda: int  # n − rank
    share: float | None  # of all dots cast in the round


@dataclass(frozen=True)
class Tally:
    rid: int
    target: str
    revealed: bool
    hidden: bool  # blind and not yet revealed: not for the room's eyes
    voters: int  # participants who cast at least one dot
    cast: int  # dots cast in all
    rows: tuple[TallyRow, ...]  # every item that could get dots, by rank then journey


def _journey_key(state: SessionState) -> Callable[[str, int], tuple]:
    position = {mid: i for i, mid in enumerate(state.order)}

    def key(target: str, item: int) -> tuple:
        mid = state.moment_of_item(target, item)
        return (position.get(mid, len(position)), item)

    return key


def tally(state: SessionState, rid: int) -> Tally:
    """Dots per item of one vote, ranked. Items with no dots are listed (and ranked) too."""
    rnd = state.rounds[rid]
    items = list(state.moments if rnd.target == "moments" else state.ideas)
    dots = {item: 0 for item in items}
    voters_on: dict[int, set[int]] = {item: set() for item in items}
    voters: set[int] = set()
    for (r, pid, item), n in state.votes.items():
        if r == rid and item in dots and n > 0:
            dots[item] += n
            voters_on[item].add(pid)
            voters.add(pid)
    cast = sum(dots.values())
    ranks = dict(zip(items, competition_ranks([dots[i] for i in items])))
    journey = _journey_key(state)
    ordered = sorted(items, key=lambda i: (ranks[i], journey(rnd.target, i)))
    rows = tuple(TallyRow(item, state.moment_of_item(rnd.target, item), dots[item],
                          len(voters_on[item]), ranks[item],
                          borda_points(ranks[item], len(items)),
                          dots[item] / cast if cast else None) for item in ordered)
    return Tally(rid, rnd.target, rnd.revealed, rnd.blind and not rnd.revealed, len(voters),
                 cast, rows)


def tallies(state: SessionState) -> list[Tally]:
    """Every vote's tally, in the order the votes were opened."""
    return [tally(state, rid) for rid in sorted(state.rounds)]


# ---- performance ---------------------------------------------------------------------


@dataclass(frozen=True)
class Performance:
    mid: int
    count: int  # n ratings
    mean: float | None  # P_j
    spread: float | None  # sample standard deviation
    low: int | None
    high: int | None


def performance(state: SessionState, mid: int) -> Performance:
    values = [r.value for (m, _), r in sorted(state.ratings.items()) if m == mid]
    return _performance(mid, values)


def _performance(mid: int, values: list[int]) -> Performance:
    mean, spread = mean_and_spread(values)
    return Performance(mid, len(values), mean, spread, min(values, default=None),
                       max(values, default=None))


def performances(state: SessionState) -> dict[int, Performance]:
    """Performance of every moment, along the journey (the ratings grouped in one pass)."""
    by_moment: dict[int, list[int]] = {mid: [] for mid in state.order}
    for (mid, _), rating in sorted(state.ratings.items()):
        if mid in by_moment:
            by_moment[mid].append(rating.value)
    return {mid: _performance(mid, values) for mid, values in by_moment.items()}


# ---- importance ----------------------------------------------------------------------


@dataclass(frozen=True)
class Importance:
    rid: int  # the vote it comes from
    target: str  # "moments", or "ideas" (each idea's dots counted for its moment)
    voters: int  # V
    dots: dict[int, int]  # mid -> S_j, every moment (0 without dots)
    mean: dict[int, float]  # mid -> I_j = S_j / V
    most: int  # max S_j


def _counts(state: SessionState, rid: int, include_hidden: bool) -> bool:
    rnd = state.rounds[rid]
    return include_hidden or rnd.revealed or not rnd.blind


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
    result = tally(state, rid)
    if not result.voters:
        return None
    dots = {mid: 0 for mid in state.order}
    for row in result.rows:
        if row.mid in dots:
            dots[row.mid] += row.dots
    return Importance(rid, target, result.voters, dots,
                      {mid: s / result.voters for mid, s in dots.items()},
                      max(dots.values(), default=0))


def importance_note(source: Importance | None, tr: Callable[..., str] = t) -> str:
    """One sentence saying where importance and expectation come from."""
    if source is None:
        return tr("No vote counts yet: importance and expectation need a revealed vote.")
    if source.target == "moments":
        return tr("Importance: dots per voter in vote {n} ({voters} voters). Expectation: "
                  "1 + 4 × dots / the most dots, so the top moment expects 5.",
                  n=source.rid, voters=source.voters)
    return tr("Importance: dots per voter in vote {n} on ideas, each idea counted for its "
              "moment ({voters} voters). Expectation: 1 + 4 × dots / the most dots.",
              n=source.rid, voters=source.voters)


# ---- gaps and importance–performance -------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    mid: int
    position: int  # 1-based, along the journey
    text: str
    stage: str | None
    touchpoint: str | None
    dots: int | None  # S_j
    importance: float | None  # I_j
    performance: float | None  # P_j
    ratings: int  # n ratings
    spread: float | None
    expectation: float | None  # E_j
    gap: float | None  # P_j − E_j
    quadrant: str | None  # one of QUADRANTS, when the moment has both I and P
    priority: float | None  # I_j × max(0, E_j − P_j)


@dataclass(frozen=True)
class GapTable:
    rows: tuple[GapRow, ...]  # along the journey
    source: Importance | None
    mean_importance: float | None  # the IPA cross-hairs
    mean_performance: float | None

    def by_priority(self) -> list[GapRow]:
        """Rows with a priority above 0, the most urgent first (journey order on ties)."""
        return sorted((r for r in self.rows if r.priority), key=lambda r: -r.priority)


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def gap_table(state: SessionState, *, include_hidden: bool = False) -> GapTable:
    """What the gaps step and the report show, one row per moment along the journey."""
    source = importance(state, include_hidden=include_hidden)
    perf = performances(state)
    both = [mid for mid in state.order if source and perf[mid].mean is not None]
    mean_i = _mean(source.mean[mid] for mid in both) if source else None
    mean_p = _mean(perf[mid].mean for mid in both)
    rows = []
    for position, m in enumerate(state.ordered_moments(), start=1):
        p = perf[m.mid]
        s = source.dots[m.mid] if source else None
        i = source.mean[m.mid] if source else None
        e = expectation_level(s, source.most) if source else None
        q = quadrant(i, p.mean, mean_i, mean_p) if m.mid in both else None
        rows.append(GapRow(m.mid, position, m.text, m.stage, m.touchpoint, s, i, p.mean,
                           p.count, p.spread, e, gap(p.mean, e), q,
                           weighted_priority(i, e, p.mean)))
    return GapTable(tuple(rows), source, mean_i, mean_p)


# ---- participation -------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    pid: int
    moments: int
    expectations: int
    ratings: int
    ideas: int
    notes: int  # notes and verbatim quotes attributed to them
    dots: int  # dots cast (shown, but not a contribution: everyone gets the same)
    total: int  # moments + expectations + ratings + ideas + notes
    share: float | None  # of everyone's total
    quiet: bool  # total below half the mean per participant


def participation(state: SessionState) -> list[Contribution]:
    """Contributions per participant, in roster order, to see who spoke and who did not."""
    counts = {pid: {"moments": 0, "expectations": 0, "ratings": 0, "ideas": 0, "notes": 0}
              for pid in state.participants}
    moments = [*state.moments.values(), *state.merged.values()]
    for field, items in (("moments", moments),
                         ("expectations", state.expectations.values()),
                         ("ideas", state.ideas.values()), ("notes", state.notes.values()),
                         ("ratings", state.ratings.values())):
        for item in items:
            if item.pid in counts:
                counts[item.pid][field] += 1
    totals = {pid: sum(c.values()) for pid, c in counts.items()}
    everyone = sum(totals.values())
    mean = everyone / len(totals) if totals else 0.0
    return [Contribution(pid, **c, dots=sum(n for (_, p, _), n in state.votes.items() if p == pid),
                         total=totals[pid], share=totals[pid] / everyone if everyone else None,
                         # Nobody is called quiet before the group has said much.
                         quiet=mean >= 1 and totals[pid] < mean / 2)
            for pid, c in sorted(counts.items())]
