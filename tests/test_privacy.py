"""Participants' names are personal data.

- Everything the tool writes (session files and their -wal/-shm, copies, the demo,
  every export format, the CSV folder and its files) is readable by its owner only,
  even under a umask that would let everyone read.
- No participant name ever appears in a log line, a warning or an error message: a
  session with named participants goes through the CLI's commands, succeeding and
  failing, and through the store's refusals, with the root logger at DEBUG.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from core_fixtures import SCRIPT, at
from fault_fixtures import ENV
from workshop.cli import main
from workshop.core.errors import WorkshopError
from workshop.core.store import Store
from workshop.i18n import set_language
from workshop.report import export

NAMES = ["Zorbalina Quixtep", "Øyvind Mbeki-Fairweather", "Ngozi Ałbrecht"]
PEOPLE = [{"pid": i, "pseudonym": f"P{i}", "name": n, "segment": "families"}
          for i, n in enumerate(NAMES, start=1)]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _named_session(path: Path) -> Path:
    with Store.create(path, title="Supermarket", script=SCRIPT, lang="en", participants=PEOPLE,
                      at=at(0)) as store:
        mid = store.record("moment_added", text="Queue at the till", pid=1, at=at(1)).data["mid"]
        store.record("expectation_added", mid=mid, text="Short", type="stated", pid=2, at=at(2))
        store.record("rating_given", mid=mid, pid=3, value=2, at=at(3))
        store.record("idea_added", mid=mid, text="Open more tills", pid=1, at=at(4))
        store.record("note_added", type="quote", text="I always queue", pid=2, mid=mid, at=at(5))
        store.record("vote_opened", target="moments", dots=2, cap=1, blind=True, at=at(6))
        store.record("vote_cast", rid=1, pid=1, item=mid, delta=1, at=at(7))
    return path


@pytest.fixture
def open_umask():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_everything_written_is_readable_by_its_owner_only(tmp_path, open_umask):
    path = _named_session(tmp_path / "s.db")
    assert _mode(path) == 0o600
    with Store.open(path) as store:
        for sidecar in ("-wal", "-shm"):
            assert _mode(Path(f"{path}{sidecar}")) == 0o600, sidecar
        copy = store.save_copy(tmp_path / "copies" / "copy.db")
    assert _mode(copy) == 0o600
    for fmt, out in (("docx", "r.docx"), ("md", "r.md"), ("json", "r.json"), ("csv", "r-csv")):
        written = export(path, tmp_path / "out" / out, fmt)
        if written.is_dir():
            assert _mode(written) == 0o700
            files = list(written.iterdir())
            assert len(files) > 10
        else:
            files = [written]
        for file in files:
            assert _mode(file) == 0o600, file
    # The commands, started as a user would start them, under the same umask.
    def run(*args):
        return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)], env=ENV,
                              capture_output=True, text=True, timeout=120,
                              preexec_fn=lambda: os.umask(0))
    new = run("new", "--title", "Umask", "--participants", ", ".join(NAMES), "--dir",
              tmp_path / "cli")
    assert new.returncode == 0, new.stderr
    assert _mode(Path(new.stdout.strip())) == 0o600
    demo = run("demo", "--out", tmp_path / "cli" / "demo.db")
    assert demo.returncode == 0, demo.stderr
    assert _mode(tmp_path / "cli" / "demo.db") == 0o600
    assert run("export", path, "--anonymize", "-o", tmp_path / "cli" / "a.docx").returncode == 0
    assert _mode(tmp_path / "cli" / "a.docx") == 0o600
    assert sorted(p.name for p in (tmp_path / "cli").iterdir() if p.name.startswith(".")) == []


# ---- names in logs and errors ----------------------------------------------------------


class _Everything(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def logs():
    handler, root = _Everything(), logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield handler.lines, caught
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        set_language("en")


def _cli(monkeypatch, capsys, *args) -> tuple[int, str]:
    """Run ``workshop ARGS`` in this process: its exit code and everything on stderr."""
    monkeypatch.setattr(sys, "argv", ["workshop", *map(str, args)])
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    return code, capsys.readouterr().err


def _names_in(text: str) -> list[str]:
    words = {w for name in NAMES for w in name.split()}
    return [w for w in words if w.lower() in text.lower()]


def test_no_name_in_a_log_line_or_an_error_message(tmp_path, monkeypatch, capsys, logs):
    lines, caught = logs
    monkeypatch.setenv("WORKSHOP_LANG", "en")
    path = _named_session(tmp_path / "s.db")
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(path.read_bytes()[:5000])
    (tmp_path / "logo.png").write_text("not an image")
    out = tmp_path / "out"
    commands = {  # args -> the exit code expected
        ("show", path): 0,
        ("list", tmp_path): 0,
        ("replay", path, "--at", "00:05:00"): 0,
        ("replay", path, "--at", "00:05:00", "--names"): 0,
        ("search", "queue", path): 0,
        ("search", NAMES[0].split()[0], path): 0,
        ("compare", path, path): 0,
        ("export", path, "-o", out / "r.docx"): 0,
        ("export", path, "--anonymize", "--format", "md", "-o", out / "r.md"): 0,
        ("export", path, "--format", "csv", "-o", out / "csv"): 0,
        ("export", path, "--format", "json", "-o", out / "r.json"): 0,
        ("--lang", "es", "show", path): 0,
        # ...and failing ones
        ("show", damaged): 1,
        ("export", damaged, "-o", out / "d.docx"): 1,
        ("export", path, "--logo", tmp_path / "logo.png", "-o", out / "l.docx"): 1,
        ("export", path, "-o", path): 1,
        ("replay", path, "--at", "#999"): 1,
        ("replay", path, "--at", "tomorrow"): 1,
        ("new", "--title", "T", "--script", "no-such-script", "--participants",
         ", ".join(NAMES), "--dir", tmp_path / "new"): 1,
        ("new", "--title", "T", "--participants", ", ".join(NAMES), "--dir", path): 2,  # usage
        ("compare", damaged): 1,
    }
    for args, expected in commands.items():
        code, err = _cli(monkeypatch, capsys, *args)
        assert code == expected, (args, err)
        assert not _names_in(err), (args, err)
    with Store.open(path) as store:
        assert store.state.participants[1].name == NAMES[0]  # the names are there to leak
        with pytest.raises(WorkshopError):  # a second writer
            Store.open(path)
        refusals = [
            ("vote_cast", {"rid": 1, "pid": 1, "item": 1, "delta": 1}),   # cap
            ("vote_cast", {"rid": 1, "pid": 2, "item": 1, "delta": -1}),  # nothing to take back
            ("vote_cast", {"rid": 1, "pid": 2, "item": 1, "delta": 3}),   # budget
            ("vote_cast", {"rid": 1, "pid": 9, "item": 1, "delta": 1}),
            ("rating_given", {"mid": 1, "pid": 3, "value": 9}),
            ("participant_added", {"pid": 1, "pseudonym": "P1", "name": NAMES[0]}),
            ("participant_edited", {"pid": 2, "pseudonym": " "}),
            ("moment_added", {"text": " ", "pid": 1}),
            ("idea_added", {"mid": 99, "text": "x", "pid": 1}),
            ("undo", {"target": 2}),
        ]
        for kind, data in refusals:
            with pytest.raises(WorkshopError) as refused:
                store.record(kind, **data)
            assert not _names_in(str(refused.value)), (kind, str(refused.value))
    messages = lines + [str(w.message) for w in caught]
    assert not [m for m in messages if _names_in(m)]
