"""Domain rules enforced by record(): a refused change raises RuleError with a message a
facilitator understands, and leaves the file and the state exactly as they were."""

from __future__ import annotations

import copy

import pytest

from core_fixtures import assert_consistent, at, dump, new_store, state_tables
from workshop.core.errors import RuleError


@pytest.fixture
def voting(tmp_path):
    """Two moments and an open blind vote: 3 dots each, at most 2 per item."""
    store = new_store(tmp_path)
    for text in ("Parking", "Checkout"):
        store.record("moment_added", text=text)
    store.record("vote_opened", target="moments", dots=3, cap=2, blind=True)
    yield store
    store.close()


def refused(store, kind, match, **data):
    """Record a change that must be refused; prove nothing changed, file nor state.

    The state object itself must stay untouched too: views hold on to it."""
    before_file, state = dump(store.path), store.state
    before_state, events = copy.deepcopy(state), store.events
    with pytest.raises(RuleError, match=match):
        store.record(kind, **data)
    assert dump(store.path) == before_file
    assert store.state == before_state and store.events == events
    assert state == before_state


def test_budget_refusal_names_who_and_writes_nothing(voting):
    voting.record("vote_cast", rid=1, pid=1, item=1, delta=2)
    voting.record("vote_cast", rid=1, pid=1, item=2, delta=1)
    refused(voting, "vote_cast", r"^P1 has no dots left \(3 each\)\.$", rid=1, pid=1, item=2,
            delta=1)
    assert voting.state.dots_used(1, 1) == 3


def test_cap_refusal_writes_nothing(voting):
    voting.record("vote_cast", rid=1, pid=2, item=1, delta=2)
    refused(voting, "vote_cast", r"^At most 2 dots per item for each participant\.$",
            rid=1, pid=2, item=1, delta=1)
    # A single cast of 3 dots breaks the cap too, even with the budget free.
    refused(voting, "vote_cast", "At most 2", rid=1, pid=3, item=2, delta=3)


def test_taking_back_a_dot_that_is_not_there_is_refused(voting):
    refused(voting, "vote_cast", "P2 has no dot on that item to take back", rid=1, pid=2,
            item=1, delta=-1)


@pytest.mark.parametrize("data, match", [
    ({"rid": 9, "pid": 1, "item": 1, "delta": 1}, "There is no vote 9"),
    ({"rid": 1, "pid": 9, "item": 1, "delta": 1}, "There is no participant 9"),
    ({"rid": 1, "pid": 1, "item": 9, "delta": 1}, "nothing to vote for with number 9"),
    ({"rid": 1, "pid": 1, "item": 1, "delta": 0}, "whole dots"),
    ({"rid": 1, "pid": 1, "item": 1, "delta": 1.5}, "whole dots"),
])
def test_votes_for_what_does_not_exist_are_refused(voting, data, match):
    refused(voting, "vote_cast", match, **data)


def test_blind_votes_are_kept_but_hidden_until_revealed_then_closed(voting):
    voting.record("vote_cast", rid=1, pid=1, item=2, delta=2)
    voting.record("vote_cast", rid=1, pid=3, item=2, delta=1)
    rnd = voting.state.rounds[1]
    assert rnd.blind and not rnd.revealed
    assert voting.state.dots_on(1, 2) == 3  # recorded, for the reveal to show at once
    voting.record("votes_revealed", rid=1, at=at(30))
    assert voting.state.rounds[1].revealed and voting.state.rounds[1].revealed_at == at(30)
    refused(voting, "vote_cast", "This vote is closed", rid=1, pid=2, item=1, delta=1)
    refused(voting, "vote_cast", "This vote is closed", rid=1, pid=1, item=2, delta=-1)
    refused(voting, "votes_revealed", "already revealed", rid=1)
    assert_consistent(voting)


def test_a_vote_on_ideas_counts_dots_per_idea(voting):
    voting.record("idea_added", mid=2, text="Self-service tills")
    voting.record("idea_added", mid=2, text="A till for five items or fewer")
    voting.record("vote_opened", target="ideas", dots=2)
    voting.record("vote_cast", rid=2, pid=1, item=2, delta=2)
    refused(voting, "vote_cast", "nothing to vote for with number 3", rid=2, pid=1, item=3,
            delta=1)
    assert voting.state.dots_on(2, 2) == 2 and voting.state.dots_on(1, 2) == 0
    assert voting.state.rounds[2].cap is None


