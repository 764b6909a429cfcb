"""The vote panel: the round opens itself, dots by key, refusals named, blind until revealed."""

from __future__ import annotations

from workshop.core.analysis import tally
from workshop.tui.screens.confirm import ConfirmScreen

from .screen_fixtures import screen_lines
from .step_fixtures import StepApp, new_store, rows, table_text, type_text


def _with_moments(tmp_path, texts=("Parking", "Queue at the till", "Paying")):
    store = new_store(tmp_path)
    mids = [store.record("moment_added", text=text).data["mid"] for text in texts]
    return store, mids


async def test_opening_the_step_opens_its_vote_with_the_scripts_rules(tmp_path):
    store, _ = _with_moments(tmp_path)
    app = StepApp(store, "vote")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "3 dots each · at most 2 per item · blind" in str(app.query_one("#round").render())
    step = [s for s in store.state.steps if s.kind == "vote"][0].index + 1  # as on screen
    assert [(r["target"], r["dots_each"], r["cap_per_item"], r["blind"], r["step_number"])
            for r in rows(store, "vote_rounds")] == [("moments", 3, 2, 1, step)]


def hint(app) -> str:
    return str(app.query_one("#hint").render())


async def test_dots_by_key_with_budget_and_cap_refused_by_name(tmp_path):
    store, mids = _with_moments(tmp_path)
    app = StepApp(store, "vote")
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.focused.id == "dots"  # typing item numbers is the quick way
        await pilot.press("shift+tab")  # the voters' row, for the keys
        assert app.focused.id == "voters"
        await pilot.press("plus", "plus", "plus")  # Ana: 2 on Parking, the 3rd passes the cap
        await pilot.pause()
        # Said on the hint line, naming the voter as the chips do; no toast, nothing written.
        assert hint(app).startswith("Ana: at most 2 dots on one item.")
        assert "Ana 2/3" in str(app.query_one("#voters").render())
        await pilot.press("down", "plus", "down", "plus")  # Ana: 4th dot passes her budget
        await pilot.pause()
        assert hint(app).startswith("Ana has no dots left (3 each).")
        assert app.messages == []
        items = app.query_one("#items")
        assert [r[2] for r in table_text(items)] == ["●●", "●", ""]
        # Blind: no totals on screen, the heading says they are hidden.
        assert [r[3] for r in table_text(items)] == ["", "", ""]
        assert items.columns["total"].label.plain == "hidden"
        # Another voter (by number): their own dots only, and the refusal is gone.
        await pilot.press("3", "plus")
        await pilot.pause()
        assert [r[2] for r in table_text(items)] == ["", "", "●"]
        assert hint(app).startswith("Luis: 2 of 3 dots left")
        # Take one back.
        await pilot.press("minus")
        await pilot.pause()
        assert "Luis 0/3" in str(app.query_one("#voters").render())
        assert "Ana 3/3 ✓" in str(app.query_one("#voters").render())
    assert {(r["participant_id"], r["moment_id"] or r["idea_id"]): r["dots"]
            for r in rows(store, "votes")} == {
        (1, mids[0]): 2, (1, mids[1]): 1}


async def test_a_read_only_look_at_an_open_vote_offers_nothing_to_press(tmp_path):
    store, mids = _with_moments(tmp_path)
    app = StepApp(store, "vote")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("shift+tab", "plus")
    app = StepApp(store, "vote", replay=True)  # as a finished session or the replay shows it
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = "".join(screen_lines(app))
        assert "Parking" in shown and "●" in shown  # the items and the voter's dot
        assert "+ dot" not in shown and "Reveal" not in shown and not app.query("Button")
        assert not app.query("#dots")


async def test_a_look_at_a_vote_step_before_its_vote_opened_shows_no_voters_or_items(tmp_path):
    store, _ = _with_moments(tmp_path)
    app = StepApp(store, "vote", replay=True)  # the replay, on the step before its vote
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        shown = "".join(screen_lines(app))
        assert "No vote was open at this point." in shown
        # Not an empty row of voters and an empty table's header (they were, until a
        # vote opened: the panel's first look had nothing to compare with).
        assert "Voter's dots" not in shown
        assert not app.query_one("#voters").display and not app.query_one("#items").display


