"""Bad session files through every command that reads one: show, list, export, replay
(board and screen) and run. Each gives one line naming the file and what is wrong, a
non-zero exit, no traceback, and leaves the file (and its folder) exactly as it was.

The commands that open the TUI (run, replay without --at) run as real processes: they
must fail before any screen starts. The others run in this process through ``main()``,
the same entry point as the installed command, which is much faster.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import subprocess
import sys

import pytest
import sqlite_utils

from core_fixtures import new_store
from fault_fixtures import workshop
from workshop.cli import main
from workshop.core.schema import SCHEMA_VERSION


def _session(folder):
    with new_store(folder) as store:
        store.record("moment_added", text="Queue at the till")
        for i in range(60):  # enough pages that a cut file misses some
            store.record("note_added", type="note", text=f"Note {i} " + "words " * 40)
    return folder / "s.db"


def _bytes(content: bytes):
    def make(folder):
        (folder / "s.db").write_bytes(content)
        return folder / "s.db"
    return make


def _truncated(folder):
    path = _session(folder)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def _other_program(folder):  # a browser's history, say
    db = sqlite_utils.Database(folder / "s.db")
    db["moz_places"].insert({"id": 1, "url": "https://example.org", "visit_count": 3}, pk="id")
    db.close()
    return folder / "s.db"


def _other_meta(folder):  # another program that also calls a table "meta"
    db = sqlite_utils.Database(folder / "s.db")
    db["meta"].insert({"id": 1, "blob": b"\x00\x01"}, pk="id")
    db["events"].insert({"id": 1, "what": "click"}, pk="id")
    db.close()
    return folder / "s.db"


def _edited(sql: str):
    def make(folder):
        path = _session(folder)
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.close()
        return path
    return make


NOISE = random.Random(6).randbytes(8192)

# case -> (how to make it, what the one line says after the path)
BAD = {
    "empty": (_bytes(b""), " is empty: it is not a session file."),
    "text": (_bytes(b"moment,votes\nQueue,3\n"), " is not a workshop session file."),
    "random bytes": (_bytes(NOISE), " is not a workshop session file."),
    "header then noise": (_bytes(b"SQLite format 3\x00" + NOISE),
                          " is damaged (file is not a database)."),
    "truncated": (_truncated, " is damaged (database disk image is malformed)."),
    "another program": (_other_program, " is a SQLite file, but not a workshop session."),
    "another meta": (_other_meta, " is a SQLite file, but not a workshop session."),
    "newer schema": (_edited("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                             "VALUES ('workshop', 'm999_future', '2031-01-01');"),
                     f" was written by a newer version of workshop (schema {SCHEMA_VERSION + 1}; "
                     f"this one reads up to {SCHEMA_VERSION}). Update workshop to open it."),
    "missing table": (_edited("DROP TABLE ratings;"),
                      " is damaged: the table ratings is missing."),
    "missing events": (_edited("DROP TABLE events;"), " is damaged: the table events is missing."),
    "damaged event": (_edited("UPDATE events SET data = '{\"text\": ' WHERE id = 5;"),
                      " is damaged (event 5 cannot be read)."),
    # A kind of change a newer version added: not damage, an old version.
    "newer event kind": (_edited("UPDATE events SET kind = 'mood_rated' WHERE id = 5;"),
                         " holds a kind of change this version of workshop does not know "
                         "(“mood_rated”, event 5): it was probably written by a newer version. "
                         "Update workshop to open it."),
    # A name no version of workshop writes: damage (and never echoed whole).
    "unknown event kind": (_edited("UPDATE events SET kind = 'Mood Rated!' WHERE id = 5;"),
                           " is damaged (event 5: it is of an unknown kind “Mood Rated!”)."),
}


def _fingerprint(folder) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def _main(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["workshop", *map(str, args)])
    with pytest.raises(SystemExit) as exited:
        main()
    out = capsys.readouterr()
    return exited.value.code, out.out, out.err


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_is_one_line_in_every_command_and_left_as_it_was(case, tmp_path,
                                                                   monkeypatch, capsys):
    folder = tmp_path / "sessions"
    folder.mkdir()
    make, said = BAD[case]
    path = make(folder)
    before = _fingerprint(folder)
    line = f"Error: {path}{said}"

    for args in (["show", path], ["export", path, "--format", "md", "-o", tmp_path / "r.md"],
                 ["export", path, "--format", "json", "-o", tmp_path / "r.json"],
                 ["replay", path, "--at", "00:10"]):
        code, out, err = _main(monkeypatch, capsys, *args)
        assert (code, out, err.splitlines()) == (1, "", [line]), args
        assert _fingerprint(folder) == before, args
    assert not (tmp_path / "r.md").exists() and not (tmp_path / "r.json").exists()

    code, out, err = _main(monkeypatch, capsys, "list", folder)
    assert code == 1 and out == ""
    assert err.splitlines() == [f"Skipped: {path}{said}", "Error: No session file could be read."]

    def no_screen(*_args, **_kwargs):
        raise AssertionError("the TUI started for a bad file")

    monkeypatch.setattr("textual.app.App.run", no_screen)  # the TUI must not even start
    for args in (["run", path], ["replay", path]):
        code, out, err = _main(monkeypatch, capsys, *args)
        assert (code, out, err.splitlines()) == (1, "", [line]), args
    assert _fingerprint(folder) == before


REFUSED = """import sys
from workshop.cli import main
sys.argv = ["workshop", *sys.argv[1:]]
try:
    main()
except SystemExit as exc:
    print(exc.code, "textual" in sys.modules)
"""


def test_run_and_replay_refuse_a_bad_file_before_the_screens_are_even_loaded(tmp_path):
    """A refused file is said at once: the file is read before Textual is imported (a
    second's worth of loading for nothing, each time)."""
    bad = tmp_path / "s.db"
    bad.write_bytes(b"moment,votes\n")
    for command in ("run", "replay"):
        proc = subprocess.run([sys.executable, "-c", REFUSED, command, str(bad)],
                              capture_output=True, text=True, timeout=60)
        assert proc.stdout.split() == ["1", "False"], (command, proc.stderr)
        assert proc.stderr.splitlines() == [f"Error: {bad} is not a workshop session file."]


@pytest.mark.parametrize("kind", ["named pipe", "link to a device"])
def test_a_pipe_or_a_device_named_like_a_session_is_refused_without_being_read(kind, tmp_path):
    """Opening a named pipe to read it waits for a writer that never comes: show, and the
    listing of its folder (list, the home screen), hung on one."""
    folder = tmp_path / "sessions"
    folder.mkdir()
    _session(folder)
    odd = folder / "odd.db"
    if kind == "named pipe":
        os.mkfifo(odd)
    else:
        odd.symlink_to("/dev/zero")
    said = f"{odd} is a {'named pipe' if kind == 'named pipe' else 'device'}, not a file."
    proc = workshop("show", odd)
    assert (proc.returncode, proc.stdout, proc.stderr.splitlines()) == (1, "", [f"Error: {said}"])
    proc = workshop("list", folder)
    assert proc.returncode == 0 and proc.stderr.splitlines() == [f"Skipped: {said}"]
    assert [row.split()[0] for row in proc.stdout.splitlines()[1:]] == [str(folder / "s.db")]
