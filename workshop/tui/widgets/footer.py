"""The footer: the screen's keys in the session's language, drawn as one line.

One widget that draws its keys itself (render_line), instead of Textual's Footer with a
FooterKey widget per key: each of those was mounted, styled and laid out, about 8 ms of
the run screen's start and again at every change of step, and 4 ms more to draw them.
What it shows is Textual's footer, as its CSS lays it out: the same spacing (compact
below COMPACT_BELOW columns), the theme's footer colours, a group of keys under one
title, the command palette's key at the right (its label the first thing given up when
keys do not all fit); a click runs a key, the mouse resting on one shows its tooltip.
"""

from __future__ import annotations

from itertools import groupby
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.reactive import reactive
from textual.strip import Strip

from workshop.i18n import current_language, t
from workshop.tui.widgets.hovered import Hovered

COMPACT_BELOW = 100  # columns: under this the keys lose their padding to fit
# Shown first, whatever the step: the key that lists every other key, and the way on.
# What a narrow footer cannot hold is on the help screen.
FIRST = ("help", "next_step")
# Kept when keys must be left out (the others go, the last first): undo is the key a
# facilitator needs most after a slip, and the step's clock the one the session runs by
# (Spanish and Portuguese left "F5 Cronómetro" out at 80 columns).
KEPT = (*FIRST, "undo", "timer")


class Key(NamedTuple):
    """One key the footer draws: a click on it presses ``key``."""
    key: str
    display: str  # as the session's language names it ("Ctrl+Z")
    description: str  # the short label; "" in a group (its title names them)
    action: str
    enabled: bool
    tooltip: str


class Item(NamedTuple):
    """What is kept or left out as a whole: one key, or a group of keys under a title."""
    keys: tuple[Key, ...]
    title: str | None  # a group's title; None for one key
    compact_group: bool  # the group's keys side by side with no space between them


# A piece of the line: its text, what it is (the style it takes) and the key it belongs
# to (the one a click on it presses), or None.
Piece = tuple[str, str, int | None]


def fit(widths: list[tuple[int, int, int, bool]], room: int) -> list[tuple[int, bool]]:
    """Which items fit in ``room`` columns, and which of them with their key alone.

    ``widths`` holds, for each item in order, its width with its label, its width
    without it, the space after it (drawn only between items: the last one's may run
    under what follows) and whether it is kept. Items are left out whole, never cut:
    the others first, the last first (one comes back where it fits once a wider one
    after it is out); if the kept ones alone are too wide, they lose their labels, the
    last first; if even that is too wide, they go too, the last first. Returns the
    (index, label shown) pairs in order."""
    shown = {i: True for i in range(len(widths))}

    def total() -> int:
        if not shown:
            return 0
        last = max(shown)
        return sum(widths[i][0 if full else 1] + widths[i][2]
                   for i, full in shown.items()) - widths[last][2]

    for i in reversed(range(len(widths))):
        if total() <= room:
            break
        if not widths[i][3]:
            del shown[i]
    if total() <= room:
        for i in range(len(widths)):  # one left out for a wider one after it comes back
            if i not in shown:
                shown[i] = True
                if total() > room:
                    del shown[i]
    for i in reversed(sorted(shown)):
        if total() <= room:
            break
        shown[i] = False
    for i in reversed(sorted(shown)):
        if total() <= room:
            break
        del shown[i]
    return sorted(shown.items())


