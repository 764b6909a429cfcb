"""The journey map as a picture for the Word report's landscape page (matplotlib, Agg,
imported only when a report is drawn; drawn once, at a modest resolution).

One axes the size of the figure, in inches: the stages as coloured bands across the
top, a lane per touchpoint (its name upright in a narrow strip on the left), each
moment a box in its lane and column, edged and tinted with its quadrant's colour, its
name broken between words at the largest size that lets its longest word fit the box
(never cut inside a word); under the lanes, the feeling curve across the same columns.
Every artist that places something carries a gid ("stage-during", "lane-direct",
"moment-M3", "point-M3"), so a test can read back where it went.
"""

from __future__ import annotations

import re

from workshop.report import measure
from workshop.report.blocks import JourneyChart, JourneyPoint
from workshop.report.charts import BLUE, GREY, QUADRANT_COLOURS

WIDTH = 10.2  # inches: charts.JOURNEY_WIDTH_IN, a landscape A4 page's text
STRIP = 0.42  # the lanes' names (upright) and the curve's scale, left of the columns
RIGHT = 0.04
HEADER = 0.3  # the stages' band
GAP = 0.035  # around a box
PAD = 0.045  # inside a box
CURVE = 1.9  # the feeling curve's panel, its title included
LEGEND = 0.4
MAX_HEIGHT = 5.0  # the page holds the chapter's heading, a paragraph and the caption too
NAME_SIZES = (7.0, 6.5, 6.0, 5.5, 5.0)  # points: the largest at which a box's words fit
FIGURE_SIZES = (6.0, 5.5, 5.0)
STAGE_COLOURS = {"before": "#D6EAF3", "during": "#FBE8C8", "after": "#F3D9E6", None: "#E6E6E6"}
LANE_SHADE = ("#F7F7F7", "#EDEDED")
POSITIVE, NEGATIVE, NEUTRAL = "#4E8542", "#C0504D", "#595959"


def _tint(colour: str, share: float = 0.22) -> tuple[float, float, float]:
    """``colour`` mixed with white: a box's fill (its edge takes the colour itself)."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - share * (1 - r), 1 - share * (1 - g), 1 - share * (1 - b))


def _fits(word: str, size: float, width_pt: float) -> bool:
    return measure.text_width(word, size) <= width_pt


def lines_of(text: str, size: float, width_pt: float, most: int) -> list[str]:
    """``text`` in lines that fit ``width_pt`` at ``size``, broken between words (and
    after a hyphen: "self-" / "checkout"). A word wider than a line keeps a line of its
    own, whole. Past ``most`` lines, the last ends with … after a whole word."""
    # Spaces break a line; a no-break space ("−2.5 (6)") does not. Emoji: DejaVu has none.
    words = re.split(r"[ \t\r\n]+", "".join(ch for ch in text if ord(ch) < 0x10000).strip())
    pieces: list[str] = []
    for word in words:  # a compound too wide for a line breaks after its hyphens
        if "-" in word.strip("-") and not _fits(word, size, width_pt):
            parts = word.split("-")
            pieces += [p + "-" for p in parts[:-1]] + [parts[-1]]
        else:
            pieces.append(word)
    lines: list[str] = []
    for piece in pieces:
        joiner = "" if lines and lines[-1].endswith("-") else " "
        if lines and _fits(lines[-1] + joiner + piece, size, width_pt):
            lines[-1] += joiner + piece
        else:
            lines.append(piece)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while " " in last and not _fits(last + " …", size, width_pt):
            last = last.rsplit(" ", 1)[0]
        lines[-1] = last + " …"
    return lines


def _size(texts: list[str], sizes: tuple[float, ...], width_pt: float) -> float:
    """The largest of ``sizes`` at which every word of ``texts`` fits ``width_pt``."""
    words = [w for text in texts for w in re.split(r"[ \t\r\n-]+", text) if w]
    for size in sizes:
        if all(_fits(w, size, width_pt) for w in words):
            return size
    return sizes[-1]  # a word longer than a box even so: kept whole on its line


class _Box:
    """A moment's box: its name and figures laid out, and how tall that makes it."""

    def __init__(self, p: JourneyPoint, width_pt: float, most: int):
        self.point = p
        self.size = _size([f"{p.code} {p.name}"], NAME_SIZES, width_pt)
        self.name = lines_of(f"{p.code} {p.name}", self.size, width_pt, most)
        self.figure_size = _size(list(p.figures), FIGURE_SIZES, width_pt)
        self.figures = [line for f in p.figures
                        for line in lines_of(f, self.figure_size, width_pt, 2)]

    @property
    def height(self) -> float:
        name = len(self.name) * self.size * 1.2 / 72
        figures = len(self.figures) * self.figure_size * 1.2 / 72
        return name + figures + (0.05 if self.figures else 0) + 2 * PAD


