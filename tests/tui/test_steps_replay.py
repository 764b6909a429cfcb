"""In a replay the panels show the board and change nothing: writing keys are off."""

from __future__ import annotations

from .step_fixtures import StepApp, new_store, rows, table_text


def _active(app) -> set[str]:
    return {b.binding.action.split("(")[0] for b in app.screen.active_bindings.values()
            if b.enabled}


async def test_a_replayed_moments_step_offers_no_editing_keys(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Parking")
    events = len(store.events)
    app = StepApp(store, "moments", replay=True)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one("#moments").focus()
        await pilot.press("d", "t", "x", "m")
        await pilot.pause()
        assert table_text(app.query_one("#moments"))[0][2:4] == ["", ""]
        assert not {"stage", "touchpoint", "delete", "merge", "edit"} & _active(app)
        assert app.messages == []
    assert len(store.events) == events


async def test_a_replayed_vote_step_opens_no_vote_and_takes_no_dots(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Parking")
    app = StepApp(store, "vote", replay=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("plus", "o", "r")
        await pilot.pause()
        assert "No vote was open at this point." in str(app.query_one("#hint").render())
        assert not {"cast", "open", "reveal"} & _active(app)
    assert rows(store, "vote_rounds") == [] and rows(store, "votes") == []


async def test_replayed_ratings_take_no_digit(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Parking")
    app = StepApp(store, "expectations", replay=True)
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one("#ratings").focus()
        await pilot.press("4", "5")
        await pilot.pause()
        assert "rate" not in _active(app) and app.messages == []
    assert rows(store, "ratings") == []
