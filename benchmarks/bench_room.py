"""The room under load, on loopback (issue 14): 15 phones send 20 moments each and vote in
one blind round, while the facilitator types in the TUI.

The TUI runs in this process (Textual's Pilot, the real run screen, the room opened on
127.0.0.1 as F10 would); the phones run in a child process of their own (aiohttp
clients, as separate devices would be), each a participant who takes a seat, sends its
moments with a short pause between them, then places six dots in a blind vote where the
budget is five and the cap two (the sixth and any third dot on one item must be
refused). Everything is bounded: 15 phones, 20 entries each, a deadline per request and
for the whole run.

Figures, each against a baseline measured in the same run:
- send → "saved": from a phone's request to its answer (the entry on disk), p50 and p95,
  against ``Store.record`` of the same entries into a copy of the session (recorded
  directly, no HTTP, no screen);
- send → shown in the TUI: until the moments panel has redrawn with the entry, against
  the same entries recorded through the live session and the panel redrawn each time;
  and saved → shown, what the screen adds after the phone's answer;
- the facilitator's key latency (a moment typed key by key, then Enter; wall time from
  the key sent until the app is idle), with the room open and the phones sending,
  against the same typing with no room.
Then the checks: every entry on disk once, credited to its phone's participant and
marked as from a phone; no voter over the budget or the cap; the refusals said so.

Goals: p95 send → saved and send → shown ≤ 100 ms; key latency within 20 % of without.
Only 127.0.0.1 is ever used. Run: .venv/bin/python benchmarks/bench_room.py
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

PHONES, ENTRIES, DOTS, CAP = 15, 20, 5, 2
DEADLINE = 240.0  # seconds for the phones' whole run
SCRIPT = {
    "name": "bench-room", "title": "Bench room", "lang": "en", "dots": DOTS, "cap": CAP,
    "minutes": 60,
    "steps": [{"title": "Moments", "kind": "moments", "minutes": 20, "body": "", "options": {}},
              {"title": "Vote", "kind": "vote", "minutes": 10, "body": "",
               "options": {"target": "moments", "blind": True}}],
}


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] * 1000


# ---- the phones (child process) ---------------------------------------------------------


async def follow(http, url: str, stats: dict) -> None:
    """What follow.js does on a phone or the projector: an event stream, and a fetch of
    the page's view when the session's version changed (one fetch at a time; a change
    announced meanwhile fetches once more after it)."""
    state = {"version": -1, "fetching": False, "again": False}

    async def refresh() -> None:
        if state["fetching"]:
            state["again"] = True
            return
        state["fetching"] = True
        try:
            while True:
                state["again"] = False
                start = time.time()
                async with http.get(url + "view") as response:
                    view = await response.json()
                stats["views"] += 1
                stats["view_times"].append(time.time() - start)
                state["version"] = view["version"]
                if not state["again"]:
                    break
        finally:
            state["fetching"] = False

    tasks = set()
    async with http.get(url + "events") as response:
        async for line in response.content:
            if line.startswith(b"data: ") and line[6:].strip().isdigit():
                stats["pushes"] += 1
                if int(line[6:]) != state["version"]:
                    task = asyncio.ensure_future(refresh())
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
            elif line.startswith(b"event: closed"):
                break


class Phone:
    def __init__(self, http, url: str, pid: int, pause: float):
        self.http, self.url, self.pid, self.pause = http, url, pid, pause
        self.rng = random.Random(pid)
        self.sent = 0
        self.headers: dict[str, str] = {}

    async def post(self, path: str, body: dict) -> tuple[int, dict, float, float]:
        sent = time.time()
        async with self.http.post(self.url + path, data=json.dumps(body),
                                  headers=self.headers) as r:
            answer = await r.json()
        return r.status, answer, sent, time.time()

    async def join(self) -> None:
        async with self.http.get(self.url) as response:
            page = await response.text()
        found = re.search(r'data-csrf="([^"]+)"', page)
        assert found, "no request token in the page"
        self.headers = {"Content-Type": "application/json", "X-CSRF-Token": found.group(1)}
        status, _, _, _ = await self.post("seat", {"pid": self.pid})
        assert status == 200, f"seat {self.pid}: {status}"

    async def moments(self, count: int, out: list[dict]) -> None:
        await asyncio.sleep(self.rng.random() * self.pause)
        for _ in range(count):
            self.sent += 1
            text = f"P{self.pid} moment {self.sent}"
            body = {"step": 0, "entry": "moment", "cid": f"bench-{self.pid}-{self.sent:03d}",
                    "fields": {"text": text}}
            status, answer, sent, saved = await self.post("send", body)
            out.append({"text": text, "pid": self.pid, "status": status, "sent": sent,
                        "saved": saved, "error": answer.get("error")})
            await asyncio.sleep(self.pause * (0.5 + self.rng.random()))

    async def dots(self, out: list[dict]) -> None:
        # six dots on three items, two each: the sixth breaks the budget
        items = self.rng.sample(range(1, 11), 3)
        wanted = [items[0], items[0], items[1], items[1], items[2], items[2]]
        for n, item in enumerate(wanted):
            body = {"step": 1, "entry": "dot", "cid": f"dot-{self.pid:02d}-{n:02d}",
                    "fields": {"item": item, "delta": 1}}
            status, answer, sent, saved = await self.post("send", body)
            out.append({"pid": self.pid, "item": item, "status": status, "sent": sent,
                        "saved": saved, "error": answer.get("error")})
            await asyncio.sleep(self.pause / 2 * self.rng.random())


async def phones_main(url: str, projector: str, pause: float, nice: int) -> None:
    """The phones take their seats and follow the session (as their pages would), then
    do what the parent says, one line at a time on standard input: ``send N`` (each
    phone sends N moments), ``vote`` (each places its dots), ``quit``; each answered
    with one line of JSON on standard output."""
    import aiohttp

    if nice:
        # The phones stand in for other devices: on this 2-core machine they yield the
        # CPU to the laptop's process, as separate phones would not take it at all.
        os.nice(nice)
    loop = asyncio.get_running_loop()
    timeout = aiohttp.ClientTimeout(total=DEADLINE)
    stats = {"views": 0, "pushes": 0, "view_times": []}
    sessions = [aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                      timeout=timeout) for _ in range(PHONES + 1)]
    phones = [Phone(http, url, pid, pause) for pid, http in enumerate(sessions[:PHONES], 1)]
    await asyncio.gather(*(p.join() for p in phones))
    followers = [asyncio.ensure_future(follow(http, url, stats)) for http in sessions[:PHONES]]
    followers.append(asyncio.ensure_future(follow(sessions[-1], projector, stats)))
    print(json.dumps({"ready": True}), flush=True)
    try:
        while True:
            line = (await loop.run_in_executor(None, sys.stdin.readline)).split()
            if not line or line[0] == "quit":
                break
            out: list[dict] = []
            if line[0] == "send":
                await asyncio.wait_for(asyncio.gather(
                    *(p.moments(int(line[1]), out) for p in phones)), DEADLINE)
            elif line[0] == "vote":
                await asyncio.wait_for(asyncio.gather(*(p.dots(out) for p in phones)),
                                       DEADLINE)
            print(json.dumps(out), flush=True)
    finally:
        for task in followers:
            task.cancel()
        for http in sessions:
            await http.close()
    times = stats.pop("view_times")
    stats["view_p50"] = pct(times, .5) if times else 0
    stats["view_p95"] = pct(times, .95) if times else 0
    print(json.dumps(stats), flush=True)


# ---- the TUI (this process) -------------------------------------------------------------


def make_session(path: Path) -> None:
    from workshop.core.store import Store

    people = [{"pid": p, "pseudonym": f"P{p}", "name": f"Person {p}"}
              for p in range(1, PHONES + 1)]
    Store.create(path, title="Bench room", script=SCRIPT, lang="en",
                 participants=people).close()


async def type_moment(pilot, tag: str) -> list[float]:
    """The facilitator types one moment key by key: wall seconds from each key sent
    until the app has taken it (the character in the field; for Enter, the moment on
    the board), the next key sent a typist's moment later. Pilot's own "idle" is not the
    clock here: with phones sending, the app is seldom idle, though it answers keys."""
    from textual import events

    app = pilot.app
    run = app.screen
    field = run._panel.entry
    times = []
    for char in [*tag, "\r"]:
        key = {" ": "space", "\r": "enter"}.get(char, char)
        before, moments = field.value, len(run.state.moments)
        start = time.perf_counter()
        app.post_message(events.Key(key, None if key == "enter" else char))
        while (len(run.state.moments) == moments if key == "enter"
               else field.value == before):
            await asyncio.sleep(0.0005)
        times.append(time.perf_counter() - start)
        await asyncio.sleep(0.08)  # about twelve keys a second
    return times


class Phones:
    """The phones' process, driven a line at a time."""

    def __init__(self, child: asyncio.subprocess.Process):
        self.child = child

    @classmethod
    async def start(cls, url: str, projector: str, pause: float, nice: int) -> Phones:
        child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--phones", url, "--projector", projector,
            "--pause", str(pause), "--nice", str(nice),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        phones = cls(child)
        await phones.answer()  # seated and following
        return phones

    async def say(self, line: str) -> None:
        assert self.child.stdin is not None
        self.child.stdin.write(line.encode() + b"\n")
        await self.child.stdin.drain()

    async def answer(self):
        assert self.child.stdout is not None
        line = await self.child.stdout.readline()
        if not line:
            raise SystemExit(f"the phones' process failed ({await self.child.wait()})")
        return json.loads(line)


