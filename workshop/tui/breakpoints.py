"""A screen with its breakpoint classes from its first layout on.

Textual gives a screen its breakpoint classes (``-narrow``, ``-tall``…) on its first
Resize, which comes after the screen's first layout and drawing: every widget of the
screen was then styled again, and laid out and drawn again where a class changes a size
(the run screen's side column). A screen given them as it is made, from the size of the
terminal, is styled once; Textual's own update on that Resize then changes nothing.

Its first layout is also the last one its widgets ask for as they are mounted and sized
(see ``SizedScreen._refresh_layout``): only what changes after it is laid out again.
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from workshop.tui.widgets.flat import Flat


def _pick(dimension: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the largest breakpoint ``dimension`` reaches, as Textual picks it."""
    for at, name in sorted(breakpoints, reverse=True):
        if dimension >= at:
            return name
    return None


class SizedScreen(Flat, Screen):
    """A screen whose breakpoint classes are set as it is made (from the app's size),
    laid out once as it first shows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        try:
            app = self.app
        except RuntimeError:  # made outside a running app: Textual sets them on Resize
            return
        width, height = app.size
        horizontal = (app.HORIZONTAL_BREAKPOINTS if self.HORIZONTAL_BREAKPOINTS is None
                      else self.HORIZONTAL_BREAKPOINTS) or []
        vertical = (app.VERTICAL_BREAKPOINTS if self.VERTICAL_BREAKPOINTS is None
                    else self.VERTICAL_BREAKPOINTS) or []
        # The classes not reached are left out, as Textual's update leaves them.
        picked = {_pick(width, horizontal), _pick(height, vertical)}
        self.update_classes({name: name in picked for _, name in horizontal + vertical},
                            update=False)

    _shown = False

    _laid_out = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if self._laid_out or scroll or not (size or self.outer_size):
            super()._refresh_layout(size, scroll)
            return
        # The screen's first layout. What its widgets asked for as they were mounted, it
        # does; and as it tells each widget its size, the widget sets its virtual size,
        # which asks for another layout, although nothing depends on it there but its
        # scrollbars. Left asking, each of those made Textual lay the whole screen out
        # again (every arrangement made anew) once the widget was next idle, after the
        # first drawing, and draw it again. A widget whose scrollbars came or went, or
        # that asks afterwards (on its Resize), is laid out again as usual.
        self._laid_out = True
        widgets = [w for w in self.walk_children(Widget) if w._is_mounted]
        bars = [w.scrollbars_enabled for w in widgets]
        for widget in widgets:
            widget._layout_required = False
        super()._refresh_layout(size, scroll)
        for widget, before in zip(widgets, bars, strict=True):
            if widget.scrollbars_enabled == before:
                widget._layout_required = False

    _drawn = False  # its first drawing has been sent to the terminal

    def _compositor_refresh(self) -> None:
        if self._drawn or not self.is_current or self.app.is_inline:
            super()._compositor_refresh()
            return
        if self.app._batch_count:
            # Textual drops whatever is drawn while the app batches its updates (see
            # App._display), and a session opened with the app (``workshop run``) is
            # laid out and drawn during the app's own mount: that whole drawing (30 ms
            # of the run screen's start) never reached the terminal, which got the one
            # Textual made again after. Drawn once, when the batch has ended.
            self.refresh()
            return
        whole = self._compositor.size.region in self._compositor._dirty_regions
        super()._compositor_refresh()
        self._drawn = True
        if whole:
            # Every cell drawn (all of them changed at the first layout): a repaint of
            # the whole screen asked for until now is in this drawing.
            self._repaint_required = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Its widgets were styled as they were mounted, the screen's classes already set:
        # Textual styled every one of them again as the screen first showed (a twentieth
        # of the run screen's start). Later showings (back from a dialog) are restyled.
        if not self._shown:
            self._shown = True
            event.refresh_styles = False
