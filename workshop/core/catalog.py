"""Session files on disk: where a new one goes, and a one-line summary of each."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, cast

from workshop.core.errors import SessionFileError
from workshop.core.events import local_text
from workshop.i18n import t

if TYPE_CHECKING:
    from workshop.core.state import SessionState


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].strip("-") or "session"


def new_session_path(folder: Path, title: str, day: date | None = None) -> Path:
    """sessions/<date>-<slug>.db, with -2, -3… when that name is taken."""
    stem = f"{(day or date.today()).isoformat()}-{slugify(title)}"
    path, n = folder / f"{stem}.db", 2
    while path.exists():
        path, n = folder / f"{stem}-{n}.db", n + 1
    return path


_DATED = re.compile(r"\d{4}-\d{2}-\d{2}-(.+)")


def sessions_named(folder: Path, name: str) -> list[Path]:
    """The session files in ``folder`` a name given without its file may mean: the
    file's name in another case, or the title it was made from (the file's name without
    its date, or without the "-2" a second session of that title got)."""
    wanted, slug = name.casefold(), slugify(name)
    if slug == "session" and wanted != "session":
        slug = ""  # a title of no letters or digits names no file
    try:
        files = sorted((p for p in folder.glob("*.db") if p.is_file()),
                       key=lambda p: p.stem)
    except OSError:
        return []
    found = []
    for path in files:
        dated = _DATED.fullmatch(path.stem.lower())
        rest = dated.group(1) if dated else None
        if path.stem.casefold() == wanted or (slug and rest is not None and slug in (
                rest, re.sub(r"-\d+$", "", rest))):
            found.append(path)
    return found


def has_entries(state: SessionState) -> bool:
    """Anything recorded in the room: an entry, a rating, a card drawn, a vote, a note."""
    return any((state.moments, state.merged, state.expectations, state.ratings,
                state.expected, state.prompts, state.ideas, state.rounds, state.notes,
                state.actions, state.findings))


def status(state: SessionState) -> str:
    return status_of(facts(state))


class Facts(TypedDict):
    """What a listing shows of a session, as its file holds it (no words of ours)."""

    title: str
    client: str
    created_at: str
    script: str
    lang: str
    participants: int
    finished: bool
    started: bool  # a step entered, or anything recorded
    step: int  # the current step
    steps: int
    step_title: str
    last_at: str


def facts(state: SessionState) -> Facts:
    step = state.step()
    return {"title": state.title, "client": state.client, "created_at": state.created_at,
            "script": state.script.get("title", ""), "lang": state.lang,
            "participants": len(state.participants), "finished": state.finished,
            # Entries typed before any step change (notes on the first step) mean it
            # has begun.
            "started": any(st.entered_at for st in state.steps) or has_entries(state),
            "step": state.current_step, "steps": len(state.steps),
            "step_title": step.title if step else "", "last_at": state.last_at}


def status_of(f: Facts) -> str:
    if f["finished"]:
        return t("finished")
    if not f["started"]:
        return t("not started")
    return t("step {n} of {total}: {title}", n=f["step"] + 1, total=f["steps"],
             title=f["step_title"])


class SessionSummary(TypedDict):
    path: Path
    title: str
    client: str
    date: str
    script: str
    lang: str
    participants: int
    status: str
    finished: bool
    last_at: str


def summary(path: Path, known: Summaries | None = None) -> SessionSummary:
    """Title, date, script, participants and status of one file, opened read-only (or
    as ``known`` has it, when the file has not changed since)."""
    f = (known or Summaries(keep=False)).facts(path)
    return {"path": path, "title": f["title"], "client": f["client"],
            "date": local_text(f["created_at"], "%Y-%m-%d"), "script": f["script"],
            "lang": f["lang"], "participants": f["participants"], "status": status_of(f),
            "finished": f["finished"], "last_at": f["last_at"]}


def find_sessions(folder: Path, known: Summaries | None = None
                  ) -> tuple[list[SessionSummary], list[str]]:
    """Summaries of every session file in a folder (newest first), and one line per
    file that could not be read."""
    cache = known or Summaries()
    found: list[SessionSummary] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.db")):
        try:
            found.append(summary(path, cache))
        except SessionFileError as exc:
            problems.append(str(exc))
    found.sort(key=lambda s: s["last_at"], reverse=True)
    if known is None:
        cache.save()
    return found, problems


# ---- what listings keep between starts ------------------------------------------------
#
# Listing a session meant opening and folding it (about 10 ms for a short one, a second
# for one of many thousand events), at every start of the home screen, for each file of
# the folder and each one opened recently elsewhere. What a listing shows of a file is
# kept in the user's state folder (summaries.json, readable by its owner only, as
# recent.json), beside what identifies the file's contents on disk: the device, inode,
# size and modification time of the file and of its write-ahead log. Anything that
# changes either (a window recording, a checkpoint, another file put in its place) has
# the file read again. A file that cannot be read is never kept: its message is found
# afresh each time. A damaged or foreign cache reads as empty and is rewritten.

CACHE = "summaries.json"
CACHE_FILES = 200  # files remembered, the latest listed first
_MAX_CACHE_BYTES = 4 * 1024 * 1024


def _identity(path: Path) -> list[int] | None:
    """What changes whenever the file's contents do: None if it cannot be read."""
    import os

    try:
        st = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        log = [wal.st_ino, wal.st_size, wal.st_mtime_ns]
    except OSError:
        log = [0, 0, 0]
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, *log]


