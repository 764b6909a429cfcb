"""The live session shell, driven by keys: what the facilitator sees and what is saved."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from textual.color import Color
from textual.widgets import Checkbox, Input, Select, Static

from waiting import until
from workshop.core.errors import SessionLockedError
from workshop.core.store import Store
from workshop.tui.app import make_app
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.run import RunScreen
from workshop.tui.steps.discussion import DiscussionView
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.run_bar import RunBar

from .screen_fixtures import screen_lines, seen
from .session_fixtures import SCRIPT, ago
from .step_fixtures import new_store, type_text


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def where(app) -> str:
    """What the run screen's top line says of where the session is."""
    return app.screen.query_one(RunBar).where


def clock(app) -> str:
    return app.screen.query_one(RunBar).clock


def clock_background(app) -> str:
    """The colour the top line draws the clock's text on."""
    bar = app.screen.query_one(RunBar)
    drawn = next(s for s in bar.render_line(0) if s.text == bar.clock)
    return Color.from_rich_color(drawn.style.bgcolor).hex


def kinds(path, *wanted):
    with Store.open(path, readonly=True) as store:
        return [(e.kind, e.data) for e in store.events if e.kind in wanted]


async def type_line(pilot, text: str) -> None:
    """Type into the focused field and press Enter (as a paste: quicker than key by key)."""
    pilot.app.focused.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_home_new_session_form_opens_the_run_screen_on_step_1(tmp_path):
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "No sessions here yet" in text_of(app, "#home-empty")
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#new-session-title", Input).value = "Shoppers"
        app.screen.query_one("#new-client", Input).value = "FreshMart"
        app.screen.query_one("#new-people", Input).value = "Ana (families), Luis, P3"
        await pilot.pause()
        app.screen.query_one("#new-consent-all", Checkbox).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert "Step 1 of" in where(app)
        path = app.screen.live.store.path
    with Store.open(path, readonly=True) as store:
        s = store.state
        assert (s.title, s.client, s.current_step) == ("Shoppers", "FreshMart", 0)
        assert [(p.label, p.segment, p.consent) for p in s.participants.values()] == [
            ("Ana", "families", True), ("Luis", None, True), ("P3", None, True)]
        assert s.steps and s.script["steps"]


async def test_choosing_a_language_shows_and_starts_that_languages_script(tmp_path):
    # Español was chosen, the menu kept "Moments of truth (en …)", and nothing said which
    # script Create would start with.
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        script = app.screen.query_one("#new-script", Select)
        assert script.value == "moments-of-truth"
        assert "Starts with: Moments of truth (English, 100 min)" in text_of(
            app, "#new-script-hint")
        await pilot.press("tab", "tab", "tab", "tab")  # client, facilitator, script, language
        await pilot.press("enter", "down", "enter")  # Español
        await pilot.pause()
        assert app.screen.query_one("#new-lang", Select).value == "es"
        assert script.value == "momentos-de-la-verdad"
        assert "Momentos de la verdad (es, 100 min)" in "\n".join(screen_lines(app))
        assert "Starts with: Momentos de la verdad (Español, 100 min)" in text_of(
            app, "#new-script-hint")
        app.screen.query_one("#new-session-title", Input).value = "Compras"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        state = app.screen.live.state
    assert state.lang == "es" and state.script["name"] == "momentos-de-la-verdad"


async def test_a_script_file_without_the_chosen_language_says_which_it_will_use(tmp_path):
    from workshop.core.resources import exercises_dir

    mine = tmp_path / "mine.md"
    mine.write_text((exercises_dir() / "moments-of-truth.md").read_text(encoding="utf-8")
                    .replace("translations: momentos-de-la-verdad\n", ""), encoding="utf-8")
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#new-lang", Select).value = "es"
        app.screen.query_one("#new-script-file", Input).value = str(mine)
        await pilot.pause()
        assert ("Starts with: Moments of truth, in English: it has no version in Español"
                in text_of(app, "#new-script-hint"))


