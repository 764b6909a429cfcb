"""The expectations panel: stated and latent expectations, ratings by digit."""

from __future__ import annotations

from .step_fixtures import StepApp, new_store, rows, table_text, type_text


def _session(tmp_path):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Parking", "Queue at the till", "Paying")]
    return store, mids


async def test_stated_and_latent_expectations_go_to_the_moment_on_screen(tmp_path):
    store, mids = _session(tmp_path)
    app = StepApp(store, "expectations")
    async with app.run_test(size=(120, 34)) as pilot:
        assert app.focused.id == "stated"
        await pilot.press("down")  # the arrow keys move through moments while typing
        await type_text(pilot, "A short wait")
        await pilot.press("enter")
        await pilot.press("tab")
        assert app.focused.id == "latent"
        await type_text(pilot, "3: To feel someone notices me")
        await pilot.press("enter")
        await pilot.pause()
        said = str(app.query_one("#said-text").render())
        assert "A short wait" in said and "To feel someone notices me  — Luis" in said
        assert str(app.query_one("#heading").render()).startswith("2 · Queue at the till")
        # The table counts them on the moment's row.
        assert table_text(app.query_one("#moments"))[1][:4] == ["2", "Queue at the till", "1", "1"]
    assert [(x["moment_id"], x["type"], x["text"], x["participant_id"])
            for x in rows(store, "expectations")] == [
        (mids[1], "stated", "A short wait", None),
        (mids[1], "latent", "To feel someone notices me", 3)]


async def test_ratings_by_digit_on_two_scales_switched_by_one_key(tmp_path):
    store, mids = _session(tmp_path)
    app = StepApp(store, "expectations")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("ctrl+l")  # to the ratings row: the expected level comes first
        assert app.focused.id == "ratings"
        row = app.query_one("#ratings")
        assert row.border_title.startswith("Expected level") and row.has_class("-expectation")
        await pilot.press("5", "4", "right", "5")  # P1=5, P2=4, P3 skipped, P4=5
        await pilot.pause()
        shown = str(row.render())
        assert "Ana 5" in shown and "P2 4" in shown and "Luis ·" in shown and "P4 5" in shown
        assert "expected: mean 4.7 · 3 of 4" in shown
        await pilot.press("s")  # performance today, from the first participant again
        await pilot.pause()
        assert row.border_title.startswith("Performance of usual providers")
        assert not row.has_class("-expectation")
        shown = str(row.render())
        assert "Ana ·" in shown and "no performance ratings yet · expected 4.7" in shown
        await pilot.press("4", "2", "right", "5")  # P1=4, P2=2, P3 skipped, P4=5
        await pilot.pause()
        assert "performance: mean 3.7 · 3 of 4 · expected 4.7" in str(row.render())
        # Next moment, not rated yet: the first participant, on the expected level.
        await pilot.press("down", "1")
        await pilot.pause()
        # A changed mind: back to the first moment (rated: the scale stays), P2's
        # performance again.
        await pilot.press("up", "s", "right", "3")
        await pilot.pause()
        # The moments table shows both means: expected, then performance.
        assert table_text(app.query_one("#moments"))[0][4:6] == ["4.7", "4.0"]
        await pilot.press("ctrl+z", "ctrl+z")  # undo walks back P2's 3, then the 1
        await pilot.pause()
        assert table_text(app.query_one("#moments"))[0][4:6] == ["4.7", "3.7"]
    assert {(r["moment_id"], r["participant_id"], r["scale"]): r["value"]
            for r in rows(store, "ratings")} == {
        (mids[0], 1, "expectation"): 5, (mids[0], 2, "expectation"): 4,
        (mids[0], 4, "expectation"): 5,
        (mids[0], 1, "performance"): 4, (mids[0], 2, "performance"): 2,
        (mids[0], 4, "performance"): 5}


async def test_without_moments_the_panel_says_so_and_saves_nothing(tmp_path):
    store = new_store(tmp_path)
    app = StepApp(store, "expectations")
    async with app.run_test(size=(80, 24)) as pilot:
        assert "No moment yet" in str(app.query_one("#heading").render())
        await type_text(pilot, "Anything")
        await pilot.press("enter", "ctrl+l", "3")
        await pilot.pause()
        assert any("Add moments first" in m for m in app.messages)
    assert rows(store, "expectations") == [] and rows(store, "ratings") == []