async def bench_tui(path: Path, pause: float, keys: int, rounds: int, nice: int) -> dict:
    """Windows of typing: with no room (before it opens), then in turn with the room open
    and the phones following but quiet, and while the phones send (a round of their
    moments each time); then the blind vote."""
    from workshop.core.store import Store
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.run import RunScreen

    shown: dict[str, float] = {}
    drawn: dict[str, float] = {}
    app = WorkshopApp(store=Store.open(path), sessions_dir=path.parent)
    keyed: dict[str, list[float]] = {"none": [], "quiet": [], "busy": []}
    per_round: list[tuple[float, float]] = []
    typed = 0

    async def window(kind: str, count: int | None = None, until=None) -> list[float]:
        nonlocal typed
        times: list[float] = []
        while (len(times) < count * 8) if count is not None else not until.done():
            typed += 1
            times += await type_moment(pilot, f"{kind[0]}{typed:05d}")
        keyed[kind] += times
        return times

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        panel_refresh = type(run._panel).refresh_state
        screen_refresh = run._compositor_refresh

        def refresh_and_mark(panel) -> None:
            panel_refresh(panel)
            at = time.time()
            for m in run.state.moments.values():
                drawn.setdefault(m.text, at)

        def paint_and_mark() -> None:
            # shown: the first time the screen is painted after the panel has the entry
            screen_refresh()
            at = time.time()
            for text in drawn.keys() - shown.keys():
                shown[text] = at
        type(run._panel).refresh_state = refresh_and_mark
        run._compositor_refresh = paint_and_mark

        await window("none", keys)
        problem = await run.room.start("127.0.0.1", 0)
        assert problem is None, problem
        room = run.room.room
        phones = await Phones.start(room.url, room.projector_url, pause, nice)
        entries: list[dict] = []
        share = ENTRIES // rounds
        for n in range(rounds):
            quiet = await window("quiet", keys)
            await phones.say(f"send {share if n < rounds - 1 else ENTRIES - share * n}")
            batch = asyncio.ensure_future(phones.answer())
            busy = await window("busy", until=batch)
            entries += batch.result()
            per_round.append((statistics.median(busy), statistics.median(quiet)))
        await pilot.pause()
        # the vote: the facilitator enters its step (the vote opens), phones place dots
        run.go_to(1)
        await pilot.pause()
        await pilot.pause()
        await phones.say("vote")
        dots = await phones.answer()
        await phones.say("quit")
        stats = await phones.answer()
        await phones.child.wait()
        rnd = run.state.round_for_step(1)
        hidden = rnd is not None and rnd.blind and not rnd.revealed
        await run.room.stop()
        type(run._panel).refresh_state = panel_refresh
    return {"entries": entries, "dots": dots, "shown": shown, "drawn": drawn, "keys": keyed,
            "rounds": per_round, "hidden": hidden, "stats": stats}


