"""Issue 13 ("Fast at every size"): every figure of its table, each with its ratio to a
baseline measured in the same run, then how each cost grows with the session.

Rows (the goal in brackets):
1. start to first screen, ``workshop run demo.db`` / a minimal Textual app  [≤ 1.5×]
2. start to the home screen / the same minimal app                        [≤ 1.3×]
3. next step (F8) on the large session / on a tiny one                    [≤ 100 ms, ≤ 1.5×]
   (back and forth between two steps, F7 then F8; and apart, the first visit of a step:
   F8 at once, as soon as the step before is drawn; once its tables are full; and after
   a pause on the step before, the next step's panel made ahead meanwhile; and back a
   step, F7, in a finished session, to a step whose panel is made read-only)
4. ``Store.open`` of 100,000 events / reading their rows with plain sqlite3 [≤ 3×]
5. peak memory opening it / the bytes of its event rows                    [≤ 5×]
6. Word export of the large session / python-docx writing the same
   paragraphs and cells                                                    [≤ 1.3×]
7. key press to screen update on a session 4× the large one (2,000 moments,
   8,000 ideas) / the same keys on a tiny session                          [≤ 40 ms]
8. ``record()`` into the 100,000-event file / plain sqlite3 insert + commit
   of the same row into a copy of it, WAL and synchronous=FULL both         [≤ 2×]

The large session is the one of bench_tui_keypress.py: 8 participants, 500 moments,
2,000 ideas (1,000 expectations, 4,000 ratings, 500 prompt cards, two votes): about
8,000 events. The growth part runs the costs at 1×, 4× and 16× that session and fits the
exponent k of time ∝ size^k: flat (k < 0.3), linear (k < 1.3), worse than linear
(k < 1.7) or quadratic. A size whose measurement would take longer than --budget
seconds (judged from the size before) is left out and said so; --full runs them all.

Clocks: the TUI figures are the CPU time of the process from sending the key until the
app is idle with the screen refreshed (see bench_tui_keypress.py for why CPU, not wall
time); opening and the export are CPU time too, ours and the baseline's alike (the work
done: other jobs on a shared machine change it far less than wall time), the export's
two sides each in a fresh process, imports included, as ``workshop export`` runs; the starts
are the CPU time of a fresh process until its first screen shows (wall time printed
beside it), and record() is wall time (waiting for the disk is
what it costs). The load average is printed as each part begins.

Run: .venv/bin/python benchmarks/bench_goals.py [--quick | --f8 | --record] [--full]
[--starts N]
(--quick: rows 1 and 2 only, the starts, each started --starts times: a minute or so;
--f8: rows 3 and 7, the step changes and key presses, and their growth; --record: row 8
only, with its CPU at synchronous=OFF and the ratio a 0.2 ms flush would give: ~30 s)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import bench_replay  # noqa: E402
import bench_startup  # noqa: E402
import bench_tui_keypress  # noqa: E402

from workshop.core.events import now  # noqa: E402
from workshop.core.store import Store  # noqa: E402

LARGE = (500, 2000)  # moments, ideas
SIZE = (120, 40)
ROWS: list[tuple[str, str, str, str, str]] = []  # figure, ours, baseline, ratio, goal
WORDS = bench_tui_keypress.WORDS


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def row(figure: str, ours: str, base: str, ratio: float, goal: str) -> None:
    ROWS.append((figure, ours, base, f"{ratio:.2f}×", goal))
    print(f"  {figure}: {ours} vs {base}: {ratio:.2f}×  (goal {goal})", flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def best(fn, repeat: int = 3, clock=time.process_time) -> float:
    """The least time of ``repeat`` runs: CPU time of this process by default (the work
    done, which other people's jobs on the machine change far less than wall time)."""
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return min(times)


# ---- sessions ----------------------------------------------------------------------------
def large_session(folder: Path, scale: float, cache: dict) -> Path:
    """The large session at ``scale`` (moments, ideas and dots scaled), written once."""
    if scale not in cache:
        path = folder / f"large-{scale:g}x.db"
        bench_tui_keypress.write_session(path, moments=round(LARGE[0] * scale),
                                         ideas=round(LARGE[1] * scale))
        cache[scale] = path
    return cache[scale]


def copy_at_step(path: Path, folder: Path, step: int) -> Path:
    """A copy of a session file whose current step is ``step`` (the app opens there)."""
    out = folder / f"{path.stem}-step{step}-{random.random():.6f}.db"
    shutil.copy(path, out)
    with Store.open(out) as store:
        if store.state.current_step != step:
            store.record("step_entered", step=step)
    return out


def event_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]
    finally:
        conn.close()


