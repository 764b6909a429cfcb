"""How the report prints: no word broken in a table cell, charts whose labels are the
items' names (whole, in Spanish too), one orientation for the 2×2, one chart or one
table, typographic minus and quotation marks, "dots", no page left empty."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from docx import Document

from report_fixtures import build
from workshop.report import blocks as b
from workshop.report import export

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG_IDEA = ("A screen at the end of each aisle showing the wait at every till, like the ride "
             "times at a theme park, so nobody joins the longest queue by mistake")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return build(tmp_path_factory.mktemp("s") / "s.db")


@pytest.fixture(scope="module")
def docs(session, tmp_path_factory):
    folder = tmp_path_factory.mktemp("r")
    return {lang: Document(export(session, folder / f"{lang}.docx", lang=lang))
            for lang in ("en", "es")}


def body_text(doc) -> str:
    paras = [p.text for p in doc.paragraphs]
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(paras + cells)


# ---- tables ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_word_of_every_cell_fits_its_fixed_column(docs, lang):
    """Columns are at least as wide as their longest word, measured in DejaVu Sans (the
    widest font Word or LibreOffice may use for Calibri), with the cell's margins."""
    from workshop.report import measure
    from workshop.report.docx_writer import CELL_MARGIN, TEXT_WIDTH_TWIPS

    doc = docs[lang]
    checked = 0
    for table in doc.tables:
        tbl = table._tbl
        if tbl.tblPr.find(f"{W}tblStyle") is None:
            continue  # the limitations box: one full-width cell of prose
        assert tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(g.get(f"{W}w")) for g in tbl.tblGrid.iter(f"{W}gridCol")]
        assert int(tbl.tblPr.find(f"{W}tblW").get(f"{W}w")) == sum(grid) <= TEXT_WIDTH_TWIPS
        for i, row in enumerate(table.rows):
            for cell, width in zip(row.cells, grid, strict=True):
                size = next((r.font.size.pt for r in cell.paragraphs[0].runs if r.font.size),
                            9.0)
                for word in measure.words(cell.text):
                    need = measure.text_width(word, size, bold=i == 0) * 20
                    assert need <= width - 2 * CELL_MARGIN, (word, need, width)
                    checked += 1
    assert checked > 300


def test_column_widths_put_room_where_the_words_are():
    from workshop.report.docx_writer import column_widths

    columns = [b.Column("#", 0.5, True), b.Column("Idea", 5), b.Column("Valoraciones", 1, True)]
    rows = [["M1", LONG_IDEA, "3"], ["M12", "Short", "12"]]
    widths, size = column_widths(columns, rows, total=9000)
    assert size == 9.0 and sum(widths) == 9000
    assert widths[1] > widths[2] > widths[0]
    # Even squeezed, the header's one long word keeps its room.
    widths, _ = column_widths(columns, rows, total=4000)
    from workshop.report import measure

    assert widths[2] >= measure.text_width("Valoraciones", 9.0, bold=True) * 20


