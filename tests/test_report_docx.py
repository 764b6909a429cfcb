"""The Word report, read back with python-docx: the outline agencies send, the cover and
properties, the contents, and the numbers of the analysis."""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document

from report_fixtures import build
from workshop.i18n import LANGUAGES
from workshop.report import export

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHAPTERS = {
    "en": ["Executive summary", "The customer journey map", "Method",
           "Findings by moment of truth", "Gap analysis", "Ideas for excellence",
           "Priorities from the votes", "Corrective actions and next steps", "Appendix"],
    "es": ["Resumen ejecutivo", "El mapa del recorrido del cliente", "Metodología",
           "Hallazgos por momento de la verdad", "Análisis de brechas",
           "Ideas de excelencia", "Prioridades según las votaciones",
           "Medidas correctoras y próximos pasos", "Anexo"],
    "pt_BR": ["Resumo executivo", "O mapa da jornada do cliente", "Método",
              "Achados por momento da verdade", "Análise de lacunas", "Ideias de excelência",
              "Prioridades a partir dos votos", "Ações corretivas e próximos passos",
              "Apêndice"],
}
SECTIONS = {
    "en": ["Key findings", "Priorities", "Recommended actions", "Corrective actions",
           "Next steps", "Script and timing", "Participants", "How the questions were asked",
           "Voting rules", "The journey the group mapped", "Participation balance",
           "Timeline of the session"],
    "es": ["Hallazgos clave", "Prioridades", "Medidas recomendadas", "Medidas correctoras",
           "Próximos pasos", "Guion y tiempos", "Participantes",
           "Cómo se hicieron las preguntas", "Reglas de votación",
           "El recorrido que trazó el grupo", "Equilibrio de la participación",
           "Cronología de la sesión"],
    "pt_BR": ["Principais achados", "Prioridades", "Ações recomendadas", "Ações corretivas",
              "Próximos passos", "Roteiro e tempos", "Participantes",
              "Como as perguntas foram feitas", "Regras da votação",
              "A jornada que o grupo identificou", "Equilíbrio da participação",
              "Linha do tempo da sessão"],
}


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return build(tmp_path_factory.mktemp("s") / "s.db")


@pytest.fixture(scope="module")
def reports(session, tmp_path_factory):
    folder = tmp_path_factory.mktemp("r")
    return {lang: Document(export(session, folder / f"{lang}.docx", lang=lang))
            for lang in LANGUAGES}


def headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_outline_is_krueger_and_caseys_as_method_md_gives_it(reports, lang):
    doc = reports[lang]
    assert headings(doc, 1) == CHAPTERS[lang]
    level2 = headings(doc, 2)
    for title in SECTIONS[lang]:
        assert title in level2
    # One section per moment of truth, the most important first: the queue has 5 of the
    # 11 dots, returns 3, parking 2, reviews 1.
    moments = [h for h in level2 if re.match(r"M\d ", h)]
    assert moments == ["M2 Queue at the checkout", "M4 Returning a faulty product",
                       "M1 Finding a parking space", "M3 Reading reviews online"]


def test_the_cover_names_title_client_date_facilitator_and_which_copy(reports):
    doc = reports["en"]
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["Supermarket study"]
    cover = "\n".join(p.text for p in doc.paragraphs[:14])
    assert "Client: Greenway Markets" in cover
    assert "Date: 4 March 2025" in cover
    assert "Facilitator: Hannah Reid" in cover
    assert ("Copy with pseudonyms: participants appear by pseudonym only, and names typed in "
            "what they said are replaced too.") in cover
    assert "Draft" not in cover  # the fixture is a whole session
    es_cover = "\n".join(p.text for p in reports["es"].paragraphs[:14])
    assert "Fecha: 4 de marzo de 2025" in es_cover and "Cliente: Greenway Markets" in es_cover
    assert ("Copia con seudónimos: los participantes aparecen solo con su seudónimo, y los nombres "
            "escritos en lo que dijeron también se sustituyen.") in es_cover
    pt_cover = "\n".join(p.text for p in reports["pt_BR"].paragraphs[:14])
    assert "Data: 4 de março de 2025" in pt_cover and "Moderação: Hannah Reid" in pt_cover


