"""The replay screen: a past session on a timeline, read-only, with the live panels."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.widgets import DataTable, Static

from replay_fixtures import record_session
from waiting import replay_ready, until
from workshop.core.timeline import Timeline, load_events
from workshop.tui.replay import ReplayScreen, Scrubber, make_replay_app
from workshop.tui.widgets.footer import KeyFooter

SIZE = (120, 40)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    path = tmp_path_factory.mktemp("replay-tui") / "s.db"
    record_session(path)
    return path


def text_of(widget) -> str:
    """What a Static shows, as plain text (tables included)."""
    console = Console(width=widget.size.width or 120, record=True, file=open("/dev/null", "w"))
    console.print(widget.content)
    return console.export_text()


def status(screen) -> str:
    return text_of(screen.query_one("#replay-status", Static))


def panel_rows(screen) -> list[str]:
    table = screen._panel.query_one(DataTable)
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def footer_text(footer: KeyFooter) -> str:
    """The keys and labels the footer shows."""
    return " ".join(f"{key} {label}" for key, label in footer.shown())


async def started(pilot) -> ReplayScreen:
    """The replay screen once its timeline is read (a worker, which a loaded machine may
    not even have started when the test first looks)."""
    return await replay_ready(pilot)


async def test_opens_at_the_start_of_the_session_read_only(session):
    import gc

    from workshop.tui.room import FULL_COLLECTION_EVERY

    before = gc.get_threshold()
    app = make_replay_app(session, timeline=Timeline(load_events(session)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        assert screen.position == screen.timeline.start_position == 6
        # The timeline lives as long as the screen: out of the full collections' way
        # (on a 100,000-event session one took about 150 ms of a letter typed into the
        # search), and its words indexed ahead of the first search.
        assert gc.get_freeze_count() > 1000
        assert gc.get_threshold()[2] == max(before[2], FULL_COLLECTION_EVERY)
        await app.workers.wait_for_complete()
        assert screen.timeline._texts is not None
        assert "00:00:00 / 00:44:00" in status(screen) and "event 6 of 44" in status(screen)
        where = text_of(screen.query_one("#replay-where", Static))
        assert "Replay" in where and "Step 1 of 7: Welcome" in where
        # Pseudonyms by default: the participants list shows no names.
        people = text_of(screen.query_one("#replay-people"))
        assert "P1" in people and "Ana" not in people and "Luis" not in people
        # Nothing can be changed: a panel's own key only says so.
        await pilot.press("ctrl+end")
        assert screen.position == 44
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert gc.get_threshold() == before


async def test_play_and_pause(session):
    now = [1000.0]
    app = make_replay_app(session, timeline=Timeline(load_events(session)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        screen.clock = lambda: now[0]
        await pilot.press("2")
        assert screen.speed == 10
        await pilot.press("3")
        assert screen.speed == 60
        await pilot.press("space")
        assert screen.playing and "▶ 60×" in status(screen)
        now[0] += 20.0  # 20 s of real time at 60×: 20 minutes of the session
        await screen.tick()
        await pilot.pause()
        assert screen.position == screen.timeline.position_at_time(20 * 60)
        assert screen.live.state.current_step == 3  # Excellence began at minute 19 after start
        assert type(screen._panel).__name__ == "ExcellenceView"
        assert "00:20:00" in status(screen)
        await pilot.press("space")
        assert not screen.playing and "⏸ 60×" in status(screen)
        held = screen.position
        now[0] += 30.0
        await screen.tick()
        assert screen.position == held
        # Played to the end, it stops there.
        await pilot.press("space")
        now[0] += 3600.0
        await screen.tick()
        await pilot.pause()
        assert not screen.playing and screen.position == len(screen.timeline)
        assert screen.live.state.finished


async def test_step_back_over_an_undo_brings_the_entry_back(session):
    timeline = Timeline(load_events(session))
    typo = next(e for e in timeline.events if e.data.get("text") == "Cheking out (typo)")
    undo = next(e for e in timeline.events if e.kind == "undo" and e.data["target"] == typo.id)
    app = make_replay_app(session, timeline=timeline)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await screen.show_position(timeline.position_of_event(undo.id))
        await pilot.pause()
        assert type(screen._panel).__name__ == "MomentsView"
        assert not any("Cheking out" in row for row in panel_rows(screen))
        await pilot.press("comma")
        await pilot.pause()
        assert screen.position == timeline.position_of_event(typo.id)
        assert any("Cheking out (typo)" in row for row in panel_rows(screen))
        [current] = [line for line in text_of(screen.query_one("#replay-events")).splitlines()
                     if line.startswith("▶")]
        assert current.split()[:2] == ["▶", "00:10:00"] and "moment “Cheking out (typo)”" in current
        await pilot.press("full_stop")
        await pilot.pause()
        assert not any("Cheking out" in row for row in panel_rows(screen))
        assert "undo of moment “Cheking out (typo)”" in text_of(screen.query_one("#replay-events"))


async def test_jump_to_a_step(session):
    timeline = Timeline(load_events(session))
    app = make_replay_app(session, timeline=timeline)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.position == timeline.step_start(1)
        assert type(screen._panel).__name__ == "MomentsView" and panel_rows(screen) == []
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.live.state.current_step == 4
        assert type(screen._panel).__name__ == "VoteView"
        # Back to any step by the agenda (a click there asks for the step).
        await screen.go_to_step(2)
        await pilot.pause()
        assert screen.position == timeline.step_start(2)
        assert screen.live.state.current_step == 2
        assert len(screen.live.state.expectations) == 0 and len(screen.live.state.moments) == 3
        # "[" goes to this step's start, then to the one before.
        await pilot.press("full_stop", "full_stop", "left_square_bracket")
        assert screen.position == timeline.step_start(2)
        await pilot.press("left_square_bracket")
        assert screen.position == timeline.step_start(1)
        # Back before the file was even created: an empty board, no panel.
        await screen.show_position(0)
        await pilot.pause()
        assert screen._panel is None and not screen.query(".step-panel")
        await pilot.press("full_stop")
        assert screen.position == 1 and type(screen._panel).__name__ == "DiscussionView"


async def test_filter_by_participant_moment_and_kind(session, notices):
    timeline = Timeline(load_events(session))
    app = make_replay_app(session, timeline=timeline)
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        screen.set_filter(pid=2)
        await pilot.pause()
        p2 = [i.position for i in timeline.filter(pid=2)]
        assert "9 events match the filters" in status(screen)
        assert len(screen.query_one(Scrubber).ticks) == 9
        contributions = text_of(screen.query_one("#replay-contrib-text"))
        assert "P2: 0 of 6 contributions so far" in contributions
        await pilot.press("full_stop")  # the next event by P2
        await pilot.pause()
        assert screen.position == next(p for p in p2 if p > timeline.start_position)
        assert screen.live.state.moments[4].pid == 2  # "Waiting in line", raised by P2
        assert "P2: 1 of 6" in text_of(screen.query_one("#replay-contrib-text"))
        events = text_of(screen.query_one("#replay-events"))
        [current] = [line.split() for line in events.splitlines() if line.startswith("▶")]
        assert current == ["▶", "00:08:00", "P2", "moment", "“Waiting", "in", "line”"]
        # Moment and kind together: the ratings of the checkout moment.
        screen.set_filter(pid=None, mid=2, category="rating")
        await pilot.pause()
        assert "2 events match the filters" in status(screen)
        assert not screen.query_one("#replay-contrib").display
        await pilot.press("full_stop")
        await pilot.pause()
        state = screen.live.state
        assert list(state.ratings) == [(2, 1)] and state.current_step == 2
        await pilot.press("full_stop", "full_stop")  # the second; then there is no third
        assert list(screen.live.state.ratings) == [(2, 1), (2, 2)]
        assert notices[-1] == "No more events this way."
        assert "rating 3 by P2" in text_of(screen.query_one("#replay-events"))
        await search_the_text(pilot, screen, notices)


def matched(screen) -> list[str]:
    """The words marked as a search's matches in the list of events."""
    from workshop.tui.replay import MATCH

    grid = screen.query_one("#replay-events").content
    return [said.plain[span.start:span.end] for said in grid.columns[3]._cells
            for span in said.spans if span.style == MATCH]


