"""Crafted session files (tests/hostile_fixtures.py) through every command that reads one.

Each is refused with one line naming the file, exit 1, nothing started and nothing
written: show, export, replay (--at and the screen), run (live and read-only). In a
listing (list, search, compare, the home screen) that file alone is left out, with its
line, and the others are shown. The TUI commands run in this process with the app's
``run`` replaced by a failure: they must refuse before any screen exists.
"""

from __future__ import annotations

import hashlib
import sys

import pytest
from textual.app import App

from fault_fixtures import workshop
from hostile_fixtures import CRAFTED, WORD, good, make
from waiting import until
from workshop.cli import main


@pytest.fixture(autouse=True)
def no_screen(monkeypatch):
    def started(self, *args, **kwargs):
        raise AssertionError("a screen was started for a file that must be refused")
    monkeypatch.setattr(App, "run", started)


def _main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["workshop", *map(str, args)])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return exited.value.code, out.out, out.err


def _fingerprint(folder) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.mark.parametrize("case", list(CRAFTED))
def test_a_crafted_file_is_refused_in_one_line_by_every_command(case, tmp_path, monkeypatch,
                                                                capsys):
    folder = tmp_path / "received"
    folder.mkdir()
    path, said = make(case, folder)
    before = _fingerprint(folder)
    out = tmp_path / "out"
    for args in (["show", path], ["export", path, "--format", "md", "-o", out / "r.md"],
                 ["export", path, "--format", "json", "-o", out / "r.json"],
                 ["export", path, "-o", out / "r.docx"],
                 ["replay", path, "--at", "00:03"], ["replay", path],
                 ["run", path], ["run", "--read-only", path]):
        code, printed, err = _main(monkeypatch, capsys, *args)
        assert (code, printed, err.splitlines()) == (1, "", [f"Error: {said}"]), args
        assert _fingerprint(folder) == before, args
    assert not out.exists()


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """A folder a researcher received: two good sessions and every crafted file."""
    folder = tmp_path_factory.mktemp("study")
    good(folder, "2025-03-04-a.db", title="Weekly shop")
    good(folder, "2025-03-05-b.db", title="Weekend shop")
    lines = [make(case, folder)[1] for case in CRAFTED]
    return folder, lines


def test_list_search_and_compare_leave_out_each_crafted_file_alone(study, monkeypatch, capsys):
    folder, lines = study
    before = _fingerprint(folder)
    skipped = sorted(f"Skipped: {line}" for line in lines)

    code, out, err = _main(monkeypatch, capsys, "list", folder)
    assert code == 0 and sorted(err.splitlines()) == skipped
    assert sorted(row.split()[0] for row in out.splitlines()[1:]) == [
        str(folder / "2025-03-04-a.db"), str(folder / "2025-03-05-b.db")]

    # search reads the readable tables and the steps' events, not the other events
    unread = [make_line for case, make_line in zip(CRAFTED, lines, strict=True) if case in (
        "deep JSON", "time that is not one", "time past year 9999 in UTC", "oversized entry",
        "10 MB entry",
        "dots beyond any vote", "minutes beyond any step")]
    code, out, err = _main(monkeypatch, capsys, "search", WORD, folder)
    assert code == 0 and sorted(err.splitlines()) == sorted(
        f"Skipped: {line}" for line in lines if line not in unread)
    assert out.count("moment: Queue at the till") == 2 + len(unread)
    # every file it could read has a match; those skipped are not counted as searched
    assert f"in {2 + len(unread)} of {2 + len(unread)} session files" in out

    code, out, err = _main(monkeypatch, capsys, "compare", folder)
    assert code == 0 and sorted(err.splitlines()) == skipped
    assert "Queue at the till  (2 of 2 sessions)" in out

    assert _fingerprint(folder) == before


async def test_the_home_screen_lists_the_good_sessions_and_names_each_crafted_one(study,
                                                                               monkeypatch):
    from textual.widgets import OptionList, Static

    from workshop.tui.app import make_app

    monkeypatch.undo()  # this one really runs the app (headless)
    folder, lines = study
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        # The list is read as the screen first shows, which a loaded machine may not
        # have reached after one pause.
        await until(pilot, lambda: app.screen.query_one(OptionList).option_count, "the list")
        listing = app.screen.query_one(OptionList)
        titles = sorted(str(listing.get_option_at_index(i).prompt).split("\n")[0]
                        for i in range(listing.option_count))
        assert titles == ["Weekend shop", "Weekly shop"]
        problems = str(app.screen.query_one("#home-problems", Static).render()).splitlines()
        assert sorted(problems) == sorted(f"Could not read: {line}" for line in lines)


def test_workshop_run_refuses_a_crafted_file_as_a_real_process(tmp_path):
    path, said = make("looping trigger", tmp_path)
    proc = workshop("run", path)
    assert (proc.returncode, proc.stdout, proc.stderr.splitlines()) == (1, "", [f"Error: {said}"])
