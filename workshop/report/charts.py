"""Charts as PNG bytes (matplotlib's Agg renderer, imported only when a chart is drawn):
the 2×2 and the journey map. The ranked bars are Word's own charts (``wordchart``), with
the labels wrapped here.

``ipa_figure`` builds the figure (tests read its labels back before it is saved);
``render`` turns one into PNG bytes. Figures are built without pyplot, so an
export running in a worker thread of the TUI draws safely.

Labels are shown whole, wrapped between words: a chart never cuts a word. The
language's decimal mark goes on the value axis only: the other axis carries names.
"""

from __future__ import annotations

import io
import textwrap
import warnings

from workshop.report.blocks import IPAChart, JourneyChart

WIDTH_IN = 6.3  # the chart's printed width: the text column of an A4 page
DPI = 200
BLUE, GREY, RED, GREEN, AMBER = "#1F4E79", "#8C8C8C", "#C0504D", "#4E8542", "#C08A1E"
QUADRANT_COLOURS = {"concentrate": RED, "keep": GREEN, "low": GREY, "overkill": AMBER}
POINT_LABEL_CHARS = 16  # per line of a point's label on the 2×2
MAX_POINT_LABELS = 30  # the most important moments are named; more would be ink


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
    FigureCanvasAgg(fig)
    return fig


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


def _value_formatter(mark: str, percent_format: str | None = None):
    """Tick labels for a value axis in the report's language (2,5 and 30 % in Spanish,
    30% in Portuguese: a percentage is written as the language writes it, whatever its
    decimal mark)."""
    from matplotlib.ticker import FuncFormatter

    def fmt(value: float, _pos) -> str:
        if percent_format is not None:
            return percent_format.format(f"{value * 100:.0f}")
        return f"{value:g}".replace(".", mark).replace("-", "\u2212")

    return FuncFormatter(fmt)


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


def figure(chart: IPAChart | JourneyChart):
    import matplotlib

    # Every label is typed text: a "$" in it is a dollar, never matplotlib's mathtext
    # (whose parser refused "$$" and stopped the export).
    with matplotlib.rc_context({"text.parse_math": False}):
        if isinstance(chart, JourneyChart):
            from workshop.report.journey_chart import journey_figure

            return journey_figure(chart)
        return ipa_figure(chart)


def render(chart: IPAChart | JourneyChart) -> bytes:
    import matplotlib

    fig = figure(chart)
    with matplotlib.rc_context({"text.parse_math": False}):  # labels made as it draws
        return _png(fig, JOURNEY_DPI if isinstance(chart, JourneyChart) else DPI)


# ---- importance against performance --------------------------------------------------


def ipa_figure(chart: IPAChart):
    """Performance across, importance up, cross-hairs as the chart says; each point
    labelled with its moment's short name, placed where it hides no other label."""
    from matplotlib.lines import Line2D

    fig = _figure(WIDTH_IN, WIDTH_IN * 0.8)
    ax = fig.add_subplot()
    xs = [p.performance for p in chart.points]
    ys = [p.importance for p in chart.points]
    xl, yl = chart.performance_line, chart.importance_line
    x_lo, x_hi = 0.8, 5.2  # ratings go from 1 to 5
    y_hi = max([*ys, yl], default=0.1) * 1.18 or 0.1
    y_lo = -0.05 * y_hi  # a moment with no dots sits above the axis, not on it
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.axvline(xl, color=GREY, linewidth=1, linestyle="--")
    ax.axhline(yl, color=GREY, linewidth=1, linestyle="--")
    # Shade "concentrate here": important and under-performing (top left).
    ax.fill_between([x_lo, xl], yl, y_hi, color=RED, alpha=0.07, linewidth=0)
    corner = dict(fontsize=8.5, fontweight="bold", color="#404040")
    q = chart.quadrants
    pad_x, pad_y = (x_hi - x_lo) * 0.015, (y_hi - y_lo) * 0.02
    corners = [ax.text(x_lo + pad_x, y_hi - pad_y, q["concentrate"], ha="left", va="top", **corner),
               ax.text(x_hi - pad_x, y_hi - pad_y, q["keep"], ha="right", va="top", **corner),
               ax.text(x_lo + pad_x, y_lo + pad_y, q["low"], ha="left", va="bottom", **corner),
               ax.text(x_hi - pad_x, y_lo + pad_y, q["overkill"], ha="right", va="bottom",
                       **corner)]
    colours = [QUADRANT_COLOURS.get(p.quadrant, BLUE) for p in chart.points]
    ax.scatter(xs, ys, s=26, c=colours, zorder=3, edgecolors="white", linewidths=0.5)
    ax.xaxis.set_major_formatter(_value_formatter(chart.decimal))
    ax.yaxis.set_major_formatter(_value_formatter(
        chart.decimal, chart.percent_format if chart.percent else None))
    ax.set_xlabel(chart.x_axis, fontsize=8.5)
    ax.set_ylabel(chart.y_axis, fontsize=8.5)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    handles = [Line2D([], [], marker="o", linestyle="", color=QUADRANT_COLOURS[key],
                      label=q[key]) for key in ("concentrate", "keep", "low", "overkill")]
    if chart.crosshairs:
        handles.append(Line2D([], [], color=GREY, linestyle="--", linewidth=1,
                              label=chart.crosshairs))
    fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=7.5, frameon=False,
               handlelength=1.6, columnspacing=1.4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fig.tight_layout(pad=0.4, rect=(0, 0.09, 1, 1))
    place_labels(fig, ax, chart.points, corners, lines=(xl, yl))
    return fig


