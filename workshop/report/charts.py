"""What the report's charts share: colours, sizes, labels wrapped. Every chart is Word's
own (the ranked bars ``wordchart``, the 2×2 ``ipachart``, the journey map's curve
``journey_map``): Word and LibreOffice draw them, and nothing here draws a picture.

Labels are shown whole, wrapped between words: a chart never cuts a word.
"""

from __future__ import annotations

import textwrap

WIDTH_IN = 6.3  # the chart's printed width: the text column of an A4 page
BLUE, GREY, RED, GREEN, AMBER = "#1F4E79", "#8C8C8C", "#C0504D", "#4E8542", "#C08A1E"
QUADRANT_COLOURS = {"concentrate": RED, "keep": GREEN, "low": GREY, "overkill": AMBER}


def wrap(text: str, width: int, max_lines: int) -> str:
    """``text`` on lines of about ``width`` characters, broken between words only.

    Characters outside the Basic Multilingual Plane (emoji) are dropped: DejaVu has none
    of them. A word longer than a line keeps a line of its own (cut with … only past
    twice the width: someone's 300-letter "word"); past ``max_lines`` the label ends
    with … after a whole word.
    """
    text = " ".join("".join(ch for ch in text if ord(ch) < 0x10000).split()) or "…"
    lines = []
    for line in textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False):
        lines.append(line if len(line) <= 2 * width else line[: 2 * width - 1] + "…")
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + " …"
    return "\n".join(lines)
