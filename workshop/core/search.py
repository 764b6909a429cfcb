"""Search across many session files (``workshop search``).

Each file is opened read-only with plain sqlite3 (no lock, no migration: a session being
run elsewhere can be searched) and queried through its full-text tables (migration
m002_search). A file without them, from before that migration, is searched row by row
with the same matching rules, so it is slower but finds the same entries.

Matching is by whole words, ignoring case and accents (the FTS tokenizer's
``remove_diacritics 2``): "atencion" finds "atención" and "Atención" finds "atencion".
A word ending in ``*`` matches as a prefix ("queue*" finds "queues"), and words in
double quotes must appear together as a phrase. Every word must appear.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
import unicodedata
from dataclasses import field
from functools import cache
from pathlib import Path

from workshop.core import schema
from workshop.core.connection import refusal
from workshop.core.errors import SessionFileError, WorkshopError
from workshop.core.eventcheck import EventError, check_event, parse_data
from workshop.core.limits import MAX_TEXT
from workshop.core.record import record
from workshop.core.schema import SEARCHABLE, check_file
from workshop.i18n import t

# table -> (entity shown to the user, the columns every search reads, in one shape)
_ENTITY = {"moments": "moment", "expectations": "expectation", "ideas": "idea",
           "notes": "note", "actions": "action", "findings": "finding",
           "group_feelings": "group_feeling"}
# (the tables as m011 names them; a step is read 0-based, as the events number it, and
# a value of another type is kept as it is, for the checks below to refuse)
_STEP = "CASE WHEN typeof({0}) = 'integer' THEN {0} - 1 ELSE {0} END"
_COLUMNS = {
    "moments": "t.moment_id AS id, NULL AS kind, t.moment_id AS mid, t.participant_id AS pid, "
               "NULL AS step",
    "expectations": "t.expectation_id AS id, t.type AS kind, t.moment_id AS mid, "
                    "t.participant_id AS pid, NULL AS step",
    "ideas": "t.idea_id AS id, NULL AS kind, t.moment_id AS mid, t.participant_id AS pid, "
             "NULL AS step",
    "notes": "t.note_id AS id, t.type AS kind, t.moment_id AS mid, t.participant_id AS pid, "
             f"{_STEP.format('t.step_number')} AS step",
    "actions": "t.action_id AS id, t.type AS kind, t.moment_id AS mid, NULL AS pid, "
               "NULL AS step",
    "findings": "t.finding_id AS id, NULL AS kind, json_extract(t.moment_ids, '$[0]') AS mid, "
                "NULL AS pid, NULL AS step",
    # The group's feeling on a moment: its note is the text, its value ("+1") the kind.
    "group_feelings": "t.moment_id AS id, CASE WHEN typeof(t.value) != 'integer' THEN NULL "
                      "WHEN t.value > 0 THEN '+' || t.value ELSE CAST(t.value AS TEXT) END "
                      "AS kind, t.moment_id AS mid, NULL AS pid, NULL AS step",
}
# A file written before m011 and not opened for writing since (search never migrates):
# its tables under their first names, steps counted from 0.
_BEFORE_M011 = {
    "moments": "t.mid AS id, NULL AS kind, t.mid AS mid, t.pid AS pid, NULL AS step",
    "expectations": "t.xid AS id, t.type AS kind, t.mid AS mid, t.pid AS pid, NULL AS step",
    "ideas": "t.iid AS id, NULL AS kind, t.mid AS mid, t.pid AS pid, NULL AS step",
    "notes": "t.nid AS id, t.type AS kind, t.mid AS mid, t.pid AS pid, t.step AS step",
    "actions": "t.aid AS id, t.type AS kind, t.mid AS mid, NULL AS pid, NULL AS step",
    "findings": "t.fid AS id, NULL AS kind, json_extract(t.moments, '$[0]') AS mid, "
                "NULL AS pid, NULL AS step",
    "group_feelings": _COLUMNS["group_feelings"].replace("t.moment_id", "t.mid"),
}
# The session's own tables, read to describe a hit: (new query, query before m011).
_LOOKUPS = {
    "participants": ("SELECT participant_id AS pid, pseudonym, real_name AS name "
                     "FROM participants", "SELECT pid, pseudonym, name FROM participants"),
    "moments": ("SELECT moment_id AS mid, text FROM moments", "SELECT mid, text FROM moments"),
    "steps": (f"SELECT {_STEP.format('step_number')} AS step, title FROM steps",
              "SELECT step, title FROM steps"),
    "session": ("SELECT title, created_at, lang FROM session WHERE session_id = 1",
                "SELECT title, created_at, lang FROM session WHERE id = 1"),
}
# What a hit shows and the fallback matches: the text, or a finding's parts on one line
# (headline — meaning — what to do, the empty ones left out).
_TEXT = {"findings": "t.headline"
                     " || CASE WHEN coalesce(t.meaning, '') = '' THEN '' "
                     "ELSE ' — ' || t.meaning END"
                     " || CASE WHEN coalesce(t.recommendation, '') = '' THEN '' "
                     "ELSE ' — ' || t.recommendation END"}
assert set(_COLUMNS) == set(SEARCHABLE) == set(_BEFORE_M011)


class SearchError(WorkshopError):
    """A query that cannot be searched for (nothing but punctuation)."""


class SearchFileError(WorkshopError):
    """One file among many could not be searched (it is skipped with a warning)."""


# ---- the query -----------------------------------------------------------------------


def fold_text(text: str) -> str:
    """Lower case without accents, one character for one character (so that positions in
    the folded text are positions in the original)."""
    if text.isascii():  # no accents: the same, faster (the replay folds every entry)
        return text.lower()
    return "".join(map(_fold_char, text))


@cache
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)
    kept = "".join(c for c in base if not unicodedata.combining(c)).lower()
    return kept[:1] if len(kept) >= 1 else ch


# Letters and digits, as the unicode61 tokenizer splits words (underscore separates).
_WORD = re.compile(r"[^\W_]+")
_PART = re.compile(r'"([^"]*)"|(\S+)')


@record
class Term:
    words: tuple[str, ...]  # folded; more than one: a phrase
    prefix: bool = False  # the last word matches as a prefix


@record
class Query:
    text: str
    terms: tuple[Term, ...]

    def fts(self) -> str:
        """The FTS5 MATCH expression: every term quoted, so no word is an operator."""
        parts = []
        for term in self.terms:
            phrase = '"' + " ".join(term.words) + '"'
            parts.append(phrase + ("*" if term.prefix else ""))
        return " ".join(parts)

    def spans(self, text: str, *, every: bool = True) -> list[tuple[int, int]]:
        """Where the terms occur in ``text`` (start, end), or [] when one is missing;
        with ``every=False``, where any of them occurs (a line that shows part of what
        matched: the replay's list clips an entry's text)."""
        folded = fold_text(text)
        tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]
        found: list[tuple[int, int]] = []
        for term in self.terms:
            n = len(term.words)
            hits = []
            for i in range(len(tokens) - n + 1):
                window = tokens[i:i + n]
                same = all(w == tok[2] for w, tok in zip(term.words[:-1], window[:-1], strict=True))
                last = window[-1][2]
                ok = last.startswith(term.words[-1]) if term.prefix else last == term.words[-1]
                if same and ok:
                    hits.append((window[0][0], window[-1][1]))
            if not hits and every:
                return []
            found += hits
        return sorted(set(found))

    def matches(self, text: str | None) -> bool:
        return bool(text and self.spans(text))

    def patterns(self) -> list[re.Pattern[str]]:
        """One expression per term, on folded text, that finds what ``spans`` finds: its
        words as whole tokens (a run of letters and digits), one after the other with
        anything else between them; the last one only begun for a prefix."""
        edge = r"[^\W_]"
        return [re.compile(f"(?<!{edge})" + r"[\W_]+".join(map(re.escape, term.words))
                           + ("" if term.prefix else f"(?!{edge})")) for term in self.terms]


class WordIndex:
    """Which of many folded texts hold each word: ``Query.patterns`` answered by looking
    words up rather than reading every text (the replay searches as each letter is
    typed, over tens of thousands of entries).

    A term of one word matches exactly the texts with that word among their tokens (a
    run of letters and digits: the pattern's edges), or, for ``queue*``, a token that
    begins so; a phrase is looked up by its words and then read with its pattern."""

    def __init__(self, folded: list[str]) -> None:
        self.folded = folded
        postings: dict[str, list[int]] = {}
        for k, text in enumerate(folded):
            for word in set(_WORD.findall(text)):
                postings.setdefault(word, []).append(k)
        self._postings = postings  # word -> the texts holding it, in order
        self._vocabulary = sorted(postings)

    def _holding(self, word: str, prefix: bool) -> list[int]:
        """The texts (in order) with ``word`` as a token, or a token beginning with it."""
        if not prefix:
            return self._postings.get(word, [])
        vocabulary = self._vocabulary
        lists = []
        for k in range(bisect.bisect_left(vocabulary, word), len(vocabulary)):
            if not vocabulary[k].startswith(word):
                break
            lists.append(self._postings[vocabulary[k]])
        if len(lists) <= 1:
            return lists[0] if lists else []
        return sorted(set().union(*lists))

    def find(self, query: Query) -> list[int]:
        """The positions, in order, of the texts every term of ``query`` matches."""
        found: list[int] | None = None
        for term, pattern in zip(query.terms, query.patterns(), strict=True):
            last = len(term.words) - 1
            for j, word in enumerate(term.words):
                holding = self._holding(word, term.prefix and j == last)
                if found is None:
                    found = holding
                elif len(found) <= len(holding):
                    kept = set(holding)
                    found = [k for k in found if k in kept]
                else:
                    kept = set(found)
                    found = [k for k in holding if k in kept]
                if not found:
                    return []
            if last:  # a phrase: its words in a row, which only its pattern can tell
                folded = self.folded
                found = [k for k in found or () if pattern.search(folded[k])]
        return list(found or ())


# The fields of an event that hold what was typed into an entry: the texts the readable
# tables give ``search_file`` (a finding's three parts), and nothing that names a person.
ENTRY_FIELDS = ("text", "headline", "meaning", "recommendation")


def entry_text(data: object) -> str:
    """What an event's entry says, its parts on one line as a hit shows a finding."""
    if not isinstance(data, dict):
        return ""
    return " — ".join(v for name in ENTRY_FIELDS if isinstance(v := data.get(name), str) and v)


def parse_query(text: str) -> Query:
    terms = []
    for m in _PART.finditer(text):
        raw = m[1] if m[1] is not None else m[2]
        prefix = raw.rstrip().endswith("*") and m[1] is None
        words = tuple(_WORD.findall(fold_text(raw)))
        if words:
            terms.append(Term(words, prefix))
    if not terms:
        raise SearchError(t("Give at least one word to search for."))
    return Query(text, tuple(terms))


# ---- the results ---------------------------------------------------------------------


@record(frozen=False)
class Hit:
    entity: str  # moment, expectation, idea, note, action, finding
    id: int
    text: str
    spans: list[tuple[int, int]]
    created_at: str
    kind: str | None = None  # stated/latent, note/quote, action/next_step
    step: int | None = None  # 0-based
    step_title: str = ""
    moment: str = ""
    participant: str = ""


@record(frozen=False)
class SessionHits:
    path: Path
    title: str
    date: str
    lang: str
    hits: list[Hit] = field(default_factory=list)
    fallback: bool = False  # searched without full-text tables


def _connect(path: Path) -> sqlite3.Connection:
    from workshop.core.connection import connect_readonly

    return connect_readonly(path)


def _rows(conn: sqlite3.Connection, table: str, query: Query, fts: bool, old: bool
          ) -> list[sqlite3.Row]:
    text = _TEXT.get(table, "t.text")
    cols = f"{text} AS text, t.created_at AS created_at, "
    cols += (_BEFORE_M011 if old else _COLUMNS)[table]
    if fts:
        sql = (f"SELECT {cols} FROM [{table}] t JOIN [{table}_fts] f ON f.rowid = t.rowid "
               f"WHERE [{table}_fts] MATCH ?")
        rows: list[sqlite3.Row] = conn.execute(sql, (query.fts(),)).fetchall()
        return rows
    conn.create_function("workshop_matches", 1, query.matches, deterministic=True)
    rows = conn.execute(f"SELECT {cols} FROM [{table}] t WHERE workshop_matches({text})").fetchall()
    return rows


def search_file(path: Path, query: Query, *, names: bool = False) -> SessionHits | None:
    """The entries of one session file that match, or None when none does.

    Raises SearchFileError for a file that is not a session or cannot be read.
    """
    try:
        check_file(path)
        conn = _connect(path)
    except SessionFileError as exc:
        raise SearchFileError(str(exc)) from None
    except sqlite3.Error as exc:
        raise SearchFileError(t("{path} cannot be read ({why}).", path=path, why=exc)) from None
    try:
        # The schema is ours (no trigger, view or index over a view of its own) before
        # anything is read; every read has a budget (see core.connection).
        schema.check_and_migrate(conn, path, migrate=False)
        conn.row_factory = sqlite3.Row
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        old = conn.execute("SELECT 1 FROM _sqlite_migrations WHERE name = ?",
                           [schema.RESEARCHER_TABLES]).fetchone() is None
        found: list[tuple[str, sqlite3.Row]] = []
        fallback = False
        for table in SEARCHABLE:
            if table not in tables:
                continue
            fts = f"{table}_fts" in tables
            fallback |= not fts
            found += [(table, row) for row in _rows(conn, table, query, fts, old)]
        if not found:
            return None
        return _describe(conn, path, query, found, fallback, names, old)
    except SessionFileError as exc:
        raise SearchFileError(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        raise SearchFileError(str(refusal(path, exc, conn))) from None
    finally:
        conn.close()


# The readable tables are read directly here (no fold): a value of another type than the
# column's, or longer than an entry may be, is damage, not something to print.
def _text_ok(value: object, nullable: bool = True, limit: int = MAX_TEXT) -> bool:
    return (value is None and nullable) or (type(value) is str and len(value) <= limit)


# A finding's text is its three fields, each an entry, on three lines (see _TEXT).
_TEXT_LIMIT = {"findings": 3 * MAX_TEXT + 2}


def _int_ok(value: object, nullable: bool = True) -> bool:
    return (value is None and nullable) or type(value) is int


def _need(ok: bool, path: Path, table: str) -> None:
    if not ok:
        raise SearchFileError(t("{path} is damaged ({why}).", path=path, why=t(
            "the table {table} holds a value of the wrong type or size", table=table)))


def _describe(conn: sqlite3.Connection, path: Path, query: Query,
              found: list[tuple[str, sqlite3.Row]], fallback: bool, names: bool,
              old: bool) -> SessionHits:
    """Session, step, moment and participant of each matching entry."""
    lookup = {table: queries[old] for table, queries in _LOOKUPS.items()}
    session = conn.execute(lookup["session"]).fetchone()
    title, created, lang = ((session["title"], session["created_at"] or "", session["lang"])
                            if session else (path.stem, "", "en"))
    _need(_text_ok(title, False) and _text_ok(created, False) and _text_ok(lang), path, "session")
    people = {}
    for r in conn.execute(lookup["participants"]):
        _need(_int_ok(r["pid"]) and _text_ok(r["pseudonym"]) and _text_ok(r["name"]), path,
              "participants")
        people[r["pid"]] = r["name"] if names and r["name"] else r["pseudonym"]
    moments = {}
    for r in conn.execute(lookup["moments"]):
        _need(_int_ok(r["mid"]) and _text_ok(r["text"]), path, "moments")
        moments[r["mid"]] = r["text"]
    steps = {}
    for r in conn.execute(lookup["steps"]):
        _need(_int_ok(r["step"]) and _text_ok(r["title"]), path, "steps")
        steps[r["step"]] = r["title"]
    entered = []  # (time, step) each time a step was entered, in order
    for id_, at, data in conn.execute(
            "SELECT id, at, data FROM events WHERE kind = 'step_entered' ORDER BY id"):
        try:  # checked as every reader checks an event (see core.eventcheck)
            step = parse_data(data, id_)
            check_event("step_entered", step, at, id_)
        except EventError as exc:
            raise SearchFileError(t("{path} is damaged ({why}).", path=path, why=exc)) from None
        entered.append((at, step["step"]))
    out = SessionHits(path, title, created[:10], lang, fallback=fallback)
    for table, row in found:
        _need(_text_ok(row["text"], False, _TEXT_LIMIT.get(table, MAX_TEXT))
              and _text_ok(row["created_at"]) and _int_ok(row["id"], False)
              and _text_ok(row["kind"]) and _int_ok(row["mid"]) and _int_ok(row["pid"])
              and _int_ok(row["step"]), path, table)
        created_at = row["created_at"] or ""
        step = row["step"]  # notes know their step; the rest: the step running then
        if step is None:
            for at, index in entered:
                if at <= created_at:
                    step = index
        mid = row["id"] if table == "moments" else row["mid"]
        text = row["text"] or ""
        hit = Hit(_ENTITY[table], row["id"], text, query.spans(text), created_at,
                  row["kind"], step, steps.get(step, "") if step is not None else "",
                  moments.get(mid, "") if mid is not None else "",
                  people.get(row["pid"], "") if row["pid"] is not None else "")
        out.hits.append(hit)
    out.hits.sort(key=lambda h: (h.created_at, h.entity, h.id))
    return out


def session_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files to search: each file given, and the .db files of each folder given (sorted);
    plus one line per path that does not exist."""
    files, problems = [], []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.glob("*.db") if p.is_file())
        elif path.exists():
            files.append(path)
        else:
            problems.append(t("{path}: no such file or folder.", path=path))
    seen, unique = set(), []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def search(paths: list[Path], text: str, *, names: bool = False
           ) -> tuple[list[SessionHits], list[str], int]:
    """(sessions with hits, oldest first; one line per file skipped; files searched, the
    skipped ones not counted)."""
    query = parse_query(text)
    files, problems = session_files(paths)
    results = []
    searched = 0
    for path in files:
        try:
            hits = search_file(path, query, names=names)
        except WorkshopError as exc:
            problems.append(str(exc))
            continue
        searched += 1
        if hits:
            results.append(hits)
    results.sort(key=lambda s: (s.date, str(s.path)))
    return results, problems, searched