async def test_typed_item_numbers_are_a_voters_dots_and_the_next_voter_comes_up(tmp_path):
    store, mids = _with_moments(tmp_path, ("Parking", "Queue at the till", "Paying", "Bags"))
    app = StepApp(store, "vote")
    async with app.run_test(size=(100, 30)) as pilot:

        async def line(text: str) -> None:
            await type_text(pilot, text)
            await pilot.press("enter")
            await pilot.pause()

        field = app.query_one("#dots")
        await line("2 2 3")  # Ana (the first voter): two on the queue, one on paying
        assert "Ana 3/3 ✓" in str(app.query_one("#voters").render())
        assert hint(app).startswith("Ana: 3 dots recorded.\nP2: 3 of 3 dots left")
        assert field.value == ""
        # A line that breaks a rule is refused whole, by name, and stays in the field.
        await line("2x3")
        assert hint(app).startswith("P2: at most 2 dots on one item (3 typed for item 2).")
        assert field.value == "2x3"
        await pilot.press("ctrl+u")
        await line("1 1 4 4")
        assert hint(app).startswith("P2: 4 dots typed, but each has 3.")
        await pilot.press("ctrl+u")
        await line("5")
        assert hint(app).startswith("There is no item 5 in this vote (1 to 4).")
        await pilot.press("ctrl+u")
        await line("one")
        assert hint(app).startswith("“one” is not an item number")
        await pilot.press("ctrl+u")
        await line("1, 4")  # P2 spends two of three: stays with dots left
        # Another voter by name; typing again replaces what they had.
        await line("Luis: 1 1 2")
        await line("Luis: 4")
        assert hint(app).startswith("Luis: 1 dot recorded.")
        await line("Ana: -")  # Ana takes everything back
        assert "Ana 0/3" in str(app.query_one("#voters").render())
        assert app.messages == []  # never a toast
    assert {(r["participant_id"], r["moment_id"] or r["idea_id"]): r["dots"]
            for r in rows(store, "votes")} == {
        (2, mids[0]): 1, (2, mids[3]): 1, (3, mids[3]): 1}


async def test_reveal_asks_first_then_shows_the_ranked_chart_with_ties(tmp_path):
    store, mids = _with_moments(tmp_path)
    app = StepApp(store, "vote")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rid = store.state.rounds[max(store.state.rounds)].rid
        for pid, item, n in ((1, mids[1], 2), (1, mids[2], 1), (2, mids[2], 1), (2, mids[0], 1),
                             (3, mids[1], 1)):
            for _ in range(n):
                store.record("vote_cast", rid=rid, pid=pid, item=item, delta=1)
        app.view.refresh_state()
        await pilot.press("f6")  # r on the voters' row; F6 from anywhere in the panel
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.query_one("Static").render())
        assert "Still with dots to spend: P2, Luis, P4." in question
        await pilot.press("escape")  # not yet
        await pilot.pause()
        assert not store.state.rounds[rid].revealed
        assert app.query_one("#items").display and not app.query_one("#result").display
        await pilot.press("shift+tab", "r")
        await pilot.pause()
        await pilot.press("r")  # the question's letter (Enter keeps the vote blind)
        await pilot.pause()
        assert store.state.rounds[rid].revealed
        assert not app.query_one("#items").display and app.query_one("#result").display
        chart = str(app.query_one("#chart").render()).splitlines()
        assert chart[0] == "6 dots from 3 voters"
        # The columns are named: rank, the moment's number, the moment, its dots.
        assert chart[2].split() == ["Rank", "#", "Moment", "Dots"]
        bars = [line for line in chart if "█" in line]
        # Queue 3 dots first; Paying 2; Parking 1 — each with its journey number.
        assert [line.split()[:3] for line in bars] == [["1", "2", "Queue"], ["2", "3", "Paying"],
                                                        ["3", "1", "Parking"]]
        assert bars[0].rstrip().endswith(" 3") and bars[2].rstrip().endswith(" 1")
        assert "#: the moment's number along the journey." in chart
        # No more dots once revealed: the keys are off (and gone from the footer).
        before = rows(store, "votes")
        await pilot.press("plus", "minus")
        await pilot.pause()
        assert rows(store, "votes") == before
        assert "cast" not in {b.binding.action.split("(")[0]
                              for b in app.screen.active_bindings.values()
                              if b.enabled}
    assert [r.dots for r in tally(store.state, rid).rows] == [3, 2, 1]


def _dots_held(app, store) -> list[tuple[str, str]]:
    """Per row of the items, on screen order: the chosen voter's dots and the item's
    total, as the session's votes hold them."""
    (rnd,) = [r for r in store.state.rounds.values() if not r.revealed]
    pid = app.query_one("#voters").pid
    held = []
    for row in app.query_one("#items").ordered_rows:
        item = int(row.key.value)
        total = sum(n for (rid, _, i), n in store.state.votes.items()
                    if rid == rnd.rid and i == item)
        held.append(("●" * store.state.votes.get((rnd.rid, pid, item), 0), str(total or "")))
    return held


