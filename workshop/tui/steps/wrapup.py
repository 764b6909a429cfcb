"""The wrap-up step: corrective actions and next steps, each tied to a moment.

The moment an entry is tied to is the one selected on the left (or "the whole
journey"); the arrow keys move it while typing. Each entry may say who owns it, by
when, and how success will be measured (METHOD.md's corrective actions): Tab goes on
to those fields, and Enter in any of them saves the entry typed before them. The owner
and the date stay filled in for the next entries; the measure, which belongs to one
action, empties. Editing an entry (e) brings all four back into their fields. From here
the facilitator exports the report and copies a summary for an e-mail, when the report
part of the tool is installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input

from workshop.core.safetext import visible
from workshop.core.state import Action, Moment, SessionState
from workshop.tui import hooks
from workshop.tui.keys import _, key_name
from workshop.tui.plain import plain
from workshop.tui.steps.entries import EntryEditing, edit_bindings
from workshop.tui.steps.journey import (
    JourneyView,
    TextView,
    VoteOrder,
    count_by_moment,
    css_beside,
    dots_cell,
)
from workshop.tui.steps.table import SyncedTable, cell
from workshop.tui.widgets.button_row import ButtonRow, RowButton
from workshop.tui.widgets.flat import FlatContainer

if TYPE_CHECKING:
    from workshop.tui.screens.run import RunScreen

ENTRY_TYPES = {"action": "action", "next": "next_step"}  # entry field id -> action type
DETAILS = ("owner", "due", "measure")  # the fields beside the text, as Action names them


class WrapupView(EntryEditing, JourneyView):
    DEFAULT_CSS = css_beside(__file__)

    BINDINGS = [
        Binding("f6", "export", _("Export"), tooltip=_("Export the report")),
        Binding("ctrl+y", "copy_summary", _("Summary"), tooltip=_("Copy a summary")),
        *edit_bindings(),
    ]

    ENTRY = "#action"
    KEPT_FIELDS = frozenset(DETAILS[:2])  # owner and date stay for the next action
    TEXT_WIDTH = 18
    ENTITY, ID, LIST = "action", "aid", "#actions"
    WRITES = frozenset({"edit", "delete"})
    WHOLE_JOURNEY_ROW = True

    def __init__(self, live, step, **kwargs):
        super().__init__(live, step, **kwargs)
        self._last_field = "action"  # the text field the owner was last typed for
        self._kept: dict[str, str] = {}  # the detail fields as they were before an edit
        self._votes: VoteOrder | None = None  # the vote that orders the moments (prepare)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "export":  # only once the report part is installed
            return hooks.export_available() and self.live.store is not None
        return super().check_action(action, parameters)

    # ---- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        # The moments beside (or, narrow, above) the heading, the actions and the detail
        # of the one under the cursor: laid out by #body's CSS, with no container of
        # their own (one widget fewer to style, lay out and draw).
        with FlatContainer(id="body"):
            yield self.moments_table(focusable=False)
            yield TextView(id="heading")
            yield SyncedTable([("aid", "#", 3), ("type", t("Type"), 10),
                               ("text", t("Action"), 20), ("owner", t("Owner"), 12),
                               ("due", t("By when"), 10),
                               ("measure", t("Measure of success"), 18),
                               ("moment", t("Moment"), max(6, len(t("Moment"))))],
                              self._render_action, flex="text", id="actions",
                              want_flex=20, shrink=[{"measure": None}, {"due": None}])
            # The entry under the cursor in full: owner, date and measure whatever
            # the width left for the columns.
            yield TextView(id="action-detail")
        if not self.live.readonly:
            # Imported here: a finished session, opened read-only, has no entry fields.
            from workshop.tui.widgets.entry_field import EntryField

            with Horizontal(id="entries"):
                yield EntryField(placeholder=t("Corrective action"), id="action",
                                 select_on_focus=False, paste="entries")
                yield EntryField(placeholder=t("A next step"), id="next",
                                 select_on_focus=False, paste="entries")
            with Horizontal(id="details"):
                yield EntryField(placeholder=t("Owner"), id="owner",
                                 select_on_focus=False)
                yield EntryField(placeholder=t("By when"), id="due",
                                 select_on_focus=False)
                yield EntryField(placeholder=t("How measured"),
                                 id="measure", select_on_focus=False)
        # One widget for the three buttons (see widgets/button_row.py).
        buttons = []
        if hooks.export_available():
            buttons.append(RowButton("export", t("Report (F6)"), t("Export the report")))
        buttons.append(RowButton("summary", t("Summary ({key})", key=key_name("ctrl+y")),
                                 t("Copy a summary")))
        if hasattr(self.screen, "action_findings"):  # the run screen's, not a test rig's
            buttons.append(RowButton(
                "findings", t("Findings ({key})", key=key_name("ctrl+f")),
                t("The findings: the consultant's synthesis and the insights")))
        yield ButtonRow(buttons, id="buttons")
        yield TextView(id="hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        # The field last typed in, not the last one focused: Tab from the action to the
        # owner passes through the next-step field, and Enter there must save the action.
        if event.input.id in ENTRY_TYPES and event.value.strip():
            self._last_field = event.input.id

    # ---- the moments ------------------------------------------------------------------
    def moment_columns(self) -> list[tuple[str, str, int]]:
        t = self.t
        return [("dots", t("Dots"), max(4, len(t("Dots")))),
                ("n", t("Actions"), max(4, len(t("Actions"))))]

    def prepare(self, state: SessionState) -> None:
        self._counts = count_by_moment(state.actions.values())
        # Corrective actions follow the priorities: the moments in the vote's order, as
        # in the excellence step.
        self._votes = VoteOrder(state)

    def moment_order(self, state: SessionState) -> list[Moment]:
        assert self._votes is not None  # prepare() runs first
        return self._votes.moments

    def moment_extra(self, state: SessionState, m: Moment) -> tuple:
        assert self._votes is not None  # prepare() runs first
        return (self._votes.dots.get(m.mid), self._counts[m.mid])

    def row_context(self, state: SessionState) -> object:
        assert self._votes is not None  # prepare() runs first
        return (self._counts, self._votes.dots)

    def whole_journey_extra(self, state: SessionState) -> tuple:
        return (None, self._counts[None])

    def render_extra(self, extra: tuple) -> tuple:
        dots, count = extra
        return (dots_cell(dots), cell(count or "", "bold"))

    # ---- the list of actions ------------------------------------------------------------
    def refresh_state(self) -> None:
        if not self.is_mounted:
            return
        state = self.live.state
        super().refresh_state()
        number: dict[int | None, int] = {mid: i for i, mid in enumerate(state.order, start=1)}
        ordered = sorted(state.actions.values(), key=lambda a: (a.type != "action", a.aid))
        self.query_one("#actions", SyncedTable).sync([
            (str(a.aid), (a.aid, a.type, a.text, a.owner, a.due, a.measure, number.get(a.mid)))
            for a in ordered])
        self._show_detail()
        self.show_hint()

    def _show_detail(self) -> None:
        t, table = self.t, self.query_one("#actions", SyncedTable)
        key = table.selected_key
        a = self.live.state.actions.get(int(key)) if key is not None else None
        text = Text()
        if a is not None:
            parts = [t("Owner: {who}", who=a.owner) if a.owner else t("no owner yet"),
                     t("by {when}", when=a.due) if a.due else t("no date yet"),
                     t("measured by: {measure}", measure=a.measure) if a.measure
                     else t("no measure of success yet")]
            text = plain(f"#{a.aid} · " + " · ".join(" ".join(p.split()) for p in parts),
                         style="dim")
        self.query_one("#action-detail", TextView).update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "actions":
            event.stop()
            self._show_detail()
        else:
            super().on_data_table_row_highlighted(event)

    def _render_action(self, raw: tuple) -> tuple:
        aid, type_, text, owner, due, measure, number = raw
        kind = self.t("action") if type_ == "action" else self.t("next step")
        return (aid, cell(kind, "bold" if type_ == "action" else "cyan"), cell(text),
                cell(owner or ""), cell(due or ""), cell(measure or ""),
                cell("" if number is None else number))

    def moment_changed(self) -> None:
        mid, state = self.selected_mid, self.live.state
        if mid is None:
            head = Text(self.t("New entries: for the whole journey."), style="bold")
        else:
            head = Text(self.t("New entries tied to moment {n}: ", n=state.order.index(mid) + 1),
                        style="bold")
            head.append(" ".join(visible(state.moments[mid].text).split()))
        self.query_one("#heading", TextView).update(head)

    def show_hint(self) -> None:
        t = self.t
        if self.live.readonly:
            text = ""  # its keys edit and delete: off when nothing is written
        elif self.editing is not None:
            text = t("Editing: Enter saves, Escape cancels.")
        else:
            text = t("↑/↓ moment · shift+Tab to the list: e edits, x deletes")
            votes = self._votes.hint(t) if self._votes is not None else ""
            text = f"{votes} {text}" if votes else text  # why not in journey order
        self.query_one("#hint", TextView).update(Text(text, style="dim"))

    # ---- entries ------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id in DETAILS:  # Enter beside the text saves the entry it goes with
            field = self._edit_field if self.editing is not None else None
            editing = field is not None
            entry = field if field is not None else self.query_one(f"#{self._last_field}", Input)
            if self._save(entry) and not editing:  # an edit ends in the list, as elsewhere
                entry.focus()
        elif event.input.id in ENTRY_TYPES:
            self._save(event.input)

    def _details(self) -> dict[str, str | None]:
        return {key: self.query_one(f"#{key}", Input).value.strip() or None for key in DETAILS}

    def _save(self, entry: Input) -> bool:
        text = entry.value.strip()
        if not text:
            return False
        if self.editing_in(entry):
            self.submit_edit(text)
            return True
        if self.live.record("action_added", type=ENTRY_TYPES[entry.id or ""], text=text,
                            mid=self.selected_mid, **self._details()) is None:
            return False
        entry.value = ""
        self.query_one("#measure", Input).value = ""  # one action's; owner and date stay
        return True

    def entry_items(self) -> dict[int, Action]:
        return self.live.state.actions

    def edit_field(self, a: Action) -> Input:
        return self.query_one("#action" if a.type == "action" else "#next", Input)

    # ---- editing: the text and its details together ------------------------------------
    def action_edit(self) -> None:
        super().action_edit()
        item = self.entry_items().get(self.editing) if self.editing is not None else None
        if item is None:
            return
        if not self._kept:
            self._kept = {key: self.query_one(f"#{key}", Input).value for key in DETAILS}
        for key in DETAILS:
            self.query_one(f"#{key}", Input).value = getattr(item, key) or ""

    def save_edit(self, item: Action, value: str) -> bool:
        text = value.strip()
        if not text:
            return False
        changes = {key: value or "" for key, value in self._details().items()
                   if value != getattr(item, key)}
        if text != item.text:
            changes["text"] = text
        if not changes:
            return True
        return self.live.record("entry_edited", entity="action", id=item.aid,
                                **changes) is not None

    def end_edit(self) -> None:
        editing = self.editing is not None
        super().end_edit()
        if editing and self.is_mounted:  # the fields as they were before the edit
            for key in DETAILS:
                self.query_one(f"#{key}", Input).value = self._kept.get(key, "")
            self._kept = {}

    # ---- the report ---------------------------------------------------------------------
    def on_button_row_pressed(self, event: ButtonRow.Pressed) -> None:
        event.stop()
        if event.name == "export":
            self.action_export()
        elif event.name == "summary":
            self.action_copy_summary()
        elif event.name == "findings":
            cast("RunScreen", self.screen).action_findings()  # the panel's screen

    def action_copy_summary(self) -> None:
        # The run screen's own summary: under pseudonyms, since it leaves the room.
        from workshop.tui.clipboard import copy_text

        self.notify(copy_text(self.app, hooks.summary_text(self.live.state)), timeout=6)

    def action_export(self) -> None:
        if self.live.store is not None and hooks.export_available():
            go_to = getattr(self.screen, "go_to", None)
            hooks.export_report(self.app, self.live.store.path, self.live.state, go_to)


STEP_KINDS = ("wrapup",)
VIEW = WrapupView
