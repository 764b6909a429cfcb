"""Key bindings whose descriptions are shown in the session's language.

Binding descriptions are written in English and marked with ``_`` so the translation
test finds them; the footer, the help screen and the command palette translate them
when they draw (the language is only known once a session is open).
"""

from __future__ import annotations


def _(message: str) -> str:
    """Mark a message for translation at display time (returns it unchanged)."""
    return message
