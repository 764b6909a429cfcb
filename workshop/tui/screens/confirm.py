"""Questions: yes or no (``ConfirmScreen``), or one of a few ways on (``ChoiceScreen``).

Each answer is a button with a key of its own (shown on the button) and Enter presses
the focused one, so a question is answered from the keyboard in one key; the focused
button at first is the safe answer the caller names (``default``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from workshop.tui.keys import _
from workshop.tui.plain import Plain
from workshop.tui.screens.dialog import Dialog


class ChoiceScreen(Dialog[str | None]):
    """Returns the id of the chosen answer, or None for Escape.

    ``choices`` are (id, label, key): the key (a letter) answers at once. Buttons are
    laid out in the order given; ``default`` has the focus (Enter answers it)."""

    BINDINGS = [Binding("escape", "dismiss(None)", _("Cancel")),
                Binding("left", "app.focus_previous", show=False),
                Binding("right", "app.focus_next", show=False)]

    def __init__(self, question: str, choices: list[tuple[str, str, str]], *,
                 default: str | None = None):
        super().__init__()
        self.question, self.choices = question, choices
        self.default = default or choices[-1][0]
        self._keys = {key.lower(): cid for cid, _, key in choices if key}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question)
            with Horizontal(classes="dialog-buttons"):
                for cid, label, key in self.choices:
                    yield Button(f"{label} ({key})" if key else label, id=f"choice-{cid}",
                                 variant="primary" if cid == self.default else "default")

    def on_mount(self) -> None:
        self.query_one(f"#choice-{self.default}").focus()

    def on_key(self, event) -> None:
        chosen = self._keys.get((event.character or "").lower())
        if chosen is not None:
            event.stop()
            self.dismiss(chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss((event.button.id or "").removeprefix("choice-"))


class ConfirmScreen(Dialog[bool]):
    """Returns True for yes. ``default`` says which button has the focus at first."""

    BINDINGS = [Binding("escape", "no", _("Cancel"))]

    def __init__(self, question: str, *, yes: str, no: str, default: str = "yes"):
        super().__init__()
        self.question, self.yes, self.no, self.default = question, yes, no, default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.question)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.no, id="no")
                yield Button(self.yes, id="yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.default == "yes" else "#no").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_no(self) -> None:
        self.dismiss(False)
