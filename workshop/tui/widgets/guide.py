"""The facilitator's text of a step: Markdown as scripts write it, drawn by one widget.

Textual's Markdown widget makes a widget for every block (a list of three items is eight),
each one styled and laid out, and importing it brings pygments along: on the run screen
that was a fifth of every start. Scripts write paragraphs, emphasis, the quoted lines read
aloud, and lists: `simple_blocks` reads those (with markdown-it, as Textual's widget does)
and `GuideBody` draws them as one renderable, looking as Textual's widget does (the quote's
bar and tint, the bullets' colour, a blank line after each block). A text holding anything
else (a heading, a table, code, a rule, HTML, an image) is drawn by Textual's own
Markdown widget, imported then.

The text reaches here with its control characters already made visible; it is never
read as markup (rich ``Text`` only).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

BlockKind = Literal["paragraph", "quote", "bullets", "numbers"]

# markdown-it's tokens drawn here; any other makes the text Textual Markdown's to draw.
_BLOCK_TOKENS = {"paragraph_open", "paragraph_close", "inline", "bullet_list_open",
                 "bullet_list_close", "ordered_list_open", "ordered_list_close",
                 "list_item_open", "list_item_close", "blockquote_open", "blockquote_close"}
_INLINE_TOKENS = {"text", "softbreak", "hardbreak", "strong_open", "strong_close", "em_open",
                  "em_close", "code_inline", "link_open", "link_close"}
BULLETS = ("•", "◦", "▪")  # by depth


class Block:
    """A block of the facilitator's text: a paragraph, a list or a quote. (A plain
    class: a dataclass is compiled as its module is imported, 0.7 ms of every start.)"""

    __slots__ = ("kind", "text", "items", "blocks", "start")

    def __init__(self, kind: BlockKind, text: list[tuple[str, str]] | None = None,
                 items: list[list[Block]] | None = None, blocks: list[Block] | None = None,
                 start: int = 1) -> None:
        self.kind = kind
        self.text = [] if text is None else text  # a paragraph: (text, style)
        self.items = [] if items is None else items  # a list: its items' blocks
        self.blocks = [] if blocks is None else blocks  # a quote: what it holds
        self.start = start  # the first number of a numbered list

    def _fields(self) -> tuple:
        return self.kind, self.text, self.items, self.blocks, self.start

    def __eq__(self, other: object) -> bool:
        return type(other) is Block and self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return (f"Block(kind={self.kind!r}, text={self.text!r}, items={self.items!r}, "
                f"blocks={self.blocks!r}, start={self.start!r})")


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like")  # as Textual's Markdown reads it: tables, strikethrough


def simple_blocks(markdown: str) -> list[Block] | None:
    """The text's blocks, or None when it holds anything but paragraphs, emphasis,
    inline code, links, quotes and lists."""
    tokens = _parser().parse(markdown)
    for token in tokens:
        if token.type not in _BLOCK_TOKENS:
            return None
        if token.type == "inline" and any(c.type not in _INLINE_TOKENS
                                          for c in token.children or ()):
            return None
    blocks, _ = _blocks(tokens, 0, None)
    return blocks


def _blocks(tokens: list[Token], i: int, until: str | None) -> tuple[list[Block], int]:
    """The blocks from ``tokens[i]`` up to the closing token ``until``; the index after."""
    out: list[Block] = []
    while i < len(tokens):
        token = tokens[i]
        if token.type == until:
            return out, i + 1
        if token.type == "paragraph_open":
            out.append(Block("paragraph", text=_inline(tokens[i + 1])))
            i += 3  # open, inline, close
        elif token.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(Block("quote", blocks=inner))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            numbered = token.type == "ordered_list_open"
            close = "ordered_list_close" if numbered else "bullet_list_close"
            block = Block("numbers" if numbered else "bullets",
                          start=int(token.attrs.get("start", 1) or 1))
            i += 1
            while tokens[i].type != close:  # list_item_open … list_item_close
                item, i = _blocks(tokens, i + 1, "list_item_close")
                block.items.append(item)
            out.append(block)
            i += 1
        else:  # a close this level does not own: cannot happen with markdown-it's tokens
            i += 1
    return out, i


def _inline(token: Token) -> list[tuple[str, str]]:
    """(text, style) runs: style is a space-separated set of bold, italic, code, link."""
    runs: list[tuple[str, str]] = []
    on: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind == "text":
            runs.append((child.content, " ".join(on)))
        elif kind == "softbreak":
            runs.append((" ", " ".join(on)))
        elif kind == "hardbreak":
            runs.append(("\n", ""))
        elif kind == "code_inline":
            runs.append((child.content, " ".join([*on, "code"])))
        elif kind.endswith("_open"):
            on.append({"strong_open": "bold", "em_open": "italic"}.get(kind, "link"))
        elif kind.endswith("_close") and on:
            on.pop()
    return runs


class Looks(NamedTuple):
    """The styles the text is drawn with, from the widget's component classes (the
    theme's colours)."""

    bullet: Style
    quote: Style  # the quote's tint
    bar: Style  # the quote's left bar
    code: Style
    link: Style


