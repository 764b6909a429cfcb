"""Ranked bars as Word's own chart (a DrawingML chart part), not a picture.

Word and LibreOffice draw it themselves: sharp at any zoom and in print, and the
consultant restyles it like any chart of theirs (colours, fonts, labels). Nothing is
rendered here: matplotlib took about a quarter of a second for each bar chart, and the
votes' charts were most of the time a large session's export took.

The numbers travel in the chart's own cache, beside references to a workbook that is
not embedded: Word and LibreOffice draw and restyle the chart from the cache; editing
its numbers in Word would ask for the workbook. The bars are listed best first, drawn
best at the top; each carries its value label ("12 · 33 %") as the report words it.

What Word needs of a chart part beyond its schema (all three writers, this one,
ipachart and journey_map, do it; tests/test_report_word_rules.py holds them): no
c:externalData and no relationship at all, since an embedded workbook is optional
(ECMA-376 Part 1, the chart part: only the document's relationship to it is required;
charts written this way open in Word, Edit Data then does nothing: PHPOffice/PHPWord
#956); c:roundedCorners val="0", since the schema's default when it is absent is rounded
(caxlsx/caxlsx#147); c:autoTitleDeleted val="1", or Office titles a one-series chart
with its series' name (scanny/python-pptx#408, #460). Word's mc:AlternateContent around
c14's c:style is what Word writes, not what it needs: c:style is optional.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from workshop.report.blocks import BarChart
from workshop.report.charts import BLUE, wrap
from workshop.report.text import xml_safe

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
GRAPHIC = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAX_BARS = 15
BAR_LABEL_CHARS = 46  # per line of a bar's label, at 8 pt
BAR_LABEL_LINES = 6  # more than this is a paragraph, not a label: cut between words
FONT_SIZE = 800  # 8 pt, in hundredths of a point, as the pictures had
# The report's body font (docx_writer): the chart's own default is the theme's, a serif.
FONT = '<a:latin typeface="Calibri"/><a:cs typeface="Calibri"/>'


def _t(text: str) -> str:
    return escape(xml_safe(text))


def _attr(text: str) -> str:
    return escape(xml_safe(text), {'"': "&quot;", "\n": "&#10;"})


def bars(chart: BarChart) -> tuple[list[str], list[float], list[str]]:
    """(labels, values, value labels) of the bars, best first, at most MAX_BARS; each label
    whole, wrapped between words as the pictures had them."""
    items = chart.items[:MAX_BARS]
    labels = [wrap(label, BAR_LABEL_CHARS, BAR_LABEL_LINES) for label, _ in items]
    values = [float(value) for _, value in items]
    shown = list(chart.value_labels[:MAX_BARS]) or [f"{v:g}" for v in values]
    return labels, values, shown


def height_in(chart: BarChart) -> float:
    """The chart's height in inches: room for every label's lines and each bar."""
    labels, _, _ = bars(chart)
    lines = sum(label.count("\n") + 1 for label in labels)
    return 0.55 + 0.16 * lines + 0.1 * len(labels)


def _scale(top: float) -> tuple[float, float]:
    """(the value axis' maximum, its step): whole numbers, room left for the labels."""
    want = max(top * 1.25, 1.0)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if want / step <= 8:
            break
    else:
        step = 10 ** len(str(int(want // 8)))
    return float(-(-want // step) * step), float(step)


def _rich(text: str, size: int = FONT_SIZE) -> str:
    return (f'<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" b="0">{FONT}'
            f'</a:defRPr></a:pPr><a:r><a:rPr lang="en-US" sz="{size}" b="0">{FONT}</a:rPr>'
            f'<a:t>{_t(text)}</a:t></a:r></a:p></c:rich>')


def _text_props(size: int = FONT_SIZE, colour: str = "404040") -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}" b="0">'
            f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>{FONT}</a:defRPr></a:pPr>'
            '<a:endParaRPr lang="en-US"/></a:p></c:txPr>')


_SHOW = ('<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
         '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')
_LINE = ('<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="8C8C8C"/></a:solidFill></a:ln>'
         '</c:spPr>')


def chart_head(lang: str, plot: tuple[float, float, float, float] | None = None) -> str:
    """A chart part's beginning, up to its plot area's layout, with what Word needs of
    every chart of ours (the module's docstring): the language, no rounded corners, no
    automatic title. ``plot``: the plot area's inner box (x, y, width, height as shares
    of the chart), else laid out by Word."""
    layout = "<c:layout/>" if plot is None else (
        '<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/>'
        '<c:yMode val="edge"/>' + "".join(f'<c:{k} val="{v:.5f}"/>' for k, v in zip(
            "xywh", plot, strict=True)) + "</c:manualLayout></c:layout>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
            f'<c:date1904 val="0"/><c:lang val="{_attr(lang)}"/><c:roundedCorners val="0"/>'
            f'<c:chart><c:autoTitleDeleted val="1"/><c:plotArea>{layout}')


def chart_xml(chart: BarChart, lang: str = "en-US") -> bytes:
    """The chart part of ``chart``: horizontal bars, the best at the top."""
    labels, values, shown = bars(chart)
    # Word draws the first category at the bottom: the list goes in reversed.
    labels, values, shown = labels[::-1], values[::-1], shown[::-1]
    n = len(labels)
    top, step = _scale(max(values, default=0.0))
    categories = "".join(f'<c:pt idx="{i}"><c:v>{_t(label)}</c:v></c:pt>'
                         for i, label in enumerate(labels))
    numbers = "".join(f'<c:pt idx="{i}"><c:v>{value:g}</c:v></c:pt>'
                      for i, value in enumerate(values))
    value_labels = "".join(
        f'<c:dLbl><c:idx val="{i}"/><c:tx>{_rich(text)}</c:tx><c:dLblPos val="outEnd"/>{_SHOW}'
        '</c:dLbl>' for i, text in enumerate(shown))
    xml = (
        chart_head(lang) +
        '<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>{_t(chart.axis)}</c:v></c:tx>'
        f'<c:spPr><a:solidFill><a:srgbClr val="{BLUE.lstrip("#")}"/></a:solidFill></c:spPr>'
        f'<c:invertIfNegative val="0"/><c:dLbls>{value_labels}{_text_props()}'
        f'<c:dLblPos val="outEnd"/>{_SHOW}</c:dLbls>'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache>'
        f'<c:ptCount val="{n}"/>{categories}</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>Sheet1!$B$2:$B${n + 1}</c:f><c:numCache>'
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{numbers}</c:numCache>'
        '</c:numRef></c:val></c:ser>'
        '<c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>'
        '<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_LINE}{_text_props()}<c:crossAx val="1002"/><c:crosses val="autoZero"/>'
        '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="1"/></c:catAx>'
        '<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{top:g}"/><c:min val="0"/></c:scaling><c:delete val="0"/>'
        f'<c:axPos val="b"/><c:title><c:tx>{_rich(chart.axis)}</c:tx><c:overlay val="0"/>'
        '</c:title><c:numFmt formatCode="0" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_LINE}{_text_props()}'
        '<c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        f'<c:majorUnit val="{step:g}"/></c:valAx>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props()}</c:chartSpace>')
    return xml.encode("utf-8")


def inline_xml(rid: str, shape_id: int, width_emu: int, height_emu: int, name: str,
               description: str) -> str:
    """The run's drawing that shows the chart part ``rid`` inline, with its alt text."""
    return (
        '<w:drawing xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        f'xmlns:a="{_A}" xmlns:c="{_C}" xmlns:r="{_R}">'
        '<wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{width_emu}" cy="{height_emu}"/>'
        '<wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="{_attr(name)}" descr="{_attr(description)}"/>'
        '<wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{GRAPHIC}"><c:chart r:id="{rid}"/></a:graphicData>'
        '</a:graphic></wp:inline></w:drawing>')
