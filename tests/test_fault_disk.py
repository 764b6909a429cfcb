"""The disk says no: full, read-only. A clear message, nothing already written lost, and
the facilitator can go on in a copy elsewhere.

Disk full runs on a real 4 MB filesystem when the tests may mount one (see
``fault_fixtures.SmallDisk`` for the fallback). Read-only runs the real commands in a
process that cannot override file permissions, so chmod means something even as root.
The file deleted or replaced under a running session is in test_store.py (the store)
and tests/tui/test_app.py (the banner and "save a copy as…").
"""

from __future__ import annotations

import copy
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from core_fixtures import assert_consistent, new_store
from fault_fixtures import (
    ENV,
    SmallDisk,
    can_mount,
    error_lines,
    integrity,
    without_permission_override,
    workshop,
)
from workshop.core.errors import SaveError, SessionFileError
from workshop.core.limits import MAX_TEXT
from workshop.core.store import Store

LONG = ("A long story. " * 2000)[:MAX_TEXT]  # an entry as long as one may be


@pytest.fixture
def disk(tmp_path):
    folder = tmp_path / "disk"
    folder.mkdir()
    real = can_mount()
    if real:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)],
                       check=True)
    try:
        yield SmallDisk(folder, real)
    finally:
        if real:
            subprocess.run(["umount", "-l", str(folder)], check=True)


def _session_with_entries(folder: Path) -> Store:
    store = new_store(folder)
    mid = store.record("moment_added", text="Queue at the till", pid=1).data["mid"]
    store.record("expectation_added", mid=mid, text="Under five minutes", type="stated", pid=2)
    store.record("vote_opened", target="moments", dots=3, cap=2, blind=True)
    store.record("vote_cast", rid=1, pid=1, item=mid, delta=2)
    return store


def test_a_full_disk_mid_session_loses_nothing_and_the_session_goes_on_in_a_copy(disk, tmp_path):
    store = _session_with_entries(disk.folder)
    events, state = store.events, copy.deepcopy(store.state)
    disk.fill(store)

    with pytest.raises(SaveError) as caught:  # big enough to need space the disk lacks
        store.record("note_added", type="quote", text=LONG, pid=3)
    message = str(caught.value)
    assert message == (f"Could not save to {store.path}: the disk is full. Everything "
                       "recorded before is safe; save a copy elsewhere to go on.")
    assert store.events == events and store.state == state  # nothing half-recorded
    # What was written is intact and readable by anyone, right now.
    assert integrity(store.path) == "ok"
    with Store.open(store.path, readonly=True) as reader:
        assert reader.events == events

    # "Save a copy as…" on another disk, and the session goes on there.
    with Store.open(store.save_copy(tmp_path / "elsewhere" / "rescued.db")) as rescued:
        assert rescued.events == events
        rescued.record("note_added", type="quote", text=LONG, pid=3)
        assert_consistent(rescued)

    # Space freed: the original file goes on too, whole.
    disk.free(store)
    store.record("note_added", type="note", text="Space again")
    assert_consistent(store)
    store.close()
    assert integrity(disk.folder / "s.db") == "ok"


def test_creating_a_session_on_a_full_disk_says_so_and_leaves_nothing(disk, monkeypatch):
    if disk.real:
        disk.fill()
    else:  # no store to cap yet: the schema's first write fails as a full disk fails
        import sqlite3

        from workshop.core import schema

        def full(db):
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(schema, "create", full)
    with pytest.raises(SaveError) as caught:
        new_store(disk.folder)
    assert str(caught.value) == f"Could not create {disk.folder / 's.db'}: the disk is full."
    assert disk.files() == []  # not even the hidden file it was being built in


def test_creating_where_there_are_no_hard_links_still_leaves_one_whole_file(tmp_path, monkeypatch):
    # A session appears by a hard link from its hidden building file; FAT sticks and some
    # shares refuse links, and then the name is claimed and the file moved onto it.
    import errno

    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    with new_store(tmp_path) as store:
        store.record("moment_added", text="Parking")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
    with Store.open(tmp_path / "s.db", readonly=True) as again:
        assert len(again.state.participants) == 3
    with pytest.raises(SessionFileError, match="already exists"):
        new_store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]


def test_an_export_to_a_full_disk_says_so_and_keeps_the_earlier_report(disk, tmp_path):
    _session_with_entries(tmp_path).close()
    session, out = tmp_path / "s.db", disk.folder / "report.json"
    assert workshop("export", session, "--format", "json", "-o", out).returncode == 0
    before = out.read_bytes()
    if disk.real:
        disk.fill()
        limit = None
    else:  # the same refusal (EFBIG): a file-size limit on the exporting process, above
        limit = 64 * 1024  # what reading the session needs (its 32 KB -shm), below the report
    big = tmp_path / "big.db"
    with _session_with_entries(tmp_path / "big") as store:  # a longer report than before
        for i in range(100):
            store.record("note_added", type="note", text=f"Note {i} " + "words " * 200)
    os.replace(tmp_path / "big" / "s.db", big)

    def limited():
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run([sys.executable, "-m", "workshop", "export", str(big), "--format",
                           "json", "-o", str(out)], capture_output=True, text=True, env=ENV,
                          stdin=subprocess.DEVNULL, timeout=120,
                          preexec_fn=limited if limit else None)
    assert proc.returncode == 1
    assert error_lines(proc.stderr) == [f"Error: Could not write {out}: the disk is full."]
    assert out.read_bytes() == before
    assert disk.files() == ["report.json"]  # no half-written temporary file left


