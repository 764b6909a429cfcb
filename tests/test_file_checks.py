"""What is checked when a session file is opened, below the commands: the schema against
the one this version builds, the connection's settings and read budget, every event's
shape, and the limit on an entry however it arrives."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import pytest

from core_fixtures import first_schema_file, new_store
from hostile_fixtures import good
from workshop.core import connection, schema
from workshop.core.errors import RuleError, SessionFileError
from workshop.core.eventcheck import EventError, check_event, parse_data
from workshop.core.limits import MAX_JSON_DEPTH, MAX_PROMPT_TEXT, MAX_TEXT
from workshop.core.search import SearchFileError, parse_query, search_file
from workshop.core.store import Store
from workshop.core.timeline import load_events
from workshop.i18n import set_language


def _sql(path, script: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(script)
    finally:
        conn.close()


# ---- the schema ------------------------------------------------------------------------


def test_files_as_workshop_writes_them_open(tmp_path):
    path = good(tmp_path)
    old = first_schema_file(tmp_path)  # the first schema: no search index yet
    for file in (path, old):
        with Store.open(file, readonly=True) as reader:
            assert reader.state.title
        assert load_events(file)
    with Store.open(old) as writer:  # migrated, then checked again on the next open
        writer.record("moment_added", text="Parking")
    with Store.open(old, readonly=True) as reader:
        assert [m.text for m in reader.state.moments.values()][-1] == "Parking"


def test_a_researchers_own_table_and_sqlites_statistics_are_left_alone(tmp_path):
    path = good(tmp_path)
    _sql(path, "CREATE TABLE codes (mid INTEGER, code TEXT); CREATE INDEX codes_mid ON codes(mid);"
               "INSERT INTO codes VALUES (1, 'waiting'); ANALYZE;")
    with Store.open(path) as writer:  # nothing in them runs when ours are written
        writer.record("moment_added", text="Parking")
    assert len(load_events(path)) == len(load_events(good(tmp_path, "other.db"))) + 1


@pytest.mark.parametrize("sql, said", [
    ("CREATE INDEX by_data ON events(length(data));",
     "is refused: it holds an index “by_data” that workshop did not make."),
    ("CREATE UNIQUE INDEX one_note ON events(kind) WHERE kind = 'note_added';",  # no more notes
     "is refused: it holds an index “one_note” that workshop did not make."),
    ("DROP TRIGGER moments_ai;", "is damaged: “moments_ai” is missing from its schema."),
    ("ALTER TABLE notes ADD COLUMN extra TEXT;",
     "is refused: the table “notes” has a column “extra” that workshop did not make."),
])
def test_any_other_difference_in_the_schema_is_refused(tmp_path, sql, said):
    path = good(tmp_path)
    _sql(path, sql)
    for open_it in (lambda: Store.open(path, readonly=True), lambda: Store.open(path),
                    lambda: load_events(path)):
        with pytest.raises(SessionFileError) as refused:
            open_it()
        assert str(refused.value) == f"{path} {said}"


def test_the_fingerprint_of_this_versions_schema_is_the_one_its_migrations_build():
    built = schema.fingerprint(schema.expected(tuple(schema.NAMES)).objects)
    assert built == schema.SCHEMA_FINGERPRINT, (
        f"the migrations changed the schema: SCHEMA_FINGERPRINT in workshop/core/schema.py "
        f"must now be {built!r}")


def test_a_current_file_opens_without_building_the_reference_schema_or_sqlite_utils(tmp_path):
    # What made every start slow; a file of this version is recognised by its fingerprint.
    path = good(tmp_path)
    code = ("import sys; from workshop.core.store import Store; from workshop.core import schema\n"
            "with Store.open(sys.argv[1]) as s: s.record('moment_added', text='Parking')\n"
            "print(getattr(schema._TEMPLATE, 'conn', None) is None, schema._EXPECTED == {},"
            " 'sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["True", "True", "False"]
    assert [e.data.get("text") for e in load_events(path)][-1] == "Parking"


@pytest.mark.parametrize("sql", [
    "CREATE TABLE codes (mid INTEGER, code TEXT);",  # a researcher's own: still opens
    "CREATE TRIGGER t AFTER INSERT ON events BEGIN DELETE FROM moments; END;",
])
def test_any_schema_other_than_this_versions_has_another_fingerprint(tmp_path, sql):
    path = good(tmp_path)
    _sql(path, sql)
    conn = sqlite3.connect(path)
    try:
        assert schema.fingerprint(schema._objects(conn)) != schema.SCHEMA_FINGERPRINT
    finally:
        conn.close()


def test_readers_never_trust_the_schema_and_a_writer_only_once_it_is_checked(tmp_path):
    path = good(tmp_path)
    conn = connection.connect(path, "read")
    try:
        assert conn.execute("PRAGMA trusted_schema").fetchone() == (0,)
        assert conn.execute("PRAGMA query_only").fetchone() == (1,)
        assert conn.getlimit(sqlite3.SQLITE_LIMIT_LENGTH) == connection.MAX_VALUE_BYTES
    finally:
        conn.close()
    with Store.open(path, readonly=True) as reader:
        assert reader.db.execute("PRAGMA trusted_schema").fetchone() == (0,)
    with Store.open(path) as writer:  # our own search triggers write to FTS5 tables
        assert writer.db.execute("PRAGMA trusted_schema").fetchone() == (1,)
        writer.record("note_added", type="note", text="Searchable at once")
        assert [r["text"] for r in writer.db["notes"].search("searchable")] == [
            "Searchable at once"]


def test_a_runaway_read_is_stopped_by_its_budget_with_a_message(tmp_path, monkeypatch):
    path = good(tmp_path)
    _sql(path, "CREATE VIEW endless AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL "
               "SELECT x + 1 FROM r) SELECT x FROM r;")
    monkeypatch.setattr(connection, "BASE", 2_000_000)  # a small budget: the test stays fast
    conn = connection.connect(path, "read")
    started = time.monotonic()
    try:
        with pytest.raises(sqlite3.OperationalError) as stopped:
            conn.execute("SELECT count(*) FROM endless").fetchone()
        assert str(connection.refusal(path, stopped.value, conn)) == (
            f"{path} is refused: reading it took far more work than any session file needs "
            "(it may have been crafted to hang the program).")
        conn.budget.start()  # the next read has a budget of its own
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    finally:
        conn.close()
    assert time.monotonic() - started < 10


def test_search_refuses_readable_tables_holding_what_no_entry_can(tmp_path):
    query = parse_query("queue")
    for sql in ("UPDATE notes SET text = 'queue ' || replace(hex(zeroblob(12500)), '00', 'ab');",
                "UPDATE notes SET step_number = 'two';"):
        path = good(tmp_path, "s.db")
        _sql(path, sql)
        with pytest.raises(SearchFileError) as refused:
            search_file(path, query)
        assert str(refused.value) == (f"{path} is damaged (the table notes holds a value of "
                                      "the wrong type or size).")
        path.unlink()


# ---- events ----------------------------------------------------------------------------


def test_deep_json_is_refused_before_it_is_parsed():
    deep = '{"text": "x", "more": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(EventError) as refused:
        parse_data(deep, 7)
    assert str(refused.value) == f"event 7 is nested more than {MAX_JSON_DEPTH} levels deep"
    at_limit = '{"a": ' + "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1) + "}"
    assert parse_data(at_limit, 7)["a"]
    with pytest.raises(EventError):
        parse_data('{"a": ' + "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH + "}", 7)
    # brackets inside strings are text, not nesting
    assert parse_data('{"text": "' + "[" * 1000 + '"}', 7)["text"] == "[" * 1000


AT = "2025-03-04T10:00:00.000+00:00"


@pytest.mark.parametrize("kind, data, at, why", [
    ("step_entered", {"step": "2"}, AT, "“step” should be a whole number"),
    ("step_entered", {"step": True}, AT, "“step” should be a whole number"),
    ("step_entered", {"step": 2 ** 60}, AT, "“step” should be a whole number"),
    ("moment_added", {"mid": 1, "text": "x"}, "yesterday", "its time “yesterday” is not a time"),
    ("moment_added", {"mid": 1, "text": "x"}, "2025-03-04T10:00:00",
     "its time “2025-03-04T10:00:00” has no time zone"),
    ("moment_added", {"mid": 1, "text": "x"}, None, "its time is not a time"),
    ("moment_added", {"mid": 1, "text": "x"}, "9999-12-31T23:59:59-23:59",
     "its time “9999-12-31T23:59:59-23:59” is out of range"),
    ("moment_added", {"mid": 1, "text": "x"}, "0001-01-01T00:00:00+14:00",
     "its time “0001-01-01T00:00:00+14:00” is out of range"),
    ("moment_added", {"mid": 1}, AT, "“text” is missing"),
    ("moment_added", {"mid": 1, "text": ["x"]}, AT, "“text” should be a text"),
    ("moment_added", {"mid": 1, "text": "x" * (MAX_TEXT + 1)}, AT,
     "“text” is 20,001 characters long; the limit is 20,000"),
    ("vote_opened", {"rid": 1, "target": 2, "dots": 3}, AT, "“target” should be a text"),
    ("undo", {"target": "7"}, AT, "“target” should be a whole number"),
    ("session_created", {"title": "T", "lang": "en", "script": {"dots": "three"}}, AT,
     "“script.dots” should be a whole number, at most 99"),
    ("vote_opened", {"rid": 1, "target": "moments", "dots": 10 ** 8}, AT,
     "“dots” should be a whole number, at most 99"),
    ("session_created", {"title": "T", "lang": "en", "script": {"steps": [
        {"title": "A", "kind": "vote", "minutes": 1e308}]}}, AT,
     "“script.steps[1].minutes” should be a number from 0 to 600"),
    ("session_created", {"title": "T", "lang": "en", "script": {"steps": [{"title": "A"}]}},
     AT, "“script.steps[1].kind” is missing"),
    ("session_created", {"title": "T", "lang": "en", "script": {"minutes": float("nan")}},
     AT, "“script.minutes” should be a number"),
    ("moment_merged", {"mid": 1}, AT, "it is of an unknown kind “moment_merged”"),
])
def test_an_event_of_the_wrong_shape_is_named_with_what_is_wrong(kind, data, at, why):
    with pytest.raises(EventError) as refused:
        check_event(kind, data, at, 12)
    assert str(refused.value) == f"event 12: {why}"


def test_fields_a_newer_version_adds_are_taken_in():
    check_event("moment_added", {"mid": 1, "text": "x", "source": {"phone": 3}, "mood": None}, AT)
    check_event("prompt_drawn", {"did": 1, "prompt_id": "p", "technique": "t",
                                 "text": "x" * MAX_PROMPT_TEXT}, AT)  # a card around a long moment


# ---- the limit on an entry, whatever the channel ----------------------------------------


def test_an_entry_longer_than_the_limit_is_refused_and_nothing_is_written(tmp_path):
    with new_store(tmp_path) as store:
        events = store.events
        for kind, data in [("moment_added", {}), ("note_added", {"type": "quote"})]:
            with pytest.raises(RuleError) as refused:
                store.record(kind, text="x" * (MAX_TEXT + 1), **data)
            assert str(refused.value) == ("This entry is too long: 20,001 characters; an entry "
                                          "holds at most 20,000.")
        with pytest.raises(RuleError):
            store.record("participant_added", pseudonym="P9", name="n" * (MAX_TEXT + 1))
        assert store.events == events
        store.record("moment_added", text="x" * MAX_TEXT)  # at the limit: taken
    assert Store.open(tmp_path / "s.db", readonly=True).state.moments[1].text == "x" * MAX_TEXT


def test_the_limit_speaks_spanish(tmp_path):
    with new_store(tmp_path, lang="es") as store:
        set_language("es")
        with pytest.raises(RuleError) as refused:
            store.record("moment_added", text="x" * 25_000)
    assert str(refused.value) == ("Esta entrada es demasiado larga: 25.000 caracteres; una "
                                  "entrada admite como máximo 20.000.")
