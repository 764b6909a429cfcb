"""Session files on disk: new names, one-line summaries, and a folder with bad files."""

from __future__ import annotations

from datetime import date

from core_fixtures import at, new_store
from workshop.core.catalog import find_sessions, new_session_path, slugify, status


def test_new_names_are_dated_slugs_that_never_overwrite(tmp_path):
    day = date(2025, 3, 4)
    assert slugify("¿Qué tal el súper? Familias / Sábado") == "que-tal-el-super-familias-sabado"
    assert slugify("日本") == "session"
    first = new_session_path(tmp_path, "Súper familias", day)
    assert first.name == "2025-03-04-super-familias.db"
    first.write_bytes(b"")
    second = new_session_path(tmp_path, "Súper familias", day)
    assert second.name == "2025-03-04-super-familias-2.db"


def test_find_sessions_lists_good_files_newest_first_and_names_bad_ones(tmp_path):
    with new_store(tmp_path, name="a.db", title="Morning") as a:
        a.record("step_entered", step=2, at=at(50))
    with new_store(tmp_path, name="b.db", title="Evening") as b:
        b.record("moment_added", text="x", at=at(80))
        b.record("session_finished", at=at(90))
    (tmp_path / "broken.db").write_bytes(b"not sqlite")
    (tmp_path / "notes.txt").write_text("ignored")
    with new_store(tmp_path, name="live.db", title="Live") as live:  # open for writing
        found, problems = find_sessions(tmp_path)
        assert live.state.title == "Live"
    assert [s["title"] for s in found] == ["Evening", "Morning", "Live"]
    assert [s["status"] for s in found] == ["finished", "step 3 of 7: Expectations",
                                            "not started"]
    assert found[0]["participants"] == 3 and found[0]["date"] == "2025-03-04"
    assert len(problems) == 1 and "broken.db" in problems[0] and "\n" not in problems[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.db", "b.db", "broken.db", "live.db", "notes.txt"]


def test_status_of_a_running_session(tmp_path):
    with new_store(tmp_path) as store:
        store.record("step_entered", step=0)
        assert status(store.state) == "step 1 of 7: Welcome"


def test_a_session_with_entries_is_started_even_before_any_step_change(tmp_path):
    """Notes typed on the first step, with no step ever entered: it has begun."""
    with new_store(tmp_path, name="a.db") as a:
        assert status(a.state) == "not started"
        a.record("note_added", text="Late start: two people stuck in traffic", type="note",
                 at=at(1))
        assert status(a.state) == "step 1 of 7: Welcome"
    found, _ = find_sessions(tmp_path)
    assert found[0]["status"] == "step 1 of 7: Welcome"
