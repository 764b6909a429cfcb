"""Never two writers, and nothing lost to a reader.

Real processes: a second `workshop run` of a file another process is writing gets one
line and exit 1; six processes racing to open the same file get exactly one writer; and
reading a session that this very process has open (an export or a replay from the TUI,
a search) keeps SQLite's locks, so another process cannot delete the WAL under the
writer and a crash afterwards loses nothing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from core_fixtures import new_store, sqlite_lock
from workshop.core.store import Store

TESTS = Path(__file__).parent

# Holds a session open for writing until told to stop (a line on stdin).
HOLDER = """
import sys
from workshop.core.store import Store
store = Store.open(sys.argv[1])
store.record("note_added", type="note", text="held")
print("ready", flush=True)
sys.stdin.readline()
store.close()
"""

# Waits for "go", then tries to become the writer; a writer records who it is and holds
# the file until told to stop, after every other contender has answered.
CONTENDER = """
import sys
from workshop.core.errors import SessionLockedError
from workshop.core.store import Store
print("ready", flush=True)
sys.stdin.readline()
try:
    store = Store.open(sys.argv[1])
except SessionLockedError:
    print("locked", flush=True)
else:
    store.record("note_added", type="note", text="writer " + sys.argv[2])
    print("opened", flush=True)
    sys.stdin.readline()
    store.close()
"""


def _python(code: str, *args, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kw)


def _workshop(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)


def test_a_second_workshop_run_is_refused_in_one_line_while_readers_go_on(tmp_path):
    new_store(tmp_path).close()
    path = tmp_path / "s.db"
    holder = _python(HOLDER, path)
    try:
        assert holder.stdout.readline().strip() == "ready"
        second = _workshop("run", path)
        assert second.returncode == 1
        assert second.stderr.splitlines() == [
            f"Error: {path} is already open in another window. Close it there first, or "
            f"look at it read-only with: workshop replay {path}"]
        assert second.stdout == ""
        # Reading is never refused: the running session can be shown and replayed.
        show = _workshop("show", path)
        assert show.returncode == 0 and "Supermarket" in show.stdout
        replay = _workshop("replay", path, "--at", "#5")
        assert replay.returncode == 0, replay.stderr
    finally:
        holder.communicate("stop\n", timeout=30)
    assert holder.returncode == 0, holder.stderr
    with Store.open(path) as store:  # the holder's entry is there, and nobody else's
        assert [n.text for n in store.state.notes.values()] == ["held"]


def test_of_six_processes_racing_for_a_file_exactly_one_writes(tmp_path):
    new_store(tmp_path).close()
    path = tmp_path / "s.db"
    racers = [_python(CONTENDER, path, i) for i in range(6)]
    try:
        for p in racers:
            assert p.stdout.readline().strip() == "ready"
        for p in racers:  # as close to simultaneous as the pipes allow
            p.stdin.write("go\n")
            p.stdin.flush()
        answers = [p.stdout.readline().strip() for p in racers]
    finally:
        for p in racers:
            p.communicate("stop\n", timeout=30)
    assert sorted(answers) == ["locked"] * 5 + ["opened"], [p.stderr for p in racers]
    winner = answers.index("opened")
    with Store.open(path) as store:
        assert [n.text for n in store.state.notes.values()] == [f"writer {winner}"]


def test_reading_the_open_session_in_the_same_process_keeps_sqlites_locks(tmp_path):
    # Every reader checks the file's header first. Opening and closing a descriptor of
    # a file drops all of this process's POSIX locks on it, SQLite's included.
    from workshop.core.catalog import find_sessions
    from workshop.core.compare import compare
    from workshop.core.search import parse_query, search_file
    from workshop.core.timeline import load_events
    from workshop.report import export

    readers = {
        "load_events": lambda p: load_events(p),
        "export": lambda p: export(p, tmp_path / "out.json", "json"),
        "search": lambda p: search_file(p, parse_query("parking")),
        "compare": lambda p: compare([p]),
        "list": lambda p: find_sessions(p.parent),
        "reader": lambda p: Store.open(p, readonly=True).close(),
    }
    with new_store(tmp_path) as writer:
        writer.record("moment_added", text="Parking")
        for name, read in readers.items():
            read(writer.path)
            assert sqlite_lock(writer.path) == "held", name


# A writer exports its own session by path (as the run screen does), another process
# reads the file and closes it, the writer records more, and then the power goes.
EXPORT_THEN_CRASH = """
import os, signal, subprocess, sys
from workshop.core.store import Store
from workshop.report import export
store = Store.open(sys.argv[1])
store.record("moment_added", text="before the export")
export(store.path, sys.argv[2], "json")
subprocess.run([sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                "c.execute('SELECT count(*) FROM events').fetchone(); c.close()", sys.argv[1]],
               check=True)
for i in range(5):
    print(store.record("moment_added", text=f"after {i}").id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_exporting_the_running_session_then_crashing_loses_nothing(tmp_path):
    new_store(tmp_path).close()
    path = tmp_path / "s.db"
    child = _python(EXPORT_THEN_CRASH, path, tmp_path / "out.json")
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err
    returned = [int(line) for line in out.split()]
    assert len(returned) == 5
    with Store.open(path) as store:
        ids = {e.id for e in store.events}
        assert set(returned) <= ids
        assert [m.text for m in store.state.moments.values()] == [
            "before the export", *(f"after {i}" for i in range(5))]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_killed_writer_leaves_the_file_free_for_the_next(tmp_path):
    new_store(tmp_path).close()
    path = tmp_path / "s.db"
    holder = _python(HOLDER, path)
    assert holder.stdout.readline().strip() == "ready"
    holder.kill()  # SIGKILL: no close, no cleanup; the kernel drops the lock
    holder.communicate(timeout=30)
    store = Store.open(path)
    with store:
        assert [n.text for n in store.state.notes.values()] == ["held"]
    assert os.path.exists(path)
