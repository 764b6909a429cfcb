"""The next step's panel is made ahead, hidden, once the facilitator has been on a step a
while with nothing changing: F8 then shows it as it shows a panel kept from before.
What the facilitator sees, where the cursor lands and what the file holds are the same
as with a panel made as the step shows; making it takes no key's turn and no focus."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.widget import Widget
from textual.widgets import Input
from textual.worker import WorkerState

from waiting import soon, until
from workshop.core.store import Store
from workshop.tui import app as app_module
from workshop.tui.app import make_app
from workshop.tui.screens import run as run_module
from workshop.tui.screens.run import RunScreen
from workshop.tui.steps import view_for
from workshop.tui.steps.base import StepView
from workshop.tui.widgets.guide import GuideBody

from .screen_fixtures import seen
from .step_fixtures import PEOPLE, SCRIPT
from .step_fixtures import new_store as _new_store

# Every kind of step, each after another (the vote on moments open: a blind one asks
# before it is left).
KINDS = {**SCRIPT, "steps": [
    *(dict(s, options={**s["options"], "blind": False}) if s["kind"] == "vote" else s
      for s in SCRIPT["steps"][:-1]),
    {"title": "Ranking", "kind": "ranking", "minutes": 10, "body": "",
     "options": {"target": "moments", "top": 2}},
    {"title": "Round table", "kind": "discussion", "minutes": 10,
     "body": "Ask each of them: *what* would they change first?", "options": {}},
    SCRIPT["steps"][-1]]}


def session(tmp_path, script=KINDS):
    store = _new_store(tmp_path, participants=PEOPLE, script=script)
    for n, text in enumerate(("Parking", "Queue at the till", "Finding the bread"), 1):
        store.record("moment_added", text=text, pid=n)
        store.record("expectation_added", mid=n, text=f"Quick {n}", type="stated")
        for pid in (1, 2, 3):
            store.record("rating_given", mid=n, pid=pid, value=(n + pid) % 5 + 1)
        store.record("idea_added", mid=n, text=f"Idea {n}", pid=n)
    path = store.path
    store.close()
    return path


async def _walk(path, monkeypatch, *, ahead: bool) -> list[tuple]:
    """F8 through every step, a moment added on each before leaving it; what the
    facilitator sees of each new step's panel and the footer, and where the cursor is."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05 if ahead else 3600.0)
    shown: list[tuple] = []
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None,
                    "the run screen")
        run = app.screen
        steps = len(run.state.steps)
        events = len(run.live.store.events)
        for n in range(1, steps):
            made = None
            if ahead:
                await until(pilot, lambda n=n: n in run._kept, f"step {n + 1}'s panel made")
                made = run._kept[n]
                assert not made.display
                # Made without a word in the file, and without the cursor: it stays in
                # the panel on view.
                assert len(run.live.store.events) == events
                assert run._panel in app.focused.ancestors_with_self
            run.live.record("moment_added", text=f"Said on step {n}")
            events = len(run.live.store.events)
            await pilot.press("f8")
            await until(pilot, lambda n=n: run._panel.step.index == n and run._panel.display
                        and not any(t.filling for t in run._panel.query("SyncedTable")),
                        f"step {n + 1} on view")
            await pilot.pause()
            if ahead:
                assert run._panel is made
            focused = app.focused
            shown.append((run._panel.step.kind, seen(run._panel), seen(run.query_one("KeyFooter")),
                          type(focused).__name__, focused.id if focused else None))
            events = len(run.live.store.events)
        await pilot.press("ctrl+q")
    return shown


async def test_a_panel_made_ahead_shows_what_one_made_as_the_step_shows_would(
        tmp_path, monkeypatch):
    path = session(tmp_path)
    made_then = await _walk(path, monkeypatch, ahead=False)
    path_ahead = session(tmp_path / "ahead")
    made_ahead = await _walk(path_ahead, monkeypatch, ahead=True)
    assert [kind for kind, *_ in made_ahead] == [s["kind"] for s in KINDS["steps"][1:]]
    for then, ahead in zip(made_then, made_ahead, strict=True):
        assert ahead == then, f"the {then[0]} step"


