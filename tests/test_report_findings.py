"""What the client reads first: the executive summary (findings, priorities, actions,
limitations), the findings by moment with every figure's n, and the report's honesty
about what was not measured or not recorded. Read back from the .docx."""

from __future__ import annotations

import re

import pytest
from docx import Document

import report_cases as cases
from report_fixtures import build
from workshop.report import export


def paragraphs(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def section(doc, start: str, end_level: int = 1) -> list:
    """The paragraphs from the heading ``start`` to the next heading of ``end_level``."""
    out, inside = [], False
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading") and p.text == start:
            inside = True
            continue
        if inside and p.style.name in {f"Heading {n}" for n in range(1, end_level + 1)}:
            break
        if inside:
            out.append(p)
    return out


def texts(ps) -> list[str]:
    return [p.text for p in ps]


def cells(doc) -> list[str]:
    return [c.text for t in doc.tables for r in t.rows for c in r.cells]


@pytest.fixture(scope="module")
def fixture_docs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("f")
    path = build(folder / "s.db")
    return {lang: Document(export(path, folder / f"{lang}.docx", lang=lang))
            for lang in ("en", "es")}


# ---- executive summary -----------------------------------------------------------------


def test_without_the_consultants_findings_factual_ones_are_drafted_and_marked(fixture_docs):
    summary = section(fixture_docs["en"], "Executive summary")
    found = texts(p for p in summary if p.style.name == "Finding Headline")
    assert found == [
        "1. M2 Queue at the checkout matters most, 5 of 11 dots, and falls furthest short: "
        "2.0 against an expected 5.0.",
        "2. 1 more moment is important to the group and done less well: M4 Returning a "
        "faulty product.",
        "3. The idea with most support is “Open a second till the moment three people wait”, "
        "for M2 Queue at the checkout: 4 of 10 dots in the vote on ideas."]
    drafts = [p.text for p in summary if p.style.name == "Draft Note"]
    assert drafts == ["Drafted from the figures by the tool, for the consultant to review and "
                      "rewrite: no finding was written for this session yet."]
    body = texts(summary)
    # The evidence with every n, one quote attributed by pseudonym and segment, the meaning.
    assert ("Evidence: importance 45% (5 of 11 dots) · expectation 5.0 (n\u00a0=\u00a04) · "
            "performance 2.0 (n\u00a0=\u00a04) · gap \u22123.0 (n\u00a0=\u00a04) · quadrant: "
            "concentrate here") in body
    assert "“P1 told us the queue is where she gives up.” (P2, students)" in body


def test_the_drafted_findings_read_in_spanish_with_its_numbers_and_quotes(fixture_docs):
    summary = section(fixture_docs["es"], "Resumen ejecutivo")
    found = texts(p for p in summary if p.style.name == "Finding Headline")
    assert found[0] == ("1. M2 Queue at the checkout es lo que más importa, 5 de 11 puntos, y "
                        "es donde más se queda corto: 2,0 frente a un 5,0 esperado.")
    assert found[2].startswith("3. La idea con más apoyo es «Open a second till")
    assert "«P1 told us the queue is where she gives up.» (P2, students)" in texts(summary)
    assert any(line.startswith("Evidencias: importancia 45\u00a0% (5 de 11 puntos)")
               and line.endswith(" · cuadrante: concentrarse aquí") for line in texts(summary))


def test_the_summary_lists_priorities_actions_and_a_limitations_box(fixture_docs):
    doc = fixture_docs["en"]
    summary = section(doc, "Executive summary")
    numbered = [p.text for p in summary if p.style.name == "List Number"]
    assert numbered == [
        "M2 Queue at the checkout: 45% (5 of 11 dots); 2.0 against an expected 5.0 "
        "(gap \u22123.0, n\u00a0=\u00a04)",
        "M4 Returning a faulty product: 27% (3 of 11 dots); 2.0 against an expected 4.0 "
        "(gap \u22122.0, n\u00a0=\u00a04)",
        "Staff a floating cashier at peak hours (M2; owner: Store manager)"]
    box = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Limitations")
    lines = [p.text for p in box.rows[0].cells[0].paragraphs[1:]]
    assert lines == [
        "One group of 4 participants, on 4 March 2025.",
        "Segments: families (2), students (1), no segment given (1).",
        "Qualitative and indicative: the figures of one small group show a direction, not "
        "statistics. Every mean gives its n; a spread is shown only from 5 ratings on; "
        "nothing is tested for significance.",
        "How each moment felt was not asked in this session."]


def test_the_consultants_findings_lead_with_their_evidence_read_from_the_session(tmp_path):
    doc = Document(export(cases.with_findings(tmp_path / "f.db"), tmp_path / "f.docx"))
    summary = section(doc, "Executive summary")
    assert texts(p for p in summary if p.style.name == "Finding Headline") == [
        "1. The queue decides whether people come back", "2. Returns feel like an argument"]
    assert not [p for p in summary if p.style.name == "Draft Note"]
    body = texts(summary)
    assert ("Evidence: M2 Queue at the checkout: importance 45% (5 of 11 dots), gap \u22123.0 "
            "(n\u00a0=\u00a04)") in body
    # One quote per finding in the summary (METHOD.md), the first the consultant picked.
    assert "“As P2 said, nobody ever smiles at the till.” (P3, families)" in body
    assert not any(line.startswith("“P1 told us") for line in body)
    assert "What it means: Waiting is where the visit turns sour." in body
    assert "What to do: Staff the tills to the queue, not to the rota." in body
    # An insight the facilitator noted is no one's words: no quotation marks. An idea's
    # dots are quoted inside the sentence, without the idea's own full stop.
    assert "Insight: Nobody mentioned price at all" in body
    assert ("Evidence: M4 Returning a faulty product: gap \u22122.0 (n\u00a0=\u00a04); "
            "“Refund at any till, no receipt needed”: 2 of 10 dots in the vote on ideas") in body
    # The moment's headline is the consultant's; the insight note sits with the findings.
    findings = texts(section(doc, "Findings by moment of truth"))
    assert findings[findings.index("M2 Queue at the checkout") + 1] == \
        "The queue decides whether people come back"
    assert "Nobody mentioned price at all" in findings
    # The quote marked as an insight stays a quote, attributed, with the moment's quotes.
    block = findings[findings.index("M2 Queue at the checkout"):
                     findings.index("M4 Returning a faulty product")]
    assert "“I would pay more to never queue” (P4)" in block
    # The new action's plan, and its moment is a priority.
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows
            if len(r.cells) > 1 and r.cells[1].text == "Refund at any till without a receipt"]
    assert rows == [["2", "Refund at any till without a receipt", "M4 Returning a faulty product",
                     "Customer service", "end of November", "Refund complaints halved"]]


