"""record(): how long a facilitator's Enter takes to be safe on disk.

``Store.record`` checks the rules, writes the event and the table rows it changes in one
transaction, and commits with WAL and synchronous=FULL (a committed entry survives a
power cut). The baseline is the physical floor: plain sqlite3 inserting the same event
row into a one-table file with the same settings, one transaction per insert. Both run
in the same folder, interleaved in blocks so that both see the same disk and load.

The session grows as it is measured (moments, expectations, ratings, ideas, quotes and
dots cast, the mix of a real group), so late records pay for a large session too.

Run: .venv/bin/python benchmarks/bench_record.py [--records N]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.core.events import now  # noqa: E402
from workshop.core.store import Store  # noqa: E402

SCRIPT = {
    "name": "bench", "title": "Bench", "lang": "en", "dots": 50, "cap": None, "minutes": 90,
    "steps": [{"title": t, "kind": k, "minutes": 10, "body": "", "options": {}}
              for t, k in [("Welcome", "intro"), ("Moments", "moments"),
                           ("Expectations", "expectations"), ("Excellence", "excellence"),
                           ("Vote", "vote"), ("Wrap-up", "wrapup")]],
}
WORDS = "queue checkout parking staff smile price card app delivery waiting shelf fresh".split()


def _changes(rng: random.Random, store: Store):
    """The next change a group would make: (kind, data)."""
    state = store.state
    mids = list(state.moments)
    pick = rng.random()
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 12))).capitalize()
    if pick < 0.2 or not mids:
        return "moment_added", {"text": text, "pid": rng.randint(1, 8),
                                "stage": rng.choice(["before", "during", "after"])}
    mid = rng.choice(mids)
    if pick < 0.35:
        return "expectation_added", {"mid": mid, "text": text, "type": "stated",
                                     "pid": rng.randint(1, 8)}
    if pick < 0.5:
        return "rating_given", {"mid": mid, "pid": rng.randint(1, 8), "value": rng.randint(1, 5)}
    if pick < 0.65:
        return "idea_added", {"mid": mid, "text": text, "pid": rng.randint(1, 8)}
    if pick < 0.75:
        return "note_added", {"type": "quote", "text": text, "pid": rng.randint(1, 8), "mid": mid}
    pid = rng.randint(1, 8)
    used = state.dots_used(1, pid)
    delta = 1 if used < 50 else -1
    if delta < 0:
        mine = [item for (r, p, item), n in state.votes.items() if r == 1 and p == pid]
        return "vote_cast", {"rid": 1, "pid": pid, "item": rng.choice(mine), "delta": -1}
    return "vote_cast", {"rid": 1, "pid": pid, "item": mid, "delta": 1}


def _floor(folder: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(folder / "floor.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
                 "kind TEXT NOT NULL, data TEXT NOT NULL)")
    return conn


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000)
    args = parser.parse_args()
    rng = random.Random(7)
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix=".bench-", dir=repo) as tmp:
        folder = Path(tmp)  # on the disk sessions live on, not a RAM /tmp
        store = Store.create(folder / "bench.db", title="Bench", script=SCRIPT, lang="en",
                             participants=[{"pid": i, "pseudonym": f"P{i}"} for i in range(1, 9)])
        store.record("vote_opened", target="moments", dots=50, cap=None, blind=True)
        floor = _floor(folder)
        ours: list[float] = []
        base: list[float] = []
        block = 50
        while len(ours) < args.records:
            for _ in range(block):
                kind, data = _changes(rng, store)
                start = time.perf_counter()
                store.record(kind, **data)
                ours.append(time.perf_counter() - start)
            for _ in range(block):
                kind, data = _changes(rng, store)  # the same kind of payload, not recorded
                row = (now(), kind, json.dumps(data, ensure_ascii=False, sort_keys=True))
                start = time.perf_counter()
                floor.execute("BEGIN IMMEDIATE")
                floor.execute("INSERT INTO events (at, kind, data) VALUES (?, ?, ?)", row)
                floor.execute("COMMIT")
                base.append(time.perf_counter() - start)
        events = len(store.events)
        store.close()
        floor.close()

    ms = 1000
    med, p99 = statistics.median(ours) * ms, _percentile(ours, 0.99) * ms
    bmed, bp99 = statistics.median(base) * ms, _percentile(base, 0.99) * ms
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}")
    print(f"record(): {len(ours)} changes into a session growing to {events} events")
    print(f"  record()                      median {med:7.3f} ms   p99 {p99:7.3f} ms")
    print(f"  sqlite3 insert+commit (floor) median {bmed:7.3f} ms   p99 {bp99:7.3f} ms")
    print(f"  ratio to the floor            median {med / bmed:7.2f} ×    p99 {p99 / bp99:7.2f} ×")


if __name__ == "__main__":
    main()
