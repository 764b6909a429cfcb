"""Small sessions for the core tests: a script dict, a store factory, and readers of
the file that bypass the Store (what a researcher with sqlite3 would see)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from workshop.core.analysis import gap_table
from workshop.core.fold import fold
from workshop.core.store import Store
from workshop.core.tables import TABLES, table_rows

SCRIPT = {
    "name": "test-script",
    "title": "Test script",
    "lang": "en",
    "dots": 3,
    "cap": 2,
    "minutes": 90,
    "steps": [
        {"title": "Welcome", "kind": "intro", "minutes": 5, "body": "Hello.", "options": {}},
        {"title": "Moments", "kind": "moments", "minutes": 20, "body": "", "options": {}},
        {"title": "Expectations", "kind": "expectations", "minutes": 20, "body": "", "options": {}},
        {"title": "Excellence", "kind": "excellence", "minutes": 20, "body": "", "options": {}},
        {"title": "Vote", "kind": "vote", "minutes": 10, "body": "",
         "options": {"target": "moments", "blind": True}},
        {"title": "Gaps", "kind": "gaps", "minutes": 10, "body": "", "options": {}},
        {"title": "Wrap-up", "kind": "wrapup", "minutes": 5, "body": "", "options": {}},
    ],
}

START = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)


def at(minutes: float) -> str:
    """An event time `minutes` after the session started (ISO, milliseconds)."""
    return (START + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


def people(*specs: tuple) -> list[dict]:
    """Participants as Store.create takes them: (pseudonym, name, segment)."""
    return [{"pid": i, "pseudonym": p, "name": n, "segment": s}
            for i, (p, n, s) in enumerate(specs, start=1)]


TRIO = people(("P1", "Ana", "families"), ("P2", None, "students"), ("P3", "Luis", None))


def new_store(tmp_path: Path, participants=TRIO, name="s.db", **kw) -> Store:
    kw.setdefault("title", "Supermarket")
    kw.setdefault("lang", "en")
    return Store.create(tmp_path / name, script=SCRIPT, participants=participants,
                        at=at(0), **kw)


def dump(path: Path) -> list[str]:
    """Every schema object and row in the file, read through a separate connection."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def file_tables(path: Path) -> dict[str, list[dict]]:
    """The readable tables as stored in the file, each sorted by its key."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return {table: [dict(r) for r in conn.execute(
            f"SELECT * FROM [{table}] ORDER BY {', '.join(pk)}")]
            for table, pk in ((name, spec.pk) for name, spec in TABLES.items())}
    finally:
        conn.close()


def foreign_key_problems(path: Path) -> list[tuple]:
    """Rows whose declared foreign key points at no row (PRAGMA foreign_key_check)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in conn.execute("PRAGMA foreign_key_check")]
    finally:
        conn.close()


def _figures(*values):
    return tuple(round(v, 9) if isinstance(v, float) else v for v in values)


def gap_rows_of_file(path: Path) -> list[tuple]:
    """The file's gap_table view: a row per moment along the journey."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [_figures(*r) for r in conn.execute(
            "SELECT position, moment_id, moment, dots, importance, expectation, expectation_n, "
            "performance, performance_n, gap, gap_n, quadrant, priority FROM gap_table")]
    finally:
        conn.close()


def gap_rows_of_state(state) -> list[tuple]:
    """The same figures as the gaps step computes them (analysis.gap_table)."""
    return [_figures(r.position, r.mid, r.text, r.dots, r.importance, r.expectation,
                     r.expectation_ratings, r.performance, r.ratings, r.gap, r.gap_n,
                     r.quadrant, r.priority) for r in gap_table(state).rows]


def state_tables(state) -> dict[str, list[dict]]:
    """The readable tables a state should produce, in the file's order."""
    return {table: [row for _, row in sorted(table_rows(state, table).items())]
            for table in TABLES}


def assert_consistent(store: Store) -> None:
    """Live state == fold of the events == the file's tables == rebuilt tables."""
    folded = fold(store.events)
    assert store.state == folded
    for state in (store.state, folded):  # the dots-used cache (compare=False) agrees too
        used: dict = {}
        for (rid, pid, _), n in state.votes.items():
            used[(rid, pid)] = used.get((rid, pid), 0) + n
        assert state.used == used
    assert not folded.skipped
    assert file_tables(store.path) == state_tables(folded)
    assert foreign_key_problems(store.path) == []
    assert gap_rows_of_file(store.path) == gap_rows_of_state(folded)
    with_rebuilt = file_tables(store.path)
    store.rebuild_tables()
    assert file_tables(store.path) == with_rebuilt
    assert store.state == folded


# SQLite's SHARED lock byte range, held on the file by every open WAL connection.
_PROBE = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000002)
    print("free")
except OSError:
    print("held")
"""


def sqlite_lock(path: Path) -> str:
    """"held" while some process has the session open through SQLite, else "free"."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True,
                          text=True, check=True).stdout.strip()


# A prompt deck of one technique and one prompt, as a deck file holds it.
DECK = '''language = "en"
[[techniques]]
id = "reversal"
name = "Reversal"
how = "Make it fail, then flip it."
[[techniques.prompts]]
id = "reversal-one"
template = "How could {moment} fail?"
'''


FIRST_SCHEMA = Path(__file__).parent / "data" / "first-schema-session.sql"


def first_schema_file(tmp_path) -> Path:
    """A session as the first version wrote it (frozen in tests/data as SQL)."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript(FIRST_SCHEMA.read_text(encoding="utf-8"))
    conn.close()
    return path
