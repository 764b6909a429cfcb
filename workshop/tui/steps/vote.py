"""A vote step: dot voting, entered participant by participant, blind until revealed.

The vote opens when the step is first shown (the core decides, ``kinds.vote``: dots,
cap, target and blindness from the script). The quick way: type where the chosen voter's
dots go, as item numbers ("3 3 5", or "3x2 5"), and Enter; that becomes their dots and
the next voter with dots left comes up ("Luis: 2 4" names another voter). The fine way:
with the voters' row focused (Tab), ←/→ or a participant's number picks a voter and
+ / − put a dot on the selected item.
The rules (budget, cap) are checked before anything is written, and a refusal is said on
the hint line above the field, naming the voter as the chips do. While the vote is blind
only the chosen voter's own dots show. Revealing (r or F6, after a confirmation) closes
the vote and draws the ranked result, labelled, as a bar chart.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Input

from workshop.core.entry import parse_entry
from workshop.core.kinds.vote import VoteRefusal, dots_changes, dots_refusal, vote_refusal
from workshop.core.safetext import visible
from workshop.core.state import SessionState, VoteRound
from workshop.core.tally import Tally, item_dots, tally
from workshop.core.tracked import Changes
from workshop.tui.keys import _
from workshop.tui.screens.confirm import REVEAL_VOTES, ConfirmScreen
from workshop.tui.steps.base import StepView
from workshop.tui.steps.chips import ChipRow
from workshop.tui.steps.journey import SHORT, TextView, css_beside, short_names
from workshop.tui.steps.table import SyncedTable, cell
from workshop.tui.widgets.entry_field import EntryField

DOT, FREE = "●", "○"
BLOCKS = " ▏▎▍▌▋▊▉█"
# "3", "3x2", "3*2", "3×2": item 3, once or twice; items apart by spaces or commas.
_DOTS = re.compile(r"^(\d{1,4})(?:[x×*](\d{1,2}))?$")
CLEAR = "-"  # a line of just this takes every dot of the voter back


class DotsLineError(ValueError):
    """A typed line of dots that is not item numbers."""


def parse_dots(text: str, items: int = 99) -> dict[int, int]:
    """Item numbers typed for one voter -> dots per number ("3 3 5" -> {3: 2, 5: 1}).
    With at most nine items a run of digits is one item each ("335" is "3 3 5")."""
    out: dict[int, int] = {}
    if text.strip() == CLEAR:
        return out
    tokens = [tok for tok in re.split(r"[\s,;]+", text.strip()) if tok]
    if not tokens:
        raise DotsLineError(text)
    for tok in tokens:
        if items <= 9 and tok.isdigit() and len(tok) > 1:
            for digit in tok:
                out[int(digit)] = out.get(int(digit), 0) + 1
            continue
        match = _DOTS.match(tok)
        if not match:
            raise DotsLineError(tok)
        number, times = int(match[1]), int(match[2] or 1)
        out[number] = out.get(number, 0) + times
    return out


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


# Moving along the options, shared by the steps that list them (vote, ranking).
ITEM_KEYS = [
    Binding("up", "item(-1)", _("Previous item"), show=False),
    Binding("down", "item(1)", _("Next item"), show=False),
    Binding("pageup", "item(-10)", _("Ten items back"), show=False),
    Binding("pagedown", "item(10)", _("Ten items on"), show=False),
    Binding("home", "item(-1000000)", _("First item"), show=False),
    Binding("end", "item(1000000)", _("Last item"), show=False),
]


class VoteView(StepView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("plus,equals_sign,space", "cast(1)", _("Add dot"), tooltip=_("Add a dot"),
                show=False),
        Binding("minus,backspace", "cast(-1)", _("Remove dot"), tooltip=_("Take a dot back"),
                show=False),
        Binding("r", "reveal", _("Reveal"), tooltip=_("Reveal the votes"), show=False),
        Binding("f6", "reveal", _("Reveal"), tooltip=_("Reveal the votes (r on the voters)")),
        Binding("o", "open", _("Open the vote"), show=False),
        *ITEM_KEYS,
    ]

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        # (rid, revealed) the layout was built for, None for no vote. A read-only look
        # starts from neither: one with no vote open (the replay before the vote, a step
        # skipped) hides the voters' row and the items, drawn empty until then. (A live
        # panel with no vote yet is one made ahead: its vote opens as it shows, and the
        # voters and items it was laid out with stay.)
        self._shown_round: tuple | None | bool = False if live.readonly else None
        self._numbers: dict[int, int] = {}  # the items' numbers on screen -> item ids
        self._synced: tuple | None = None  # what the items' rows were last made from
        # Since the rows were last made whole: the items' rows (item -> place, label,
        # moment number), what they were made from (the state's containers, the round,
        # the journey's order, the voter), and the dots and entries changed since.
        self._rows: dict[int, tuple[int, str, str]] = {}
        self._made_from: tuple | None = None
        self._dots_seen = Changes()
        self._entries_seen = Changes()
        self._said: Text | None = None  # a refusal or what was just recorded, on the hint line
        self._keep_said = False

    # ---- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        yield TextView(id="round")
        yield VoterRow(id="voters")
        # Where the options' names would get less than 20 cells (80 columns, Spanish's
        # "Puntos de quien vota"), the voter's column says just "Dots": the chips above
        # and the hint below name whose they are.
        short = t("short\x04Voter's dots")
        yield SyncedTable([("pos", "#", 4), ("item", t("Item"), 20),
                           ("mine", t("Voter's dots"), max(9, len(t("Voter's dots")))),
                           ("total", t("Total"), max(6, len(t("Total")), len(t("hidden"))))],
                          self._render_item, flex="item", id="items", want_flex=20,
                          shrink=[{"mine": (max(6, len(short)), short)}])
        with VerticalScroll(id="result"):
            yield TextView(id="chart")
        if not self.live.readonly:  # a finished session or a replay: nothing to press
            with Horizontal(id="buttons"):
                yield Button(t("+ dot"), id="add", compact=True)
                yield Button(t("− dot"), id="remove", compact=True)
                yield Button(t("Reveal…"), id="reveal", compact=True, variant="warning")
        yield TextView(id="hint")
        if not self.live.readonly:  # nor anything typed
            # Whole in the field at 80 columns (the longer one, with "(or 335)", was cut).
            yield EntryField(placeholder=t("Dots: item numbers, e.g. 3 3 5, then Enter"),
                             id="dots", select_on_focus=False)

    def mounted(self) -> None:
        self.query_one("#items", SyncedTable).can_focus = False
        for button in self.query(Button):  # for the mouse: Tab goes field <-> voters
            button.can_focus = False
        self.refresh_state()
        if not self.live.readonly:
            # The screen focuses the panel after the next refresh; taking the focus now
            # as well means a key pressed right after the step opens is not lost.
            self.focus_entry()

    def entry_widget(self) -> Widget | None:
        # The round is the state's, there before the panel is mounted: its own mounted()
        # asks too, and a guard on is_mounted (False there) gave it the voters' row.
        rnd = self.round
        if rnd is not None and not rnd.revealed and not self.live.readonly:
            return self.query_one("#dots")  # typing the item numbers is the quick way
        return self.query_one(VoterRow)

    def on_resize(self) -> None:
        # A short panel (80×24 with the guide shown): the buttons (for the mouse) make
        # way for the items, and the field takes one line.
        short = self.size.height < SHORT
        self.set_class(short, "-short")
        for field in self.query("#dots").results(Input):  # (none in a read-only look)
            field.compact = short
        rnd = self.round
        if rnd is not None and rnd.revealed:
            self._show_chart(self.live.state, rnd)

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
            for wid in ("#voters", "#items", "#add", "#remove", "#reveal", "#dots"):
                for widget in self.query(wid).results():  # (none of the last four read-only)
                    widget.display = not closed
            result = self.query_one("#result")
            result.display = rnd is not None and rnd.revealed
            # (Not from a panel made ahead, hidden: the screen focuses it as it shows.)
            unfocused = self.screen.focused is None and self.on_view
            if result.display and unfocused:
                result.focus()  # the arrows scroll a long result
            elif not closed and not self.live.readonly and self.on_view \
                    and self.screen is self.app.screen:
                # The field, as the vote opens on screen (o, or the undo of a reveal):
                # the voters' row kept the focus the closed panel had given it, and the
                # item numbers typed next picked voters instead.
                self.focus_entry()
            elif not closed and unfocused:
                self.query_one(VoterRow).focus()
            # No vote open (its opening undone): nothing in the panel shows to take the
            # focus, and without it the panel's keys (o opens the vote) were dead.
            waiting = rnd is None and not self.live.readonly
            self.can_focus = waiting
            focused = self.screen.focused
            if waiting and self.on_view and (focused is None or self in focused.ancestors):
                self.focus()
            if rnd is not None and not rnd.revealed:
                self._first_voter_with_dots(state, rnd)
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

    def _first_voter_with_dots(self, state: SessionState, rnd: VoteRound) -> None:
        """As the panel first shows an open vote (a session resumed after a break), the
        voter is the first one with dots left, as typing each line moved it on."""
        people = short_names(state)
        voters = self.query_one(VoterRow)
        waiting = [i for i, (pid, _) in enumerate(people)
                   if state.dots_used(rnd.rid, pid) < rnd.dots]
        if waiting and voters.index == 0:
            voters.people = people
            voters.index = waiting[0]

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
        t = self.t
        left = rnd.dots - state.dots_used(rnd.rid, pid)
        hint = Text()
        if self._said is not None:  # said where the facilitator is looking: here
            hint.append_text(self._said)
            hint.append("\n")
        everyone = all(state.dots_used(rnd.rid, p) >= rnd.dots for p in state.participants)
        keys = (t("everyone has voted: F6 reveals") if everyone else
                t("Tab: the voters (+/− a dot) · F6 reveal"))
        # The noun counts the dots each has ("1 of 1 dot left"), not those left.
        hint.append(t.plural(rnd.dots, "{who}: {left} of {n} dot left · {keys}",
                             "{who}: {left} of {n} dots left · {keys}", left=left,
                             who=self._voter_name(pid), keys=keys), style="dim")
        self.query_one("#hint", TextView).update(hint)

    def _voter_name(self, pid: int | None) -> str:
        """A participant as the chips name them (first names in the live room)."""
        names: dict[int | None, str] = dict(short_names(self.live.state))
        return names.get(pid, self.t("group"))

    def _say(self, text: str, *, refused: bool = True) -> None:
        self._said = Text(visible(text), style="bold yellow" if refused else "green")
        rnd = self.round
        if rnd is not None and not rnd.revealed:
            self._show_voter_hint(self.live.state, rnd, self.query_one(VoterRow).pid)

    def refusal_text(self, refused: VoteRefusal) -> str:
        """A refusal in the panel's words: the voter named as the chips name them."""
        t, v = self.t, refused.values
        who = self._voter_name(v.get("pid"))
        number = self._number_of(v.get("item"))
        if refused.code == "budget" and "wanted" in v:
            return t("{who}: {wanted} dots typed, but each has {dots}.", who=who,
                     wanted=v["wanted"], dots=v["dots"])
        if refused.code == "budget":
            return t("{who} has no dots left ({dots} each).", who=who, dots=v["dots"])
        if refused.code == "cap" and "wanted" in v:
            return t.plural(v["cap"], "{who}: at most {n} dot on one item ({wanted} typed for "
                            "item {item}).", "{who}: at most {n} dots on one item ({wanted} "
                            "typed for item {item}).", who=who, wanted=v["wanted"], item=number)
        if refused.code == "cap":
            return t.plural(v["cap"], "{who}: at most {n} dot on one item.",
                            "{who}: at most {n} dots on one item.", who=who)
        if refused.code == "none_to_take":
            return t("{who} has no dot on that item to take back.", who=who)
        return refused.text(t)

    def _number_of(self, item: int | None) -> int | str:
        return next((n for n, i in self._numbers.items() if i == item), item or "")

    # ---- the items --------------------------------------------------------------
    def _items(self, state: SessionState, rnd: VoteRound) -> list[tuple[int, str, str]]:
        """(item id, label, moment number) along the journey."""
        if rnd.target == "moments":
            return [(m.mid, m.text, "") for m in state.ordered_moments()]
        position = {mid: i for i, mid in enumerate(state.order, start=1)}
        ideas = sorted(state.ideas.values(), key=lambda i: (position.get(i.mid, 0), i.iid))
        return [(i.iid, i.text, str(position.get(i.mid, ""))) for i in ideas]

    def _sync_items(self, state: SessionState, rnd: VoteRound, pid: int | None) -> None:
        # The rows follow the fold (its last event), the round and the voter: the same
        # three, the same rows. The panel's first showing asked twice (refresh_state, then
        # the voters' row's first Changed), each time building a row per item (2,000 ideas).
        shown = (state.last_event_id, rnd.rid, rnd.blind, pid)
        if shown == self._synced:
            return
        before, self._synced = self._synced, shown
        if before is not None and self._same_items(state, rnd):
            self._sync_dots(state, rnd, before[3], pid)  # the same items: their dots
            return
        totals = item_dots(state, rnd.rid) if not rnd.blind else {}
        items = self._items(state, rnd)
        self._numbers = {pos: item for pos, (item, _, _) in enumerate(items, start=1)}
        self._rows = {item: (pos, label, moment)
                      for pos, (item, label, moment) in enumerate(items, start=1)}
        self.query_one("#items", SyncedTable).sync(
            [(str(item), self._item_row(state, rnd, pid, item, totals)) for item in self._rows])
        self._made_from = (state.votes, state.ideas, state.moments, rnd.rid, rnd.blind,
                           list(state.order))
        self._dots_seen, self._entries_seen = Changes(), Changes()
        state.votes.watch(self._dots_seen)
        for entries in (state.ideas, state.moments):  # a label, a moment's place
            entries.watch(self._entries_seen)

    def _same_items(self, state: SessionState, rnd: VoteRound) -> bool:
        """Whether the rows' items, labels and places are those last made: the same
        containers (an undo may fold a new state), round and order, no entry changed."""
        was = self._made_from
        return (was is not None and not self._entries_seen and was[0] is state.votes
                and was[1] is state.ideas and was[2] is state.moments
                and was[3:5] == (rnd.rid, rnd.blind) and was[5] == state.order)

    def _sync_dots(self, state: SessionState, rnd: VoteRound, was: int | None,
                   pid: int | None) -> None:
        """Only the rows whose dots may differ: the items a dot of this vote was cast on
        or taken from since, and for another voter, those either voter has dots on (a
        dot cast on a vote of 8,000 ideas made every row again, 55 ms a key)."""
        touched = {item for rid, _, item in self._dots_seen if rid == rnd.rid}
        self._dots_seen.clear()
        if pid != was:
            touched.update(item for rid, voter, item in state.votes
                           if rid == rnd.rid and voter in (was, pid))
        if not touched:
            return
        totals = item_dots(state, rnd.rid) if not rnd.blind else {}
        self.query_one("#items", SyncedTable).update_rows(
            (str(item), self._item_row(state, rnd, pid, item, totals))
            for item in touched if item in self._rows)

    def _item_row(self, state: SessionState, rnd: VoteRound, pid: int | None, item: int,
                  totals: dict[int, int]) -> tuple:
        pos, label, moment = self._rows[item]
        mine = state.votes.get((rnd.rid, pid, item), 0) if pid is not None else 0
        return (pos, label, moment, mine, None if rnd.blind else totals.get(item, 0))

    def _render_item(self, raw: tuple) -> tuple:
        pos, label, moment, mine, total = raw
        text = cell(label)
        if moment:
            text.append(f"  ({self.t('moment {n}', n=moment)})", style="dim")
        return (pos, text, Text(DOT * mine, style="bold green"),
                Text("" if total is None else str(total or ""), style="bold"))

    def on_voter_row_changed(self, event: VoterRow.Changed) -> None:
        event.stop()
        if self._keep_said:  # the panel moved on to the next voter: keep what it said
            self._keep_said = False
        else:
            self._said = None
        rnd, voters = self.round, self.query_one(VoterRow)
        # No one on the row yet: its first Changed, as it mounts; refresh_state fills it
        # and the items for its voter (the items made for nobody were made for nothing).
        if rnd is not None and not rnd.revealed and voters.people:
            state, pid = self.live.state, voters.pid
            self._sync_items(state, rnd, pid)
            self._show_voter_hint(state, rnd, pid)

    def action_item(self, delta: int) -> None:
        table = self.query_one("#items", SyncedTable)
        table.step_cursor(delta)

    # ---- casting and revealing -----------------------------------------------------
    def action_cast(self, delta: int) -> None:
        rnd = self.round
        if rnd is None or rnd.revealed:  # the keys are off then; a stray call does nothing
            return
        pid = self.query_one(VoterRow).pid
        item = self.query_one("#items", SyncedTable).selected_key
        if pid is None or item is None:
            self._say(self.t("There is nothing to vote for yet."))
            return
        refused = vote_refusal(self.live.state, rnd.rid, pid, int(item), delta)
        if refused is not None:  # said here, by the chips' name, before anything is written
            self._say(self.refusal_text(refused))
            return
        self._said = None
        self.live.record("vote_cast", rid=rnd.rid, pid=pid, item=int(item), delta=delta)

    # ---- typed dots ------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "dots" or not event.value.strip():
            return
        rnd = self.round
        if rnd is None or rnd.revealed:
            return
        state, voters = self.live.state, self.query_one(VoterRow)
        pid, text = parse_entry(event.value, state)
        pid = pid if pid is not None else voters.pid
        if pid is None:
            self._say(self.t("No participants to vote."))
            return
        try:
            numbers = parse_dots(text, len(self._numbers))
        except DotsLineError as exc:
            self._say(self.t("“{typed}” is not an item number: type the numbers of the items, "
                             "e.g. 3 3 5 (or 3x2 5).", typed=str(exc)))
            return
        unknown = [n for n in numbers if n not in self._numbers]
        if unknown:
            self._say(self.t("There is no item {n} in this vote (1 to {last}).", n=unknown[0],
                             last=len(self._numbers)) if self._numbers else
                      self.t("There is nothing to vote for yet."))
            return
        dots = {self._numbers[n]: k for n, k in numbers.items()}
        refused = dots_refusal(state, rnd.rid, pid, dots)
        if refused is not None:
            self._say(self.refusal_text(refused))
            return
        for item, delta in dots_changes(state, rnd.rid, pid, dots):
            if self.live.record("vote_cast", rid=rnd.rid, pid=pid, item=item,
                                delta=delta) is None:
                return  # the screen said why (a disk error); the line stays in the field
        event.input.value = ""
        spent = sum(dots.values())
        who = self._voter_name(pid)
        said = (self.t.plural(spent, "{who}: {n} dot recorded.", "{who}: {n} dots recorded.",
                              who=who) if spent else self.t("{who}: no dots.", who=who))
        self._next_voter(pid)
        self._say(said, refused=False)

    def _next_voter(self, pid: int) -> None:
        """After a voter's dots are typed: the next voter with dots left (roster order)."""
        voters, state, rnd = self.query_one(VoterRow), self.live.state, self.round
        pids = [p for p, _ in voters.people]
        if pid not in pids or rnd is None:
            return
        start = pids.index(pid)
        for step in range(1, len(pids) + 1):
            other = pids[(start + step) % len(pids)]
            if state.dots_used(rnd.rid, other) < rnd.dots:
                self._keep_said = voters.index != pids.index(other)
                voters.index = pids.index(other)
                return

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
        # Enter keeps the vote open, as the other questions take the safe way: a
        # revealed vote cannot be unseen by the room (r reveals it).
        self.app.push_screen(ConfirmScreen(question, REVEAL_VOTES, tr=self.t, default="no"),
                             self._revealed)

    def _revealed(self, yes: bool | None) -> None:
        rnd = self.round
        if yes and rnd is not None and not rnd.revealed:
            self.live.record("votes_revealed", rid=rnd.rid)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"add": lambda: self.action_cast(1), "remove": lambda: self.action_cast(-1),
         "reveal": self.action_reveal}[event.button.id or ""]()
        self.query_one(VoterRow).focus()

    # ---- the result ----------------------------------------------------------------
    def _show_chart(self, state: SessionState, rnd: VoteRound) -> None:
        chart = self.query_one("#chart", TextView)
        # The padding and a scrollbar (a long result scrolls): a wrapped row would part a
        # bar from its count.
        width = max(20, (self.size.width or 60) - 4)
        chart.update(ranked_chart(tally(state, rnd.rid), state, self.t, width))



