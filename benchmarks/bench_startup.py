"""Start to first screen: how long a facilitator waits after typing the command.

Each start is a fresh Python process, timed from its launch until the first screen is
mounted and drawn, measured the same way for every app: imports, building the app,
``run_test`` (Textual's headless driver) until the screen stack shows the app's first
screen, then one more pause so it is laid out and refreshed. Three apps:

- ``workshop run demo.db``: resuming the shipped demo session (a copy) at its current
  step, what a facilitator does after a crash or a break;
- ``workshop`` (home screen): the sessions folder listed (the two demo sessions);
- baseline: a minimal Textual app that pushes one screen with a Static on mount.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import time
started, started_cpu = time.perf_counter(), time.process_time()
import asyncio, json, sys
mode, arg = sys.argv[1], sys.argv[2]
if mode == "bare":
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    class First(Screen):
        def compose(self):
            yield Static("Hello")

    class Bare(App):
        def on_mount(self):
            self.push_screen(First())

    app, first = Bare(), "First"
else:
    from workshop.tui.app import make_app
    if mode == "run":
        app, first = make_app(arg), "RunScreen"
    else:
        app, first = make_app(sessions_dir=arg), "HomeScreen"
built = time.perf_counter()

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        while type(app.screen).__name__ != first:
            await pilot.pause()
        await pilot.pause()
        shown = time.perf_counter()
        print(json.dumps({"imports": built - started, "shown": shown - started,
                          "cpu": time.process_time() - started_cpu}), flush=True)

asyncio.run(main())
"""


def user_folders(folder: Path) -> dict[str, str]:
    """The environment giving a start its own user data and state folders: the real
    recent sessions' list (whatever the machine's user opened last) is neither listed by
    the home screen measured nor written by the starts."""
    return {"XDG_DATA_HOME": str(folder / "data"), "XDG_STATE_HOME": str(folder / "state")}


def _start(mode: str, arg: str, user: Path) -> tuple[float, dict]:
    began = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, mode, arg], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, **user_folders(user), "WORKSHOP_LANG": "en"})
    line = proc.stdout.readline()
    wall = time.perf_counter() - began
    _, err = proc.communicate(timeout=120)
    if not line:
        raise SystemExit(f"{mode} did not start:\n{err}")
    return wall, json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sessions"
        folder.mkdir()
        for demo in sorted((ROOT / "sessions").glob("demo-*.db")):
            shutil.copy(demo, folder / demo.name)
        session = str(folder / "demo-supermarket.db")
        apps = {"bare": "", "run": session, "home": str(folder)}
        results: dict[str, list[tuple[float, dict]]] = {m: [] for m in apps}
        user = Path(tmp) / "user"
        _start("bare", "", user)  # warm the disk cache for everyone alike
        for _ in range(args.runs):
            for mode, arg in apps.items():  # interleaved: the same load for each
                results[mode].append(_start(mode, arg, user))

    def med(mode: str, key: str | None = None) -> float:
        return statistics.median(w if key is None else d[key] for w, d in results[mode]) * 1000

    print(f"machine: {platform.machine()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; median of {args.runs} starts each")
    labels = {"run": "workshop run demo.db", "home": "workshop (home screen)",
              "bare": "minimal Textual app"}
    for mode in ("run", "home", "bare"):
        print(f"  {labels[mode]:24} process start to first screen {med(mode):6.0f} ms "
              f"(imports and building the app {med(mode, 'imports'):5.0f} ms)")
    for mode in ("run", "home"):
        print(f"  ratio {labels[mode]} / minimal app: {med(mode) / med('bare'):.2f} ×")


if __name__ == "__main__":
    main()
