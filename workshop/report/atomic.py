"""Writing a report so that a failure never leaves half a file, nor spoils an old one."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


class FolderRefused(OSError):
    """The folder would not take a new file at all (``/proc``, a read-only mount, no
    permission): nothing was written, and no file there was moved or deleted."""

    def __init__(self, folder: Path, exc: OSError):
        super().__init__(exc.errno, exc.strerror or str(exc))
        self.folder = folder


def _temporary(path: Path, make: Callable[..., T]) -> T:
    """The folder made if missing, then ``make(dir=…, prefix=…, suffix=…)`` in it; a
    refusal there is a FolderRefused."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return make(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise FolderRefused(path.parent, exc) from exc


def write_file(path: Path, write: Callable[[Path], None],
               check: Callable[[], None] | None = None) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then move it into place.

    The temporary file is created 0600 (a report holds what participants said) in the
    same folder, so ``os.replace`` is atomic. If ``write`` raises, the temporary file
    is removed and whatever was at ``path`` before is untouched. ``check()`` runs just
    before the swap and may still refuse it (what is at ``path`` may have changed while
    the file was written).
    """
    path = Path(path)
    fd, tmp_name = _temporary(path, tempfile.mkstemp)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o600)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        if check is not None:
            check()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_folder(path: Path, write: Callable[[Path], object],
                 check: Callable[[], None] | None = None) -> Path:
    """The same for a folder of files: built aside, then swapped in.

    A rename cannot replace a non-empty folder, so the old one is moved aside first and
    removed only once the new one is in place (and put back if that move fails).
    """
    path = Path(path)
    tmp = Path(_temporary(path, tempfile.mkdtemp))
    try:
        write(tmp)
        for child in tmp.iterdir():
            os.chmod(child, 0o600)
        if check is not None:
            check()
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if path.exists():
        old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
        os.rmdir(old)
        os.replace(path, old)
    try:
        os.replace(tmp, path)
    except BaseException:
        if old is not None:
            os.replace(old, path)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        # A link to a folder is unlinked: rmtree refuses links, and the ".old" stayed behind.
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink()
    return path
