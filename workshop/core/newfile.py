"""A new session file appears whole or not at all.

It is built under a hidden name beside its place and linked there only when complete:
a crash midway leaves no half-made file to trip over later, and an existing file is
never replaced.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from workshop.core.errors import SaveError, SessionFileError, disk_reason
from workshop.i18n import t


def create_message(path: Path, exc: BaseException) -> str:
    return t("Could not create {path}: {why}.", path=path, why=disk_reason(exc))


def build_in_place(path: Path, build: Callable[[Path], None]) -> None:
    """Run ``build(tmp)`` on a hidden file beside ``path``, then give it ``path``.

    SessionFileError if ``path`` exists, SaveError when the disk refuses.
    """
    if os.path.lexists(path):
        raise SessionFileError(t("{path} already exists.", path=path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
        os.close(fd)  # mkstemp: readable only by its owner (names are personal data)
    except OSError as exc:
        raise SaveError(create_message(path, exc)) from None
    tmp = Path(name)
    try:
        build(tmp)
        if os.path.exists(f"{tmp}-wal"):  # closing did not fold the WAL into the file
            raise OSError(errno.EIO, "WAL left behind")
        try:  # a hard link appears whole and never replaces anything
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (FAT, some shares): claim the name, move onto it
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.replace(tmp, path)
    except FileExistsError:
        raise SessionFileError(t("{path} already exists.", path=path)) from None
    except (sqlite3.Error, OSError) as exc:
        raise SaveError(create_message(path, exc)) from None
    except SaveError as exc:
        raise SaveError(create_message(path, exc.__context__ or exc)) from None
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Make a new name in ``folder`` survive a power cut (POSIX; best effort)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
