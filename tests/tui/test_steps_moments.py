"""The moments panel, driven by keys: what the facilitator sees and what the file holds."""

from __future__ import annotations

from textual.widgets import Input

from waiting import until
from workshop.tui.screens.confirm import ConfirmScreen

from .step_fixtures import StepApp, new_store, rows, table_text, type_text


def moments_in_file(store):
    return sorted(rows(store, "moments"), key=lambda r: r["position"])


async def test_typed_moments_are_saved_with_attribution_stage_and_touchpoint(tmp_path):
    store = new_store(tmp_path)
    app = StepApp(store, "moments")
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.focused.id == "entry"
        await type_text(pilot, "Parking at the store")
        await pilot.press("enter")
        await type_text(pilot, "3: Queue at the till")
        await pilot.press("enter")
        assert app.query_one("#entry", Input).value == ""
        # In the list: the queue is selected (the last added); set its stage and touchpoint.
        await pilot.press("tab", "d", "t")
        await pilot.press("shift+tab")
        await type_text(pilot, "ana: Paying by card")
        await pilot.press("enter")
        await pilot.pause()
        shown = table_text(app.query_one("#moments"))
    saved = moments_in_file(store)
    assert [(m["text"], m["participant_id"], m["stage"], m["touchpoint"]) for m in saved] == [
        ("Parking at the store", None, None, None),
        ("Queue at the till", 3, "during", "direct"),
        # a new moment takes the stage and touchpoint set last
        ("Paying by card", 1, "during", "direct"),
    ]
    assert [r[:5] for r in shown] == [
        ["1", "Parking at the store", "", "", "group"],
        ["2", "Queue at the till", "during", "direct", "Luis"],
        ["3", "Paying by card", "during", "direct", "Ana"],
    ]


async def test_edit_reorder_delete_and_undo(tmp_path):
    store = new_store(tmp_path)
    for text in ("Parking", "Queue at the till", "Paying"):
        store.record("moment_added", text=text)
    app = StepApp(store, "moments")
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one("#moments")
        table.focus()
        await pilot.press("home")
        # Edit the first moment: Enter puts its text in the entry field.
        await pilot.press("enter")
        assert app.focused.id == "entry" and app.focused.value == "Parking"
        await pilot.press("ctrl+u")
        await type_text(pilot, "2: Finding a parking space")
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is table
        # Move it one place later along the journey.
        await pilot.press("shift+down")
        await pilot.pause()
        assert [r[1] for r in table_text(table)] == ["Queue at the till",
                                                   "Finding a parking space", "Paying"]
        # Delete the selected (moved) moment, then undo the deletion.
        await pilot.press("x")
        await pilot.pause()
        assert [r[1] for r in table_text(table)] == ["Queue at the till", "Paying"]
        assert [m["text"] for m in moments_in_file(store)] == ["Queue at the till", "Paying"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r[1] for r in table_text(table)] == ["Queue at the till",
                                                   "Finding a parking space", "Paying"]
        # Undo the move too.
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r[1] for r in table_text(table)][0] == "Finding a parking space"
    saved = moments_in_file(store)
    assert [(m["text"], m["participant_id"], m["position"]) for m in saved] == [
        ("Finding a parking space", 2, 1), ("Queue at the till", None, 2), ("Paying", None, 3)]


async def test_merge_two_duplicates_moves_what_hangs_on_them(tmp_path):
    store = new_store(tmp_path)
    keep = store.record("moment_added", text="Waiting in line").data["mid"]
    dup = store.record("moment_added", text="Queueing").data["mid"]
    store.record("expectation_added", mid=dup, type="stated", text="A short wait")
    app = StepApp(store, "moments")
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one("#moments")
        table.focus()
        await pilot.press("end", "m")  # mark the duplicate
        assert "Merging “Queueing”" in str(app.query_one("#hint").render())
        await pilot.press("up", "m")  # pick the one to keep
        await pilot.pause()
        assert [r[1] for r in table_text(table)] == ["Waiting in line"]
        assert any("Merged into “Waiting in line”" in m for m in app.messages)
        assert [m["moment_id"] for m in rows(store, "moments")] == [keep]
        assert [(x["moment_id"], x["text"]) for x in rows(store, "expectations")] == [
            (keep, "A short wait")]
        await pilot.press("ctrl+z")  # undo the merge: both back, the expectation where it was
        await pilot.pause()
        assert [r[1] for r in table_text(table)] == ["Waiting in line", "Queueing"]
    assert [(x["moment_id"], x["text"])
            for x in rows(store, "expectations")] == [(dup, "A short wait")]