async def test_the_list_of_expectations_edits_and_deletes_by_key(tmp_path):
    store, mids = _session(tmp_path)
    for kind, text in (("stated", "A short wiat"), ("stated", "Said twice"),
                       ("latent", "To be noticed")):
        store.record("expectation_added", mid=mids[0], type=kind, text=text)
    app = StepApp(store, "expectations")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("shift+tab", "shift+tab")  # stated -> ratings -> the list
        assert app.focused.id == "said-text"
        await pilot.press("e")  # the first entry, back in its own field
        assert app.focused.id == "stated" and app.focused.value == "A short wiat"
        await pilot.press("backspace", "backspace", "backspace", "a", "i", "t", "enter")
        await pilot.pause()
        assert app.focused.id == "said-text" and app.focused.selected_key == "1"
        await pilot.press("down", "x")  # "Said twice" goes
        await pilot.pause()
        await pilot.press("down", "enter")  # Enter edits too: the latent need, in its field
        assert app.focused.id == "latent" and app.focused.value == "To be noticed"
        await pilot.press("escape")  # cancelled: nothing changes, the field is empty again
        assert app.focused.id == "said-text" and app.query_one("#latent").value == ""
        said = app.query_one("#said-text").text.plain
        assert "A short wait" in said and "Said twice" not in said and "Stated (1)" in said
        await pilot.press("down")  # the moments' arrows stay with the list while it has focus
        assert str(app.query_one("#heading").render()).startswith("1 · Parking")
    assert [(x["type"], x["text"]) for x in rows(store, "expectations")] == [
        ("stated", "A short wait"), ("latent", "To be noticed")]


async def test_feelings_typed_as_said_and_the_groups_feeling(tmp_path):
    """The third scale: -2 … +2 per participant by key (a minus before the digit), the
    net experience beside them, undo, and the group's feeling with how split it was."""
    store, mids = _session(tmp_path)
    app = StepApp(store, "expectations")
    async with app.run_test(size=(150, 34)) as pilot:  # room for the table's net column
        await pilot.press("ctrl+l", "f")  # from the ratings to how it felt
        row = app.query_one("#ratings")
        assert row.border_title.startswith("How it felt") and row.has_class("-feeling")
        await pilot.press("minus")  # the minus waits for its digit, on P1's chip
        await pilot.pause()
        assert "Ana −·" in str(row.render())
        await pilot.press("2", "0", "1", "3")  # P1 −2, P2 0, P3 +1; 3 is no feeling
        await pilot.pause()
        assert any("A feeling goes from −2" in m for m in app.messages)
        await pilot.press("plus", "2")  # P4 +2 (a plus changes nothing)
        await pilot.pause()
        shown = str(row.render())
        assert "Ana −2" in shown and "P2 0" in shown and "Luis +1" in shown and "P4 +2" in shown
        # (2 positive − 1 negative) / 4 marks
        assert "net experience +25% · 4 of 4" in shown
        assert table_text(app.query_one("#moments"))[0][6] == "+25%"
        await pilot.press("ctrl+z")  # P4's +2 taken back: (1 − 1) / 3
        await pilot.pause()
        assert "P4 ·" in str(row.render()) and "net experience 0% · 3 of 4" in str(row.render())
        await pilot.press("down", "g")  # the second moment: the group's feeling
        await pilot.pause()
        await type_text(pilot, "5 all furious")
        await pilot.press("enter")
        await pilot.pause()
        assert "A feeling goes from" in str(app.screen.query_one("#group-feeling-error").render())
        field = app.screen.query_one("#group-feeling")
        field.value = "-1 split: half annoyed, half fine"  # what was typed stays to fix
        await pilot.press("enter")
        await pilot.pause()
        assert "group −1: split: half annoyed, half fine" in str(row.render())
        await pilot.press("s")  # s: back to the ratings, the expected level first
        assert row.border_title.startswith("Expected level")
        await pilot.press("s", "f", "f")  # f, f: from performance to the feeling and back
        assert row.border_title.startswith("Performance")
    assert [(r["moment_id"], r["participant_id"], r["value"]) for r in rows(store, "feelings")] == [
        (mids[0], 1, -2), (mids[0], 2, 0), (mids[0], 3, 1)]
    assert [(r["moment_id"], r["value"], r["text"]) for r in rows(store, "group_feelings")] == [
        (mids[1], -1, "split: half annoyed, half fine")]


