"""The run screen's banner about its file (moved, deleted, the disk full): made the first
time it has something to say, with its CSS here, parsed only then (every start parsed
its rules with the run screen's, for a file that almost never goes missing)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal

from workshop.i18n import t
from workshop.tui.plain import Plain
from workshop.tui.widgets.buttons import button


class FileBanner(Horizontal):
    """The message, and the button that saves a copy (``#run-save-copy``)."""

    DEFAULT_CSS = """
    FileBanner { height: auto; background: $error-muted; padding: 0 1; }
    FileBanner > #run-banner-text { width: 1fr; height: auto; padding: 1 0; }
    FileBanner > Button { margin: 1 0 0 1; }
    """

    def __init__(self, message: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._message = message

    def compose(self) -> ComposeResult:
        yield Plain(self._message, id="run-banner-text")
        yield button(t("Save a copy as…"), id="run-save-copy", variant="error")
