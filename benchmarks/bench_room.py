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


async def one_phone(url: str, pid: int, pause: float, out: list[dict], dots: list[dict],
                    entered: asyncio.Event, vote: asyncio.Event) -> None:
    import aiohttp

    rng = random.Random(pid)
    timeout = aiohttp.ClientTimeout(total=20)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                     timeout=timeout) as http:
        async with http.get(url) as response:
            page = await response.text()
        found = re.search(r'data-csrf="([^"]+)"', page)
        assert found, "no request token in the page"
        headers = {"Content-Type": "application/json", "X-CSRF-Token": found.group(1)}

        async def post(path: str, body: dict) -> tuple[int, dict, float, float]:
            sent = time.time()
            async with http.post(url + path, data=json.dumps(body), headers=headers) as r:
                answer = await r.json()
            return r.status, answer, sent, time.time()

        status, _, _, _ = await post("seat", {"pid": pid})
        assert status == 200, f"seat {pid}: {status}"
        await asyncio.sleep(rng.random() * pause)
        for n in range(ENTRIES):
            text = f"P{pid} moment {n + 1}"
            body = {"step": 0, "entry": "moment", "cid": f"bench-{pid}-{n:03d}",
                    "fields": {"text": text}}
            status, answer, sent, saved = await post("send", body)
            out.append({"text": text, "pid": pid, "status": status, "sent": sent,
                        "saved": saved, "error": answer.get("error")})
            await asyncio.sleep(pause * (0.5 + rng.random()))
        entered.set()
        await vote.wait()
        # six dots on three items, two each: the sixth breaks the budget
        items = rng.sample(range(1, 11), 3)
        wanted = [items[0], items[0], items[1], items[1], items[2], items[2]]
        for n, item in enumerate(wanted):
            body = {"step": 1, "entry": "dot", "cid": f"dot-{pid:02d}-{n:02d}",
                    "fields": {"item": item, "delta": 1}}
            status, answer, sent, saved = await post("send", body)
            dots.append({"pid": pid, "item": item, "status": status, "sent": sent,
                         "saved": saved, "error": answer.get("error")})
            await asyncio.sleep(pause / 2 * rng.random())


async def phones_main(url: str, pause: float) -> None:
    """All phones send their moments; the parent is told (one line), moves the session to
    the vote, and tells them back (a line on standard input); then the dots."""
    import aiohttp

    out: list[dict] = []
    dots: list[dict] = []
    done = [asyncio.Event() for _ in range(PHONES)]
    vote = asyncio.Event()

    async def relay() -> None:
        await asyncio.gather(*(d.wait() for d in done))
        print(json.dumps(out), flush=True)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, sys.stdin.readline)
        vote.set()

    del aiohttp
    await asyncio.wait_for(asyncio.gather(relay(), *(
        one_phone(url, pid, pause, out, dots, done[pid - 1], vote)
        for pid in range(1, PHONES + 1))), DEADLINE)
    print(json.dumps(dots), flush=True)


# ---- the TUI (this process) -------------------------------------------------------------


def make_session(path: Path) -> None:
    from workshop.core.store import Store

    people = [{"pid": p, "pseudonym": f"P{p}", "name": f"Person {p}"}
              for p in range(1, PHONES + 1)]
    Store.create(path, title="Bench room", script=SCRIPT, lang="en",
                 participants=people).close()


async def type_moments(pilot, count: int, tag: str) -> list[float]:
    """The facilitator types ``count`` moments key by key: wall seconds from each key sent
    until the app has taken it (the character in the field; for Enter, the moment on
    the board), the next key sent a typist's moment later. Pilot's own "idle" is not the
    clock here: with phones sending, the app is seldom idle, though it answers keys."""
    from textual import events

    app = pilot.app
    run = app.screen
    field = run._panel.entry
    times = []
    for n in range(count):
        for char in [*f"{tag} {n:02d}", "\r"]:
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


async def run_phones(url: str, pause: float) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--phones", url, "--pause", str(pause),
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)


async def collect(child: asyncio.subprocess.Process) -> list[dict]:
    """The next line the phones print: what they sent and what became of it."""
    assert child.stdout is not None
    line = await child.stdout.readline()
    if not line:
        raise SystemExit(f"the phones' process failed ({await child.wait()})")
    return json.loads(line)


