"""The journey map on the Word report's landscape page, as Word's own content: a table
for the map and Word's own line chart for the feeling curve under it (no picture, no
matplotlib: the consultant restyles both as they restyle any table and chart of theirs).

The table: the stages as shaded cells across the top (one spanning its columns), a row
per lane (touchpoint) with its name upright in a narrow first column, each moment in its
lane's row and its own column, boxed (paragraph borders and shading) in its quadrant's
colour, a dashed grey box where it has no quadrant; its name broken between words at the
largest size that lets its longest word fit the column (never cut inside a word), its
figures under it. A thin line down where a stage begins.

The curve: a line chart whose plot area spans the same columns as the table's moments,
a point per moment (a hollow diamond where it is the group's feeling, not individual
marks), green above zero and red below, each labelled with its value; then the legend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from workshop.report import measure
from workshop.report.blocks import JourneyChart, JourneyPoint
from workshop.report.charts import BLUE, GREY, QUADRANT_COLOURS
from workshop.report.ipachart import percent_code
from workshop.report.text import xml_safe
from workshop.report.wordchart import FONT, _attr, _t, chart_head

WIDTH = 14688  # twips: a landscape A4 page's text (10.2 in)
STRIP = 605  # twips: the lanes' names, upright, and the curve's scale beside them
CELL_MARGIN = 30  # twips, left and right inside a cell
# The box (paragraph borders) inside its cell: Word draws a paragraph's border outside its
# text, its spacing and width (55 twips) outside the indent; LibreOffice left the sides
# out where the indent was smaller.
BOX_INDENT = 60  # twips
BORDER_SPACE = 2  # points between a box's border and its text
HEADER = 0.3  # inches: the stages' row
CURVE_IN = 1.55  # inches: the feeling curve's chart
CURVE_TITLE = 0.2  # inches: its title above it
LEGEND = 0.3  # inches
MAX_HEIGHT = 5.0  # the page holds the chapter's heading, a paragraph and the caption too
PAD = 0.045  # inches, above and below a box's text
LANE_MIN = 0.5  # inches: a lane's least height
LANE_NAME_PT = 7.0  # a lane's name, bold, upright: the strip holds three lines of it
LANE_NAME_LINES = 3
NAME_SIZES = (7.0, 6.5, 6.0, 5.5, 5.0)  # points: the largest at which a box's words fit
FIGURE_SIZES = (6.0, 5.5, 5.0)
STAGE_COLOURS = {"before": "D6EAF3", "during": "FBE8C8", "after": "F3D9E6", None: "E6E6E6"}
LANE_SHADE = ("F7F7F7", "EDEDED")
POSITIVE, NEGATIVE, NEUTRAL = "4E8542", "C0504D", "595959"
STAGE_LINE = "BFBFBF"
GROUP = "BFBFBF"  # the group's feeling, not individual marks: a light diamond


def tint(colour: str, share: float = 0.22) -> str:
    """``colour`` ("#C0504D") mixed with white: a box's fill (its border takes the colour)."""
    rgb = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(255 - share * (255 - c)):02X}" for c in rgb)


def _fits(word: str, size: float, width_pt: float, bold: bool = False) -> bool:
    return measure.text_width(word, size, bold) <= width_pt


def lines_of(text: str, size: float, width_pt: float, most: int, bold: bool = False) -> list[str]:
    """``text`` in lines that fit ``width_pt`` at ``size``, broken between words (and
    after a hyphen: "self-" / "checkout"). A word wider than a line keeps a line of its
    own, whole. Past ``most`` lines, the last ends with … after a whole word."""
    # Spaces break a line; a no-break space ("−2.5 (6)") does not.
    words = re.split(r"[ \t\r\n]+", text.strip())
    pieces: list[str] = []
    for word in words:  # a compound too wide for a line breaks after its hyphens
        if "-" in word.strip("-") and not _fits(word, size, width_pt, bold):
            parts = word.split("-")
            pieces += [p + "-" for p in parts[:-1]] + [parts[-1]]
        else:
            pieces.append(word)
    lines: list[str] = []
    for piece in pieces:
        joiner = "" if lines and lines[-1].endswith("-") else " "
        if lines and _fits(lines[-1] + joiner + piece, size, width_pt, bold):
            lines[-1] += joiner + piece
        else:
            lines.append(piece)
    if len(lines) > most:
        lines = lines[:most]
        last = lines[-1]
        while " " in last and not _fits(last + " …", size, width_pt, bold):
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


