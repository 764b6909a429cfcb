"""F8 to a step not seen yet in this run of the app, per kind of step, large vs tiny.

A script holding every kind of step (moments, expectations, excellence, a vote on
moments, a vote on ideas, gaps, a ranking, a discussion, the wrap-up); the large
session (500 moments, 2,000 ideas) and a tiny one (5 moments, 20 ideas) written the
same way (bench_tui_keypress.write_session). Each visit is a fresh app on a fresh copy
of the session opened at the step before, its tables filled (``bench_goals.settled``),
then F8: the CPU time of the process from the key until the app is idle with the
screen refreshed, less what timers set off after the step change (the next panel made
ahead, a table's rows past its first screenful: ``bench_goals.f8_cpu``). Three ways of
arriving:

- **at once**: F8 as soon as the step before is drawn, its tables still taking their
  rows, before the app has had a moment to make the next step's panel ahead: the panel
  is made as the step shows (the worst case: a facilitator going through two steps;
  the making ahead is held off until F8, whatever the machine's load:
  ``bench_goals.nothing_made_ahead``);
- **straight away**: F8 as soon as the step before has its tables full (about 0.8 s on
  the large session);
- **after a pause** (``--idle``, default 1.5 s): F8 once the app has been idle that
  long on the step before, as a facilitator who spends minutes on a step presses it.

Whatever the app does before F8 (the next step's panel made ahead, if it does) is not in
the figure, and is printed apart: the CPU of the pause (from the step before drawn).

``--key`` adds a key typed in the vote on ideas' field as the gaps panel starts being
made ahead, against the same key on a quiet app: wall time from the key (sent as a
terminal's driver sends it) to the field holding it.

Each kind's visits run in a process of their own (a process that ran dozens of apps
has a heap the collector walks for longer). Kinds alternate between the sizes.

Run: .venv/bin/python benchmarks/bench_first_visit.py [--presses N] [--kinds gaps,wrapup]
     [--idle S] [--modes at-once,full,idle] [--key]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import bench_tui_keypress  # noqa: E402

SIZE = (120, 40)
# The vote steps stay at 3 and 4, where write_session opens their votes.
STEPS = [("Moments", "moments", {}), ("Expectations", "expectations", {}),
         ("Excellence", "excellence", {}),
         ("Vote on moments", "vote", {"target": "moments", "blind": True}),
         ("Vote on ideas", "vote", {"target": "ideas", "blind": False}),
         ("Gaps", "gaps", {}), ("Ranking", "ranking", {"target": "moments", "top": 3}),
         ("Discussion", "discussion", {}), ("Wrap-up", "wrapup", {})]
SCRIPT = {**bench_tui_keypress.SCRIPT,
          "steps": [{"title": t, "kind": k, "minutes": 15,
                     "body": "Ask the group what they noticed." if k == "discussion" else "",
                     "options": o} for t, k, o in STEPS]}
AT_ONCE, KEY = -1.0, -2.0  # the pause's special values: F8 at once; a key typed
KINDS = {"expectations": 1, "excellence": 2, "vote-moments": 3, "vote-ideas": 4, "gaps": 5,
         "ranking": 6, "discussion": 7, "wrapup": 8}


def write(path: Path, moments: int, ideas: int) -> None:
    saved = bench_tui_keypress.SCRIPT
    bench_tui_keypress.SCRIPT = SCRIPT
    try:
        bench_tui_keypress.write_session(path, moments=moments, ideas=ideas)
    finally:
        bench_tui_keypress.SCRIPT = saved


async def one_visit(path: Path, idle: float) -> tuple[float, float]:
    """(CPU of F8 until idle, CPU of the pause before it) in a fresh app on ``path``
    (``idle`` < 0: F8 at once, as soon as the step before is drawn)."""
    from bench_goals import f8_cpu, nothing_made_ahead, settled

    from workshop.tui.app import make_app

    with nothing_made_ahead(idle < 0):
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            start = time.process_time()
            if idle >= 0:
                await settled(pilot)
            if idle > 0:
                await asyncio.sleep(idle)
                await pilot.pause()
            paused = time.process_time() - start
            cpu = await f8_cpu(pilot)
            await settled(pilot)
            await bench_tui_keypress.quit_app(pilot)
    return cpu, paused


async def typed_key(path: Path, during: bool) -> float:
    """Wall seconds from a key sent (as a terminal's driver sends it) until the field on
    view holds it: at once after the step before shows (``during``: as the next step's
    panel starts being made ahead, with the app otherwise idle), in a fresh app."""
    from bench_goals import settled
    from textual import events

    from workshop.tui.app import make_app
    from workshop.tui.screens.run import RunScreen

    started = asyncio.Event()
    build = RunScreen._build_ahead

    async def watched(self) -> None:
        started.set()
        await build(self)

    RunScreen._build_ahead = watched  # type: ignore[method-assign]
    try:
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if during:  # (the making starts before the step before's tables are full)
                await started.wait()
            else:
                await settled(pilot)
                await pilot.pause()
            field = app.focused
            before = field.value
            sent = time.perf_counter()
            app.post_message(events.Key("1", "1"))
            while field.value == before:
                await asyncio.sleep(0.0005)
            wall = time.perf_counter() - sent
            await settled(pilot)
            await bench_tui_keypress.quit_app(pilot)
    finally:
        RunScreen._build_ahead = build  # type: ignore[method-assign]
    return wall


def child(path: Path, step: int, presses: int, idle: float) -> None:
    """In a process of its own: ``presses`` first visits of the step after ``step``."""
    from workshop.core.store import Store

    out = []
    for i in range(presses):
        copy = path.with_name(f"{path.stem}-{step}-{i}.db")
        shutil.copy(path, copy)
        with Store.open(copy) as store:
            store.record("step_entered", step=step)
        if idle == KEY:  # a key: quiet, then while the next panel is made
            out.append((asyncio.run(typed_key(copy, False)), 0.0))
            out.append((0.0, asyncio.run(typed_key(copy, True))))
        else:
            out.append(asyncio.run(one_visit(copy, idle)))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    print(json.dumps(out))


def visits(path: Path, step: int, presses: int, idle: float) -> tuple[float, float]:
    """(median CPU of F8, median CPU of the pause) over ``presses`` visits."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run([sys.executable, __file__, "--child", str(path), str(step),
                           str(presses), str(idle)], capture_output=True, text=True,
                          cwd=ROOT, env={**env, "WORKSHOP_LANG": "en"}, timeout=600)
    if proc.returncode:
        raise SystemExit(f"visits failed:\n{proc.stderr}")
    runs = json.loads(proc.stdout.splitlines()[-1])
    if idle == KEY:  # (quiet, while the next panel is made)
        return (statistics.median(r[0] for r in runs[::2]),
                statistics.median(r[1] for r in runs[1::2]))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--idle", type=float, default=1.5,
                        help="seconds the app is left idle before F8 (0: at once and "
                             "straight away only)")
    parser.add_argument("--modes", default="at-once,full,idle",
                        help="which ways of arriving: at-once (the step before just "
                             "drawn), full (its tables full), idle (after --idle s)")
    parser.add_argument("--key", action="store_true",
                        help="also a key typed while the next panel is made ahead")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    print(f"F8 to a step not seen yet, CPU ms, median of {args.presses} fresh apps each "
          f"(load {' '.join(f'{x:.1f}' for x in os.getloadavg())})", flush=True)
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=ROOT) as tmp:
        large, tiny = Path(tmp) / "large.db", Path(tmp) / "tiny.db"
        write(large, 500, 2000)
        write(tiny, 5, 20)
        wanted = args.modes.split(",")
        modes = [(name, idle) for key, name, idle in (
            ("at-once", "at once (the step before just drawn)", AT_ONCE),
            ("full", "straight away (the step before's tables full)", 0.0),
            ("idle", f"after {args.idle:g} s idle", args.idle)) if key in wanted
            and not (key == "idle" and not args.idle)]
        for mode, idle in modes:
            print(f"\n{mode}:")
            print(f"  {'step kind':16}{'tiny':>8}{'large':>8}{'ratio':>8}"
                  + (f"{'pause CPU (tiny/large)':>26}" if idle >= 0 else ""))
            for kind in kinds:
                step = KINDS[kind] - 1
                small, small_pause = visits(tiny, step, args.presses, idle)
                big, big_pause = visits(large, step, args.presses, idle)
                extra = (f"{small_pause * 1000:>14.0f} / {big_pause * 1000:.0f}"
                         if idle >= 0 else "")
                print(f"  {kind:16}{small * 1000:8.0f}{big * 1000:8.0f}{big / small:7.2f}×"
                      f"{extra}", flush=True)
        if args.key:
            # On the vote on ideas (its field takes item numbers), the gaps panel next.
            print("\na key typed in the vote's field, wall ms from the key to the field "
                  "holding it (large session; median):")
            quiet, during = visits(large, KINDS["vote-ideas"], args.presses, KEY)
            print(f"  quiet {quiet * 1000:.1f} ms; while the next (gaps) panel is made "
                  f"ahead {during * 1000:.1f} ms (goal for a key: 40 ms)")
    print(f"(load now {' '.join(f'{x:.1f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
