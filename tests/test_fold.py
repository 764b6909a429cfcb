"""Every kind of event recorded, folded, written to the tables and read back.

One scenario walks a small supermarket session through every event kind. For each kind
the test stops right after its first event and checks what that event did to the state,
that the live state equals the fold of the log, that the file's tables equal the tables
rebuilt from the events, and that reopening the file gives the same state.
"""

from __future__ import annotations

import json

import pytest

from core_fixtures import SCRIPT, assert_consistent, at, new_store
from scenario_fixtures import SCENARIO, play
from workshop.core.fold import fold
from workshop.core.kinds.feelings import group_feelings, marks
from workshop.core.kinds.ranking import RankingRound, borda, order_of, rounds
from workshop.core.kinds.registry import EVENTS
from workshop.core.kinds.room import Proposal, moderated, pending, proposals
from workshop.core.store import Store


def _check_session_created(s):
    assert (s.title, s.lang, s.created_at) == ("Supermarket", "en", at(0))
    assert [st.title for st in s.steps] == [st["title"] for st in SCRIPT["steps"]]
    assert s.dots == 3 and s.cap == 2
    assert s.participants[1].label == "Ana" and s.participants[2].label == "P2"


CHECKS = {
    "session_created": _check_session_created,
    "participant_added": lambda s: sorted(s.participants) == [1, 2, 3],
    "step_entered": lambda s: s.current_step == 0 and s.steps[0].entered_at == at(1),
    "timer_started": lambda s: s.steps[0].running_since == at(1),
    "timer_paused": lambda s: (s.steps[0].running_since is None
                               and s.steps[0].elapsed == 180.0),
    "session_edited": lambda s: (s.client, s.facilitator) == ("Fresh Foods", "Marta"),
    "participant_edited": lambda s: (s.participants[2].segment == "retired"
                                     and s.participants[2].consent),
    "moment_added": lambda s: (s.moments[1].text, s.moments[1].stage, s.moments[1].touchpoint,
                               s.moments[1].pid) == ("Finding a parking space", "before",
                                                     "indirect", 1),
    "moment_edited": lambda s: (s.moments[2].text == "Waiting at the checkout"
                                and s.moments[2].stage == "during" and s.order == [3, 1, 2]),
    "moment_moved": lambda s: s.order == [1, 2, 3],
    "moments_merged": lambda s: 4 not in s.moments and s.order == [1, 2, 3],
    "expectation_added": lambda s: (s.expectations[1].mid, s.expectations[1].type,
                                    s.expectations[1].pid) == (2, "stated", 1),
    "rating_given": lambda s: s.ratings[(2, 1)].value == 2 and not s.expected,
    "feeling_given": lambda s: [(k, f.value) for k, f in marks(s).items()] == [((2, 1), -2)],
    "group_feeling_given": lambda s: (group_feelings(s)[1].value, group_feelings(s)[1].text) == (
        1, "Split: two fine, one not"),
    "moderation_set": lambda s: moderated(s),
    "entry_proposed": lambda s: (pending(s) == [Proposal(1, "expectation_added", {
        "mid": 2, "type": "stated", "text": "A till for baskets"}, 3, at(19))]
        and len(s.expectations) == 2),
    "proposal_rejected": lambda s: ([p.ppid for p in pending(s)] == [1]
                                    and (proposals(s)[2].status, proposals(s)[2].entry)
                                    == ("rejected", 1)),
    "prompt_drawn": lambda s: (s.prompts[1].technique, s.prompts[1].mid) == ("analogy", 2),
    "idea_added": lambda s: (s.ideas[1].did, s.ideas[1].technique, s.ideas[1].prompt_text) == (
        1, "analogy", "How would a pit crew run Waiting at the checkout?"),
    "vote_opened": lambda s: (s.rounds[1].target, s.rounds[1].blind, s.rounds[1].revealed,
                              s.round_for_step(4).rid) == ("moments", True, False, 1),
    "vote_cast": lambda s: s.votes == {(1, 1, 2): 2} and s.dots_used(1, 1) == 2,
    "votes_revealed": lambda s: (s.rounds[1].revealed and s.rounds[1].revealed_at == at(33)
                                 and s.dots_on(1, 2) == 3 and s.dots_on(1, 1) == 1),
    "ranking_opened": lambda s: rounds(s)[1] == RankingRound(1, "moments", 2, None),
    # three moments: a first place earns 2, a second 1 (Borda)
    "ranking_given": lambda s: ([(r.item, r.points) for r in borda(s, 1).rows]
                                == [(2, 2), (1, 1), (3, 0)] and order_of(s, 1, 3) == (2, 1)),
    "note_added": lambda s: ((s.notes[1].type, s.notes[1].pid, s.notes[1].mid, s.notes[1].insight)
                             == ("quote", 2, 2, True) and s.expected[(2, 1)].value == 4
                             and s.ratings[(2, 1)].value == 2),
    "action_added": lambda s: (s.actions[1].owner, s.actions[1].type, s.actions[1].due,
                               s.actions[1].measure) == (
        "Store manager", "action", "end of May", "Wait under 5 minutes at peak"),
    "entry_edited": lambda s: s.ideas[1].text.startswith("A pit crew"),
    "finding_added": lambda s: (s.ordered_findings()[0].headline, s.findings[1].moments,
                                s.findings[1].quotes, s.findings[1].figures) == (
        "The queue lets people down", (2,), (1,), (("gap", 2), ("idea_dots", 1))),
    "finding_edited": lambda s: ((s.findings[2].meaning, s.findings[2].quotes,
                                  s.findings[2].headline)
                                 == ("Nobody complained", (2,), "Parking is fine")
                                 and s.finding_order == [2, 1]),
    "finding_moved": lambda s: s.finding_order == [1, 2],
    "finding_deleted": lambda s: s.finding_order == [1, 2] and 3 not in s.findings,
    "entry_deleted": lambda s: 2 not in s.notes and 1 in s.notes,
    "undo": lambda s: s.notes[2].text == "Group laughed",
    "session_finished": lambda s: ([n.nid for n in s.insights()] == [1, 2]
                                   and (s.actions[1].owner, s.actions[1].due)
                                   == ("Operations", None)
                                   and s.finished and s.steps[4].running_since is None
                                   and s.steps[4].elapsed == 15 * 60),
    "session_reopened": lambda s: not s.finished and s.finished_at == at(45),
}

