"""A vote step: dot voting, entered participant by participant, blind until revealed.

The vote opens when the step is first shown (the core decides, ``kinds.vote``: dots, cap,
target and blindness from the script). The facilitator picks a voter (←/→ or the participant's number) and spreads
their dots on the selected item with + and −; the store refuses a dot past the budget
or the cap and the panel says which rule. While the vote is blind only the chosen
voter's own dots show. Revealing (after a confirmation) closes the vote and draws the
ranked result as a bar chart.
"""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button

from workshop.core.analysis import Tally, tally
from workshop.core.safetext import visible
from workshop.core.state import SessionState, VoteRound
from workshop.tui.keys import _
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.steps.base import StepView
from workshop.tui.steps.chips import ChipRow
from workshop.tui.steps.journey import TextView, css_beside, short_names
from workshop.tui.steps.table import SyncedTable, cell

DOT, FREE = "●", "○"
BLOCKS = " ▏▎▍▌▋▊▉█"


class VoterRow(ChipRow):
    """Who is voting now, and how many dots each participant has used."""

    BINDINGS = [
        Binding("left", "choose(-1)", _("Previous voter"), show=False),
        Binding("right", "choose(1)", _("Next voter"), show=False),
        # One line in the help ("1-9"), nine keys.
        Binding("1", "choose_at(0)", _("Voter by number"), show=False, key_display="1-9"),
        *(Binding(str(n), f"choose_at({n - 1})", show=False) for n in range(2, 10)),
    ]

    CURSOR = ("reverse bold", "underline bold")

    class Changed(Message):
        """Another voter was chosen."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.used: dict[int, int] = {}
        self.dots = 0

    def show(self, people: list[tuple[int, str]], used: dict[int, int], dots: int) -> None:
        self.redraw(people, used=used, dots=dots)

    def chip(self, pid: int, label: str) -> tuple[str, str]:
        used = self.used.get(pid, 0)
        done = used >= self.dots
        return f" {label} {used}/{self.dots}{' ✓' if done else ''} ", "green" if done else ""

    def watch_index(self) -> None:
        super().watch_index()
        self.post_message(self.Changed())


def bar(value: int, most: int, width: int) -> str:
    """A horizontal bar of ``value`` out of ``most`` in ``width`` cells, eighths included."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


