"""Where files live: the sessions folder, and the sessions opened recently elsewhere.

An installed tool keeps its sessions in the user's data folder (``~/.local/share/
workshop/sessions`` on Linux, following XDG_DATA_HOME; the platform's own place
elsewhere), so ``workshop list`` finds them from any folder. ``WORKSHOP_SESSIONS``
(the checkout's ``make run`` sets it to the checkout's ``sessions/``) or ``--dir``
chooses another folder.

The home screen also lists sessions opened from anywhere else: their paths are kept in
a small file in the user's state folder (``~/.local/state/workshop/recent.json``),
readable by its owner only (a file name can say who a session was with). A damaged or
foreign file there is read as an empty list and replaced at the next write: it never
stops the tool. A file that was moved or deleted stays on the list (the home screen says
it is not there, and d takes it off): it may be on a drive that is not plugged in.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

APP = "workshop"
ENV = "WORKSHOP_SESSIONS"
MOST_RECENT = 30  # paths kept in the list
_MAX_STATE_BYTES = 256 * 1024  # a bigger "recent" file is not ours


def sessions_dir(override: str | Path | None = None) -> Path:
    """The folder for session files: ``override`` (--dir), else WORKSHOP_SESSIONS, else
    the user's data folder. Read each time: tests and --dir change it at run time."""
    if override:
        return Path(override).expanduser()
    value = os.environ.get(ENV, "").strip()
    if value:
        return Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "sessions"


def state_dir() -> Path:
    """The user's state folder for workshop (XDG_STATE_HOME on Linux)."""
    import platformdirs

    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def recent_file() -> Path:
    return state_dir() / "recent.json"


def recent(*, gone: bool = False) -> list[tuple[Path, str]]:
    """(path, when it was last opened, UTC ISO) of the sessions opened recently, newest
    first; files that are gone are left out unless ``gone``. Anything unreadable reads
    as nothing."""
    try:
        with open(recent_file(), "rb") as fh:
            raw = fh.read(_MAX_STATE_BYTES + 1)
        if len(raw) > _MAX_STATE_BYTES:
            return []
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # absent, unreadable, not UTF-8 or JSON
        return []
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    out: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        path, opened = entry.get("path"), entry.get("opened")
        if not isinstance(path, str) or not isinstance(opened, str) or "\x00" in path:
            continue
        if path in seen or not os.path.isabs(path):
            continue
        seen.add(path)
        if not gone and not is_there(Path(path)):
            continue
        out.append((Path(path), opened))
    out.sort(key=lambda item: item[1], reverse=True)
    return out[:MOST_RECENT]


def remember(path: str | Path, at: str | None = None) -> None:
    """Put ``path`` at the top of the recent sessions. Best effort: a state folder that
    cannot be written must never stop a session from opening."""
    try:
        absolute = str(Path(path).expanduser().resolve())
        stamp = at or datetime.now(UTC).isoformat(timespec="seconds")
        entries = [(str(p), when) for p, when in recent(gone=True) if str(p) != absolute]
        entries.insert(0, (absolute, stamp))
        _write({"version": 1, "files": [{"path": p, "opened": when}
                                        for p, when in entries[:MOST_RECENT]]})
    except (OSError, ValueError):
        pass


def forget(path: str | Path) -> None:
    """Take ``path`` off the recent sessions (best effort, as ``remember``)."""
    try:
        names = {str(path), str(Path(path).expanduser().resolve())}
        entries = [(str(p), when) for p, when in recent(gone=True) if str(p) not in names]
        _write({"version": 1, "files": [{"path": p, "opened": when} for p, when in entries]})
    except (OSError, ValueError):
        pass


EXPORTS = "exports.json"  # in the state folder: where the TUI's last export went


def export_folder() -> Path:
    """Where the TUI's export form suggests a report: the folder its last export went to,
    while that folder is there; else the user's documents folder; else the home folder.
    (The command line writes to the current folder, the Unix way: there a folder is
    always at hand, which a facilitator who started the tool from a menu or from the
    repository with ``make run`` does not have in mind.)"""
    try:
        with open(state_dir() / EXPORTS, "rb") as fh:
            raw = fh.read(_MAX_STATE_BYTES + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= _MAX_STATE_BYTES else None
        folder = data.get("folder") if isinstance(data, dict) else None
        if (isinstance(folder, str) and "\x00" not in folder and os.path.isabs(folder)
                and os.path.isdir(folder)):
            return Path(folder)
    except (OSError, ValueError, RecursionError):  # absent, unreadable: the next choice
        pass
    import platformdirs

    documents = Path(platformdirs.user_documents_dir())
    try:
        if documents.is_dir():
            return documents
    except OSError:
        pass
    return Path.home()


def remember_export_folder(folder: str | Path) -> None:
    """The folder the TUI's export form suggests next time (best effort, as
    ``remember``: a state folder that cannot be written never stops an export)."""
    try:
        write_json(state_dir(), EXPORTS,
                   {"version": 1, "folder": str(Path(folder).expanduser().resolve())})
    except (OSError, ValueError):
        pass


def is_there(path: Path) -> bool:
    """A file is at ``path`` (one that cannot be looked at counts as not there)."""
    try:
        return path.is_file()
    except OSError:
        return False


def _temporary_folders() -> list[Path]:
    folders = [tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"]
    found = []
    for folder in folders:
        try:
            found.append(Path(folder).resolve())
        except OSError:
            continue
    return found


def in_temporary_folder(path: Path) -> bool:
    """``path`` is inside a folder the system empties (at a restart, or of old files)."""
    try:
        where = path.resolve()
    except OSError:
        return False
    return any(where.is_relative_to(folder) for folder in _temporary_folders())


def _write(data: dict[str, object], file: str = "recent.json") -> None:
    write_json(state_dir(), file, data)


def write_json(folder: Path, file: str, data: dict[str, object], *,
               indent: int | None = 1) -> None:
    """Replace a state file whole with ``data`` as JSON (see ``write_file``)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    write_file(folder, file, text.encode("utf-8"))


def write_file(folder: Path, file: str, data: bytes) -> None:
    """Replace a state file whole: written aside (0600, in a 0700 folder made if need
    be), then renamed over it, so a reader finds the old file or the new, never half."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{file}.", suffix=".tmp")  # 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(name, folder / file)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
