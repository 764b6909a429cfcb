"""The journey map in the report: a landscape section of its own in the Word file with the
map as a figure (each moment in its stage and lane, names never cut inside a word, the
curve, the quadrants' colours, a legend, a caption with the n behind each point), the
same map as a table in Markdown and CSV, and the executive summary's worst and best."""

from __future__ import annotations

import csv

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm, Inches
from lxml import etree

from drawn_charts import A, C, chart_parts
from report_fixtures import SCRIPT, at
from workshop.core.store import Store
from workshop.report import blocks as b
from workshop.report import export
from workshop.report.charts import QUADRANT_COLOURS
from workshop.report.journey_map import lines_of, tint
from workshop.report.model import build_report

LONG = "Being served at the fresh counter by someone who knows the fish"

# (text, stage, touchpoint, performance, expected level, dots, feelings of P1…P4)
MOMENTS = [
    ("Reading reviews online", "before", "indirect", (3, 4, 3, 3), (3, 3, 3, 3), 1,
     (1, 1, 0, 2)),
    ("Queue at the checkout", "during", "direct", (1, 2, 2, 1), (5, 4, 5, 5), 5,
     (-2, -2, -1, -1)),
    (LONG, "during", "direct", (3, 4, 3, 3), (3, 4, 4, 3), 2, (0, 0, 1, 0)),
    ("Returning a faulty product", "after", "direct", (3, 3, 2, 3), (4, 4, 3, 4), 0, None),
]


def felt(path):
    """A finished session whose four moments were rated, voted on and felt (the last
    one by the group only)."""
    people = [{"pid": i, "pseudonym": f"P{i}"} for i in range(1, 5)]
    with Store.create(path, title="Felt", script=SCRIPT, lang="en", participants=people,
                      at=at(0)) as s:
        r = s.record
        mids = []
        for text, stage, touchpoint, perf, exp, _, feelings in MOMENTS:
            mid = r("moment_added", text=text, stage=stage, touchpoint=touchpoint,
                    at=at(1)).data["mid"]
            mids.append(mid)
            for pid, (p, e) in enumerate(zip(perf, exp, strict=True), start=1):
                r("rating_given", mid=mid, pid=pid, value=p, at=at(2))
                r("rating_given", mid=mid, pid=pid, value=e, scale="expectation", at=at(2))
            for pid, value in enumerate(feelings or (), start=1):
                r("feeling_given", mid=mid, pid=pid, value=value, at=at(3))
        r("group_feeling_given", mid=mids[3], value=-1, text="split: two furious, two fine",
          at=at(3))
        rid = r("vote_opened", target="moments", dots=99, blind=False, at=at(4)).data["rid"]
        for mid, (*_, dots, _) in zip(mids, MOMENTS, strict=True):
            for i in range(dots):
                r("vote_cast", rid=rid, pid=1 + i % 4, item=mid, delta=1, at=at(5))
        r("session_finished", at=at(6))
    return path


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return felt(tmp_path_factory.mktemp("felt") / "felt.db")


def _section_of(doc, element) -> int:
    """Which section (from 0) a body element is in: the section breaks before it."""
    index = 0
    for child in doc.element.body.iterchildren():
        if child is element:
            return index
        if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            index += 1
    raise AssertionError("not in the body")


