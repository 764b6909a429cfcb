"""A paste of several lines: nothing is dropped, and what happens to them is said.

An entry field asks (each line an entry / joined into one / cancel); a field that holds
one value (a note, a title, the list of participants) joins them and says so.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from workshop.tui.app import make_app
from workshop.tui.screens.new_session import NewSessionScreen
from workshop.tui.screens.pasted_lines import PastedLinesScreen

from .burst_fixtures import keys, rows, session_on_moments

NOTES = "- Queue at the till\n\n- Staff were friendly\n- 3: Parking was full\n"


def moments(path) -> list[tuple[str, int | None]]:
    return [(m["text"], m["participant_id"]) for m in rows(path, "moments")]


async def test_each_pasted_line_becomes_an_entry_after_the_dialog_shows_them(tmp_path, notices):
    path = session_on_moments(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(events.Paste(NOTES))
        await pilot.pause()
        assert isinstance(app.screen, PastedLinesScreen)
        dialog = app.screen
        assert str(dialog.query_one(".dialog-title", Static).content) == "3 lines pasted"
        assert str(dialog.query_one("#pasted-lines", Static).content).splitlines() == [
            "  1  Queue at the till", "  2  Staff were friendly", "  3  3: Parking was full"]
        assert "Empty lines left out: 1." in [str(s.content) for s in dialog.query(Static)]
        assert moments(path) == []  # nothing saved before the choice
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.id == "entry" and app.focused.value == ""
        assert "Added 3 entries, one per pasted line." in notices
    assert moments(path) == [("Queue at the till", None), ("Staff were friendly", None),
                             ("Parking was full", 3)]


async def test_joined_lines_wait_in_the_field_and_cancel_keeps_what_was_typed(tmp_path):
    path = session_on_moments(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("2", ":", "space")
        app.post_message(events.Paste("Queue too long\nstaff friendly"))
        await pilot.pause()
        await pilot.press("escape")  # cancel: nothing added, the field as it was
        await pilot.pause()
        assert app.focused.value == "2: " and moments(path) == []
        app.post_message(events.Paste("Queue too long\nstaff friendly"))
        await pilot.pause()
        await pilot.press("2")  # join
        await pilot.pause()
        assert app.focused.value == "2: Queue too long; staff friendly"
        assert moments(path) == []
        await pilot.press("enter")
        await pilot.pause()
    assert moments(path) == [("Queue too long; staff friendly", 2)]


async def test_keys_after_a_paste_wait_for_the_choice_and_the_entries(tmp_path):
    """A paste, the choice and more typing in one burst: each in its turn."""
    path = session_on_moments(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        burst = [events.Paste("first line\nsecond line"), events.Key("enter", "\r"),
                 *keys("typed after"), events.Key("enter", "\r"),
                 events.Paste("a\nb"), events.Key("2", "2"), events.Key("enter", "\r")]
        for event in burst:
            app.post_message(event)
        for _ in range(3):
            await pilot.pause()
    assert [m for m, _ in moments(path)] == ["first line", "second line", "typed after", "a; b"]


async def test_a_refused_line_stays_in_the_field_and_the_message_says_what_was_added(tmp_path,
                                                                                   notices):
    path = session_on_moments(tmp_path)  # no moments: an expectation has nowhere to go
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert app.focused.id == "stated"
        app.post_message(events.Paste("fast service\nfriendly staff\nclean floors"))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == "fast service"
        assert "Add moments first, in the moments step." in notices
        assert ("Added 0 of 3 pasted lines: line 1 was refused and is in the field; the "
                "lines after it were not added.") in notices
    assert rows(path, "expectations") == []


async def test_a_field_for_one_value_joins_the_lines_and_says_so(tmp_path, notices):
    path = session_on_moments(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")  # a note: one text
        await pilot.pause()
        app.post_message(events.Paste("It took ages.\nNobody helped\n"))
        await pilot.pause()
        assert app.focused.id == "note-text"
        assert app.focused.value == "It took ages. Nobody helped"
        assert "2 pasted lines joined into one." in notices


async def test_a_pasted_list_of_names_becomes_the_participants_list(tmp_path):
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        app.screen.query_one("#new-people").focus()
        await pilot.pause()
        app.post_message(events.Paste("Ana (families)\nLuis\n\nP3\n"))
        await pilot.pause()
        assert app.focused.value == "Ana (families), Luis, P3"
        assert str(app.screen.query_one("#new-people-hint", Static).content).startswith(
            "Participants: 3")


async def test_a_paste_of_a_whole_document_is_only_offered_joined(tmp_path):
    path = session_on_moments(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.post_message(events.Paste("\n".join(f"line {i}" for i in range(1, 61))))
        await pilot.pause()
        assert isinstance(app.screen, PastedLinesScreen)
        texts = [str(s.content) for s in app.screen.query(Static)]
        assert ("More than 50 lines cannot be added one by one: join them, or cancel and "
                "paste fewer.") in texts
        assert not app.screen.query("#pasted-entries")
        await pilot.press("enter")  # not an option here: nothing added
        await pilot.pause()
        assert isinstance(app.screen, PastedLinesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused.id == "entry" and app.focused.value == ""
    assert moments(path) == []
