"""What a new file may be written over: an ordinary file that holds no database.

Run as root (as in many containers), the system lets a report replace /dev/null, and
it lets an export replace another session file, even one open in a live window. We
don't: a target that exists must be a regular file, and what it holds is looked at
(not its name): a session file called report.docx is still a session file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workshop.core.errors import WorkshopError
from workshop.i18n import t

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")  # a SQLite write-ahead log


class TargetError(WorkshopError):
    """A path that must not be written over. Nothing was written."""


def not_a_file(path: Path) -> str | None:
    """Why ``path`` is no place for a file (a device, a pipe…), or None if it is free
    or a regular file. Symbolic links are followed: what they point to is what counts."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None  # free, or a dangling link (only the link itself would be replaced)
    except OSError as exc:
        return t("{path} cannot be looked at ({why}).", path=path, why=exc.strerror or exc)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return t("{path} is a folder, not a file.", path=path)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("{path} is a device, not a file.", path=path)
    if stat.S_ISFIFO(mode):
        return t("{path} is a named pipe, not a file.", path=path)
    if stat.S_ISSOCK(mode):
        return t("{path} is a socket, not a file.", path=path)
    return t("{path} is not a regular file.", path=path)


def folder_problem(path: str | Path) -> str | None:
    """Why no file can be put at ``path`` because of the folders above it, or None.

    The nearest of them that exists must be a folder (the ones missing are made):
    ``-o notes.db/report.docx`` names a file as a folder, which the system reports as
    "File exists" or "Not a directory", neither of which says what is wrong."""
    for parent in Path(path).parents:
        try:
            mode = os.stat(parent).st_mode
        except FileNotFoundError:
            continue  # made when the file is written
        except NotADirectoryError:
            continue  # a file further up: found when the loop reaches it
        except OSError as exc:
            return t("The folder {folder} cannot be looked at ({why}).", folder=parent,
                     why=exc.strerror or exc)
        if stat.S_ISDIR(mode):
            return None
        return t("{folder} is a file, not a folder: nothing can be written inside it.",
                 folder=parent)
    return None


def holds_a_database(path: Path) -> bool:
    """A SQLite database (a session file, or any other), its write-ahead log, or the
    -shm/-journal file beside one: replacing any of them would lose or spoil data.
    Raises OSError when ``path`` cannot be read."""
    from workshop.core.filelock import read_header  # reads a session open here safely

    header = read_header(path, 16)
    if header == SQLITE_HEADER or header[:4] in WAL_MAGIC:
        return True
    return database_beside(path) is not None


_COMPANIONS = ("-shm", "-journal", "-wal")


def database_beside(path: Path) -> Path | None:
    """The database whose -wal, -shm or -journal file ``path`` is named as, if one is
    there. Such a name is refused even when nothing is at it yet (a closed session has
    no -wal): SQLite opens whatever it finds there next to the session, and a folder
    under that name leaves the session unopenable."""
    path = Path(path)
    for suffix in _COMPANIONS:
        if path.name.endswith(suffix):
            beside = path.with_name(path.name[: -len(suffix)])
            try:
                if os.path.isfile(beside) and _read_header(beside) == SQLITE_HEADER:
                    return beside
            except OSError:
                return beside  # unreadable: not known to be harmless
    return None


def _read_header(path: Path) -> bytes:
    from workshop.core.filelock import read_header  # reads a session open here safely

    return read_header(path, 16)


def refuse_beside_a_database(path: Path) -> None:
    """Raise TargetError when ``path`` is named as a database's -wal/-shm/-journal."""
    beside = database_beside(path)
    if beside is not None:
        raise TargetError(t("{path} is the name SQLite gives a file beside the database "
                            "{database}, which is never written over. Choose another name.",
                            path=path, database=beside.name))


def check_file_target(path: str | Path) -> None:
    """Raise TargetError unless a new file may be put at ``path``: nothing is there, or
    a regular file holding no database (an earlier report, which is replaced)."""
    path = Path(path)
    why = folder_problem(path)
    if why:
        raise TargetError(why)
    why = not_a_file(path)
    if why:
        raise TargetError(why + " " + t("Choose a file name."))
    try:
        database = path.exists() and holds_a_database(path)
    except OSError as exc:  # what cannot be read cannot be shown to be harmless
        raise TargetError(t("{path} cannot be read ({why}), so it is not written over.",
                            path=path, why=exc.strerror or exc)) from None
    if database:
        if is_session_file(path):
            raise TargetError(session_file_kept(path))
        raise TargetError(t("{path} holds a database (a session file?), which is never "
                            "written over. Choose another name.", path=path))
    refuse_beside_a_database(path)


def session_file_kept(path: Path) -> str:
    """Why a session file named as something to write is refused."""
    return t("{path} is a workshop session file: it is never written over, and nothing "
             "was written. Choose another name.", path=path)


def is_session_file(path: Path) -> bool:
    """Whether ``path`` is a workshop session file, as its own meta table says (read
    through the hardened connection: nothing in the file runs)."""
    import sqlite3
    from contextlib import closing

    from workshop.core.connection import connect_readonly
    from workshop.core.schema import APP

    try:
        with closing(connect_readonly(path)) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'app'").fetchone()
    except (sqlite3.Error, OSError, WorkshopError):
        return False
    return bool(row) and row[0] == APP