async def test_new_session_form_refuses_a_missing_title_or_script_and_keeps_the_form(tmp_path):
    app = make_app(sessions_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a title" in text_of(app, "#new-error")
        assert app.focused.id == "new-session-title"
        app.focused.value = "Shoppers"
        app.screen.query_one("#new-script-file", Input).value = str(tmp_path / "missing.md")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "There is no such file." in text_of(app, "#new-error")
        assert app.focused.id == "new-script-file"
    assert not list(tmp_path.glob("*.db"))


async def test_next_and_previous_step_are_recorded_and_shown(session):
    path = session()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await until(pilot, lambda: "Step 2 of 3: Warm-up talk" in where(app))
        await until(pilot, lambda: app.screen.query_one(DiscussionView).step.index == 1)
        await pilot.press("f7")
        await until(pilot, lambda: "Step 1 of 3" in where(app))
    # The session opened on its first step; each step entered starts its clock.
    assert [(k, d["step"]) for k, d in kinds(path, "step_entered", "timer_started")] == [
        ("step_entered", 0), ("timer_started", 0), ("step_entered", 1), ("timer_started", 1),
        ("step_entered", 0), ("timer_started", 0)]


async def test_a_steps_clock_starts_as_it_is_entered_unless_clocks_are_manual(session, notices):
    from textual.command import CommandList

    path = session()
    app = make_app(path)

    def clock_is(pattern: str) -> bool:  # a second or two may pass on a loaded machine
        return re.fullmatch(pattern, clock(app)) is not None

    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: clock_is(r"▶ 00:0\d / 05:00"), "the first step's clock")
        await pilot.press("f5", "f8")  # paused, then on: the next step's clock runs
        await until(pilot, lambda: clock_is(r"▶ 00:0\d / 10:00"), "the second step's clock")
        # The palette turns it off for this session: F8 then leaves the clock as it was.
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen.query_one(CommandList), "the palette")
        await pilot.press(*"clocks")

        def found() -> str:
            options = app.screen.query_one(CommandList)
            return str(options.get_option_at_index(0).prompt) if options.option_count else ""

        await until(pilot, lambda: found().startswith("Clocks: start with F5 only"), "the command")
        await pilot.press("enter")
        await until(pilot, lambda: notices and notices[-1] == "Clocks start only with F5.",
                    "the palette's word")
        await pilot.press("f5", "f8")
        await until(pilot, lambda: clock_is(r"⏸ 00:00 / 15:00"), "the third step, not running")
        await pilot.press("f5", "f7")  # running: it goes on running on the step before
        await until(pilot, lambda: clock_is(r"▶ 00:0\d / 10:00"), "the clock carried back")
    with Store.open(path, readonly=True) as store:
        assert store.state.clocks == "manual" and not store.state.auto_clock
    # A script may say so too: then no clock starts by itself.
    manual = session(name="manual.db", script={**SCRIPT, "clocks": "manual"})
    app = make_app(manual)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: clock_is(r"⏸ 00:00 / 05:00"), "the first step, not running")
        await pilot.press("f8")
        await until(pilot, lambda: clock_is(r"⏸ 00:00 / 10:00"), "the second step, not running")
    assert kinds(manual, "timer_started") == []


async def test_timer_start_and_pause_are_recorded_and_the_elapsed_time_shown(session):
    path = session()
    with Store.open(path) as store:  # ran for 2 minutes earlier, now paused
        store.record("timer_started", step=0, at=ago(180))
        store.record("timer_paused", step=0, at=ago(60))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert clock(app) == "⏸ 02:00 / 05:00"
        await pilot.press("f5")
        await pilot.pause()
        assert clock(app).startswith("▶ 02:0")
        await pilot.press("f5")
        await pilot.pause()
        assert clock(app).startswith("⏸ 02:0")
    assert [k for k, _ in kinds(path, "timer_started", "timer_paused")] == [
        "timer_started", "timer_paused", "timer_started", "timer_paused"]


