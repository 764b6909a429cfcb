"""Charts as PNG bytes (matplotlib, Agg backend, imported only when a chart is drawn)."""

from __future__ import annotations

import io
import warnings

from workshop.report.blocks import BarChart, IPAChart
from workshop.report.text import excerpt

WIDTH_IN = 6.3  # the chart's printed width: the text column of an A4 page
DPI = 200
BLUE, GREY, RED = "#1F4E79", "#8C8C8C", "#C0504D"
MAX_BARS = 15


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _label(text: str, limit: int = 48) -> str:
    # DejaVu has no emoji: drop characters outside the Basic Multilingual Plane from
    # chart labels only (the tables keep the text as typed).
    return excerpt("".join(ch for ch in text if ord(ch) < 0x10000), limit) or "…"


def _two_lines(text: str, width: int = 42) -> str:
    """A bar's label on at most two lines, cut with an ellipsis beyond that."""
    import textwrap

    lines = textwrap.wrap(_label(text, 2 * width + 20), width) or ["…"]
    if len(lines) > 2:
        lines = [lines[0], excerpt(" ".join(lines[1:]), width)]
    return "\n".join(lines)


def _decimal_axes(ax, mark: str) -> None:
    if mark == ".":
        return
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda value, _: f"{value:g}".replace(".", mark))
    ax.xaxis.set_major_formatter(formatter)
    ax.yaxis.set_major_formatter(formatter)


def _png(fig) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing-glyph warnings for exotic scripts
        # Light compression: the PNG is zipped again inside the .docx anyway.
        fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 2})
    return buf.getvalue()


def render(chart: BarChart | IPAChart) -> bytes:
    if isinstance(chart, IPAChart):
        return ipa_chart(chart)
    return bar_chart(chart)


def bar_chart(chart: BarChart) -> bytes:
    """Ranked horizontal bars, the best at the top; at most MAX_BARS of them."""
    plt = _pyplot()
    items = chart.items[:MAX_BARS]
    labels = [_two_lines(label) for label, _ in items][::-1]
    height = 0.9 + sum(0.24 + 0.14 * label.count("\n") for label in labels)
    fig, ax = plt.subplots(figsize=(WIDTH_IN, height))
    try:
        values = [value for _, value in items][::-1]
        bars = ax.barh(range(len(items)), values, color=BLUE, height=0.65)
        ax.set_yticks(range(len(items)), labels, fontsize=8)
        ax.set_xlabel(chart.axis, fontsize=8)
        ax.set_title(_label(chart.title, 80), fontsize=10, loc="left")
        ax.bar_label(bars, labels=[f"{v:g}" for v in values], padding=3, fontsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(axis="x", labelsize=8)
        ax.xaxis.get_major_locator().set_params(integer=True)
        if values:
            ax.set_xlim(0, max(values) * 1.12 or 1)
        _decimal_axes(ax, chart.decimal)
        fig.tight_layout()
        return _png(fig)
    finally:
        plt.close(fig)


def ipa_chart(chart: IPAChart) -> bytes:
    """Importance (x) against performance (y), cross-hairs at the means, quadrants named."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, WIDTH_IN * 0.78))
    try:
        xs = [p.importance for p in chart.points]
        ys = [p.performance for p in chart.points]
        xm, ym = chart.importance_mean, chart.performance_mean
        x_lo, x_hi = _span(xs + [xm])
        y_lo, y_hi = 0.8, 5.2  # ratings go from 1 to 5
        ax.set_xlim(x_lo, x_hi)
        ax.set_ylim(y_lo, y_hi)
        ax.axvline(xm, color=GREY, linewidth=1, linestyle="--")
        ax.axhline(ym, color=GREY, linewidth=1, linestyle="--")
        # Shade "concentrate here": important and under-performing.
        ax.fill_between([xm, x_hi], y_lo, ym, color=RED, alpha=0.08, linewidth=0)
        corner = dict(fontsize=9, fontweight="bold", color="#404040")
        q = chart.quadrants
        pad_x, pad_y = (x_hi - x_lo) * 0.02, (y_hi - y_lo) * 0.02
        ax.text(x_hi - pad_x, y_lo + pad_y, q["concentrate"], ha="right", va="bottom", **corner)
        ax.text(x_hi - pad_x, y_hi - pad_y, q["keep"], ha="right", va="top", **corner)
        ax.text(x_lo + pad_x, y_lo + pad_y, q["low"], ha="left", va="bottom", **corner)
        ax.text(x_lo + pad_x, y_hi - pad_y, q["overkill"], ha="left", va="top", **corner)
        colours = [RED if p.quadrant == "concentrate" else BLUE for p in chart.points]
        ax.scatter(xs, ys, s=28, c=colours, zorder=3)
        # Label points with their number; with hundreds of moments only the 40 most
        # important get one, or the chart is ink.
        # Moments on the same spot share one label ("M3, M4"), or they print over each other.
        spots: dict[tuple[float, float], list[str]] = {}
        for p in sorted(chart.points, key=lambda p: -p.importance):
            spots.setdefault((round(p.importance, 6), round(p.performance, 6)), []).append(p.label)
        for (x, y), labels in list(spots.items())[:40]:
            text = ", ".join(labels) if len(labels) <= 4 else ", ".join(labels[:3]) + " +" + str(len(labels) - 3)
            ax.annotate(text, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7,
                        color="#202020")
        _decimal_axes(ax, chart.decimal)
        ax.set_xlabel(chart.x_axis, fontsize=9)
        ax.set_ylabel(chart.y_axis, fontsize=9)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        return _png(fig)
    finally:
        plt.close(fig)


def _span(values: list[float]) -> tuple[float, float]:
    lo, hi = min(values, default=0.0), max(values, default=1.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.12
    return lo - pad, hi + pad
