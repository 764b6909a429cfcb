"""The expectations step: per moment, what people expect and how their providers do.

Arrow keys move through the moments from anywhere in the panel. Two entry fields take
stated expectations and latent needs ("3: …" credits a participant). The ratings row
takes a 1–5 rating of the usual providers per participant: pick the participant with
←/→ (or start at the first) and press a digit; the cursor moves on to the next person,
so a round of the table is one digit per participant.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input

from workshop.core.entry import parse_entry
from workshop.core.state import Expectation, Moment, SessionState
from workshop.tui.keys import _
from workshop.tui.steps.entries import EntryEditing, EntryList, edit_bindings
from workshop.tui.steps.journey import (SHORT, JourneyView, TextView, average, chip_row,
                                        compact_entries, count_by_moment, css_beside, decimal,
                                        moment_heading, ratings_by_moment, short_names)
from workshop.tui.steps.table import cell


class RatingRow(Widget, can_focus=True):
    """One rating per participant for the moment on screen; digits 1–5 rate."""

    BINDINGS = [
        Binding("left", "choose(-1)", _("Previous participant"), show=False),
        Binding("right", "choose(1)", _("Next participant"), show=False),
        # One line in the footer and the help ("1-5"), five keys.
        Binding("1", "rate(1)", _("Rate 1 to 5"), key_display="1-5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 6)),
    ]

    index: reactive[int] = reactive(0)
    readonly = False  # a replay: the digits rate nothing

    class Rated(Message):
        def __init__(self, pid: int, value: int):
            super().__init__()
            self.pid, self.value = pid, value

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.people: list[tuple[int, str]] = []  # (pid, label)
        self.values: dict[int, int] = {}
        self.summary = Text()

    def show(self, people: list[tuple[int, str]], values: dict[int, int], summary: Text,
             *, restart: bool = False) -> None:
        """Draw a moment's ratings; ``restart`` (a new moment) goes back to the first person."""
        lines = self._lines()
        self.people, self.values, self.summary = people, values, summary
        self.index = 0 if restart else min(self.index, max(0, len(people) - 1))
        # A new layout only when the row may wrap onto another line: a layout pass
        # redraws the whole screen.
        self.refresh(layout=self._lines() != lines)

    def _lines(self) -> int:
        """How many lines the row takes at its width, wrapped as it is drawn (a count of
        characters missed a chip pushed onto a second line, which then stayed hidden)."""
        width = self.content_size.width
        return len(self.render().wrap(self.app.console, width)) if width else 0

    @property
    def pid(self) -> int | None:
        return self.people[self.index][0] if self.people else None

    def render(self) -> Text:
        chips = []
        for i, (pid, label) in enumerate(self.people):
            value = self.values.get(pid)
            chip = f" {label} {value if value else '·'} "
            if i == self.index and self.has_focus:
                style = "reverse bold"
            elif i == self.index:
                style = "underline"
            else:
                style = "bold" if value else "dim"
            click = Style.from_meta({"@click": f"choose_at({i})"})
            chips.append((chip, Style.parse(style) + click))
        out = chip_row(chips, self.content_size.width)
        out.append(" ")
        out.append_text(self.summary)
        return out

    def watch_index(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_choose(self, delta: int) -> None:
        if self.people:
            self.index = (self.index + delta) % len(self.people)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "rate" and self.readonly)

    def action_rate(self, value: int) -> None:
        if self.pid is not None:
            self.post_message(self.Rated(self.pid, value))

    def advance(self) -> None:
        """After a rating: on to the next participant (stay on the last one)."""
        if self.index < len(self.people) - 1:
            self.index += 1

    def action_choose_at(self, index: int) -> None:  # a click on a participant
        if 0 <= index < len(self.people):
            self.index = index
            self.focus()


