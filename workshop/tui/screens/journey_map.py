"""The journey map in the terminal: stages as columns, touchpoints as lanes, each moment
in its place with its quadrant, gap and dots, and the feeling curve across it all.

What goes where is the core's (``core.journey.journey_map``); this module only draws
it. Each moment has a column of its own, by stage and then along the journey; when the
columns do not fit the width, the map scrolls sideways (←/→ move from moment to moment,
the view follows). The moment under the cursor is told in full under the map, so a
name cut to fit its column is never lost.

Opened with j from the gaps step and from the replay (the board as it stood then).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget

from workshop import i18n
from workshop.core.analysis import NOT_MEASURED, QUADRANTS
from workshop.core.journey import GROUP, JourneyMap, MapMoment, journey_map, where_words
from workshop.core.kinds.feelings import signed
from workshop.core.safetext import visible
from workshop.core.state import SessionState, stage_label, touchpoint_label
from workshop.tui.keys import _
from workshop.tui.plain import Plain
from workshop.tui.steps.gaps import QUADRANT_STYLE, short_quadrant, table_quadrant
from workshop.tui.steps.journey import TextView, decimal
from workshop.tui.widgets.footer import KeyFooter

# A moment's column, in terminal cells: its text and a space on each side (the line
# between two stages takes the space on the right of a stage's last column).
MIN_CELL, MAX_CELL = 13, 24
STAGE_STYLE = {"before": "black on cyan", "during": "black on yellow",
               "after": "black on magenta", None: "black on white"}


def _up(text: str) -> str:
    return text[:1].upper() + text[1:]




# ---- a grid of cells, drawn into ------------------------------------------------------


class Grid:
    """Characters and styles, one per terminal cell; wide characters take two."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        self.cells: list[list[tuple[str, str]]] = [[(" ", "")] * width for _ in range(height)]

    def put(self, x: int, y: int, text: str, style: str = "", limit: int | None = None) -> int:
        """Write ``text`` from (x, y), at most ``limit`` cells; returns the cells used."""
        if not 0 <= y < self.height:
            return 0
        end = self.width if limit is None else min(self.width, x + limit)
        row, used = self.cells[y], 0
        for ch in text:
            size = get_character_cell_size(ch)
            if size == 0:  # a combining mark: with the character before it
                if x + used - 1 >= 0 and used:
                    prev, st = row[x + used - 1]
                    row[x + used - 1] = (prev + ch, st)
                continue
            if x + used + size > end:
                break
            if x + used >= 0:
                row[x + used] = (ch, style)
                if size == 2:
                    row[x + used + 1] = ("", style)  # the wide character's second half
            used += size
        return used

    def style(self, x: int, y: int, width: int, style: str) -> None:
        """Add ``style`` to the cells of a stretch (a selected moment's reverse)."""
        if not 0 <= y < self.height:
            return
        row = self.cells[y]
        for i in range(max(0, x), min(self.width, x + width)):
            ch, st = row[i]
            row[i] = (ch, f"{st} {style}".strip())

    def blank(self, x: int, y: int) -> bool:
        return 0 <= y < self.height and 0 <= x < self.width and self.cells[y][x][0] == " "

    def text(self) -> Text:
        out = Text(no_wrap=True, overflow="crop")
        for y, row in enumerate(self.cells):
            if y:
                out.append("\n")
            for ch, style in row:
                if ch:
                    out.append(ch, style=style or None)
        return out