def test_tables_use_a_built_in_style_and_have_captions(reports):
    doc = reports["en"]
    data_tables = [t for t in doc.tables if t.style.name != "Normal Table"]
    assert {t.style.name for t in data_tables} == {"Medium Shading 1 Accent 1"}
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    # The journey map's table comes first, after the executive summary.
    assert captions[0].startswith("Figure 1: The customer journey as this group mapped it")
    assert captions[1].startswith("Table 1: The journey map as a table")
    assert any(re.fullmatch(r"Table \d+: Corrective actions: who does what, by when, and how "
                            r"success is measured", c) for c in captions)
    assert sum(c.startswith("Table ") for c in captions) == len(data_tables)
    assert any(c.startswith("Figure 1: ") for c in captions)
    assert any(c.startswith("Tabla 1: ") for c in
               (p.text for p in reports["es"].paragraphs if p.style.name == "Caption"))


def table_after(doc, caption_start: str):
    """The table a caption introduces (captions stand right above their table)."""
    data_tables = [t for t in doc.tables if t.style.name != "Normal Table"]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"
                and p.text.startswith(("Table", "Tabla", "Tabela"))]
    index = next(i for i, c in enumerate(captions) if caption_start in c)
    return [[c.text for c in r.cells] for r in data_tables[index].rows]


def test_method_tables_hold_planned_and_actual_minutes_segments_and_the_journey(reports):
    doc = reports["en"]
    rows = table_after(doc, "Steps of the session")
    assert rows[1] == ["1", "Welcome", "Introduction", "5", "6"]  # 0:30 -> 6:00
    assert rows[-1] == ["", "Total", "", "60", "60"]
    assert table_after(doc, "Participants by segment")[1:] == [
        ["families", "2"], ["No segment", "1"], ["students", "1"]]
    assert table_after(reports["es"], "Los momentos de la verdad a lo largo")[1:] == [
        ["M1", "Finding a parking space", "Antes", "Directo"],
        ["M2", "Queue at the checkout", "Durante", "Directo"],
        ["M3", "Reading reviews online", "Antes", "Indirecto"],
        ["M4", "Returning a faulty product", "Después", "Directo"]]


def test_the_method_names_the_cross_hairs_and_how_each_rating_was_asked(reports):
    body = "\n".join(p.text for p in reports["en"].paragraphs)
    assert ("The 2×2 sets importance against performance. Cross-hairs at this group's means: "
            "high and low are relative to the other moments.") in body
    assert "the level they expect (1 = the bare minimum will do, 5 = it must be excellent)" in body
    assert "Importance: each moment's share of the 11 dots in vote 1 (4 voters)." in body
    # Said once: a general "Importance: …" stood above the vote's own sentence.
    method = body.split("How the questions were asked")[-1].split("Voting rules")[0]
    assert [p for p in method.splitlines() if p.startswith("Importance")] == [
        "Importance: each moment's share of the 11 dots in vote 1 (4 voters)."]
    assert ("The weighted priority multiplies each moment's importance by its shortfall "
            "(how far performance falls below expectation).") in method


def test_the_contents_links_to_every_heading_and_asks_nothing_on_opening(session, tmp_path):
    path = export(session, tmp_path / "r.docx")
    doc = Document(path)
    body = doc.element.body
    bookmarks = {b.get(f"{W}name"): "".join(t.text or "" for t in b.getparent().iter(f"{W}t"))
                 for b in body.iter(f"{W}bookmarkStart")}
    links = [(h.get(f"{W}anchor"), "".join(t.text or "" for t in h.iter(f"{W}t")))
             for h in body.iter(f"{W}hyperlink")]
    titles = headings(doc, 1) + headings(doc, 2)
    assert sorted(text for _, text in links) == sorted(titles)
    for anchor, text in links:
        assert bookmarks[anchor] == text  # the link lands on its heading
    # A page number field per entry, computed by the reader: no cached guess.
    pagerefs = [i.text for i in body.iter(f"{W}instrText") if "PAGEREF" in i.text]
    assert len(pagerefs) == len(links)
    with zipfile.ZipFile(path) as z:
        settings = z.read("word/settings.xml").decode()
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml"))
    assert "updateFields" not in settings and "w:dirty" not in xml
    assert "SEQ Table" in xml and "PAGE" in xml and "NUMPAGES" in xml