class ExpectationsView(EntryEditing, JourneyView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("ctrl+l", "focus_ratings", _("Go to the ratings")),
        *edit_bindings(),
    ]

    TEXT_WIDTH = 18
    WRITES = frozenset({"focus_ratings", "edit", "delete"})
    ENTITY, ID, LIST = "expectation", "xid", "#said-text"

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self._rated_mid: int | None = None  # the moment the ratings row shows

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield self.moments_table(focusable=False)
            with Vertical(id="detail"):
                yield TextView(id="heading")
                with VerticalScroll(id="said", can_focus=False):
                    yield EntryList(id="said-text")
                yield RatingRow(id="ratings")
        with Horizontal(id="entries"):
            yield Input(placeholder=self.t("Stated expectation, Enter"), id="stated",
                        select_on_focus=False)
            yield Input(placeholder=self.t("Latent need, Enter"), id="latent",
                        select_on_focus=False)

    def on_mount(self) -> None:
        ratings = self.query_one(RatingRow)
        ratings.border_title = self.t("Rating of usual providers (1–5)")
        ratings.readonly = self.live.readonly
        super().on_mount()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 90, "-narrow")
        compact_entries(self, self.size.height < SHORT)

    def focus_entry(self) -> None:
        self.query_one("#stated", Input).focus()

    # ---- the table --------------------------------------------------------------
    def moment_columns(self) -> list[tuple[str, str, int]]:
        t = self.t
        return [("stated", t("Stated"), max(3, len(t("Stated")))),
                ("latent", t("Latent"), max(3, len(t("Latent")))),
                ("mean", t("Rating"), max(4, len(t("Rating"))))]

    def prepare(self, state: SessionState) -> None:
        self._stated = count_by_moment(state.expectations.values(), type="stated")
        self._latent = count_by_moment(state.expectations.values(), type="latent")
        self._ratings = ratings_by_moment(state)

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        mean = average(self._ratings.get(m.mid))
        return (self._stated[m.mid], self._latent[m.mid],
                None if mean is None else round(mean, 1))

    def render_extra(self, extra: tuple) -> tuple:
        stated, latent, mean = extra
        return (cell(stated or "", "bold"), cell(latent or "", "bold"),
                cell("" if mean is None else decimal(self.t, mean)))

    # ---- the moment on screen --------------------------------------------------
    def moment_changed(self) -> None:
        t, state, mid = self.t, self.live.state, self.selected_mid
        self.query_one("#heading", TextView).update(moment_heading(t, state, mid))
        said: list[tuple[str | None, Text]] = []
        for kind, title in (("stated", t("Stated")), ("latent", t("Latent"))):
            items = [x for x in state.expectations.values() if x.mid == mid and x.type == kind]
            said.append((None, Text(f"{title} ({len(items)})", style="bold")))
            for x in items:
                line = Text("  • " + " ".join(x.text.split()))
                if x.pid is not None:
                    line.append(f"  — {state.participant_label(x.pid)}", style="dim")
                said.append((str(x.xid), line))
        self.query_one(EntryList).show(said)
        values = {pid: r.value for (m, pid), r in state.ratings.items() if m == mid}
        people = short_names(state)
        mean = average(list(values.values()))
        summary = Text(t("mean {mean} from {n} of {total}", mean=decimal(t, mean), n=len(values),
                         total=len(people)) if mean is not None else t("no ratings yet"),
                       style="italic")
        self.query_one(RatingRow).show(people, values, summary, restart=mid != self._rated_mid)
        self._rated_mid = mid

    # ---- entries ------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id not in ("stated", "latent"):
            return
        if self.editing_in(event.input):
            self.submit_edit(event.value)
            return
        pid, text = parse_entry(event.value, self.live.state)
        if not text:
            return
        mid = self.selected_mid
        if mid is None:
            self.notify(self.t("Add moments first, in the moments step."), severity="warning")
            return
        if self.live.record("expectation_added", mid=mid, type=event.input.id, text=text,
                            pid=pid) is not None:
            event.input.value = ""

    # ---- editing and deleting (the keys are EntryEditing's) ----------------------------
    def entry_items(self) -> dict[int, Expectation]:
        return self.live.state.expectations

    def edit_field(self, x: Expectation) -> Input:
        return self.query_one(f"#{x.type}", Input)

    def refresh_state(self) -> None:
        if self.is_mounted:
            self.drop_stale_edit()
        super().refresh_state()

    def on_rating_row_rated(self, event: RatingRow.Rated) -> None:
        event.stop()
        mid = self.selected_mid
        if mid is None:
            self.notify(self.t("Add moments first, in the moments step."), severity="warning")
            return
        if self.live.record("rating_given", mid=mid, pid=event.pid, value=event.value):
            self.query_one(RatingRow).advance()

    def action_focus_ratings(self) -> None:
        self.query_one(RatingRow).focus()


KINDS = ("expectations",)
VIEW = ExpectationsView
