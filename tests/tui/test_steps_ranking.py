"""The ranking panel: an order entered by key, refusals named, the Borda points beside
the options, in the gaps step and, read-only, in a replay."""

from __future__ import annotations

import copy

from workshop.core.kinds.ranking import borda, rounds

from .step_fixtures import SCRIPT, StepApp, new_store, rows, table_text

RANKED = copy.deepcopy(SCRIPT)
RANKED["steps"].insert(5, {"title": "Rank", "kind": "ranking", "minutes": 5, "body": "",
                           "options": {"target": "moments", "top": 2}})


def _with_moments(tmp_path, texts=("Parking", "Queue at the till", "Paying")):
    store = new_store(tmp_path, script=RANKED)
    mids = [store.record("moment_added", text=text).data["mid"] for text in texts]
    return store, mids


async def test_an_order_entered_by_key_scores_the_borda_points(tmp_path):
    store, mids = _with_moments(tmp_path)
    app = StepApp(store, "ranking")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Ranking of moments · top 2 each" in str(app.query_one("#round").render())
        assert app.focused.id == "voters"
        # Ana (P1): Queue first, then Parking; a third place is refused by the rules.
        await pilot.press("down", "enter", "up", "enter", "down", "down", "enter")
        await pilot.pause()
        assert app.messages[-1] == "Each participant ranks their top 2."
        items = app.query_one("#items")
        assert [(r[1], r[2]) for r in table_text(items)] == [
            ("Parking", "2"), ("Queue at the till", "1"), ("Paying", "")]
        assert "Ana 2/2 ✓" in str(app.query_one("#voters").render())
        # Luis (3): Paying first; then he takes it back out and puts Parking first.
        await pilot.press("3", "enter", "minus", "up", "up", "enter")
        await pilot.pause()
        assert "Luis: 1 of 2 places given" in str(app.query_one("#hint").render())
        # n = 3: a first place earns 2, a second 1. Queue 2, Parking 1 + 2 = 3.
        assert [r[3] for r in table_text(items)] == ["3", "2", ""]
        chart = str(app.query_one("#chart").render()).splitlines()
        assert chart[0] == "Borda points from 2 orders"
        assert [line.split()[:2] for line in chart if "█" in line] == [["1", "1"], ["2", "2"]]
    kid = max(rounds(store.state))
    assert {(r["participant_id"], r["moment_id"] or r["idea_id"]): r["rank"]
            for r in rows(store, "ranks")} == {
        (1, mids[1]): 1, (1, mids[0]): 2, (3, mids[0]): 1}
    assert [(r.item, r.points) for r in borda(store.state, kid).rows] == [
        (mids[0], 3), (mids[1], 2), (mids[2], 0)]


async def test_the_gaps_step_shows_the_points_beside_the_dots(tmp_path):
    store, mids = _with_moments(tmp_path)
    StepApp(store, "ranking")  # opens the ranking, as the run screen does
    kid = max(rounds(store.state))
    store.record("ranking_given", kid=kid, pid=1, items=[mids[2], mids[0]])
    app = StepApp(store, "gaps")
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        table = app.query_one("#gaps")
        assert table.columns["x_borda"].label.plain == "Borda"
        points = [table.get_cell(row.key, "x_borda").plain for row in table.ordered_rows]
        assert [r[1] for r in table_text(table)] == ["Parking", "Queue at the till", "Paying"]
        assert points == ["1", "0", "2"]  # n = 3: Paying first (2), Parking second (1)
        await pilot.press("s", "s", "s", "s", "s")  # after the gaps' own sorts: by points
        await pilot.pause()
        assert [r[1] for r in table_text(table)] == ["Paying", "Parking", "Queue at the till"]
        assert "Sorted by Borda" in str(app.query_one("#hint").render())


async def test_a_replay_shows_the_orders_read_only(tmp_path):
    store, mids = _with_moments(tmp_path)
    StepApp(store, "ranking")  # opens the ranking, as the run screen does
    kid = max(rounds(store.state))
    store.record("ranking_given", kid=kid, pid=1, items=[mids[1]])
    app = StepApp(store, "ranking", replay=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = rows(store, "ranks")
        await pilot.press("down", "enter", "minus")
        await pilot.pause()
        assert rows(store, "ranks") == before
        assert [r[2] for r in table_text(app.query_one("#items"))] == ["", "1", ""]
        assert str(app.query_one("#hint").render()).endswith("←/→ participant")


async def test_a_ranking_of_one_place_reads_in_the_singular(tmp_path):
    """'0 of 1 places given': the hint through ngettext."""
    script = copy.deepcopy(RANKED)
    script["steps"][5]["options"]["top"] = 1
    store = new_store(tmp_path, script=script)
    store.record("moment_added", text="Parking")
    app = StepApp(store, "ranking")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert str(app.query_one("#hint").render()).startswith(
            "Ana: 0 of 1 place given · ←/→ participant · Enter next place")
