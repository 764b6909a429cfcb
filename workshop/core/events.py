"""Events: the append-only truth of a session.

Every change a facilitator makes is one event with a kind and JSON data. The readable
tables are derived from them (see ``state.fold`` and ``store``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

# kind -> the data fields it must carry. Optional fields are not listed.
KINDS: dict[str, tuple[str, ...]] = {
    "session_created": ("title", "lang", "script"),
    "session_edited": (),
    "session_finished": (),
    "participant_added": ("pid", "pseudonym"),
    "participant_edited": ("pid",),
    "step_entered": ("step",),
    "timer_started": ("step",),
    "timer_paused": ("step",),
    "moment_added": ("mid", "text"),
    "moment_edited": ("mid",),
    "moment_moved": ("mid", "index"),
    "moments_merged": ("mid", "into"),
    "expectation_added": ("xid", "mid", "text", "type"),
    # scale: "performance" (how usual providers do it today) or "expectation" (the
    # level expected); absent means performance, as in files from before the field.
    "rating_given": ("mid", "pid", "value"),
    "prompt_drawn": ("did", "prompt_id", "technique", "text"),
    "idea_added": ("iid", "mid", "text"),
    "vote_opened": ("rid", "target", "dots"),
    "vote_cast": ("rid", "pid", "item", "delta"),
    "votes_revealed": ("rid",),
    "note_added": ("nid", "text", "type"),  # insight: marked when typed
    "action_added": ("aid", "text", "type"),  # owner, due (by when), measure (of success)
    "entry_edited": ("entity", "id"),  # text, or an action's owner/due/measure, a note's insight
    "entry_deleted": ("entity", "id"),
    # The consultant's synthesis: a headline resting on moments, quotes and figures
    # picked from the session, what it means and what to do.
    "finding_added": ("fid", "headline"),
    "finding_edited": ("fid",),
    "finding_moved": ("fid", "index"),
    "finding_deleted": ("fid",),
    "undo": ("target",),
}

# Kinds the facilitator's "undo last change" walks back over. Navigation and the
# timer are not content, so undo skips them.
UNDOABLE = frozenset(KINDS) - {
    "session_created",
    "step_entered",
    "timer_started",
    "timer_paused",
    "undo",
}

# C0/C1 controls other than tab and newline: kept out of what participants typed.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text as typed, minus control characters; surrogates escaped so SQLite can store it."""
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def now() -> str:
    """UTC time with milliseconds, ISO 8601: the format of every event time."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


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


@dataclass(frozen=True)
class Event:
    kind: str
    data: dict = field(default_factory=dict)
    at: str = ""
    id: int | None = None

    def to_json(self) -> str:
        return json.dumps(self.data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_row(cls, row) -> "Event":
        """An event as stored, checked (``eventcheck``): EventError, a ValueError, on a
        row this version cannot take in, for the caller to report with the file."""
        id_, at, kind, data = row
        data = eventcheck.parse_data(data, id_)
        eventcheck.check_event(kind, data, at, id_)
        return cls(kind=kind, data=data, at=at, id=id_)


# eventcheck reads KINDS above: imported last, once this module is whole.
from workshop.core import eventcheck  # noqa: E402
