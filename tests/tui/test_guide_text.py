"""The facilitator's text on the run screen: what scripts write drawn by one widget, the
rest by Textual's Markdown, and nothing in it read as markup."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from textual.app import App, ComposeResult
from textual.widgets import Markdown

from workshop.tui.widgets.guide import GuideBody, GuideText, Looks, renderable, simple_blocks

PLAIN = Looks(*(Style() for _ in range(5)))


def lines(markdown: str, width: int = 40) -> list[str]:
    blocks = simple_blocks(markdown)
    assert blocks is not None
    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as out:
        console.print(renderable(blocks, PLAIN))
    return [line.rstrip() for line in out.get().splitlines()]


def test_a_scripts_quotes_lists_and_emphasis_are_drawn_as_read():
    text = ("Go round the table.\n\n"
            "> To get started, tell us your **first name** and one recent time you were a\n"
            "> customer.\n>\n> It can be *tiny*.\n\n"
            "- Vivid, concrete stories: they will come back later as moments of truth.\n"
            "- Strong `words`\n\n"
            "3. third\n4. fourth\n")
    assert lines(text) == [
        "Go round the table.",
        "",
        "▌ To get started, tell us your first",
        "▌ name and one recent time you were a",
        "▌ customer.",
        "▌",
        "▌ It can be tiny.",
        "",
        "• Vivid, concrete stories: they will",
        "  come back later as moments of truth.",
        "",
        "• Strong words",
        "",
        "3. third",
        "",
        "4. fourth",
        "",
    ]


def test_a_nested_list_keeps_its_hanging_indent():
    assert lines("- outer item\n  - inner item that wraps onto a second line\n", 30) == [
        "• outer item",
        "",
        "  ◦ inner item that wraps onto",
        "    a second line",
        "",
    ]


def test_anything_else_is_left_to_textuals_markdown():
    for text in ("# A heading", "| a | b |\n| - | - |\n| 1 | 2 |", "```\ncode\n```",
                 "<b>html</b>", "![a picture](x.png)", "one\n\n---\n\ntwo", "    indented code"):
        assert simple_blocks(text) is None, text


class Host(App):
    def compose(self) -> ComposeResult:
        yield GuideText()


async def test_the_widget_switches_to_textuals_markdown_and_back_and_never_reads_markup():
    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        guide = app.query_one(GuideText)
        await guide.update("Say **[bold]this[/]** and [@click=app.quit]that[/]")
        await pilot.pause()
        body = app.query_one(GuideBody)
        shown = "".join(s.text for s in body.render_line(0))
        assert shown.startswith("Say [bold]this[/] and [@click=app.quit]that[/]")
        assert not app.query(Markdown)
        await guide.update("| seat | name |\n| --- | --- |\n| 1 | P1 |")
        await pilot.pause()
        assert not body.display
        table = app.query_one(Markdown)
        assert table.source.startswith("| seat | name |")
        await guide.update("- back to a list")
        await pilot.pause()
        assert body.display and not app.query(Markdown)
        assert "".join(s.text for s in body.render_line(0)).startswith("• back to a list")
