"""The Word report, read back with python-docx: structure, language, properties, fields."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document

from report_fixtures import build
from workshop.report import export

CHAPTERS = {
    "en": ["Executive summary", "Method", "The customer journey", "Findings by moment of truth",
           "Gap analysis", "Ideas for excellence", "Priorities from the votes",
           "Corrective actions and next steps", "Appendix"],
    "es": ["Resumen ejecutivo", "Metodología", "El recorrido del cliente",
           "Hallazgos por momento de la verdad", "Análisis de brechas", "Ideas de excelencia",
           "Prioridades según los votos", "Acciones correctivas y próximos pasos", "Anexo"],
}
SECTIONS = {
    "en": ["Script and timing", "Participants", "Voting rules", "Corrective actions",
           "Next steps", "Participation balance", "Timeline of the session",
           "The moments that matter most", "The biggest gaps",
           "The most supported ideas for excellence"],
    "es": ["Guion y tiempos", "Participantes", "Reglas de votación", "Acciones correctivas",
           "Próximos pasos", "Equilibrio de la participación", "Cronología de la sesión",
           "Los momentos que más importan", "Las mayores brechas",
           "Las ideas de excelencia con más apoyo"],
}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return build(tmp_path_factory.mktemp("s") / "s.db")


@pytest.fixture(scope="module")
def reports(session, tmp_path_factory):
    folder = tmp_path_factory.mktemp("r")
    return {lang: Document(export(session, folder / f"{lang}.docx", lang=lang))
            for lang in ("en", "es")}


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_chapter_and_section_is_a_real_heading_in_the_reports_language(reports, lang):
    doc = reports[lang]
    assert headings(doc, 1) == CHAPTERS[lang]
    level2 = headings(doc, 2)
    for title in SECTIONS[lang]:
        assert title in level2
    # One section per moment of truth, along the journey, numbered M1…
    moments = [h for h in level2 if h[:2] in ("M1", "M2", "M3", "M4")]
    assert moments == ["M1 Finding a parking space", "M2 Queue at the checkout",
                       "M3 Reading reviews online", "M4 Returning a faulty product"]


def test_the_cover_names_title_client_date_and_facilitator(reports):
    doc = reports["en"]
    title = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert title == ["Supermarket study"]
    cover = "\n".join(p.text for p in doc.paragraphs[:12])
    assert "Client: Greenway Markets" in cover
    assert "Date: 4 March 2025" in cover
    assert "Facilitator: Hannah Reid" in cover
    es_cover = "\n".join(p.text for p in reports["es"].paragraphs[:12])
    assert "Fecha: 4 de marzo de 2025" in es_cover and "Cliente: Greenway Markets" in es_cover


def test_tables_use_a_built_in_style_and_have_captions(reports):
    doc = reports["en"]
    assert len(doc.tables) >= 10
    assert {t.style.name for t in doc.tables} == {"Medium Shading 1 Accent 1"}
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert "Table 1: Steps of the session: planned and actual minutes" in captions
    assert sum(c.startswith("Table ") for c in captions) == len(doc.tables)
    assert any(c.startswith("Figure 1: ") for c in captions)
    assert any(c.startswith("Tabla 1: ") for c in
               (p.text for p in reports["es"].paragraphs if p.style.name == "Caption"))


def test_method_tables_hold_planned_and_actual_minutes_and_segments(reports):
    doc = reports["en"]
    steps = next(t for t in doc.tables if t.rows[0].cells[1].text == "Step")
    rows = [[c.text for c in r.cells] for r in steps.rows]
    assert rows[1] == ["1", "Welcome", "Introduction", "5", "6"]  # 0:30 -> 6:00
    assert rows[-1] == ["", "Total", "", "60", "60"]
    segments = next(t for t in doc.tables if t.rows[0].cells[0].text == "Segment")
    assert [[c.text for c in r.cells] for r in segments.rows][1:] == [
        ["families", "2"], ["No segment", "1"], ["students", "1"]]


def test_the_journey_places_each_moment_by_stage_and_touchpoint(reports):
    doc = reports["es"]
    journey = next(t for t in doc.tables if t.rows[0].cells[1].text == "Momento de la verdad"
                   and len(t.columns) == 4)
    assert [[c.text for c in r.cells] for r in journey.rows][1:] == [
        ["M1", "Finding a parking space", "Antes", "Directo"],
        ["M2", "Queue at the checkout", "Durante", "Directo"],
        ["M3", "Reading reviews online", "Antes", "Indirecto"],
        ["M4", "Returning a faulty product", "Después", "Directo"]]


def test_quotes_are_in_the_quote_style_and_never_attributed_by_name(reports):
    doc = reports["en"]
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert "“As luis said, nobody ever smiles at the till.” (P3)" in quotes
    assert all(not q.endswith(("(Ana López)", "(Luis Ortega)", "(Zoë Brandt)")) for q in quotes)


def test_contents_field_page_numbers_and_update_on_open(session, tmp_path):
    path = export(session, tmp_path / "r.docx")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        footers = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    assert "SEQ Table" in body and "SEQ Figure" in body
    assert "PAGE" in footers and "NUMPAGES" in footers
    assert '<w:updateFields w:val="true"/>' in settings


def test_core_properties_are_set_and_no_template_leftovers(session, tmp_path):
    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    path = export(session, tmp_path / "r.docx", lang="es")
    cp = Document(path).core_properties
    assert cp.title == "Supermarket study"
    assert cp.author == "Hannah Reid" and cp.last_modified_by == "Hannah Reid"
    assert cp.subject == "Momentos de la verdad: informe del grupo focal"
    assert cp.language == "es"
    assert cp.created >= before
    assert cp.modified.year == datetime.now().year
    with zipfile.ZipFile(path) as z:
        assert sorted(n for n in z.namelist() if n.startswith("docProps/")) == [
            "docProps/app.xml", "docProps/core.xml"]  # no template thumbnail
        props = z.read("docProps/core.xml").decode() + z.read("docProps/app.xml").decode()
    assert "python-docx" not in props and "Macintosh" not in props


def test_charts_are_pictures_in_the_document(reports):
    doc = reports["en"]
    # The importance-performance chart and one ranked chart per revealed vote.
    assert len(doc.inline_shapes) == 3
    for shape in doc.inline_shapes:
        assert shape.width > 0 and shape.height > 0


def test_a_logo_goes_on_the_cover(session, tmp_path):
    import io

    from PIL import Image

    logo = tmp_path / "logo.png"
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buf, format="PNG")
    logo.write_bytes(buf.getvalue())
    doc = Document(export(session, tmp_path / "r.docx", logo=logo))
    first_picture = doc.inline_shapes[0]
    assert first_picture.height.cm == pytest.approx(2.2, abs=0.01)
    assert len(doc.inline_shapes) == 4


# ---- the numbers are the analysis' numbers ----------------------------------------------


@pytest.fixture(scope="module")
def state(session):
    from workshop.core.store import Store

    with Store.open(session, readonly=True) as store:
        return store.state


def table_after(doc, caption_start: str):
    """The table a caption introduces (captions stand right above their table)."""
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"
                and p.text.startswith(("Table", "Tabla"))]
    index = next(i for i, c in enumerate(captions) if caption_start in c)
    return [[c.text for c in r.cells] for r in doc.tables[index].rows]


def fmt(value, digits=1, lang="en"):
    text = "–" if value is None else f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "es" else text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_gap_table_equals_the_analysis(reports, state, lang):
    from workshop.core import analysis

    table = table_after(reports[lang], "Gaps by moment" if lang == "en" else "Brechas por")
    gaps = analysis.gap_table(state)
    expected = sorted(gaps.rows, key=lambda r: (r.gap is None, r.gap or 0, r.position))
    assert [row[0] for row in table[1:]] == [f"M{r.position}" for r in expected]
    tr = __import__("workshop.i18n", fromlist=["translator"]).translator(lang)
    for row, r in zip(table[1:], expected):
        assert row[1] == r.text
        assert row[2:] == [fmt(r.importance, 2, lang), fmt(r.expectation, 1, lang),
                           fmt(r.performance, 1, lang), fmt(r.gap, 1, lang),
                           fmt(r.priority, 2, lang), analysis.quadrant_label(r.quadrant, tr)]
    # The fixture's worst moment: the checkout queue, 2.0 against 5.0.
    assert table[1][:2] == ["M2", "Queue at the checkout"] and table[1][5] == fmt(-3.0, 1, lang)


def test_vote_tables_and_charts_follow_the_tallies(reports, state):
    from workshop.core import analysis

    doc = reports["en"]
    for tally in analysis.tallies(state):
        table = table_after(doc, f"Vote {tally.rid}: ranked results")
        rows = [r for r in tally.rows if r.dots]
        assert [(int(r[0]), int(r[2])) for r in table[1:]] == [(r.rank, r.dots) for r in rows]
        assert [r[3] for r in table[1:]] == [f"{r.share * 100:.0f}%" for r in rows]
    moments = table_after(doc, "Vote 1: ranked results")
    assert moments[1][1] == "M2 Queue at the checkout" and moments[1][2] == "5"
    # Every revealed vote has its ranked chart, after the importance-performance one.
    figures = [p.text for p in doc.paragraphs if p.style.name == "Caption"
               and p.text.startswith("Figure")]
    assert figures == ["Figure 1: Importance against performance, by moment of truth",
                       "Figure 2: Vote 1: dots per item, ranked",
                       "Figure 3: Vote 2: dots per item, ranked"]


def test_executive_summary_lists_the_top_moments_gaps_and_ideas(reports):
    doc = reports["en"]
    items = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert items[0] == "M2 Queue at the checkout: 5 dots, importance 0.45"  # 5 of 11
    assert ("M2 Queue at the checkout: gap -3.0 (performance 2.0 against expectation 5.0; "
            "concentrate here)") in items
    assert ("Open a second till the moment three people wait (M2 Queue at the checkout; "
            "4 votes)") in items
    # Each list counts from 1 again.
    numbering = [p._p.pPr.numPr.numId.val for p in doc.paragraphs
                 if p.style.name == "List Number"]
    assert len(set(numbering)) == 3


def test_participation_and_performance_follow_the_analysis(reports, state):
    from workshop.core import analysis

    doc = reports["en"]
    table = table_after(doc, "Participation by participant")
    for row, c in zip(table[1:], analysis.participation(state)):
        assert row[1:] == [str(c.moments), str(c.expectations), str(c.ratings), str(c.ideas),
                           str(c.notes), str(c.total), f"{c.share * 100:.0f}%", str(c.dots)]
    perf = analysis.performance(state, 2)
    body = [p.text for p in doc.paragraphs]
    assert (f"Performance: mean {perf.mean:.1f} out of 5 from {perf.count} ratings "
            f"(standard deviation {perf.spread:.1f})") in body
