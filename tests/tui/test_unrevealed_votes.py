"""A blind vote left hidden counts nowhere: leaving its step or exporting asks first."""

from __future__ import annotations

import pytest

from waiting import until
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.confirm import ChoiceScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.run import RunScreen

from .step_fixtures import new_store, step_index


def blind_vote(tmp_path, ballots):
    """A session stopped at a blind vote on two moments, Parking and Queue, with
    ``ballots`` cast: (pid, moment's index, dots). Returns (path, step, rid, moment ids)."""
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=t).data["mid"] for t in ("Parking", "Queue")]
    vote = step_index(store, "vote")
    store.record("step_entered", step=vote)
    rid = store.record("vote_opened", step=vote, target="moments", dots=3, cap=2,
                       blind=True).data["rid"]
    for pid, index, delta in ballots:
        store.record("vote_cast", rid=rid, pid=pid, item=mids[index], delta=delta)
    store.close()
    return store.path, vote, rid, mids


def at_the_vote(tmp_path):
    path, vote, rid, _ = blind_vote(tmp_path, [(1, 1, 2)])
    return path, vote, rid


def asked(app) -> bool:
    return isinstance(app.screen, ChoiceScreen)


def on_step(app, index: int) -> bool:
    return not asked(app) and app.screen.state.current_step == index


def exporting(app) -> bool:
    return type(app.screen).__name__ == "ExportScreen"


async def test_f8_asks_before_leaving_a_hidden_vote_and_enter_stays(tmp_path):
    path, vote, rid = at_the_vote(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: on_step(app, vote), "the vote step")
        await pilot.press("f8")
        await until(pilot, lambda: asked(app), "the question")
        question = str(app.screen.query_one("Static").render())
        assert question.startswith("This vote is not revealed yet (2 dots cast, still hidden).")
        assert "the report says it was never revealed" in question
        await pilot.press("enter")  # the safe answer has the focus: stay
        await until(pilot, lambda: not asked(app), "the question to close")
        assert app.screen.state.current_step == vote
        await pilot.press("f8")
        await until(pilot, lambda: asked(app), "the question")
        await pilot.press("r")  # reveal and go on
        await until(pilot, lambda: on_step(app, vote + 1), "the next step")
        assert app.screen.state.rounds[rid].revealed
        # Back and on again: a revealed vote asks nothing.
        await pilot.press("f7")
        await until(pilot, lambda: on_step(app, vote), "the vote step again")
        await pilot.press("f8")
        await until(pilot, lambda: on_step(app, vote + 1), "the next step, unasked")
    with Store.open(path, readonly=True) as store:
        steps = [e.data["step"] for e in store.events if e.kind == "step_entered"]
    assert steps == [vote, vote + 1, vote, vote + 1]  # nothing recorded while asked


async def test_going_on_with_the_vote_hidden_is_a_choice(tmp_path):
    path, vote, rid = at_the_vote(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: on_step(app, vote), "the vote step")
        await pilot.press("f8")
        await until(pilot, lambda: asked(app), "the question")
        await pilot.press("h")
        await until(pilot, lambda: on_step(app, vote + 1), "the next step")
        assert not app.screen.state.rounds[rid].revealed


async def test_exporting_with_a_hidden_vote_asks_and_can_take_you_to_it(tmp_path):
    path, vote, rid = at_the_vote(tmp_path)
    with Store.open(path) as store:
        wrapup = step_index(store, "wrapup")
        store.record("step_entered", step=wrapup)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: on_step(app, wrapup), "the wrap-up")
        await pilot.press("f6")  # the wrap-up's export key
        await until(pilot, lambda: asked(app), "the question")
        assert str(app.screen.query_one("Static").render()).startswith(
            f"Vote {rid} (step {vote + 1}: Vote on moments) was never revealed: the report "
            "leaves its dots out and says so.")
        await pilot.press("enter")  # the default: go to the vote, to reveal it
        await until(pilot, lambda: on_step(app, vote), "the vote step")
        await pilot.press("f7")  # from the vote, back: asked again (it is still hidden)
        await until(pilot, lambda: asked(app), "the question")
        await pilot.press("escape")
        await until(pilot, lambda: on_step(app, vote), "the vote step")
        app.screen.go_to(wrapup)  # as from the agenda (asks: go on hidden)
        await until(pilot, lambda: asked(app), "the question")
        await pilot.press("h")
        await until(pilot, lambda: on_step(app, wrapup), "the wrap-up")
        await pilot.press("f6")
        await until(pilot, lambda: asked(app), "the question")
        await pilot.press("e")  # export anyway
        await until(pilot, lambda: exporting(app), "the export form")