def test_the_widths_table_holds_the_fonts_own_widths():
    """The widths the report measures with are data we own (no font read at export time):
    equal to DejaVu Sans's, regular and bold, for every code point the tool covers (in the
    table exactly where the font has a glyph); a code point outside it measures one em."""
    from tools import font_widths as tool
    from workshop.report import font_widths, measure

    missing = [n for n in tool.FILES.values() if not (tool.FONT_DIR / n).is_file()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not in {tool.FONT_DIR} (Debian's fonts-dejavu-core, "
                    "which `make tools` installs): the widths table cannot be checked "
                    "against the font here")
    for bold in (False, True):
        font, units, name = tool.read(bold)
        table = measure.decode(font_widths.BOLD if bold else font_widths.REGULAR)
        assert name.startswith("DejaVu Sans") and units == font_widths.UNITS_PER_EM
        assert set(table) == set(font) and len(table) > 2500
        assert all(table[c] == font[c] / units for c in font)
        assert measure.char_width("ñ", bold) == font[ord("ñ")] / units
    assert measure.char_width("中") == measure.char_width("😀") == 1.0
    assert measure.char_width("\u0301") == 0.0  # a combining accent adds no width
    assert measure.text_width("Ação", 10, bold=True) > measure.text_width("Ação", 10)


def test_a_moment_name_is_never_cut_short_in_a_table(docs):
    """In the tables of figures (data): the journey map's own table is a figure, whose
    boxes may end a long name with … to fit the page; the table after it has it whole."""
    for doc in docs.values():
        for cell in (c.text for t in doc.tables for r in t.rows for c in r.cells
                     if t._tbl.tblPr.find(f"{W}tblStyle") is not None):
            assert "…" not in cell


# ---- words and signs ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_typographic_minus_and_one_style_of_quotation_marks(docs, lang):
    text = body_text(docs[lang])
    assert "\u22123,0" in text if lang == "es" else "\u22123.0" in text
    assert not re.search(r"(?<![\w-])-\d", text)  # no hyphen standing for a minus
    if lang == "es":
        assert "«" in text and not re.search("[“”]", text)
    else:
        assert "“" in text and not re.search("[«»]", text)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_dots_are_called_dots_throughout(docs, lang):
    text = body_text(docs[lang])
    if lang == "en":
        assert "dots" in text and not re.search(r"\d+ votes?\b", text)
    else:
        assert "puntos" in text and not re.search(r"\d+ votos?\b", text)


# ---- pages -------------------------------------------------------------------------------


def test_chapters_start_a_page_with_page_break_before_never_with_a_break_paragraph(docs):
    doc = docs["en"]
    breaks = [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == ["Contents", "Executive summary", "Method", "Findings by moment of truth",
                      "Gap analysis", "Ideas for excellence", "Priorities from the votes",
                      "Corrective actions and next steps", "Appendix"]
    assert not doc.element.body.findall(f".//{W}br[@{W}type='page']")


def test_only_short_tables_are_kept_whole_on_one_page(docs):
    from workshop.report.docx_writer import KEEP_TOGETHER_ROWS

    for table in docs["en"].tables:
        rows = table.rows
        kept = [bool(r.cells[0].paragraphs[0].paragraph_format.keep_with_next) for r in rows]
        if len(rows) - 1 > KEEP_TOGETHER_ROWS:
            assert kept[:3] == [True, True, True] and not any(kept[3:]), table.rows[0].cells[0].text


# ---- charts (checked on the figure, before it is saved) ----------------------------------


def word_charts(doc) -> list:
    """Each of Word's own charts in the document, in order: (its inline shape, its part's
    categories top to bottom, values, value labels), read from the chart part."""
    from lxml import etree

    from workshop.report.wordchart import GRAPHIC

    c = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
    out = []
    for shape in doc.inline_shapes:
        data = shape._inline.graphic.graphicData
        if data.get("uri") != GRAPHIC:
            continue
        rid = data[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
        chart = etree.fromstring(doc.part.related_parts[rid].blob)
        ser = chart.find(f".//{c}barChart/{c}ser")
        if ser is None:  # the 2×2 (tested below)
            continue
        cats = [v.text for v in ser.iterfind(f"{c}cat//{c}pt/{c}v")]
        values = [float(v.text) for v in ser.iterfind(f"{c}val//{c}pt/{c}v")]
        shown = ["".join(t.text for t in label.iter("{http://schemas.openxmlformats.org/"
                                                    "drawingml/2006/main}t"))
                 for label in ser.iterfind(f"{c}dLbls/{c}dLbl")]
        # Word draws the first category at the bottom: read top to bottom.
        out.append((shape, cats[::-1], values[::-1], shown[::-1]))
    return out


def test_the_votes_are_words_own_charts_labelled_with_the_items_names_in_spanish(docs):
    from docx.enum.shape import WD_INLINE_SHAPE

    charts = word_charts(docs["es"])
    assert len(charts) == 2  # one per revealed vote; the 2×2 and the map stay pictures
    shape, names, values, shown = charts[0]
    assert shape.type == WD_INLINE_SHAPE.CHART
    caption = "Votación 1: puntos por momento de la verdad, ordenados"
    assert shape._inline.docPr.get("descr") == caption  # the alt text
    assert names == ["M2 Queue at the checkout", "M4 Returning a faulty product",
                     "M1 Finding a parking space", "M3 Reading reviews online"]
    assert values == [5, 3, 2, 1]  # 11 dots
    assert shown == ["5 · 45\u00a0%", "3 · 27\u00a0%", "2 · 18\u00a0%", "1 · 9\u00a0%"]
    assert f"Figura 3: {caption}" in [p.text for p in docs["es"].paragraphs]


def test_a_long_label_is_wrapped_whole_never_cut_inside_a_word():
    from workshop.report import wordchart

    chart = b.BarChart("Vote 2", "Dots", [(f"{LONG_IDEA} (M7)", 4), ("Thursday ripe fruit", 3)],
                       ".", ["4 · 57%", "3 · 43%"])
    label = wordchart.bars(chart)[0][0]
    assert "\n" in label
    assert label.split() == f"{LONG_IDEA} (M7)".split()  # every word whole, the code kept
    assert wordchart.height_in(chart) > wordchart.height_in(
        b.BarChart("Vote 2", "Dots", [("Short", 4), ("Thursday ripe fruit", 3)], "."))


@pytest.mark.parametrize("label", ["$$ at the till", "Coupons: $5 off, then $10", "$" * 200,
                                   "$\\frac{a}{b}$ $", "<b>bold</b> & </c:v>", "A\x01B\x0bC",
                                   "&amp; <![CDATA[x]]>"])
def test_a_typed_label_on_the_2x2_stays_text(label):
    """Labels are typed text: "$$" once stopped the export (matplotlib's mathtext refused
    it). In Word's chart a label is XML text: "<", "&" and "$" stay what was typed, and
    characters XML cannot hold are dropped."""
    from drawn_charts import read_scatter
    from workshop.report import ipachart
    from workshop.report.text import xml_safe

    points = [b.IPAPoint("M1", label, 0.3, 2.0, "concentrate"),
              b.IPAPoint("M2", "Parking", 0.1, 4.0, "overkill")]
    chart = read_scatter(ipachart.chart_xml(_ipa(points)))
    red = next(s for s in chart["series"] if s["name"] == "Concentrate here")
    shown = " ".join(red["labels"][0]["lines"])
    assert shown.split() == xml_safe(charts_wrap(label)).split()
    assert "\x01" not in shown and "\x0b" not in shown


def charts_wrap(label: str) -> str:
    from workshop.report import charts

    return charts.wrap(label, 16, 2)


def _ipa(points, percent_format: str = "{}%") -> b.IPAChart:
    quadrants = {"concentrate": "Concentrate here", "keep": "Keep up the good work",
                 "low": "Low priority", "overkill": "Possible overkill"}
    return b.IPAChart(points, 0.2, 2.8, "Performance (mean rating, 1 to 5)",
                      "Importance (share of the dots)", quadrants, ".",
                      "Cross-hairs: this group's means", percent_format=percent_format)


def test_the_2x2_is_words_own_chart_performance_across_importance_up_with_a_legend(docs, session):
    """The 2×2 in the report: Word's own scatter chart, every moment a point in its
    quadrant's series and colour, the quadrants named in their corners (concentrate top
    left, as on the terminal's 2×2), the cross-hairs dashed, the axes named."""
    from drawn_charts import chart_parts, corner_names, read_scatter
    from workshop.core.store import Store
    from workshop.report.charts import QUADRANT_COLOURS
    from workshop.report.model import build_report

    with Store.open(session, readonly=True) as store:
        report = build_report(store.state, lang="en")
    model = next(f.chart for f in report.figures() if f.key == "ipa")
    scatters = [x for x in chart_parts(docs["en"]) if b"scatterChart" in x]
    assert len(scatters) == 1
    chart = read_scatter(scatters[0])
    assert chart["axes"]["b"]["title"] == "Performance (mean rating, 1 to 5)"
    assert (chart["axes"]["b"]["min"], chart["axes"]["b"]["max"]) == (1, 5)
    assert chart["axes"]["l"]["title"] == "Importance (share of the dots)"
    assert chart["axes"]["l"]["format"] == "0%" and chart["lang"] == "en-GB"
    assert corner_names(chart) == {"Concentrate here": ("top", "left"),
                                   "Keep up the good work": ("top", "right"),
                                   "Low priority": ("bottom", "left"),
                                   "Possible overkill": ("bottom", "right")}
    shown = [s["name"] for s in chart["series"] if s["idx"] not in chart["hidden"]]
    assert shown == ["Cross-hairs: this group's means", "Concentrate here",
                     "Keep up the good work", "Low priority", "Possible overkill"]
    dashed = [s for s in chart["series"] if s["dashed"]]
    assert {s["xs"][0] for s in dashed} >= {model.performance_line}
    assert {s["ys"][0] for s in dashed} >= {model.importance_line}
    placed = {}
    for key, name in model.quadrants.items():
        series = next(s for s in chart["series"] if s["name"] == name)
        assert series["colour"] == QUADRANT_COLOURS[key].lstrip("#")
        for i, (x, y) in enumerate(zip(series["xs"], series["ys"], strict=True)):
            if x is not None:
                label = " ".join(series["labels"][i]["lines"])
                placed[label] = (key, round(x, 4), round(y, 4))
    assert placed == {charts_wrap(p.label).replace("\n", " "): (
        p.quadrant, round(p.performance, 4), round(p.importance, 4)) for p in model.points}


def test_the_2x2_labels_points_with_short_names_that_never_overlap():
    from drawn_charts import label_boxes, read_scatter
    from workshop.report import ipachart

    # Twelve moments crowded together, several on the same spot.
    points = [b.IPAPoint(f"M{i}", f"M{i} {name}", imp, perf, quad) for i, (name, imp, perf, quad)
              in enumerate([("Queue at the checkout", 0.30, 2.0, "concentrate"),
                            ("Fruit lasting at home", 0.30, 2.0, "concentrate"),
                            ("Fresh counter", 0.25, 2.5, "concentrate"),
                            ("Home delivery", 0.10, 3.0, "overkill"),
                            ("Parking", 0.03, 3.0, "low"), ("Walking in", 0.03, 3.0, "low"),
                            ("Shelves", 0.03, 2.8, "low"), ("Self-checkout", 0.03, 2.8, "low"),
                            ("Loyalty app", 0.03, 2.7, "low"), ("Flyer", 0.0, 2.8, "low"),
                            ("Packing bags", 0.0, 2.5, "low"), ("Neighbours", 0.03, 3.0, "low")],
                                                      start=1)]
    chart = read_scatter(ipachart.chart_xml(_ipa(points)))
    boxes = label_boxes(chart, ipachart.WIDTH_PT, ipachart.HEIGHT_PT)
    # The moments on one spot share a label, one line each, the most important first.
    assert sorted(t for t, _ in boxes if t.startswith("M")) == sorted([
        "M1 Queue at the checkout M2 Fruit lasting at home", "M3 Fresh counter",
        "M4 Home delivery", "M5 Parking M6 Walking in M12 Neighbours",
        "M7 Shelves M8 Self-checkout", "M9 Loyalty app", "M10 Flyer", "M11 Packing bags"])
    x, y, w, h = chart["plot"]
    frame = (x * ipachart.WIDTH_PT, y * ipachart.HEIGHT_PT, (x + w) * ipachart.WIDTH_PT,
             (y + h) * ipachart.HEIGHT_PT)
    for i, (text, one) in enumerate(boxes):
        assert frame[0] - 1 <= one[0] and one[2] <= frame[2] + 1, text
        assert frame[1] - 1 <= one[1] and one[3] <= frame[3] + 1, text
        for other_text, other in boxes[i + 1:]:  # the corners' names included
            assert (min(one[2], other[2]) <= max(one[0], other[0])
                    or min(one[3], other[3]) <= max(one[1], other[1])), (text, other_text)


def test_the_spanish_demos_2x2_names_every_moment_once_near_its_point():
    """Read back from the chart part of the Spanish demo's report: M7 and M11 share one
    point (20 %, 2.0), and the reader saw one dot and lost a moment (each had a label of
    its own, one of them pointing at the dot from above); M1's label stood at 15 % for its
    point at 0 %, its leader line past four other points. Every moment is named once,
    those on one spot in one label; no leader line is longer than 30 points."""
    from drawn_charts import label_boxes, read_scatter
    from workshop.core.store import Store
    from workshop.report import ipachart
    from workshop.report.model import build_report

    demo = Path(__file__).resolve().parent.parent / "sessions" / "demo-supermercado.db"
    with Store.open(demo, readonly=True) as store:
        report = build_report(store.state, lang="es")
    model = next(f.chart for f in report.figures() if f.key == "ipa")
    chart = read_scatter(ipachart.chart_xml(model, "es-ES"))
    named = [re.findall(r"\bM\d+\b", text)
             for text, _ in label_boxes(chart, ipachart.WIDTH_PT, ipachart.HEIGHT_PT)]
    codes = [code for codes in named for code in codes]
    assert sorted(codes) == sorted(p.code for p in model.points)  # each once
    assert ["M7", "M11"] in named
    x, y, w, h = chart["plot"]
    bottom, left = chart["axes"]["b"], chart["axes"]["l"]
    for series in chart["series"]:
        for idx, label in series["labels"].items():
            if not re.match(r"M\d", label["lines"][0]):
                continue  # a corner's name
            px = (x + (series["xs"][idx] - bottom["min"]) / (bottom["max"] - bottom["min"])
                  * w) * ipachart.WIDTH_PT
            py = (y + h - (series["ys"][idx] - left["min"]) / (left["max"] - left["min"])
                  * h) * ipachart.HEIGHT_PT
            (_, box), = label_boxes({**chart, "series": [
                {**series, "labels": {idx: label}}]}, ipachart.WIDTH_PT, ipachart.HEIGHT_PT)
            nearest = (min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3]))
            assert math.dist((px, py), nearest) <= 30, label["lines"]


def test_the_report_gives_the_2x2_short_names_and_the_cross_hairs_used(session):
    from workshop.core.store import Store
    from workshop.report.model import build_report

    with Store.open(session, readonly=True) as store:
        report = build_report(store.state, lang="es")
    chart = next(f.chart for f in report.figures() if f.key == "ipa")
    assert sorted(p.label for p in chart.points) == [
        "M1 Finding a parking space", "M2 Queue at the checkout", "M3 Reading reviews online",
        "M4 Returning a faulty product"]
    assert chart.crosshairs == "Ejes: las medias de este grupo" and chart.decimal == ","
    bars = next(f.chart for f in report.figures() if f.key == "votes_1")
    assert [label for label, _ in bars.items][0] == "M2 Queue at the checkout"
    assert bars.value_labels[0] == "5 · 45\u00a0%"  # never broken before the %


@pytest.mark.parametrize("lang, share, code", [("en", "30%", "0%"),
                                               ("es", "30\u00a0%", '0"\u00a0"%'),
                                               ("pt_BR", "30%", "0%")])
def test_the_2x2s_importance_axis_writes_per_cent_as_the_language_does(session, lang, share,
                                                                       code):
    """As the text beside it does: Portuguese has a decimal comma but no space before %.
    The ticks are whole numbers (ratings 1 to 5, whole per cents): no decimal mark of
    another language can show; the chart says its language for the rest."""
    from drawn_charts import read_scatter
    from workshop.core.store import Store
    from workshop.report import ipachart
    from workshop.report.docx_writer import language_tag
    from workshop.report.model import build_report

    with Store.open(session, readonly=True) as store:
        report = build_report(store.state, lang=lang)
    chart = read_scatter(ipachart.chart_xml(
        next(f.chart for f in report.figures() if f.key == "ipa"), language_tag(lang)))
    assert chart["axes"]["l"]["format"] == code and chart["axes"]["b"]["format"] == "0"
    assert chart["lang"] == {"en": "en-GB", "es": "es-ES", "pt_BR": "pt-BR"}[lang]
    bars = next(f.chart for f in report.figures() if f.key == "votes_1")
    assert bars.value_labels[0] == f"5 · {share.replace('30', '45')}"


@pytest.mark.parametrize("lang, quadrant, words", [
    ("en", "“Concentrate here”", "none of them falls in"),
    ("es", "«Concentrarse aquí»", "ninguno cae en"),
    ("pt_BR", "“Concentrar aqui”", "nenhum fica em")])
def test_priorities_without_a_moment_to_concentrate_on_do_not_say_none_is_rated(
        tmp_path, lang, quadrant, words):
    """Two rated moments on the 2×2, neither top left: the summary's priorities said "no
    2×2 yet: the moments are not rated" above the moments' own ratings."""
    import report_cases

    path = report_cases.rated(tmp_path / "r.db", [("Checkout", [4] * 6, [4] * 6, 33),
                                                  ("Parking", [2] * 6, [3] * 6, 7)])
    doc = Document(export(path, tmp_path / "r.docx", "docx", lang=lang))
    texts = [p.text for p in doc.paragraphs]
    lead = next(p for p in texts if p.startswith(("The moments with most dots",
                                                  "Los momentos con más puntos",
                                                  "Os momentos com mais pontos")))
    assert words in lead and quadrant in lead and "2×2" in lead, lead