async def test_a_rating_redraws_only_its_moments_row_and_undo_brings_the_mean_back(tmp_path):
    """The table follows each moment's figures: a rating changes that moment's row (its
    mean), the other rows are left as they were drawn, and ctrl+z (a state folded
    again) shows the mean before."""
    store, mids = _session(tmp_path)
    store.record("rating_given", mid=mids[0], pid=1, value=2, scale="expectation")
    app = StepApp(store, "expectations")
    async with app.run_test(size=(120, 34)) as pilot:
        table = app.query_one("#moments")
        assert table_text(table)[0][4] == "2.0"
        others = {str(mid): table.get_row(str(mid)) for mid in mids[1:]}
        await pilot.press("ctrl+l", "4")  # P1 expects 4 of the first moment
        await pilot.pause()
        assert table_text(table)[0][4] == "4.0"
        for key, cells in others.items():  # the very same cells: not drawn again
            assert all(a is b for a, b in zip(table.get_row(key), cells, strict=True))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert table_text(table)[0][4] == "2.0"
        assert table.cursor_row == 0 and app.view.selected_mid == mids[0]


async def test_f_from_the_feeling_of_a_new_moment_goes_to_its_expected_level(tmp_path):
    # At 80×24, as a facilitator runs it: a moment's expected levels, its performance,
    # how it felt, then down to the next moment, f back to the ratings and its expected
    # levels typed first, as the script asks. f went back to the rating scale last used
    # (performance), so the expected levels were recorded as performance.
    store, mids = _session(tmp_path)
    app = StepApp(store, "expectations")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+l")
        row = app.query_one("#ratings")
        await pilot.press("5", "4", "4", "5", "s", "2", "3", "2", "3", "f")
        await pilot.press("minus", "1", "0", "1", "2")
        await pilot.press("down")  # the next moment: still on the feeling, as the row was
        await pilot.pause()
        assert str(app.query_one("#heading").render()).startswith("2 · Queue at the till")
        assert row.border_title.startswith("How it felt")
        await pilot.press("f")
        await pilot.pause()
        assert row.border_title.startswith("Expected level")
        await pilot.press("4", "3", "5", "2")
        await pilot.pause()
        assert "expected: mean 3.5 · 4 of 4" in str(row.render())
        await pilot.press("s", "f", "f")  # on the same moment f goes back where it left
        assert row.border_title.startswith("Performance")
    assert app.messages == []  # nothing refused on the way
    assert [(r["participant_id"], r["scale"], r["value"]) for r in rows(store, "ratings")
            if r["moment_id"] == mids[1]] == [
        (1, "expectation", 4), (2, "expectation", 3), (3, "expectation", 5),
        (4, "expectation", 2)]


async def test_each_moment_starts_on_the_expected_level_unless_rated_already(tmp_path):
    # Performance chosen for one moment stayed chosen on the next: the expected levels
    # typed there were recorded as performance.
    store, mids = _session(tmp_path)
    for pid in (1, 2, 3, 4):  # "Paying": every expected level given, no performance yet
        store.record("rating_given", mid=mids[2], pid=pid, value=4, scale="expectation")
    app = StepApp(store, "expectations")
    async with app.run_test(size=(80, 24)) as pilot:
        row = app.query_one("#ratings")
        await pilot.press("ctrl+l", "3", "s", "2")  # Parking: P1 expects 3, then rates 2
        await pilot.pause()
        assert row.border_title.startswith("Performance")
        await pilot.press("down")  # Queue at the till: nothing rated yet
        await pilot.pause()
        assert row.border_title.startswith("Expected level") and "·" in str(row.render())
        assert "Ana ·" in str(row.render()) and "P2 ·" in str(row.render())
        await pilot.press("5", "s")  # P1 expects 5; on to performance
        await pilot.pause()
        await pilot.press("down")  # Paying, rated already: the scale in use stays
        await pilot.pause()
        assert row.border_title.startswith("Performance")
        assert "Ana ·" in str(row.render())  # none of Queue's marks here
        await pilot.press("up", "up")  # Parking again, rated: still performance
        await pilot.pause()
        assert row.border_title.startswith("Performance") and "Ana 2" in str(row.render())
    assert [(r["moment_id"], r["participant_id"], r["scale"], r["value"])
            for r in rows(store, "ratings")] == [
        (mids[2], 1, "expectation", 4), (mids[2], 2, "expectation", 4),
        (mids[2], 3, "expectation", 4), (mids[2], 4, "expectation", 4),
        (mids[0], 1, "expectation", 3), (mids[0], 1, "performance", 2),
        (mids[1], 1, "expectation", 5)]
