"""The projector's charts, drawn in the page as SVG: a vote's ranked bars and the
importance–performance 2×2. Sizes are attributes, not styles (the pages' content
security policy allows no inline style); every text goes through ``el``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workshop.core.analysis import CONCENTRATE, KEEP, LOW, OVERKILL, GapTable, quadrant_label
from workshop.room.html import Html, el

Tr = Callable[..., str]


def _clip(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"


def bars(rows: Sequence[tuple[str, int]], *, label: str) -> Html:
    """Ranked bars, one per item: its words above, its bar and count below."""
    rows = [r for r in rows if r[1] > 0]
    top = max((n for _, n in rows), default=1) or 1
    step, width = 84, 1600
    parts = []
    for i, (text, n) in enumerate(rows):
        y = i * step
        bar = max(6, round((width - 120) * n / top))
        parts.append(el("text", {"x": 0, "y": y + 30, "class": "label"},
                        f"{i + 1}. {_clip(text, 90)}"))
        parts.append(el("rect", {"x": 0, "y": y + 42, "width": bar, "height": 30, "rx": 4,
                                 "class": "bar"}))
        parts.append(el("text", {"x": bar + 14, "y": y + 68, "class": "count"}, n))
    height = max(step, step * len(rows))
    return el("svg", {"viewBox": f"0 0 {width} {height}", "role": "img", "aria-label": label,
                      "class": "chart bars", "preserveAspectRatio": "xMinYMin meet"}, *parts)


def ipa(table: GapTable, tr: Tr) -> Html:
    """Importance up, performance across, the cross-hairs where the table puts them, each
    moment a numbered dot (the list beside it names them)."""
    w, h, left, right, top, bottom = 1200, 760, 90, 1170, 30, 690
    points = [r for r in table.rows if r.importance is not None and r.performance is not None]
    most = max((r.importance or 0 for r in points), default=0) or 1.0
    high = min(1.0, most * 1.15)

    def x(p: float) -> float:
        return left + (right - left) * (p - 1) / 4

    def y(i: float) -> float:
        return bottom - (bottom - top) * i / high

    parts = [el("rect", {"x": left, "y": top, "width": right - left, "height": bottom - top,
                         "class": "frame"})]
    if table.cross_performance is not None and table.cross_importance is not None:
        cx, cy = x(table.cross_performance), y(table.cross_importance)
        parts += [el("line", {"x1": cx, "y1": top, "x2": cx, "y2": bottom, "class": "cross"}),
                  el("line", {"x1": left, "y1": cy, "x2": right, "y2": cy, "class": "cross"})]
    corners = [(CONCENTRATE, left + 12, top + 36, "start"), (KEEP, right - 12, top + 36, "end"),
               (LOW, left + 12, bottom - 16, "start"), (OVERKILL, right - 12, bottom - 16, "end")]
    parts += [el("text", {"x": cx_, "y": cy_, "text-anchor": anchor, "class": "quadrant"},
                 quadrant_label(key, tr)) for key, cx_, cy_, anchor in corners]
    for value in (1, 2, 3, 4, 5):
        parts.append(el("text", {"x": x(value), "y": bottom + 34, "text-anchor": "middle",
                                 "class": "tick"}, value))
    parts.append(el("text", {"x": (left + right) / 2, "y": h - 4, "text-anchor": "middle",
                             "class": "axis"}, tr("Performance today (1–5)")))
    parts.append(el("text", {"x": 24, "y": (top + bottom) / 2, "text-anchor": "middle",
                             "class": "axis",
                             "transform": f"rotate(-90 24 {(top + bottom) / 2})"},
                    tr("Importance (share of the dots)")))
    for r in points:
        px, py = x(r.performance or 0), y(r.importance or 0)
        parts.append(el("g", {"class": f"point {r.quadrant or ''}".strip()},
                        el("circle", {"cx": round(px, 1), "cy": round(py, 1), "r": 22}),
                        el("text", {"x": round(px, 1), "y": round(py + 9, 1),
                                    "text-anchor": "middle"}, r.position)))
    return el("svg", {"viewBox": f"0 0 {w} {h}", "role": "img", "class": "chart ipa",
                      "aria-label": tr("Importance and performance of each moment")}, *parts)
