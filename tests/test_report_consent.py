"""Quotes of participants who did not record consent: the client report (Word,
Markdown, the e-mail summary) leaves them out and says how many; the export says so
before writing; an internal copy (--with-unconsented-quotes) keeps them; the data
exports keep everything, with consent as a column."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from docx import Document

import report_cases as cases
from report_fixtures import build, docx_text
from workshop.cli import cli
from workshop.core.store import Store
from workshop.report import export
from workshop.report.summary import markdown_summary

P3_SAID = "nobody ever smiles at the till"  # P3's quote on the queue (the fixture)
P4_SAID = "I would pay more to never queue"  # P4's, marked as an insight (with_findings)
LEFT_OUT = "2 quotes from participants who did not record consent are left out."


@pytest.fixture(scope="module")
def unconsented(tmp_path_factory):
    """The consultant's findings rest on P3's quote first; P3 and P4 gave no consent."""
    return cases.with_findings(tmp_path_factory.mktemp("c") / "c.db", without_consent=(3, 4))


def paragraphs(doc) -> list[str]:
    inside = [p.text for t in doc.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return [p.text for p in doc.paragraphs] + inside


def test_the_word_report_leaves_their_quotes_out_and_says_how_many(unconsented, tmp_path):
    path = export(unconsented, tmp_path / "r.docx")
    assert P3_SAID not in docx_text(path) and P4_SAID not in docx_text(path)
    doc = Document(path)
    texts = paragraphs(doc)
    # The finding resting on P3's quote first shows the next one it rests on (P2's).
    body = [p.text for p in doc.paragraphs]
    first = body.index("1. The queue decides whether people come back")
    assert body[first + 2] == "“P1 told us the queue is where she gives up.” (P2, students)"
    # Said aloud where consent is counted, and in the summary's limitations box.
    method = next(p for p in body if p.startswith("4 participants took part"))
    assert method == ("4 participants took part; 2 of them recorded their consent in the "
                      "session. Quotes are attributed by pseudonym and segment, never by "
                      "name. " + LEFT_OUT)
    box = next(t for t in doc.tables if t.rows[0].cells[0].paragraphs[0].text == "Limitations")
    assert LEFT_OUT in [p.text for p in box.rows[0].cells[0].paragraphs]
    # Consenting participants' quotes stay, attributed by pseudonym and segment.
    assert texts.count("“P1 told us the queue is where she gives up.” (P2, students)") >= 2
    assert doc.core_properties.comments.startswith("Copy with pseudonyms")


def test_the_markdown_report_and_the_summary_leave_them_out_too(unconsented, tmp_path):
    text = export(unconsented, tmp_path / "r.md", "md").read_text(encoding="utf-8")
    assert P3_SAID not in text and P4_SAID not in text
    assert LEFT_OUT in text
    with Store.open(unconsented, readonly=True) as store:
        summary = markdown_summary(store.state, "en", anonymize=True)
    assert P3_SAID not in summary and LEFT_OUT in summary
    assert "P1 told us the queue is where she gives up." in summary


def test_the_drafted_findings_take_a_consenting_participants_quote(tmp_path):
    path = build(tmp_path / "d.db", without_consent=(3,))
    doc = Document(export(path, tmp_path / "d.docx"))
    texts = paragraphs(doc)
    assert not [p for p in texts if P3_SAID in p]
    assert "1 quote from a participant who did not record consent is left out." in texts


def test_the_command_says_the_count_before_writing_and_keeps_them_when_asked(
        unconsented, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["export", str(unconsented)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == LEFT_OUT
    assert result.stdout.strip() == str(tmp_path / "c.docx")
    result = runner.invoke(cli, ["export", str(unconsented), "--with-unconsented-quotes"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == ("2 quotes from participants who did not record "
                                             "consent are kept in this internal copy.")
    # Its own name: the internal copy never overwrites the one to send.
    assert result.stdout.strip() == str(tmp_path / "c-internal.docx")
    doc = Document(tmp_path / "c-internal.docx")
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert "“As P2 said, nobody ever smiles at the till.” (P3, families)" in quotes
    assert f"“{P4_SAID}” (P4)" in quotes
    note = ("Internal copy: it keeps the quotes of participants who did not record consent. "
            "Keep it within the project team.")
    assert note in [p.text for p in doc.paragraphs[:16]]  # on the cover
    assert doc.core_properties.comments == note
    assert (tmp_path / "c.docx").exists()  # the copy to send is still there
    result = runner.invoke(cli, ["export", str(unconsented), "--with-unconsented-quotes",
                                 "--with-names", "--format", "md", "-o", "both.md"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "both.md").read_text(encoding="utf-8")
    assert P3_SAID in text and "Zoë Brandt" in text
    assert ("Internal copy: it names the participants and keeps the quotes of those who did "
            "not record consent. Keep it within the project team.") in text


def test_the_data_exports_keep_every_quote_with_consent_as_a_column(unconsented, tmp_path):
    data = json.loads(export(unconsented, tmp_path / "d.json", "json").read_text("utf-8"))
    quotes = [n["text"] for n in data["tables"]["notes"] if n["type"] == "quote"]
    assert any(P3_SAID in q for q in quotes) and P4_SAID in quotes
    consent = {p["pseudonym"]: p["consent"] for p in data["tables"]["participants"]}
    assert consent == {"P1": 1, "P2": 1, "P3": 0, "P4": 0}
    csv = export(unconsented, tmp_path / "d-csv", "csv")
    assert P3_SAID in (csv / "notes.csv").read_text(encoding="utf-8-sig")
    result = CliRunner().invoke(cli, ["export", str(unconsented), "--format", "csv",
                                      "--with-unconsented-quotes", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert ("--with-unconsented-quotes applies to the report (--format docx or md): the "
            "data exports keep every quote.") in result.output
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("lang, said", [
    ("es", "Se omiten 2 citas de participantes cuyo consentimiento no consta."),
    ("pt_BR", "Foram omitidas 2 citações de participantes sem consentimento registrado.")])
def test_the_sentence_reads_in_the_reports_language(unconsented, tmp_path, lang, said):
    text = export(unconsented, tmp_path / "r.md", "md", lang=lang).read_text(encoding="utf-8")
    assert said in text and P3_SAID not in text
