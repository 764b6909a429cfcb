"""The importance/performance 2×2 as Word's own chart (a DrawingML scatter chart part).

Performance across (the rating scale, 1 to 5), importance up (a share of the dots); the
cross-hairs are two dashed lines; each moment a point in its quadrant's colour (one
series per quadrant, so the legend names the quadrants in their colours); the quadrants'
names in their corners. Word and LibreOffice draw it: sharp at any size, restyled like
any chart of the consultant's, and no matplotlib at export time.

Each of the most important points carries its moment's short name (moments on one spot
share one label, a line each: one dot hides the other), placed here (as the picture
did) where it covers no other label, point, corner name or cross-hair, near it: the plot
area has a fixed layout inside the chart, so where a point lands is known, and each
label is moved there from its point (a manual layout, as a label dragged in Word is).
Sizes are measured in DejaVu Sans (``measure``), wider than Calibri: a label drawn in
Calibri only has more room around it.
"""

from __future__ import annotations

import math

from workshop.report import measure
from workshop.report.blocks import IPAChart
from workshop.report.charts import GREY, QUADRANT_COLOURS, wrap
from workshop.report.wordchart import FONT, _attr, _t, chart_head

WIDTH_PT = 6.3 * 72  # the text column of an A4 page, as the picture was
HEIGHT_PT = WIDTH_PT * 0.8
# The plot area inside the chart, in points from its edges: room on the left for the
# importance ticks and the axis' name, below for the performance ticks, the axis' name
# and the legend.
LEFT, RIGHT, TOP, BOTTOM = 50.0, 10.0, 8.0, 74.0
X_LO, X_HI = 1.0, 5.0  # the rating scale
LABEL_PT = 7.0  # a point's label
CORNER_PT = 8.5  # a quadrant's name
LINE = 1.2  # line height, in font sizes
PAD = 2.0  # around a label's text, in points
DOT = 4.5  # half a marker's size, with its white edge
MAX_POINT_LABELS = 30  # the most important moments are named; more would be ink
POINT_LABEL_CHARS = 16  # per line of a point's label
SHARED_LABEL_CHARS = 28  # per line of a label naming the moments on one spot, one a line
CORNER_INK = {"concentrate": "A5312F", "keep": "3E6B35", "low": "595959", "overkill": "8A6315"}
ORDER = ("concentrate", "keep", "low", "overkill")
Box = tuple[float, float, float, float]  # left, top, right, bottom, in points, y down


def scale(chart: IPAChart) -> tuple[float, float]:
    """(the importance axis' top, its step): a round share above the highest point."""
    top = max([p.importance for p in chart.points] + [chart.importance_line, 0.01]) * 1.18
    for step in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0):
        if top / step <= 8:
            break
    return math.ceil(top / step - 1e-9) * step, step


class Frame:
    """Where data lands in the chart, in points from its top left corner."""

    def __init__(self, chart: IPAChart):
        self.y_hi, self.step = scale(chart)
        self.x0, self.y0 = LEFT, TOP
        self.x1, self.y1 = WIDTH_PT - RIGHT, HEIGHT_PT - BOTTOM

    def data(self, x: float, y: float) -> tuple[float, float]:
        """The performance and importance at ``x``, ``y`` points in the chart."""
        return (X_LO + (x - self.x0) / (self.x1 - self.x0) * (X_HI - X_LO),
                (self.y1 - y) / (self.y1 - self.y0) * self.y_hi)

    def at(self, performance: float, importance: float) -> tuple[float, float]:
        x = self.x0 + (performance - X_LO) / (X_HI - X_LO) * (self.x1 - self.x0)
        y = self.y1 - importance / self.y_hi * (self.y1 - self.y0)
        return x, y


def text_size(lines: list[str], size: float, bold: bool = False) -> tuple[float, float]:
    """Width and height of a label's lines at ``size``, its padding included."""
    width = max((measure.text_width(line, size, bold) for line in lines), default=0.0)
    return width + 2 * PAD, len(lines) * size * LINE + 2 * PAD


