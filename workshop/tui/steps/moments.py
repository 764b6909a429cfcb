"""The moments step: map the moments of truth along the customer journey.

Typing a moment and pressing Enter saves it at once ("3: …" or "Ana: …" attributes it
to a participant, anything else to the group). A tag at the start of the line sets its
stage and touchpoint while typing ("bi/ …": before, indirect; see core/entry.py for the
letters of each language). New moments take the stage and touchpoint set last, because
a group tends to walk the journey in order, and the label beside the field always says
what the next one gets; a moment with a stage joins its stage along the journey. In the
list, single keys set the stage, toggle the touchpoint, edit, merge, reorder, delete.
"""

from __future__ import annotations

from time import monotonic
from typing import Any

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.widgets import Input

from workshop.core.entry import KEEP, journey_place, letters, parse_entry, parse_moment
from workshop.core.safetext import visible
from workshop.core.state import Moment, SessionState, stage_label, touchpoint_label
from workshop.tui.keys import _, key_name
from workshop.tui.screens.confirm import DELETE_MOMENT, ConfirmScreen
from workshop.tui.steps.entries import EntryEditing
from workshop.tui.steps.journey import STAGE_STYLE, JourneyView, TextView, css_beside
from workshop.tui.steps.table import SyncedTable, cell
from workshop.tui.widgets.entry_field import EntryField

STAGE_KEYS = Binding.Group(_("Stage"), compact=True)
STAGE_DESCRIPTIONS = {"before": _("Stage: before"), "during": _("Stage: during"),
                      "after": _("Stage: after")}
# t toggles direct and indirect (a moment with none becomes direct).
TOUCHPOINT_TOGGLE = {None: "direct", "direct": "indirect", "indirect": "direct"}


