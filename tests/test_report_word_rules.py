"""What Microsoft Word checks when it opens the report, and LibreOffice forgives: elements in
their schema's order, required attributes, ids that must be unique, references that must
resolve. Word refuses such a file ("Word found unreadable content"). Each rule here was
read from ECMA-376's schemas (tools/validate_docx.py checks a whole export against them);
the report is exported and read back as Word reads it, part by part."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from workshop.report import export

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DEMO = Path(__file__).resolve().parent.parent / "sessions" / "demo-supermarket.db"

# The children's order of CT_TblPrBase, CT_ChartSpace, CT_Chart, CT_DLbl / CT_DLbls
# (Group_DLbl, EG_DLblShared) and the axes (EG_AxShared, then CT_CatAx's or CT_ValAx's own).
TBL_PR = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
          "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
          "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange")
CHART_SPACE = ("date1904", "lang", "roundedCorners", "AlternateContent", "style", "clrMapOvr",
               "pivotSource", "protection", "chart", "spPr", "txPr", "externalData",
               "printSettings", "userShapes", "extLst")
CHART = ("title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall", "backWall",
         "plotArea", "legend", "plotVisOnly", "dispBlanksAs", "showDLblsOverMax", "extLst")
_SHARED = ("numFmt", "spPr", "txPr", "dLblPos", "showLegendKey", "showVal", "showCatName",
           "showSerName", "showPercent", "showBubbleSize", "separator")
D_LBL = ("idx", "delete", "layout", "tx", *_SHARED, "extLst")
D_LBLS = ("dLbl", "delete", *_SHARED, "showLeaderLines", "leaderLines", "extLst")
_AXIS = ("axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title",
         "numFmt", "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx",
         "crosses", "crossesAt")
AXES = {"catAx": (*_AXIS, "auto", "lblAlgn", "lblOffset", "tickLblSkip", "tickMarkSkip",
                  "noMultiLvlLbl", "extLst"),
        "valAx": (*_AXIS, "crossBetween", "majorUnit", "minorUnit", "dispUnits", "extLst")}


@pytest.fixture(scope="module")
def parts(tmp_path_factory) -> dict[str, etree._Element]:
    """The demo's report (its vote charts, 2×2, journey map and feeling curve, the
    limitations' box), every XML part parsed."""
    out = export(DEMO, tmp_path_factory.mktemp("word") / "demo.docx")
    with zipfile.ZipFile(out) as z:
        return {name: etree.fromstring(z.read(name)) for name in z.namelist()
                if name.endswith((".xml", ".rels"))}


def out_of_order(element: etree._Element, order: tuple[str, ...]) -> list[str]:
    """The children's local names, when they are not in ``order``'s order (or unknown)."""
    names = [etree.QName(child).localname for child in element if isinstance(child.tag, str)]
    ranks = [order.index(n) if n in order else -1 for n in names]
    return names if -1 in ranks or ranks != sorted(ranks) else []


def charts(parts) -> dict[str, etree._Element]:
    found = {name: root for name, root in parts.items() if name.startswith("word/charts/")}
    assert len(found) == 4  # two votes, the 2×2, the feeling curve
    return found


def test_every_tables_properties_are_in_the_schemas_order(parts):
    """The limitations' box wrote tblLayout before tblBorders: Word refuses the file."""
    tables = list(parts["word/document.xml"].iter(f"{W}tblPr"))
    assert len(tables) > 5
    assert [out_of_order(t, TBL_PR) for t in tables if out_of_order(t, TBL_PR)] == []
    box = [t for t in tables if t.find(f"{W}tblBorders") is not None]
    assert box, "the limitations' box is a bordered table"


def test_the_zoom_setting_says_its_percentage(parts):
    """python-docx's template has <w:zoom w:val="bestFit"/>: ECMA-376 requires w:percent."""
    zoom = parts["word/settings.xml"].find(f"{W}zoom")
    assert zoom is not None and zoom.get(f"{W}percent", "").isdigit()


def test_every_chart_keeps_the_schemas_order(parts):
    """chartSpace, chart, each data label and label group, each axis: children in the
    order the chart schema gives (a label's text before its position, its position before
    what it shows)."""
    wrong = []
    for name, root in charts(parts).items():
        checks = [(root, CHART_SPACE), (root.find(f"{C}chart"), CHART)]
        checks += [(el, D_LBL) for el in root.iter(f"{C}dLbl")]
        checks += [(el, D_LBLS) for el in root.iter(f"{C}dLbls")]
        checks += [(el, AXES[kind]) for kind in AXES for el in root.iter(f"{C}{kind}")]
        wrong += [(name, out_of_order(el, order)) for el, order in checks
                  if out_of_order(el, order)]
    assert wrong == []
    labels = [lbl for root in charts(parts).values() for lbl in root.iter(f"{C}dLbl")]
    assert len(labels) > 10  # the 2×2's named points and the bars' and curve's values


def test_a_chart_stands_on_its_own_numbers_as_word_reads_it(parts):
    """No workbook is embedded: the chart part has no relationship at all (an
    externalData pointing at nothing is what Word would choke on), rounded corners are
    off (the schema's default is on), the automatic title deleted, every axis named by a
    chart group exists and crosses another, and each series' idx and order are its own."""
    for name, root in charts(parts).items():
        rels = f"word/charts/_rels/{name.rpartition('/')[2]}.rels"
        assert rels not in parts and root.find(f"{C}externalData") is None, name
        assert root.find(f"{C}roundedCorners").get("val") == "0"
        assert root.find(f"{C}chart/{C}autoTitleDeleted").get("val") == "1"
        plot = root.find(f"{C}chart/{C}plotArea")
        axes = {ax.find(f"{C}axId").get("val"): ax.find(f"{C}crossAx").get("val")
                for kind in AXES for ax in plot.findall(f"{C}{kind}")}
        assert len(axes) == 2 and all(cross in axes and cross != ax
                                      for ax, cross in axes.items()), name
        named = {ax.get("val") for group in plot if etree.QName(group).localname.endswith(
            "Chart") for ax in group.findall(f"{C}axId")}
        assert named == set(axes), name
        series = list(root.iter(f"{C}ser"))
        for what in ("idx", "order"):
            values = [s.find(f"{C}{what}").get("val") for s in series]
            assert len(values) == len(set(values)), (name, what)


def test_drawing_ids_are_unique_and_each_chart_is_its_own_part(parts):
    """ISO 29500-1 20.4.2.5: a document whose drawings share a wp:docPr id is
    non-conformant (Word repairs or refuses it); and every chart's r:id names a chart
    relationship of the document, each a different part with the chart content type."""
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    ids = [el.get("id") for name, root in parts.items() if name.startswith("word/")
           and not name.startswith("word/charts/") for el in root.iter(f"{wp}docPr")]
    assert len(ids) == 4 and len(set(ids)) == len(ids)
    rels = {r.get("Id"): r
            for r in parts["word/_rels/document.xml.rels"].iter(f"{REL}Relationship")}
    r_id = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    used = [el.get(r_id) for el in parts["word/document.xml"].iter(f"{C}chart")]
    targets = [rels[rid].get("Target") for rid in used]
    assert all(rels[rid].get("Type").endswith("/chart") for rid in used)
    assert len(set(targets)) == len(used) == 4
    types = parts["[Content_Types].xml"]
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert {overrides.get(f"/word/{t}") for t in targets} == {
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"}