# ---- 1, 2: start ---------------------------------------------------------------------------
def start(mode: str, arg: str, user: Path | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh process from its launch to its first screen drawn
    (bench_startup.py's child: imports, the app built, run_test until the screen shows).
    Our modules are read from their compiled bytecode, as an installed tool's are.
    ``user``: the user's data and state folders (the recent sessions' list), the
    benchmark's own, never the real ones."""
    began = time.perf_counter()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if user is not None:
        env.update(bench_startup.user_folders(user))
    proc = subprocess.Popen([sys.executable, "-c", bench_startup.CHILD, mode, arg],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**env, "WORKSHOP_LANG": "en"})
    line = proc.stdout.readline()
    wall = time.perf_counter() - began
    data = json.loads(line) if line else None
    _, err = proc.communicate(timeout=120)
    if data is None:
        raise SystemExit(f"{mode} did not start:\n{err}")
    # The child's own CPU up to the first screen, as it measured it.
    return wall, data["cpu"]


def bench_start(runs: int) -> None:
    print(f"\n[start] median of {runs} starts each, interleaved (load {load()})", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sessions"
        folder.mkdir()
        for demo in sorted((ROOT / "sessions").glob("demo-*.db")):
            shutil.copy(demo, folder / demo.name)
        session = str(folder / "demo-supermarket.db")
        apps = {"bare": "", "run": session, "home": str(folder), "first": session}
        times: dict[str, list[tuple[float, float]]] = {m: [] for m in apps}
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "workshop")],
                       check=True, env={k: v for k, v in os.environ.items()
                                        if k != "PYTHONDONTWRITEBYTECODE"})
        user = Path(tmp) / "user"  # the home screen lists the folder and what the run opened
        start("bare", "", user)  # the disk cache warm for everyone alike
        for n in range(runs):
            for mode, arg in apps.items():
                if mode == "first":  # a state folder of its own: nothing kept from before
                    times[mode].append(start("run", arg, Path(tmp) / f"first-{n}"))
                else:
                    times[mode].append(start(mode, arg, user))

    def med(mode: str, i: int) -> float:
        return statistics.median(t[i] for t in times[mode])

    for mode, figure, goal in (("run", "TUI start to first screen, workshop run demo.db", "≤ 1.5×"),
                               ("home", "TUI start to the home screen", "≤ 1.3×")):
        row(figure, f"{ms(med(mode, 1))} CPU", f"minimal Textual app {ms(med('bare', 1))} CPU",
            med(mode, 1) / med("bare", 1), goal)
        print(f"    (wall: {ms(med(mode, 0))} vs {ms(med('bare', 0))}, "
              f"{med(mode, 0) / med('bare', 0):.2f}×)")
        if mode == "run":  # the step's text and the stylesheets read, not found kept
            print(f"    (a first start, nothing kept in the state folder yet: "
                  f"{ms(med('first', 1))} CPU, {med('first', 1) / med('bare', 1):.2f}×)")


# ---- 3, 7: the run screen ------------------------------------------------------------------
async def settled(pilot) -> None:
    """Until the step tables on screen hold every row: a new step's table takes a
    screenful at once and the rest from half a second on (SyncedTable.FILL_AFTER), in
    chunks; the figures are of a facilitator who has been on the step that long. What
    the chunks cost is measured apart (``fill_cpu``)."""
    from workshop.tui.steps.table import SyncedTable

    while any(table.filling for table in pilot.app.screen.query(SyncedTable)):
        await pilot.pause(0.05)
    await pilot.pause()


FILLED: list[float] = []  # CPU seconds of each chunk of rows added after a table showed


def fill_cpu() -> None:
    """Count the CPU of each chunk of rows a table adds after its first screenful."""
    from workshop.tui.steps.table import SyncedTable

    fill = SyncedTable._fill_more
    if getattr(fill, "counted", False):
        return

    def counted(table) -> None:
        later = bool(table._order)  # not the first screenful, made as the step shows
        start = time.process_time()
        fill(table)
        if later:
            FILLED.append(time.process_time() - start)

    counted.counted = True  # type: ignore[attr-defined]
    SyncedTable._fill_more = counted  # type: ignore[method-assign]


@contextlib.contextmanager
def nothing_made_ahead(hold: bool = True):
    """While it lasts (``hold``), a run screen makes no next panel ahead: F8 "at once"
    then finds it not made, whatever the machine's load. (Under load, the app's first
    pause outlasted RunScreen.AHEAD_AFTER, and "at once" measured an F8 during the
    making ahead, or after it, in some runs and not others.)"""
    from workshop.tui.screens.run import RunScreen

    after = RunScreen.AHEAD_AFTER
    if hold:
        RunScreen.AHEAD_AFTER = 1e9
    try:
        yield
    finally:
        RunScreen.AHEAD_AFTER = after


