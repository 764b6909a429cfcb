"""A row of participant chips with a cursor: who rates now, who votes now.

The expectations panel's ratings row and the vote panel's voters row are both this: one
chip per participant, ←/→ (or a click) moves the cursor, chips break whole onto the next
line, and the row's height follows the lines drawn. A subclass says what a chip shows.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from workshop.core.safetext import visible


def chip_row(chips: Iterable[tuple[str, Style]], width: int) -> Text:
    """Chips a space apart, each kept whole: one that does not fit starts the next line
    (word wrapping would part a name from its count, or hide it past the edge)."""
    out, column = Text(), 0
    for text, style in chips:
        text = visible(text)  # names: control characters shown, measured as shown
        size = cell_len(text)
        if column and width and column + 1 + size > width:
            out.append("\n")
            column = 0
        elif column:
            out.append(" ")
            column += 1
        out.append(text, style=style)
        column += size
    return out


class ChipRow(Widget, can_focus=True):
    """One chip per participant; the cursor picks the one the keys act for."""

    index: reactive[int] = reactive(0)
    # The cursor's chip with the focus, and without it.
    CURSOR = ("reverse bold", "underline")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.people: list[tuple[int, str]] = []  # (pid, label)

    def chip(self, pid: int, label: str) -> tuple[str, str]:
        """A participant's chip: its text and its style away from the cursor."""
        return f" {label} ", ""

    def tail(self) -> list[tuple[str, str]]:
        """What follows the chips (a summary): (text, style) pieces, each kept whole."""
        return []

    def redraw(self, people: list[tuple[int, str]], *, restart: bool = False, **data) -> None:
        """Show ``people`` (and the subclass's ``data``); ``restart`` moves the cursor back
        to the first participant."""
        lines = self._lines()
        self.people = people
        for name, value in data.items():
            setattr(self, name, value)
        self.index = 0 if restart else min(self.index, max(0, len(people) - 1))
        # A new layout only when the row may wrap onto another line: a layout pass
        # redraws the whole screen.
        self.refresh(layout=self._lines() != lines)

    def _lines(self) -> int:
        """How many lines the row takes at its width, wrapped as it is drawn (a count of
        characters missed a chip pushed onto a second line, which then stayed hidden)."""
        width = self.content_size.width
        return len(self.render().wrap(self.app.console, width)) if width else 0

    @property
    def pid(self) -> int | None:
        return self.people[self.index][0] if self.people else None

    def render(self) -> Text:
        chips = []
        for i, (pid, label) in enumerate(self.people):
            text, style = self.chip(pid, label)
            if i == self.index:
                style = self.CURSOR[0] if self.has_focus else self.CURSOR[1]
            click = Style.from_meta({"@click": f"choose_at({i})"})
            chips.append((text, Style.parse(style or "none") + click))
        chips += [(text, Style.parse(style or "none")) for text, style in self.tail()]
        return chip_row(chips, self.content_size.width)

    def watch_index(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_choose(self, delta: int) -> None:
        if self.people:
            self.index = (self.index + delta) % len(self.people)

    def action_choose_at(self, index: int) -> None:  # a digit, or a click on a chip
        if 0 <= index < len(self.people):
            self.index = index
            self.focus()
