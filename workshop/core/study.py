"""A study: many sessions merged into one SQLite database for researchers and Datasette.

Each session file's events are read through the same checks as any session file
(``timeline.load_events``: a damaged or foreign file is refused, one line), folded, and
its state written as the tables the kinds declare (``Spec.study``). Every row carries
its session (UUID, title, date, facilitator, client, script, language) and the tags the
researcher set (``tag``); keys hold across sessions ("<uuid>:m2").

Merging is idempotent by session UUID and event id: a session already in the study is
left alone unless its file has events the study lacks; a file whose events differ from
those the study holds under the same UUID and id is another history of that session
(a copy worked on in two places) and is skipped, saying so. The study keeps every
session's events.

A study holds pseudonyms only, as a report does: participants' names are left out of
its events, and a name typed inside an entry ("Ana said…") is replaced there and in
every table by the same function the reports use (``names.pseudonymizer``), so its
exports are as the reports are. Its events are therefore compared with a session
file's with names and pseudonyms masked (``_Masked``): a participant added or renamed
since the last build changes what is replaced, not the history.

Moments are matched across sessions into themes (``themes``); the views pool each
theme's figures over the groups, and per segment, saying how many groups and people
stand behind each.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workshop.core.errors import WorkshopError
from workshop.core.events import Event
from workshop.core.fold import fold
from workshop.core.identity import derived_uuid, session_uuid
from workshop.core.kinds import registry
from workshop.core.kinds.registry import STUDY_TABLES
from workshop.core.kinds.spec import Ids, StudyColumn, StudyTable
from workshop.core.names import Anonymizer, pseudonymizer
from workshop.core.qda import StudySession
from workshop.core.record import record
from workshop.core.sqlitelib import sqlite_utils
from workshop.core.state import SessionState
from workshop.core.themes import DEFAULT_THRESHOLD, RESEARCHER, Matcher
from workshop.i18n import N_, current_language, t, translator

APP = "workshop-study"
VERSION = 1


class StudyError(WorkshopError):
    """A study database that cannot be used, or a request it cannot answer."""


# What every row says of its session, besides session_id.
SESSION_COLUMNS: tuple[StudyColumn, ...] = (
    StudyColumn("session_title", str, "The session's title."),
    StudyColumn("session_date", str, "The day the session was created (UTC), YYYY-MM-DD."),
    StudyColumn("facilitator", str, "Who led the session."),
    StudyColumn("client", str, "The client the study is for."),
    StudyColumn("script", str, "The script the session followed."),
    StudyColumn("language", str, "The session's language (en, es, pt_BR)."),
)
_SESSION_ID = StudyColumn("session_id", str, "The session's UUID: the same in every copy "
                          "of its file.", "sessions")

SESSIONS = StudyTable(
    "sessions", "Sessions",
    "One row per session merged into the study, with the tags the researcher set "
    "(workshop study tag).",
    (StudyColumn("session_id", str, "The session's UUID: the same in every copy of its "
                 "file."),
     StudyColumn("title", str, "The session's title."),
     StudyColumn("date", str, "The day it was created (UTC), YYYY-MM-DD."),
     StudyColumn("started_at", str, "When it was created (UTC)."),
     StudyColumn("facilitator", str, "Who led it."),
     StudyColumn("client", str, "The client the study is for."),
     StudyColumn("script", str, "The script it followed (its title)."),
     StudyColumn("script_name", str, "The script's file name."),
     StudyColumn("language", str, "Its language (en, es, pt_BR)."),
     StudyColumn("finished", int, "1 if the facilitator finished it."),
     StudyColumn("participants", int, "How many participants."),
     StudyColumn("events", int, "How many events of its log the study holds."),
     StudyColumn("source_file", str, "The name of the file it was last merged from."),
     StudyColumn("merged_at", str, "When the study last took in new events (UTC).")),
    lambda s, ids: [], label="title", facets=("script", "language", "facilitator"))

EVENTS = StudyTable(
    "events", "Events",
    "Every session's event log, as recorded (pseudonyms only): the truth every other "
    "table is folded from.",
    (StudyColumn("session_id", str, _SESSION_ID.description, "sessions"),
     StudyColumn("event_id", int, "The event's number in its session."),
     StudyColumn("at", str, "When it happened (UTC)."),
     StudyColumn("kind", str, "What kind of change (moment_added, vote_cast…)."),
     StudyColumn("data", str, "What it carries, as JSON, with names typed in it replaced "
                 "by pseudonyms.")),
    lambda s, ids: [], facets=("kind",))

THEMES = StudyTable(
    "themes", "Themes",
    "Moments of truth matched across sessions: the same moment in other groups' words.",
    (StudyColumn("theme_id", int, "The theme's number."),
     StudyColumn("name", str, "The theme, named after its first moment or by the "
                 "researcher.")),
    lambda s, ids: [], label="name")

MOMENT_THEMES = StudyTable(
    "moment_themes", "Theme map",
    "Which theme each moment belongs to, and how that was decided. Rows the researcher "
    "settled (workshop study theme) are never matched again.",
    (StudyColumn("moment_id", str, "The moment.", "moments"),
     StudyColumn("theme_id", int, "Its theme.", "themes"),
     StudyColumn("how", str, "same text (equal once case, accents and punctuation are "
                 "ignored), similar text (at least the threshold), new (like no other) "
                 "or researcher (settled by hand)."),
     StudyColumn("similarity", float, "How alike its text is to the theme's closest "
                 "moment, 0–1 (difflib's ratio).")),
    lambda s, ids: [], facets=("how",))

# Every table of a study, in the order it lists them.
OWN = (SESSIONS, THEMES, MOMENT_THEMES, EVENTS)
TABLES: dict[str, StudyTable] = {tb.name: tb for tb in (SESSIONS, *STUDY_TABLES.values(),
                                                        THEMES, MOMENT_THEMES, EVENTS)}
PER_SESSION = tuple(STUDY_TABLES.values())  # the tables each session's fold fills

_TAG = re.compile(r"^[a-z][a-z0-9_]{0,30}$")


@record(frozen=False)
class BuildResult:
    added: list[str] = field(default_factory=list)  # titles
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each
    # sessions merged by a version that kept names typed inside entries, not given again
    stale: int = 0


# ---- opening ----------------------------------------------------------------------------


def _is_study(conn: sqlite3.Connection) -> bool:
    try:
        row = conn.execute("SELECT value FROM study_meta WHERE key = 'app'").fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == APP


def open_study(path: Path, *, create: bool = False) -> sqlite_utils.Database:
    """The study at ``path``; a new one if ``create`` and nothing is there. Anything
    else there (a session file, another database, a study holding SQL of its own that
    would run as it is written) is refused, untouched."""
    if path.is_dir():
        raise StudyError(t("{path} is a folder, not a study database.", path=path))
    from workshop.core.targets import not_a_file

    why = not_a_file(path)  # a device or a pipe: SQLite would write the study into it
    if why:
        raise StudyError(why + " " + t("Choose a file name."))
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise StudyError(t("{path}: no such study database.", path=path))
    try:
        conn = sqlite3.connect(path)
        if exists:
            if not _is_study(conn):
                conn.close()
                raise StudyError(_not_a_study(path, create))
            odd = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               ).fetchone()
            if odd:
                conn.close()
                raise StudyError(t("{path} holds a trigger “{name}” that workshop did not "
                                   "make: it is not used (SQL from a file never runs).",
                                   path=path, name=odd[0]))
    except sqlite3.DatabaseError as exc:
        raise StudyError(t("{path} cannot be read as a study database ({why}).", path=path,
                           why=exc)) from None
    db = sqlite_utils.Database(conn)
    if not exists:
        _create(db)
    return db


def _not_a_study(path: Path, create: bool) -> str:
    """Why ``path`` is refused as a study: a session file is called what it is, and only
    a study about to be built is told to take another name."""
    from workshop.core.targets import is_session_file, session_file_kept

    if is_session_file(path):
        if create:
            return session_file_kept(path)
        return t("{path} is a session file, not a study: workshop study build makes a "
                 "study of session files.", path=path)
    if create:
        return t("{path} is not a study database made by workshop study build: choose "
                 "another name.", path=path)
    return t("{path} is not a study database made by workshop study build.", path=path)


def _sql_type(column: StudyColumn) -> type:
    return column.type


def _create(db: sqlite_utils.Database) -> None:
    with db.atomic():
        db.table("study_meta").create({"key": str, "value": str}, pk="key")
        db.table("study_meta").insert_all([{"key": "app", "value": APP},
                                     {"key": "version", "value": str(VERSION)},
                                     {"key": "names", "value": "left out"},
                                     {"key": TYPED_NAMES, "value": "replaced"},
                                     {"key": "uuid", "value": str(uuid.uuid4())},
                                     {"key": "created_at", "value": _now()}])
        db.table("tags").create({"tag": str, "created_at": str}, pk="tag")
        _table(db, SESSIONS, with_session=False)
        db.table("themes").create({"theme_id": int, "name": str}, pk="theme_id")
        for table in PER_SESSION:
            _table(db, table)
        db.table("moment_themes").create(
            {"moment_id": str, "theme_id": int, "how": str, "similarity": float},
            pk="moment_id", foreign_keys=[("moment_id", "moments", "moment_id"),
                                          ("theme_id", "themes", "theme_id")])
        db.table("events").create({"session_id": str, "event_id": int, "at": str, "kind": str,
                             "data": str}, pk=("session_id", "event_id"),
                            foreign_keys=[("session_id", "sessions", "session_id")])
        for table in PER_SESSION:
            db.table(table.name).create_index(["session_id"])
        db.table("moment_themes").create_index(["theme_id"])
        _views(db)


def _table(db: sqlite_utils.Database, table: StudyTable, *, with_session: bool = True
           ) -> None:
    columns: dict[str, Any] = {}
    first, *rest = table.columns
    columns[first.name] = _sql_type(first)
    if with_session:
        columns["session_id"] = str
        for c in SESSION_COLUMNS:
            columns[c.name] = c.type
    for c in rest:
        columns[c.name] = c.type
    keys = [(c.name, c.references, TABLES[c.references].columns[0].name)
            for c in table.columns if c.references]
    if with_session:
        keys.append(("session_id", "sessions", "session_id"))
    db.table(table.name).create(columns, pk=first.name, foreign_keys=keys)


# ---- merging ------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# Sessions merged in one transaction: a commit forces the file to disk, which on a
# virtual disk took most of a 300-session build when each session had its own. A
# session is still all in or all out (a savepoint each); a build stopped halfway keeps
# the batches committed before, and the next one takes in the rest.
BATCH_EVENTS = 200_000


def build(study: Path, sources: Sequence[Path], *, threshold: float = DEFAULT_THRESHOLD,
          read: Any = None) -> BuildResult:
    """Merge the session files ``sources`` into the study at ``study`` (made if need be).
    ``read(path)`` gives a file's events (``timeline.load_events``), raising
    WorkshopError with the one line to show."""
    peek = read is None
    if read is None:
        from workshop.core.timeline import load_events as read
    try:
        db = open_study(study, create=True)
    except StudyError:
        if study.exists() and any(p.exists() and p.resolve() == study.resolve()
                                  for p in sources):
            raise StudyError(t("{path} is one of the session files to merge: give the "
                               "study a name of its own.", path=study)) from None
        raise
    result = BuildResult()
    conn = db.conn
    try:
        with db.atomic():
            _views(db)  # a study made by an earlier version gets this version's views
            _upgrade(db)
        merger = _Merger(db, threshold)
        pending = 0
        for path in sources:
            try:
                if path.exists() and study.exists() and path.resolve() == study.resolve():
                    raise StudyError(t("{path} is the study database itself.", path=path))
                if peek and (held := merger.unchanged(path)) is not None:
                    merger.taken(held[1], path, held[0], result)
                    continue
                events = read(path)
            except WorkshopError as exc:
                result.skipped.append(str(exc))
                continue
            if not conn.in_transaction:
                conn.execute("BEGIN")
            pending += merger.merge(path, events, result)
            if pending >= BATCH_EVENTS:
                conn.commit()
                pending = 0
        if conn.in_transaction:
            conn.commit()
        result.stale = merger.settle_typed_names()
    finally:
        if conn.in_transaction:
            conn.rollback()
        conn.close()
    return result


# Events that carry a participant's real name: the study keeps them without it (it is
# served to a team, and holds pseudonyms only; the name stays in the session file).
NAMED = tuple(kind for kind, spec in registry.EVENTS.items() if spec.names)

# The fields of an event that hold what people typed, where a name may be: the others
# are numbers and the fold's own words (a stage, a kind of note), left as they are so
# the events still fold.
TYPED = frozenset(("text", "title", "client", "facilitator", "segment", "owner", "due",
                   "measure", "headline", "meaning", "recommendation"))

# Set in a study whose every session has names typed inside entries replaced, every
# name a participant was ever given included (a study built before did not replace
# them, or only their last names: each session is read again at its next build).
TYPED_NAMES = "typed_names_ever"


def _event_row(uuid: str, e: Event, anon: Anonymizer) -> tuple[str, int | None, str, str, str]:
    data = {k: anon.text(v) if k in TYPED and isinstance(v, str) else v
            for k, v in e.data.items() if not (k == "name" and e.kind in NAMED)}
    return (uuid, e.id, e.at, e.kind, Event(e.kind, data, e.at, e.id).to_json())


# The columns of a study's tables that hold typed text (the fields above, as the tables
# name them).
TYPED_COLUMNS = TYPED | {"note", "prompt", "session_title", "script"}


def _typed(row: dict[str, Any], anon: Anonymizer) -> dict[str, Any]:
    return {k: anon.text(v) if k in TYPED_COLUMNS and isinstance(v, str) else v
            for k, v in row.items()}


def _study_anonymizer(state: SessionState) -> Anonymizer:
    """The session's names replaced as its report replaces them (in its language)."""
    return pseudonymizer(state, translator(state.lang))


