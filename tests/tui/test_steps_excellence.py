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
        assert "“Queue at the till”" in draw["text"] and draw["moment_id"] == mids[0]
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
        assert [r[3] for r in table_text(app.query_one("#moments"))] == ["1", "1"]
    assert [(i["moment_id"], i["text"], i["participant_id"], i["draw_id"], i["prompt_id"],
             i["technique"])
            for i in rows(store, "ideas")] == [
        (mids[0], "A second till opens itself", 2, draw["draw_id"], draw["prompt_id"],
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
        await pilot.press("f6")  # another card, same technique
        await pilot.pause()
        draws = rows(store, "prompts")
        assert [d["technique"] for d in draws] == [technique, technique]
        assert draws[0]["prompt_id"] != draws[1]["prompt_id"]
        assert app.query_one("#card").border_title == deck.techniques[technique].name
        assert "“Paying”" in str(app.query_one("#card").render())
        await type_text(pilot, "Idea")
        await pilot.press("enter")
    assert rows(store, "ideas")[0]["draw_id"] == draws[1]["draw_id"]


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
        assert any("^Z brings it back" in m for m in app.messages)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "A bell for help" in app.query_one("#ideas-text").text.plain
    assert [(i["text"], i["participant_id"]) for i in rows(store, "ideas")] == [
        ("Self-scan everywhere", 2), ("A bell for help", 2)]


def option_ids(options) -> list[str]:
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def test_typing_finds_a_technique_and_enter_draws_from_it(tmp_path):
    from workshop.i18n import set_language

    store = new_store(tmp_path)
    store.record("moment_added", text="Paying")
    app = StepApp(store, "excellence")
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert app.focused.id == "technique-find" and option_ids(options)[0] == "*"
        await type_text(pilot, "ana")  # "analogy" was eight presses of ↓ away
        await pilot.pause()
        assert option_ids(options) == ["analogy"]
        await pilot.press("enter")
        await pilot.pause()
        assert [d["technique"] for d in rows(store, "prompts")] == ["analogy"]
        # Letters from inside a name find it too; ↓ moves among the found; none found says so.
        await pilot.press("ctrl+l")
        await pilot.pause()
        await type_text(pilot, "hat")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert option_ids(options) == ["six-hats"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "zzz")
        await pilot.pause()
        assert "No technique matches “zzz”." in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")  # nothing to choose: the dialog stays
        await pilot.pause()
        assert app.screen.query_one(OptionList) is options
        await pilot.press("escape")
    # Spanish names, found without their accents.
    set_language("es")
    (tmp_path / "es").mkdir()
    store_es = new_store(tmp_path / "es", lang="es")
    store_es.record("moment_added", text="Pagar")
    app = StepApp(store_es, "excellence")
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.pause()
        await type_text(pilot, "analogia")
        await pilot.pause()
        assert option_ids(app.screen.query_one(OptionList)) == ["analogy"]


async def test_the_moments_come_in_the_order_of_the_vote_with_their_dots(tmp_path):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"]
            for text in ("Parking", "Queue at the till", "Paying", "Bags")]
    app = StepApp(store, "excellence")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        # No vote yet: along the journey.
        assert [r[1] for r in table_text(app.query_one("#moments"))] == [
            "Parking", "Queue at the till", "Paying", "Bags"]
    rid = store.record("vote_opened", target="moments", dots=3, blind=True).data["rid"]
    for pid, item, n in ((1, mids[1], 2), (1, mids[3], 1), (2, mids[1], 1), (2, mids[3], 2),
                         (3, mids[2], 1)):
        store.record("vote_cast", rid=rid, pid=pid, item=item, delta=n)
    app = StepApp(store, "excellence")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        # Blind and not revealed: the dots count nowhere yet.
        assert [r[1] for r in table_text(app.query_one("#moments"))][0] == "Parking"
    store.record("votes_revealed", rid=rid)
    app = StepApp(store, "excellence")
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        shown = table_text(app.query_one("#moments"))
        # Most dots first, ties along the journey; each with its journey number and dots.
        assert [r[:3] for r in shown] == [["2", "Queue at the till", "3"], ["4", "Bags", "3"],
                                          ["3", "Paying", "1"], ["1", "Parking", ""]]
        assert app.query_one("#heading").text.plain.startswith("2 · Queue at the till")
        assert "Most dots first (vote 1)." in str(app.query_one("#hint").render())
        await pilot.press("down")  # the arrows follow the list as shown
        await pilot.pause()
        assert app.query_one("#heading").text.plain.startswith("4 · Bags")


def test_no_step_panel_takes_a_key_the_run_screen_gives_every_step():
    """A panel's binding shadows the screen's for the same key: the excellence step took
    ctrl+g for another card, so there ctrl+g no longer opened the room (README: F10,
    ctrl+g), in the step where phones send ideas."""
    import importlib
    import pkgutil

    import workshop.tui.steps as steps
    from workshop.tui.screens.run import RunScreen

    def keys(cls) -> dict[str, str]:
        found = {}
        for klass in reversed(cls.__mro__):
            for binding in klass.__dict__.get("BINDINGS", ()):
                key, action = (binding.key, binding.action) if hasattr(binding, "key") \
                    else binding[:2]
                found.update((k.strip(), action) for k in key.split(","))
        return found

    screen = {k for k in keys(RunScreen) if k not in ("tab", "shift+tab")}
    taken = {}
    for info in pkgutil.iter_modules(steps.__path__):
        module = importlib.import_module(f"workshop.tui.steps.{info.name}")
        view = getattr(module, "VIEW", None)
        if view is not None:
            taken.update({f"{info.name}: {k}": a for k, a in keys(view).items() if k in screen})
    assert taken == {}
