"""Measured expectations and the consultant's findings in the core: recorded, undone,
replayed, searched and exported like every other change."""

from __future__ import annotations

import json

import pytest

from core_fixtures import assert_consistent, at, file_tables, new_store
from workshop.core import analysis
from workshop.core.errors import RuleError
from workshop.core.search import parse_query, search_file
from workshop.core.timeline import Timeline


def _board(store):
    """Two moments, a quote, a note and an idea to point at."""
    r = store.record
    queue = r("moment_added", text="Queue at the checkout", at=at(1)).data["mid"]
    parking = r("moment_added", text="Finding a parking space", at=at(1)).data["mid"]
    quote = r("note_added", type="quote", text="I always pick the slowest queue", pid=2,
              mid=queue, at=at(2)).data["nid"]
    note = r("note_added", type="note", text="Waiting is what they remember", insight=True,
             at=at(2)).data["nid"]
    idea = r("idea_added", mid=queue, text="Open a till when three wait", at=at(3)).data["iid"]
    return queue, parking, quote, note, idea


# ---- expectation ratings ------------------------------------------------------------


def test_expectation_ratings_sit_beside_performance_and_undo_one_at_a_time(tmp_path):
    with new_store(tmp_path) as store:
        queue, *_ = _board(store)
        store.record("rating_given", mid=queue, pid=1, value=2)
        store.record("rating_given", mid=queue, pid=1, value=4, scale="expectation")
        store.record("rating_given", mid=queue, pid=1, value=5, scale="expectation")
        assert (store.state.ratings[(queue, 1)].value,
                store.state.expected[(queue, 1)].value) == (2, 5)
        rows = [(r["participant_id"], r["scale"], r["value"])
                for r in file_tables(store.path)["ratings"]]
        assert rows == [(1, "expectation", 5), (1, "performance", 2)]
        assert_consistent(store)
        store.undo()  # the second E rating: back to 4, performance untouched
        assert (store.state.ratings[(queue, 1)].value,
                store.state.expected[(queue, 1)].value) == (2, 4)
        store.undo()
        assert not store.state.expected and store.state.ratings[(queue, 1)].value == 2
        assert analysis.gap_table(store.state).rows[0].gap_reason == analysis.NOT_MEASURED
        assert_consistent(store)
        store.redo()
        assert analysis.gap_table(store.state).rows[0].gap == -2  # 2 − 4, one pair
        assert_consistent(store)


def test_a_rating_on_an_unknown_scale_is_refused(tmp_path):
    with new_store(tmp_path) as store:
        queue, *_ = _board(store)
        with pytest.raises(RuleError, match="Unknown value: importance"):
            store.record("rating_given", mid=queue, pid=1, value=3, scale="importance")
        with pytest.raises(RuleError, match="from 1 to 5"):
            store.record("rating_given", mid=queue, pid=1, value=True, scale="expectation")
        assert not store.state.expected


def test_merging_moments_keeps_each_participants_ratings_on_both_scales(tmp_path):
    with new_store(tmp_path) as store:
        queue, parking, *_ = _board(store)
        line = store.record("moment_added", text="Waiting in line").data["mid"]
        store.record("rating_given", mid=line, pid=1, value=5, scale="expectation")
        store.record("rating_given", mid=line, pid=2, value=4, scale="expectation")
        store.record("rating_given", mid=queue, pid=1, value=3, scale="expectation")
        store.record("moments_merged", mid=line, into=queue)
        # P1 already had an expectation on the queue: theirs stays; P2's moves over.
        expected = {k: r.value for k, r in store.state.expected.items()}
        assert expected == {(queue, 1): 3, (queue, 2): 4}
        assert_consistent(store)


# ---- findings -----------------------------------------------------------------------


