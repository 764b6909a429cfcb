"""A row of buttons drawn by one widget: the wrap-up's report, summary and findings.

Three of Textual's Buttons in a row were four widgets (with their row) to style, lay out
and draw, and Button's stylesheet (every variant and look) parsed at the run screen's
start: about a tenth of what our first screen cost beyond a bare Textual app. Here the
row is one focusable widget: Tab reaches it, left and right move between its buttons,
Enter or space presses the one shown focused, a click presses the one under the mouse,
and resting the mouse on one shows its tooltip. It looks as Textual's compact buttons
did, from the theme's colours (``$surface``, ``$button-foreground``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content, Span
from textual.message import Message

from workshop.tui.widgets.hovered import Hovered

MIN_WIDTH = 16  # as Textual's Button: short labels centred in 16 columns
GAP = 1  # columns between two buttons


class RowButton(NamedTuple):
    name: str  # what Pressed says was pressed
    label: str  # shown as it is (never read as markup)
    tooltip: str | None = None


class ButtonRow(Hovered, can_focus=True):
    """Buttons on one line, one widget; each press posts ``ButtonRow.Pressed``."""

    DEFAULT_CSS = """
    ButtonRow { height: 1; width: 1fr; pointer: pointer; }
    """

    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("enter,space", "press", show=False),
    ]

    # The looks of Textual's compact default Button: bold on the surface colour; focused,
    # the theme's focus style; under the mouse, a darker surface.
    STYLE = "bold $button-foreground on $surface"
    FOCUSED = "bold $button-foreground on $surface $button-focus-text-style"
    HOVER = "bold $button-foreground on $surface-darken-1"

    class Pressed(Message):
        """A button of the row was pressed (by key or click)."""

        def __init__(self, row: ButtonRow, name: str) -> None:
            self.row = row
            self.name = name  # the button's name
            super().__init__()

        @property
        def control(self) -> ButtonRow:
            return self.row

    def __init__(self, buttons: Sequence[RowButton], **kwargs) -> None:
        super().__init__(**kwargs)
        self.buttons = list(buttons)
        self.cursor = 0  # the button Enter presses
        self._spans: list[tuple[int, int]] = []  # each button's columns
        at = 0
        for b in self.buttons:
            width = max(MIN_WIDTH, cell_len(b.label) + 2)
            self._spans.append((at, at + width))
            at += width + GAP

    def render(self) -> Content:
        parts: list[str] = []
        spans: list[Span] = []
        chars = 0  # Content's spans count characters, the columns count cells
        dim = self.disabled
        for i, (b, (start, end)) in enumerate(zip(self.buttons, self._spans, strict=True)):
            if i:
                parts.append(" " * GAP)
                chars += GAP
            room = end - start - cell_len(b.label)
            text = " " * (room // 2) + b.label + " " * (room - room // 2)
            parts.append(text)
            if dim:
                style = f"{self.STYLE} dim"
            elif i == self.cursor and self.has_focus:
                style = self.FOCUSED
            elif i == self.hovered:
                style = self.HOVER
            else:
                style = self.STYLE
            spans.append(Span(chars, chars + len(text), style))
            chars += len(text)
        return Content("".join(parts), spans=spans)

    def part_at(self, x: int) -> int | None:
        for i, (start, end) in enumerate(self._spans):
            if start <= x < end:
                return i
        return None

    # ---- keys ------------------------------------------------------------------------
    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.buttons)
        self.refresh()

    def action_press(self) -> None:
        if self.buttons and not self.disabled:
            self.post_message(self.Pressed(self, self.buttons[self.cursor].name))

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    # ---- the mouse (Hovered: the button under it lit, its tooltip shown) ---------------
    def tooltip_of(self, part: int) -> str | None:
        return self.buttons[part].tooltip

    def on_click(self, event: events.Click) -> None:
        index = self.part_at(event.x)
        if index is not None and not self.disabled:
            event.stop()
            self.cursor = index
            self.refresh()
            self.action_press()
