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
from workshop.core.kinds.registry import EVENTS
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


def apply(store: Store, minute: int, kind: str, data: dict) -> None:
    """One generated change: an undo, a redo, or an event recorded at ``minute``."""
    if kind == "undo":
        store.undo()
    elif kind == "redo":
        store.redo()
    else:
        store.record(kind, at=at(minute), **data)


def accepted(store: Store, minute: int, kind: str, data: dict) -> bool:
    """``apply``, a refusal being one of the outcomes: whether the change was taken (and
    so told to hypothesis, for its statistics)."""
    try:
        apply(store, minute, kind, data)
    except RuleError:
        return False
    event(f"accepted: {kind}")
    return True


def assert_ids_noted(state) -> None:
    """Every id in use is at most the highest noted for its counter: ``next_id`` counts on
    it for a fresh id without reading every entry."""
    for spec in EVENTS.values():
        if spec.creates is not None:
            in_use = max(spec.creates.existing(state), default=0)
            assert in_use <= state.high.get(spec.creates.counter, 0), spec.name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ACTIONS, min_size=1, max_size=25))
def test_any_sequence_of_changes_stays_consistent(actions):
    with tempfile.TemporaryDirectory() as folder:
        with new_store(Path(folder)) as store:
            for minute, (kind, data) in enumerate(actions, start=1):
                before, state = file_tables(store.path), copy.deepcopy(store.state)
                try:
                    apply(store, minute, kind, data)
                except RuleError:
                    assert file_tables(store.path) == before and store.state == state
                    event("refused")
                else:
                    event("accepted")
                assert_ids_noted(store.state)
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
        # The file's tables as read after the last change (nothing writes the file between
        # that reading and the next change); read anew after a reopening.
        after = None
        try:
            for minute, (kind, data) in enumerate(actions, start=1):
                before = after if after is not None else file_tables(path)
                state = copy.deepcopy(store.state)
                try:
                    if kind == "reopen":
                        after = None
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
                    apply(store, minute, kind, data)
                except RuleError:
                    assert file_tables(path) == before and store.state == state
                    event("refused")
                else:
                    event(kind if kind in ("undo", "redo") else "accepted")
                assert store.state == fold(store.events)
                after = file_tables(path)
                assert after == state_tables(store.state)
            assert_consistent(store)
        finally:
            store.close()


# ---- the figures the step panels keep per moment (core/figures.py) ---------------------------
mids, pids = st.integers(1, 5), st.integers(1, 3)  # the three moments first recorded, and more
RATED = st.tuples(st.just("rating_given"), st.fixed_dictionaries(
    {"mid": mids, "pid": pids, "value": st.integers(1, 5),
     "scale": st.sampled_from(["expectation", "performance"])}))
FELT = st.tuples(st.just("feeling_given"), st.fixed_dictionaries(
    {"mid": mids, "pid": pids, "value": st.integers(-2, 2)}))
# What the panels' figures count, more often than the rest; undos and redos among them.
FIGURE_ACTIONS = st.one_of(
    ACTIONS, ADDED, RATED, RATED, FELT, UNDO, UNDO, REDO,
    st.tuples(st.just("group_feeling_given"), st.fixed_dictionaries(
        {"mid": mids, "value": st.integers(-2, 2), "text": text})),
    st.tuples(st.just("expectation_added"), st.fixed_dictionaries(
        {"mid": mids, "text": text, "type": st.sampled_from(["stated", "latent"])})),
    st.tuples(st.just("idea_added"), st.fixed_dictionaries({"mid": mids, "text": text})),
)


def figures_from_scratch(state) -> dict:
    """Every moment's figures computed from the whole state, as the analysis does."""
    from workshop.core.analysis import expectations, performances
    from workshop.core.figures import Figures
    from workshop.core.journey import moment_feelings

    expected, performed, felt = expectations(state), performances(state), moment_feelings(state)

    def count(items, **match) -> dict:
        out: dict = {}
        for item in items:
            if all(getattr(item, k) == v for k, v in match.items()):
                out[item.mid] = out.get(item.mid, 0) + 1
        return out

    stated = count(state.expectations.values(), type="stated")
    latent = count(state.expectations.values(), type="latent")
    ideas = count(state.ideas.values())
    return {mid: Figures(mid, stated.get(mid, 0), latent.get(mid, 0), ideas.get(mid, 0),
                         expected[mid], performed[mid], felt[mid]) for mid in state.order}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FIGURE_ACTIONS, min_size=8, max_size=20))
