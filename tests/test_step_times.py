"""How long each step took: its clock where it ran, else the time between step changes.

The core works it out once (``Step.time_taken``); the report, ``workshop show`` and the
run screen's agenda read it from there, so they agree.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from docx import Document
from rich.console import Console

from workshop.core.fold import fold
from workshop.core.state import CHANGES, CLOCK, IDLE_SECONDS, NOT_TIMED
from workshop.core.store import Store
from workshop.core.summary import plain_summary
from workshop.report import export
from workshop.tui.widgets.agenda import Agenda

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
SCRIPT = {
    "name": "timing", "title": "Timing", "lang": "en", "dots": 3, "minutes": 40,
    "steps": [{"title": t, "kind": k, "minutes": m, "body": "", "options": {}}
              for t, k, m in (("Welcome", "intro", 5), ("Moments", "moments", 20),
                              ("Talk", "discussion", 10), ("Close", "discussion", 5))],
}


def at(minutes: float) -> str:
    return (START + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


def session(path, *, clock_on_talk: bool = True) -> Store:
    """Steps changed by F8 only, except the talk, timed by its clock for 6 of its 9
    minutes; a moment typed mid-step; the session left open over lunch on the close."""
    store = Store.create(path, title="Timing", script=SCRIPT, lang="en",
                         participants=[{"pid": 1, "pseudonym": "P1"}], at=at(0))
    r = store.record
    r("step_entered", step=0, at=at(1))
    r("step_entered", step=1, at=at(5))  # the welcome: 4 minutes
    r("moment_added", text="Queue", at=at(12))
    r("moment_added", text="Parking", at=at(20))
    r("entry_deleted", entity="moment", id=2, at=at(21))
    r("undo", target=r("moment_added", text="Oops", at=at(22)).id, at=at(22.5))
    r("step_entered", step=2, at=at(27))  # the moments: 22 minutes
    if clock_on_talk:
        r("timer_started", step=2, at=at(28))
        r("timer_paused", step=2, at=at(34))
    r("step_entered", step=3, at=at(36))  # the talk: 9 minutes by step changes
    r("note_added", type="note", text="Lunch", at=at(38))
    r("note_added", type="note", text="Back after lunch", at=at(38 + 90))  # idle
    r("session_finished", at=at(41 + 90))
    # A finished session still takes the consultant's findings, written the next day.
    r("finding_added", headline="Written the next day", at=at(41 + 24 * 60))
    return store


def test_a_step_without_a_clock_takes_the_time_between_step_changes(tmp_path):
    with session(tmp_path / "s.db") as store:
        state = store.state
        events = store.events
    taken = [st.time_taken(state.last_at) for st in state.steps]
    assert taken == [(4 * 60, CHANGES), (22 * 60, CHANGES), (6 * 60, CLOCK),
                     # 2 minutes, then 90 idle (over an hour: not counted), then 3 more;
                     # nothing after the session finished
                     (5 * 60, CHANGES)]
    assert IDLE_SECONDS == 3600
    # The same from a fresh fold of the file as from the live store, undo and all.
    assert [st.dwell for st in fold(events).steps] == [st.dwell for st in state.steps]
    never = Store.create(tmp_path / "n.db", title="N", script=SCRIPT, lang="en",
                         participants=[], at=at(0))
    with never:
        assert never.state.steps[0].time_taken(at(5)) == (0.0, NOT_TIMED)


def test_report_summary_and_agenda_agree_on_each_steps_minutes(tmp_path):
    path = tmp_path / "s.db"
    session(path).close()
    doc = Document(export(path, tmp_path / "s.docx", "docx"))
    table = next(t for t in doc.tables if t.rows[0].cells[-1].text == "Actual")
    report = [row.cells[-1].text for row in table.rows[1:]]
    assert report == ["≈4", "≈22", "6", "≈5", "≈37"]
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "run in ≈37 minutes" in body
    assert "where a step's clock was not used, its time is the time between step changes" in body
    with Store.open(path, readonly=True) as store:
        state = store.state
    summary = plain_summary(state)
    assert [line.split(" / ")[-1] for line in summary.splitlines()
            if line.startswith("   ") and " / " in line] == ["≈4", "≈22", "6", "≈5"]
    agenda = Agenda()
    agenda.show(state, state.last_at)
    console = Console(width=40, record=True)
    console.print(agenda.content)
    shown = [line.split()[-1] for line in console.export_text().splitlines() if line.strip()]
    assert shown == ["≈4/5", "≈22/20", "6/10", "≈5/5"]