def test_core_properties_are_set_and_say_which_copy(session, tmp_path):
    before = datetime.now(UTC) - timedelta(seconds=5)
    path = export(session, tmp_path / "r.docx", lang="es")
    cp = Document(path).core_properties
    assert cp.title == "Supermarket study"
    assert cp.author == "Hannah Reid" and cp.last_modified_by == "Hannah Reid"
    assert cp.subject == "Momentos de la verdad: informe del grupo focal"
    assert cp.comments == ("Copia con seudónimos: los participantes aparecen solo con su "
                           "seudónimo, y los nombres escritos en lo que dijeron también se "
                           "sustituyen.")
    assert cp.content_status == ""  # not a draft
    assert cp.language == "es"
    assert cp.created >= before
    with zipfile.ZipFile(path) as z:
        assert sorted(n for n in z.namelist() if n.startswith("docProps/")) == [
            "docProps/app.xml", "docProps/core.xml"]  # no template thumbnail
        props = z.read("docProps/core.xml").decode() + z.read("docProps/app.xml").decode()
    assert "python-docx" not in props and "Macintosh" not in props


def test_the_text_is_marked_in_the_report_language_for_spelling_and_reading_aloud(reports):
    # The template marks every run en-US: Word underlined each word of a Spanish or
    # Portuguese report as misspelt, and read it aloud with an English voice.
    tags = {"en": "en-GB", "es": "es-ES", "pt_BR": "pt-BR"}  # the report's prose is British
    for lang, doc in reports.items():
        marks = doc.styles.element.findall(f".//{W}lang")
        assert [m.get(f"{W}val") for m in marks] == [tags[lang]], lang
        assert not doc.element.body.findall(f".//{W}lang")  # nothing overrides it
        # dc:language is a language tag too ("pt_BR" is not one).
        assert doc.core_properties.language == {"pt_BR": "pt-BR"}.get(lang, lang)


@pytest.mark.parametrize(("name", "heading"), [
    ("demo-supermarket.db", "About the experience as a whole"),
    ("demo-supermercado.db", "Sobre la experiencia en conjunto")])
def test_the_quotes_about_the_whole_experience_start_with_their_heading(name, heading,
                                                                        tmp_path):
    """The demo printed this heading and its one-line introduction alone at the foot of a
    page, its quotes on the next: the introduction now keeps with the first quote (the
    heading keeps with the introduction, as every heading does)."""
    sessions = Path(__file__).resolve().parent.parent / "sessions"
    doc = Document(export(sessions / name, tmp_path / "r.docx"))
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.text == heading)
    assert paragraphs[at].style.name == "Heading 2"
    intro, first = paragraphs[at + 1], paragraphs[at + 2]
    assert intro.paragraph_format.keep_with_next is True
    assert first.style.name == "Quote"


def test_every_page_of_an_internal_copy_says_so(tmp_path):
    """The copy with names said so on its cover and in its properties only: page 23 (the
    roster with every name) printed alone, or forwarded as a PDF extract, looked like the
    client's copy. Its page header says it, as a draft's does."""
    sessions = Path(__file__).resolve().parent.parent / "sessions"

    def header(name: str, **kw) -> str:
        doc = Document(export(sessions / name, tmp_path / f"{len(kw)}{name}.docx", **kw))
        return doc.sections[0].header.paragraphs[0].text

    title = "Greenway Markets: a week of food shopping"
    assert header("demo-supermarket.db") == title
    assert header("demo-supermarket.db", copy="names") == f"{title} · Internal copy"
    assert header("demo-supermarket.db", unconsented=True) == f"{title} · Internal copy"
    assert header("demo-supermercado.db", copy="names") == (
        "Supermercados Alameda: una semana de compra de comida · Copia interna")
    assert header("demo-supermarket.db", copy="names", lang="pt_BR").endswith(
        " · Cópia interna")


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "and spent 48 dots in 2 rounds of voting to set priorities."),
    ("es", "y repartieron 48 puntos en 2 rondas de votación para fijar prioridades."),
    ("pt_BR", "e usaram 48 pontos em 2 rodadas de votação para definir prioridades.")])
