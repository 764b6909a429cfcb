"""A screen with its breakpoint classes from its first layout on.

Textual gives a screen its breakpoint classes (``-narrow``, ``-tall``…) on its first
Resize, which comes after the screen's first layout and drawing: every widget of the
screen was then styled again, and laid out and drawn again where a class changes a size
(the run screen's side column). A screen given them as it is made, from the size of the
terminal, is styled once; Textual's own update on that Resize then changes nothing.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


def _pick(dimension: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the largest breakpoint ``dimension`` reaches, as Textual picks it."""
    for at, name in sorted(breakpoints, reverse=True):
        if dimension >= at:
            return name
    return None


class SizedScreen(Screen):
    """A screen whose breakpoint classes are set as it is made (from the app's size)."""

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

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Its widgets were styled as they were mounted, the screen's classes already set:
        # Textual styled every one of them again as the screen first showed (a twentieth
        # of the run screen's start). Later showings (back from a dialog) are restyled.
        if not self._shown:
            self._shown = True
            event.refresh_styles = False
