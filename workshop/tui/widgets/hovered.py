"""A widget that draws its parts itself (the keys of the footer, the buttons of a row),
with the part under the mouse lit and its tooltip shown."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class Hovered(Widget):
    """The mouse over one part at a time: ``hovered`` is its index (None: no part), set
    as the mouse moves and leaves; the widget draws itself again when it changes."""

    hovered: int | None = None

    def part_at(self, x: int) -> int | None:
        """The part drawn at column ``x``, if any."""
        raise NotImplementedError

    def tooltip_of(self, part: int) -> str | None:
        """What resting the mouse on ``part`` shows."""
        raise NotImplementedError

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.part_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, part: int | None) -> None:
        if part != self.hovered:
            self.hovered = part
            self.tooltip = self.tooltip_of(part) if part is not None else None
            self.refresh()
