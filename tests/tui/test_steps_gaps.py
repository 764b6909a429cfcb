"""The gaps panel shows core.analysis's numbers, sorts them, and places moments on the 2×2."""

from __future__ import annotations

import re
from dataclasses import replace

from workshop.core.analysis import (
    CONCENTRATE,
    KEEP,
    OVERKILL,
    GapRow,
    GapTable,
    gap_table,
    quadrant,
    quadrant_label,
)
from workshop.i18n import translator
from workshop.tui.steps.gaps import ipa_chart, short_quadrant
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
    return [dict(zip(keys, line, strict=True)) for line in table_text(table)]


async def test_the_table_shows_the_analysis_and_sorts_by_key(tmp_path):
    store, mids = _rated_and_voted(tmp_path)
    expected = gap_table(store.state)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        shown = by_column(app.query_one("#gaps"))
        for row, line in zip(expected.rows, shown, strict=True):
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
        assert shown[1]["text"] == "Queue at the till" and shown[1]["gap"] == "−3.0 (3)"
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
    for mid, values in zip(mids, ((2, 3), (1, 2), (1, 1)), strict=True):
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
        assert "┊ the midpoint 3: a moment left of it is still rated below" in chart
        assert "┊" in chart.split("\n")[0]


async def test_keep_up_below_the_midpoint_says_so_in_the_table_and_on_the_chart(tmp_path):
    """One rated moment sits on the group's means, in "Keep up the good work", however
    poorly rated: the table and the chart say it is still below the midpoint, as the
    report does, in the wide table and the narrow one."""
    store = new_store(tmp_path)
    mid = store.record("moment_added", text="Queue").data["mid"]
    for pid, value in ((1, 2), (2, 1), (3, 2)):
        store.record("rating_given", mid=mid, pid=pid, value=value)
    rid = store.record("vote_opened", target="moments", dots=3, blind=False).data["rid"]
    store.record("vote_cast", rid=rid, pid=1, item=mid, delta=1)
    [row] = gap_table(store.state).rows
    assert row.quadrant == KEEP and row.below_midpoint
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert by_column(app.query_one("#gaps"))[0]["quad"] == "Keep up, below 3"
        assert "┊ the midpoint 3: a moment left of it" in str(app.query_one("#chart").render())
    en = translator("en")
    assert short_quadrant(KEEP, en, below_midpoint=True) == "Keep up <3"
    assert short_quadrant(KEEP, en) == "Keep up"


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


def _crowded(quadrants=("concentrate", "keep", "low", "overkill")) -> GapTable:
    """Moments on and around the cross-hairs (a share of 0.25, a rating of 3): the spots
    where a number used to be drawn on the line."""
    base = GapRow(0, 0, "", None, None, 1, 0.0, 0.0, 3, None, None, 0, None, None, 0, None,
                  None, None, None)
    rows = []
    for n, (imp, perf) in enumerate([(0.25, 3.0), (0.26, 2.95), (0.24, 3.04), (0.24, 2.96),
                                     (0.25, 2.9), (0.27, 3.1), (0.23, 3.0), (0.25, 3.02),
                                     (0.60, 1.2), (0.02, 4.9), (0.3, 3.0), (0.2, 3.0)],
                                    start=1):
        rows.append(replace(base, mid=n, position=n, text=f"M{n}", importance=imp,
                            performance=perf, quadrant=quadrant(imp, perf, 0.25, 3.0)))
    return GapTable(tuple(rows), None, "data", 0.25, 3.0, True)


def test_no_number_on_the_2x2_sits_on_a_cross_hair_and_each_is_in_its_quadrant():
    table = _crowded()
    for width, height in ((30, 18), (44, 16), (56, 17), (60, 24), (80, 30), (41, 33)):
        lines = ipa_chart(table, width, height, _t).plain.splitlines()
        cross = next(y for y, line in enumerate(lines) if "┼" in line)
        x_cross = lines[cross].index("┼")
        grid = lines[:cross + 1 + next(i for i, line in enumerate(lines[cross + 1:])
                                       if line.startswith("→"))]
        found = {}
        for y, line in enumerate(grid):
            for match in re.finditer(r"\d+(,\d+)*", line):
                if y == cross:
                    raise AssertionError(f"{match[0]} on the horizontal line at {width}×{height}")
                assert not match.start() <= x_cross < match.end(), (match[0], width, height)
                for n in match[0].split(","):
                    found[int(n)] = (y, match.start())
        assert sorted(found) == [r.position for r in table.rows], (width, height)
        for r in table.rows:
            y, x = found[r.position]
            assert (y < cross) == (r.quadrant in (CONCENTRATE, KEEP)), (r.position, width)
            assert (x > x_cross) == (r.quadrant in (KEEP, OVERKILL)), (r.position, width)