def assert_drawn_as_rendered(scrubber: Scrubber) -> None:
    """The scrubber draws each line apart and keeps it until what it shows changes: the
    lines are those Textual draws from its ``render``, ticks included."""
    from textual.visual import Visual, visualize

    width, height = scrubber.size
    assert height == 3 and scrubber.ticks
    whole = Visual.to_strips(scrubber, visualize(scrubber, scrubber.render()), width, height,
                             scrubber.visual_style)
    assert [scrubber.render_line(y) for y in range(height)] == whole
    assert [scrubber.render_line(y) for y in range(height)] == whole  # as kept


async def search_the_text(pilot, screen, notices):
    """"/" opens a search line: the events whose entry text matches, by `workshop
    search`'s rules; Enter, n and N go from match to match; Escape closes it."""
    from textual.widgets import Input

    from workshop.core.search import parse_query
    from workshop.tui.screens.help import sections_for

    timeline = screen.timeline
    screen.set_filter(pid=None, mid=None, category=None)
    await screen.show_position(timeline.start_position)
    await pilot.pause()
    footer = screen.query_one(KeyFooter)
    await until(pilot, lambda: "/ Search" in footer_text(footer), "the search in the footer")
    await pilot.press("slash")
    line = screen.query_one("#replay-search", Input)
    assert screen.query_one("#replay-search-bar").display and screen.focused is line
    # While typing: no "/" to press (it is a letter), and how to close the line.
    await until(pilot, lambda: "esc Close the search" in footer_text(footer), "the line's keys")
    assert "Search" not in footer_text(footer).replace("Close the search", "")
    # Keys the replay binds with priority are the line's letters while it is open.
    await pilot.press("[", "/", "]", "space", "2", "full_stop", "j", "q")
    await pilot.pause()
    assert line.value == "[/] 2.jq" and screen.speed == 1 and not screen.playing
    assert screen.position == timeline.start_position and screen.is_current
    assert text_of(screen.query_one("#replay-search-count")).strip() == "0 matches"
    line.value = "[/]"  # no word at all: said as typed, never read as markup
    await pilot.pause()
    assert "Give at least one word" in text_of(screen.query_one("#replay-search-count"))
    line.value = ""
    await pilot.press(*"[bold]")  # a word, "bold", that no entry has; no markup
    await pilot.pause()
    assert text_of(screen.query_one("#replay-search-count")).strip() == "0 matches"
    await pilot.press(*["backspace"] * 6, *"QUEUE")  # a word, in any case
    await pilot.pause()
    queue = [e.position for e in timeline.search(parse_query("queue"))]
    assert len(queue) == 3 and queue == screen._match_positions
    assert text_of(screen.query_one("#replay-search-count")).strip() == "3 matches"
    # The search line counts, filters included; the status line said "3 events match the
    # filters" with every filter on "All", and the line's count stayed as it was when a
    # filter was then chosen.
    assert "match" not in status(screen)
    kind = timeline.infos[queue[0] - 1].category
    screen.set_filter(category=kind)
    await pilot.pause()
    notes = [p for p in queue if timeline.infos[p - 1].category == kind]
    assert len(notes) < 3 and screen._match_positions == notes
    assert_drawn_as_rendered(screen.query_one(Scrubber))  # then again with other ticks
    assert text_of(screen.query_one("#replay-search-count")).strip() == (
        f"{len(notes)} match" + ("" if len(notes) == 1 else "es"))
    screen.set_filter(category=None)
    await pilot.pause()
    assert text_of(screen.query_one("#replay-search-count")).strip() == "3 matches"
    assert screen.query_one(Scrubber).ticks == [timeline.infos[p - 1].offset for p in queue]
    assert_drawn_as_rendered(screen.query_one(Scrubber))
    # (the edit's line names the moment as the board has it: not yet raised here, "#2")
    assert matched(screen) == ["Queue", "queue"]
    # Enter: the first match from here, the clock with it; then n on, N back.
    await pilot.press("enter")
    await pilot.pause()
    assert screen.position == queue[0] and screen.focused is None
    assert "00:06:00 / 00:44:00" in status(screen)
    await pilot.press("n")
    assert screen.position == queue[1]
    await pilot.press("N", "N")
    assert screen.position == queue[0] and notices[-1] == "No more matches this way."
    assert {"search", "search_next"} <= {b.action.split("(")[0] for _title, keys
                                         in sections_for(screen) for b in keys}
    # Escape closes the search (not the replay): every event again, nothing marked.
    await pilot.press("escape")
    await pilot.pause()
    assert not screen.query_one("#replay-search-bar").display and screen.is_current
    assert "match" not in status(screen) and matched(screen) == []
    assert screen.search_query is None and len(screen._match_positions) == len(timeline)
    await pilot.press("n")
    assert screen.position == queue[0]
    # A paste of two lines searches for the words of both, joined as every field of the
    # app joins them (Textual's Input kept the first line only, and said nothing).
    from textual import events

    await pilot.press("slash")
    line.post_message(events.Paste("checkout\nqueue"))
    await pilot.pause()
    both = [e.position for e in timeline.search(parse_query("checkout queue"))]
    assert line.value.startswith("checkout") and line.value.endswith("queue")
    assert 0 < len(both) < len(queue) and screen._match_positions == both
    assert notices[-1] == "2 pasted lines joined into one."
    await pilot.press("escape")


