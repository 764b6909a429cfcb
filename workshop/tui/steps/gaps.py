"""The gaps step: importance, performance and the gap per moment, and the 2×2 view.

The numbers are ``workshop.core.analysis.gap_table``'s, never recomputed here: the
gap is the paired mean of P − E with its n, "n/m" (not measured) in a session without
expectation ratings. The table sorts by journey, priority, gap, importance or
performance (s, or a click on a heading). The importance–performance view places each
moment by its journey number: performance across, importance up, cross-hairs where the
script puts them (the group's means, or the scale's midpoint and an equal share). An
overkill or keep-up moment still rated below the midpoint says so, in the table and on the
chart.
"""

from __future__ import annotations

import io
from functools import cache
from itertools import groupby
from operator import itemgetter

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import DataTable

from workshop import i18n
from workshop.core.analysis import (
    CONCENTRATE,
    KEEP,
    LOW,
    MIDPOINT,
    NOT_MEASURED,
    OVERKILL,
    QUADRANTS,
    GapRow,
    GapTable,
    crosshairs_choice,
    crosshairs_label,
    expectation_note,
    importance_note,
    quadrant_label,
)
from workshop.core.figures import MomentFigures, gap_table_of
from workshop.core.kinds import registry
from workshop.core.kinds.spec import MomentColumn
from workshop.core.state import SessionState
from workshop.core.tracked import Changes
from workshop.tui.keys import _
from workshop.tui.steps.base import StepView
from workshop.tui.steps.journey import SHORT, TextView, css_beside, decimal
from workshop.tui.steps.table import Shrink, SyncedTable, cell

QUADRANT_STYLE = {CONCENTRATE: "bold red", KEEP: "bold green", LOW: "dim", OVERKILL: "yellow"}
NARROW = 110  # panel columns: narrower, the table and the chart take turns (v)


def short_quadrant(key: str, t, below_midpoint: bool = False) -> str:
    """A quadrant in a narrow table's cell (the chart's corners say it in full)."""
    if key == OVERKILL and below_midpoint:
        return t("Overkill <3")
    if key == KEEP and below_midpoint:
        return t("Keep up <3")
    return {CONCENTRATE: t("Concentrate"), KEEP: t("Keep up"), LOW: t("Low prio."),
            OVERKILL: t("Overkill")}[key]


def table_quadrant(key: str, t, below_midpoint: bool = False) -> str:
    """A quadrant in a table cell with room: METHOD.md's words, and an overkill or
    keep-up moment rated below the midpoint says so (the long sentence is the report's)."""
    if key == OVERKILL and below_midpoint:
        return t("Overkill, below 3")
    if key == KEEP and below_midpoint:
        return t("Keep up, below 3")
    return quadrant_label(key, t)


def percent(t, share: float | None) -> str:
    """Importance as a share of the dots: "33%" ("33 %" in Spanish); "–" for none."""
    return "–" if share is None else i18n.percent(share, t)


def gap_text(t, gap: float | None, n: int, reason: str | None) -> str:
    """"−2.5 (6)": the paired gap and how many gave both ratings; n/m when the session
    measured no expectation at all."""
    if gap is None:
        return t("n/m") if reason == NOT_MEASURED else "–"
    return f"{decimal(t, gap, sign=True)} ({n})"

def short_notes(analysis: GapTable, t) -> str:
    """Where the numbers come from, in one line (a short panel's)."""
    source = analysis.source
    parts = [t("No vote counts yet: importance needs a revealed vote.") if source is None
             else t.plural(source.cast, "Imp.: share of the {n} dot of vote {vote}.",
                           "Imp.: share of the {n} dots of vote {vote}.", vote=source.rid)]
    parts.append(t("Gap: performance − expected level, paired (n).") if analysis.measured
                 else t("No expected levels: no gap (n/m)."))
    if source is not None:
        parts.append(t("Cross-hairs on the scale.") if analysis.crosshairs == "scale"
                     else t("Cross-hairs at the means."))
    return " ".join(parts)


