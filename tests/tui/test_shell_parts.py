"""The run screen's parts that need no terminal, and `workshop run` refusing a locked file."""

from __future__ import annotations

import subprocess
import sys

from workshop.core.analysis import participation
from workshop.core.events import Event
from workshop.core.fold import fold
from workshop.core.kinds.registry import describe
from workshop.core.store import Store
from workshop.tui.steps.discussion import split_note
from workshop.tui.widgets.clock import clock_text, phase

from .session_fixtures import SCRIPT


def state_with(*events):
    start = "2026-01-01T10:00:00+00:00"
    base = [Event("session_created", {"title": "T", "lang": "en", "script": SCRIPT}, start, 1)]
    base += [Event("participant_added", {"pid": i, "pseudonym": f"P{i}", "name": n}, start, i + 1)
             for i, n in enumerate(["Ana", "Luis", "Eva"], start=1)]
    return fold([*base, *(Event(k, d, "2026-01-01T10:01:00+00:00", 10 + i)
                          for i, (k, d) in enumerate(events))])


def test_clock_phases_warn_in_the_last_tenth_or_minute_and_show_overtime():
    assert [phase(s, 600) for s in (0, 539, 540, 599, 600, 900)] == [
        "on", "on", "ending", "ending", "over", "over"]
    assert phase(100, 300) == "on" and phase(241, 300) == "ending"  # never less than a minute
    assert phase(5000, 0) == "on"  # a step with no planned time never runs over
    assert [clock_text(s) for s in (0, 61.9, 3599, 3725)] == ["00:00", "01:01", "59:59", "1:02:05"]


def test_contributions_count_what_was_said_and_flag_the_quiet():
    s = state_with(
        ("moment_added", {"mid": 1, "text": "queue", "pid": 1}),
        ("moment_added", {"mid": 2, "text": "parking", "pid": 1}),
        ("expectation_added", {"xid": 1, "mid": 1, "text": "fast", "type": "stated", "pid": 1}),
        ("rating_given", {"mid": 1, "pid": 2, "value": 2}),
        ("idea_added", {"iid": 1, "mid": 1, "text": "more tills", "pid": 2}),
        ("note_added", {"nid": 1, "text": "laughs", "type": "note", "pid": 1}),
        ("note_added", {"nid": 2, "text": "the group agrees", "type": "note"}),
        ("note_added", {"nid": 3, "text": "always the slow till", "type": "quote", "pid": 1}),
        ("moment_added", {"mid": 3, "text": "the queue", "pid": 3}),
        ("moments_merged", {"mid": 3, "into": 1}),  # a merged duplicate still counts for P3
    )
    shares = participation(s)
    # P2's rating is not something said: it is counted apart.
    assert [(c.spoken, c.ratings) for c in shares] == [(5, 0), (1, 1), (1, 0)]
    assert [c.pid for c in shares if c.quiet] == [2, 3]
    early = participation(state_with(("moment_added", {"mid": 1, "text": "queue", "pid": 2})))
    assert not any(c.quiet for c in early)  # too early to call anyone quiet
    # The sidebar shows what each said, the quiet in yellow, the column named for it.
    from rich.console import Console

    from workshop.i18n import translator
    from workshop.tui.widgets.people import People

    people = People()
    people.show(s, translator("en"))
    console = Console(width=30, record=True, color_system="truecolor")
    console.print(people.content)
    lines = console.export_text().splitlines()
    assert [line.split()[-1] for line in lines if line.strip()] == ["5", "1", "1"]
    yellow = {seg.text.strip() for seg in console.render(people.content)
              if seg.style and seg.style.color and seg.style.color.name == "yellow"}
    assert yellow >= {"Luis", "Eva"} and "Ana" not in yellow


def test_a_note_line_names_its_speaker_and_a_leading_quote_mark_makes_a_quote():
    s = state_with()
    assert split_note("2: prices keep changing", s) == (2, "prices keep changing", "note")
    assert split_note('"3: never again"', s) == (3, "never again", "quote")
    assert split_note('Ana: “I always get lost”', s) == (1, "I always get lost", "quote")
    assert split_note("the room goes quiet", s) == (None, "the room goes quiet", "note")
    assert split_note("9: nobody called 9", s) == (None, "9: nobody called 9", "note")


def test_undo_notices_say_what_went_and_name_people_by_pseudonym():
    s = state_with(("moment_added", {"mid": 1, "text": "queue at the checkout"}))
    rating = Event("rating_given", {"mid": 1, "pid": 1, "value": 4})
    assert describe(rating, s) == "rating 4 by P1 on “queue at the checkout”"
    long = Event("idea_added", {"iid": 1, "mid": 1, "text": "x" * 80})
    assert describe(long, s) == f"idea “{'x' * 49}…”"


def test_workshop_run_refuses_a_session_open_elsewhere_in_one_line(session):
    path = session()
    with Store.open(path):
        out = subprocess.run([sys.executable, "-m", "workshop", "run", str(path)],
                             capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        f"Error: {path} is already open in another window. Close it there first, "
        f"or look at it read-only with: workshop replay {path}"]


async def test_a_dialog_defined_outside_the_screens_package_gets_the_dialog_stylesheet():
    from textual.app import App
    from textual.containers import Vertical
    from textual.widgets import Static

    from workshop.tui.screens.dialog import Dialog

    class Elsewhere(Dialog[None]):  # this test's folder has no dialog.tcss
        def compose(self):
            with Vertical(classes="dialog"):
                yield Static("Hello", classes="dialog-title")

    app = App()
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(Elsewhere())
        await pilot.pause()
        box = app.screen.query_one(".dialog")
        assert box.outer_size.width == 76 and box.region.x == (120 - 76) // 2