async def f8_cpu(pilot, key: str = "f8") -> float:
    """CPU seconds of ``key`` (a step change) until the app is idle with the new step on
    screen, without what timers set off after it: the next step's panel made ahead (from
    RunScreen.AHEAD_AFTER on) and a table's rows past its first screenful (from
    SyncedTable.FILL_AFTER on). On a busy machine Pilot's wait for idle lasts past those
    timers, and the step change was charged with the next panel's making (a ranking panel
    in the gaps step's figure); on a quiet one it is over before them."""
    from workshop.tui.screens.run import RunScreen
    from workshop.tui.steps.table import SyncedTable

    later: list[float] = []
    due, fill = RunScreen._ahead_due, SyncedTable._fill_more

    def ahead_due(screen) -> None:
        later.append(time.process_time())
        due(screen)

    def fill_more(table) -> None:
        if table._order:  # not the first rows of a new table, which the step change adds
            later.append(time.process_time())
        fill(table)

    RunScreen._ahead_due = ahead_due  # type: ignore[method-assign]
    SyncedTable._fill_more = fill_more  # type: ignore[method-assign]
    try:
        start = time.process_time()
        await pilot.press(key)
        await pilot.pause()
        end = time.process_time()
    finally:
        RunScreen._ahead_due = due  # type: ignore[method-assign]
        SyncedTable._fill_more = fill  # type: ignore[method-assign]
    return min([end, *later]) - start


async def _presses(path: Path,
                   plan: list[tuple[str, int, list[str], int]]) -> dict[str, list[float]]:
    """CPU seconds per timed key press, for each (label, step, keys, presses) in ``plan``:
    the whole app (make_app) on ``path``, moved to ``step`` first."""
    from workshop.core.store import read_events
    from workshop.tui.app import make_app

    out: dict[str, list[float]] = {}
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await settled(pilot)
        for label, step, keys, presses in plan:
            if app.screen.state.current_step != step:
                app.screen.go_to(step)
                await pilot.pause()
                await pilot.pause()
                await settled(pilot)
            if keys[0] == "f7":  # both steps' panels made, and their tables filled
                await pilot.press("f7")
                await settled(pilot)
                await pilot.press("f8")
                await settled(pilot)
            target = FOCUS.get(label)
            if target is not None:
                app.screen.query_one(target).focus()
                await pilot.pause()
            before = app.screen.state.last_event_id
            cpu, _wall = await bench_tui_keypress.timed(pilot, keys, presses)
            made = RECORDS.get(label)
            if made is not None:  # the key did what it is named for, not something else
                store = app.screen.live.store
                kinds = [e.kind for e in read_events(store.conn, store.path, after=before)]
                if made not in kinds:
                    raise SystemExit(f"{label}: no {made} recorded ({kinds[-3:]})")
            out[label] = cpu
        await bench_tui_keypress.quit_app(pilot)
    return out


KEYS = [  # (label, step of the large session's script, setup keys then the timed key)
    ("type a moment, Enter", 0, ["x", "enter"]),
    ("a rating (digit)", 1, ["ctrl+l", "4"]),
    ("cast a dot (+)", 4, ["minus", "plus"]),
]
# Where the timed key is pressed when not where the step puts the cursor: + casts a dot on
# the voters' row (in the dots field, where the step puts it, + is typed as a character).
FOCUS = {"cast a dot (+)": "#voters"}
RECORDS = {"type a moment, Enter": "moment_added", "a rating (digit)": "rating_given",
           "cast a dot (+)": "vote_cast"}
NEXT = ("next step (F8)", 0, ["f7", "f8"])
FIRST, FIRST_IDLE = "first visit, at once", "first visit, after a pause"  # growth labels


def next_step_cpu(path: Path, presses: int) -> float:
    label, step, keys = NEXT
    return statistics.median(asyncio.run(_presses(path, [(label, step, keys, presses)]))[label])


async def _first_visit(path: Path, idle: float = 0.0) -> float:
    """CPU seconds of F8 from step 1 to a step not seen yet in this run of the app: the
    app opened at the first step, then F8 at once (``idle`` < 0: as soon as the step is
    drawn, before the app has made the next step's panel ahead, which is then made on
    the spot), or once its tables are full and ``idle`` more seconds left alone (the
    next step's panel is made ahead meanwhile). ``f8_cpu``: without what timers set off
    after the step change."""
    from workshop.tui.app import make_app

    with nothing_made_ahead(idle < 0):
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if idle >= 0:
                await settled(pilot)
            if idle > 0:
                await asyncio.sleep(idle)
                await pilot.pause()
            cpu = await f8_cpu(pilot)
            await settled(pilot)  # the chunks of rows after it, counted by fill_cpu
            await bench_tui_keypress.quit_app(pilot)
    return cpu


