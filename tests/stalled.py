"""What each asyncio task of a test was waiting on, taken shortly before pytest-timeout
ends the test (tests/conftest.py adds it to the failure's report).

pytest-timeout shows the threads' stacks, and a test waiting for ever in an event loop
is there only as the loop's select(): which task waited on which (a step change on the
panel being made, that one on the screen) is what tells a hang's cause.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

BEFORE_TIMEOUT = 10.0  # seconds before pytest-timeout's limit


def _chain(coroutine: object) -> list[str]:
    """The frames a suspended coroutine is waiting in, outermost first."""
    lines = []
    for _ in range(100):
        frame = (getattr(coroutine, "cr_frame", None) or getattr(coroutine, "gi_frame", None)
                 or getattr(coroutine, "ag_frame", None))
        if frame is not None:
            lines.append(f"    {frame.f_code.co_filename}:{frame.f_lineno} "
                         f"in {frame.f_code.co_name}")
        inner = (getattr(coroutine, "cr_await", None) or getattr(coroutine, "gi_yieldfrom", None)
                 or getattr(coroutine, "ag_await", None))
        if inner is None:
            break
        coroutine = inner
    return lines


def task_stacks() -> str:
    """Every pending task of every event loop in the process, with what it awaits. Read
    from another thread while the loop runs: asyncio's own set of tasks (private), copied
    until it does not change under the copy."""
    tasks: list[asyncio.Task] = []
    for _ in range(10):
        try:
            tasks = list(getattr(asyncio.tasks, "_all_tasks", ()))
            break
        except RuntimeError:  # the set changed size while copied
            continue
    lines = []
    for task in tasks:
        if task.done():
            continue
        lines.append(f"{task!r:.400}")
        lines.extend(_chain(task.get_coro()))
    return "\n".join(lines) or "(no pending task)"


def watch(seconds: float, keep: Callable[[str], None]) -> threading.Timer:
    """Hand ``keep`` the tasks' stacks if the test still runs ``seconds`` from now."""
    timer = threading.Timer(seconds, lambda: keep(task_stacks()))
    timer.daemon = True
    timer.start()
    return timer