_MASK = "\x00"
_PSEUDONYM = re.compile(r"(?<!\w)P\d+(?!\w)")


class _Masked:
    """A session's event data with every name it ever gave a participant, every
    pseudonym and the placeholder for a shared name masked alike: two copies of one
    history read the same whichever names were replaced when each was taken in."""

    def __init__(self, events: Iterable[Event], lang: str):
        names = {str(e.data["name"]) for e in events
                 if e.kind in NAMED and isinstance(e.data.get("name"), str)}
        self._names = Anonymizer([(name, _MASK) for name in names], enabled=True,
                                 placeholder=_MASK)
        self._placeholder = translator(lang)("[participant]")

    def __call__(self, data: str) -> str:
        data = self._names.text(data).replace(self._placeholder, _MASK)
        return _PSEUDONYM.sub(_MASK, data)

    def same(self, held: Sequence[Any], row: Sequence[Any]) -> bool:
        """``held`` and ``row``, (at, kind, data), are the same event."""
        return tuple(held[:2]) == tuple(row[:2]) and self(held[2]) == self(row[2])


def _leave_out_names(db: sqlite_utils.Database) -> None:
    """A study built before names were left out of its events: take them out (once)."""
    if db.execute("SELECT 1 FROM study_meta WHERE key = 'names'").fetchone():
        return
    import json

    for rowid, data in db.execute(
            f"SELECT rowid, data FROM events WHERE kind IN ({', '.join('?' * len(NAMED))})",
            list(NAMED)).fetchall():
        value = json.loads(data)
        if isinstance(value, dict) and "name" in value:
            del value["name"]
            db.execute("UPDATE events SET data = ? WHERE rowid = ?",
                       [json.dumps(value, ensure_ascii=False, sort_keys=True), rowid])
    db.execute("INSERT INTO study_meta (key, value) VALUES ('names', 'left out')")


