"""Issue 15, item 1: the session file's readable tables as a researcher meets them in SQL
or Datasette (migration m011): names that say what they hold, declared foreign keys,
steps numbered as the screen numbers them, votes that say what they are on, each
vote's own budget, the full-text tables out of sight, and views for the usual
questions; a file of the version before is migrated to exactly what a new one holds."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from core_fixtures import (
    assert_consistent,
    at,
    file_tables,
    foreign_key_problems,
    gap_rows_of_file,
    gap_rows_of_state,
    new_store,
    state_tables,
)
from workshop.core import schema
from workshop.core.search import parse_query, search_file
from workshop.core.store import Store

ROOT = Path(__file__).resolve().parent.parent
# The English demo as the version before m011 wrote it (its tables under their first
# names, steps from 0).
BEFORE = Path(__file__).parent / "data" / "demo-before-m011.db"
DEMO = ROOT / "sessions" / "demo-supermarket.db"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _query(path: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [tuple(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


def _schema(path: Path) -> list[tuple]:
    return _query(path, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- an old file -----------------------------------------------------------------------


def test_an_old_file_read_only_is_read_as_it_is_and_left_untouched(tmp_path):
    old, migrated = tmp_path / "old.db", tmp_path / "migrated.db"
    shutil.copy(BEFORE, old)
    shutil.copy(BEFORE, migrated)
    Store.open(migrated).close()
    before = _digest(old)
    with Store.open(old, readonly=True) as reader, Store.open(migrated, readonly=True) as new:
        assert reader.state == new.state
    # search reads its tables under their first names, with the same answers
    query = parse_query("queue*")
    found, now = search_file(old, query), search_file(migrated, query)
    assert found is not None and now is not None and not found.fallback
    assert [(h.entity, h.id, h.text, h.step, h.step_title, h.moment, h.participant)
            for h in found.hits] == [
        (h.entity, h.id, h.text, h.step, h.step_title, h.moment, h.participant)
        for h in now.hits]
    assert _digest(old) == before and not Path(f"{old}-wal").exists()
    assert "mid" in {r[1] for r in _query(old, "PRAGMA table_info(moments)")}


def test_an_old_file_opened_for_writing_equals_a_fresh_build(tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(BEFORE, old)
    with Store.open(old) as store:
        assert [m.name for m in schema.migrations.applied(store.db)][-1] == \
            "m011_researcher_tables"
        assert_consistent(store)
    # The same schema, every row the same, as a file this version builds from the same
    # events; nothing left that asks for a rebuild.
    with Store.open(BEFORE, readonly=True) as reader:
        fresh = reader.save_copy(tmp_path / "fresh.db")
    assert _schema(old) == _schema(fresh) == _schema(DEMO)
    assert file_tables(old) == file_tables(fresh)
    assert _query(old, "SELECT 1 FROM meta WHERE key = 'rebuild_tables'") == []
    assert foreign_key_problems(old) == []
    # the search index was built again over the migrated rows
    hits = search_file(old, parse_query("queue*"))
    assert hits is not None and not hits.fallback and hits.hits
    # and opening it again changes nothing
    with Store.open(old) as again:
        assert file_tables(old) == state_tables(again.state)


def test_a_migration_interrupted_before_the_tables_were_filled_fills_them_next_time(tmp_path):
    # The migration commits with the tables empty and a request in meta; a process killed
    # right then leaves that, and the next writer fills them.
    old = tmp_path / "old.db"
    shutil.copy(BEFORE, old)
    with Store.open(old) as store:
        state = store.state
    conn = sqlite3.connect(old)
    with conn:
        for table in state_tables(state):
            conn.execute(f"DELETE FROM [{table}]")
        conn.execute("INSERT INTO meta VALUES ('rebuild_tables', 'm011')")
    conn.close()
    with Store.open(old) as store:
        assert file_tables(old) == state_tables(store.state)
    assert _query(old, "SELECT 1 FROM meta WHERE key = 'rebuild_tables'") == []


# ---- what the tables say ----------------------------------------------------------------


@pytest.fixture
def session(tmp_path):
    """Moments, an idea from a prompt card, a note in step 3, a vote on moments with the
    script's budget, then a vote on ideas with five dots each."""
    with new_store(tmp_path) as store:
        r = store.record
        r("step_entered", step=1, at=at(1))
        r("moment_added", text="Queue at the checkout", stage="during", pid=1, at=at(2))
        r("moment_added", text=HOSTILE, stage="before", pid=2, at=at(3))
        r("step_entered", step=2, at=at(4))
        r("rating_given", mid=1, pid=1, value=5, scale="expectation", at=at(5))
        r("rating_given", mid=1, pid=1, value=2, at=at(5))
        r("rating_given", mid=2, pid=2, value=3, at=at(5))
        r("note_added", type="quote", text="Always the slowest queue", pid=3, mid=1, step=2,
          at=at(6))
        r("step_entered", step=3, at=at(7))
        did = r("prompt_drawn", prompt_id="reverse-1", technique="reversal",
                text="What if the queue came to you?", mid=1, at=at(8)).data["did"]
        r("idea_added", mid=1, text="Pay from the trolley", pid=3, did=did, at=at(9))
        r("step_entered", step=4, at=at(10))
        r("vote_opened", target="moments", dots=3, cap=2, blind=True, step=4, at=at(10))
        r("vote_cast", rid=1, pid=1, item=1, delta=2, at=at(11))
        r("vote_cast", rid=1, pid=2, item=2, delta=1, at=at(11))
        r("votes_revealed", rid=1, at=at(12))
        r("vote_opened", target="ideas", dots=5, cap=None, blind=False, step=4, at=at(13))
        r("vote_cast", rid=2, pid=3, item=1, delta=4, at=at(14))
        assert_consistent(store)
    return tmp_path / "s.db"


