"""Anonymisation (no real name anywhere in any output), hostile text, atomic writes."""

from __future__ import annotations

import json
import os
import re
import stat

import pytest
from docx import Document

from report_fixtures import NAMES, build, docx_text
from workshop.core.names import Anonymizer
from workshop.report import ExportError, export

# Every spelling of the real names the fixture uses: full, parts, without accents.
FORBIDDEN = re.compile(r"\b(ana|l[oó]pez|luis|ortega|zo[eë]|brandt)\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    # The title names a participant too: it reaches the cover and the core properties.
    return build(tmp_path_factory.mktemp("s") / "s.db", title="Ana's supermarket panel")


def test_anonymizer_replaces_names_whole_word_any_case_any_accent():
    anon = Anonymizer([("Ana López", "P1"), ("José Ana Ruiz", "P2"), ("Zoë", "P3"), (None, "P4")],
                      enabled=True, placeholder="[participant]")
    assert anon.text("Ana López said so") == "P1 said so"
    assert anon.text("ask LOPEZ and josé") == "ask P1 and P2"
    assert anon.text("zoe, Zoë and ZOË") == "P3, P3 and P3"
    # "Ana" is a part of two names: it cannot be attributed, so it is neutralised.
    assert anon.text("as ana said") == "as [participant] said"
    # Whole words only: names inside other words stay.
    assert anon.text("Banana, analysis, Anastasia") == "Banana, analysis, Anastasia"
    assert Anonymizer([("Ana", "P1")], enabled=False).text("Ana") == "Ana"


@pytest.mark.parametrize("options", [{}, {"anonymize": True}], ids=["default", "--anonymize"])
def test_no_real_name_survives_in_any_part_of_the_word_file_by_default(session, tmp_path,
                                                                       options):
    path = export(session, tmp_path / "anon.docx", **options)
    text = docx_text(path)
    found = FORBIDDEN.findall(text)
    assert not found, f"real names left in the report: {set(found)}"
    doc = Document(path)
    assert doc.core_properties.title == "P1's supermarket panel"
    assert doc.core_properties.comments.startswith("Copy with pseudonyms")
    # The pseudonyms took their place, in quotes and typed text too.
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "“P1 told us the queue is where she gives up.” (P2, students)" in body
    assert "“As P2 said, nobody ever smiles at the till.” (P3, families)" in body
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert "Share the results with P2's team" in cells
    roster = next(t for t in doc.tables if t.rows[0].cells[0].text == "Pseudonym")
    assert [c.text for c in roster.rows[0].cells] == ["Pseudonym", "Segment", "Consent"]


def test_the_internal_copy_names_participants_and_says_it_is_internal(session, tmp_path):
    doc = Document(export(session, tmp_path / "named.docx", copy="names"))
    roster = next(t for t in doc.tables if t.rows[0].cells[0].text == "Pseudonym")
    assert [r.cells[1].text for r in roster.rows[1:]] == [*NAMES, "–"]
    note = "Internal copy: it names the participants. Keep it within the project team."
    assert note in [p.text for p in doc.paragraphs[:16]]  # on the cover
    assert doc.core_properties.comments == note
    participation = next(t for t in doc.tables if t.rows[0].cells[0].text == "Participant")
    assert [r.cells[0].text for r in participation.rows[1:]] == [*NAMES, "P4"]
    # Quotes stay attributed by pseudonym, even here (METHOD.md).
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert "“Ana López told us the queue is where she gives up.” (P2, students)" in quotes


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_no_real_name_survives_in_markdown_json_or_csv_by_default(session, tmp_path, fmt):
    path = export(session, tmp_path / f"anon.{fmt}", fmt)
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    for file in files:
        text = file.read_text(encoding="utf-8-sig")
        found = FORBIDDEN.findall(text)
        assert not found, f"{file.name}: {set(found)}"
    if fmt == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        participants = data["tables"]["participants"]
        assert participants and all(p["real_name"] is None and "name" not in p
                                    for p in participants)
        assert data["copy"] == "pseudonyms"


@pytest.mark.parametrize("fmt", ["md", "json", "csv"])
def test_the_internal_copy_keeps_names_in_every_format(session, tmp_path, fmt):
    path = export(session, tmp_path / f"named.{fmt}", fmt, copy="names")
    files = sorted(path.iterdir()) if path.is_dir() else [path]
    text = "".join(file.read_text(encoding="utf-8-sig") for file in files)
    assert "Luis Ortega" in text and "Zoë Brandt" in text


HOSTILE = ("Bell\x07 NUL\x00 esc\x1b[31m vt\x0b ff\x0c 😀🎉 العربية עברית "
           "<w:p>&amp; \"quotes\" {braces} " + "x" * 10_000)


def test_hostile_text_is_kept_minus_the_characters_xml_forbids(tmp_path):
    path = build(tmp_path / "h.db", hostile=HOSTILE)
    out = export(path, tmp_path / "h.docx")
    doc = Document(out)
    expected = ("Bell NUL esc[31m vt ff 😀🎉 العربية עברית <w:p>&amp; \"quotes\" {braces} "
                + "x" * 10_000)
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert expected in cells  # the idea, whole
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert f"“{expected}” (P1, families)" in quotes
    md = export(path, tmp_path / "h.md", "md").read_text(encoding="utf-8")
    assert "😀🎉 العربية עברית" in md and "x" * 10_000 in md


def test_right_to_left_text_is_marked_as_such(tmp_path):
    path = build(tmp_path / "rtl.db", hostile="العربية أولاً then English")
    out = export(path, tmp_path / "rtl.docx")
    quote = next(p for p in Document(out).paragraphs if "العربية" in p.text)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    assert quote._p.pPr.find(f"{w}bidi") is not None


def test_a_failing_export_leaves_the_earlier_report_intact(session, tmp_path, monkeypatch):
    out = tmp_path / "report.docx"
    export(session, out)
    before = out.read_bytes()

    from workshop.report import docx_writer

    def broken(self, path):
        path.write_bytes(b"half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx_writer.DocxWriter, "save", broken)
    with pytest.raises(ExportError, match=f"^Could not write {out}: the disk is full.$"):
        export(session, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]  # no temp file left


def test_a_failing_csv_export_keeps_the_earlier_folder(session, tmp_path, monkeypatch):
    out = tmp_path / "data"
    export(session, out, "csv")
    before = sorted(p.name for p in out.iterdir())

    from workshop.report import tables

    def broken(folder, *args, **kwargs):
        (folder / "moments.csv").write_text("partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tables, "write_csv", broken)
    with pytest.raises(ExportError, match="the disk is full"):
        export(session, out, "csv")
    assert sorted(p.name for p in out.iterdir()) == before
    assert "Finding a parking space" in (out / "moments.csv").read_text(encoding="utf-8-sig")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_reports_are_readable_by_their_owner_only(session, tmp_path):
    for fmt in ("docx", "md", "json", "csv"):
        path = export(session, tmp_path / f"r.{fmt}", fmt)
        files = list(path.iterdir()) if path.is_dir() else [path]
        for file in files:
            assert stat.S_IMODE(os.stat(file).st_mode) == 0o600, file


def test_an_export_never_replaces_the_session_or_a_folder_it_did_not_write(session, tmp_path):
    from workshop.report import ExportError

    before = session.read_bytes()
    with pytest.raises(ExportError, match="session file itself"):
        export(session, session)
    assert session.read_bytes() == before
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.odt").write_text("years of work")
    with pytest.raises(ExportError, match="other things than an earlier CSV export"):
        export(session, precious, "csv")
    assert (precious / "thesis.odt").read_text() == "years of work"
    note = tmp_path / "notes.txt"
    note.write_text("keep")
    with pytest.raises(ExportError, match="is a file"):
        export(session, note, "csv")
    assert note.read_text() == "keep"
    with pytest.raises(ExportError, match="is a folder"):
        export(session, precious)


def test_text_without_a_name_is_given_back_exactly_as_typed():
    anon = Anonymizer([("Ana López", "P1")], enabled=True)
    decomposed = "cafe\u0301 with Ana"
    assert anon.text("cafe\u0301 au lait") == "cafe\u0301 au lait"  # not even normalised
    assert anon.text(decomposed) == "café with P1"
