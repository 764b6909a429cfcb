"""The checks every kind's fold shares: a refusal is a RuleError in the user's words.

A handler checks everything first and only then changes the state, so a refused event
leaves the state as it was (``fold.apply``'s promise).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from workshop.core.errors import RuleError
from workshop.core.state import SessionState
from workshop.i18n import N_, t

WRONG_TYPE = N_("A change is missing data or has the wrong type: {kind}.")


def need(condition: bool, message: str, **values: object) -> None:
    """Refuse with ``message`` (a message id, filled with ``values``) unless ``condition``."""
    if not condition:
        raise RuleError(t(message, **values))


def text(data: Mapping[str, Any], key: str = "text") -> str:
    """A text that must say something, without its surrounding blanks."""
    value = str(data.get(key) or "").strip()
    need(bool(value), "The text is empty.")
    return value


def optional(value: object) -> str | None:
    """An optional text field: None when absent or blank."""
    if value is None:
        return None
    need(isinstance(value, str), WRONG_TYPE, kind="text")
    assert isinstance(value, str)
    return value.strip() or None


def moment(s: SessionState, mid: Any) -> int:
    """A moment on the board."""
    need(mid in s.moments, "There is no moment {mid}.", mid=mid)
    return int(mid)


def participant(s: SessionState, pid: Any) -> int | None:
    """A participant of the session, or None for the group."""
    if pid is None:
        return None
    need(pid in s.participants, "There is no participant {pid}.", pid=pid)
    return int(pid)


def choice(value: Any, allowed: Collection[str]) -> Any:
    """One of ``allowed`` (or None)."""
    if value is None:
        return None
    need(value in allowed, "Unknown value: {value} (one of: {allowed}).", value=value,
         allowed=", ".join(allowed))
    return value


def whole(value: Any) -> bool:
    """A whole number, not a bool."""
    return isinstance(value, int) and not isinstance(value, bool)


def ids(value: Any, what: str) -> tuple[int, ...]:
    """A list of ids, in the order picked, each once."""
    need(isinstance(value, list | tuple) and all(whole(v) for v in value), WRONG_TYPE, kind=what)
    return tuple(dict.fromkeys(value))


def position(value: Any, size: int) -> int | None:
    """Where an entry goes in an order of ``size``: None for the end."""
    need(value is None or whole(value), "There is no position {index}.", index=value)
    if value is None or not 0 <= value <= size:
        return None
    return int(value)