def test_the_summary_says_its_dots_were_spent_in_two_rounds_of_voting(lang, said, tmp_path):
    """The demo's first paragraph said '48 dots' and its findings '6 of 30 dots': the 48
    are the 30 of the vote on moments and the 18 of the vote on ideas."""
    sessions = Path(__file__).resolve().parent.parent / "sessions"
    doc = Document(export(sessions / "demo-supermarket.db", tmp_path / "r.docx", lang=lang))
    at = next(i for i, p in enumerate(doc.paragraphs) if p.style.name == "Heading 1")
    assert doc.paragraphs[at + 1].text.endswith(said)
    # One vote: its dots, as before.
    import report_cases

    one = report_cases.rated(tmp_path / "one.db", [("Checkout", [2] * 6, [4] * 6, 7),
                                                   ("Parking", [4] * 6, [4] * 6, 33)])
    doc = Document(export(one, tmp_path / "one.docx", lang=lang))
    at = next(i for i, p in enumerate(doc.paragraphs) if p.style.name == "Heading 1")
    assert doc.paragraphs[at + 1].text.endswith(
        {"en": " spent 40 dots to set priorities.",
         "es": " repartieron 40 puntos para fijar prioridades.",
         "pt_BR": " usaram 40 pontos para definir prioridades."}[lang])


