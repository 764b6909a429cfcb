"""The facilitator's text read once and kept: a start that finds a text's blocks kept
draws exactly what reading it again would (markdown-it is not imported before the first
screen), and a kept file that is not exactly ours is never used."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from textual.geometry import Region

from waiting import until
from workshop.core.safetext import visible
from workshop.core.scripts import builtin_scripts
from workshop.tui.app import make_app
from workshop.tui.widgets import guide as guide_mod
from workshop.tui.widgets import guide_cache
from workshop.tui.widgets.guide import GuideBody, GuideText, simple_blocks

DEMO = Path(__file__).resolve().parents[2] / "sessions" / "demo-supermarket.db"
SIMPLE = "Go round.\n\n> Tell us **one** thing.\n\n- a `b`\n- c\n\n3. x\n"


def test_every_shipped_steps_text_reads_back_as_markdown_it_reads_it():
    # All three languages' scripts: what a start finds kept is what the text makes.
    bodies = [visible(step.body) for script in builtin_scripts() for step in script.steps
              if step.body.strip()]
    assert len(bodies) > 20
    for body in bodies:
        assert guide_cache.lookup(body) == (False, None)
        blocks = simple_blocks(body)
        guide_cache.keep(body, blocks)
        assert guide_cache.lookup(body) == (True, blocks)


def test_a_text_textuals_markdown_draws_is_kept_as_such():
    table = "| a | b |\n| - | - |\n| 1 | 2 |\n"
    assert simple_blocks(table) is None
    guide_cache.keep(table, None)
    assert guide_cache.lookup(table) == (True, None)


def _kept_file(text: str) -> Path:
    guide_cache.keep(text, simple_blocks(text))
    (path,) = (guide_cache._folder()).glob("*.json")
    return path


def test_a_damaged_edited_or_foreign_file_is_not_used():
    path = _kept_file(SIMPLE)
    good = json.loads(path.read_text("utf-8"))
    changes = [
        "not json {",
        json.dumps({**good, "format": 99}),
        json.dumps({**good, "text": "another text"}),  # a hash collision, or a copy
        json.dumps({**good, "blocks": [{"kind": "heading", "text": [], "items": [],
                                        "blocks": [], "start": 1}]}),
        json.dumps({**good, "blocks": [{**good["blocks"][0], "text": [["x", "blink"]]}]}),
        json.dumps({**good, "blocks": [{**good["blocks"][0], "start": "1"}]}),
        json.dumps({**good, "blocks": {"a": 1}}),
        "[" * 100_000 + "]" * 100_000,
    ]
    for text in changes:
        path.write_text(text, "utf-8")
        assert guide_cache.lookup(SIMPLE) == (False, None), text[:60]
    path.write_text(json.dumps(good), "utf-8")
    assert guide_cache.lookup(SIMPLE) == (True, simple_blocks(SIMPLE))


def test_no_more_than_keep_texts_are_kept(monkeypatch):
    monkeypatch.setattr(guide_cache, "KEEP", 3)
    for n in range(5):
        guide_cache.keep(f"text {n}", simple_blocks(f"text {n}"))
    assert len(list(guide_cache._folder().glob("*.json"))) == 3


def test_a_read_only_state_folder_never_stops_the_text(tmp_path, monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setattr(guide_cache, "_folder", lambda: blocked / "guides")
    guide_cache.keep(SIMPLE, simple_blocks(SIMPLE))  # says nothing, raises nothing
    assert guide_cache.lookup(SIMPLE) == (False, None)


async def _drawn_guide(path: Path) -> tuple[str, list, list[str]]:
    app = make_app(path, readonly=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "RunScreen", "run screen")
        await pilot.pause()
        guide = app.screen.query_one(GuideText)
        body = guide.query_one(GuideBody)
        lines = [line.text for line in body.render_lines(Region(0, 0, *body.size))]
        return guide.markdown, body.blocks, lines


async def test_the_run_screen_draws_the_kept_text_as_it_drew_it_read(tmp_path, monkeypatch):
    path = tmp_path / "demo.db"
    shutil.copy(DEMO, path)
    first = await _drawn_guide(path)  # read, drawn, and kept once drawn
    assert first[1] and list(guide_cache._folder().glob("*.json"))

    def unread(markdown: str):
        raise AssertionError("the kept text was read again")

    monkeypatch.setattr(guide_mod, "simple_blocks", unread)
    assert await _drawn_guide(path) == first
    assert first[1] == simple_blocks(first[0])


def test_a_very_long_text_is_not_kept():
    text = "word " * 20_000  # a crafted session's step, say: read each time instead
    guide_cache.keep(text, simple_blocks(text))
    assert not guide_cache._folder().exists() or not list(guide_cache._folder().glob("*"))
    assert guide_cache.lookup(text) == (False, None)