def test_the_caption_and_legend_are_never_cut(tmp_path):
    from rich.console import Console

    store, _ = _rated_and_voted(tmp_path)
    table = gap_table(store.state)
    for width, height in ((36, 24), (56, 30), (41, 33), (100, 30)):
        text = ipa_chart(table, width, height, _t)
        drawn = text.wrap(Console(width=width), width)
        assert len(drawn) <= height  # nothing falls off the bottom
        shown = " ".join(" ".join(line.plain.split()) for line in drawn)
        assert ("→ performance today (1–5) · ↑ importance (share of the dots) · numbers: "
                "moments (#)") in shown
        assert "cross-hairs at the means: performance" in shown
        # The legend: each quadrant's name beside a mark in its colour.
        assert ("■ Concentrate here ■ Keep up the good work ■ Low priority ■ Possible "
                "overkill") in shown
    # A short panel (80×24 with the facilitator's text): the same in fewer words, and
    # still a chart above it.
    for width, height in ((54, 14), (36, 16)):
        text = ipa_chart(table, width, height, _t)
        drawn = text.wrap(Console(width=width), width)
        assert len(drawn) <= height and "┼" in text.plain
        shown = " ".join(" ".join(line.plain.split()) for line in drawn)
        assert "→ performance · ↑ importance · numbers: moments (#) · cross-hairs" in shown
        assert "■ Concentrate ■ Keep up ■ Low prio. ■ Overkill" in shown


def test_the_screen_and_the_word_chart_put_each_quadrant_in_the_same_corner(tmp_path):
    from drawn_charts import corner_names, read_scatter
    from workshop.report import blocks as b
    from workshop.report import ipachart

    store, _ = _rated_and_voted(tmp_path)
    table = gap_table(store.state)
    names = {q: quadrant_label(q, _t) for q in ("concentrate", "keep", "low", "overkill")}
    lines = ipa_chart(table, 60, 20, _t).plain.splitlines()
    grid = lines[:next(i for i, line in enumerate(lines) if line.startswith("→"))]
    on_screen = {}
    for q, name in names.items():
        y = next(i for i, line in enumerate(grid) if name in line)
        x = grid[y].index(name)
        on_screen[q] = ("top" if y < len(grid) / 2 else "bottom",
                        "left" if x < len(grid[y]) / 2 else "right")
    points = [b.IPAPoint(str(r.position), r.text, r.importance, r.performance, r.quadrant)
              for r in table.rows if r.quadrant]
    in_word = read_scatter(ipachart.chart_xml(b.IPAChart(
        points, table.cross_importance, table.cross_performance, "Performance", "Importance",
        names)))
    in_word = {q: corner_names(in_word)[name] for q, name in names.items()}
    assert on_screen == in_word == {"concentrate": ("top", "left"), "keep": ("top", "right"),
                                    "low": ("bottom", "left"), "overkill": ("bottom", "right")}


async def _fresh_rows(store) -> list[list[str]]:
    """The gaps table as a panel made now on the same session shows it."""
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        return table_text(app.query_one("#gaps"))


async def test_the_table_kept_up_to_date_equals_one_made_anew_undos_included(tmp_path,
                                                                              monkeypatch):
    """After each change the panel works out only the moments it touched (the ratings of
    the whole session are not summed again), and its rows equal those of a panel made
    from scratch: ratings, a vote, a moment renamed, deleted, and the undos of them."""
    from workshop.core import analysis

    store, mids = _rated_and_voted(tmp_path)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        table = app.query_one("#gaps")
        whole_passes = []
        by_moment = analysis._by_moment
        monkeypatch.setattr(analysis, "_by_moment",
                            lambda *a: whole_passes.append(a) or by_moment(*a))
        app.live.record("rating_given", mid=mids[3], pid=1, value=2)  # Receipt rated now
        app.live.record("rating_given", mid=mids[1], pid=2, value=5, scale="expectation")
        await pilot.pause()
        assert whole_passes == []  # kept per moment
        receipt = next(r for r in table_text(table) if r[1] == "Receipt")
        assert receipt[4] == "2.0 (1)"  # its performance, drawn
        rid = app.live.record("vote_opened", target="moments", dots=3, blind=False).data["rid"]
        app.live.record("vote_cast", rid=rid, pid=4, item=mids[0], delta=1)
        app.live.record("moment_edited", mid=mids[0], text="Parking space")
        app.live.record("entry_deleted", entity="moment", id=mids[3])
        await pilot.pause()
        assert app.messages == []  # every change taken
        after_changes = table_text(table)
        app.live.undo()  # the deletion back: a state folded again, new figures
        await pilot.pause()
        after_undo = table_text(table)
        app.live.undo()
        app.live.undo()
        await pilot.pause()
        after_undos = table_text(table)
    monkeypatch.undo()
    assert any(r[1] == "Parking space" for r in after_changes)
    assert not any(r[1] == "Receipt" for r in after_changes)
    assert any(r[1] == "Receipt" for r in after_undo)
    assert after_undos == await _fresh_rows(store)
    assert any(r[1] == "Parking" for r in after_undos)


def test_the_short_note_of_a_vote_of_one_dot_reads_in_the_singular():
    """'share of the 1 dots': the short panel's note through ngettext."""
    from analysis_fixtures import EXPECTED, MOMENT_VOTE, MOMENTS, RATINGS, REVEAL, build
    from workshop.tui.steps.gaps import short_notes

    one_dot = [MOMENT_VOTE[0], ("vote_cast", {"rid": 1, "pid": 1, "item": 2, "delta": 1}),
               *REVEAL]
    analysis = gap_table(build(*MOMENTS, *RATINGS, *EXPECTED, *one_dot))
    said = {lang: short_notes(analysis, translator(lang)) for lang in ("en", "es", "pt_BR")}
    assert said["en"].startswith("Imp.: share of the 1 dot of vote 1. ")
    assert said["es"].startswith("Imp.: parte del 1 punto de la votación 1. ")
    assert said["pt_BR"].startswith("Imp.: parte do 1 ponto da votação 1. ")
