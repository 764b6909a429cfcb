"""Spreadsheet formula injection: a CSV text cell that Excel or LibreOffice would run as
a formula gets a leading ' (OWASP); --raw keeps the bytes; numbers stay numbers; the
JSON export stays exact."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from fault_fixtures import workshop
from report_fixtures import at, build
from workshop.core.store import Store
from workshop.report import export
from workshop.report.cells import cell

# What the issue found written as typed. (A leading tab or carriage return cannot be
# typed into an entry, which is stripped; the rule for them is tested cell by cell.)
HOSTILE = ['=HYPERLINK("http://x","queue")', "+SUM(1,1) queue", "-1+1 queue", "@cmd queue"]
TITLE = "=cmd|' /C calc'!A0"
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?%?")


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    path = build(tmp_path_factory.mktemp("s") / "s.db", title=TITLE)
    with Store.open(path) as store:
        store.record("session_reopened", at=at(60))  # the fixture's session is finished
        for i, text in enumerate(HOSTILE):
            store.record("moment_added", text=text, stage="during", touchpoint="direct",
                         at=at(59 + i / 10))
        store.record("session_finished", at=at(60))
    return path


def cells_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def column(rows: list[list[str]], name: str) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def formulas(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would run: starting with = + - @ tab or CR, and not a number."""
    return [c for row in rows for c in row
            if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.fullmatch(c)]


def test_the_rule_cell_by_cell():
    assert [cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert cell("\tx") == "'\tx" and cell("\rx") == "'\rx"
    assert cell("queue -1") == "queue -1" and cell("'already") == "'already"
    assert cell(-1.5) == -1.5 and cell(-3) == -3  # numbers we write are data
    assert cell("-1.5") == "'-1.5"  # typed text that looks like a number is still text
    assert cell("-1.5", numeric=True) == "-1.5" and cell("-1,5", numeric=True) == "-1,5"
    assert cell("-1+1", numeric=True) == "'-1+1"  # a numeric column holds no formula either
    assert [cell(v, raw=True) for v in HOSTILE] == HOSTILE


def test_every_csv_of_the_export_is_neutralised_and_numbers_stay(session, tmp_path):
    folder = export(session, tmp_path / "csv", "csv")
    files = {p.name: cells_of(p.read_text(encoding="utf-8-sig")) for p in folder.iterdir()}
    for name, rows in files.items():
        assert formulas(rows) == [], name
    moments = column(files["moments.csv"], "text")
    assert ["'" + v for v in HOSTILE] == moments[-len(HOSTILE):]
    assert column(files["session.csv"], "title") == ["'" + TITLE]
    gaps = column(files["report_gaps.csv"], "Gap (n)")
    # The report writes a shortfall with a typographic minus, which no spreadsheet runs;
    # "+0.3 (3)" would be read as a formula (and give an error): it is shown as text.
    assert "−3.0\xa0(4)" in gaps and "'+0.3\xa0(3)" in gaps
    journey = files["report_journey.csv"]
    assert "'" + HOSTILE[0] in column(journey, journey[0][1])


def test_raw_keeps_the_bytes_and_json_is_always_exact(session, tmp_path):
    folder = export(session, tmp_path / "raw", "csv", raw=True)
    rows = cells_of((folder / "moments.csv").read_text(encoding="utf-8-sig"))
    assert column(rows, "text")[-len(HOSTILE):] == HOSTILE
    document = json.loads(export(session, tmp_path / "s.json", "json").read_text(encoding="utf-8"))
    assert [m["text"] for m in document["tables"]["moments"]][-len(HOSTILE):] == HOSTILE
    assert document["tables"]["session"][0]["title"] == TITLE


def test_export_to_stdout_search_and_compare_csv_are_neutralised_unless_raw(session):
    plain = workshop("export", session, "--format", "csv", "--table", "moments", "-o", "-")
    raw = workshop("export", session, "--format", "csv", "--table", "moments", "--raw", "-o", "-")
    assert column(cells_of(plain.stdout), "text")[-len(HOSTILE):] == ["'" + v for v in HOSTILE]
    assert column(cells_of(raw.stdout), "text")[-len(HOSTILE):] == HOSTILE

    found = workshop("search", "queue", session, "--format", "csv")
    assert found.returncode == 0
    rows = cells_of(found.stdout)
    assert formulas(rows) == []
    assert set(column(rows, "session")) == {"'" + TITLE}
    assert {"'" + v for v in HOSTILE} <= set(column(rows, "text"))
    rows = cells_of(workshop("search", "queue", session, "--format", "csv", "--raw").stdout)
    assert set(HOSTILE) <= set(column(rows, "text"))

    compared = workshop("compare", session, "--format", "csv")
    assert compared.returncode == 0
    rows = cells_of(compared.stdout)
    assert formulas(rows) == []
    assert {"'" + v for v in HOSTILE} <= set(column(rows, "moment"))
    assert "-3.0" in column(rows, "gap")  # written by us as a number: it stays one
    rows = cells_of(workshop("compare", session, "--format", "csv", "--raw").stdout)
    assert set(HOSTILE) <= set(column(rows, "moment"))


def test_raw_is_refused_where_there_is_no_csv(session):
    for args in (("search", "queue", session), ("compare", session)):
        proc = workshop(*args, "--raw")
        assert proc.returncode == 1 and proc.stdout == ""
        assert proc.stderr == "Error: --raw applies to --format csv only.\n"