def baselines(path: Path, texts: list[tuple[int, str]]) -> tuple[list[float], list[float]]:
    """The same entries recorded directly: Store.record alone, and through the live
    session with the moments panel redrawn each time (what typing them would cost)."""
    from workshop.core.store import Store
    from workshop.tui.live import LiveSession
    from workshop.tui.steps import view_for

    record = []
    with Store.open(path) as store:
        for pid, text in texts:
            start = time.perf_counter()
            store.record("moment_added", text=text, pid=pid)
            record.append(time.perf_counter() - start)
    shown: list[float] = []

    async def panel() -> None:
        from textual.app import App

        with Store.open(path) as store:
            live = LiveSession(store)
            step = store.state.steps[0]
            view = view_for("moments")(live, step)
            live.on_change = lambda event: view.refresh_state()

            class One(App):
                def compose(self):
                    yield view

            async with One().run_test(size=(120, 40)) as pilot:
                await pilot.pause()
                for pid, text in texts:
                    start = time.perf_counter()
                    live.record("moment_added", text=text + " again", pid=pid)
                    shown.append(time.perf_counter() - start)
    asyncio.run(panel())
    return record, shown


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--phones")  # the child's part
    parser.add_argument("--projector")
    parser.add_argument("--pause", type=float, default=0.4,
                        help="seconds a participant takes between two entries (about)")
    parser.add_argument("--keys", type=int, default=3,
                        help="moments the facilitator types in each quiet window")
    parser.add_argument("--rounds", type=int, default=4,
                        help="windows in which the phones send (their 20 moments shared)")
    parser.add_argument("--nice", type=int, default=10,
                        help="niceness of the phones' process (0: as the laptop's)")
    args = parser.parse_args()
    if args.phones:
        assert re.match(r"http://127\.0\.0\.1:\d+/", args.phones), "loopback only"
        assert re.match(r"http://127\.0\.0\.1:\d+/", args.projector), "loopback only"
        asyncio.run(phones_main(args.phones, args.projector, args.pause, args.nice))
        return

    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "room.db"
        copy = Path(tmp) / "direct.db"
        make_session(path)
        make_session(copy)
        started = time.perf_counter()
        cpu = time.process_time()
        result = asyncio.run(bench_tui(path, args.pause, args.keys, args.rounds, args.nice))
        took, cpu = time.perf_counter() - started, time.process_time() - cpu
        entries, dots = result["entries"], result["dots"]
        saved = [e["saved"] - e["sent"] for e in entries if e["status"] == 200]
        shown = [result["shown"][e["text"]] - e["sent"] for e in entries
                 if e["text"] in result["shown"]]
        # What the screen adds after the disk: the redraw path alone (the machine's load
        # moves it far less than send → saved, which waits on the phones' process).
        redraw = [result["shown"][e["text"]] - e["saved"] for e in entries
                  if e["text"] in result["shown"] and e["status"] == 200]
        record, panel = baselines(copy, [(e["pid"], e["text"]) for e in entries])

        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        rows = [json.loads(r[0]) for r in conn.execute(
            "SELECT data FROM events WHERE kind = 'moment_added'")]
        votes = conn.execute("SELECT participant_id, moment_id, dots FROM votes").fetchall()
        conn.close()

    phone_rows = [r for r in rows if r.get("via") == "phone"]
    on_disk = {(r["pid"], r["text"]) for r in phone_rows}
    lost = [e for e in entries if (e["pid"], e["text"]) not in on_disk]
    twice = len(phone_rows) - len(on_disk)
    used: dict[int, int] = {}
    over_cap = [v for v in votes if v[2] > CAP]
    for pid, _, n in votes:
        used[pid] = used.get(pid, 0) + n
    over_budget = {pid: n for pid, n in used.items() if n > DOTS}
    refused = [d for d in dots if d["status"] != 200]
    refused_right = all(d["status"] == 422 and ("no dots left" in (d["error"] or "")
                                                or "At most" in (d["error"] or ""))
                        for d in refused)
    dot_saved = [d["saved"] - d["sent"] for d in dots if d["status"] == 200]
    stats = result["stats"]

    print(f"{PHONES} phones × {ENTRIES} moments ({len(entries)} sent in {args.rounds} rounds, "
          f"pause ~{args.pause} s, phones' process nice {args.nice}) and {len(dots)} dots, "
          f"in {took:.1f} s ({cpu:.1f} s CPU in the laptop's process)")
    print(f"  send → saved:   p50 {pct(saved, .5):6.1f} ms  p95 {pct(saved, .95):6.1f} ms   "
          f"direct Store.record: p50 {pct(record, .5):5.1f} ms  p95 {pct(record, .95):5.1f} ms")
    print(f"  send → shown:   p50 {pct(shown, .5):6.1f} ms  p95 {pct(shown, .95):6.1f} ms   "
          f"recorded + panel redrawn: p50 {pct(panel, .5):5.1f} ms  p95 "
          f"{pct(panel, .95):5.1f} ms   ({len(shown)} of {len(entries)} seen painted)")
    print(f"  saved → shown:  p50 {pct(redraw, .5):6.1f} ms  p95 {pct(redraw, .95):6.1f} ms   "
          "(the phone's answer to the screen painted with its entry)")
    print(f"  a dot, send → saved: p50 {pct(dot_saved, .5):.1f} ms  p95 "
          f"{pct(dot_saved, .95):.1f} ms")
    print(f"  pages following: {stats['pushes']} pushes, {stats['views']} views fetched "
          f"(p50 {stats['view_p50']:.1f} ms, p95 {stats['view_p95']:.1f} ms)")
    keys = result["keys"]
    none, quiet, busy = (statistics.median(keys[k]) for k in ("none", "quiet", "busy"))
    print("  facilitator's key (wall, key sent → taken), median (p95), keys:")
    for name, kind in (("no room", "none"), ("room open, phones quiet", "quiet"),
                       ("phones sending", "busy")):
        print(f"    {name:24} {statistics.median(keys[kind]) * 1000:6.1f} ms "
              f"({pct(keys[kind], .95):6.1f} ms), {len(keys[kind])}")
    rounds = ", ".join(f"{b / q:.2f}×" for b, q in result["rounds"])
    print(f"    sending / quiet: {busy / quiet:.2f}× (each round: {rounds}); "
          f"sending / no room: {busy / none:.2f}×")
    print(f"  checks: lost {len(lost)}, twice {twice}, over budget {len(over_budget)}, "
          f"over cap {len(over_cap)}, dots refused {len(refused)} "
          f"({'all for the budget or the cap' if refused_right else 'SOME WRONG'}), "
          f"vote still hidden: {result['hidden']}")
    ok = not lost and not twice and not over_budget and not over_cap and refused_right
    print("  goals: p95 saved ≤ 100 ms: " + ("met" if pct(saved, .95) <= 100 else "NOT met")
          + "; p95 shown ≤ 100 ms: " + ("met" if pct(shown, .95) <= 100 else "NOT met")
          + "; keys within 20 %: " + ("met" if busy <= min(quiet, none) * 1.2
                                       else "NOT met"))
    if not ok:
        reasons: dict[str, int] = {}
        for d in refused:
            key = f"{d['status']} {d['error']}"
            reasons[key] = reasons.get(key, 0) + 1
        print("  refusals:", reasons)
        raise SystemExit("a rule was broken or an entry lost")


if __name__ == "__main__":
    main()
