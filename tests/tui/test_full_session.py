"""A whole focus group, from "new session" to wrap-up, by keyboard through the run screen.

The built-in script, four participants, every step kind; then the session file's tables
are what a researcher would find in them.
"""

from __future__ import annotations

import sqlite3

from textual.widgets import Checkbox, Input

from workshop.tui.app import make_app
from workshop.tui.screens.run import RunScreen


def table(path, name: str) -> list[dict]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(f"SELECT * FROM [{name}] ORDER BY rowid")]
    finally:
        conn.close()


async def test_a_whole_session_from_new_to_wrap_up(tmp_path):
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:

        async def line(text: str) -> None:
            app.focused.value = text
            await pilot.press("enter")
            await pilot.pause()

        async def keys(*names: str) -> None:
            await pilot.press(*names)
            await pilot.pause()

        def kind() -> str:
            return app.screen.state.step().kind

        # New session: the built-in script in English, four people, consent from all.
        await pilot.pause()
        await keys("n")
        form = app.screen
        form.query_one("#new-session-title", Input).value = "Supermarket shoppers"
        form.query_one("#new-people", Input).value = "Ana (families), Luis, Eva (students), P4"
        await pilot.pause()
        form.query_one("#new-consent-all", Checkbox).value = True
        await keys("ctrl+s")
        assert isinstance(app.screen, RunScreen) and kind() == "intro"
        path = app.screen.live.store.path

        # Welcome: the clock starts; a note. Warm-up: a quote.
        await keys("f5")
        await line("1: happy to be quoted without her name")
        await keys("f8")
        assert kind() == "discussion"
        await line('"2: I only queue when I have to"')

        # Moments of truth, credited by number or to the group.
        await keys("f8")
        assert kind() == "moments"
        for text in ("1: Parking", "2: Queue at the till", "3: Paying", "Finding fresh bread"):
            await line(text)

        # Expectations (stated, then latent) and ratings by digit for two moments.
        await keys("f8")
        assert kind() == "expectations"
        await line("A free spot near the door")
        await keys("tab")
        await line("3: To feel welcome from the start")
        await keys("ctrl+l", "4", "2", "3", "5", "down", "2", "1", "2", "3")

        # Which moments matter most: a blind dot vote, then the reveal.
        await keys("f8")
        assert kind() == "vote"
        await keys("plus", "plus", "down", "plus", "down", "plus")  # Ana: 2 + 1 + 1
        await keys("2", "up", "plus", "plus")  # Luis: 2 on the queue (the cursor stays put)
        await keys("r")
        await keys("enter")  # yes, reveal

        # Excellence: a prompt card, an idea tagged with it.
        await keys("f8")
        assert kind() == "excellence"
        await keys("f6")
        await line("2: A second till opens itself when three people wait")

        # Which ideas to pursue: another blind vote, revealed.
        await keys("f8")
        assert kind() == "vote"
        await keys("plus", "2", "plus", "3", "plus")
        await keys("r")
        await keys("enter")

        # Gaps: importance against performance, sorted.
        await keys("f8")
        assert kind() == "gaps"
        await keys("s")

        # Wrap-up: a corrective action on a moment.
        await keys("f8")
        assert kind() == "wrapup"
        await keys("down", "down")
        await line("Open a second till at peak hours")
        await keys("ctrl+q")

    people = table(path, "participants")
    assert [(p["name"] or p["pseudonym"], p["segment"], p["consent"]) for p in people] == [
        ("Ana", "families", 1), ("Luis", None, 1), ("Eva", "students", 1), ("P4", None, 1)]
    moments = table(path, "moments")
    assert [(m["text"], m["pid"]) for m in moments] == [
        ("Parking", 1), ("Queue at the till", 2), ("Paying", 3), ("Finding fresh bread", None)]
    assert [(x["mid"], x["type"], x["text"], x["pid"]) for x in table(path, "expectations")] == [
        (1, "stated", "A free spot near the door", None),
        (1, "latent", "To feel welcome from the start", 3)]
    assert {(r["mid"], r["pid"]): r["value"] for r in table(path, "ratings")} == {
        (1, 1): 4, (1, 2): 2, (1, 3): 3, (1, 4): 5, (2, 1): 2, (2, 2): 1, (2, 3): 2, (2, 4): 3}
    ideas = table(path, "ideas")
    assert len(ideas) == 1 and ideas[0]["pid"] == 2 and ideas[0]["prompt_id"]
    assert ideas[0]["did"] in {d["did"] for d in table(path, "prompts")}
    rounds = table(path, "vote_rounds")
    assert [(r["target"], r["dots"], r["cap"], r["revealed"]) for r in rounds] == [
        ("moments", 5, 2, 1), ("ideas", 3, 2, 1)]
    votes = {(v["rid"], v["pid"], v["item"]): v["dots"] for v in table(path, "votes")}
    assert votes == {(1, 1, 1): 2, (1, 1, 2): 1, (1, 1, 3): 1, (1, 2, 2): 2,
                     (2, 1, 1): 1, (2, 2, 1): 1, (2, 3, 1): 1}
    actions = table(path, "actions")
    assert [(a["text"], a["type"], a["mid"]) for a in actions] == [
        ("Open a second till at peak hours", "action", 2)]
    assert [(n["type"], n["pid"], n["step"]) for n in table(path, "notes")] == [
        ("note", 1, 0), ("quote", 2, 1)]
    steps = table(path, "steps")
    assert all(s["entered_at"] for s in steps)
    # The clock ran from the welcome on and moved with each step; quitting paused it.
    assert all(s["elapsed_seconds"] > 0 and s["running_since"] is None for s in steps)