IDLE = 2.0  # seconds on a step before F8, for "after a pause" (a facilitator takes minutes)
AT_ONCE = -1.0  # F8 as soon as the step before is drawn


def first_visit_cpu(path: Path, folder: Path, presses: int, idle: float = 0.0) -> float:
    """The median of ``presses`` first visits, each in a fresh app on a fresh copy."""
    times = []
    fill_cpu()
    FILLED.clear()
    for _ in range(presses):
        copy = copy_at_step(path, folder, 0)
        times.append(asyncio.run(_first_visit(copy, idle)))
        copy.unlink()
    return statistics.median(times)


async def _back_when_finished(path: Path) -> float:
    """CPU seconds of F7 in a finished session (read-only: its panels made without
    entry fields), back to a step not seen yet in this run of the app."""
    from workshop.tui.app import make_app

    with nothing_made_ahead():
        app = make_app(path)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await settled(pilot)
            cpu = await f8_cpu(pilot, "f7")
            await settled(pilot)
            await bench_tui_keypress.quit_app(pilot)
    return cpu


def back_when_finished_cpu(path: Path, folder: Path, presses: int, step: int) -> float:
    """The median of ``presses`` F7 from ``step``, each in a fresh app on a fresh copy of
    the session, finished there."""
    times = []
    for _ in range(presses):
        copy = copy_at_step(path, folder, step)
        with Store.open(copy) as store:
            store.record("session_finished")
        times.append(asyncio.run(_back_when_finished(copy)))
        copy.unlink()
    return statistics.median(times)


def key_cpu(path: Path, presses: int) -> dict[str, float]:
    plan = [(label, step, keys, presses) for label, step, keys in KEYS]
    return {k: statistics.median(v) for k, v in asyncio.run(_presses(path, plan)).items()}


def in_turn(large: Callable[[], float], tiny: Callable[[], float],
            presses: int) -> tuple[float, float]:
    """The medians of ``presses`` measures of each, taken in turn: a busy spell of the
    machine falls on both sides of a ratio, not on one (the large session's presses all
    taken before the tiny one's put a spell's whole cost on one side)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(presses):
        times[0].append(large())
        times[1].append(tiny())
    return statistics.median(times[0]), statistics.median(times[1])


def bench_next_step(folder: Path, cache: dict, presses: int) -> None:
    print(f"\n[next step] CPU per F8, median of {presses} (load {load()})", flush=True)
    large = next_step_cpu(large_session(folder, 1, cache), presses)
    tiny = next_step_cpu(large_session(folder, 0.01, cache), presses)
    row("next step, large session (500 moments, 2,000 ideas)", ms(large),
        f"a tiny session (5 moments, 20 ideas) {ms(tiny)}", large / tiny, "≤ 100 ms and ≤ 1.5×")
    # F7 then F8 goes back and forth between two steps, whose panels are kept once made:
    # the first visit of a step makes its panel (or shows the one made ahead), apart.
    # Each a fresh app: the large session's and the tiny one's in turn.
    big, small = large_session(folder, 1, cache), large_session(folder, 0.01, cache)
    large, tiny = in_turn(lambda: first_visit_cpu(big, folder, 1, AT_ONCE),
                          lambda: first_visit_cpu(small, folder, 1, AT_ONCE), presses)
    row("next step, first visit of the step, F8 at once (as soon as the step before is "
        "drawn: its panel made then), large session", ms(large), f"a tiny session {ms(tiny)}",
        large / tiny, "≤ 100 ms and ≤ 1.5×")
    chunks: list[float] = []

    def large_full() -> float:
        cpu = first_visit_cpu(big, folder, 1)
        chunks.extend(FILLED)
        return cpu

    large, tiny = in_turn(large_full, lambda: first_visit_cpu(small, folder, 1), presses)
    row("next step, first visit of the step, F8 once the step before's tables are full "
        "(about 0.8 s), large session", ms(large), f"a tiny session {ms(tiny)}",
        large / tiny, "≤ 100 ms and ≤ 1.5×")
    large, tiny = in_turn(lambda: first_visit_cpu(big, folder, 1, IDLE),
                          lambda: first_visit_cpu(small, folder, 1, IDLE), presses)
    row(f"next step, first visit of the step, F8 after {IDLE:g} s on the step before (its "
        f"panel made ahead), large session", ms(large), f"a tiny session {ms(tiny)}",
        large / tiny, "≤ 100 ms and ≤ 1.5×")
    # A finished session read back: F7 to a step not seen yet makes its panel read-only.
    for step, kind in ((1, "moments"), (5, "vote")):
        large, tiny = in_turn(lambda step=step: back_when_finished_cpu(big, folder, 1, step),
                              lambda step=step: back_when_finished_cpu(small, folder, 1, step),
                              presses)
        row(f"back a step (F7) to the {kind} step of a finished session (its panel made "
            f"read-only), large session", ms(large), f"a tiny session {ms(tiny)}",
            large / tiny, "≤ 100 ms and ≤ 1.5×")
    if chunks:  # the rows the tables added after their first screenful, per app run
        from workshop.tui.steps.table import SyncedTable

        after = getattr(SyncedTable, "FILL_AFTER", 0)  # (0: before the rows waited)
        print(f"    the tables' rows past a screenful, from {after:g} s after "
              f"a step shows (the step left's at the start, then the new one's): "
              f"{ms(sum(chunks) / presses)} CPU per run in {len(chunks) / presses:.0f} chunks, "
              f"the longest {ms(max(chunks))}", flush=True)


def bench_keys(folder: Path, cache: dict, presses: int) -> None:
    print(f"\n[key press] CPU per key, median of {presses} (load {load()})", flush=True)
    big = key_cpu(large_session(folder, 4, cache), presses)
    tiny = key_cpu(large_session(folder, 0.01, cache), presses)
    for label, _step, _keys in KEYS:
        row(f"key press to screen update, 4× session (2,000 moments, 8,000 ideas): {label}",
            ms(big[label]), f"tiny session {ms(tiny[label])}", big[label] / tiny[label],
            "≤ 40 ms")


# ---- 4, 5: opening -------------------------------------------------------------------------
def plain_read(path: Path) -> None:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT id, at, kind, data FROM events ORDER BY id").fetchall()
    conn.close()
    assert rows


def open_time(path: Path, repeat: int = 3) -> float:
    return best(lambda: Store.open(path, readonly=True).close(), repeat)


MEMORY_CHILD = r"""
import json, resource, sys, tracemalloc
from pathlib import Path
from workshop.core.store import Store