class KeyFooter(Hovered, can_focus=False):
    # The component classes are Textual's FooterKey's, and the colours its CSS gives them;
    # the separator is the palette key's left border.
    COMPONENT_CLASSES = {"footer-key--key", "footer-key--description",
                         "footer-key--hover", "footer-key--separator"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        & > .footer-key--separator {
            color: $foreground 20%;
            background: $footer-item-background;
        }
    }
    """
    ALLOW_SELECT = False

    compact = reactive(False, toggle_class="-compact")
    """Display in compact style."""
    show_command_palette = reactive(True)
    """Show the key to invoke the command palette."""

    _pending = False  # a redraw of the keys is on its way
    _drawn: tuple | None = None  # what the keys on screen were drawn from

    def __init__(self, *, shown_by_screen: bool = False, show_command_palette: bool = True,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(KeyFooter.show_command_palette, show_command_palette)
        # The screen calls show_keys as it opens, its focus set: keys drawn before then
        # (for no focus yet) were drawn and replaced at once.
        self._waiting = shown_by_screen
        self._items: list[Item] = []
        self._palette: Key | None = None
        self._line: tuple[Strip, list[Piece], list[tuple[str, str]]] | None = None
        self._line_for: tuple | None = None  # the width, compactness and hover it is for
        self._keys: list[Key] = []  # every key, the palette's last: pieces point here

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def _watch_show_command_palette(self) -> None:
        if self._drawn is not None:  # keys drawn: again, with or without the palette's
            self._redraw_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        if self._waiting:
            return
        # Textual tells the footer each time the screen's bindings may have changed (each
        # change of focus: six times while the run screen opens): the keys are read once
        # per refresh, and drawn again only when what they show changed.
        if not screen.app.app_focus or not (self.is_attached and screen is self.screen):
            return
        if not self._pending:
            self._pending = True
            self.call_later(self._redraw_keys)

    async def show_keys(self) -> None:
        """Draw the keys now, for a screen whose focus is where it will be before its
        first layout: the keys are in that layout. (Textual's footer waits for a signal
        that comes after the first drawing.)"""
        self._waiting = False
        self.compact = self.app.size.width < COMPACT_BELOW
        self._redraw_keys()

    def _redraw_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        bindings = self.screen.active_bindings
        palette_key = self.app.COMMAND_PALETTE_BINDING
        shown = (current_language(), self.show_command_palette, tuple(
            (binding.key, binding.action, binding.description,
             binding.group, enabled, tooltip)
            for node, binding, enabled, tooltip in bindings.values()
            if binding.show or binding.key == palette_key))
        if shown == self._drawn:
            return
        self._drawn = shown
        self._items, self._palette = self._make_keys()
        self._keys = [k for item in self._items for k in item.keys]
        if self._palette is not None:
            self._keys.append(self._palette)
        self.hovered = None  # (Hovered: the key under the mouse, its index in _keys)
        self._line = None
        self.refresh()

    def _make_keys(self) -> tuple[list[Item], Key | None]:
        """The screen's keys, as Textual's footer groups them: one key per action (its
        first binding), the keys of a group one after another under its title, FIRST
        first; and the palette's key."""
        app = self.app
        by_action: dict[str, tuple] = {}
        palette: Key | None = None
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action.setdefault(binding.action, (binding, enabled, tooltip))
        items: list[Item] = []
        for group, together in groupby(by_action.values(), lambda b: b[0].group):
            found = list(together)
            if group is not None and len(found) > 1:
                # The description is a binding's short label; its tooltip the whole text.
                items.append(Item(tuple(
                    Key(b.key, app.get_key_display(b), "", b.action, enabled,
                        t(tooltip or b.description)) for b, enabled, tooltip in found),
                    t(group.description), group.compact))
            else:
                items.extend(Item((Key(b.key, app.get_key_display(b), t(b.description),
                                       b.action, enabled, t(tooltip) if tooltip else ""),),
                                  None, False) for b, enabled, tooltip in found)
        items.sort(key=lambda item: FIRST.index(item.keys[0].action)
                   if item.title is None and item.keys[0].action in FIRST else len(FIRST))
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            active = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if active is not None:
                binding = active.binding
                palette = Key(binding.key, app.get_key_display(binding),
                              t(binding.description), binding.action, active.enabled,
                              t(binding.tooltip or binding.description))
        return items, palette

    def _pieces(self, item: Item, first: int, full: bool) -> tuple[list[Piece], int]:
        """An item's pieces (its keys numbered from ``first``) and the space after it,
        spaced as Textual's footer CSS spaces them."""
        compact = self.compact
        if item.title is None:
            key = item.keys[0]
            if not (full and key.description):
                pad = "" if compact or not key.description and full else " "
                return [(pad + key.display + pad, "key", first)], int(compact)
            if compact:
                return [(key.display, "key", first), (" " + key.description, "desc", first)], 1
            return [(f" {key.display} ", "key", first), (key.description + " ", "desc", first)], 0
        pieces: list[Piece] = []
        if item.compact_group:  # no space between the keys, one around them
            pieces.append((" ", "gap", None))
            pieces.extend((k.display, "key", first + n) for n, k in enumerate(item.keys))
            gap = 1
        else:  # a space either side of each key
            for n, k in enumerate(item.keys):
                pieces += [(" ", "gap", None), (k.display, "key", first + n), (" ", "gap", None)]
            gap = 0
        if full:
            if gap:
                pieces.append((" ", "gap", None))
            pieces.append((item.title, "desc", None))
            gap = 1
        return pieces, gap

    def _layout(self) -> tuple[Strip, list[Piece], list[tuple[str, str]]]:
        """The line for the footer's width (and what it shows), made once per change of
        keys, width or key under the mouse."""
        width = self.size.width
        for_now = (width, self.compact, self.hovered)
        if self._line is not None and self._line_for == for_now:
            return self._line
        palette: list[Piece] = []
        named: Piece | None = None  # the palette's label, the first thing given up
        if self._palette is not None:
            key = self._palette
            # The palette's key keeps its compact look ("▏^P Commands"), as in Textual.
            named = (" " + key.description, "desc", len(self._keys) - 1)
            palette = [("▏", "separator", None), (key.display, "key", len(self._keys) - 1),
                       named]
            if not self.compact:
                palette.append((" ", "item", len(self._keys) - 1))
        room = width - sum(cell_len(text) for text, _, _ in palette)
        firsts, measured = [], []
        first = 0
        for item in self._items:
            firsts.append(first)
            whole, gap = self._pieces(item, first, True)
            short, _ = self._pieces(item, first, False)
            measured.append((sum(cell_len(p[0]) for p in whole),
                             sum(cell_len(p[0]) for p in short), gap,
                             item.title is None and item.keys[0].action in KEPT))
            first += len(item.keys)
        fitted = fit(measured, room)
        if named is not None and fitted != [(i, True) for i in range(len(measured))]:
            # A key left out, or a label: the palette's label goes first. It names what
            # F1 and the keys beside it already show, where a key left out is a step's
            # action the facilitator cannot see (Spanish at 80 columns: "F6 Revelar" on
            # the vote, "f Filtros" in the replay).
            wider = fit(measured, room + cell_len(named[0]))
            if wider != fitted:
                fitted, room = wider, room + cell_len(named[0])
                palette.remove(named)
        pieces: list[Piece] = []
        shown: list[tuple[str, str]] = []
        for index, full in fitted:
            item = self._items[index]
            drawn, gap = self._pieces(item, firsts[index], full)
            pieces += drawn + [(" " * gap, "gap", None)] if gap else drawn
            label = (item.title if item.title is not None else item.keys[0].description)
            shown.append(("".join(k.display for k in item.keys), label if full else ""))
        used = sum(cell_len(p[0]) for p in pieces)
        if used > room:  # the last item's space runs under the palette's key
            text, kind, owner = pieces[-1]
            pieces[-1] = (text[:len(text) - (used - room)], kind, owner)
        elif used < room:  # one run of blanks with the space after the last item
            if pieces and pieces[-1][1] == "gap":
                pieces[-1] = (pieces[-1][0] + " " * (room - used), "gap", None)
            else:
                pieces.append((" " * (room - used), "gap", None))
        pieces += palette
        if self._palette is not None:
            shown.append((self._palette.display,
                          self._palette.description if named in palette else ""))
        self._line = (self._strip(pieces), pieces, shown)
        self._line_for = for_now
        return self._line

    def _strip(self, pieces: list[Piece]) -> Strip:
        base = self.rich_style
        looks = {"gap": base, "item": base,
                 "key": self.get_component_rich_style("footer-key--key"),
                 "desc": self.get_component_rich_style("footer-key--description"),
                 "separator": self.get_component_rich_style("footer-key--separator")}
        hover = self.get_component_rich_style("footer-key--hover")
        dim = Style(dim=True)
        segments = []
        for text, kind, key in pieces:
            if not text:
                continue
            style = looks[kind]
            if key is not None:
                if key == self.hovered:
                    style = style + Style(bgcolor=hover.bgcolor)
                if not self._keys[key].enabled:
                    style = style + dim
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(self.size.width, base)

    def render_line(self, y: int) -> Strip:
        if y or not self._items and self._palette is None:
            return Strip.blank(self.size.width, self.rich_style)
        return self._layout()[0]

    def shown(self) -> list[tuple[str, str]]:
        """The keys drawn, in order, the palette's last: (the key as shown, its label),
        the label "" for a key drawn alone (the palette's too, its label given up for
        keys); a group's keys together, with its title."""
        if not self._items and self._palette is None:
            return []
        return self._layout()[2]

    def part_at(self, x: int) -> int | None:
        if not self._keys:
            return None
        column = 0
        for text, _kind, key in self._layout()[1]:
            column += cell_len(text)
            if x < column:
                return key
        return None

    def tooltip_of(self, part: int) -> str | None:
        return self._keys[part].tooltip or None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.part_at(event.x)
        if key is None:
            return
        if self._keys[key].enabled:
            self.app.simulate_key(self._keys[key].key)
        else:
            self.app.bell()

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._line = None  # another theme: the keys' colours again