# sort key -> (how rows are ordered); None values go last
SORTS = ("journey", "priority", "gap", "importance", "performance")
COLUMN_SORT = {"pos": "journey", "text": "journey", "prio": "priority", "gap": "gap",
               "imp": "importance", "dots": "importance", "perf": "performance"}


def sort_rows(rows: tuple[GapRow, ...], how: str) -> list[GapRow]:
    """Rows in the order a sort key asks for; moments without the number go last."""
    if how == "journey":
        return list(rows)
    value = {"priority": lambda r: -r.priority if r.priority is not None else None,
             "gap": lambda r: r.gap,
             "importance": lambda r: -r.importance if r.importance is not None else None,
             "performance": lambda r: r.performance}[how]
    return sorted(rows, key=lambda r: (value(r) is None, value(r) or 0, r.position))


def _signature(state: SessionState) -> tuple:
    """What the gap table depends on beyond each moment's own numbers and entry (which the
    moments' figures follow): the journey's order, the votes (importance), where the
    cross-hairs go, and whether expectations were measured. Cheap to compare."""
    return (tuple(state.order),
            tuple((r.rid, r.target, r.blind, r.revealed) for r in state.rounds.values()),
            tuple(state.votes.items()), crosshairs_choice(state), bool(state.expected))


class IpaChart(Widget, can_focus=True):
    """Importance (up) against performance (across), moments by journey number."""

    DEFAULT_CSS = """
    IpaChart { height: 1fr; }
    """

    def __init__(self, t, **kwargs):
        super().__init__(**kwargs)
        self.t = t
        self.table: GapTable | None = None
        self.selected: int | None = None

    def show(self, table: GapTable, selected: int | None) -> None:
        self.table, self.selected = table, selected
        self.refresh()

    def render(self) -> Text:
        if self.table is None:
            return Text()
        return ipa_chart(self.table, self.size.width, self.size.height, self.t, self.selected)


def _lines(text: Text, width: int) -> int:
    """How many lines ``text`` takes wrapped at ``width`` (as the widget will draw it)."""
    return len(text.wrap(_console(width), width)) if text.plain else 0


@cache
def _console(width: int) -> Console:
    return Console(width=max(1, width), file=io.StringIO(), color_system=None)


def chart_caption(table: GapTable, t, *, midline: bool, missing: int,
                  compact: bool = False) -> Text:
    """What the 2×2 shows, under it: the axes as the Word chart has them (performance
    across, importance up), where the cross-hairs are, and a legend of the numbers and
    colours. ``compact``: the same in fewer words, for a short panel (80×24)."""
    foot = Text()
    cross_p, cross_i = table.cross_performance, table.cross_importance
    crossed = cross_p is not None and cross_i is not None
    scale = table.crosshairs == "scale"
    if compact:
        foot.append(t("→ performance · ↑ importance · numbers: moments (#)"), style="dim")
        if crossed:
            foot.append(" · " + t("cross-hairs {p}, {i}", p=decimal(t, cross_p),
                                 i=percent(t, cross_i)), style="dim")
    else:
        foot.append(t("→ performance today (1–5) · ↑ importance (share of the dots) · "
                      "numbers: moments (#)"), style="dim")
        if crossed:
            where = (t("cross-hairs on the scale") if scale else t("cross-hairs at the means"))
            foot.append("\n" + t("{where}: performance {p}, importance {i}", where=where,
                                 p=decimal(t, cross_p), i=percent(t, cross_i)), style="dim")
    foot.append("\n")
    for n, key in enumerate(QUADRANTS):
        if n:
            foot.append("  ")
        foot.append("■ ", style=QUADRANT_STYLE[key].replace("dim", "bright_black"))
        foot.append(short_quadrant(key, t) if compact else quadrant_label(key, t), style="dim")
    # With cross-hairs at the means, "overkill" and "keep up" can sit below the scale's
    # midpoint: a dotted line at 3 shows where the midpoint is.
    if midline:
        foot.append("\n" + (t("┊ the midpoint 3") if compact else t(
            "┊ the midpoint 3: a moment left of it is still rated below the midpoint.")),
            style="dim")
    if missing:
        foot.append("\n" + (t("{n} not placed (no ratings or no counted vote).", n=missing)
                            if compact else
                            t.plural(missing,
                                     "{n} moment not placed: it needs ratings and a counted vote.",
                                     "{n} moments not placed: each needs ratings and a counted "
                                     "vote.")), style="dim")
    return foot


