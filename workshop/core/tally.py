"""Dot votes counted: each vote's tally, and which vote counts for the moments and for
the ideas (``workshop.core.analysis`` re-exports all of it with the rest of the numbers).

Apart from the analysis because the panels that rank moments by the vote (excellence,
the wrap-up, the vote itself) need only this: a session opens on them without the
ratings, gaps, figures and participation (their dataclasses and code, some 10 ms of a
start at load 6). The formulas (METHOD.md): S_j = dots on item j; ranks are competition
ranks ("1, 1, 3"); Borda points n − r turn a rank among n items into a score where ties
score alike. A blind vote counts once it is revealed (``include_hidden`` for a
researcher who wants it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from workshop.core.record import record
from workshop.core.state import SessionState


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


@record
class TallyRow:
    """One item's dots in a vote: its count, voters, rank and share."""

    item: int  # a moment id or an idea id, as the round's target says
    mid: int | None  # the moment the item belongs to
    dots: int  # S_j
    voters: int  # participants with at least one dot on it
    rank: int  # competition rank among the round's items
    borda: int  # n − rank
    share: float | None  # of all dots cast in the round


@record
class Tally:
    """A vote counted: every item that could get dots, by rank then along the journey."""

    rid: int
    target: str
    revealed: bool
    hidden: bool  # blind and not yet revealed: not for the room's eyes
    voters: int  # participants who cast at least one dot
    cast: int  # dots cast in all
    rows: tuple[TallyRow, ...]  # every item that could get dots, by rank then journey


def _journey_key(state: SessionState) -> Callable[[str, int], tuple[int, int]]:
    # An item on no moment (None) sorts after every moment.
    position: dict[int | None, int] = {mid: i for i, mid in enumerate(state.order)}

    def key(target: str, item: int) -> tuple[int, int]:
        mid = state.moment_of_item(target, item)
        return (position.get(mid, len(position)), item)

    return key


def _cast(state: SessionState, rid: int) -> Iterator[tuple[int, int, int]]:
    """(participant, item, dots) of each vote on an item of round ``rid`` that still exists."""
    rnd = state.rounds[rid]
    items = state.moments if rnd.target == "moments" else state.ideas
    return ((pid, item, n) for (r, pid, item), n in state.votes.items()
            if r == rid and n > 0 and item in items)


def item_dots(state: SessionState, rid: int) -> dict[int, int]:
    """S_j of one vote for the items with dots (absent: none): what an open vote's totals
    show, without ranking every item as ``tally`` does (2,000 ideas on a large session)."""
    dots: dict[int, int] = {}
    for _pid, item, n in _cast(state, rid):
        dots[item] = dots.get(item, 0) + n
    return dots


def ranked_dots(state: SessionState, rid: int) -> list[tuple[int, int]]:
    """(item, S_j) of the items with dots, most first, a tie along the journey: the order
    of ``tally``'s rows that have dots (its competition ranks follow the dots), without
    ranking every item. The phones' and the projector's results show just these."""
    journey = _journey_key(state)
    target = state.rounds[rid].target
    return sorted(item_dots(state, rid).items(),
                  key=lambda counted: (-counted[1], journey(target, counted[0])))


def tally(state: SessionState, rid: int) -> Tally:
    """Dots per item of one vote, ranked. Items with no dots are listed (and ranked) too."""
    rnd = state.rounds[rid]
    items = list(state.moments if rnd.target == "moments" else state.ideas)
    dots = {item: 0 for item in items}
    voters_on: dict[int, set[int]] = {item: set() for item in items}
    voters: set[int] = set()
    for pid, item, n in _cast(state, rid):
        dots[item] += n
        voters_on[item].add(pid)
        voters.add(pid)
    cast = sum(dots.values())
    ranks = dict(zip(items, competition_ranks([dots[i] for i in items]), strict=True))
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


def counts(state: SessionState, rid: int, include_hidden: bool) -> bool:
    """Whether a vote's dots count: revealed, not blind, or ``include_hidden``."""
    rnd = state.rounds[rid]
    return include_hidden or rnd.revealed or not rnd.blind


def moment_votes(state: SessionState, *, include_hidden: bool = False) -> Tally | None:
    """The latest vote on moments that counts (revealed, or not blind): its rows run by
    rank, then along the journey."""
    rids = [rid for rid, r in state.rounds.items()
            if r.target == "moments" and counts(state, rid, include_hidden)]
    return tally(state, max(rids)) if rids else None


def idea_votes(state: SessionState, *, include_hidden: bool = False) -> Tally | None:
    """The latest vote on ideas that counts (revealed, or not blind)."""
    rids = [rid for rid, r in state.rounds.items()
            if r.target == "ideas" and counts(state, rid, include_hidden)]
    return tally(state, max(rids)) if rids else None
