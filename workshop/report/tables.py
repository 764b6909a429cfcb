"""Data out for researchers: the session's tables and events as CSV files or one JSON.

The readable tables come from the fold (``state.table_rows``), the same rows the session
file holds; the report's own tables (gap analysis, vote tallies…) are added as
``report_<name>.csv`` so the numbers in the report can be checked in a spreadsheet.
With anonymisation, names go and every text is passed through the same Anonymizer as
the report. A CSV text cell a spreadsheet would run as a formula is neutralised
(``cells``) unless the caller asks for the raw bytes; the JSON is always exact.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from workshop.core.events import Event
from workshop.core.names import Anonymizer
from workshop.core.state import SessionState
from workshop.core.tables import TABLES, table_rows
from workshop.report import cells
from workshop.report.blocks import Report

FORMAT = "workshop-session"
VERSION = 1


def session_tables(state: SessionState, anon: Anonymizer, *,
                   names: bool = False) -> dict[str, list[dict]]:
    """The session's tables; participants' names blanked unless ``names`` (an internal
    copy), and typed text anonymised when ``anon`` is enabled."""
    out = {}
    for table in TABLES:
        rows = [row for _, row in sorted(table_rows(state, table).items())]
        if anon.enabled:
            rows = [anon.data(row) for row in rows]
        if table == "participants" and not names:
            rows = [{**row, "real_name": None} for row in rows]
        out[table] = rows
    return out


def event_rows(events: list[Event], anon: Anonymizer, *, names: bool = False) -> list[dict]:
    rows = []
    for e in events:
        data = e.data
        if anon.enabled:
            data = anon.data(data)
        if not names and "name" in data:  # participant_added / participant_edited
            data = {**data, "name": None}
        rows.append({"id": e.id, "at": e.at, "kind": e.kind, "data": data})
    return rows


def json_document(state: SessionState, events: list[Event], anon: Anonymizer, *,
                  names: bool = False, copy: str = "pseudonyms") -> str:
    """The whole session as JSON text: exact, whatever the text holds."""
    document = {
        "format": FORMAT,
        "version": VERSION,
        "copy": copy,
        "anonymized": anon.enabled,
        "tables": session_tables(state, anon, names=names),
        "events": event_rows(events, anon, names=names),
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def write_json(folder_or_file: Path, state: SessionState, events: list[Event],
               anon: Anonymizer, *, names: bool = False, copy: str = "pseudonyms") -> None:
    with open(folder_or_file, "w", encoding="utf-8") as fh:
        fh.write(json_document(state, events, anon, names=names, copy=copy))


# name -> (header, rows, which columns hold numbers we formatted)
CsvTables = dict[str, tuple[list[str], list[list], list[bool]]]


def csv_tables(state: SessionState, events: list[Event], anon: Anonymizer,
               report: Report | None = None, *, names: bool = False) -> CsvTables:
    """Every CSV the export writes, by file name without .csv: the session's tables,
    events, and the report's tables as report_<name>."""
    out: CsvTables = {}
    for table, rows in session_tables(state, anon, names=names).items():
        columns = list(rows[0]) if rows else _columns(table)
        out[table] = (columns, [[row.get(c) for c in columns] for row in rows], [])
    out["events"] = (["id", "at", "kind", "data"],
                     [[r["id"], r["at"], r["kind"],
                       json.dumps(r["data"], ensure_ascii=False, sort_keys=True)]
                      for r in event_rows(events, anon, names=names)], [])
    for shown in (report.tables() if report else []):
        out[f"report_{shown.key}"] = ([c.title for c in shown.columns], shown.rows,
                                      [c.numeric for c in shown.columns])
    return out


def write_csv_stream(stream, header: list[str], rows: list[list], numeric: Sequence[bool] = (),
                     *, raw: bool = False, lineterminator: str = "\r\n") -> None:
    """One table as CSV into a text stream (opened with newline=""). Rows end in CRLF as
    the CSV standard says and Excel expects; a pipe gets "\n"."""
    writer = cells.Writer(stream, raw=raw, numeric=numeric, lineterminator=lineterminator)
    writer.writerow(header)
    writer.writerows(rows)


def _write_csv(path: Path, header: list[str], rows: list[list], numeric: Sequence[bool] = (),
               *, raw: bool = False) -> None:
    # utf-8-sig: Excel then reads accents and emoji right. Python's csv does not skip
    # the mark (utf-8-sig does), nor R's read.csv: the README says how to read them.
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        write_csv_stream(fh, header, rows, numeric, raw=raw)


def write_csv(folder: Path, state: SessionState, events: list[Event], anon: Anonymizer,
              report: Report | None = None, *, names: bool = False,
              raw: bool = False) -> list[Path]:
    written = []
    for name, (header, rows, numeric) in csv_tables(state, events, anon, report,
                                                    names=names).items():
        path = folder / f"{name}.csv"
        _write_csv(path, header, rows, numeric, raw=raw)
        written.append(path)
    return written


def _columns(table: str) -> list[str]:
    from workshop.core.schema import COLUMNS

    return list(COLUMNS[table][0])
