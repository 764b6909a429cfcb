"""What the run screen's shell adds to a key press, with a large session.

The shell is everything around the step panel: the agenda, the participants with their
contribution counts (a pass over every moment, expectation, rating, idea and note), the
clock and the title bar, redrawn after every change. ``bench_tui_keypress.py`` measures
the panels alone; this one runs the whole app (``make_app``) on the same large session
(8 participants, 500 moments, 2,000 ideas, 4,000 ratings, 1,000 expectations; written by
that benchmark's ``write_session``) and on a tiny one (5 moments, 20 ideas), measured in
the same run. large/tiny is what the size of the session costs.

Figures are CPU time of the process per key press, from sending the key until the app is
idle with the screen refreshed (see bench_tui_keypress.py for why CPU, not wall time),
and the CPU time of the shell's redraw alone.

Run: .venv/bin/python benchmarks/bench_run_screen.py [--presses N]
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_tui_keypress import SIZE, quit_app, timed, write_session  # noqa: E402

from workshop.tui.app import make_app  # noqa: E402

SCENARIOS = [
    # (label, keys: setup keys, then the timed key)
    ("F5: start or pause the step timer", ["f5"]),
    ("F2, a note, Enter: saved, dialog closed", ["f2", "x", "enter"]),
    ("F8: next step (panel swapped)", ["f7", "f8"]),
]


async def keypress(path: Path, keys: list[str], presses: int) -> list[float]:
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        cpu, _wall = await timed(pilot, keys, presses)
        await quit_app(pilot)
    return cpu


async def redraw(path: Path, times: int) -> list[float]:
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        cpu = []
        for _ in range(times):
            start = time.process_time()
            screen._redraw()
            cpu.append(time.process_time() - start)
        await quit_app(pilot)
    return cpu


def ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    large, tiny = folder / "large.db", folder / "tiny.db"
    write_session(large, 500, 2000)
    write_session(tiny, 5, 20)

    print(f"CPU ms per key press, median of {args.presses} (large: 500 moments, 2,000 ideas; "
          "tiny: 5 moments, 20 ideas)")
    print(f"{'':42} {'large':>8} {'tiny':>8} {'ratio':>7}")
    for label, keys in SCENARIOS:
        big = ms(asyncio.run(keypress(large, keys, args.presses)))
        small = ms(asyncio.run(keypress(tiny, keys, args.presses)))
        print(f"{label:42} {big:8.1f} {small:8.1f} {big / small:7.2f}")
    big = ms(asyncio.run(redraw(large, 50)))
    small = ms(asyncio.run(redraw(tiny, 50)))
    print(f"{'shell redraw alone (agenda, people, clock)':42} {big:8.2f} {small:8.2f} "
          f"{big / small:7.2f}")


if __name__ == "__main__":
    main()