def place_labels(fig, ax, points, obstacles=(), lines: tuple[float, float] | None = None) -> list:
    """Label each point without covering another label, a point, or the corners.

    Greedy, most important point first (at most MAX_POINT_LABELS): try spots around the
    point at growing distances and keep the first that is free and inside the plot; a
    label set away from its point gets a thin line to it. Returns the annotations.
    """
    import numpy as np

    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    scale = fig.dpi / 72  # display pixels per point
    taken = [_box(o.get_window_extent(renderer)) for o in obstacles]
    spots = [ax.transData.transform((p.performance, p.importance)) for p in points]
    dot = 4.5 * scale
    taken += [(x - dot, y - dot, x + dot, y + dot) for x, y in spots]
    if lines:  # the cross-hairs: a label across one is harder to read
        x_line, y_line = ax.transData.transform(lines)
        taken += [(x_line - 1.5, frame.y0, x_line + 1.5, frame.y1),
                  (frame.x0, y_line - 1.5, frame.x1, y_line + 1.5)]
    boxes = np.array(taken, dtype=float).reshape(-1, 4)
    order = sorted(range(len(points)), key=lambda i: (-points[i].importance, i))
    placed = []
    for i in order[:MAX_POINT_LABELS]:
        label = wrap(points[i].label, POINT_LABEL_CHARS, 2)
        probe = ax.annotate(label, (0, 0), fontsize=7, xycoords="figure pixels")
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = extent.width, extent.height
        x, y = spots[i]
        best: tuple[tuple[float, float, float, float], float, float, int] | None = None
        best_cost: float | None = None
        for distance in (5, 9, 15, 24, 36, 52, 72, 96):
            d = distance * scale
            for dx, dy in _DIRECTIONS:
                cx, cy = x + dx * d, y + dy * d
                # The label's box sits on the side of the point the offset points to.
                left = cx if dx > 0.5 else cx - w if dx < -0.5 else cx - w / 2
                bottom = cy if dy > 0.5 else cy - h if dy < -0.5 else cy - h / 2
                box = (left, bottom, left + w, bottom + h)
                outside = _outside(box, frame)
                # Inside the plot first, then no overlap, then no leader line through
                # another point or label, then near its point.
                cost = outside * 1e6 + _overlaps(box, boxes) * 1000 + distance * 0.01
                if distance > 9:
                    cost += 400 * _crossings((x, y), (cx, cy), boxes)
                if best_cost is None or cost < best_cost:
                    best, best_cost = (box, dx, dy, distance), cost
                if cost < 1:
                    break
            if best_cost is not None and best_cost < 1:
                break
        assert best is not None  # the first spot tried is the best so far
        box, dx, dy, distance = best
        boxes = np.vstack([boxes, box])
        ha = "left" if dx > 0.5 else "right" if dx < -0.5 else "center"
        va = "bottom" if dy > 0.5 else "top" if dy < -0.5 else "center"
        arrow = dict(arrowstyle="-", color=GREY, linewidth=0.6, shrinkA=0, shrinkB=3) \
            if distance > 9 else None
        placed.append(ax.annotate(label, (points[i].performance, points[i].importance),
                                  xytext=(dx * distance, dy * distance),
                                  textcoords="offset points", ha=ha, va=va, fontsize=7,
                                  color="#202020", linespacing=1.0, arrowprops=arrow,
                                  zorder=4))
    return placed


def _box(extent) -> tuple[float, float, float, float]:
    return extent.x0, extent.y0, extent.x1, extent.y1


def _overlaps(box, boxes) -> float:
    """Area a box shares with all the others, in square pixels."""
    import numpy as np

    w = np.minimum(box[2], boxes[:, 2]) - np.maximum(box[0], boxes[:, 0])
    h = np.minimum(box[3], boxes[:, 3]) - np.maximum(box[1], boxes[:, 1])
    return float(np.sum(np.clip(w, 0, None) * np.clip(h, 0, None)))


# Where a label may go around its point: beside, above, below, the diagonals and between.
_DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1),
               (0.4, 1), (-0.4, 1), (0.4, -1), (-0.4, -1), (1, 0.5), (-1, 0.5), (1, -0.5),
               (-1, -0.5))


def _crossings(start, end, boxes) -> int:
    """How many boxes the segment from a point to its label runs through."""
    import numpy as np

    steps = np.linspace(0.35, 1.0, 14)
    xs = start[0] + (end[0] - start[0]) * steps
    ys = start[1] + (end[1] - start[1]) * steps
    inside = ((xs[:, None] >= boxes[None, :, 0]) & (xs[:, None] <= boxes[None, :, 2])
              & (ys[:, None] >= boxes[None, :, 1]) & (ys[:, None] <= boxes[None, :, 3]))
    return int(inside.any(axis=0).sum())


def _outside(box, frame) -> float:
    """How far (pixels) a box sticks out of the plot's frame."""
    return (max(0.0, frame.x0 - box[0]) + max(0.0, box[2] - frame.x1)
            + max(0.0, frame.y0 - box[1]) + max(0.0, box[3] - frame.y1))
