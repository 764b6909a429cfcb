"""The session file: one SQLite file per session, through sqlite-utils.

The ``events`` table is the truth. ``record()`` writes an event and the table rows it
changes in one transaction, so the readable tables always equal the fold of the events.
One writer at a time (``filelock``); a new file appears whole (``newfile``); which change
an undo takes back is ``undo``'s to say.
"""

from __future__ import annotations

import contextlib
import errno
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import sqlite_utils

from workshop.core import schema, undo
from workshop.core.connection import SessionConnection, connect, connect_readonly, refusal
from workshop.core.errors import RuleError, SaveError, SessionFileError, disk_reason
from workshop.core.eventcheck import EventError, check_event, parse_data, read_event
from workshop.core.events import Event, clean_text, now
from workshop.core.filelock import FileHandle, writable
from workshop.core.fold import apply, fold
from workshop.core.kinds.registry import EVENTS
from workshop.core.kinds.spec import Key, Row
from workshop.core.limits import count_text
from workshop.core.newfile import build_in_place
from workshop.core.state import SessionState
from workshop.core.tables import TABLES, changed_rows, table_rows
from workshop.core.tracked import settle
from workshop.i18n import t


def _clean(value: object) -> object:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def disk_message(path: Path, exc: BaseException) -> str:
    """What a facilitator reads when a change could not be saved."""
    return t("Could not save to {path}: {why}. Everything recorded before is safe; "
             "save a copy elsewhere to go on.", path=path, why=disk_reason(exc))


