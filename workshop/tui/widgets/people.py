"""Participants and how much each has said, so a quiet one stands out.

The number is what each said in the room (moments, expectations, ideas, quotes and
notes credited to them); ratings and dots are left out, since everyone gives those when
asked and they made a silent participant look as busy as the rest."""

from __future__ import annotations

from rich.text import Text

from workshop.core.spoken import Spoken, spoken_for
from workshop.core.state import SessionState
from workshop.tui.plain import Plain, plain
from workshop.tui.widgets.rows import Row, Rows


class People(Plain):
    _shown: tuple | None = None  # what the list last showed
    _spoken: Spoken | None = None  # the counts, kept up to date change by change

    def show(self, state: SessionState, t) -> None:
        self._spoken = spoken_for(state, self._spoken)
        counts = self._spoken.counts()
        shown = tuple((pid, p.label, p.segment, *counts[pid])
                      for pid, p in state.participants.items())
        if shown == self._shown:
            return  # nothing to draw again (most key presses change no one's count)
        self._shown = shown
        rows: list[Row] = []
        for pid, p in state.participants.items():
            said, quiet = counts[pid]
            style = "bold yellow" if quiet else ""
            label = p.label + (f" ({p.segment})" if p.segment else "")
            rows.append((Text(str(pid), style="dim"), plain(label, style),
                         Text(str(said), style=style)))
        if not state.participants:
            rows.append((Text(""), Text(t("No participants."), style="dim"), Text("")))
        self.update(Rows(rows, first_justify="right"))
        self.tooltip = t("What each participant said: moments, expectations, ideas, quotes "
                         "and notes credited to them (ratings and dots apart). Yellow: "
                         "quiet so far.")