# What the scenario leaves that no kind's first event shows.
AFTERWARDS = {
    # accepted from the phones' queue, as the facilitator edited it
    "a proposal accepted": lambda s: (not pending(s) and proposals(s)[1].status == "accepted"
                                      and proposals(s)[1].entry == 3
                                      and s.expectations[3].text == "A till for baskets only"),
}


def test_what_the_scenario_leaves(tmp_path):
    store = new_store(tmp_path)
    play(store)
    for what, check in AFTERWARDS.items():
        assert check(store.state), what
        assert check(fold(store.events)), what


def test_the_scenario_covers_every_kind():
    covered = {kind for _, kind, _ in SCENARIO} | {"session_created", "participant_added"}
    assert covered == set(EVENTS)
    assert set(CHECKS) == set(EVENTS)


@pytest.mark.parametrize("kind", sorted(EVENTS))
def test_each_kind_round_trips(tmp_path, kind):
    store = new_store(tmp_path)
    play(store, upto=kind)
    assert CHECKS[kind](store.state) is not False
    assert_consistent(store)
    before = store.state
    store.close()
    with Store.open(tmp_path / "s.db") as again:
        assert again.state == before
        assert again.events[-1].kind == kind or kind in ("session_created", "participant_added")


def test_the_whole_scenario_folds_to_what_was_recorded(tmp_path):
    with new_store(tmp_path) as store:
        play(store)
        assert_consistent(store)
        s = store.state
        assert s.finished and s.order == [1, 2, 3]
        assert [round(st.elapsed) for st in s.steps] == [180, 480, 0, 0, 900, 0, 0]
        # The log keeps every event as JSON with its time, in order.
        rows = store.db.execute("SELECT id, at, kind, data FROM events ORDER BY id").fetchall()
        assert [r[2] for r in rows] == [e.kind for e in store.events]
        assert all(json.loads(r[3]) == e.data for r, e in zip(rows, store.events, strict=True))
        assert [r[1] for r in rows] == sorted(r[1] for r in rows)


def test_fold_is_a_pure_function_of_the_events(tmp_path):
    with new_store(tmp_path) as store:
        play(store)
        events = store.events
    assert fold(events) == fold(list(events)) == fold(iter(events))
