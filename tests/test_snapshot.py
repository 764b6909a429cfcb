"""The snapshot of the folded state a session file keeps (``core/snapshot.py``): a long
session reopens from it, folding only the events after it; one this user's store did
not write, or that does not match the file any more, is not read, and the session
opens as it always did, from its events."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from core_fixtures import assert_consistent, at, file_tables, new_store, state_tables
from workshop.core import fold as fold_module
from workshop.core import snapshot
from workshop.core.connection import connect_readonly
from workshop.core.fold import fold
from workshop.core.store import Store

MOMENTS = 40


@pytest.fixture(autouse=True)
def _small_marks(monkeypatch):
    """A copy of the state every 10 events, a snapshot on every close after 5: a few
    dozen changes behave as a long session does."""
    monkeypatch.setattr(Store, "MARK_EVERY", 10)
    monkeypatch.setattr(Store, "SNAPSHOT_AFTER", 5)


@pytest.fixture
def folded(monkeypatch) -> list[int]:
    """The ids of the events folded, as the store folds them (every ``fold.apply``)."""
    seen: list[int] = []
    apply = fold_module.apply

    def counted(state, event):
        seen.append(event.id)
        return apply(state, event)

    monkeypatch.setattr(fold_module, "apply", counted)
    return seen


def long_session(tmp_path: Path) -> Path:
    with new_store(tmp_path) as store:
        for i in range(MOMENTS):
            store.record("moment_added", text=f"Moment {i}", at=at(i + 1))
    return tmp_path / "s.db"


def kept(path: Path) -> tuple[object, int | None]:
    with closing(connect_readonly(path)) as conn:
        return snapshot.read(conn), snapshot.upto(conn)


def test_a_long_session_reopens_from_its_snapshot_folding_only_what_came_after(
        tmp_path, folded):
    path = long_session(tmp_path)
    state, upto = kept(path)
    last = MOMENTS + 4  # the session and its three participants first
    assert upto is not None and last - 20 < upto < last  # a few changes back
    assert snapshot.key_file().stat().st_mode & 0o777 == 0o600  # the key: this user's only
    with Store.open(path, readonly=True) as reader:
        events = reader.events
    whole = fold(events)
    folded.clear()
    with Store.open(path, readonly=True) as reader:
        seen = list(folded)
        assert reader.state == whole
    assert seen == [e.id for e in events if e.id > upto]  # only what came after it
    assert state == fold(e for e in events if e.id <= upto)

    # Going on from it: new changes, an undo of one from before the snapshot.
    with Store.open(path) as store:
        store.record("moment_added", text="Exit", at=at(99))
        store.undo(target=6)  # the second moment, long before the snapshot
        assert "Moment 1" not in [m.text for m in store.state.moments.values()]
        assert_consistent(store)
        state = store.state
    with Store.open(path) as again:
        assert again.state == state == fold(again.events)


def test_a_snapshot_written_with_another_key_or_altered_is_not_read(
        tmp_path, folded, monkeypatch):
    path = long_session(tmp_path)
    with Store.open(path, readonly=True) as reader:
        events = reader.events
    everything, whole = [e.id for e in events], fold(events)

    def opened() -> list[int]:
        folded.clear()
        with Store.open(path, readonly=True) as store:
            seen = list(folded)
            assert store.state == whole
        return seen

    assert opened() != everything  # from the snapshot

    # Another user (another key): the file is read from its events, as one sent to them.
    mine = snapshot.key_file().read_bytes()
    with monkeypatch.context() as other:
        other.setenv("XDG_STATE_HOME", str(tmp_path / "someone-else"))
        assert kept(path)[0] is None and opened() == everything
    assert snapshot.key_file().read_bytes() == mine and opened() != everything

    # A byte changed in it, or a header naming a billion parts: not read, nothing hangs.
    with closing(sqlite3.connect(path)) as conn, conn:
        body = conn.execute("SELECT value FROM meta WHERE key = 'snapshot.1'").fetchone()[0]
        altered = bytes([body[0] ^ 1]) + body[1:]
        conn.execute("UPDATE meta SET value = ? WHERE key = 'snapshot.1'", (altered,))
    assert opened() == everything
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE meta SET value = json_set(value, '$.parts', 1000000000) "
                     "WHERE key = 'snapshot'")
    assert opened() == everything


def test_an_event_changed_under_a_snapshot_is_noticed(tmp_path, folded):
    """The event a snapshot stops at must still be in the file as it was: a file
    edited by hand there is read from its events."""
    path = long_session(tmp_path)
    _, upto = kept(path)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE events SET data = json_set(data, '$.text', 'Edited') WHERE id = ?",
                     (upto,))
    with Store.open(path, readonly=True) as store:
        assert store.state == fold(store.events)
        assert "Edited" in [m.text for m in store.state.moments.values()]


def test_a_session_without_snapshot_opens_and_gets_one_when_closed(tmp_path, folded):
    path = long_session(tmp_path)
    with closing(sqlite3.connect(path)) as conn, conn:  # as a version before snapshots left it
        conn.execute("DELETE FROM meta WHERE key LIKE 'snapshot%'")
    assert kept(path) == (None, None)
    folded.clear()
    with Store.open(path) as store:
        state = store.state
        assert len(folded) == MOMENTS + 4
    _, upto = kept(path)
    assert upto is not None
    with Store.open(path, readonly=True) as again:
        assert again.state == state
        assert file_tables(path) == state_tables(again.state)
