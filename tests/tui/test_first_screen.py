"""The first screen a facilitator sees is the finished one: a session opens on a run
screen laid out with its final classes, focus and footer keys, instead of one drawn, then
restyled and laid out again (every start paid for a second screen, and the panel's keys
showed up in the footer a moment after everything else).

Each test records what the screen held at the first layout Textual reports
(``screen_layout_refresh_signal``) and compares it with what it holds once settled.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.screen import Screen

from waiting import until
from workshop.i18n import set_language
from workshop.tui.app import make_app
from workshop.tui.steps.base import StepView
from workshop.tui.widgets.footer import KeyFooter

DEMO = Path(__file__).resolve().parents[2] / "sessions" / "demo-supermarket.db"


def _what_shows(screen: Screen) -> dict:
    panel = next(iter(screen.query(StepView)), None)
    footer = screen.query_one(KeyFooter)
    return {
        "keys": [label for _key, label in footer.shown()],
        "compact": footer.compact,
        "screen classes": sorted(c for c in screen.classes if c.startswith("-")),
        "panel narrow": panel.has_class("-narrow") if panel is not None else None,
        "focused": type(screen.focused).__name__ if screen.focused else None,
    }


def _record_first_layout(app, screen_type: type[Screen]) -> dict:
    """What the first screen of ``screen_type`` held at its first layout."""
    first: dict = {}
    push = app.push_screen

    def pushing(screen, *args, **kwargs):
        if isinstance(screen, screen_type):
            def laid_out(shown: Screen) -> None:
                if shown is screen and not first:
                    first.update(_what_shows(screen))
            screen.screen_layout_refresh_signal.subscribe(app, laid_out)
        return push(screen, *args, **kwargs)

    app.push_screen = pushing  # the app's own method, seen from the test only
    return first


async def _settled(app, pilot, screen_name: str) -> dict:
    await until(pilot, lambda: type(app.screen).__name__ == screen_name, screen_name)
    for _ in range(3):
        await pilot.pause(0.05)
    return _what_shows(app.screen)


async def test_a_session_opens_on_its_final_screen_at_once(tmp_path):
    from workshop.tui.screens.run import RunScreen

    path = tmp_path / "demo.db"
    shutil.copy(DEMO, path)
    set_language("en")
    app = make_app(path)  # finished: read-only, on its wrap-up step
    first = _record_first_layout(app, RunScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        settled = await _settled(app, pilot, "RunScreen")
        # Read-only: the wrap-up panel is made without its five entry fields (nothing is
        # typed there): the cursor reaches its two tables and its buttons, nothing else.
        panel = app.screen.query_one(StepView)
        assert list(panel.query("Input")) == []
        assert [w.id for w in panel.query("*") if w.focusable] == [
            "moments", "actions", "buttons"]
        # The row of buttons (one widget) presses the one chosen: the third, the findings.
        panel.query_one("#buttons").focus()
        await pilot.press("right", "right", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "FindingsScreen", "findings")
    # The wrap-up panel's keys are there from the first layout, beside the screen's; the
    # panel (86 columns beside the side column) stacked from the start.
    assert "Export" in settled["keys"] and "Summary" in settled["keys"]
    assert settled["panel narrow"] is True and settled["focused"] == "SyncedTable"
    assert first == settled


async def test_a_small_terminal_gets_its_small_layout_from_the_first_drawing(tmp_path):
    from workshop.tui.screens.run import RunScreen

    path = tmp_path / "demo.db"
    shutil.copy(DEMO, path)
    set_language("en")
    app = make_app(path)
    first = _record_first_layout(app, RunScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        settled = await _settled(app, pilot, "RunScreen")
    assert settled["screen classes"] == ["-narrow", "-short"]
    assert settled["compact"] is True
    assert first == settled



def _record_frames(app, screen_type: type[Screen]) -> list[list[str]]:
    """Each picture of a ``screen_type`` screen the app sends the terminal, as lines of
    text and style, in order."""
    frames: list[list[str]] = []
    display = app._display

    def displaying(screen, renderable) -> None:
        if isinstance(screen, screen_type) and renderable is not None:
            frames.append([f"{strip.text}  {[str(s.style) for s in strip]}"
                           for strip in screen._compositor.render_strips()])
        display(screen, renderable)

    app._display = displaying  # the app's own method, seen from the test only
    return frames


async def _frames_of_a_start(tmp_path, size: tuple[int, int]) -> list[list[str]]:
    from workshop.tui.screens.run import RunScreen

    path = tmp_path / "demo.db"
    shutil.copy(DEMO, path)
    set_language("en")
    app = make_app(path)  # finished, on its wrap-up step: two tables
    frames = _record_frames(app, RunScreen)
    async with app.run_test(size=size) as pilot:
        await _settled(app, pilot, "RunScreen")
    return frames


async def test_the_first_drawing_of_a_session_is_its_final_picture(tmp_path):
    # The step's tables hold their rows, at their widths, with their scrollbars, from the
    # first drawing: they used to learn their width on the Resize after it, and the
    # screen was drawn again with them filled.
    frames = await _frames_of_a_start(tmp_path, (120, 40))
    first, last = frames[0], frames[-1]
    assert any("Queueing at the checkout" in line for line in first)  # the moments' table
    assert any("Pilot a till wait display" in line for line in first)  # the actions' table
    assert first == last


async def test_a_wide_terminals_first_drawing_is_its_final_picture(tmp_path):
    # The panel side by side: the actions' table with every column.
    frames = await _frames_of_a_start(tmp_path, (200, 50))
    assert any("By when" in line for line in frames[0])
    assert frames[0] == frames[-1]


def _count_keys_made(monkeypatch) -> list[int]:
    """How many footer keys each KeyFooter._make_keys made (the test's own count)."""
    made: list[int] = []
    make = KeyFooter._make_keys

    def counting(self):
        items, palette = make(self)
        made.append(len(items) + (palette is not None))
        return items, palette

    monkeypatch.setattr(KeyFooter, "_make_keys", counting)
    return made


async def test_the_footers_keys_are_made_once_as_a_screen_opens(tmp_path, monkeypatch):
    # The keys used to be made for the screen before its focus was set, then made again
    # for the focused list or table: made, styled and thrown away, and their late
    # drawing laid the screen out a second time after its first drawing.
    folder = tmp_path / "sessions"
    folder.mkdir()
    shutil.copy(DEMO, folder / "demo.db")
    set_language("en")
    made = _count_keys_made(monkeypatch)
    app = make_app(sessions_dir=folder)
    async with app.run_test(size=(120, 40)) as pilot:
        settled = await _settled(app, pilot, "HomeScreen")
    assert "Open" in settled["keys"] and settled["focused"] == "OptionList"
    assert [n for n in made if n] == [len(settled["keys"])]

    made.clear()
    app = make_app(folder / "demo.db")
    async with app.run_test(size=(120, 40)) as pilot:
        settled = await _settled(app, pilot, "RunScreen")
    assert "Export" in settled["keys"]
    assert [n for n in made if n] == [len(settled["keys"])]


async def test_a_screen_is_styled_once_as_it_opens(tmp_path, monkeypatch):
    # Its widgets are styled as they are mounted; Textual styled every one of them again
    # as the screen first showed (ScreenResume), the same styles over again.
    from textual.css.stylesheet import Stylesheet

    from workshop.tui.plain import Plain
    from workshop.tui.steps.table import SyncedTable
    from workshop.tui.widgets.run_bar import RunBar

    styled: dict[int, int] = {}
    for cls in (Plain, RunBar):
        def counting(self, notify=cls.notify_style_update) -> None:
            styled[id(self)] = styled.get(id(self), 0) + 1
            notify(self)

        monkeypatch.setattr(cls, "notify_style_update", counting)
    applied: dict[int, int] = {}  # the stylesheet applied to a node (a table's own
    apply = Stylesheet.apply  # notify_style_update also clears its caches as it resizes)

    def applying(self, node, *args, **kwargs):
        applied[id(node)] = applied.get(id(node), 0) + 1
        return apply(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", applying)
    folder = tmp_path / "sessions"
    folder.mkdir()
    shutil.copy(DEMO, folder / "demo.db")
    set_language("en")
    for app, name in ((make_app(folder / "demo.db"), "RunScreen"),
                      (make_app(sessions_dir=folder), "HomeScreen")):
        styled.clear()
        async with app.run_test(size=(120, 40)) as pilot:
            await _settled(app, pilot, name)
            # (The top line's clock takes no class as it starts or stops: it is styled
            # once with the line.)
            plains = list(app.screen.query(Plain)) + list(app.screen.query(RunBar))
            focused = app.screen.focused
            if name == "RunScreen":
                # The step's table the screen focuses (the demo is finished: no entry
                # field) is styled focused as it is mounted, not once more as the focus
                # reaches it.
                assert isinstance(focused, SyncedTable) and focused.has_focus
                assert applied.get(id(focused)) == 1
        assert len(plains) >= 3  # the top line, the agenda, the participants
        assert {p.id: styled.get(id(p)) for p in plains} == {p.id: 1 for p in plains}, name


async def test_the_collector_is_off_while_the_first_screen_is_built_and_on_once_drawn(
        tmp_path):
    # Python's cycle collector walked the start's tens of thousands of new objects again
    # and again (tui/collector.py); left off by mistake, a long session's garbage would
    # never be collected.
    import gc

    folder = tmp_path / "sessions"
    folder.mkdir()
    shutil.copy(DEMO, folder / "demo.db")
    set_language("en")
    assert gc.isenabled()
    for app, name in ((make_app(folder / "demo.db"), "RunScreen"),
                      (make_app(sessions_dir=folder), "HomeScreen")):
        as_pushed: list[bool] = []
        push = app.push_screen

        def pushing(screen, *args, push=push, as_pushed=as_pushed, **kwargs):
            as_pushed.append(gc.isenabled())
            return push(screen, *args, **kwargs)

        app.push_screen = pushing  # the app's own method, seen from the test only
        async with app.run_test(size=(120, 40)) as pilot:
            await _settled(app, pilot, name)
            assert as_pushed == [False], name
            assert gc.isenabled(), name  # long before the 2 s the app waits at most
        assert gc.isenabled(), name


def test_the_collector_is_off_from_the_moment_the_tui_is_imported():
    # Textual's own imports and ours, before the app loads: another 20 ms of a start's
    # CPU. (The tests' own process had it turned on again once collected: conftest.py.)
    import subprocess
    import sys

    said = subprocess.run(
        [sys.executable, "-c", "import gc; was = gc.isenabled(); import workshop.tui.app; "
         "print(was, gc.isenabled())"], capture_output=True, text=True, check=True)
    assert said.stdout.split() == ["True", "False"]


async def test_an_app_ending_before_its_first_screen_leaves_the_collector_on(tmp_path):
    import gc

    from workshop.tui.app import WorkshopApp

    class Ending(WorkshopApp):
        CSS_PATH = None

        def on_load(self) -> None:
            self.exit()  # before any screen is made

    app = Ending(sessions_dir=tmp_path)
    async with app.run_test(size=(80, 24)):
        pass
    assert gc.isenabled()


async def test_the_replay_app_has_the_collector_on_once_its_screen_is_drawn(tmp_path):
    # Its own on_mount replaces the app's: the collector was left off for the whole
    # replay (a researcher's long look at a large session, its garbage never collected).
    import gc

    from workshop.tui.replay import make_replay_app

    path = tmp_path / "demo.db"
    shutil.copy(DEMO, path)
    set_language("en")
    app = make_replay_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "ReplayScreen", "replay")
        await pilot.pause()
        assert gc.isenabled()  # long before the 2 s the app waits at most
    assert gc.isenabled()


async def test_a_first_screen_that_never_says_it_was_drawn_gets_the_collector_back(
        tmp_path, monkeypatch):
    import gc

    from textual.widgets import Static

    from workshop.tui import collector
    from workshop.tui.app import WorkshopApp

    as_built: list[bool] = []

    class Quiet(Screen):
        def compose(self):
            as_built.append(gc.isenabled())
            yield Static("a screen of an app made from ours")

    class Other(WorkshopApp):
        CSS_PATH = None

        def on_mount(self, event) -> None:
            event.prevent_default()  # not the app's own first screens
            self.push_screen(Quiet())

    monkeypatch.setattr(collector, "AT_THE_LATEST", 0.3)
    app = Other(sessions_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: as_built, "the screen built")
        assert as_built == [False]  # built with it off, and that screen says nothing
        await until(pilot, gc.isenabled, "the collector back at the latest")


async def test_a_session_is_drawn_whole_once_as_it_opens_and_that_drawing_is_sent(tmp_path):
    # The run screen was laid out and drawn whole during the app's own mount, while the
    # app batched its updates: Textual sends nothing drawn then to the terminal (see
    # App._display), and drew all of it again afterwards. Now it is drawn once, after
    # the batch, and what changes afterwards is still drawn.
    from textual._compositor import LayoutUpdate
    from textual.geometry import Region
    from textual.widget import Widget

    from workshop.tui.screens.run import RunScreen
    from workshop.tui.widgets.flat import Flat

    path = tmp_path / "demo.db"
    shutil.copy(DEMO, path)
    set_language("en")
    app = make_app(path)
    drawings: list[tuple[bool, bool]] = []  # (whole, sent: no batch under way)
    display = app._display

    def displaying(screen, renderable) -> None:
        if isinstance(screen, RunScreen) and renderable is not None:
            drawings.append((isinstance(renderable, LayoutUpdate), not app._batch_count))
        display(screen, renderable)

    app._display = displaying  # the app's own method, seen from the test only
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(app, pilot, "RunScreen")
        assert [whole for whole, _ in drawings].count(True) == 1
        assert drawings[0] == (True, True)
        before = [strip.text for strip in app.screen._compositor.render_strips()]
        # The containers whose lines are all alike (widgets/flat.py) draw one line and
        # repeat it, and those are the lines Textual draws one by one.
        flats = [app.screen, *app.screen.walk_children(Flat)]
        assert {"RunScreen", "FlatContainer", "FlatVertical", "WrapupView"} <= {
            type(w).__name__ for w in flats}
        for flat in flats:
            whole = Region(0, 0, *flat.size)
            flat._styles_cache.clear()
            repeated = flat.render_lines(whole)
            assert len(flat._styles_cache._cache) == 1, flat  # one line drawn
            flat._styles_cache.clear()
            assert repeated == Widget.render_lines(flat, whole), flat
            assert len(flat._styles_cache._cache) == flat.size.height
        drawn = len(drawings)
        await pilot.press("f7")  # the step before, its panel in place of this one's
        await until(pilot, lambda: len(drawings) > drawn, "the step before drawn")
        await pilot.pause()
        assert [strip.text for strip in app.screen._compositor.render_strips()] != before


async def test_a_small_terminals_first_drawing_is_its_final_picture(tmp_path):
    # At 80x24 the wrap-up panel goes short as it is laid out (its buttons hidden), and
    # its moments' table is taller than when its rows were first taken: the rows that
    # came into sight were added on the table's Resize, after the first drawing, and two
    # lines of the table were blank in it.
    frames = await _frames_of_a_start(tmp_path, (80, 24))
    assert any("Finding a parking space" in line for line in frames[0])
    assert frames[0] == frames[-1]
