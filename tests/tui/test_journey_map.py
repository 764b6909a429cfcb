"""The journey map in the terminal: j in the gaps step and in the replay; each moment
drawn under its stage and in its touchpoint's lane; sideways scrolling at 80×24."""

from __future__ import annotations

from waiting import replay_ready, until
from workshop.core.journey import journey_map
from workshop.tui.replay import make_replay_app
from workshop.tui.screens.journey_map import JourneyMapScreen

from .step_fixtures import StepApp, new_store

# (text, stage, touchpoint, performance, expected level, feelings of P1…P4)
MOMENTS = [
    ("Reading reviews", "before", "indirect", (3, 4, 3), (3, 3, 3), (1, 1, 0, 2)),
    ("Parking", "before", "direct", (4, 5, 4), (4, 4, 3), (0, 1, 1, -1)),
    ("Queue at the till", "during", "direct", (1, 2, 2), (5, 4, 5), (-2, -2, -1, -1)),
    ("Paying", "during", "direct", (3, 4, 3), (3, 4, 4), (0, 0, 1, 0)),
    ("Packing", "during", "direct", (3, 3, 3), (3, 3, 3), None),
    ("Delivery", "after", "direct", (4, 4, 5), (4, 5, 4), (1, 2, 1, 2)),
    ("What neighbours say", "after", "indirect", (3, 3, 2), (2, 2, 2), (0, -1, 0, 0)),
]


def _session(tmp_path):
    store = new_store(tmp_path)
    mids = []
    for text, stage, touchpoint, perf, exp, feel in MOMENTS:
        mid = store.record("moment_added", text=text, stage=stage,
                           touchpoint=touchpoint).data["mid"]
        mids.append(mid)
        for pid, (p, e) in enumerate(zip(perf, exp, strict=True), start=1):
            store.record("rating_given", mid=mid, pid=pid, value=p)
            store.record("rating_given", mid=mid, pid=pid, value=e, scale="expectation")
        for pid, value in enumerate(feel or (), start=1):
            store.record("feeling_given", mid=mid, pid=pid, value=value)
    store.record("group_feeling_given", mid=mids[4], value=-1, text="split down the middle")
    rid = store.record("vote_opened", target="moments", dots=3, blind=False).data["rid"]
    for pid, item in ((1, mids[2]), (1, mids[2]), (2, mids[2]), (2, mids[5]), (3, mids[0])):
        store.record("vote_cast", rid=rid, pid=pid, item=item, delta=1)
    return store, mids


def _drawn(app) -> bool:
    """The map's screen is up and its map drawn."""
    return isinstance(app.screen, JourneyMapScreen) and app.screen.view.drawn is not None


def _read_back(screen: JourneyMapScreen) -> dict[int, tuple[str | None, str | None]]:
    """Which stage and lane each moment on screen was drawn in, read off the picture:
    the stage whose header spans its column, the lane whose rows hold it, and its
    number written there."""
    drawn = screen.view.drawn
    lines = drawn.text.plain.split("\n")
    found = {}
    for mid, (x, y) in drawn.cells.items():
        position = screen.board.moment(mid).position
        assert lines[y][x:].startswith(f"{position} "), (mid, lines[y])
        stage = [s for s, (x0, x1) in drawn.stages.items() if x0 <= x < x1]
        lane = [lane for lane, (y0, y1) in drawn.lanes.items() if y0 <= y < y1]
        header = lines[0][drawn.stages[stage[0]][0]:drawn.stages[stage[0]][1]]
        found[mid] = (stage[0], lane[0], header.strip())
    return found


async def test_j_in_the_gaps_step_draws_each_moment_in_its_stage_and_lane(tmp_path):
    store, mids = _session(tmp_path)
    app = StepApp(store, "gaps")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "j")  # the cursor on the gaps table's second moment
        await until(pilot, lambda: _drawn(app))
        assert app.screen.view.moment.mid == mids[1]
        await pilot.press("escape", "home", "j")
        await until(pilot, lambda: _drawn(app) and app.screen.view.moment.mid == mids[0])
        screen = app.screen
        drawn = screen.view.drawn
        # Seven moments do not fit 80 columns: the first five, then sideways.
        assert (drawn.first, drawn.shown, drawn.total) == (0, 5, 7)
        placed = _read_back(screen)
        assert placed == {
            mids[0]: ("before", "indirect", "BEFORE"), mids[1]: ("before", "direct", "BEFORE"),
            mids[2]: ("during", "direct", "DURING"), mids[3]: ("during", "direct", "DURING"),
            mids[4]: ("during", "direct", "DURING")}
        # The curve: the queue's −100 % at the bottom, reviews' +75 % near the top.
        curve = drawn.curve
        assert curve[mids[2]][1] > curve[mids[3]][1] > curve[mids[0]][1]
        assert "−100% (4)" in drawn.text.plain and "group −1" in drawn.text.plain
        await pilot.press("end")  # the last moment: the view scrolls to it
        await until(pilot, lambda: screen.view.drawn.first + screen.view.drawn.shown == 7,
                    "the map drawn from the fifth column")
        assert _read_back(screen)[mids[6]] == ("after", "indirect", "AFTER")
        shown = screen.query_one("#map-detail").text.plain
        assert shown.startswith("7 · What neighbours say · after · indirect")
        assert "net experience −25% (n = 4): −1×1 0×3" in shown
        title = screen.query_one("#map-where").render()
        assert str(title).strip() == "columns 3–7 of 7 · ←/→"  # the view followed
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, JourneyMapScreen))


async def test_the_replay_opens_the_map_of_the_board_at_that_point(tmp_path):
    store, mids = _session(tmp_path)
    store.close()
    app = make_replay_app(store.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await replay_ready(pilot)
        await pilot.press("ctrl+end")  # the board as the session left it
        replay = app.screen
        await until(pilot, lambda: replay.position == len(replay.timeline), "the end")
        await pilot.press("j")
        await until(pilot, lambda: _drawn(app))
        screen = app.screen
        assert screen.view.drawn.total == 7  # 120 columns: every moment at once
        expected = {m.mid: (m.stage, m.lane) for m in journey_map(screen.state).moments}
        assert {mid: placed[:2] for mid, placed in _read_back(screen).items()} == expected