def test_an_action_outside_the_priorities_and_missing_plans_are_said(tmp_path):
    path = cases.rated(tmp_path / "a.db", [("Parking", [4, 4, 4, 4, 4, 4], [4] * 6, 1),
                                           ("Checkout", [1, 2, 1, 2, 1, 2], [5] * 6, 9)])
    doc = Document(export(path, tmp_path / "a.docx"))
    notes = texts(section(doc, "Corrective actions", 2))
    assert "Action 1 serves a moment outside the priorities (M1)." in notes
    assert ("Still to agree for the actions: 1 of 1 has no owner, 1 of 1 has no date and "
            "1 of 1 has no measure of success.") in notes


# ---- findings by moment ----------------------------------------------------------------


def test_each_moment_has_a_headline_its_figures_with_n_ideas_and_attributed_quotes(fixture_docs):
    findings = texts(section(fixture_docs["en"], "Findings by moment of truth"))
    at = findings.index("M2 Queue at the checkout")
    block = findings[at:findings.index("M4 Returning a faulty product")]
    assert block[1] == ("It matters most to the group: 5 of 11 dots. It falls short of what "
                        "the group expects: 2.0 against an expected 5.0.")
    assert block[2] == ("Figures: importance 45% (5 of 11 dots) · expectation 5.0 "
                        "(n\u00a0=\u00a04) · performance 2.0 (n\u00a0=\u00a04) · gap \u22123.0 "
                        "(n\u00a0=\u00a04) · quadrant: concentrate here")
    assert "No more than five minutes of waiting" in block  # stated
    assert "Feeling that someone notices the queue" in block  # latent
    assert "Open a second till the moment three people wait (Analogy with another industry · " \
           "4 dots)" in block
    assert "“As P2 said, nobody ever smiles at the till.” (P3, families)" in block
    assert "spread" not in " ".join(block)  # 4 ratings: no spread


