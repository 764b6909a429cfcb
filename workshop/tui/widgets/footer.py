"""Textual's footer, with the key descriptions in the session's language."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.compose import compose
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workshop.i18n import t

COMPACT_BELOW = 100  # columns: under this the keys lose their padding to fit
# Shown first, whatever the step: the key that lists every other key, and the way on.
# What a narrow footer cannot hold is on the help screen.
FIRST = ("help", "next_step")


def _rank(widget) -> int:
    if isinstance(widget, FooterKey) and widget.action in FIRST:
        return FIRST.index(widget.action)
    return len(FIRST)


class KeyFooter(Footer):
    # Compact mode glues a key group's title to the next key ("bda Staget Touchpoint"),
    # and its margin keeps the docked palette key off the last column, where the keys
    # that overflow showed through.
    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }
    KeyFooter.-compact FooterKey.-command-palette { margin: 0; padding-right: 1; }
    """

    def compose(self) -> ComposeResult:
        widgets = compose(self, super().compose())  # key groups filled, as Textual does
        for widget in widgets:
            if isinstance(widget, FooterKey):
                # The description is a binding's short label; its tooltip the whole text.
                widget.description = t(widget.description)
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = t(widget.tooltip)
        widgets.sort(key=_rank)
        yield from widgets

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
