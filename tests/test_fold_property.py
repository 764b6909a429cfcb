"""Random sessions: whatever a facilitator does, in whatever order, refused or not,
undone or redone, the live state equals the fold of the log and the file's tables
equal the tables rebuilt from it; and with the session closed and opened again at
random points, the file's snapshot of the folded state equals the fold of the events up
to where it stops, and opening from it gives the fold of the whole log."""

from __future__ import annotations

import copy
import tempfile
from contextlib import closing, contextmanager
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core_fixtures import assert_consistent, at, file_tables, new_store, state_tables
from workshop.core import snapshot
from workshop.core.connection import connect_readonly
from workshop.core.errors import RuleError
from workshop.core.fold import fold
from workshop.core.store import Store

small = st.integers(min_value=0, max_value=4)
text = st.sampled_from(["Parking", "Queue", "  ", "Till\x07", "Café"])

ACTIONS = st.one_of(
    st.tuples(st.just("moment_added"), st.fixed_dictionaries(
        {"text": text, "stage": st.sampled_from([None, "before", "during", "after"]),
         "index": st.one_of(st.none(), small)})),
    st.tuples(st.just("moment_moved"), st.fixed_dictionaries({"mid": small, "index": small})),
    st.tuples(st.just("moments_merged"), st.fixed_dictionaries({"mid": small, "into": small})),
    st.tuples(st.just("expectation_added"), st.fixed_dictionaries(
        {"mid": small, "text": text, "type": st.sampled_from(["stated", "latent"])})),
    st.tuples(st.just("rating_given"), st.fixed_dictionaries(
        {"mid": small, "pid": small, "value": st.integers(0, 6)})),
    st.tuples(st.just("idea_added"), st.fixed_dictionaries({"mid": small, "text": text})),
    st.tuples(st.just("vote_opened"), st.fixed_dictionaries(
        {"target": st.sampled_from(["moments", "ideas"]), "dots": st.integers(1, 3),
         "cap": st.one_of(st.none(), st.integers(1, 2)), "blind": st.booleans()})),
    st.tuples(st.just("vote_cast"), st.fixed_dictionaries(
        {"rid": st.integers(1, 2), "pid": small, "item": small,
         "delta": st.sampled_from([-1, 1, 2])})),
    st.tuples(st.just("votes_revealed"), st.fixed_dictionaries({"rid": st.integers(1, 2)})),
    st.tuples(st.just("entry_deleted"), st.fixed_dictionaries(
        {"entity": st.sampled_from(["moment", "idea", "expectation"]), "id": small})),
    st.tuples(st.just("entry_edited"), st.fixed_dictionaries(
        {"entity": st.sampled_from(["moment", "idea"]), "id": small, "text": text})),
    st.tuples(st.just("step_entered"), st.fixed_dictionaries({"step": small})),
    st.tuples(st.just("timer_started"), st.fixed_dictionaries({"step": small})),
    st.tuples(st.just("undo"), st.just({})),
    st.tuples(st.just("redo"), st.just({})),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, min_size=1, max_size=25))
def test_any_sequence_of_changes_stays_consistent(actions):
    with tempfile.TemporaryDirectory() as folder:
        with new_store(Path(folder)) as store:
            for minute, (kind, data) in enumerate(actions, start=1):
                before, state = file_tables(store.path), copy.deepcopy(store.state)
                try:
                    if kind == "undo":
                        store.undo()
                    elif kind == "redo":
                        store.redo()
                    else:
                        store.record(kind, at=at(minute), **data)
                except RuleError:
                    assert file_tables(store.path) == before and store.state == state
                    event("refused")
                else:
                    event("accepted")
            assert_consistent(store)
            state = store.state
        with Store.open(Path(folder) / "s.db", readonly=True) as again:
            assert again.state == state


@contextmanager
def marks_every(events: int):
    """The store keeps a copy of its state every ``events`` events and writes a snapshot
    on every close: with a few dozen changes, undos reach back past copies and
    snapshots, as they do in a long session."""
    saved = Store.MARK_EVERY, Store.SNAPSHOT_AFTER
    Store.MARK_EVERY, Store.SNAPSHOT_AFTER = events, 1
    try:
        yield
    finally:
        Store.MARK_EVERY, Store.SNAPSHOT_AFTER = saved


def the_snapshot(path: Path):
    """(the file's snapshot as this user's store reads it, the event it stops at)."""
    with closing(connect_readonly(path)) as conn:
        return snapshot.read(conn), snapshot.upto(conn)


UNDO, REDO, REOPEN = (st.tuples(st.just(kind), st.just({})) for kind in ("undo", "redo", "reopen"))
ADDED = st.tuples(st.just("moment_added"), st.fixed_dictionaries(
    {"text": text, "stage": st.sampled_from([None, "before", "during"])}))
# Changes that take effect more often than not, undos and reopenings among them.
LIVELY = st.one_of(ACTIONS, ADDED, ADDED, ADDED, UNDO, UNDO, REDO, REOPEN)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 6), st.lists(LIVELY, min_size=5, max_size=40))
def test_snapshots_and_undos_across_reopening_equal_the_fold(every, actions):
    with tempfile.TemporaryDirectory() as folder, marks_every(every):
        path = Path(folder) / "s.db"
        store = new_store(Path(folder))
        try:
            for minute, (kind, data) in enumerate(actions, start=1):
                before, state = file_tables(path), copy.deepcopy(store.state)
                try:
                    if kind == "reopen":
                        store.close()
                        with Store.open(path, readonly=True) as reader:
                            events = reader.events  # all of them, read from the file
                        kept, upto = the_snapshot(path)
                        if upto is not None:
                            assert kept is not None  # written by this user: it is read
                            assert kept == fold(e for e in events if e.id <= upto)
                            event("snapshot")
                        store = Store.open(path)
                        assert store.state == fold(events)
                        continue
                    if kind == "undo":
                        store.undo()
                    elif kind == "redo":
                        store.redo()
                    else:
                        store.record(kind, at=at(minute), **data)
                except RuleError:
                    assert file_tables(path) == before and store.state == state
                    event("refused")
                else:
                    event(kind if kind in ("undo", "redo") else "accepted")
                assert store.state == fold(store.events)
                assert file_tables(path) == state_tables(store.state)
            assert_consistent(store)
        finally:
            store.close()