def _upgrade(db: sqlite_utils.Database) -> None:
    """What a study made by an earlier version lacks: names out of its events, its own
    UUID (its REFI-QDA project's identifiers are derived from it)."""
    _leave_out_names(db)
    db.execute("INSERT OR IGNORE INTO study_meta (key, value) VALUES ('uuid', ?)",
               [str(uuid.uuid4())])
    db.execute("INSERT OR IGNORE INTO study_meta (key, value) VALUES ('created_at', ?)",
               [_now()])


def _session_info(uuid: str, state: SessionState) -> dict[str, Any]:
    script = state.script or {}
    return {"session_id": uuid, "session_title": state.title,
            "session_date": state.created_at[:10], "facilitator": state.facilitator or None,
            "client": state.client or None,
            "script": script.get("title") or script.get("name"), "language": state.lang}


def tag_names(db: sqlite_utils.Database) -> list[str]:
    return [row[0] for row in db.execute("SELECT tag FROM tags ORDER BY created_at, tag")]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _value(value: Any) -> Any:
    """What SQLite stores of a row's value (a list or a mapping as JSON, as
    sqlite-utils would)."""
    if isinstance(value, (dict, list, tuple)):
        import json

        return json.dumps(value, ensure_ascii=False)
    return value


class _Merger:
    """One build's writing: the insert statements of every table (its columns, tags
    included, read once), and the theme matcher, filled from the study once and kept
    up to date as sessions come in."""

    def __init__(self, db: sqlite_utils.Database, threshold: float):
        self.db, self.conn, self.threshold = db, db.conn, threshold
        self.tags = tag_names(db)
        self.columns = {table.name: [row[1] for row in self.conn.execute(
            f"PRAGMA table_info({_q(table.name)})")] for table in PER_SESSION}
        self._matcher: Matcher | None = None
        self.seen: set[str] = set()  # sessions whose every event was compared this build
        # the file each session was first found in, this build: a second file of the same
        # session with nothing new is a copy, said so, not a session "unchanged"
        self.files: dict[str, Path] = {}
        self.typed_names = bool(self.conn.execute(
            "SELECT 1 FROM study_meta WHERE key = ?", [TYPED_NAMES]).fetchone())

    def settle_typed_names(self) -> int:
        """Mark the study once every session in it has had the names typed inside its
        entries replaced; else how many sessions still hold them as typed."""
        if self.typed_names:
            return 0
        left = {row[0] for row in self.conn.execute("SELECT session_id FROM sessions")}
        left -= self.seen
        if not left:
            with self.conn:
                self.conn.execute("INSERT OR IGNORE INTO study_meta (key, value) VALUES "
                                  "(?, 'replaced')", [TYPED_NAMES])
        return len(left)

    def taken(self, uuid: str, path: Path, title: str, result: BuildResult) -> None:
        """A session the study holds whole: unchanged, or a second file of it this build
        (thirty files from several people hold the same one twice: "29 unchanged" on the
        first build of 28 sessions said nothing of it)."""
        first = self.files.setdefault(uuid, path)
        if first == path:
            result.unchanged.append(title)
        else:
            result.skipped.append(t("{path} is another copy of the session “{title}” in "
                                    "{first}: it is taken in once.", path=path, title=title,
                                    first=first))

    def unchanged(self, path: Path) -> tuple[str, str] | None:
        """The title and UUID of the session in ``path`` if the study already holds every event
        of it, told from its first and last events and how many there are, without
        reading and checking the whole log (a folder of 300 sessions built again with
        10 new ones); None if it is not so, or cannot be told this way."""
        from contextlib import closing

        from workshop.core import schema
        from workshop.core.connection import connect_readonly
        from workshop.core.store import checked

        if not self.typed_names:
            return None  # each session is read again, to replace names typed in it
        try:
            schema.check_file(path)
            with closing(connect_readonly(path)) as conn:
                schema.check_and_migrate(sqlite_utils.Database(conn), path, migrate=False)
                first = conn.execute("SELECT id, at, kind, data FROM events WHERE kind = "
                                     "'session_created' ORDER BY id LIMIT 1").fetchone()
                last = conn.execute("SELECT id, at, kind, data FROM events ORDER BY id DESC "
                                    "LIMIT 1").fetchone()
                count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
                kinds = ", ".join("?" * len(NAMED))
                named = [checked(row, path) for row in conn.execute(
                    f"SELECT id, at, kind, data FROM events WHERE kind IN ({kinds})", NAMED)]
            if first is None or last is None:
                return None
            created = checked(first, path)
            uuid = session_uuid([created])
            held = self.conn.execute(
                "SELECT s.title, s.events, e.at, e.kind, e.data FROM sessions s JOIN events e "
                "ON e.session_id = s.session_id AND e.event_id = ? WHERE s.session_id = ?",
                [last[0], uuid]).fetchone()
        except (WorkshopError, sqlite3.Error):
            return None  # read in full, which says what is wrong
        if held is None or held[1] != count:
            return None
        # names replaced depend on the whole roster: compared masked, as merge() does
        lang = created.data.get("lang")
        mask = _Masked(named, lang if isinstance(lang, str) else "en")
        final = checked(last, path)
        if not mask.same(held[2:], (final.at, final.kind, final.to_json())):
            return None
        return str(held[0]), uuid

    def merge(self, path: Path, events: list[Event], result: BuildResult) -> int:
        """Take in a session's new events; returns how many."""
        uuid = session_uuid(events)
        held = {row[0]: row[1:] for row in self.conn.execute(
            "SELECT event_id, at, kind, data FROM events WHERE session_id = ?", [uuid])}
        state = fold(events)
        anon = _study_anonymizer(state)
        mask: _Masked | None = None
        new, rewritten = [], []
        for e in events:
            row = _event_row(uuid, e, anon)
            have = held.get(e.id)
            if have is None:
                new.append(row)
            elif have == row[2:]:
                continue
            elif (mask := mask or _Masked(events, state.lang)).same(have, row[2:]):
                rewritten.append(row)  # names replaced otherwise since it was taken in
            else:
                title = self.conn.execute("SELECT title, source_file FROM sessions WHERE "
                                          "session_id = ?", [uuid]).fetchone()
                result.skipped.append(t(
                    "{path} is a copy of the session “{title}” already in the study (from "
                    "{source}) with another history: its event {id} differs. Merge one "
                    "copy only.", path=path, title=title[0] if title else "?",
                    source=title[1] if title else "?", id=e.id))
                return 0
        self.seen.add(uuid)
        if not new and not rewritten:
            self.taken(uuid, path, anon.text(state.title), result)
            return 0
        self.conn.execute("SAVEPOINT merge")
        try:
            self.conn.executemany("INSERT INTO events (session_id, event_id, at, kind, data) "
                                  "VALUES (?, ?, ?, ?, ?)", new)
            self.conn.executemany("UPDATE events SET data = ? WHERE session_id = ? AND "
                                  "event_id = ?", [(r[4], r[0], r[1]) for r in rewritten])
            self._session_rows(uuid, path, state, len(held) + len(new), anon,
                               again=bool(held))
            self._match_themes(uuid, again=bool(held))
        except BaseException:
            self.conn.execute("ROLLBACK TO merge")
            self.conn.execute("RELEASE merge")
            self._matcher = None  # it may have taken in what was rolled back
            raise
        self.conn.execute("RELEASE merge")
        self.files.setdefault(uuid, path)
        (result.updated if held else result.added).append(anon.text(state.title))
        return len(new) + len(rewritten)

    def _session_rows(self, uuid: str, path: Path, state: SessionState, count: int,
                      anon: Anonymizer, *, again: bool) -> None:
        # every typed text as a report gives it: names typed in it replaced (never an
        # id: a UUID's group of letters could spell a name)
        info = _typed(_session_info(uuid, state), anon)
        tags = self.tags
        old = self.conn.execute(f"SELECT {', '.join(_q(t) for t in tags) or 'NULL'} FROM "
                                "sessions WHERE session_id = ?", [uuid]).fetchone()
        tagged = dict(zip(tags, old, strict=False)) if old and tags else dict.fromkeys(tags)
        script = state.script or {}
        row = {
            "session_id": uuid, "title": info["session_title"], "date": info["session_date"],
            "started_at": state.created_at, "facilitator": info["facilitator"],
            "client": info["client"], "script": info["script"],
            "script_name": script.get("name"), "language": state.lang,
            "finished": int(state.finished), "participants": len(state.participants),
            "events": count, "source_file": path.name, "merged_at": _now()}
        # (sqlite-utils' upsert would commit the build's transaction)
        self.conn.execute(
            f"INSERT INTO sessions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))}) "
            "ON CONFLICT (session_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in row if c != "session_id"),
            [_value(v) for v in row.values()])
        ids = Ids(uuid)
        for table in PER_SESSION:
            if again:
                self.conn.execute(f"DELETE FROM {_q(table.name)} WHERE session_id = ?", [uuid])
            columns = self.columns[table.name]
            rows = [{**_typed(row, anon), **info, **tagged} for row in table.rows(state, ids)]
            if rows:
                self.conn.executemany(
                    f"INSERT INTO {_q(table.name)} ({', '.join(map(_q, columns))}) "
                    f"VALUES ({', '.join('?' * len(columns))})",
                    [[_value(row.get(c)) for c in columns] for row in rows])

    def matcher(self) -> Matcher:
        """Every theme's texts as the study holds them, read once per build."""
        if self._matcher is None:
            matcher = Matcher(self.threshold)
            for theme, text in self.conn.execute(
                    "SELECT mt.theme_id, m.text FROM moment_themes mt JOIN moments m "
                    "ON m.moment_id = mt.moment_id ORDER BY m.session_date, m.moment_id"):
                matcher.add(theme, [text])
            for theme, name in self.conn.execute("SELECT theme_id, name FROM themes"):
                matcher.add(theme, [name])
            self._matcher = matcher
        return self._matcher

    def _match_themes(self, uuid: str, *, again: bool) -> None:
        """Themes for this session's moments: those the researcher settled stay; the
        others are matched again (a moment's text may have been edited since)."""
        if again:
            self.conn.execute("DELETE FROM moment_themes WHERE how != ? AND moment_id IN "
                              "(SELECT moment_id FROM moments WHERE session_id = ?)",
                              [RESEARCHER, uuid])
            self.conn.execute("DELETE FROM themes WHERE theme_id NOT IN (SELECT theme_id "
                              "FROM moment_themes)")
            self._matcher = None  # it held this session's texts as they were
        matcher = self.matcher()
        rows = []
        for moment_id, text in self.conn.execute(
                "SELECT moment_id, text FROM moments WHERE session_id = ? AND moment_id NOT "
                "IN (SELECT moment_id FROM moment_themes) ORDER BY position", [uuid]
                ).fetchall():
            found = matcher.match(text)
            theme = found.theme
            if theme is None:
                theme = _new_theme(self.db, text)
            matcher.add(theme, [text])
            rows.append((moment_id, theme, found.how, found.similarity))
        self.conn.executemany("INSERT INTO moment_themes (moment_id, theme_id, how, "
                              "similarity) VALUES (?, ?, ?, ?)", rows)


