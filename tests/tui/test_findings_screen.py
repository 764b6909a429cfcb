"""The findings screen: findings written on evidence picked by key, insights marked in
the note dialog, undo, and a read-only look from the replay."""

from __future__ import annotations

from textual.widgets import Checkbox, Input

from waiting import replay_ready
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.findings import FindingEditor, FindingsScreen, Picker
from workshop.tui.screens.run import RunScreen

from .step_fixtures import new_store, type_text


def _session(tmp_path):
    """Moments rated on both scales and voted on, a quote and a plain note."""
    store = new_store(tmp_path)
    r = store.record
    mids = [r("moment_added", text=text).data["mid"] for text in ("Parking", "Queue at the till")]
    for pid, (p, e) in enumerate(((2, 5), (1, 4), (2, 5)), start=1):
        r("rating_given", mid=mids[1], pid=pid, value=p)
        r("rating_given", mid=mids[1], pid=pid, value=e, scale="expectation")
        r("rating_given", mid=mids[0], pid=pid, value=4)
    rid = r("vote_opened", target="moments", dots=2, blind=False).data["rid"]
    for pid in (1, 2, 3):
        r("vote_cast", rid=rid, pid=pid, item=mids[1], delta=1)
    r("vote_cast", rid=rid, pid=1, item=mids[0], delta=1)
    quote = r("note_added", type="quote", text="I always pick the slowest till", pid=2,
              mid=mids[1]).data["nid"]
    r("note_added", type="note", text="Coffee break")
    store.close()
    return store.path, mids, quote


async def _pause(pilot, times: int = 2) -> None:
    for _ in range(times):
        await pilot.pause()


