"""The report of a hung test names each waiting task and the line it waits on, read from
another thread while the loop waits (as when pytest-timeout's limit comes near)."""

from __future__ import annotations

import asyncio
import threading

import stalled


async def test_the_tasks_stacks_name_the_line_each_task_waits_on():
    never: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    async def making() -> None:
        await waiting_for_layout()

    async def waiting_for_layout() -> None:
        await never

    task = asyncio.create_task(making(), name="the making")
    await asyncio.sleep(0)
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.append(stalled.task_stacks()))
    reader.start()
    reader.join(10)  # the loop stands still meanwhile, as a hung one does
    task.cancel()
    [text] = seen
    block = text[text.index("name='the making'"):].splitlines()
    assert "in making" in block[1] and "in waiting_for_layout" in block[2]
    line = waiting_for_layout.__code__.co_firstlineno + 1  # its await
    assert block[2].endswith(f"test_stalled.py:{line} in waiting_for_layout")


def test_the_stacks_are_kept_only_if_the_test_runs_that_long():
    ended_in_time: list[str] = []
    timer = stalled.watch(0.5, ended_in_time.append)
    timer.cancel()
    timer.join()
    still_running: list[str] = []
    stalled.watch(0.01, still_running.append).join(10)
    assert ended_in_time == [] and len(still_running) == 1
