"""Whatever the room says is typed as it is, and shown as it is: text that looks like
markup, format strings, right-to-left text, emoji, very long entries. Typed into every
field of every screen; no exception, and each shows literally where it is listed.

One app run per screen, the strings entered in turn, to keep the suite quick."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from rich.table import Table
from textual import events
from textual.widgets import Input, OptionList, Select, SelectionList, Static

from waiting import replay_ready, until
from workshop.core.safetext import visible
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.replay import make_replay_app
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.new_session import NewSessionScreen
from workshop.tui.screens.run import RunScreen
from workshop.tui.widgets.rows import Rows

from .burst_fixtures import key_name
from .step_fixtures import type_text

LONG = "a long entry " * 769 + "the end"  # 10,004 characters
TYPED = [
    "[bold red]Queue[/]",
    "[/]",
    "[link=https://example.com]click[/link]",
    "[@click=app.quit]x[/]",
    "{0} %s {name}",
    "abc \u202edcba\u202c end",  # a right-to-left override
    "👩\u200d👩\u200d👧 family",  # an emoji joined by ZWJ
    "مرحبا بكم في المتجر",  # Arabic
    LONG,
]
SIZE = (100, 30)


async def enter(pilot, text: str, field: Input | None = None, *, keys: bool = False) -> None:
    """Put ``text`` in the focused field (or ``field``), replacing what it held: key by key
    with ``keys`` ("[", "/", "]" as keys, in one field of each screen), else as a paste,
    as from another program (Pilot's press cannot send a bidi override or a ZWJ: see
    `as_a_terminal_sends` for those, typed).
    What the field holds is the same either way; a paste keeps the test quick."""
    field = field or pilot.app.focused
    assert isinstance(field, Input), pilot.app.focused
    field.focus()
    field.value = ""
    if keys:
        await type_text(pilot, text)
    else:
        field.post_message(events.Paste(text))
    await pilot.pause()
    assert field.value == text


async def paste_into(pilot, *pairs: tuple[Input, str]) -> None:
    """Several fields at once, each its own paste, then one pause (fewer frames)."""
    for field, text in pairs:
        field.value = ""
        field.post_message(events.Paste(text))
    await pilot.pause()
    assert [field.value for field, _ in pairs] == [text for _, text in pairs]


def shown(widget) -> str:
    """The plain text a widget holds to draw (before a narrow cell cuts it)."""
    if isinstance(widget, Static) and isinstance(widget.content, (Table, Rows)):  # the lists
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(widget.content)
        return console.export_text()
    if isinstance(widget, Static):
        return str(widget.render())
    if isinstance(widget, OptionList):
        return "\n".join(str(widget.get_option_at_index(i).prompt)
                         for i in range(widget.option_count))
    return widget.text.plain  # a TextView


def cells(table, column: str) -> list[str]:
    return [table.get_cell(row.key, column).plain for row in table.ordered_rows]


def titled(path: Path, title: str, people: list[str] | None = None) -> Path:
    names = [{"pid": i, "pseudonym": f"P{i}", "name": n} for i, n in enumerate(people or [], 1)]
    from terminal_fixtures import SCRIPT

    Store.create(path, title=title, script=SCRIPT, lang="en", participants=names).close()
    return path


async def test_the_home_screen_and_the_new_session_form(tmp_path, notices):
    for i, text in enumerate(TYPED[:5]):
        titled(tmp_path / f"s{i}.db", text)
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listing = shown(app.screen.query_one(OptionList))
        assert all(text in listing for text in TYPED[:5])
        # The palette's search field: each string, and "Resume: <title>" as it is.
        await pilot.press("ctrl+p")
        await pilot.pause()
        for text in TYPED:
            await enter(pilot, text, keys=text == TYPED[0])
        await enter(pilot, "resume")
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        fields = [form.query_one(selector, Input) for selector in (
            "#new-session-title", "#new-client", "#new-facilitator", "#new-script-file")]
        people = form.query_one("#new-people", Input)
        consent = form.query_one(SelectionList)
        for text in TYPED:
            # Participants: "Ana [/]" froze the app; the consent list shows each name.
            await paste_into(pilot, *[(field, text) for field in fields],
                             (people, f"Ana {text}, Luis"))
            assert str(consent.get_option_at_index(0).prompt) == f"1. Ana {visible(text)}"
        await enter(pilot, TYPED[0], fields[0], keys=True)  # key by key, too
        await enter(pilot, f"Ana {TYPED[1]}", people, keys=True)
        assert str(consent.get_option_at_index(0).prompt) == f"1. Ana {TYPED[1]}"
        # A script file that does not exist: the message names it as typed.
        await enter(pilot, "[b]no such[/].md", form.query_one("#new-script-file", Input))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[b]no such[/].md" in shown(form.query_one("#new-error", Static))
        assert any("[b]no such[/].md" in said for said in notices)
        form.query_one("#new-script-file", Input).value = ""
        await enter(pilot, "[bold red]Queue[/]", form.query_one("#new-session-title", Input))
        await enter(pilot, "Ana [/], [@click=app.quit]x[/] (segment [i])",
                    form.query_one("#new-people", Input))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert "· [bold red]Queue[/]" in app.screen.query_one("#run-bar").where
        people = shown(app.screen.query_one("#run-people"))
        assert "Ana [/]" in people and "[@click=app.quit]x[/] (segment [i])" in people
        await pilot.press("ctrl+q")  # the app still answers
        await pilot.pause()
    assert app.return_code == 0


NAMES = ["Ana [/]", "[bold red]Luis[/]", "{name} %s"]


def run_screen_session(tmp_path, moments: tuple[str, ...] = ()):
    """The run screen on a session whose title, step titles and names look like markup;
    ``moments`` already recorded (for the steps that work on moments)."""
    from terminal_fixtures import SCRIPT

    people = [{"pid": i, "pseudonym": f"P{i}", "name": n} for i, n in enumerate(NAMES, 1)]
    script = {**SCRIPT, "steps": [{**s, "title": f"{s['title']} [/]"} for s in SCRIPT["steps"]]}
    path = tmp_path / "s.db"
    with Store.create(path, title="Shop [/]", script=script, lang="en",
                      participants=people) as store:
        for text in moments:
            store.record("moment_added", text=text, pid=1)
    return make_app(path, sessions_dir=tmp_path)


# The run screen's fields, one test per group of steps (they run side by side).
async def test_the_run_screen_notes_moments_vote_and_gaps(tmp_path, notices):
    app = run_screen_session(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        run = app.screen
        assert "Step 1 of 7: Welcome [/]" in run.query_one("#run-bar").where

        # Welcome: notes typed in the step's own field.
        for text in TYPED:
            await enter(pilot, text, run.query_one(".discussion-entry", Input),
                        keys=text == TYPED[0])
            await pilot.press("enter")
        notes = shown(run.query_one(".discussion-notes", OptionList))
        assert all(visible(text) in notes for text in TYPED)
        # A smaller window keeps the latest note in sight (the list kept its place, and
        # the latest note went out of sight below it).
        await enter(pilot, "the latest note", run.query_one(".discussion-entry", Input))
        await pilot.press("enter")
        listing = run.query_one(".discussion-notes", OptionList)
        await until(pilot, lambda: listing.option_count == len(TYPED) + 1, "the latest note")
        await pilot.resize_terminal(70, 24)
        await until(pilot, lambda: listing.size.width < SIZE[0] - 30, "the narrower list")
        await pilot.pause()
        assert 0 < listing.max_scroll_y == listing.scroll_y, "the latest note in sight"
        await pilot.resize_terminal(*SIZE)
        await until(pilot, lambda: app.screen.size == SIZE, "the window as it was")

        # Moments: each is a row, whole.
        run.go_to(1)
        await pilot.pause()
        await pilot.pause()
        for text in TYPED:
            await enter(pilot, text, run.query_one("#entry", Input), keys=text == TYPED[3])
            await pilot.press("enter")
        table = run.query_one("#moments")
        assert cells(table, "text") == [" ".join(visible(text).split()) for text in TYPED]
        # Merging into a moment whose text is a closing tag crashed the live screen.
        await enter(pilot, "closing tag alone [/]", run.query_one("#entry", Input))
        await pilot.press("enter")
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("m")  # mark "[bold red]Queue[/]"
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("m")  # merge it into "closing tag alone [/]"
        await pilot.pause()
        assert "Merged into “closing tag alone [/]”." in notices
        await pilot.press("e")  # its text back in the field, as it is
        await pilot.pause()
        assert run.query_one("#entry", Input).value == "closing tag alone [/]"
        await pilot.press("escape")

        # Vote: items and the people's names; revealing asks, naming who has dots left.
        run.go_to(4)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("shift+tab", "plus", "r")  # the voters' row, from the dots field
        await pilot.pause()
        assert "Ana [/], [bold red]Luis[/], {name} %s" in str(
            app.screen.query_one(Static).render())
        await pilot.press("escape")
        await pilot.pause()

        # Gaps: the moments' table.
        run.go_to(5)
        await pilot.pause()
        await pilot.pause()
        assert "closing tag alone [/]" in cells(run.query_one("#gaps"), "text")


async def test_the_run_screen_expectations_and_ideas(tmp_path):
    app = run_screen_session(tmp_path, moments=(TYPED[0],))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        run = app.screen
        # Expectations: stated and latent.
        run.go_to(2)
        await pilot.pause()
        await pilot.pause()
        for text in TYPED:
            for selector in ("#stated", "#latent"):
                run.query_one(selector, Input).focus()
                await paste_into(pilot, (run.query_one(selector, Input), text))
                await pilot.press("enter")
        said = shown(run.query_one("#said-text"))
        assert all(said.count(" ".join(visible(text).split())) >= 2 for text in TYPED[1:])

        # Excellence: ideas, and a card drawn for a moment whose words look like markup.
        run.go_to(3)
        await pilot.pause()
        await pilot.pause()
        for text in TYPED:
            await enter(pilot, text, run.query_one("#idea", Input))
            await pilot.press("enter")
        ideas = shown(run.query_one("#ideas-text"))
        assert all(" ".join(visible(text).split()) in ideas for text in TYPED)


async def test_the_run_screen_note_dialog_and_wrap_up(tmp_path, notices):
    app = run_screen_session(tmp_path, moments=(TYPED[0],))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        run = app.screen
        # The note / quote dialog (F2), from any step: each string in its field (the
        # dialog reads it as it changes, to say who said it), then one saved.
        run.go_to(5)
        await pilot.pause()
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        for text in TYPED:
            await enter(pilot, f"1: {text}", keys=text == TYPED[4])
            assert str(dialog.query_one("#note-who", Static).render()) == "Said by: Ana [/]"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        saved = list(run.live.state.notes.values())[-1]
        assert (saved.text, saved.pid) == (LONG, 1)
        assert notices[-1] == "Note saved."

        # Wrap-up: an action, a next step, an owner.
        run.go_to(6)
        await pilot.pause()
        await pilot.pause()
        # (In the wrap-up's panel: the panels of other steps, kept hidden or made ahead,
        # share ids with it: the moments step's "#next" is its line above the field.)
        owner, action, next_step = (run._panel.query_one(f"#{name}", Input)
                                    for name in ("owner", "action", "next"))
        for text in TYPED:
            await paste_into(pilot, (owner, text), (action, text), (next_step, text))
            action.focus()
            await pilot.press("enter")
            next_step.focus()
            await pilot.press("enter")
        actions = run.query_one("#actions")
        assert cells(actions, "text").count(" ".join(visible(LONG).split())) == 2
        assert " ".join(visible(TYPED[3]).split()) in cells(actions, "owner")


async def test_the_run_screen_export_copy_and_palette(tmp_path, notices):
    app = run_screen_session(tmp_path, moments=(TYPED[0],))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        run = app.screen
        run.go_to(6)  # wrap-up, where the session's outputs are
        await pilot.pause()
        await pilot.pause()
        # The export dialog: a path holding "[/]" crashed the screen after "Written:".
        folder = tmp_path / "[bold red]Queue["  # "[/]" in a path: "/" parts it
        folder.mkdir()
        await pilot.press("f6")
        await pilot.pause()
        await enter(pilot, f"{folder}/]report.md", app.screen.query_one("#export-path", Input))
        for text in TYPED:  # every string in the path field first
            await enter(pilot, text, app.screen.query_one("#export-path", Input))
        await enter(pilot, f"{folder}/]report.md", app.screen.query_one("#export-path", Input))
        app.screen.query_one("#export-format").query_one("RadioButton").value = True
        await pilot.press("ctrl+s")
        # The form says where the file went once its writer has ended: wait for that, not
        # a number of pauses.
        form = app.screen
        status = form.query_one("#export-status")
        await until(pilot, lambda: "Written:" in str(status.render()), "the export")
        assert str(status.render()).endswith("[bold red]Queue[/]report.md")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the form to close")
        written = [said for said in notices if said.startswith("Written:")]
        assert written and written[-1].endswith("[bold red]Queue[/]report.md")

        # Save a copy as… (F9): the path as typed, and the notice naming it.
        await pilot.press("f9")
        await pilot.pause()
        for text in TYPED[:5]:
            await enter(pilot, text, app.screen.query_one("#copy-path", Input))
        await enter(pilot, f"{folder}/]copy", app.screen.query_one("#copy-path", Input))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert run.live.store.path == folder.parent / "[bold red]Queue[" / "]copy.db"
        assert any(said.startswith("Saving into") and "Queue[/]copy.db" in said
                   for said in notices)

        # The command palette's search field, on this screen too.
        await pilot.press("ctrl+p")
        await pilot.pause()
        for text in TYPED:
            await enter(pilot, text)
        await enter(pilot, "welcome [/")  # "Go to step 1: Welcome [/]"
        await pilot.press("escape")
        await pilot.pause()
        run.end_session()


async def test_the_replay_filters(tmp_path):
    path = tmp_path / "s.db"
    from terminal_fixtures import SCRIPT

    people = [{"pid": 1, "pseudonym": "P1", "name": "Ana [/]"}]
    with Store.create(path, title="Shop [/]", script=SCRIPT, lang="en",
                      participants=people) as store:
        store.record("step_entered", step=1)
        for text in TYPED:
            store.record("moment_added", text=text, pid=1)
    app = make_replay_app(path, names=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await replay_ready(pilot)
        # The "All moments" filter: open it, type to search, choose "[/]".
        moments = screen.query_one("#filter-mid", Select)
        moments.focus()
        await pilot.press("enter")
        await pilot.pause()
        for text in TYPED[:5]:
            await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in text])
            await pilot.pause()
        await pilot.press("home", "down", "down", "enter")  # past the prompt and the first
        await pilot.pause()
        assert moments.value == 2
        assert "2 · [/]" in str(moments.query_one("SelectCurrent Static").render())
        screen.set_filter(pid=1)
        await pilot.pause()
        contributions = str(screen.query_one("#replay-contrib-text", Static).render())
        assert contributions.startswith("Ana [/]: ")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0



def as_a_terminal_sends(text: str) -> list[events.Key]:
    """The key events Textual's terminal parser makes of typed text, then Enter (Pilot's
    own press cannot send many of these characters: it looks them up by name)."""
    return [events.Key(key_name(ch), ch) for ch in text] + [
        events.Key("enter", "\r")]


async def test_characters_python_does_not_call_printable_are_typed_as_they_are(tmp_path):
    """Key by key, as a terminal sends what a keyboard or an emoji picker types. Textual's
    Input takes only what Python calls printable, and dropped each of these without a
    word: a no-break space, the joiner of an emoji, the non-joiner of a Persian word, a
    right-to-left mark, an emoji newer than Python's Unicode tables, a bidi override."""
    typed = ["10\u00a0€ with a no-break space", "👩\u200d👧 joined", "می\u200cخواهم",
             "a new emoji \U0001fae8", "\u200fmarked", "abc \u202edcba\u202c end"]
    path = titled(tmp_path / "s.db", "Typed")
    app = make_app(path, sessions_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        run = app.screen
        run.go_to(1)
        await pilot.pause()
        await pilot.pause()
        table = run.query_one("#moments")
        for key in [key for text in typed for key in as_a_terminal_sends(text)]:
            app.post_message(key)
        for _ in range(200):  # each key is taken in turn: wait for the last Enter's row
            if table.row_count == len(typed):
                break
            await pilot.pause()
        assert cells(table, "text") == [" ".join(visible(text).split()) for text in typed]
    with Store.open(path, readonly=True) as store:
        assert [m.text for m in store.state.moments.values()] == typed
