"""A ranking step: each participant's top N moments (or ideas) in order, scored with the
Borda count (``workshop.core.kinds.ranking``).

The ranking opens when the step is first shown (the core decides: target and places
from the script). The facilitator picks a participant (←/→ or their number), moves to
an option (↑/↓) and presses Enter to give it their next place; − takes it out of their
order again (the places after it move up). The points so far are shown beside the
options and as a ranked chart: an order is usually written on paper first and read
out, so the room hears the orders anyway.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import Widget

from workshop.core.kinds.ranking import (
    RankingResult,
    RankingRound,
    borda,
    options,
    order_of,
    round_for_step,
)
from workshop.core.safetext import visible
from workshop.core.state import SessionState
from workshop.tui.keys import _
from workshop.tui.steps.base import StepView
from workshop.tui.steps.journey import TextView, css_beside, short_names
from workshop.tui.steps.table import SyncedTable, cell
from workshop.tui.steps.vote import ITEM_KEYS, VoterRow, bar


class RankingView(StepView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("enter,space,plus", "place", _("Next place"),
                tooltip=_("Give the option the participant's next place")),
        Binding("minus,backspace", "take_out", _("Take out"),
                tooltip=_("Take the option out of the participant's order")),
        Binding("o", "open", _("Open the ranking"), show=False),
        *ITEM_KEYS,
    ]

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self._opened: bool | None = None  # whether the layout was built for an open ranking

    def compose(self) -> ComposeResult:
        t = self.t
        yield TextView(id="round")
        yield VoterRow(id="voters")
        yield SyncedTable([("pos", "#", 4), ("item", t("Item"), 20),
                           ("place", t("Place"), max(5, len(t("Place")))),
                           ("points", t("Points"), max(6, len(t("Points"))))],
                          self._render_item, flex="item", id="items")
        with VerticalScroll(id="result"):
            yield TextView(id="chart")
        yield TextView(id="hint")

    def mounted(self) -> None:
        self.query_one("#items", SyncedTable).can_focus = False
        self.refresh_state()
        if not self.live.readonly:
            self.focus_entry()

    def entry_widget(self) -> Widget | None:
        return self.query_one(VoterRow)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ("place", "take_out", "open") and self.live.readonly:
            return False  # a replay shows the orders as they were
        if action in ("place", "take_out", "item"):
            return self.is_mounted and self.round is not None
        if action == "open":
            return self.round is None
        return True

    @property
    def round(self) -> RankingRound | None:
        return round_for_step(self.live.state, self.step.index)

    def action_open(self) -> None:
        """Open the ranking by hand, where showing the step did not (a refusal was shown)."""
        if self.round is None:
            self.live.open_step(self.step)

    # ---- redraw -------------------------------------------------------------------
    def refresh_state(self) -> None:
        if not self.is_mounted:
            return
        state, rnd = self.live.state, self.round
        opened = rnd is not None
        if opened != self._opened:
            self._opened = opened
            self.refresh_bindings()
            for wid in ("#voters", "#items", "#result"):
                self.query_one(wid).display = opened
        if rnd is None:
            self.query_one("#round", TextView).update(Text())
            self._hint(self.t("No ranking was open at this point.") if self.live.readonly
                       else self.t("No ranking is open in this step: press o to open it."))
            return
        t = self.t
        what = t("Ranking of moments") if rnd.target == "moments" else t("Ranking of ideas")
        self.query_one("#round", TextView).update(Text(
            " · ".join([what, t.plural(rnd.top, "top {n} each", "top {n} each")]), style="bold"))
        voters = self.query_one(VoterRow)
        people = short_names(state)
        voters.show(people, {pid: len(order_of(state, rnd.kid, pid)) for pid, _ in people},
                    rnd.top)
        result = borda(state, rnd.kid)
        self._sync_items(state, rnd, result, voters.pid)
        self._show_chart(state, result)
        self._show_voter_hint(state, rnd, voters.pid)

    def _hint(self, text: str) -> None:
        self.query_one("#hint", TextView).update(Text(visible(text), style="dim"))

    def _show_voter_hint(self, state: SessionState, rnd: RankingRound, pid: int | None) -> None:
        if pid is None:
            self._hint(self.t("No participants to rank."))
            return
        values = {"who": state.participant_label(pid),
                  "filled": len(order_of(state, rnd.kid, pid))}
        if self.live.readonly:  # a replay: only ←/→ works here
            self._hint(self.t.plural(rnd.top, "{who}: {filled} of {n} place given · ←/→ "
                                     "participant", "{who}: {filled} of {n} places given · "
                                     "←/→ participant", **values))
            return
        self._hint(self.t.plural(rnd.top, "{who}: {filled} of {n} place given · ←/→ "
                                 "participant · Enter next place · − take out",
                                 "{who}: {filled} of {n} places given · ←/→ participant · "
                                 "Enter next place · − take out", **values))

    def _sync_items(self, state: SessionState, rnd: RankingRound, result: RankingResult,
                    pid: int | None) -> None:
        order = order_of(state, rnd.kid, pid) if pid is not None else ()
        points = {row.item: row.points for row in result.rows}
        number = {mid: i for i, mid in enumerate(state.order, start=1)}
        rows = []
        for pos, item in enumerate(options(state, rnd.target), start=1):
            if rnd.target == "moments":
                label, moment = state.moments[item].text, ""
            else:
                idea = state.ideas[item]
                label, moment = idea.text, str(number.get(idea.mid, ""))
            place = order.index(item) + 1 if item in order else None
            rows.append((str(item), (pos, label, moment, place, points.get(item, 0))))
        self.query_one("#items", SyncedTable).sync(rows)

    def _render_item(self, raw: tuple) -> tuple:
        pos, label, moment, place, points = raw
        text = cell(label)
        if moment:
            text.append(f"  ({self.t('moment {n}', n=moment)})", style="dim")
        return (pos, text, Text("" if place is None else str(place), style="bold green"),
                Text(str(points or ""), style="bold", justify="right"))

    def _show_chart(self, state: SessionState, result: RankingResult) -> None:
        width = max(20, (self.size.width or 60) - 2)
        self.query_one("#chart", TextView).update(ranking_chart(result, state, self.t, width))

    def on_voter_row_changed(self, event: VoterRow.Changed) -> None:
        event.stop()
        self.refresh_state()

    def on_resize(self) -> None:
        self.refresh_state()

    def action_item(self, delta: int) -> None:
        table = self.query_one("#items", SyncedTable)
        table.step_cursor(delta)

    # ---- giving places -----------------------------------------------------------------
    def _chosen(self) -> tuple[RankingRound, int, int] | None:
        rnd = self.round
        pid = self.query_one(VoterRow).pid
        item = self.query_one("#items", SyncedTable).selected_key
        if rnd is None:
            return None
        if pid is None or item is None:
            self.notify(self.t("There is nothing to rank yet."), severity="warning")
            return None
        return rnd, pid, int(item)

    def action_place(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        rnd, pid, item = chosen
        order = order_of(self.live.state, rnd.kid, pid)
        if item in order:
            self.notify(self.t("Already in place {n} of this participant's order.",
                               n=order.index(item) + 1), timeout=3)
            return
        # The rules refuse a place past the top N, in their own words.
        self.live.record("ranking_given", kid=rnd.kid, pid=pid, items=[*order, item])

    def action_take_out(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        rnd, pid, item = chosen
        order = order_of(self.live.state, rnd.kid, pid)
        if item in order:
            self.live.record("ranking_given", kid=rnd.kid, pid=pid,
                             items=[i for i in order if i != item])


def ranking_chart(result: RankingResult, state: SessionState, t, width: int) -> Text:
    """The options with points, most first (ties share a rank: "=2"), each with a bar."""
    scored = [row for row in result.rows if row.points > 0]
    out = Text()
    out.append(t.plural(result.rankers, "Borda points from {n} order",
                        "Borda points from {n} orders"), style="bold")
    out.append("\n")
    if not scored:
        out.append(t("No points yet."), style="italic")
        return out
    number = {mid: i for i, mid in enumerate(state.order, start=1)}

    def label_of(item: int) -> str:
        if result.target == "moments":
            label = f"{number.get(item, '?')} {state.moments[item].text}"
        else:
            idea = state.ideas[item]
            label = f"{idea.text} ({number.get(idea.mid, '?')})"
        return " ".join(visible(label).split())

    labels = {row.item: label_of(row.item) for row in scored}
    room = width - 12
    label_width = max(12, min(max(len(x) for x in labels.values()), room - max(8, room // 3)))
    bar_width = max(8, min(60, room - label_width))
    most = scored[0].points
    tied = {row.rank for row in scored if sum(r.rank == row.rank for r in scored) > 1}
    for row in scored:
        rank = f"{'=' if row.rank in tied else ' '}{row.rank}"
        label = labels[row.item]
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        out.append(f"{rank:>4} ", style="bold")
        out.append(f"{label:<{label_width}} ")
        out.append(bar(row.points, most, bar_width), style="green" if row.rank == 1 else "cyan")
        out.append(f" {row.points}\n", style="bold")
    return out


STEP_KINDS = ("ranking",)
VIEW = RankingView