async def test_deleting_a_moment_with_entries_asks_first(tmp_path):
    store = new_store(tmp_path)
    mid = store.record("moment_added", text="Checkout").data["mid"]
    store.record("rating_given", mid=mid, pid=1, value=2)
    app = StepApp(store, "moments")
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one("#moments").focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(store, "moments")) == 1
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("d")  # its letter: Enter keeps it
        await pilot.pause()
        assert rows(store, "moments") == [] and rows(store, "ratings") == []


async def test_an_empty_entry_saves_nothing_and_escape_cancels_an_edit(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Parking")
    app = StepApp(store, "moments")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "enter")
        table = app.query_one("#moments")
        table.focus()
        await pilot.press("e")
        await type_text(pilot, " lot")
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is table and app.query_one("#entry", Input).value == ""
    assert [m["text"] for m in rows(store, "moments")] == ["Parking"]
    assert [e.kind for e in store.events].count("moment_edited") == 0


def next_line(app) -> str:
    return str(app.query_one("#next").render())


async def test_a_tag_while_typing_sets_stage_and_touchpoint_and_the_next_line_says_so(tmp_path):
    store = new_store(tmp_path)
    app = StepApp(store, "moments")
    async with app.run_test(size=(120, 30)) as pilot:
        assert next_line(app).startswith("Next moment: no stage · no touchpoint")
        assert "b/d/a/ before/during/after · +d/i direct/indirect: “bi/ …”" in next_line(app)
        assert app.query_one("#next").size.height == 1
        await type_text(pilot, "Parking at the store")
        await pilot.press("enter")
        # What the line being typed will get shows as the tag is typed.
        await type_text(pilot, "dd/ 3: Queue at the till")
        await pilot.pause()
        assert next_line(app).startswith("Next moment: during · direct")
        await pilot.press("enter")
        # Nothing inherited unseen: the line says what the next one gets before it is typed.
        assert next_line(app).startswith("Next moment: during · direct")
        await type_text(pilot, "Paying")
        await pilot.press("enter")
        await type_text(pilot, "i/ Ana: Paying by phone")  # only the touchpoint changes
        await pilot.press("enter")
        await type_text(pilot, "bd/ Reading the flyer")  # recalled late: joins the before
        await pilot.press("enter")
        await type_text(pilot, "a/")  # a tag alone: only what the next moments get
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("#entry", Input).value == ""
        assert next_line(app).startswith("Next moment: after · direct")
        await type_text(pilot, "Carrying the bags")
        await pilot.press("enter")
        # In the list, t toggles direct and indirect: one press each way.
        await pilot.press("shift+tab", "t")
        await pilot.pause()
        await pilot.press("t", "t")
        await pilot.pause()
    assert [(m["text"], m["participant_id"], m["stage"], m["touchpoint"])
            for m in moments_in_file(store)] == [
        ("Parking at the store", None, None, None),
        ("Reading the flyer", None, "before", "direct"),
        ("Queue at the till", 3, "during", "direct"),
        ("Paying", None, "during", "direct"),
        ("Paying by phone", 1, "during", "indirect"),
        ("Carrying the bags", None, "after", "indirect"),  # direct → indirect → direct → indirect
    ]


async def test_a_spanish_session_tags_with_its_own_letters(tmp_path):
    from workshop.i18n import set_language

    set_language("es")
    store = new_store(tmp_path, lang="es")
    app = StepApp(store, "moments")
    async with app.run_test(size=(100, 30)) as pilot:
        # The letters in as few words as the line holds (it stays one line).
        assert next_line(app) == ("Próximo momento: sin etapa · sin punto de contacto   "
                                  "a/d/p + d/i: «ai/ …»")
        assert app.query_one("#next").size.height == 1
        await type_text(pilot, "ai/ Leer opiniones en internet")
        await pilot.press("enter")
        await type_text(pilot, "p/ Llevar la compra a casa")
        await pilot.press("enter")
        await pilot.pause()
        assert next_line(app).startswith("Próximo momento: después · indirecto")
        # In the list the same letters set the stage: a, d, p (b means nothing here).
        await pilot.press("shift+tab", "1", "d", "b")
        await pilot.pause()
        footer = {b.binding.key for b in app.screen.active_bindings.values()
                  if b.binding.group and b.binding.group.description == "Etapa"}
        assert footer == {"a", "d", "p"}
    assert [(m["text"], m["stage"], m["touchpoint"]) for m in moments_in_file(store)] == [
        ("Leer opiniones en internet", "during", "indirect"),
        ("Llevar la compra a casa", "after", "indirect")]


