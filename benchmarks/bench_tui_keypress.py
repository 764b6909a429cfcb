"""Key press to screen update in the step panels, with a large session.

The large session: 8 participants, 500 moments, 2,000 ideas (4,000 ratings, 1,000
expectations, 500 prompt cards, a blind vote on moments and an open vote on ideas with
dots cast). The same key presses run in a Pilot against a tiny session (5 moments, 20
ideas), a screenful (40 moments, 160 ideas: every visible row filled, so the table draws
as much as with the large one) and a bare Textual app (an Input and a 5-row DataTable
doing nothing else). large/screen is what the size of the session costs beyond what is
on screen; large/tiny and large/bare compare with the smallest panel and with Textual.

Each press is measured from sending the key until the app is idle again with the screen
refreshed (``pilot.press`` then ``pilot.pause``): the event handled, the change written
to the session file, the panel redrawn and the screen composed. The figure is the CPU
time of the process over that span (``time.process_time``): Pilot finds "idle" by
sleeping in small steps, so wall-clock time mostly measures its polling and whatever
else the machine runs, while CPU time is the work a key press costs. Wall-clock medians
are printed as well.

Run: .venv/bin/python benchmarks/bench_tui_keypress.py [--presses N]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable, Input  # noqa: E402

from workshop.core.events import Event  # noqa: E402
from workshop.core.store import Store  # noqa: E402
from workshop.tui.live import LiveSession  # noqa: E402
from workshop.tui.steps import view_for  # noqa: E402

SCRIPT = {
    "name": "bench", "title": "Bench", "lang": "en", "dots": 5, "cap": 3, "minutes": 120,
    "steps": [{"title": t, "kind": k, "minutes": 15, "body": "", "options": o}
              for t, k, o in [("Moments", "moments", {}), ("Expectations", "expectations", {}),
                              ("Excellence", "excellence", {}),
                              ("Vote on moments", "vote", {"target": "moments", "blind": True}),
                              ("Vote on ideas", "vote", {"target": "ideas", "blind": False}),
                              ("Gaps", "gaps", {}), ("Wrap-up", "wrapup", {})]],
}
WORDS = ("queue checkout parking staff smile price card app delivery waiting shelf fresh "
         "bread help return receipt music light trolley basket offer label cashier door "
         "online review search phone refund butcher fish fruit loyalty points bag").split()
PEOPLE = 8
SIZE = (120, 40)


def write_session(path: Path, moments: int, ideas: int, seed: int = 1) -> None:
    """A session file written in bulk (events inserted, tables rebuilt)."""
    rng = random.Random(seed)
    t0 = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    people = [{"pid": p, "pseudonym": f"P{p}", "name": f"Person {p}"} for p in range(1, PEOPLE + 1)]
    with Store.create(path, title="Bench", script=SCRIPT, lang="en", participants=people,
                      at=t0.isoformat(timespec="milliseconds")) as store:
        first = len(store.events) + 1

    def text(n: int = 6) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()

    body: list[tuple[str, dict]] = [("step_entered", {"step": 0})]
    stages = ("before", "during", "after")
    for mid in range(1, moments + 1):
        body.append(("moment_added", {"mid": mid, "text": text(), "pid": rng.randint(1, PEOPLE),
                                      "stage": stages[mid * 3 // (moments + 1)],
                                      "touchpoint": rng.choice(("direct", "indirect"))}))
    for mid in range(1, moments + 1):
        for xid in (2 * mid - 1, 2 * mid):
            body.append(("expectation_added", {"xid": xid, "mid": mid, "text": text(),
                                               "type": "stated" if xid % 2 else "latent"}))
        for pid in range(1, PEOPLE + 1):
            body.append(("rating_given", {"mid": mid, "pid": pid, "value": rng.randint(1, 5)}))
        body.append(("prompt_drawn", {"did": mid, "prompt_id": "bench", "technique": "analogy",
                                      "text": text(12), "mid": mid}))
    for iid in range(1, ideas + 1):
        mid = (iid - 1) * moments // ideas + 1
        body.append(("idea_added", {"iid": iid, "mid": mid, "text": text(), "did": mid}))
    body.append(("vote_opened", {"rid": 1, "target": "moments", "dots": 5, "cap": 3,
                                 "blind": True, "step": 3}))
    body.append(("vote_opened", {"rid": 2, "target": "ideas", "dots": 5, "cap": 3,
                                 "blind": False, "step": 4}))
    for rid, items in ((1, moments), (2, ideas)):
        for pid in range(2, PEOPLE + 1):  # P1 is left to vote in the benchmark
            for item in rng.sample(range(1, items + 1), 4):
                body.append(("vote_cast", {"rid": rid, "pid": pid, "item": item, "delta": 1}))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO events (id, at, kind, data) VALUES (?, ?, ?, ?)", [
            (first + i, (t0 + timedelta(seconds=i + 1)).isoformat(timespec="milliseconds"),
             kind, Event(kind, data).to_json()) for i, (kind, data) in enumerate(body)])
    conn.close()
    with Store.open(path) as store:
        assert not store.state.skipped, f"invalid generated events: {store.state.skipped[:5]}"
        store.rebuild_tables()


class PanelApp(App):
    """One step panel, wired as the run screen wires it."""

    def __init__(self, store: Store, step: int):
        super().__init__()
        self.live = LiveSession(store, on_change=lambda e: self.view.refresh_state(),
                                on_error=lambda message, severity: self.notify(message))
        if store.state.current_step != step:
            store.record("step_entered", step=step)
        state = store.state
        self.view = view_for(state.steps[step].kind)(self.live, state.steps[step])

    def compose(self) -> ComposeResult:
        yield self.view

    def on_mount(self) -> None:
        self.view.refresh_state()
        self.view.focus_entry()


class BareApp(App):
    """The floor: Textual handling a key in an Input beside a small table."""

    def compose(self) -> ComposeResult:
        table = DataTable()
        table.add_columns("#", "text")
        for i in range(5):
            table.add_row(i, f"row {i}")
        yield table
        yield Input()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.value = ""


async def quit_app(pilot) -> None:
    """ctrl+q, and q when the app asks about a line typed and not added (a timed key
    may leave one): an app left open keeps its session file's lock in this process,
    and the next open of that file here is refused."""
    from workshop.tui.screens.confirm import QuitQuestion

    await pilot.press("ctrl+q")
    await pilot.pause()
    if pilot.app.is_running and isinstance(pilot.app.screen, QuitQuestion):
        await pilot.press("q")


async def timed(pilot, keys: list[str], presses: int) -> tuple[list[float], list[float]]:
    """(CPU seconds, wall seconds) per press of ``keys``' last key (the others set up)."""
    cpu, wall = [], []
    for _ in range(presses):
        *setup, key = keys
        if setup:
            await pilot.press(*setup)
            await pilot.pause()
        start, start_cpu = time.perf_counter(), time.process_time()
        await pilot.press(key)
        await pilot.pause()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return cpu, wall


