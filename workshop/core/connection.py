"""Every connection to a session file is made here.

A session file may come from anyone (a colleague, a client, a tool that edited it), so
each connection is set up before its first statement so that what the file carries
cannot act on its own:

- ``trusted_schema=OFF``: functions with side effects cannot run from the schema, and
  SQLite's defensive mode and "no views" where Python can set them (3.12+ has
  ``Connection.setconfig``; 3.11 gives no way to reach ``sqlite3_db_config``);
- limits: no value larger than a session needs (a 300 MB entry is refused by SQLite
  before it reaches Python), short trigger chains;
- a budget of work for every read (a progress handler), so that a crafted query plan, a
  recursive view or a huge join, is stopped with a message instead of hanging.

What the schema may contain is checked by ``schema.check_shape`` before anything else
is read.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from workshop.core.errors import SessionFileError
from workshop.core.limits import MAX_VALUE_BYTES
from workshop.i18n import t

# SQLite calls the budget every STEP virtual-machine instructions. Reading the 100,000
# events of a 21 MB session takes about 0.6 million; the budget allows 50 million plus
# 2 per byte of the file (about 1.5 s of work on a laptop for a small file), so a real
# session never comes near it and a runaway query stops within seconds.
STEP = 1_000
BASE = 50_000_000
PER_BYTE = 2

_LIMITS = {  # each is far above what our own statements and a real session need
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 1_000_000,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 8,  # our own triggers (search) are one deep
}

# Python 3.12+: SQLite's own switches (name -> value). On 3.11 there is no setconfig.
_CONFIG = {"SQLITE_DBCONFIG_DEFENSIVE": True, "SQLITE_DBCONFIG_TRUSTED_SCHEMA": False,
           "SQLITE_DBCONFIG_ENABLE_VIEW": False}

_TOOBIG = 18  # SQLITE_TOOBIG


class Budget:
    """The work one read of a file may take. ``start()`` before each read."""

    def __init__(self, path: Path | None):
        self.path = path
        self.used = 0
        self.limit = BASE // STEP
        self.exceeded = False

    def start(self) -> None:
        try:
            size = os.stat(self.path).st_size if self.path is not None else 0
        except OSError:
            size = 0
        self.used, self.exceeded = 0, False
        self.limit = (BASE + PER_BYTE * size) // STEP

    def __call__(self) -> int:
        self.used += 1
        if self.used > self.limit:
            self.exceeded = True
            return 1  # SQLite stops the statement: OperationalError "interrupted"
        return 0


class SessionConnection(sqlite3.Connection):
    """A connection that knows its file and carries its read budget."""

    path: Path | None = None
    budget: Budget


def connect(path: str | Path, mode: str) -> SessionConnection:
    """A hardened connection to a session file.

    ``mode``: "new" for a file we are building (it may be created), "write" for an
    existing file, "read" for looking without changing anything. A reader gets a
    normal connection that refuses writes, so that the last one to close tidies the
    -wal and -shm files away (a ``mode=ro`` connection would leave them beside every
    file it looked at); only where the folder cannot be written is ``mode=ro`` used.
    """
    path = Path(path)
    if mode == "new":  # a file we create and build here: its schema is ours from the start
        conn = _open(str(path), path)
        trust_checked_schema(conn)
        return conn
    # As bytes: a name that is not UTF-8 (made on another system) is still a name.
    uri = f"file:{quote(os.fsencode(path.resolve()))}"
    if mode == "write" or _writable(path):
        conn = _open(f"{uri}?mode=rw", path)
        if mode == "read":
            conn.execute("PRAGMA query_only=ON")
        return conn
    conn = _open(f"{uri}?mode=ro", path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
    # A WAL file whose folder nobody may write to (a CD, a read-only share) cannot get
    # its -shm; no session can be running there, so read the file as it is.
    return _open(f"{uri}?mode=ro&immutable=1", path)


def connect_readonly(path: str | Path) -> SessionConnection:
    """A connection that reads a session file without a lock (it may be running in
    another window), changes nothing in it, and leaves no -wal or -shm file behind."""
    return connect(Path(path), "read")


def trust_checked_schema(conn: sqlite3.Connection) -> None:
    """Let the schema's own SQL run again, on a connection whose schema was found to be
    exactly the one workshop builds (``schema.check_shape``), or is being built by us,
    and that is about to write.

    Our search index is kept by triggers that write to FTS5 tables, and SQLite refuses
    that with ``trusted_schema=OFF`` (FTS5 is not marked innocuous). A writer needs
    them; the schema is ours by then, so nothing else can run. Readers never write, and
    stay untrusting.
    """
    setconfig = getattr(conn, "setconfig", None)
    option = getattr(sqlite3, "SQLITE_DBCONFIG_TRUSTED_SCHEMA", None)
    if setconfig is not None and option is not None:
        try:
            setconfig(option, True)
        except sqlite3.Error:
            pass
    conn.execute("PRAGMA trusted_schema=ON")


def connect_memory() -> SessionConnection:
    """A hardened connection to a new database in memory (the reference schema)."""
    return _open(":memory:", None)


def _open(target: str, path: Path | None) -> SessionConnection:
    conn = sqlite3.connect(target, uri=target.startswith("file:"), factory=SessionConnection)
    try:
        conn.path = path
        conn.budget = Budget(path)
        conn.budget.start()
        conn.set_progress_handler(conn.budget, STEP)  # first: before any statement
        for limit, value in _LIMITS.items():
            conn.setlimit(limit, value)
        setconfig = getattr(conn, "setconfig", None)
        for name, value in _CONFIG.items():
            option = getattr(sqlite3, name, None)
            if setconfig is not None and option is not None:
                try:
                    setconfig(option, value)
                except sqlite3.Error:  # an older SQLite without this switch
                    pass
        conn.execute("PRAGMA trusted_schema=OFF")
        conn.execute("PRAGMA cell_size_check=ON")  # a damaged page is found, not followed
    except BaseException:
        conn.close()
        raise
    return conn


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def refusal(path: Path, exc: sqlite3.Error, conn: sqlite3.Connection | None = None
            ) -> SessionFileError:
    """The one line for an SQLite error met while reading a session file."""
    budget = getattr(conn, "budget", None)
    if budget is not None and budget.exceeded:
        return SessionFileError(t(
            "{path} is refused: reading it took far more work than any session file needs "
            "(it may have been crafted to hang the program).", path=path))
    if getattr(exc, "sqlite_errorcode", None) == _TOOBIG or "too big" in str(exc):
        return SessionFileError(t(
            "{path} is refused: it holds a value larger than any session file needs.", path=path))
    return SessionFileError(t("{path} is damaged ({why}).", path=path, why=exc))