async def test_names_only_when_asked(session):
    app = make_replay_app(session, names=True, timeline=Timeline(load_events(session)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        people = text_of(screen.query_one("#replay-people"))
        assert "Ana" in people and "Luis" in people
        await screen.toggle_names()
        await pilot.pause()
        assert "Ana" not in text_of(screen.query_one("#replay-people"))
        # The timeline's own state keeps the names: only the screen hides them.
        assert screen.timeline.state_at(screen.position).participants[1].name == "Ana"


async def test_the_screen_reads_the_file_itself_and_refuses_a_bad_one(session, tmp_path,
                                                                          notices):
    from textual.app import App

    class Host(App):
        pass

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReplayScreen(session))
        screen = await started(pilot)
        assert len(screen.timeline) == 44
        bad = tmp_path / "bad.db"
        bad.write_text("not a session")
        screen.dismiss(None)
        await pilot.pause()
        app.push_screen(ReplayScreen(bad))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ReplayScreen)
        assert any("is not a workshop session file" in said for said in notices)


async def test_speaks_the_session_language_and_gives_it_back(tmp_path):
    from textual.app import App

    from replay_fixtures import SPANISH
    from workshop.i18n import current_language

    path = tmp_path / "es.db"
    record_session(path, SPANISH, "es")
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReplayScreen(path))
        screen = await started(pilot)
        assert current_language() == "es"
        assert "evento 6 de 44" in status(screen)
        assert "Todos los participantes" in str(screen.query_one("#filter-pid").prompt)
        await pilot.press("escape")  # closes, as q does
        await until(pilot, lambda: not isinstance(app.screen, ReplayScreen), "the replay to close")
        assert current_language() == "en"