class Box:
    """A moment's box: its name and figures laid out, and how tall that makes it."""

    def __init__(self, p: JourneyPoint, width_pt: float, most: int):
        self.point = p
        self.size = _size([f"{p.code} {p.name}"], NAME_SIZES, width_pt)
        self.name = lines_of(f"{p.code} {p.name}", self.size, width_pt, most)
        # A figure ("gap −2.5 (6)") on one line where a size allows, else its words whole.
        self.figure_size = next((size for size in FIGURE_SIZES if all(
            _fits(f, size, width_pt) for f in p.figures)), None) or _size(
            list(p.figures), FIGURE_SIZES, width_pt)
        self.figures = [line for f in p.figures
                        for line in lines_of(f, self.figure_size, width_pt, 2)]

    @property
    def height(self) -> float:
        """Inches, its padding and border included."""
        name = len(self.name) * self.size * 1.22 / 72
        figures = len(self.figures) * self.figure_size * 1.22 / 72
        return name + figures + 2 * PAD + 0.04


def name_height(label: str) -> float:
    """The least height (inches) at which a lane's upright name fits the strip in
    LANE_NAME_LINES lines, broken between words, never inside one: a short lane (one row
    of small boxes) cut "Puntos de contacto indirectos" to "Puntos de contact…", and
    Word broke a word longer than the lane ("In/direct")."""
    height = LANE_MIN
    while height < MAX_HEIGHT / 2:
        room = height * 72 - 8  # points along the strip, its margins left out
        lines = lines_of(label, LANE_NAME_PT, room, LANE_NAME_LINES + 1, bold=True)
        if len(lines) <= LANE_NAME_LINES and all(
                _fits(line, LANE_NAME_PT, room, bold=True) for line in lines):
            return height
        height += 0.05
    return height


@dataclass
class Layout:
    widths: list[int]  # twips: the lanes' column, then one per map column
    boxes: dict[str, Box]
    lane_height: dict[str | None, float]  # inches
    text_pt: float  # the width a box's text has, in points


def layout(chart: JourneyChart) -> Layout:
    """Column widths and boxes: fewer lines of a name until the map fits its page."""
    columns = max(1, chart.columns)
    col = (WIDTH - STRIP) // columns
    widths = [STRIP] + [col] * columns
    widths[-1] += WIDTH - sum(widths)
    text_pt = (col - 2 * CELL_MARGIN - 2 * BOX_INDENT) / 20 - 1  # a point to spare
    most = 8
    while True:
        boxes = {p.code: Box(p, text_pt, most) for p in chart.points}
        lane_height = {lane.key: max([name_height(lane.label),
                                      *(boxes[p.code].height + 0.06
                                        for p in chart.points if p.lane == lane.key)])
                       for lane in chart.lanes}
        height = HEADER + sum(lane_height.values()) + CURVE_TITLE + CURVE_IN + LEGEND
        if height <= MAX_HEIGHT or most <= 3:
            return Layout(widths, boxes, lane_height, text_pt)
        most -= 1


# ---- the table -----------------------------------------------------------------------


def _run(text: str, size: float, *, bold: bool = False, italic: bool = False,
         colour: str = "202020") -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    half = round(size * 2)
    return (f'<w:r><w:rPr>{props}<w:color w:val="{colour}"/><w:sz w:val="{half}"/>'
            f'<w:szCs w:val="{half}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(xml_safe(text))}</w:t></w:r>')


def _lines(lines: list[str], size: float, **kw) -> str:
    """Runs for ``lines``, a line break between them (laid out here, measured)."""
    return "<w:r><w:br/></w:r>".join(_run(line, size, **kw) for line in lines)


_TIGHT = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'


def _para(runs: str, align: str = "left", extra: str = "", spacing: str = _TIGHT) -> str:
    # pPr's children in the schema's order: keepNext, keepLines, pBdr, shd, spacing, ind, jc.
    return (f'<w:p><w:pPr><w:keepNext/><w:keepLines/>{extra}{spacing}'
            f'<w:jc w:val="{align}"/></w:pPr>{runs}</w:p>')