async def test_undo_takes_back_the_last_entry_and_says_what(session, notices):
    path = session()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "2: the car park is always full")
        assert [n.text for n in app.screen.state.notes.values()] == ["the car park is always full"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.state.notes == {}
        assert any("Undone: note “the car park is always full”" in n for n in notices)
        assert not app.screen.query_one(".discussion-notes").display
        app.screen.action_redo()  # from the command palette
        await pilot.pause()
        assert [n.text for n in app.screen.state.notes.values()] == ["the car park is always full"]
        # An entry deleted (x in a list) and brought back: named, not "an entry".
        [nid] = app.screen.state.notes
        app.screen.live.record("entry_deleted", entity="note", id=nid)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [n.text for n in app.screen.state.notes.values()] == ["the car park is always full"]
        assert any("Undone: deletion of “the car park is always full”" in n for n in notices)


async def test_note_and_quote_are_saved_with_the_step_and_the_panels_moment(session, monkeypatch):
    path = session()
    with Store.open(path) as store:
        store.record("moment_added", text="Queue at the checkout")
    # The moments panel (another module) says which moment it is on; any panel may.
    monkeypatch.setattr(DiscussionView, "current_mid", property(lambda self: 1))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert "Queue at the checkout" in text_of(app, ".dialog-context")
        await type_line(pilot, "3: people leave the queue")
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen.query_one("#note-quote", Checkbox).value is True
        await type_line(pilot, "I never know which till is open")
        assert isinstance(app.screen, RunScreen)
    notes = [d for _, d in kinds(path, "note_added")]
    assert notes == [
        {"nid": 1, "text": "people leave the queue", "type": "note", "pid": 3, "mid": 1, "step": 1},
        {"nid": 2, "text": "I never know which till is open", "type": "quote", "mid": 1, "step": 1},
    ]


async def test_resume_returns_to_the_same_step_with_the_timer_intact(session, notices):
    path = session()
    with Store.open(path) as store:
        store.record("step_entered", step=1, at=ago(100))
        store.record("timer_started", step=1, at=ago(90))
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Step 2 of 3" in where(app)
        assert clock(app).startswith("▶ 01:3")
        await pilot.press("ctrl+q")  # quitting pauses the running timer
        await pilot.pause()
    assert not [said for said in notices if "clock" in said]  # it was running: nothing to say
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Step 2 of 3" in where(app)
        assert clock(app).startswith("⏸ 01:3")
        # Paused as the session was closed, and said so, with the key that starts it.
        said = [said for said in notices if "clock" in said]
        assert len(said) == 1 and said[0].startswith("This step's clock is paused at 01:3")
        assert said[0].endswith(": F5 starts it again.")
        await pilot.press("ctrl+q")
    assert kinds(path, "timer_paused")[0][1] == {"step": 1}


async def test_a_second_writer_is_refused_and_offered_a_read_only_view(session):
    path = session()
    with Store.open(path):
        with pytest.raises(SessionLockedError, match="already open in another window"):
            make_app(path)
        app = make_app(sessions_dir=path.parent)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # resume the only session listed
            await pilot.pause()
            assert "already open in another window" in str(app.screen.query_one("Static").render())
            await pilot.press("enter")  # "Open read-only"
            await pilot.pause()
            assert isinstance(app.screen, RunScreen) and app.screen.live.readonly
            assert "read-only" in where(app)
            assert not app.screen.query(".discussion-entry")  # nothing to type into
            footer = [label for _key, label in app.screen.query_one(KeyFooter).shown()]
            assert "Next step" in footer and "Note" not in footer and "Undo" not in footer
            await pilot.press("f2", "f5", "ctrl+z")  # keys that would write do nothing
            await pilot.pause()
            assert isinstance(app.screen, RunScreen)
            # A reader moves through the steps; the state read from the file stays as read.
            store = app.screen.live.store
            await pilot.press("f8")
            await pilot.pause()
            assert "Step 2 of" in where(app)
            assert store.state.current_step == 0 and app.screen.live.state.current_step == 1
    assert kinds(path, "note_added", "timer_started", "step_entered") == []


async def test_the_ui_speaks_the_sessions_language(session):
    path = session(lang="es")
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Paso 1 de 3" in where(app)
        assert app.screen.query_one("#run-people").border_title == "Participantes"
        footer = [label for _key, label in app.screen.query_one(KeyFooter).shown()]
        assert "Ayuda" in footer and "Deshacer" in footer
        await pilot.press("f1")
        await pilot.pause()
        shown = "\n".join(str(s.render()) for s in app.screen.query("#help-keys Static"))
        assert "Paso siguiente" in shown and "En toda la sesión" in shown
        # Keys named as the Spanish messages name them ("Ctrl+P muestra…"), not ^p or del.
        for key in ("F8 / Ctrl+N", "Ctrl+Z", "Supr / x", "Ctrl+P"):
            assert key in shown, key
        assert "^" not in shown and "del /" not in shown


async def test_a_deleted_file_is_noticed_and_a_copy_saves_everything(session, tmp_path):
    path = session()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "before the accident")
        path.unlink()
        app.screen._check_file()
        await pilot.pause()
        assert app.screen.query_one("#run-banner").display
        assert "moved or deleted" in text_of(app, "#run-banner-text")
        await pilot.press("f9")
        await pilot.pause()
        target = tmp_path / "rescued.db"
        await type_line(pilot, str(target))
        assert isinstance(app.screen, RunScreen) and not app.screen.query_one("#run-banner").display
        await type_line(pilot, "after the rescue")
        await pilot.press("ctrl+q")
    assert [d["text"] for _, d in kinds(target, "note_added")] == [
        "before the accident", "after the rescue"]


