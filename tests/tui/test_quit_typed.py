"""ctrl+q with a line typed and not added yet asks first: the quit would lose it unsaid.
Enter goes back to it (Enter then adds it as ever), q or ctrl+q again quits without it;
with nothing typed, ctrl+q quits at once, as before."""

from __future__ import annotations

from textual.widgets import Button, Input

from waiting import until
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.confirm import QuitQuestion
from workshop.tui.screens.run import RunScreen

from .step_fixtures import type_text

IDEA = "Open a second till the moment three people wait"


def _notes(path) -> list[str]:
    with Store.open(path, readonly=True) as store:
        return [n.text for n in store.state.notes.values()]


async def _typed(pilot, text: str) -> tuple[RunScreen, Input]:
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
    run = app.screen
    field = run.query_one(".discussion-entry", Input)
    field.focus()
    await type_text(pilot, text)
    return run, field


async def test_quitting_with_a_line_typed_asks_and_enter_goes_back_to_it(session):
    path = session()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        run, field = await _typed(pilot, IDEA)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitQuestion), "the question")
        assert str(app.screen.query_one("Plain").render()) == (
            "A line is typed and not added yet: “Open a second till the moment three people "
            "wait”. Quitting now loses it.")
        assert [str(b.label) for b in app.screen.query(Button)] == [
            "Back to it (b)", "Quit without it (q)"]
        await pilot.press("enter")  # the cautious answer has the focus
        await until(pilot, lambda: app.screen is run, "back to the run screen")
        assert app.is_running and field.value == IDEA and field.has_focus
        await pilot.press("enter")  # added, as ever
        await until(pilot, lambda: IDEA in [n.text for n in run.live.state.notes.values()],
                    "the line added")
        await pilot.press("ctrl+q")  # nothing typed now: it quits at once
        await until(pilot, lambda: app.return_code is not None, "the app to quit")
    assert _notes(path) == [IDEA]


async def test_q_or_ctrl_q_again_quits_without_it(session):
    for keys in (("q",), ("ctrl+q",)):
        path = session(name=f"s{len(keys[0])}.db")
        app = make_app(path)
        async with app.run_test(size=(80, 24)) as pilot:
            await _typed(pilot, "half a thou")
            await pilot.press("ctrl+q")
            await until(pilot, lambda a=app: isinstance(a.screen, QuitQuestion), "the question")
            await pilot.press(*keys)
            await until(pilot, lambda a=app: a.return_code is not None, "the app to quit")
        assert _notes(path) == []


async def test_a_note_left_with_escape_is_asked_about_too(session):
    app = make_app(session())
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        run = app.screen
        await pilot.press("f3")
        await until(pilot, lambda: app.screen is not run, "the quote dialog")
        await pilot.press(*"2: never again", "ctrl+q")  # asked from the open dialog
        await until(pilot, lambda: isinstance(app.screen, QuitQuestion), "the question")
        await pilot.press("escape")  # back to the dialog, the line as it was
        await until(pilot, lambda: not isinstance(app.screen, QuitQuestion), "the dialog")
        await pilot.press("escape")  # kept for the next F2 or F3, not saved
        await until(pilot, lambda: app.screen is run, "the run screen")
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitQuestion), "asked again")
        assert "“2: never again”" in str(app.screen.query_one("Plain").render())


async def test_a_line_left_on_a_step_before_is_asked_about_too(session):
    app = make_app(session())
    async with app.run_test(size=(80, 24)) as pilot:
        run, field = await _typed(pilot, "said on the first step")
        await pilot.press("f8")  # the step left, its panel kept with the line in it
        await until(pilot, lambda: run._panel is not None and run._panel.step.index == 1,
                    "the next step's panel")
        assert field.value == "said on the first step"  # kept, hidden, with the line
        await pilot.press("ctrl+q")
        await until(pilot, lambda: isinstance(app.screen, QuitQuestion), "the question")
        assert "“said on the first step”" in str(app.screen.query_one("Plain").render())
