"""A session's identity across copies of its file: one UUID, the same wherever it goes.

It is derived from the session's first event (``session_created``: its time to the
millisecond, title, script, language…), which no later change alters, so every copy of
one session, on any laptop, has the same UUID, and the files made before this existed
have one too. Other tools' identifiers (REFI-QDA GUIDs, a study's keys) are derived
from it, so exporting a session twice gives the same identifiers.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from workshop.core.events import Event

# Our namespace for name-based UUIDs (uuid5): fixed forever, or every identifier changes.
NAMESPACE = uuid.UUID("6d1b2f64-3c7a-5e0f-9a8b-2f4c6e8a0d13")


def session_uuid(events: Sequence[Event]) -> str:
    """The session's UUID, from its first event; a UUID of nothing for an empty log."""
    first = next((e for e in events if e.kind == "session_created"), None)
    if first is None:
        return str(uuid.uuid5(NAMESPACE, "no session"))
    body = json.dumps({"at": first.at, "data": first.data}, ensure_ascii=False,
                      sort_keys=True)
    return str(uuid.uuid5(NAMESPACE, body))


def derived_uuid(base: str, *parts: object) -> str:
    """A UUID for one thing inside ``base`` (a session's UUID): the same every time."""
    return str(uuid.uuid5(uuid.UUID(base), "/".join(str(p) for p in parts)))
