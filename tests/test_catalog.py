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


def _counting_opens(monkeypatch) -> list[str]:
    from workshop.core.store import Store

    opened: list[str] = []
    real = Store.open

    def counted(cls, path, **kwargs):
        opened.append(path.name)
        return real(path, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(counted))
    return opened


def test_a_listing_reads_a_file_again_only_once_it_has_changed(tmp_path, monkeypatch):
    from workshop.core import places

    folder = tmp_path / "sessions"
    folder.mkdir()
    with new_store(folder, name="a.db", title="Morning") as a:
        a.record("step_entered", step=2, at=at(50))
    opened = _counting_opens(monkeypatch)
    first, _ = find_sessions(folder)
    again, _ = find_sessions(folder)  # another start of the home screen
    assert again == first and opened == ["a.db"]
    cache = places.state_dir() / "summaries.json"
    assert cache.stat().st_mode & 0o777 == 0o600  # file names say who a session was with
    opened.clear()
    with new_store(folder, name="b.db", title="Evening") as writer:  # another window
        assert [s["status"] for s in find_sessions(folder)[0]] == [
            "step 3 of 7: Expectations", "not started"]
        writer.record("moment_added", text="Parking", at=at(80))  # in its write-ahead log
        assert [s["status"] for s in find_sessions(folder)[0]] == [
            "step 1 of 7: Welcome", "step 3 of 7: Expectations"]
    assert "a.db" not in opened  # unchanged: not opened again


def test_a_file_replaced_or_a_damaged_cache_is_read_afresh(tmp_path):
    from workshop.core import places

    folder = tmp_path / "sessions"
    folder.mkdir()
    with new_store(folder, name="a.db", title="Morning"):
        pass
    assert [s["title"] for s in find_sessions(folder)[0]] == ["Morning"]
    (places.state_dir() / "summaries.json").write_text('{"version": 1, "files": {"x": 1}}')
    assert [s["title"] for s in find_sessions(folder)[0]] == ["Morning"]
    (folder / "a.db").write_bytes(b"not sqlite")
    found, problems = find_sessions(folder)
    assert found == [] and len(problems) == 1 and "a.db" in problems[0]
