"""Copy text for the user: the system clipboard if there is one, else OSC 52."""

from __future__ import annotations

from textual.app import App

from workshop.i18n import t


def copy_text(app: App, text: str) -> str:
    """Copy ``text`` and return a message saying how it was copied."""
    try:
        import pyperclip

        pyperclip.copy(text)
        return t("Copied to the clipboard.")
    except Exception:  # no clipboard tool (headless, SSH): the terminal can still copy
        app.copy_to_clipboard(text)
        return t("Sent to the terminal's clipboard (works in most terminals, over SSH too).")
