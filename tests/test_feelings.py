"""Feelings: the rule (−2 … +2, one mark per participant and moment, undo, the group's
feeling), the net experience worked by hand, the map's placement, and what search, the
exports and `workshop show` see of them."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from core_fixtures import TRIO, assert_consistent, at, new_store, people
from workshop.cli import cli
from workshop.core.errors import RuleError
from workshop.core.journey import (
    GROUP,
    MARKS,
    journey_map,
    moment_feelings,
    net_experience,
    parse_group_feeling,
)
from workshop.core.kinds.feelings import group_feelings, marks
from workshop.core.search import parse_query, search_file
from workshop.report import export


def _moments(store, *specs):
    """Moments (text, stage, touchpoint) along the journey; their ids."""
    return [store.record("moment_added", text=text, stage=stage, touchpoint=touchpoint,
                         at=at(1)).data["mid"] for text, stage, touchpoint in specs]


# ---- the rule ------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [-3, 3, 1.5, True, "1", None])
def test_a_feeling_is_a_whole_number_from_minus_two_to_two(tmp_path, value):
    store = new_store(tmp_path)
    mid, = _moments(store, ("Queue", "during", "direct"))
    # A number out of range gets the rule's words; no number at all is a broken change.
    said = ("A feeling goes from −2" if isinstance(value, int | float) else
            "A change is missing data or has the wrong type")
    with pytest.raises(RuleError, match=said):
        store.record("feeling_given", mid=mid, pid=1, value=value)
    with pytest.raises(RuleError, match=said):
        store.record("group_feeling_given", mid=mid, value=value)
    assert not marks(store.state) and not group_feelings(store.state)


def test_one_mark_per_participant_and_moment_undo_takes_it_back(tmp_path):
    store = new_store(tmp_path)
    queue, parking = _moments(store, ("Queue", "during", "direct"),
                              ("Parking", "before", "direct"))
    for pid, value in ((1, -2), (2, 1), (3, 0)):
        store.record("feeling_given", mid=queue, pid=pid, value=value, at=at(2))
    store.record("feeling_given", mid=parking, pid=1, value=2, at=at(2))
    with pytest.raises(RuleError, match="missing data"):  # a feeling is someone's
        store.record("feeling_given", mid=queue, pid=None, value=1)
    with pytest.raises(RuleError, match="There is no participant 9"):
        store.record("feeling_given", mid=queue, pid=9, value=1)
    store.record("feeling_given", mid=queue, pid=1, value=-1, at=at(3))  # a changed mind
    assert {k: f.value for k, f in marks(store.state).items()} == {
        (queue, 1): -1, (queue, 2): 1, (queue, 3): 0, (parking, 1): 2}
    store.undo()  # back to the first mark, not to none
    assert marks(store.state)[(queue, 1)].value == -2
    assert_consistent(store)


def test_the_groups_feeling_with_how_split_the_room_was(tmp_path):
    store = new_store(tmp_path)
    queue, = _moments(store, ("Queue", "during", "direct"))
    store.record("group_feeling_given", mid=queue, value=-1, text="  split: four annoyed  ",
                 at=at(2))
    assert group_feelings(store.state)[queue].value == -1
    assert group_feelings(store.state)[queue].text == "split: four annoyed"
    store.record("group_feeling_given", mid=queue, value=1, at=at(3))  # replaced, no note
    assert (group_feelings(store.state)[queue].value, group_feelings(store.state)[queue].text) \
        == (1, None)
    store.undo()
    assert group_feelings(store.state)[queue].value == -1
    assert_consistent(store)


@pytest.mark.parametrize("typed, value, note", [
    ("-1 split: four annoyed, two fine", -1, "split: four annoyed, two fine"),
    ("−2", -2, None), ("+2  everyone smiled", 2, "everyone smiled"), ("0", 0, None),
    ("1, mostly", 1, "mostly")])
def test_the_groups_feeling_is_typed_as_said(typed, value, note):
    assert parse_group_feeling(typed) == (value, note)


@pytest.mark.parametrize("typed", ["3 furious", "1.5 so-so", "great", "-1split", ""])
def test_a_line_that_does_not_start_with_a_feeling_is_refused(typed):
    with pytest.raises(RuleError):
        parse_group_feeling(typed)


def test_merging_and_deleting_a_moment_carry_or_drop_its_feelings(tmp_path):
    store = new_store(tmp_path)
    queue, line, till = _moments(store, ("Queue", "during", "direct"),
                                 ("Waiting in line", "during", "direct"),
                                 ("Till", "during", "direct"))
    store.record("feeling_given", mid=queue, pid=1, value=-2, at=at(2))
    store.record("feeling_given", mid=line, pid=1, value=1, at=at(2))  # P1 marked both
    store.record("feeling_given", mid=line, pid=2, value=-1, at=at(2))
    store.record("group_feeling_given", mid=line, value=-1, text="split", at=at(2))
    store.record("feeling_given", mid=till, pid=3, value=2, at=at(2))
    store.record("moments_merged", mid=line, into=queue, at=at(3))
    # P1 keeps the mark of the moment merged into; P2's and the group's move with it.
    assert {k: f.value for k, f in marks(store.state).items() if k[0] == queue} == {
        (queue, 1): -2, (queue, 2): -1}
    assert group_feelings(store.state)[queue].text == "split"
    store.record("entry_deleted", entity="moment", id=till, at=at(4))
    assert not [k for k in marks(store.state) if k[0] == till]
    assert_consistent(store)


# ---- net experience, by hand ----------------------------------------------------------------

@pytest.mark.parametrize("values, positive, negative, n, net", [
    ([-2, -1, 0, 1, 2, 2], 3, 2, 6, 1 / 6),  # (3 − 2) / 6
    ([0, 0], 0, 0, 2, 0.0),  # a 0 counts among the marks, on neither side
    ([-1], 0, 1, 1, -1.0),
    ([2, 1, 1, -2], 3, 1, 4, 0.5),  # the strength of a mark does not weigh: (3 − 1) / 4
    ([], 0, 0, 0, None)])
def test_net_experience_is_positive_minus_negative_over_the_marks(values, positive, negative,
                                                                  n, net):
    found = net_experience(values)
    assert (found.positive, found.negative, found.n) == (positive, negative, n)
    assert found.net == pytest.approx(net) if net is not None else found.net is None


def test_a_moments_curve_rests_on_the_marks_else_on_the_groups_feeling(tmp_path):
    store = new_store(tmp_path)
    queue, parking, web = _moments(store, ("Queue", "during", "direct"),
                                   ("Parking", "before", "direct"),
                                   ("Web", "before", "indirect"))
    for pid, value in ((1, -2), (2, 1), (3, 0)):
        store.record("feeling_given", mid=queue, pid=pid, value=value, at=at(2))
    store.record("group_feeling_given", mid=queue, value=2, at=at(2))  # the marks win
    store.record("group_feeling_given", mid=parking, value=-1, text="split", at=at(2))
    found = moment_feelings(store.state)
    assert (found[queue].net.net, found[queue].source, found[queue].level) == (0.0, MARKS, 0.0)
    assert found[queue].counts == (1, 0, 1, 1, 0)  # one −2, one 0, one +1
    assert (found[parking].net.n, found[parking].source, found[parking].level) == (0, GROUP, -0.5)
    assert (found[web].source, found[web].level) == (None, None)


# ---- the map's placement ----------------------------------------------------------------------

def test_each_moment_goes_to_its_stage_column_and_its_touchpoint_lane(tmp_path):
    store = new_store(tmp_path)
    ids = _moments(store, ("Queue", "during", "direct"), ("Reviews", "before", "indirect"),
                   ("Delivery", "after", "direct"), ("Parking", "before", "direct"),
                   ("Word of mouth", None, "indirect"), ("Packing", "during", None))
    queue, reviews, delivery, parking, mouth, packing = ids
    board = journey_map(store.state)
    placed = [(m.mid, m.stage, m.lane, m.column, m.position) for m in board.moments]
    # By stage, then along the journey; the number stays the journey's.
    assert placed == [(reviews, "before", "indirect", 0, 2), (parking, "before", "direct", 1, 4),
                      (queue, "during", "direct", 2, 1), (packing, "during", None, 3, 6),
                      (delivery, "after", "direct", 4, 3), (mouth, None, "indirect", 5, 5)]
    assert [(s.stage, s.first, s.count) for s in board.stages] == [
        ("before", 0, 2), ("during", 2, 2), ("after", 4, 1), (None, 5, 1)]
    assert board.lanes == ("direct", "indirect", None)
    assert not board.asked


def test_the_worst_and_the_best_net_experience(tmp_path):
    store = new_store(tmp_path, participants=people(*[(f"P{i}", None, None) for i in range(1, 5)]))
    queue, parking, web = _moments(store, ("Queue", "during", "direct"),
                                   ("Parking", "before", "direct"),
                                   ("Web", "before", "indirect"))
    for mid, values in ((queue, (-2, -1, -1, 0)), (parking, (1, 1, 0, -1)), (web, (2, 1))):
        for pid, value in enumerate(values, start=1):
            store.record("feeling_given", mid=mid, pid=pid, value=value, at=at(2))
    board = journey_map(store.state)
    assert board.asked
    assert (board.worst().mid, board.worst().feeling.net.net) == (queue, -0.75)
    assert (board.best().mid, board.best().feeling.net.net) == (web, 1.0)


# ---- what the rest of the tool sees -----------------------------------------------------------

def test_show_calls_the_one_moment_marked_neither_worst_nor_best(tmp_path):
    """`workshop show` said "Worst: Queue (+100%)" when Queue was the only moment marked."""
    from workshop.core.journey import summary_lines

    store = new_store(tmp_path)
    queue, parking = _moments(store, ("Queue", "during", "direct"),
                              ("Parking", "before", "direct"))
    for pid in (1, 2):
        store.record("feeling_given", mid=queue, pid=pid, value=2, at=at(2))
    lines = summary_lines(store.state)
    assert lines[-1] == "  Only Queue was marked (+100%), during the purchase, direct touchpoint."
    assert not any("Worst" in line or "Best" in line for line in lines)
    store.record("feeling_given", mid=parking, pid=1, value=-1, at=at(3))
    assert [line.split(":")[0] for line in summary_lines(store.state)[-2:]] == [
        "  Worst", "  Best"]


def test_search_finds_the_note_of_a_groups_feeling(tmp_path):
    store = new_store(tmp_path)
    queue, = _moments(store, ("Queue", "during", "direct"))
    store.record("group_feeling_given", mid=queue, value=-1, text="The room was split in two",
                 at=at(2))
    store.close()
    hits = search_file(store.path, parse_query("split"))
    assert [(h.entity, h.kind, h.moment, h.text) for h in hits.hits] == [
        ("group_feeling", "-1", "Queue", "The room was split in two")]
    shown = CliRunner().invoke(cli, ["search", "split", str(store.path)])
    assert shown.exit_code == 0 and "group feeling (−1)" in shown.output


def test_exports_and_show_carry_the_feelings_or_say_they_were_not_asked(tmp_path):
    store = new_store(tmp_path)
    queue, parking = _moments(store, ("Queue", "during", "direct"),
                              ("Parking", "before", "direct"))
    store.close()
    shown = CliRunner().invoke(cli, ["show", str(store.path)])
    assert "Feelings: not asked in this session." in shown.output
    store = new_store(tmp_path, name="s2.db")
    queue, parking = _moments(store, ("Queue", "during", "direct"),
                              ("Parking", "before", "direct"))
    store.record("feeling_given", mid=queue, pid=1, value=-2, at=at(2))
    store.record("feeling_given", mid=queue, pid=3, value=1, at=at(2))
    store.record("group_feeling_given", mid=parking, value=1, text="Ana was not sure", at=at(2))
    store.close()
    folder = export(store.path, tmp_path / "csv", "csv")
    with open(folder / "feelings.csv", encoding="utf-8-sig", newline="") as fh:
        assert [(r["moment_id"], r["participant_id"], r["value"]) for r in csv.DictReader(fh)] == [
            (str(queue), "1", "-2"), (str(queue), "3", "1")]
    with open(folder / "group_feelings.csv", encoding="utf-8-sig", newline="") as fh:
        # Pseudonyms only: a name typed into the note is replaced.
        assert [(r["value"], r["text"]) for r in csv.DictReader(fh)] == [("1", "P1 was not sure")]
    document = json.loads(export(store.path, tmp_path / "s.json", "json").read_text())
    assert [e["kind"] for e in document["events"]].count("feeling_given") == 2
    assert document["tables"]["group_feelings"][0]["value"] == 1
    shown = CliRunner().invoke(cli, ["show", str(store.path)])
    assert shown.exit_code == 0, shown.output
    assert "1. Queue: 0% (n = 2)" in shown.output  # (1 − 1) / 2
    assert "2. Parking: group feeling +1 · Ana was not sure" in shown.output  # (not a report)


def test_a_file_of_the_trio_session_lists_feelings_as_any_table(tmp_path):
    """The readable tables equal the fold, through undo and a rebuild."""
    store = new_store(tmp_path, participants=TRIO)
    queue, = _moments(store, ("Queue", "during", "direct"))
    store.record("feeling_given", mid=queue, pid=2, value=2, at=at(2))
    store.record("group_feeling_given", mid=queue, value=0, at=at(2))
    store.undo()
    store.rebuild_tables()
    assert_consistent(store)


def test_a_study_of_many_sessions_carries_the_feelings(tmp_path):
    import sqlite3

    store = new_store(tmp_path)
    queue, = _moments(store, ("Queue", "during", "direct"))
    store.record("feeling_given", mid=queue, pid=2, value=-2, at=at(2))
    store.record("group_feeling_given", mid=queue, value=-1, text="split", at=at(2))
    store.close()
    study = tmp_path / "study.db"
    result = CliRunner().invoke(cli, ["study", "build", str(store.path), "-o", str(study)])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(study)
    marks_ = conn.execute("SELECT moment_id, participant_id, value FROM feelings").fetchall()
    group = conn.execute("SELECT moment_id, value, note FROM group_feelings").fetchall()
    conn.close()
    assert [(m.split(":")[-1], p.split(":")[-1], v) for m, p, v in marks_] == [("m1", "p2", -2)]
    assert [(m.split(":")[-1], v, n) for m, v, n in group] == [("m1", -1, "split")]
