"""An entry over the size limit, typed or pasted into a step panel: the refusal is shown,
the text stays in the field to be shortened, and nothing is saved."""

from __future__ import annotations

from textual.widgets import Input

from workshop.core.limits import MAX_TEXT

from .step_fixtures import StepApp, new_store


async def test_a_pasted_entry_over_the_limit_stays_in_the_field_and_is_not_saved(tmp_path):
    store = new_store(tmp_path)
    events = len(store.events)
    app = StepApp(store, "moments")
    too_long = "Queue " * (MAX_TEXT // 6 + 1)
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.query_one("#entry", Input)
        field.value = too_long
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == too_long
        assert app.messages[-1] == (f"This entry is too long: {len(too_long.strip()):,} "
                                    "characters; an entry holds at most 20,000.")
        field.value = too_long[:MAX_TEXT]
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == ""
    assert len(store.events) == events + 1
    assert store.state.moments[1].text == too_long[:MAX_TEXT].strip()