def test_a_spread_is_shown_from_five_ratings_and_called_spread(tmp_path):
    path = cases.rated(tmp_path / "s.db", [("Checkout", [1, 2, 3, 2, 2], [5, 5, 4, 5, 5], 3),
                                           ("Parking", [4, 4, 4, 4], [4, 4, 4, 4], 1)],
                       people=5)
    findings = texts(section(Document(export(path, tmp_path / "s.docx")),
                             "Findings by moment of truth"))
    figures = [line for line in findings if line.startswith("Figures:")]
    assert figures[0] == ("Figures: importance 75% (3 of 4 dots) · expectation 4.8 "
                          "(n\u00a0=\u00a05, spread 0.4) · performance 2.0 (n\u00a0=\u00a05, "
                          "spread 0.7) · gap \u22122.8 (n\u00a0=\u00a05, spread 1.1) · "
                          "quadrant: concentrate here")
    assert "spread" not in figures[1]


def test_a_session_without_expectation_ratings_has_no_gap_and_says_so(tmp_path):
    path = cases.rated(tmp_path / "old.db", [("Checkout", [1, 2, 1, 2, 1, 2], None, 9),
                                             ("Parking", [4, 4, 4, 4, 4, 4], None, 1)])
    doc = Document(export(path, tmp_path / "old.docx"))
    body = paragraphs(doc)
    figures = [line for line in body if line.startswith("Figures:")]
    assert figures[0] == ("Figures: importance 90% (9 of 10 dots) · expectation not measured · "
                          "performance 1.5 (n\u00a0=\u00a06, spread 0.5) · gap not measured · "
                          "quadrant: concentrate here")
    assert any(c.endswith("\nExpectation was not rated in this session, so no gap was "
                          "measured.") for c in cells(doc))  # the limitations box
    assert any(line.startswith("Expectation was not measured in this session") for line in body)
    gap_header = next(t for t in doc.tables if "Importance" in [c.text for c in t.rows[0].cells])
    assert [c.text for c in gap_header.rows[0].cells] == [
        "Moment of truth", "Importance", "Performance (n)", "Quadrant"]
    # The drafted finding speaks of performance only: no expectation read off the dots.
    headline = next(p.text for p in doc.paragraphs if p.style.name == "Finding Headline")
    assert headline == ("1. M1 Checkout matters most, 9 of 10 dots; usual providers are rated "
                        "1.5 out of 5.")


def test_cross_hairs_on_the_scale_are_named_and_overkill_below_the_midpoint_says_so(tmp_path):
    moments = [("Checkout", [1, 2, 1, 2, 1, 2], [5] * 6, 8), ("Parking", [3] * 6, [3] * 6, 1),
               ("Flyer", [2, 3, 2, 3, 2, 3], [2] * 6, 1)]
    data = Document(export(cases.rated(tmp_path / "d.db", moments), tmp_path / "d.docx"))
    quadrants = [r.cells[-1].text for t in data.tables for r in t.rows[1:]
                 if r.cells[0].text == "M3 Flyer" and len(r.cells) == 7]
    # At the group's means (performance 2.2), 2.5 is "high": overkill, but below 3, and
    # the table says so under it.
    assert quadrants == ["Possible overkill*"]
    assert ("* Possible overkill, though still below the midpoint of the scale (3): done "
            "better than the other moments, not well.") in paragraphs(data)
    figures = [p for p in paragraphs(data) if p.startswith("Figures:")]
    assert figures[-1].endswith("quadrant: possible overkill, though still below the midpoint")
    assert "Cross-hairs at this group's means: high and low are relative to the other " \
           "moments." in paragraphs(data)
    scale = Document(export(cases.rated(tmp_path / "s.db", moments, crosshairs="scale"),
                            tmp_path / "s.docx"))
    assert any("Cross-hairs on the scale: performance at its midpoint 3" in p
               for p in paragraphs(scale))
    quadrants = [r.cells[-1].text for t in scale.tables for r in t.rows[1:]
                 if r.cells[0].text == "M3 Flyer" and len(r.cells) == 7]
    assert quadrants == ["Low priority"]
    assert not any(p.startswith("* Possible overkill") for p in paragraphs(scale))