def wrap_words(text: str, width: int, lines: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words; past
    ``lines``, the last one ends with … after a whole word (a word wider than a line is
    cut with …: the detail under the map says it whole)."""
    words = " ".join(visible(text).split()).split(" ")
    out: list[str] = []
    for word in words:
        if cell_len(word) > width:
            word = _cut(word, width)
        if out and cell_len(out[-1]) + 1 + cell_len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        # "… after a whole word": "the fresh …", else "vegetables…", else a word less.
        while cell_len(last + " …") > width and cell_len(last + "…") > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        if cell_len(last + " …") <= width:
            out[-1] = last + " …"
        elif cell_len(last + "…") <= width:
            out[-1] = last + "…"
        else:  # one word as wide as the line: cut, as a word wider than a line is
            out[-1] = _cut(last, width)
    return out


def _cut(word: str, width: int) -> str:
    out = ""
    for ch in word:
        if cell_len(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


# ---- the map, drawn -------------------------------------------------------------------


@dataclass
class Drawn:
    """A drawn map, and where each thing went (what the tests read back)."""

    text: Text
    first: int  # the first map column on screen
    shown: int  # how many columns are on screen
    total: int  # columns in all
    stages: dict[str | None, tuple[int, int]] = field(default_factory=dict)  # x from, to
    lanes: dict[str | None, tuple[int, int]] = field(default_factory=dict)  # y from, to
    cells: dict[int, tuple[int, int]] = field(default_factory=dict)  # mid -> its number's x, y
    curve: dict[int, tuple[int, int]] = field(default_factory=dict)  # mid -> its point's x, y


def columns(board: JourneyMap) -> list[tuple[str | None, MapMoment | None]]:
    """The map's columns: each moment's, and one for a stage nobody placed a moment in."""
    out: list[tuple[str | None, MapMoment | None]] = []
    for span in board.stages:
        if not span.count:
            out.append((span.stage, None))
        out += [(span.stage, m) for m in board.moments[span.first:span.first + span.count]]
    return out


def cell_width(width: int, label: int, count: int) -> int:
    """A column's width: the room shared out, between MIN_CELL and MAX_CELL."""
    return max(MIN_CELL, min(MAX_CELL, (width - label) // max(1, count)))


def draw_map(board: JourneyMap, t, width: int, height: int, first: int = 0,
             selected: int | None = None) -> Drawn:
    cols = columns(board)
    lane_names = {lane: _up(touchpoint_label(lane, t)) if lane else t("Not given")
                  for lane in board.lanes}
    label = min(12, max(8, *(cell_len(n) + 1 for n in lane_names.values()),
                        cell_len(i18n.signed_percent(-1, t)) + 1))
    cell = cell_width(width, label, len(cols))
    shown = max(1, min(len(cols), (width - label) // cell))
    first = max(0, min(first, len(cols) - shown))
    grid = Grid(width, max(1, height))
    drawn = Drawn(Text(), first, shown, len(cols))
    visible_cols = cols[first:first + shown]

    def x_of(j: int) -> int:
        return label + j * cell

    # How the rows are shared: the header, a band per lane (the header, the lines
    # between lanes and the one above the curve: 1 + lanes), then the curve and its
    # values. The curve gets 5 rows first; the lanes what their names need (the quadrant
    # in words on a line of its own once there is room); the curve the rest.
    inner = cell - 2  # a cell's text: a space on its left, one on its right
    lanes = len(board.lanes)
    rules = 1 + lanes
    below = 1 if not board.asked else 5 + 1  # "not asked", or the curve and its values
    band = max(2, (height - rules - below) // lanes)
    wanted = max((len(wrap_words(f"{m.position} {m.text}", inner, 6)) for m in board.moments),
                 default=1) + 2
    band = min(band, wanted, 8)
    worded = band >= 5
    name_lines = max(1, band - (2 if worded else 1))
    curve = 0
    if board.asked:
        curve = max(3, height - rules - lanes * band - 1)
        curve -= 1 - curve % 2  # odd: a middle row for 0

    # The stages, across the top.
    j = 0
    while j < len(visible_cols):
        stage = visible_cols[j][0]
        k = j
        while k < len(visible_cols) and visible_cols[k][0] == stage:
            k += 1
        x0, x1 = x_of(j), x_of(k)
        name = (stage_label(stage, t) or t("no stage")).upper()
        name = wrap_words(name, x1 - x0 - 2, 1)[0] if cell_len(name) > x1 - x0 - 2 else name
        grid.put(x0, 0, " " * (x1 - x0 - 1), STAGE_STYLE[stage])
        grid.put(x0 + max(0, (x1 - x0 - 1 - cell_len(name)) // 2), 0, name,
                 STAGE_STYLE[stage] + " bold", limit=x1 - x0 - 1)
        drawn.stages[stage] = (x0, x1)
        j = k
    if first > 0:
        grid.put(0, 0, "◀", "bold")
    if first + shown < len(cols):
        grid.put(width - 1, 0, "▶", "bold")

    # The lanes, each a band of rows; a moment in its touchpoint's lane.
    y = 1
    bands: dict[str | None, int] = {}
    for i, lane in enumerate(board.lanes):
        if i:
            grid.put(0, y, "─" * width, "dim")
            y += 1
        bands[lane] = y
        drawn.lanes[lane] = (y, y + band)
        grid.put(0, y, lane_names[lane], "bold", limit=label - 1)
        y += band
    grid.put(0, y, "─" * width, "dim")
    title = f" {t('How it felt: net experience')} " if board.asked else ""
    grid.put(label, y, title, "dim italic", limit=width - label)
    rule = y
    y += 1
    # The stages apart: a line where a stage begins, between two spaces.
    for x0, _x1 in drawn.stages.values():
        if x0 > label:
            for yy in range(1, rule):
                grid.put(x0 - 1, yy, "│", "dim")

    for j, (_stage, m) in enumerate(visible_cols):
        x = x_of(j) + 1
        if m is None:
            for n, line in enumerate(wrap_words(t("no moments"), inner, 2)):
                grid.put(x, bands[board.lanes[0]] + n, line, "dim italic", limit=inner)
            continue
        top = bands[m.lane]
        lines = wrap_words(f"{m.position} {m.text}", inner, name_lines)
        for n, line in enumerate(lines):
            if n == 0:
                number = str(m.position)
                grid.put(x, top, number, "bold")
                grid.put(x + cell_len(number), top, line[len(number):], "", limit=inner)
            else:
                grid.put(x, top + n, line, "", limit=inner)
            if m.mid == selected:
                grid.style(x, top + n, cell_len(line), "reverse")
        drawn.cells[m.mid] = (x, top)
        row = top + len(lines)
        quad = m.gaps.quadrant
        square = QUADRANT_STYLE[quad].replace("dim", "bright_black") if quad else "dim"
        if worded:
            if quad:  # the word in the quadrant's colour
                grid.put(x, row, short_quadrant(quad, t, m.gaps.below_midpoint),
                         QUADRANT_STYLE[quad], limit=inner)
            else:
                grid.put(x, row, "–", "dim")
            grid.put(x, row + 1, _figures(m, t, inner), "", limit=inner)
        else:
            grid.put(x, row, "■" if quad else "–", square)
            grid.put(x + 2, row, _figures(m, t, inner - 2), "", limit=inner - 2)

    if not board.asked:
        grid.put(label, y, t("Feelings: not asked in this session."), "dim italic",
                 limit=width - label)
        drawn.text = grid.text()
        return drawn

    # The feeling curve: −100 % at the bottom, +100 % at the top; each moment's point in
    # the middle of its column, the points joined by dots.
    zero = y + curve // 2
    grid.put(0, y, i18n.signed_percent(1, t), "dim", limit=label - 1)
    grid.put(0, zero, "0", "dim")
    grid.put(0, y + curve - 1, i18n.signed_percent(-1, t), "dim", limit=label - 1)
    grid.put(label + 1, zero, "┈" * (shown * cell - 2), "dim")
    points: list[tuple[int, int, MapMoment]] = []  # every column's, on screen or not
    for j, (_stage, m) in enumerate(cols):
        if m is None or m.feeling.level is None:
            continue
        py = y + round((1 - m.feeling.level) / 2 * (curve - 1))  # the row of its point
        points.append((x_of(j - first) + 1 + (inner - 1) // 2, py, m))
    right = label + shown * cell - 1
    _join(grid, points, y, curve, label + 1, right)
    points = [p for p in points if label <= p[0] <= right]
    for px, py, m in points:
        level = m.feeling.level or 0
        colour = "green" if level > 0 else "red" if level < 0 else "white"
        mark = "◆" if m.feeling.source == GROUP else "●"
        grid.put(px, py, mark, f"bold {colour}" + (" reverse" if m.mid == selected else ""))
        drawn.curve[m.mid] = (px, py)
    # Each point's value, under the curve.
    values = y + curve
    for j, (_stage, m) in enumerate(visible_cols):
        if m is None:
            continue
        said = _feeling_words(m, t)
        if cell_len(said) > inner:
            said = _feeling_words(m, t, short=True)
        x = x_of(j) + 1 + max(0, (inner - cell_len(said)) // 2)
        felt = m.feeling.level
        style = "dim" if felt is None else "green" if felt > 0 else "red" if felt < 0 else ""
        grid.put(x, values, said, style, limit=inner)
    drawn.text = grid.text()
    return drawn


# Braille: each terminal cell holds 2 × 4 dots, so the line between two points can run
# at four times the rows' resolution.
_BRAILLE_BIT = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))  # [row][column]


def _join(grid: Grid, points: list[tuple[int, int, MapMoment]], top: int, rows: int,
          left: int, right: int) -> None:
    """The line through the points (cell x, cell y), in braille dots, within columns
    [left, right): a segment to a point off screen is drawn up to the edge."""
    dots: dict[tuple[int, int], int] = {}
    for (x0, y0, _m0), (x1, y1, _m1) in zip(points, points[1:], strict=False):
        if x1 < left or x0 >= right:
            continue
        # In dots: the middle of each point's cell.
        ax, ay, bx, by = x0 * 2 + 1, (y0 - top) * 4 + 2, x1 * 2 + 1, (y1 - top) * 4 + 2
        steps = max(abs(bx - ax), abs(by - ay), 1)
        for i in range(steps + 1):
            dx = round(ax + (bx - ax) * i / steps)
            dy = round(ay + (by - ay) * i / steps)
            cx, cy = dx // 2, dy // 4
            if left <= cx < right and 0 <= cy < rows:
                dots[(cx, cy)] = dots.get((cx, cy), 0) | _BRAILLE_BIT[dy % 4][dx % 2]
    for (cx, cy), bits in dots.items():
        grid.put(cx, top + cy, chr(0x2800 + bits), "dim")


def _figures(m: MapMoment, t, width: int) -> str:
    """"−2.5 (6) ●6": the gap with its n, and the dots."""
    row = m.gaps
    if row.gap is not None:
        gap = f"{decimal(t, row.gap, sign=True)} ({row.gap_n})"
    else:
        gap = t("n/m") if row.gap_reason == NOT_MEASURED else "–"
    dots = f"●{row.dots}" if row.dots else ""
    text = f"{gap} {dots}".strip()
    if cell_len(text) > width and row.gap is not None:
        text = f"{decimal(t, row.gap, sign=True)} {dots}".strip()
    return text


def _feeling_words(m: MapMoment, t, *, short: bool = False) -> str:
    f = m.feeling
    if f.net.n:
        net = i18n.signed_percent(f.net.net or 0.0, t)
        return net if short else f"{net} ({f.net.n})"
    if f.group is not None:
        return signed(f.group.value) if short else t("group {value}", value=signed(f.group.value))
    return "–"


def detail(m: MapMoment | None, board: JourneyMap, t, *, compact: bool = False,
           width: int = 0) -> Text:
    """The moment under the cursor, on three lines, each cut with … past ``width`` (0:
    not cut): its name and where it sits; its quadrant, gap and dots; how it felt.
    ``compact``: the shorter words of a narrow screen."""
    whole = _detail(m, board, t, compact)
    if not width:
        return whole
    lines = whole.split("\n")
    for line in lines:
        line.truncate(width, overflow="ellipsis")
    return Text("\n").join(lines)


def _detail(m: MapMoment | None, board: JourneyMap, t, compact: bool) -> Text:
    out = Text()
    if m is None:
        out.append(t("No moment yet: add moments in the moments step."), style="italic")
        return out
    out.append(f"{m.position} · ", style="bold")
    out.append(" ".join(visible(m.text).split()), style="bold")
    where = (" · ".join(x for x in (stage_label(m.stage, t), touchpoint_label(m.lane, t)) if x)
             if compact else where_words(m, t))
    out.append(f" · {where}" if where else "", style="dim")
    row = m.gaps
    figures: list[tuple[str, str]] = []
    if row.quadrant:
        figures.append((table_quadrant(row.quadrant, t, row.below_midpoint) if compact
                        else row.quadrant_label(t), QUADRANT_STYLE[row.quadrant]))
    if row.gap is not None:
        figures.append((t("gap {gap} (n = {n})", gap=decimal(t, row.gap, sign=True),
                          n=row.gap_n), ""))
    if row.dots is not None and board.gaps.source is not None:
        figures.append((t.plural(row.dots, "{n} dot of {total}", "{n} dots of {total}",
                                 total=board.gaps.source.cast), ""))
    f = m.feeling
    felt: list[tuple[str, str]] = []
    if f.net.n:
        marks = " ".join(f"{signed(v)}×{c}"
                         for v, c in zip(range(-2, 3), f.counts, strict=True) if c)
        felt.append((t("net experience {net} (n = {n}): {marks}",
                       net=i18n.signed_percent(f.net.net or 0.0, t), n=f.net.n,
                       marks=marks), ""))
    if f.group is not None:
        group = t("group feeling {value}", value=signed(f.group.value))
        note = " ".join(visible(f.group.text).split()) if f.group.text else ""
        felt.append((f"{group}: {note}" if note else group, ""))
    if not board.asked:
        felt.append((t("Feelings: not asked in this session."), "dim"))
    elif not felt:
        felt.append((t("no feelings yet"), "dim"))
    for line in (figures, felt):
        if not line:
            continue
        out.append("\n")
        for n, (text, style) in enumerate(line):
            if n:
                out.append(" · ", style="dim")
            out.append(text, style=style or None)
    return out


def legend(t, asked: bool, compact: bool) -> Text:
    out = Text()
    for n, key in enumerate(QUADRANTS):
        if n:
            out.append(" ")
        out.append("■ ", style=QUADRANT_STYLE[key].replace("dim", "bright_black"))
        out.append(short_quadrant(key, t), style="dim")
    out.append(" · " + (t("gap ●dots") if compact else t("gap (n) ●dots")), style="dim")
    if asked:
        out.append(" · ", style="dim")
        out.append("●", style="bold")
        out.append(("" if compact else " ") + (t("marks") if compact else
                                               t("net experience of the marks")), style="dim")
        out.append(" ◆", style="bold")
        out.append(("" if compact else " ") + (t("group") if compact else
                                               t("the group's feeling")), style="dim")
    return out


# ---- the widget and the screen ---------------------------------------------------------


class JourneyMapView(Widget, can_focus=True):
    """The map; ←/→ move from moment to moment and the view follows."""

    DEFAULT_CSS = """
    JourneyMapView { height: 1fr; }
    """

    def __init__(self, board: JourneyMap, t, index: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.board, self.t = board, t
        self.index = index  # the moment under the cursor, in map order
        self.first = 0  # the first column on screen
        self.drawn: Drawn | None = None

    @property
    def moment(self) -> MapMoment | None:
        return self.board.moments[self.index] if self.board.moments else None

    def _column_of(self, index: int) -> int:
        mid = self.board.moments[index].mid
        return next(i for i, (_, m) in enumerate(columns(self.board)) if m and m.mid == mid)

    def move(self, delta: int) -> None:
        if not self.board.moments:
            return
        self.index = max(0, min(len(self.board.moments) - 1, self.index + delta))
        shown = self.drawn.shown if self.drawn else 1
        column = self._column_of(self.index)
        if column < self.first:
            self.first = column
        elif column >= self.first + shown:
            self.first = column - shown + 1
        self.refresh()

    class Drawn(Message):
        """The map was drawn anew: the screen says which columns show."""

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        if not width or not height:
            return Text()
        moment = self.moment
        before = (self.drawn.first, self.drawn.shown) if self.drawn else None
        self.drawn = draw_map(self.board, self.t, width, height, self.first,
                              moment.mid if moment else None)
        self.first = self.drawn.first
        if moment is not None and not (
                self.drawn.first <= self._column_of(self.index)
                < self.drawn.first + self.drawn.shown):  # a resize: keep the cursor in view
            self.move(0)
            self.drawn = draw_map(self.board, self.t, width, height, self.first, moment.mid)
        if (self.drawn.first, self.drawn.shown) != before:
            self.post_message(self.Drawn())
        return self.drawn.text


class JourneyMapScreen(ModalScreen[None]):
    """The whole screen: the map, the moment under the cursor, a legend, the keys."""

    CSS_PATH = "journey_map.tcss"

    BINDINGS = [
        Binding("left", "move(-1)", _("Previous moment"), key_display="←/→"),
        Binding("right", "move(1)", _("Next moment"), show=False),
        Binding("pageup", "page(-1)", _("One screen back"), show=False),
        Binding("pagedown", "page(1)", _("One screen on"), show=False),
        Binding("home", "move(-1000000)", _("First moment"), show=False),
        Binding("end", "move(1000000)", _("Last moment"), show=False),
        Binding("escape,q,j", "close", _("Close")),
    ]

    def __init__(self, state: SessionState, t, mid: int | None = None):
        """``mid``: the moment the cursor starts on (the one the step had selected)."""
        super().__init__()
        self.state, self.t = state, t
        self.board = journey_map(state)
        self.start = next((i for i, m in enumerate(self.board.moments) if m.mid == mid), 0)

    def compose(self) -> ComposeResult:
        with Vertical(id="map-screen"):
            with Horizontal(id="map-bar"):
                yield Plain(id="map-title")
                yield Plain(id="map-where")
            yield JourneyMapView(self.board, self.t, self.start, id="map")
            yield TextView(id="map-detail")
            yield TextView(id="map-legend")
        yield KeyFooter()

    def on_mount(self) -> None:
        title = Text()
        title.append(f" {self.t('Journey map')} ", style="bold reverse")
        title.append(" " + " ".join(visible(self.state.title).split()), style="bold")
        self.query_one("#map-title", Plain).update(title)
        self.view.focus()
        self._show()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show)

    @property
    def view(self) -> JourneyMapView:
        return self.query_one(JourneyMapView)

    def _show(self) -> None:
        view, t = self.view, self.t
        compact = self.size.width < 120
        box = self.query_one("#map-detail", TextView)
        box.update(detail(view.moment, self.board, t, compact=compact,
                          width=max(1, box.content_size.width or self.size.width - 2)))
        self.query_one("#map-legend", TextView).update(legend(t, self.board.asked, compact))
        drawn = view.drawn
        where = Text()
        if drawn is not None and drawn.shown < drawn.total:
            # The view's own first column: a move sets it before the map is drawn again.
            where.append(t("columns {first}–{last} of {total} · ←/→", first=view.first + 1,
                           last=view.first + drawn.shown, total=drawn.total), style="dim")
        self.query_one("#map-where", Plain).update(where)

    def on_journey_map_view_drawn(self, message: JourneyMapView.Drawn) -> None:
        self._show()

    def action_move(self, delta: int) -> None:
        self.view.move(delta)
        self._show()

    def action_page(self, delta: int) -> None:
        drawn = self.view.drawn
        self.view.move(delta * (drawn.shown if drawn else 1))
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)
