"""Text the TUI draws from a session, a script, a deck or a file name: shown as it is.

Two dangers, one door. Markup: a ``str`` handed to a Textual widget (Static, Label, an
option, a select, a border title, a notification, the palette's help) is read as
markup, so a moment "[/]" crashes the app and "[@click=app.quit]" would be a button.
Terminal escapes: textual passes ESC and C1 controls through to the terminal.

So user text reaches a widget as a rich ``Text`` built from the plain string (never
parsed), after ``core.safetext.visible`` has written its control characters as escapes.
`plain()` builds one; `safe()` makes anything a widget is given safe (a str becomes
plain text, a Text keeps its styles); `Plain` and `PlainLabel` are the Static and Label
every screen uses, and apply `safe()` to whatever they show. The app's notifications
are plain too (``WorkshopApp.notify``). Last, `CONTROL_FILTER`, a line filter on
everything the app draws, drops any control character that got past all that, so that
none can ever reach the terminal.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from rich.segment import Segment
from rich.text import Span, Text
from textual.content import Content
from textual.content import Span as ContentSpan
from textual.css.styles import RulesMap
from textual.filter import LineFilter
from textual.visual import visualize
from textual.widget import Widget
from textual.widgets import Label, Static

if TYPE_CHECKING:  # what the mixin is mixed into, for the type checker only
    _Static = Static
else:
    _Static = object

from workshop.core.safetext import UNSAFE, visible, visible_map

_UNSAFE = re.compile(f"[{UNSAFE}]")


def plain(text: object, style: str = "") -> Text:
    """``text`` as it is: never read as markup, its control characters made visible."""
    return Text(visible(text), style=style)


def safe(content):
    """What a widget may be given: a str as plain text, a Text or Content with its
    control characters made visible (styles kept); anything else (a table whose cells
    are made with `plain`, a renderable of ours) as it is."""
    if isinstance(content, str):
        return Text(visible(content))
    if isinstance(content, Text):
        return safe_text(content)
    if isinstance(content, Content):
        return safe_content(content)
    return content


def safe_text(text: Text) -> Text:
    mapped = visible_map(text.plain)
    if mapped is None:
        return text
    shown, at = mapped
    return Text(shown, style=text.style, justify=text.justify, overflow=text.overflow,
                no_wrap=text.no_wrap, end=text.end, tab_size=text.tab_size,
                spans=[Span(at[s.start], at[min(s.end, len(at) - 1)], s.style)
                       for s in text.spans])


def safe_content(content: Content) -> Content:
    mapped = visible_map(content.plain)
    if mapped is None:
        return content
    shown, at = mapped
    return Content(shown, [ContentSpan(at[s.start], at[min(s.end, len(at) - 1)], s.style)
                           for s in content.spans])


class _PlainMixin(_Static):
    """Static's content and updates made safe (see `safe`); markup off for good measure."""

    def __init__(self, content="", **kwargs):
        kwargs.setdefault("markup", False)
        super().__init__(safe(content), **kwargs)

    def update(self, content="", *, layout: bool | None = None) -> None:
        content = safe(content)
        if layout is None:
            layout = self._resizes(content)
        super().update(content, layout=layout)

    def _resizes(self, content) -> bool:
        """Whether showing ``content`` may change this widget's size. Only then is the
        screen laid out again (what Textual does on every update otherwise): a line
        that changes on every key press is redrawn alone."""
        size = getattr(self, "size", None)
        if not size or not self.is_attached or self.parent is None:
            return True
        styles = self.styles
        rules = cast("RulesMap", styles)  # as Textual measures a widget
        if styles.width is not None and styles.width.is_auto:
            # Measured by what it shows: laid out again when that is wider or narrower
            # (a count beside a field: "12 matches" -> "13 matches" is redrawn alone).
            parent = self.parent
            container = parent.content_size.width if isinstance(parent, Widget) else size.width
            if (visualize(self, self.visual, markup=False).get_optimal_width(rules, container)
                    != visualize(self, content, markup=False).get_optimal_width(rules, container)):
                return True
        elif self.parent.styles.is_auto_width:
            return True  # its parent's width is measured by what it shows
        if styles.height is None or not styles.height.is_auto:
            return False
        width = size.width
        before = visualize(self, self.visual, markup=False).get_height(rules, width)
        after = visualize(self, content, markup=False).get_height(rules, width)
        return before != after


class Plain(_PlainMixin, Static):
    """A Static that shows what it is given as it is."""


class PlainLabel(_PlainMixin, Label):
    """A Label that shows what it is given as it is."""


class ControlFilter(LineFilter):
    """Drops control characters from every line drawn; a lone surrogate becomes U+FFFD.

    They take no cell, so the layout stays as measured. The text that put them there is
    shown through `visible` anyway; this only guarantees that nothing missed reaches the
    terminal."""

    @staticmethod
    def _clean(match: re.Match) -> str:
        return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""

    def apply(self, segments: list[Segment], background) -> list[Segment]:
        if not any(_UNSAFE.search(text) for text, _style, control in segments if not control):
            return segments
        out = []
        for text, style, control in segments:
            if not control:
                text = _UNSAFE.sub(self._clean, text)
                if not text:
                    continue
            out.append(Segment(text, style, control))
        return out


CONTROL_FILTER = ControlFilter()
