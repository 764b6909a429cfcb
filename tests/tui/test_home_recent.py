"""The home screen lists the sessions folder and the sessions opened recently from
anywhere else; a damaged list of recent files never stops it."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from workshop.core import places
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.run import RunScreen

from .session_fixtures import SCRIPT, ago


def _make(path, title: str, at: str):
    with Store.create(path, title=title, script=SCRIPT, lang="en", at=at):
        pass
    return path


def _listed(app) -> list[str]:
    listing = app.screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(listing.option_count)]


async def test_a_session_run_from_elsewhere_is_listed_at_home_and_opens(tmp_path):
    home_folder, elsewhere = tmp_path / "sessions", tmp_path / "client-x"
    home_folder.mkdir()
    elsewhere.mkdir()
    _make(home_folder / "old.db", "Old one", ago(7200))
    away = _make(elsewhere / "away.db", "Away session", ago(3600))
    assert places.recent() == []
    ran = make_app(away)  # `workshop run client-x/away.db`
    async with ran.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(ran.screen, RunScreen)
        await pilot.press("ctrl+q")
    assert [p for p, _ in places.recent()] == [away.resolve()]

    app = make_app(sessions_dir=home_folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # Opened last, so on top; and it says where it lives.
        assert _listed(app) == ["Away session", "Old one"]
        first = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert f"in {elsewhere.resolve()}" in first
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.live.store.path == away.resolve()
        await pilot.press("ctrl+q")


async def test_home_survives_a_damaged_recent_list_and_a_damaged_recent_file(tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    _make(folder / "mine.db", "Mine", ago(60))
    spoilt = tmp_path / "spoilt.db"
    spoilt.write_bytes(b"not a session any more")
    places.remember(spoilt)
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        # listed last, saying what is wrong, so that d can take it off the list
        assert _listed(app) == ["Mine", "spoilt.db"]
        assert "spoilt.db is not a workshop session file" in _second_lines(app)[1]
        assert str(app.screen.query_one("#home-problems", Static).render()) == ""
        await pilot.press("end", "d")
        await pilot.pause()
        assert _listed(app) == ["Mine"]
    assert places.recent(gone=True) == []
    places.recent_file().write_bytes(b"\x00{{{ not json")
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _listed(app) == ["Mine"]
        assert str(app.screen.query_one("#home-problems", Static).render()) == ""


def _second_lines(app) -> list[str]:
    listing = app.screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt).split("\n", 1)[1]
            for i in range(listing.option_count)]


def _heard(app) -> list[str]:
    said: list[str] = []
    app.notify = lambda message, **kwargs: said.append(str(message))
    return said


async def test_a_recent_session_moved_away_says_so_and_d_takes_it_off_the_list(tmp_path):
    folder, elsewhere = tmp_path / "sessions", tmp_path / "client-x"
    folder.mkdir()
    elsewhere.mkdir()
    _make(folder / "mine.db", "Mine", ago(7200))
    away = _make(elsewhere / "away.db", "Away session", ago(60))
    kept = _make(elsewhere / "kept.db", "Kept session", ago(30))
    places.remember(away)
    places.remember(kept)
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(110, 30)) as pilot:  # listed once: its title is kept
        await pilot.pause()
        assert _listed(app) == ["Kept session", "Away session", "Mine"]
        # opened from a temporary folder: the line says the system may empty it
        assert "a temporary folder, which the system may empty" in _second_lines(app)[0]
        assert "temporary" not in _second_lines(app)[2]  # the sessions folder's own
    moved = tmp_path / "usb-stick"
    moved.mkdir()
    away.rename(moved / "away.db")
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        said = _heard(app)
        # still listed, last, by its title, saying what happened and what d does
        assert _listed(app) == ["Kept session", "Mine", "Away session"]
        assert _second_lines(app)[2] == (
            f"Not found in {elsewhere.resolve()}: moved or deleted, or on a drive not "
            "plugged in. d takes it off the list.")
        listing = app.screen.query_one(OptionList)
        await pilot.press("end")
        assert listing.highlighted == 2
        assert not app.screen.check_action("replay", ())
        assert not app.screen.check_action("export", ())
        await pilot.press("enter")  # a warning, not an attempt to open it
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert said == [f"Not found in {elsewhere.resolve()}: moved or deleted, or on a "
                        "drive not plugged in. d takes it off the list."]
        await pilot.press("d")
        await pilot.pause()
        assert _listed(app) == ["Kept session", "Mine"]
        assert said[-1] == ("away.db is off the list; the file itself, wherever it is, is "
                            "untouched.")
        assert [p for p, _ in places.recent(gone=True)] == [kept.resolve()]
        # the sessions folder's own files are not the recent list's to drop
        await pilot.press("end")
        assert not app.screen.check_action("forget", ())
        await pilot.press("home")
        assert app.screen.check_action("forget", ())
    assert (moved / "away.db").is_file()


async def test_a_session_deleted_while_listed_is_not_opened_and_is_shown_gone(tmp_path):
    folder, elsewhere = tmp_path / "sessions", tmp_path / "client-x"
    folder.mkdir()
    elsewhere.mkdir()
    away = _make(elsewhere / "away.db", "Away session", ago(60))
    places.remember(away)
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(110, 30)) as pilot:
        await pilot.pause()
        said = _heard(app)
        assert _listed(app) == ["Away session"]
        away.unlink()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert said == [f"{away.resolve()} is not there any more: moved or deleted."]
        assert _second_lines(app) == [
            f"Not found in {elsewhere.resolve()}: moved or deleted, or on a drive not "
            "plugged in. d takes it off the list."]
