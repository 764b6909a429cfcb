"""Check boxes, radio buttons and selection lists that read the same without colour.

Textual draws a ticked and an unticked box with the same mark and tells them apart by
colour alone: on a projector, a monochrome terminal or to a colour-blind facilitator
they look alike. Here the mark is there only when ticked (X in a box, ● in a radio
button, X in a selection list's box); an unticked one is an empty box.
"""

from __future__ import annotations

from time import monotonic
from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, RadioButton, SelectionList

TICK, DOT, EMPTY = "X", "●", " "
Value = TypeVar("Value")


class Tick(Checkbox):
    @property
    # Textual declares the mark a class attribute, but reads it from the box each time it
    # draws: a property gives every box its own.
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 - Textual's name
        return TICK if self.value else EMPTY


class Choice(RadioButton):
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # noqa: N802 (as Tick's)
        return DOT if self.value else EMPTY


class TickList(SelectionList[Value]):
    """A SelectionList whose boxes hold an X only when selected. With ``numbered``, its
    options' prompts start with a number ("4. P4") and typing that number goes there."""

    def __init__(self, *args, numbered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.numbered = numbered
        self._typed = ("", 0.0)

    def on_key(self, event) -> None:
        if not self.numbered or not (event.character or "").isdigit():
            return
        event.stop()
        event.prevent_default()
        typed, at = self._typed
        now = monotonic()
        typed = (typed if now - at <= 1.0 else "") + event.character
        for index in range(self.option_count):
            prompt = str(self.get_option_at_index(index).prompt)
            if prompt.startswith(f"{typed}."):
                self.highlighted = index
                break
        else:
            typed = event.character  # not a number here: start again from this digit
            for index in range(self.option_count):
                if str(self.get_option_at_index(index).prompt).startswith(f"{typed}."):
                    self.highlighted = index
                    break
        self._typed = (typed, now)

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        _, scroll_y = self.scroll_offset
        try:
            selection = self.get_option_at_index(scroll_y + y)
        except Exception:  # past the last option: nothing of ours on this line
            return strip
        segments = list(strip)
        # The box is the first three segments: ▐, the mark, ▌ (Textual's layout).
        if len(segments) > 3 and segments[0].text == "▐" and segments[2].text == "▌":
            mark = TICK if selection.value in self._selected else EMPTY
            segments[1] = Segment(mark, segments[1].style, segments[1].control)
            return Strip(segments, strip.cell_length)
        return strip
