"""Reading a step's options as a script's heading writes them (``dots=5 blind=true``).

Each reader takes the value as written and returns it as the session stores it, or
raises ValueError with the message to show (the script parser adds file and line).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from workshop.core.limits import MAX_DOTS  # also the most a whole-number option may be
from workshop.i18n import t

DEFAULT_DOTS = 3  # dots per participant where the script does not say


def whole(key: str) -> Callable[[str], int]:
    def read(value: str) -> int:
        if not value.isdigit() or not 1 <= int(value) <= MAX_DOTS:
            raise ValueError(t("{key} must be a whole number from 1 to {most}, not “{value}”.",
                               key=key, most=MAX_DOTS, value=value))
        return int(value)
    return read


def truth(message: str) -> Callable[[str], bool]:
    """true or false (any case); ``message`` says what else was written ({value})."""
    def read(value: str) -> bool:
        if value.lower() not in ("true", "false"):
            raise ValueError(t(message, value=value.lower()))
        return value.lower() == "true"
    return read


def one_of(allowed: Collection[str], message: str, *, as_written: bool = False
           ) -> Callable[[str], str]:
    """One of ``allowed`` (any case); ``message`` says what else was written ({value},
    in lower case unless ``as_written``)."""
    def read(value: str) -> str:
        if value.lower() not in allowed:
            raise ValueError(t(message, value=value if as_written else value.lower()))
        return value.lower()
    return read


def read_options(readers: dict[str, Callable[[str], Any]], attrs: dict[str, str]
                 ) -> dict[str, Any]:
    """The options of ``attrs`` each kind's ``readers`` know (others are left there)."""
    return {key: readers[key](attrs.pop(key)) for key in list(attrs) if key in readers}