def _box(box: Box) -> str:
    """A moment's paragraphs, boxed: Word and LibreOffice draw one border around
    consecutive paragraphs that have the same borders."""
    p = box.point
    colour = QUADRANT_COLOURS.get(p.quadrant or "", GREY).lstrip("#")
    fill = tint(colour) if p.quadrant else "FFFFFF"
    style = "single" if p.quadrant else "dashed"
    sides = "".join(f'<w:{side} w:val="{style}" w:sz="6" w:space="{BORDER_SPACE}" '
                    f'w:color="{colour}"/>' for side in ("top", "left", "bottom", "right"))
    frame = f'<w:pBdr>{sides}</w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    spacing = _TIGHT + f'<w:ind w:left="{BOX_INDENT}" w:right="{BOX_INDENT}"/>'
    out = _para(_lines(box.name, box.size), extra=frame, spacing=spacing)
    if box.figures:
        out += _para(_lines(box.figures, box.figure_size, colour="404040"), extra=frame,
                     spacing=spacing.replace('w:before="0"', 'w:before="40"'))
    return out


def _cell(width: int, content: str, fill: str | None = None, borders: str = "",
          span: int = 1, upright: bool = False) -> str:
    # tcPr's children in the schema's order: tcW, gridSpan, tcBorders, shd, textDirection,
    # vAlign.
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    turn = '<w:textDirection w:val="btLr"/>' if upright else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}{borders}{shade}{turn}'
            f'<w:vAlign w:val="{"center" if upright or span > 1 else "top"}"/></w:tcPr>'
            f"{content or _para('')}</w:tc>")


def table_xml(chart: JourneyChart, lay: Layout) -> str:
    """The map as a table (WordprocessingML), every word already measured to fit."""
    widths = lay.widths
    col = widths[1]
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           '<w:tblInd w:w="0" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" '
           f'w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" '
           'w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>',
           "".join(f'<w:gridCol w:w="{w}"/>' for w in widths), "</w:tblGrid>"]
    # The stages: a shaded cell each, across its columns.
    row = [_cell(widths[0], "")]
    for stage in chart.stages:
        span_pt = stage.count * col / 20 - 8
        whole = _fits(stage.label, 8, span_pt, True)
        label = [stage.label] if whole else lines_of(stage.label, 6.5, span_pt, 2, bold=True)
        row.append(_cell(sum(widths[1 + stage.first:1 + stage.first + stage.count]),
                         _para(_lines(label, 8.0 if whole else 6.5, bold=True,
                                      colour="303030"), "center"),
                         STAGE_COLOURS.get(stage.key, "E6E6E6"), span=stage.count))
    out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{round(HEADER * 1440)}" '
               f'w:hRule="atLeast"/></w:trPr>{"".join(row)}</w:tr>')
    starts = {stage.first for stage in chart.stages if stage.first}
    empty = {stage.first for stage in chart.stages
             if not any(p.stage == stage.key for p in chart.points)}
    at = {(p.lane, p.column): lay.boxes[p.code] for p in chart.points}
    line = (f'<w:tcBorders><w:left w:val="single" w:sz="4" w:space="0" w:color="{STAGE_LINE}"/>'
            '</w:tcBorders>')
    for n, lane in enumerate(chart.lanes):
        shade = LANE_SHADE[n % 2]
        height = lay.lane_height[lane.key]
        name = lines_of(lane.label, LANE_NAME_PT, height * 72 - 8, LANE_NAME_LINES, bold=True)
        row = [_cell(widths[0], _para(_lines(name, LANE_NAME_PT, bold=True, colour="404040"),
                                      "center"),
                     shade, upright=True)]
        for column in range(max(1, chart.columns)):
            box = at.get((lane.key, column))
            if box is not None:
                content = _box(box)
            elif n == 0 and column in empty:
                content = _para(_lines(lines_of(chart.empty, 6.5, col / 20 - 6, 3), 6.5,
                                       italic=True, colour=GREY.lstrip("#")), "center")
            else:
                content = ""
            row.append(_cell(widths[1 + column], content, shade,
                             line if column in starts else ""))
        out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{round(height * 1440)}" '
                   f'w:hRule="atLeast"/></w:trPr>{"".join(row)}</w:tr>')
    out.append("</w:tbl>")
    return "".join(out)


