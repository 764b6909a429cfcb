"""The moments step: map the moments of truth along the customer journey.

Typing a moment and pressing Enter saves it at once ("3: …" or "Ana: …" attributes it
to a participant, anything else to the group). New moments take the stage and
touchpoint set last, because a group tends to walk the journey in order. In the list,
single keys set the stage and touchpoint, edit, merge duplicates, reorder, delete.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.actions import SkipAction
from textual.binding import Binding, BindingsMap
from textual.widgets import Input

from workshop.core.entry import parse_entry
from workshop.core.safetext import visible
from workshop.core.state import Moment, SessionState, stage_label, touchpoint_label
from workshop.tui.keys import _
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.steps.entries import EntryEditing
from workshop.tui.steps.journey import STAGE_STYLE, JourneyView, TextView, css_beside
from workshop.tui.steps.table import SyncedTable, cell
from workshop.tui.widgets.entry_field import EntryField

STAGE_KEYS = Binding.Group(_("Stage"), compact=True)
TOUCHPOINT_CYCLE = {None: "direct", "direct": "indirect", "indirect": None}


class MomentsView(EntryEditing, JourneyView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("b", "stage('before')", _("Stage: before"), group=STAGE_KEYS),
        Binding("d", "stage('during')", _("Stage: during"), group=STAGE_KEYS),
        Binding("a", "stage('after')", _("Stage: after"), group=STAGE_KEYS),
        Binding("t", "touchpoint", _("short\x04Touchpoint"),
                tooltip=_("Touchpoint: direct / indirect")),
        Binding("e", "edit", _("Edit")),
        Binding("m", "merge", _("Merge"), tooltip=_("Merge duplicates")),
        Binding("shift+up,ctrl+up", "move(-1)", _("Move earlier in the journey"), show=False),
        Binding("shift+down,ctrl+down", "move(1)", _("Move later in the journey"), show=False),
        Binding("x,delete", "delete", _("Delete")),
        Binding("n,i", "new", _("Type a new moment"), show=False),
        Binding("escape", "cancel", _("Cancel edit or merge"), show=False),
    ]

    ENTRY = "#entry"
    NARROW = None
    TEXT_WIDTH = 30
    ENTITY, ID, LIST = "moment", "mid", "#moments"
    WRITES = frozenset({"stage", "touchpoint", "edit", "merge", "move", "delete", "new"})

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self.merging: int | None = None  # the moment marked to merge into another
        last = live.state.ordered_moments()[-1:] if live.state.order else []
        self.default_stage = last[0].stage if last else None
        self.default_touchpoint = last[0].touchpoint if last else None
        # The footer shows a group's title as it is: give it in the session's language.
        stage = Binding.Group(self.t("Stage"), compact=True)
        self._bindings = BindingsMap.from_keys({
            key: [replace(b, group=stage) if b.group == STAGE_KEYS else b for b in group]
            for key, group in self._bindings.key_to_bindings.items()})

    # ---- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield self.moments_table()
        yield TextView(id="hint")
        yield EntryField(placeholder=self.t(
                        "A moment of truth, then Enter (“3: …” credits participant 3)"),
                    id="entry", select_on_focus=False, paste="entries")

    def moment_columns(self) -> list[tuple[str, str, int]]:
        t = self.t
        stage = max(len(t("Stage")), *(len(stage_label(s, t)) for s in STAGE_STYLE))
        # The short heading: Spanish "Punto de contacto" took the moment's words' room.
        heading = t("short\x04Touchpoint")
        touch = max(len(heading), len(t("direct")), len(t("indirect")))
        return [("stage", t("Stage"), stage), ("touchpoint", heading, touch),
                ("who", t("Who"), 10)]

    def moments_table(self, *, focusable: bool = True) -> SyncedTable:
        # At 80 columns Who makes way: the moment's own words come first.
        return super().moments_table(focusable=focusable, want_flex=24, shrink=[{"who": None}])

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        return (m.stage, m.touchpoint, state.participant_label(m.pid) if m.pid else None)

    def render_extra(self, extra: tuple) -> tuple:
        stage, touchpoint, who = extra
        return (cell(stage_label(stage, self.t), STAGE_STYLE.get(stage, "")),
                cell(touchpoint_label(touchpoint, self.t)),
                cell(who) if who else cell(self.t("group"), "dim"))

    @property
    def entry(self) -> Input:
        return self.query_one("#entry", Input)

    # ---- redraw -------------------------------------------------------------------
    def refresh_state(self) -> None:
        if not self.is_mounted:
            return
        state = self.live.state
        if self.merging not in state.moments:
            self.merging = None
        super().refresh_state()
        self.show_hint()

    def moment_changed(self) -> None:
        self.show_hint()

    def show_hint(self) -> None:
        t, state = self.t, self.live.state
        hint = Text()
        if self.editing is not None:
            hint.append(t("Editing moment {n}: Enter saves, Esc cancels.",
                          n=state.order.index(self.editing) + 1), style="bold")
        elif self.merging is not None:
            hint.append(t(
                "Merging “{text}”: select the moment to keep and press m (Esc cancels).",
                text=_short(state.moments[self.merging].text)), style="bold yellow")
        elif not state.order:
            hint.append(t("No moments.") if self.live.readonly else
                        t("No moments yet: type the first one below and press Enter."))
        else:
            n = len(state.order)
            hint.append(t.plural(n, "{n} moment.", "{n} moments.") + " ")
            if not self.live.readonly:  # what new ones get: moot when nothing is typed
                stage = stage_label(self.default_stage, t) or "–"
                touch = touchpoint_label(self.default_touchpoint, t) or "–"
                hint.append(t("New ones: stage {stage}, touchpoint {touchpoint}.",
                              stage=stage, touchpoint=touch), style="dim")
                # The list's keys only work in the list: say how to get there.
                hint.append(" " + t("shift+Tab: the list (b/d/a, t, e, m, x)."), style="dim")
        self.query_one("#hint", TextView).update(hint)

    # ---- typing -------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "entry":
            return
        pid, text = parse_entry(event.value, self.live.state)
        if not text:
            return
        if self.editing_in(event.input):
            self.submit_edit(event.value)
            return
        saved = self.live.record("moment_added", text=text, pid=pid, stage=self.default_stage,
                                 touchpoint=self.default_touchpoint)
        if saved is not None:
            event.input.value = ""
            self.select_moment(saved.data["mid"])

    # ---- editing and deleting (the keys are EntryEditing's) ----------------------------
    def entry_items(self) -> dict[int, Moment]:
        return self.live.state.moments

    def edit_field(self, m: Moment) -> Input:
        return self.entry

    def edit_value(self, m: Moment) -> str:
        who = f"{self.live.state.participant_label(m.pid)}: " if m.pid else ""
        return who + m.text

    def selected_entry(self) -> Moment | None:
        return self._selected()

    def save_edit(self, m: Moment, value: str) -> bool:
        # A moment's edit may change who raised it too ("3: …").
        pid, text = parse_entry(value, self.live.state)
        if not text:
            return False
        changes = {}
        if text != m.text:
            changes["text"] = text
        if pid != m.pid:
            changes["pid"] = pid
        return not changes or self.live.record("moment_edited", mid=m.mid, **changes) is not None

    def delete_entry(self, m: Moment) -> None:
        state = self.live.state
        hanging = (sum(x.mid == m.mid for x in state.expectations.values())
                   + sum(i.mid == m.mid for i in state.ideas.values())
                   + sum(k[0] == m.mid for k in state.ratings))
        if not hanging:
            self._delete(m.mid)
            return
        question = self.t.plural(
            hanging, "Delete “{text}” and the {n} expectation, rating or idea on it? Undo "
            "brings it back.", "Delete “{text}” and the {n} expectations, ratings and ideas "
            "on it? Undo brings them back.", text=_short(m.text))
        self.app.push_screen(ConfirmScreen(question, yes=self.t("Delete"), no=self.t("Keep")),
                             lambda yes: self._delete(m.mid) if yes else None)

    def _delete(self, mid: int) -> None:
        if self.live.record("entry_deleted", entity="moment", id=mid) is not None:
            self.notify(self.t("Moment deleted (ctrl+z brings it back)."))

    # ---- keys on the selected moment ------------------------------------------------
    def _selected(self) -> Moment | None:
        mid = self.selected_mid
        m = self.live.state.moments.get(mid) if mid is not None else None
        if m is None:
            self.notify(self.t("Select a moment first."), severity="warning")
        return m

    def action_stage(self, stage: str) -> None:
        m = self._selected()
        if m is None:
            return
        new = None if m.stage == stage else stage
        if self.live.record("moment_edited", mid=m.mid, stage=new) is not None:
            self.default_stage = new
            self.show_hint()

    def action_touchpoint(self) -> None:
        m = self._selected()
        if m is None:
            return
        new = TOUCHPOINT_CYCLE[m.touchpoint]
        if self.live.record("moment_edited", mid=m.mid, touchpoint=new) is not None:
            self.default_touchpoint = new
            self.show_hint()

    def action_merge(self) -> None:
        m = self._selected()
        if m is None:
            return
        if self.merging is None:
            self.merging = m.mid
        elif self.merging == m.mid:
            self.notify(self.t("Select the other moment, the one to keep."), severity="warning")
            return
        else:
            merged = self.live.record("moments_merged", mid=self.merging, into=m.mid)
            self.merging = None
            if merged is not None:
                self.notify(self.t("Merged into “{text}”.", text=_short(m.text)))
        self.show_hint()

    def action_move(self, delta: int) -> None:
        m = self._selected()
        if m is None:
            return
        index = self.live.state.order.index(m.mid) + delta
        if 0 <= index < len(self.live.state.order):
            self.live.record("moment_moved", mid=m.mid, index=index)
            self.table.select(m.mid)

    def action_new(self) -> None:
        self.focus_entry()

    def action_cancel(self) -> None:
        if self.editing is None and self.merging is None:
            raise SkipAction()  # nothing of ours to cancel: let the screen have Escape
        if self.editing is not None:
            self.end_edit()
            self.table.focus()
        self.merging = None
        self.show_hint()


def _short(text: str, width: int = 40) -> str:
    text = " ".join(visible(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


STEP_KINDS = ("moments",)
VIEW = MomentsView