@pytest.mark.parametrize("kind, data, match", [
    ("moment_added", {"text": "   "}, "The text is empty"),
    ("moment_added", {"text": "Exit", "stage": "later"}, "Unknown value: later"),
    ("moment_added", {"text": "Exit", "touchpoint": "phone"}, "Unknown value: phone"),
    ("moment_added", {"text": "Exit", "pid": 7}, "There is no participant 7"),
    ("moment_edited", {"mid": 9, "text": "x"}, "There is no moment 9"),
    ("moment_moved", {"mid": 1, "index": 5}, "There is no position 6"),
    ("moments_merged", {"mid": 1, "into": 1}, "cannot be merged into itself"),
    ("expectation_added", {"mid": 1, "type": "hidden", "text": "x"}, "Unknown value: hidden"),
    ("expectation_added", {"mid": 5, "type": "stated", "text": "x"}, "There is no moment 5"),
    ("rating_given", {"mid": 1, "pid": 1, "value": 6}, "from 1 to 5"),
    ("rating_given", {"mid": 1, "pid": 1, "value": 0}, "from 1 to 5"),
    ("rating_given", {"mid": 1, "pid": 1, "value": 3.5}, "from 1 to 5"),
    ("idea_added", {"mid": 1, "text": "x", "did": 4}, "There is no prompt 4"),
    ("vote_opened", {"target": "people", "dots": 3}, "Unknown value: people"),
    ("vote_opened", {"target": "moments", "dots": 0}, "at least one dot"),
    ("vote_opened", {"target": "moments", "dots": 3, "cap": 0}, "cap per item"),
    ("note_added", {"type": "gossip", "text": "x"}, "Unknown value: gossip"),
    ("action_added", {"type": "action", "text": "x", "mid": 8}, "There is no moment 8"),
    ("entry_edited", {"entity": "moment", "id": 8, "text": "x"}, "There is no entry 8"),
    ("entry_deleted", {"entity": "participant", "id": 1}, "Unknown value: participant"),
    ("step_entered", {"step": 7}, "There is no step 8"),
    ("timer_started", {"step": -1}, "There is no step 0"),
    ("participant_added", {"pid": 1, "pseudonym": "P9"}, "Participant 1 already exists"),
    ("participant_edited", {"pid": 1, "pseudonym": " "}, "The text is empty"),
    ("moment_added", {}, "missing data"),
    ("no_such_kind", {}, "Unknown kind of change: no_such_kind"),
])
def test_broken_rules_are_refused_and_write_nothing(voting, kind, data, match):
    refused(voting, kind, match, **data)


def test_a_refused_edit_changes_no_field(voting):
    # The name is valid, the pseudonym is not: neither may be applied.
    refused(voting, "participant_edited", "The text is empty", pid=1, name="Ana María",
            pseudonym="")
    assert voting.state.participants[1].name == "Ana"