def _new_theme(db: sqlite_utils.Database, name: str) -> int:
    pk = db.execute("INSERT INTO themes (name) VALUES (?)", [name]).lastrowid
    assert pk is not None
    return int(pk)


# ---- what the researcher sets ---------------------------------------------------------


def _session_ids(db: sqlite_utils.Database, sessions: Iterable[str],
                 read: Any = None) -> list[str]:
    """Session UUIDs from what the researcher named: a UUID in the study, or a session
    file (its UUID is read from it)."""
    known = {row[0] for row in db.execute("SELECT session_id FROM sessions")}
    out = []
    for given in sessions:
        if given in known:
            out.append(given)
            continue
        path = Path(given)
        if not path.exists():
            raise StudyError(t("{session} is neither a session of the study (its UUID) nor "
                               "a session file.", session=given))
        if read is None:
            from workshop.core.timeline import load_events as read
        uuid = session_uuid(read(path))
        if uuid not in known:
            raise StudyError(t("{path} is not in the study yet: merge it first with "
                               "workshop study build.", path=path))
        out.append(uuid)
    return out


def tag(study: Path, sessions: Sequence[str], values: dict[str, str | None]) -> int:
    """Set tags (``city`` → ``Madrid``; None clears one) on sessions; return how many
    sessions. A tag is a column of the sessions table and of every table of the study,
    so Datasette filters and facets any table by it."""
    db = open_study(study)
    try:
        reserved = {c.name for tb in TABLES.values() for c in tb.columns} | {
            c.name for c in SESSION_COLUMNS} | {"session_id", "rowid"}
        for name in values:
            if not _TAG.match(name) or name in reserved:
                raise StudyError(t("“{tag}” cannot be a tag: use lower-case letters, digits "
                                   "and _, starting with a letter, and not a column the "
                                   "study already has (such as {example}).", tag=name,
                                   example="city, wave, segment_mix"))
        uuids = _session_ids(db, sessions)
        with db.atomic():
            known = set(tag_names(db))
            for name in values:
                if name not in known:
                    db.table("tags").insert({"tag": name, "created_at": _now()})
                    for table in (SESSIONS, *PER_SESSION):
                        db.table(table.name).add_column(name, str)
            for name, value in values.items():
                for table in (SESSIONS, *PER_SESSION):
                    db.execute(f"UPDATE {_q(table.name)} SET {_q(name)} = ? "
                               f"WHERE session_id IN ({', '.join('?' * len(uuids))})",
                               [value, *uuids])
        return len(uuids)
    finally:
        db.conn.close()


