"""The session file's schema, its migrations, and the checks run before opening one.

Migrations are sqlite-utils ``Migrations``: each runs once, in its own transaction, and
is recorded in ``_sqlite_migrations``. A file that lists a migration this version does
not know was written by a newer version and is refused rather than guessed at.
"""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

import sqlite_utils
from sqlite_utils import Migrations

from workshop.core.errors import SessionFileError
from workshop.i18n import t

APP = "workshop"
migrations = Migrations(APP)

# The readable tables and their columns as the first version created them (the events
# table is the truth). Frozen: m001 must build exactly this, whatever comes later.
_FIRST_COLUMNS: dict[str, tuple[dict, tuple[str, ...]]] = {
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

# The tables as they are now: the first schema plus each later migration's change, made
# beside that migration (tests check that a new file matches this).
COLUMNS = copy.deepcopy(_FIRST_COLUMNS)

# Tables whose text is searchable across sessions (workshop search): table -> id column.
_FIRST_SEARCHABLE = {"moments": "mid", "expectations": "xid", "ideas": "iid", "notes": "nid",
                     "actions": "aid"}  # frozen: what m002 indexes
SEARCHABLE = {**_FIRST_SEARCHABLE, "findings": "fid"}
# The columns each full-text table indexes (the text, unless said here).
FTS_COLUMNS = {"findings": ("headline", "meaning", "recommendation")}
_TOKENIZE = "unicode61 remove_diacritics 2"


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["meta"].insert_all([{"key": "app", "value": APP}])
    db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
               "kind TEXT NOT NULL, data TEXT NOT NULL)")
    for table, (columns, pk) in _FIRST_COLUMNS.items():
        db[table].create(columns, pk=pk if len(pk) > 1 else pk[0])
    db["events"].create_index(["kind"])


@migrations()
def m002_search(db: sqlite_utils.Database) -> None:
    """Full-text search over everything participants said (kept up to date by triggers)."""
    for table in _FIRST_SEARCHABLE:
        db[table].enable_fts(["text"], create_triggers=True, tokenize=_TOKENIZE)


# m003: measured expectations, the consultant's findings, insights and fuller actions.
COLUMNS["ratings"] = ({**COLUMNS["ratings"][0], "scale": str}, ("mid", "pid", "scale"))
COLUMNS["notes"] = ({**COLUMNS["notes"][0], "insight": int}, ("nid",))
COLUMNS["actions"] = ({**COLUMNS["actions"][0], "due": str, "measure": str}, ("aid",))
COLUMNS["findings"] = ({"fid": int, "headline": str, "meaning": str, "recommendation": str,
                        "moments": str, "quotes": str, "figures": str, "position": int,
                        "created_at": str}, ("fid",))


@migrations()
def m003_expectations_findings(db: sqlite_utils.Database) -> None:
    """Each rating says its scale (a participant rates a moment on both, so the scale
    joins the key); every rating before this was of performance. Notes can be insights,
    actions say by when and how success is measured, and findings get their table."""
    db["ratings"].add_column("scale", str)
    db.execute("UPDATE ratings SET scale = 'performance'")
    db["ratings"].transform(pk=("mid", "pid", "scale"))
    db["notes"].add_column("insight", int)
    db.execute("UPDATE notes SET insight = 0")
    db["actions"].add_column("due", str)
    db["actions"].add_column("measure", str)
    columns, pk = COLUMNS["findings"]
    db["findings"].create(columns, pk=pk[0])
    db["findings"].enable_fts(list(FTS_COLUMNS["findings"]), create_triggers=True,
                              tokenize=_TOKENIZE)


SCHEMA_VERSION = len(migrations._migrations)
KNOWN = {m.name for m in migrations._migrations}


def create(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    # A new file is built under a hidden name and appears whole (store._build_in_place):
    # one transaction for every migration spares a disk sync per migration.
    with db.atomic():
        migrations.apply(db)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")


def check_file(path: Path) -> None:
    """Refuse what is plainly not a session file, without opening it for writing."""
    if not path.exists():
        raise SessionFileError(t("{path}: no such session file.", path=path))
    if path.is_dir():
        raise SessionFileError(t("{path} is a folder, not a session file.", path=path))
    try:
        header = _header(path)
    except OSError as exc:
        raise SessionFileError(t("{path} cannot be read ({why}).", path=path, why=exc.strerror)) from None
    if not header:
        raise SessionFileError(t("{path} is empty: it is not a session file.", path=path))
    if header != b"SQLite format 3\x00":
        raise SessionFileError(t("{path} is not a workshop session file.", path=path))


def _header(path: Path) -> bytes:
    # Closing any descriptor of a file drops every POSIX lock this process holds on it,
    # SQLite's included: a file a Store has open here is read through the Store's own
    # descriptor, never opened and closed again (store imports this module: import late).
    from workshop.core.store import read_header

    return read_header(path, 16)


def check_and_migrate(db: sqlite_utils.Database, path: Path, *, migrate: bool) -> None:
    tables = set(db.table_names())
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'app'").fetchone() if "meta" in tables else None
    except sqlite3.OperationalError:  # another program's "meta" table, of another shape
        row = None
    if not row or row[0] != APP:
        raise SessionFileError(t("{path} is a SQLite file, but not a workshop session.", path=path))
    applied = {m.name for m in migrations.applied(db)}
    newer = applied - KNOWN
    if newer:
        raise SessionFileError(t(
            "{path} was written by a newer version of workshop (schema {found}; this one "
            "reads up to {known}). Update workshop to open it.",
            path=path, found=len(applied), known=SCHEMA_VERSION))
    missing = [name for name in ("events", *_FIRST_COLUMNS) if name not in tables]  # in every version
    if missing:
        raise SessionFileError(t("{path} is damaged: the table {table} is missing.",
                                 path=path, table=missing[0]))
    db.execute("PRAGMA busy_timeout=5000")
    if migrate:
        db.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed entry survives a power cut, not only a crashed process.
        db.execute("PRAGMA synchronous=FULL")
        if applied != KNOWN:
            migrations.apply(db)
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
