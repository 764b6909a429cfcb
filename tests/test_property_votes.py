"""Dot votes: whatever is cast, taken back, undone, redone, revealed or deleted, in any
order, nobody ever has more dots than the budget, more on one item than the cap, or a
negative number anywhere: in the live state, in the file's tables, and after reopening.

Two ways in: a facilitator's session driven through the Store (a hypothesis state
machine), and raw event logs folded directly (a file edited by hand, or written by a
buggy version), where the fold must skip what breaks the rules rather than count it.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from core_fixtures import SCRIPT, assert_consistent, at, file_tables, new_store
from workshop.core.errors import RuleError
from workshop.core.events import Event
from workshop.core.fold import fold
from workshop.core.store import Store
from workshop.core.tally import item_dots, ranked_dots, tally

ROUNDS = {1: {"target": "moments", "dots": 3, "cap": 2},
          2: {"target": "ideas", "dots": 2, "cap": None},
          3: {"target": "moments", "dots": 5, "cap": 1}}


def _within_rules(rounds: dict, votes: dict) -> None:
    """``rounds`` {rid: (dots, cap)}, ``votes`` {(rid, pid, item): dots}."""
    used = defaultdict(int)
    for (rid, pid, item), n in votes.items():
        dots, cap = rounds[rid]
        assert n > 0, (rid, pid, item, n)
        assert cap is None or n <= cap, (rid, pid, item, n, cap)
        used[rid, pid] += n
    for (rid, pid), n in used.items():
        assert n <= rounds[rid][0], (rid, pid, n)


def _totals_agree(state) -> None:
    """The totals the phones, the projector and the open vote show (item_dots, ranked_dots:
    S_j alone) are the full tally's, item for item and in its order."""
    for rid in state.rounds:
        counted = [(row.item, row.dots) for row in tally(state, rid).rows if row.dots]
        assert ranked_dots(state, rid) == counted, rid
        assert item_dots(state, rid) == dict(counted), rid