def title_xml(chart: JourneyChart) -> str:
    """The curve's title, or (feelings not asked) the title and the words saying so."""
    out = _para(_run(chart.curve_title, 7.5, bold=True, colour="404040"),
                spacing='<w:spacing w:before="120" w:after="0"/>'
                        f'<w:ind w:left="{STRIP + CELL_MARGIN}"/>')
    if not chart.asked:
        out += _para(_run(chart.not_asked, 8, italic=True, colour="595959"), "center",
                     spacing='<w:spacing w:before="240" w:after="240"/>')
    return out


def legend_xml(chart: JourneyChart) -> str:
    """The quadrants' colours, the box of a moment not placed, and what a point of the
    curve rests on: swatches (shaded, bordered spaces) and words, on one line."""
    def swatch(colour: str, fill: str, style: str = "single") -> str:
        return (f'<w:r><w:rPr><w:sz w:val="13"/><w:bdr w:val="{style}" w:sz="6" w:space="0" '
                f'w:color="{colour}"/><w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
                '</w:rPr><w:t xml:space="preserve">\u2003\u2002</w:t></w:r>')

    gap = _run("\u2002\u2003", 6.5)
    items = [swatch(QUADRANT_COLOURS[key].lstrip("#"), tint(QUADRANT_COLOURS[key]))
             + _run("\u00a0" + chart.quadrants[key], 6.5, colour="404040")
             for key in ("concentrate", "keep", "low", "overkill")]
    items.append(swatch(GREY.lstrip("#"), "FFFFFF", "dashed")
                 + _run("\u00a0" + chart.legend["unplaced"], 6.5, colour="404040"))
    if chart.asked:
        items.append(_run("\u2014", 6.5, colour=BLUE.lstrip("#"))
                     + _run("\u25cf", 6.5, colour=NEUTRAL)
                     + _run("\u2014", 6.5, colour=BLUE.lstrip("#"))
                     + _run("\u00a0" + chart.legend["marks"], 6.5, colour="404040"))
        items.append(_run("\u25c6", 7, colour=GROUP)
                     + _run("\u00a0" + chart.legend["group"], 6.5, colour="404040"))
    return (f'<w:p><w:pPr><w:keepNext/><w:spacing w:before="60" w:after="60"/>'
            f'<w:jc w:val="center"/></w:pPr>{gap.join(items)}</w:p>')


# ---- the curve -----------------------------------------------------------------------


def _colour(level: float) -> str:
    return POSITIVE if level > 0 else NEGATIVE if level < 0 else NEUTRAL


def _rich(text: str, size: float, colour: str) -> str:
    sz = round(size * 100)
    return (f'<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{sz}" b="0">{FONT}'
            f'</a:defRPr></a:pPr><a:r><a:rPr lang="en-US" sz="{sz}" b="0"><a:solidFill>'
            f'<a:srgbClr val="{colour}"/></a:solidFill>{FONT}</a:rPr><a:t>{_t(text)}</a:t>'
            '</a:r></a:p></c:rich>')


def _text_props(size: float, colour: str) -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{round(size * 100)}" '
            f'b="0"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{FONT}</a:defRPr>'
            '</a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>')


_SHOW = ('<c:showLegendKey val="0"/><c:showVal val="{}"/><c:showCatName val="0"/>'
         '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')


def signed_percent_code(percent_format: str) -> str:
    """"+100 %", "−100 %" and "0", as the language writes a percentage."""
    code = percent_code(percent_format)
    return f'"+"{code};"\u2212"{code};"0"'


def _series(idx: int, name: str, categories: list[str], values: dict[int, float], look: str,
            labels: str = "") -> str:
    """One series of the curve's chart: a value per map column, blank where none."""
    points = "".join(f'<c:pt idx="{c}"><c:v>{v:.6g}</c:v></c:pt>'
                     for c, v in sorted(values.items()))
    column, columns = "BCDEFG"[idx], len(categories)
    names = "".join(f'<c:pt idx="{i}"><c:v>{_t(code)}</c:v></c:pt>'
                    for i, code in enumerate(categories) if code)
    return (f'<c:ser><c:idx val="{idx}"/><c:order val="{idx}"/><c:tx><c:v>{_t(name)}</c:v>'
            f'</c:tx>{look}<c:dLbls>{labels}{_SHOW.format(0)}</c:dLbls>'
            f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${columns + 1}</c:f><c:strCache>'
            f'<c:ptCount val="{columns}"/>{names}</c:strCache></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${columns + 1}</c:f>'
            f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{columns}"/>'
            f'{points}</c:numCache></c:numRef></c:val><c:smooth val="0"/></c:ser>')


