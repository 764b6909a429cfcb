"""A note or a verbatim quote, taken at any moment of the session.

F2 in the dialog (the key that opened it, pressed again) marks what is typed as an
insight: the facilitator's flag for what should lead the synthesis, shown on the
findings screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input

from workshop.core.entry import parse_entry
from workshop.i18n import t
from workshop.tui.keys import _, key_name
from workshop.tui.live import LiveSession
from workshop.tui.plain import Plain, PlainLabel
from workshop.tui.screens.dialog import Dialog
from workshop.tui.widgets.entry_field import EntryField
from workshop.tui.widgets.toggles import Tick


class NoteScreen(Dialog[None]):
    """Saved on Enter, with the current step and moment. A refusal keeps the text."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel")),
                Binding("f2", "toggle_insight", _("Insight"),
                        tooltip=_("Mark it as an insight for the findings"))]

    def __init__(self, live: LiveSession, kind: str, step: int | None, mid: int | None):
        super().__init__()
        self.live, self.kind, self.step, self.mid = live, kind, step, mid

    def compose(self) -> ComposeResult:
        state = self.live.state
        where = []
        if self.step is not None and self.step < len(state.steps):
            where.append(t("Step {n}: {title}", n=self.step + 1,
                           title=state.steps[self.step].title))
        moment = state.moments.get(self.mid) if self.mid is not None else None
        if moment is not None:
            where.append(t("moment “{text}”", text=moment.text))
        with Vertical(classes="dialog"):
            yield PlainLabel(t("Verbatim quote") if self.kind == "quote" else t("Note"),
                             classes="dialog-title")
            yield Plain(" · ".join(where), classes="dialog-context")
            yield EntryField(placeholder=t("3: what was said (a number first names who said it)"),
                             id="note-text")
            yield Plain("", id="note-who", classes="dialog-hint")
            with Horizontal(classes="note-marks"):  # side by side: 80x24 has few lines
                yield Tick(t("Verbatim quote"), self.kind == "quote", id="note-quote")
                yield Tick(t("Insight (F2)"), False, id="note-insight")
            yield Plain(t("Enter saves · F2 marks an insight · Escape cancels"),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        field = self.query_one("#note-text", Input)
        draft, self.live.note_draft = self.live.note_draft, None
        if draft is not None:  # left with Escape: back as it was
            field.value = draft["text"]
            self.query_one("#note-quote", Checkbox).value = draft["quote"]
            self.query_one("#note-insight", Checkbox).value = draft["insight"]
        field.focus()

    def typed_lines(self) -> list[str]:
        """The line a quit would lose (the app asks first)."""
        text = self.query_one("#note-text", Input).value
        return [text] if text.strip() else []

    def action_cancel(self) -> None:
        """Escape saves nothing, but a line typed is kept for the next F2 or F3: what a
        participant said aloud cannot be asked for again."""
        text = self.query_one("#note-text", Input).value
        if text.strip():
            self.live.note_draft = {
                "text": text, "quote": self.query_one("#note-quote", Checkbox).value,
                "insight": self.query_one("#note-insight", Checkbox).value}
            self.notify(t("Not saved: {key} opens it again as you left it.",
                          key=key_name("f2")), timeout=5)
        self.dismiss()

    def _title(self) -> str:
        quote = self.query_one("#note-quote", Checkbox).value
        if self.query_one("#note-insight", Checkbox).value:
            return t("Verbatim quote · insight") if quote else t("Insight")
        return t("Verbatim quote") if quote else t("Note")

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.query_one(".dialog-title", PlainLabel).update(self._title())

    def action_toggle_insight(self) -> None:
        box = self.query_one("#note-insight", Checkbox)
        box.value = not box.value

    def on_input_changed(self, event: Input.Changed) -> None:
        pid, _text = parse_entry(event.value, self.live.state)
        who = self.query_one("#note-who", Plain)
        who.update(t("Said by: {who}", who=self.live.state.participant_label(pid))
                   if pid is not None else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        state = self.live.state
        pid, text = parse_entry(event.value, state)
        if not text:
            self.notify(t("The text is empty."), severity="warning", timeout=3)
            return
        kind = "quote" if self.query_one("#note-quote", Checkbox).value else "note"
        data: dict[str, object] = {"text": text, "type": kind}
        if self.query_one("#note-insight", Checkbox).value:
            data["insight"] = True
        if pid is not None:
            data["pid"] = pid
        if self.mid in state.moments:
            data["mid"] = self.mid
        if self.step is not None:
            data["step"] = self.step
        if self.live.record("note_added", **data) is not None:
            if data.get("insight"):
                self.notify(t("Insight saved: it is on the findings screen ({key}).",
                                key=key_name("ctrl+f")), timeout=3)
            else:
                self.notify(t("Quote saved.") if kind == "quote" else t("Note saved."), timeout=2)
            self.dismiss()
