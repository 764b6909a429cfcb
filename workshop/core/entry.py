"""Quick attribution when typing: "3: the queue is too long" or "Ana: …" or "P3: …"."""

from __future__ import annotations

import re

from workshop.core.state import SessionState

# The text must hold more than blanks: "Ana: " alone is not an entry for Ana.
_PREFIX = re.compile(r"^\s*(?P<who>[^:]{1,40}?)\s*:\s+(?P<text>\S.*)$", re.DOTALL)


def parse_entry(line: str, state: SessionState) -> tuple[int | None, str]:
    """(participant id or None for the group, text). An unknown prefix stays in the text."""
    match = _PREFIX.match(line)
    if match:
        who = match["who"].strip().lower()
        for p in state.participants.values():
            keys = {str(p.pid), p.pseudonym.lower()}
            if p.name:
                keys.add(p.name.lower())
            if who in keys:
                return p.pid, match["text"].strip()
    return None, line.strip()
