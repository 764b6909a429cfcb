"""What the step panels share: moments along the journey and their labels.

``JourneyView`` is the base of the panels built around moving through the moments
(expectations, excellence, wrap-up): a table of moments whose cursor the arrow keys
move even while the facilitator is typing in an entry field, and a hook called when
the moment on screen changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual.binding import Binding
from textual.css.scalar import Unit
from textual.widget import Widget
from textual.widgets import DataTable, Input

from workshop import i18n
from workshop.core.figures import Figures, MomentFigures
from workshop.core.safetext import visible
from workshop.core.state import Moment, SessionState, stage_label, touchpoint_label
from workshop.core.tally import moment_votes
from workshop.core.tracked import Changes
from workshop.tui.keys import _
from workshop.tui.plain import safe
from workshop.tui.steps.base import StepView, composed
from workshop.tui.steps.table import Later, RowValues, SyncedTable, cell

SHORT = 22  # a panel lower than this gets one-line entry fields
STAGE_STYLE = {"before": "cyan", "during": "yellow", "after": "magenta"}


def moment_heading(t, state: SessionState, mid: int | None) -> Text:
    """"3 · Waiting at the till  (during · direct)": the moment a panel is on."""
    m = state.moments.get(mid) if mid is not None else None
    if m is None:
        return Text(t("No moment yet: add moments in the moments step."), style="italic")
    head = Text(f"{state.order.index(m.mid) + 1} · ", style="bold", no_wrap=True,
                overflow="ellipsis")
    head.append(" ".join(visible(m.text).split()), style="bold")
    tags = [x for x in (stage_label(m.stage, t), touchpoint_label(m.touchpoint, t)) if x]
    if tags:
        head.append(f"  ({' · '.join(tags)})", style=STAGE_STYLE.get(m.stage or "", "dim"))
    return head


def short_names(state: SessionState) -> list[tuple[int, str]]:
    """(pid, a short label) in roster order: first names where they are unambiguous, for
    rows of chips that must fit a narrow panel."""
    people = sorted(state.participants.values(), key=lambda p: p.pid)
    first = [p.label.split()[0] if p.label.split() else p.pseudonym for p in people]
    return [(p.pid, (f if first.count(f) == 1 else p.label)[:14])
            for p, f in zip(people, first, strict=True)]


def compact_entries(view: Widget, short: bool) -> None:
    """One-line entry fields when the panel is short (80×24 with the guide shown)."""
    view.set_class(short, "-short")
    for entry in view.query(Input):
        entry.compact = short


def decimal(t, value: float | None, digits: int = 1, *, sign: bool = False) -> str:
    """A number the way the session's language writes it (2.5 / 2,5); "–" for none."""
    if value is None:
        return "–"
    # A typographic minus (−2.8), a gap's sign (+1.6): as the report writes them.
    return i18n.decimal(value, digits, t, sign=sign, minus=i18n.MINUS)


def css_beside(module_file: str) -> str:
    """The ``.tcss`` file next to a panel's module (its DEFAULT_CSS)."""
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")


def count_by_moment(items: Iterable, **match) -> Counter:
    """How many of ``items`` hang on each moment (optionally only those matching)."""
    out: Counter = Counter()
    for item in items:
        if all(getattr(item, k) == v for k, v in match.items()):
            out[item.mid] += 1
    return out


class VoteOrder:
    """The moments as the latest vote on them that counts ranks them (most dots first,
    the journey on ties), with their dots; along the journey while no vote counts. For
    the steps that work on "the top moments from the vote": excellence, the wrap-up."""

    def __init__(self, state: SessionState):
        self.tally = moment_votes(state)
        self.dots = {row.item: row.dots for row in self.tally.rows} if self.tally else {}
        self.moments = ([state.moments[row.item] for row in self.tally.rows
                         if row.item in state.moments] if self.tally
                        else state.ordered_moments())

    def hint(self, t) -> str:
        return t("Most dots first (vote {n}).", n=self.tally.rid) if self.tally else ""


def dots_cell(dots: int | None) -> Text:
    return Text(str(dots) if dots else "", style="bold green", justify="right")


