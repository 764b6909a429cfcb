"""A finished session is closed to change, but for its findings (written in the debrief),
until it is reopened, which the file records. The rule is kept when a change is made:
a file written before it keeps what it holds."""

from __future__ import annotations

import pytest

from core_fixtures import at, new_store
from workshop.core.errors import RuleError
from workshop.core.events import Event
from workshop.core.fold import fold


def _finished(tmp_path):
    store = new_store(tmp_path)
    store.record("step_entered", step=0, at=at(1))
    store.record("moment_added", text="Parking", at=at(2))
    store.record("session_finished", at=at(90))
    return store


def test_a_finished_session_takes_only_its_findings_until_it_is_reopened(tmp_path):
    with _finished(tmp_path) as store:
        before = len(store.events)
        for kind, data in (("step_entered", {"step": 1}), ("moment_added", {"text": "Queue"}),
                           ("note_added", {"type": "note", "text": "late"}),
                           ("timer_started", {"step": 0})):
            with pytest.raises(RuleError, match="finished: reopen it"):
                store.record(kind, **data)
        with pytest.raises(RuleError, match="finished: reopen it"):
            store.record("session_finished")
        assert len(store.events) == before  # nothing written
        # The consultant's findings, after the room has gone: written, edited, undone.
        fid = store.record("finding_added", headline="Parking is fine", at=at(95)).data["fid"]
        store.record("finding_edited", fid=fid, meaning="Nobody complained", at=at(96))
        assert store.last_undoable().kind == "finding_edited"  # not the moment before
        store.undo()
        store.redo()
        assert store.state.findings[fid].meaning == "Nobody complained"
        moment = next(e for e in store.events if e.kind == "moment_added")
        with pytest.raises(RuleError, match="finished: reopen it"):
            store.undo(moment.id)
        assert store.state.finished and store.state.finished_at == at(90)
        # Reopened: recorded, and the session changes again.
        store.record("session_reopened", at=at(60 * 24 * 46))
        assert not store.state.finished
        store.record("step_entered", step=1)
        with pytest.raises(RuleError, match="not finished"):
            store.record("session_reopened")
        assert [e.kind for e in store.events[before:]] == [
            "finding_added", "finding_edited", "undo", "undo", "session_reopened",
            "step_entered"]


def test_finishing_is_not_undone_but_reopened(tmp_path):
    with _finished(tmp_path) as store:
        finished = store.events[-1]
        assert store.last_undoable() is None
        with pytest.raises(RuleError):
            store.undo(finished.id)
        store.record("session_reopened")
        with pytest.raises(RuleError, match="cannot be undone"):
            store.undo(store.events[-1].id)


def test_a_file_from_before_the_rule_keeps_what_it_holds():
    """A step entered 46 days after the end (what pressing F7 in a finished demo did)."""
    script = {"steps": [{"title": "A", "kind": "discussion", "minutes": 5},
                        {"title": "B", "kind": "discussion", "minutes": 5}]}
    events = [Event("session_created", {"title": "T", "lang": "en", "script": script}, at(0), 1),
              Event("step_entered", {"step": 1}, at(1), 2),
              Event("session_finished", {}, at(2), 3),
              Event("step_entered", {"step": 0}, at(60 * 24 * 46), 4)]
    state = fold(events)
    assert state.finished and state.current_step == 0 and not state.skipped