def test_figures_kept_per_moment_equal_the_figures_computed_from_scratch(actions):
    """After every change (refused, undone and redone ones included) the figures kept per
    moment equal a computation from scratch, and every moment whose figures or own entry
    differ from before is in the changes noted for each reader: one looking after every
    change, one every third."""
    from workshop.core.figures import figures_for

    with tempfile.TemporaryDirectory() as folder, new_store(Path(folder)) as store:
        for words in ("Parking", "Queue", "Till"):  # moments for the changes to hang on
            store.record("moment_added", at=at(0), text=words)
        figures = figures_for(store.state, None)
        readers = [(figures.follow(), figures_from_scratch(store.state), dict(store.state.moments))
                   for _ in range(2)]
        for minute, (kind, data) in enumerate(actions, start=1):
            accepted(store, minute, kind, data)
            state = store.state
            known, figures = figures, figures_for(state, figures)
            now = figures_from_scratch(state)
            # Read every moment (the cache filled), so a stale entry is caught next time.
            assert {mid: figures.of(mid) for mid in state.order} == now
            if figures is not known:
                event("a new state: figures made anew")
                readers = [(figures.follow(), now, dict(state.moments)) for _ in readers]
                continue
            for i, (seen, before, moments) in enumerate(readers):
                if i and minute % 3:
                    continue  # the second reader looks now and then
                differ = {mid for mid in now.keys() | before.keys()
                          if now.get(mid) != before.get(mid)
                          or state.moments.get(mid) != moments.get(mid)}
                assert differ <= seen
                event("kept up to date" if seen else "nothing changed")
                seen.clear()
                readers[i] = (seen, now, dict(state.moments))


# Votes on the moments (importance) among the figures' changes, most of them counted.
VOTED = st.one_of(
    FIGURE_ACTIONS, st.tuples(st.just("vote_cast"), st.fixed_dictionaries(
        {"rid": st.just(1), "pid": pids, "item": mids, "delta": st.sampled_from([-1, 1])})),
    st.tuples(st.just("votes_revealed"), st.just({"rid": 1})))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.booleans(), st.lists(VOTED, min_size=8, max_size=25))
def test_gap_table_from_the_figures_kept_equals_the_one_computed_from_scratch(blind, actions):
    """The gaps step's table, assembled from the numbers kept per moment, equals
    ``gap_table`` of the whole state after every change: ratings on both scales, votes,
    moments added, moved, merged and deleted, undos and redos."""
    from workshop.core.analysis import gap_table
    from workshop.core.figures import figures_for, gap_table_of

    with tempfile.TemporaryDirectory() as folder, new_store(Path(folder)) as store:
        for words in ("Parking", "Queue", "Till"):
            store.record("moment_added", at=at(0), text=words)
        store.record("vote_opened", at=at(0), target="moments", dots=3, cap=2, blind=blind)
        figures = figures_for(store.state, None)
        assert gap_table_of(store.state, figures) == gap_table(store.state)
        for minute, (kind, data) in enumerate(actions, start=1):
            if not accepted(store, minute, kind, data):
                continue
            figures = figures_for(store.state, figures)
            assert gap_table_of(store.state, figures) == gap_table(store.state)


# ---- what each participant said, kept up to date (core/spoken.py) ----------------------------
who = st.one_of(st.none(), st.integers(1, 4))  # 4: no one on the roster
SAID_MOMENT = st.tuples(st.just("moment_added"), st.fixed_dictionaries({"text": text, "pid": who}))
SAID_BY = st.tuples(st.just("moment_edited"), st.fixed_dictionaries({"mid": mids, "pid": who}))
SAID = st.one_of(
    ACTIONS, UNDO, REDO, SAID_MOMENT, SAID_MOMENT, SAID_BY, SAID_BY,
    st.tuples(st.just("moments_merged"), st.fixed_dictionaries({"mid": mids, "into": mids})),
    st.tuples(st.just("expectation_added"), st.fixed_dictionaries(
        {"mid": mids, "text": text, "type": st.just("stated"), "pid": who})),
    st.tuples(st.just("idea_added"), st.fixed_dictionaries(
        {"mid": mids, "text": text, "pid": who})),
    st.tuples(st.just("note_added"), st.fixed_dictionaries(
        {"text": text, "type": st.sampled_from(["note", "quote"]), "pid": who})),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SAID, min_size=8, max_size=20))
def test_what_each_participant_said_kept_up_to_date_equals_counting_it_all(actions):
    """After every change (refused, undone and redone ones included) the counts the
    participants' list keeps equal the analysis's count of everything, quiet ones too."""
    from workshop.core.analysis import participation
    from workshop.core.spoken import spoken_for

    with tempfile.TemporaryDirectory() as folder, new_store(Path(folder)) as store:
        for words in ("Parking", "Queue", "Till"):
            store.record("moment_added", at=at(0), text=words, pid=1)
        spoken = spoken_for(store.state, None)
        for minute, (kind, data) in enumerate(actions, start=1):
            data = {k: v for k, v in data.items() if v is not None or k != "pid"}
            accepted(store, minute, kind, data)
            known, spoken = spoken, spoken_for(store.state, spoken)
            event("kept up to date" if spoken is known else "a new state: counted anew")
            assert spoken.counts() == {c.pid: (c.spoken, c.quiet)
                                       for c in participation(store.state)}
