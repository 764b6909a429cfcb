"""How much each participant has said, kept up to date as the session changes.

The run screen shows it beside every step, after every key press. Counted from scratch
(``analysis.participation``) that is a pass over every moment, expectation, idea and
note, and every rating and dot besides: with 2,000 moments and 8,000 ideas a good part
of a key press. Here the state's containers tell which entries changed
(``Tracked.watch``) and only those move between participants' counts; a test holds the
counts equal to ``participation`` after random changes, undos included.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from workshop.core.state import SessionState
from workshop.core.tracked import Changes, Tracked


class _Counted:
    """One container's entries counted by the participant each is credited to."""

    def __init__(self, source: Tracked[Any, Any], counts: Counter[int]) -> None:
        self.source, self.counts = source, counts
        self.changes = Changes()
        source.watch(self.changes)
        self._pid: dict[Any, int] = {}  # key -> whom its entry was counted for
        for key, value in source.items():
            self._add(key, value)

    def _add(self, key: Any, value: Any) -> None:
        pid = getattr(value, "pid", None)
        if isinstance(pid, int):
            self._pid[key] = pid
            self.counts[pid] += 1

    def update(self) -> None:
        if not self.changes:
            return
        keys = list(self.changes)
        self.changes.clear()
        for key in keys:
            pid = self._pid.pop(key, None)
            if pid is not None:
                self.counts[pid] -= 1
            if key in self.source:
                self._add(key, self.source[key])


class Spoken:
    """What each participant said (moments, merged ones included, expectations, ideas,
    quotes and notes credited to them) for one state, as ``participation`` counts it."""

    def __init__(self, state: SessionState) -> None:
        self.state = state
        self._counts: Counter[int] = Counter()
        self._containers = self._of(state)
        self._parts = [_Counted(c, self._counts) for c in self._containers]
        self._merged: set[int] = set()  # merged moments counted (they are only ever added)
        self._take_merged()

    @staticmethod
    def _of(state: SessionState) -> tuple[Tracked[Any, Any], ...]:
        return (state.moments, state.expectations, state.ideas, state.notes)

    def follows(self, state: SessionState) -> bool:
        """Whether these counts follow ``state``'s own containers (an undo folds a new
        state, with new ones)."""
        return state.merged is self.state.merged and all(
            a is b for a, b in zip(self._of(state), self._containers, strict=True))

    def _take_merged(self) -> None:
        merged = self.state.merged
        if len(merged) != len(self._merged):
            for mid, moment in merged.items():
                if mid not in self._merged:
                    self._merged.add(mid)
                    if isinstance(moment.pid, int):
                        self._counts[moment.pid] += 1

    def update(self) -> None:
        for part in self._parts:
            part.update()
        self._take_merged()

    def counts(self) -> dict[int, tuple[int, bool]]:
        """(what each participant said, whether they are quiet so far), by pid, for every
        participant on the roster: quiet is under half the mean, once the group has said
        something (as ``participation`` has it)."""
        said = {pid: self._counts[pid] for pid in self.state.participants}
        mean = sum(said.values()) / len(said) if said else 0.0
        return {pid: (n, mean >= 1 and n < mean / 2) for pid, n in said.items()}


def spoken_for(state: SessionState, known: Spoken | None) -> Spoken:
    """``known`` brought up to date with ``state``, or new counts when it follows another
    state (or none)."""
    if known is not None and known.follows(state):
        known.update()
        return known
    return Spoken(state)
