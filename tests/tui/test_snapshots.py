"""What a user sees, picture by picture: every step panel of a session in progress (and
the journey map, from the gaps step), the home screen, the new-session form and the
replay screen, at 80×24 and 120×40, in English and Spanish, compared with the accepted
pictures in ``__snapshots__/`` (SVG, one file a picture; open one in a browser to look
at it).

After a deliberate change to a screen, ``pytest tests/tui/test_snapshots.py
--snapshot-update`` writes the new pictures: look at each one changed before committing.

The session is the demo (``workshop demo``), whose every event has a fixed time, copied
for each test; for the step panels it is reopened and run live: they show the entry
fields a facilitator types into.
One app per language and size, going through the steps, keeps the suite quick.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension, normalize_svg
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual._compositor import LayoutUpdate
from textual.widgets import Input

from waiting import replay_ready, until
from workshop.core.store import Store
from workshop.i18n import set_language
from workshop.tui.app import make_app
from workshop.tui.replay import make_replay_app
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.journey_map import JourneyMapScreen
from workshop.tui.screens.new_session import NewSessionScreen
from workshop.tui.screens.run import RunScreen
from workshop.tui.steps.table import SyncedTable

LANGS = ["en", "es"]
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


SHIPPED = Path(__file__).resolve().parents[2] / "sessions"


@pytest.fixture(scope="module")
def demos():
    """The demo session of a language: the committed file, which test_demo proves is a
    fresh build of its source (built again here, it cost each worker seconds)."""
    def demo(lang: str) -> Path:
        return SHIPPED / {"en": "demo-supermarket.db", "es": "demo-supermercado.db"}[lang]
    return demo


ACCEPTED = Path(__file__).parent / "__snapshots__" / "test_snapshots"


def _screen_lines(svg: str) -> list[str]:
    """The text of each line of a picture, as drawn (no colours), each piece at its
    column (a run of spaces is drawn as no text: the gap is put back). A picture just
    taken names its lines ``terminal-<number>-line-N`` (Rich's id for that picture), an
    accepted one ``terminal-line-N`` (the snapshot plugin strips the number): both are
    read."""
    pieces = [(int(line), float(x), float(length), html.unescape(text).replace("\xa0", " "))
              for x, length, line, text in re.findall(
                  r'<text[^>]*? x="([\d.]+)"[^>]*? textLength="([\d.]+)"[^>]*?'
                  r'clip-path="url\(#terminal-(?:\d+-)?line-(\d+)\)"[^>]*>(.*?)</text>',
                  svg, re.S)]
    # A cell's width in the picture: the narrowest a piece's characters are drawn.
    cell = min((length / cell_len(text) for _, _, length, text in pieces if text.strip()),
               default=1.0)
    lines: dict[int, str] = {}
    for line, x, _, text in sorted(pieces, key=lambda piece: piece[:2]):
        drawn = lines.get(line, "")
        lines[line] = drawn + " " * (round(x / cell) - cell_len(drawn)) + text
    return [lines.get(n, "").rstrip() for n in range(max(lines, default=-1) + 1)]


def _what_differs(accepted: Path, svg: str) -> str:
    """The lines whose text differs, else that only colours or styles do: a failure in a
    run whose temporary folders are gone still says what the screen showed."""
    if not accepted.exists():
        return "no accepted picture"
    was, now = _screen_lines(accepted.read_text(encoding="utf-8")), _screen_lines(svg)
    changed = [f"line {n + 1}: accepted {a!r}, now {b!r}" for n, (a, b) in
               enumerate(zip(was, now, strict=False)) if a != b]
    if len(was) != len(now):
        changed.append(f"{len(now)} lines instead of {len(was)}")
    return "\n".join(changed[:8]) if changed else "the same text, other colours or styles"


@pytest.fixture
def picture(snapshot, tmp_path, request):
    """``await picture(pilot, name)``: the screen as SVG, compared with its accepted one;
    one that differs is written beside the test's files, and the failure names it.
    The entry fields' cursors stop blinking first (shown), or a picture would depend on
    the half-second it was taken in."""
    snapshot = snapshot.use_extension(SVGImageExtension)

    async def compare(pilot, name: str, *, shown_as: dict[str, str] | None = None) -> None:
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        # A step's table adds its rows once it knows its width (after its first layout):
        # under load that can come after the pause, so the picture waits for the rows.
        await until(pilot, lambda: not any(t.filling for t in pilot.app.screen.query(
            SyncedTable)))
        await pilot.pause()
        svg = await _settled(pilot)
        for text, same_length in (shown_as or {}).items():  # a temporary folder's name
            svg = svg.replace(text, same_length)
        if not snapshot(name=name) == svg:
            seen = tmp_path / f"{name}.svg"
            seen.write_text(svg, encoding="utf-8")
            accepted = ACCEPTED / f"{request.node.name}[{name}].svg"
            raise AssertionError(f"{name}: the screen differs from its accepted picture; "
                                 f"what it shows now: {seen}\n"
                                 f"{_what_differs(accepted, svg)}")
    return compare


def _drawn(app) -> list[list[tuple]]:
    """The screen as drawn, each cell run's text and style: the render the screenshot is
    made of (``App.export_screenshot``'s own call), compared without writing it out as
    SVG (40-70 ms a picture)."""
    render = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    assert isinstance(render, LayoutUpdate), "a full update is not a LayoutUpdate any more"
    return [[(segment.text, segment.style) for strip in line for segment in strip
             if not segment.control] for line in render.strips]


async def _settled(pilot) -> str:
    """The screen once two looks a moment apart agree: under load a table could still be
    fitting its columns to the scrollbar it has just learnt of when the rows and the
    footer said they were done (a fresh-clone run's Spanish replay picture had its
    moment column two cells narrower). The looks compare what the screenshot is made
    of (text and styles, stricter than its SVG), so only the picture kept is exported."""
    drawn = _drawn(pilot.app)
    for _ in range(40):
        await pilot.pause(0.05)
        again = _drawn(pilot.app)
        if again == drawn:
            break
        drawn = again
    # Still changing after 2 s: compared as it is, and a difference is shown.
    return pilot.app.export_screenshot(title="workshop")


def _session(demos, tmp_path, lang: str):
    folder = tmp_path / "sessions"
    folder.mkdir()
    return Path(shutil.copy(demos(lang), folder / f"demo-{lang}.db"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_every_step_panel(demos, tmp_path, lang, size, picture):
    path = _session(demos, tmp_path, lang)
    with Store.open(path) as store:  # the demo is finished: reopened, to go on live
        store.record("session_reopened", at=store.events[-1].at)
        # Clocks only with F5: a clock started by entering a step would show the seconds
        # the picture took to be taken (the clocks starting is test_app's and
        # test_step_times' to prove).
        store.record("session_edited", clocks="manual", at=store.events[-1].at)
    app = make_app(path, sessions_dir=path.parent)
    async with app.run_test(size=SIZES[size]) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RunScreen))
        run = app.screen
        for step in run.state.steps:
            run.go_to(step.index)
            # The panel on view is the step's (those of the steps before stay, hidden).
            await until(pilot, lambda i=step.index: [p.step.index for p in run.query(
                ".step-panel") if p.display] == [i], f"the panel of step {step.index + 1}")
            await pilot.pause()
            await pilot.pause()
            await picture(pilot, f"step-{step.index + 1}-{step.kind}")
            if step.kind == "gaps":  # j: the journey map, then back to the step
                await pilot.press("j")
                await until(pilot, lambda: isinstance(app.screen, JourneyMapScreen))
                await pilot.pause()
                await picture(pilot, "journey-map")
                await pilot.press("escape")
                await until(pilot, lambda: app.screen is run)
    app.initial_store.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_the_home_screen_and_the_new_session_form(demos, lang, size, picture):
    # The screen names the sessions' folder: a short one, its random part shown fixed.
    folder = Path(tempfile.mkdtemp(prefix="workshop-", dir="/tmp"))
    shown_as = {str(folder): "/tmp/workshop-snapshot"}
    try:
        shutil.copy(demos(lang), folder / f"demo-{lang}.db")
        set_language(lang)  # as `workshop --lang` does before the home screen opens
        app = make_app(sessions_dir=folder)
        async with app.run_test(size=SIZES[size]) as pilot:
            await until(pilot, lambda: isinstance(app.screen, HomeScreen))
            await pilot.pause()
            await picture(pilot, "home", shown_as=shown_as)
            await pilot.press("n")
            await until(pilot, lambda: isinstance(app.screen, NewSessionScreen))
            await pilot.pause()
            await picture(pilot, "new-session", shown_as=shown_as)
            # Every part of the form within its width, also below the picture: the
            # Spanish consent box ran 9 columns past an 80-column screen.
            form = app.screen.query_one("#new-form")
            assert [w for w in form.query("*") if w.display
                    and w.region.right > form.content_region.right] == []
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
async def test_the_replay_screen(demos, tmp_path, lang, size, picture):
    path = _session(demos, tmp_path, lang)
    app = make_replay_app(path)
    async with app.run_test(size=SIZES[size]) as pilot:
        await replay_ready(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket",
                          "right_square_bracket")  # three steps on
        await app.workers.wait_for_complete()
        await pilot.pause()
        await picture(pilot, "three-steps-on")


def _svg(*lines: Text) -> str:
    """A picture of a terminal showing ``lines``, drawn as Textual draws a screenshot
    (Rich's export_svg, each picture with its own id)."""
    console = Console(width=48, file=io.StringIO(), record=True, color_system="truecolor")
    for line in lines:
        console.print(line)
    return console.export_svg(title="workshop")


def test_a_differing_picture_names_the_lines_whose_text_differs(tmp_path):
    title = Text.assemble(("Step 5 of 9", "bold"), " · ", ("Which moments matter", "italic"))
    body = Text("30 dots from 6 voters")
    accepted = tmp_path / "accepted.svg"  # stored as the snapshot plugin stores it
    accepted.write_text(normalize_svg(_svg(title, body, Text.assemble(
        ("F1", "bold"), " Help ", ("F8", "bold"), " Next step"))), encoding="utf-8")
    now = _svg(title, body, Text.assemble(
        ("F1", "bold"), " Help ", ("F8", "bold"), " Next step        ", ("^P", "bold"),
        " Commands"))
    assert _what_differs(accepted, now) == (
        "line 3: accepted 'F1 Help F8 Next step', "
        "now 'F1 Help F8 Next step        ^P Commands'"), \
        "only the footer line differs, and its text is read with its spaces"

    accepted.write_text(normalize_svg(_svg(title, body)), encoding="utf-8")
    assert _what_differs(accepted, _svg(title, Text("30 dots from 6 voters", "red"))) == \
        "the same text, other colours or styles", "a picture whose text is the same says so"
    assert _what_differs(accepted, _svg(title)) == "1 lines instead of 2", \
        "a line missing is counted"
