"""What an event may hold: checked for every event written and every event read.

A session file may have been edited by hand or made by another tool. Before the fold
sees an event, its JSON must parse without deep nesting, its time be a time, each field
have the type its kind gives it, and no text be longer than an entry may be. One bad
event gets the whole file refused, naming the event (``EventError``); ``Store.record``
runs the same checks, so every channel that writes (typing, pasting, the demo's
source) meets the same limits.

The rules are data. A field has the same type in every kind (``FIELDS``) unless the
kind's declaration says otherwise (``EventSpec.fields``); a field neither names may hold
any JSON value (a newer version may add some), within the limits on size and nesting.
A kind this version does not know is refused, and so is one missing a field its
declaration requires.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from workshop.core.checks import (
    BOOL,
    DOTS,
    INT,
    LARGEST,
    MINUTES,
    NUMBER,
    TEXT,
    Check,
    EventError,
    Text,
    any_of,
    json_list,
    json_object,
)
from workshop.core.events import Event
from workshop.core.kinds import registry
from workshop.core.limits import (
    MAX_CLIENT_ID,
    MAX_EVENT_CHARS,
    MAX_JSON_DEPTH,
    MAX_SCRIPT_BYTES,
    MAX_STEP_TEXT,
    MAX_STEPS,
    MAX_VIA,
    count_text,
)
from workshop.i18n import t

__all__ = ["EventError", "check_event", "check_time", "parse_data", "read_event", "too_deep"]

# The script a session carries (Script.to_dict): what the fold and the screens read. A
# step's options are typed by the step kinds that take them.
_SCRIPT_FIELDS = json_object({
    "name": TEXT, "title": TEXT, "lang": TEXT, "dots": DOTS, "cap": DOTS, "minutes": NUMBER,
    "steps": json_list(json_object({
        "title": TEXT, "kind": TEXT, "minutes": MINUTES, "body": Text(MAX_STEP_TEXT),
        "options": json_object(registry.OPTION_FIELDS),
    }, required=("title", "kind"))),
})


def SCRIPT(value: object, where: str) -> None:  # noqa: N802 (a check, as INT and TEXT are)
    """No larger than a script file may make (``workshop run`` draws every step): at most
    MAX_STEPS steps and, titles and texts together, no more characters than a script
    file holds bytes. A crafted file carried 11,000 steps."""
    _SCRIPT_FIELDS(value, where)
    assert isinstance(value, dict)  # as _SCRIPT_FIELDS made sure
    steps = value.get("steps") or []
    if len(steps) > MAX_STEPS:
        raise EventError(t("the script it carries has {n} steps; a script has at most {most}",
                           n=count_text(len(steps)), most=count_text(MAX_STEPS)))
    size = len(value.get("title") or "") + sum(
        len(step.get("title") or "") + len(step.get("body") or "") for step in steps)
    if size > MAX_SCRIPT_BYTES:
        raise EventError(t("the script it carries holds {n} characters of text; a script "
                           "holds at most {most}", n=count_text(size),
                           most=count_text(MAX_SCRIPT_BYTES)))

# field -> its type, in whatever kind it appears (a kind may say otherwise for its own)
FIELDS: dict[str, Check] = {
    **dict.fromkeys(("pid", "mid", "xid", "iid", "nid", "aid", "rid", "did", "fid", "id",
                     "step", "index", "into", "item", "target", "ppid"), INT),
    **dict.fromkeys(("dots", "cap"), DOTS),
    # A rating's value and a vote's delta: the rules refuse any but whole numbers, in
    # their own words ("A rating goes from 1 to 5"); a float or a bool cannot harm the fold.
    **dict.fromkeys(("value", "delta"), any_of(NUMBER, BOOL)),
    **dict.fromkeys(("text", "title", "client", "facilitator", "lang", "pseudonym", "name",
                     "segment", "owner", "due", "measure", "stage", "touchpoint", "type",
                     "entity", "prompt_id", "technique", "scale", "headline", "meaning",
                     "recommendation"), TEXT),
    **dict.fromkeys(("blind", "consent", "insight", "moderate"), BOOL),
    # Sent from a participant's phone (the room): "phone", and the id the phone made
    # for the entry, so that sending it again never records it twice.
    "via": Text(MAX_VIA), "cid": Text(MAX_CLIENT_ID),
    "script": SCRIPT,
}


# How every kind of event is named. (This pattern and _TOKEN are compiled when first
# needed, by re's own cache: reading a sound file needs neither.)
_KIND_NAME = r"[a-z][a-z0-9_]{0,39}"

_INT, _TEXT = 1, 2  # checks done inline in check_event: most fields are these


def _spec(check: Check) -> tuple[int, int, Check]:
    if check is INT:
        return _INT, 0, check
    if isinstance(check, Text):
        return _TEXT, check.limit, check
    return 0, 0, check


@cache
def _common() -> dict[str, tuple[int, int, Check]]:
    return {name: _spec(check) for name, check in FIELDS.items()}


@cache
def _fields(kind: str) -> dict[str, tuple[int, int, Check]]:
    """field -> (inline check, text limit, the check that says what is wrong). Most
    kinds add none of their own: they share one map (made once, not once per kind as a
    session's first events are read)."""
    own = registry.EVENTS[kind].fields
    if not own:
        return _common()
    return {**_common(), **{name: _spec(check) for name, check in own.items()}}


def _where(event_id: int | None) -> str:
    return t("event {id}", id=event_id) if event_id is not None else t("a change")


def check_event(kind: object, data: object, at: object, event_id: int | None = None) -> None:
    """Raise EventError unless the event is one this version can take in."""
    try:
        if type(kind) is not str or kind not in registry.EVENTS:
            # A name as ours are written is most likely a kind a newer version added; any
            # other is damage (and is never shown whole: the file may be crafted).
            newer = kind if type(kind) is str and re.fullmatch(_KIND_NAME, kind) else None
            raise EventError(t("it is of an unknown kind “{kind}”", kind=str(kind)[:40]),
                             newer_kind=newer)
        check_time(at)
        if type(data) is not dict:
            raise EventError(t("its data is not a JSON object"))
        fields = _fields(kind)
        for name in registry.EVENTS[kind].required:
            if data.get(name) is None:
                raise EventError(t("“{field}” is missing", field=name))
        for name, value in data.items():  # a 100,000-event session: keep this loop lean
            spec = fields.get(name)
            if spec is None or value is None:
                continue
            inline, limit, check = spec
            if inline == _INT:
                if type(value) is int and -LARGEST <= value <= LARGEST:
                    continue
            elif inline == _TEXT:
                if type(value) is str and len(value) <= limit:
                    continue
            check(value, name)
    except EventError as exc:
        raise EventError(f"{_where(event_id)}: {exc}", length=exc.length, limit=exc.limit,
                         newer_kind=exc.newer_kind) from None


_EARLIEST = datetime.min.replace(tzinfo=UTC) + timedelta(days=2)
_LATEST = datetime.max.replace(tzinfo=UTC) - timedelta(days=2)


def check_time(at: object) -> None:
    if type(at) is not str or len(at) > 40:
        raise EventError(t("its time is not a time"))
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        raise EventError(t("its time “{at}” is not a time", at=at)) from None
    if when.tzinfo is None:  # every time is stored in UTC, with its offset
        raise EventError(t("its time “{at}” has no time zone", at=at))
    # Shown in local time and subtracted from others: a time whose UTC lies past the year
    # 9999 (or before 1) crashed show, export and replay. A day's margin either way
    # leaves room for any local offset.
    try:
        utc = when.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not _EARLIEST <= utc <= _LATEST:
        raise EventError(t("its time “{at}” is out of range", at=at))


# ---- JSON ---------------------------------------------------------------------------

# A string, closed or running to the end of the text (a crafted one never closes: a
# pattern that must find the closing quote would try again from every quote inside,
# which takes hours for a megabyte of \"), or a bracket. Each character is read once.
_TOKEN = r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[\[\]{}]'


def too_deep(text: str) -> bool:
    """Whether JSON text nests deeper than MAX_JSON_DEPTH, found without parsing it
    (Python's parser recurses: 100,000 levels would exhaust its stack)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for token in re.finditer(_TOKEN, text, re.DOTALL):
        bracket = text[token.start()]
        if bracket in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif bracket != '"':
            depth -= 1
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)  # NaN, Infinity: not JSON


def parse_data(raw: object, event_id: int | None = None) -> dict[str, Any]:
    """An event's data from its stored JSON, or EventError. Size and depth are checked
    before parsing, so neither a huge nor a deeply nested value costs memory or stack."""
    if type(raw) is not str:
        raise EventError(t("{where} cannot be read", where=_where(event_id)))
    if len(raw) > MAX_EVENT_CHARS:
        raise EventError(t("{where} is {n} characters long; an event holds at most {limit}",
                           where=_where(event_id), n=count_text(len(raw)),
                           limit=count_text(MAX_EVENT_CHARS)))
    if too_deep(raw):
        raise EventError(t("{where} is nested more than {limit} levels deep",
                           where=_where(event_id), limit=MAX_JSON_DEPTH))
    try:
        data = _DECODER.decode(raw)
    except (ValueError, RecursionError):
        raise EventError(t("{where} cannot be read", where=_where(event_id))) from None
    if type(data) is not dict:
        raise EventError(f"{_where(event_id)}: " + t("its data is not a JSON object"))
    return data


def read_event(row: tuple[Any, Any, Any, Any]) -> Event:
    """An event as stored (id, at, kind, data), checked: EventError on a row this
    version cannot take in, for the caller to report with the file."""
    id_, at, kind, raw = row
    data = parse_data(raw, id_)
    check_event(kind, data, at, id_)
    return Event(kind=kind, data=data, at=at, id=id_)
