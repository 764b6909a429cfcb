"""A finished session opened from the home screen is read-only: no step key writes into
it. The facilitator may reopen it (asked, and recorded), and the consultant writes the
findings in it without reopening it."""

from __future__ import annotations

from textual.widgets import Input

from waiting import until
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.findings import FindingEditor, FindingsScreen
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.run import RunScreen

from .screen_fixtures import seen
from .session_fixtures import SCRIPT
from .step_fixtures import type_text


def _finished(session) -> object:
    path = session()
    with Store.open(path) as store:
        store.record("step_entered", step=1)
        store.record("note_added", type="note", text="Good group")
        store.record("session_finished")
    return path


def _kinds(path) -> list[str]:
    with Store.open(path, readonly=True) as store:
        return [e.kind for e in store.events]


def _where(app) -> str:
    return app.screen.query_one("#run-bar").where


def _enter_says(app) -> str:
    shown = app.screen.active_bindings.get("enter")
    return shown.binding.description if shown is not None else ""


async def test_a_finished_session_opens_from_home_read_only(session, tmp_path):
    session(name="going-on.db")  # an unfinished one beside it, listed first (newer)
    path = _finished(session)
    before = _kinds(path)
    app = make_app(sessions_dir=path.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        listing = app.screen.query_one("#home-sessions")
        await until(pilot, lambda: listing.option_count == 2, "the home list")
        finished_at = [s["path"] for s in app.screen.sessions].index(path)
        listing.highlighted = 1 - finished_at
        await until(pilot, lambda: _enter_says(app) == "Resume", "⏎ Resume for the other one")
        listing.highlighted = finished_at
        # Nothing to resume in a finished session: the key says what it does.
        await until(pilot, lambda: _enter_says(app) == "Open", "⏎ Open for the finished one")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        assert "[finished: read-only]" in _where(app)
        assert "Step 2 of 3" in _where(app)
        # F7 and F8 walk the steps for a look, F5 and F2 do nothing: nothing is written.
        await pilot.press("f7")
        await until(pilot, lambda: "Step 1 of 3" in _where(app), "a look at step 1")
        await pilot.press("f5", "f2", "f8", "f8")
        await until(pilot, lambda: "Step 3 of 3" in _where(app), "a look at step 3")
        assert not isinstance(app.screen, ConfirmScreen) and isinstance(app.screen, RunScreen)
        assert app.screen.live.store.state.current_step == 1  # the file's, untouched
        # F1 lists the keys this look offers, as its footer does: reopen, not undo.
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        shown = "\n".join(str(s.render()) for s in app.screen.query("#help-keys Static"))
        assert "^O" in shown and "Reopen" in shown and "Next step" in shown
        assert "Undo" not in shown and "Timer" not in shown and "Note" not in shown
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen again")
        await pilot.press("ctrl+q")
    assert _kinds(path) == before


async def test_reopening_asks_first_and_is_recorded(session, notices):
    # A step title as long as the Spanish scripts' ("Calentamiento: una experiencia
    # reciente"): at 80 columns the top line said "[finished: read-on…" or less.
    steps = [dict(step) for step in SCRIPT["steps"]]
    steps[1]["title"] = "Warm-up talk: one recent time something stuck with them"
    path = _finished(lambda: session(script={**SCRIPT, "steps": steps}))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        run = app.screen
        assert "[finished: read-only]  Step 2 of 3: Warm-up" in seen(
            run.query_one("#run-bar"))[0]
        shown = run.active_bindings.get("ctrl+o")  # on the footer: Reopen
        assert shown is not None and shown.enabled and shown.binding.description == "Reopen"
        # The notice names the keys as the footer does.
        assert app.get_key_display(shown.binding) == "^O"
        await until(pilot, lambda: any("read-only" in said for said in notices), "the notice")
        assert any("^O reopens it; the findings (^F) can still be written" in said
                   for said in notices)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert "This session finished on" in str(app.screen.query_one("Plain").render())
        await pilot.press("escape")  # kept read-only
        await until(pilot, lambda: app.screen is run, "the run screen again")
        assert run.live.readonly and "session_reopened" not in _kinds_open(run)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("r")  # its letter: Enter keeps it read-only
        await until(pilot, lambda: "[finished" not in _where(app), "the session reopened")
        assert not run.live.readonly and not run.live.state.finished
        await pilot.press("f8")  # it runs again: the step change is recorded
        await until(pilot, lambda: "Step 3 of 3" in _where(app), "step 3")
        await pilot.press("ctrl+q")
    # The step's clock starts as it is entered, and stops as the app closes.
    assert _kinds(path)[-5:] == ["session_finished", "session_reopened", "step_entered",
                                 "timer_started", "timer_paused"]


def _kinds_open(run) -> list[str]:
    return [e.kind for e in run.live.store.events]


async def test_findings_are_written_in_a_finished_session_without_reopening_it(session):
    path = _finished(session)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, FindingsScreen), "the findings")
        assert "read-only" not in str(app.screen.query_one("#findings-title").render())
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FindingEditor), "the editor")
        app.screen.query_one("#finding-headline", Input).value = "The group trusts the shop"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FindingsScreen)
                    and "The group trusts" in str(app.screen.query_one("#finding-text").render()),
                    "the finding saved")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, FindingEditor), "the editor")
        app.screen.query_one("#finding-headline", Input).value = "A second thought"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FindingsScreen)
                    and len(app.screen.state.findings) == 2, "the second finding")
        await pilot.press("ctrl+z")  # undo reaches the findings, and only them
        await until(pilot, lambda: len(app.screen.state.findings) == 1, "the undo")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: not app.screen.state.findings, "the second undo")
        await pilot.press("ctrl+z")  # nothing else to undo: the note stays
        await pilot.pause()
        assert app.screen.state.finished and len(app.screen.state.notes) == 1
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        assert "[finished: read-only]" in _where(app)
        await pilot.press("ctrl+q")
    kinds = _kinds(path)
    assert kinds[kinds.index("session_finished"):] == [
        "session_finished", "finding_added", "finding_added", "undo", "undo"]


async def test_finishing_from_the_palette_asks_and_makes_it_read_only(session):
    path = session()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        run = app.screen
        await pilot.press("ctrl+p")
        await type_text(pilot, "Finish the session")
        await until(pilot, lambda: "Finish the session" in str(
            app.screen.query("CommandList").first().get_option_at_index(0).prompt)
            if app.screen.query("CommandList") else False, "the command")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("f")  # its letter: Enter goes on with the session
        await until(pilot, lambda: "[finished: read-only]" in _where(app), "finished")
        assert app.screen is run and run.live.readonly
        await pilot.press("ctrl+q")
    assert _kinds(path)[-1] == "session_finished"
