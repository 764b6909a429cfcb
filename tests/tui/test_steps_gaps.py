"""The gaps panel shows core.analysis's numbers, sorts them, and places moments on the 2×2."""

from __future__ import annotations

from workshop.i18n import translator
from workshop.core.analysis import CONCENTRATE, KEEP, OVERKILL, gap_table, quadrant_label
from workshop.tui.steps.gaps import ipa_chart
from workshop.tui.steps.journey import decimal

from .step_fixtures import StepApp, new_store, table_text


def _rated_and_voted(tmp_path, *, reveal=True, expected=True):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Parking", "Queue at the till", "Paying", "Receipt")]
    ratings = {mids[0]: (4, 5, 4), mids[1]: (1, 2, 2), mids[2]: (3, 4, 3)}  # Receipt unrated
    for mid, values in ratings.items():
        for pid, value in enumerate(values, start=1):
            store.record("rating_given", mid=mid, pid=pid, value=value)
    levels = {mids[0]: (4, 4, 3), mids[1]: (5, 4, 5), mids[2]: (3, 4)}  # P3 skips Paying
    for mid, values in (levels.items() if expected else ()):
        for pid, value in enumerate(values, start=1):
            store.record("rating_given", mid=mid, pid=pid, value=value, scale="expectation")
    rid = store.record("vote_opened", target="moments", dots=3, blind=True).data["rid"]
    for pid, item in ((1, mids[1]), (1, mids[1]), (1, mids[0]), (2, mids[1]), (2, mids[2]),
                      (3, mids[0]), (3, mids[1])):
        store.record("vote_cast", rid=rid, pid=pid, item=item, delta=1)
    if reveal:
        store.record("votes_revealed", rid=rid)
    return store, mids


_t = translator("en")


def by_column(table) -> list[dict[str, str]]:
    """Each row as {column key: text}: narrow panels drop columns, keys stay."""
    keys = [c.key.value for c in table.ordered_columns]
    return [dict(zip(keys, line)) for line in table_text(table)]


async def test_the_table_shows_the_analysis_and_sorts_by_key(tmp_path):
    store, mids = _rated_and_voted(tmp_path)
    expected = gap_table(store.state)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        shown = by_column(app.query_one("#gaps"))
        for row, line in zip(expected.rows, shown):
            assert line["pos"] == str(row.position) and line["text"] == row.text
            assert line["dots"] == str(row.dots)
            assert line["imp"] == f"{round(row.importance * 100)}%"
            assert line["perf"].startswith(decimal(_t, row.performance))
            assert line["exp"] == decimal(_t, row.expectation)
            assert line["gap"] == (f"{decimal(_t, row.gap, sign=True)} ({row.gap_n})"
                                   if row.gap is not None else "–")
            assert line["prio"] == decimal(_t, row.priority, 2)
        assert [line["quad"] for line in shown] == [
            quadrant_label(r.quadrant) if r.quadrant else "" for r in expected.rows]
        # The queue: 1, 2, 2 against 5, 4, 5 -> -4, -2, -3: -3.0 from three pairs.
        assert shown[1]["text"] == "Queue at the till" and shown[1]["gap"] == "-3.0 (3)"
        # Paying: P3 gave no expected level -> two pairs (3 − 3, 4 − 4).
        assert shown[2]["gap"] == "0.0 (2)"
        await pilot.press("s")  # by priority: the biggest shortfall first
        await pilot.pause()
        by_priority = [line["text"] for line in by_column(app.query_one("#gaps"))]
        assert by_priority[0] == "Queue at the till" and by_priority[-1] == "Receipt"
        await pilot.press("s")  # by gap, most negative first
        await pilot.pause()
        gaps = [r for r in sorted((r for r in expected.rows if r.gap is not None),
                                  key=lambda r: r.gap)]
        assert [line["gap"] for line in by_column(app.query_one("#gaps"))][:len(gaps)] == [
            f"{decimal(_t, r.gap, sign=True)} ({r.gap_n})" for r in gaps]
        # The chart sits beside the table on a wide screen, cross-hairs named.
        chart = str(app.query_one("#chart").render())
        assert "Concentrate here" in chart and "Possible overkill" in chart
        assert "1 moment not placed: it needs" in chart
        assert "cross-hairs at the means: " in chart
        source = str(app.query_one("#source").render())
        assert "Gap: performance minus expectation, paired per participant" in source


async def test_a_session_without_expected_levels_shows_the_gap_not_measured(tmp_path):
    store, mids = _rated_and_voted(tmp_path, expected=False)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        shown = by_column(app.query_one("#gaps"))
        assert {line["gap"] for line in shown} == {"n/m"}
        assert {line["exp"] for line in shown} == {line["prio"] for line in shown} == {"–"}
        assert "Expectation was not measured in this session" in str(
            app.query_one("#source").render())


async def test_overkill_below_the_midpoint_says_so_in_the_table_and_on_the_chart(tmp_path):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Parking", "Queue", "Paying")]
    # Performance 2.5, 1.5, 1.0: all below 3; the means put Parking in "overkill".
    for mid, values in zip(mids, ((2, 3), (1, 2), (1, 1))):
        for pid, value in enumerate(values, start=1):
            store.record("rating_given", mid=mid, pid=pid, value=value)
    rid = store.record("vote_opened", target="moments", dots=3, blind=False).data["rid"]
    for pid, item in ((1, mids[1]), (1, mids[1]), (2, mids[2]), (2, mids[1])):
        store.record("vote_cast", rid=rid, pid=pid, item=item, delta=1)
    table = gap_table(store.state)
    assert table.rows[0].quadrant == OVERKILL and table.rows[0].below_midpoint
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert by_column(app.query_one("#gaps"))[0]["quad"] == "Overkill, below 3"
        chart = str(app.query_one("#chart").render())
        assert "┊ the midpoint 3: an overkill moment left of it is still rated below" in chart
        assert "┊" in chart.split("\n")[0]


async def test_a_blind_vote_gives_no_importance_until_revealed(tmp_path):
    store, _ = _rated_and_voted(tmp_path, reveal=False)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No vote counts yet" in str(app.query_one("#source").render())
        assert {line["imp"] for line in by_column(app.query_one("#gaps"))} == {"–"}
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