# What a researcher needs in view at 80x24, in each language: "/ Search" had pushed out
# "] Next step" (English) and "f Filtros" (Spanish), and the speeds were kept before them.
REPLAY_KEYS = {
    "en": ["F1 Help", "space Play / pause", "/ Search", ",. Event", "[] Step", "f Filters"],
    "es": ["F1 Ayuda", "Espacio Reproducir", "/ Buscar", ",. Evento", "[] Paso", "f Filtros"],
    "pt_BR": ["F1 Ajuda", "Espaço Reproduzir", "/ Buscar", ",. Evento", "[] Passo",
              "f Filtros"],
}


async def test_at_80x24_the_replay_shows_the_keys_it_needs_in_every_language(tmp_path):
    import workshop.tui.app
    from replay_fixtures import ENGLISH, SPANISH
    from workshop.tui.app import WorkshopApp

    class Replays(WorkshopApp):  # the app's key names ("F1"), no home screen
        CSS_PATH = str(Path(workshop.tui.app.__file__).with_name(WorkshopApp.CSS_PATH))
        READ_FIRST_SCREENS_CSS = False

        def on_mount(self, event) -> None:
            event.prevent_default()

    app = Replays()
    async with app.run_test(size=(80, 24)) as pilot:
        for lang, keys in REPLAY_KEYS.items():
            path = tmp_path / f"{lang}.db"
            record_session(path, ENGLISH if lang == "en" else SPANISH, lang)
            app.push_screen(ReplayScreen(path))
            screen = await started(pilot)
            footer = screen.query_one(KeyFooter)
            await until(pilot, lambda f=footer, first=keys[0]: footer_text(f).startswith(first),
                        f"the keys in {lang}: {footer_text(footer)!r}")
            line = footer.render_line(0).text
            # Whole, in this order, on the line as drawn (the palette's key after them).
            assert all(f"{key} " in line or f"{key}▏" in line for key in keys), line
            assert [key for key in keys if key in footer_text(footer)] == keys, line
            await pilot.press("escape")
            await until(pilot, lambda: not isinstance(app.screen, ReplayScreen), "closed")


