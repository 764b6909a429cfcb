"""Participants as a facilitator types them: "Ana (families), Luis, P3" or just "6"."""

from __future__ import annotations

import re

from workshop.core.events import clean_text

_PSEUDONYM = re.compile(r"^P\d+$", re.IGNORECASE)
_SEGMENT = re.compile(r"^(?P<name>.*?)\s*\((?P<segment>[^()]*)\)\s*$")


def parse_roster(text: str) -> list[dict]:
    """Data for one ``participant_added`` event per person, pseudonyms P1…Pn.

    A number gives that many pseudonymous participants; an entry written as a
    pseudonym (P3) stores no real name at all; "(…)" after a name is the segment.
    """
    text = clean_text(text or "").strip()
    if text.isdigit():
        return [{"pid": i, "pseudonym": f"P{i}", "name": None, "segment": None}
                for i in range(1, int(text) + 1)]
    people = []
    for raw in re.split(r"[,;\n]", text):
        raw = raw.strip()
        if not raw:
            continue
        segment = None
        match = _SEGMENT.match(raw)
        if match:
            raw, segment = match["name"].strip(), match["segment"].strip() or None
        index = len(people) + 1
        name = None if (not raw or _PSEUDONYM.match(raw)) else raw
        people.append({"pid": index, "pseudonym": f"P{index}", "name": name, "segment": segment})
    return people
