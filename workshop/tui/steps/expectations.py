"""The expectations step: per moment, what people expect and how their providers do.

Arrow keys move through the moments from anywhere in the panel. Two entry fields take
stated expectations and latent needs ("3: …" credits a participant). The ratings row
takes two 1–5 ratings per participant (METHOD.md): the level they expect at the moment
(E) and how well their usual providers perform it today (P). ``s`` switches the row
between the two scales, and its title, colour and summary say which one the digits
write. Pick the participant with ←/→ (or start at the first) and press a digit; the
cursor moves on to the next person, so a round of the table is one digit per participant.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input

from workshop.core.analysis import RatingSummary, expectations, performances
from workshop.core.safetext import visible
from workshop.core.state import EXPECTATION, PERFORMANCE, Expectation, Moment, SessionState
from workshop.tui.keys import _
from workshop.tui.plain import plain
from workshop.tui.steps.chips import ChipRow
from workshop.tui.steps.entries import EntryEditing, EntryList, edit_bindings
from workshop.tui.steps.journey import (
    JourneyView,
    TextView,
    count_by_moment,
    css_beside,
    decimal,
    moment_heading,
    short_names,
)
from workshop.tui.steps.table import cell
from workshop.tui.widgets.entry_field import EntryField


class RatingRow(ChipRow):
    """One rating per participant for the moment on screen, on one scale at a time;
    digits 1–5 rate, s switches the scale."""

    BINDINGS = [
        Binding("left", "choose(-1)", _("Previous participant"), show=False),
        Binding("right", "choose(1)", _("Next participant"), show=False),
        # One line in the footer and the help ("1-5"), five keys.
        Binding("1", "rate(1)", _("Rate"), tooltip=_("Rate 1 to 5"), key_display="1-5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 6)),
        Binding("s", "switch_scale", _("Scale"),
                tooltip=_("Switch between the expected level and performance today")),
    ]

    readonly = False  # a replay: the digits rate nothing
    scale = EXPECTATION  # what the digits write: the level expected first, as asked

    class Rated(Message):
        def __init__(self, pid: int, value: int, scale: str):
            super().__init__()
            self.pid, self.value, self.scale = pid, value, scale

    class ScaleSwitched(Message):
        pass

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.values: dict[int, int] = {}
        self.summary = Text()

    def show(self, people: list[tuple[int, str]], values: dict[int, int], summary: Text,
             *, restart: bool = False) -> None:
        """Draw a moment's ratings; ``restart`` (a new moment) goes back to the first person."""
        self.redraw(people, restart=restart, values=values, summary=summary)

    def chip(self, pid: int, label: str) -> tuple[str, str]:
        value = self.values.get(pid)
        return f" {label} {value if value else '·'} ", "bold" if value else "dim"

    def tail(self) -> list[tuple[str, str]]:
        # Whole, never broken across lines: "expected: mean 4.5 · 6 of 6".
        return [(f" {self.summary.plain}", str(self.summary.style))] if self.summary else []

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return not (action == "rate" and self.readonly)

    def action_rate(self, value: int) -> None:
        if self.pid is not None:
            self.post_message(self.Rated(self.pid, value, self.scale))

    def action_switch_scale(self) -> None:
        """The other scale, from the first participant again (a new round of the table)."""
        self.scale = PERFORMANCE if self.scale == EXPECTATION else EXPECTATION
        self.index = 0
        self.post_message(self.ScaleSwitched())

    def advance(self) -> None:
        """After a rating: on to the next participant (stay on the last one)."""
        if self.index < len(self.people) - 1:
            self.index += 1


