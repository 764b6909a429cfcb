"""What a user sees and what reaches the terminal, read from what Textual draws.

``screen_lines`` reads the screen as drawn (line filters included) as lines of text: the
render Textual's screenshot is made of (``App.export_screenshot``, what ``save_screenshot``
writes), its cells' text taken as it is. ``record_terminal`` gives the app a driver that
keeps what it writes to the terminal instead of dropping it, as the test driver does.
"""

from __future__ import annotations

from textual._compositor import LayoutUpdate
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver


def screen_lines(app: App) -> list[str]:
    """Every line of the screen as it is drawn, the whole width of it (a wide character
    is one character, as in the terminal).

    The render is the one ``App.export_screenshot`` makes (the same call, with the
    screens under a dialog; its two private names are the screenshot's own), each
    cell's text taken as drawn. Reading the screenshot's SVG back gave the same lines
    (543 looks in the tests that use this, compared one by one) for about 40 ms of CPU
    a look, where the tests poll the screen until it shows what they expect: the
    small-screen test's footer alone was read about 300 times."""
    width, height = app.size
    drawn = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens)
    assert isinstance(drawn, LayoutUpdate), "a full update is not a LayoutUpdate any more"
    rows = ["".join(segment.text for strip in line for segment in strip
                    if not segment.control) for line in drawn.strips]
    assert len(rows) == height, (len(rows), height)
    return rows


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))


def seen(widget) -> list[str]:
    """The lines of the screen a widget covers, as the user sees them."""
    lines = screen_lines(widget.app)
    x, y, width, height = widget.region
    return [line[x:x + width] for line in lines[y:y + height]]


def record_terminal(app: App) -> list[str]:
    """From now on, what ``app`` writes to the terminal is appended to the list returned.
    Run the app with ``app.run_test(headless=False)``: Textual draws only through a driver
    that is not headless, and this one is the test driver except that it keeps what is
    written instead of dropping it."""
    written: list[str] = []

    class TerminalRecorder(HeadlessDriver):
        @property
        def is_headless(self) -> bool:
            return False

        def write(self, data: str) -> None:
            written.append(data)

        def flush(self) -> None:
            pass

    app.driver_class = TerminalRecorder
    return written