async def test_the_command_palette_shows_each_commands_key_in_spanish(session):
    # The palette listed "Paso siguiente" and never said F8 does it.
    from textual.command import CommandList

    from workshop.i18n import set_language

    app = make_app(session(lang="es"))
    async with app.run_test(size=(80, 24)) as pilot:
        set_language("es")
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        # One word for the step's clock, the glossary's: the footer said "F5 Tiempo".
        await until(pilot, lambda: " F5 Cronómetro " in screen_lines(app)[-1], "the footer")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: app.screen.query(CommandList)
                    and app.screen.query_one(CommandList).option_count > 10, "the commands")
        options = app.screen.query_one(CommandList)
        names = [str(options.get_option_at_index(i).prompt).split("\n")[0]
                 for i in range(options.option_count)]
        # A command is found by what it does too, after those whose name matches: the
        # script's step 1 asks to record consent, and "consentimiento" found no command.
        await pilot.press(*"consentimiento")

        def found() -> list[str]:
            return [str(options.get_option_at_index(i).prompt).split("\n")[0]
                    for i in range(options.option_count)]

        await until(pilot, lambda: "Participantes…" in found(), "the participants' command")
    set_language("en")
    for shown in ("Paso siguiente  F8", "Pausar el cronómetro  F5",
                  "Deshacer el último cambio  Ctrl+Z",
                  "Añadir una nota  F2", "Hallazgos  Ctrl+F", "Salir  Ctrl+Q"):
        assert shown in names, names
    assert "Rehacer" in names  # no key: the name alone
    assert any(n.startswith("Ir al paso 2: ") and "  " not in n for n in names)


async def test_the_bell_rings_once_when_time_runs_out(session, monkeypatch):
    script = {"name": "x", "title": "X", "lang": "en", "dots": 3,
              "steps": [{"title": "Short", "kind": "discussion", "minutes": 0.05, "body": ""}]}
    path = session(script=script)  # 3 seconds planned
    with Store.open(path) as store:
        store.record("timer_started", step=0, at=ago(60))
    # The screen's clock reads a time the test sets, not the wall clock: a loaded machine
    # that takes a second to start the app must not run the time out before the test looks.
    started = datetime.fromisoformat(store.events[-1].at)
    clock_at = {"seconds": 2.5}
    monkeypatch.setattr("workshop.tui.screens.run.now", lambda: (
        started + timedelta(seconds=clock_at["seconds"])).isoformat(timespec="milliseconds"))
    app = make_app(path)
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(RunBar)
        app.screen._tick()
        assert bar.clock_phase == "ending" and not rings
        # The top line draws the clock on the theme's warning colour, then its error one.
        assert clock_background(app) == Color.parse(app.theme_variables["warning"]).hex
        clock_at["seconds"] = 3.5
        app.screen._tick()
        app.screen._tick()
        assert bar.clock_phase == "over" and rings == [1]
        assert clock_background(app) == Color.parse(app.theme_variables["error"]).hex
        await pilot.pause()
        assert seen(bar)[0].endswith(f" {bar.clock} ") and "over" in bar.clock


async def test_a_disk_error_stays_on_screen_and_keeps_the_line(session, monkeypatch):
    from workshop.core.errors import SaveError

    app = make_app(session())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        store = app.screen.live.store

        def full(*args, **kwargs):
            raise SaveError("Could not save to s.db: the disk is full. Everything recorded "
                            "before is safe; save a copy elsewhere to go on.")

        monkeypatch.setattr(store, "record", full)
        await type_line(pilot, "2: a line typed as the disk fills up")
        assert app.screen.query_one("#run-banner").display
        assert "the disk is full" in text_of(app, "#run-banner-text")
        assert app.focused.value == "2: a line typed as the disk fills up"  # not lost
        await pilot.pause(0.2)
        assert app.screen.query_one("#run-banner").display  # stays until a copy is saved


async def test_notes_of_a_discussion_step_can_be_edited_and_deleted(session):
    path = session()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_line(pilot, "1: the bakery smells good")
        await pilot.press("shift+tab")  # from the entry to the list of notes
        await pilot.press("enter")  # edit the highlighted note
        await pilot.pause()
        await type_line(pilot, "the bakery smells wonderful")
        assert [n.text for n in app.screen.state.notes.values()] == ["the bakery smells wonderful"]
        await pilot.press("shift+tab", "x")
        await pilot.pause()
        assert app.screen.state.notes == {}
    assert [k for k, _ in kinds(path, "note_added", "entry_edited", "entry_deleted")] == [
        "note_added", "entry_edited", "entry_deleted"]