async def test_a_key_pressed_while_the_next_panel_is_made_is_not_kept_waiting(
        tmp_path, monkeypatch):
    """The making yields between its parts: a key typed while the next panel mounts is in
    the field before the making ends (here the mounting waits for that key, for at most
    ten seconds: a key kept waiting until the making ended would be typed after it)."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05)
    view = view_for("expectations")
    order: list[str] = []
    fields: list[Input] = []

    async def slow_mount(self) -> None:
        # (Textual calls it before StepView's own on_mount, which sets the panel up.)
        order.append("making")
        if await soon(lambda: fields and fields[0].value):  # ten seconds at most
            order.append(f"typed {fields[0].value}")
        order.append("made")

    monkeypatch.setattr(view, "on_mount", slow_mount)
    app = make_app(session(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None,
                    "the run screen")
        field = app.focused
        assert isinstance(field, Input)
        fields.append(field)
        # Pilot's pauses and presses wait until every widget on the screen is idle, the
        # panel being mounted too: here the test waits and types as a terminal does.
        await soon(lambda: "making" in order, 60)
        app.post_message(events.Key("q", "q"))
        await until(pilot, lambda: 1 in app.screen._kept, "the next panel made")
        assert order == ["making", "typed q", "made"]
        assert app.focused is field
        await pilot.press("ctrl+q")


async def test_the_next_panel_is_laid_out_out_of_sight_before_it_shows(tmp_path, monkeypatch):
    """Made ahead, the next panel is laid out below the screen at the size it will have:
    its table already holds the rows in sight when F8 shows it. Meanwhile the panel on
    view keeps its whole height and Tab never takes the cursor into the one made ahead."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05)
    seen: list[tuple] = []
    laid_out = RunScreen._ahead_laid_out

    async def watched(self) -> None:
        await laid_out(self)
        ahead = next(p for p in self.query(StepView) if p.offstage)
        seen.append((self._panel.size, ahead.size, ahead.region.y,
                     ahead.query_one("#moments").row_count,
                     [w for w in self.focus_chain if ahead in w.ancestors_with_self]))

    monkeypatch.setattr(RunScreen, "_ahead_laid_out", watched)
    app = make_app(session(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: 1 in getattr(app.screen, "_kept", {}),
                    "the expectations panel made ahead")
        run = app.screen
        on_view = run._panel.size
        [(kept_size, ahead_size, top, rows, focusable)] = seen
        assert kept_size == on_view and on_view.height == 38
        assert ahead_size == on_view
        assert top >= 40  # below the screen: never drawn
        assert rows == 3
        assert focusable == []
        field = app.focused
        for _ in range(6):
            await pilot.press("tab")
            assert run._panel in app.focused.ancestors_with_self
        await pilot.press(*["shift+tab"] * 6)
        assert app.focused is field
        await pilot.press("f8")
        await until(pilot, lambda: run._panel.step.index == 1, "the expectations step")
        await pilot.pause()
        assert run._panel.size == ahead_size
        assert run._panel.query_one("#moments").row_count == 3
        await pilot.press("ctrl+q")


async def test_f8_while_the_next_panel_is_being_laid_out_shows_it(tmp_path, monkeypatch):
    """F8 as the panel made ahead waits for its layout out of sight (which needs the
    screen's turn, the one the step change takes): the step shows, with that panel."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05)
    laid_out = RunScreen._ahead_laid_out
    inside = asyncio.Event()

    async def after_the_key(self) -> None:
        inside.set()
        # F8 recorded, the step change queued (a minute at most)
        if not await soon(lambda: self.state.current_step == 1, 60, 0.005):
            raise AssertionError("F8 not recorded after a minute")
        await laid_out(self)

    monkeypatch.setattr(RunScreen, "_ahead_laid_out", after_the_key)
    app = make_app(session(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None,
                    "the run screen")
        run = app.screen
        await asyncio.wait_for(inside.wait(), 60)
        made = next(p for p in run.query(StepView) if p.offstage)
        app.post_message(events.Key("f8", None))
        await until(pilot, lambda: run._panel is made and made.display and not made.offstage,
                    "the panel made ahead on view")
        await pilot.pause()
        assert made.step.index == 1 and made.size.height == 38
        await pilot.press("ctrl+q")



# The kinds a panel can be made ahead for, here (the first step's is never made ahead).
AHEAD_KINDS = ["expectations", "excellence", "vote", "gaps", "ranking", "discussion", "wrapup"]


@pytest.mark.parametrize("quit_by", ["ctrl+q", "terminal gone"])
@pytest.mark.parametrize("kind", AHEAD_KINDS)
async def test_quitting_as_the_next_panel_is_made_raises_nothing_and_loses_nothing(
        tmp_path, monkeypatch, kind, quit_by):
    """The app quits (ctrl+q, or the terminal closed under it) while the next step's panel
    is being made: the quit takes its widgets away before they are mounted, and the
    panel's Mount comes after. It sets nothing up (each panel's set-up queried widgets
    that were never mounted: NoMatches through the app), and the session is closed as a
    quit closes it: its clock paused, everything in the file."""
    index = next(i for i, s in enumerate(KINDS["steps"]) if s["kind"] == kind)
    path = session(tmp_path)
    with Store.open(path) as store:
        store.record("step_entered", step=index - 1)
        before = [(e.kind, e.data) for e in store.events]
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05)
    monkeypatch.setattr(app_module, "terminal_gone", lambda: True)
    composing = asyncio.Event()
    composed = StepView.mount_composed_widgets

    async def quit_meanwhile(self, widgets) -> None:
        # Held until the quit has begun taking the screen's widgets away.
        if self.made_ahead:
            composing.set()
            await soon(lambda: self._pruning)  # ten seconds at most
        await composed(self, widgets)

    monkeypatch.setattr(StepView, "mount_composed_widgets", quit_meanwhile)
    app = make_app(path)
    async with app.run_test(size=(120, 40)):
        await asyncio.wait_for(composing.wait(), 60)
        made = next(p for p in app.screen.query(StepView) if p.made_ahead)
        assert made.step.kind == kind
        if quit_by == "ctrl+q":
            app.post_message(events.Key("ctrl+q", None))
        else:
            app._exit_if_terminal_gone()
    assert app.return_code == 0
    with Store.open(path, readonly=True) as store:
        after = [(e.kind, e.data) for e in store.events]
        assert after[:len(before)] == before
        assert store.state.current_step == index - 1
        assert not store.state.steps[index - 1].running_since  # paused by the quit


def test_every_panel_sets_itself_up_behind_the_one_guard():
    """A panel's set-up is its ``mounted``, which StepView's on_mount calls unless the
    app is quitting: an on_mount of its own would run even then (Textual calls each
    class's on_mount along the MRO), and twice where it also called super's."""
    for kind in ["moments", *AHEAD_KINDS]:
        for cls in view_for(kind).__mro__:
            if cls is not StepView and issubclass(cls, StepView):
                assert "on_mount" not in vars(cls), f"{cls.__name__} has an on_mount"


def _laid_out_meanwhile(kind: str) -> type[StepView]:
    """The panel of ``kind``, with a layout of the screen coming while it is composed, as
    the clock's or the footer's can on a busy machine (the panel is not sized by it)."""
    base = view_for(kind)

    class Meanwhile(base):  # type: ignore[valid-type, misc]
        def compose(self):
            self.screen._refresh_layout()
            yield from super().compose()

    return Meanwhile


def _regions(screen) -> dict[str, tuple]:
    """Where each widget on view is, and its size of content."""
    return {f"{type(w).__name__}#{w.id}@{i}": (tuple(w.region), tuple(w.virtual_size))
            for i, w in enumerate(screen.walk_children(Widget)) if w.display}


# Each step with a text of its own height: the guide's changes at every step.
TEXTS = {**KINDS, "steps": [dict(s, body="\n\n".join(f"Line {k}." for k in range(n % 3 + 1)))
                            for n, s in enumerate(KINDS["steps"])]}


def _text_taken_late(check_refresh):
    """The guide's text asking for its layout only after the layout that sizes the new
    panel, as on a busy machine (its request waited in the queue until then)."""
    def late(self) -> None:
        if not (isinstance(self, GuideBody) and getattr(self.screen, "_sizing", None)):
            check_refresh(self)
    return late


@pytest.mark.parametrize("case", ["alone", "layout-meanwhile", "text-late"])
async def test_a_panel_made_as_its_step_shows_is_laid_out_once(tmp_path, monkeypatch, case):
    """F8 before the next panel was made ahead: the layout that shows the new panel is its
    last. Each new widget, told its size, set its virtual size and asked for another
    layout of the whole screen (and its drawing) although nothing there depended on it;
    now none is left asking, and laying the screen out again changes nothing seen. Also
    when another layout comes while the panel is composed: that one does not size the
    panel, and taking it for the panel's left every widget asking again (it failed in a
    full suite, after other tests had run in the same process). And when the step's text
    asks for its layout only after that layout (each step's text of another height): the
    guide takes its new height all the same (it kept the last step's, text cut or blank
    lines under it, when its request was dropped and its column kept its arrangement;
    its new height then asks for another layout, as Textual's widgets do)."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 3600.0)  # every panel made on the spot
    if case == "layout-meanwhile":
        monkeypatch.setattr(run_module, "view_for", _laid_out_meanwhile)
    if case == "text-late":
        monkeypatch.setattr(Widget, "_check_refresh", _text_taken_late(Widget._check_refresh))
    asking: list[list[str]] = []
    refresh_layout = RunScreen._refresh_layout

    def watched(self, size=None, scroll=False) -> None:
        panel = self._panel
        new = panel is not None and not panel.size
        refresh_layout(self, size, scroll)
        if new and panel.size:  # the layout that sized the panel shown
            asking.append([f"{type(w).__name__}#{w.id}" for w in self.walk_children(Widget)
                           if w._layout_required])

    monkeypatch.setattr(RunScreen, "_refresh_layout", watched)
    app = make_app(session(tmp_path, TEXTS if case == "text-late" else KINDS))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None,
                    "the run screen")
        run = app.screen
        for n in range(1, len(run.state.steps)):
            asking.clear()
            await pilot.press("f8")
            await until(pilot, lambda n=n: run._panel.step.index == n and run._panel.display
                        and not any(t.filling for t in run._panel.query("SyncedTable")),
                        f"step {n + 1} on view")
            await pilot.pause()
            kind = run._panel.step.kind
            assert len(asking) == 1 and (case == "text-late" or asking == [[]]), kind
            shown = (seen(run._panel), seen(run.query_one("KeyFooter")))
            where = _regions(run)
            # Laid out again from scratch: every container arranged anew, not taken from
            # the arrangements it kept (which a layout request left unseen would leave).
            for widget in (run, *run.walk_children(Widget)):
                widget._clear_arrangement_cache()
                widget._box_model_cache.clear()
            run.refresh(layout=True)
            await pilot.pause()
            assert (seen(run._panel), seen(run.query_one("KeyFooter"))) == shown, kind
            assert _regions(run) == where, kind
        await pilot.press("ctrl+q")


async def test_finishing_the_session_as_the_next_panel_is_asked_for_shows_it_read_only(
        tmp_path, monkeypatch):
    """The session finished (its step shown anew, read-only) just as the next panel's
    making was asked for, before that making began: the step change asks it to hurry and
    waits for it. The making must not forget that hurry as it begins, or it waits for a
    layout out of sight, which needs the screen's turn, while the screen waits for it:
    the screen froze for ever and ctrl+q could not quit. Forced here: the making begins
    only once the step change waits for it (at most ten seconds)."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05)
    build = RunScreen._build_ahead
    late = [True]

    async def begun_late(self) -> None:
        # Only the making asked for before the session finished: the one the read-only
        # step asks for next (AHEAD_AFTER later, a race with the step change) waited
        # here for a hurry no step change would give, and the test with it, ten seconds
        # in about half the runs.
        if late:
            late.clear()
            await soon(lambda: self._ahead_hurry)
        await build(self)

    monkeypatch.setattr(RunScreen, "_build_ahead", begun_late)
    app = make_app(session(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_ahead", None) is not None,
                    "the next panel asked for")
        run = app.screen
        first, making = run._panel, run._ahead
        run.call_later(run.live.record, "session_finished")  # as the question's answer does
        try:
            await until(pilot, lambda: run._panel is not first and run._ahead is None,
                        "the step shown anew, read-only")
        finally:  # failed: let the frozen screen go, so that the test can end
            run._ahead_hurry = True
            if run._ahead_layout is not None and not run._ahead_layout.done():
                run._ahead_layout.set_result(None)
        await pilot.pause()
        assert run._panel.step.index == 0 and run._panel.display
        assert "finished: read-only" in " ".join(seen(run.query_one("#run-bar")))
        # Finished, not given up after AHEAD_WAIT (the hurry lost, the screen waited
        # for it that long: it froze for ever before AHEAD_WAIT).
        assert making.state == WorkerState.SUCCESS, making.state
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_a_making_that_never_ends_keeps_neither_the_step_nor_the_quit_waiting(
        tmp_path, monkeypatch):
    """Whatever the making ahead might wait on that never comes (here its layout out of
    sight, hurry or not), F8 shows the next step after AHEAD_WAIT, on a panel made then,
    the half-made one gone, and ctrl+q quits with a making stuck again meanwhile."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 0.05)
    monkeypatch.setattr(RunScreen, "AHEAD_WAIT", 0.5)
    stuck_on: list[asyncio.Future[None]] = []

    async def stuck(self) -> None:
        stuck_on.append(asyncio.get_running_loop().create_future())
        await stuck_on[-1]

    monkeypatch.setattr(RunScreen, "_ahead_laid_out", stuck)
    app = make_app(session(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None,
                    "the run screen")
        run = app.screen
        await until(pilot, lambda: any(p.offstage for p in run.query(StepView)),
                    "the next panel mounted out of sight")
        made = next(p for p in run.query(StepView) if p.offstage)
        try:
            await pilot.press("f8")
            await until(pilot, lambda: run._panel.step.index == 1 and run._panel.display
                        and run._panel is not made, "the expectations step")
        finally:  # failed: let the frozen screen go, so that the test can end
            for never in stuck_on:
                never.done() or never.set_result(None)
        await pilot.pause()
        assert not made.is_attached and made not in run._kept.values()
        assert [p.step.index for p in run.query(StepView) if p.on_view] == [1]
        assert run._panel.size.height == 38
        # The making of step 3's panel, stuck the same way, as the facilitator quits.
        await until(pilot, lambda: len(stuck_on) == 2, "the next panel mounted out of sight")
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_finishing_the_session_leaves_no_writable_panel_behind(tmp_path, monkeypatch):
    """Finished, the step on view is shown anew, read-only, and every panel kept from
    before goes: the one that was on view too (it stayed mounted, hidden, kept as the
    step's panel until the next step change, then neither kept nor removed: one panel
    more for the life of the screen at each finish or reopening)."""
    monkeypatch.setattr(RunScreen, "AHEAD_AFTER", 3600.0)
    app = make_app(session(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None,
                    "the run screen")
        run = app.screen
        writable = run._panel
        run.call_later(run.live.record, "session_finished")  # as the question's answer does
        await until(pilot, lambda: run._panel is not writable, "the step shown anew")
        await pilot.press("f8")
        await until(pilot, lambda: run._panel.step.index == 1, "a look at step 2")
        await pilot.press("f7")
        await until(pilot, lambda: run._panel.step.index == 0, "back to step 1")
        await pilot.pause()
        assert not writable.is_attached
        assert sorted(p.step.index for p in run.query(StepView)) == [0, 1]
        await pilot.press("ctrl+q")