def test_the_map_is_a_landscape_section_with_the_figure_and_its_caption(session, tmp_path):
    doc = Document(export(session, tmp_path / "felt.docx"))
    portrait, landscape, after = doc.sections
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert abs(landscape.page_width - Cm(29.7)) < Cm(0.01)  # A4 on its side
    assert abs(landscape.page_height - Cm(21.0)) < Cm(0.01)
    for section in (portrait, after):
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert section.page_width < section.page_height
    # Headers and footers go on: the page number too (only the cover's page has none).
    assert landscape.footer.is_linked_to_previous and landscape.header.is_linked_to_previous
    for section in doc.sections:
        assert section.footer.paragraphs[0].text.startswith("Page ")
        assert section.header.paragraphs[0].text == "Felt · Draft"
    assert portrait.different_first_page_header_footer
    assert not after.different_first_page_header_footer
    heading = next(p for p in doc.paragraphs if p.text == "The customer journey map")
    assert heading.style.name == "Heading 1" and _section_of(doc, heading._p) == 1
    # The map (a table) and its feeling curve (Word's own chart, the caption its alt text)
    # across the page's text, on the landscape page.
    curve = next(s for s in doc.inline_shapes
                 if s._inline.docPr.get("descr", "").startswith("The customer journey"))
    assert curve.width == Inches(10.2)
    holder = curve._inline.getparent().getparent().getparent()  # drawing, run, paragraph
    assert _section_of(doc, holder) == 1
    board = next(t for t in doc.tables if len(t.columns) > 1
                 and t.rows[0].cells[1].text == "Before the purchase")
    assert sum(int(w.get(qn("w:w"))) for w in board._tbl.tblGrid.iter(qn("w:gridCol"))) \
        == Inches(10.2).twips
    assert _section_of(doc, board._tbl) == 1
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    caption = next(p for p in captions if p.text.startswith("Figure 1: "))
    assert _section_of(doc, caption._p) == 1
    assert caption.text == (
        "Figure 1: The customer journey as this group mapped it: each moment of truth by "
        "stage and touchpoint, coloured by its quadrant, and how it felt. Each point of the "
        "curve rests on n\u00a0=\u00a04 at 3 moments and the group's feeling alone at 1 "
        "moment.")
    # Back in portrait: the map as a table, a row per moment along the map.
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Stage")
    assert _section_of(doc, table._tbl) == 2
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Stage", "Touchpoint", "Moment of truth", "Feeling (n)", "Gap (n)", "Quadrant"],
        ["Before", "Indirect", "M1 Reading reviews online", "+75%\u00a0(4)", "+0.2\u00a0(4)",
         "Possible overkill"],
        ["During", "Direct", "M2 Queue at the checkout", "−100%\u00a0(4)", "−3.2\u00a0(4)",
         "Concentrate here"],
        ["During", "Direct", f"M3 {LONG}", "+25%\u00a0(4)", "−0.2\u00a0(4)",
         "Keep up the good work"],
        ["After", "Direct", "M4 Returning a faulty product", "group −1", "−1.0\u00a0(4)",
         "Possible overkill*"]]
    # The executive summary names the worst and the best, and where they sit.
    summary = [p.text for p in doc.paragraphs]
    assert ("How it felt: the worst net experience is at M2 Queue at the checkout, −100% "
            "(n\u00a0=\u00a04), during the purchase, direct touchpoint; the best at M1 Reading "
            "reviews online, +75% (n\u00a0=\u00a04), before the purchase, indirect touchpoint. "
            "The journey map shows every moment.") in summary


def test_the_figures_data_places_each_moment_in_its_stage_and_lane(session, tmp_path):
    from workshop.core.fold import fold
    from workshop.core.timeline import load_events

    report = build_report(fold(load_events(session)), lang="en")
    chart = next(f.chart for f in report.figures() if isinstance(f.chart, b.JourneyChart))
    assert [(p.code, p.stage, p.lane, p.column, p.quadrant, p.value, p.group)
            for p in chart.points] == [
        ("M1", "before", "indirect", 0, "overkill", "+75% (4)", False),
        ("M2", "during", "direct", 1, "concentrate", "−100% (4)", False),
        ("M3", "during", "direct", 2, "keep", "+25% (4)", False),
        ("M4", "after", "direct", 3, "overkill", "group −1", True)]
    assert [(s.key, s.first, s.count) for s in chart.stages] == [
        ("before", 0, 1), ("during", 1, 2), ("after", 3, 1)]
    # In Word: each moment's box in its stage's columns and its lane's row, edged and
    # tinted in its quadrant's colour.
    doc = Document(export(session, tmp_path / "felt.docx"))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells] == [
        "", "Before the purchase", "During the purchase", "During the purchase",
        "After the purchase"])
    assert [" ".join(r.cells[0].text.split()) for r in table.rows[1:]] == ["Direct touchpoints",
                                                         "Indirect touchpoints"]
    lanes = {"direct": 1, "indirect": 2}
    for point in chart.points:
        for lane, row in lanes.items():
            cell = table.rows[row].cells[1 + point.column]
            assert cell.text.startswith(point.code + " ") == (lane == point.lane), point.code
        cell = table.rows[lanes[point.lane]].cells[1 + point.column]
        first = cell.paragraphs[0]._p.pPr
        colour = QUADRANT_COLOURS[point.quadrant].lstrip("#")
        assert first.find(f"{qn('w:pBdr')}/{qn('w:left')}").get(qn("w:color")) == colour
        assert first.find(qn("w:shd")).get(qn("w:fill")) == tint(colour)
        assert table.rows[0].cells[1 + point.column].text == {
            "before": "Before the purchase", "during": "During the purchase",
            "after": "After the purchase"}[point.stage]
    # Every name's words whole: M3's long name on lines broken between words, none cut.
    m3 = table.rows[1].cells[3].paragraphs[0]
    assert m3._p.findall(f".//{qn('w:br')}") and m3.text.split() == f"M3 {LONG}".split()
    # The curve, Word's own line chart: the queue at the bottom, the reviews highest; the
    # group's point a diamond; each point labelled with its value.
    curve = etree.fromstring(next(x for x in chart_parts(doc) if b"lineChart" in x))
    values = {int(pt.get("idx")): float(pt.find(f"{C}v").text)
              for pt in curve.iterfind(f".//{C}val//{C}pt")}
    heights = {p.code: values[p.column] for p in chart.points}
    assert heights["M2"] < heights["M4"] < heights["M3"] < heights["M1"]
    # Each kind of point a series of its own colour and symbol (how LibreOffice colours a
    # line chart's points): green above zero, red below, the group's a light diamond.
    kinds = {}
    for ser in list(curve.iter(f"{C}ser"))[1:]:
        symbol = ser.find(f"{C}marker/{C}symbol").get("val")
        fill = ser.find(f"{C}marker/{C}spPr/{A}solidFill/{A}srgbClr").get("val")
        kinds[(symbol, fill)] = sorted(int(pt.get("idx"))
                                       for pt in ser.iterfind(f"{C}val//{C}pt"))
    assert kinds == {("circle", "4E8542"): [0, 2], ("circle", "C0504D"): [1],
                     ("circle", "595959"): [], ("diamond", "BFBFBF"): [3]}
    labels = {int(d.find(f"{C}idx").get("val")): "".join(t.text for t in d.iter(f"{A}t"))
              for d in curve.iter(f"{C}dLbl")}
    assert labels == {0: "+75% (4)", 1: "−100% (4)", 2: "+25% (4)", 3: "group −1"}
    scale = curve.find(f".//{C}valAx/{C}numFmt").get("formatCode")
    assert scale == '"+"0%;"\u2212"0%;"0"'
    # The legend, under it.
    legend = next(p.text for p in doc.paragraphs
                  if p.text.lstrip("\u2003\u2002\u00a0").startswith("Concentrate here"))
    for words in ("Keep up the good work", "Low priority", "Possible overkill",
                  "the group's feeling, no individual marks",
                  "not placed: no ratings or no counted vote"):
        assert words in legend


