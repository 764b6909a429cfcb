"""Each moment's figures, kept up to date as the session changes, for views that redraw
after every key press.

A step panel shows, for every moment, how many expectations and ideas hang on it, its
two rating summaries and its feelings. Computed from scratch (``analysis``,
``journey``) that is a pass over every rating, expectation and mark of the session on
each key press: with 2,000 moments and 16,000 ratings, most of a key's time. Here the
state's containers tell a ``MomentFigures`` which keys changed (``Tracked.watch``);
``update()`` moves only those entries between the moments' groups and forgets the
figures of the moments they touched, which are computed again, by the same functions
the analysis uses, only when read. A test holds them equal to the figures computed from
scratch after random sequences of changes, undos included.

A state replaced as a whole (an undo folds again from a copy; a replay moves in time)
has new containers: ``follows`` says so, and the reader makes a new ``MomentFigures``.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from workshop.core.kinds.feelings import group_feelings, marks
from workshop.core.record import record
from workshop.core.state import EXPECTATION, PERFORMANCE, Expectation, SessionState
from workshop.core.tracked import Changes, Tracked

if TYPE_CHECKING:
    # The analysis is imported once a moment's ratings are read, and the journey map's
    # module once a feeling is: a session opens without them (their dataclasses and
    # code, some 10 ms of CPU at load 6), as the wrap-up reads neither.
    from workshop.core.analysis import GapTable, Importance, PairedGap, RatingSummary
    from workshop.core.journey import MomentFeeling

K = TypeVar("K")
V = TypeVar("V")


class ByMoment(Generic[K, V]):
    """A container's entries grouped by the moment each hangs on (``mid_of``; None: on
    none), following the container's changes."""

    def __init__(self, source: Tracked[K, V], mid_of: Callable[[K, V], int | None]) -> None:
        self.source, self.mid_of = source, mid_of
        self.changes = Changes()
        source.watch(self.changes)
        self._where: dict[K, int] = {}  # key -> the moment its entry was grouped under
        self.groups: dict[int, dict[K, V]] = {}
        for key, value in source.items():
            self._add(key, value)

    def _add(self, key: K, value: V) -> int | None:
        mid = self.mid_of(key, value)
        if mid is not None:
            self._where[key] = mid
            self.groups.setdefault(mid, {})[key] = value
        return mid

    def update(self, touched: set[int]) -> None:
        """Regroup the entries changed since the last update; add to ``touched`` every
        moment an entry left or joined (or changed on)."""
        if not self.changes:
            return
        keys = list(self.changes)
        self.changes.clear()
        for key in keys:
            old = self._where.pop(key, None)
            if old is not None:
                group = self.groups[old]
                del group[key]
                if not group:
                    del self.groups[old]
                touched.add(old)
            if key in self.source:
                new = self._add(key, self.source[key])
                if new is not None:
                    touched.add(new)

    def of(self, mid: int) -> dict[K, V]:
        return self.groups.get(mid, {})


@record
class Figures:
    """What the panels show of one moment."""

    mid: int
    stated: int  # stated expectations on it
    latent: int  # latent needs
    ideas: int
    expectation: RatingSummary  # E: the level expected
    performance: RatingSummary  # P: how usual providers do it today
    feeling: MomentFeeling


def _mid_of_key(key: Any, value: Any) -> int | None:
    mid = key[0] if isinstance(key, tuple) else key  # (mid, pid), or a moment's own id
    return mid if isinstance(mid, int) else None


def _mid_of_entry(key: Any, value: Any) -> int | None:
    mid = getattr(value, "mid", None)
    return mid if isinstance(mid, int) else None