Prefix = tuple[Segment, ...]


class Prefixed:
    """``body`` drawn in the width left after a prefix: ``first`` on its first line,
    ``rest`` on the others (a bullet and its hanging indent, a quote's bar); with
    ``fill``, each line padded to the width in that style (the quote's tint)."""

    def __init__(self, body: RenderableType, first: Prefix, rest: Prefix,
                 fill: Style | None = None, right: int = 0) -> None:
        self.body, self.first, self.rest, self.fill, self.right = body, first, rest, fill, right

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - Segment.get_line_length(list(self.first)) - self.right)
        lines = console.render_lines(self.body, options.update(width=width, height=None),
                                     style=self.fill, pad=self.fill is not None)
        for n, line in enumerate(lines):
            yield from self.first if n == 0 else self.rest
            yield from line
            if self.right:
                yield Segment(" " * self.right, self.fill)
            yield Segment.line()


def renderable(blocks: list[Block], looks: Looks, depth: int = 0) -> RenderableType:
    """The blocks, one under the other, a blank line after each (Textual's margin)."""
    parts: list[RenderableType] = []
    for block in blocks:
        parts.append(_block(block, looks, depth))
        parts.append(Text(""))
    return Group(*parts)


def _between(parts: Iterable[RenderableType], blank: bool) -> Iterator[RenderableType]:
    for n, part in enumerate(parts):
        if n and blank:
            yield Text("")
        yield part


def _block(block: Block, looks: Looks, depth: int) -> RenderableType:
    if block.kind == "paragraph":
        text = Text()
        for words, style in block.text:
            text.append(words, _style(style, looks))
        return text
    if block.kind == "quote":
        inner = Group(*_between((_block(b, looks, depth) for b in block.blocks), True))
        bar = (Segment("▌", looks.bar), Segment(" ", looks.quote))
        return Prefixed(inner, bar, bar, fill=looks.quote, right=1)
    items = []
    for n, item in enumerate(block.items):
        mark = (BULLETS[min(depth, len(BULLETS) - 1)] if block.kind == "bullets"
                else f"{block.start + n}.")
        body = Group(*_between((_block(b, looks, depth + 1) for b in item), True))
        items.append(Prefixed(body, (Segment(mark + " ", looks.bullet),),
                              (Segment(" " * (len(mark) + 1)),)))
    # A blank line between the items, as the run screen always set them apart.
    return Group(*_between(items, True))


def _style(names: str, looks: Looks) -> Style:
    style = Style()
    for name in names.split():
        style += {"bold": Style(bold=True), "italic": Style(italic=True), "code": looks.code,
                  "link": looks.link}[name]
    return style


class GuideBody(Widget):
    """The simple text's blocks, drawn as one renderable."""

    COMPONENT_CLASSES = {"guide--bullet", "guide--quote", "guide--bar", "guide--code",
                         "guide--link"}
    DEFAULT_CSS = """
    GuideBody { height: auto; }
    GuideBody > .guide--bullet { color: $text-primary; }
    GuideBody > .guide--quote { background: $boost; }
    GuideBody > .guide--bar { color: $text-primary 50%; background: $boost; }
    GuideBody > .guide--code { color: $text-warning; background: $warning-muted; }
    GuideBody > .guide--link { text-style: underline; }
    GuideBody:light > .guide--bullet, GuideBody:light > .guide--bar { color: $text-secondary; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.blocks: list[Block] = []

    def show(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.refresh(layout=True)

    def render(self) -> RenderableType:
        style = self.get_component_rich_style
        looks = Looks(style("guide--bullet"), style("guide--quote"), style("guide--bar"),
                      style("guide--code"), style("guide--link"))
        return renderable(self.blocks, looks)


class GuideText(VerticalScroll):
    """A step's text: `GuideBody` for what it draws, Textual's Markdown for the rest,
    scrolled here (a container of its own around it was one more widget to style and lay
    out at every start)."""

    DEFAULT_CSS = "GuideText { height: auto; }"

    def compose(self) -> ComposeResult:
        yield GuideBody()

    @property
    def markdown(self) -> str:
        return self._markdown

    async def update(self, markdown: str) -> None:
        self._markdown = markdown
        body = self.query_one(GuideBody)
        blocks = self._blocks(markdown)
        full = self.query("Markdown")
        if blocks is not None:
            body.show(blocks)
            body.display = True
            await full.remove()
            return
        from textual.widgets import Markdown

        body.show([])
        body.display = False
        if full:
            await full.first(Markdown).update(markdown)
        else:
            await self.mount(Markdown(markdown, open_links=False))

    def _blocks(self, markdown: str) -> list[Block] | None:
        """``simple_blocks(markdown)``, as kept from an earlier start if it was."""
        if not markdown.strip():
            return []  # no text, nothing to read (markdown-it makes no block of it)
        from workshop.tui.widgets import guide_cache

        found, blocks = guide_cache.lookup(markdown)
        if not found:
            blocks = simple_blocks(markdown)
            # Written once the screen is drawn: the facilitator waits for nothing.
            self.call_after_refresh(guide_cache.keep, markdown, blocks)
        return blocks

    _markdown = ""
