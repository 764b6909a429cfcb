"""The session file: one SQLite file per session, through sqlite-utils.

The ``events`` table is the truth. ``record()`` writes an event and the table rows it
changes in one transaction, so the readable tables always equal the fold of the events.
One writer at a time (``filelock``); a new file appears whole (``newfile``); which change
an undo takes back is ``undo``'s to say.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from workshop.core import schema, undo
from workshop.core.connection import SessionConnection, connect, connect_readonly, refusal
from workshop.core.errors import RuleError, SaveError, SessionFileError, disk_reason
from workshop.core.eventcheck import EventError, check_event, parse_data, read_event
from workshop.core.events import Event, clean_text, now
from workshop.core.filelock import FileHandle, writable
from workshop.core.fold import apply, fold_onto, undone_ids
from workshop.core.kinds.registry import EVENTS
from workshop.core.kinds.spec import Key, Row
from workshop.core.limits import count_text
from workshop.core.newfile import build_in_place
from workshop.core.researcher_tables import REBUILD
from workshop.core.state import SessionState
from workshop.core.tables import TABLES, changed_rows, key_order, table_rows
from workshop.core.tracked import copy_containers, many_new_entries, settle
from workshop.i18n import t

if TYPE_CHECKING:
    from sqlite_utils import Database

Write = tuple[str, Key, Row | None]  # a table's row to write (None: delete it)


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
    """An open session file and its folded state.

    Opening reads the file's snapshot of the folded state (``snapshot``), where there
    is one this user's store wrote, and folds only the events after it; older events
    are read from the file when something needs them (an undo reaching back, an
    export). In memory: the state, a copy of it at one or two recent events
    (``_marks``), and the events since the older copy, so an undo folds again only
    what came after the copy before the change it takes back.
    """

    # A copy of the state every so many events: an undo folds at most about twice this.
    MARK_EVERY = 500
    # Closing writes a snapshot when the next opening would otherwise fold this many.
    SNAPSHOT_AFTER = 200

    def __init__(self, path: Path, conn: SessionConnection, *, readonly: bool,
                 handle: FileHandle | None = None) -> None:
        self.path = path
        self.readonly = readonly
        self._conn = conn
        self._db: Database | None = None  # sqlite-utils around it, made when asked for
        self._handle = handle
        self._written: dict[str, dict[Key, Row]] = {}  # rows of the compared tables
        self._undos: list[Event] = []  # every undo in the log, in order
        self._marks: list[SessionState] = []  # copies of the state, oldest first
        self._recent: list[Event] = []  # the events after the oldest mark
        self._snapshot_upto: int | None = None  # where the file's snapshot stops
        with many_new_entries():
            self.state: SessionState = self._load()
        self._remember_written()
        if not readonly:
            self._fill_tables_if_asked()

    @property
    def conn(self) -> SessionConnection:
        """The hardened connection the store was opened with, and its budget (db's, once
        there is one: a test may put another in its place)."""
        return cast(SessionConnection, self._conn if self._db is None else self._db.conn)

    @property
    def db(self) -> Database:
        """sqlite-utils' Database on the same connection (sqlite-utils is imported only
        when something asks for it: opening and recording need none of it)."""
        if self._db is None:
            from workshop.core.sqlitelib import Database

            self._db = Database(self._conn)
        return self._db

    def _load(self) -> SessionState:
        """The state: the file's snapshot, if it is ours and current, and the events after
        it folded on; else every event folded."""
        conn = self.conn
        conn.budget.start()
        # One read transaction: the snapshot, the undos and the events after it as one
        # moment of the file, whatever another window writes meanwhile.
        conn.execute("BEGIN")
        try:
            base = None
            if _has_snapshot(conn):  # its module (codec, hmac) only for a file with one
                from workshop.core import snapshot

                self._snapshot_upto = snapshot.upto(conn)
                base = snapshot.read(conn)
            self._undos = read_events(conn, self.path, undos=True)
            undone = undone_ids(self._undos)
            if base is not None and {i for i in undone if not isinstance(i, int)
                                     or i <= base.last_event_id} != base.undone:
                base = None  # an undo after it took back a change before it
            if base is None:
                base = SessionState()
                settle(base)
                tail = read_events(conn, self.path)
            else:
                tail = read_events(conn, self.path, after=base.last_event_id)
        finally:
            conn.execute("ROLLBACK")  # nothing was written: only the reads end
        state, self._marks, self._recent = self._fold_marked(base, tail, undone)
        return state

    def _fold_marked(self, base: SessionState, events: list[Event], undone: set[int], *,
                     strict: bool = False
                     ) -> tuple[SessionState, list[SessionState], list[Event]]:
        """``events`` folded onto a copy of ``base`` (settled, kept as it is), with copies
        of the state at the last two multiples of MARK_EVERY events along the way: (the
        state, the marks, the events after the first mark)."""
        state = copy_containers(base)
        marks = [base]
        step = self.MARK_EVERY
        cut = len(events) - len(events) % step
        done = 0
        for place in (cut - step, cut):
            if place <= 0:
                continue
            fold_onto(state, events[done:place], undone, strict=strict)
            settle(state)
            marks.append(copy_containers(state))
            done = place
        fold_onto(state, events[done:], undone, strict=strict)
        state.undone = set(undone)
        settle(state)
        marks = marks[-2:]
        return state, marks, [e for e in events if _after(e, marks[0].last_event_id)]

    def _fill_tables_if_asked(self) -> None:
        """A migration that rebuilt the readable tables (m011) leaves them empty and asks,
        in ``meta``, that they be filled from the events: done here, by the first writer,
        from the state just folded, in one transaction with clearing the request."""
        conn = self.conn
        conn.budget.start()
        if conn.execute("SELECT 1 FROM meta WHERE key = ?", [REBUILD]).fetchone() is None:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._write_all_tables(self.state)
            conn.execute("DELETE FROM meta WHERE key = ?", [REBUILD])
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise SaveError(disk_message(self.path, exc)) from None
            raise

    def _write_all_tables(self, state: SessionState) -> None:
        """Empty every readable table and write the rows of ``state`` (in a transaction)."""
        for table in TABLES:
            self.conn.execute(f"DELETE FROM [{table}]")
            for key, row in table_rows(state, table).items():
                self._upsert(table, key, row)

    def _remember_written(self) -> None:
        """The tables compared with what was written (the one-row ones and those
        ``Table.compared``) as the file holds them now (``tables.changed_rows``)."""
        self._written = {name: table_rows(self.state, name) for name, spec in TABLES.items()
                         if spec.changed is None or spec.compared}

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
                schema.create(conn)
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
            schema.check_and_migrate(conn, path, migrate=not readonly)
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
            if not self.readonly:
                self._keep_snapshot()
            self.conn.close()
        finally:
            self._handle.release(writer=not self.readonly)
            self._handle = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _keep_snapshot(self) -> None:
        """Write a mark as the file's snapshot, when the next opening would otherwise fold
        many events. A cache: whatever goes wrong here, nothing is lost (the events are
        all there) and closing goes on."""
        last = self.state.last_event_id
        if last - (self._snapshot_upto or 0) < self.SNAPSHOT_AFTER:
            return
        # The newest mark a few changes back, so that undoing the last ones after
        # reopening folds from it, not from the start.
        marks = [m for m in self._marks if m.last_event_id > (self._snapshot_upto or 0)]
        mark = next((m for m in reversed(marks) if last - m.last_event_id >= 20),
                    marks[0] if marks else None)
        if mark is None:
            return
        upto = mark.last_event_id
        # The fold of the events up to it, as opening will check: no undo after it may
        # have changed what was undone before it.
        prefix = undone_ids(u for u in self._undos if u.id is not None and u.id <= upto)
        if {i for i in self.state.undone if not isinstance(i, int) or i <= upto} != prefix:
            return
        kept = replace(mark, undone=prefix)
        from workshop.core import snapshot

        conn = self.conn
        try:
            conn.budget.start()
            conn.execute("BEGIN IMMEDIATE")
            if snapshot.write(conn, kept):
                conn.execute("COMMIT")
                self._snapshot_upto = upto
            else:
                conn.execute("ROLLBACK")
        except Exception:  # noqa: BLE001  # see above
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")

    # ---- reading -------------------------------------------------------------------
    @property
    def events(self) -> list[Event]:
        """Every event of the file, read and checked now (once the store is closed,
        through a connection of their own)."""
        if self._handle is None:
            with contextlib.closing(connect_readonly(self.path)) as conn:
                return read_events(conn, self.path)
        return read_events(self.conn, self.path)

    @property
    def log(self) -> undo.Log:
        """The events as undo reads them: the recent ones from memory, the rest from
        the file as far as a walk back goes."""
        return _FileLog(self)

    def last_undoable(self) -> Event | None:
        """The latest change still in effect that "undo" would cancel."""
        return undo.last_undoable(self.log, self.state)

    def last_redoable(self) -> Event | None:
        """The latest undo still in effect that "redo" would cancel."""
        return undo.last_redoable(self.log, self.state)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """What the readable tables hold now, each sorted by its key."""
        out = {}
        self.conn.budget.start()
        for table, spec in TABLES.items():
            order = ", ".join(spec.key_columns)
            query = f"SELECT * FROM [{table}] ORDER BY {order}"
            cursor = self.conn.execute(query)
            names = [d[0] for d in cursor.description]
            out[table] = [dict(zip(names, r, strict=True)) for r in cursor]
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
        if not undo.takes_after_finish(self.log, self.state, kind, data):
            # Checked here, when a change is made, not by the fold: a file written before
            # this rule keeps what it holds.
            raise RuleError(t("This session is finished: reopen it to change it."))
        data = {k: _clean(v) for k, v in data.items()}
        created = spec.creates
        if created is not None and data.get(created.field) is None:
            data[created.field] = self.state.next_id(created.counter, created.existing(self.state))
        event = Event(kind, data, at or now())
        raw = _check_new(event)  # the JSON as checked is the JSON stored
        self._check_still_there()
        conn = self.conn
        conn.budget.start()
        try:
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)",
                               (event.at, event.kind, raw))
            event = Event(event.kind, event.data, event.at, cur.lastrowid)
            if kind == "undo":
                new_state, writes, keep = self._state_after_undo(event)
                for table, key, row in writes:
                    self._upsert(table, key, row)
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
            if kind != "undo":
                # The write failed after apply() changed the state: fold it again from
                # the newest mark.
                self.state = self._refold()
                self._remember_written()
            if isinstance(exc, sqlite3.Error):
                raise SaveError(disk_message(self.path, exc)) from None
            raise
        if kind == "undo":
            keep()
            self.state = new_state
            self._remember_written()
        else:
            self._recent.append(event)
            self._mark()
        return event

    # The room's writes leave folding the write-ahead log into the file (a checkpoint:
    # every page the log holds written into the file, and a wait for the disk) to
    # ``fold_log``, in another thread, once the log holds this much; SQLite's own, at
    # 1,000 pages, ran inside a commit, in the event loop the facilitator's keys and
    # the phones' answers go through. Below SQLite's 1,000 pages (about 4 MB), so a
    # commit of the facilitator's, which keeps SQLite's own, seldom finds it due.
    LOG_LIMIT = 2 * 1024 * 1024

    @contextlib.contextmanager
    def sync_later(self) -> Iterator[None]:
        """Changes recorded inside are committed (other readers see them, a crashed
        process keeps them) without waiting for the disk and without folding the log
        into the file; ``sync`` waits for the disk and ``fold_log`` folds, in another
        thread if the caller likes. For a writer that must not stop for the disk (the
        room's phones, answered between the facilitator's keys): whoever is told
        "saved" is told after ``sync``. Everything else waits for the disk at each
        commit (synchronous=FULL)."""
        conn = self.conn
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            yield  # no log that ``sync`` could flush: each commit waits for the disk
            return
        folds_at = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        conn.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: no fsync at commit
        conn.execute("PRAGMA wal_autocheckpoint=0")
        # Once folded, the log starts again from its beginning, cut to this size.
        conn.execute(f"PRAGMA journal_size_limit={self.LOG_LIMIT}")
        try:
            yield
        finally:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute(f"PRAGMA wal_autocheckpoint={int(folds_at)}")

    def sync(self) -> bool:
        """Return once every change committed so far is on disk; SaveError when the disk
        refuses. Safe from another thread: it touches the file, not the connection. A
        commit writes its pages into the write-ahead log (``-wal``), so flushing that file
        is what a FULL commit does; a log already folded into the file and removed (the
        store closed) was flushed first by SQLite. True when the log has grown past
        LOG_LIMIT: time to ``fold_log``."""
        wal = os.fspath(self.path) + "-wal"
        try:
            fd = os.open(wal, os.O_RDWR)
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise SaveError(disk_message(self.path, exc)) from None
        try:
            os.fsync(fd)
            return os.fstat(fd).st_size > self.LOG_LIMIT
        except OSError as exc:
            raise SaveError(disk_message(self.path, exc)) from None
        finally:
            os.close(fd)

    def fold_log(self) -> bool:
        """Fold the write-ahead log into the file once it holds more than LOG_LIMIT
        bytes (True when it did). Safe from another thread: it works through a
        connection of its own, and a commit meanwhile waits for nothing (a passive
        checkpoint: what is committed after it began is folded the next time). The
        log starts again from its beginning at the next commit (``sync_later`` cut it
        to the limit), so its size says how much it holds. Nothing is lost when the
        disk refuses: the log keeps it all (SaveError, as SQLite's own would be
        ignored)."""
        wal = os.fspath(self.path) + "-wal"
        try:
            if os.stat(wal).st_size <= self.LOG_LIMIT:
                return False
            conn = connect(self.path, "write")
        except FileNotFoundError:
            return False  # closed: folded and removed
        except (OSError, sqlite3.Error) as exc:
            raise SaveError(disk_message(self.path, exc)) from None
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error as exc:
            raise SaveError(disk_message(self.path, exc)) from None
        finally:
            conn.close()
        return True

    def _mark(self) -> None:
        """Copy the state every MARK_EVERY events, keeping the last two copies."""
        newest = self._marks[-1]
        if self.state.last_event_id - newest.last_event_id < self.MARK_EVERY:
            return
        self._marks.append(copy_containers(self.state))
        if len(self._marks) > 2:
            del self._marks[0]
            first = self._marks[0].last_event_id
            self._recent = [e for e in self._recent if _after(e, first)]

    def _refold(self) -> SessionState:
        """The state folded again from the newest mark (after a failed write)."""
        mark = self._marks[-1]
        state = copy_containers(mark)
        undone = set(self.state.undone)
        fold_onto(state, [e for e in self._recent if _after(e, mark.last_event_id)], undone)
        state.undone = undone
        settle(state)
        return state

    def _state_after_undo(self, event: Event) -> tuple[SessionState, list[Write],
                                                       Callable[[], None]]:
        """The state once the undo ``event`` takes effect, the table rows that change,
        and what to keep once it is committed; RuleError when it may not: an unknown or
        already undone target, a change the rules no longer allow once it is gone, or
        results already revealed that would change (``Spec.final``).

        The log is folded again from the newest mark before every event whose undone or
        done state changes, not from the start: an undo of a recent change costs the
        few hundred events since the mark."""
        undo.check_target(self.log, self.state, event)
        before = self.state.undone
        after = undone_ids([*self._undos, event])
        first = min((i for i in before ^ after if isinstance(i, int)), default=event.id or 0)
        mark = next((m for m in reversed(self._marks) if m.last_event_id < first), None)
        if mark is None or mark.last_event_id == 0:
            return self._whole_after_undo(event, after)
        since = [e for e in self._recent if _after(e, mark.last_event_id)]
        new = copy_containers(mark)
        try:
            fold_onto(new, [*since, event], after, strict=True)
        except RuleError as exc:
            raise undo.refused(exc) from None
        new.undone = after
        undo.check_final(self.state, new)
        # What may differ from the tables now: whatever either fold touched since the mark.
        again = copy_containers(mark)
        fold_onto(again, since, before)
        writes = list(self._writes_between(new, again))
        settle(new)
        marks = [m for m in self._marks if m.last_event_id < first]

        def keep() -> None:
            self._marks = marks
            self._undos.append(event)
            self._recent.append(event)
        return new, writes, keep

    def _whole_after_undo(self, event: Event, after: set[int]
                          ) -> tuple[SessionState, list[Write], Callable[[], None]]:
        """An undo reaching back before every mark: the whole log folded again."""
        events = self.events  # the undo's row included: it is in this transaction
        if not events or events[-1].id != event.id:
            events.append(event)
        base = SessionState()
        settle(base)
        try:
            new, marks, recent = self._fold_marked(base, events, after, strict=True)
        except RuleError as exc:
            raise undo.refused(exc) from None
        undo.check_final(self.state, new)
        writes = list(self._all_writes(new))

        def keep() -> None:
            self._marks, self._recent = marks, recent
            self._undos.append(event)
        return new, writes, keep

    def _writes_between(self, new: SessionState, again: SessionState) -> Iterator[Write]:
        """The rows of ``new`` that differ from the tables (which hold ``self.state``),
        among the keys ``new`` or ``again`` (the current state folded again from the
        same mark) changed since that mark."""
        for name, spec in TABLES.items():
            if spec.changed is None:
                old_rows, new_rows = self._written.get(name, {}), table_rows(new, name)
                keys: Iterable[Key] = sorted(old_rows.keys() | new_rows.keys(), key=key_order)
                for key in keys:
                    if old_rows.get(key) != new_rows.get(key):
                        yield name, key, new_rows.get(key)
                continue
            keys = sorted(set(spec.changed(new)) | set(spec.changed(again)), key=key_order)
            for key in keys:
                row = spec.row(new, key)
                if spec.row(self.state, key) != row:
                    yield name, key, row

    def _all_writes(self, new: SessionState) -> Iterator[Write]:
        """Every row of ``new`` that differs from the tables (which hold ``self.state``)."""
        for table in TABLES:
            old_rows, new_rows = table_rows(self.state, table), table_rows(new, table)
            for key in sorted(old_rows.keys() - new_rows.keys(), key=key_order):
                yield table, key, None
            for key, row in new_rows.items():
                if old_rows.get(key) != row:
                    yield table, key, row

    def _check_still_there(self) -> None:
        """SQLite goes on writing into a file that was deleted or replaced (a sync tool, a
        careless move), and all of it would be lost on closing: refuse instead, so the
        facilitator saves a copy (``save_copy``) while everything is still in memory."""
        if self._handle is None or not self._handle.still_at(self.path):
            raise SaveError(disk_message(self.path, FileNotFoundError(
                errno.ENOENT, "No such file")))

    def save_copy(self, path: str | Path) -> Path:
        """Write everything recorded so far into a new session file, e.g. on another disk
        when this one is full or this file is gone: the events are read through the
        connection open since the start, which still reads a file deleted or moved
        under it. Returns the new file's path."""
        path = Path(path)
        events, state = self.events, self.state

        def build(tmp: Path) -> None:
            conn = connect(tmp, "new")
            try:
                schema.create(conn)
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
        if row is None:
            self.conn.execute(_delete_sql(table), key)
            return
        cols = tuple(row)
        self.conn.execute(_upsert_sql(table, cols), [row[c] for c in cols])

    def rebuild_tables(self) -> None:
        """Empty the readable tables and fill them again from the events."""
        if self.readonly:
            raise SessionFileError(t("{path} is open read-only.", path=self.path))
        undone = undone_ids(self._undos)
        base = SessionState()
        settle(base)
        state, marks, recent = self._fold_marked(base, self.events, undone)
        conn = self.conn
        conn.budget.start()
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._write_all_tables(state)
            conn.execute("DELETE FROM meta WHERE key = ?", [REBUILD])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self.state, self._marks, self._recent = state, marks, recent
        self._remember_written()


