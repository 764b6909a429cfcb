"""A workshop whose terminal goes away ends instead of running on.

Closing a terminal window removes its pseudo-terminal, but the app is not always sent
SIGHUP (not when started through make's shell), and Textual's input thread then spins on
a device that reads nothing: a core kept busy, the session's lock held, until killed.
Here the app runs in a real pseudo-terminal with SIGHUP ignored, as it was then.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time


def _read_until(fd: int, seconds: float, wanted: bytes) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_the_app_ends_when_its_terminal_is_closed(tmp_path):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "WORKSHOP_SESSIONS": str(tmp_path),
           "WORKSHOP_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "workshop"], stdin=slave, stdout=slave, stderr=slave,
        env=env, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    os.close(slave)
    try:
        shown = _read_until(master, 60, b"No sessions here yet")  # the home screen
        assert b"No sessions here yet" in shown, shown[-400:]
        os.close(master)  # the terminal window is closed
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            raise AssertionError("the app still runs 20 s after its terminal closed") from None
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