def test_a_finding_rests_on_picked_evidence_and_undo_walks_it_back(tmp_path):
    with new_store(tmp_path) as store:
        queue, parking, quote, note, idea = _board(store)
        fid = store.record("finding_added", headline="The queue is where the visit sours",
                           moments=[queue], quotes=[quote, note],
                           figures=[["gap", queue], ["importance", queue], ["idea_dots", idea]],
                           meaning="Waiting undoes the good work before it",
                           recommendation="Open a till when three people wait").data["fid"]
        f = store.state.findings[fid]
        assert (f.moments, f.quotes, f.figures) == (
            (queue,), (quote, note), (("gap", queue), ("importance", queue), ("idea_dots", idea)))
        store.record("finding_edited", fid=fid, headline="The queue sours the visit",
                     moments=[queue, parking])
        assert_consistent(store)
        row = file_tables(store.path)["findings"][0]
        assert (row["headline"], json.loads(row["moment_ids"]), json.loads(row["figures"])) == (
            "The queue sours the visit", [queue, parking],
            [["gap", queue], ["importance", queue], ["idea_dots", idea]])
        store.undo()
        assert store.state.findings[fid].headline == "The queue is where the visit sours"
        assert store.state.findings[fid].moments == (queue,)
        store.undo()
        assert not store.state.findings and not file_tables(store.path)["findings"]
        store.redo()
        assert store.state.ordered_findings()[0].fid == fid
        assert_consistent(store)


def test_evidence_leaves_a_finding_with_what_it_points_at(tmp_path):
    with new_store(tmp_path) as store:
        queue, parking, quote, note, idea = _board(store)
        fid = store.record("finding_added", headline="Two moments", moments=[queue, parking],
                           quotes=[quote, note],
                           figures=[["gap", queue], ["gap", parking], ["idea_dots", idea]]
                           ).data["fid"]
        store.record("entry_deleted", entity="note", id=quote)
        store.record("entry_deleted", entity="moment", id=queue)  # takes its idea with it
        f = store.state.findings[fid]
        assert (f.moments, f.quotes, f.figures) == ((parking,), (note,), (("gap", parking),))
        assert_consistent(store)
        store.undo()
        store.undo()
        f = store.state.findings[fid]
        assert (f.moments, f.quotes, len(f.figures)) == ((queue, parking), (quote, note), 3)
        line = store.record("moment_added", text="Waiting in line").data["mid"]
        store.record("finding_edited", fid=fid, moments=[line, queue])
        store.record("moments_merged", mid=line, into=queue)
        assert store.state.findings[fid].moments == (queue,)  # once, not twice
        assert_consistent(store)


@pytest.mark.parametrize("change, why", [
    ({"headline": "  "}, "The text is empty."),
    ({"headline": "X", "moments": [99]}, "There is no moment 99."),
    ({"headline": "X", "quotes": [99]}, "There is no entry 99."),
    ({"headline": "X", "figures": [["mood", 1]]}, "Unknown value: mood"),
    ({"headline": "X", "figures": [["idea_dots", 1]]}, "There is no entry 1."),
    ({"headline": "X", "moments": "1"}, "wrong type"),
])
def test_a_finding_pointing_at_nothing_is_refused(tmp_path, change, why):
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Queue")
        with pytest.raises(RuleError, match=why):
            store.record("finding_added", **change)
        assert not store.state.findings


def test_findings_keep_the_consultants_order(tmp_path):
    with new_store(tmp_path) as store:
        a, b, c = (store.record("finding_added", headline=h).data["fid"] for h in "ABC")
        store.record("finding_moved", fid=c, index=0)
        store.record("finding_deleted", fid=a)
        assert [f.headline for f in store.state.ordered_findings()] == ["C", "B"]
        assert [(r["finding_id"], r["position"])  # numbered from 1, as on screen
                for r in file_tables(store.path)["findings"]] == [(b, 2), (c, 1)]
        with pytest.raises(RuleError, match="There is no position 5"):
            store.record("finding_moved", fid=b, index=5)
        assert_consistent(store)