def session_language(path: Path) -> str | None:
    """The language in a session file's readable table, without a lock or a fold; None
    when the file cannot be read (the caller has a default)."""
    try:
        schema.check_file(path)
        with contextlib.closing(connect_readonly(path)) as conn:
            schema.check_and_migrate(conn, path, migrate=False)
            row = conn.execute("SELECT lang FROM session").fetchone()
    except (SessionFileError, sqlite3.Error):
        return None
    return row[0] if row and isinstance(row[0], str) else None


def _has_snapshot(conn: SessionConnection) -> bool:
    """Whether the file has a snapshot: most have none, and opening them need not import
    the snapshot's module."""
    return conn.execute("SELECT 1 FROM meta WHERE key = ?",
                        (schema.SNAPSHOT_KEY,)).fetchone() is not None


def read_events(conn: SessionConnection, path: Path, *, after: int | None = None,
                undos: bool = False) -> list[Event]:
    """The events of a session file whose schema was checked (those after the id
    ``after``; only the undos with ``undos``), each checked in turn (``eventcheck``):
    the first one this version cannot take in refuses the file."""
    conn.budget.start()
    where = ["id > ?"] if after is not None else []
    if undos:
        where.append("kind = 'undo'")
    sql = "SELECT id, at, kind, data FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = conn.execute(sql + " ORDER BY id", () if after is None else (after,))
    try:
        return [checked(row, path) for row in rows]
    finally:
        rows.close()  # also when one is refused: a statement left open keeps the -wal