def journey_figure(chart: JourneyChart):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyBboxPatch, Patch, Rectangle

    columns = max(1, chart.columns)
    col = (WIDTH - STRIP - RIGHT) / columns
    width_pt = (col - 2 * GAP - 2 * PAD) * 72
    most = 8
    while True:  # fewer lines of a name until the figure fits its page
        boxes = {p.code: _Box(p, width_pt, most) for p in chart.points}
        lane_height = {lane.key: max([0.5, *(boxes[p.code].height + 2 * GAP
                                             for p in chart.points if p.lane == lane.key)])
                       for lane in chart.lanes}
        height = LEGEND + CURVE + sum(lane_height.values()) + HEADER
        if height <= MAX_HEIGHT or most <= 3:
            break
        most -= 1
    fig = Figure(figsize=(WIDTH, height))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, height)
    ax.axis("off")

    def x_of(column: int) -> float:
        return STRIP + column * col

    right = x_of(columns)
    # The stages: a band each across the top, and a thin line down where one begins.
    top = height - HEADER
    for stage in chart.stages:
        x0, span = x_of(stage.first), stage.count * col
        ax.add_patch(Rectangle((x0 + 0.01, top + 0.03), span - 0.02, HEADER - 0.06,
                               facecolor=STAGE_COLOURS.get(stage.key, "#E6E6E6"),
                               edgecolor="none", gid=f"stage-{stage.key}"))
        label = stage.label if _fits(stage.label, 8, span * 72 - 6) else "\n".join(
            lines_of(stage.label, 6.5, span * 72 - 6, 2))
        ax.text(x0 + span / 2, top + HEADER / 2, label, ha="center", va="center",
                fontsize=8 if "\n" not in label and label == stage.label else 6.5,
                fontweight="bold", color="#303030", linespacing=1.0)
        if stage.first:
            ax.plot([x0, x0], [LEGEND, top], color="#BFBFBF", linewidth=0.6, zorder=1)
    # The lanes, each as tall as its tallest box; the name upright in the strip.
    y = top
    lane_top: dict[str | None, float] = {}
    for n, lane in enumerate(chart.lanes):
        h = lane_height[lane.key]
        y -= h
        lane_top[lane.key] = y + h
        ax.add_patch(Rectangle((0, y), right, h, facecolor=LANE_SHADE[n % 2],
                               edgecolor="none", zorder=0, gid=f"lane-{lane.key}"))
        name = "\n".join(lines_of(lane.label, 7, h * 72 - 8, 2))
        ax.text(STRIP / 2, y + h / 2, name, ha="center", va="center", rotation=90,
                fontsize=7, fontweight="bold", color="#404040", linespacing=1.0)
    for stage in chart.stages:
        if not any(p.stage == stage.key for p in chart.points):
            ax.text(x_of(stage.first) + col / 2, top - 0.12, "\n".join(
                lines_of(chart.empty, 6.5, col * 72 - 6, 3)), ha="center", va="top",
                fontsize=6.5, style="italic", color=GREY)
    # The moments: a box in their lane and column, in their quadrant's colour.
    for p in chart.points:
        box = boxes[p.code]
        colour = QUADRANT_COLOURS.get(p.quadrant or "", GREY)
        x0, y1 = x_of(p.column) + GAP, lane_top[p.lane] - GAP
        ax.add_patch(FancyBboxPatch(
            (x0, y1 - box.height), col - 2 * GAP, box.height,
            boxstyle="round,pad=0,rounding_size=0.04",
            facecolor=_tint(colour) if p.quadrant else "white", edgecolor=colour,
            linewidth=0.9, linestyle="-" if p.quadrant else "--", zorder=2,
            gid=f"moment-{p.code}"))
        ax.text(x0 + PAD, y1 - PAD, "\n".join(box.name), ha="left", va="top",
                fontsize=box.size, color="#202020", linespacing=1.0, zorder=3,
                gid=f"name-{p.code}")
        if box.figures:
            ax.text(x0 + PAD, y1 - box.height + PAD, "\n".join(box.figures), ha="left",
                    va="bottom", fontsize=box.figure_size, color="#404040",
                    linespacing=1.0, zorder=3)
    # The curve: its title on top, −100 % at the bottom, +100 % at the top.
    panel_top = LEGEND + CURVE
    ax.text(STRIP + 0.02, panel_top - 0.04, chart.curve_title, ha="left", va="top",
            fontsize=7.5, fontweight="bold", color="#404040")
    c1, c0 = panel_top - 0.38, LEGEND + 0.24
    mid = (c0 + c1) / 2
    for line, label in ((1, chart.top), (0, chart.middle), (-1, chart.bottom)):
        yy = mid + line * (c1 - c0) / 2
        ax.plot([STRIP, right], [yy, yy], color="#8C8C8C" if line == 0 else "#D9D9D9",
                linewidth=0.8 if line == 0 else 0.5, linestyle="-" if line == 0 else ":",
                zorder=1)
        ax.text(STRIP - 0.03, yy, label, ha="right", va="center", fontsize=6,
                color="#595959")
    if not chart.asked:
        ax.text((STRIP + right) / 2, mid + 0.1, chart.not_asked, ha="center", va="bottom",
                fontsize=8, style="italic", color="#595959")
    placed = [(x_of(p.column) + col / 2, p.level, p) for p in chart.points
              if p.level is not None]
    if len(placed) > 1:
        ax.plot([x for x, _, _ in placed], [mid + v * (c1 - c0) / 2 for _, v, _ in placed],
                color=BLUE, linewidth=1.4, zorder=3, solid_joinstyle="round")
    for x, level, p in placed:
        yy = mid + level * (c1 - c0) / 2
        colour = POSITIVE if level > 0 else NEGATIVE if level < 0 else NEUTRAL
        ax.scatter([x], [yy], s=40 if p.group else 34, marker="D" if p.group else "o",
                   zorder=4, facecolors="white" if p.group else colour, edgecolors=colour,
                   linewidths=1.2, gid=f"point-{p.code}")
        above = level >= 0  # away from the zero line, where the curve runs most
        ax.text(x, yy + (0.08 if above else -0.08), p.value, ha="center",
                va="bottom" if above else "top", fontsize=6.3, color=colour, zorder=5)
    # The legend: the quadrants' colours, and what a point of the curve rests on.
    handles: list[Patch | Line2D] = [
        Patch(facecolor=_tint(QUADRANT_COLOURS[key]), edgecolor=QUADRANT_COLOURS[key],
              label=chart.quadrants[key]) for key in ("concentrate", "keep", "low", "overkill")]
    handles.append(Patch(facecolor="white", edgecolor=GREY, linestyle="--",
                         label=chart.legend["unplaced"]))
    if chart.asked:
        handles.append(Line2D([], [], marker="o", color=BLUE, markerfacecolor=NEUTRAL,
                              markeredgecolor=NEUTRAL, label=chart.legend["marks"]))
        handles.append(Line2D([], [], marker="D", linestyle="", markerfacecolor="white",
                              markeredgecolor=NEUTRAL, label=chart.legend["group"]))
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
              bbox_transform=fig.transFigure, ncol=4, fontsize=6.5, frameon=False,
              handlelength=1.4, columnspacing=1.2, handletextpad=0.5, borderaxespad=0.1)
    fig.set_layout_engine(None)
    return fig


__all__ = ["journey_figure", "lines_of"]
