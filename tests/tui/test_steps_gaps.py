"""The gaps panel shows core.analysis's numbers, sorts them, and places moments on the 2×2."""

from __future__ import annotations

from workshop.core.analysis import CONCENTRATE, KEEP, gap_table, quadrant_label
from workshop.tui.steps.gaps import ipa_chart
from workshop.tui.steps.journey import decimal

from .step_fixtures import StepApp, new_store, table_text


def _rated_and_voted(tmp_path, *, reveal=True):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Parking", "Queue at the till", "Paying", "Receipt")]
    ratings = {mids[0]: (4, 5, 4), mids[1]: (1, 2, 2), mids[2]: (3, 4, 3)}  # Receipt unrated
    for mid, values in ratings.items():
        for pid, value in enumerate(values, start=1):
            store.record("rating_given", mid=mid, pid=pid, value=value)
    expected = {mids[0]: (4, 4, 3), mids[1]: (5, 4, 5), mids[2]: (3, 4)}  # P3 skips Paying
    for mid, values in expected.items():
        for pid, value in enumerate(values, start=1):
            store.record("rating_given", mid=mid, pid=pid, value=value, scale="expectation")
    rid = store.record("vote_opened", target="moments", dots=3, blind=True).data["rid"]
    for pid, item in ((1, mids[1]), (1, mids[1]), (1, mids[0]), (2, mids[1]), (2, mids[2]),
                      (3, mids[0]), (3, mids[1])):
        store.record("vote_cast", rid=rid, pid=pid, item=item, delta=1)
    if reveal:
        store.record("votes_revealed", rid=rid)
    return store, mids


def _t(message, **values):
    return message.format(**values)


async def test_the_table_shows_the_analysis_and_sorts_by_key(tmp_path):
    store, mids = _rated_and_voted(tmp_path)
    expected = gap_table(store.state)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        shown = table_text(app.query_one("#gaps"))
        for row, line in zip(expected.rows, shown):
            assert line[0] == str(row.position) and line[1] == row.text
            assert line[2] == str(row.dots)
            assert line[3] == decimal(_t, row.importance, 2)
            assert line[4].startswith(decimal(_t, row.performance))
            assert line[5] == decimal(_t, row.expectation)
            assert line[6] == decimal(_t, row.gap, sign=True)
            assert line[7] == decimal(_t, row.priority, 2)
        assert [line[8] for line in shown] == [
            quadrant_label(r.quadrant) if r.quadrant else "" for r in expected.rows]
        assert "Queue at the till" in shown[1][1] and shown[1][6].startswith("-")
        await pilot.press("s")  # by priority: the biggest shortfall first
        await pilot.pause()
        by_priority = [line[1] for line in table_text(app.query_one("#gaps"))]
        assert by_priority[0] == "Queue at the till" and by_priority[-1] == "Receipt"
        await pilot.press("s")  # by gap, most negative first
        await pilot.pause()
        gaps = [r.gap for r in sorted((r for r in expected.rows if r.gap is not None),
                                      key=lambda r: r.gap)]
        assert [line[6] for line in table_text(app.query_one("#gaps"))][:len(gaps)] == [
            decimal(_t, g, sign=True) for g in gaps]
        # The chart sits beside the table on a wide screen.
        chart = str(app.query_one("#chart").render())
        assert "Concentrate here" in chart and "Possible overkill" in chart
        assert "1 moment not placed: it needs" in chart


async def test_a_blind_vote_gives_no_importance_until_revealed(tmp_path):
    store, _ = _rated_and_voted(tmp_path, reveal=False)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No vote counts yet" in str(app.query_one("#source").render())
        assert {line[3] for line in table_text(app.query_one("#gaps"))} == {"–"}
        await pilot.press("v")  # the chart instead of the table on a narrow screen
        await pilot.pause()
        assert app.query_one("#chart").display and not app.query_one("#gaps").display
        assert "Nothing to place yet." in str(app.query_one("#chart").render())
        await pilot.press("v")  # and back: the panel's keys still work on the chart
        await pilot.pause()
        assert app.query_one("#gaps").display and not app.query_one("#chart").display
        assert app.focused.id == "gaps"


def test_the_chart_places_each_moment_in_its_quadrant(tmp_path):
    store, mids = _rated_and_voted(tmp_path)
    table = gap_table(store.state)
    lines = ipa_chart(table, 60, 20, _t).plain.splitlines()
    cross = next(y for y, line in enumerate(lines) if "┼" in line)
    x_cross = lines[cross].index("┼")
    for row in table.rows:
        if row.quadrant is None:
            continue
        y, x = next((y, line.index(str(row.position))) for y, line in enumerate(lines[:18])
                    if str(row.position) in line.replace("─", " "))
        high = y <= cross
        assert high == (row.quadrant in (CONCENTRATE, KEEP))
        assert (x > x_cross) == (row.quadrant in (KEEP, "overkill"))
