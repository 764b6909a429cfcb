"""Participants and how much each has contributed, so a quiet one stands out."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from workshop.core.state import SessionState


def contributions(state: SessionState) -> dict[int, int]:
    """Entries attributed to each participant: moments, expectations, ratings, ideas, notes."""
    counts = dict.fromkeys(state.participants, 0)
    for collection in (state.moments, state.expectations, state.ideas, state.notes):
        for item in collection.values():
            if item.pid in counts:
                counts[item.pid] += 1
    for _, pid in state.ratings:
        if pid in counts:
            counts[pid] += 1
    return counts


def quiet(counts: dict[int, int]) -> set[int]:
    """Those at half the group's average or less, once the group has said something."""
    if not counts:
        return set()
    mean = sum(counts.values()) / len(counts)
    if mean < 1:
        return set()
    return {pid for pid, n in counts.items() if n <= mean / 2}


class People(Static):
    def show(self, state: SessionState, t) -> None:
        counts = contributions(state)
        shy = quiet(counts)
        grid = Table.grid(expand=True, padding=(0, 1, 0, 0))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        for pid, p in state.participants.items():
            style = "bold yellow" if pid in shy else ""
            label = p.label + (f" ({p.segment})" if p.segment else "")
            grid.add_row(Text(str(pid), style="dim"), Text(label, style=style),
                         Text(str(counts[pid]), style=style))
        if not state.participants:
            grid.add_row("", Text(t("No participants."), style="dim"), "")
        self.update(grid)
        self.tooltip = t("Entries each participant has made. Yellow: quiet so far.") if shy else None
