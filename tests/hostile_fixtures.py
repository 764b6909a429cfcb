"""Session files crafted as an attacker would: a real session, then edited with Python's
sqlite3 module alone. SQL carried in the schema (triggers, views, an FTS table over a
view, a column of another type) and damaged content in a well-formed file (deep JSON,
a time that is not one, a step given as text, oversized entries).

Each case is ``name -> (make, what the one line says after the path)``; ``make(folder,
name)`` writes the file and returns its path. ``good(folder, name)`` is an untouched
session with the same words, for listings where only the crafted file must be left out.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core_fixtures import SCRIPT, TRIO, at
from workshop.core.store import Store

KINDS = ("moment_added", "step_entered", "note_added", "session_created")  # {id:kind}
WORD = "queue"  # in a moment, an idea and a note of every session here: search reads them


def good(folder: Path, name: str = "good.db", title: str = "Weekly shop") -> Path:
    """A small, complete session: steps entered, a moment, an idea, a note."""
    path = folder / name
    with Store.create(path, title=title, script=SCRIPT, lang="en", participants=TRIO,
                      at=at(0)) as store:
        store.record("step_entered", step=1, at=at(1))
        mid = store.record("moment_added", text="Queue at the till", pid=1, at=at(2)).data["mid"]
        store.record("step_entered", step=3, at=at(3))
        store.record("idea_added", mid=mid, text="A second queue for baskets", at=at(4))
        store.record("note_added", type="quote", text="The queue never moves", pid=2, at=at(5))
    return path


def _event_id(path: Path, kind: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT min(id) FROM events WHERE kind = ?", (kind,)).fetchone()[0]
    finally:
        conn.close()


def _edited(sql: str, *, writable_schema: bool = False):
    """A session, then ``sql`` run on it with sqlite3 (``{id:kind}`` names an event)."""
    def make(folder: Path, name: str = "crafted.db") -> Path:
        path = good(folder, name, title="Crafted")
        script = sql
        for kind in KINDS:
            script = script.replace("{id:" + kind + "}", str(_event_id(path, kind)))
        conn = sqlite3.connect(path)
        try:
            if writable_schema:
                conn.execute("PRAGMA writable_schema=ON")
            conn.executescript(script)
            conn.commit()
        finally:
            conn.close()
        return path
    return make


# An endless view: every row one more, forever. Reading it never ends (nor does a search).
_ENDLESS = ("WITH RECURSIVE r(mid, text, stage, touchpoint, pid, created_at, position) AS "
            "(SELECT 1, 'queue', NULL, NULL, NULL, '', 0 UNION ALL "
            "SELECT mid + 1, 'queue ' || mid, NULL, NULL, NULL, '', mid FROM r) SELECT * FROM r")


def _event_line(event: str, reason: str) -> str:
    return f" is damaged (event {event}: {reason})."


CRAFTED = {
    # SQL carried by the file
    "tampering trigger": (
        _edited("CREATE TRIGGER tamper AFTER INSERT ON events BEGIN UPDATE events SET data = "
                "replace(data, 'queue', 'nothing to see') WHERE id = new.id; END;"),
        " is refused: it holds a trigger “tamper” that workshop did not make "
        "(SQL from a session file never runs)."),
    "trigger that empties notes": (
        _edited("CREATE TRIGGER wipe AFTER INSERT ON events BEGIN DELETE FROM notes; END;"),
        " is refused: it holds a trigger “wipe” that workshop did not make "
        "(SQL from a session file never runs)."),
    "looping trigger": (
        _edited("CREATE TRIGGER spin AFTER INSERT ON events BEGIN SELECT count(*) FROM "
                "events a, events b, events c, events d, events e, events f, events g; END;"),
        " is refused: it holds a trigger “spin” that workshop did not make "
        "(SQL from a session file never runs)."),
    "recursive view for a table": (
        _edited(f"DROP TABLE moments; CREATE VIEW moments AS {_ENDLESS};"),
        " is refused: it holds a view “moments” that workshop did not make "
        "(SQL from a session file never runs)."),
    "FTS table over a view": (
        _edited("DROP TABLE notes_fts; CREATE VIRTUAL TABLE notes_fts USING fts5(text, "
                "content='endless', content_rowid='mid'); "
                f"CREATE VIEW endless AS {_ENDLESS};"),
        " is refused: it holds a virtual table “notes_fts” that workshop did not make "
        "(SQL from a session file never runs)."),
    # A virtual table's type column says "table"; a comment in its SQL hid what it is.
    "virtual table behind a comment": (
        _edited("CREATE VIRTUAL TABLE extra USING fts5(text); UPDATE sqlite_master SET "
                "sql = 'CREATE/**/VIRTUAL TABLE extra USING fts5(text)' WHERE name = 'extra';",
                writable_schema=True),
        " is refused: it holds a virtual table “extra” that workshop did not make "
        "(SQL from a session file never runs)."),
    "column of another type": (
        _edited("UPDATE sqlite_master SET sql = replace(sql, '\"step_number\" INTEGER', "
                "'\"step_number\" TEXT') WHERE name = 'notes';", writable_schema=True),
        " is refused: the column “step_number” of the table “notes” is declared TEXT where "
        "workshop declares INTEGER."),
    # damaged content in a well-formed file
    "deep JSON": (
        _edited("UPDATE events SET data = '{\"mid\": 1, \"text\": \"queue\", \"more\": ' || "
                "replace(hex(zeroblob(100000)), '00', '[') || "
                "replace(hex(zeroblob(100000)), '00', ']') "
                "|| '}' WHERE id = {id:moment_added};"),
        " is damaged (event {id:moment_added} is nested more than 32 levels deep)."),
    # A string that never closes, full of escaped quotes, then brackets: a pattern that
    # looks for the closing quote from every quote took hours (1 s for 16,000 of them).
    "string that never ends": (
        _edited("UPDATE events SET data = '{\"step\": \"' || "
                "replace(hex(zeroblob(400000)), '00', '\\\"') || "
                "replace(hex(zeroblob(40)), '00', '[') WHERE id = {id:step_entered};"),
        " is damaged (event {id:step_entered} cannot be read)."),
    "time that is not one": (
        _edited("UPDATE events SET at = 'yesterday' WHERE id = {id:moment_added};"),
        _event_line("{id:moment_added}", "its time “yesterday” is not a time")),
    # A real ISO time whose UTC is past the year 9999: show, export and replay crashed
    # (OverflowError) turning it into local time.
    "time past year 9999 in UTC": (
        _edited("UPDATE events SET at = '9999-12-31T23:59:59-23:59' "
                "WHERE id = {id:moment_added};"),
        _event_line("{id:moment_added}", "its time “9999-12-31T23:59:59-23:59” is out of range")),
    "step as text": (
        _edited("UPDATE events SET data = '{\"step\": \"2\"}' WHERE id = {id:step_entered};"),
        _event_line("{id:step_entered}", "“step” should be a whole number")),
    # Numbers no script may hold: a hundred million dots each (the vote step drew every
    # one: a minute and 600 MB), a step of 1e308 minutes (the clock crashed on it).
    "dots beyond any vote": (
        _edited("UPDATE events SET data = json_set(data, '$.script.steps[4].options.dots', "
                "100000000) WHERE id = {id:session_created};"),
        _event_line("{id:session_created}",
                    "“script.steps[5].options.dots” should be a whole number, at most 99")),
    "minutes beyond any step": (
        _edited("UPDATE events SET data = json_set(data, '$.script.steps[0].minutes', 1e308) "
                "WHERE id = {id:session_created};"),
        _event_line("{id:session_created}",
                    "“script.steps[1].minutes” should be a number from 0 to 600")),
    "oversized entry": (
        _edited("UPDATE events SET data = json_set(data, '$.text', "
                "replace(hex(zeroblob(12500)), '00', 'ab')) WHERE id = {id:note_added};"),
        _event_line("{id:note_added}",
                    "“text” is 25,000 characters long; the limit is 20,000")),
    "10 MB entry": (
        _edited("UPDATE events SET data = json_set(data, '$.text', "
                "replace(hex(zeroblob(5000000)), '00', 'ab')) WHERE id = {id:note_added};"),
        " is refused: it holds a value larger than any session file needs."),
}


def make(case: str, folder: Path, name: str | None = None) -> tuple[Path, str]:
    """The crafted file of ``case`` in ``folder``, and the one line that refuses it (after
    "Error: " or "Skipped: ")."""
    maker, said = CRAFTED[case]
    path = maker(folder, name or (case.replace(" ", "-") + ".db"))
    for kind in KINDS:
        said = said.replace("{id:" + kind + "}", str(_event_id(path, kind)))
    return path, f"{path}{said}"