class Store:
    """An open session file and its folded state."""

    def __init__(self, path: Path, conn: SessionConnection, *, readonly: bool,
                 handle: FileHandle | None = None) -> None:
        self.path = path
        self.readonly = readonly
        self.db = sqlite_utils.Database(conn)
        self._handle = handle
        self._events: list[Event] = read_events(conn, path)
        self.state: SessionState = fold(self._events)
        self._written: dict[str, dict[Key, Row]] = {}  # rows of the one-row tables
        self._remember_written()

    @property
    def conn(self) -> SessionConnection:
        """db's connection: the hardened one the store was opened with, and its budget."""
        return cast(SessionConnection, self.db.conn)

    def _remember_written(self) -> None:
        """The one-row tables as the file holds them now (``tables.changed_rows``)."""
        self._written = {name: table_rows(self.state, name) for name, spec in TABLES.items()
                         if spec.changed is None}

    # ---- opening and creating -------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, *, title: str, script: dict[str, Any], lang: str,
               client: str = "", facilitator: str = "",
               participants: Sequence[Mapping[str, object]] | None = None,
               at: str | None = None) -> Store:
        path = Path(path)
        at = at or now()  # one time for the whole set-up: see undo.setup_ids

        def build(tmp: Path) -> None:
            conn = connect(tmp, "new")
            try:
                schema.create(sqlite_utils.Database(conn))
                schema.remember_built(conn)
            finally:
                conn.close()
            with cls.open(tmp) as store:
                store.record("session_created", at=at, title=title, client=client,
                             facilitator=facilitator, lang=lang, script=script)
                for p in participants or []:
                    store.record("participant_added", at=at, **p)

        build_in_place(path, build)
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> Store:
        path = Path(path)
        handle = FileHandle.acquire(path, writer=not readonly)
        if not readonly and not writable(path):
            handle.release(writer=True)
            raise SessionFileError(t(
                "{path} cannot be written here (a read-only file or folder). Look at it with "
                "workshop replay {path}, or copy it to a folder you can write to.", path=path))
        conn = None
        try:
            conn = connect(path, "read" if readonly else "write")
            # (a writer's connection trusts the schema once it is found to be ours)
            schema.check_and_migrate(sqlite_utils.Database(conn), path, migrate=not readonly)
            return cls(path, conn, readonly=readonly, handle=handle)
        except BaseException as exc:
            if conn is not None:
                conn.close()
            handle.release(writer=not readonly)
            if isinstance(exc, sqlite3.DatabaseError):
                raise refusal(path, exc, conn) from None
            raise

    def close(self) -> None:
        if self._handle is None:
            return  # already closed
        try:
            self.db.conn.close()
        finally:
            self._handle.release(writer=not self.readonly)
            self._handle = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- reading -------------------------------------------------------------------
    @property
    def events(self) -> list[Event]:
        return list(self._events)

    def last_undoable(self) -> Event | None:
        """The latest change still in effect that "undo" would cancel."""
        return undo.last_undoable(self._events, self.state)

    def last_redoable(self) -> Event | None:
        """The latest undo still in effect that "redo" would cancel."""
        return undo.last_redoable(self._events, self.state)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """What the readable tables hold now, each sorted by its key."""
        out = {}
        self.conn.budget.start()
        for table, spec in TABLES.items():
            order = ", ".join(spec.pk)
            query = f"SELECT * FROM [{table}] ORDER BY {order}"
            out[table] = [dict(r) for r in self.db.query(query)]
        return out

    # ---- writing -------------------------------------------------------------------
    def record(self, kind: str, *, at: str | None = None, **data: Any) -> Event:
        """Write one change. Returns the event with its id (and the ids it created).

        Raises RuleError (nothing written) when a rule refuses it, SaveError when the
        disk does.
        """
        if self.readonly:
            raise SessionFileError(t("{path} is open read-only.", path=self.path))
        spec = EVENTS.get(kind)
        if spec is None:
            raise RuleError(t("Unknown kind of change: {kind}.", kind=kind))
        if not undo.takes_after_finish(self._events, self.state, kind, data):
            # Checked here, when a change is made, not by the fold: a file written before
            # this rule keeps what it holds.
            raise RuleError(t("This session is finished: reopen it to change it."))
        data = {k: _clean(v) for k, v in data.items()}
        created = spec.creates
        if created is not None and data.get(created.field) is None:
            data[created.field] = self.state.next_id(created.counter, created.existing(self.state))
        event = Event(kind, data, at or now())
        _check_new(event)
        self._check_still_there()
        conn = self.conn
        conn.budget.start()
        try:
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)",
                               (event.at, event.kind, event.to_json()))
            event = replace(event, id=cur.lastrowid)
            if kind == "undo":
                new_state = undo.state_after_undo(self._events, self.state, event)
                self._write_all(new_state)
            else:
                apply(self.state, event)  # the state was settled after the last change
                for table, key, row in changed_rows(self.state, self._written):
                    self._upsert(table, key, row)
                settle(self.state)
                new_state = self.state
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, RuleError):
                # The rules refuse before anything changes (apply's promise, which the
                # tests hold it to): no refold, and views keep the same state object.
                raise
            self.state = fold(self._events)  # the write failed after apply() changed it
            self._remember_written()
            if isinstance(exc, sqlite3.Error):
                raise SaveError(disk_message(self.path, exc)) from None
            raise
        if new_state is not self.state:
            self.state = new_state
            self._remember_written()
        self._events.append(event)
        return event

    def _check_still_there(self) -> None:
        """SQLite goes on writing into a file that was deleted or replaced (a sync tool, a
        careless move), and all of it would be lost on closing: refuse instead, so the
        facilitator saves a copy (``save_copy``) while everything is still in memory."""
        if self._handle is None or not self._handle.still_at(self.path):
            raise SaveError(disk_message(self.path, FileNotFoundError(
                errno.ENOENT, "No such file")))

    def save_copy(self, path: str | Path) -> Path:
        """Write everything recorded so far into a new session file, e.g. on another disk
        when this one is full or this file is gone. Built from the events in memory, so
        it does not need the old file at all. Returns the new file's path."""
        path = Path(path)
        events, state = list(self._events), fold(self._events)

        def build(tmp: Path) -> None:
            conn = connect(tmp, "new")
            try:
                schema.create(sqlite_utils.Database(conn))
                with conn:  # one transaction
                    conn.executemany("INSERT INTO events (id, at, kind, data) VALUES (?, ?, ?, ?)",
                                     [(e.id, e.at, e.kind, e.to_json()) for e in events])
                    for table in TABLES:
                        rows = list(table_rows(state, table).values())
                        if rows:
                            cols = list(rows[0])
                            conn.executemany(
                                f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in cols)}) "
                                f"VALUES ({', '.join('?' for _ in cols)})",
                                [[row[c] for c in cols] for row in rows])
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()

        build_in_place(path, build)
        return path

    def undo(self, target: int | None = None) -> Event:
        """Cancel a change (by default the latest one still in effect)."""
        if target is None:
            last = self.last_undoable()
            if last is None:
                raise RuleError(t("There is nothing to undo."))
            target = last.id
        return self.record("undo", target=target)

    def redo(self) -> Event:
        """Bring back the change the latest undo cancelled (an undo of that undo)."""
        last = self.last_redoable()
        if last is None:
            raise RuleError(t("There is nothing to redo."))
        return self.record("undo", target=last.id)

    def _upsert(self, table: str, key: Key, row: Row | None) -> None:
        pk = TABLES[table].pk
        conn = self.db.conn
        if row is None:
            where = " AND ".join(f"[{c}] = ?" for c in pk)
            conn.execute(f"DELETE FROM [{table}] WHERE {where}", key)
            return
        cols = list(row)
        names = ", ".join(f"[{c}]" for c in cols)
        marks = ", ".join("?" for _ in cols)
        updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in cols if c not in pk)
        sql = f"INSERT INTO [{table}] ({names}) VALUES ({marks}) ON CONFLICT({', '.join(pk)}) DO "
        sql += f"UPDATE SET {updates}" if updates else "NOTHING"
        conn.execute(sql, [row[c] for c in cols])

    def _write_all(self, new: SessionState) -> None:
        """Write the difference between the current tables and a new state's."""
        for table in TABLES:
            old_rows, new_rows = table_rows(self.state, table), table_rows(new, table)
            for key in old_rows.keys() - new_rows.keys():
                self._upsert(table, key, None)
            for key, row in new_rows.items():
                if old_rows.get(key) != row:
                    self._upsert(table, key, row)

    def rebuild_tables(self) -> None:
        """Empty the readable tables and fill them again from the events."""
        if self.readonly:
            raise SessionFileError(t("{path} is open read-only.", path=self.path))
        state = fold(self._events)
        conn = self.conn
        conn.budget.start()
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in TABLES:
                conn.execute(f"DELETE FROM [{table}]")
                for key, row in table_rows(state, table).items():
                    self._upsert(table, key, row)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self.state = state
        self._remember_written()


