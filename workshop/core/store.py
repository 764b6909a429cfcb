"""The session file: one SQLite file per session, through sqlite-utils.

The ``events`` table is the truth. ``record()`` writes an event and the table rows it
changes in one transaction, so the readable tables always equal the fold of the events.
One writer at a time: a writer holds an exclusive lock on the file for as long as it is
open, and a second writer is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

import sqlite_utils

from workshop.core import schema
from workshop.core.connection import connect, refusal
from workshop.core.errors import RuleError, SaveError, SessionFileError, SessionLockedError
from workshop.core.eventcheck import EventError, check_event, parse_data
from workshop.core.events import KINDS, UNDOABLE, Event, clean_text, now
from workshop.core.limits import count_text
from workshop.core.state import (CREATES, TABLES, SessionState, apply, check_vote, fold,
                                 table_rows)
from workshop.i18n import t

try:  # POSIX: an advisory lock on the file itself, released when the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None


def _clean(value):
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def _disk_message(path: Path, exc: BaseException) -> str:
    return t("Could not save to {path}: {why}. Everything recorded before is safe; "
             "save a copy elsewhere to go on.", path=path, why=_reason(exc))


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        why = t("the disk is full")
    elif "readonly" in text or "read-only" in text or "permission" in text:
        why = t("the file or its folder cannot be written")
    elif "no such" in text or "unable to open" in text or "disk i/o" in text:
        why = t("the file was moved or deleted")
    else:
        why = str(exc)
    return why


def _create_message(path: Path, exc: BaseException) -> str:
    return t("Could not create {path}: {why}.", path=path, why=_reason(exc))


def _sync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` survive a power cut (POSIX; best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Store:
    """An open session file and its folded state."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool,
                 handle: "_Handle | None" = None):
        self.path = path
        self.readonly = readonly
        self.db = sqlite_utils.Database(conn)
        self._handle = handle
        self._events: list[Event] = read_events(conn, path)
        self.state: SessionState = fold(self._events)

    # ---- opening and creating -------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, *, title: str, script: dict, lang: str,
               client: str = "", facilitator: str = "",
               participants: list[dict] | None = None, at: str | None = None) -> "Store":
        path = Path(path)
        at = at or now()  # one time for the whole set-up: see _setup_ids

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

        _build_in_place(path, build)
        return cls.open(path)

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False) -> "Store":
        path = Path(path)
        handle = _Handle.acquire(path, writer=not readonly)
        if not readonly and not _writable(path):
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

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- reading -------------------------------------------------------------------
    @property
    def events(self) -> list[Event]:
        return list(self._events)

    def last_undoable(self) -> Event | None:
        """The latest change still in effect that "undo" would cancel.

        The roster typed when the session was created is set-up, not a change made in
        the room: a first ctrl+z must not take the last participant away.
        """
        gone, setup = self.state.undone, self._setup_ids()
        for e in reversed(self._events):
            if e.kind in UNDOABLE and e.id not in gone and e.id not in setup:
                return e
        return None

    def _setup_ids(self) -> set[int]:
        """The session and the roster written by ``create``, all at the same instant."""
        first = self._events[0] if self._events else None
        if first is None or first.kind != "session_created":
            return set()
        ids = {first.id}
        for e in self._events[1:]:
            if e.kind != "participant_added" or e.at != first.at:
                break
            ids.add(e.id)
        return ids

    def last_redoable(self) -> Event | None:
        """The latest undo still in effect that "redo" would cancel, as long as no new
        change came after it (a new change ends the redo chain, as in any editor)."""
        gone = self.state.undone
        kinds = {e.id: e.kind for e in self._events}
        for e in reversed(self._events):
            if e.id in gone:
                continue
            if e.kind == "undo":
                if kinds.get(e.data.get("target")) == "undo":
                    continue  # a redo: the undo before it may be redone next
                return e
            if e.kind in UNDOABLE:
                return None
        return None

    def tables(self) -> dict[str, list[dict]]:
        """What the readable tables hold now, each sorted by its key."""
        out = {}
        self.db.conn.budget.start()
        for table, (pk, _) in TABLES.items():
            order = ", ".join(pk)
            out[table] = [dict(r) for r in self.db.query(f"SELECT * FROM [{table}] ORDER BY {order}")]
        return out

    # ---- writing -------------------------------------------------------------------
    def record(self, kind: str, *, at: str | None = None, **data) -> Event:
        """Write one change. Returns the event with its id (and the ids it created).

        Raises RuleError (nothing written) when a rule refuses it, SaveError when the
        disk does.
        """
        if self.readonly:
            raise SessionFileError(t("{path} is open read-only.", path=self.path))
        if kind not in KINDS:
            raise RuleError(t("Unknown kind of change: {kind}.", kind=kind))
        data = _clean(data)
        created = CREATES.get(kind)
        if created and data.get(created[0]) is None:
            data[created[0]] = self.state.next_id(created[1])
        event = Event(kind, data, at or now())
        _check_new(event)
        self._check_still_there()
        conn = self.db.conn
        conn.budget.start()
        try:
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)",
                               (event.at, event.kind, event.to_json()))
            event = replace(event, id=cur.lastrowid)
            if kind == "undo":
                new_state = self._undo_state(event)
                self._write_all(new_state)
            else:
                if kind == "vote_cast":
                    self._check_vote_in_file(event)
                self.state.touched.clear()
                apply(self.state, event)
                self._write_touched(self.state)
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
            if isinstance(exc, sqlite3.Error):
                raise SaveError(_disk_message(self.path, exc)) from None
            raise
        self.state = new_state
        self._events.append(event)
        return event

    def _check_still_there(self) -> None:
        """SQLite goes on writing into a file that was deleted or replaced (a sync tool, a
        careless move), and all of it would be lost on closing: refuse instead, so the
        facilitator saves a copy (``save_copy``) while everything is still in memory."""
        try:
            st = os.stat(self.path)
            here = (st.st_dev, st.st_ino) == self._handle.key
        except OSError:
            here = False
        if not here:
            raise SaveError(_disk_message(self.path, FileNotFoundError(
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

        _build_in_place(path, build)
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

    def _undo_state(self, event: Event) -> SessionState:
        target = event.data["target"]
        by_id = {e.id: e for e in self._events}
        if target not in by_id or (by_id[target].kind not in UNDOABLE and by_id[target].kind != "undo"):
            raise RuleError(t("That change cannot be undone."))
        if target in self.state.undone:
            raise RuleError(t("That change is already undone."))
        try:
            new = fold([*self._events, event], strict=True)
        except RuleError as exc:
            raise RuleError(t("That change cannot be undone: {why}", why=exc)) from None
        # Re-folding puts a cancelled or restored dot before the reveal, where the rules
        # allow it; but revealed results are final, like a vote cast after the reveal.
        for rid, rnd in self.state.rounds.items():
            if rnd.revealed and rid in new.rounds and new.rounds[rid].revealed:
                if _round_votes(self.state, rid) != _round_votes(new, rid):
                    raise RuleError(t("That change cannot be undone: {why}", why=t(
                        "This vote is closed: its results are revealed.")))
        return new

    def _check_vote_in_file(self, event: Event) -> None:
        """The budget and cap, read from the file inside the writing transaction."""
        d = event.data
        row = self.db.conn.execute("SELECT dots, cap, revealed FROM vote_rounds WHERE rid = ?",
                                   (d["rid"],)).fetchone()
        if row is None:
            raise RuleError(t("There is no vote {id}.", id=d["rid"]))
        used = self.db.conn.execute("SELECT coalesce(sum(dots), 0) FROM votes WHERE rid = ? AND pid = ?",
                                    (d["rid"], d["pid"])).fetchone()[0]
        on_item = self.db.conn.execute(
            "SELECT coalesce(sum(dots), 0) FROM votes WHERE rid = ? AND pid = ? AND item = ?",
            (d["rid"], d["pid"], d["item"])).fetchone()[0]
        # The same rules as the fold, so the two can never disagree.
        check_vote(self.state, d["rid"], d["pid"], d["item"], d["delta"])
        dots, cap, _ = row
        if used + d["delta"] > dots or (cap and on_item + d["delta"] > cap) or on_item + d["delta"] < 0:
            raise RuleError(t("This vote breaks the voting rules."))

    def _upsert(self, table: str, key: tuple, row: dict | None) -> None:
        pk = TABLES[table][0]
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

    def _write_touched(self, state: SessionState) -> None:
        for table, key in sorted(state.touched):  # a fixed order: the same events, the same file
            self._upsert(table, key, TABLES[table][1](state, key))
        state.touched.clear()

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
        conn = self.db.conn
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


def _round_votes(state: SessionState, rid: int) -> dict:
    return {key: n for key, n in state.votes.items() if key[0] == rid}


def _build_in_place(path: Path, build) -> None:
    """Build a session file under a hidden name beside ``path`` and put it there only
    when complete: a crash midway leaves no half-made file to trip over later."""
    if os.path.lexists(path):
        raise SessionFileError(t("{path} already exists.", path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
        os.close(fd)  # mkstemp: readable only by its owner (names are personal data)
    except OSError as exc:
        raise SaveError(_create_message(path, exc)) from None
    tmp = Path(name)
    try:
        build(tmp)
        if os.path.exists(f"{tmp}-wal"):  # closing did not fold the WAL into the file
            raise SaveError(_create_message(path, OSError(errno.EIO, "WAL left behind")))
        try:  # a hard link appears whole and never replaces anything
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some shares): claim the name, move onto it
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.replace(tmp, path)
    except FileExistsError:
        raise SessionFileError(t("{path} already exists.", path=path)) from None
    except (sqlite3.Error, OSError) as exc:
        raise SaveError(_create_message(path, exc)) from None
    except SaveError as exc:
        raise SaveError(_create_message(path, exc.__context__ or exc)) from None
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    _sync_folder(path.parent)


@contextlib.contextmanager
def write_lock(path: str | Path):
    """Hold ``path``'s write lock, as a running session does, without a connection: for
    replacing the file whole. While it is held no window can open the file for writing,
    and one that already has it makes this raise SessionLockedError."""
    handle = _Handle.acquire(Path(path), writer=True)
    try:
        yield
    finally:
        handle.release(writer=True)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """A connection that reads a session file without a lock (it may be running in
    another window), changes nothing in it, and leaves no -wal or -shm file behind."""
    return connect(Path(path), "read")


def session_language(path: Path) -> str | None:
    """The language in a session file's readable table, without a lock or a fold; None
    when the file cannot be read (the caller has a default)."""
    import contextlib

    try:
        schema.check_file(path)
        with contextlib.closing(connect(path, "read")) as conn:
            schema.check_and_migrate(sqlite_utils.Database(conn), path, migrate=False)
            row = conn.execute("SELECT lang FROM session").fetchone()
    except (SessionFileError, sqlite3.Error):
        return None
    return row[0] if row and isinstance(row[0], str) else None


def read_events(conn: sqlite3.Connection, path: Path) -> list[Event]:
    """Every event of a session file whose schema was checked, each checked in turn
    (``eventcheck``): the first one this version cannot take in refuses the file."""
    events = []
    conn.budget.start()
    for row in conn.execute("SELECT id, at, kind, data FROM events ORDER BY id"):
        try:
            events.append(Event.from_row(row))
        except EventError as exc:
            raise SessionFileError(t("{path} is damaged ({why}).", path=path, why=exc)) from None
    return events


def _check_new(event: Event) -> None:
    """A change meets the limits a file is read with (``eventcheck``), whatever channel it
    came through: typed, pasted, imported."""
    try:
        parse_data(event.to_json())
        check_event(event.kind, event.data, event.at)
    except EventError as exc:
        if exc.length is not None:
            raise RuleError(t("This entry is too long: {n} characters; an entry holds at most "
                              "{limit}.", n=count_text(exc.length),
                              limit=count_text(exc.limit))) from None
        raise RuleError(t("A change is missing data or has the wrong type: {kind}.",
                          kind=event.kind)) from None


class _Handle:
    """This process's one descriptor on an open session file, shared by its Stores.

    Closing *any* descriptor of a file drops every POSIX lock the process holds on it,
    SQLite's own included (a documented SQLite pitfall): a second open of a file already
    open here, or a refused second writer, would otherwise silently unlock the first
    one. So a file open in this process is never opened or closed again by us: its one
    descriptor carries the writer's flock and is closed after the last connection.
    """

    _open: dict[tuple[int, int], "_Handle"] = {}
    _guard = threading.RLock()  # acquire() checks the file, which reads its header

    def __init__(self, key: tuple[int, int], fd: int):
        self.key, self.fd, self.users, self.writer = key, fd, 0, False

    @classmethod
    def acquire(cls, path: Path, *, writer: bool) -> "_Handle":
        with cls._guard:
            handle = cls.held(path)
            if handle is None:
                schema.check_file(path)
                fd = os.open(path, os.O_RDONLY)
                st = os.fstat(fd)
                handle = cls((st.st_dev, st.st_ino), fd)
            if writer:
                if handle.writer or not _flock(handle.fd):
                    if handle.users == 0:
                        os.close(handle.fd)
                    raise SessionLockedError(t(
                        "{path} is already open in another window. Close it there first, "
                        "or look at it read-only with: workshop replay {path}", path=path))
                handle.writer = True
            handle.users += 1
            cls._open[handle.key] = handle
            return handle

    @classmethod
    def held(cls, path: Path) -> "_Handle | None":
        """The handle this process already holds on the file at ``path``, if any
        (call with ``_guard`` held)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls._open.get((st.st_dev, st.st_ino))

    def release(self, *, writer: bool) -> None:
        with self._guard:
            if writer and self.writer:
                if fcntl is not None:
                    fcntl.flock(self.fd, fcntl.LOCK_UN)  # leaves SQLite's locks alone
                self.writer = False
            self.users -= 1
            if self.users == 0:
                self._open.pop(self.key, None)
                os.close(self.fd)  # no connection to the file is left in this process


def read_header(path: Path, size: int) -> bytes:
    """The first bytes of a file, without ever closing a descriptor of a session file
    this process has open (that would drop SQLite's locks: see _Handle)."""
    with _Handle._guard:
        handle = _Handle.held(path)
        if handle is not None:
            return os.pread(handle.fd, size, 0)
        with open(path, "rb") as fh:
            return fh.read(size)


def _flock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: SQLite's own locking only
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
