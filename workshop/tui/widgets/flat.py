"""Containers drawn as one line repeated.

Textual draws every widget of a screen over its whole region, a container too, whose
lines its children then cover: the run screen, its body, its main column, the step's
panel and the panel's own grid drew some 180 lines of nothing but their background at
every start (1 ms or so each, of the first drawing). A container with no border,
outline, padding, hatch or keylines, drawing the blank Textual gives a container, has
every line the same: `Flat` draws the first of them the usual way and repeats it (as
Textual's own ``Widget.BLANK`` does, which draws the line without the styles and filters
the usual way gives it, so not quite the same line). Anything else is drawn as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Container, Horizontal, Vertical
from textual.geometry import Region
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker only
    _Widget = Widget
else:
    _Widget = object

_NO_EDGE = ("", "none", "hidden")


class Flat(_Widget):
    """A container whose lines are all alike is drawn one line, repeated."""

    def render_lines(self, crop: Region) -> list[Strip]:
        if crop.height > 1 and _all_alike(self):
            return super().render_lines(Region(crop.x, crop.y, crop.width, 1)) * crop.height
        return super().render_lines(crop)


def _all_alike(widget: Widget) -> bool:
    """Whether each of the widget's lines is drawn the same: Textual's blank for a
    container, with nothing that depends on the line (border, padding, outline, hatch,
    keylines)."""
    styles = widget.styles
    if isinstance(widget, Screen):
        # A screen draws a blank of its background when that is opaque.
        if type(widget).render is not Screen.render or styles.background.a < 1:
            return False
    elif type(widget).render is not Widget.render or not widget.is_container:
        return False
    return (not any(styles.padding) and not widget.BLANK
            and all(edge[0] in _NO_EDGE for edge in (*styles.border, *styles.outline))
            and (not styles.has_rule("hatch") or styles.hatch == "none")
            and styles.keyline[0] == "none")


class FlatContainer(Flat, Container):
    """A Container drawn as one line repeated where it can be."""


class FlatVertical(Flat, Vertical):
    """A Vertical drawn as one line repeated where it can be."""


class FlatHorizontal(Flat, Horizontal):
    """A Horizontal drawn as one line repeated where it can be."""