def _marks(symbol: str, fill: str, edge: str, size: int = 6) -> str:
    """Points only, no line: LibreOffice colours a line chart's points by series, not by
    point, so each colour is a series of its own."""
    return ('<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>'
            f'<c:marker><c:symbol val="{symbol}"/><c:size val="{size}"/><c:spPr><a:solidFill>'
            f'<a:srgbClr val="{fill}"/></a:solidFill><a:ln w="15875"><a:solidFill>'
            f'<a:srgbClr val="{edge}"/></a:solidFill></a:ln></c:spPr></c:marker>')


def curve_xml(chart: JourneyChart, lay: Layout, lang: str = "en-US") -> bytes:
    """The feeling curve's chart part: the line through every point, then the points by
    kind (above zero, below, at zero, the group's feeling), a value per map column (blank
    where no moment, or no feeling), the plot area over the table's moment columns."""
    columns = max(1, chart.columns)
    by_column: dict[int, JourneyPoint] = {p.column: p for p in chart.points}
    codes = [by_column[c].code if c in by_column else "" for c in range(columns)]
    levels = {c: p.level for c, p in by_column.items() if p.level is not None}
    blue = BLUE.lstrip("#")
    series = [_series(0, chart.curve_title, codes, levels,
                      f'<c:spPr><a:ln w="17780" cap="rnd"><a:solidFill><a:srgbClr val="{blue}"/>'
                      '</a:solidFill><a:round/></a:ln></c:spPr>'
                      '<c:marker><c:symbol val="none"/></c:marker>')]
    kinds = [(POSITIVE, lambda p, v: not p.group and v > 0, _marks("circle", POSITIVE, POSITIVE)),
             (NEGATIVE, lambda p, v: not p.group and v < 0, _marks("circle", NEGATIVE, NEGATIVE)),
             (NEUTRAL, lambda p, v: not p.group and v == 0, _marks("circle", NEUTRAL, NEUTRAL)),
             # Light, not hollow: LibreOffice draws no edge round a point.
             (None, lambda p, v: p.group, _marks("diamond", GROUP, NEUTRAL, 7))]
    for idx, (ink, belongs, look) in enumerate(kinds, start=1):
        mine = {c: v for c, v in levels.items() if belongs(by_column[c], v)}
        labels = "".join(
            f'<c:dLbl><c:idx val="{c}"/><c:tx>{_rich(by_column[c].value, 6.3, ink or _colour(v))}'
            f'</c:tx><c:dLblPos val="{"t" if v >= 0 else "b"}"/>{_SHOW.format(1)}</c:dLbl>'
            for c, v in sorted(mine.items()) if by_column[c].value)
        series.append(_series(idx, chart.legend["group"] if ink is None else chart.curve_title,
                              codes, mine, look, labels))
    series_xml = "".join(series)
    left = lay.widths[0] / WIDTH
    span = sum(lay.widths[1:]) / WIDTH
    code = signed_percent_code(chart.percent_format)
    xml = (
        chart_head(lang, (left, 0.12, span, 0.76)) +
        '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
        f'{series_xml}'
        '<c:marker val="1"/><c:axId val="3001"/><c:axId val="3002"/></c:lineChart>'
        '<c:catAx><c:axId val="3001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="none"/>'
        '<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="8C8C8C"/></a:solidFill></a:ln>'
        '</c:spPr><c:crossAx val="3002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="1"/></c:catAx>'
        '<c:valAx><c:axId val="3002"/><c:scaling><c:orientation val="minMax"/>'
        '<c:max val="1"/><c:min val="-1"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>'
        '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/>'
        '</a:solidFill><a:prstDash val="sysDot"/></a:ln></c:spPr></c:majorGridlines>'
        f'<c:numFmt formatCode="{_attr(code)}" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr><a:ln><a:noFill/>'
        f'</a:ln></c:spPr>{_text_props(6, NEUTRAL)}<c:crossAx val="3001"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="1"/>'
        '</c:valAx><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="span"/></c:chart>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props(6.5, "404040")}</c:chartSpace>')
    return xml.encode("utf-8")