class MomentsView(EntryEditing, JourneyView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("b", "stage('before')", _("Stage: before"), group=STAGE_KEYS),
        Binding("d", "stage('during')", _("Stage: during"), group=STAGE_KEYS),
        Binding("a", "stage('after')", _("Stage: after"), group=STAGE_KEYS),
        Binding("t", "touchpoint", _("short\x04Touchpoint"),
                tooltip=_("Touchpoint: direct / indirect (a toggle)")),
        Binding("e", "edit", _("Edit")),
        Binding("m", "merge", _("Merge"), tooltip=_("Merge duplicates")),
        Binding("shift+up,ctrl+up", "move(-1)", _("Move earlier in the journey"), show=False),
        Binding("shift+down,ctrl+down", "move(1)", _("Move later in the journey"), show=False),
        Binding("x,delete", "delete", _("Delete")),
        Binding("n,i", "new", _("Type a new moment"), show=False),
        # In the list, a moment's number goes to it ("12": two digits in a row).
        Binding("1", "jump(1)", _("Go to a moment by its number"), show=False,
                key_display="1-9"),
        *(Binding(str(d), f"jump({d})", show=False) for d in (2, 3, 4, 5, 6, 7, 8, 9, 0)),
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
        self._jump: tuple[int, float] = (0, 0.0)  # the number typed so far in the list, when
        last = live.state.ordered_moments()[-1:] if live.state.order else []
        self.default_stage = last[0].stage if last else None
        self.default_touchpoint = last[0].touchpoint if last else None
        # The stage keys are the language's letters (b/d/a; in Spanish a/d/p, as in the
        # tags typed in the entry line), under a group title in the session's language.
        stage = Binding.Group(self.t("Stage"), compact=True)
        keys: dict[str, list[Binding]] = {}
        for key, group in self._bindings.key_to_bindings.items():
            if not any(b.group == STAGE_KEYS for b in group):
                keys.setdefault(key, []).extend(group)
            elif not any(b.group is stage for bs in keys.values() for b in bs):
                for letter, name in letters(live.state.lang)[0].items():  # where b/d/a stood
                    keys.setdefault(letter, []).append(Binding(
                        letter, f"stage('{name}')", STAGE_DESCRIPTIONS[name], group=stage))
        self._bindings = BindingsMap.from_keys(keys)

    # ---- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield self.moments_table()
        yield TextView(id="hint")
        yield TextView(id="next")  # what the next moment gets, right above the field
        if not self.live.readonly:  # a read-only look or a replay: nothing is typed
            # Whole in the field at 80x24, in every language (it was cut in all three).
            yield EntryField(placeholder=self.t("A moment of truth, Enter (“3: …”: said by "
                                                "P3)"), id="entry", select_on_focus=False,
                             paste="entries")

    def moment_columns(self) -> list[tuple[str, str, int]]:
        t = self.t
        stage = max(len(t("Stage")), *(len(stage_label(s, t)) for s in STAGE_STYLE))
        # The short heading: Spanish "Punto de contacto" took the moment's words' room.
        heading = t("short\x04Touchpoint")
        touch = max(len(heading), len(t("direct")), len(t("indirect")))
        return [("stage", t("Stage"), stage), ("touchpoint", heading, touch),
                ("who", t("Who"), 10)]

    def moments_table(self, *, focusable: bool = True, **layout: Any) -> SyncedTable:
        # At 80 columns Who makes way: the moment's own words come first.
        layout = {"want_flex": 24, "shrink": [{"who": None}], **layout}
        return super().moments_table(focusable=focusable, **layout)

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        return (m.stage, m.touchpoint, state.participant_label(m.pid) if m.pid else None)

    def row_context(self, state: SessionState) -> object:
        return [(p.pid, p.label) for p in state.participants.values()]  # the Who column

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

    def on_resize(self) -> None:
        super().on_resize()
        self.show_next()

    def _typed(self):
        """The line in the field, read as a moment (its tag, if any)."""
        return parse_moment(self.entry.value, self.live.state)

    def next_for(self, line) -> tuple[str | None, str | None]:
        """The stage and touchpoint a typed line gets: its tag's, else the defaults."""
        stage = self.default_stage if line.stage is KEEP else line.stage
        touchpoint = self.default_touchpoint if line.touchpoint is KEEP else line.touchpoint
        return stage, touchpoint

    def show_next(self) -> None:
        """Beside the field: what the moment being typed will get (the tag typed so far,
        else what the last ones got), so nothing is inherited unseen."""
        if not self.is_mounted:
            return
        t = self.t
        editing = self.editing is not None
        view = self.query_one("#next", TextView)
        view.display = not editing and not self.live.readonly
        if not view.display:
            return
        stage, touchpoint = self.next_for(self._typed())
        label = Text(t("Next moment:") + " ", style="bold")
        label.append(stage_label(stage, t) or t("no stage"),
                     style=(STAGE_STYLE.get(stage, "") + " bold") if stage else "italic")
        label.append(" · ")
        label.append(touchpoint_label(touchpoint, t) or t("no touchpoint"),
                     style="bold" if touchpoint else "italic")
        # The letters to type, as far as the line holds them: the line must stay one line
        # (at 80×24 a second one pushed the field's border off the panel).
        room = (view.size.width or self.size.width) - 2  # the padding
        for help_text in (self.tag_help(), self.tag_help(short=True), ""):
            if len(label) + 3 + len(help_text) <= room:
                break
        if help_text:
            label.append("   " + help_text, style="dim")
        view.update(label)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "entry":
            event.stop()
            self.show_next()

    def tag_help(self, short: bool = False) -> str:
        """Which letters set the stage and touchpoint in this session's language:
        "b/d/a/ before/during/after · +d/i direct/indirect: “bi/ …”" (short: "b/d/a + d/i:
        “bi/ …”")."""
        t = self.t
        stages, touchpoints = letters(self.live.state.lang)
        if short:
            return t("{keys} + {touch}: “{example}/ …”", keys="/".join(stages),
                     touch="/".join(touchpoints),
                     example=list(stages)[0] + list(touchpoints)[-1])
        return t("{keys}/ {stages} · +{touch} {touch_names}: “{example}/ …”",
                 keys="/".join(stages), stages="/".join(stage_label(v, t) for v in stages.values()),
                 touch="/".join(touchpoints),
                 touch_names="/".join(touchpoint_label(v, t) for v in touchpoints.values()),
                 example=list(stages)[0] + list(touchpoints)[-1])

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
            hint.append(t.plural(n, "{n} moment.", "{n} moments."))
            if not self.live.readonly:  # the list's keys only work in the list: say how
                stages = "/".join(letters(state.lang)[0])
                hint.append(" " + t("shift+Tab: the list ({stages}, t, e, m, x, a number "
                                    "goes to that moment).", stages=stages), style="dim")
        self.query_one("#hint", TextView).update(hint)
        self.show_next()

    # ---- typing -------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "entry":
            return
        if self.editing_in(event.input):
            if parse_entry(event.value, self.live.state)[1]:
                self.submit_edit(event.value)
            return
        line = parse_moment(event.value, self.live.state)
        stage, touchpoint = self.next_for(line)
        if not line.text:
            if line.tagged:  # a tag alone: what the next moments get
                self.default_stage, self.default_touchpoint = stage, touchpoint
                event.input.value = ""
                self.show_next()
            return
        data = {"text": line.text, "pid": line.pid, "stage": stage, "touchpoint": touchpoint}
        place = journey_place(self.live.state, stage)
        if place is not None:
            data["index"] = place
        saved = self.live.record("moment_added", **data)
        if saved is not None:
            self.default_stage, self.default_touchpoint = stage, touchpoint
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
        # A moment's edit may change who raised it too ("3: …"), and a tag its stage
        # and touchpoint.
        line = parse_moment(value, self.live.state)
        pid, text = line.pid, line.text
        if not text:
            return False
        changes: dict[str, object] = {}
        if text != m.text:
            changes["text"] = text
        if pid != m.pid:
            changes["pid"] = pid
        if line.stage is not KEEP and line.stage != m.stage:
            changes["stage"] = line.stage
        if line.touchpoint is not KEEP and line.touchpoint != m.touchpoint:
            changes["touchpoint"] = line.touchpoint
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
        self.app.push_screen(ConfirmScreen(question, DELETE_MOMENT, tr=self.t),
                             lambda yes: self._delete(m.mid) if yes else None)

    def _delete(self, mid: int) -> None:
        if self.live.record("entry_deleted", entity="moment", id=mid) is not None:
            self.notify(self.t("Moment deleted ({key} brings it back).",
                               key=key_name("ctrl+z")))

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
        new = TOUCHPOINT_TOGGLE[m.touchpoint]
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

    JUMP_SECONDS = 1.0  # a second digit within this long makes a two-digit number

    def action_jump(self, digit: int) -> None:
        if self.screen.focused is not self.table:
            raise SkipAction()  # typed into a field: a digit is a digit
        now = monotonic()
        typed, at = self._jump
        number = int(f"{typed}{digit}") if typed and now - at <= self.JUMP_SECONDS else digit
        if not 1 <= number <= len(self.live.state.order):
            number = digit
        self._jump = (number, now)
        if 1 <= number <= len(self.live.state.order):
            self.table.go_to_row(number - 1)

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