def test_a_logo_goes_on_the_cover(session, tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    # A 40 × 20 navy PNG, written by hand (no imaging library is installed).
    rows = b"".join(b"\x00" + b"\x00\x00\x80" * 40 for _ in range(20))
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 40, 20, 8, 2,
                                                                     0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
    doc = Document(export(session, tmp_path / "r.docx", logo=logo))
    assert doc.inline_shapes[0].height.cm == pytest.approx(2.2, abs=0.01)
    # the logo, the 2×2 and one chart per revealed vote: the journey map is a table, and
    # its feeling curve is left out where feelings were not asked
    assert len(doc.inline_shapes) == 4


# ---- the numbers are the analysis' numbers ----------------------------------------------


@pytest.fixture(scope="module")
def state(session):
    from workshop.core.store import Store

    with Store.open(session, readonly=True) as store:
        return store.state


def fmt(value, digits=1, lang="en", sign=False):
    if value is None:
        return "–"
    text = f"{value:.{digits}f}".replace("-", "\u2212")
    if sign and round(value, digits) > 0:
        text = "+" + text
    return text.replace(".", ",") if lang == "es" else text


def pct(share, lang):
    """A no-break space before the % in Spanish (CLDR), none in English."""
    return f"{share * 100:.0f}\u00a0%" if lang == "es" else f"{share * 100:.0f}%"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_gap_table_equals_the_analysis_with_each_n(reports, state, lang):
    from workshop.core import analysis
    from workshop.i18n import translator

    table = table_after(reports[lang], "Gaps by moment" if lang == "en" else "Brechas por")
    gaps = analysis.gap_table(state)
    tr = translator(lang)
    expected = sorted(gaps.rows, key=lambda r: (-(r.priority or 0), r.gap, r.position))
    assert [row[0] for row in table[1:]] == [f"M{r.position} {r.text}" for r in expected]
    for row, r in zip(table[1:], expected, strict=True):
        assert row[1:] == [pct(r.importance, lang),
                           f"{fmt(r.expectation, 1, lang)}\u00a0({r.expectation_ratings})",
                           f"{fmt(r.performance, 1, lang)}\u00a0({r.ratings})",
                           f"{fmt(r.gap, 1, lang, sign=True)}\u00a0({r.gap_n})",
                           fmt(r.priority, 2, lang),
                           analysis.quadrant_label(r.quadrant, tr)]  # above the midpoint
    # The fixture's worst moment: the checkout queue, 2.0 against 5.0, paired over 4.
    assert table[1][0] == "M2 Queue at the checkout"
    assert table[1][4] == fmt(-3.0, 1, lang) + "\u00a0(4)"  # never broken between the two


def test_the_vote_charts_follow_the_tallies_and_no_table_repeats_them(reports, state):
    doc = reports["en"]
    figures = [p.text for p in doc.paragraphs if p.style.name == "Caption"
               and p.text.startswith("Figure")]
    assert figures == ["Figure 1: The customer journey as this group mapped it: each moment "
                       "of truth by stage and touchpoint, coloured by its quadrant. How each "
                       "moment felt was not asked.",
                       "Figure 2: Importance against performance, by moment of truth",
                       "Figure 3: Vote 1: dots per moment of truth, ranked",
                       "Figure 4: Vote 2: dots per idea, ranked"]
    captions = " ".join(p.text for p in doc.paragraphs if p.style.name == "Caption")
    assert "ranked results" not in captions  # the chart or a table, never both
    ideas = table_after(doc, "Ideas for excellence by moment of truth")
    assert ideas[0] == ["#", "Idea", "Technique"]  # the dots are in the chart
    body = [p.text for p in doc.paragraphs]
    assert "4 participants spent 11 dots (3 each, at most 2 per item)." in body


def test_the_timeline_counts_from_the_first_step_as_the_replay_does(tmp_path):
    """A session made the evening before (title and roster) printed 'Step 1: 20:01:30' and
    every step after it twenty hours on, in the client's report; and the demo's times were
    a minute and a half off the replay's (made at 17:30, started at 17:31:30), so a time
    read in the report and given to `workshop replay --at` showed another moment."""
    import re

    from workshop.core.demo import build_demo, default_source
    from workshop.core.timeline import Timeline, load_events, parse_point

    source = default_source("en").read_text(encoding="utf-8")
    evening = tmp_path / "evening.toml"  # every entry 20 hours after the file was made
    evening.write_text(re.sub(r'at = "(\d+):(\d\d)"', lambda m: f'at = "{int(m[1]) + 1200}:'
                              f'{m[2]}"', source), encoding="utf-8")
    for name, source_path in (("demo", default_source("en")), ("evening", evening)):
        path = build_demo(source_path, tmp_path / f"{name}.db")
        table = table_after(Document(export(path, tmp_path / f"{name}.docx")), "Timeline")
        assert table[1] == ["0:00:00", "Step 1: Welcome and consent"], name
        assert table[-1] == ["1:48:30", "Session finished"], name  # made at 17:30, 1:50 on
        # Each time read in the report is where the replay's clock puts that event.
        timeline = Timeline(load_events(path))
        for elapsed, what in table[1:]:
            if what.startswith("Step "):
                board = timeline.state_at(parse_point(elapsed))
                step = board.steps[board.current_step]
                assert what == f"Step {board.current_step + 1}: {step.title}", (name, elapsed)


def test_participation_follows_the_analysis(reports, state):
    from workshop.core import analysis

    table = table_after(reports["en"], "Participation by participant")
    assert [row[0] for row in table[1:]] == ["P1", "P2", "P3", "P4"]  # pseudonyms only
    for row, c in zip(table[1:], analysis.participation(state), strict=True):
        assert row[1:] == [str(c.moments), str(c.expectations), str(c.ideas), str(c.notes),
                           str(c.spoken), f"{c.share * 100:.0f}%", str(c.ratings), str(c.dots)]


def test_the_timeline_column_says_it_is_elapsed_time(reports):
    table = table_after(reports["en"], "Timeline")
    assert table[0] == ["Elapsed", "What happened"]
    assert table[1] == ["0:00:00", "Step 1: Welcome"]
    # From the first step (entered half a minute after the file was made), as the replay
    assert ["0:48:30", "Vote 1 revealed"] in table
    # A prompt is shown whole: it names a moment, and a moment's name is never cut.
    assert ["0:36:30", "Prompt drawn (Analogy with another industry): How would a pit crew "
                       "run the checkout queue?"] in table
    caption = [p.text for p in reports["en"].paragraphs if p.text.startswith("Table")
               and "Timeline" in p.text][0]
    assert caption.endswith("Timeline: time elapsed since the first step, stretches of over "
                            "30 minutes with nothing recorded left out (hours:minutes:seconds)")
    # Elapsed time in every language (the Spanish column once said "Hora", a clock time).
    assert table_after(reports["es"], "Cronología: tiempo transcurrido")[0] == [
        "Transcurrido", "Qué ocurrió"]
    assert table_after(reports["pt_BR"], "Linha do tempo: tempo decorrido")[0] == [
        "Decorrido", "O que aconteceu"]
