"""The hand-worked example of tests/test_analysis.py (tests/test_summary.py reads it too).

The example: four participants P1–P4 and four moments along the journey,
M1 Parking (before), M2 Checkout queue, M3 Staff help (during), M4 Receipt (after).

Ratings (1–5, how well usual providers do it today):
    M1: P1 1, P2 2, P3 1, P4 2    M2: P1 2, P2 1, P3 3, P4 2
    M3: P1 4, P2 5                M4: P3 5
A blind vote on moments, 3 dots each, at most 2 per item (P4 does not vote):
    P1: M2 2, M3 1    P2: M3 2, M1 1    P3: M2 2, M4 1
Expectation ratings (1–5, the level each expects), with pairs missing on purpose:
    M1: P1 3, P2 3, P3 2          M2: P1 5, P2 4, P3 5, P4 4
    M3: P1 4, P3 5 (P2 rated performance only, P3 expectation only)    M4: none
"""

from __future__ import annotations

from workshop.core.events import Event
from workshop.core.fold import fold
from workshop.core.state import SessionState

SCRIPT = {"name": "x", "title": "X", "dots": 3, "steps": [
    {"title": "Vote", "kind": "vote", "minutes": 10}]}


def build(*changes, script=SCRIPT) -> SessionState:
    """A state folded from a list of (kind, data), with ids and times filled in."""
    events = [Event("session_created", {"title": "T", "lang": "en", "script": script}, "t", 1)]
    events += [Event("participant_added", {"pid": p, "pseudonym": f"P{p}"}, "t", 1 + p)
               for p in (1, 2, 3, 4)]
    for n, (kind, data) in enumerate(changes, start=len(events) + 1):
        events.append(Event(kind, data, f"t{n}", n))
    state = fold(events)
    assert not state.skipped, "the example itself must follow the rules"
    return state


MOMENTS = [
    ("moment_added", {"mid": 1, "text": "Parking", "stage": "before", "touchpoint": "indirect",
                      "pid": 1}),
    ("moment_added", {"mid": 2, "text": "Checkout queue", "stage": "during",
                      "touchpoint": "direct", "pid": 2}),
    ("moment_added", {"mid": 3, "text": "Staff help", "stage": "during", "pid": 1}),
    ("moment_added", {"mid": 4, "text": "Receipt", "stage": "after"}),
]
RATINGS = [("rating_given", {"mid": m, "pid": p, "value": v}) for m, p, v in [
    (1, 1, 1), (1, 2, 2), (1, 3, 1), (1, 4, 2),
    (2, 1, 2), (2, 2, 1), (2, 3, 3), (2, 4, 2),
    (3, 1, 4), (3, 2, 5),
    (4, 3, 5),
]]
IDEAS = [
    ("idea_added", {"iid": 1, "mid": 2, "text": "Extra till at peak times", "pid": 1}),
    ("idea_added", {"iid": 2, "mid": 2, "text": "Queue by text message", "pid": 2}),
    ("idea_added", {"iid": 3, "mid": 3, "text": "Staff with tablets", "pid": 3}),
    ("idea_added", {"iid": 4, "mid": 1, "text": "Family parking"}),
]
OTHER = [
    ("expectation_added", {"xid": 1, "mid": 2, "type": "stated", "text": "Fast", "pid": 3}),
    ("expectation_added", {"xid": 2, "mid": 2, "type": "latent", "text": "Care", "pid": 1}),
    ("note_added", {"nid": 1, "type": "quote", "text": "Always the slowest", "pid": 2}),
    ("note_added", {"nid": 2, "type": "note", "text": "Group laughed"}),
]
MOMENT_VOTE = [("vote_opened", {"rid": 1, "target": "moments", "dots": 3, "cap": 2,
                                "blind": True})]
MOMENT_VOTE += [("vote_cast", {"rid": 1, "pid": p, "item": m, "delta": d}) for p, m, d in [
    (1, 2, 2), (1, 3, 1), (2, 3, 2), (2, 1, 1), (3, 2, 2), (3, 4, 1)]]
REVEAL = [("votes_revealed", {"rid": 1})]
EXPECTED = [("rating_given", {"mid": m, "pid": p, "value": v, "scale": "expectation"})
            for m, p, v in [(1, 1, 3), (1, 2, 3), (1, 3, 2),
                            (2, 1, 5), (2, 2, 4), (2, 3, 5), (2, 4, 4),
                            (3, 1, 4), (3, 3, 5)]]