def theme(study: Path, moments: Sequence[str], themes: Sequence[str], to: str) -> int:
    """Put moments (by id) and every moment of the named themes into the theme ``to``
    (made if new): the researcher's word, kept by every later build. Returns how many
    moments moved."""
    to = " ".join(to.split())
    if not to:
        raise StudyError(t("Name the theme the moments go to."))
    db = open_study(study)
    try:
        chosen = list(dict.fromkeys(moments))
        for moment in chosen:
            if not db.execute("SELECT 1 FROM moments WHERE moment_id = ?", [moment]
                              ).fetchone():
                raise StudyError(t("There is no moment {id} in the study.", id=moment))
        for name in themes:
            found = db.execute("SELECT theme_id FROM themes WHERE name = ?", [name]).fetchall()
            if not found:
                raise StudyError(t("There is no theme “{name}” in the study.", name=name))
            chosen += [row[0] for row in db.execute(
                "SELECT moment_id FROM moment_themes WHERE theme_id IN "
                f"({', '.join('?' * len(found))})", [r[0] for r in found])]
        if not chosen:
            raise StudyError(t("Name the moments (their moment_id) or the themes to move."))
        with db.atomic():
            row = db.execute("SELECT theme_id FROM themes WHERE name = ?", [to]).fetchone()
            target = int(row[0]) if row else _new_theme(db, to)
            for moment in dict.fromkeys(chosen):
                db.table("moment_themes").upsert({"moment_id": moment, "theme_id": target,
                                            "how": RESEARCHER, "similarity": None},
                                           pk="moment_id")
            db.execute("DELETE FROM themes WHERE theme_id NOT IN (SELECT theme_id FROM "
                       "moment_themes)")
        return len(dict.fromkeys(chosen))
    finally:
        db.conn.close()


