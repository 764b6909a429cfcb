"""A received session file whose texts hold terminal escapes (written with sqlite3, not
typed): the screens show them as visible escapes and never send them to the terminal."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Static

from terminal_fixtures import HOSTILE, HOSTILE_NAME, SHOWN, hostile_session, unsafe_in
from waiting import replay_ready
from workshop.core.safetext import visible
from workshop.core.timeline import Timeline, load_events
from workshop.tui.app import WorkshopApp, make_app
from workshop.tui.replay import make_replay_app
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.run import RunScreen

from .screen_fixtures import record_terminal, screen_text

# Wide enough that a step title and the session title show whole in the top bar.
SIZE = (400, 50)


# The one OSC Textual sends of itself: the mouse pointer's shape.
POINTER_SHAPE = re.compile("\x1b\\]22;[a-z-]*\x07")


def drawn(written: list[str]) -> str:
    """What the app has sent to the terminal to draw its screens."""
    return POINTER_SHAPE.sub("", "".join(written))


def assert_nothing_raw(app, written: list[str]) -> None:
    """No control character in what is drawn; the only escapes sent to the terminal so
    far are the app's own (cursor moves and colours: CSI, never OSC, never C1, never a
    bidi control)."""
    assert unsafe_in(screen_text(app)) == []
    sent = drawn(written)
    assert "\x1b]" not in sent and "\x07" not in sent
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", sent)


async def test_the_read_only_run_screen_shows_every_planted_escape_visibly(tmp_path):
    path = hostile_session(tmp_path)
    app = make_app(path, readonly=True, sessions_dir=tmp_path)
    seen = []
    written = record_terminal(app)
    async with app.run_test(size=SIZE, headless=False) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        for step in range(7):
            app.screen.go_to(step)
            await pilot.pause()
            await pilot.pause()
            assert_nothing_raw(app, written)
            seen.append(screen_text(app))
        await pilot.press("f1")  # the help screen names the step
        await pilot.pause()
        assert_nothing_raw(app, written)
        await pilot.press("escape", "ctrl+f")  # the findings: headline, evidence, insights
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "FindingsScreen", app.screen
        assert_nothing_raw(app, written)
        seen.append(screen_text(app))
    text = "\n".join(seen)
    assert f"1. The queue sours the visit {visible(HOSTILE)}" in text
    assert f"★ Insight note {visible(HOSTILE)}" in text
    # The top bar: the step's title and the session's, each whole.
    assert "[read-only]  Step 1 of " in text
    assert f": Welcome {visible(HOSTILE)} · Weekly shop {visible(HOSTILE)}" in text
    for what, shown in SHOWN.items():
        assert shown in text, what


async def test_the_replay_screen_shows_them_visibly(tmp_path):
    path = hostile_session(tmp_path)
    app = make_replay_app(path, names=True, timeline=Timeline(load_events(path)))
    written = record_terminal(app)
    async with app.run_test(size=SIZE, headless=False) as pilot:
        screen = await replay_ready(pilot)
        seen = []
        for position in (screen.timeline.start_position, 12, 30, len(screen.timeline)):
            await screen.show_position(position)
            await pilot.pause()
            assert_nothing_raw(app, written)
            seen.append(screen_text(app))
        screen.set_filter(pid=1, mid=1)  # the filters' boxes show a name and a moment
        await pilot.pause()
        assert_nothing_raw(app, written)
        seen.append(screen_text(app))
    text = "\n".join(seen)
    assert f"Weekly shop {visible(HOSTILE)}" in text
    assert f"Ana {SHOWN['retitle (OSC 0)']}" in text  # the participants' filter and list
    for what, shown in SHOWN.items():
        assert shown in text, what


async def test_the_home_screen_lists_hostile_titles_and_file_names_visibly(tmp_path):
    folder = tmp_path / HOSTILE_NAME
    hostile_session(folder, f"{HOSTILE_NAME}.db")
    (folder / f"{HOSTILE_NAME}-broken.db").write_bytes(b"not a session at all")
    app = make_app(sessions_dir=folder)
    written = record_terminal(app)
    async with app.run_test(size=SIZE, headless=False) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert_nothing_raw(app, written)
        text = screen_text(app)
        await pilot.press("ctrl+p")  # the palette offers "Resume: <title>" and the file
        await pilot.press(*"resume")
        await pilot.pause()
        assert_nothing_raw(app, written)
        text += screen_text(app)
    assert f"Weekly shop {visible(HOSTILE)}" in text
    assert f"Sessions in {tmp_path}/{visible(HOSTILE_NAME)}" in text
    assert f"Could not read: {tmp_path}/{visible(HOSTILE_NAME)}" in text
    assert f"{visible(HOSTILE_NAME)}.db" in text  # the palette's help names the file


async def test_the_last_guard_drops_a_control_character_that_no_screen_made_visible():
    class Raw(WorkshopApp):
        CSS_PATH = None  # beside this test there is no app.tcss

        def on_mount(self, event) -> None:  # no session, no home screen: one raw widget
            event.prevent_default()

        def compose(self) -> ComposeResult:
            yield Static(Text("before\x1b]0;pwned\x07\x9b2J\u202eafter"))

    app = Raw()
    written = record_terminal(app)
    async with app.run_test(size=(60, 5), headless=False) as pilot:
        await pilot.pause()
        assert "beforepwnedafter" in screen_text(app).replace("]0;", "").replace("2J", "")
        assert unsafe_in(screen_text(app)) == []
        assert "\x1b]" not in drawn(written)
    # Without it, Textual draws them as they are.
    plain = App()
    plain.compose = lambda: iter([Static(Text("x\x1b]0;pwned\x07"))])
    written_plain = record_terminal(plain)
    async with plain.run_test(size=(60, 5), headless=False) as pilot:
        await pilot.pause()
        assert "\x1b]0;pwned" in drawn(written_plain)


def test_every_screen_uses_the_plain_static_and_label():
    """Textual's own Static and Label read a str as markup; ours (tui/plain.py) never do
    and show control characters visibly. A screen importing Textual's would bypass that."""
    root = Path(__file__).resolve().parents[2] / "workshop"
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "plain.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "textual.widgets":
                found += [f"{path.name}: {a.name}" for a in node.names
                          if a.name in ("Static", "Label")]
            if isinstance(node, ast.keyword) and node.arg == "markup" and not (
                    isinstance(node.value, ast.Constant) and node.value.value is False):
                found.append(f"{path.name}:{node.lineno} markup=")
    assert found == []