class VoteView(StepView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("plus,equals_sign,space", "cast(1)", _("Add dot"), tooltip=_("Add a dot")),
        Binding("minus,backspace", "cast(-1)", _("Remove dot"), tooltip=_("Take a dot back")),
        Binding("r", "reveal", _("Reveal"), tooltip=_("Reveal the votes")),
        Binding("o", "open", _("Open the vote"), show=False),
        Binding("up", "item(-1)", _("Previous item"), show=False),
        Binding("down", "item(1)", _("Next item"), show=False),
        Binding("pageup", "item(-10)", _("Ten items back"), show=False),
        Binding("pagedown", "item(10)", _("Ten items on"), show=False),
        Binding("home", "item(-1000000)", _("First item"), show=False),
        Binding("end", "item(1000000)", _("Last item"), show=False),
    ]

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self._shown_round: tuple | None = None  # (rid, revealed) the layout was built for

    # ---- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        yield TextView(id="round")
        yield VoterRow(id="voters")
        yield SyncedTable([("pos", "#", 4), ("item", t("Item"), 20),
                           ("mine", t("Voter's dots"), max(9, len(t("Voter's dots")))),
                           ("total", t("Total"), max(6, len(t("Total")), len(t("hidden"))))],
                          self._render_item, flex="item", id="items")
        with VerticalScroll(id="result"):
            yield TextView(id="chart")
        with Horizontal(id="buttons"):
            yield Button(t("+ dot"), id="add", compact=True)
            yield Button(t("− dot"), id="remove", compact=True)
            yield Button(t("Reveal…"), id="reveal", compact=True, variant="warning")
        yield TextView(id="hint")

    def on_mount(self) -> None:
        self.query_one("#items", SyncedTable).can_focus = False
        self.refresh_state()
        if not self.live.readonly:
            # The screen focuses the panel after the next refresh; taking the focus now
            # as well means a key pressed right after the step opens is not lost.
            self.focus_entry()

    def focus_entry(self) -> None:
        self.query_one(VoterRow).focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        """Dots and the reveal only while the vote is open (None greys the key out)."""
        if action in ("cast", "reveal", "open") and self.live.readonly:
            return False  # a replay shows the vote as it was
        if action in ("cast", "reveal", "item"):
            rnd = self.round if self.is_mounted else None
            return rnd is not None and not rnd.revealed
        if action == "open":
            return self.round is None
        return True

    # ---- the round --------------------------------------------------------------
    @property
    def round(self) -> VoteRound | None:
        return self.live.state.round_for_step(self.step.index)

    def action_open(self) -> None:
        """Open the vote by hand, where showing the step did not (a refusal was shown)."""
        if self.round is not None:
            self.notify(self.t("This step's vote is already open."), timeout=3)
            return
        self.live.open_step(self.step)

    # ---- redraw -------------------------------------------------------------------
    def refresh_state(self) -> None:
        if not self.is_mounted:
            return
        state, rnd = self.live.state, self.round
        self._show_round_line(state, rnd)
        layout = None if rnd is None else (rnd.rid, rnd.revealed)
        if layout != self._shown_round:
            self._shown_round = layout
            self.refresh_bindings()
            closed = rnd is None or rnd.revealed
            for wid in ("#voters", "#items", "#add", "#remove", "#reveal"):
                self.query_one(wid).display = not closed
            result = self.query_one("#result")
            result.display = rnd is not None and rnd.revealed
            if result.display and self.screen.focused is None:
                result.focus()  # the arrows scroll a long result
            elif not closed and self.screen.focused is None:
                self.query_one(VoterRow).focus()
            if rnd is not None and not rnd.revealed:
                self.query_one("#items", SyncedTable).set_label(
                    "total", self.t("hidden") if rnd.blind else self.t("Total"))
        if rnd is None:
            self._hint(self.t("No vote was open at this point.") if self.live.readonly
                       else self.t("No vote is open in this step: press o to open it."))
            return
        if rnd.revealed:
            self._show_chart(state, rnd)
            self._hint(self.t("The votes are revealed; this vote is closed."))
            return
        voters = self.query_one(VoterRow)
        people = short_names(state)
        voters.show(people, {pid: state.dots_used(rnd.rid, pid) for pid, _ in people}, rnd.dots)
        self._sync_items(state, rnd, voters.pid)
        self._show_voter_hint(state, rnd, voters.pid)

    def _show_round_line(self, state: SessionState, rnd: VoteRound | None) -> None:
        t = self.t
        if rnd is None:
            self.query_one("#round", TextView).update(Text())
            return
        parts = [t("Vote on moments") if rnd.target == "moments" else t("Vote on ideas"),
                 t.plural(rnd.dots, "{n} dot each", "{n} dots each")]
        if rnd.cap:
            parts.append(t("at most {cap} per item", cap=rnd.cap))
        if rnd.revealed:
            parts.append(t("revealed"))
        elif rnd.blind:
            parts.append(t("blind: totals hidden until revealed"))
        self.query_one("#round", TextView).update(Text(" · ".join(parts), style="bold"))

    def _hint(self, text: str) -> None:
        self.query_one("#hint", TextView).update(Text(visible(text), style="dim"))

    def _show_voter_hint(self, state: SessionState, rnd: VoteRound, pid: int | None) -> None:
        if pid is None:
            self._hint(self.t("No participants to vote."))
            return
        left = rnd.dots - state.dots_used(rnd.rid, pid)
        self._hint(self.t(
            "{who}: {left} of {dots} dots left · ←/→ voter · +/− dot · r reveal",
            who=state.participant_label(pid), left=left, dots=rnd.dots))

    # ---- the items --------------------------------------------------------------
    def _items(self, state: SessionState, rnd: VoteRound) -> list[tuple[int, str, str]]:
        """(item id, label, moment number) along the journey."""
        if rnd.target == "moments":
            return [(m.mid, m.text, "") for m in state.ordered_moments()]
        position = {mid: i for i, mid in enumerate(state.order, start=1)}
        ideas = sorted(state.ideas.values(), key=lambda i: (position.get(i.mid, 0), i.iid))
        return [(i.iid, i.text, str(position.get(i.mid, ""))) for i in ideas]

    def _sync_items(self, state: SessionState, rnd: VoteRound, pid: int | None) -> None:
        show_totals = not rnd.blind
        totals = {row.item: row.dots for row in tally(state, rnd.rid).rows} if show_totals else {}
        rows = []
        for pos, (item, label, moment) in enumerate(self._items(state, rnd), start=1):
            mine = state.votes.get((rnd.rid, pid, item), 0) if pid is not None else 0
            rows.append((str(item), (pos, label, moment, mine, totals.get(item, 0)
                                     if show_totals else None)))
        self.query_one("#items", SyncedTable).sync(rows)

    def _render_item(self, raw: tuple) -> tuple:
        pos, label, moment, mine, total = raw
        text = cell(label)
        if moment:
            text.append(f"  ({self.t('moment {n}', n=moment)})", style="dim")
        return (pos, text, Text(DOT * mine, style="bold green"),
                Text("" if total is None else str(total or ""), style="bold"))

    def on_voter_row_changed(self, event: VoterRow.Changed) -> None:
        event.stop()
        rnd = self.round
        if rnd is not None and not rnd.revealed:
            state, pid = self.live.state, self.query_one(VoterRow).pid
            self._sync_items(state, rnd, pid)
            self._show_voter_hint(state, rnd, pid)

    def action_item(self, delta: int) -> None:
        table = self.query_one("#items", SyncedTable)
        if table.row_count:
            table.move_cursor(row=max(0, min(table.row_count - 1, table.cursor_row + delta)))

    # ---- casting and revealing -----------------------------------------------------
    def action_cast(self, delta: int) -> None:
        rnd = self.round
        if rnd is None or rnd.revealed:  # the keys are off then; a stray call does nothing
            return
        pid = self.query_one(VoterRow).pid
        item = self.query_one("#items", SyncedTable).selected_key
        if pid is None or item is None:
            self.notify(self.t("There is nothing to vote for yet."), severity="warning")
            return
        self.live.record("vote_cast", rid=rnd.rid, pid=pid, item=int(item), delta=delta)

    def action_reveal(self) -> None:
        rnd = self.round
        if rnd is None or rnd.revealed:
            return
        state = self.live.state
        waiting = [p.label for p in state.participants.values()
                   if state.dots_used(rnd.rid, p.pid) < rnd.dots]
        question = self.t("Reveal the votes? Everyone sees the totals and the vote closes.")
        if waiting:
            question += " " + self.t("Still with dots to spend: {who}.", who=", ".join(waiting))
        self.app.push_screen(ConfirmScreen(question, yes=self.t("Reveal"), no=self.t("Not yet")),
                             self._revealed)

    def _revealed(self, yes: bool | None) -> None:
        rnd = self.round
        if yes and rnd is not None and not rnd.revealed:
            self.live.record("votes_revealed", rid=rnd.rid)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"add": lambda: self.action_cast(1), "remove": lambda: self.action_cast(-1),
         "reveal": self.action_reveal}[event.button.id]()
        self.query_one(VoterRow).focus()

    # ---- the result ----------------------------------------------------------------
    def _show_chart(self, state: SessionState, rnd: VoteRound) -> None:
        chart = self.query_one("#chart", TextView)
        width = max(20, (self.size.width or 60) - 2)
        chart.update(ranked_chart(tally(state, rnd.rid), state, self.t, width))

    def on_resize(self) -> None:
        rnd = self.round
        if rnd is not None and rnd.revealed:
            self._show_chart(self.live.state, rnd)


