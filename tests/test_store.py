"""The session file: created private, reopened as it was, one writer at a time, migrated
from the first schema, and refused (with one clear line, untouched) when it is not a
session file this version can open."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from core_fixtures import (
    SCRIPT,
    assert_consistent,
    at,
    dump,
    file_tables,
    first_schema_file,
    new_store,
    sqlite_lock,
)
from workshop.core import schema
from workshop.core.errors import RuleError, SaveError, SessionFileError, SessionLockedError
from workshop.core.roster import parse_roster
from workshop.core.store import Store
from workshop.core.tables import TABLES


def test_a_new_session_file_is_private_and_in_wal_mode(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking")
        assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
        for sidecar in ("-wal", "-shm"):  # SQLite gives them the file's own mode
            assert stat.S_IMODE(os.stat(f"{store.path}{sidecar}").st_mode) == 0o600
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION


def test_create_refuses_an_existing_file(tmp_path):
    (tmp_path / "s.db").write_bytes(b"keep me")
    with pytest.raises(SessionFileError, match="already exists"):
        new_store(tmp_path)
    assert (tmp_path / "s.db").read_bytes() == b"keep me"


def test_a_session_that_cannot_be_created_leaves_no_file(tmp_path):
    with pytest.raises(RuleError, match="The text is empty"):
        Store.create(tmp_path / "s.db", title="X", script=SCRIPT, lang="en",
                     participants=[{"pid": 1, "pseudonym": " "}])
    assert list(tmp_path.iterdir()) == []
    # ...and the name is free again, not locked by a half-open store.
    with new_store(tmp_path) as store:
        assert len(store.state.participants) == 3


def test_reopen_after_close_gives_the_same_session_and_goes_on(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking", at=at(1))
        store.record("step_entered", step=1, at=at(1))
        store.record("timer_started", step=1, at=at(1))
        undone = store.record("moment_added", text="Typo", at=at(2))
        store.undo(undone.id)
        state, events = store.state, store.events
    with Store.open(tmp_path / "s.db") as again:
        assert again.state == state and again.events == events
        assert again.state.steps[1].running_since == at(1)  # the clock goes on
        assert again.record("moment_added", text="Exit").data["mid"] == 3
        assert again.last_undoable().data["text"] == "Exit"
        assert_consistent(again)


def test_a_second_writer_is_refused_while_a_reader_works(tmp_path):
    path = tmp_path / "s.db"
    with new_store(tmp_path) as writer:
        with pytest.raises(SessionLockedError, match="already open in another window"):
            Store.open(path)
        with Store.open(path, readonly=True) as reader:
            assert reader.state == writer.state
            with pytest.raises(SessionFileError, match="read-only"):
                reader.record("moment_added", text="x")
            writer.record("moment_added", text="Parking")  # the reader does not block it
        with Store.open(path, readonly=True) as reader:
            assert [m.text for m in reader.state.moments.values()] == ["Parking"]
    with Store.open(path) as writer:  # released on close
        assert len(writer.events) == 5


def test_a_writer_in_another_process_is_refused(tmp_path):
    path = tmp_path / "s.db"
    code = ("import sys; from workshop.core.store import Store\n"
            "from workshop.core.errors import SessionLockedError\n"
            "try:\n    Store.open(sys.argv[1])\nexcept SessionLockedError:\n    print('locked')\n"
            "else:\n    print('opened')\n")

    def run() -> str:
        return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                              text=True, check=True).stdout.strip()

    with new_store(tmp_path):
        assert run() == "locked"
    assert run() == "opened"


def test_opening_the_file_again_in_the_same_process_keeps_sqlites_locks(tmp_path):
    # Closing any descriptor of a file drops the process's POSIX locks on it, SQLite's
    # too; then another process could checkpoint and delete the WAL under the writer.
    path = tmp_path / "s.db"
    with new_store(tmp_path) as writer:
        assert sqlite_lock(path) == "held"
        with pytest.raises(SessionLockedError):
            Store.open(path)
        Store.open(path, readonly=True).close()
        assert sqlite_lock(path) == "held"
        writer.record("moment_added", text="still safe")
    assert sqlite_lock(path) == "free"


def test_a_reader_leaves_no_wal_files_behind(tmp_path):
    new_store(tmp_path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
    Store.open(tmp_path / "s.db", readonly=True).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]


def test_a_reader_opens_a_file_in_a_folder_it_cannot_write(tmp_path, monkeypatch):
    # Tests run as root here, where chmod cannot forbid anything: stand in for the check.
    new_store(tmp_path).close()
    before = (tmp_path / "s.db").read_bytes()
    monkeypatch.setattr("workshop.core.store.writable", lambda path: False)
    with Store.open(tmp_path / "s.db", readonly=True) as reader:
        assert reader.state.title == "Supermarket"
    assert (tmp_path / "s.db").read_bytes() == before


def test_a_pseudonymous_participant_leaves_no_name_in_the_file(tmp_path):
    roster = parse_roster("P1 (families), p2, P3 (retired)")
    with new_store(tmp_path, participants=roster) as store:
        store.record("moment_added", text="Parking", pid=1)
        store.record("note_added", type="quote", text="Too far", pid=3)
        store.record("participant_edited", pid=2, segment="students", consent=True)
        assert [p.label for p in store.state.participants.values()] == ["P1", "P2", "P3"]
    conn = sqlite3.connect(tmp_path / "s.db")
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    for table in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
        for col in cols:
            if col == "name" and table in file_tables(tmp_path / "s.db"):
                values = {r[0] for r in conn.execute(f"SELECT [{col}] FROM [{table}]")}
                assert values <= {None}, (table, col, values)
    for (data,) in conn.execute("SELECT data FROM events"):
        assert json.loads(data).get("name") is None
    conn.close()


def test_migrating_a_file_of_the_first_schema(tmp_path):
    path = first_schema_file(tmp_path)
    assert "moments_fts" not in sqlite_utils.Database(path).table_names()
    old = dump(path)

    def check(state):
        assert (state.title, state.lang, len(state.participants)) == (
            "Súper, primera versión", "es", 2)
        assert {m: x.text for m, x in state.moments.items()} == {1: "Cola en la caja"}
        assert state.undone == {7} and state.ratings[(1, 2)].value == 2
        assert state.steps[1].running_since == at(1)

    with Store.open(path, readonly=True) as reader:  # a reader migrates nothing
        check(reader.state)
    assert dump(path) == old

    with Store.open(path) as store:
        check(store.state)
        assert [m.name for m in schema.migrations.applied(store.db)] == [
            "m001_initial", "m002_search", "m003_expectations_findings", "m004_rankings",
            "m005_feelings", "m010_proposals", "m011_researcher_tables"]
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == 7
        # Every rating recorded before scales existed was of performance.
        assert [(r["moment_id"], r["participant_id"], r["scale"])
                for r in store.db["ratings"].rows] == [(1, 2, "performance")]
        assert not store.state.expected
        # The text recorded before the migration is searchable, accents or not.
        assert [r["text"] for r in store.db["notes"].search("mas lenta")] == [
            "Siempre elijo la más lenta"]
        assert [r["text"] for r in store.db["moments"].search("cola")] == ["Cola en la caja"]
        store.record("idea_added", mid=1, text="Caja rápida para pocos artículos")
        assert [r["idea_id"] for r in store.db["ideas"].search("rapida")] == [1]
        assert store.record("moment_added", text="Salir").data["mid"] == 3  # 2 was undone
        assert_consistent(store)


def _shape(db) -> dict:
    """Every table's columns and types, and the index and trigger names: a schema's shape."""
    names = db.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
                       "ORDER BY type, name").fetchall()
    columns = {name: db.execute(f"PRAGMA table_info([{name}])").fetchall()
               for kind, name in names if kind == "table"}
    return {"objects": names, "columns": columns}


def test_a_new_file_has_the_tables_of_columns(tmp_path):
    # Editing COLUMNS without a migration would leave new files out of step with it.
    with new_store(tmp_path) as store:
        for table, (columns, pk) in schema.COLUMNS.items():
            assert list(store.db[table].columns_dict) == list(columns), table
            key = TABLES[table].key_sql
            if key:  # a key with a part that may be empty: a unique index holds it
                assert store.db[table].pks == ["rowid"]
                sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                                       [f"{table}_key"]).fetchone()[0]
                assert sql.startswith("CREATE UNIQUE INDEX") and ", ".join(key) in sql
            else:
                assert store.db[table].pks == list(pk)
            # Each declared reference is a foreign key of the file, to the other's key.
            assert {fk.column: (fk.other_table, fk.other_column)
                    for fk in store.db[table].foreign_keys} == {
                column: (other, TABLES[other].pk[0])
                for column, other in TABLES[table].references.items()}, table


def test_the_first_migration_still_builds_the_first_schema(tmp_path):
    # m001 must never change: files of the first version exist.
    db = sqlite_utils.Database(tmp_path / "m001.db")
    schema.migrations.apply(db, stop_before="m002_search")
    assert _shape(db) == _shape(sqlite_utils.Database(first_schema_file(tmp_path)))


def test_a_migrated_file_has_the_shape_of_a_new_one(tmp_path):
    Store.open(first_schema_file(tmp_path)).close()
    new_store(tmp_path).close()
    migrated, fresh = (sqlite_utils.Database(tmp_path / n) for n in ("old.db", "s.db"))
    assert _shape(migrated) == _shape(fresh)


def _session_file(tmp_path):
    new_store(tmp_path).close()
    return tmp_path / "s.db"


def _foreign(tmp_path):
    path = tmp_path / "s.db"
    sqlite_utils.Database(path)["recipes"].insert({"name": "paella"})
    return path


def _newer(tmp_path):
    path = _session_file(tmp_path)
    db = sqlite_utils.Database(path)
    db["_sqlite_migrations"].insert({"migration_set": "workshop", "name": "m999_future",
                                     "applied_at": "2031-01-01"})
    db.close()
    return path


def _missing_table(tmp_path):
    path = _session_file(tmp_path)
    db = sqlite_utils.Database(path)
    db["ratings"].drop()
    db.close()
    return path


def _bad_event(tmp_path):
    path = _session_file(tmp_path)
    db = sqlite_utils.Database(path)
    db.execute("UPDATE events SET data = '{\"title\": ' WHERE id = 1")
    db.close()
    return path


def _truncated(tmp_path):
    path = _session_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00" * 50 + os.urandom(len(data) - 150))
    return path


def _holding(content: bytes):
    def make(tmp_path):
        (tmp_path / "s.db").write_bytes(content)
        return tmp_path / "s.db"
    return make


BAD_FILES = {
    "empty": (_holding(b""), "is empty"),
    "random bytes": (_holding(os.urandom(4096)), "is not a workshop session file"),
    "a text file": (_holding(b"moments,votes\n"), "is not a workshop session file"),
    "foreign SQLite": (_foreign, "is a SQLite file, but not a workshop session"),
    "newer schema": (_newer, "written by a newer version of workshop"),
    "missing table": (_missing_table, "damaged: the table ratings is missing"),
    "damaged event": (_bad_event, r"damaged \(event 1 cannot be read\)"),
    "damaged pages": (_truncated, "damaged"),
    "a folder": (lambda p: (p / "s.db").mkdir() or p / "s.db", "is a folder"),
    "no file": (lambda p: p / "s.db", "no such session file"),
}


@pytest.mark.parametrize("readonly", [False, True], ids=["writer", "reader"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_one_line_and_left_untouched(tmp_path, case, readonly):
    make, match = BAD_FILES[case]
    path = make(tmp_path)
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(SessionFileError, match=match) as caught:
        Store.open(path, readonly=readonly)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message
    assert (path.read_bytes() if path.is_file() else None) == before
    if path.is_file():  # nothing is left open or locked: the file can be replaced
        path.unlink()
        new_store(tmp_path).close()


def test_a_writer_is_refused_where_nothing_can_be_written(tmp_path, monkeypatch):
    path = _session_file(tmp_path)
    before = path.read_bytes()
    monkeypatch.setattr("workshop.core.store.writable", lambda p: False)
    with pytest.raises(SessionFileError, match="cannot be written here.*workshop replay"):
        Store.open(path)
    assert path.read_bytes() == before
    monkeypatch.undo()
    Store.open(path).close()  # not left locked


def test_save_copy_writes_everything_into_a_new_private_file(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking", at=at(1))
        undone = store.record("moment_added", text="Typo", at=at(2))
        store.undo(undone.id)
        store.record("vote_opened", target="moments", dots=2)
        store.record("vote_cast", rid=1, pid=1, item=1, delta=2)
        saved = store.save_copy(tmp_path / "elsewhere" / "copy.db")
        with pytest.raises(SessionFileError, match="already exists"):
            store.save_copy(saved)
        state, events = store.state, store.events
    assert stat.S_IMODE(os.stat(saved).st_mode) == 0o600
    with Store.open(saved) as again:
        assert again.state == state and again.events == events
        assert file_tables(saved) == file_tables(tmp_path / "s.db")
        assert [r["text"] for r in again.db["moments"].search("parking")] == ["Parking"]
        assert again.record("moment_added", text="Exit").data["mid"] == 3
        assert_consistent(again)


def test_a_deleted_file_is_noticed_and_the_session_saved_elsewhere(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Parking")
    (tmp_path / "s.db").unlink()  # a sync tool, a careless move…
    state = store.state
    with pytest.raises(SaveError, match="the file was moved or deleted.*save a copy"):
        store.record("moment_added", text="Checkout")
    assert store.state is state and len(store.state.moments) == 1
    saved = store.save_copy(tmp_path / "rescued.db")
    store.close()
    with Store.open(saved) as rescued:
        assert [m.text for m in rescued.state.moments.values()] == ["Parking"]
        rescued.record("moment_added", text="Checkout")


def test_a_replaced_file_is_not_written_through_the_old_one(tmp_path):
    with new_store(tmp_path) as store:
        (tmp_path / "other.db").write_bytes((tmp_path / "s.db").read_bytes())
        os.replace(tmp_path / "other.db", tmp_path / "s.db")
        with pytest.raises(SaveError, match="moved or deleted"):
            store.record("moment_added", text="Checkout")


class _FullDisk:
    """A connection whose disk fills up at the next event written."""

    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        if sql.startswith("INSERT INTO events"):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_a_full_disk_loses_nothing_recorded_and_says_what_to_do(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking")
        before, state = dump(store.path), copy.deepcopy(store.state)
        real = store.db.conn
        store.db.conn = _FullDisk(real)
        with pytest.raises(SaveError) as caught:
            store.record("moment_added", text="Checkout")
        message = str(caught.value)
        assert "the disk is full" in message and "Everything recorded before is safe" in message
        assert "\n" not in message and str(store.path) in message
        assert store.state == state and dump(store.path) == before
        store.db.conn = real  # space freed: the session goes on
        store.record("moment_added", text="Checkout")
        assert_consistent(store)


def test_a_copy_that_fails_midway_leaves_nothing_behind(tmp_path, monkeypatch):
    import sqlite3

    import workshop.core.store as store_module
    from workshop.core.errors import SaveError

    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking")

        def broken(state, table):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(store_module, "table_rows", broken)
        copy_dir = tmp_path / "copies"
        with pytest.raises(SaveError):
            store.save_copy(copy_dir / "copy.db")
        assert list(copy_dir.iterdir()) == []  # no half-made copy, no hidden temp file
        monkeypatch.undo()
        copy = store.save_copy(copy_dir / "copy.db")
    with Store.open(copy, readonly=True) as again:
        assert [m.text for m in again.state.ordered_moments()] == ["Parking"]


# ---- committed now, on disk when asked (the room's phones) ---------------------------------


def test_a_change_recorded_to_sync_later_is_committed_and_on_disk_after_sync(tmp_path,
                                                                         monkeypatch):
    store = new_store(tmp_path)
    synchronous = "PRAGMA synchronous"
    assert store.conn.execute(synchronous).fetchone()[0] == 2  # FULL: each commit waits
    with store.sync_later():
        assert store.conn.execute(synchronous).fetchone()[0] == 1  # NORMAL: no wait
        store.record("moment_added", text="Parking")
    assert store.conn.execute(synchronous).fetchone()[0] == 2
    reader = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    assert reader.execute("SELECT count(*) FROM events WHERE kind = 'moment_added'"
                          ).fetchone()[0] == 1  # committed: another reader has it
    reader.close()
    flushed = []
    real = os.fsync

    def fsync(fd: int) -> None:
        flushed.append(os.fstat(fd).st_ino)
        real(fd)
    monkeypatch.setattr(os, "fsync", fsync)
    store.sync()
    assert flushed == [os.stat(f"{store.path}-wal").st_ino]  # the log the commit wrote
    with pytest.raises(RuleError), store.sync_later():
        store.record("moment_added", text=" ")
    assert store.conn.execute(synchronous).fetchone()[0] == 2  # back, whatever happened
    store.close()
    store.sync()  # closed: the log was folded into the file and flushed by SQLite


def test_the_rooms_commits_leave_the_log_to_fold_log_which_keeps_it_bounded(tmp_path):
    """A commit to sync_later never folds the log into the file (SQLite's own fold ran
    inside the commit, in the event loop); fold_log does, from another connection, once
    the log is past LOG_LIMIT, and the log then starts again, cut to that size."""
    store = new_store(tmp_path)
    store.conn.execute("PRAGMA wal_autocheckpoint=20")  # SQLite's own fold, due soon
    store.LOG_LIMIT = 96 * 1024
    wal = Path(f"{store.path}-wal")
    file_before = store.path.stat().st_mtime_ns, store.path.stat().st_size
    for n in range(60):
        with store.sync_later():
            assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
            store.record("moment_added", text=f"Moment {n} " * 20)
    assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 20  # back
    assert (store.path.stat().st_mtime_ns, store.path.stat().st_size) == file_before
    assert store.sync() is True  # flushed, and past the limit: due for a fold
    assert wal.stat().st_size > 4 * store.LOG_LIMIT
    assert store.fold_log() is True
    assert store.path.stat().st_size > file_before[1]  # the moments are in the file now

    folds = 0
    for n in range(60, 400):
        with store.sync_later():
            store.record("moment_added", text=f"Moment {n} " * 20)
        if store.sync():
            folds += store.fold_log()
        # the limit, and at most one commit more before the next flush says so
        assert wal.stat().st_size <= 2 * store.LOG_LIMIT, n
    assert folds >= 10
    store.fold_log()
    with store.sync_later():
        store.record("moment_added", text="One more")
    assert store.sync() is False  # the log started again: nothing due
    store.close()
    with Store.open(store.path, readonly=True) as again:
        assert len(again.state.moments) == 401


def test_a_sync_the_disk_refuses_is_one_line(tmp_path, monkeypatch):
    import errno

    store = new_store(tmp_path)
    with store.sync_later():
        store.record("moment_added", text="Parking")

    def failing(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")
    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(SaveError) as caught:
        store.sync()
    assert "\n" not in str(caught.value) and str(store.path) in str(caught.value)
    monkeypatch.undo()
    store.close()
