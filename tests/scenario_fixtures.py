"""One small supermarket session through every event kind (tests/test_fold.py checks
each kind's effect; tests/test_undo.py undoes each)."""

from __future__ import annotations

from core_fixtures import at

# (minute, kind, data): data may be a function of the ids recorded so far (kind -> id of
# the first event of that kind), for events that point at other events.
SCENARIO = [
    (1, "step_entered", {"step": 0}),
    (1, "timer_started", {"step": 0}),
    (4, "timer_paused", {"step": 0}),
    (5, "session_edited", {"client": "Fresh Foods", "facilitator": "Marta"}),
    (5, "participant_edited", {"pid": 2, "segment": "retired", "consent": True}),
    (6, "step_entered", {"step": 1}),
    (6, "timer_started", {"step": 1}),
    (7, "moment_added", {"text": "Finding a parking space", "stage": "before",
                         "touchpoint": "indirect", "pid": 1}),
    (8, "moment_added", {"text": "Queue at the checkout", "stage": "during",
                         "touchpoint": "direct", "pid": 3}),
    (9, "moment_added", {"text": "Opening hours on the web", "stage": "before", "index": 0}),
    (10, "moment_edited", {"mid": 2, "text": "Waiting at the checkout"}),
    (11, "moment_moved", {"mid": 3, "index": 2}),
    (12, "moment_added", {"text": "Waiting in line", "stage": "during"}),
    (13, "moments_merged", {"mid": 4, "into": 2}),
    (14, "step_entered", {"step": 2}),
    (15, "expectation_added", {"mid": 2, "type": "stated", "text": "Less than five minutes",
                               "pid": 1}),
    (16, "expectation_added", {"mid": 2, "type": "latent",
                               "text": "Feeling that someone cares", "pid": 2}),
    (17, "rating_given", {"mid": 2, "pid": 1, "value": 2}),
    (17, "rating_given", {"mid": 2, "pid": 2, "value": 3}),
    (18, "rating_given", {"mid": 1, "pid": 1, "value": 4}),
    (18, "rating_given", {"mid": 2, "pid": 1, "value": 5, "scale": "expectation"}),
    (19, "rating_given", {"mid": 2, "pid": 1, "value": 4, "scale": "expectation"}),
    (19, "feeling_given", {"mid": 2, "pid": 1, "value": -2}),
    (19, "feeling_given", {"mid": 2, "pid": 2, "value": 0}),
    (19, "group_feeling_given", {"mid": 1, "value": 1, "text": "Split: two fine, one not"}),
    (19, "moderation_set", {"moderate": True}),
    (19, "entry_proposed", {"event": "expectation_added", "pid": 3, "via": "phone",
                            "cid": "phone-1", "fields": {"mid": 2, "type": "stated",
                                                        "text": "A till for baskets"}}),
    (19, "entry_proposed", {"event": "expectation_added", "pid": 3, "via": "phone",
                            "cid": "phone-2", "fields": {"mid": 2, "type": "stated",
                                                        "text": "Under five minutes"}}),
    (19, "proposal_rejected", {"ppid": 2, "into": 1}),
    (19, "expectation_added", {"mid": 2, "type": "stated", "text": "A till for baskets only",
                               "pid": 3, "via": "phone", "ppid": 1}),
    (20, "step_entered", {"step": 3}),
    (21, "prompt_drawn", {"prompt_id": "analogy-03", "technique": "analogy", "mid": 2,
                          "text": "How would a pit crew run Waiting at the checkout?"}),
    (22, "idea_added", {"mid": 2, "text": "A crew that opens a till when three people wait",
                        "pid": 3, "did": 1}),
    (30, "step_entered", {"step": 4}),
    (30, "timer_started", {"step": 4}),
    (30, "vote_opened", {"target": "moments", "dots": 3, "cap": 2, "blind": True, "step": 4}),
    (31, "vote_cast", {"rid": 1, "pid": 1, "item": 2, "delta": 2}),
    (31, "vote_cast", {"rid": 1, "pid": 2, "item": 2, "delta": 1}),
    (32, "vote_cast", {"rid": 1, "pid": 2, "item": 1, "delta": 1}),
    (33, "votes_revealed", {"rid": 1}),
    (34, "ranking_opened", {"target": "moments", "top": 2}),
    (34, "ranking_given", {"kid": 1, "pid": 3, "items": [2, 1]}),
    (35, "note_added", {"type": "quote", "pid": 2, "mid": 2, "step": 4, "insight": True,
                        "text": "I always pick the shortest queue and it is always the slowest"}),
    (36, "note_added", {"type": "note", "text": "Group laughed"}),
    (40, "action_added", {"type": "action", "text": "Pilot an extra till at peak times",
                          "mid": 2, "owner": "Store manager", "due": "end of May",
                          "measure": "Wait under 5 minutes at peak"}),
    (41, "entry_edited", {"entity": "idea", "id": 1,
                          "text": "A pit crew that opens a till when three people wait"}),
    (41, "entry_edited", {"entity": "action", "id": 1, "owner": "Operations", "due": ""}),
    (41, "entry_edited", {"entity": "note", "id": 2, "insight": True}),
    (42, "entry_deleted", {"entity": "note", "id": 2}),
    (43, "undo", lambda ids: {"target": ids["entry_deleted"]}),
    (44, "finding_added", {"headline": "The queue lets people down", "moments": [2],
                           "quotes": [1], "figures": [["gap", 2], ["idea_dots", 1]],
                           "meaning": "Waiting spoils the visit", "recommendation": "Open a till"}),
    (44, "finding_added", {"headline": "Parking is fine", "moments": [1], "index": 0}),
    (44, "finding_edited", {"fid": 2, "meaning": "Nobody complained", "quotes": [2]}),
    (44, "finding_moved", {"fid": 1, "index": 0}),
    (44, "finding_added", {"headline": "A third one"}),
    (44, "finding_deleted", {"fid": 3}),
    (45, "session_finished", {}),
    (46, "session_reopened", {}),
    (47, "session_finished", {}),
]


def play(store, upto: str | None = None) -> dict[str, int]:
    """Record the scenario (up to the first event of kind `upto`); kind -> first event id."""
    ids: dict[str, int] = {}
    for minute, kind, data in SCENARIO:
        if callable(data):
            data = data(ids)
        event = store.record(kind, at=at(minute), **data)
        ids.setdefault(kind, event.id)
        if kind == upto:
            break
    return ids
