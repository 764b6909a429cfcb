"""Waiting in a Pilot test for what the test expects, not for a number of pauses."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from time import monotonic


async def until(pilot, condition, what: str | Callable[[], str] = "the screen to change"
                ) -> None:
    """Pause until ``condition()`` holds. Each pause lets the app handle what is queued
    (a key's trip, a step's new panel); a loaded machine needs more of them than an idle
    one, so a test waits for what it expects instead of counting pauses. ``what`` may be
    a function, asked only if the wait fails (to say what the screen showed then)."""
    deadline = monotonic() + 60
    while True:
        try:
            if condition():
                return
        except Exception:  # a widget being replaced meanwhile: not there yet
            if monotonic() > deadline:
                raise
        if monotonic() > deadline:
            raise AssertionError(f"still waiting for {what() if callable(what) else what} "
                                 "after 60 s")
        await pilot.pause(0.01)


async def soon(condition, seconds: float = 10, step: float = 0.01) -> bool:
    """Sleep until ``condition()`` holds or ``seconds`` have passed; whether it held. For
    code the app itself runs (a patched part of it), where a Pilot pause would wait for
    the app, that is for this very code."""
    deadline = monotonic() + seconds
    while not condition():
        if monotonic() > deadline:
            return False
        await asyncio.sleep(step)
    return True


async def replay_ready(pilot):
    """The replay screen once its file is read and its first position shown (a worker
    and a few mounts: a loaded machine may not have started them when the test looks;
    keys pressed before are ignored, as they are for a user)."""
    from workshop.tui.replay import ReplayScreen

    await until(pilot, lambda: isinstance(pilot.app.screen, ReplayScreen)
                and pilot.app.screen.ready, "the replay to be read")
    await pilot.pause()
    return pilot.app.screen