def test_a_word_too_wide_for_its_line_is_never_cut():
    lines = lines_of("Finding a self-checkout Supercalifragilisticexpialidocious", 7, 40, 8)
    assert "self-" in lines and "checkout" in lines  # broken after its hyphen
    assert "Supercalifragilisticexpialidocious" in lines  # whole, on a line of its own
    short = lines_of("one two three four five six seven", 7, 40, 2)
    assert short[-1].endswith(" …") and all(w in "one two three four five six seven …"
                                            for line in short for w in line.split())


def test_markdown_and_csv_carry_the_map_as_a_table(session, tmp_path):
    text = export(session, tmp_path / "felt.md", "md").read_text(encoding="utf-8")
    assert "| Stage | Touchpoint | Moment of truth | Feeling (n) | Gap (n) | Quadrant |" in text
    assert "| During | Direct | M2 Queue at the checkout | −100% (4) | −3.2 (4) | " \
           "Concentrate here |" in text.replace("\u00a0", " ")
    folder = export(session, tmp_path / "csv", "csv")
    with open(folder / "report_journey_map.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Stage", "Touchpoint", "Moment of truth", "Feeling (n)", "Gap (n)",
                       "Quadrant"]
    # (A cell starting with + gets a ' in a CSV: a spreadsheet would read a formula.)
    assert [row[3] for row in rows[1:]] == ["'+75%\u00a0(4)", "−100%\u00a0(4)",
                                            "'+25%\u00a0(4)", "group −1"]


