"""Undo is an event: it cancels an earlier change, can itself be undone (a redo), and is
refused when the session without that change would break a rule."""

from __future__ import annotations

import pytest

from core_fixtures import assert_consistent, at, dump, new_store, state_tables
from scenario_fixtures import SCENARIO, play
from workshop.core.errors import RuleError
from workshop.core.fold import fold
from workshop.core.kinds.registry import UNDOABLE

# Kinds the scenario records after the session is created (participants come with it);
# what a phone sent (it carries the phone's id) is not the facilitator's last change for
# ctrl+z (tests/test_room_core.py).
PLAYED_UNDOABLE = sorted(UNDOABLE & {kind for _, kind, data in SCENARIO
                                     if not (isinstance(data, dict) and "cid" in data)})


@pytest.mark.parametrize("kind", PLAYED_UNDOABLE)
def test_undo_cancels_each_kind_and_redo_brings_it_back(tmp_path, kind):
    with new_store(tmp_path) as store:
        play(store, upto=kind)
        done = state_tables(store.state)
        before = state_tables(fold(store.events[:-1]))
        assert done != before, "the change under test must change a table"
        undo = store.undo()  # the latest change: the one just made
        assert undo.data["target"] == store.events[-2].id
        assert state_tables(store.state) == before
        assert_consistent(store)
        store.undo(undo.id)  # undo the undo: a redo
        assert state_tables(store.state) == done
        assert_consistent(store)


def test_undo_a_participant_and_redo(tmp_path):
    with new_store(tmp_path) as store:
        added = store.record("participant_added", pseudonym="P4", segment="students")
        assert added.data["pid"] == 4
        store.undo()
        assert 4 not in store.state.participants
        assert_consistent(store)
        store.redo()
        assert store.state.participants[4].segment == "students"
        assert_consistent(store)