def high_water():
    # Linux's VmHWM is read live; ru_maxrss is only brought up to date now and then.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

path, traced = Path(sys.argv[1]), sys.argv[2] == "traced"
if traced:
    tracemalloc.start()
before = high_water()
store = Store.open(path, readonly=True)
peak = tracemalloc.get_traced_memory()[1] if traced else 0
after = high_water()
store.close()
print(json.dumps({"traced": peak, "rss": after - before}))
"""


def open_memory(path: Path) -> tuple[int, int]:
    """(peak bytes Python allocated opening ``path``, growth of the resident set)."""
    out = {}
    for mode in ("traced", "rss"):
        proc = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(path), mode], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode:
            raise SystemExit(f"memory child failed:\n{proc.stderr}")
        out[mode] = json.loads(proc.stdout)[mode]
    return out["traced"], out["rss"]


def row_bytes(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT sum(8 + length(CAST(at AS BLOB)) + length(CAST(kind AS BLOB))"
                            " + length(CAST(data AS BLOB))) FROM events").fetchone()[0]
    finally:
        conn.close()


def bench_open(big: Path) -> None:
    print(f"\n[open] {event_count(big):,} events, best of 3 (load {load()})", flush=True)
    base = best(lambda: plain_read(big), 2)
    ours = open_time(big, 2)
    row("open a 100,000-event session (Store.open)", ms(ours),
        f"its rows read with plain sqlite3 {ms(base)}", ours / base, "≤ 3×")
    # A file with no snapshot this user's store wrote (one from a colleague, or from a
    # version before snapshots): every event is folded, once; closing it writes one.
    plain_copy = big.with_name("no-snapshot.db")
    shutil.copy(big, plain_copy)
    conn = sqlite3.connect(plain_copy)
    with conn:
        conn.execute("DELETE FROM meta WHERE key LIKE 'snapshot%'")
    conn.close()
    first = open_time(plain_copy, 1)
    print(f"    (a file without a snapshot of ours, every event folded: {ms(first)}, "
          f"{first / base:.1f}× the plain read)")
    traced, rss = open_memory(big)
    size = row_bytes(big)
    row("peak memory opening it (tracemalloc)", f"{traced / 1e6:.0f} MB",
        f"its event rows {size / 1e6:.1f} MB", traced / size, "≤ 5×")
    print(f"    (resident set grew by {rss / 1e6:.0f} MB opening it, {rss / size:.1f}× the rows)")


# ---- 6: Word export -----------------------------------------------------------------------
EXPORT_CHILD = r"""
import json, sys, time
from pathlib import Path
sys.path[:0] = [sys.argv[4], sys.argv[5]]  # the repository, benchmarks/
import private_state  # noqa: F401  (the run's own user folders)
import bench_export
side, scale, folder = sys.argv[1], float(sys.argv[2]), Path(sys.argv[3])
if side == "ours":
    from workshop.core.fold import fold
    events = bench_export.session_events(round(500 * scale), round(2000 * scale),
                                         round(5000 * scale))
    state = fold(events)  # the session as opened, before the export starts
    started = time.process_time()
    from workshop.report import export
    export(state, folder / "report.docx")
    print(json.dumps({"cpu": time.process_time() - started, "events": len(events)}))