def corners(chart: IPAChart, frame: Frame) -> dict[str, Box]:
    """Each quadrant's name, in its corner of the plot area."""
    out = {}
    for key in ORDER:
        w, h = text_size([chart.quadrants[key]], CORNER_PT, bold=True)
        left = frame.x0 + 2 if key in ("concentrate", "low") else frame.x1 - 2 - w
        top = frame.y0 + 2 if key in ("concentrate", "keep") else frame.y1 - 2 - h
        out[key] = (left, top, left + w, top + h)
    return out


class _Grid:
    """The boxes taken so far, bucketed by where they are: a label tried against the
    boxes near it only (a large session has 500 points)."""

    CELL = 16.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box):
        c = self.CELL
        for i in range(int(box[0] // c), int(box[2] // c) + 1):
            for j in range(int(box[1] // c), int(box[3] // c) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def near(self, box: Box) -> set[Box]:
        return {other for key in self._keys(box) for other in self.cells.get(key, ())}

    def overlap(self, box: Box) -> float:
        """The area ``box`` shares with the boxes taken, in square points."""
        area = 0.0
        for o in self.near(box):
            w = min(box[2], o[2]) - max(box[0], o[0])
            h = min(box[3], o[3]) - max(box[1], o[1])
            if w > 0 and h > 0:
                area += w * h
        return area

    def crossings(self, start: tuple[float, float], end: tuple[float, float],
                  own: Box | None = None, first: float = 0.35) -> int:
        """How many boxes the line from a point to its label runs through, from ``first``
        of the way on (``own``, the point's own dot, not counted)."""
        hit: set[Box] = set()
        for k in range(14):
            f = first + (1 - first) * k / 13
            x, y = start[0] + (end[0] - start[0]) * f, start[1] + (end[1] - start[1]) * f
            for o in self.cells.get((int(x // self.CELL), int(y // self.CELL)), ()):
                if o[0] <= x <= o[2] and o[1] <= y <= o[3] and o != own:
                    hit.add(o)
        return len(hit)


# Where a label may go around its point: beside, above, below, the diagonals and between
# (y down: -1 is above).
_DIRECTIONS = ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1),
               (0.4, -1), (-0.4, -1), (0.4, 1), (-0.4, 1), (1, -0.5), (-1, -0.5), (1, 0.5),
               (-1, 0.5))
_DISTANCES = (5, 9, 15, 24, 36, 52, 72, 96, 124, 156)  # points from the point to the label's side


def _far(distance: float) -> float:
    """What a label's distance from its point costs: next to nothing up to 24 points,
    then as much as covering a cross-hair for a few points more. A long leader line is
    hard to follow: the Spanish demo's M1 had its label at 15 % for its point at 0 %,
    past four other points, where a spot 20 points off covered a dashed line."""
    return distance * 0.01 + max(0.0, distance - 24) * 0.8


def _outside(box: Box, frame: Frame) -> float:
    return (max(0.0, frame.x0 - box[0]) + max(0.0, box[2] - frame.x1)
            + max(0.0, frame.y0 - box[1]) + max(0.0, box[3] - frame.y1))


def on_one_spot(chart: IPAChart, frame: Frame) -> list[list[int]]:
    """The points, most important first, those drawn on one spot together (their dots one
    over the other: the same figures, to half a point of the chart): the Spanish demo's
    M7 and M11 both at 20 % and 2.0, where the reader saw one dot and lost a moment."""
    spots: dict[tuple, list[int]] = {}
    order = sorted(range(len(chart.points)), key=lambda i: (-chart.points[i].importance, i))
    for i in order:
        point = chart.points[i]
        x, y = frame.at(point.performance, point.importance)
        spots.setdefault((point.quadrant, round(x * 2), round(y * 2)), []).append(i)
    return list(spots.values())


def spot_label(points: list) -> list[str]:
    """The lines of the label of the points on one spot: a moment's short name on two
    lines; two or three moments one line each (each named, so none is lost under the
    other's dot); more, their numbers."""
    if len(points) == 1:
        return wrap(points[0].label, POINT_LABEL_CHARS, 2).split("\n")
    if len(points) <= 3:
        return [wrap(p.label, SHARED_LABEL_CHARS, 1) for p in points]
    return wrap(", ".join(p.code for p in points), SHARED_LABEL_CHARS, 4).split("\n")


def place_labels(chart: IPAChart, frame: Frame | None = None) -> dict[int, tuple[list[str], Box]]:
    """{index of a point: (its label's lines, its box)} for the most important spots (at
    most MAX_POINT_LABELS), each label where it covers no other label, point, corner name
    or cross-hair, inside the plot area. Points on one spot share one label, on the most
    important of them, naming each (spot_label).

    Greedy, most important point first: spots around the point at growing distances, the
    first free one inside the plot kept; failing that, the one that covers least.
    """
    frame = frame or Frame(chart)
    # Three kinds of ink: what a label must never cover (another label, a corner's name),
    # what it had better not (a point), and what it may cross if that keeps it near its
    # point (a dashed cross-hair): in a crowded chart (a large session's 500 points) no
    # spot is free of the last two. A leader line through another dot reads as pointing
    # at it (the Spanish demo's M5 and M8 seemed to name M13's dot).
    words, dots, marks = _Grid(), _Grid(), _Grid()
    for box in corners(chart, frame).values():
        words.add(box)
    spots = [frame.at(p.performance, p.importance) for p in chart.points]
    for x, y in spots:
        dots.add((x - DOT, y - DOT, x + DOT, y + DOT))
    xl, yl = frame.at(chart.performance_line, chart.importance_line)
    marks.add((xl - 1.5, frame.y0, xl + 1.5, frame.y1))  # a label across a line is harder
    marks.add((frame.x0, yl - 1.5, frame.x1, yl + 1.5))  # to read
    placed: dict[int, tuple[list[str], Box]] = {}
    for together in on_one_spot(chart, frame)[:MAX_POINT_LABELS]:
        i = together[0]
        lines = spot_label([chart.points[k] for k in together])
        w, h = text_size(lines, LABEL_PT)
        x, y = spots[i]
        own = (x - DOT, y - DOT, x + DOT, y + DOT)
        best: Box | None = None
        best_cost = math.inf
        for distance in _DISTANCES:
            far = _far(distance)
            if far >= best_cost:  # every spot further on costs more than the best
                break
            for dx, dy in _DIRECTIONS:
                cx, cy = x + dx * distance, y + dy * distance
                # The label's box sits on the side of the point the offset points to.
                left = cx if dx > 0.5 else cx - w if dx < -0.5 else cx - w / 2
                top = cy if dy > 0.5 else cy - h if dy < -0.5 else cy - h / 2
                box = (left, top, left + w, top + h)
                # Inside the plot first, then over no other label, then no leader line
                # through another label, then over no point and no leader line through
                # one, then near its point (_far).
                cost = _outside(box, frame) * 1e6 + far
                if cost < best_cost:
                    cost += words.overlap(box) * 1000
                if cost < best_cost:
                    cost += dots.overlap(box) * 2 + marks.overlap(box) * 0.5
                if distance > 9 and cost < best_cost:
                    centre = (left + w / 2, top + h / 2)
                    cost += (400 * words.crossings((x, y), centre)
                             + 2 * marks.crossings((x, y), centre))
                    if cost < best_cost:
                        cost += 30 * dots.crossings((x, y), centre, own, 0.0)
                if cost < best_cost:
                    best, best_cost = box, cost
                if cost < 1:
                    break
            if best_cost < 1:
                break
        assert best is not None  # the first spot tried is the best so far
        words.add(best)
        placed[i] = (lines, best)
    return placed


# ---- the chart part ------------------------------------------------------------------


def _rich(lines: list[str], size: float, colour: str, bold: bool = False) -> str:
    sz, b = round(size * 100), int(bold)
    paras = "".join(
        f'<a:p><a:pPr><a:defRPr sz="{sz}" b="{b}">{FONT}</a:defRPr></a:pPr>'
        f'<a:r><a:rPr lang="en-US" sz="{sz}" b="{b}"><a:solidFill><a:srgbClr val="{colour}"/>'
        f'</a:solidFill>{FONT}</a:rPr><a:t>{_t(line)}</a:t></a:r></a:p>' for line in lines)
    return ('<c:rich><a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0"/><a:lstStyle/>'
            f"{paras}</c:rich>")


def _text_props(size: float = 8.0, colour: str = "404040", bold: bool = False) -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{round(size * 100)}" '
            f'b="{int(bold)}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{FONT}'
            '</a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>')


_NO_LABELS = ('<c:dLbls><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/>'
              '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
              '</c:dLbls>')
_SHOW_TEXT = ('<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
              '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')


def _label(idx: int, lines: list[str], box: Box, anchor: tuple[float, float] | None,
           size: float, colour: str, bold: bool = False) -> str:
    """A data label with its own text, centred on its point, or moved from there to
    ``box`` (the offset is a share of the chart's width and height)."""
    layout = ""
    if anchor is not None:
        dx = ((box[0] + box[2]) / 2 - anchor[0]) / WIDTH_PT
        dy = ((box[1] + box[3]) / 2 - anchor[1]) / HEIGHT_PT
        layout = (f'<c:layout><c:manualLayout><c:x val="{dx:.5f}"/><c:y val="{dy:.5f}"/>'
                  '</c:manualLayout></c:layout>')
    return (f'<c:dLbl><c:idx val="{idx}"/>{layout}'
            f'<c:tx>{_rich(lines, size, colour, bold)}</c:tx><c:spPr><a:noFill/><a:ln>'
            f'<a:noFill/></a:ln></c:spPr><c:dLblPos val="ctr"/>{_SHOW_TEXT}</c:dLbl>')


def _leader_lines() -> str:
    """Word draws a thin line from a moved label to its point (an Office 2013 extension)."""
    return ('<c:extLst><c:ext uri="{CE6537A1-D6FC-4f65-9D91-7224C49458BB}" '
            'xmlns:c15="http://schemas.microsoft.com/office/drawing/2012/chart">'
            '<c15:showLeaderLines val="1"/><c15:leaderLines><c:spPr><a:ln w="6350">'
            f'<a:solidFill><a:srgbClr val="{GREY.lstrip("#")}"/></a:solidFill></a:ln></c:spPr>'
            '</c15:leaderLines></c:ext></c:extLst>')


def _values(tag: str, column: str, values: list[float], count: int) -> str:
    """The numbers in the chart's own cache (as the bars: the workbook they refer to is
    not embedded; Word and LibreOffice draw from the cache). Every series counts
    ``count`` points, the ones it lacks left blank: LibreOffice keeps a chart's numbers in
    one table, and dropped every series shorter than the longest."""
    pts = "".join(f'<c:pt idx="{i}"><c:v>{v:.6g}</c:v></c:pt>' for i, v in enumerate(values))
    return (f'<c:{tag}><c:numRef><c:f>Sheet1!${column}$2:${column}${count + 1}</c:f>'
            f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>'
            f'{pts}</c:numCache></c:numRef></c:{tag}>')


def _series(idx: int, name: str, xs: list[float], ys: list[float], count: int, look: str,
            labels: str = _NO_LABELS) -> str:
    x_col, y_col = "ABCDEFGHIJKLMN"[2 * idx], "ABCDEFGHIJKLMN"[2 * idx + 1]
    return (f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/><c:tx><c:v>{_t(name)}</c:v></c:tx>'
            f'{look}{labels}{_values("xVal", x_col, xs, count)}'
            f'{_values("yVal", y_col, ys, count)}<c:smooth val="0"/></c:ser>')


def _dots(colour: str) -> str:
    c = colour.lstrip("#")
    return ('<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="circle"/>'
            f'<c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="{c}"/></a:solidFill>'
            '<a:ln w="6350"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln>'
            '</c:spPr></c:marker>')


_DASHED = ('<c:spPr><a:ln w="12700" cap="flat"><a:solidFill><a:srgbClr val="8C8C8C"/>'
           '</a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr>'
           '<c:marker><c:symbol val="none"/></c:marker>')
_HIDDEN = ('<c:spPr><a:ln><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="none"/>'
           '</c:marker>')


def percent_code(percent_format: str) -> str:
    """A number format showing a share as the language writes a percentage ("30%", "30 %"):
    the text around the number quoted, the per cent sign left bare (it multiplies by 100)."""
    before, _, after = percent_format.partition("{}")

    def quoted(text: str) -> str:
        return "%".join(f'"{part}"' if part else "" for part in text.split("%"))

    return quoted(before) + "0" + quoted(after)


def _axis(ax_id: int, cross: int, pos: str, title: str, low: float, high: float, step: float,
          code: str) -> str:
    return (f'<c:valAx><c:axId val="{ax_id}"/><c:scaling><c:orientation val="minMax"/>'
            f'<c:max val="{high:.6g}"/><c:min val="{low:.6g}"/></c:scaling><c:delete val="0"/>'
            f'<c:axPos val="{pos}"/><c:title><c:tx>{_rich([title], 8.5, "404040")}</c:tx>'
            f'<c:overlay val="0"/></c:title><c:numFmt formatCode="{_attr(code)}" sourceLinked="0"/>'
            '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="8C8C8C"/></a:solidFill></a:ln>'
            f'</c:spPr>{_text_props(8.0)}<c:crossAx val="{cross}"/><c:crosses val="min"/>'
            f'<c:crossBetween val="midCat"/><c:majorUnit val="{step:.6g}"/></c:valAx>')


def chart_xml(chart: IPAChart, lang: str = "en-US") -> bytes:
    """The chart part of the 2×2 (see the module's docstring)."""
    frame = Frame(chart)
    points = chart.points
    labels = place_labels(chart, frame)
    series = []
    groups = {key: [i for i, p in enumerate(points) if p.quadrant == key] for key in ORDER}
    count = max([4, *(len(members) for members in groups.values())])
    # The cross-hairs first: the points are drawn over them.
    xl, yl = chart.performance_line, chart.importance_line
    series.append(_series(0, chart.crosshairs or " ", [xl, xl], [0.0, frame.y_hi], count,
                          _DASHED))
    series.append(_series(1, chart.crosshairs or " ", [X_LO, X_HI], [yl, yl], count, _DASHED))
    for n, key in enumerate(ORDER, start=2):
        members = groups[key]
        dlbls = "".join(_label(k, *labels[i], frame.at(points[i].performance,
                                                          points[i].importance), LABEL_PT,
                               "202020") for k, i in enumerate(members) if i in labels)
        dlbls = (f'<c:dLbls>{dlbls}<c:showLegendKey val="0"/><c:showVal val="0"/>'
                 '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
                 f'<c:showBubbleSize val="0"/>{_leader_lines()}</c:dLbls>')
        series.append(_series(n, chart.quadrants[key], [points[i].performance for i in members],
                              [points[i].importance for i in members], count,
                              _dots(QUADRANT_COLOURS[key]), dlbls))
    # The quadrants' names: the labels of four unseen points, each where its name goes.
    boxes = corners(chart, frame)
    spots = [frame.data((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
             for box in (boxes[key] for key in ORDER)]
    names = "".join(_label(k, [chart.quadrants[key]], boxes[key], None, CORNER_PT,
                           CORNER_INK[key], bold=True) for k, key in enumerate(ORDER))
    names = (f'<c:dLbls>{names}<c:showLegendKey val="0"/><c:showVal val="0"/>'
             '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
             '<c:showBubbleSize val="0"/></c:dLbls>')
    series.append(_series(6, " ", [s[0] for s in spots], [s[1] for s in spots], count,
                          _HIDDEN, names))
    hidden = [1, 6] if chart.crosshairs else [0, 1, 6]
    legend = "".join(f'<c:legendEntry><c:idx val="{i}"/><c:delete val="1"/></c:legendEntry>'
                     for i in hidden)
    code = percent_code(chart.percent_format) if chart.percent else "General"
    x0, y0 = frame.x0 / WIDTH_PT, frame.y0 / HEIGHT_PT
    w, h = (frame.x1 - frame.x0) / WIDTH_PT, (frame.y1 - frame.y0) / HEIGHT_PT
    xml = (
        chart_head(lang, (x0, y0, w, h)) +
        '<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>'
        f'{"".join(series)}<c:axId val="2001"/><c:axId val="2002"/></c:scatterChart>'
        f'{_axis(2001, 2002, "b", chart.x_axis, X_LO, X_HI, 1.0, "0")}'
        f'{_axis(2002, 2001, "l", chart.y_axis, 0.0, frame.y_hi, frame.step, code)}'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
        f'<c:legend><c:legendPos val="b"/>{legend}<c:overlay val="0"/>{_text_props(7.5)}'
        '</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props()}</c:chartSpace>')
    return xml.encode("utf-8")