def test_columns_say_what_they_hold_and_steps_count_from_one(session):
    assert _query(session, "SELECT moment_id, text, participant_id, position FROM moments "
                           "ORDER BY position") == [
        (1, "Queue at the checkout", 1, 1), (2, HOSTILE, 2, 2)]
    assert _query(session, "SELECT step_number, title FROM steps WHERE kind = 'excellence'"
                  ) == [(4, "Excellence")]
    # the quote was taken in "step 3: Expectations", as the screen said
    assert _query(session, "SELECT n.text, s.step_number, s.title FROM notes n "
                           "JOIN steps s USING (step_number)") == [
        ("Always the slowest queue", 3, "Expectations")]
    assert _query(session, "SELECT current_step_number FROM session") == [(5,)]
    assert _query(session, "SELECT i.text, p.technique, p.text FROM ideas i "
                           "JOIN prompts p USING (draw_id)") == [
        ("Pay from the trolley", "reversal", "What if the queue came to you?")]
    assert _query(session, "SELECT pseudonym, real_name FROM participants ORDER BY 1") == [
        ("P1", "Ana"), ("P2", None), ("P3", "Luis")]


def test_votes_say_what_they_are_on_and_each_vote_its_own_budget(session):
    # session.default_dots is the script's 3; the vote on ideas gave 5 each
    assert _query(session, "SELECT default_dots, default_cap FROM session") == [(3, 2)]
    assert _query(session, "SELECT round_id, target, dots_each, cap_per_item, step_number "
                           "FROM vote_rounds ORDER BY round_id") == [
        (1, "moments", 3, 2, 5), (2, "ideas", 5, None, 5)]
    assert _query(session, "SELECT round_id, participant_id, moment_id, idea_id, dots "
                           "FROM votes ORDER BY round_id, participant_id") == [
        (1, 1, 1, None, 2), (1, 2, 2, None, 1), (2, 3, None, 1, 4)]
    # the dots on the idea reach its moment through the idea, by its declared key
    assert _query(session, "SELECT m.text, v.dots FROM votes v JOIN ideas i USING (idea_id) "
                           "JOIN moments m ON m.moment_id = i.moment_id") == [
        ("Queue at the checkout", 4)]


def test_every_reference_is_a_declared_foreign_key_that_holds(session):
    keys = {(table, fk[3], fk[2], fk[4]) for table in ("ideas", "votes", "notes", "ratings")
            for fk in _query(session, f"PRAGMA foreign_key_list({table})")}
    assert {("ideas", "moment_id", "moments", "moment_id"),
            ("ideas", "participant_id", "participants", "participant_id"),
            ("ideas", "draw_id", "prompts", "draw_id"),
            ("votes", "idea_id", "ideas", "idea_id"),
            ("votes", "moment_id", "moments", "moment_id"),
            ("notes", "step_number", "steps", "step_number"),
            ("ratings", "participant_id", "participants", "participant_id")} <= keys
    assert foreign_key_problems(session) == []


def test_the_views_answer_as_the_gaps_step_does(session):
    with Store.open(session, readonly=True) as store:
        expected = gap_rows_of_state(store.state)
    assert gap_rows_of_file(session) == expected
    # importance from the latest vote that counts on moments: vote 1, 2 dots of 3
    assert _query(session, "SELECT moment_id, dots, round(importance, 4), "
                           "importance_round_id, gap, gap_n, quadrant FROM moment_scores "
                           "ORDER BY position") == [
        (1, 2, 0.6667, 1, -3.0, 1, "concentrate"), (2, 1, 0.3333, 1, None, 0, "overkill")]


