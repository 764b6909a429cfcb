"""Session files on disk: where a new one goes, and a one-line summary of each."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import TypedDict

from workshop.core.errors import SessionFileError
from workshop.core.events import local_text
from workshop.core.state import SessionState
from workshop.i18n import t


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


def has_entries(state: SessionState) -> bool:
    """Anything recorded in the room: an entry, a rating, a card drawn, a vote, a note."""
    return any((state.moments, state.merged, state.expectations, state.ratings,
                state.expected, state.prompts, state.ideas, state.rounds, state.notes,
                state.actions, state.findings))


def status(state: SessionState) -> str:
    if state.finished:
        return t("finished")
    # Entries typed before any step change (notes on the first step) mean it has begun.
    if not any(st.entered_at for st in state.steps) and not has_entries(state):
        return t("not started")
    step = state.step()
    return t("step {n} of {total}: {title}", n=state.current_step + 1,
             total=len(state.steps), title=step.title if step else "")


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


def summary(path: Path) -> SessionSummary:
    """Title, date, script, participants and status of one file, opened read-only."""
    from workshop.core.store import Store

    with Store.open(path, readonly=True) as store:
        s = store.state
        return {"path": path, "title": s.title, "client": s.client,
                "date": local_text(s.created_at, "%Y-%m-%d"), "script": s.script.get("title", ""),
                "lang": s.lang, "participants": len(s.participants),
                "status": status(s), "finished": s.finished, "last_at": s.last_at}


def find_sessions(folder: Path) -> tuple[list[SessionSummary], list[str]]:
    """Summaries of every session file in a folder (newest first), and one line per
    file that could not be read."""
    found: list[SessionSummary] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.db")):
        try:
            found.append(summary(path))
        except SessionFileError as exc:
            problems.append(str(exc))
    found.sort(key=lambda s: s["last_at"], reverse=True)
    return found, problems