def session_language(path: Path) -> str | None:
    """The language in a session file's readable table, without a lock or a fold; None
    when the file cannot be read (the caller has a default)."""
    try:
        schema.check_file(path)
        with contextlib.closing(connect_readonly(path)) as conn:
            schema.check_and_migrate(sqlite_utils.Database(conn), path, migrate=False)
            row = conn.execute("SELECT lang FROM session").fetchone()
    except (SessionFileError, sqlite3.Error):
        return None
    return row[0] if row and isinstance(row[0], str) else None


def read_events(conn: SessionConnection, path: Path) -> list[Event]:
    """Every event of a session file whose schema was checked, each checked in turn
    (``eventcheck``): the first one this version cannot take in refuses the file."""
    events = []
    conn.budget.start()
    for row in conn.execute("SELECT id, at, kind, data FROM events ORDER BY id"):
        try:
            events.append(read_event(row))
        except EventError as exc:
            if exc.newer_kind is not None:
                raise SessionFileError(t(
                    "{path} holds a kind of change this version of workshop does not know "
                    "(“{kind}”, event {id}): it was probably written by a newer version. "
                    "Update workshop to open it.", path=path, kind=exc.newer_kind,
                    id=row[0])) from None
            raise SessionFileError(t("{path} is damaged ({why}).", path=path, why=exc)) from None
    return events


def _check_new(event: Event) -> None:
    """A change meets the limits a file is read with (``eventcheck``), whatever channel it
    came through: typed, pasted, imported."""
    try:
        parse_data(event.to_json())
        check_event(event.kind, event.data, event.at)
    except EventError as exc:
        if exc.length is not None and exc.limit is not None:  # set together
            raise RuleError(t("This entry is too long: {n} characters; an entry holds at most "
                              "{limit}.", n=count_text(exc.length),
                              limit=count_text(exc.limit))) from None
        raise RuleError(t("A change is missing data or has the wrong type: {kind}.",
                          kind=event.kind)) from None
