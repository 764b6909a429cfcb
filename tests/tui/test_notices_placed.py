"""A notice never hides what the facilitator is typing: at 80x24 the run screen's toasts
sit at the top right, over the facilitator's text, not over the step's field at the
panel's foot (Textual puts them bottom right, where every panel's field is)."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Input
from textual.widgets._toast import Toast

from waiting import until
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.run import RunScreen

DEMO = Path(__file__).resolve().parents[2] / "sessions" / "demo-supermarket.db"
NOTICE = ("Moment deleted (^Z brings it back). A notice long enough to wrap onto a second "
          "and a third line of its toast.")


def _shown(run: RunScreen) -> list[Input]:
    """The fields on view: the panel's, each with every container around it shown."""
    return [f for f in run.query(Input)
            if all(w.display for w in f.ancestors_with_self if w is not run.app)]


def _focused(field: Input) -> bool:
    if not field.has_focus:
        field.focus()
    return field.has_focus


async def test_no_toast_covers_a_field_of_any_step_at_80x24(tmp_path):
    path = Path(shutil.copy(DEMO, tmp_path / "demo.db"))
    with Store.open(path) as store:  # the demo is finished: reopened, to go on live
        store.record("session_reopened", at=store.events[-1].at)
    app = make_app(path, sessions_dir=tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        run = app.screen
        checked = 0
        for step in run.state.steps:
            run.go_to(step.index)
            await until(pilot, lambda i=step.index: [p.step.index for p in run.query(
                ".step-panel") if p.display] == [i], f"the panel of step {step.index + 1}")
            # Its fields laid out (under load the layout may come a while after)
            await until(pilot, lambda: all(f.region for f in _shown(run)), "the fields placed")
            for field in [f for f in _shown(run) if f.focusable]:
                # Typing there (asked again until it holds: the step's own focus, given
                # as its panel settles, may come after)
                await until(pilot, lambda f=field: _focused(f), "the field focused")
                app.notify(NOTICE, timeout=60)
                app.notify(NOTICE, timeout=60)
                await until(pilot, lambda: len(run.query(Toast)) >= 2, "two toasts")
                await pilot.pause()
                toasts = [t.region for t in run.query(Toast)]
                assert not any(t.overlaps(field.region) for t in toasts), (step.kind, field)
                checked += 1
                for _ in range(20):  # a click takes a toast away, as its time running out
                    if not run.query(Toast):
                        break
                    await pilot.click(Toast)
                    await pilot.pause()
                else:
                    raise AssertionError(f"toasts still shown after 20 clicks ({step.kind})")
        assert checked >= 9, checked  # a field on each step but the gaps, five on the wrap-up
