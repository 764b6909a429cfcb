"""Small sessions for the study tests: a few moments, both ratings and a revealed vote."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from core_fixtures import SCRIPT, at, people
from workshop.core.store import Store

GROUP_A = people(("P1", "Ana", "families"), ("P2", None, "students"))
GROUP_B = people(("P1", "Rosa", "families"), ("P2", None, "families"), ("P3", None, None))


def session(path: Path, title: str, moments: list[str], *, participants=GROUP_A,
            ratings: dict[tuple[int, int], tuple[int, int]] | None = None,
            dots: dict[tuple[int, int], int] | None = None, start: float = 0,
            lang: str = "en") -> Path:
    """A session with ``moments`` (ids 1, 2…), ratings {(mid, pid): (E, P)} and a
    revealed vote on moments {(pid, mid): dots}."""
    with Store.create(path, title=title, script=SCRIPT, lang=lang, participants=participants,
                      at=at(start), client="Greenway", facilitator="Marta") as store:
        minute = start + 1
        for text in moments:
            store.record("moment_added", text=text, stage="during", pid=1, at=at(minute))
            minute += 1
        for (mid, pid), (e, p) in (ratings or {}).items():
            store.record("rating_given", mid=mid, pid=pid, value=e, scale="expectation",
                         at=at(minute))
            store.record("rating_given", mid=mid, pid=pid, value=p, at=at(minute))
            minute += 1
        store.record("step_entered", step=4, at=at(minute))
        store.record("vote_opened", target="moments", dots=3, cap=3, blind=True, step=4,
                     at=at(minute))
        for (pid, mid), n in (dots or {}).items():
            store.record("vote_cast", rid=1, pid=pid, item=mid, delta=n, at=at(minute))
        store.record("votes_revealed", rid=1, at=at(minute + 1))
    return path


def table(path: Path, sql: str, *args) -> list[dict]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, args)]
    finally:
        conn.close()
