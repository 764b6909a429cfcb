"""What an event may hold: checked for every event written and every event read.

A session file may have been edited by hand or made by another tool. Before the fold
sees an event, its JSON must parse without deep nesting, its time be a time, each field
have the type its kind gives it, and no text be longer than an entry may be. One bad
event gets the whole file refused, naming the event (``EventError``); ``Store.record``
runs the same checks, so every channel that writes (typing, pasting, the demo's
source) meets the same limits.

The rules are data. A field has the same type in every kind (``FIELDS``) unless a kind
says otherwise (``KIND_FIELDS``); a field neither names may hold any JSON value (a
newer version may add some), within the limits on size and nesting. A kind this
version does not know is refused.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from functools import cache
from typing import Callable

from workshop.core.events import KINDS
from workshop.core.limits import (MAX_DOTS, MAX_EVENT_CHARS, MAX_JSON_DEPTH, MAX_MINUTES,
                                  MAX_PROMPT_TEXT, MAX_STEP_TEXT, MAX_TEXT, count_text)
from workshop.i18n import t


class EventError(ValueError):
    """An event that cannot be taken in. ``str()`` says which and why, e.g.
    "event 12: “step” should be a whole number". ``length``/``limit`` are set when a
    text is too long (what a person typing needs to hear)."""

    def __init__(self, message: str, *, length: int | None = None, limit: int | None = None):
        super().__init__(message)
        self.length, self.limit = length, limit


# A check takes (value, where) and raises EventError; ``where`` names the field.
Check = Callable[[object, str], None]

_LARGEST = 2 ** 53  # whole numbers JSON tools agree on; ids and counts are far smaller


def _wrong(where: str, what: str) -> EventError:
    return EventError(t("“{field}” should be {what}", field=where, what=what))


def _int(value, where):
    if type(value) is not int or not -_LARGEST <= value <= _LARGEST:
        raise _wrong(where, t("a whole number"))


def _number(value, where):
    if type(value) not in (int, float) or not math.isfinite(value):
        raise _wrong(where, t("a number"))


def _dots(value, where):
    """Dots each, or a cap per item: no more than a script may give (below one dot, the
    voting rules refuse the vote in their own words)."""
    if type(value) is not int or value > MAX_DOTS:
        raise _wrong(where, t("a whole number, at most {most}", most=MAX_DOTS))


def _minutes(value, where):
    if type(value) not in (int, float) or not (math.isfinite(value) and 0 <= value <= MAX_MINUTES):
        raise _wrong(where, t("a number from 0 to {most}", most=MAX_MINUTES))


def _bool(value, where):
    if type(value) is not bool and value not in (0, 1):
        raise _wrong(where, t("true or false"))


def _text(limit: int) -> Check:
    def check(value, where):
        if type(value) is not str:
            raise _wrong(where, t("a text"))
        if len(value) > limit:
            raise EventError(t("“{field}” is {n} characters long; the limit is {limit}",
                               field=where, n=count_text(len(value)), limit=count_text(limit)),
                             length=len(value), limit=limit)
    check.limit = limit  # type: ignore[attr-defined]  (the fast path in check_event)
    return check


def _any_of(*checks: Check) -> Check:
    def check(value, where):
        for one in checks:
            try:
                one(value, where)
                return
            except EventError:
                continue
        checks[0](value, where)  # the first one's words
    return check


def _object(fields: dict[str, Check], required: tuple[str, ...] = ()) -> Check:
    """A JSON object; ``required`` fields must be there and not null."""
    def check(value, where):
        if type(value) is not dict:
            raise _wrong(where, t("an object"))
        for name in required:
            if value.get(name) is None:
                raise EventError(t("“{field}” is missing", field=f"{where}.{name}"))
        for name, item in value.items():
            one = fields.get(name)
            if one is not None and item is not None:
                one(item, f"{where}.{name}")
    return check


def _list(item: Check) -> Check:
    def check(value, where):
        if type(value) is not list:
            raise _wrong(where, t("a list"))
        for i, one in enumerate(value, 1):
            item(one, f"{where}[{i}]")
    return check


TEXT = _text(MAX_TEXT)
INT = _int

# The script a session carries (Script.to_dict): what the fold and the screens read.
SCRIPT = _object({
    "name": TEXT, "title": TEXT, "lang": TEXT, "dots": _dots, "cap": _dots, "minutes": _number,
    "steps": _list(_object({
        "title": TEXT, "kind": TEXT, "minutes": _minutes, "body": _text(MAX_STEP_TEXT),
        "options": _object({"target": TEXT, "dots": _dots, "cap": _dots,
                            "blind": _any_of(_bool, TEXT)}),
    }, required=("title", "kind"))),
})

# field -> its type, in whatever kind it appears
FIELDS: dict[str, Check] = {
    **dict.fromkeys(("pid", "mid", "xid", "iid", "nid", "aid", "rid", "did", "fid", "id",
                     "step", "index", "into", "item", "target"), INT),
    **dict.fromkeys(("dots", "cap"), _dots),
    # A rating's value and a vote's delta: the rules refuse any but whole numbers, in
    # their own words ("A rating goes from 1 to 5"); a float or a bool cannot harm the fold.
    **dict.fromkeys(("value", "delta"), _any_of(_number, _bool)),
    **dict.fromkeys(("text", "title", "client", "facilitator", "lang", "pseudonym", "name",
                     "segment", "owner", "due", "measure", "stage", "touchpoint", "type",
                     "entity", "prompt_id", "technique", "scale", "headline", "meaning",
                     "recommendation"), TEXT),
    **dict.fromkeys(("blind", "consent", "insight"), _bool),
    "script": SCRIPT,
}

# kind -> fields whose type differs there from FIELDS
KIND_FIELDS: dict[str, dict[str, Check]] = {
    "vote_opened": {"target": TEXT},  # moments or ideas; an undo's target is an event id
    "prompt_drawn": {"text": _text(MAX_PROMPT_TEXT)},  # a card with the moment filled in
}


_INT, _TEXT = 1, 2  # checks done inline in check_event: most fields are these


def _spec(check: Check) -> tuple[int, int, Check]:
    if check is _int:
        return _INT, 0, check
    limit = getattr(check, "limit", None)
    return (_TEXT, limit, check) if limit is not None else (0, 0, check)


@cache
def _fields(kind: str) -> dict[str, tuple[int, int, Check]]:
    """field -> (inline check, text limit, the check that says what is wrong)."""
    return {name: _spec(check) for name, check in {**FIELDS, **KIND_FIELDS.get(kind, {})}.items()}


def _where(event_id: int | None) -> str:
    return t("event {id}", id=event_id) if event_id is not None else t("a change")


def check_event(kind, data, at, event_id: int | None = None) -> None:
    """Raise EventError unless the event is one this version can take in."""
    try:
        if type(kind) is not str or kind not in KINDS:
            raise EventError(t("it is of an unknown kind “{kind}”", kind=str(kind)[:40]))
        check_time(at)
        if type(data) is not dict:
            raise EventError(t("its data is not a JSON object"))
        fields = _fields(kind)
        for name in KINDS[kind]:
            if data.get(name) is None:
                raise EventError(t("“{field}” is missing", field=name))
        for name, value in data.items():  # a 100,000-event session: keep this loop lean
            spec = fields.get(name)
            if spec is None or value is None:
                continue
            inline, limit, check = spec
            if inline == _INT:
                if type(value) is int and -_LARGEST <= value <= _LARGEST:
                    continue
            elif inline == _TEXT:
                if type(value) is str and len(value) <= limit:
                    continue
            check(value, name)
    except EventError as exc:
        raise EventError(f"{_where(event_id)}: {exc}", length=exc.length, limit=exc.limit) from None


def check_time(at) -> None:
    if type(at) is not str or len(at) > 40:
        raise EventError(t("its time is not a time"))
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        raise EventError(t("its time “{at}” is not a time", at=at)) from None
    if when.tzinfo is None:  # every time is stored in UTC, with its offset
        raise EventError(t("its time “{at}” has no time zone", at=at))


# ---- JSON ---------------------------------------------------------------------------

# A string, closed or running to the end of the text (a crafted one never closes: a
# pattern that must find the closing quote would try again from every quote inside,
# which takes hours for a megabyte of \"), or a bracket. Each character is read once.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


def too_deep(text: str) -> bool:
    """Whether JSON text nests deeper than MAX_JSON_DEPTH, found without parsing it
    (Python's parser recurses: 100,000 levels would exhaust its stack)."""
    if text.count("[") + text.count("{") <= MAX_JSON_DEPTH:
        return False
    depth = 0
    for token in _TOKEN.finditer(text):
        bracket = text[token.start()]
        if bracket in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif bracket != '"':
            depth -= 1
    return False


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


_DECODER = json.JSONDecoder(parse_constant=_no_constant)  # NaN, Infinity: not JSON


def parse_data(raw, event_id: int | None = None) -> dict:
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
