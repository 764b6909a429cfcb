"""A crash in the TUI: one line on the terminal, the details in a private log with
pseudonyms for names, and a non-zero exit."""

from __future__ import annotations

import stat

import pytest
from textual.widgets import Input

from workshop.cli.tui import exit_if_crashed
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.new_session import NewSessionScreen
from workshop.tui.screens.run import RunScreen

from .session_fixtures import SCRIPT

NAME = "Zelda Quintana"


@pytest.fixture
def logs(tmp_path, monkeypatch):
    folder = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder / "workshop" / "log"


def only_log(folder):
    found = list(folder.glob("crash-*.log"))
    assert len(found) == 1, found
    path = found[0]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    return path, path.read_text(encoding="utf-8")


def assert_one_line_and_no_names(app, capfd, log, *names: str) -> None:
    """Textual printed nothing; the command prints the app's one line and exits 1."""
    assert capfd.readouterr().err == ""
    with pytest.raises(SystemExit) as stop:
        exit_if_crashed(app)
    assert stop.value.code == 1
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and str(log) in err
    assert "unexpected error" in err
    for name in names:
        assert name not in err
        for word in name.split():
            assert word not in err


async def test_a_crash_on_the_run_screen_is_logged_under_pseudonyms(tmp_path, logs, monkeypatch,
                                                                    capfd):
    path = tmp_path / "s.db"
    people = [{"pid": 1, "pseudonym": "P1", "name": NAME, "segment": None},
              {"pid": 2, "pseudonym": "P2", "name": "Luis", "segment": None}]
    with Store.create(path, title="Shoppers", script=SCRIPT, lang="en", participants=people):
        pass

    def broken(self):
        who = self.live.store.state.participants[1].name
        raise RuntimeError(f"induced failure while showing {who}")

    monkeypatch.setattr(RunScreen, "action_toggle_guide", broken)
    app = make_app(path, sessions_dir=tmp_path)
    with pytest.raises(RuntimeError):  # run_test hands the crash on to the test
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            await pilot.press("f4")
            await pilot.pause()
    app.initial_store.close()
    assert app.return_code == 1
    log, text = only_log(logs)
    assert "RuntimeError: induced failure while showing P1" in text
    assert "in broken" in text  # where it happened is in the log
    assert "Zelda" not in text and "Quintana" not in text
    assert_one_line_and_no_names(app, capfd, log, NAME)


async def test_a_crash_on_the_new_session_form_hides_the_names_typed_so_far(tmp_path, logs,
                                                                          monkeypatch, capfd):
    def broken(self, text):
        raise ValueError(f"cannot list {text}")

    monkeypatch.setattr(NewSessionScreen, "_roster_changed", broken)
    app = make_app(sessions_dir=tmp_path)
    with pytest.raises(ValueError):
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one("#new-people", Input).value = f"{NAME} (families), Begoña"
            await pilot.pause()
    assert app.return_code == 1
    log, text = only_log(logs)
    assert "ValueError: cannot list P1 (families), P2" in text
    assert "Zelda" not in text and "Begoña" not in text
    assert_one_line_and_no_names(app, capfd, log, NAME, "Begoña")
