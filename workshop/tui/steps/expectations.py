"""The expectations step: per moment, what people expect, how their providers do, and
how it felt.

Arrow keys move through the moments from anywhere in the panel. Two entry fields take
stated expectations and latent needs ("3: …" credits a participant). The ratings row
takes two 1–5 ratings per participant (METHOD.md): the level they expect at the moment
(E) and how well their usual providers perform it today (P), ``s`` switching between
the two; and (``f``) how the moment felt, from −2 to +2, typed as it is said ("-2", "0",
"1"). The row's title, colour and summary say which scale the keys write. Pick the
participant with ←/→ (or start at the first) and press the mark; the cursor moves on to
the next person, so a round of the table is one mark per participant. ``g`` records the
group's feeling instead, with a note of how split the room was.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input

from workshop import i18n
from workshop.core.journey import MomentFeeling
from workshop.core.kinds.entries import clip
from workshop.core.kinds.feelings import signed
from workshop.core.safetext import visible
from workshop.core.state import EXPECTATION, PERFORMANCE, Expectation, Moment, SessionState
from workshop.tui.keys import _
from workshop.tui.plain import plain
from workshop.tui.steps.chips import ChipRow
from workshop.tui.steps.entries import EntryEditing, EntryList, edit_bindings
from workshop.tui.steps.journey import (
    JourneyView,
    TextView,
    css_beside,
    decimal,
    moment_heading,
    short_names,
)
from workshop.tui.steps.table import cell
from workshop.tui.widgets.entry_field import EntryField

FEELING = "feeling"  # the row's third scale: how the moment felt, −2 … +2


class RatingRow(ChipRow):
    """One mark per participant for the moment on screen, on one scale at a time:
    digits 1–5 rate the expected level and performance; on the feeling scale the mark
    is typed as said (-2, -1, 0, 1, 2). s moves on to the next scale."""

    BINDINGS = [
        Binding("left", "choose(-1)", _("Previous participant"), show=False),
        Binding("right", "choose(1)", _("Next participant"), show=False),
        # One line in the footer and the help ("1-5"), five keys.
        Binding("1", "rate(1)", _("Rate"), tooltip=_("Rate 1 to 5"), key_display="1-5"),
        *(Binding(str(n), f"rate({n})", show=False) for n in range(2, 6)),
        # The feeling scale: the same digit keys, and a minus before a negative mark.
        Binding("minus", "feel_sign(-1)", _("Feel"), key_display="-2…+2",
                tooltip=_("How it felt, typed as said: -2, -1, 0, 1 or 2")),
        Binding("plus", "feel_sign(1)", _("Feeling"), show=False),
        *(Binding(str(n), f"feel({n})", show=False) for n in range(0, 3)),
        *(Binding(str(n), f"feel({n})", show=False) for n in range(3, 6)),
        Binding("s", "switch_scale", _("Scale"),
                tooltip=_("Switch between the expected level and performance today")),
        Binding("f", "feelings", _("Feeling"),
                tooltip=_("How the moment felt, −2 to +2 (f again: back to the ratings)")),
        Binding("g", "group_feeling", _("Group feeling"),
                tooltip=_("The group's feeling for this moment, with how split the room "
                          "was")),
    ]

    readonly = False  # a replay: the digits rate nothing
    scale = EXPECTATION  # what the digits write: the level expected first, as asked
    rating_scale = EXPECTATION  # the rating scale f goes back to

    class Rated(Message):
        def __init__(self, pid: int, value: int, scale: str):
            super().__init__()
            self.pid, self.value, self.scale = pid, value, scale

    class ScaleSwitched(Message):
        pass

    class GroupFeeling(Message):
        pass

    class Refused(Message):
        """A digit beyond 2 on the feeling scale: the panel says why, in its language."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.values: dict[int, int] = {}
        self.summary = Text()
        self.sign = 1  # a minus typed before a feeling's digit

    def show(self, people: list[tuple[int, str]], values: dict[int, int], summary: Text,
             *, restart: bool = False) -> None:
        """Draw a moment's marks; ``restart`` (a new moment) goes back to the first person."""
        if restart:
            self.sign = 1
        self.redraw(people, restart=restart, values=values, summary=summary)

    def chip(self, pid: int, label: str) -> tuple[str, str]:
        value = self.values.get(pid)
        if self.scale != FEELING:
            return f" {label} {value if value else '·'} ", "bold" if value else "dim"
        if pid == self.pid and self.sign < 0:  # a minus typed, its digit awaited
            return f" {label} \u2212· ", "bold"
        if value is None:
            return f" {label} · ", "dim"
        return f" {label} {signed(value)} ", "bold green" if value > 0 else \
            "bold red" if value < 0 else "bold"

    def tail(self) -> list[tuple[str, str]]:
        # Whole, never broken across lines: "expected: mean 4.5 · 6 of 6".
        return [(f" {self.summary.plain}", str(self.summary.style))] if self.summary else []

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("rate", "feel", "feel_sign", "group_feeling") and self.readonly:
            return False
        if action == "rate":
            return self.scale != FEELING
        if action in ("feel", "feel_sign"):
            return self.scale == FEELING
        return True

    def action_rate(self, value: int) -> None:
        if self.pid is not None:
            self.post_message(self.Rated(self.pid, value, self.scale))

    def action_feel_sign(self, sign: int) -> None:
        self.sign = sign
        self.refresh()

    def action_feel(self, digits: int) -> None:
        sign, self.sign = self.sign, 1
        if digits > 2:
            self.refresh()
            self.post_message(self.Refused())
            return
        if self.pid is not None:
            self.post_message(self.Rated(self.pid, sign * digits, FEELING))

    def action_choose(self, delta: int) -> None:
        self.sign = 1  # a minus belongs to the participant it was typed for
        super().action_choose(delta)

    def action_group_feeling(self) -> None:
        self.post_message(self.GroupFeeling())

    def action_switch_scale(self) -> None:
        """The other rating scale (from the feeling: the expected level), from the first
        participant again (a new round of the table)."""
        self.rating_scale = PERFORMANCE if self.scale == EXPECTATION else EXPECTATION
        self._switch(self.rating_scale)

    def action_feelings(self) -> None:
        """The feeling scale, or back to the rating scale it was left for."""
        self._switch(self.rating_scale if self.scale == FEELING else FEELING)

    def _switch(self, scale: str) -> None:
        self.scale = scale
        self.index, self.sign = 0, 1
        self.refresh_bindings()  # the footer's keys: 1-5, or -2…+2
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

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            # At 80 columns (Spanish headings are long) the counts of what was said make
            # way first, under short headings ("Decl.", "Lat."; cut, "Dec…" was no word),
            # then the net experience (the feeling row says it too), then the counts go:
            # the ratings stay in view.
            stated, latent = self.t("Stat."), self.t("Lat.")
            yield self.moments_table(focusable=False, want_flex=13,
                                     shrink=[{"stated": (max(3, len(stated)), stated),
                                              "latent": (max(3, len(latent)), latent)},
                                             {"feel": None},
                                             {"stated": None, "latent": None}])
            with Vertical(id="detail"):
                yield TextView(id="heading")
                with VerticalScroll(id="said", can_focus=False):
                    yield EntryList(id="said-text")
                yield RatingRow(id="ratings")
        # Each field's name whole in its 22 cells at 80 columns ("Stated expectation,"
        # and "Expectativa declarada, Ente" were cut); Enter adds, as everywhere.
        if not self.live.readonly:  # a read-only look or a replay: nothing is typed
            with Horizontal(id="entries"):
                yield EntryField(placeholder=self.t("Stated expectation"), id="stated",
                                 select_on_focus=False, paste="entries")
                yield EntryField(placeholder=self.t("Latent need"), id="latent",
                                 select_on_focus=False, paste="entries")

    def mounted(self) -> None:
        ratings = self.query_one(RatingRow)
        ratings.readonly = self.live.readonly
        self._show_scale()
        super().mounted()

    def _show_scale(self) -> None:
        """The row's title and colour say which scale the keys write."""
        ratings, t = self.query_one(RatingRow), self.t
        ratings.set_class(ratings.scale == EXPECTATION, "-expectation")
        ratings.set_class(ratings.scale == FEELING, "-feeling")
        ratings.border_title = {
            EXPECTATION: t("Expected level (1 bare minimum – 5 excellent)"),
            PERFORMANCE: t("Performance of usual providers today (1–5)"),
            FEELING: t("How it felt (−2 very bad … +2 very good)")}[ratings.scale]
        ratings.border_subtitle = {
            EXPECTATION: f"{t('s: rate performance')} · {t('f: how it felt')}",
            PERFORMANCE: f"{t('s: rate the expected level')} · {t('f: how it felt')}",
            FEELING: t("g: the group's feeling · f: the ratings")}[ratings.scale]

    # ---- the table --------------------------------------------------------------
    def moment_columns(self) -> list[tuple[str, str, int]]:
        t = self.t
        return [("stated", t("Stated"), max(3, len(t("Stated")))),
                ("latent", t("Latent"), max(3, len(t("Latent")))),
                ("exp", t("Exp."), max(4, len(t("Exp.")))),
                ("mean", t("Perf."), max(4, len(t("Perf.")))),
                # The net experience: "+33%", "−100 %".
                ("feel", t("Net"), max(6, len(t("Net"))))]

    # The counts, means and feelings are the moment's figures, kept up to date per
    # moment (core/figures.py) by the analysis's own functions: the gaps step and the
    # report show the same.
    def _mean(self, scale: str, mid: int | None) -> float | None:
        if mid is None or self.figures is None or mid not in self.live.state.moments:
            return None
        figures = self.moment_figures(mid)
        return (figures.expectation if scale == EXPECTATION else figures.performance).mean

    def _feeling(self, mid: int | None) -> MomentFeeling | None:
        if mid is None or self.figures is None or mid not in self.live.state.moments:
            return None
        return self.moment_figures(mid).feeling

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        figures = self.moment_figures(m.mid)
        means = (figures.expectation.mean, figures.performance.mean)
        feeling = figures.feeling
        return (figures.stated, figures.latent,
                *(None if mean is None else round(mean, 1) for mean in means),
                feeling.net.net if feeling.net.n else None)

    def render_extra(self, extra: tuple) -> tuple:
        stated, latent, expected, mean, net = extra
        return (cell(stated or "", "bold"), cell(latent or "", "bold"),
                cell("" if expected is None else decimal(self.t, expected), "magenta"),
                cell("" if mean is None else decimal(self.t, mean)),
                cell("" if net is None else net_text(self.t, net),
                     "green" if net and net > 0 else "red" if net and net < 0 else ""))

    # ---- the moment on screen --------------------------------------------------
    def moment_changed(self) -> None:
        t, state, mid = self.t, self.live.state, self.selected_mid
        self.query_one("#heading", TextView).update(moment_heading(t, state, mid))
        said: list[tuple[str | None, Text]] = []
        known = (self.figures.expectations(mid) if self.figures is not None and mid is not None
                 else [])
        for kind, title in (("stated", t("Stated")), ("latent", t("Latent"))):
            items = [x for x in known if x.type == kind]
            said.append((None, Text(f"{title} ({len(items)})", style="bold")))
            for x in items:
                line = plain("  • " + " ".join(x.text.split()))
                if x.pid is not None:
                    line.append(visible(f"  — {state.participant_label(x.pid)}"), style="dim")
                said.append((str(x.xid), line))
        self.query_one(EntryList).show(said)
        row = self.query_one(RatingRow)
        people = short_names(state)
        figures = self.figures if mid is not None else None
        if (mid != self._rated_mid and row.scale == PERFORMANCE
                and not self._rated(mid)):
            # A moment not rated yet starts on the question the script asks first, the
            # expected level: the performance scale chosen for the moment before carried
            # over, and the expected levels typed next went down as performance. A moment
            # rated already keeps the scale in use (going back to put a mark right).
            row.scale = row.rating_scale = EXPECTATION
            row.refresh_bindings()
            self._show_scale()
        if row.scale == FEELING and mid != self._rated_mid:
            # A new moment's marks start with the expected level, as the script asks:
            # f from its feeling went back to the rating scale last used on the moment
            # before (performance), and the expected levels typed next were recorded
            # as performance.
            row.rating_scale = EXPECTATION
        if row.scale == FEELING:
            values = figures.marks(mid) if figures is not None and mid is not None else {}
            feeling = self._feeling(mid)
            row.show(people, values, feeling_summary(t, feeling, len(people)),
                     restart=mid != self._rated_mid)
            self._rated_mid = mid
            return
        values = (figures.ratings(row.scale, mid) if figures is not None and mid is not None
                  else {})
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

    def _rated(self, mid: int | None) -> bool:
        figures = self.figures
        return (figures is not None and mid is not None
                and any(figures.ratings(scale, mid) for scale in (EXPECTATION, PERFORMANCE)))

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
        if event.scale == FEELING:
            recorded = self.live.record("feeling_given", mid=mid, pid=event.pid,
                                        value=event.value)
        else:
            recorded = self.live.record("rating_given", mid=mid, pid=event.pid,
                                        value=event.value, scale=event.scale)
        if recorded:
            self.query_one(RatingRow).advance()

    def on_rating_row_refused(self, event: RatingRow.Refused) -> None:
        event.stop()
        self.notify(self.t("A feeling goes from −2 (very bad) to +2 (very good)."),
                    severity="warning", timeout=3)

    def on_rating_row_group_feeling(self, event: RatingRow.GroupFeeling) -> None:
        event.stop()
        mid = self.selected_mid
        if mid is None:
            self.notify(self.t("Add moments first, in the moments step."), severity="warning")
            return
        from workshop.tui.screens.group_feeling import GroupFeelingScreen

        self.app.push_screen(GroupFeelingScreen(self.live, mid))

    def on_rating_row_scale_switched(self, event: RatingRow.ScaleSwitched) -> None:
        event.stop()
        self._show_scale()
        self.moment_changed()

    def action_focus_ratings(self) -> None:
        self.query_one(RatingRow).focus()


def _other(scale: str) -> str:
    return PERFORMANCE if scale == EXPECTATION else EXPECTATION


def net_text(t, net: float) -> str:
    """A net experience as a signed share: "+33%", "−100 %" (Spanish), "0%"."""
    return i18n.signed_percent(net, t)


def feeling_summary(t, feeling: MomentFeeling | None, people: int) -> Text:
    """The feeling row's tail: the net experience with its n, and the group's feeling."""
    parts = []
    if feeling is not None and feeling.net.n:
        parts.append(t("net experience {net} · {n} of {total}",
                       net=net_text(t, feeling.net.net or 0.0), n=feeling.net.n,
                       total=people))
    if feeling is not None and feeling.group is not None:
        group = t("group {value}", value=signed(feeling.group.value))
        parts.append(f"{group}: {clip(feeling.group.text)}" if feeling.group.text else group)
    return Text(" · ".join(parts) if parts else t("no feelings yet"), style="italic")


STEP_KINDS = ("expectations",)
VIEW = ExpectationsView
