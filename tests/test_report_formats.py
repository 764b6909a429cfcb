"""Markdown, CSV and JSON exports, the e-mail summary and the CLI."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from report_fixtures import build
from workshop.cli import cli
from workshop.core.store import Store
from workshop.report import default_output, export


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    return build(tmp_path_factory.mktemp("s") / "s.db")


def test_markdown_has_the_same_sections_and_tables_as_the_word_report(session, tmp_path):
    from docx import Document

    md = export(session, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    doc = Document(export(session, tmp_path / "r.docx"))
    for p in doc.paragraphs:
        if p.style.name in ("Heading 1", "Heading 2"):
            assert f"{'#' * (int(p.style.name[-1]) + 1)} {p.text}\n" in md
        if p.style.name == "Caption" and p.text.startswith("Table"):
            assert f"*{p.text}*" in md
    assert "| M2 | Queue at the checkout | During | Direct |" in md
    assert md.startswith("# Supermarket study\n")


def test_markdown_escapes_what_people_typed(tmp_path):
    path = build(tmp_path / "m.db", hostile="# not a heading | not a cell *not bold*")
    md = export(path, tmp_path / "m.md", "md").read_text(encoding="utf-8")
    assert r"\# not a heading \| not a cell \*not bold\*" in md


@pytest.mark.parametrize("lang, typed, shown", [
    ("es", "Una fecha de «en su punto el…» en la fruta",
     "«Una fecha de “en su punto el…” en la fruta»"),
    ("en", "A “ripe by” date on the fruit", "“A ‘ripe by’ date on the fruit”"),
    ("pt_BR", "Uma data “no ponto em…” na fruta", "“Uma data ‘no ponto em…’ na fruta”")])
def test_a_quote_inside_a_quote_takes_the_languages_inner_marks(tmp_path, lang, typed, shown):
    # The Spanish demo's report read «Una fecha de «en su punto el…» en la fruta…».
    path = build(tmp_path / "q.db", lang=lang, hostile=typed)
    md = export(path, tmp_path / "q.md", "md", lang=lang).read_text(encoding="utf-8")
    assert shown in md
    outer = "«" if lang == "es" else "“"
    assert outer + typed not in md


def test_csv_has_one_file_per_table_and_the_events(session, tmp_path):
    folder = export(session, tmp_path / "data", "csv")
    names = {p.name for p in folder.iterdir()}
    for table in ("session", "participants", "steps", "moments", "expectations", "ratings",
                  "prompts", "ideas", "vote_rounds", "votes", "notes", "actions", "events"):
        assert f"{table}.csv" in names
    assert "report_gaps.csv" in names or "report_journey.csv" in names
    with open(folder / "moments.csv", encoding="utf-8-sig", newline="") as fh:
        moments = list(csv.DictReader(fh))
    assert [m["text"] for m in moments] == ["Finding a parking space", "Queue at the checkout",
                                            "Reading reviews online", "Returning a faulty product"]
    with Store.open(session, readonly=True) as store:
        events = store.events
    with open(folder / "events.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(events)
    assert json.loads(rows[-1]["data"]) == events[-1].data and rows[-1]["kind"] == events[-1].kind


def test_json_holds_every_table_and_every_event(session, tmp_path):
    """The internal copy: exactly what the session file holds."""
    data = json.loads(export(session, tmp_path / "s.json", "json", copy="names").read_text(
        encoding="utf-8"))
    with Store.open(session, readonly=True) as store:
        tables, events = store.tables(), store.events
    assert data["format"] == "workshop-session" and data["copy"] == "names"
    assert data["anonymized"] is False
    assert data["tables"] == tables  # exactly what the session file's tables hold
    assert [(e["id"], e["at"], e["kind"], e["data"]) for e in data["events"]] == \
        [(e.id, e.at, e.kind, e.data) for e in events]


def test_markdown_summary_is_short_and_follows_the_language(session):
    from workshop.report.summary import markdown_summary

    with Store.open(session, readonly=True) as store:
        state = store.state
    en = markdown_summary(state)
    assert en.startswith("# Supermarket study\n")
    assert "## Key findings" in en and "## Priorities" in en and "## Next steps" in en
    assert "**1\\. M2 Queue at the checkout matters most, 5 of 11 dots" in en
    assert "> **Limitations**" in en
    assert "Share the results with P2's team" in en  # pseudonyms by default
    assert "Luis Ortega" in markdown_summary(state, copy="names")
    es = markdown_summary(state, "es")
    assert "## Hallazgos clave" in es and "Share the results with P2's team" in es
    assert len(en.splitlines()) < 80


def test_cli_writes_beside_the_current_folder_and_prints_the_path(session, tmp_path,
                                                                   monkeypatch):
    from workshop.cli import export as export_cli

    monkeypatch.setattr(export_cli._ProgressLine, "DELAY", 3600)  # no progress lines here
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(session)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "s.docx")
    result = runner.invoke(cli, ["export", str(session), "--format", "md", "--anonymize",
                                 "--lang", "es"])
    assert result.stdout.strip() == str(tmp_path / "s-anonymized.md")
    assert "## Resumen ejecutivo" in (tmp_path / "s-anonymized.md").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["export", str(session), "--with-names"])
    assert result.stdout.strip() == str(tmp_path / "s-internal.docx")
    assert default_output(session, "csv", folder=tmp_path) == tmp_path / "s-csv"


def test_cli_refuses_with_names_and_anonymize_together(session, tmp_path):
    result = CliRunner().invoke(cli, ["export", str(session), "--with-names", "--anonymize",
                                      "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 2
    assert ("--anonymize and --with-names contradict each other: choose one."
            in result.output)
    assert not (tmp_path / "r.docx").exists()


def test_cli_refuses_a_bad_logo_in_one_line(session, tmp_path):
    import subprocess
    import sys

    bad = tmp_path / "logo.png"
    bad.write_text("not an image")
    proc = subprocess.run([sys.executable, "-m", "workshop", "export", str(session),
                           "-o", str(tmp_path / "r.docx"), "--logo", str(bad)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"Error: The logo {bad} is not a PNG, JPEG or GIF image."
    assert not (tmp_path / "r.docx").exists()


def test_cli_shows_progress_for_slow_exports(session, tmp_path, monkeypatch):
    from workshop.cli import export as export_cli

    monkeypatch.setattr(export_cli._ProgressLine, "DELAY", 0.0)
    result = CliRunner().invoke(cli, ["export", str(session), "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert lines[0] == "  0%  Reading the session" and lines[-1] == "100%  Done"
    assert any("Writing the Word document" in line for line in lines)
    assert result.stdout.strip() == str(tmp_path / "r.docx")


def test_a_vote_of_one_reads_in_the_singular(tmp_path):
    from report_fixtures import SCRIPT, at

    path = tmp_path / "one.db"
    with Store.create(path, title="One", script=SCRIPT, lang="en",
                      participants=[{"pid": 1, "pseudonym": "P1"}], at=at(0)) as s:
        mid = s.record("moment_added", text="Parking", stage="before", at=at(1)).data["mid"]
        rid = s.record("vote_opened", target="moments", dots=3, blind=False, step=4,
                       at=at(2)).data["rid"]
        s.record("vote_cast", rid=rid, pid=1, item=mid, delta=1, at=at(3))
    text = export(path, tmp_path / "one.md", "md").read_text(encoding="utf-8")
    assert "1 participant spent 1 dot (3 each)." in text
    spanish = export(path, tmp_path / "uno.md", "md", lang="es").read_text(encoding="utf-8")
    assert "1 participante repartió 1 punto (3 por persona)." in spanish


def test_a_script_of_one_step_reads_in_the_singular(tmp_path):
    """'1 steps planned for 1 minutes', '1 participants took part; 1 of them': the method
    chapter's counts through ngettext."""
    from report_fixtures import SCRIPT, at

    path = tmp_path / "one.db"
    with Store.create(path, title="One", script={**SCRIPT, "steps": [
            {**SCRIPT["steps"][0], "minutes": 1}]}, lang="en",
            participants=[{"pid": 1, "pseudonym": "P1"}], at=at(0)):
        pass
    said = {lang: export(path, tmp_path / f"{lang}.md", "md", lang=lang).read_text(
        encoding="utf-8") for lang in ("en", "es", "pt_BR")}
    assert ("1 step planned for 1 minute; the step clocks were not used, so how long it "
            "took is not known.") in said["en"]
    assert ("1 paso previsto en 1 minuto; no se usó su cronómetro, así que no se sabe "
            "cuánto duró.") in said["es"]
    assert ("1 passo previsto para 1 minuto; o cronômetro do passo não foi usado, por isso "
            "não se sabe quanto durou.") in said["pt_BR"]
    assert ("One participant took part; their consent was not recorded in the session. "
            "Quotes are attributed by pseudonym and segment, never by name.") in said["en"]
    assert "Hubo un participante; su consentimiento no consta en la sesión." in said["es"]
    assert ("O grupo teve um participante; o consentimento dele não foi registrado na "
            "sessão.") in said["pt_BR"]
    # The e-mail summary's facts: '1 participants' before ngettext.
    from workshop.report.summary import markdown_summary

    with Store.open(path, readonly=True) as store:
        state = store.state
    facts = {lang: markdown_summary(state, lang).split("\n\n")[1]
             for lang in ("en", "es", "pt_BR")}
    assert [line.rsplit(" · ", 1)[1] for line in facts.values()] == [
        "1 participant*", "1 participante*", "1 participante*"]  # (a note: in italics)
