"""The session file's schema, its migrations, and the checks run before opening one.

Migrations are sqlite-utils ``Migrations``: each runs once, in its own transaction, and
is recorded in ``_sqlite_migrations``. A file that lists a migration this version does
not know was written by a newer version and is refused rather than guessed at.

A file someone sends may carry SQL of its own: a trigger that rewrites what is saved, a
view in place of a table, a search index over a view. So before anything else is read
or written, the file's schema is compared with the one this version builds for the
same migrations (built once, in memory, by the migrations themselves): any trigger,
view, virtual table or index it does not make, and any table defined otherwise, gets
the file refused. Extra plain tables (a researcher's own) are left alone: nothing in
them runs when ours are read or written.

Building that reference schema (and importing sqlite-utils to run the migrations) was a
good part of every start of the TUI. A file whose schema is exactly this version's, as
almost every file opened is, is recognised by a fingerprint of its schema
(``SCHEMA_FINGERPRINT``, kept equal to the built one by a test); any other file, a
damaged, foreign or older one, is compared with the reference built in memory, object by
object, as before.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.core.connection import connect_memory, trust_checked_schema
from workshop.core.errors import SessionFileError
from workshop.core.filelock import read_header
from workshop.core.kinds import registry
from workshop.core.record import record
from workshop.core.researcher_tables import m011_researcher_tables
from workshop.core.targets import not_a_file
from workshop.i18n import t

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

APP = "workshop"
# The meta row of a file's snapshot header (its parts: "snapshot.1", …; see snapshot.py).
# Here, not in snapshot.py, so that opening a file without one need not import that.
SNAPSHOT_KEY = "snapshot"

# The readable tables and their columns as the first version created them (the events
# table is the truth). Frozen: m001 must build exactly this, whatever comes later.
_FIRST_COLUMNS: dict[str, tuple[dict[str, type], tuple[str, ...]]] = {
    "session": ({"id": int, "title": str, "client": str, "facilitator": str, "lang": str,
                 "script_name": str, "script_title": str, "dots": int, "cap": int,
                 "created_at": str, "current_step": int, "finished": int}, ("id",)),
    "participants": ({"pid": int, "pseudonym": str, "name": str, "segment": str,
                      "consent": int}, ("pid",)),
    "steps": ({"step": int, "title": str, "kind": str, "minutes": float,
               "elapsed_seconds": float, "running_since": str, "entered_at": str}, ("step",)),
    "moments": ({"mid": int, "text": str, "stage": str, "touchpoint": str, "pid": int,
                 "created_at": str, "position": int}, ("mid",)),
    "expectations": ({"xid": int, "mid": int, "type": str, "text": str, "pid": int,
                      "created_at": str}, ("xid",)),
    "ratings": ({"mid": int, "pid": int, "value": int, "created_at": str}, ("mid", "pid")),
    "prompts": ({"did": int, "prompt_id": str, "technique": str, "text": str, "mid": int,
                 "created_at": str}, ("did",)),
    "ideas": ({"iid": int, "mid": int, "text": str, "pid": int, "did": int, "prompt_id": str,
               "technique": str, "prompt_text": str, "created_at": str}, ("iid",)),
    "vote_rounds": ({"rid": int, "target": str, "dots": int, "cap": int, "blind": int,
                     "step": int, "revealed": int, "revealed_at": str}, ("rid",)),
    "votes": ({"rid": int, "pid": int, "item": int, "dots": int}, ("rid", "pid", "item")),
    "notes": ({"nid": int, "type": str, "text": str, "pid": int, "mid": int, "step": int,
               "created_at": str}, ("nid",)),
    "actions": ({"aid": int, "type": str, "text": str, "mid": int, "owner": str,
                 "created_at": str}, ("aid",)),
}

# Tables whose text is searchable across sessions (workshop search): table -> id column
# (as m011 names it).
_FIRST_SEARCHABLE = {"moments": "mid", "expectations": "xid", "ideas": "iid", "notes": "nid",
                     "actions": "aid"}  # frozen: what m002 indexes
SEARCHABLE = {"moments": "moment_id", "expectations": "expectation_id", "ideas": "idea_id",
              "notes": "note_id", "actions": "action_id", "findings": "finding_id",
              "group_feelings": "moment_id"}
_TOKENIZE = "unicode61 remove_diacritics 2"


def m001_initial(db: Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key")
    db.table("meta").insert_all([{"key": "app", "value": APP}])
    db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
               "kind TEXT NOT NULL, data TEXT NOT NULL)")
    for table, (columns, pk) in _FIRST_COLUMNS.items():
        db.table(table).create(columns, pk=pk if len(pk) > 1 else pk[0])
    db.table("events").create_index(["kind"])


def m002_search(db: Database) -> None:
    """Full-text search over everything participants said (kept up to date by triggers)."""
    for table in _FIRST_SEARCHABLE:
        db.table(table).enable_fts(["text"], create_triggers=True, tokenize=_TOKENIZE)


def m003_expectations_findings(db: Database) -> None:
    """Each rating says its scale (a participant rates a moment on both, so the scale
    joins the key); every rating before this was of performance. Notes can be insights,
    actions say by when and how success is measured, and findings get their table."""
    db.table("ratings").add_column("scale", str)
    db.execute("UPDATE ratings SET scale = 'performance'")
    db.table("ratings").transform(pk=("mid", "pid", "scale"))
    db.table("notes").add_column("insight", int)
    db.execute("UPDATE notes SET insight = 0")
    db.table("actions").add_column("due", str)
    db.table("actions").add_column("measure", str)
    db.table("findings").create({"fid": int, "headline": str, "meaning": str, "recommendation": str,
                           "moments": str, "quotes": str, "figures": str, "position": int,
                           "created_at": str}, pk="fid")
    db.table("findings").enable_fts(["headline", "meaning", "recommendation"], create_triggers=True,
                              tokenize=_TOKENIZE)


# Every migration in the order it runs: ours, then the later changes that come with the
# kinds that need them (``Spec.migrations``), in name order, with m011 (the readable
# tables rebuilt for researchers: names, foreign keys, views; every kind's) in its place.
STEPS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("m001_initial", m001_initial), ("m002_search", m002_search),
    ("m003_expectations_findings", m003_expectations_findings),
    *((m.name, m.apply) for m in registry.MIGRATIONS if m.name < "m011"),
    ("m011_researcher_tables", m011_researcher_tables),
    *((m.name, m.apply) for m in registry.MIGRATIONS if m.name > "m011"))
NAMES = [name for name, _ in STEPS]
SCHEMA_VERSION = len(NAMES)
KNOWN = set(NAMES)
RESEARCHER_TABLES = "m011_researcher_tables"

# The fingerprint (``fingerprint``) of the schema the migrations above build. A test holds
# it to the built one: a new migration changes it, and that test names the new value.
SCHEMA_FINGERPRINT = "e80a00ee880fdc57a66abf12f916a9ef544d85a92e2b6d030b2ab129a9c40561"


@cache
def _migrations() -> Migrations:
    """sqlite-utils' Migrations over STEPS: made (and sqlite-utils imported) only when a
    schema is built or migrated."""
    from workshop.core.sqlitelib import Migrations

    built = Migrations(APP)
    for name, apply in STEPS:
        built(name=name)(apply)
    return built


def __getattr__(name: str) -> Any:
    if name == "migrations":  # schema.migrations, made on first use
        return _migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# The tables as they are now, as the kinds declare them (a test checks that the
# migrations build exactly these).
COLUMNS: dict[str, tuple[dict[str, type], tuple[str, ...]]] = {
    name: (dict(table.columns), table.pk) for name, table in registry.TABLES.items()}


def create(db: Database | sqlite3.Connection) -> None:
    """Give a new, empty file the whole schema: a copy of the one the migrations built
    in memory, once per process (running them again for every new file, each table made
    and altered in turn, was most of the time a new session took)."""
    conn = _connection(db)
    _template().backup(conn)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def _connection(db: Database | sqlite3.Connection) -> sqlite3.Connection:
    return db if isinstance(db, sqlite3.Connection) else db.conn


_TEMPLATE = threading.local()  # a connection serves the thread that made it


def _template() -> sqlite3.Connection:
    """An in-memory database with every migration applied, as a new file gets it (one
    per thread: the TUI creates sessions in a worker thread)."""
    conn: sqlite3.Connection | None = getattr(_TEMPLATE, "conn", None)
    if conn is None:
        from workshop.core.sqlitelib import Database

        conn = connect_memory()
        trust_checked_schema(conn)  # built here, by our own migrations
        db = Database(conn)
        with db.atomic():  # one transaction for every migration
            _migrations().apply(db)
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        _TEMPLATE.conn = conn
    return conn


def check_file(path: Path) -> None:
    """Refuse what is plainly not a session file, without opening it for writing."""
    if not path.exists():
        raise SessionFileError(t("{path}: no such session file.", path=path))
    if path.is_dir():
        raise SessionFileError(t("{path} is a folder, not a session file.", path=path))
    odd = not_a_file(path)  # a named pipe, opened, would wait for a writer forever
    if odd:
        raise SessionFileError(odd)
    try:
        header = _header(path)
    except OSError as exc:
        raise SessionFileError(t("{path} cannot be read ({why}).", path=path,
                                 why=exc.strerror)) from None
    if not header:
        raise SessionFileError(t("{path} is empty: it is not a session file.", path=path))
    if header != b"SQLite format 3\x00":
        raise SessionFileError(t("{path} is not a workshop session file.", path=path))


def _header(path: Path) -> bytes:
    # Closing any descriptor of a file drops every POSIX lock this process holds on it,
    # SQLite's included: a file a Store has open here is read through the Store's own
    # descriptor, never opened and closed again.
    return read_header(path, 16)


def check_and_migrate(db: Database | sqlite3.Connection, path: Path, *, migrate: bool) -> None:
    """Refuse a file that is not a session as this version writes it; migrate a writer's.

    Nothing but the schema and two tables already checked is read before the whole
    schema is found to be ours. ``db``: the file's connection (or sqlite-utils' Database
    around it).
    """
    conn = _connection(db)
    found = _objects(conn)
    # This version's schema and nothing else: what comparing it object by object with the
    # reference would find, without building the reference.
    current = fingerprint(found) == SCHEMA_FINGERPRINT
    full = None if current else expected(tuple(NAMES))
    row = None
    if full is None or _same(found.get("meta"), full.objects["meta"]):
        row = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    if not row or row[0] != APP:
        raise SessionFileError(t("{path} is a SQLite file, but not a workshop session.", path=path))
    if full is not None and not _same(found.get("_sqlite_migrations"),
                                      full.objects["_sqlite_migrations"]):
        _refuse_object(conn, path, "_sqlite_migrations", found, full)
    applied = {name for (name,) in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [APP])}
    newer = applied - KNOWN
    if newer:
        raise SessionFileError(t(
            "{path} was written by a newer version of workshop (schema {found}; this one "
            "reads up to {known}). Update workshop to open it.",
            path=path, found=len(applied), known=SCHEMA_VERSION))
    done = NAMES[:len(applied)]
    if set(done) != applied:  # m002 without m001: not something a migration leaves
        raise SessionFileError(t("{path} is damaged ({why}).", path=path,
                                 why=t("its list of migrations has gaps")))
    if not (current and applied == KNOWN):
        check_shape(conn, path, expected(tuple(done)), found)
    conn.execute("PRAGMA busy_timeout=5000")
    if migrate:
        # The schema is ours: a writer lets its triggers (the search index) run again.
        trust_checked_schema(conn)
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed entry survives a power cut, not only a crashed process.
        conn.execute("PRAGMA synchronous=FULL")
        if applied != KNOWN:
            from workshop.core.sqlitelib import Database

            _migrations().apply(db if isinstance(db, Database) else Database(conn))
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def fingerprint(objects: dict[str, Obj]) -> str:
    """A digest of a schema's objects (name, kind, table, SQL with its whitespace folded):
    two schemas have the same one when they hold the same objects, made the same way;
    anything more (a researcher's own table too) or less makes another."""
    digest = hashlib.sha256()
    for name in sorted(objects):
        obj = objects[name]
        digest.update(f"{len(name)}:{name}{len(obj.kind)}:{obj.kind}{len(obj.table)}:"
                      f"{obj.table}{len(obj.sql)}:{obj.sql}".encode())
    return digest.hexdigest()


# ---- the shape of a session file -------------------------------------------------------


@record
class Obj:
    """A schema object of a session file as sqlite_master lists it."""

    kind: str  # table, index, trigger, view, virtual table
    table: str  # the table it belongs to (sqlite_master.tbl_name)
    sql: str  # whitespace folded; "" for the indexes SQLite makes itself


@record
class Shape:
    """A file's schema: its objects and each table's columns."""

    objects: dict[str, Obj]
    columns: dict[str, tuple[tuple[object, ...], ...]]  # table -> PRAGMA table_xinfo rows


_EXPECTED: dict[tuple[str, ...], Shape] = {}


def expected(applied: tuple[str, ...]) -> Shape:
    """The schema a file with these migrations applied has: built by the migrations
    themselves (in memory, once per process), so a new migration needs no list kept by
    hand."""
    shape = _EXPECTED.get(applied)
    if shape is None:
        if len(applied) == len(NAMES):  # this version's schema: the template's
            return _EXPECTED.setdefault(applied, _shape(_template()))
        conn = connect_memory()
        try:
            from workshop.core.sqlitelib import Database

            trust_checked_schema(conn)  # built here, by our own migrations
            _migrations().apply(Database(conn), stop_before=NAMES[len(applied)])
            shape = _EXPECTED.setdefault(applied, _shape(conn))
        finally:
            conn.close()
    return shape


def remember_built(conn: sqlite3.Connection) -> None:
    """A file ``create`` has just built on this connection is the reference too: a new
    session need not build a second one in memory to be checked when it is opened."""
    _EXPECTED.setdefault(tuple(NAMES), _shape(conn))


def _shape(conn: sqlite3.Connection) -> Shape:
    objects = _objects(conn)
    return Shape(objects, {name: _columns(conn, name) for name, o in objects.items()
                           if o.kind == "table"})


_KINDS = (("CREATE VIRTUAL TABLE", "virtual table"), ("CREATE VIEW", "view"),
          ("CREATE TRIGGER", "trigger"), ("CREATE INDEX", "index"),
          ("CREATE UNIQUE INDEX", "index"), ("CREATE TABLE", "table"))


# What SQLite skips between the words of a statement: spaces and comments.
_GAP = re.compile(r"(?:\s|/\*.*?(?:\*/|\Z)|--[^\n]*)*", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]+")


def _head(sql: str, words: int = 3) -> str:
    """The first words of a statement, upper case, one space apart: a comment between
    them ("CREATE/**/VIRTUAL TABLE") hides nothing."""
    found: list[str] = []
    pos = 0
    while len(found) < words:
        gap = _GAP.match(sql, pos)
        assert gap is not None  # the pattern matches nothing at all too
        pos = gap.end()
        word = _WORD.match(sql, pos)
        if word is None:
            break
        found.append(word.group().upper())
        pos = word.end()
    return " ".join(found)


def _kind(type_: str, sql: str) -> str:
    """What an object is. Judged by its SQL too: with ``writable_schema`` a file can say
    "table" in the type column of what its SQL makes a view, and a virtual table's type
    is "table" anyway."""
    head = _head(sql)
    for prefix, kind in _KINDS:
        if head.startswith(prefix):
            if type_ in ("view", "trigger") and kind != type_:
                return type_
            return kind
    return type_


def _objects(conn: sqlite3.Connection) -> dict[str, Obj]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    out = {}
    for type_, name, table, sql in rows:
        type_, table, sql = str(type_), str(table), str(sql or "")
        # Every session file repeats the same short statements (search reads hundreds of
        # files): those are remembered; a long one, ours never, is not kept in memory.
        out[str(name)] = (_known_obj(type_, table, sql) if len(sql) < 4096
                          else _obj(type_, table, sql))
    return out


def _obj(type_: str, table: str, sql: str) -> Obj:
    sql = " ".join(sql.split())
    return Obj(_kind(type_, sql), table, sql)


_known_obj = lru_cache(maxsize=512)(_obj)


def _columns(conn: sqlite3.Connection, table: str) -> tuple[tuple[object, ...], ...]:
    return tuple(tuple(r) for r in conn.execute(f"PRAGMA table_xinfo([{table}])"))


def _same(found: Obj | None, want: Obj) -> bool:
    return found is not None and found == want


# SQLite's own tables (ANALYZE, AUTOINCREMENT): data for its planner, nothing that runs.
_SQLITE_TABLES = {"sqlite_stat1", "sqlite_stat4", "sqlite_sequence"}


def check_shape(conn: sqlite3.Connection, path: Path, want: Shape,
                found: dict[str, Obj] | None = None) -> None:
    """Refuse (SessionFileError) a schema that differs from ``want``: see the module."""
    found = _objects(conn) if found is None else found
    ours = set(want.objects)
    extra_tables = {name for name, o in found.items()
                    if name not in ours and o.kind == "table"}
    for name, obj in found.items():
        if name in ours:
            if obj != want.objects[name]:
                _refuse_object(conn, path, name, found, want)
        elif obj.kind == "table":
            continue  # an extra plain table (see the module)
        elif obj.kind == "index" and obj.table in extra_tables:
            continue  # an index on such a table
        elif name in _SQLITE_TABLES and obj.kind == "table":
            continue
        else:
            _refuse_object(conn, path, name, found, want)
    # In every version.
    missing = [name for name in ("events", *_FIRST_COLUMNS) if name not in found]
    if missing:
        raise SessionFileError(t("{path} is damaged: the table {table} is missing.",
                                 path=path, table=missing[0]))
    gone = sorted(ours - set(found))
    if gone:
        raise SessionFileError(t("{path} is damaged: “{name}” is missing from its schema.",
                                 path=path, name=gone[0]))


def _refuse_object(conn: sqlite3.Connection, path: Path, name: str, found: dict[str, Obj],
                   want: Shape) -> None:
    obj = found.get(name)
    if obj is None:
        raise SessionFileError(t("{path} is damaged: “{name}” is missing from its schema.",
                                 path=path, name=name))
    if obj.kind == "table" and want.objects.get(name, obj).kind == "table":
        return _refuse_table(conn, path, name, want)
    if obj.kind == "trigger":
        raise SessionFileError(t("{path} is refused: it holds a trigger “{name}” that workshop "
                                 "did not make (SQL from a session file never runs).",
                                 path=path, name=name))
    if obj.kind == "virtual table":
        raise SessionFileError(t("{path} is refused: it holds a virtual table “{name}” that "
                                 "workshop did not make (SQL from a session file never runs).",
                                 path=path, name=name))
    if obj.kind == "index":
        raise SessionFileError(t("{path} is refused: it holds an index “{name}” that workshop "
                                 "did not make.", path=path, name=name))
    raise SessionFileError(t("{path} is refused: it holds a view “{name}” that workshop did "
                             "not make (SQL from a session file never runs).",
                             path=path, name=name))


def _refuse_table(conn: sqlite3.Connection, path: Path, table: str, want: Shape) -> None:
    """A table of ours defined otherwise: name the column that differs, if one does."""
    have = {c[1]: c for c in _columns(conn, table)}
    for column in want.columns[table]:
        name, declared = column[1], column[2]
        mine = have.pop(name, None)
        if mine is None:
            raise SessionFileError(t("{path} is damaged: the table {table} has no column {column}.",
                                     path=path, table=table, column=name))
        if str(mine[2]).upper() != str(declared).upper():
            raise SessionFileError(t(
                "{path} is refused: the column “{column}” of the table “{table}” is declared "
                "{found} where workshop declares {expected}.", path=path, table=table,
                column=name, found=mine[2] or "–", expected=declared))
    if have:
        raise SessionFileError(t("{path} is refused: the table “{table}” has a column “{column}” "
                                 "that workshop did not make.", path=path, table=table,
                                 column=next(iter(have))))
    raise SessionFileError(t("{path} is refused: the table “{table}” is not defined as "
                             "workshop defines it.", path=path, table=table))