class MomentFigures:
    """Every moment's ``Figures`` for one state, recomputed per moment as it changes."""

    def __init__(self, state: SessionState) -> None:
        self._containers = self._of(state)
        self._moments = ByMoment(state.moments, _mid_of_key)
        self._expectations = ByMoment(state.expectations, _mid_of_entry)
        self._ideas = ByMoment(state.ideas, _mid_of_entry)
        self._ratings = {PERFORMANCE: ByMoment(state.ratings, _mid_of_key),
                         EXPECTATION: ByMoment(state.expected, _mid_of_key)}
        self._marks = ByMoment(marks(state), _mid_of_key)
        self._group = ByMoment(group_feelings(state), _mid_of_key)
        self._all: tuple[ByMoment[Any, Any], ...] = (
            self._moments, self._expectations, self._ideas, *self._ratings.values(),
            self._marks, self._group)
        self._cache: dict[int, Figures] = {}
        # The gaps step's per-moment numbers, apart from the rest (it needs no feelings).
        self._summaries: dict[tuple[str, int], RatingSummary] = {}
        self._gaps: dict[int, PairedGap] = {}
        self._readers: list[weakref.ref[Changes]] = []

    def follow(self) -> Changes:
        """A reader's own note of the moments changed: each ``update`` adds to it what it
        took in, and the reader empties it as it redraws them (several views may share
        one ``MomentFigures``, each at its own pace). Held weakly."""
        changes = Changes()
        self._readers = [r for r in self._readers if r() is not None]
        self._readers.append(weakref.ref(changes))
        return changes

    @staticmethod
    def _of(state: SessionState) -> tuple[object, ...]:
        return (state.moments, state.expectations, state.ideas, state.ratings, state.expected,
                marks(state), group_feelings(state))

    def follows(self, state: SessionState) -> bool:
        """Whether these figures follow ``state``'s own containers (a state with the same
        containers, such as a read-only look at another step, shares them)."""
        return all(a is b for a, b in zip(self._of(state), self._containers, strict=True))

    def update(self) -> set[int]:
        """Take in what changed since the last update: the moments whose figures (or
        whose own entry: its words, stage, or the moment itself) may differ now."""
        touched: set[int] = set()
        for grouped in self._all:
            grouped.update(touched)
        for mid in touched:
            self._cache.pop(mid, None)
            self._summaries.pop((PERFORMANCE, mid), None)
            self._summaries.pop((EXPECTATION, mid), None)
            self._gaps.pop(mid, None)
        if touched:
            for ref in self._readers:
                changes = ref()
                if changes is not None:
                    changes.update(touched)
        return touched

    def ratings(self, scale: str, mid: int) -> dict[int, int]:
        """A moment's ratings on one scale, by participant (as of the last ``update``)."""
        return {pid: r.value for (_, pid), r in self._ratings[scale].of(mid).items()}

    def marks(self, mid: int) -> dict[int, int]:
        """A moment's feelings, by participant."""
        return {pid: f.value for (_, pid), f in self._marks.of(mid).items()}

    def expectations(self, mid: int) -> list[Expectation]:
        """The expectations said of a moment, in the order they were added (by id)."""
        return [x for _, x in sorted(self._expectations.of(mid).items())]

    def of(self, mid: int) -> Figures:
        """One moment's figures as of the last ``update``."""
        figures = self._cache.get(mid)
        if figures is None:
            figures = self._cache[mid] = self._compute(mid)
        return figures

    def summary(self, scale: str, mid: int) -> RatingSummary:
        """A moment's rating summary on one scale (as of the last ``update``)."""
        summary = self._summaries.get((scale, mid))
        if summary is None:
            from workshop.core.analysis import rating_summary

            summary = self._summaries[scale, mid] = rating_summary(mid, self.ratings(scale, mid))
        return summary

    def paired_gap(self, mid: int, measured: bool) -> PairedGap:
        """A moment's paired gap; ``measured``: whether the session has any expectation
        rating (a moment without pairs says why by it)."""
        from workshop.core.analysis import paired_gap

        gap = self._gaps.get(mid)
        if gap is None:
            gap = self._gaps[mid] = paired_gap(mid, self.ratings(PERFORMANCE, mid),
                                               self.ratings(EXPECTATION, mid), True)
        return gap if measured or gap.reason is None else paired_gap(mid, {}, {}, False)

    def _compute(self, mid: int) -> Figures:
        # Here, not at the top: see the imports above.
        from workshop.core.journey import moment_feeling

        said = self._expectations.of(mid).values()
        stated = sum(1 for x in said if x.type == "stated")
        latent = sum(1 for x in said if x.type == "latent")
        values = [mark.value for _, mark in sorted(self._marks.of(mid).items())]
        group = self._group.of(mid).get(mid)
        return Figures(mid, stated, latent, len(self._ideas.of(mid)),
                       self.summary(EXPECTATION, mid), self.summary(PERFORMANCE, mid),
                       moment_feeling(mid, values, group))


def figures_for(state: SessionState, known: MomentFigures | None) -> MomentFigures:
    """``known`` brought up to date with ``state``, or new figures when ``known`` follows
    another state (or none)."""
    if known is not None and known.follows(state):
        known.update()
        return known
    return MomentFigures(state)


def gap_table_of(state: SessionState, figures: MomentFigures,
                 source: Importance | None | bool = True) -> GapTable:
    """``analysis.gap_table(state)`` from the numbers kept per moment (``figures`` follows
    ``state``, brought up to date): after a change only the moments it touched have their
    ratings summed again; the rest is the assembly (importance, cross-hairs, quadrants),
    a pass over the moments. ``source``: the importance when the caller knows it is still
    ``importance(state)`` (True: worked out). A test holds it equal to ``gap_table``
    after random changes."""
    from workshop.core.analysis import expectation_measured, gap_table_from

    measured = expectation_measured(state)
    return gap_table_from(state, lambda mid: figures.summary(PERFORMANCE, mid),
                          lambda mid: figures.summary(EXPECTATION, mid),
                          lambda mid: figures.paired_gap(mid, measured), source=source)
