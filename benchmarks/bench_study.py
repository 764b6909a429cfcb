"""A study of many sessions at scale: build, add, query, match themes.

1. Writes 300 realistic session files (``study_sessions.py``: about 3,300 events each,
   about 1,000,000 in all) and 10 more, and says how long that took next to the build.
2. ``workshop study build`` of the 300, against plain sqlite3 doing the same inserts:
   the same event rows read from the same files and written with the same rows of
   every table the build made (taken from its study), in the same batches.
3. Building again with the 10 new files among the 300 (the folder given again), and
   the 10 alone, against plain sqlite3 inserting their rows.
4. Every canned query, through Datasette's own client (as the team's browser asks it)
   when Datasette is installed, and with plain sqlite3 on the same file.
5. Theme matching on the moments of a quarter, half and all of the sessions: its growth
   (k of time ∝ moments^k), against comparing every moment with every text before it
   (difflib's ratio, what matching did before the trigram index), which must decide
   the same.

Times are CPU time of this process (its threads included), the work done: other jobs on
a shared machine change it far less than wall time, which is printed beside it.

Run: .venv/bin/python benchmarks/bench_study.py [--sessions 300] [--events 3300]
     [--add 10] [--keep DIR] [--budget 30]
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import math
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import study_sessions  # noqa: E402

from workshop.core import study  # noqa: E402
from workshop.core.themes import (  # noqa: E402
    DEFAULT_THRESHOLD,
    NEW,
    SAME,
    SIMILAR,
    Match,
    Matcher,
    normalise,
)

ROWS: list[str] = []


def clocked(fn: Callable[[], object]) -> tuple[float, float, object]:
    """(CPU seconds, wall seconds, what it returned)."""
    cpu, wall = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, out


def say(line: str) -> None:
    ROWS.append(line)
    print(line, flush=True)


def ratio(ours: float, base: float) -> str:
    return f"{ours / base:.1f}×" if base > 0 else "n/a"


# ---- the baseline: plain sqlite3 doing the same inserts -----------------------------------


def _schema(source: Path, dest: Path) -> list[str]:
    """A fresh database with the study's tables and indexes (no rows, no views);
    returns the tables that take rows per session."""
    src = sqlite3.connect(source)
    out = sqlite3.connect(dest)
    for (sql,) in src.execute("SELECT sql FROM sqlite_master WHERE type IN ('table', "
                              "'index') AND sql IS NOT NULL ORDER BY type DESC"):
        out.execute(sql)
    out.commit()
    out.close()
    src.close()
    return [table.name for table in study.PER_SESSION] + ["moment_themes", "themes",
                                                          "sessions"]


def _rows(study_db: Path, tables: list[str], sessions: set[str] | None) -> dict[str, list]:
    """Every row of ``tables`` (of the given sessions only, if named), as tuples."""
    conn = sqlite3.connect(study_db)
    out = {}
    for name in tables:
        rows = conn.execute(f"SELECT * FROM {name}").fetchall()
        if sessions is not None:
            cols = [c[1] for c in conn.execute(f"PRAGMA table_info({name})")]
            if "session_id" in cols:
                i = cols.index("session_id")
                rows = [r for r in rows if r[i] in sessions]
            elif name == "moment_themes":
                rows = [r for r in rows if r[0].split(":")[0] in sessions]
            else:  # themes: the new ones cannot be told apart; all of them, once
                pass
        out[name] = rows
    conn.close()
    return out


def plain_inserts(files: list[Path], dest: Path, rows: dict[str, list]) -> None:
    """Read each file's event rows and insert them, then the tables' rows, committing
    every ``study.BATCH_EVENTS`` events as the build does."""
    conn = sqlite3.connect(dest)
    pending = 0
    conn.execute("BEGIN")
    for path in files:
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        events = src.execute("SELECT id, at, kind, data FROM events ORDER BY id").fetchall()
        src.close()
        uuid = path.stem  # a key per file; the build's is its UUID
        conn.executemany("INSERT INTO events (session_id, event_id, at, kind, data) VALUES "
                         "(?, ?, ?, ?, ?)", [(uuid, *e) for e in events])
        pending += len(events)
        if pending >= study.BATCH_EVENTS:
            conn.commit()
            conn.execute("BEGIN")
            pending = 0
    for name, table in rows.items():
        if table:
            marks = ", ".join("?" * len(table[0]))
            conn.executemany(f"INSERT OR REPLACE INTO {name} VALUES ({marks})", table)
    conn.commit()
    conn.close()


# ---- queries ---------------------------------------------------------------------------------


def datasette_times(path: Path) -> dict[str, tuple[float, float, int]] | None:
    try:
        from workshop.report.study_server import datasette_app
    except ImportError:
        return None
    try:
        ds = datasette_app(path)
    except Exception as exc:  # Datasette not installed: said, not fatal
        print(f"  (Datasette: {exc})")
        return None

    async def ask(name: str) -> int:
        response = await ds.client.get(f"/{path.stem}/{name}.json?_shape=objects")
        assert response.status_code == 200, (name, response.status_code, response.text[:300])
        return len(response.json()["rows"])

    async def each() -> dict[str, tuple[float, float, int]]:
        await ask("recurring_moments")  # Datasette's first request sets itself up
        out: dict[str, tuple[float, float, int]] = {}
        for name in study.QUERIES:
            for _ in range(3):
                cpu, wall = time.process_time(), time.perf_counter()
                n = await ask(name)
                took = (time.process_time() - cpu, time.perf_counter() - wall, n)
                if name not in out or took[0] < out[name][0]:
                    out[name] = took
        return out

    return asyncio.run(each())


def plain_query_times(path: Path) -> dict[str, tuple[float, float, int]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for name, (_, _, sql) in study.QUERIES.items():
        best = None
        for _ in range(3):
            cpu, wall, rows = clocked(lambda sql=sql: conn.execute(sql).fetchall())
            if best is None or cpu < best[0]:
                best = (cpu, wall, len(rows))  # type: ignore[arg-type]
        out[name] = best
    conn.close()
    return out


# ---- theme matching ----------------------------------------------------------------------------


def moment_texts(sessions: int) -> list[str]:
    return [e.data["text"] for seed in range(sessions)
            for e in study_sessions.session_events(seed, 0) if e.kind == "moment_added"]


def match_all(texts: list[str], full_scan: bool) -> list[tuple[int, str]]:
    """Each text's theme and how, new themes numbered in order; ``full_scan`` compares
    each with every text before it, as matching did before the trigram index."""
    matcher = Matcher(DEFAULT_THRESHOLD)
    out, themes = [], 0
    for text in texts:
        found = _scan(matcher, text) if full_scan else matcher.match(text)
        theme, how = found.theme, found.how
        if theme is None:
            themes += 1
            theme = themes
        matcher.add(theme, [text])
        out.append((theme, how))
    return out


def _scan(matcher: Matcher, text: str) -> Match:
    key = normalise(text)
    if key in matcher.texts:
        return Match(matcher.texts[key], SAME, 1.0)
    best, theme = 0.0, None
    seq = difflib.SequenceMatcher(autojunk=False)
    seq.set_seq2(key)
    for other, other_theme in matcher.texts.items():
        seq.set_seq1(other)
        bar = max(best, matcher.threshold)
        if seq.real_quick_ratio() < bar or seq.quick_ratio() < bar:
            continue
        if (r := seq.ratio()) > best:
            best, theme = r, other_theme
    if theme is not None and best >= matcher.threshold:
        return Match(theme, SIMILAR, best)
    return Match(None, NEW, best)


def growth(sizes: list[int], times: list[float]) -> str:
    if len(sizes) < 2 or min(times) <= 0:
        return ""
    k = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
    return f"k = {k:.2f}"


# ---- the run ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--events", type=int, default=3300, help="per session")
    parser.add_argument("--add", type=int, default=10, help="new sessions added after")
    parser.add_argument("--keep", type=Path, help="write the sessions and the study here")
    parser.add_argument("--budget", type=float, default=30,
                        help="seconds the full-scan matching may take at one size")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        run(folder, args)


def run(folder: Path, args: argparse.Namespace) -> None:
    print(f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs",
          flush=True)
    sessions, more = folder / "sessions", folder / "more"
    for old in [*sessions.glob("*.db"), *more.glob("*.db")]:
        old.unlink()
    gen_cpu, gen_wall, files = clocked(
        lambda: study_sessions.write_sessions(sessions, args.sessions, args.events))
    new = study_sessions.write_sessions(more, args.add, args.events, first=args.sessions)
    total = sum(sqlite3.connect(f).execute("SELECT count(*) FROM events").fetchone()[0]
                for f in files)
    say(f"sessions: {len(files)} files, {total:,} events; +{len(new)} to add")

    path = folder / "study.db"
    path.unlink(missing_ok=True)
    cpu, wall, result = clocked(lambda: study.build(path, files))
    assert len(result.added) == len(files), result.skipped[:3]
    tables = _schema(path, folder / "plain.db")
    rows = _rows(path, tables, None)
    (folder / "plain.db").unlink()
    _schema(path, folder / "plain.db")
    base_cpu, base_wall, _ = clocked(lambda: plain_inserts(files, folder / "plain.db", rows))
    say(f"build {len(files)} sessions: {cpu:.1f} s CPU ({wall:.1f} s wall) vs plain sqlite3 "
        f"inserting the same rows {base_cpu:.1f} s ({base_wall:.1f} s): {ratio(cpu, base_cpu)}"
        f"  [goal: under a minute]")
    say(f"writing the {len(files)} session files: {gen_cpu:.1f} s CPU ({gen_wall:.1f} s wall),"
        f" {ratio(gen_cpu, cpu)} the build's  [goal: no longer than the build]")

    snapshot = folder / "study-300.db"
    snapshot.write_bytes(path.read_bytes())
    cpu, wall, result = clocked(lambda: study.build(path, sorted(files + new)))
    assert len(result.added) == len(new) and len(result.unchanged) == len(files)
    uuids = {r[0] for r in sqlite3.connect(path).execute(
        "SELECT session_id FROM sessions ORDER BY merged_at DESC LIMIT ?", [len(new)])}
    rows_new = _rows(path, tables, uuids)
    base_cpu, base_wall, _ = clocked(lambda: plain_inserts(new, folder / "plain.db", rows_new))
    say(f"build again, the folder with {len(new)} new files among {len(files) + len(new)}: "
        f"{cpu:.2f} s CPU ({wall:.2f} s wall) vs plain sqlite3 inserting the new rows "
        f"{base_cpu:.2f} s: {ratio(cpu, base_cpu)}  [goal: seconds]")
    again = folder / "study-again.db"
    again.write_bytes(snapshot.read_bytes())
    cpu, wall, result = clocked(lambda: study.build(again, new))
    say(f"build again, the {len(new)} new files alone: {cpu:.2f} s CPU ({wall:.2f} s wall) vs "
        f"{base_cpu:.2f} s: {ratio(cpu, base_cpu)}")
    for extra in (snapshot, again, folder / "plain.db"):
        extra.unlink()

    plain = plain_query_times(path)
    served = datasette_times(path)
    for name, (cpu, wall, n) in plain.items():
        if served:
            s_cpu, s_wall, s_n = served[name]
            say(f"query {name} ({n:,} rows; Datasette shows {s_n:,}): Datasette {s_cpu:.2f} s "
                f"CPU ({s_wall:.2f} s wall) vs plain sqlite3 {cpu:.2f} s ({wall:.2f} s): "
                f"{ratio(s_cpu, cpu)}  [goal: under a second]")
        else:
            say(f"query {name} ({n:,} rows): plain sqlite3 {cpu:.2f} s CPU ({wall:.2f} s "
                "wall); Datasette not installed  [goal: under a second]")

    sizes = sorted({max(1, args.sessions // 4), max(1, args.sessions // 2), args.sessions})
    ours, scans, counts = [], [], []
    for size in sizes:
        texts = moment_texts(size)
        counts.append(len(texts))
        cpu, _, decided = clocked(lambda texts=texts: match_all(texts, full_scan=False))
        ours.append(cpu)
        line = f"theme matching, {len(texts):,} moments of {size} sessions: {cpu:.2f} s CPU"
        if not scans or scans[-1] * (len(texts) / counts[-2]) ** 2 < args.budget:
            scan_cpu, _, scanned = clocked(lambda texts=texts: match_all(texts, full_scan=True))
            scans.append(scan_cpu)
            same = sum(a == b for a, b in zip(decided, scanned, strict=True))  # type: ignore
            line += (f" vs every text compared {scan_cpu:.2f} s: {ratio(cpu, scan_cpu)}; "
                     f"{same:,} of {len(texts):,} decided the same")
        say(line)
    say(f"theme matching growth: {growth(counts, ours)} (every text compared: "
        f"{growth(counts[:len(scans)], scans)})")
    print("\n".join(["", "summary:", *ROWS]))


if __name__ == "__main__":
    main()