def ipa_chart(table: GapTable, width: int, height: int, t, selected: int | None = None) -> Text:
    """The 2×2 drawn in characters, oriented as the Word chart: performance across,
    importance up, "Concentrate here" top left. Quadrant names in their corners; each
    moment's number placed wholly inside its quadrant, never on a cross-hair (a number
    on the line would say its quadrant by colour alone); a caption and a legend under it,
    measured wrapped so that none of it is cut."""
    placed = [r for r in table.rows if r.quadrant is not None]
    midline = any(r.quadrant in (OVERKILL, KEEP) and r.below_midpoint for r in placed)
    missing = len(table.rows) - len(placed)
    foot = chart_caption(table, t, midline=midline, missing=missing)
    if height - _lines(foot, width) < 10:  # a short panel: the caption in fewer words
        foot = chart_caption(table, t, midline=midline, missing=missing, compact=True)
    rows_left = height - _lines(foot, width)
    cross_p, cross_i = table.cross_performance, table.cross_importance
    if not placed or width < 30 or rows_left < 6 or cross_p is None or cross_i is None:
        note = t("Nothing to place yet.") if not placed else t("Too small for the chart.")
        return Text(note + "\n", style="italic") + foot
    w, h = width, rows_left
    grid = [[(" ", "")] * w for _ in range(h)]
    taken: set[tuple[int, int]] = set()

    def put(x: int, y: int, text: str, style: str, *, take: bool = False) -> None:
        for i, ch in enumerate(text):
            if 0 <= x + i < w and 0 <= y < h:
                grid[y][x + i] = (ch, style)
                if take:
                    taken.add((x + i, y))

    def both(r: GapRow) -> tuple[float, float]:
        """(importance, performance) of a placed moment: it has a quadrant only with both."""
        assert r.importance is not None and r.performance is not None
        return r.importance, r.performance

    top = max(both(r)[0] for r in placed)
    top = max(top, cross_i) * 1.1 or 1.0

    def col(p: float) -> int:
        return min(w - 1, max(0, round((p - 1) / 4 * (w - 1))))

    def row(i: float) -> int:
        return min(h - 1, max(0, round((1 - i / top) * (h - 1))))

    # The cross-hairs keep a row and a column of each quadrant on every side.
    cx = min(w - 3, max(2, col(cross_p)))
    cy = min(h - 3, max(2, row(cross_i)))
    if midline and col(MIDPOINT) != cx:
        for y in range(h):
            put(col(MIDPOINT), y, "┊", "dim yellow")
    for y in range(h):
        put(cx, y, "│", "dim")
    for x in range(w):
        put(x, cy, "┼" if x == cx else "─", "dim")
    corners = ((CONCENTRATE, 0, 0, False), (KEEP, cx + 1, 0, True),
               (LOW, 0, h - 1, False), (OVERKILL, cx + 1, h - 1, True))
    for key, x, y, right in corners:
        label = quadrant_label(key, t)
        room = (w - cx - 1) if right else cx
        label = label if len(label) <= room else label[: max(0, room - 1)] + "…"
        if right:
            x = max(cx + 1, w - len(label))
        put(x, y, label, QUADRANT_STYLE[key].replace("bold ", "") + " italic", take=True)
    # Each quadrant's cells: a number is placed wholly inside its own, off the lines.
    # (A space apart from the vertical line: "12│" reads as sitting on it.)
    bounds = {CONCENTRATE: (0, cx - 2, 0, cy - 1), KEEP: (cx + 2, w - 1, 0, cy - 1),
              LOW: (0, cx - 2, cy + 1, h - 1), OVERKILL: (cx + 2, w - 1, cy + 1, h - 1)}
    # Numbers sharing a cell are joined ("3,7"); a crowded spot moves to the nearest free one.
    spots: dict[tuple[str, int, int], list[GapRow]] = {}
    for r in placed:
        importance, performance = both(r)
        spots.setdefault((r.quadrant or "", col(performance), row(importance)), []).append(r)
    for (quad, x, y), group in sorted(spots.items(), key=lambda kv: (kv[0][2], kv[0][1])):
        label = ",".join(str(r.position) for r in group)
        x0, x1, y0, y1 = bounds[quad]
        x = min(max(x, x0), max(x0, x1 - len(label) + 1))
        y = min(max(y, y0), y1)
        best = None
        for distance in range(0, max(w, h)):
            for dy in sorted(range(-distance, distance + 1), key=abs):
                for dx in (distance - abs(dy), -(distance - abs(dy))):
                    nx, ny = x + dx * 2, y + dy  # a step across is two cells: cells are tall
                    if not (x0 <= nx and nx + len(label) - 1 <= x1 and y0 <= ny <= y1):
                        continue
                    cells = {(nx + i, ny) for i in range(-1, len(label) + 1)}
                    if not cells & taken:
                        best = (nx, ny)
                        break
                if best:
                    break
            if best:
                break
        if best is None:  # no free spot left in the quadrant: on top, but still inside it
            best = (x, y)
        x, y = best
        style = QUADRANT_STYLE[quad]
        if any(r.mid == selected for r in group):
            style += " reverse"
        put(x, y, label, style, take=True)
    out = Text()
    for line in grid:  # a run of cells in one style at a time (not each cell on its own)
        for style, run in groupby(line, key=itemgetter(1)):
            out.append("".join(ch for ch, _ in run), style=style or None)
        out.append("\n")
    return out + foot


