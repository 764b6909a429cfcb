"""Where files live: the sessions folder of an installed tool, its overrides, and the
list of sessions opened recently (a small private file that a damaged copy never stops)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from core_fixtures import new_store
from workshop.core import places

ENV_KEYS = ("XDG_DATA_HOME", "XDG_STATE_HOME")


def _run(*args, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "WORKSHOP_LANG": "en", **(env or {})})


def test_an_installed_tool_keeps_sessions_in_the_users_data_folder(tmp_path):
    data = Path(os.environ["XDG_DATA_HOME"])
    assert places.sessions_dir() == data / "workshop" / "sessions"
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    made = _run("new", "--title", "Weekly shop", "--participants", "3", cwd=one)
    assert made.returncode == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path.parent == data / "workshop" / "sessions" and path.is_file()
    assert list(one.iterdir()) == []  # no sessions/ made where the tool was started
    listed = _run("list", cwd=two)  # found from any other folder
    assert str(path) in listed.stdout and "Weekly shop" in listed.stdout
    found = _run("search", "nothing-like-this", cwd=two)
    assert found.stdout.startswith("No entry matches “nothing-like-this” in 1 session file (")
    shown = _run("show", path.stem, cwd=two)  # by name, from the sessions folder
    assert shown.returncode == 0 and "Weekly shop" in shown.stdout


def test_workshop_sessions_and_dir_choose_another_folder(tmp_path):
    by_env, by_dir = tmp_path / "env", tmp_path / "dir"
    made = _run("new", "--title", "A", cwd=tmp_path, env={"WORKSHOP_SESSIONS": str(by_env)})
    assert Path(made.stdout.strip()).parent == by_env
    made = _run("--dir", by_dir, "new", "--title", "B", cwd=tmp_path,
                env={"WORKSHOP_SESSIONS": str(by_env)})
    assert Path(made.stdout.strip()).parent == by_dir  # --dir wins
    listed = _run("--dir", by_dir, "list", cwd=tmp_path)
    assert "-a.db" not in listed.stdout and "-b.db" in listed.stdout
    assert places.sessions_dir("~/x") == Path.home() / "x"


def test_make_run_uses_the_checkouts_own_sessions_folder():
    root = Path(__file__).resolve().parent.parent
    dry = subprocess.run(["make", "-n", "-o", ".venv/.installed", "run"], cwd=root,
                         capture_output=True, text=True, timeout=60)
    assert dry.returncode == 0, dry.stderr
    assert f'WORKSHOP_SESSIONS="{root}/sessions" .venv/bin/workshop' in dry.stdout


def test_recent_sessions_are_remembered_newest_first_in_a_private_file(tmp_path):
    a = new_store(tmp_path, name="a.db")
    a.close()
    b = new_store(tmp_path, name="b.db")
    b.close()
    places.remember(tmp_path / "a.db", at="2026-11-01T10:00:00+00:00")
    places.remember(tmp_path / "b.db", at="2026-11-02T10:00:00+00:00")
    places.remember(tmp_path / "a.db", at="2026-11-03T10:00:00+00:00")  # again: on top
    assert places.recent() == [(tmp_path / "a.db", "2026-11-03T10:00:00+00:00"),
                               (tmp_path / "b.db", "2026-11-02T10:00:00+00:00")]
    state = places.recent_file()
    assert state == Path(os.environ["XDG_STATE_HOME"]) / "workshop" / "recent.json"
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.parent.stat().st_mode) == 0o700
    (tmp_path / "b.db").unlink()  # gone: not listed
    assert [p for p, _ in places.recent()] == [tmp_path / "a.db"]
    places.forget(tmp_path / "a.db")
    assert places.recent() == []


def test_at_most_thirty_recent_sessions_are_kept(tmp_path):
    for n in range(35):
        path = tmp_path / f"{n}.db"
        path.write_bytes(b"")
        places.remember(path, at=f"2026-11-01T10:{n:02d}:00+00:00")
    kept = places.recent()
    assert len(kept) == places.MOST_RECENT == 30
    assert kept[0][0] == tmp_path / "34.db" and kept[-1][0] == tmp_path / "5.db"


@pytest.mark.parametrize("content", [
    b"", b"\x00\xff garbage", b"{not json", b"[1, 2, 3]", b'{"files": "nope"}',
    b'{"files": [{"path": 3}, {"path": "relative.db", "opened": "x"}, "str", null]}',
    b'{"files": [{"path": "/tmp/\\u0000nul.db", "opened": "x"}]}',
    b"[" * 100_000, b" " * 300_000,
])
def test_a_damaged_recent_file_reads_as_nothing_and_is_replaced(tmp_path, content):
    state = places.recent_file()
    state.parent.mkdir(parents=True)
    state.write_bytes(content)
    assert places.recent() == []
    session = tmp_path / "s.db"
    session.write_bytes(b"")
    places.remember(session, at="2026-11-01T10:00:00+00:00")
    assert places.recent() == [(session, "2026-11-01T10:00:00+00:00")]
    assert json.loads(state.read_text())["files"][0]["path"] == str(session)


def test_a_state_folder_that_cannot_be_written_never_stops_anything(tmp_path, monkeypatch):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    session = tmp_path / "s.db"
    session.write_bytes(b"")
    places.remember(session)  # no exception
    assert places.recent() == []


@pytest.mark.parametrize("stored", [b"", b"{not json", b'{"folder": 3}', b'{"folder": "relative"}',
                                    b'{"folder": "/no/such/folder"}', b"\xff\xfe"])
def test_the_export_folder_falls_back_to_the_documents_folder(tmp_path, monkeypatch, stored):
    import platformdirs

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documents))
    places.state_dir().mkdir(parents=True, exist_ok=True)
    (places.state_dir() / places.EXPORTS).write_bytes(stored)
    assert places.export_folder() == documents
    documents.rmdir()  # no documents folder at all: the home folder
    assert places.export_folder() == Path.home()
    places.remember_export_folder(tmp_path)
    assert places.export_folder() == tmp_path
    assert stat.S_IMODE(os.stat(places.state_dir() / places.EXPORTS).st_mode) == 0o600
