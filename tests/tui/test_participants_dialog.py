"""Participants during the session (ctrl+p, "Participants…"): a name put right, consent
taken late, a latecomer added, a pseudonym taken twice refused, typed text never read
as markup, and each change an event that ctrl+z takes back."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, OptionList

from waiting import until
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.participants import ParticipantsScreen
from workshop.tui.screens.run import RunScreen
from workshop.tui.widgets.people import People

from .screen_fixtures import seen
from .step_fixtures import new_store, type_text


def _listed(app) -> list[str]:
    listing = app.screen.query_one("#people-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_names_consent_and_a_latecomer_are_recorded_from_the_dialog(tmp_path):
    store = new_store(tmp_path)  # P1 Ana, P2, P3 Luis, P4 (students)
    store.close()
    app = make_app(store.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        said: list[str] = []
        app.notify = lambda message, **kwargs: said.append(str(message))
        titles = [title for title, _help, _do in app.screen.palette_commands()]
        assert "Participants…" in titles
        app.screen.action_participants()
        await until(pilot, lambda: isinstance(app.screen, ParticipantsScreen), "the dialog")
        await pilot.pause()
        assert _listed(app) == [" 1. P1 · Ana  (no consent)", " 2. P2  (no consent)",
                                " 3. P3 · Luis  (no consent)",
                                " 4. P4 · students  (no consent)",
                                "+ Add a participant (P5)"]
        dialog = app.screen

        # consent as each gives it aloud: space on the list, saved at once
        await pilot.press("space")
        await until(pilot, lambda: dialog.live.state.participants[1].consent, "consent")
        assert _listed(app)[0] == " 1. P1 · Ana"
        assert said == ["P1: consent recorded."]
        said.clear()

        # Luis's name put right, his consent ticked: Enter on the tick saves both
        await pilot.press("down", "down", "enter")
        assert app.focused is dialog.query_one("#people-pseudonym", Input)
        assert dialog.query_one("#people-name", Input).value == "Luis"
        await pilot.press("tab", *"Luis Ortega", "tab", "tab", "space", "enter")
        await until(pilot, lambda: dialog.live.state.participants[3].consent, "the save")
        luis = dialog.live.state.participants[3]
        assert (luis.pseudonym, luis.name, luis.segment) == ("P3", "Luis Ortega", None)
        # the name he had before is kept, for the texts typed before the correction
        assert dialog.live.state.names_given[3] == ("Luis", "Luis Ortega")
        assert _listed(app)[2] == " 3. P3 · Luis Ortega"
        assert app.focused is dialog.query_one("#people-list", OptionList)

        # a pseudonym another participant has is refused, nothing recorded
        assert said == ["P3 saved."]
        before = dialog.live.state.participants
        await pilot.press("up", "enter", *"P1", "enter")
        await until(pilot, lambda: len(said) == 2, "the refusal")
        assert said[1:] == ["P1 is taken by participant 1: choose another pseudonym."]
        assert dialog.live.state.participants == before

        # a latecomer, whose name holds what would be markup: shown as typed
        listing = dialog.query_one("#people-list", OptionList)
        listing.focus()
        listing.highlighted = listing.option_count - 1
        await pilot.press("enter")
        assert app.focused is dialog.query_one("#people-name", Input)
        assert dialog.query_one("#people-pseudonym", Input).value == "P5"
        await type_text(pilot, "[b]Marta[/b]")
        await pilot.press("tab")
        await type_text(pilot, "families")
        await pilot.press("enter")
        await until(pilot, lambda: 5 in dialog.live.state.participants, "the latecomer")
        marta = dialog.live.state.participants[5]
        assert (marta.pseudonym, marta.name, marta.segment, marta.consent) == \
               ("P5", "[b]Marta[/b]", "families", False)
        assert said[2:] == ["P5 joined the session."]
        assert _listed(app)[4] == " 5. P5 · [b]Marta[/b] · families  (no consent)"
        assert _listed(app)[5] == "+ Add a participant (P6)"
        assert not dialog.query_one("#people-consent", Checkbox).value

        # back on the run screen: the side list shows both, and ctrl+z takes back the last
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        side = "\n".join(seen(app.screen.query_one(People)))
        assert "Luis Ortega" in side and "[b]Marta" in side
        await pilot.press("ctrl+z")
        await until(pilot, lambda: 5 not in app.screen.live.state.participants, "the undo")

    with Store.open(store.path, readonly=True) as again:  # all of it on disk
        assert again.state.participants[3].name == "Luis Ortega"
        assert 5 not in again.state.participants


def test_a_name_a_crafted_file_holds_is_listed_with_its_controls_shown():
    from workshop.core.state import Participant

    crafted = Participant(2, "P2", "Eve\x1b]0;pwned\x07", "\u202estudents")
    assert ParticipantsScreen._line(crafted) == \
        " 2. P2 · Eve\\x1b]0;pwned\\x07 · \\u202estudents  (no consent)"


async def test_a_latecomer_with_the_name_of_another_participant_is_refused(tmp_path):
    # Two "Ana" on the roster: "Ana: …" would always credit the first, and the vote's and
    # ratings' chips would show two alike. The fields stay as typed, to add an initial.
    store = new_store(tmp_path)  # P1 Ana, P2, P3 Luis, P4 (students)
    store.close()
    app = make_app(store.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        said: list[str] = []
        app.notify = lambda message, **kwargs: said.append(str(message))
        app.screen.action_participants()
        await until(pilot, lambda: isinstance(app.screen, ParticipantsScreen), "the dialog")
        await pilot.pause()
        dialog = app.screen
        listing = dialog.query_one("#people-list", OptionList)
        listing.highlighted = listing.option_count - 1
        await pilot.press("enter", *"ana", "enter")
        await until(pilot, lambda: said, "the refusal")
        assert said == ["Two participants are called “ana”: add an initial or a surname to "
                        "one of them, so that “ana: …” goes to the right person."]
        assert 5 not in dialog.live.state.participants
        assert dialog.query_one("#people-name", Input).value == "ana"
        await pilot.press(*" G.", "enter")
        await until(pilot, lambda: 5 in dialog.live.state.participants, "the latecomer")
        assert dialog.live.state.participants[5].name == "ana G."