def ranked_chart(result: Tally, state: SessionState, t, width: int) -> Text:
    """The items with dots, by rank (ties share it: "=2"), each with a bar."""
    voted = [row for row in result.rows if row.dots > 0]
    out = Text()
    out.append(t("{cast} dots from {voters} voters", cast=result.cast, voters=result.voters),
               style="bold")
    out.append("\n\n")
    if not voted:
        out.append(t("Nobody cast a dot."), style="italic")
        return out
    ranks = Counter(row.rank for row in voted)
    most = voted[0].dots
    number = {mid: i for i, mid in enumerate(state.order, start=1)}

    def label_of(row) -> str:
        if result.target == "moments":
            label = f"{number.get(row.item, '?')} {state.moments[row.item].text}"
        else:
            idea = state.ideas[row.item]
            label = f"{idea.text} ({number.get(idea.mid, '?')})"
        return " ".join(visible(label).split())  # measured as it will show

    labels = {row.item: label_of(row) for row in voted}
    # Labels as wide as the longest, as far as the width allows once the bars have a
    # readable third of it; the bars take what is left (an idea's words matter more).
    room = width - 12  # the rank, the spaces and the count
    longest = max(len(x) for x in labels.values())
    label_width = max(12, min(longest, room - max(8, min(30, room // 3))))
    bar_width = max(8, min(60, room - label_width))
    for row in voted:
        tied = ranks[row.rank] > 1
        rank = f"{'=' if tied else ' '}{row.rank}"
        label = labels[row.item]
        if len(label) > label_width:
            label = label[: label_width - 1] + "…"
        out.append(f"{rank:>4} ", style="bold")
        out.append(f"{label:<{label_width}} ")
        out.append(bar(row.dots, most, bar_width), style="green" if row.rank == 1 else "cyan")
        out.append(f" {row.dots}\n", style="bold")
    rest = len(result.rows) - len(voted)
    if rest:
        out.append("\n" + t.plural(rest, "{n} more without dots.", "{n} more without dots."), style="dim")
    return out


STEP_KINDS = ("vote",)
VIEW = VoteView
