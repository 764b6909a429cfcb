"""Events: the append-only truth of a session.

Every change a facilitator makes is one event with a kind and JSON data. The readable
tables are derived from them (see ``fold`` and ``store``). Which kinds exist, what each
must carry and how each folds is declared by the kinds (``kinds.registry.EVENTS``).
"""

from __future__ import annotations

import json
import re
from dataclasses import field
from datetime import UTC, datetime
from typing import Any

from workshop.core.record import record

# What a finished session still takes without being reopened: the consultant writes the
# findings in the debrief, after the room has gone (an undo of one of these, too).
AFTER_FINISH = frozenset({"finding_added", "finding_edited", "finding_moved",
                          "finding_deleted", "session_reopened"})

# C0/C1 controls other than tab and newline: kept out of what participants typed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text as typed, minus control characters; surrogates escaped so SQLite can store it."""
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def now() -> str:
    """UTC time with milliseconds, ISO 8601: the format of every event time."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def parse_time(at: str) -> datetime:
    return datetime.fromisoformat(at)


def local_time(at: str) -> datetime:
    """An event time as the facilitator's clock showed it (times are stored in UTC)."""
    return parse_time(at).astimezone()


def local_text(at: str, pattern: str = "%Y-%m-%d %H:%M") -> str:
    """A stored time for people to read, in local time; as stored if it is not a time."""
    try:
        return local_time(at).strftime(pattern)
    except (TypeError, ValueError):
        return at or ""


def seconds_between(start: str, end: str) -> float:
    return (parse_time(end) - parse_time(start)).total_seconds()


@record
class Event:
    """One entry of the session's log: its kind, its data (JSON), when, and its id."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)  # JSON; eventcheck knows each field
    at: str = ""
    id: int | None = None

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True)
