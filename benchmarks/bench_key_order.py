"""What taking keys one at a time costs (KeysInOrder, tui/widgets/key_order.py).

The run screen on a session's moments step, typing moments of 20 characters and Enter:
(1) key by key as a person types (``pilot.press``, the app idle between keys): CPU per
key; (2) every key of 20 moments posted at once, as a burst from the terminal: time
until the app is idle with all of them saved. Taken in order, the screen is redrawn
between keys (each key shows), where Textual's own handling takes many keys per redraw.
The baseline is the same app with Textual's own key handling (``App.on_event``, no
ordering) in the same run; in the burst it saves the wrong text, so only its time is
compared.

Run: .venv/bin/python benchmarks/bench_key_order.py [--entries N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402

from workshop.core.store import Store  # noqa: E402
from workshop.tui.app import WorkshopApp  # noqa: E402

SCRIPT = {"name": "bench", "title": "Bench", "lang": "en", "dots": 3, "minutes": 20,
          "steps": [{"title": "Moments", "kind": "moments", "minutes": 20, "body": "",
                     "options": {}}]}


class Unordered(WorkshopApp):
    CSS_PATH = str(Path(sys.modules[WorkshopApp.__module__].__file__).with_name("app.tcss"))

    async def on_event(self, event: events.Event) -> None:
        await App.on_event(self, event)


def entry(i: int) -> str:
    return f"moment number {i:05d}"[:20]


def new_session(folder: Path, name: str) -> Path:
    path = folder / f"{name}.db"
    with Store.create(path, title="Bench", script=SCRIPT, lang="en",
                      participants=[{"pid": 1, "pseudonym": "P1"}]) as store:
        store.record("step_entered", step=0)
    return path


async def typed(app_class, path: Path, entries: int) -> tuple[list[float], int]:
    app = app_class(store=Store.open(path))
    cpu = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for i in range(entries):
            for ch in entry(i) + "\r":
                key = {" ": "space", "\r": "enter"}.get(ch, ch)
                start = time.process_time()
                await pilot.press(key)
                cpu.append(time.process_time() - start)
        saved = len(app.screen.state.moments)
    return cpu, saved


async def burst(app_class, path: Path, entries: int) -> tuple[float, float, int]:
    app = app_class(store=Store.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        for i in range(entries):
            for ch in entry(i):
                app.post_message(events.Key("space" if ch == " " else ch, ch))
            app.post_message(events.Key("enter", "\r"))
        await pilot.pause()
        while app._held_keys or app._open_trips:  # Pilot's "idle" can come between keys
            await asyncio.sleep(0.002)
        await pilot.pause()
        wall, cpu = time.perf_counter() - start_wall, time.process_time() - start_cpu
        right = sum(m.text == entry(i) for i, m in
                    enumerate(app.screen.state.ordered_moments()))
    return wall, cpu, right


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20)
    n = parser.parse_args().entries
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"typing {n} moments of 20 characters + Enter, key by key "
              f"(CPU ms per key, median / p90):")
        results = {}
        for label, cls in (("Textual's own (baseline)", Unordered), ("keys in order", WorkshopApp)):
            cpu, saved = asyncio.run(typed(cls, new_session(folder, f"t-{cls.__name__}"), n))
            cpu.sort()
            results[label] = statistics.median(cpu)
            print(f"  {label:<26}{statistics.median(cpu) * 1000:7.2f} / "
                  f"{cpu[int(len(cpu) * 0.9)] * 1000:6.2f}   saved {saved} of {n}")
        base, ours = results.values()
        print(f"  ratio {ours / base:.2f}x\n")
        print(f"the same {n} moments posted at once (a burst), until idle and saved:")
        times = {}
        for label, cls in (("Textual's own (baseline)", Unordered), ("keys in order", WorkshopApp)):
            wall, cpu, right = asyncio.run(burst(cls, new_session(folder, f"b-{cls.__name__}"), n))
            times[label] = cpu
            print(f"  {label:<26}{wall * 1000:8.0f} ms wall {cpu * 1000:8.0f} ms CPU   "
                  f"saved as typed: {right} of {n}")
        base, ours = times.values()
        print(f"  CPU ratio {ours / base:.2f}x")


if __name__ == "__main__":
    main()
