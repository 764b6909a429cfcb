"""The types an event's field may have, as checks.

A check takes (value, where) and raises EventError saying what is wrong, ``where``
naming the field. ``eventcheck`` applies them to every event written and read; a kind
declares the types of its own fields with them (``kinds.spec.EventSpec.fields``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import cast

from workshop.core.limits import MAX_DOTS, MAX_MINUTES, MAX_TEXT, count_text
from workshop.i18n import t


class EventError(ValueError):
    """An event that cannot be taken in. ``str()`` says which and why, e.g.
    "event 12: “step” should be a whole number". ``length``/``limit`` are set when a
    text is too long (what a person typing needs to hear). ``newer_kind`` is set when the
    event is of a kind this version does not know but a newer one may well write."""

    def __init__(self, message: str, *, length: int | None = None, limit: int | None = None,
                 newer_kind: str | None = None):
        super().__init__(message)
        self.length, self.limit = length, limit
        self.newer_kind = newer_kind


Check = Callable[[object, str], None]

LARGEST = 2 ** 53  # whole numbers JSON tools agree on; ids and counts are far smaller


def wrong(where: str, what: str) -> EventError:
    return EventError(t("“{field}” should be {what}", field=where, what=what))


def INT(value: object, where: str) -> None:
    if type(value) is not int or not -LARGEST <= value <= LARGEST:
        raise wrong(where, t("a whole number"))


def NUMBER(value: object, where: str) -> None:
    if type(value) not in (int, float) or not math.isfinite(cast(float, value)):
        raise wrong(where, t("a number"))


def DOTS(value: object, where: str) -> None:
    """Dots each, or a cap per item: no more than a script may give (below one dot, the
    voting rules refuse the vote in their own words)."""
    if type(value) is not int or value > MAX_DOTS:
        raise wrong(where, t("a whole number, at most {most}", most=MAX_DOTS))


def MINUTES(value: object, where: str) -> None:
    if type(value) not in (int, float) or not (
            math.isfinite(number := cast(float, value)) and 0 <= number <= MAX_MINUTES):
        raise wrong(where, t("a number from 0 to {most}", most=MAX_MINUTES))


def BOOL(value: object, where: str) -> None:
    if type(value) is not bool and value not in (0, 1):
        raise wrong(where, t("true or false"))


class Text:
    """A text of at most ``limit`` characters (the limit is read by check_event's fast path)."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, value: object, where: str) -> None:
        if type(value) is not str:
            raise wrong(where, t("a text"))
        if len(value) > self.limit:
            raise EventError(t("“{field}” is {n} characters long; the limit is {limit}",
                               field=where, n=count_text(len(value)),
                               limit=count_text(self.limit)),
                             length=len(value), limit=self.limit)


TEXT = Text(MAX_TEXT)


def any_of(*checks: Check) -> Check:
    def check(value: object, where: str) -> None:
        for one in checks:
            try:
                one(value, where)
                return
            except EventError:
                continue
        checks[0](value, where)  # the first one's words
    return check


def json_object(fields: Mapping[str, Check], required: tuple[str, ...] = ()) -> Check:
    """A JSON object; ``required`` fields must be there and not null."""
    def check(value: object, where: str) -> None:
        if type(value) is not dict:
            raise wrong(where, t("an object"))
        for name in required:
            if value.get(name) is None:
                raise EventError(t("“{field}” is missing", field=f"{where}.{name}"))
        for name, item in value.items():
            one = fields.get(name)
            if one is not None and item is not None:
                one(item, f"{where}.{name}")
    return check


def json_list(item: Check) -> Check:
    def check(value: object, where: str) -> None:
        if type(value) is not list:
            raise wrong(where, t("a list"))
        for i, one in enumerate(value, 1):
            item(one, f"{where}[{i}]")
    return check