# ---- empty and partial sessions ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "es"])
def test_an_empty_session_exports_a_draft_that_says_what_is_missing(tmp_path, lang):
    doc = Document(export(cases.empty(tmp_path / "e.db", lang=lang), tmp_path / "e.docx"))
    body = paragraphs(doc)
    draft = {"en": "Draft: this session has no participants, no moments of truth and no "
                   "corrective actions. It was not finished.",
             "es": "Borrador: en esta sesión faltan participantes, momentos de la verdad y "
                   "medidas correctoras. No se cerró."}[lang]
    assert body.count(draft) == 2  # on the cover and at the top of the summary
    assert doc.core_properties.content_status == {"en": "Draft", "es": "Borrador"}[lang]
    assert doc.sections[0].header.paragraphs[0].text.endswith(
        {"en": " · Draft", "es": " · Borrador"}[lang])
    text = "\n".join(body)
    assert not re.search(r"\b0 (participants|moments|minutes|ideas|dots)|in 0 minutes", text)
    assert {"en": "Nothing was recorded in this session yet: no participants and no moments "
                  "of truth.",
            "es": "Aún no se ha registrado nada en esta sesión: ni participantes ni momentos "
                  "de la verdad."}[lang] in body


def test_a_partial_session_names_each_missing_piece(tmp_path):
    doc = Document(export(cases.partial(tmp_path / "p.db"), tmp_path / "p.docx"))
    body = paragraphs(doc)
    assert ("Draft: this session has no revealed vote on the moments, so no importance, no "
            "ideas for excellence and no corrective actions. It was not finished.") in body
    assert "No priorities can be set yet: they need a revealed vote on the moments." in body
    # No clock was used: the time between step changes stands in, and says so.
    assert any("run in ≈3 minutes. ≈: where a step's clock was not used, its time is the "
               "time between step changes." in p for p in body)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_best_of_poor_ratings_is_never_called_a_strength(tmp_path, lang):
    """One moment rated, 1.7 against an expected 4.0: on the group's means, so "keep up
    the good work", and the report called it "a strength to protect". METHOD.md's rule
    for overkill below the midpoint now holds for this quadrant too."""
    path = cases.rated(tmp_path / "one.db", [("Checkout", [2, 2, 1, 2, 2, 1], [4] * 6, 5)])
    doc = Document(export(path, tmp_path / f"{lang}.docx", lang=lang))
    body = paragraphs(doc)
    words = {"en": ("Keep up the good work*", "* Keep up the good work, though still below the "
                    "midpoint of the scale (3): rated better than the other moments, not well.",
                    "Important, and rated above most other moments, though still below the "
                    "midpoint of the scale (3): better than the rest, not yet done well.",
                    "strength"),
             "es": ("Mantener el buen trabajo*", "* Mantener el buen trabajo, aunque sigue por "
                    "debajo del punto medio de la escala (3): se valora mejor que los demás "
                    "momentos, pero no bien.",
                    "Importante, y valorado por encima de la mayoría de los demás momentos, "
                    "aunque sigue por debajo del punto medio de la escala (3): mejor que el "
                    "resto, pero todavía no bien.", "fortaleza")}[lang]
    cell, note, meaning, strength = words
    quadrants = [r.cells[-1].text for t in doc.tables for r in t.rows[1:]
                 if r.cells[0].text == "M1 Checkout" and len(r.cells) == 7]
    assert quadrants == [cell]
    assert note in body
    summary = texts(section(doc, {"en": "Executive summary", "es": "Resumen ejecutivo"}[lang]))
    assert any(p.endswith(": " + meaning) for p in summary), summary
    everything = body + cells(doc)
    assert not [p for p in everything if strength in p.lower()]


def test_the_priorities_are_not_called_more_when_no_finding_above_named_one(tmp_path):
    """The moment that matters most sits in 'Keep up' (rated above the group's mean) and
    the one furthest short in 'Low priority': the 'Concentrate here' moment came third
    as '1 more moment is important…', with no such moment before it."""
    from workshop.core.store import Store
    from workshop.report.context import make_context
    from workshop.report.executive import drafted_findings

    path = cases.rated(tmp_path / "s.db", [
        ("Queue", [3] * 6, [5, 4] * 3, 12),           # matters most, Keep up
        ("Reviews", [2] * 6, [5, 4] * 3, 1),          # furthest short, Low priority
        ("Search", [2, 2, 3] * 2, [4, 3] * 3, 9),     # Concentrate here
        ("Paying", [3, 4] * 3, [4] * 6, 2)])          # Possible overkill
    with Store.open(path, readonly=True) as store:
        headlines = [h for h, *_ in drafted_findings(make_context(store.state))]
    assert headlines[0].startswith("M1 Queue matters most")
    assert headlines[1].startswith("M2 Reviews falls furthest short")
    assert headlines[2] == "1 moment is important to the group and done less well: M3 Search."