async def test_exporting_from_the_home_screen_asks_too(tmp_path):
    path, _, rid = at_the_vote(tmp_path)
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await pilot.press("e")
        await until(pilot, lambda: asked(app), "the question")
        await pilot.press("enter")  # here the default is to export anyway
        await until(pilot, lambda: exporting(app), "the export form")


async def test_a_vote_resumed_takes_typed_dots_for_the_next_voter_with_dots_left(tmp_path):
    # A session quit in the middle of a blind vote (a break) and opened again: the cursor
    # is in the field and the voter is the first one still with dots, as it was before
    # the quit. The voters' row had the focus and Ana (done) was chosen: the next voter's
    # line "2 1" then went to the row's keys (digits pick a voter, space adds a dot, an r
    # in a typed name asks to reveal), recording a stray dot.
    # Ana and P2 have voted; Luis (3) is next
    path, vote, _, mids = blind_vote(tmp_path, [(pid, index, delta) for pid in (1, 2)
                                                for index, delta in ((1, 2), (0, 1))])
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: on_step(app, vote) and app.focused is not None,
                    "the vote step")
        await pilot.pause()
        assert app.focused.id == "dots"
        hint = str(app.screen.query_one("#hint").render())
        assert hint.startswith("Luis: 3 of 3 dots left")
        await pilot.press("2", "space", "1", "enter")
        await until(pilot, lambda: "Luis: 2 dots recorded." in
                    str(app.screen.query_one("#hint").render()), "the dots recorded")
        await pilot.press("ctrl+q")
    with Store.open(path, readonly=True) as done:
        cast = [(e.data["pid"], e.data["item"], e.data["delta"]) for e in done.events
                if e.kind == "vote_cast"][4:]
    assert sorted(cast) == [(3, mids[0], 1), (3, mids[1], 1)]


@pytest.mark.parametrize("ahead", [False, True])
async def test_a_vote_opened_by_hand_takes_typed_dots_in_its_field(tmp_path, monkeypatch,
                                                                  ahead):
    # ctrl+z just after F8 into the vote takes its opening back (the last change), and
    # the panel says "press o to open it": the focus had gone with the hidden field, so o
    # did nothing; once open, the voters' row had it and "1 2" Enter picked voters.
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=t).data["mid"] for t in ("Parking", "Queue")]
    vote = step_index(store, "vote")
    store.record("step_entered", step=vote - 1)
    store.close()
    # The vote's panel made as F8 shows it, or made ahead, hidden, while on the step before.
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05 if ahead else 3600.0)
    app = make_app(store.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: on_step(app, vote - 1), "the step before the vote")
        if ahead:
            await until(pilot, lambda: vote in app.screen._kept, "the vote's panel made ahead")
        await pilot.press("f8")
        await until(pilot, lambda: on_step(app, vote)
                    and app.screen.state.round_for_step(vote) is not None, "the vote")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: "press o to open it" in
                    str(app.screen.query_one("#hint").render()), "the vote taken back")
        await pilot.press("o")
        await until(pilot, lambda: app.screen.state.round_for_step(vote) is not None,
                    "the vote to open")
        await pilot.pause()
        assert app.focused.id == "dots"
        await pilot.press("1", "space", "2", "enter")
        await until(pilot, lambda: "Ana: 2 dots recorded." in
                    str(app.screen.query_one("#hint").render()), "the dots recorded")
        await pilot.press("ctrl+q")
    with Store.open(store.path, readonly=True) as done:
        cast = sorted((e.data["pid"], e.data["item"]) for e in done.events
                      if e.kind == "vote_cast")
    assert cast == [(1, mids[0]), (1, mids[1])]
