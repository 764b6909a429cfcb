"""A step seen before shows again at once: its panel is kept, hidden, when the session
moves on, and shown again brought up to date with what happened meanwhile. Only the
panel on view is on screen, takes keys or the focus."""

from __future__ import annotations

from textual.widgets import Input

from waiting import until
from workshop.tui.app import make_app

from .screen_fixtures import screen_lines
from .step_fixtures import new_store, type_text


async def test_a_step_left_and_seen_again_shows_what_changed_meanwhile(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Parking")
    path = store.path
    store.close()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None
                    and app.screen._panel.step.kind == "moments", "the moments step")
        run = app.screen
        moments = run._panel
        await pilot.press("f8")
        await until(pilot, lambda: run._panel.step.kind == "expectations", "expectations")
        expectations = run._panel
        await pilot.press("f7")
        await until(pilot, lambda: run._panel is moments and moments.display, "moments again")
        assert not expectations.display  # kept, hidden
        assert app.focused is moments.query_one("#entry", Input)
        await type_text(pilot, "Queue at the till")
        await pilot.press("enter")
        await until(pilot, lambda: len(run.state.moments) == 2, "the new moment saved")

        await pilot.press("f8")
        await until(pilot, lambda: run._panel is expectations and expectations.display,
                    "the expectations panel shown again")
        # The moment added while it was hidden is in its table, and on screen.
        await until(pilot, lambda: any("Queue at the till" in line
                                       for line in screen_lines(app)), "the new moment shown")
        assert [str(c) for c in expectations.table.get_row("2")][1] == "Queue at the till"
        assert not moments.display
        # The hidden panel takes no focus: Tab goes round the panel on view only.
        seen = set()
        for _ in range(8):
            await pilot.press("tab")
            await pilot.pause()
            seen.add(app.focused)
        assert seen and not any(moments in w.ancestors_with_self for w in seen if w)
        # A rating typed now is the shown panel's: it lands on the moment on screen.
        app.screen.set_focus(expectations.query_one("#ratings"))
        await pilot.press("down", "4")
        await until(pilot, lambda: len(run.state.expected) == 1, "the rating saved")
        await pilot.press("ctrl+q")


async def test_while_a_session_is_open_the_collector_leaves_its_state_alone(tmp_path):
    """A full collection walked every object of the session's state (55 to 100 ms in a
    large session, in whatever key or step change it came): while the run screen is
    open, what was there when it opened is frozen out of the collector's reach and full
    collections come less often; closing it gives everything back."""
    import gc

    from workshop.tui.room import FULL_COLLECTION_EVERY

    store = new_store(tmp_path)
    store.record("moment_added", text="Parking")
    path = store.path
    store.close()
    before = gc.get_threshold()
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: getattr(app.screen, "_panel", None) is not None,
                    "the run screen")
        frozen = gc.get_freeze_count()
        assert frozen > 1000
        assert gc.get_threshold()[2] == max(before[2], FULL_COLLECTION_EVERY)
        await pilot.press("ctrl+q")
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before