async def bench_tui(path: Path, pause: float, keys: int) -> dict:
    from workshop.core.store import Store
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.run import RunScreen

    shown: dict[str, float] = {}
    app = WorkshopApp(store=Store.open(path), sessions_dir=path.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        panel_refresh = type(run._panel).refresh_state

        def refresh_and_mark(panel) -> None:
            panel_refresh(panel)
            at = time.time()
            for m in run.state.moments.values():
                shown.setdefault(m.text, at)
        type(run._panel).refresh_state = refresh_and_mark  # when each moment is drawn

        without = await type_moments(pilot, keys, "alone")
        problem = await run.room.start("127.0.0.1", 0)
        assert problem is None, problem
        room = run.room.room
        child = await run_phones(room.url, pause)
        entries_task = asyncio.ensure_future(collect(child))
        with_room: list[float] = []
        while not entries_task.done() and len(with_room) < keys * 12:
            with_room += await type_moments(pilot, 1, "busy")
        entries = await entries_task
        await pilot.pause()
        # the vote: the facilitator enters its step (the vote opens), phones place dots
        run.go_to(1)
        await pilot.pause()
        await pilot.pause()
        assert child.stdin is not None
        child.stdin.write(b"vote\n")
        await child.stdin.drain()
        dots = await collect(child)
        await child.wait()
        rnd = run.state.round_for_step(1)
        hidden = rnd is not None and rnd.blind and not rnd.revealed
        await run.room.stop()
        type(run._panel).refresh_state = panel_refresh
    return {"entries": entries, "dots": dots, "shown": shown, "without": without,
            "with": with_room, "hidden": hidden}


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
    parser.add_argument("--pause", type=float, default=0.4,
                        help="seconds a participant takes between two entries (about)")
    parser.add_argument("--keys", type=int, default=4, help="moments the facilitator types")
    args = parser.parse_args()
    if args.phones:
        assert re.match(r"http://127\.0\.0\.1:\d+/", args.phones), "loopback only"
        asyncio.run(phones_main(args.phones, args.pause))
        return

    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} cores", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "room.db"
        copy = Path(tmp) / "direct.db"
        make_session(path)
        make_session(copy)
        started = time.perf_counter()
        result = asyncio.run(bench_tui(path, args.pause, args.keys))
        took = time.perf_counter() - started
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

    print(f"{PHONES} phones × {ENTRIES} moments ({len(entries)} sent, pause ~{args.pause} s) "
          f"and {len(dots)} dots, in {took:.1f} s")
    print(f"  send → saved:   p50 {pct(saved, .5):6.1f} ms  p95 {pct(saved, .95):6.1f} ms   "
          f"direct Store.record: p50 {pct(record, .5):5.1f} ms  p95 {pct(record, .95):5.1f} ms")
    print(f"  send → shown:   p50 {pct(shown, .5):6.1f} ms  p95 {pct(shown, .95):6.1f} ms   "
          f"recorded + panel redrawn: p50 {pct(panel, .5):5.1f} ms  p95 "
          f"{pct(panel, .95):5.1f} ms   ({len(shown)} of {len(entries)} seen drawn)")
    print(f"  saved → shown:  p50 {pct(redraw, .5):6.1f} ms  p95 {pct(redraw, .95):6.1f} ms   "
          "(the phone's answer to the panel redrawn with its entry)")
    print(f"  a dot, send → saved: p50 {pct(dot_saved, .5):.1f} ms  p95 "
          f"{pct(dot_saved, .95):.1f} ms")
    alone, busy = statistics.median(result["without"]), statistics.median(result["with"])
    print(f"  facilitator's key (median wall, key sent → taken): {busy * 1000:.1f} ms with the "
          f"room and phones sending vs {alone * 1000:.1f} ms without: {busy / alone:.2f}×  "
          f"(p95 {pct(result['with'], .95):.1f} vs {pct(result['without'], .95):.1f} ms; "
          f"{len(result['with'])} vs {len(result['without'])} keys)")
    print(f"  checks: lost {len(lost)}, twice {twice}, over budget {len(over_budget)}, "
          f"over cap {len(over_cap)}, dots refused {len(refused)} "
          f"({'all for the budget or the cap' if refused_right else 'SOME WRONG'}), "
          f"vote still hidden: {result['hidden']}")
    ok = not lost and not twice and not over_budget and not over_cap and refused_right
    print("  goals: p95 saved ≤ 100 ms: " + ("met" if pct(saved, .95) <= 100 else "NOT met")
          + "; p95 shown ≤ 100 ms: " + ("met" if pct(shown, .95) <= 100 else "NOT met")
          + "; keys within 20 %: " + ("met" if busy <= alone * 1.2 else "NOT met"))
    if not ok:
        reasons: dict[str, int] = {}
        for d in refused:
            key = f"{d['status']} {d['error']}"
            reasons[key] = reasons.get(key, 0) + 1
        print("  refusals:", reasons)
        raise SystemExit("a rule was broken or an entry lost")


if __name__ == "__main__":
    main()