def label_lines(label: str, width: int, most: int = 3) -> list[str]:
    """``label`` wrapped at word ends into ``most`` lines of ``width`` at most, the last
    one cut with an ellipsis if the text goes on."""
    lines = textwrap.wrap(label, width, break_long_words=True) or [""]
    if len(lines) > most:
        last = " ".join(lines[most - 1:])
        lines = lines[:most - 1] + [last[: width - 1].rstrip() + "…"]
    return lines


def ranked_chart(result: Tally, state: SessionState, t, width: int) -> Text:
    """The items with dots, by rank (ties share it: "=2"), each with a bar, under a
    heading that names the columns: rank, the moment's number along the journey, the
    moment (or idea), dots. Too narrow for a label and a bar side by side, each bar and
    its count go on a line of their own under the label."""
    voted = [row for row in result.rows if row.dots > 0]
    out = Text()
    out.append(t.plural(result.cast, "{n} dot from {voters}", "{n} dots from {voters}",
                        voters=t.plural(result.voters, "{n} voter", "{n} voters")),
               style="bold")
    out.append("\n\n")
    if not voted:
        out.append(t("Nobody cast a dot."), style="italic")
        return out
    ranks = Counter(row.rank for row in voted)
    most = voted[0].dots
    number = {mid: i for i, mid in enumerate(state.order, start=1)}

    def text_of(row) -> str:
        text = (state.moments[row.item].text if result.target == "moments"
                else state.ideas[row.item].text)
        return " ".join(visible(text).split())  # measured as it will show

    heads = (t("Rank"), "#", t("Moment") if result.target == "moments" else t("Idea"),
             t("Dots"))
    rank_w = max(3, len(heads[0]))
    number_w = max(2, len(str(len(state.order))))
    count_w = max(4, len(heads[3]))
    labels = {row.item: text_of(row) for row in voted}
    indent = " " * (rank_w + number_w + 2)
    room = width - rank_w - number_w - 3 - count_w
    # Below a label of 12 and a bar of 8 (the panel at 60 columns is 32 wide), the line
    # side by side was wider than the panel: "Dots" and every count wrapped onto a line
    # of their own. Then each label has the width, its bar and count the line under it.
    stacked = room < 12 + 8
    if stacked:
        label_width = max(1, width - len(indent))
        bar_width = max(1, min(60, width - len(indent) - count_w))
        left = f"{heads[0]:>{rank_w}} {heads[1]:>{number_w}} {heads[2]}"
        heading = (f"{left:<{width - count_w}}{heads[3]:>{count_w}}"
                   if len(left) + 1 + count_w <= width else  # over the counts, apart
                   f"{left}\n{heads[3]:>{len(indent) + bar_width + count_w}}")
    else:
        # Labels as wide as the longest, as far as the width allows once the bars have a
        # readable third of it; the bars take what is left (an idea's words matter more).
        longest = max(len(x) for x in labels.values())
        label_width = max(12, min(max(longest, len(heads[2])),
                                  room - max(8, min(30, room // 3))))
        bar_width = max(8, min(60, room - label_width))
        heading = (f"{heads[0]:>{rank_w}} {heads[1]:>{number_w}} {heads[2]:<{label_width}} "
                   f"{' ' * bar_width}{heads[3]:>{count_w}}")
    out.append(heading + "\n", style="bold underline")
    for row in voted:
        tied = ranks[row.rank] > 1
        rank = f"{'=' if tied else ''}{row.rank}"
        # The winning ideas are read aloud: a long one wraps under itself (three lines at
        # most) rather than losing its end; the bar stays on its first line.
        lines = label_lines(labels[row.item], label_width)
        mid = row.item if result.target == "moments" else state.ideas[row.item].mid
        out.append(f"{rank:>{rank_w}} ", style="bold")
        out.append(f"{number.get(mid, '?'):>{number_w}} ", style="dim")
        if stacked:
            out.append("\n".join([lines[0], *(indent + more for more in lines[1:])]))
            out.append("\n" + indent)
        else:
            out.append(f"{lines[0]:<{label_width}} ")
        drawn = bar(row.dots, most, bar_width)
        out.append(drawn, style="green" if row.rank == 1 else "cyan")
        out.append(f"{' ' * (bar_width - len(drawn))}{row.dots:>{count_w}}\n", style="bold")
        if not stacked:
            for more in lines[1:]:
                out.append(f"{indent}{more}\n")
    out.append(t("#: the moment's number along the journey.") + "\n", style="dim")
    rest = len(result.rows) - len(voted)
    if rest:
        out.append("\n" + t.plural(rest, "{n} more without dots.", "{n} more without dots."),
                   style="dim")
    return out


STEP_KINDS = ("vote",)
VIEW = VoteView
