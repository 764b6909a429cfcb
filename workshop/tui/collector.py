"""Python's cycle collector kept off while the app builds its first screen.

Starting, the app makes tens of thousands of objects that all live on (modules read,
the session's state, every widget and its styles) and almost no garbage in cycles; the
collector, run every 700 new objects, walked them again and again: 20 to 30 ms of the
run screen's start (its full collection alone about 14 ms), a tenth of it, and about
20 ms more before the app loads, over Textual's imports and ours. It is switched off as
the TUI is imported (tui/__init__.py) and again as each app loads, and on again once the
first screen has been drawn (the screen says so), or after ``AT_THE_LATEST`` seconds
whatever happens, or when the app ends. What was made meanwhile is collected as usual
from then on.
"""

from __future__ import annotations

import gc

AT_THE_LATEST = 2.0  # seconds: a first screen that never says it was drawn

_paused = False


def pause() -> None:
    """Keep the collector off until ``resume`` (if it was on: a caller's choice stays)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The collector on again, if ``pause`` switched it off (once: later calls do nothing)."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
