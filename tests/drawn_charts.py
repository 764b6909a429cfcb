"""Reading Word's own charts back from a report: what Word and LibreOffice will draw."""

from __future__ import annotations

from lxml import etree

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


def chart_parts(doc) -> list[bytes]:
    """Every chart part of a python-docx Document, in the order the body shows them."""
    from workshop.report.wordchart import GRAPHIC

    out = []
    for shape in doc.inline_shapes:
        data = shape._inline.graphic.graphicData
        if data.get("uri") == GRAPHIC:
            rid = data[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                              "relationships}id")
            out.append(doc.part.related_parts[rid].blob)
    return out


def _text(element) -> list[str]:
    """The lines (paragraphs) of a rich text."""
    return ["".join(t.text or "" for t in p.iter(f"{A}t")) for p in element.iter(f"{A}p")]


def _numbers(ser, tag: str) -> list[float | None]:
    cache = ser.find(f"{C}{tag}").find(f".//{C}numCache")
    values: list[float | None] = [None] * int(cache.find(f"{C}ptCount").get("val"))
    for pt in cache.iterfind(f"{C}pt"):
        values[int(pt.get("idx"))] = float(pt.find(f"{C}v").text)
    return values


def read_scatter(xml: bytes) -> dict:
    """A scatter chart part as data: its language, plot area (shares of the chart), axes
    (by position: title, min, max, number format), series (name, marker colour, dashed
    line, points, labels by point: lines, bold, colour, offset) and the legend entries
    deleted."""
    root = etree.fromstring(xml)
    plot = root.find(f"{C}chart/{C}plotArea")
    layout = plot.find(f"{C}layout/{C}manualLayout")
    out: dict = {"lang": root.find(f"{C}lang").get("val"),
                 "plot": tuple(float(layout.find(f"{C}{k}").get("val")) for k in "xywh"),
                 "axes": {}, "series": [],
                 "hidden": {int(e.find(f"{C}idx").get("val"))
                            for e in root.iterfind(f".//{C}legend/{C}legendEntry")}}
    for ax in plot.iterfind(f"{C}valAx"):
        scaling = ax.find(f"{C}scaling")
        out["axes"][ax.find(f"{C}axPos").get("val")] = {
            "title": " ".join(_text(ax.find(f"{C}title"))),
            "min": float(scaling.find(f"{C}min").get("val")),
            "max": float(scaling.find(f"{C}max").get("val")),
            "format": ax.find(f"{C}numFmt").get("formatCode")}
    for ser in plot.iterfind(f"{C}scatterChart/{C}ser"):
        fill = ser.find(f"{C}marker/{C}spPr/{A}solidFill/{A}srgbClr")
        labels = {}
        for lbl in ser.iterfind(f"{C}dLbls/{C}dLbl"):
            run = lbl.find(f".//{A}rPr")
            colour = lbl.find(f".//{A}rPr/{A}solidFill/{A}srgbClr")
            manual = lbl.find(f"{C}layout/{C}manualLayout")
            offset = ((float(manual.find(f"{C}x").get("val")),
                       float(manual.find(f"{C}y").get("val"))) if manual is not None
                      else (0.0, 0.0))
            labels[int(lbl.find(f"{C}idx").get("val"))] = {
                "lines": _text(lbl.find(f"{C}tx")), "bold": run.get("b") == "1",
                "colour": colour.get("val") if colour is not None else None,
                "offset": offset}
        out["series"].append({
            "idx": int(ser.find(f"{C}idx").get("val")),
            "name": ser.find(f"{C}tx/{C}v").text,
            "colour": fill.get("val") if fill is not None else None,
            "dashed": ser.find(f"{C}spPr/{A}ln/{A}prstDash") is not None,
            "xs": _numbers(ser, "xVal"), "ys": _numbers(ser, "yVal"), "labels": labels})
    return out


def label_boxes(chart: dict, width: float, height: float) -> list[tuple[str, tuple]]:
    """(text, box in points from the chart's top left) of every point label: centred on
    its point, moved by its offset, as large as its lines measure (DejaVu Sans)."""
    from workshop.report.ipachart import text_size

    x, y, w, h = chart["plot"]
    bottom, left = chart["axes"]["b"], chart["axes"]["l"]
    out = []
    for ser in chart["series"]:
        for idx, label in ser["labels"].items():
            px = (x + (ser["xs"][idx] - bottom["min"]) / (bottom["max"] - bottom["min"]) * w)
            py = (y + h - (ser["ys"][idx] - left["min"]) / (left["max"] - left["min"]) * h)
            cx, cy = (px + label["offset"][0]) * width, (py + label["offset"][1]) * height
            size = 8.5 if label["bold"] else 7.0
            bw, bh = text_size(label["lines"], size, label["bold"])
            out.append((" ".join(label["lines"]), (cx - bw / 2, cy - bh / 2, cx + bw / 2,
                                                   cy + bh / 2)))
    return out


def where(chart: dict, x: float, y: float) -> tuple[str, str]:
    """("top" or "bottom", "left" or "right"): the half of the plot a value falls in."""
    bottom, left = chart["axes"]["b"], chart["axes"]["l"]
    return ("top" if y > (left["min"] + left["max"]) / 2 else "bottom",
            "left" if x < (bottom["min"] + bottom["max"]) / 2 else "right")


def corner_names(chart: dict) -> dict[str, tuple[str, str]]:
    """Each name written in a corner (labels of the unseen series), and its corner."""
    out = {}
    for ser in chart["series"]:
        if ser["colour"] is None and not ser["dashed"]:
            for idx, label in ser["labels"].items():
                out[" ".join(label["lines"])] = where(chart, ser["xs"][idx], ser["ys"][idx])
    return out
