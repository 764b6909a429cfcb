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
        assert _listed(app) == ["Mine"]
        problems = str(app.screen.query_one("#home-problems", Static).render())
        assert "spoilt.db is not a workshop session file" in problems
    places.recent_file().write_bytes(b"\x00{{{ not json")
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert _listed(app) == ["Mine"]
        assert str(app.screen.query_one("#home-problems", Static).render()) == ""
