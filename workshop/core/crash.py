"""When something breaks: the details to a private log file, one line to the user.

A traceback can carry personal data: an exception's message quotes what was typed, and
Textual's own traceback prints the local variables of every frame. So none of it reaches
the terminal. The details go to a file readable by its owner only (0600, in the user's
log folder), with every participant name this process knows replaced by its pseudonym,
and the user is told in one line where that file is.
"""

from __future__ import annotations

import gc
import os
import platform
import stat
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from workshop.i18n import t

APP = "workshop"
# Words of a name shorter than this are left alone ("de", "la", "Li"): replacing them
# inside every other word would make the log unreadable.
_SHORTEST_PART = 3


def log_folder() -> Path:
    """Where crash logs go: ~/.local/state/workshop/log on Linux (XDG_STATE_HOME)."""
    import platformdirs

    return Path(platformdirs.user_log_dir(APP, appauthor=False))


def known_names() -> dict[str, str | None]:
    """name -> pseudonym for every name of every participant of every session this
    process has read (the names they had before a correction too; None: someone no
    longer in their session).

    Looked up at crash time among the objects in memory rather than registered as
    sessions are opened: no path that reads a session (a Store, a replay's timeline,
    an export's fold) can forget to register, and a crash halfway through reading one
    still finds the events read so far.
    """
    from workshop.core.events import Event
    from workshop.core.kinds.registry import EVENTS
    from workshop.core.names import people_of
    from workshop.core.state import SessionState

    named_kinds = {kind for kind, spec in EVENTS.items() if spec.names}
    # Objects frozen out of the collector's reach (gc.freeze: the room does it while it
    # is open) are not in gc.get_objects(): a session read before then, and the names in
    # it, would be missed. They go back to it: whatever crashed is ending anyway.
    gc.unfreeze()

    names: dict[str, str | None] = {}
    pseudonyms: dict[int, str] = {}
    named: list[tuple[int, str]] = []
    for obj in gc.get_objects():
        if isinstance(obj, SessionState):
            for name, pseudonym in people_of(obj):
                if name:
                    names.setdefault(name, pseudonym)
        elif isinstance(obj, Event) and obj.kind in named_kinds:
            data = obj.data if isinstance(obj.data, dict) else {}
            pid = data.get("pid")
            if isinstance(pid, int) and isinstance(data.get("pseudonym"), str):
                pseudonyms[pid] = data["pseudonym"]
            if isinstance(pid, int) and isinstance(data.get("name"), str) and data["name"]:
                named.append((pid, data["name"]))
    for pid, name in named:
        names.setdefault(name, pseudonyms.get(pid, f"P{pid}"))
    return names


def pseudonymise(text: str, names: dict[str, str | None]) -> str:
    """``text`` with each name, and each longer word of a name, replaced by the
    pseudonym as the reports replace them (whole words, whatever the case or accents;
    a word two people share becomes [name])."""
    from workshop.core.names import Anonymizer

    return Anonymizer(names.items(), enabled=True, placeholder="[name]",
                      shortest_part=_SHORTEST_PART).text(text)


def details(error: BaseException, names: dict[str, str | None]) -> str:
    """What the log file says: where and what, never a frame's local variables."""
    from workshop import __version__

    head = [f"workshop {__version__} crashed at {datetime.now(UTC).isoformat()}",
            f"Python {platform.python_version()} on {platform.platform()}",
            # The options given, not their values: a value may be a list of names.
            "command: " + " ".join(["workshop", *_command_words(sys.argv[1:])]),
            ""]
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return pseudonymise("\n".join(head) + trace, names)


def _command_words(argv: list[str]) -> list[str]:
    words = []
    for i, arg in enumerate(argv):
        if i == 0 and not arg.startswith("-"):
            words.append(arg)  # the command's name
        elif arg.startswith("-"):
            words.append(arg.split("=", 1)[0])
    return words


def write_log(error: BaseException, extra_names: dict[str, str] | None = None) -> Path | None:
    """Write the crash log; return its path, or None if no folder would take it."""
    names: dict[str, str | None] = {**(extra_names or {}), **known_names()}
    text = details(error, names)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in _folders():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _ours(folder):
                continue
            path, fd = _new_file(folder, f"crash-{stamp}-{os.getpid()}")
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None


def _folders() -> list[Path]:
    folders = [log_folder()]
    if hasattr(os, "getuid"):  # a home folder that cannot be written: a private one in /tmp
        folders.append(Path(tempfile.gettempdir()) / f"{APP}-{os.getuid()}")
    return folders


def _ours(folder: Path) -> bool:
    """A real folder owned by us and closed to others (a shared /tmp may hold a trap)."""
    st = folder.lstat()
    if not stat.S_ISDIR(st.st_mode):
        return False
    return not hasattr(os, "getuid") or (st.st_uid == os.getuid()
                                         and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _new_file(folder: Path, stem: str) -> tuple[Path, int]:
    """A new file open for writing, 0600 whatever the umask, never one that was there."""
    n = 1
    while True:
        path = folder / (f"{stem}.log" if n == 1 else f"{stem}-{n}.log")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            n += 1
            continue
        os.fchmod(fd, 0o600)
        return path, fd


def message(path: Path | None) -> str:
    """The one line a user sees."""
    if path is None:
        return t("workshop stopped on an unexpected error. Everything saved before it is "
                 "safe. (The details could not be written to a log file.)")
    return t("workshop stopped on an unexpected error. Everything saved before it is safe. "
             "Details, with participants' names replaced by pseudonyms: {path}", path=path)


def report(error: BaseException, extra_names: dict[str, str] | None = None) -> str:
    """Write the log and return the line to show; never raises."""
    try:
        path = write_log(error, extra_names)
    except Exception:  # the handler of last resort must not fail in turn
        path = None
    return message(path)
