"""One writer per session file: the lock a running session holds on its file.

Closing *any* descriptor of a file drops every POSIX lock the process holds on it,
SQLite's own included (a documented SQLite pitfall): a second open of a file already
open here, or a refused second writer, would otherwise silently unlock the first one.
So a file open in this process is never opened or closed again by us: its one
descriptor (``FileHandle``) carries the writer's flock and is closed after the last
connection.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from workshop.core.errors import SessionLockedError
from workshop.i18n import t

try:  # POSIX: an advisory lock on the file itself, released when the process dies
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]  # a module, or None where there is none


class FileHandle:
    """This process's one descriptor on an open session file, shared by its Stores."""

    _open: ClassVar[dict[tuple[int, int], FileHandle]] = {}
    _guard: ClassVar[threading.RLock] = threading.RLock()  # acquire() reads the header

    def __init__(self, key: tuple[int, int], fd: int):
        self.key, self.fd, self.users, self.writer = key, fd, 0, False

    @classmethod
    def acquire(cls, path: Path, *, writer: bool) -> FileHandle:
        """The file's handle, with the write lock when ``writer``: SessionLockedError when
        another window (or another Store here) already writes it."""
        from workshop.core.schema import check_file  # it reads headers through us: late

        with cls._guard:
            handle = cls.held(path)
            if handle is None:
                check_file(path)
                fd = os.open(path, os.O_RDONLY)
                st = os.fstat(fd)
                handle = cls((st.st_dev, st.st_ino), fd)
            if writer:
                if handle.writer or not _flock(handle.fd):
                    if handle.users == 0:
                        os.close(handle.fd)
                    raise SessionLockedError(t(
                        "{path} is already open in another window. Close it there first, "
                        "or look at it read-only with: workshop replay {path}", path=path))
                handle.writer = True
            handle.users += 1
            cls._open[handle.key] = handle
            return handle

    @classmethod
    def held(cls, path: Path) -> FileHandle | None:
        """The handle this process already holds on the file at ``path``, if any
        (call with ``_guard`` held)."""
        try:
            st = os.stat(path)
        except OSError:
            return None
        return cls._open.get((st.st_dev, st.st_ino))

    def release(self, *, writer: bool) -> None:
        with self._guard:
            if writer and self.writer:
                if fcntl is not None:
                    fcntl.flock(self.fd, fcntl.LOCK_UN)  # leaves SQLite's locks alone
                self.writer = False
            self.users -= 1
            if self.users == 0:
                self._open.pop(self.key, None)
                os.close(self.fd)  # no connection to the file is left in this process

    def still_at(self, path: Path) -> bool:
        """Whether ``path`` still names the file this handle holds (not deleted, moved
        or replaced under us)."""
        try:
            st = os.stat(path)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == self.key


@contextlib.contextmanager
def write_lock(path: str | Path) -> Iterator[None]:
    """Hold ``path``'s write lock, as a running session does, without a connection: for
    replacing the file whole. While it is held no window can open the file for writing,
    and one that already has it makes this raise SessionLockedError."""
    handle = FileHandle.acquire(Path(path), writer=True)
    try:
        yield
    finally:
        handle.release(writer=True)


def read_header(path: Path, size: int) -> bytes:
    """The first bytes of a file, without ever closing a descriptor of a session file
    this process has open (that would drop SQLite's locks: see the module)."""
    with FileHandle._guard:
        handle = FileHandle.held(path)
        if handle is not None:
            return os.pread(handle.fd, size, 0)
        with open(path, "rb") as fh:
            return fh.read(size)


def writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _flock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover - Windows: SQLite's own locking only
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