async def test_ties_share_a_rank_and_an_open_vote_shows_live_totals(tmp_path):
    store, mids = _with_moments(tmp_path)
    store.record("idea_added", mid=mids[0], text="Valet")
    store.record("idea_added", mid=mids[2], text="Pay at the trolley")
    app = StepApp(store, "vote", nth=1)  # the vote on ideas, not blind
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("shift+tab", "plus", "2", "down", "plus")
        await pilot.pause()
        items = app.query_one("#items")
        assert [(r[1], r[3]) for r in table_text(items)] == [
            ("Valet  (moment 1)", "1"), ("Pay at the trolley  (moment 3)", "1")]
        # A dot, another voter, an undo: only the rows they touch are made again, and
        # every row shows what the votes hold.
        for key in ("plus", "3", "up", "plus", "plus", "1", "minus", "ctrl+z", "ctrl+z", "2"):
            await pilot.press(key)
            await pilot.pause()
            assert [(r[2], r[3]) for r in table_text(items)] == _dots_held(app, store), key
        await pilot.click("#reveal")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        chart = str(app.query_one("#chart").render()).splitlines()
        bars = [line for line in chart if "█" in line]
        assert [line.split()[0] for line in bars] == ["=1", "=1"]


async def test_every_voter_stays_on_screen_when_the_row_wraps(tmp_path):
    people = [{"pid": i, "pseudonym": f"P{i}", "name": name}
              for i, name in enumerate(["Ana", "Luis", "Eva", None, "Marta"], start=1)]
    store = new_store(tmp_path, participants=people)
    for text in ("Parking", "Queue at the till", "Paying"):
        store.record("moment_added", text=text)
    app = StepApp(store, "vote")
    async with app.run_test(size=(56, 24)) as pilot:  # the panel's width at 80 columns
        await pilot.press("shift+tab", "plus", "plus", "down", "plus", "2", "plus", "plus", "down",
                          "plus")
        await pilot.pause()
        # Two ticks make the row longer than the panel: it takes a second line.
        voters = app.query_one("#voters")
        assert voters.content_size.height == 2
        shown = "".join(screen_lines(app))
        assert "Marta 0/3" in shown


async def test_the_ranked_chart_gives_long_ideas_the_width_there_is(tmp_path):
    store, mids = _with_moments(tmp_path)
    long_idea = ("A second till opens by itself as soon as three people are waiting "
                 "in the queue")  # 80 characters
    store.record("idea_added", mid=mids[1], text=long_idea)
    store.record("idea_added", mid=mids[0], text="Valet")
    rid = store.record("vote_opened", step=4, target="ideas", dots=3, cap=None,
                       blind=False).data["rid"]
    store.record("vote_cast", rid=rid, pid=1, item=1, delta=2)
    store.record("vote_cast", rid=rid, pid=2, item=2, delta=1)
    store.record("votes_revealed", rid=rid)
    for size, whole in (((200, 50), True), ((80, 24), False)):
        app = StepApp(store, "vote", nth=1)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            chart = app.query_one("#chart")
            lines = str(chart.render()).splitlines()
            first = next(line for line in lines if line.lstrip().startswith("1 "))
            assert first.split()[:2] == ["1", "2"]  # rank, and the idea's moment
            assert (long_idea in first) is whole
            assert all(len(line) <= chart.size.width for line in lines)
            if not whole:  # wrapped under itself, the bar and the count on its first line
                at = lines.index(first)
                following = [line.strip() for line in lines[at + 1:at + 3]]
                assert " ".join([first.split(maxsplit=2)[2].split("█")[0].strip(),
                                 *following]).startswith(long_idea)
                assert "█" in first and first.rstrip().endswith(" 2")
                assert "…" not in "".join(lines)


def test_a_label_wraps_at_word_ends_into_three_lines_at_most():
    from workshop.tui.steps.vote import label_lines

    assert label_lines("Reserved parking for families", 12) == ["Reserved", "parking for",
                                                                 "families"]
    words = "one two three four five six seven eight"
    assert label_lines(words, 10) == ["one two", "three four", "five six…"]
    assert all(len(line) <= 10 for line in label_lines(words, 10))


def test_the_charts_heading_takes_the_languages_plural():
    from types import SimpleNamespace

    from workshop.i18n import translator
    from workshop.tui.steps.vote import ranked_chart

    state = SimpleNamespace(order=[], moments={}, ideas={})
    for lang, cast, voters, heading in (("en", 1, 1, "1 dot from 1 voter"),
                                        ("en", 3, 1, "3 dots from 1 voter"),
                                        ("es", 1, 1, "1 punto de 1 votante"),
                                        ("pt_BR", 6, 3, "6 pontos de 3 votantes")):
        result = SimpleNamespace(rows=[], cast=cast, voters=voters)
        chart = ranked_chart(result, state, translator(lang), 60)
        assert chart.plain.splitlines()[0] == heading, lang
