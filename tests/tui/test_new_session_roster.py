"""The new-session form holds the roster to the same rule as `workshop new`."""

from __future__ import annotations

from click.testing import CliRunner
from textual.widgets import Input, SelectionList, Static

from workshop.cli import cli
from workshop.core.errors import RuleError
from workshop.tui.app import make_app
from workshop.tui.screens.new_session import NewSessionScreen

NAMES_31 = ", ".join(f"Person{i} Surname" for i in range(1, 32))


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def cli_message(participants: str, tmp_path) -> str:
    """What `workshop new` says (main() prints the RuleError as one line)."""
    result = CliRunner().invoke(cli, ["new", "--title", "T", "--participants", participants,
                                      "--dir", str(tmp_path / "cli")])
    assert isinstance(result.exception, RuleError)
    return str(result.exception)


async def open_form(pilot):
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, NewSessionScreen)


async def test_typing_31_is_refused_in_the_form_with_the_message_of_workshop_new(tmp_path):
    expected = cli_message("31", tmp_path)
    assert "At most 30 participants" in expected
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        app.screen.query_one("#new-session-title", Input).value = "Shoppers"
        app.screen.query_one("#new-people", Input).focus()
        await pilot.press("3", "1")  # typed key by key: the hint follows every key
        await pilot.pause()
        assert shown(app, "#new-people-hint") == expected
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)  # still there, nothing created
        assert shown(app, "#new-error") == expected
        assert app.screen.query_one("#new-people", Input).value == "31"  # nothing lost
        assert app.focused.id == "new-people"
    assert list(tmp_path.glob("*.db")) == []
    assert app.crash_line is None


async def test_31_names_are_refused_and_the_ticks_come_back_when_the_list_is_fixed(tmp_path):
    expected = cli_message(NAMES_31, tmp_path)
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_form(pilot)
        people = app.screen.query_one("#new-people", Input)
        people.value = "Ana, Luis"
        await pilot.pause()
        consent = app.screen.query_one("#new-consent", SelectionList)
        consent.select(1)  # Ana gave consent
        await pilot.pause()
        people.value = NAMES_31  # a pasted list one too long
        await pilot.pause()
        assert shown(app, "#new-people-hint") == expected
        app.screen.query_one("#new-session-title", Input).value = "Shoppers"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shown(app, "#new-error") == expected
        assert people.value == NAMES_31
        people.value = "Ana, Luis"
        await pilot.pause()
        assert shown(app, "#new-people-hint").startswith("Participants: 2")
        assert consent.selected == [1]
    assert list(tmp_path.glob("*.db")) == []