async def test_a_finding_rests_on_moments_quotes_and_figures_picked_by_key(tmp_path):
    path, mids, quote = _session(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _pause(pilot)
        await pilot.press("ctrl+f")
        await _pause(pilot)
        assert isinstance(app.screen, FindingsScreen)
        assert "No finding yet." in str(app.screen.query_one("#finding-text").render())
        await pilot.press("n")
        await _pause(pilot)
        assert isinstance(app.screen, FindingEditor)
        app.screen.query_one("#finding-headline", Input).value = "The queue sours the visit"
        await pilot.press("f5")  # the moments, along the journey
        await _pause(pilot)
        assert isinstance(app.screen, Picker)
        await pilot.press("down", "space", "enter")  # the second: the queue
        await _pause(pilot)
        await pilot.press("f6")  # quotes: the quote before the plain note
        await _pause(pilot)
        labels = [str(o.prompt) for o in app.screen.query_one("#picker-list")._options]
        assert labels == ["“I always pick the slowest till” — P2", "Coffee break — group"]
        await pilot.press("space", "enter")
        await _pause(pilot)
        await pilot.press("f7")  # figures: the picked moment's first
        await _pause(pilot)
        labels = [str(o.prompt) for o in app.screen.query_one("#picker-list")._options]
        # The queue: 3 of 4 dots; P 5/3 = 1.7, E 14/3 = 4.7; pairs -3, -3, -3.
        assert labels[:5] == ["2 · Queue at the till: importance 75% (3 of 4 dots)",
                              "2 · Queue at the till: expectation 4.7 of 5 (n = 3)",
                              "2 · Queue at the till: performance 1.7 of 5 (n = 3)",
                              "2 · Queue at the till: gap −3.0 (n = 3)",
                              "2 · Queue at the till: weighted priority 2.25"]
        await pilot.press("down", "down", "down", "space", "up", "up", "up", "space", "enter")
        await _pause(pilot)
        evidence = str(app.screen.query_one("#finding-evidence").render())
        assert "Moments (F5): 2 · Queue at the till" in evidence
        # In the order picked: the gap first, then the importance.
        assert ("Figures (F7): 2 · Queue at the till: gap −3.0 (n = 3); 2 · Queue at the "
                "till: importance 75% (3 of 4 dots)") in evidence
        assert app.focused.id == "finding-headline"  # back where it was before the picking
        await pilot.press("tab")  # on to what it means
        assert app.focused.id == "finding-meaning"
        app.focused.value = "Waiting undoes the visit"
        await pilot.press("tab")
        app.focused.value = "Open a till when three wait"
        await pilot.press("enter")
        await _pause(pilot)
        assert isinstance(app.screen, FindingsScreen)
        detail = str(app.screen.query_one("#finding-text").render())
        assert detail.startswith("1. The queue sours the visit")
        assert "• 2 · Queue at the till: gap −3.0 (n = 3)" in detail
        assert "• “I always pick the slowest till” — P2" in detail
        assert "What to do: Open a till when three wait" in detail
        await pilot.press("ctrl+z")  # undo, from this screen too
        await _pause(pilot)
        assert "No finding yet." in str(app.screen.query_one("#finding-text").render())
        await pilot.press("escape")
        await _pause(pilot)
        assert isinstance(app.screen, RunScreen)
    with Store.open(path, readonly=True) as store:
        added = [e.data for e in store.events if e.kind == "finding_added"]
        assert added == [{"fid": 1, "headline": "The queue sours the visit",
                          "meaning": "Waiting undoes the visit",
                          "recommendation": "Open a till when three wait",
                          "moments": [mids[1]], "quotes": [quote],
                          "figures": [["gap", mids[1]], ["importance", mids[1]]]}]
        assert not store.state.findings  # undone


async def test_an_insight_marked_in_the_note_dialog_starts_a_finding(tmp_path):
    path, mids, _ = _session(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _pause(pilot)
        await pilot.press("f2")
        await _pause(pilot)
        app.screen.query_one("#note-text", Input).value = "3: Waiting is what they remember"
        await pilot.press("f2")  # F2 again, inside the dialog: an insight
        assert app.screen.query_one("#note-insight", Checkbox).value is True
        assert str(app.screen.query_one(".dialog-title").render()) == "Insight"
        await pilot.press("enter")
        await _pause(pilot)
        await pilot.press("ctrl+f")
        await _pause(pilot)
        insights = app.screen.query_one("#insights-list")
        assert [str(insights.get_row_at(i)[0]) for i in range(insights.row_count)] == [
            "★ Waiting is what they remember — P3 (1 · Parking)"]  # the panel's moment
        insights.focus()
        await pilot.press("i")  # a finding resting on that insight
        await _pause(pilot)
        assert isinstance(app.screen, FindingEditor)
        assert "Waiting is what they remember" in str(
            app.screen.query_one("#finding-evidence").render())
        app.screen.query_one("#finding-headline", Input).value = "Waiting defines the visit"
        await pilot.press("enter")
        await _pause(pilot)
        await pilot.press("escape")
    with Store.open(path, readonly=True) as store:
        note = next(n for n in store.state.notes.values() if n.insight)
        assert (note.text, note.pid) == ("Waiting is what they remember", 3)
        f = store.state.ordered_findings()[0]
        assert (f.headline, f.quotes, f.moments) == ("Waiting defines the visit", (note.nid,),
                                                     (mids[0],))


async def test_the_replay_shows_findings_read_only(tmp_path):
    from workshop.tui.replay import make_replay_app

    path, mids, quote = _session(tmp_path)
    with Store.open(path) as store:
        store.record("finding_added", headline="The queue sours the visit", moments=[mids[1]],
                     quotes=[quote], figures=[["gap", mids[1]]])
    app = make_replay_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await replay_ready(pilot)
        await pilot.press("ctrl+end")  # the end of the session
        await _pause(pilot)
        await pilot.press("ctrl+f")
        await _pause(pilot)
        assert isinstance(app.screen, FindingsScreen)
        assert "[read-only]" in str(app.screen.query_one("#findings-title").render())
        detail = str(app.screen.query_one("#finding-text").render())
        assert "1. The queue sours the visit" in detail and "gap −3.0 (n = 3)" in detail
        await pilot.press("n", "x")  # nothing here writes
        await _pause(pilot)
        assert isinstance(app.screen, FindingsScreen)
        assert "1. The queue sours the visit" in str(app.screen.query_one("#finding-text").render())


async def test_escape_keeps_what_was_typed_of_a_finding_for_the_next_time(tmp_path):
    # A consultant's headline and paragraph, then Escape by reflex: nothing is saved, and
    # n brings the finding back as it was left (it came back empty, everything lost).
    # An edit left with Escape likewise, by e; Escape with nothing changed says nothing.
    path, mids, quote = _session(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _pause(pilot)
        await pilot.press("ctrl+f")
        await _pause(pilot)
        findings = app.screen
        said: list[str] = []
        app.notify = lambda message, **kwargs: said.append(str(message))
        await pilot.press("n")
        await _pause(pilot)
        await type_text(pilot, "Fees confuse")
        await pilot.press("tab")
        await type_text(pilot, "Trust is lost online")
        await pilot.press("f5")
        await _pause(pilot)
        await pilot.press("down", "space", "enter")  # the queue
        await _pause(pilot)
        await pilot.press("escape")
        await _pause(pilot)
        assert app.screen is findings and not findings.state.findings
        assert said == ["Not saved: n opens it again as you left it."]
        await pilot.press("n")
        await _pause(pilot)
        editor = app.screen
        assert isinstance(editor, FindingEditor)
        assert editor.query_one("#finding-headline", Input).value == "Fees confuse"
        assert editor.query_one("#finding-meaning", Input).value == "Trust is lost online"
        assert editor.moments == [mids[1]]
        await pilot.press("enter")
        await _pause(pilot)
        (saved,) = findings.state.findings.values()
        assert (saved.headline, saved.meaning, saved.moments) == (
            "Fees confuse", "Trust is lost online", (mids[1],))
        said.clear()
        await pilot.press("e")  # an edit left with Escape comes back by e
        await _pause(pilot)
        await pilot.press("end", *" online")
        await pilot.press("escape")
        await _pause(pilot)
        assert said == ["Not saved: e opens it again as you left it."]
        assert findings.state.findings[saved.fid].headline == "Fees confuse"
        await pilot.press("e")
        await _pause(pilot)
        assert app.screen.query_one("#finding-headline", Input).value == "Fees confuse online"
        await pilot.press("escape")  # the draft was brought back: kept again
        await _pause(pilot)
        await pilot.press("n", "escape")  # nothing typed: nothing kept, nothing said
        await _pause(pilot)
        assert said[1:] == ["Not saved: e opens it again as you left it."]
