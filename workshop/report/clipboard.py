"""Copying text for the user: the system clipboard, or the terminal's (OSC 52).

pyperclip needs a desktop clipboard (xclip, wl-copy, pbcopy…). Over SSH or on a headless
machine it raises; then Textual's ``App.copy_to_clipboard`` asks the terminal itself to
copy (OSC 52), which most terminals honour. Which one worked is returned, so the UI can
tell the user where the text went.
"""

from __future__ import annotations

from workshop.core.errors import WorkshopError
from workshop.i18n import t as tr
from workshop.i18n import translator

SYSTEM = "system"      # pyperclip reached the desktop clipboard
TERMINAL = "terminal"  # sent to the terminal with OSC 52


class ClipboardError(WorkshopError):
    """No clipboard could take the text."""


def copy_text(text: str, app=None) -> str:
    """Copy ``text``; return SYSTEM or TERMINAL. Raise ClipboardError if neither works."""
    try:
        import pyperclip

        pyperclip.copy(text)
        return SYSTEM
    except Exception:  # PyperclipException, or no backend at all
        if app is None:
            raise ClipboardError(tr("No clipboard is available here: save the text to a file "
                                     "instead.")) from None
    app.copy_to_clipboard(text)
    return TERMINAL


def copied_message(method: str, lang: str | None = None) -> str:
    """What to tell the user after ``copy_text``."""
    t = translator(lang)
    if method == SYSTEM:
        return t("Summary copied to the clipboard.")
    return t("Summary sent to the terminal's clipboard (OSC 52). If pasting gives nothing, "
             "this terminal does not allow it: export the report as Markdown instead.")
