"""What a user sees and what reaches the terminal, read through Textual's public API.

``screen_lines`` reads the screenshot Textual makes of the screen (``App.export_screenshot``,
what ``save_screenshot`` writes: the screen as drawn, line filters included) back into
lines of text. ``record_terminal`` gives the app a driver that keeps what it writes to
the terminal instead of dropping it, as the test driver does.
"""

from __future__ import annotations

import html
import re

from rich.cells import cell_len
from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver

# Rich's SVG: each line has a clip rectangle (x 0, the whole width), and each run of text
# is a <text> element at its cell's place. Runs of spaces are left out.
_LINE = re.compile(r'<clipPath id="[^"]*-line-0">\s*<rect x="0" y="[\d.]+" '
                   r'width="([\d.]+)" height="([\d.]+)"')
_TEXT = re.compile(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)" '
                   r'textLength="[\d.]+" clip-path="[^"]*">(.*?)</text>', re.DOTALL)


def screen_lines(app: App) -> list[str]:
    """Every line of the screen as it is drawn, the whole width of it (a wide character
    is one character, as in the terminal)."""
    width, height = app.size
    svg = app.export_screenshot()
    found = _LINE.search(svg)
    assert found is not None, "the screenshot's layout is not Rich's SVG any more"
    char_width = float(found.group(1)) / width
    line_height = float(found.group(2)) - 0.25
    rows: list[list[str]] = [[" "] * width for _ in range(height)]
    for x, y, text in _TEXT.findall(svg):
        row = rows[int(float(y) // line_height)]
        col = round(float(x) / char_width)
        # Rich writes a space as &#160; and escapes the rest as HTML.
        for ch in html.unescape(text.replace("&#160;", " ")):
            if ch == "\n":  # the end of the line, as Rich splits them
                continue
            cells = cell_len(ch)
            if not cells:  # a combining mark: with the character before it
                row[col - 1] += ch
                continue
            row[col] = ch
            for extra in range(1, cells):  # a wide character takes two cells
                row[col + extra] = ""
            col += cells
    return ["".join(row) for row in rows]


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
