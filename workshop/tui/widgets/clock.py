"""The step timer: elapsed against planned, a colour as the end nears, overtime."""

from __future__ import annotations

from rich.cells import cell_len

from workshop.core.state import Step
from workshop.tui.plain import Plain


def clock_text(seconds: float) -> str:
    seconds = int(max(0.0, seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def phase(elapsed: float, planned: float) -> str:
    """'on' while there is time, 'ending' near the end, 'over' past it.

    Near the end means the last tenth of the step, and never less than its last minute.
    """
    if planned <= 0:
        return "on"
    if elapsed >= planned:
        return "over"
    if planned - elapsed <= max(60.0, planned / 10):
        return "ending"
    return "on"


class ClockReading:
    """What a step's clock shows at a time: its text, its phase, whether it runs; and
    whether the bell rings now (time ran out while the clock was on view on this step,
    not when a session reopens already past its time). Shared by `StepClock` and the
    run screen's bar, which draws the clock itself (widgets/run_bar.py)."""

    def __init__(self) -> None:
        self._last: tuple[int | None, str] = (None, "")

    def read(self, step: Step, at: str, t) -> tuple[str, str, bool, bool]:
        """(text, phase, running, ring) of ``step``'s clock at ``at``."""
        elapsed = step.elapsed_at(at)
        planned = step.minutes * 60
        now = phase(elapsed, planned)
        running = step.running_since is not None
        sign = "▶" if running else "⏸"
        if now == "over":
            text = t("{sign} {elapsed} · {over} over", sign=sign, elapsed=clock_text(elapsed),
                     over="+" + clock_text(elapsed - planned))
        elif planned:
            text = f"{sign} {clock_text(elapsed)} / {clock_text(planned)}"
        else:
            text = f"{sign} {clock_text(elapsed)}"
        before_step, before_phase = self._last
        ring = (running and now == "over" and before_step == step.index
                and before_phase != "over")
        self._last = (step.index, now)
        return text, now, running, ring


class StepClock(Plain):
    """Shows the current step's timer; rings the bell once when time runs out (unless
    ``bell`` is False: a replay plays past ends of steps that rang long ago)."""

    DEFAULT_CSS = """
    StepClock { width: auto; padding: 0 1; text-style: bold; }
    StepClock.-paused { color: $text-muted; }
    StepClock.-ending { background: $warning; color: $text; }
    StepClock.-over { background: $error; color: $text; }
    """

    def __init__(self, *, bell: bool = True, **kwargs):
        super().__init__("", **kwargs)
        self.bell = bell
        self._reading = ClockReading()
        self._shown: str | None = None

    def _show_text(self, text: str) -> None:
        """Redraw the clock alone while it keeps its width: the screen is not laid out
        again every second a clock runs."""
        if text == self._shown:
            return
        layout = self._shown is None or cell_len(text) != cell_len(self._shown)
        self._shown = text
        self.update(text, layout=layout)

    def show(self, step: Step | None, at: str, t) -> None:
        if step is None:
            self._show_text("")
            return
        text, now, running, ring = self._reading.read(step, at, t)
        self._show_text(text)
        self.set_class(not running, "-paused")
        self.set_class(now == "ending", "-ending")
        self.set_class(now == "over", "-over")
        if self.bell and ring:
            self.app.bell()