def test_the_demo_views_match_the_analysis_and_its_keys_hold():
    with Store.open(DEMO, readonly=True) as store:
        assert gap_rows_of_file(DEMO) == gap_rows_of_state(store.state)
    assert foreign_key_problems(DEMO) == []


# ---- in Datasette ------------------------------------------------------------------------


async def test_datasette_links_labels_and_hides_the_search_index(session):
    pytest.importorskip("datasette")
    from workshop.report.study_server import datasette_app

    ds = datasette_app(session)
    tables = {t["name"]: t for t in (await ds.client.get("/s.json")).json()["tables"]}
    fts = [name for name in tables if "_fts" in name]
    assert fts and all(tables[name]["hidden"] for name in fts)
    assert tables["meta"]["hidden"] and not tables["moments"]["hidden"]
    shown = sorted(name for name, t in tables.items() if not t["hidden"])
    assert shown == sorted(["events", *state_tables_names()])
    views = {v["name"] for v in (await ds.client.get("/s.json")).json()["views"]}
    assert {"moment_scores", "gap_table"} <= views

    ideas = (await ds.client.get("/s/ideas.json?_labels=on&_shape=objects")).json()["rows"]
    assert ideas[0]["moment_id"] == {"value": 1, "label": "Queue at the checkout"}
    assert ideas[0]["participant_id"] == {"value": 3, "label": "P3"}  # never the name
    ratings = (await ds.client.get("/s/ratings.json?_labels=on&_shape=objects")).json()["rows"]
    assert {r["moment_id"]["label"] for r in ratings} == {"Queue at the checkout", HOSTILE}
    notes = (await ds.client.get("/s/notes.json?_labels=on&_shape=objects")).json()["rows"]
    assert notes[0]["step_number"] == {"value": 3, "label": "Expectations"}
    votes = (await ds.client.get("/s/votes.json?_labels=on&_shape=objects")).json()["rows"]
    assert {"value": 1, "label": "Pay from the trolley"} in [v["idea_id"] for v in votes]

    # what a participant typed is shown as text on every page, never run
    for page in ("/s/moments", "/s/ratings?_labels=on", "/s/gap_table"):
        html = (await ds.client.get(page)).text
        assert HOSTILE not in html and "&lt;script&gt;alert(" in html, page


def state_tables_names() -> list[str]:
    from workshop.core.tables import TABLES

    return list(TABLES)


async def test_datasette_brings_an_old_file_up_to_date_before_serving_it(tmp_path):
    pytest.importorskip("datasette")
    from workshop.report.study_server import datasette_app

    old = tmp_path / "old.db"
    shutil.copy(BEFORE, old)
    ds = datasette_app(old)
    rows = (await ds.client.get("/old/votes.json?_labels=on&_shape=objects")).json()["rows"]
    assert rows and all((r["moment_id"] or r["idea_id"])["label"] for r in rows)
    with Store.open(old, readonly=True) as store:
        assert file_tables(old) == state_tables(store.state)


async def test_datasette_describes_every_table_and_column_of_a_session_file(session):
    pytest.importorskip("datasette")
    from workshop.core.tables import TABLES
    from workshop.report.study_server import datasette_app

    ds = datasette_app(session)
    tables = (await ds.client.get("/-/metadata.json")).json()["databases"]["s"]["tables"]
    db = ds.get_database("s")
    for name in [*TABLES, "moment_scores", "gap_table", "events"]:
        assert tables[name]["title"] and tables[name]["description"], name
    for name in TABLES:
        described = tables[name]["columns"]
        assert set(await db.table_columns(name)) == set(described), name
        assert all(described.values()), name
    assert tables["participants"]["label_column"] == "pseudonym"
    assert tables["moments"]["label_column"] == "text"


def test_a_session_files_pages_speak_its_language_or_the_one_asked():
    from workshop.core.session_metadata import metadata

    spanish = DEMO.with_name("demo-supermercado.db")  # read only: nothing is written
    said = metadata(spanish)
    tables = said["databases"]["demo-supermercado"]["tables"]
    assert said["title"] == "Sesión de workshop"
    assert tables["session"]["title"] == "La sesión"
    assert tables["gap_table"]["title"] == "La tabla de brechas"
    assert tables["votes"]["columns"]["moment_id"].startswith("El momento que recibe los puntos")
    assert metadata(spanish, "pt_BR")["databases"]["demo-supermercado"]["tables"][
        "session"]["title"] == "A sessão"
    english = metadata(DEMO)["databases"]["demo-supermarket"]["tables"]
    assert english["session"]["title"] == "The session"