class GapsView(StepView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        # The view first: the footer keeps its first keys when short of room, and the
        # 2x2 chart is what the step is for (Spanish at 80 columns kept Sort and Map).
        Binding("v", "view", _("View"), tooltip=_("Table or chart")),
        Binding("s", "sort", _("Sort"), tooltip=_("Sort by the next column")),
        Binding("j", "journey_map", _("Map"),
                tooltip=_("The journey map: stages, touchpoints and the feeling curve")),
    ]

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self.sort = "journey"
        self.analysis: GapTable | None = None
        self._signature: tuple | None = None
        # The moments' figures this panel follows, and the moments changed since its last
        # redraw (core/figures.py): the table is worked out again only after a change.
        self._figures: MomentFigures | None = None
        self._seen: Changes | None = None
        self._shown: GapTable | None = None  # the analysis the table and chart show
        self._extra_values: list[dict[int, float]] = []
        # Columns other kinds add beside the dot votes (a ranking's points): the table
        # is built again when which ones there are changes.
        self._extra: list[MomentColumn] = registry.gap_columns(live.state, self.t)

    def compose(self) -> ComposeResult:
        t = self.t
        extra = [(f"x_{c.key}", c.heading, max(5, len(c.heading))) for c in self._extra]
        # Where the moment would get less: short quadrant names, then without the dots and
        # the expectation (what importance and the gap are made of) and the priority
        # (importance times the gap, both on screen); then without the other kinds'
        # columns (shown nowhere else here). Last, the gap without its n. Importance
        # stays: half of what the 2×2 is about.
        hide_extra: Shrink = {key: None for key, _, _ in extra}
        shrink: list[Shrink] = [
            {"quad": self._quadrant_width(short_quadrant)}, {"dots": None}, {"exp": None},
            {"prio": None}, *([hide_extra] if extra else []),
            {"gap": (max(5, len(t("Gap"))), t("Gap"))},
            # Last, without the journey's numbers (the rows are in its order until s
            # sorts them): at 80 columns in Spanish "Encontrar aparcamiento" and
            # "Encontrar los productos…" were both "Encontrar …".
            {"pos": None}]
        yield TextView(id="source")
        with Horizontal(id="body"):
            yield SyncedTable(
                [("pos", "#", 3), ("text", t("Moment"), 16),
                 ("dots", t("Dots"), max(4, len(t("Dots")))), *extra,
                 ("imp", t("Imp."), max(5, len(t("Imp.")))),
                 ("perf", t("Perf."), max(7, len(t("Perf.")))),
                 ("exp", t("Exp."), max(4, len(t("Exp.")))),
                 ("gap", t("Gap (n)"), max(8, len(t("Gap (n)")))),
                 ("prio", t("Prio."), max(5, len(t("Prio.")))),
                 ("quad", t("Quadrant"), self._quadrant_width(table_quadrant))],
                self._render_row, flex="text", id="gaps", min_flex=10, want_flex=16,
                shrink=shrink)
            yield IpaChart(t, id="chart")
        yield TextView(id="hint")

    def mounted(self) -> None:
        self.refresh_state()
        if not self.live.readonly:
            # The screen focuses the panel after the next refresh; taking the focus now
            # as well means a key pressed right after the step opens is not lost.
            self.focus_entry()

    def _quadrant_width(self, label) -> int:
        names = [label(q, self.t) for q in QUADRANT_STYLE] + [label(OVERKILL, self.t, True)]
        return max(len(self.t("Quadrant")), *(len(name) for name in names))

    def _quadrant(self, key: str, below_midpoint: bool) -> str:
        name = table_quadrant(key, self.t, below_midpoint)
        return (name if len(name) <= self.table.width_of("quad")
                else short_quadrant(key, self.t, below_midpoint))

    def fit_width(self, width: int) -> None:
        if width:
            self.set_class(width < NARROW, "-narrow", update=self.is_attached)

    def on_resize(self) -> None:
        self.fit_width(self.size.width)
        if self._shown is not None:
            # Only the notes take another form by the panel's height; the table fits its
            # columns to its own width, and the chart is drawn at its size (the rows made
            # again here were a tenth of a first visit on a large session).
            self._show_source(self._shown)

    def entry_widget(self) -> Widget | None:
        return self.query_one("#gaps", SyncedTable)

    @property
    def table(self) -> SyncedTable:
        return self.query_one("#gaps", SyncedTable)

    @property
    def current_mid(self) -> int | None:
        key = self.table.selected_key if self.is_mounted else None
        return int(key) if key is not None else None

    # ---- redraw -------------------------------------------------------------------
    def refresh_state(self) -> None:
        if not self.is_mounted:
            return
        state = self.live.state
        extra = registry.gap_columns(state, self.t)
        if [c.key for c in extra] != [c.key for c in self._extra]:
            self._extra = extra
            self.call_later(self._rebuild)
            return
        self._extra = extra
        figures = self.live.moment_figures()
        if figures is not self._figures or self._seen is None:  # a new panel, a new state
            self._figures, self._seen = figures, figures.follow()
            changed = True
        else:
            changed = bool(self._seen)
            self._seen.clear()
        signature = _signature(state)
        if changed or signature != self._signature or self.analysis is None:
            # Each moment's numbers are kept per moment: only those of the moments that
            # changed are summed again, and the table's rows that differ drawn again.
            # Importance (a tally of the votes) stays while the votes do, unless it
            # counts ideas, which a change may have moved to another moment.
            source = self.analysis.source if self.analysis is not None else None
            same = (signature == self._signature and self.analysis is not None
                    and (source is None or source.target == "moments"))
            self._signature = signature
            self.analysis = gap_table_of(state, figures, source if same else True)
        # Other kinds' columns (a ranking's points) change apart from the moments' figures.
        extra_values = [dict(c.values) for c in extra]
        if self.analysis is not self._shown or extra_values != self._extra_values:
            self._extra_values = extra_values
            self._show()

    async def _rebuild(self) -> None:
        await self.recompose()
        self._shown = None  # a new table: every row drawn
        self.refresh_state()

    def _sorted(self, rows: tuple[GapRow, ...]) -> list[GapRow]:
        for column in self._extra:  # most first, moments without a value last
            if self.sort == f"x_{column.key}":
                values = column.values
                return sorted(rows, key=lambda r: (values.get(r.mid) is None,
                                                   -values.get(r.mid, 0), r.position))
        return sort_rows(rows, self.sort)

    @property
    def _sorts(self) -> list[str]:
        return [*SORTS, *(f"x_{c.key}" for c in self._extra)]

    def _show(self) -> None:
        analysis, t = self.analysis, self.t
        if analysis is None:  # not worked out yet
            return
        self._shown = analysis
        self._show_source(analysis)
        table = self.table
        keep = None if self.made_ahead else table.selected_key
        extra = self._extra
        # Each row's raw values: its cells are made (their numbers written, the words
        # translated) only for the rows the table adds, a screenful on a first visit.
        table.sync([(str(r.mid), (r.position, r.text, r.dots, r.importance, r.performance,
                                  r.ratings, r.expectation, r.gap, r.gap_n, r.gap_reason,
                                  r.priority, r.quadrant, r.below_midpoint,
                                  tuple(c.values.get(r.mid) for c in extra) if extra else ()))
                    for r in self._sorted(analysis.rows)])
        if not table.select(keep) and table.row_count:
            table.move_cursor(row=0)
        self.query_one(IpaChart).show(analysis, self.current_mid)
        names = {"journey": t("journey"), "priority": t("priority"), "gap": t("gap"),
                 "importance": t("importance"), "performance": t("performance"),
                 **{f"x_{c.key}": c.heading for c in extra}}
        self.query_one("#hint", TextView).update(Text(
            t("Sorted by {how} · s sorts by the next column · v table or chart",
              how=names[self.sort]), style="dim"))

    def _show_source(self, analysis: GapTable) -> None:
        """Where the numbers come from, above the table."""
        t = self.t
        source = [importance_note(analysis.source, t), expectation_note(analysis.measured, t)]
        if analysis.source is not None:
            source.append(crosshairs_label(analysis.crosshairs, t))
        view = self.query_one("#source", TextView)
        if self.size.height and self.size.height < SHORT:
            # A short panel: the same in a line, the whole sentences on the mouse's tooltip
            # (and in the report); the table and the chart need the rows.
            view.tooltip = " ".join(source)
            source = [short_notes(analysis, t)]
        view.update(Text(" ".join(source), style="dim"))

    def _render_row(self, raw: tuple) -> tuple:
        t = self.t
        pos, text, dots, imp, perf, n, exp, gap, gap_n, reason, prio, quad, below, more = raw
        shown_gap = gap_text(t, gap, gap_n, reason)
        gap_style = ("dim" if gap is None else "bold red" if gap < 0 else "green")
        return (pos, cell(text),
                Text("" if dots is None else str(dots), justify="right"),
                *(Text("" if value is None else decimal(t, value, column.digits),
                       justify="right") for column, value in zip(self._extra, more, strict=False)),
                Text(percent(t, imp), justify="right"),
                Text(decimal(t, perf) + (f" ({n})" if n else ""), justify="right"),
                Text(decimal(t, exp), justify="right"),
                Text(shown_gap if self.table.width_of("gap") >= len(shown_gap)
                     else decimal(t, gap, sign=True), style=gap_style, justify="right"),
                Text(decimal(t, prio, 2), justify="right"),
                cell(self._quadrant(quad, below) if quad else "", QUADRANT_STYLE.get(quad, "")))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if self.analysis is not None:
            self.query_one(IpaChart).show(self.analysis, self.current_mid)

    # ---- keys ---------------------------------------------------------------------------
    def action_sort(self) -> None:
        sorts = self._sorts
        self.sort = sorts[(sorts.index(self.sort) + 1) % len(sorts)] if self.sort in sorts \
            else SORTS[0]
        self._show()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = event.column_key.value or ""
        how = COLUMN_SORT.get(key) or (key if key in self._sorts else None)
        if how:
            self.sort = how
            self._show()

    def action_journey_map(self) -> None:
        from workshop.tui.screens.journey_map import JourneyMapScreen

        self.app.push_screen(JourneyMapScreen(self.live.state, self.t, self.current_mid))

    def action_view(self) -> None:
        self.toggle_class("-chart")
        # The one shown takes the focus: a hidden table took the panel's keys (v, s) away.
        chart = self.has_class("-chart") and self.has_class("-narrow")
        self.query_one("#chart" if chart else "#gaps").focus()


STEP_KINDS = ("gaps",)
VIEW = GapsView