def test_merging_duplicates_moves_what_hangs_on_the_moment(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Queue at the checkout")  # 1
        store.record("moment_added", text="Waiting in line")  # 2, the duplicate
        store.record("expectation_added", mid=2, type="stated", text="Five minutes at most")
        store.record("rating_given", mid=2, pid=1, value=2)
        store.record("rating_given", mid=2, pid=2, value=4)
        store.record("rating_given", mid=1, pid=2, value=3)  # P2 rated both
        store.record("prompt_drawn", prompt_id="rev-1", technique="reversal", text="?", mid=2)
        store.record("idea_added", mid=2, text="Call a second cashier", did=1)
        store.record("note_added", type="quote", text="Always the slowest line", mid=2)
        store.record("action_added", type="action", text="Extra till", mid=2)
        store.record("moments_merged", mid=2, into=1)
        s = store.state
        assert list(s.moments) == [1] and s.order == [1]
        assert [x.mid for x in s.expectations.values()] == [1]
        assert [i.mid for i in s.ideas.values()] == [1]
        assert s.prompts[1].mid == 1 and s.notes[1].mid == 1 and s.actions[1].mid == 1
        # Ana's rating moves over; P2 rated the kept moment already, and that one stays.
        assert {k: r.value for k, r in s.ratings.items()} == {(1, 1): 2, (1, 2): 3}
        assert_consistent(store)
        store.undo()
        assert sorted(store.state.moments) == [1, 2]
        assert {k: r.value for k, r in store.state.ratings.items()} == {
            (2, 1): 2, (2, 2): 4, (1, 2): 3}
        assert_consistent(store)


def test_merging_a_moment_with_votes_is_refused(voting):
    voting.record("vote_cast", rid=1, pid=1, item=2, delta=1)
    refused(voting, "moments_merged", "Moment 2 already has votes", mid=2, into=1)
    # Votes on one of its ideas count too.
    voting.record("idea_added", mid=1, text="Park and ride")
    voting.record("vote_opened", target="ideas", dots=1)
    voting.record("vote_cast", rid=2, pid=1, item=1, delta=1)
    refused(voting, "moments_merged", "Moment 1 already has votes", mid=1, into=2)


def test_deleting_a_moment_takes_its_entries_and_undo_brings_them_back(voting):
    voting.record("expectation_added", mid=2, type="latent", text="Someone notices me")
    voting.record("rating_given", mid=2, pid=1, value=2)
    voting.record("idea_added", mid=2, text="Self-service tills")
    voting.record("note_added", type="quote", text="So slow", mid=2)
    voting.record("vote_cast", rid=1, pid=1, item=2, delta=2)
    voting.record("vote_opened", target="ideas", dots=2)
    voting.record("vote_cast", rid=2, pid=3, item=1, delta=1)
    before = state_tables(voting.state)
    voting.record("entry_deleted", entity="moment", id=2)
    s = voting.state
    assert list(s.moments) == [1] and s.order == [1]
    assert not s.expectations and not s.ratings and not s.ideas and not s.votes
    assert s.notes[1].mid is None and s.notes[1].text == "So slow"  # the quote stays
    assert s.dots_used(1, 1) == 0  # Ana has her dots back
    assert_consistent(voting)
    voting.undo()
    assert state_tables(voting.state) == before
    assert_consistent(voting)


def test_deleting_what_holds_revealed_votes_is_refused(voting):
    voting.record("vote_cast", rid=1, pid=1, item=2, delta=2)
    voting.record("votes_revealed", rid=1)
    refused(voting, "entry_deleted", "revealed", entity="moment", id=2)
    voting.record("entry_deleted", entity="moment", id=1)  # no dots on it: fine


def test_moment_order_follows_inserts_and_moves(tmp_path):
    with new_store(tmp_path) as store:
        for text in ("A", "B", "C"):
            store.record("moment_added", text=text)
        store.record("moment_added", text="Z", index=0)
        store.record("moment_moved", mid=1, index=3)
        assert [m.text for m in store.state.ordered_moments()] == ["Z", "B", "C", "A"]
        positions = {r["text"]: r["position"] for r in store.tables()["moments"]}
        assert positions == {"Z": 1, "B": 2, "C": 3, "A": 4}  # as the screen numbers them
        assert_consistent(store)


def test_timers_accrue_across_pauses_and_step_changes(tmp_path):
    with new_store(tmp_path) as store:
        rec = store.record
        rec("step_entered", step=0, at=at(0))
        rec("timer_started", step=0, at=at(0))
        rec("timer_paused", step=0, at=at(2))          # step 0: 2 min
        rec("timer_started", step=0, at=at(5))
        rec("timer_started", step=0, at=at(6))         # already running: no restart
        rec("step_entered", step=1, at=at(8))          # leaving pauses it: 2 + 3 = 5 min
        assert store.state.steps[0].elapsed == 300
        rec("timer_started", step=1, at=at(8))
        assert store.state.steps[1].elapsed_at(at(10.5)) == 150  # running, read at 10:30
        rec("timer_started", step=2, at=at(12))        # one timer at a time: 1 stops at 4
        rec("step_entered", step=1, at=at(13))         # back: 2 stops at 1 min
        rec("timer_started", step=1, at=at(13))
        rec("timer_paused", step=1, at=at(14))         # 4 + 1 = 5 min
        rec("timer_paused", step=1, at=at(20))         # already paused: nothing
        s = store.state
        assert [st.elapsed for st in s.steps[:3]] == [300, 300, 60]
        assert s.steps[1].entered_at == at(8) and s.steps[2].entered_at == at(12)
        assert [r["elapsed_seconds"] for r in store.tables()["steps"][:3]] == [300, 300, 60]
        assert_consistent(store)


def test_control_characters_are_stripped_from_what_is_typed(tmp_path):
    with new_store(tmp_path) as store:
        event = store.record("moment_added", text="Che\x00ck\x1bout\x07\r\nline 2\tend\x9b")
        assert event.data["text"] == "Checkout\nline 2\tend"
        assert store.state.moments[1].text == "Checkout\nline 2\tend"
        assert store.tables()["moments"][0]["text"] == "Checkout\nline 2\tend"
        assert "\\u001b" not in store.db.execute("SELECT data FROM events").fetchall()[-1][0]
        # Lone surrogates (pasted from a broken clipboard) cannot reach SQLite as such.
        store.record("note_added", type="note", text="bad \ud800 half")
        assert store.state.notes[1].text == "bad \\ud800 half"
        assert_consistent(store)
