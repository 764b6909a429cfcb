"""The journey map as PNG bytes (matplotlib's Agg renderer, imported only when it is
drawn), and what the report's charts share: colours, sizes, labels wrapped. The ranked
bars and the 2×2 are Word's own charts (``wordchart``, ``ipachart``).

``figure`` builds the figure (tests read it back before it is saved); ``render`` turns
it into PNG bytes. Figures are built without pyplot, so an export running in a worker
thread of the TUI draws safely.

Labels are shown whole, wrapped between words: a chart never cuts a word.
"""

from __future__ import annotations

import io
import textwrap
import warnings

from workshop.report.blocks import JourneyChart

WIDTH_IN = 6.3  # the chart's printed width: the text column of an A4 page
DPI = 200
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


def _png(fig, dpi: int = DPI) -> bytes:
    buf = io.BytesIO()
    # tight_layout leaves a placeholder layout engine behind, and with one set savefig
    # lays every text out again before drawing: the layout is final by now.
    fig.set_layout_engine(None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing-glyph warnings for exotic scripts
        # The lightest compression: the PNG is zipped again inside the .docx anyway.
        fig.savefig(buf, format="png", dpi=dpi, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


# The journey map's width: a landscape A4 page's text (29.7 cm less two 1.8 cm margins).
JOURNEY_WIDTH_IN = 10.2
JOURNEY_DPI = 150  # a page-wide picture: as sharp in print at a modest resolution


def figure(chart: JourneyChart):
    import matplotlib

    from workshop.report.journey_chart import journey_figure

    # Every label is typed text: a "$" in it is a dollar, never matplotlib's mathtext
    # (whose parser refused "$$" and stopped the export).
    with matplotlib.rc_context({"text.parse_math": False}):
        return journey_figure(chart)


def render(chart: JourneyChart) -> bytes:
    import matplotlib

    fig = figure(chart)
    with matplotlib.rc_context({"text.parse_math": False}):  # labels made as it draws
        return _png(fig, JOURNEY_DPI)
