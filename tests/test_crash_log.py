"""A crash in a command: one line, a private log with pseudonyms, a non-zero exit."""

from __future__ import annotations

import stat
import subprocess
import sys

from fault_fixtures import ENV
from workshop.core.crash import pseudonymise
from workshop.core.store import Store

SCRIPT = {"name": "tiny", "title": "Tiny", "lang": "en", "dots": 3, "cap": None,
          "minutes": 10, "steps": [{"title": "Talk", "kind": "discussion", "minutes": 10,
                                    "body": "Talk."}]}

# `workshop show FILE` in its own process, with the summary broken so that it raises an
# exception quoting a participant's name, as a real bug might.
INDUCED = """
import sys
import workshop.core.summary as summary

def broken(state):
    raise KeyError("no moment for " + state.participants[1].name)

summary.plain_summary = broken
sys.argv = ["workshop", "show", sys.argv[1]]
from workshop.cli import main
main()
"""


def test_a_crash_in_a_command_prints_one_line_and_logs_under_pseudonyms(tmp_path):
    path = tmp_path / "s.db"
    people = [{"pid": 1, "pseudonym": "P1", "name": "Zelda Quintana", "segment": None},
              {"pid": 2, "pseudonym": "P2", "name": "Ana María", "segment": "families"}]
    with Store.create(path, title="Shoppers", script=SCRIPT, lang="en", participants=people):
        pass
    state = tmp_path / "state"
    proc = subprocess.run([sys.executable, "-c", INDUCED, str(path)], capture_output=True,
                          text=True, timeout=60, env={**ENV, "XDG_STATE_HOME": str(state)})
    assert proc.returncode == 1
    assert proc.stdout == ""
    logs = list((state / "workshop" / "log").glob("crash-*.log"))
    assert len(logs) == 1
    log = logs[0]
    assert proc.stderr == (
        "workshop stopped on an unexpected error. Everything saved before it is safe. "
        f"Details, with participants' names replaced by pseudonyms: {log}\n")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    text = log.read_text(encoding="utf-8")
    assert "KeyError: 'no moment for P1'" in text
    assert "command: workshop show" in text and str(path) not in text.split("\n\n")[0]
    for word in ("Zelda", "Quintana"):
        assert word not in text


def test_a_log_folder_that_cannot_be_written_still_gives_one_line(tmp_path, monkeypatch):
    from workshop.core import crash

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    monkeypatch.setattr(crash, "_folders", lambda: [blocked / "log", blocked / "tmp"])
    line = crash.report(RuntimeError("bug"))
    assert "\n" not in line and "could not be written to a log file" in line


def test_a_shared_folder_someone_else_can_write_is_not_used(tmp_path, monkeypatch):
    from workshop.core import crash

    open_folder = tmp_path / "open"
    open_folder.mkdir()
    open_folder.chmod(0o777)
    mine = tmp_path / "mine"
    monkeypatch.setattr(crash, "_folders", lambda: [open_folder, mine])
    path = crash.write_log(RuntimeError("bug"))
    assert path is not None and path.parent == mine
    assert list(open_folder.iterdir()) == []


def test_names_become_pseudonyms_whole_words_any_case_parts_too():
    names = {"Ana María López": "P2", "Li": "P3", "Zoë": "P4"}
    text = ("Ana María López said; ana maría lópez again; López alone; María alone; "
            "Banana and Maríachi stay; Li and li as words; client stays; ZOË")
    assert pseudonymise(text, names) == (
        "P2 said; P2 again; P2 alone; P2 alone; "
        "Banana and Maríachi stay; P3 and P3 as words; client stays; P4")


def test_the_log_folder_follows_xdg_state_home(tmp_path, monkeypatch):
    from workshop.core import crash

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert crash.log_folder() == tmp_path / "workshop" / "log"


def test_a_name_is_replaced_in_the_log_however_its_accents_were_typed():
    # the log goes to whoever fixes the bug: "Jose" typed for José is still José
    names = {"José Núñez": "P1", "Ana Ruiz": "P2", "Ana Gil": "P3"}
    assert pseudonymise("jose nunez; Jose; NUNEZ; Ana; Ruiz", names) == (
        "P1; P1; P1; [name]; P2")


def test_names_of_a_session_read_before_the_collector_was_frozen_are_found(tmp_path):
    """While the room is open, what was in memory is frozen out of the collector's reach
    (gc.freeze), and gc.get_objects() no longer lists it: a crash then wrote the
    participants' names into the log as they are."""
    import gc

    from workshop.core.crash import known_names

    people = [{"pid": 1, "pseudonym": "P1", "name": "Zelda Quintana", "segment": None}]
    with Store.create(tmp_path / "s.db", title="Shoppers", script=SCRIPT, lang="en",
                      participants=people) as store:
        gc.freeze()
        try:
            assert known_names().get("Zelda Quintana") == "P1"
            assert store.state.participants[1].name == "Zelda Quintana"
        finally:
            gc.unfreeze()