class TextView(Widget):
    """Text that redraws only when it changed, and asks for a new layout (which redraws
    the whole screen) only when its height may have changed."""

    DEFAULT_CSS = """
    TextView { height: auto; }
    """

    def __init__(self, text: Text | None = None, **kwargs):
        super().__init__(**kwargs)
        self._text = safe(text or Text())

    @property
    def text(self) -> Text:
        return self._text

    def update(self, text: Text) -> None:
        text = safe(text)  # a moment, a card, a name: control characters shown
        if text == self._text:
            return
        before = self._lines(self._text)
        self._text = text
        self.refresh(layout=before is None or self._lines(text) != before)

    def _lines(self, text: Text) -> int | None:
        height = self.styles.height
        if height is not None and height.unit == Unit.CELLS:
            return 0  # a fixed height: the layout never changes
        width = self.content_size.width
        if not width or not self.is_mounted:
            return None
        return len(text.wrap(self.app.console, width))

    def render(self) -> Text:
        return self._text


class Unnumbered(int):
    """A row's place in the order that shows no number (the whole-journey row)."""

    def __str__(self) -> str:
        return ""


class JourneyView(StepView):
    """A panel that moves through the moments with a table on one side.

    Subclasses give ``moment_columns`` (extra columns after the number and the text),
    ``moment_extra`` (their raw values for one moment, computed once per redraw in
    ``prepare``) and ``render_extra``; they react to ``moment_changed``.
    """

    BINDINGS = [
        Binding("up", "step_moment(-1)", _("Previous moment"), show=False),
        Binding("down", "step_moment(1)", _("Next moment"), show=False),
        Binding("pageup", "step_moment(-10)", _("Ten moments back"), show=False),
        Binding("pagedown", "step_moment(10)", _("Ten moments on"), show=False),
        # Where a field does not take them for its own cursor (the ratings row, a list).
        Binding("home", "step_moment(-1000000)", _("First moment"), show=False),
        Binding("end", "step_moment(1000000)", _("Last moment"), show=False),
    ]

    TEXT_WIDTH = 24
    ENTRY = "#entry"  # the field the cursor goes to when the step opens
    NARROW: int | None = 90  # narrower than this, the class -narrow stacks the parts
    # Actions that change the session: off (and out of the footer) in a replay.
    WRITES: frozenset[str] = frozenset()
    # A first row standing for no moment in particular (an action for the whole journey).
    WHOLE_JOURNEY_ROW = False
    WHOLE = "0"  # its row key (moment ids start at 1)

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self._shown_mid: int | None = None  # the moment the detail was last drawn for
        self._select_next: int | None = None  # a moment to select once its row exists
        self.figures: MomentFigures | None = None  # each moment's, kept up to date
        self._seen: Changes | None = None  # the moments changed since the last redraw
        # What the table's rows were last made from as a whole: (the moments in the
        # table's order, the journey's order, row_context). While it stays the same, only
        # the moments whose figures or entry changed get their rows made again.
        self._synced: tuple[list[int], list[int], object] | None = None
        self._position: dict[int, int] = {}

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action in self.WRITES and self.live.readonly)

    def fit_width(self, width: int) -> None:
        if self.NARROW and width:
            self.set_class(width < self.NARROW, "-narrow", update=self.is_attached)

    def on_resize(self) -> None:
        if self.NARROW:
            self.set_class(self.size.width < self.NARROW, "-narrow")
        compact_entries(self, self.size.height < SHORT)

    def entry_widget(self) -> Widget | None:
        if self.live.readonly:  # nothing to type: the arrow keys walk the moments
            self.table.can_focus = True
            return self.table
        return self.query_one(self.ENTRY)

    def early_focus(self, widgets: list[Widget]) -> Widget | None:
        if self.live.readonly:
            table = composed(widgets, "moments")
            if table is not None:
                table.can_focus = True  # as entry_widget makes it
            return table
        return composed(widgets, self.ENTRY[1:]) if self.ENTRY.startswith("#") else None

    # ---- for subclasses --------------------------------------------------------
    def moment_columns(self) -> list[tuple[str, str, int]]:
        return []

    def prepare(self, state: SessionState) -> None:
        """Gather, once per redraw, what ``moment_extra`` reads."""

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        return ()

    def render_extra(self, extra: tuple) -> tuple:
        return extra

    def moment_changed(self) -> None:
        """The moment on screen changed (or what hangs on it may have)."""

    def moment_order(self, state: SessionState) -> list[Moment]:
        """The moments in the order the table lists them: along the journey."""
        return state.ordered_moments()

    def row_context(self, state: SessionState) -> object:
        """Whatever a row shows beyond its moment's own entry and ``figures`` (read after
        ``prepare``): when it changes, every row is made again."""
        return None

    def whole_journey_extra(self, state: SessionState) -> tuple:
        """The extra columns of the whole-journey row (when there is one)."""
        return tuple(None for _ in self.moment_columns())

    # ---- the table -------------------------------------------------------------
    def moments_table(self, *, focusable: bool = True, **layout) -> SyncedTable:
        columns = [("pos", "#", 3), ("text", self.t("Moment"), self.TEXT_WIDTH),
                   *self.moment_columns()]
        table = SyncedTable(columns, self._render_moment, flex="text", id="moments", **layout)
        table.can_focus = focusable
        return table

    def _render_moment(self, raw: tuple) -> tuple:
        pos, text, *extra = raw
        return (pos, cell(text), *self.render_extra(tuple(extra)))

    @property
    def table(self) -> SyncedTable:
        return self.query_one("#moments", SyncedTable)

    @property
    def selected_mid(self) -> int | None:
        """The moment under the table's cursor: what a key or an entry applies to."""
        if not self.is_mounted:
            return None
        key = self.table.selected_key
        return int(key) if key not in (None, self.WHOLE) else None

    @property
    def current_mid(self) -> int | None:
        return self.selected_mid

    def select_moment(self, mid: int) -> None:
        """Put the cursor on a moment (now, or as soon as the redraw adds its row)."""
        if not self.table.select(mid):
            self._select_next = mid

    def moment_figures(self, mid: int) -> Figures:
        """A moment's figures (expectations, ideas, ratings, feelings) as of this redraw."""
        assert self.figures is not None  # sync_moments brings them up to date first
        return self.figures.of(mid)

    def sync_moments(self) -> None:
        state = self.live.state
        figures = self.live.moment_figures()
        changed: set[int] | None = None
        if figures is not self.figures or self._seen is None:  # a new panel, a new state
            self.figures, self._seen = figures, figures.follow()
        else:
            changed = set(self._seen)
            self._seen.clear()
        self.prepare(state)
        table = self.table
        keep, old_row = table.selected_key, table.cursor_row
        if self.made_ahead:  # made before the step opens: its rows' order may change
            keep, old_row = None, 0  # until then (a vote revealed), and it starts on top
        ordered = self.moment_order(state)
        synced = ([m.mid for m in ordered], list(state.order), self.row_context(state))
        if changed is not None and synced == self._synced:
            # The same rows in the same order: only those of the moments that changed.
            position = self._position
            table.update_rows((str(mid), (position[mid], m.text, *self.moment_extra(state, m)))
                              for mid in changed if (m := state.moments.get(mid)) is not None
                              and mid in position)
        else:
            # The number is the moment's place along the journey, whatever order the rows
            # take.
            position = self._position = {mid: pos for pos, mid in enumerate(state.order,
                                                                            start=1)}
            rows: list[tuple[str, RowValues]]
            if table.adds_later:
                # Each row's values made as the row is added: those in sight now, the rest
                # from half a second later (a moment's figures, for 500 moments).
                def values(m: Moment) -> Later:
                    return Later(position[m.mid], lambda: (position[m.mid], m.text,
                                                           *self.moment_extra(state, m)))

                rows = [(str(m.mid), values(m)) for m in ordered]
            else:
                rows = [(str(m.mid), (position[m.mid], m.text, *self.moment_extra(state, m)))
                        for m in ordered]
            if self.WHOLE_JOURNEY_ROW:
                rows.insert(0, (self.WHOLE, (Unnumbered(0), self.t("(the whole journey)"),
                                             *self.whole_journey_extra(state))))
            table.sync(rows)
        self._synced = synced
        if self._select_next in state.moments:
            keep, self._select_next = str(self._select_next), None
        if not table.select(keep) and table.row_count:
            table.move_cursor(row=min(max(old_row, 0), table.row_count - 1))

    def refresh_state(self) -> None:
        if not self.is_mounted:  # called before compose: mounted() draws it
            return
        self.sync_moments()
        self._shown_mid = self.selected_mid
        self.moment_changed()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id != "moments":
            return
        event.stop()
        if self.selected_mid != self._shown_mid:
            self._shown_mid = self.selected_mid
            self.moment_changed()

    def action_step_moment(self, delta: int) -> None:
        self.table.step_cursor(delta)

    def mounted(self) -> None:
        # Stacked or side by side from the first layout, judged by the width the panel
        # will take (its container's): a second layout when its own size comes would
        # lay out and draw the whole table again.
        self.fit_width((self.parent.size.width if isinstance(self.parent, Widget) else 0)
                       or self.width_hint)
        self.refresh_state()
        if not self.live.readonly:
            # The screen focuses the panel after the next refresh; taking the focus now
            # as well means a key pressed right after the step opens is not lost.
            self.focus_entry()
