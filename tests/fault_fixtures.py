"""Helpers for the fault tests: the real command in a subprocess, a user who cannot
override file permissions (even when the tests run as root), and a small filesystem."""

from __future__ import annotations

import ctypes
import functools
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ENV = {**os.environ, "WORKSHOP_LANG": "en"}
# "  15%  Laying out the report": an export that takes over half a second (a busy
# machine) shows its progress on stderr, beside any error.
_PROGRESS = re.compile(r"^\s*\d+%  ")


def error_lines(stderr: str) -> list[str]:
    """The lines of stderr that are not export progress."""
    return [line for line in stderr.splitlines() if not _PROGRESS.match(line)]


def workshop(*args, unprivileged: bool = False, **kw) -> subprocess.CompletedProcess:
    """``workshop ARGS`` as a user would run it: its own process, no terminal."""
    kw.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run([sys.executable, "-m", "workshop", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=ENV,
                          preexec_fn=without_permission_override if unprivileged else None, **kw)


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


# ---- a process for which chmod means something ---------------------------------------
# As root, chmod forbids nothing: CAP_DAC_OVERRIDE lets root write anywhere. A child
# that drops that capability (and CAP_DAC_READ_SEARCH) from every set, the bounding
# set included so its own children cannot get it back, is refused like any user, yet
# still reads the interpreter under /root. For a non-root user this changes nothing.
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2
_PR_CAPBSET_DROP = 24
_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def without_permission_override() -> None:
    """preexec_fn: drop root's power to ignore file permissions (no-op for a user)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    caps = (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH)
    for cap in caps:
        libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)
    header, data = _CapHeader(_CAPABILITY_VERSION_3, 0), (_CapData * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    for cap in caps:
        word, bit = divmod(cap, 32)
        for field in ("effective", "permitted", "inheritable"):
            setattr(data[word], field, getattr(data[word], field) & ~(1 << bit))
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


# ---- a small filesystem --------------------------------------------------------------


@functools.cache
def can_mount() -> bool:
    """Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN, as in the CI
    container); where it may not, the disk-full tests fill the file instead."""
    if os.geteuid() != 0 or sys.platform != "linux":
        return False
    with tempfile.TemporaryDirectory() as folder:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder],
                            capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", folder], check=True)
    return ok


class SmallDisk:
    """A folder whose disk can be filled up and freed again.

    Real (a 4 MB tmpfs of its own, filled with a ballast file until ENOSPC) when the
    tests may mount one; otherwise the session file is capped with SQLite's
    ``max_page_count``, which fails a write with SQLITE_FULL, the very error SQLite
    turns ENOSPC into, so the store goes down the same path.
    """

    def __init__(self, folder: Path, real: bool):
        self.folder, self.real = folder, real
        self._ballast = folder / "ballast"

    def fill(self, store=None) -> None:
        if self.real:
            fd = os.open(self._ballast, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                while True:
                    os.write(fd, b"\0" * 65536)
            except OSError:
                pass
            try:  # the last few bytes
                while True:
                    os.write(fd, b"\0" * 512)
            except OSError:
                pass
            finally:
                os.close(fd)
        else:
            pages = store.db.execute("PRAGMA page_count").fetchone()[0]
            store.db.execute(f"PRAGMA max_page_count={pages}")

    def free(self, store=None) -> None:
        if self.real:
            self._ballast.unlink()
        else:
            store.db.execute("PRAGMA max_page_count=1073741823")

    def files(self) -> list[str]:
        return sorted(p.name for p in self.folder.iterdir() if p != self._ballast)