def checked(row: tuple[Any, Any, Any, Any], path: Path) -> Event:
    """One event as stored, checked; SessionFileError naming the file if it is bad."""
    try:
        return read_event(row)
    except EventError as exc:
        if exc.newer_kind is not None:
            raise SessionFileError(t(
                "{path} holds a kind of change this version of workshop does not know "
                "(“{kind}”, event {id}): it was probably written by a newer version. "
                "Update workshop to open it.", path=path, kind=exc.newer_kind,
                id=row[0])) from None
        raise SessionFileError(t("{path} is damaged ({why}).", path=path, why=exc)) from None


class _FileLog:
    """A store's events as undo reads them (``undo.Log``): the recent ones from memory,
    older ones from the file, read and checked as a walk reaches them."""

    def __init__(self, store: Store):
        self.store = store

    def _rows(self, sql: str, *args: object) -> Iterator[Event]:
        conn = self.store.conn
        conn.budget.start()
        rows = conn.execute(sql, args)
        try:
            for row in rows:
                yield checked(row, self.store.path)
        finally:
            rows.close()

    def forwards(self) -> Iterator[Event]:
        return self._rows("SELECT id, at, kind, data FROM events ORDER BY id")

    def backwards(self) -> Iterator[Event]:
        recent = self.store._recent
        yield from reversed(recent)
        if recent and recent[0].id is not None:
            yield from self._rows("SELECT id, at, kind, data FROM events WHERE id < ? "
                                  "ORDER BY id DESC", recent[0].id)
        elif not recent:
            yield from self._rows("SELECT id, at, kind, data FROM events ORDER BY id DESC")

    def get(self, event_id: object) -> Event | None:
        if not isinstance(event_id, int) or isinstance(event_id, bool):
            return None
        return next(self._rows("SELECT id, at, kind, data FROM events WHERE id = ?",
                               event_id), None)


