"""A panel made ahead opens where a panel made as its step opens would: on its first
row. The excellence panel made ahead during a blind vote kept its cursor on the first
moment along the journey, and after the reveal F8 showed the moments in the vote's
order with the cursor (and F6's card) on that moment, not on the one with most dots."""

from __future__ import annotations

from waiting import until
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.run import RunScreen

SCRIPT = {"name": "ahead", "title": "Ahead", "lang": "en", "dots": 3, "cap": None,
          "minutes": 30, "steps": [
              {"title": "Moments", "kind": "moments", "minutes": 10, "body": "", "options": {}},
              {"title": "Vote", "kind": "vote", "minutes": 5, "body": "",
               "options": {"target": "moments", "blind": True}},
              {"title": "Excellence", "kind": "excellence", "minutes": 10, "body": "",
               "options": {}}]}


async def test_the_next_panel_made_during_a_blind_vote_opens_on_the_top_moment(
        tmp_path, monkeypatch):
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05)
    path = tmp_path / "s.db"
    with Store.create(path, title="Ahead", script=SCRIPT, lang="en",
                      participants=[{"pid": 1, "pseudonym": "P1"}]) as store:
        mids = [store.record("moment_added", text=text).data["mid"]
                for text in ("Parking", "Queue at the till", "Paying")]
        store.record("step_entered", step=1)
        rid = store.record("vote_opened", target="moments", dots=3, blind=True,
                           step=1).data["rid"]
        for _ in range(3):
            store.record("vote_cast", rid=rid, pid=1, item=mids[1], delta=1)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        run = app.screen
        await until(pilot, lambda: 2 in run._kept, "the excellence panel made ahead")
        await pilot.press("f6")  # reveal, asked first
        await until(pilot, lambda: not isinstance(app.screen, RunScreen), "the question")
        await pilot.press("r")
        await until(pilot, lambda: run.state.rounds[rid].revealed, "the vote revealed")
        await pilot.press("f8")
        await until(pilot, lambda: run._panel is not None and run._panel.step.index == 2,
                    "the excellence step")
        panel = run._panel
        # In the vote's order, the queue (3 dots) first, and the cursor on it.
        assert panel.table.selected_key == str(mids[1])
        assert panel.selected_mid == mids[1]
