"""Buttons made without styling them before they are mounted.

Textual's Button sets its variant, flat and compact looks in ``__init__`` through
reactive watchers, each adding or removing a class; inside a running app each change of
class styles the button there and then, before it is mounted (and styled again): two or
three stylings of every button composed, 0.3 to 0.8 ms each at the run screen's start.
Made outside the app's context, the same classes are set and nothing is styled until
the button is mounted, as any widget made before its app runs.
"""

from __future__ import annotations

import contextvars
from typing import Any

from textual.widgets import Button


def button(label: str, **kwargs: Any) -> Button:
    """``Button(label, **kwargs)``, styled only once mounted."""
    return contextvars.Context().run(Button, label, **kwargs)