def _quoted(columns: Sequence[str]) -> list[str]:
    """Key columns for SQL: a name in brackets, an expression (``Table.key_sql``) as it is."""
    return [c if "(" in c else f"[{c}]" for c in columns]


@cache
def _delete_sql(table: str) -> str:
    where = " AND ".join(f"{c} = ?" for c in _quoted(TABLES[table].key_columns))
    return f"DELETE FROM [{table}] WHERE {where}"


@lru_cache(maxsize=256)
def _upsert_sql(table: str, cols: tuple[str, ...]) -> str:
    """A row of ``table`` written whether or not one with its key is there (the key as
    ``Table.key_columns`` says: a unique index where a part may be NULL)."""
    spec = TABLES[table]
    names = ", ".join(f"[{c}]" for c in cols)
    marks = ", ".join("?" for _ in cols)
    updates = ", ".join(f"[{c}] = excluded.[{c}]" for c in cols if c not in spec.pk)
    sql = (f"INSERT INTO [{table}] ({names}) VALUES ({marks}) "
           f"ON CONFLICT({', '.join(_quoted(spec.key_columns))}) DO ")
    return sql + (f"UPDATE SET {updates}" if updates else "NOTHING")


def _after(event: Event, event_id: int) -> bool:
    return event.id is not None and event.id > event_id


def _check_new(event: Event) -> str:
    """A change meets the limits a file is read with (``eventcheck``), whatever channel it
    came through: typed, pasted, imported. Returns its data's JSON, as checked, for the
    INSERT (made once: the same string the check read back)."""
    try:
        raw = event.to_json()
        parse_data(raw)
        check_event(event.kind, event.data, event.at)
        return raw
    except EventError as exc:
        if exc.length is not None and exc.limit is not None:  # set together
            raise RuleError(t("This entry is too long: {n} characters; an entry holds at most "
                              "{limit}.", n=count_text(exc.length),
                              limit=count_text(exc.limit))) from None
        raise RuleError(t("A change is missing data or has the wrong type: {kind}.",
                          kind=event.kind)) from None