# ---- a study for qualitative-analysis tools ---------------------------------------------


@record
class StudyExport:
    """What a REFI-QDA project of the whole study is made of (``qda.study_project``)."""

    uuid: str
    name: str
    created_at: str
    tags: list[str]
    languages: list[str]  # the sessions' languages, the most frequent first
    sessions: list[StudySession]


def for_export(study: Path) -> StudyExport:
    """Every session of the study folded again from the events it holds (checked as a
    session file's are), with its moments' themes and its tags."""
    import json

    from workshop.core.store import checked

    db = open_study(study)
    try:
        meta = dict(db.execute("SELECT key, value FROM study_meta").fetchall())
        tags = tag_names(db)
        columns = ", ".join(_q(t) for t in tags) or "NULL"
        rows = db.execute(f"SELECT session_id, {columns} FROM sessions "
                          "ORDER BY date, started_at, title").fetchall()
        languages = [r[0] for r in db.execute(
            "SELECT language FROM sessions WHERE language IS NOT NULL GROUP BY language "
            "ORDER BY count(*) DESC, language")]
        themes: dict[str, dict[int, str]] = {}
        for moment_id, name in db.execute(
                "SELECT mt.moment_id, th.name FROM moment_themes mt "
                "JOIN themes th ON th.theme_id = mt.theme_id"):
            session, _, mid = str(moment_id).rpartition(":m")
            if mid.isdigit():
                themes.setdefault(session, {})[int(mid)] = str(name)
        sessions = []
        for session_id, *values in rows:
            events = [checked(row, study) for row in db.execute(
                "SELECT event_id, at, kind, data FROM events WHERE session_id = ? "
                "ORDER BY event_id", [session_id])]
            sessions.append(StudySession(
                str(session_id), fold(events), themes.get(str(session_id), {}),
                tuple(zip(tags, values, strict=True)) if tags else ()))
    except sqlite3.DatabaseError as exc:
        raise StudyError(t("{path} cannot be read as a study database ({why}).",
                           path=study, why=exc)) from None
    finally:
        db.conn.close()
    if not sessions:
        raise StudyError(t("{path} holds no session yet: merge some with workshop study "
                           "build.", path=study))
    base = meta.get("uuid") or derived_uuid(
        sessions[0].uuid, "study", json.dumps(sorted(s.uuid for s in sessions)))
    return StudyExport(base, study.stem, meta.get("created_at") or min(
        s.state.created_at for s in sessions), tags, languages, sessions)


# ---- the views across sessions -------------------------------------------------------------

# Each participant's two ratings of a moment side by side (one pass along the ratings'
# index): the gap is performance minus expectation where both were given.
_PAIRED = """
  SELECT moment_id, participant_id, session_id,
    max(CASE WHEN scale = 'expectation' THEN value END) AS e,
    max(CASE WHEN scale = 'performance' THEN value END) AS p
  FROM ratings GROUP BY moment_id, participant_id"""

