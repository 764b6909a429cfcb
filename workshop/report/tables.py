"""Data out for researchers: the session's tables and events as CSV files or one JSON.

The readable tables come from the fold (``state.table_rows``), the same rows the session
file holds; the report's own tables (gap analysis, vote tallies…) are added as
``report_<name>.csv`` so the numbers in the report can be checked in a spreadsheet.
With anonymisation, names go and every text is passed through the same Anonymizer as
the report.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from workshop.core.events import Event
from workshop.core.state import TABLES, SessionState, table_rows
from workshop.report.anonymize import Anonymizer
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
            rows = [{**row, "name": None} for row in rows]
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


def write_json(folder_or_file: Path, state: SessionState, events: list[Event],
               anon: Anonymizer, *, names: bool = False, copy: str = "pseudonyms") -> None:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "copy": copy,
        "anonymized": anon.enabled,
        "tables": session_tables(state, anon, names=names),
        "events": event_rows(events, anon, names=names),
    }
    with open(folder_or_file, "w", encoding="utf-8") as fh:
        json.dump(document, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    # utf-8-sig: Excel then reads accents and emoji right; every other tool skips it.
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write_csv(folder: Path, state: SessionState, events: list[Event], anon: Anonymizer,
              report: Report | None = None, *, names: bool = False) -> list[Path]:
    written = []
    for table, rows in session_tables(state, anon, names=names).items():
        columns = list(rows[0]) if rows else _columns(table)
        path = folder / f"{table}.csv"
        _write_csv(path, columns, [[row.get(c) for c in columns] for row in rows])
        written.append(path)
    path = folder / "events.csv"
    _write_csv(path, ["id", "at", "kind", "data"],
               [[r["id"], r["at"], r["kind"], json.dumps(r["data"], ensure_ascii=False,
                                                        sort_keys=True)]
                for r in event_rows(events, anon, names=names)])
    written.append(path)
    for table in (report.tables() if report else []):
        path = folder / f"report_{table.key}.csv"
        _write_csv(path, [c.title for c in table.columns], table.rows)
        written.append(path)
    return written


def _columns(table: str) -> list[str]:
    from workshop.core.schema import COLUMNS

    return list(COLUMNS[table][0])
