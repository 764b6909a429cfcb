"""The agenda: every step with its planned and elapsed minutes, the current one marked."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message

from workshop.core.state import CHANGES, SessionState
from workshop.i18n import short_number
from workshop.tui.plain import Plain, plain
from workshop.tui.widgets.rows import Rows


def minutes_text(seconds: float) -> str:
    return str(int(seconds // 60))


class Agenda(Plain):
    """A click on a step asks to go there (the screen decides and records it)."""

    class StepChosen(Message):
        def __init__(self, index: int):
            super().__init__()
            self.index = index

    _shown: tuple | None = None

    def show(self, state: SessionState, at: str) -> None:
        rows = []
        for st in state.steps:
            current = st.index == state.current_step
            # Its clock, else (≈) the time between step changes: as the report says.
            elapsed, how = st.time_taken(at)
            style = "reverse bold" if current else ("" if st.entered_at else "dim")
            over = bool(st.minutes and elapsed > st.minutes * 60)
            planned = short_number(st.minutes)
            mins = f"{'≈' if how == CHANGES else ''}{minutes_text(elapsed)}/{planned}"
            rows.append((st.index, st.title, style, mins, over))
        shown = tuple(rows)
        if shown == self._shown:
            return  # the clock ticks every second; the minutes change once a minute
        # The same steps: the agenda keeps its size, and is redrawn alone.
        layout = self._shown is None or len(shown) != len(self._shown)
        self._shown = shown
        self.update(Rows([(Text(f"{index + 1}", style=style), plain(title, style),
                           Text(mins, style="bold red" if over else ""))
                          for index, title, style, mins, over in rows], first_width=2),
                    layout=layout)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self.post_message(self.StepChosen(offset.y))
