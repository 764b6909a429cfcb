"""The core's side of the room: what the kinds let phones send, entries held for the
facilitator, undo around phones' entries, and the words read aloud to the room."""

from __future__ import annotations

import pytest

from core_fixtures import new_store
from workshop.core.aloud import read_aloud
from workshop.core.errors import RuleError
from workshop.core.fold import fold
from workshop.core.kinds.registry import EVENTS, PHONE, STEP_KINDS
from workshop.core.kinds.room import moderated_events, pending, proposals
from workshop.core.scripts import load_script


def test_every_phone_entry_records_a_known_event_with_its_fields():
    for kind, entries in PHONE.items():
        assert kind in STEP_KINDS
        for entry in entries:
            spec = EVENTS[entry.event]
            named = {f.name for f in entry.fields} | ({"mid"} if entry.per_moment else set())
            # what a phone fills in, with what the step and the room add, is the event
            # (the round of a vote or a ranking is the step's context)
            missing = set(spec.required) - named - {"pid", "rid", "kid", "type"} - (
                {spec.creates.field} if spec.creates else set())
            assert not missing, (kind, entry.name, missing)
            for f in entry.fields:
                assert f.kind in ("text", "choice", "number", "moment", "item", "order")
                assert f.kind != "choice" or f.choices
                assert f.kind != "number" or f.low <= f.high
    assert moderated_events() == {"moment_added", "expectation_added", "idea_added"}


def test_a_proposal_is_accepted_once(tmp_path):
    store = new_store(tmp_path)
    store.record("entry_proposed", event="moment_added", fields={"text": "Parking"}, pid=1,
                 via="phone", cid="c-000001")
    store.record("moment_added", text="Parking at night", pid=1, via="phone", ppid=1)
    with pytest.raises(RuleError, match="already dealt with"):
        store.record("moment_added", text="Parking again", pid=1, via="phone", ppid=1)
    with pytest.raises(RuleError, match="already dealt with"):
        store.record("proposal_rejected", ppid=1)
    with pytest.raises(RuleError, match="no entry 7"):
        store.record("moment_added", text="Nothing", ppid=7)
    assert [m.text for m in store.state.moments.values()] == ["Parking at night"]
    assert proposals(store.state)[1].entry == 1
    # undoing the acceptance puts it back in the queue, the moment off the board
    store.undo()
    assert [p.ppid for p in pending(store.state)] == [1] and not store.state.moments
    assert fold(store.events) == store.state


def test_only_a_text_for_the_board_is_held(tmp_path):
    store = new_store(tmp_path)
    with pytest.raises(RuleError):
        store.record("entry_proposed", event="vote_cast", fields={"item": 1}, pid=1)
    with pytest.raises(RuleError, match="empty"):
        store.record("entry_proposed", event="moment_added", fields={"text": "  "}, pid=1)
    with pytest.raises(RuleError, match="wrong type"):
        store.record("entry_proposed", event="moment_added", fields={"text": 3}, pid=1)


def test_ctrl_z_walks_past_what_phones_sent(tmp_path):
    store = new_store(tmp_path)
    mine = store.record("moment_added", text="Typed by the facilitator")
    store.record("moment_added", text="From a phone", pid=2, via="phone", cid="c-000002")
    assert store.last_undoable() == mine
    store.undo()
    assert [m.text for m in store.state.moments.values()] == ["From a phone"]
    # and a phone's entry arriving does not end the facilitator's redo
    store.record("moment_added", text="Another from a phone", pid=3, via="phone",
                 cid="c-000003")
    store.redo()
    assert sorted(m.text for m in store.state.moments.values()) == [
        "Another from a phone", "From a phone", "Typed by the facilitator"]


def test_where_an_event_came_from_is_checked_like_any_field(tmp_path):
    store = new_store(tmp_path)
    for bad in ({"via": 3}, {"cid": "x" * 65}, {"ppid": "one"}):
        with pytest.raises(RuleError, match="wrong type|too long"):
            store.record("moment_added", text="Parking", **bad)


def test_the_room_reads_only_the_quoted_words():
    body = ("Greet people as they arrive. **Watch the time.**\n\n"
            "> Thank you for *coming*. We talk about\n> [today's service](x).\n>\n"
            "> Second paragraph.\n\nFacilitator only: keep the consent forms.\n")
    assert read_aloud(body) == ("Thank you for coming. We talk about today's service.",
                                "Second paragraph.")
    assert read_aloud("") == ()
    script = load_script("moments-of-truth")
    for step in script.steps:  # every built-in step has words for the room
        assert read_aloud(step.body), step.title
        assert not any("Before you move on" in p for p in read_aloud(step.body))


def test_the_phones_queue_is_kept_in_a_snapshot(tmp_path):
    from workshop.core import snapshot

    store = new_store(tmp_path)
    store.record("moderation_set", moderate=True)
    store.record("entry_proposed", event="moment_added", fields={"text": "Parking",
                                                                   "stage": "before"},
                 pid=1, via="phone", cid="c-000004")
    store.record("entry_proposed", event="moment_added", fields={"text": "Queue"}, pid=2,
                 via="phone", cid="c-000005")
    store.record("moment_added", text="Queue", pid=2, via="phone", ppid=2)
    back = snapshot.decode(snapshot.encode(store.state))
    assert back == store.state
    assert [p.ppid for p in pending(back)] == [1] and proposals(back)[2].entry == 1
    assert proposals(back)[1].fields == {"text": "Parking", "stage": "before"}