else:
    content = json.loads((folder / "content.json").read_text(encoding="utf-8"))
    started = time.process_time()
    bench_export.baseline(content["paragraphs"], content["tables"], folder / "baseline.docx")
    print(json.dumps({"cpu": time.process_time() - started}))
"""


def _export_child(side: str, scale: float, folder: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run([sys.executable, "-c", EXPORT_CHILD, side, str(scale), str(folder),
                           str(ROOT), str(HERE)], capture_output=True, text=True, cwd=ROOT,
                          env={**env, "WORKSHOP_LANG": "en"}, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"the export's {side} side failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def export_times(scale: float) -> tuple[float, float, int]:
    """(our export, python-docx writing the same paragraphs and cells, events), CPU
    seconds. Each side runs in a fresh process and its imports are in its figure, as
    `workshop export` runs (python-docx and lxml for both; our report and the analysis
    for ours; until 2026-12-01 matplotlib too, for two charts and the text widths): in one
    process, the baseline ran after ours with python-docx already loaded and warmed by
    it."""
    from docx import Document

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ours = _export_child("ours", scale, folder)
        doc = Document(str(folder / "report.docx"))
        content = {"paragraphs": [p.text for p in doc.paragraphs],
                   "tables": [[[c.text for c in r.cells] for r in table.rows]
                              for table in doc.tables]}
        (folder / "content.json").write_text(json.dumps(content), encoding="utf-8")
        theirs = _export_child("baseline", scale, folder)
    return ours["cpu"], theirs["cpu"], ours["events"]


def bench_export_row(known: dict) -> None:
    print(f"\n[export] the large session of bench_export.py (load {load()})", flush=True)
    ours, theirs, _ = export_times(1)
    known[("export", 1)] = ours
    row("Word export of the large session", f"{ours:.2f} s",
        f"python-docx writing the same paragraphs and cells {theirs:.2f} s", ours / theirs,
        "≤ 1.3×")


# ---- 8: record -----------------------------------------------------------------------------
FLUSH = 0.0002  # seconds: a fast NVMe disk's flush (seen here for a few minutes, too)
def _change(rng: random.Random, mids: list[int], rid: int, spent: dict[int, int]):
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize()
    pick, mid, pid = rng.random(), rng.choice(mids), rng.randint(1, 8)
    if pick < 0.2:
        return "moment_added", {"text": text, "pid": pid}
    if pick < 0.35:
        return "expectation_added", {"mid": mid, "text": text, "type": "stated", "pid": pid}
    if pick < 0.5:
        return "rating_given", {"mid": mid, "pid": pid, "value": rng.randint(1, 5)}
    if pick < 0.65:
        return "idea_added", {"mid": mid, "text": text, "pid": pid}
    if pick < 0.75:
        return "note_added", {"type": "quote", "text": text, "pid": pid, "mid": mid}
    if spent.get(pid, 0) < 99:
        spent[pid] = spent.get(pid, 0) + 1
        return "vote_cast", {"rid": rid, "pid": pid, "item": mid, "delta": 1}
    return "note_added", {"type": "note", "text": text}


def record_times(path: Path, folder: Path, records: int, *, synchronous: str = "FULL",
                 clock=time.perf_counter) -> tuple[list[float], list[float]]:
    """(record() seconds, plain insert+commit seconds), interleaved in blocks of 25, each
    into its own copy of ``path`` (the same size of file), both sides at ``synchronous``
    (OFF: no flush, so what is left is the work: ``clock=time.process_time`` for CPU)."""
    ours_path, floor_path = folder / f"rec-{path.name}", folder / f"floor-{path.name}"
    shutil.copy(path, ours_path)
    shutil.copy(path, floor_path)
    floor = sqlite3.connect(floor_path, isolation_level=None)
    floor.execute("PRAGMA journal_mode=WAL")
    floor.execute(f"PRAGMA synchronous={synchronous}")
    rng = random.Random(5)
    ours: list[float] = []
    base: list[float] = []
    with Store.open(ours_path) as store:
        if synchronous != "FULL":
            store.conn.execute(f"PRAGMA synchronous={synchronous}")
        mids = sorted(store.state.moments)[:200]
        rid = store.record("vote_opened", target="moments", dots=99, cap=None,
                           blind=True).data["rid"]
        spent: dict[int, int] = {}
        while len(ours) < records:
            for _ in range(25):
                kind, data = _change(rng, mids, rid, spent)
                t = clock()
                store.record(kind, **data)
                ours.append(clock() - t)
            for _ in range(25):
                kind, data = _change(rng, mids, rid, {})
                row_ = (now(), kind, json.dumps(data, ensure_ascii=False, sort_keys=True))
                t = clock()
                floor.execute("BEGIN IMMEDIATE")
                floor.execute("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)", row_)
                floor.execute("COMMIT")
                base.append(clock() - t)
    floor.close()
    for p in (ours_path, floor_path):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{p}{suffix}").unlink(missing_ok=True)
    return ours, base


def undo_time(path: Path, folder: Path, times: int = 3) -> float:
    """ctrl+z: undo the latest change of a copy of ``path`` (median seconds)."""
    copy = folder / f"undo-{path.name}"
    shutil.copy(path, copy)
    out = []
    with Store.open(copy) as store:
        for i in range(times):
            store.record("note_added", type="note", text=f"Undo me {i}")
            t = time.perf_counter()
            store.undo()
            out.append(time.perf_counter() - t)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    return statistics.median(out)


def bench_record(big: Path, folder: Path, records: int) -> None:
    print(f"\n[record] {records} changes into a copy of the {event_count(big):,}-event file "
          f"(load {load()})", flush=True)
    ours, base = record_times(big, folder, records)
    med, floor = statistics.median(ours), statistics.median(base)
    row("record() into a 100,000-event file (median)", ms(med),
        f"plain sqlite3 insert + commit, WAL, synchronous=FULL {ms(floor)}", med / floor, "≤ 2×")
    # The ratio above is mostly the disk's flush, which varies from run to run and from
    # disk to disk (~4 ms here, 0.2 ms on a fast NVMe disk). What is ours is the rest:
    # measured with synchronous=OFF (no flush) on both sides, as CPU and as wall time
    # (the latter also writing the pages into the OS's cache), and the ratio a disk
    # flushing in FLUSH seconds would give, that flush added to both sides' wall time.
    cpu_ours, cpu_base = (statistics.median(v) for v in record_times(
        big, folder, records, synchronous="OFF", clock=time.process_time))
    wall_ours, wall_base = (statistics.median(v) for v in record_times(
        big, folder, records, synchronous="OFF"))
    print(f"    (synchronous=OFF, no flush: CPU {cpu_ours * 1e6:.0f} vs {cpu_base * 1e6:.0f} µs "
          f"per change; wall {wall_ours * 1e6:.0f} vs {wall_base * 1e6:.0f} µs; with a "
          f"{FLUSH * 1000:g} ms flush added to both: "
          f"{(wall_ours + FLUSH) / (wall_base + FLUSH):.2f}×; load {load()})", flush=True)


# ---- growth --------------------------------------------------------------------------------
def shape(sizes: list[float], times: list[float]) -> str:
    """Least-squares exponent of time ∝ size^k over the sizes measured, and its name."""
    if len(sizes) < 2:
        return "one size only: no slope"
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    k = (sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
         / sum((x - mx) ** 2 for x in xs))
    name = ("flat" if k < 0.3 else "linear" if k < 1.3 else "worse than linear" if k < 1.7
            else "quadratic")
    return f"k = {k:.2f}: {name}"


def bench_growth(folder: Path, cache: dict, budget: float, presses: int,
                 known: dict[tuple[str, float], float], only_tui: bool = False) -> None:
    print(f"\n[growth] each cost at 1×, 4×, 16× the large session (load {load()}); a size is "
          f"left out when the one before suggests it would take over {budget:.0f} s", flush=True)
    scales = [1, 4, 16]

    def in_app(path: Path) -> dict[str, float]:
        label, step, keys = NEXT
        plan = [(KEYS[0][0], 0, KEYS[0][2], presses), (label, step, keys, max(2, presses // 2))]
        out = {k: statistics.median(v) for k, v in asyncio.run(_presses(path, plan)).items()}
        for idle, name in ((AT_ONCE, FIRST), (IDLE, FIRST_IDLE)):
            out[name] = first_visit_cpu(path, folder, max(2, presses // 2), idle)
        return out

    app_cache: dict[float, dict[str, float]] = {}

    def app_cost(label: str):
        def cost(scale: float) -> float:
            if scale not in app_cache:
                app_cache[scale] = in_app(large_session(folder, scale, cache))
            return app_cache[scale][label]
        return cost

    costs = {
        "Store.open (fold)": lambda s: open_time(large_session(folder, s, cache), 2),
        "peak memory opening (tracemalloc, bytes)":
            lambda s: float(open_memory(large_session(folder, s, cache))[0]),
        "record() (median of 100)": lambda s: statistics.median(
            record_times(large_session(folder, s, cache), folder, 100)[0]),
        "undo (ctrl+z): fold again from a recent copy": lambda s: undo_time(
            large_session(folder, s, cache), folder),
        "next step (F8), CPU": app_cost(NEXT[0]),
        "F8 to a step not seen yet, at once, CPU": app_cost(FIRST),
        f"F8 to a step not seen yet, after {IDLE:g} s, CPU": app_cost(FIRST_IDLE),
        "type a moment + Enter, CPU": app_cost(KEYS[0][0]),
        "Word export (bench_export's session)": lambda s: known.get(("export", s))
            or export_times(s)[0],
    }
    if only_tui:  # --f8: the step changes and a key, the app's costs
        costs = {label: cost for label, cost in costs.items() if "CPU" in label}
    print(f"  {'cost':42}{'1×':>11}{'4×':>11}{'16×':>11}   growth")
    for label, cost in costs.items():
        measured: list[tuple[float, float]] = []
        spent = 0.0
        # An app's run is mostly its start: its own measurement grows less than its time.
        limit = budget * (3 if "CPU" in label else 1)
        for scale in scales:
            if measured and spent * 4 > limit:
                break
            t = time.perf_counter()
            value = cost(scale)
            spent = time.perf_counter() - t
            measured.append((scale, value))
        unit = ((lambda v: f"{v / 1e6:.0f} MB") if "bytes" in label
                else (lambda v: f"{v:.1f} s") if "export" in label else ms)
        cells = [unit(v) for _, v in measured] + ["(left out)"] * (3 - len(measured))
        print(f"  {label:42}" + "".join(f"{c:>11}" for c in cells) + "   "
              + shape([s for s, _ in measured], [v for _, v in measured]), flush=True)
    written = [f"{s}×: {event_count(cache[s]):,}" for s in scales if s in cache]
    print(f"  (events in the sessions written: {', '.join(written)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=5)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--budget", type=float, default=30.0,
                        help="seconds one growth measurement may take (default 30)")
    parser.add_argument("--full", action="store_true", help="no time budget for the growth")
    parser.add_argument("--no-growth", action="store_true")
    parser.add_argument("--quick", action="store_true",
                        help="the two start rows only (1 and 2)")
    parser.add_argument("--record", action="store_true",
                        help="row 8 only: record() into the 100,000-event file")
    parser.add_argument("--f8", action="store_true",
                        help="the next step and key press rows (3 and 7) and their growth")
    args = parser.parse_args()
    began = time.perf_counter()
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}; load {load()}")
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=ROOT) as tmp:
        folder = Path(tmp)  # on the disk sessions live on, not a RAM /tmp
        cache: dict[float, Path] = {}
        if args.record:
            big = folder / "events-100k.db"
            bench_replay.write_session(big, args.events)
            bench_record(big, folder, args.records)
            _print_table(began)
            return
        if args.f8:
            bench_next_step(folder, cache, args.presses)
            bench_keys(folder, cache, args.presses)
            if not args.no_growth:
                bench_growth(folder, cache, math.inf if args.full else args.budget,
                             args.presses, {}, only_tui=True)
            _print_table(began)
            return
        bench_start(args.starts)
        if args.quick:
            _print_table(began)
            return
        bench_next_step(folder, cache, args.presses)
        big = folder / "events-100k.db"
        t = time.perf_counter()
        bench_replay.write_session(big, args.events)
        print(f"\n(a session of {args.events:,} events written in {time.perf_counter() - t:.0f} s)")
        bench_open(big)
        bench_record(big, folder, args.records)
        known: dict[tuple[str, float], float] = {}
        bench_export_row(known)
        bench_keys(folder, cache, args.presses)
        if not args.no_growth:
            bench_growth(folder, cache, math.inf if args.full else args.budget, args.presses, known)
    _print_table(began)


def _print_table(began: float) -> None:
    print(f"\nIssue 13's table (load now {load()}; {time.perf_counter() - began:.0f} s in all)")
    print("| figure | ours | baseline in the same run | ratio | goal |")
    print("| --- | --- | --- | --- | --- |")
    for figure, ours, base, ratio, goal in ROWS:
        print(f"| {figure} | {ours} | {base} | {ratio} | {goal} |")


if __name__ == "__main__":
    main()
