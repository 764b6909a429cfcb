"""Replay and search at scale.

1. A session of 100,000 events (a long multi-group day: moments, expectations, ratings,
   prompts, ideas, blind votes, notes, edits and undos): reading and folding it, against
   reading the same rows with plain sqlite3; then seeking to random points with a
   Timeline, against one full fold.
2. ``workshop search`` over 200 session files.
3. The replay's search line (``/``) on that session, as a researcher meets it: the replay
   in a Pilot, a query typed a letter at a time, the CPU of each letter from the key to
   the screen updated (``pilot.press`` then ``pilot.pause``, as bench_tui_keypress.py
   times a key), against the same letters on a small session (1,000 events) in the same
   run; split into the search (``Timeline.search``), the rest of the filters
   (``_apply_filters``), our redraw (``_show_matches``) and the remainder, Textual
   drawing the screen. Beside it, the search alone against a plain scan of the texts
   (one expression per word over every folded text, as the replay searched before).

Run: .venv/bin/python benchmarks/bench_replay.py [--events N] [--files N] [--part N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.core.events import Event  # noqa: E402
from workshop.core.fold import fold  # noqa: E402
from workshop.core.store import Store  # noqa: E402
from workshop.core.timeline import Timeline, load_events  # noqa: E402

SCRIPT = {
    "name": "bench", "title": "Bench", "lang": "en", "dots": 3, "cap": 2, "minutes": 90,
    "steps": [{"title": t, "kind": k, "minutes": 10, "body": "", "options": {}}
              for t, k in [("Welcome", "intro"), ("Moments", "moments"),
                           ("Expectations", "expectations"), ("Excellence", "excellence"),
                           ("Vote", "vote"), ("Gaps", "gaps"), ("Wrap-up", "wrapup")]],
}
WORDS = ("queue checkout parking staff smile price card app delivery waiting shelf fresh "
         "bread help return receipt music light trolley basket offer label cashier door "
         "atención cola caja precio ayuda entrega").split()
PEOPLE = 8


def _sentence(rng: random.Random, n: int = 7) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def session_events(total: int, seed: int = 1, start_id: int = PEOPLE + 2) -> list[tuple[str, dict]]:
    """(kind, data) of a plausible long session after its creation and roster.

    Cycles through the script: a few moments, their expectations and ratings, prompts and
    ideas, a blind vote that is revealed, quotes, an action, an edit and an undo.
    """
    rng = random.Random(seed)
    out: list[tuple[str, dict]] = []
    mid = xid = did = iid = rid = nid = aid = 0
    moments: list[int] = []
    step = 0
    while len(out) < total:
        out.append(("step_entered", {"step": step % 7}))
        out.append(("timer_started", {"step": step % 7}))
        step += 1
        new = []
        for _ in range(5):
            mid += 1
            new.append(mid)
            out.append(("moment_added", {"mid": mid, "text": _sentence(rng, 4),
                                         "stage": rng.choice(["before", "during", "after"]),
                                         "pid": rng.choice([None, *range(1, PEOPLE + 1)])}))
        moments += new
        out.append(("moment_edited", {"mid": new[0], "text": _sentence(rng, 4)}))
        for m in new:
            for _ in range(3):
                xid += 1
                out.append(("expectation_added", {"xid": xid, "mid": m, "text": _sentence(rng),
                                                  "type": rng.choice(["stated", "latent"]),
                                                  "pid": rng.randint(1, PEOPLE)}))
            for p in range(1, PEOPLE + 1):
                out.append(("rating_given", {"mid": m, "pid": p, "value": rng.randint(1, 5)}))
        for _ in range(2):
            did += 1
            out.append(("prompt_drawn", {"did": did, "prompt_id": f"p{did}", "technique": "analogy",
                                         "text": _sentence(rng), "mid": rng.choice(new)}))
        for _ in range(6):
            iid += 1
            out.append(("idea_added", {"iid": iid, "mid": rng.choice(new), "text": _sentence(rng),
                                       "pid": rng.randint(1, PEOPLE), "did": did}))
        rid += 1
        out.append(("vote_opened", {"rid": rid, "target": "moments", "dots": 3, "cap": 2,
                                    "blind": True, "step": 4}))
        for p in range(1, PEOPLE + 1):
            picks = [rng.choice(new), rng.choice(new)]
            for item in picks:
                out.append(("vote_cast", {"rid": rid, "pid": p, "item": item, "delta": 1}))
            extra = [m for m in new if m not in picks][0]
            out.append(("vote_cast", {"rid": rid, "pid": p, "item": extra, "delta": 1}))
        out.append(("votes_revealed", {"rid": rid}))
        for _ in range(4):
            nid += 1
            out.append(("note_added", {"nid": nid, "type": "quote", "text": _sentence(rng, 12),
                                       "pid": rng.randint(1, PEOPLE), "mid": rng.choice(new)}))
        aid += 1
        out.append(("action_added", {"aid": aid, "type": "action", "text": _sentence(rng),
                                     "mid": new[0]}))
        out.append(("entry_edited", {"entity": "expectation", "id": xid, "text": _sentence(rng)}))
        nid += 1
        out.append(("note_added", {"nid": nid, "type": "note", "text": _sentence(rng)}))
        out.append(("undo", {"target": start_id + len(out) - 1}))  # the note just taken
    return out[:total]


def write_session(path: Path, total: int, seed: int = 1) -> None:
    """A session file of ``total`` events, written in bulk and its tables rebuilt."""
    t0 = datetime(2025, 3, 4, 9, 0, tzinfo=UTC)
    people = [{"pid": p, "pseudonym": f"P{p}", "name": f"Person {p}"} for p in range(1, PEOPLE + 1)]
    with Store.create(path, title=f"Bench {seed}", script=SCRIPT, lang="en",
                      participants=people, at=t0.isoformat(timespec="milliseconds")) as store:
        first = len(store.events) + 1
    body = session_events(total - first + 1, seed, start_id=first)
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO events (id, at, kind, data) VALUES (?, ?, ?, ?)", [
            (first + i, (t0 + timedelta(seconds=2 * (i + 1))).isoformat(timespec="milliseconds"),
             kind, Event(kind, data).to_json()) for i, (kind, data) in enumerate(body)])
    conn.close()
    with Store.open(path) as store:
        assert not store.state.skipped, f"invalid generated events: {store.state.skipped[:5]}"
        store.rebuild_tables()


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def bench_replay(folder: Path, total: int) -> None:
    path = folder / "big.db"
    t = time.perf_counter()
    write_session(path, total)
    print(f"built a session of {total:,} events in {time.perf_counter() - t:.1f} s")

    def raw():
        conn = sqlite3.connect(path)
        rows = conn.execute("SELECT id, at, kind, data FROM events ORDER BY id").fetchall()
        conn.close()
        assert len(rows) == total

    base = best(raw)
    load = best(lambda: load_events(path))
    events = load_events(path)
    fold_time = best(lambda: fold(events), repeat=2)
    open_fold = best(lambda: Store.open(path, readonly=True).close(), repeat=2)
    print(f"read the rows with plain sqlite3:     {base * 1000:8.1f} ms  (baseline)")
    print(f"read and parse the events:            {load * 1000:8.1f} ms  ({load / base:5.1f}x)")
    print(f"fold all the events:                  {fold_time * 1000:8.1f} ms  "
          f"({fold_time / base:5.1f}x)")
    print(f"open the file and fold (Store.open):  {open_fold * 1000:8.1f} ms  "
          f"({open_fold / base:5.1f}x)")

    t = time.perf_counter()
    timeline = Timeline(events)
    build = time.perf_counter() - t
    t = time.perf_counter()
    timeline.state_at(len(events))
    first = time.perf_counter() - t
    print(f"timeline of the events:               {build * 1000:8.1f} ms  ({build / base:5.1f}x)")
    print(f"first seek to the end (saves copies): {first * 1000:8.1f} ms  ({first / base:5.1f}x)")
    rng = random.Random(7)
    seeks = []
    for _ in range(200):
        n = rng.randint(0, len(events))
        t = time.perf_counter()
        timeline.state_at(n)
        seeks.append(time.perf_counter() - t)
    seeks.sort()
    med, p95, worst = statistics.median(seeks), seeks[int(len(seeks) * 0.95)], seeks[-1]
    print(f"seek to a random point (200 seeks):   median {med * 1000:.1f} ms, "
          f"95% {p95 * 1000:.1f} ms, "
          f"max {worst * 1000:.1f} ms  (median {med / base:.2f}x the baseline, "
          f"{fold_time / med:.0f}x faster than a full fold)")
    t = time.perf_counter()
    for n in range(len(events) // 2, len(events) // 2 + 600):
        timeline.state_at(n)
    step = (time.perf_counter() - t) / 600
    print(f"step forward one event (playback):    {step * 1e6:8.1f} µs")


def bench_search(folder: Path, files: int) -> None:
    from workshop.core.search import search

    folder = folder / "many"
    folder.mkdir()
    templates = []
    for seed in range(4):
        path = folder / f"template-{seed}.db"
        write_session(path, 600, seed=seed + 10)
        templates.append(path)
    for i in range(files - len(templates)):
        shutil.copy(templates[i % len(templates)], folder / f"session-{i:03d}.db")

    def run():
        results, problems, searched = search([folder], "queue checkout")
        assert searched == files and not problems and results

    def raw():  # the same FTS query on every file, with nothing else
        for path in sorted(folder.glob("*.db")):
            conn = sqlite3.connect(path)
            for table in ("moments", "expectations", "ideas", "notes", "actions"):
                conn.execute(f"SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ?",
                             ('"queue" "checkout"',)).fetchall()
            conn.close()

    run()  # warm the OS cache
    base = best(raw)
    took = best(run)
    results, _, _ = search([folder], "queue checkout")
    hits = sum(len(s.hits) for s in results)
    print(f"search {files} session files ({hits:,} matches): {took * 1000:.0f} ms "
          f"(plain FTS queries alone: {base * 1000:.0f} ms, {took / base:.1f}x)")


TYPED = "checkout queue"  # whole words: "checkou" finds nothing, "checkout" thousands
ROUNDS = 5


async def _type_search(path: Path, rounds: int) -> tuple[list[float], dict[str, list[float]]]:
    """CPU seconds of each letter of TYPED typed into the replay's search line, and of
    the parts of each (the line emptied with backspaces between rounds, not timed)."""
    from workshop.tui import replay as tui_replay

    timeline = tui_replay.prepare(Timeline(load_events(path)))
    parts: dict[str, float] = {}
    patched = []
    for owner, name, label in ((Timeline, "search", "search"),
                               (tui_replay.ReplayScreen, "_apply_filters", "filters"),
                               (tui_replay.ReplayScreen, "_show_matches", "redraw")):
        original = getattr(owner, name, None)
        if original is None:  # an older tree (--part 3 run against it): counted as the rest
            continue

        def timed(*args, _original=original, _label=label, **kwargs):
            start = time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                parts[_label] = parts.get(_label, 0.0) + time.process_time() - start

        setattr(owner, name, timed)
        patched.append((owner, name, original))
    letters: list[float] = []
    split: dict[str, list[float]] = {"search": [], "filters": [], "redraw": []}
    try:
        app = tui_replay.make_replay_app(path, timeline=timeline)
        async with app.run_test(size=(120, 40)) as pilot:
            while not getattr(app.screen, "ready", False):
                await pilot.pause(0.05)
            await app.workers.wait_for_complete()  # the words indexed, as the screen shows
            await pilot.pause()
            await pilot.press("slash")
            await pilot.pause()
            for _ in range(rounds):
                for ch in TYPED:
                    parts.clear()
                    start = time.process_time()
                    await pilot.press("space" if ch == " " else ch)
                    await pilot.pause()
                    letters.append(time.process_time() - start)
                    # The search runs within the filters: each part on its own.
                    search = parts.get("search", 0.0)
                    split["search"].append(search)
                    split["filters"].append(parts.get("filters", 0.0) - search)
                    split["redraw"].append(parts.get("redraw", 0.0))
                await pilot.press(*["backspace"] * len(TYPED))
                await pilot.pause()
            await pilot.press("escape", "escape")
    finally:
        for owner, name, original in patched:
            setattr(owner, name, original)
    return letters, split


def bench_search_line(folder: Path, total: int, small: int = 1_000) -> None:
    import asyncio
    import os

    from workshop.core.search import entry_text, fold_text, parse_query

    big = folder / "big.db"
    if not big.exists():
        write_session(big, total)
    little = folder / "small.db"
    write_session(little, small, seed=2)
    load = os.getloadavg()[0]
    print(f"\nthe replay's search line, {TYPED!r} typed a letter at a time, "
          f"{ROUNDS} rounds (load {load:.1f}):")
    runs = {}
    for label, path in (("small", little), ("large", big)):
        runs[label] = asyncio.run(_type_search(path, ROUNDS))
    for label, n in (("small", small), ("large", total)):
        letters, split = runs[label]
        ordered = sorted(letters)
        med = statistics.median(letters)
        rest = [c - sum(split[k][i] for k in split) for i, c in enumerate(letters)]
        print(f"  {n:>7,} events: {med * 1000:5.1f} ms CPU a letter (median), "
              f"90% {ordered[int(len(ordered) * 0.9)] * 1000:5.1f}, "
              f"max {ordered[-1] * 1000:5.1f}; median parts: search "
              f"{statistics.median(split['search']) * 1000:.1f}, filters "
              f"{statistics.median(split['filters']) * 1000:.1f}, our redraw "
              f"{statistics.median(split['redraw']) * 1000:.1f}, Textual "
              f"{statistics.median(rest) * 1000:.1f}")
    large, little_ = (statistics.median(runs[k][0]) for k in ("large", "small"))
    letters = runs["large"][0]
    # Each letter's median over the rounds: the cost of that letter, whatever else the
    # machine did at that moment of one round.
    each = [statistics.median(letters[i::len(TYPED)]) for i in range(len(TYPED))]
    slowest = max(range(len(TYPED)), key=lambda i: each[i])
    print(f"  large / small: {large / little_:.2f}x (median); the slowest letter on the "
          f"large session {TYPED[:slowest + 1]!r}: {each[slowest] * 1000:.1f} ms (median of "
          f"its {ROUNDS} rounds; the slowest one-off {max(letters) * 1000:.1f} ms, in round "
          f"{letters.index(max(letters)) // len(TYPED) + 1})  [goal: each letter <= 40 ms]")
    # The search alone, against reading every text with the query's expressions.
    queries = [parse_query(TYPED[:k]) for k in range(1, len(TYPED) + 1) if TYPED[:k].strip()]
    timeline = Timeline(load_events(big))
    timeline.search(queries[0])  # what it makes once, before the first letter
    folded = [fold_text(text) for info in timeline.infos
              if (text := entry_text(info.event.data))]

    def scan():
        for query in queries:
            patterns = query.patterns()
            [f for f in folded if all(p.search(f) for p in patterns)]

    def indexed():
        for query in queries:
            timeline.search(query)

    base, ours = best(scan), best(indexed)
    print(f"  the search alone, every prefix of {TYPED!r}: {ours * 1000 / len(queries):.2f} ms "
          f"a query, against a plain scan of the {len(folded):,} texts "
          f"{base * 1000 / len(queries):.1f} ms ({ours / base:.3f}x)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--part", type=int, choices=(1, 2, 3),
                        help="only this part (1: replay, 2: search files, 3: search line)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.part in (None, 1):
            bench_replay(Path(tmp), args.events)
        if args.part in (None, 2):
            bench_search(Path(tmp), args.files)
        if args.part in (None, 3):
            bench_search_line(Path(tmp), args.events)


if __name__ == "__main__":
    main()