async def test_closing_a_session_returns_home_and_copying_a_summary_works(session, monkeypatch,
                                                                        notices):
    import pyperclip

    def no_clipboard(text):
        raise pyperclip.PyperclipException("no clipboard here")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    path = session()
    app = make_app(sessions_dir=path.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.action_copy_summary()
        await pilot.pause()
        assert "Shoppers" in app.clipboard
        assert any("Sent to the terminal's clipboard" in n for n in notices)
        await pilot.press("f5")
        app.screen.action_close_session()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listing = str(app.screen.query_one("#home-sessions").get_option_at_index(0).prompt)
        assert "Shoppers" in listing and "step 1 of 3: Welcome" in listing
    assert [k for k, _ in kinds(path, "timer_started", "timer_paused")] == [
        "timer_started", "timer_paused"]


async def test_at_80_columns_the_footer_keeps_help_first_and_each_key_apart(tmp_path):
    store = new_store(tmp_path)  # a script that starts with the moments step
    store.record("moment_added", text="Parking")
    store.close()
    app = make_app(store.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab")  # to the list of moments: its keys fill the footer
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert footer.startswith("F1 Help ")  # however many keys the step has
        assert " bda Stage t Touchpoint" in footer  # the group's title apart from the next key
        # Nothing showing through past it: it takes the last column (the padding after
        # it was the column Spanish needed for Ctrl+Z Deshacer); the clock and undo are
        # kept, and the palette's key gives up its label for m Merge.
        assert footer.endswith(" e Edit m Merge F5 Timer ^Z Undo ▏^P")


async def test_escape_in_the_note_dialog_keeps_the_line_for_the_next_f2(session):
    # A quote typed as it was said, then Escape by mistake: nothing saved, and the next
    # F2 opens the dialog with the line and its ticks as they were (it came back empty:
    # what a participant said aloud cannot be asked for again). Empty: nothing kept.
    path = session()
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        said: list[str] = []
        app.notify = lambda message, **kwargs: said.append(str(message))
        await pilot.press("f3")
        await pilot.pause()
        await type_text(pilot, "2: I never know the fees")
        await pilot.press("f2", "escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert said == ["Not saved: F2 opens it again as you left it."]
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#note-text", Input).value == "2: I never know the fees"
        assert app.screen.query_one("#note-quote", Checkbox).value is True
        assert app.screen.query_one("#note-insight", Checkbox).value is True
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f2", "escape", "f2")  # nothing typed: the next one is empty
        await pilot.pause()
        assert app.screen.query_one("#note-text", Input).value == ""
        assert said[1:] == ["Insight saved: it is on the findings screen (^F)."]
    assert [d for _, d in kinds(path, "note_added")] == [
        {"nid": 1, "text": "I never know the fees", "type": "quote", "insight": True, "pid": 2,
         "step": 0}]


async def test_help_lists_every_key_and_the_palette_every_command_and_goes_to_a_step(session):
    """One app, each fact in turn: the palette's step commands say their minutes through
    ngettext ('Go to step 1 … 1 minutes planned' was shown); F1 lists every key of the
    screen and the step, and Escape goes back; the palette lists the tool's commands
    before Quit, and goes to the step typed."""
    from textual.command import CommandList

    steps = [dict(step, minutes=minutes) for step, minutes in zip(SCRIPT["steps"], (1, 1.5, 10),
                                                                  strict=True)]
    path = session(script={**SCRIPT, "steps": steps})
    app = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen), "the run screen")
        planned = [help_ for title, help_, _do in app.screen.palette_commands()
                   if title.startswith("Go to step")]
        assert planned == ["1 minute planned", "1.5 minutes planned", "10 minutes planned"]

        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(str(s.render()) for s in app.screen.query("#help-keys Static"))
        for key, what in [("F8 / ^N", "Next step"), ("F7 / ^R", "Previous step"),
                          ("F5 / ^T", "Timer"), ("^Z", "Undo"), ("F2", "Note"), ("F3", "Quote"),
                          ("F9", "Save a copy as…"), ("^Q", "Quit"), ("^P", "Commands"),
                          ("del / x", "Delete the note")]:
            assert key in shown and what in shown, (key, what)
        # A key the footer leaves out here is not listed either: the session is not
        # finished, so there is nothing to reopen (F1 said "^O Reopen the finished session").
        assert "^O" not in shown and "Reopen" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)

        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        options = app.screen.query_one(CommandList)
        titles = [str(options.get_option_at_index(i).prompt).split("\n")[0].split("  ")[0]
                  for i in range(options.option_count)]  # the name, without its key
        assert titles[0] == "Next step"
        assert titles.index("Close the session") < titles.index("Theme") < titles.index("Quit")
        await pilot.press(*"step 3")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert "Step 3 of 3" in where(app)
    assert [d for _, d in kinds(path, "step_entered")] == [{"step": 0}, {"step": 2}]
