"""Replay and search at scale.

1. A session of 100,000 events (a long multi-group day: moments, expectations, ratings,
   prompts, ideas, blind votes, notes, edits and undos): reading and folding it, against
   reading the same rows with plain sqlite3; then seeking to random points with a
   Timeline, against one full fold.
2. ``workshop search`` over 200 session files.

Run: .venv/bin/python benchmarks/bench_replay.py [--events N] [--files N]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_replay(Path(tmp), args.events)
        bench_search(Path(tmp), args.files)


if __name__ == "__main__":
    main()