def _twenty_moments_filled_by_fours(tmp_path, monkeypatch):
    """Twenty moments, a table that takes four rows at first and three at a time."""
    from workshop.tui.steps.table import SyncedTable

    monkeypatch.setattr(SyncedTable, "FIRST_ROWS", 4)
    monkeypatch.setattr(SyncedTable, "MORE_ROWS", 3)
    store = new_store(tmp_path)
    for n in range(1, 21):
        store.record("moment_added", text=f"Moment {n}")
    return store, StepApp(store, "moments")


async def test_a_long_list_shows_a_screenful_first_and_every_moment_soon_after(
        tmp_path, monkeypatch):
    """A new step's table takes a screenful of rows at once and the others in the
    background; End (or any move past what is there yet) goes to the real last moment,
    and a moment added meanwhile is in its place."""
    store, app = _twenty_moments_filled_by_fours(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one("#moments")
        assert table.filling and table.row_count < 20  # a screenful so far
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert app.view.selected_mid == store.state.order[-1]
        assert [r[1] for r in table_text(table)] == [f"Moment {n}" for n in range(1, 21)]
        await pilot.press("tab")
        await type_text(pilot, "Moment 21")
        await pilot.press("enter")
        await pilot.pause()
        assert table_text(table)[-1][:2] == ["21", "Moment 21"]


async def test_the_rows_left_to_add_come_without_a_key(tmp_path, monkeypatch):
    store, app = _twenty_moments_filled_by_fours(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one("#moments")
        await until(pilot, lambda: not table.filling, "every row")
        assert table.row_count == 20 and table.cursor_row == 0
        assert [r[0] for r in table_text(table)] == [str(n) for n in range(1, 21)]


async def test_a_change_while_rows_are_still_to_come_adds_none_of_them(tmp_path, monkeypatch):
    """The rows not added yet wait their turn through a change (a key pressed right after
    the step shows added all 2,000 of a large session at once), come as they are by
    then, and the scrollbar is the whole table's from the start."""
    store, app = _twenty_moments_filled_by_fours(tmp_path, monkeypatch)
    async with app.run_test(size=(100, 12)) as pilot:
        table = app.query_one("#moments")
        await until(pilot, lambda: table.row_count, "the first rows")
        assert table.filling and table.row_count == 4
        assert table.virtual_size.height == 20 + 1  # every row and the heading
        app.live.record("moment_edited", mid=store.state.order[1], text="Parking")
        app.live.record("moment_edited", mid=store.state.order[15], text="Receipt")
        await pilot.pause()
        assert table.filling and table.row_count == 4
        assert table_text(table)[1][1] == "Parking"
        await until(pilot, lambda: not table.filling, "every row")
        texts = [r[1] for r in table_text(table)]
        assert texts[1] == "Parking" and texts[15] == "Receipt" and len(texts) == 20


async def test_scrolling_down_to_rows_still_to_come_shows_them(tmp_path, monkeypatch):
    from workshop.tui.steps.table import SyncedTable

    store, app = _twenty_moments_filled_by_fours(tmp_path, monkeypatch)
    monkeypatch.setattr(SyncedTable, "FILL_AFTER", 60)  # not before the scroll
    async with app.run_test(size=(100, 12)) as pilot:
        table = app.query_one("#moments")
        await until(pilot, lambda: table.row_count, "the first rows")
        assert table.filling
        table.scroll_end(animate=False, immediate=True)  # the mouse wheel or the scrollbar
        await pilot.pause()
        assert not table.filling and table.row_count == 20
        assert "Moment 20" in "".join(strip.text for strip in table.render_lines(
            table.region.reset_offset))
