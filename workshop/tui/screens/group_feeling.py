"""The group's feeling for one moment, where there is no time for individual marks.

One line, typed as the facilitator would say it: the feeling first (−2 … +2), then how
split the room was ("-1 split: four annoyed, two did not mind"). The line is read by
the core (``journey.parse_group_feeling``); a refusal keeps what was typed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from workshop.core.errors import RuleError
from workshop.core.journey import parse_group_feeling
from workshop.core.kinds.feelings import group_feelings, signed
from workshop.tui.keys import _
from workshop.tui.live import LiveSession
from workshop.tui.plain import Plain, PlainLabel
from workshop.tui.screens.dialog import Dialog
from workshop.tui.widgets.entry_field import EntryField


class GroupFeelingScreen(Dialog[None]):
    """Saved on Enter; Escape cancels."""

    BINDINGS = [Binding("escape", "dismiss", _("Cancel"))]

    def __init__(self, live: LiveSession, mid: int):
        super().__init__()
        self.live, self.mid = live, mid

    def compose(self) -> ComposeResult:
        t, state = self.live.t, self.live.state
        moment = state.moments[self.mid]
        before = group_feelings(state).get(self.mid)
        with Vertical(classes="dialog"):
            yield PlainLabel(t("The group's feeling"), classes="dialog-title")
            yield Plain(t("Moment “{text}”", text=" ".join(moment.text.split())),
                        classes="dialog-context")
            yield Plain(t("How did this moment feel to the room, from −2 (very bad) to +2 "
                          "(very good)? Type the mark, then how split the room was."),
                        classes="dialog-hint")
            field = EntryField(placeholder=t("-1 split: four annoyed, two did not mind"),
                               id="group-feeling", select_on_focus=False)
            if before is not None:  # changing it: what was recorded, to edit
                field.value = signed(before.value).replace("\u2212", "-") + (
                    f" {before.text}" if before.text else "")
            yield field
            yield Plain("", id="group-feeling-error", classes="dialog-error")
            yield Plain(t("Enter saves · Escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#group-feeling").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            value, note = parse_group_feeling(event.value)
        except RuleError as exc:
            self.query_one("#group-feeling-error", Plain).update(str(exc))
            return
        data: dict[str, object] = {"mid": self.mid, "value": value}
        if note:
            data["text"] = note
        if self.live.record("group_feeling_given", **data) is not None:
            self.dismiss()
