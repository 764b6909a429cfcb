"""Save everything recorded so far into a new file and go on there."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input

from workshop.core.errors import WorkshopError
from workshop.core.safetext import visible
from workshop.core.store import Store
from workshop.core.targets import not_a_file
from workshop.i18n import t
from workshop.tui.keys import _
from workshop.tui.plain import Plain, PlainLabel
from workshop.tui.screens.dialog import Dialog
from workshop.tui.widgets.entry_field import EntryField


def suggested_copy(path: Path, folder: Path | None = None) -> Path:
    """In ``folder``; by default beside the original if its folder is still there, else
    in the home folder. Never the name of a file already there."""
    folder = folder or (path.parent if path.parent.is_dir() else Path.home())
    candidate, n = folder / f"{path.stem}-copy.db", 2
    while candidate.exists():
        candidate, n = folder / f"{path.stem}-copy-{n}.db", n + 1
    return candidate


class SaveCopyScreen(Dialog[Store | None]):
    """Returns the copy, open for writing, or None if the user gave up."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"))]

    def __init__(self, store: Store):
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield PlainLabel(t("Save a copy as…"), classes="dialog-title")
            yield Plain(t("Everything recorded so far goes into the new file, and the session "
                          "goes on there. Pick a folder on another disk if this one is full."),
                        classes="dialog-context")
            yield EntryField(visible(suggested_copy(self.store.path)), id="copy-path")
            yield Plain("", id="copy-error", classes="dialog-error")
            yield Plain(t("Enter saves · Escape cancels"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#copy-path").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw:
            return
        path = Path(raw).expanduser()
        if path.is_dir():  # "pick a folder on another disk": the copy goes inside it
            path = suggested_copy(self.store.path, path)
        elif not_a_file(path):  # /dev/null, a pipe: refused by what it is, not its name
            self.query_one("#copy-error", Plain).update(not_a_file(path))
            return
        elif path.suffix != ".db":
            path = path.with_name(path.name + ".db")
        try:
            self.store.save_copy(path)
            copy = Store.open(path)
        except WorkshopError as exc:
            self.query_one("#copy-error", Plain).update(str(exc))
            return
        self.dismiss(copy)
