"""The excellence panel: prompt cards filled with the moment, ideas tagged with the card."""

from __future__ import annotations

from textual.widgets import OptionList

from workshop.core.prompts import load_deck

from .step_fixtures import StepApp, new_store, rows, table_text, type_text


async def test_a_card_names_the_moment_and_tags_the_ideas_typed_under_it(tmp_path):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Queue at the till", "Paying")]
    deck = load_deck("en")
    app = StepApp(store, "excellence")
    async with app.run_test(size=(120, 34)) as pilot:
        assert "No card yet" in str(app.query_one("#card").render())
        await pilot.press("f6")
        await pilot.pause()
        [draw] = rows(store, "prompts")
        card = str(app.query_one("#card").render())
        assert "“Queue at the till”" in draw["text"] and draw["mid"] == mids[0]
        assert " ".join(draw["text"].split())[:40] in " ".join(card.replace("│", " ").split())
        assert draw["text"] == deck.prompt(draw["prompt_id"]).fill("Queue at the till")
        await type_text(pilot, "2: A second till opens itself")
        await pilot.press("enter")
        await pilot.pause()
        ideas = str(app.query_one("#ideas-text").render())
        name = deck.techniques[draw["technique"]].name
        assert f"A second till opens itself  — {name}, P2" in ideas
        # Next moment: no card there yet, so an idea goes in untagged.
        await pilot.press("down")
        await type_text(pilot, "Pay at the trolley")
        await pilot.press("enter")
        await pilot.pause()
        assert "no card" in str(app.query_one("#ideas-text").render())
        assert [r[2] for r in table_text(app.query_one("#moments"))] == ["1", "1"]
    assert [(i["mid"], i["text"], i["pid"], i["did"], i["prompt_id"], i["technique"])
            for i in rows(store, "ideas")] == [
        (mids[0], "A second till opens itself", 2, draw["did"], draw["prompt_id"],
         draw["technique"]),
        (mids[1], "Pay at the trolley", None, None, None, None)]


async def test_choosing_a_technique_draws_from_it_and_another_card_replaces_the_first(tmp_path):
    store = new_store(tmp_path)
    store.record("moment_added", text="Paying")
    deck = load_deck("en")
    technique = list(deck.techniques)[2]
    app = StepApp(store, "excellence")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = options.get_option_index(technique)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+g")  # another card, same technique
        await pilot.pause()
        draws = rows(store, "prompts")
        assert [d["technique"] for d in draws] == [technique, technique]
        assert draws[0]["prompt_id"] != draws[1]["prompt_id"]
        assert app.query_one("#card").border_title == deck.techniques[technique].name
        assert "“Paying”" in str(app.query_one("#card").render())
        await type_text(pilot, "Idea")
        await pilot.press("enter")
    assert rows(store, "ideas")[0]["did"] == draws[1]["did"]


async def test_the_list_of_ideas_edits_and_deletes_by_key_and_undo_restores(tmp_path):
    store = new_store(tmp_path)
    mid = store.record("moment_added", text="Queue at the till").data["mid"]
    for text in ("Self-scan evrywhere", "A bell for help"):
        store.record("idea_added", mid=mid, text=text, pid=2)
    app = StepApp(store, "excellence")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("shift+tab")
        assert app.focused.id == "ideas-text"
        await pilot.press("e")
        assert app.focused.id == "idea" and app.focused.value == "Self-scan evrywhere"
        assert "Editing" in app.query_one("#hint").text.plain
        app.focused.value = "Self-scan everywhere"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "delete")
        await pilot.pause()
        ideas = app.query_one("#ideas-text").text.plain
        assert "Self-scan everywhere  — no card, P2" in ideas and "A bell" not in ideas
        assert any("ctrl+z brings it back" in m for m in app.messages)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "A bell for help" in app.query_one("#ideas-text").text.plain
    assert [(i["text"], i["pid"]) for i in rows(store, "ideas")] == [
        ("Self-scan everywhere", 2), ("A bell for help", 2)]