class Summaries:
    """The facts of session files, kept in the state folder between listings."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep  # read and write the state folder's copy
        self._entries: dict[str, dict[str, object]] = self._read() if keep else {}
        self._used: list[str] = []
        self._changed = False

    def facts(self, path: Path) -> Facts:
        """``path``'s facts: the kept ones if the file is unchanged, else read now
        (SessionFileError when it cannot be)."""
        key = str(path.resolve()) if self.keep else str(path)
        before = _identity(path)
        entry = self._entries.get(key)
        if before is not None and entry is not None and entry.get("id") == before:
            self._used.append(key)
            return cast(Facts, entry["facts"])
        from workshop.core.store import Store  # the fold, only for a file read now

        with Store.open(path, readonly=True) as store:
            found = facts(store.state)
        if before is not None and _identity(path) == before:  # unchanged while read
            self._entries[key] = {"id": before, "facts": found}
            self._used.append(key)
            self._changed = True
        return found

    def kept(self, path: Path) -> Facts | None:
        """What was kept of ``path`` when it was last listed, whatever is there now (a
        file moved or deleted since: its title)."""
        entry = self._entries.get(str(path.resolve()) if self.keep else str(path))
        return cast(Facts, entry["facts"]) if isinstance(entry, dict) else None

    def save(self) -> None:
        """Write the facts back (best effort, as places.remember): the files listed now
        first, then the others, at most CACHE_FILES."""
        if not (self.keep and self._changed):
            return
        from workshop.core import places

        order = list(dict.fromkeys([*self._used, *self._entries]))[:CACHE_FILES]
        try:
            places._write({"version": 1, "files": {k: self._entries[k] for k in order}}, CACHE)
        except (OSError, ValueError):
            pass

    @staticmethod
    def _read() -> dict[str, dict[str, object]]:
        import json

        from workshop.core import places

        try:
            with open(places.state_dir() / CACHE, "rb") as fh:
                raw = fh.read(_MAX_CACHE_BYTES + 1)
            data = json.loads(raw.decode("utf-8")) if len(raw) <= _MAX_CACHE_BYTES else None
        except (OSError, ValueError, RecursionError):
            return {}
        files = data.get("files") if isinstance(data, dict) and data.get("version") == 1 \
            else None
        if not isinstance(files, dict):
            return {}
        return {k: v for k, v in files.items()
                if isinstance(v, dict) and _well_formed(v.get("id"), v.get("facts"))}


def _well_formed(ident: object, found: object) -> bool:
    """An entry as we write it: anything else (a hand-edited or foreign file) is
    ignored, so what is shown is always of the types a listing expects."""
    if not (isinstance(ident, list) and len(ident) == 7
            and all(isinstance(i, int) and not isinstance(i, bool) for i in ident)):
        return False
    if not isinstance(found, dict) or set(found) != set(Facts.__annotations__):
        return False
    kinds = {"participants": int, "step": int, "steps": int, "finished": bool,
             "started": bool}
    return all(isinstance(found[name], kinds.get(name, str))
               and (kinds.get(name) is not int or not isinstance(found[name], bool))
               for name in found)
