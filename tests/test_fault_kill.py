"""Pull the plug: SIGKILL at random points while a session is being recorded, 50 times.

A child process (forked, so it starts in milliseconds) creates or reopens a session and
records a scripted focus group in a loop (moments, expectations, ratings, ideas, notes,
votes, undo, step changes), writing the id of every event whose ``record()`` returned
to a pipe. The parent kills it either early, after a random share of the time creating
a session takes on this machine now (while the file is created, or a crashed one
recovered), or mid-session, as soon as the child has reported a random number of new
events (read from the pipe: a loaded machine only makes that take longer). The next
child goes on with the same file. After every kill:

- every event whose ``record()`` returned is in the file, and at most one more (the
  one being committed when the signal came);
- the readable tables equal the fold of the events;
- ``PRAGMA integrity_check`` is ok, and the file opens for writing again.

Half the chains checkpoint the WAL every few pages, so kills also land mid-checkpoint
(by default SQLite checkpoints at 1,000 pages, which a test session rarely reaches); in
these, half the changes are recorded the room's way (``sync_later``, flushed by ``sync``
and folded into the file by ``fold_log`` through a connection of its own).
The other half close and reopen the session every few changes, each close writing a
snapshot of the folded state (``core/snapshot.py``), so kills also land while one is
written, and every check opens the file from the snapshot it holds.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from contextlib import closing, nullcontext
from pathlib import Path

from core_fixtures import SCRIPT, file_tables, state_tables
from workshop.core import snapshot
from workshop.core.connection import connect_readonly
from workshop.core.errors import RuleError
from workshop.core.fold import fold
from workshop.core.store import Store

CHAINS = 5
KILLS_PER_CHAIN = 10
PEOPLE = (1, 2, 3)
CREATED = 1 + len(PEOPLE)  # session_created, then one participant_added each
SNAPSHOTS: list[int] = []  # where the snapshots the checks found stop
TEXTS = ["Parking", "Queue at the till", "Café «au lait»", "العربية", "🛒 trolley", "x" * 300]


def _one_change(store: Store, state, rng: random.Random):
    """One change of the scripted session, or None when there is none to make."""
    mids = list(state.moments)
    choice = rng.random()
    if choice < 0.25 or not mids:
        event = store.record("moment_added", text=rng.choice(TEXTS),
                             stage=rng.choice(["before", "during", "after"]))
    elif choice < 0.35:
        event = store.record("expectation_added", mid=rng.choice(mids),
                             text=rng.choice(TEXTS), type=rng.choice(["stated", "latent"]))
    elif choice < 0.45:
        event = store.record("rating_given", mid=rng.choice(mids), pid=rng.randint(1, 3),
                             value=rng.randint(1, 5))
    elif choice < 0.55:
        event = store.record("idea_added", mid=rng.choice(mids), text=rng.choice(TEXTS))
    elif choice < 0.62:
        event = store.record("note_added", type="quote", text=rng.choice(TEXTS),
                             pid=rng.randint(1, 3))
    elif choice < 0.80:
        rounds = [r for r, v in state.rounds.items() if not v.revealed]
        if not rounds:
            event = store.record("vote_opened", target="moments", dots=3, cap=2,
                                 blind=True)
        else:
            event = store.record("vote_cast", rid=rounds[-1], pid=rng.randint(1, 3),
                                 item=rng.choice(mids), delta=rng.choice([1, 1, -1]))
    elif choice < 0.85:
        event = store.record("step_entered", step=rng.randrange(len(SCRIPT["steps"])))
    elif choice < 0.90:
        event = store.undo()
    elif choice < 0.93:
        rounds = [r for r, v in state.rounds.items() if not v.revealed]
        if not rounds:
            return None
        event = store.record("votes_revealed", rid=rounds[-1])
    else:
        event = store.record("moment_edited", mid=rng.choice(mids), text=rng.choice(TEXTS))
    return event


def _record_forever(path: Path, out: int, checkpoint_often: bool, seed: int) -> None:
    """The child: a scripted session that never ends, one id per line on ``out``."""
    rng = random.Random(seed)
    if not checkpoint_often:  # a snapshot on every close, of a state copied every 5 events
        Store.MARK_EVERY, Store.SNAPSHOT_AFTER = 5, 1

    def said(event) -> None:
        os.write(out, f"{event.id}\n".encode())

    if path.exists():
        store = Store.open(path)
    else:
        store = Store.create(path, title="Kill test", script=SCRIPT, lang="en",
                             participants=[{"pid": i, "pseudonym": f"P{i}"} for i in PEOPLE])
        for event in store.events:
            said(event)
    if checkpoint_often:
        store.db.conn.execute("PRAGMA wal_autocheckpoint=8")
        store.LOG_LIMIT = 0  # the room's way folds the log after each change
    state = store.state
    while True:
        room_way = checkpoint_often and rng.random() < 0.5
        if not checkpoint_often and rng.random() < 0.1:
            store.close()
            store = Store.open(path)
            state = store.state
        try:
            with store.sync_later() if room_way else nullcontext():
                event = _one_change(store, state, rng)
        except RuleError:
            continue  # over budget, nothing to undo…: refused, nothing written
        if event is None:
            continue
        if room_way:  # "saved" once flushed; the log folded by another connection
            store.sync()
            store.fold_log()
        said(event)
        state = store.state


def _run_and_kill(path: Path, delay: float, events: int, checkpoint_often: bool,
                  seed: int) -> list[int]:
    """Fork a recording child and SIGKILL it: after ``delay`` s, or once it has reported
    ``events`` ids (when ``events`` > 0). The ids it was given."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            os.close(read)
            _record_forever(path, write, checkpoint_often, seed)
        except BaseException as exc:  # a failure, not a kill: say so to the parent
            os.write(write, f"CRASH {type(exc).__name__}: {exc}\n".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    chunks = []
    if events:
        deadline = time.monotonic() + 120
        while b"".join(chunks).count(b"\n") < events:
            ready, _, _ = select.select([read], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(read, 65536) if ready else b""
            if not chunk:  # the child ended (a crash, said below) or stalled for 2 minutes
                break
            chunks.append(chunk)
    else:
        time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    lines = b"".join(chunks).decode().split()
    assert not any(line.startswith("CRASH") for line in lines), b"".join(chunks).decode()
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return [int(line) for line in lines]


def _check(path: Path, returned: list[int], got: list[int], before: int) -> int:
    """The file after a kill (``got``: ids this run returned, ``before``: the file's last
    id when it started). Returns the file's last event id."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    with Store.open(path) as store:  # a writer: the dead process left no lock behind
        events = store.events
        ids = [e.id for e in events]
        assert set(returned) <= set(ids), sorted(set(returned) - set(ids))
        # At most one more than this run returned (or than the file held before it): the
        # one being committed when the signal came. A session this run created appears
        # whole, with all its creation events, before any of them could be reported.
        floor = max([before, *got, CREATED if before == 0 else 0])
        assert ids[-1] - floor in (0, 1)
        folded = fold(events)
        assert store.state == folded and not folded.skipped
        assert file_tables(path) == state_tables(folded)
    with closing(connect_readonly(path)) as conn:  # a snapshot is the fold up to its event
        kept, upto = snapshot.read(conn), snapshot.upto(conn)
    if upto is not None:
        assert kept == fold(e for e in events if e.id <= upto)
        SNAPSHOTS.append(upto)
    return ids[-1] if ids else 0


def _creation_time(folder: Path) -> float:
    """How long creating a session takes on this machine now (a busy one is slower)."""
    path = folder / f"timing{len(list(folder.iterdir()))}.db"
    started = time.perf_counter()
    Store.create(path, title="Timing", script=SCRIPT, lang="en",
                 participants=[{"pid": i, "pseudonym": f"P{i}"} for i in PEOPLE]).close()
    return time.perf_counter() - started


def test_sigkill_at_random_points_loses_no_returned_event(tmp_path):
    rng = random.Random(20250304)
    timing = tmp_path / "timing"
    timing.mkdir()
    kills = early = 0
    for chain in range(CHAINS):
        path = tmp_path / f"chain{chain}.db"
        returned: list[int] = []
        last = 0
        for kill in range(KILLS_PER_CHAIN):
            # Half the chains start with a kill while their file is being created; the
            # last kill of a chain is mid-session, so that every chain has a file.
            if (kill == 0 and chain % 2 == 0) or (
                    0 < kill < KILLS_PER_CHAIN - 1 and rng.random() < 0.3):
                # While the file is created or recovered: a share of what that takes now
                # (measured again each time: the load of a busy machine changes).
                delay, events = rng.uniform(0, 1.5) * _creation_time(timing), 0
                early += 1
            else:
                delay, events = 0.0, rng.randint(1, 40)
            got = _run_and_kill(path, delay, events, chain % 2 == 1, rng.randrange(1 << 30))
            kills += 1
            if not path.exists():  # killed before the session was created: nothing returned
                assert events == 0
                assert got == [] and sorted(p.name for p in tmp_path.iterdir()
                                            if p.name.startswith(path.name)) == []
                continue
            if events:
                assert len(got) >= events  # the kill came after them, not before
            returned += got
            last = _check(path, returned, got, last)
        assert path.exists()
    assert kills == CHAINS * KILLS_PER_CHAIN and early > 0
    assert SNAPSHOTS  # some kills came after a snapshot was written
