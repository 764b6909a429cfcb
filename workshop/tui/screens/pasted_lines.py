"""A paste of several lines into an entry field: add each line as an entry, join them
into one line, or cancel. Shows what each choice gives before anything is saved."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button

from workshop.i18n import t
from workshop.tui.keys import _
from workshop.tui.plain import Plain
from workshop.tui.screens.dialog import Dialog

SHOWN = 8  # lines listed; the rest are counted
WIDTH = 66
# More lines than this are not offered as separate entries: a paste that long is a
# document pasted by mistake, and undo takes entries back one at a time.
MOST_ENTRIES = 50


def _cut(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class PastedLinesScreen(Dialog[None]):
    """``choose(choice, entries, joined)`` is called while the choosing key is handled,
    before the dialog closes, so that keys typed after it wait for the entries to be
    added (choice: "entries", "join" or None)."""

    # Digits and Enter: the same keys in every language. The buttons never take the
    # focus, so Enter is always the first choice, whatever was clicked or tabbed to.
    BINDINGS = [
        Binding("enter,1", "choose('entries')", _("Add each line as an entry")),
        Binding("2", "choose('join')", _("Join the lines into one")),
        Binding("escape", "choose('')", _("Cancel")),
    ]

    def __init__(self, entries: list[str], joined: str, *, left_out: int,
                 choose: Callable[[str | None, list[str], str], None]):
        super().__init__()
        self.entries, self.joined, self.left_out = entries, joined, left_out
        self._choose = choose
        self._chosen = False

    def compose(self) -> ComposeResult:
        n = len(self.entries)
        listing = [f"{i:>3}  {_cut(line)}" for i, line in enumerate(self.entries[:SHOWN], 1)]
        if n > SHOWN:
            listing.append("     " + t("… and {n} more", n=n - SHOWN))
        with Vertical(classes="dialog", id="pasted"):
            yield Plain(t("{n} lines pasted", n=n), classes="dialog-title")
            yield Plain("\n".join(listing), id="pasted-lines")
            if self.left_out:
                yield Plain(t("Empty lines left out: {n}.", n=self.left_out),
                            classes="dialog-hint")
            yield Plain(t("Joined: {text}", text=_cut(self.joined, WIDTH * 2 - 10)),
                        id="pasted-joined", classes="dialog-context")
            if n > MOST_ENTRIES:
                yield Plain(t("More than {most} lines cannot be added one by one: join "
                              "them, or cancel and paste fewer.", most=MOST_ENTRIES),
                            classes="dialog-error")
            choices = [(t("Esc  Cancel"), "cancel"), (t("2  Join into one"), "join")]
            if n <= MOST_ENTRIES:
                choices.append((t("Enter  Add {n} entries", n=n), "entries"))
            with Horizontal(classes="dialog-buttons"):
                for label, choice in choices:
                    button = Button(label, id=f"pasted-{choice}", compact=True,
                                    variant="primary" if choice == "entries" else "default")
                    button.can_focus = False  # for the mouse: the keys are the screen's
                    yield button

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_choose((event.button.id or "").removeprefix("pasted-").replace("cancel", ""))

    def action_choose(self, choice: str) -> None:
        if self._chosen:  # a second key before the dialog closed
            return
        if choice == "entries" and len(self.entries) > MOST_ENTRIES:
            self.app.bell()
            return
        self._chosen = True
        self._choose(choice or None, self.entries, self.joined)
        self.dismiss()
