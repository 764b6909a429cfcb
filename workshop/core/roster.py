"""Participants as a facilitator types them: "Ana (families), Luis, P3" or just "6"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NotRequired, TypedDict

from workshop.core.errors import RuleError
from workshop.core.events import clean_text
from workshop.core.limits import MAX_PARTICIPANTS
from workshop.i18n import t


class Person(TypedDict):
    """The data of one participant_added event."""

    pid: int
    pseudonym: str
    name: str | None
    segment: str | None
    consent: NotRequired[bool]

_PSEUDONYM = re.compile(r"^P\d+$", re.IGNORECASE)
_COUNT = re.compile(r"^[0-9]+$")  # ASCII digits: "²" is a digit to str.isdigit()
MOST = MAX_PARTICIPANTS
_SEGMENT = re.compile(r"^(?P<name>.*?)\s*\((?P<segment>[^()]*)\)\s*$")


def parse_roster(text: str) -> list[Person]:
    """Data for one ``participant_added`` event per person, pseudonyms P1…Pn.

    A number gives that many pseudonymous participants; an entry written as a
    pseudonym (P3) stores no real name at all; "(…)" after a name is the segment.
    """
    text = clean_text(text or "").strip()
    if _COUNT.match(text):
        count = int(text)
        if count > MOST:
            raise RuleError(t("At most {most} participants: a focus group has six to eight.",
                              most=MOST))
        return [{"pid": i, "pseudonym": f"P{i}", "name": None, "segment": None}
                for i in range(1, count + 1)]
    people = roster_entries(text)
    if len(people) > MOST:
        raise RuleError(t("At most {most} participants: a focus group has six to eight.",
                          most=MOST))
    check_names(p["name"] for p in people)
    return people


def check_names(names: Iterable[str | None]) -> None:
    """RuleError when two participants have the same name as "Ana: …" reads it (case
    aside): the line would always go to the first of them, and the two chips look alike."""
    seen: set[str] = set()
    for name in names:
        if not name:
            continue
        key = name.strip().lower()
        if key in seen:
            raise RuleError(t("Two participants are called “{name}”: add an initial or a "
                              "surname to one of them, so that “{name}: …” goes to the "
                              "right person.", name=name.strip()))
        seen.add(key)


def roster_entries(text: str) -> list[Person]:
    """The people in a typed list, one per comma, semicolon or line, with no limit."""
    people: list[Person] = []
    for raw in re.split(r"[,;\n]", clean_text(text or "")):
        raw = raw.strip()
        if not raw:
            continue
        segment = None
        match = _SEGMENT.match(raw)
        if match:
            raw, segment = match["name"].strip(), match["segment"].strip() or None
        index = len(people) + 1
        # "P3" or a bare "3" in a list is a seat, not a name: no name is stored.
        name = None if (not raw or _PSEUDONYM.match(raw) or _COUNT.match(raw)) else raw
        people.append({"pid": index, "pseudonym": f"P{index}", "name": name, "segment": segment})
    return people