VIEWS: dict[str, tuple[str, str, str]] = {
    # name -> (title, description, SQL)
    "theme_scores": (
        "Themes across groups",
        "Each theme pooled over every group where it came up: how often it recurs, its "
        "importance (the mean over groups of its share of the dots), the mean "
        "expectation and performance ratings and the paired gap, each with how many "
        "groups and people stand behind it. Indicative, not statistics.",
        # Each figure is one grouped pass over its table, joined by theme: a subquery
        # per theme read every rating again for each (minutes at 300 groups).
        f"""
WITH paired AS ({_PAIRED}),
m AS (
  SELECT mt.theme_id, count(*) AS moments, count(DISTINCT mo.session_id) AS groups_n
  FROM moment_themes mt JOIN moments mo ON mo.moment_id = mt.moment_id
  GROUP BY mt.theme_id),
r AS (
  SELECT mt.theme_id,
    round(avg(pm.e), 2) AS expectation,
    count(DISTINCT CASE WHEN pm.e IS NOT NULL THEN pm.participant_id END)
      AS expectation_people,
    round(avg(pm.p), 2) AS performance,
    count(DISTINCT CASE WHEN pm.p IS NOT NULL THEN pm.participant_id END)
      AS performance_people,
    round(avg(pm.p - pm.e), 2) AS gap,
    count(DISTINCT CASE WHEN pm.p - pm.e IS NOT NULL THEN pm.participant_id END)
      AS gap_people,
    count(DISTINCT CASE WHEN pm.p - pm.e IS NOT NULL THEN pm.session_id END) AS gap_groups
  FROM paired pm JOIN moment_themes mt ON mt.moment_id = pm.moment_id
  GROUP BY mt.theme_id),
i AS (
  SELECT theme_id, round(avg(importance), 3) AS importance, count(*) AS importance_groups
  FROM (SELECT mt.theme_id, ms.session_id, sum(ms.importance) AS importance
        FROM moment_scores ms JOIN moment_themes mt ON mt.moment_id = ms.moment_id
        WHERE ms.importance IS NOT NULL GROUP BY mt.theme_id, ms.session_id)
  GROUP BY theme_id)
SELECT th.theme_id, th.name AS theme, m.groups_n AS groups, m.moments,
  round(m.groups_n * 1.0 / (SELECT count(*) FROM sessions), 3) AS share_of_groups,
  i.importance, coalesce(i.importance_groups, 0) AS importance_groups,
  r.expectation, coalesce(r.expectation_people, 0) AS expectation_people,
  r.performance, coalesce(r.performance_people, 0) AS performance_people,
  r.gap, coalesce(r.gap_people, 0) AS gap_people, coalesce(r.gap_groups, 0) AS gap_groups
FROM themes th JOIN m ON m.theme_id = th.theme_id
LEFT JOIN i ON i.theme_id = th.theme_id
LEFT JOIN r ON r.theme_id = th.theme_id
"""),
    "theme_scores_by_segment": (
        "Themes by segment",
        "Each theme's figures per participants' segment, pooled over the groups: "
        "importance is the mean over groups of the share of that segment's dots that "
        "went to the theme; ratings and the paired gap are that segment's, each with "
        "how many groups and people.",
        f"""
WITH paired AS ({_PAIRED}),
r AS (
  SELECT mt.theme_id, coalesce(pa.segment, '') AS segment,
    round(avg(pm.e), 2) AS expectation,
    round(avg(pm.p), 2) AS performance,
    count(DISTINCT pm.participant_id) AS people_rating,
    round(avg(pm.p - pm.e), 2) AS gap,
    count(DISTINCT CASE WHEN pm.p - pm.e IS NOT NULL THEN pm.participant_id END)
      AS gap_people,
    count(DISTINCT CASE WHEN pm.p - pm.e IS NOT NULL THEN pm.session_id END) AS gap_groups
  FROM paired pm JOIN moment_themes mt ON mt.moment_id = pm.moment_id
  JOIN participants pa ON pa.participant_id = pm.participant_id
  GROUP BY mt.theme_id, coalesce(pa.segment, '')),
counted AS (
  SELECT v.session_id, v.participant_id, v.moment_id, v.dots FROM votes v
  WHERE v.round_id IN (SELECT importance_round_id FROM moment_scores
                       WHERE importance_round_id IS NOT NULL)),
cast_by AS (
  SELECT c.session_id, coalesce(pa.segment, '') AS segment, sum(c.dots) AS dots
  FROM counted c JOIN participants pa ON pa.participant_id = c.participant_id
  GROUP BY c.session_id, coalesce(pa.segment, '')),
theme_dots AS (
  SELECT mt.theme_id, c.session_id, coalesce(pa.segment, '') AS segment,
    sum(c.dots) AS dots
  FROM counted c JOIN participants pa ON pa.participant_id = c.participant_id
  JOIN moment_themes mt ON mt.moment_id = c.moment_id
  GROUP BY mt.theme_id, c.session_id, coalesce(pa.segment, '')),
raised AS (
  SELECT DISTINCT mt.theme_id, mo.session_id FROM moment_themes mt
  JOIN moments mo ON mo.moment_id = mt.moment_id),
i AS (
  SELECT ra.theme_id, cb.segment,
    round(avg(coalesce(td.dots, 0) * 1.0 / cb.dots), 3) AS importance,
    count(*) AS importance_groups
  FROM cast_by cb JOIN raised ra ON ra.session_id = cb.session_id
  LEFT JOIN theme_dots td ON td.theme_id = ra.theme_id AND td.session_id = cb.session_id
                         AND td.segment = cb.segment
  WHERE cb.dots > 0
  GROUP BY ra.theme_id, cb.segment),
-- one row per theme and segment from both (SQLite scanned a joined one per row)
parts AS (
  SELECT theme_id, segment, importance, importance_groups, NULL AS expectation,
         NULL AS performance, NULL AS people_rating, NULL AS gap, NULL AS gap_people,
         NULL AS gap_groups FROM i
  UNION ALL
  SELECT theme_id, segment, NULL, NULL, expectation, performance, people_rating, gap,
         gap_people, gap_groups FROM r)
SELECT p.theme_id, th.name AS theme, p.segment,
  max(p.importance) AS importance, coalesce(max(p.importance_groups), 0) AS importance_groups,
  max(p.expectation) AS expectation, max(p.performance) AS performance,
  coalesce(max(p.people_rating), 0) AS people_rating,
  max(p.gap) AS gap, coalesce(max(p.gap_people), 0) AS gap_people,
  coalesce(max(p.gap_groups), 0) AS gap_groups
FROM parts p JOIN themes th ON th.theme_id = p.theme_id
GROUP BY p.theme_id, p.segment
"""),
}

