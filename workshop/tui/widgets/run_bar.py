"""The run screen's top line: where the session is, the room while it is open, the clock.

One widget draws the three parts, each as it looked when it was a widget of its own in
a row (a Horizontal holding the place, the room's line and a StepClock): the place in
bold, taking the width the others leave and cut with "…"; the room's line in the
accent colour; the clock in bold, muted while paused, on the warning colour near the
end of the step and on the error colour past it; one cell of space each side of each.
The row and its two widgets were three widgets to style, lay out and draw at every
start of the run screen, and the clock was styled again as it took its first class.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

from workshop.core.safetext import visible
from workshop.core.state import Step
from workshop.tui.widgets.clock import ClockReading


class RunBar(Widget):
    """``show_where``, ``show_clock`` and ``show_room`` set what it says; ``where``,
    ``clock`` and ``room`` read it back (None: the room's line is not shown)."""

    # The clock's phases are component classes, not classes of the widget: one changing
    # styles nothing again; the later of two wins, as the rules of the classes did.
    COMPONENT_CLASSES = {"run-bar--where", "run-bar--room", "run-bar--clock",
                         "run-bar--paused", "run-bar--ending", "run-bar--over"}
    DEFAULT_CSS = """
    RunBar { height: 1; background: $panel; }
    RunBar > .run-bar--where { text-style: bold; }
    RunBar > .run-bar--room { color: $text-accent; }
    RunBar > .run-bar--clock { text-style: bold; }
    RunBar > .run-bar--paused { color: $text-muted; }
    RunBar > .run-bar--ending { background: $warning; color: $text; }
    RunBar > .run-bar--over { background: $error; color: $text; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.where = ""  # the place, its control characters made visible
        self.clock = ""
        self.room: str | None = None
        self._phase: tuple[str, ...] = ()  # the clock's component classes beyond its own
        self._reading = ClockReading()

    def show_where(self, text: str) -> None:
        text = visible(text)
        if text != self.where:
            self.where = text
            self.refresh()

    def show_room(self, text: str | None) -> None:
        """The room's line (None: none shown)."""
        if text is not None:
            text = visible(text)
        if text != self.room:
            self.room = text
            self.refresh()

    def show_clock(self, step: Step | None, at: str, t) -> None:
        """The step's clock at ``at``; the bell rings once as its time runs out."""
        if step is None:
            text, phase = "", ()
        else:
            text, now, running, ring = self._reading.read(step, at, t)
            phase = (*(("run-bar--paused",) if not running else ()),
                     *((f"run-bar--{now}",) if now in ("ending", "over") else ()))
            if ring:
                self.app.bell()
        if (text, phase) != (self.clock, self._phase):
            self.clock, self._phase = text, phase
            self.refresh()

    @property
    def clock_phase(self) -> str:
        """'paused', 'ending', 'over' (the last that applies) or '' (running, or none)."""
        return self._phase[-1].removeprefix("run-bar--") if self._phase else ""

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y or not width:
            return Strip.blank(width, base)
        style = self.get_component_rich_style
        # (Each part's full style: the widget's colours, then the part's own rules.)
        clock_style = style("run-bar--clock")
        for name in self._phase:
            clock_style += style(name)
        parts = [(self.clock, clock_style)]
        if self.room is not None:
            parts.insert(0, (self.room, style("run-bar--room")))
        # The place takes what the others leave (as the row's 1fr did), less its padding.
        inner = max(0, width - sum(cell_len(text) + 2 for text, _ in parts) - 2)
        where = Content(self.where).truncate(inner, ellipsis=True).plain
        segments: list[Segment] = []
        for n, (text, part_style) in enumerate([(where, style("run-bar--where")), *parts]):
            # The padding as Textual draws a widget's: its background alone.
            pad = Segment(" ", Style.from_color(bgcolor=part_style.bgcolor))
            segments.append(pad)
            if text:
                segments.append(Segment(text, part_style))
            if n == 0 and inner > cell_len(where):  # the place's line filled out
                segments.append(Segment(" " * (inner - cell_len(where)), pad.style))
            segments.append(pad)
        return Strip(segments).crop(0, width).extend_cell_length(width, base)