def test_notes_marked_as_insights_and_actions_with_owner_date_and_measure(tmp_path):
    with new_store(tmp_path) as store:
        _, _, quote, note, _ = _board(store)
        store.record("entry_edited", entity="note", id=quote, insight=True)
        assert [n.nid for n in store.state.insights()] == [quote, note]
        aid = store.record("action_added", type="action", text="Open a till", owner="Ops",
                           due="end of May", measure="Wait under 5 minutes").data["aid"]
        store.record("entry_edited", entity="action", id=aid, measure="Wait under 4 minutes")
        a = store.state.actions[aid]
        assert (a.owner, a.due, a.measure) == ("Ops", "end of May", "Wait under 4 minutes")
        row = file_tables(store.path)["actions"][0]
        assert (row["owner"], row["due"], row["measure"]) == ("Ops", "end of May",
                                                             "Wait under 4 minutes")
        with pytest.raises(RuleError, match="nothing to change"):
            store.record("entry_edited", entity="action", id=aid)
        assert_consistent(store)


# ---- replay, search, export ---------------------------------------------------------


def test_replay_shows_a_finding_from_the_moment_it_was_written(tmp_path):
    with new_store(tmp_path) as store:
        queue, *_ = _board(store)
        added = store.record("finding_added", headline="Queue", moments=[queue], at=at(10))
        store.record("finding_edited", fid=added.data["fid"], headline="Queue first", at=at(11))
        events = store.events
    timeline = Timeline(events)
    before = timeline.position_of_event(added.id) - 1
    assert not timeline.state_at(before).findings
    assert timeline.state_at(before + 1).findings[1].headline == "Queue"
    assert timeline.state_at(len(events)).findings[1].headline == "Queue first"
    found = timeline.filter(category="finding")
    assert [i.event.kind for i in found] == ["finding_added", "finding_edited"]
    assert timeline.filter(mid=queue, category="finding")[0].event.id == added.id


def test_search_finds_a_finding_by_its_headline_meaning_or_recommendation(tmp_path):
    with new_store(tmp_path) as store:
        queue, *_ = _board(store)
        store.record("finding_added", headline="Queueing spoils the visit", moments=[queue],
                     meaning="Waiting undoes the welcome", recommendation="Open more tills")
    for words in ("spoils", "welcome", "tills"):
        hits = search_file(tmp_path / "s.db", parse_query(words)).hits
        finding = [h for h in hits if h.entity == "finding"]
        assert len(finding) == 1, words
        assert finding[0].text == ("Queueing spoils the visit — Waiting undoes the welcome — "
                                   "Open more tills")
        assert finding[0].moment == "Queue at the checkout"


def test_a_finding_without_meaning_is_found_by_its_headline_alone(tmp_path):
    with new_store(tmp_path) as store:
        store.record("finding_added", headline="Parking is fine")
    hits = search_file(tmp_path / "s.db", parse_query("parking")).hits
    assert [(h.entity, h.text) for h in hits] == [("finding", "Parking is fine")]


def test_the_json_and_csv_exports_carry_findings_and_expectation_ratings(tmp_path):
    from workshop.report import export

    with new_store(tmp_path) as store:
        queue, _, quote, _, _ = _board(store)
        store.record("rating_given", mid=queue, pid=1, value=5, scale="expectation")
        store.record("finding_added", headline="Queueing spoils the visit", moments=[queue],
                     quotes=[quote])
    data = json.loads(export(tmp_path / "s.db", tmp_path / "s.json", "json").read_text())
    assert [f["headline"] for f in data["tables"]["findings"]] == ["Queueing spoils the visit"]
    assert [(r["scale"], r["value"]) for r in data["tables"]["ratings"]] == [("expectation", 5)]
    folder = export(tmp_path / "s.db", tmp_path / "csv", "csv")
    assert "Queueing spoils the visit" in (folder / "findings.csv").read_text(encoding="utf-8-sig")