def test_typed_text_in_the_map_stays_text():
    """A moment's name is typed text: "<", "&" and "$" stay what was typed in the map's
    table and the curve's chart; characters XML cannot hold are dropped."""
    from workshop.report import journey_map
    from workshop.report.docx_writer import W_NS

    name = "<b>Till</b> & $$ \x01 \x0b </w:t> &amp;"
    chart = b.JourneyChart(
        [b.JourneyStage("during", "During & <after>", 0, 1)],
        [b.JourneyLane("direct", "Direct $ <lane>")],
        [b.JourneyPoint("M1", name, "during", "direct", 0, "keep", ("gap <1> & $",), 0.5,
                        False, "+50% <4>")],
        1, {"concentrate": "C", "keep": "K", "low": "L", "overkill": "O"}, "Felt & <how>",
        "+100%", "0", "−100%", {"marks": "m", "group": "g <&>", "unplaced": "u"}, "none",
        True, "not asked")
    lay = journey_map.layout(chart)
    table = etree.fromstring(f'<w:body xmlns:w="{W_NS}">{journey_map.table_xml(chart, lay)}'
                             f"{journey_map.legend_xml(chart)}</w:body>")
    text = " ".join(t.text for t in table.iter(qn("w:t")))
    assert "<b>Till</b> & $$" in text and "</w:t> &amp;" in text and "\x01" not in text
    assert "During & <after>" in text and "gap <1> & $" in text and "g <&>" in text
    curve = etree.fromstring(journey_map.curve_xml(chart, lay))
    assert "".join(t.text for t in curve.iter(f"{A}t")) == "+50% <4>"


def test_a_word_export_imports_no_plotting_or_font_library(session, tmp_path):
    """Every chart is Word's own and the widths are our data: an export (in Spanish, the
    journey map, the 2×2 and the votes' charts included) loads neither matplotlib, numpy
    nor Pillow, which an installed tool no longer has."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from workshop.report import export; "
            f"export(Path({str(session)!r}), Path({str(tmp_path / 'r.docx')!r}), lang='es'); "
            "print(sorted(m for m in ('matplotlib', 'numpy', 'PIL') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    doc = Document(tmp_path / "r.docx")
    figures = chart_parts(doc)
    assert any(b"scatterChart" in x for x in figures) and any(b"lineChart" in x for x in figures)
    # The map in Spanish: its words, its decimal commas, per cent as Spanish writes it.
    board = next(t for t in doc.tables if len(t.columns) > 1
                 and t.rows[0].cells[-1].text == "Después de la compra")
    m2 = board.rows[1].cells[2].text
    assert m2.startswith("M2 ") and "\u22123,2\u00a0(4)" in m2 and "." not in m2
    curve = etree.fromstring(next(x for x in figures if b"lineChart" in x))
    assert {t.text for t in curve.iter(f"{A}t")} == {"+75\u00a0% (4)", "+25\u00a0% (4)",
                                                   "\u2212100\u00a0% (4)", "grupo \u22121"}
    assert curve.find(f".//{C}valAx/{C}numFmt").get("formatCode") == (
        '"+"0"\u00a0"%;"\u2212"0"\u00a0"%;"0"')


@pytest.mark.parametrize("lanes", [("Direct touchpoints", "Indirect touchpoints"),
                                   ("Puntos de contacto directos",
                                    "Puntos de contacto indirectos")])
def test_a_lane_of_one_small_box_still_holds_its_name_whole(lanes):
    """A lane as tall as its one small box was too short for its upright name: Spanish
    read "Puntos de contact…", and a word longer than the lane ("Indirect") was broken
    by Word inside it. The row is as tall as the name needs: every word whole, in at
    most three lines, each as long as the row is tall (less the cell's margins)."""
    from workshop.report import journey_map, measure
    from workshop.report.docx_writer import W_NS

    chart = b.JourneyChart(
        [b.JourneyStage("during", "During", 0, 1)],
        [b.JourneyLane("direct", lanes[0]), b.JourneyLane("indirect", lanes[1])],
        [b.JourneyPoint("M1", "Till", "during", "direct", 0, "keep", (), 0.5, False, "+50%"),
         b.JourneyPoint("M2", "Flyer", "during", "indirect", 0, "low", (), -0.5, False,
                        "−50%")],
        1, {"concentrate": "C", "keep": "K", "low": "L", "overkill": "O"}, "Felt",
        "+100%", "0", "−100%", {"marks": "m", "group": "g", "unplaced": "u"}, "none",
        True, "not asked")
    table = etree.fromstring(f'<w:body xmlns:w="{W_NS}">'
                             f"{journey_map.table_xml(chart, journey_map.layout(chart))}"
                             "</w:body>")
    rows = table.findall(f".//{qn('w:tr')}")[1:]  # the stages' row first
    for row, label in zip(rows, lanes, strict=True):
        cell = row.find(qn("w:tc"))
        assert cell.find(f".//{qn('w:textDirection')}").get(qn("w:val")) == "btLr"
        lines = [t.text for t in cell.iter(qn("w:t"))]
        assert " ".join(lines) == label and len(lines) <= 3  # whole, no "…"
        tall = int(row.find(f".//{qn('w:trHeight')}").get(qn("w:val"))) / 20  # points
        assert all(measure.text_width(line, 7, bold=True) <= tall - 8 for line in lines)
