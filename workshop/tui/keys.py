"""Key bindings whose descriptions are shown in the session's language.

Binding descriptions are written in English and marked with ``_`` so the translation
test finds them; the footer, the help screen and the command palette translate them
when they draw (the language is only known once a session is open).

A binding's ``description`` is the footer's label, short enough for an 80-column footer
("Merge"); its ``tooltip``, when it has one, is the whole text ("Merge duplicates"),
shown by the help screen (F1) and when the mouse rests on the footer's key.
"""

from __future__ import annotations


def _(message: str) -> str:
    """Mark a message for translation at display time (returns it unchanged)."""
    return message
