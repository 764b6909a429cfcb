"""The wrap-up panel: actions and next steps tied to moments; summary and report."""

from __future__ import annotations

import pyperclip
from textual.widgets import Input

from .step_fixtures import StepApp, new_store, rows, table_text, type_text


def _session(tmp_path):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Parking", "Queue at the till")]
    return store, mids


async def test_actions_are_tied_to_the_selected_moment_with_an_optional_owner(tmp_path):
    store, mids = _session(tmp_path)
    app = StepApp(store, "wrapup")
    async with app.run_test(size=(120, 34)) as pilot:
        assert app.focused.id == "action"
        await pilot.press("down", "down")  # past "the whole journey" to moment 2
        assert "tied to moment 2: Queue at the till" in str(app.query_one("#heading").render())
        await type_text(pilot, "Open a second till at peak hours")
        await pilot.press("enter")
        await pilot.press("up", "up", "tab")  # the whole journey; the next-step field
        await type_text(pilot, "Send the report")
        await pilot.press("tab")
        await type_text(pilot, "Marta")
        await pilot.press("enter")  # Enter in the owner saves the next step
        await pilot.pause()
        assert app.query_one("#next", Input).value == ""
        assert app.query_one("#owner", Input).value == "Marta"  # kept for the next one
        shown = table_text(app.query_one("#actions"))
        assert [r[1:] for r in shown] == [["action", "Open a second till at peak hours", "", "2"],
                                          ["next step", "Send the report", "Marta", ""]]
        assert [r[3] for r in table_text(app.query_one("#moments"))] == ["1", "", "1"]
    assert [(a["type"], a["text"], a["moment_id"], a["owner"]) for a in rows(store, "actions")] == [
        ("action", "Open a second till at peak hours", mids[1], None),
        ("next_step", "Send the report", None, "Marta")]


async def test_enter_in_the_owner_saves_the_action_typed_before_it(tmp_path):
    store, mids = _session(tmp_path)
    app = StepApp(store, "wrapup")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("down")
        await type_text(pilot, "Signs to the free spaces")
        await pilot.press("tab", "tab")  # through the next-step field to the owner
        await type_text(pilot, "Ops")
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#action", Input).value == ""
        assert app.focused.id == "action"
    assert [(a["type"], a["text"], a["moment_id"], a["owner"]) for a in rows(store, "actions")] == [
        ("action", "Signs to the free spaces", mids[0], "Ops")]


async def test_edit_and_delete_an_action_then_undo(tmp_path):
    store, mids = _session(tmp_path)
    store.record("action_added", type="action", text="Train staf", mid=mids[0])
    store.record("action_added", type="next_step", text="Call back")
    app = StepApp(store, "wrapup")
    async with app.run_test(size=(120, 34)) as pilot:
        app.query_one("#actions").focus()
        await pilot.press("e")
        assert app.focused.id == "action" and app.focused.value == "Train staf"
        await type_text(pilot, "f")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "actions"
        await pilot.press("down", "x")
        await pilot.pause()
        assert [r[2] for r in table_text(app.query_one("#actions"))] == ["Train staff"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert len(table_text(app.query_one("#actions"))) == 2
    assert [a["text"] for a in rows(store, "actions")] == ["Train staff", "Call back"]


async def test_copy_summary_goes_out_under_pseudonyms(tmp_path, monkeypatch):
    def no_clipboard(text):
        raise pyperclip.PyperclipException("no clipboard here")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    store, mids = _session(tmp_path)
    store.record("moment_added", text="Asking Ana at the counter", pid=1)
    store.record("action_added", type="next_step", text="Send the report")
    app = StepApp(store, "wrapup")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert "Supermarket" in app.clipboard and "Send the report" in app.clipboard
        assert "Ana" not in app.clipboard  # the summary leaves the room
        assert "terminal's clipboard" in app.messages[-1]


async def test_export_opens_the_reports_own_form(tmp_path):
    store, mids = _session(tmp_path)
    app = StepApp(store, "wrapup")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportScreen"
        assert app.screen.session == store.path


async def test_an_action_says_who_owns_it_by_when_and_how_success_is_measured(tmp_path):
    store, mids = _session(tmp_path)
    app = StepApp(store, "wrapup")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("down", "down")  # the queue
        await type_text(pilot, "Open a till when three wait")
        await pilot.press("tab", "tab")  # past the next-step field to the owner
        assert app.focused.id == "owner"
        await type_text(pilot, "Store ops")
        await pilot.press("tab")
        await type_text(pilot, "end of May")
        await pilot.press("tab")
        await type_text(pilot, "Wait under 5 minutes at peak")
        await pilot.press("enter")  # Enter in the measure saves the action typed before it
        await pilot.pause()
        assert app.focused.id == "action" and app.query_one("#action", Input).value == ""
        # Owner and date stay for the next entry; the measure was this action's own.
        assert [app.query_one(f"#{k}", Input).value for k in ("owner", "due", "measure")] == [
            "Store ops", "end of May", ""]
        detail = str(app.query_one("#action-detail").render())
        assert detail == ("#1 · Owner: Store ops · by end of May · "
                          "measured by: Wait under 5 minutes at peak")
        # Editing brings all four back; Enter in any of them saves the change.
        app.query_one("#actions").focus()
        await pilot.press("e")
        assert app.focused.id == "action"
        assert app.query_one("#measure", Input).value == "Wait under 5 minutes at peak"
        await pilot.press("tab", "tab", "tab")  # to the date
        assert app.focused.id == "due"
        app.focused.value = ""
        await type_text(pilot, "1 June")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "actions"
        # The edit over, the fields hold what they held before it.
        assert [app.query_one(f"#{k}", Input).value for k in ("owner", "due", "measure")] == [
            "Store ops", "end of May", ""]
        await pilot.press("ctrl+z")  # the date change goes back
        await pilot.pause()
        assert "by end of May" in str(app.query_one("#action-detail").render())
    assert [(a["text"], a["moment_id"], a["owner"], a["due"], a["measure"])
            for a in rows(store, "actions")] == [
        ("Open a till when three wait", mids[1], "Store ops", "end of May",
         "Wait under 5 minutes at peak")]


async def test_the_moments_come_in_the_order_of_the_vote_after_the_whole_journey(tmp_path):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Parking", "Queue at the till", "Paying")]
    rid = store.record("vote_opened", target="moments", dots=3, blind=False).data["rid"]
    store.record("vote_cast", rid=rid, pid=1, item=mids[2], delta=2)
    store.record("vote_cast", rid=rid, pid=2, item=mids[1], delta=3)
    app = StepApp(store, "wrapup")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        shown = table_text(app.query_one("#moments"))
        # Actions follow the priorities: most dots first, each with its journey number.
        assert [r[:3] for r in shown] == [["", "(the whole journey)", ""],
                                          ["2", "Queue at the till", "3"],
                                          ["3", "Paying", "2"], ["1", "Parking", ""]]
        assert str(app.query_one("#hint").render()).startswith("Most dots first (vote 1).")
        await pilot.press("down")  # the first moment under the whole journey: the queue
        await type_text(pilot, "Open a second till")
        await pilot.press("enter")
    assert [(a["text"], a["moment_id"]) for a in rows(store, "actions")] == [
        ("Open a second till", mids[1])]