def _lock_down(folder: Path) -> None:
    for path in folder.iterdir():
        os.chmod(path, 0o444)
    os.chmod(folder, 0o555)


def test_a_session_in_a_read_only_folder_is_read_but_never_written(tmp_path):
    folder, out = tmp_path / "ro", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    _session_with_entries(folder).close()
    path = folder / "s.db"
    before = path.read_bytes()
    _lock_down(folder)
    try:
        run = workshop("run", path, unprivileged=True)
        assert run.returncode == 1 and len(run.stderr.splitlines()) == 1
        assert str(path) in run.stderr and "read-only" in run.stderr
        assert "Traceback" not in run.stderr
        new = workshop("new", "--dir", folder, "--title", "Another", unprivileged=True)
        assert new.returncode == 1
        assert new.stderr.startswith(f"Error: Could not create {folder}/")
        assert new.stderr.rstrip().endswith(": the file or its folder cannot be written.")

        show = workshop("show", path, unprivileged=True)
        assert show.returncode == 0 and "Queue at the till" in show.stdout
        exported = workshop("export", path, "--format", "json", "-o", out / "s.json",
                            unprivileged=True)
        assert exported.returncode == 0, exported.stderr
        data = json.loads((out / "s.json").read_text(encoding="utf-8"))
        assert [m["text"] for m in data["tables"]["moments"]] == ["Queue at the till"]
        refused = workshop("export", path, "--format", "md", "-o", folder / "s.md",
                           unprivileged=True)
        assert refused.returncode == 1
        # The blind vote was never revealed: export says so first (as the export form asks).
        assert error_lines(refused.stderr) == [
            "Vote 1 was never revealed: the report leaves its dots out and says so.",
            f"Error: Could not write {folder / 's.md'}: the file or its folder cannot be written."]
        # A copy where one can write goes on as a normal session.
        saved = subprocess.run(
            [sys.executable, "-c", "import sys; from workshop.core.store import Store\n"
             "with Store.open(sys.argv[1], readonly=True) as s:\n    s.save_copy(sys.argv[2])\n"
             "with Store.open(sys.argv[2]) as c:\n    c.record('moment_added', text='Exit')\n",
             str(path), str(out / "copy.db")], capture_output=True, text=True, env=ENV,
            preexec_fn=without_permission_override, timeout=60)
        assert saved.returncode == 0, saved.stderr
        with Store.open(out / "copy.db", readonly=True) as copy:
            assert [m.text for m in copy.state.moments.values()] == ["Queue at the till", "Exit"]
        assert path.read_bytes() == before and sorted(os.listdir(folder)) == ["s.db"]
    finally:
        os.chmod(folder, 0o755)


# Records, then the folder and file become read-only while the session runs (a share
# remounted, a permission change), then records more and is killed or closes.
UNDER_A_RUNNING_SESSION = """
import os, signal, sys
from pathlib import Path
from workshop.core.store import Store
path = Path(sys.argv[1])
store = Store.open(path)
for i in range(3):
    print(store.record("moment_added", text=f"before {i}").id, flush=True)
os.chmod(path, 0o444)
os.chmod(path.parent, 0o555)
for i in range(3):
    print(store.record("moment_added", text=f"after {i}").id, flush=True)
if sys.argv[2] == "crash":
    os.kill(os.getpid(), signal.SIGKILL)
store.close()
"""


@pytest.mark.parametrize("end", ["crash", "close"])
def test_a_folder_made_read_only_under_a_running_session_loses_nothing(tmp_path, end):
    # An open file stays writable whatever its permissions become, so recording goes
    # on; what matters is that all of it is there for whoever opens the file next.
    folder = tmp_path / "ro"
    folder.mkdir()
    new_store(folder).close()
    path = folder / "s.db"
    try:
        proc = subprocess.run([sys.executable, "-c", UNDER_A_RUNNING_SESSION, str(path), end],
                              capture_output=True, text=True, env=ENV, timeout=60,
                              preexec_fn=without_permission_override)
        assert proc.returncode == (-signal.SIGKILL if end == "crash" else 0), proc.stderr
        assert len(proc.stdout.split()) == 6
        show = workshop("show", path, unprivileged=True)  # a reader who cannot write either
        assert show.returncode == 0, show.stderr
        for text in ("before 0", "before 2", "after 0", "after 2"):
            assert text in show.stdout
        assert workshop("run", path, unprivileged=True).returncode == 1
    finally:
        os.chmod(folder, 0o755)
        os.chmod(path, 0o600)
    with Store.open(path) as store:
        assert {e.id for e in store.events} >= {int(i) for i in proc.stdout.split()}
        assert_consistent(store)
    assert integrity(path) == "ok"