class ExpectationsView(EntryEditing, JourneyView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("ctrl+l", "focus_ratings", _("Ratings"), tooltip=_("Go to the ratings")),
        *edit_bindings(),
    ]

    ENTRY = "#stated"
    TEXT_WIDTH = 18
    WRITES = frozenset({"focus_ratings", "edit", "delete"})
    ENTITY, ID, LIST = "expectation", "xid", "#said-text"

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self._rated_mid: int | None = None  # the moment the ratings row shows
        self._means: dict[str, dict[int, RatingSummary]] = {PERFORMANCE: {}, EXPECTATION: {}}

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            # At 80 columns (Spanish headings are long) the counts of what was said make
            # way first, headings cut with an ellipsis, then go: the ratings stay in view.
            yield self.moments_table(focusable=False, want_flex=14,
                                     shrink=[{"stated": 4, "latent": 4},
                                             {"stated": None, "latent": None}])
            with Vertical(id="detail"):
                yield TextView(id="heading")
                with VerticalScroll(id="said", can_focus=False):
                    yield EntryList(id="said-text")
                yield RatingRow(id="ratings")
        with Horizontal(id="entries"):
            yield EntryField(placeholder=self.t("Stated expectation, Enter"), id="stated",
                             select_on_focus=False, paste="entries")
            yield EntryField(placeholder=self.t("Latent need, Enter"), id="latent",
                             select_on_focus=False, paste="entries")

    def on_mount(self) -> None:
        ratings = self.query_one(RatingRow)
        ratings.readonly = self.live.readonly
        self._show_scale()
        super().on_mount()

    def _show_scale(self) -> None:
        """The row's title and colour say which scale the digits write."""
        ratings, t = self.query_one(RatingRow), self.t
        expected = ratings.scale == EXPECTATION
        ratings.set_class(expected, "-expectation")
        ratings.border_title = (t("Expected level (1 bare minimum – 5 excellent)") if expected
                                else t("Performance of usual providers today (1–5)"))
        ratings.border_subtitle = (t("s: rate performance") if expected
                                   else t("s: rate the expected level"))

    # ---- the table --------------------------------------------------------------
    def moment_columns(self) -> list[tuple[str, str, int]]:
        t = self.t
        return [("stated", t("Stated"), max(3, len(t("Stated")))),
                ("latent", t("Latent"), max(3, len(t("Latent")))),
                ("exp", t("Exp."), max(4, len(t("Exp.")))),
                ("mean", t("Perf."), max(4, len(t("Perf."))))]

    def prepare(self, state: SessionState) -> None:
        self._stated = count_by_moment(state.expectations.values(), type="stated")
        self._latent = count_by_moment(state.expectations.values(), type="latent")
        # The means are the analysis's own (the gaps step and the report show the same).
        self._means = {PERFORMANCE: performances(state), EXPECTATION: expectations(state)}

    def _mean(self, scale: str, mid: int | None) -> float | None:
        summary = self._means[scale].get(mid) if mid is not None else None
        return summary.mean if summary is not None else None

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        means = [self._mean(scale, m.mid) for scale in (EXPECTATION, PERFORMANCE)]
        return (self._stated[m.mid], self._latent[m.mid],
                *(None if mean is None else round(mean, 1) for mean in means))

    def render_extra(self, extra: tuple) -> tuple:
        stated, latent, expected, mean = extra
        return (cell(stated or "", "bold"), cell(latent or "", "bold"),
                cell("" if expected is None else decimal(self.t, expected), "magenta"),
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
                line = plain("  • " + " ".join(x.text.split()))
                if x.pid is not None:
                    line.append(visible(f"  — {state.participant_label(x.pid)}"), style="dim")
                said.append((str(x.xid), line))
        self.query_one(EntryList).show(said)
        row = self.query_one(RatingRow)
        people = short_names(state)
        values = {pid: r.value for (m, pid), r in state.scale_ratings(row.scale).items()
                  if m == mid}
        mean, other_mean = self._mean(row.scale, mid), self._mean(_other(row.scale), mid)
        expected = row.scale == EXPECTATION
        shown = {"mean": decimal(t, mean), "n": len(values), "total": len(people)}
        if mean is None:
            words = t("no expected levels yet") if expected else t("no performance ratings yet")
        elif expected:
            words = t("expected: mean {mean} · {n} of {total}", **shown)
        else:
            words = t("performance: mean {mean} · {n} of {total}", **shown)
        summary = Text(words, style="italic")
        if other_mean is not None:  # the other scale, for comparison
            other_text = decimal(t, other_mean)
            summary.append(" · " + (t("performance {mean}", mean=other_text) if expected
                                    else t("expected {mean}", mean=other_text)), style="dim")
        row.show(people, values, summary, restart=mid != self._rated_mid)
        self._rated_mid = mid

    # ---- entries ------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id not in ("stated", "latent"):
            return
        typed = self.typed_for_moment(event.input)
        if typed is None:
            return
        mid, pid, text = typed
        if self.live.record("expectation_added", mid=mid, type=event.input.id, text=text,
                            pid=pid) is not None:
            event.input.value = ""

    # ---- editing and deleting (the keys are EntryEditing's) ----------------------------
    def entry_items(self) -> dict[int, Expectation]:
        return self.live.state.expectations

    def edit_field(self, x: Expectation) -> Input:
        return self.query_one(f"#{x.type}", Input)

    def on_rating_row_rated(self, event: RatingRow.Rated) -> None:
        event.stop()
        mid = self.selected_mid
        if mid is None:
            self.notify(self.t("Add moments first, in the moments step."), severity="warning")
            return
        if self.live.record("rating_given", mid=mid, pid=event.pid, value=event.value,
                            scale=event.scale):
            self.query_one(RatingRow).advance()

    def on_rating_row_scale_switched(self, event: RatingRow.ScaleSwitched) -> None:
        event.stop()
        self._show_scale()
        self.moment_changed()

    def action_focus_ratings(self) -> None:
        self.query_one(RatingRow).focus()


def _other(scale: str) -> str:
    return PERFORMANCE if scale == EXPECTATION else EXPECTATION


STEP_KINDS = ("expectations",)
VIEW = ExpectationsView