def test_repeated_undo_walks_back_over_content_only(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking", at=at(1))
        store.record("moment_added", text="Checkout", at=at(2))
        store.record("step_entered", step=1, at=at(3))
        store.record("timer_started", step=1, at=at(3))
        store.undo()  # skips the navigation and the timer
        assert [m.text for m in store.state.ordered_moments()] == ["Parking"]
        assert store.state.current_step == 1 and store.state.steps[1].running_since == at(3)
        store.undo()
        assert store.state.moments == {}
        # Redo walks forward again, most recent undo first.
        store.redo()
        assert [m.text for m in store.state.ordered_moments()] == ["Parking"]
        store.redo()
        assert [m.text for m in store.state.ordered_moments()] == ["Parking", "Checkout"]
        with pytest.raises(RuleError, match="nothing to redo"):
            store.redo()
        assert_consistent(store)


def test_a_new_change_after_undo_ends_the_redo_chain(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking")
        store.undo()
        store.record("moment_added", text="Checkout")
        with pytest.raises(RuleError, match="nothing to redo"):
            store.redo()
        assert [m.text for m in store.state.ordered_moments()] == ["Checkout"]


def test_nothing_to_undo_in_a_fresh_session(tmp_path):
    # The participants of the roster are part of the set-up, but they are changes too:
    # the first undo would remove the last participant, so try on an empty roster.
    with new_store(tmp_path, participants=[]) as store:
        with pytest.raises(RuleError, match="nothing to undo"):
            store.undo()


@pytest.mark.parametrize("kind", ["session_created", "step_entered", "timer_started"])
def test_navigation_and_creation_cannot_be_undone(tmp_path, kind):
    with new_store(tmp_path) as store:
        store.record("step_entered", step=1)
        store.record("timer_started", step=1)
        target = next(e.id for e in store.events if e.kind == kind)
        before = dump(store.path)
        with pytest.raises(RuleError, match="cannot be undone"):
            store.undo(target)
        assert dump(store.path) == before


def test_undo_twice_and_unknown_targets_are_refused(tmp_path):
    with new_store(tmp_path) as store:
        added = store.record("moment_added", text="Parking")
        store.undo(added.id)
        before = dump(store.path)
        with pytest.raises(RuleError, match="already undone"):
            store.undo(added.id)
        with pytest.raises(RuleError, match="cannot be undone"):
            store.undo(9999)
        assert dump(store.path) == before


def test_undoing_a_vote_removal_that_would_exceed_the_budget_is_refused(tmp_path):
    with new_store(tmp_path) as store:
        for text in ("Parking", "Checkout"):
            store.record("moment_added", text=text)
        store.record("vote_opened", target="moments", dots=3, cap=3)
        store.record("vote_cast", rid=1, pid=1, item=1, delta=3)
        removal = store.record("vote_cast", rid=1, pid=1, item=1, delta=-1)
        store.record("vote_cast", rid=1, pid=1, item=2, delta=1)
        before, state = dump(store.path), store.state
        # Without the removal Ana would have 3 + 1 = 4 dots out of 3.
        with pytest.raises(RuleError, match="cannot be undone: P1 has no dots left"):
            store.undo(removal.id)
        assert dump(store.path) == before and store.state == state


def test_undoing_a_moment_that_ideas_depend_on_is_refused(tmp_path):
    with new_store(tmp_path) as store:
        moment = store.record("moment_added", text="Checkout")
        store.record("idea_added", mid=1, text="Self-service tills")
        before = dump(store.path)
        with pytest.raises(RuleError, match="cannot be undone: There is no moment 1"):
            store.undo(moment.id)
        assert dump(store.path) == before
        assert [i.text for i in store.state.ideas.values()] == ["Self-service tills"]


def test_undoing_a_vote_after_its_results_are_revealed_is_refused(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Checkout")
        store.record("vote_opened", target="moments", dots=3)
        cast = store.record("vote_cast", rid=1, pid=1, item=1, delta=1)
        store.record("votes_revealed", rid=1)
        before = dump(store.path)
        with pytest.raises(RuleError, match="revealed"):
            store.undo(cast.id)
        assert dump(store.path) == before and store.state.dots_on(1, 1) == 1


def test_undoing_the_reveal_reopens_the_vote(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Checkout")
        store.record("vote_opened", target="moments", dots=3)
        store.record("vote_cast", rid=1, pid=1, item=1, delta=1)
        store.record("votes_revealed", rid=1)
        store.undo()
        assert not store.state.rounds[1].revealed
        store.record("vote_cast", rid=1, pid=1, item=1, delta=1)
        assert store.state.dots_on(1, 1) == 2
        assert_consistent(store)


def test_ids_are_never_reused_after_undo(tmp_path):
    with new_store(tmp_path) as store:
        first = store.record("moment_added", text="Parking")
        undo = store.undo()
        second = store.record("moment_added", text="Checkout")
        assert (first.data["mid"], second.data["mid"]) == (1, 2)
        store.undo(undo.id)  # redo: moment 1 comes back beside moment 2
        assert {m: x.text for m, x in store.state.moments.items()} == {1: "Parking", 2: "Checkout"}
        third = store.record("moment_added", text="Exit")
        assert third.data["mid"] == 3
        assert_consistent(store)
    # The same holds for a file reopened after the undo (the ids come from the log).
    with new_store(tmp_path, name="t.db") as store:
        store.record("idea_added", mid=store.record("moment_added", text="A").data["mid"],
                     text="x")
        store.undo()
        path = store.path
    from workshop.core.store import Store

    with Store.open(path) as again:
        assert again.record("idea_added", mid=1, text="y").data["iid"] == 2


def test_undo_last_change_never_takes_the_roster_typed_at_creation(tmp_path):
    from workshop.core.errors import RuleError
    from workshop.core.store import Store

    script = {"name": "s", "title": "S", "lang": "en", "dots": 3, "cap": None,
              "steps": [{"title": "Moments", "kind": "moments", "minutes": 10}]}
    people = [{"pid": 1, "pseudonym": "P1", "name": "Ana"}, {"pid": 2, "pseudonym": "P2"}]
    with Store.create(tmp_path / "s.db", title="S", script=script, lang="en",
                      participants=people) as store:
        with pytest.raises(RuleError, match="nothing to undo"):
            store.undo()
        late = store.record("participant_added", pseudonym="P3")
        store.record("moment_added", text="Parking")
        store.undo()
        store.undo()  # the late arrival is a change made in the room: it can go
        assert sorted(store.state.participants) == [1, 2]
        assert late.data["pid"] not in store.state.participants
        assert not store.state.moments
