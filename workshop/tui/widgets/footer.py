"""Textual's footer, with the key descriptions in the session's language."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import ComposeResult
from textual.compose import compose
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from workshop.i18n import current_language, t

COMPACT_BELOW = 100  # columns: under this the keys lose their padding to fit
# Shown first, whatever the step: the key that lists every other key, and the way on.
# What a narrow footer cannot hold is on the help screen.
FIRST = ("help", "next_step")
# Kept when keys must be left out (the others go, the last first): undo is the key a
# facilitator needs most after a slip.
KEPT = (*FIRST, "undo")


def _rank(widget) -> int:
    if isinstance(widget, FooterKey) and widget.action in FIRST:
        return FIRST.index(widget.action)
    return len(FIRST)


class KeyFooter(Footer):
    # Compact mode glues a key group's title to the next key ("bda Staget Touchpoint").
    # The docked palette key takes the last column too, with no padding after it (the
    # column Spanish needed for Ctrl+Z Deshacer): _fit leaves out the keys that would run
    # under it, so none shows through there.
    DEFAULT_CSS = """
    KeyFooter.-compact FooterLabel { margin: 0 1 0 0; }
    KeyFooter.-compact FooterKey.-command-palette { margin: 0; padding-right: 0; }
    """

    _pending = False  # a redraw of the keys is on its way
    _drawn: tuple | None = None  # what the keys on screen were drawn from
    fitted = True  # False from a change of keys or width until _fit has left out the cut ones

    def __init__(self, *, shown_by_screen: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        # The screen calls show_keys as it opens, its focus set: keys drawn before then
        # (for no focus yet) were mounted, styled and replaced at once.
        self._waiting = shown_by_screen

    def bindings_changed(self, screen) -> None:
        if self._waiting:
            return
        # Textual rebuilds every key each time the screen's bindings may have changed
        # (each change of focus: six times while the run screen opens, and on key presses
        # that move the focus), each key styled anew: a fifth of the start. Rebuilt once
        # per refresh instead, and only when what the keys would show changed.
        self._bindings_ready = True
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        if not self._pending:
            self._pending = True
            self.call_later(self._redraw_keys)

    async def show_keys(self) -> None:
        """Draw the keys now, for a screen whose focus is where it will be before its
        first layout: the keys are in that layout. Textual's footer waits for a signal
        that comes after the first drawing, and the screen was laid out and drawn again
        with the keys (at the width the terminal already had)."""
        self._bindings_ready = True
        self._waiting = False
        self.compact = self.app.size.width < COMPACT_BELOW
        drawn = asyncio.Event()

        async def redraw() -> None:  # in the footer's own turn, as its compose needs
            try:
                await self._redraw_keys()
            finally:
                drawn.set()

        self.call_later(redraw)
        await drawn.wait()

    async def _redraw_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = (current_language(), self.show_command_palette, tuple(
            (binding.key, binding.action, binding.description,
             binding.group, enabled, tooltip)
            for node, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING))
        if shown == self._drawn:
            return
        self._drawn = shown
        await self.recompose()

    def compose(self) -> ComposeResult:
        widgets = compose(self, super().compose())  # key groups filled, as Textual does
        for widget in widgets:
            if isinstance(widget, FooterKey):
                # Made compact or not as the footer is, before it is mounted: each key
                # starts compact and was styled again (with its class) twice as the
                # footer's setting reached it, ten keys at each change of step. (The
                # palette's key does not follow the footer: it stays as it starts.)
                if not widget.has_class("-command-palette"):
                    widget.set_reactive(FooterKey.compact, self.compact)
                    widget.set_class(self.compact, "-compact", update=False)
                # The description is a binding's short label; its tooltip the whole text.
                widget.description = t(widget.description)
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = t(widget.tooltip)
        widgets.sort(key=_rank)
        yield from widgets

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        self.fitted = False
        for child in self.children:  # wider now, maybe: each key gets its chance again
            if not child.display:  # (setting it where it is shown lays the screen out)
                child.display = True
        self.call_after_refresh(self._fit)

    async def recompose(self) -> None:
        self.fitted = False
        await super().recompose()
        self.call_after_refresh(self._fit)

    def _fit(self, tries: int = 0) -> None:
        """Keys that do not fit whole before the palette key are left out, not cut
        ("F5 Tim▏"): the help screen (F1) lists every key."""
        if not self.is_attached:
            return
        children = list(self.children)
        if tries < 10 and any(child.display and not child.region for child in children):
            # Keys mounted since the last layout have no place yet (under load the
            # refresh can come first): fitted once they have one, or a key would be cut.
            self.call_after_refresh(self._fit, tries + 1)
            return
        self.fitted = True
        palette = next((w for w in children if w.has_class("-command-palette")), None)
        limit = palette.region.x if palette is not None else self.region.right
        shown = [c for c in children if c is not palette and c.display and c.region]
        if not shown:
            return

        # Where the keys kept would end, from their widths and margins: their places may
        # be those of the layout before keys were left out (not laid out again yet).
        def right(kept: list[Widget]) -> int:
            if not kept:
                return shown[0].region.x
            margins = [c.styles.margin for c in kept]
            return (shown[0].region.x + sum(c.region.width for c in kept)
                    + sum(m.left + m.right for m in margins)
                    - margins[0].left - margins[-1].right)

        if right(shown) <= limit:
            return
        # Too many for one line: whole keys are left out, the last first, but help, the
        # way on and undo (the key wanted most after a slip) only if they alone are too
        # wide; the others keep their order, and one left out comes back where it fits
        # once a wider one after it is out.
        kept = list(shown)
        for spare_none in (False, True):
            for child in reversed(shown):
                if right(kept) <= limit:
                    break
                if spare_none or not (isinstance(child, FooterKey) and child.action in KEPT):
                    kept.remove(child)
        for child in shown:
            if child not in kept:
                trial = [c for c in shown if c in kept or c is child]
                if right(trial) <= limit:
                    kept = trial
        for child in shown:
            if child not in kept:
                child.display = False