# What the views join on, beyond the keys (made by every build, so an older study gets
# them too).
INDEXES = (("ratings", ("moment_id", "participant_id", "scale", "value", "session_id")),
           ("votes", ("round_id",)))


def _views(db: sqlite_utils.Database) -> None:
    for table, columns in INDEXES:
        db.execute(f"CREATE INDEX IF NOT EXISTS {_q('idx_' + table + '_' + '_'.join(columns))} "
                   f"ON {_q(table)} ({', '.join(map(_q, columns))})")
    for name, (_, _, sql) in VIEWS.items():
        db.execute(f"DROP VIEW IF EXISTS {_q(name)}")
        db.execute(f"CREATE VIEW {_q(name)} AS {sql}")


# ---- what Datasette shows of it ------------------------------------------------------------

QUERIES: dict[str, tuple[str, str, str]] = {
    # name -> (title, description, SQL)
    "recurring_moments": (
        "Recurring moments",
        "Themes raised by more than one group, the most widespread first, with their "
        "pooled importance and gap.",
        "SELECT theme, groups, share_of_groups, moments, importance, importance_groups, "
        "expectation, performance, gap, gap_people FROM theme_scores WHERE groups >= 2 "
        "ORDER BY groups DESC, importance DESC"),
    "gap_table_by_segment": (
        "Gap table by segment",
        "Each segment's figures per theme, the largest shortfall first: performance minus "
        "expectation, paired per participant, with how many people and groups.",
        "SELECT segment, theme, importance, importance_groups, expectation, performance, "
        "gap, gap_people, gap_groups FROM theme_scores_by_segment WHERE gap IS NOT NULL "
        "ORDER BY segment, gap"),
    "ideas_by_technique": (
        "Ideas by technique",
        "Every idea for excellence with the lateral-thinking technique that led to it and "
        "the theme of its moment.",
        "SELECT coalesce(i.technique, '') AS technique, th.name AS theme, i.text AS idea, "
        "i.session_title, i.session_date FROM ideas i "
        "LEFT JOIN moment_themes mt ON mt.moment_id = i.moment_id "
        "LEFT JOIN themes th ON th.theme_id = mt.theme_id "
        "ORDER BY technique, theme, i.session_date"),
}


# What Datasette says of the study as a whole (the tables' and queries' own words are
# in their declarations; ``texts()`` gives them all to the catalogs).
TITLE = N_("Customer-experience study")
DESCRIPTION = N_("Focus groups on moments of truth, merged with workshop study build. "
                 "Participants appear by pseudonym; figures from a few groups are "
                 "indicative, not statistics.")
TAG_COLUMN = N_("A study tag the researcher set: {name}.")


def texts() -> list[str]:
    """Every English text the study's Datasette pages show, for the catalogs (the
    kinds declare their tables' words as plain strings)."""
    found = [TITLE, DESCRIPTION, TAG_COLUMN, _SESSION_ID.description,
             *(c.description for c in SESSION_COLUMNS)]
    for table in TABLES.values():
        found += [table.title, table.description, *(c.description for c in table.columns)]
    for title, description, _ in (*VIEWS.values(), *QUERIES.values()):
        found += [title, description]
    return list(dict.fromkeys(found))


def languages(study: Path) -> list[str]:
    """The languages of the study's sessions, the most frequent first."""
    db = open_study(study)
    try:
        return [row[0] for row in db.execute(
            "SELECT language FROM sessions WHERE language IS NOT NULL GROUP BY language "
            "ORDER BY count(*) DESC, language")]
    finally:
        db.conn.close()


def study_language(languages: Sequence[str], asked: str | None = None) -> str:
    """The language a study is shown and coded in: the one asked for, else the one its
    sessions share, else workshop's own (sessions in several languages)."""
    if asked:
        return asked
    return languages[0] if len(languages) == 1 else current_language()


def metadata(study: Path, lang: str | None = None) -> dict[str, Any]:
    """Datasette's metadata for the study, in ``lang`` (default: ``study_language``):
    a title and description for every table, view and column, the column that labels a
    row where another points at it, the facets worth filtering by (tags included), and
    the canned queries with their titles."""
    db = open_study(study)
    try:
        tags = tag_names(db)
    finally:
        db.conn.close()
    tr = translator(study_language(languages(study), lang))
    tables: dict[str, Any] = {}
    for table in TABLES.values():
        columns = {c.name: tr(c.description) for c in table.columns}
        facets = list(table.facets)
        if table in PER_SESSION:
            columns["session_id"] = tr(_SESSION_ID.description)
            columns.update({c.name: tr(c.description) for c in SESSION_COLUMNS})
            facets += ["script", "language"]
        if table in PER_SESSION or table is SESSIONS:
            columns.update({name: tr(TAG_COLUMN, name=name) for name in tags})
            facets += tags
        entry: dict[str, Any] = {"title": tr(table.title),
                                 "description": tr(table.description),
                                 "columns": columns, "facets": list(dict.fromkeys(facets))}
        if table.label:
            entry["label_column"] = table.label
        tables[table.name] = entry
    for name, (title, description, _) in VIEWS.items():
        tables[name] = {"title": tr(title), "description": tr(description),
                        "facets": ["segment"] if name.endswith("segment") else []}
    hidden = {"study_meta": {"hidden": True}, "tags": {"hidden": True}}
    return {
        "title": tr(TITLE),
        "description": tr(DESCRIPTION),
        "databases": {study.stem: {
            "tables": {**tables, **hidden},
            "queries": {name: {"title": tr(title), "description": tr(description),
                               "sql": sql}
                        for name, (title, description, sql) in QUERIES.items()},
        }},
    }
