"""Exporting a large session's Word report, against python-docx doing only the writing.

The session: 12 participants, 500 moments, 2,000 ideas, 5,000 dots in 10 revealed votes
(plus 6,000 ratings, 1,000 expectations, 500 quotes and notes). The baseline writes the
same number of paragraphs and the same tables (rows × columns, same texts) with
python-docx's own API (``add_paragraph``, ``add_table``, ``cell.text``) and saves: what a
straightforward writer costs before it has computed or charted anything.

Run: .venv/bin/python benchmarks/bench_export.py [--moments N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import private_state  # noqa: F401  (before workshop: the run's own user folders)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workshop.core.events import Event  # noqa: E402
from workshop.core.fold import fold  # noqa: E402

SCRIPT = {
    "name": "bench", "title": "Bench", "lang": "en", "dots": 3, "cap": None, "minutes": 120,
    "steps": [{"title": t, "kind": k, "minutes": m, "body": "", "options": {}}
              for t, k, m in [("Welcome", "intro", 5), ("Moments", "moments", 25),
                              ("Expectations", "expectations", 25),
                              ("Excellence", "excellence", 30), ("Vote", "vote", 15),
                              ("Gaps", "gaps", 10), ("Wrap-up", "wrapup", 10)]],
}
WORDS = ("queue checkout parking staff smile price card app delivery waiting shelf fresh "
         "bread help return receipt music light trolley basket offer label cashier door "
         "online review search phone refund butcher fish fruit loyalty points bag").split()
TECHNIQUES = ("random-entry", "provocation", "reversal", "analogy", "scamper", None)


def session_events(moments: int, ideas: int, dots: int, people: int = 12,
                   rounds: int = 10, seed: int = 7) -> list[Event]:
    rng = random.Random(seed)
    start = datetime(2026, 10, 14, 9, 0, tzinfo=UTC)
    clock = iter(range(10**9))
    events: list[Event] = []

    def add(kind: str, **data) -> None:
        n = next(clock)
        at = (start + timedelta(milliseconds=250 * n)).isoformat(timespec="milliseconds")
        events.append(Event(kind, data, at, n + 1))

    def text(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(k)).capitalize()

    add("session_created", title="A long day of focus groups", lang="en", script=SCRIPT,
        client="Greenway Markets", facilitator="Hannah Reid")
    for pid in range(1, people + 1):
        add("participant_added", pid=pid, pseudonym=f"P{pid}", name=f"Person {pid}",
            segment=rng.choice(["families", "students", "retirees", "shift workers"]),
            consent=True)
    add("step_entered", step=1)
    add("timer_started", step=1)
    for mid in range(1, moments + 1):
        add("moment_added", mid=mid, text=text(5), stage=rng.choice(["before", "during", "after"]),
            touchpoint=rng.choice(["direct", "indirect"]), pid=rng.randint(1, people))
    add("step_entered", step=2)
    for xid in range(1, 2 * moments + 1):
        add("expectation_added", xid=xid, mid=rng.randint(1, moments), text=text(8),
            type=rng.choice(["stated", "latent"]), pid=rng.randint(1, people))
    for mid in range(1, moments + 1):
        for pid in range(1, people + 1):
            add("rating_given", mid=mid, pid=pid, value=rng.randint(1, 5))
    for nid in range(1, moments + 1):
        add("note_added", nid=nid, text=text(12), type=rng.choice(["note", "quote"]),
            pid=rng.randint(1, people), mid=rng.randint(1, moments))
    add("step_entered", step=3)
    did = 0
    for iid in range(1, ideas + 1):
        mid = rng.randint(1, moments)
        technique = rng.choice(TECHNIQUES)
        extra = {}
        if technique:
            did += 1
            add("prompt_drawn", did=did, prompt_id=f"{technique}-x", technique=technique,
                text=text(10), mid=mid)
            extra["did"] = did
        add("idea_added", iid=iid, mid=mid, text=text(10), pid=rng.randint(1, people), **extra)
    add("step_entered", step=4)
    per_person = -(-dots // (rounds * people))  # at least `dots` in all
    for rid in range(1, rounds + 1):
        target = "moments" if rid % 2 else "ideas"
        add("vote_opened", rid=rid, target=target, dots=per_person, blind=True, step=4)
        top = moments if target == "moments" else ideas
        for pid in range(1, people + 1):
            for _ in range(per_person):
                add("vote_cast", rid=rid, pid=pid, item=rng.randint(1, top), delta=1)
        add("votes_revealed", rid=rid)
    add("step_entered", step=6)
    for aid in range(1, 51):
        add("action_added", aid=aid, text=text(9), type=rng.choice(["action", "next_step"]),
            mid=rng.randint(1, moments), owner=rng.choice(["Store ops", "Marketing", None]))
    add("session_finished")
    return events


def baseline(paragraphs: list[str], tables: list[list[list[str]]], path: Path,
             clock: Callable[[], float] = time.perf_counter) -> float:
    """python-docx alone: the same paragraphs and table cells, then save; seconds on
    ``clock`` (bench_goals measures CPU time)."""
    from docx import Document

    started = clock()
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    for rows in tables:
        table = doc.add_table(rows=len(rows), cols=len(rows[0]))
        for row, texts in zip(table.rows, rows, strict=True):
            for cell, text in zip(row.cells, texts, strict=True):
                cell.text = text
    doc.save(str(path))
    return clock() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moments", type=int, default=500)
    parser.add_argument("--ideas", type=int, default=2000)
    parser.add_argument("--dots", type=int, default=5000)
    args = parser.parse_args()

    events = session_events(args.moments, args.ideas, args.dots)
    state = fold(events)
    print(f"session: {len(state.participants)} participants, {len(state.moments)} moments, "
          f"{len(state.ideas)} ideas, {sum(state.votes.values())} dots in {len(state.rounds)} "
          f"votes, {len(state.ratings)} ratings, {len(events)} events")

    from docx import Document

    from workshop.report import export

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.docx"
        started = time.perf_counter()
        export(state, out)
        ours = time.perf_counter() - started
        doc = Document(str(out))
        paragraphs = [p.text for p in doc.paragraphs]
        tables = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
        cells = sum(len(rows) * len(rows[0]) for rows in tables)
        size = out.stat().st_size
        theirs = baseline(paragraphs, tables, Path(folder) / "baseline.docx")

        started = time.perf_counter()
        export(state, Path(folder) / "report.md", "md")
        markdown = time.perf_counter() - started

        # The parts of ours: building the content (analysis included), the charts' parts
        # (every chart is Word's own: its XML), and the writing (charts included) and
        # saving, which is what the python-docx baseline does.
        from workshop.report import ipachart, journey_map, wordchart
        from workshop.report.blocks import BarChart, IPAChart
        from workshop.report.docx_writer import DocxWriter
        from workshop.report.model import build_report

        started = time.perf_counter()
        report = build_report(state)
        content = time.perf_counter() - started
        started = time.perf_counter()
        for figure in report.figures():
            if isinstance(figure.chart, BarChart):
                wordchart.chart_xml(figure.chart)
            elif isinstance(figure.chart, IPAChart):
                ipachart.chart_xml(figure.chart)
            else:  # the journey map: its table and its curve's chart
                lay = journey_map.layout(figure.chart)
                journey_map.table_xml(figure.chart, lay)
                journey_map.curve_xml(figure.chart, lay)
        drawing = time.perf_counter() - started
        started = time.perf_counter()
        DocxWriter(report).render().save(Path(folder) / "w.docx")
        writing = time.perf_counter() - started

    print(f"report: {len(paragraphs)} paragraphs, {len(tables)} tables, {cells} cells, "
          f"{len(doc.inline_shapes)} charts, {size / 1e6:.1f} MB")
    print(f"workshop export (docx: analysis, charts, layout, save): {ours:6.2f} s")
    print(f"python-docx alone (same paragraphs and cells, save):   {theirs:6.2f} s")
    print(f"ratio export / python-docx alone: {ours / theirs:.2f}")
    print(f"  of which content and analysis:                       {content:6.2f} s")
    charts = f"{len(report.figures()):2d} charts (Word's own, their XML):"
    print(f"  of which {charts:<44} {drawing:6.2f} s")
    print(f"  of which writing (charts included) and saving:       {writing:6.2f} s")
    print(f"ratio writing alone / python-docx alone: {writing / theirs:.2f}")
    print(f"workshop export --format md (same content):            {markdown:6.2f} s")


if __name__ == "__main__":
    main()