class Voting(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.store = new_store(self.folder)  # participants 1-3
        for text in ("Parking", "Queue", "Till"):
            self.store.record("moment_added", text=text, at=at(1))
        for mid in (1, 2):
            self.store.record("idea_added", mid=mid, text=f"Idea for {mid}", at=at(2))
        for spec in ROUNDS.values():
            self.store.record("vote_opened", blind=True, at=at(3), **spec)

    def _try(self, do) -> None:
        before = file_tables(self.store.path)
        try:
            do()
        except RuleError:
            assert file_tables(self.store.path) == before  # refused: nothing written

    @rule(rid=st.sampled_from(list(ROUNDS)), pid=st.integers(1, 4), item=st.integers(1, 4),
          delta=st.sampled_from([-2, -1, 1, 1, 2, 3]))
    def cast(self, rid, pid, item, delta):
        self._try(lambda: self.store.record("vote_cast", rid=rid, pid=pid, item=item, delta=delta))

    @rule()
    def undo_last(self):
        self._try(self.store.undo)

    @rule()
    def redo(self):
        self._try(self.store.redo)

    @rule(back=st.integers(1, 12))
    def undo_an_earlier_change(self, back):
        events = self.store.events
        target = events[-min(back, len(events))].id
        self._try(lambda: self.store.undo(target))

    @rule(rid=st.sampled_from(list(ROUNDS)))
    def reveal(self, rid):
        self._try(lambda: self.store.record("votes_revealed", rid=rid))

    @rule(entity=st.sampled_from(["moment", "idea"]), id_=st.integers(1, 3))
    def delete(self, entity, id_):
        self._try(lambda: self.store.record("entry_deleted", entity=entity, id=id_))

    @rule(mid=st.integers(1, 3), index=st.integers(0, 2))
    def move(self, mid, index):  # ties are shown along the journey
        self._try(lambda: self.store.record("moment_moved", mid=mid, index=index))

    @rule(mid=st.integers(1, 3), into=st.integers(1, 3))
    def merge(self, mid, into):
        self._try(lambda: self.store.record("moments_merged", mid=mid, into=into))

    @precondition(lambda self: len(self.store.events) % 5 == 0)
    @rule()
    def reopen(self):
        self.store.close()
        self.store = Store.open(self.folder / "s.db")

    @invariant()
    def nobody_breaks_the_rules(self):
        state = self.store.state
        rounds = {rid: (r.dots, r.cap) for rid, r in state.rounds.items()}
        _within_rules(rounds, state.votes)
        for (rid, pid), n in {k[:2]: state.dots_used(*k[:2]) for k in state.votes}.items():
            assert n == sum(v for (r, p, _), v in state.votes.items() if (r, p) == (rid, pid))
        tables = file_tables(self.store.path)
        on_file = {(r["round_id"], r["participant_id"], r["moment_id"] or r["idea_id"]): r["dots"]
                   for r in tables["votes"]}
        assert on_file == state.votes
        _within_rules({r["round_id"]: (r["dots_each"], r["cap_per_item"])
                       for r in tables["vote_rounds"]}, on_file)
        _totals_agree(state)  # moments deleted, merged, moved along the journey

    def teardown(self):
        try:
            assert_consistent(self.store)
        finally:
            self.store.close()
            shutil.rmtree(self.folder, ignore_errors=True)


Voting.TestCase.settings = settings(max_examples=25, stateful_step_count=30, deadline=None,
                                    suppress_health_check=[HealthCheck.too_slow])
TestVotingThroughTheStore = Voting.TestCase


# ---- raw logs, folded ------------------------------------------------------------------

PREAMBLE = [
    ("session_created", {"title": "T", "lang": "en", "script": SCRIPT}),
    *[("participant_added", {"pid": p, "pseudonym": f"P{p}"}) for p in (1, 2, 3)],
    *[("moment_added", {"mid": m, "text": f"M{m}"}) for m in (1, 2, 3)],
    ("idea_added", {"iid": 1, "mid": 1, "text": "I1"}),
    *[("vote_opened", {"rid": rid, "blind": False, **spec}) for rid, spec in ROUNDS.items()],
]

raw_event = st.one_of(
    st.fixed_dictionaries({"rid": st.integers(1, 4), "pid": st.integers(0, 4),
                           "item": st.integers(0, 4),
                           "delta": st.one_of(st.integers(-3, 4), st.just(True), st.just(1.5))})
    .map(lambda d: ("vote_cast", d)),
    st.integers(1, 40).map(lambda target: ("undo", {"target": target})),
    st.integers(1, 4).map(lambda rid: ("votes_revealed", {"rid": rid})),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(raw_event, max_size=40))
def test_a_folded_log_never_counts_a_dot_that_breaks_the_rules(tail):
    events = [Event(kind, data, at(i / 10), id=i)
              for i, (kind, data) in enumerate([*PREAMBLE, *tail], start=1)]
    state = fold(events)
    _within_rules({rid: (r.dots, r.cap) for rid, r in state.rounds.items()}, state.votes)
    _totals_agree(state)
    # What was skipped is exactly what broke a rule: folding the rest gives the same.
    kept = [e for e in events if e.id not in state.skipped]
    assert fold(kept).votes == state.votes


@settings(max_examples=100, deadline=None)
@given(order=st.permutations([1, 2, 3, 4, 5]), target=st.sampled_from(["moments", "ideas"]),
       cast=st.lists(st.tuples(st.integers(1, 3), st.integers(1, 5), st.integers(1, 2)),
                     max_size=12))
def test_the_totals_alone_are_the_tallys_in_its_order(order, target, cast):
    """Random dots on five moments (or ideas on them) put along the journey in any order:
    ties are shown along the journey, not by when an item was added."""
    events = [("session_created", {"title": "T", "lang": "en", "script": SCRIPT}),
              *[("participant_added", {"pid": p, "pseudonym": f"P{p}"}) for p in (1, 2, 3)],
              *[("moment_added", {"mid": m, "text": f"M{m}"}) for m in range(1, 6)],
              *[("idea_added", {"iid": i, "mid": 6 - i, "text": f"I{i}"}) for i in range(1, 6)],
              *[("moment_moved", {"mid": mid, "index": n}) for n, mid in enumerate(order)],
              ("vote_opened", {"rid": 1, "target": target, "dots": 30, "cap": None,
                               "blind": False}),
              *[("vote_cast", {"rid": 1, "pid": pid, "item": item, "delta": n})
                for pid, item, n in cast]]
    state = fold([Event(kind, data, at(i / 10), id=i)
                  for i, (kind, data) in enumerate(events, start=1)])
    assert state.order == list(order) and not state.skipped
    _totals_agree(state)


def test_a_hand_edited_file_with_too_many_dots_opens_within_the_budget(tmp_path):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking")
        store.record("vote_opened", target="moments", dots=2, cap=None, blind=False)
        store.record("vote_cast", rid=1, pid=1, item=1, delta=2)
    conn = sqlite3.connect(tmp_path / "s.db")  # someone adds dots by hand
    conn.execute("INSERT INTO events (at, kind, data) VALUES (?, 'vote_cast', ?)",
                 (at(5), '{"rid": 1, "pid": 1, "item": 1, "delta": 3}'))
    conn.commit()
    conn.close()
    with Store.open(tmp_path / "s.db") as store:
        assert store.state.votes == {(1, 1, 1): 2} and store.state.skipped == [8]
        store.rebuild_tables()
        assert [r["dots"] for r in file_tables(store.path)["votes"]] == [2]