SCENARIOS = [
    # (label, step index, keys: setup keys then the timed key, the widget focused first:
    # None for where the step puts the cursor)
    ("moments: type a moment, Enter", 0, ["x", "enter"], None),
    ("moments: move the selection", 0, ["down"], "#moments"),
    ("moments: set the stage (d)", 0, ["d"], "#moments"),
    ("expectations: next moment", 1, ["down"], None),
    ("expectations: a rating (digit)", 1, ["ctrl+l", "4"], None),
    ("excellence: type an idea, Enter", 2, ["y", "enter"], None),
    # The fine way, on the voters' row (in the dots field these keys are typed as text).
    ("vote on ideas: cast a dot (+)", 4, ["minus", "plus"], "#voters"),
    ("vote on ideas: take it back (−)", 4, ["plus", "minus"], "#voters"),
    ("vote on ideas: next voter", 4, ["right"], "#voters"),
    ("vote on ideas: next item", 4, ["down"], "#voters"),
]


async def run_scenario(path: Path, step: int, keys: list[str], focus: str | None,
                       presses: int) -> tuple[list[float], list[float]]:
    with Store.open(path) as store:
        app = PanelApp(store, step)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            if focus is not None:
                app.view.query_one(focus).focus()
                await pilot.pause()
            return await timed(pilot, keys, presses)


async def run_bare(presses: int) -> tuple[list[float], list[float]]:
    app = BareApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return await timed(pilot, ["x", "enter"], presses)


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def refresh_costs(path: Path) -> list[tuple[str, float]]:
    """refresh_state() alone, per panel, after nothing changed (what a note costs)."""
    out = []

    async def one(step: int) -> float:
        with Store.open(path) as store:
            app = PanelApp(store, step)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                times = []
                for _ in range(10):
                    start = time.perf_counter()
                    app.view.refresh_state()
                    times.append(time.perf_counter() - start)
                return statistics.median(times)

    for step, label in ((0, "moments"), (1, "expectations"), (2, "excellence"),
                        (4, "vote on ideas"), (5, "gaps"), (6, "wrap-up")):
        out.append((label, asyncio.run(one(step))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    n = args.presses
    with tempfile.TemporaryDirectory() as tmp:
        big, screen, tiny = (Path(tmp) / f"{name}.db" for name in ("big", "screen", "tiny"))
        t = time.perf_counter()
        write_session(big, moments=500, ideas=2000)
        write_session(screen, moments=40, ideas=160)
        write_session(tiny, moments=5, ideas=20)
        print(f"sessions written in {time.perf_counter() - t:.1f} s (large: 500 moments, "
              f"2,000 ideas, 4,000 ratings; screenful: 40 / 160; tiny: 5 / 20)")
        bare_cpu, bare_wall = asyncio.run(run_bare(n))
        floor = median_ms(bare_cpu)
        print(f"bare Textual app, Enter in an Input: {floor:.1f} ms CPU "
              f"({median_ms(bare_wall):.0f} ms wall)\n")
        print(f"{'key press to screen update':<36}{'median ms CPU':^24}{'large /':^24}"
              f"{'wall ms':>9}")
        print(f"{'':<36}{'tiny':>8}{'screen':>8}{'large':>8}{'screen':>8}{'tiny':>8}{'bare':>8}"
              f"{'large':>9}")
        for label, step, keys, focus in SCENARIOS:
            runs = [asyncio.run(run_scenario(path, step, keys, focus, n))
                    for path in (tiny, screen, big)]
            small, full, large = (median_ms(cpu) for cpu, _ in runs)
            print(f"{label:<36}{small:8.1f}{full:8.1f}{large:8.1f}{large / full:7.2f}x"
                  f"{large / small:7.2f}x{large / floor:7.2f}x{median_ms(runs[2][1]):9.0f}")
        print("\nrefresh_state() with nothing changed, large session (ms):")
        for label, seconds in refresh_costs(big):
            print(f"  {label:<16}{seconds * 1000:7.2f}")


if __name__ == "__main__":
    main()