async def test_keys_drawn_before_the_file_is_read_are_drawn_again_in_its_language(
        tmp_path, monkeypatch):
    import threading

    from textual.app import App

    import workshop.tui.replay as replay
    from replay_fixtures import SPANISH

    path = tmp_path / "es.db"
    record_session(path, SPANISH, "es")
    footer_drawn = threading.Event()

    def read_once_the_footer_is_drawn(*args, **kwargs):
        footer_drawn.wait(timeout=30)
        return load_events(*args, **kwargs)

    monkeypatch.setattr(replay, "load_events", read_once_the_footer_is_drawn)
    app = App()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReplayScreen(path))
        await until(pilot, lambda: isinstance(app.screen, ReplayScreen)
                    and "Filters" in footer_text(app.screen.query_one(KeyFooter)),
                    "the keys in English")
        footer = app.screen.query_one(KeyFooter)
        footer_drawn.set()
        await started(pilot)
        await until(pilot, lambda: "Filtros" in footer_text(footer), "the keys in Spanish")
        assert "Filters" not in footer_text(footer)
        assert ",. Evento" in footer_text(footer)  # a group's title in its language too


async def test_a_replay_never_rings_the_bell_when_a_step_runs_over(session, monkeypatch):
    app = make_replay_app(session, timeline=Timeline(load_events(session)))
    rings = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        # The welcome (5 minutes) runs from minute 1: play its clock on past the end.
        started_at = next(i for i, e in enumerate(screen.timeline.events)
                          if e.kind == "timer_started") + 1
        for minute in (3, 5.5, 6.5, 8):
            await screen.show_position(started_at, seconds=minute * 60)
        await pilot.pause()
        clock = text_of(screen.query_one("#replay-clock"))
        assert "over" in clock and screen.query_one("#replay-clock").has_class("-over")
    assert rings == []


@pytest.mark.parametrize("where", ["start", "end"])
async def test_escape_closes_the_replay_from_any_panel(session, where):
    app = make_replay_app(session, timeline=Timeline(load_events(session)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        if where == "end":  # the wrap-up panel, its list of actions focused
            await pilot.press("ctrl+end")
            await pilot.pause()
            screen._panel.query_one("#actions").focus()
        else:  # the welcome: a discussion panel, its notes list focused
            screen._panel.notes_list.focus()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_a_session_reopened_weeks_later_shows_the_jump_instead_of_stretching(tmp_path):
    """Nine minutes, then the session reopened 46 days later and two more minutes: the
    replay ran "00:00:00 / 1104:11:00" with the whole session in the first column."""
    from core_fixtures import SCRIPT, at, new_store

    days = 60 * 24 * 46
    with new_store(tmp_path) as store:
        for minute, kind, data in ((1, "step_entered", {"step": 0}),
                                   (5, "moment_added", {"text": "Parking"}),
                                   (7, "step_entered", {"step": 1}),
                                   (10, "session_finished", {}),
                                   (10 + days, "session_reopened", {}),
                                   (12 + days, "step_entered", {"step": 2})):
            store.record(kind, at=at(minute), **data)
    path = store.path
    app = make_replay_app(path, timeline=Timeline(load_events(path)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        assert "00:00:00 / 00:11:00" in status(screen) and "left out" not in status(screen)
        await pilot.press("ctrl+end")
        await until(pilot, lambda: "event 10 of 10" in status(screen), "the end")
        assert "00:11:00 / 00:11:00" in status(screen)
        assert "≈ 46 d 0 h without events left out" in status(screen)
        top, bar = screen.query_one(Scrubber).render().plain.splitlines()[:2]
        width = len(bar)
        # The steps spread along the bar; the jump is marked where it happened (9 of 11).
        assert top.index("2") == round(6 / 11 * (width - 1))
        assert top.index("3") == round(11 / 11 * (width - 1))
        assert bar.index("≈") == round(9 / 11 * (width - 1))
        events = text_of(screen.query_one("#replay-events"))
        jump = events.index("46 d 0 h without events")
        assert events.index("session finished") < jump < events.index("session reopened")
        # The step's clock reads the wall clock: the last step began 46 days on.
        assert screen.live.state.steps[2].entered_at == at(12 + days)
        assert SCRIPT["steps"][2]["title"] in text_of(screen.query_one("#replay-where"))


@settings(max_examples=200, deadline=None)
@given(ticks=st.lists(st.floats(-60, 4000, allow_nan=False), max_size=300).map(sorted),
       duration=st.sampled_from([0.0, 1.0, 3599.5, 3600.0]), width=st.integers(2, 130))
def test_the_scrubbers_ticks_fall_in_the_columns_of_their_times(ticks, duration, width):
    """The tick row places a search's matches (tens of thousands on a long session)
    column by column, skipping the ticks of a column already placed: the same columns
    as placing every tick."""
    from types import SimpleNamespace

    scrubber = Scrubber()
    scrubber.timeline, scrubber.ticks = SimpleNamespace(duration=duration), ticks
    assert scrubber._tick_columns(width) == {scrubber._column(s, width) for s in ticks}
